import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { LanguageId } from '../parse/languages';
import { contentSkipReason } from '../walk/walker';
import { extractWith, languageKit } from './extractFile';
import type { FileFacts } from './facts';
import type { EncodedFacts } from './mapCache';

export interface ParseTask {
  path: string;
  abs: string;
  language: LanguageId;
  /** Hash from the cache: when the content still has it, nothing is parsed. */
  knownHash?: string;
  /** Also extract the file's entry facts (see MapOptions.entryFacts); `lazy`: router facts only where the text may import a framework (jsFileEntry.ts). */
  entryFacts?: true | 'lazy';
  /** With entryFacts, for a Go, Java or Kotlin file: every Go file of the repository; the file's pass record is taken too (entry/passEntry.ts). */
  goFiles?: readonly string[];
}

export type ParseOutcome =
  | { path: string; hash: string; facts: FileFacts; encoded?: EncodedFacts }
  | { path: string; hash: string; unchanged: true }
  | { path: string; skip: string };

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Same bytes and language as a file the caller has already parsed (see processFileOnce). */
export interface Duplicate {
  path: string;
  hash: string;
  duplicate: true;
}

/** Reads, checks, hashes and extracts one file; the same code runs in workers and in-process. */
export function processFile(task: ParseTask): Promise<ParseOutcome> {
  return processFileOnce(task, () => false) as Promise<ParseOutcome>;
}

/** processFile for a caller that keeps facts by content: `known(hash)` skips parsing a copy. */
export async function processFileOnce(task: ParseTask, known: (hash: string) => boolean): Promise<ParseOutcome | Duplicate> {
  let text: string;
  try {
    text = fs.readFileSync(task.abs, 'utf8');
  } catch {
    return { path: task.path, skip: 'unreadable' };
  }
  const reason = contentSkipReason(text);
  if (reason) return { path: task.path, skip: reason };
  const hash = hashText(text);
  if (task.knownHash === hash) return { path: task.path, hash, unchanged: true };
  if (known(hash)) return { path: task.path, hash, duplicate: true };
  const kit = await languageKit(task.language);
  try {
    return { path: task.path, hash, facts: extractWith(kit, text, task.entryFacts ? task.path : undefined, task.entryFacts === 'lazy', task.entryFacts ? task.goFiles : undefined) };
  } catch {
    // A grammar that gives up (timeout, stack) must not sink the map.
    return { path: task.path, skip: 'parse-failed' };
  }
}

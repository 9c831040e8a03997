// The records of Go, Java and Kotlin files (passFileFacts.ts) taken by the map's workers from the
// tree they parse for the map anyway, as JS/TS files' entry facts are (jsFileEntry.ts): the
// entry-point pass then neither reads nor parses those files again, and the map cache keeps the
// records, so that a later pass (another command, an edit of one file) reads only the files that
// changed. A Go record depends on one thing besides its file: where each import resolves in the
// repository (ModuleIndex.resolveGoDir, from the folders that hold Go files). The workers resolve
// against the Go files the walk found; the pass takes a record only when every import still
// resolves the same way against the files it links, and reads the file itself otherwise. (Python
// records resolve modules throughout and are left to the pass.)
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import { ENTRY_FACTS_VERSION } from './facts/types';
import { isTestFile } from './fileRoutes';
import { noFacts, parsesFile, treeRecord, type PassFileFacts } from './passFileFacts';
import { forJson, restoredCopy } from './recordClone';
import { ModuleIndex } from './resolveModule';

export const PASS_ENTRY_VERSION = `pass1.${ENTRY_FACTS_VERSION}`;

/**
 * What the map keeps of a file for the pass: its record as JSON carries it (recordClone.ts
 * forJson); none when the record holds what JSON cannot (then the pass reads the file).
 */
export interface PassEntry {
  v: string;
  rec?: PassFileFacts;
}

/** Whether the map's entry for a file is a pass record (else a JS/TS file's entry facts). */
export function isPassEntry(e: { v: string } | undefined): e is PassEntry {
  return e !== undefined && e.v.startsWith('pass');
}

/** Whether the map's workers take this file's record when entry facts are asked for (the pass leaves tests out). */
export function wantsPassEntry(language: LanguageId, file: string): boolean {
  return (language === 'go' || language === 'java' || language === 'kotlin') && !isTestFile(file);
}

/** Module indexes of the Go files a batch of tasks shares (one array per batch after the thread crossing). */
const indexes = new WeakMap<readonly string[], ModuleIndex>();
const NO_FILES: readonly string[] = [];

/** The record of a file from its tree; `goFiles`: every Go file of the repository, root-relative (for a Go file). */
export function extractPassEntry(tree: Tree, language: LanguageId, file: string, text: string, goFiles: readonly string[] = NO_FILES): PassEntry {
  const f = { path: file, language };
  // A file whose text shows it cannot matter: the pass takes nothing from it either.
  if (!parsesFile(f, text)) return { v: PASS_ENTRY_VERSION, rec: noFacts() };
  let modules = indexes.get(goFiles);
  if (!modules) {
    modules = new ModuleIndex(goFiles);
    indexes.set(goFiles, modules);
  }
  const rec = forJson(treeRecord(tree, f, text, modules)) as PassFileFacts | undefined;
  return rec ? { v: PASS_ENTRY_VERSION, rec } : { v: PASS_ENTRY_VERSION };
}

/**
 * The pass's record of a file from what the map kept, or undefined when there is none of this
 * version or a Go import of it resolves elsewhere against `modules` (the files the pass links):
 * then the pass reads the file itself. A fresh copy each time: the pass changes what it is given,
 * and the kept one stays as it was.
 */
export function passRecordFrom(entry: PassEntry | undefined, modules: ModuleIndex): PassFileFacts | undefined {
  if (entry?.v !== PASS_ENTRY_VERSION || !entry.rec) return undefined;
  const rec = restoredCopy<PassFileFacts>(entry.rec);
  const imports = rec.go?.imports;
  if (imports) for (const k of Object.keys(imports)) if (imports[k].dir !== modules.resolveGoDir(imports[k].path)) return undefined;
  return rec;
}

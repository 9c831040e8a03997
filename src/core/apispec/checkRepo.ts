// The API description check for a repository: finds its OpenAPI/Swagger documents (by name and
// first bytes, dependencies and build output left out), reads them and compares them with the
// routes found. Undefined when the repository has no such document.
import * as fs from 'node:fs';
import type { EntryPoint } from '../entry/types';
import { resolveInside } from '../paths';
import type { WalkResult } from '../walk/walker';
import { walk } from '../walk/walker';
import { compareSpec } from './compareSpec';
import { looksLikeSpec, readSpec } from './readSpec';
import type { ApiDocument, ApiOperation, ApiSpecCheck } from './types';

const MAX_CANDIDATES = 5000;

function head(abs: string): string {
  const fd = fs.openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** The JSON and YAML files among a walk's folder listings: the documents' candidates (the check reads the head of each). */
export function specCandidates(walked: Pick<WalkResult, 'listings'>): string[] {
  const list: string[] = [];
  for (const [dir, entries] of walked.listings) for (const [name, kind] of entries) if (kind === 'file' && /\.(ya?ml|json)$/i.test(name)) list.push(dir ? `${dir}/${name}` : name);
  return list;
}

/** Root-relative paths of the OpenAPI/Swagger documents in the repository. */
export function findSpecFiles(root: string, files?: readonly string[]): string[] {
  const all = files ?? specCandidates(walk({ root }));
  const out: string[] = [];
  for (const rel of all.filter((f) => /\.(ya?ml|json)$/i.test(f)).slice(0, MAX_CANDIDATES)) {
    try {
      if (looksLikeSpec(rel, head(resolveInside(root, rel)))) out.push(rel);
    } catch {
      // unreadable: not a document we can use
    }
  }
  return out.sort();
}

export function checkApiSpec(root: string, entries: readonly EntryPoint[], files?: readonly string[]): ApiSpecCheck | undefined {
  const specs = findSpecFiles(root, files);
  if (!specs.length) return undefined;
  const documents: ApiDocument[] = [];
  const operations: ApiOperation[] = [];
  const unreadable: ApiSpecCheck['unreadable'] = [];
  for (const file of specs) {
    let text: string;
    try {
      text = fs.readFileSync(resolveInside(root, file), 'utf8');
    } catch (err) {
      unreadable.push({ file, reason: (err as NodeJS.ErrnoException).code ?? 'unreadable' });
      continue;
    }
    const r = readSpec(file, text);
    if (r.document) {
      documents.push(r.document);
      operations.push(...r.operations);
    } else unreadable.push({ file, reason: r.problem ?? 'unreadable' });
  }
  return compareSpec(documents, operations, entries, unreadable);
}

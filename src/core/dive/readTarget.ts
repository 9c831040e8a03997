// `FILE[:START-END]` as people type it, checked against the root, the file and the scope.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeepDiveError } from '../errors';
import type { LineRange, Scope } from '../model/types';
import { relativeInside, toPosix } from '../paths';
import { scopeMatcher } from '../walk/scope';

export interface ReadSpec {
  file: string;
  range?: LineRange;
}

/** Splits "src/a.ts:10-20" / "src/a.ts:7" / "src/a.ts". Lines are 1-based, inclusive. */
export function parseReadSpec(spec: string): ReadSpec {
  const m = /^(.*):(\d+)(?:-(\d+))?$/.exec(spec);
  if (!m) {
    if (/:\d*-?\d*$/.test(spec) && /:[^/\\]*$/.test(spec) && !/^[A-Za-z]:[\\/]/.test(spec)) {
      throw new DeepDiveError(`bad line range in ${JSON.stringify(spec)} (expected FILE:START-END, 1-based, e.g. src/a.ts:10-40)`);
    }
    return { file: spec };
  }
  const start = Number(m[2]);
  const end = m[3] !== undefined ? Number(m[3]) : start;
  if (start < 1) throw new DeepDiveError(`lines start at 1, got ${start}`, spec);
  if (end < start) throw new DeepDiveError(`range ends (${end}) before it starts (${start})`, spec);
  return { file: m[1], range: { start, end } };
}

/**
 * The root-relative path of a file the reader names, or a one-line reason: outside the root
 * (also through a symlink), not a file, or outside the deep dive's scope.
 */
export function checkReadableFile(root: string, file: string, scope: Scope): { rel: string; abs: string } {
  const absRoot = path.resolve(root);
  const abs = path.resolve(absRoot, file);
  const rel = relativeInside(absRoot, abs);
  if (rel === undefined || rel === '') throw new DeepDiveError(`outside the root ${absRoot}: refusing to record it`, file);
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch {
    throw new DeepDiveError('no such file', rel);
  }
  if (relativeInside(fs.realpathSync(absRoot), real) === undefined) throw new DeepDiveError(`links outside the root ${absRoot}: refusing to record it`, rel);
  if (!fs.statSync(real).isFile()) throw new DeepDiveError('not a file', rel);
  const posix = toPosix(rel);
  if (!scopeMatcher(scope).inScope(posix)) {
    const ex = scope.exclude.length ? `, exclude ${scope.exclude.join(' ')}` : '';
    throw new DeepDiveError(`outside the deep dive's scope (include ${scope.include.join(' ') || '**'}${ex})`, posix);
  }
  return { rel: posix, abs };
}

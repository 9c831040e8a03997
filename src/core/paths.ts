import * as path from 'node:path';
import { DeepDiveError } from './errors';

/** Forward-slash form of a relative path, as the deep-dive file and the CLI use. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Resolves a root-relative path and refuses anything that escapes the root (`..`, absolute
 * paths elsewhere). Paths in a deep-dive file are untrusted input.
 */
export function resolveInside(root: string, rel: string): string {
  const absRoot = path.resolve(root);
  const abs = path.resolve(absRoot, rel);
  const back = path.relative(absRoot, abs);
  if (back === '' ) return abs;
  if (back.startsWith('..') || path.isAbsolute(back)) {
    throw new DeepDiveError(`path is outside the root ${absRoot}`, rel);
  }
  return abs;
}

/** Root-relative posix path of an absolute path inside root, or undefined when outside. */
export function relativeInside(root: string, abs: string): string | undefined {
  const back = path.relative(path.resolve(root), path.resolve(abs));
  if (back.startsWith('..') || path.isAbsolute(back)) return undefined;
  return toPosix(back);
}

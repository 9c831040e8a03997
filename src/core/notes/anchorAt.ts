// An anchor made from FILE:LINE[-END] as a person types it (CLI, scripts): the file is checked
// to be inside the root, parsed for its enclosing symbol, and stamped with HEAD.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAnchor } from '../anchor/createAnchor';
import { DeepDiveError } from '../errors';
import { repoInfo } from '../history/repo';
import { symbolsOfFile } from '../map/fileSymbols';
import type { SymbolInfo } from '../map/types';
import type { Anchor } from '../model/types';
import { parseCodeLocation } from './codeLocation';
import { languageForPath } from '../parse/languages';
import { relativeInside, toPosix } from '../paths';

/** A root-relative file the reader names, refused when outside the root (also via a link) or missing. */
export function fileInsideRoot(root: string, file: string): { rel: string; abs: string } {
  const absRoot = path.resolve(root);
  const abs = path.resolve(absRoot, file);
  const rel = relativeInside(absRoot, abs);
  if (rel === undefined || rel === '') throw new DeepDiveError(`outside the root ${absRoot}`, file);
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch {
    throw new DeepDiveError('no such file', toPosix(rel));
  }
  if (relativeInside(fs.realpathSync(absRoot), real) === undefined) throw new DeepDiveError(`links outside the root ${absRoot}`, toPosix(rel));
  if (!fs.statSync(real).isFile()) throw new DeepDiveError('not a file', toPosix(rel));
  return { rel: toPosix(rel), abs: real };
}

/** Anchors FILE:LINE[-END] with its text, context, enclosing symbol and HEAD commit. */
export async function anchorAt(root: string, spec: string): Promise<Anchor> {
  const { file, range } = parseCodeLocation(spec);
  const { rel, abs } = fileInsideRoot(root, file);
  const text = fs.readFileSync(abs, 'utf8');
  const language = languageForPath(rel);
  let symbols: SymbolInfo[] | undefined;
  if (language) {
    try {
      symbols = await symbolsOfFile(root, rel, text, language);
    } catch {
      symbols = undefined; // a file that does not parse is still anchored by its text
    }
  }
  let commit: string | undefined;
  try {
    commit = (await repoInfo(root, true)).head;
  } catch {
    commit = undefined;
  }
  return createAnchor(rel, text, range, symbols, commit);
}

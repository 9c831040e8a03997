// Data files a module reads by a path fixed in its code, `fs.readFileSync(path.join(__dirname,
// 'routes.yaml'), 'utf8')`: configuration shipped beside the code (a default routes file, a JSON
// table of endpoints). The interpreter is pure, so the files are found here from the facts before
// it runs (the exact call shape, nothing guessed), read by the caller, and handed to the program;
// the interpreter then gives a read of one its text, and `yaml.load`/`JSON.parse` its value.
// Only JSON and YAML files inside the repository, small, and a bounded number of them.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { EntryFacts } from '../facts/types';
import type { DataFileStamp } from '../types';

/** Past this size a file is data, not configuration: not read. */
export const MAX_DATA_CHARS = 200_000;
const MAX_FILES = 64;
/** Data files named only by a path the interpreter evaluated (`readFile(join(dir, NAME))`): read after a first run. */
export const MAX_EVALUATED_DATA_FILES = 64;
const DATA_FILE = /\.(json|ya?ml)$/i;
/**
 * Files whose stamps an answer may carry: the interpreter's data files, and what the Spring readers
 * read beside the code (pom.xml, build.gradle(.kts), application.properties, a constants class).
 */
const STAMPED_FILE = /\.(json|ya?ml|xml|gradle|kts|properties|java)$/i;


/**
 * Root-relative paths named by `<x>.join(__dirname, 'a', 'b.yaml')` or `<x>.resolve(…)` with only
 * string segments after `__dirname`, in any file: the candidates the interpreter may read. Then,
 * as far as the bound allows, the same with a first part that is not `__dirname` but may evaluate
 * to the module's folder (`join(baseConfigPath, 'defaults.json')` with `baseConfigPath =
 * options.baseConfigPath || __dirname`): read too, and used only where the interpreter finds the
 * path it evaluates to is exactly this one.
 */
export function dataFileCandidates(facts: ReadonlyMap<string, EntryFacts>): string[] {
  // One walk per file finds both kinds (the facts of every file are big to walk); the
  // `__dirname` ones of every file come first, so the bound keeps them before any of the others.
  const found: { dir: string; own: readonly string[][]; nearby: readonly string[][] }[] = [];
  for (const [file, f] of facts) {
    const named = dataPathsNamed(f);
    if (named.own.length || named.nearby.length) found.push({ dir: path.posix.dirname(file), ...named });
  }
  const out = new Set<string>();
  for (const nearby of [false, true])
    for (const { dir, own, nearby: other } of found)
      for (const segments of nearby ? other : own) {
        const p = dataPath(dir, segments);
        if (p && out.size < MAX_FILES) out.add(p);
      }
  return [...out].sort();
}

const namedMemo = new WeakMap<EntryFacts, DataPathsNamed>();

interface DataPathsNamed {
  own: readonly string[][];
  nearby: readonly string[][];
}

/**
 * One file's `join(…)` segments (see dataFileCandidates), from one walk of its facts, kept per facts
 * object (facts are never changed once extracted): the map session walks each file's facts while
 * the parse threads still work (map/entryWarmUp.ts), so that this walk of every file's facts
 * is not on the entry-point pass's own path.
 */
export function dataPathsNamed(facts: EntryFacts): DataPathsNamed {
  let out = namedMemo.get(facts);
  if (!out) {
    const own: string[][] = [];
    const nearby: string[][] = [];
    walk(facts, (segments, isNearby) => (isNearby ? nearby : own).push(segments));
    out = { own, nearby };
    namedMemo.set(facts, out);
  }
  return out;
}

/** `dir` joined with the segments as `path.join` does; undefined outside the repository or not a data file. */
export function dataPath(dir: string, segments: string[]): string | undefined {
  if (segments.some((s) => s.startsWith('/'))) return undefined;
  const p = path.posix.normalize(path.posix.join(dir === '.' ? '' : dir, ...segments));
  if (p === '..' || p.startsWith('../') || p.startsWith('/')) return undefined;
  return p;
}

/** Whether a path is one this pass reads as data. */
export function isDataFile(p: string): boolean {
  return DATA_FILE.test(p);
}

/** Whether a stored answer may name this file among the files it was computed from (entryCache.ts). */
export function isStampedFile(p: string): boolean {
  return STAMPED_FILE.test(p);
}

/**
 * The stamp of a data file's text as read now: `-` when there is none; a text too large to be
 * evaluated (an OpenAPI document of 300,000 characters) is stamped too, marked `big:`, so that an
 * edit of it makes a stored answer that read it (Connexion's operations, for one) stale.
 */
export function stampOf(p: string, text: string | undefined): DataFileStamp {
  if (text === undefined) return { path: p, hash: '-' };
  const hash = createHash('sha1').update(text).digest('hex');
  return { path: p, hash: text.length > MAX_DATA_CHARS ? `big:${hash}` : hash };
}

/** Whether a stamp says the file was not there or too large to evaluate (the interpreter's reads of it throw). */
export function unreadStamp(d: DataFileStamp): boolean {
  return d.hash === '-' || d.hash.startsWith('big:');
}

/**
 * Calls `found` with the string segments of each `*.join(__dirname, 's', …)` naming a data file,
 * and (`nearby`) of each whose first part is a name other than `__dirname`.
 */
function walk(node: unknown, found: (segments: string[], nearby: boolean) => void, depth = 0): void {
  if (!Array.isArray(node) || depth > 200) {
    if (node && typeof node === 'object' && depth <= 200) for (const v of Object.values(node as Record<string, unknown>)) if (v && typeof v === 'object') walk(v, found, depth + 1);
    return;
  }
  if (node[0] === 'c' && Array.isArray(node[1]) && node[1][0] === 'm' && (node[1][2] === 'join' || node[1][2] === 'resolve') && Array.isArray(node[2])) {
    const [first, ...rest] = node[2] as unknown[];
    const dirname = Array.isArray(first) && first[0] === 'id' && first[1] === '__dirname';
    const other = Array.isArray(first) && first[0] === 'id' && first[1] !== '__dirname';
    if ((dirname || other) && rest.length && rest.every((r) => Array.isArray(r) && r[0] === 's')) {
      const segments = rest.map((r) => String((r as unknown[])[1]));
      if (isDataFile(segments[segments.length - 1]!)) found(segments, other);
    }
  }
  // Only what can hold a call is visited: most of the facts are names, texts and line numbers,
  // and this runs over every file's facts before the interpreter starts.
  for (const v of node) if (v && typeof v === 'object') walk(v, found, depth + 1);
}

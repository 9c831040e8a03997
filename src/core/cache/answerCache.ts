// The last answer of a command (routes, flows, the report's data), kept with everything it was
// computed from. A warm `deepdive routes` still walked the repository, loaded the map cache,
// resolved every import and walked again for API descriptions (about a second on a 200k-line
// service) to look up an entry-point answer that was already known; flows also rebuilt the call
// graph and the report the coverage, flows and history summaries. While the folders the walk
// listed, the files it and the import resolution read, and the command's own inputs (options,
// the deep-dive file, HEAD, the day: the key) are as they were, the answer cannot differ.
//
// Checking that is one stat per folder and per file: an added, removed
// or renamed entry changes its folder's times, an edit a file's size or times. The change time
// (ctime) is part of each stamp because no one can set it: a cache planted in a repository (a
// tarball keeps the times it was packed with, and our build's stamp in the key is public) can
// match sizes and modification times, never the change times the unpacking gave its files.
// A cache is a convenience: unreadable, of another version or shape, it is ignored.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WalkResult } from '../walk/walker';
import { ensureCacheDir } from '../dive/cacheDir';
import { readCacheText, writeCacheFile } from './cacheFile';
import { dict } from '../ownKeys';
import { buildStamp } from './buildStamp';

const VERSION = 1;
/** Answers kept per command (other options, another flow's entry, another format's data). */
const MAX_ANSWERS = 8;

/** Folders as [path, mtime, ctime], files as [path, size, mtime, ctime]; -1 where it did not exist. */
export interface AnswerInputs {
  dirs: [string, number, number][];
  files: [string, number, number, number][];
}

/** What a command read besides the walk: files read or probed, folders listed (root-relative). */
export interface ExtraReads {
  files?: Iterable<string>;
  dirs?: Iterable<string>;
  /** Files stamped (size, mtime) right before they were read (see answerInputs). */
  seen?: ReadonlyMap<string, readonly [size: number, mtimeMs: number]>;
}

interface Stored {
  version: number;
  inputs: AnswerInputs;
  answers: Record<string, string>;
}

/** The key of one answer: the command and whatever else it depends on besides files (options, the dive's bytes, HEAD, the day). */
export function answerKey(command: string, parts: readonly unknown[]): string {
  const h = createHash('sha1').update(`deepdive-answer ${VERSION}\0${buildStamp()}\0${command}\0`);
  for (const p of parts) h.update(Buffer.isBuffer(p) ? p : JSON.stringify(p ?? null)).update('\0');
  return h.digest('hex');
}

function under(root: string, rel: string): string {
  return rel ? `${root}${path.sep}${rel}` : root;
}

function statOf(abs: string): fs.Stats | undefined {
  try {
    return fs.statSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function parentsOf(rel: string, into: Set<string>): void {
  for (let i = rel.lastIndexOf('/'); i !== -1; i = rel.lastIndexOf('/', i - 1)) into.add(rel.slice(0, i));
  into.add('');
}

/**
 * The folders and files an answer was computed from: every folder the walk listed and the folders
 * above them (a scope's base appearing changes its parent), the .gitignore and package.json files
 * the walk read in them (ignore rules, shipped build folders), every walked file, and `extra`.
 */
export function answerInputs(root: string, walked: WalkResult | undefined, extra: ExtraReads = {}): AnswerInputs {
  const dirSet = new Set<string>();
  const fileSet = new Set<string>();
  if (walked) {
    for (const [dir, entries] of walked.listings) {
      dirSet.add(dir);
      if (dir) parentsOf(dir, dirSet);
      for (const name of ['.gitignore', 'package.json']) if (entries.get(name) === 'file') fileSet.add(dir ? `${dir}/${name}` : name);
    }
    for (const f of walked.files) fileSet.add(f.path);
  }
  for (const d of extra.dirs ?? []) dirSet.add(d);
  for (const f of extra.files ?? []) fileSet.add(f);
  const dirs: AnswerInputs['dirs'] = [];
  for (const d of [...dirSet].sort()) {
    const st = statOf(under(root, d));
    dirs.push(st ? [d, st.mtimeMs, st.ctimeMs] : [d, -1, -1]);
  }
  // A file edited while the command ran (another process, the editor) stamps now as its new
  // version, but the answer was computed from the old one: kept with today's stamps, that stale
  // answer would be given back until the next edit. Such a file keeps the stamp it had before it
  // was read (the walk's, or `seen`), which no longer matches the disk: the next run computes.
  // A walked file's whole stamp is the walk's (taken before any read, change time included): no
  // second stat of every file.
  const before = new Map<string, readonly [number, number]>();
  const walkedStamps = new Map<string, AnswerInputs['files'][number]>();
  for (const f of walked?.files ?? []) {
    before.set(f.path, [f.size, f.mtimeMs]);
    walkedStamps.set(f.path, [f.path, f.size, f.mtimeMs, f.ctimeMs]);
  }
  for (const [f, st] of extra.seen ?? []) {
    before.set(f, st);
    walkedStamps.delete(f);
  }
  const files: AnswerInputs['files'] = [];
  for (const f of [...fileSet].sort()) {
    const walkedStamp = walkedStamps.get(f);
    if (walkedStamp) {
      files.push(walkedStamp);
      continue;
    }
    const st = statOf(under(root, f));
    const was = before.get(f);
    if (was && (!st || st.size !== was[0] || st.mtimeMs !== was[1])) files.push([f, was[0], was[1], -1]);
    else files.push(st ? [f, st.size, st.mtimeMs, st.ctimeMs] : [f, -1, -1, -1]);
  }
  return { dirs, files };
}

export function answerCacheFile(root: string, command: string): string {
  return path.join(root, '.deepdive', 'cache', 'answers', `${command}.json`);
}

function validInputs(x: unknown): x is AnswerInputs {
  if (!x || typeof x !== 'object') return false;
  const { dirs, files } = x as Partial<AnswerInputs>;
  return (
    Array.isArray(dirs) &&
    Array.isArray(files) &&
    dirs.every((d) => Array.isArray(d) && d.length === 3 && typeof d[0] === 'string' && typeof d[1] === 'number' && typeof d[2] === 'number') &&
    files.every((f) => Array.isArray(f) && f.length === 4 && typeof f[0] === 'string' && typeof f[1] === 'number' && typeof f[2] === 'number' && typeof f[3] === 'number')
  );
}

function readStored(root: string, command: string): Stored | undefined {
  try {
    const text = readCacheText(answerCacheFile(root, command), root);
    if (text === undefined) return undefined;
    const s = JSON.parse(text) as Partial<Stored> | null;
    if (!s || s.version !== VERSION || !validInputs(s.inputs) || !s.answers || typeof s.answers !== 'object' || Array.isArray(s.answers)) return undefined;
    return s as Stored;
  } catch {
    return undefined;
  }
}

/** Paths stay inside the root: a stored path with `..` or an absolute one is a foreign file. */
function insidePath(rel: string): boolean {
  return !path.isAbsolute(rel) && !rel.split(/[\\/]/).includes('..');
}

/** True while every folder and file of `inputs` stamps as it did. */
export function inputsUnchanged(root: string, inputs: AnswerInputs): boolean {
  for (const [dir, mtime, ctime] of inputs.dirs) {
    if (!insidePath(dir)) return false;
    const st = statOf(under(root, dir));
    if ((st?.mtimeMs ?? -1) !== mtime || (st?.ctimeMs ?? -1) !== ctime) return false;
  }
  for (const [rel, size, mtime, ctime] of inputs.files) {
    if (!insidePath(rel)) return false;
    const st = statOf(under(root, rel));
    if ((st?.size ?? -1) !== size || (st?.mtimeMs ?? -1) !== mtime || (st?.ctimeMs ?? -1) !== ctime) return false;
  }
  return true;
}

/** The stored answer for `key` when nothing it was computed from changed. */
export function loadAnswer(root: string, command: string, key: string): string | undefined {
  const stored = readStored(root, command);
  if (!stored || !Object.prototype.hasOwnProperty.call(stored.answers, key)) return undefined;
  const answer = stored.answers[key];
  if (typeof answer !== 'string') return undefined;
  return inputsUnchanged(root, stored.inputs) ? answer : undefined;
}

/**
 * After the command's own write into the repository (`report --out deep-dive.html`): the stored
 * stamps of those paths (the file, and the folder it was renamed into) are taken again, so that
 * writing the output does not make the next run compute everything again. Only while every other
 * input still stamps as stored; otherwise the next run computes anyway.
 */
export function restampAfterOwnWrite(root: string, command: string, written: readonly string[]): void {
  const stored = readStored(root, command);
  if (!stored) return;
  // The file and the folder it was renamed into; the folders above did not change.
  const mine = new Set<string>();
  for (const rel of written) {
    mine.add(rel);
    const i = rel.lastIndexOf('/');
    mine.add(i === -1 ? '' : rel.slice(0, i));
  }
  const others: AnswerInputs = { dirs: stored.inputs.dirs.filter(([d]) => !mine.has(d)), files: stored.inputs.files.filter(([f]) => !mine.has(f)) };
  if (others.dirs.length === stored.inputs.dirs.length && others.files.length === stored.inputs.files.length) return;
  if (!inputsUnchanged(root, others)) return;
  const dirs = stored.inputs.dirs.map(([d, m, c]): AnswerInputs['dirs'][number] => {
    if (!mine.has(d)) return [d, m, c];
    const st = statOf(under(root, d));
    return st ? [d, st.mtimeMs, st.ctimeMs] : [d, -1, -1];
  });
  const files = stored.inputs.files.map(([f, z, m, c]): AnswerInputs['files'][number] => {
    if (!mine.has(f)) return [f, z, m, c];
    const st = statOf(under(root, f));
    return st ? [f, st.size, st.mtimeMs, st.ctimeMs] : [f, -1, -1, -1];
  });
  writeStored(root, command, { version: VERSION, inputs: { dirs, files }, answers: stored.answers });
}

/**
 * Keeps `answer` for `key` with the inputs as they stamp now, beside the command's other answers when they were computed from the
 * same inputs.
 */
export function saveAnswer(root: string, command: string, key: string, inputsNow: () => AnswerInputs, answer: string): void {
  try {
    // The cache folder first: making `.deepdive/` changes the root folder's times, which the inputs stamp.
    ensureCacheDir(root);
    const inputs = inputsNow();
    const old = readStored(root, command);
    const answers: Record<string, string> = dict();
    if (old && JSON.stringify(old.inputs) === JSON.stringify(inputs)) {
      const keep = Object.keys(old.answers).filter((k) => k !== key && typeof old.answers[k] === 'string').slice(-(MAX_ANSWERS - 1));
      for (const k of keep) answers[k] = old.answers[k];
    }
    answers[key] = answer;
    writeStored(root, command, { version: VERSION, inputs, answers });
  } catch {
    /* a cache is a convenience: the next run computes again */
  }
}

/** Atomic; nothing is written through a `.deepdive` or cache folder that is a link, nor when the folder resolves outside root. */
function writeStored(root: string, command: string, stored: Stored): void {
  try {
    ensureCacheDir(root);
    writeCacheFile(answerCacheFile(root, command), JSON.stringify(stored), root);
  } catch {
    /* a cache is a convenience: the next run computes again */
  }
}

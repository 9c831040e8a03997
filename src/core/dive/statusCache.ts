// The last status of a deep dive, kept with what it was computed from. A warm `deepdive status`
// used to load the map cache, resolve every import again, recount coverage and rank the unread
// code: two seconds on a 200k-line service, for an answer that cannot differ while the deep-dive
// file, the files the status read, the folders it walked, the options and the day are the same.
// Checking that is one stat per folder and per file: a file added, removed or renamed changes
// its folder's time; an edit changes the file's size or time (the map cache trusts the same).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WalkResult } from '../walk/walker';
import type { DiveStatus } from './status';

const VERSION = 1;

/** What the status was computed from, as [path, time] for folders and [path, size, time] for files. */
export interface StatusInputs {
  dirs: [string, number][];
  files: [string, number, number][];
}

interface Stored {
  version: number;
  key: string;
  inputs: StatusInputs;
  status: DiveStatus;
}

/** The code that computed a status is part of its key: an upgrade recomputes it. */
function codeStamp(): string {
  try {
    const st = fs.statSync(__filename);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}

/** The deep-dive file's bytes, the options and the day (days left, dates in the ranking). */
export function statusKey(diveBytes: Buffer, options: Record<string, unknown>, now = new Date()): string {
  return createHash('sha1')
    .update(`${VERSION}\0${codeStamp()}\0${now.toISOString().slice(0, 10)}\0${JSON.stringify(options)}\0`)
    .update(diveBytes)
    .digest('hex');
}

function stamp(abs: string): [number, number] | undefined {
  try {
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    return st ? [st.size, st.mtimeMs] : undefined;
  } catch {
    return undefined;
  }
}

/** Root-relative paths with forward slashes, as the walk gives them: a plain join is enough (and cheap, thousands a run). */
function under(root: string, rel: string): string {
  return rel ? `${root}${path.sep}${rel}` : root;
}

/** The walked folders and files, the .gitignore files among them, and any other file read. */
export function statusInputs(root: string, walked: WalkResult, alsoRead: Iterable<string>): StatusInputs {
  const dirs: [string, number][] = [];
  const files = new Map<string, [string, number, number]>();
  for (const [dir, entries] of walked.listings) {
    const st = stamp(path.join(root, dir));
    if (st) dirs.push([dir, st[1]]);
    if (entries.get('.gitignore') === 'file') {
      const rel = dir ? `${dir}/.gitignore` : '.gitignore';
      const g = stamp(path.join(root, rel));
      files.set(rel, [rel, g?.[0] ?? -1, g?.[1] ?? -1]);
    }
  }
  for (const f of walked.files) files.set(f.path, [f.path, f.size, f.mtimeMs]);
  for (const rel of alsoRead) {
    if (files.has(rel)) continue;
    const st = stamp(path.join(root, rel));
    files.set(rel, [rel, st?.[0] ?? -1, st?.[1] ?? -1]);
  }
  return { dirs, files: [...files.values()] };
}

export function statusCacheFile(root: string, diveId: string): string {
  return path.join(root, '.deepdive', 'cache', 'status', `${diveId}.json`);
}

/** The stored status when its key matches and no folder or file it was computed from changed. */
export function loadStatus(root: string, diveId: string, key: string): DiveStatus | undefined {
  let stored: Stored;
  try {
    stored = JSON.parse(fs.readFileSync(statusCacheFile(root, diveId), 'utf8')) as Stored;
  } catch {
    return undefined;
  }
  if (stored.version !== VERSION || stored.key !== key || !stored.inputs || !stored.status) return undefined;
  for (const [dir, mtime] of stored.inputs.dirs) {
    if (stamp(under(root, dir))?.[1] !== mtime) return undefined;
  }
  for (const [rel, size, mtime] of stored.inputs.files) {
    const st = stamp(under(root, rel));
    if ((st?.[0] ?? -1) !== size || (st?.[1] ?? -1) !== mtime) return undefined;
  }
  return stored.status;
}

/** Atomic; nothing is written when the cache folder resolves outside root (a planted symlink). */
export function saveStatus(root: string, diveId: string, key: string, inputs: StatusInputs, status: DiveStatus): void {
  try {
    const target = statusCacheFile(root, diveId);
    const dir = path.dirname(target);
    fs.mkdirSync(dir, { recursive: true });
    const back = path.relative(fs.realpathSync(root), fs.realpathSync(dir));
    if (back.startsWith('..') || path.isAbsolute(back)) return;
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ version: VERSION, key, inputs, status } satisfies Stored));
    fs.renameSync(tmp, target);
  } catch {
    /* a cache is a convenience */
  }
}

// The map's file → module assignment without parsing a file: what `history` needs from the map.
// A module is decided by a file's path, its language, the package.json files and Python packages
// the walk saw (modules.ts); which walked files the map keeps is decided by their bytes (binary,
// generated, minified: walker.ts contentSkipReason), not by their trees. So a cold `history`
// walks and reads instead of parsing every file, which cost it more than git's own log.
import * as fs from 'node:fs';
import type { Scope } from '../walk/scope';
import type { WalkResult } from '../walk/walker';
import { walk } from '../walk/walker';
import { bytesSkipReason } from '../walk/bytesSkip';
import type { MapCache } from './mapCache';
import { ModuleAssigner, moduleId } from './modules';
import { RepoFs } from './resolve/repoFs';
import { dict } from '../ownKeys';
import { timeSlices } from '../timeSlices';

export interface PathModules {
  /** Root-relative path → module id, for every file the map would keep (the map's files[].module). */
  modules: Record<string, string>;
  walked: WalkResult;
  /** What module assignment looked at on disk beyond the walk (RepoFs.diskReads). */
  reads: { dirs: ReadonlySet<string>; files: ReadonlySet<string> };
}

/**
 * The modules of the files a map of `root` would hold. A map cache, when given, answers for the
 * files it knows unchanged (kept or skipped by the same size and time), so only new or changed
 * files are read. One difference from a map: a file whose parse would fail (the grammar gives up)
 * is kept here, since only a parse can tell. The reads share the thread (timeSlices.ts): a cold
 * history runs them while git writes its log.
 */
export async function pathModules(root: string, opts: { scope?: Scope; cache?: MapCache } = {}): Promise<PathModules> {
  const walked = walk({ root, ...(opts.scope ? { scope: opts.scope } : {}) });
  const prior = opts.cache?.load();
  const priorSkips = opts.cache?.skipped;
  const kept: WalkResult['files'] = [];
  const turn = timeSlices();
  const scratch = { buffer: Buffer.allocUnsafe(64 * 1024) };
  for (const f of walked.files) {
    const pause = turn();
    if (pause) await pause;
    const old = prior?.get(f.path);
    if (old && old.size === f.size && old.mtimeMs === f.mtimeMs && old.language === f.language) {
      kept.push(f);
      continue;
    }
    const skip = priorSkips?.get(f.path);
    if (skip && skip.size === f.size && skip.mtimeMs === f.mtimeMs) continue;
    let bytes: Buffer;
    try {
      bytes = readWhole(f.abs, f.size, scratch);
    } catch {
      continue; // the map skips an unreadable file too
    }
    // The map's check of the text, on the bytes: no string of every file to decode and collect.
    if (!bytesSkipReason(bytes)) kept.push(f);
  }
  const repoFs = new RepoFs(root, new Set(kept.map((f) => f.path)), walked.listings);
  const assigner = new ModuleAssigner(repoFs, walked.pythonPackages);
  const modules: Record<string, string> = dict();
  for (const f of kept) modules[f.path] = moduleId(assigner.assign(f.path, f.language).dir);
  return { modules, walked, reads: repoFs.diskReads };
}

/**
 * A file's bytes, read into one buffer that every read reuses (grown when a file is larger):
 * thousands of files, each read once and looked at once, allocate nothing each. The result is a
 * view that the next read overwrites. The walk's size plus one byte is asked for first, so that
 * a read returning less (a regular file's end) ends it without one more read for the end.
 */
function readWhole(abs: string, size: number, scratch: { buffer: Buffer }): Buffer {
  if (scratch.buffer.length <= size) scratch.buffer = Buffer.allocUnsafe(Math.max(size + 1, scratch.buffer.length * 2));
  const fd = fs.openSync(abs, 'r');
  try {
    let length = 0;
    for (;;) {
      const room = scratch.buffer.length - length;
      const n = fs.readSync(fd, scratch.buffer, length, room, null);
      length += n;
      if (n < room) return scratch.buffer.subarray(0, length);
      // The file grew since the walk: a bigger buffer, and read on.
      const bigger = Buffer.allocUnsafe(scratch.buffer.length * 2);
      scratch.buffer.copy(bigger, 0, 0, length);
      scratch.buffer = bigger;
    }
  } finally {
    fs.closeSync(fd);
  }
}

// The map as a command builds it, with a record of what was read on the way, so that the
// command's answer can be kept in .deepdive/cache/answers (core/cache/answerCache.ts) and given
// back while none of it changed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnswerInputs, ExtraReads } from '../core/cache/answerCache';
import { answerInputs } from '../core/cache/answerCache';
import type { SourceFiles } from '../core/files/sourceFiles';
import { diskFiles } from '../core/files/sourceFiles';
import { MapSession } from '../core/map/mapSession';
import type { RepoMap } from '../core/map/types';
import type { Scope } from '../core/walk/scope';
import type { WalkResult } from '../core/walk/walker';
import type { Progress } from './progress';

function statOf(abs: string): fs.Stats | undefined {
  try {
    return fs.statSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

export interface RecordedMap {
  map: RepoMap;
  walked: WalkResult;
  /** The disk under root; every file read through it is recorded. */
  files: SourceFiles;
  /** The stamps of everything read so far (the walk, import resolution, `files`), plus `extra`. */
  inputs(extra?: ExtraReads): AnswerInputs;
}

/** `entryFacts`: the command will ask for the entry points (see MapOptions.entryFacts). */
export async function recordedMap(root: string, opts: { scope?: Scope; cache?: boolean; entryFacts?: boolean; progress?: Progress } = {}): Promise<RecordedMap> {
  const progress = opts.progress;
  const session = new MapSession({
    root,
    ...(opts.scope ? { scope: opts.scope } : {}),
    ...(opts.cache === false ? { cache: false } : {}),
    ...(opts.entryFacts ? { entryFacts: true } : {}),
    ...(progress ? { onProgress: (done: number, total: number) => progress.count('mapping', done, total) } : {}),
  });
  let map: RepoMap;
  try {
    map = await session.build();
  } finally {
    session.dispose();
  }
  const walked = session.walkResult!;
  const disk = diskFiles(root);
  const read = new Set<string>();
  const listed = new Set<string>();
  // Each file's stamp right before its first read: one edited meanwhile is not kept as read (answerInputs).
  const seen = new Map<string, readonly [number, number]>();
  const note = (rel: string): void => {
    if (read.has(rel)) return;
    read.add(rel);
    const st = statOf(path.join(root, rel));
    if (st) seen.set(rel, [st.size, st.mtimeMs]);
  };
  const files: SourceFiles = {
    ...disk,
    read: (rel) => {
      note(rel);
      return disk.read(rel);
    },
    // A folder listed for its files (role templates loaded by pattern) is an input as a folder read by resolution is.
    list: (rel) => {
      listed.add(rel);
      return disk.list?.(rel);
    },
    // A sister package of the monorepo (workspacePackages.ts): its manifest, package.json files and
    // the files read from it are inputs too, by their paths from the root (`../shared/src/index.ts`).
    workspace: () => {
      const ws = disk.workspace?.();
      for (const f of ws?.inputs ?? []) note(f);
      return ws;
    },
    readSibling: (rel) => {
      note(rel);
      return disk.readSibling?.(rel);
    },
  };
  const resolver = session.resolverReads;
  return {
    map,
    walked,
    files,
    inputs: (extra = {}) => answerInputs(session.root, walked, { files: [...read, ...resolver.files, ...(extra.files ?? [])], dirs: [...resolver.dirs, ...listed, ...(extra.dirs ?? [])], seen }),
  };
}

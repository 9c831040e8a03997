// Starts git from a worker thread for a caller whose thread must not wait (the extension host):
// runGit's `setGitSpawner(gitSpawner())`. Same answers as spawning here (git.ts' spawnGit runs
// in the worker), streamed chunks in order. The worker idles unref'd, so it never keeps a
// process alive, and one worker serves every call.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GitResult, SpawnRequest } from './git';

export interface GitRequest {
  id: number;
  request: SpawnRequest;
  stream: boolean;
}

export type GitReply = { id: number; chunk: Uint8Array } | { id: number; result: GitResult };

/** The worker entry sits beside this module: dist/gitWorker.js, or out/src/core/history/. */
export function gitWorkerEntry(): string | undefined {
  const p = path.join(__dirname, 'gitWorker.js');
  return fs.existsSync(p) ? p : undefined;
}

export interface GitSpawner {
  (request: SpawnRequest, onData?: (chunk: Buffer) => void): Promise<GitResult>;
  dispose(): Promise<void>;
}

export function gitSpawner(entry = gitWorkerEntry()): GitSpawner | undefined {
  if (!entry) return undefined;
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: GitResult) => void; onData?: (chunk: Buffer) => void }>();
  const fail = (w: Worker, message: string) => {
    if (worker !== w) return;
    worker = undefined;
    // Answered as git would be when it cannot start: callers already handle that.
    for (const p of pending.values()) p.resolve({ code: null, stdout: '', stderr: '', timedOut: false, truncated: false, spawnError: message });
    pending.clear();
  };
  const start = (): Worker => {
    if (worker) return worker;
    const w = new Worker(entry);
    w.unref();
    w.on('message', (m: GitReply) => {
      const p = pending.get(m.id);
      if (!p) return;
      if ('chunk' in m) {
        p.onData?.(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
        return;
      }
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      p.resolve(m.result);
    });
    w.on('error', (err) => fail(w, `the git worker failed (${err.message})`));
    w.on('exit', (code) => fail(w, `the git worker exited with code ${code}`));
    return (worker = w);
  };
  const spawner = ((request: SpawnRequest, onData?: (chunk: Buffer) => void) =>
    new Promise<GitResult>((resolve) => {
      const w = start();
      const id = nextId++;
      if (pending.size === 0) w.ref();
      pending.set(id, { resolve, onData });
      w.postMessage({ id, request, stream: !!onData } satisfies GitRequest);
    })) as GitSpawner;
  spawner.dispose = async () => {
    const w = worker;
    if (!w) return;
    fail(w, 'the git worker was closed');
    await w.terminate();
  };
  return spawner;
}

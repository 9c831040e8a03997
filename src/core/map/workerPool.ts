import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParseOutcome, ParseTask } from './processFile';
import { processFile } from './processFile';
import { decodeFacts } from './mapCache';
import type { WireOutcome } from './mapWorker';

/** The worker entry sits beside this module: dist/mapWorker.js, or out/src/core/map/mapWorker.js. */
export function workerEntry(): string | undefined {
  const p = path.join(__dirname, 'mapWorker.js');
  return fs.existsSync(p) ? p : undefined;
}

export interface RunOptions {
  workers: number;
  onResult: (r: ParseOutcome) => void;
  signal?: AbortSignal;
}

const BATCH_BYTES = 256 * 1024;

function batches(tasks: (ParseTask & { size?: number })[]): ParseTask[][] {
  const out: ParseTask[][] = [];
  let cur: ParseTask[] = [];
  let bytes = 0;
  for (const t of tasks) {
    cur.push({ path: t.path, abs: t.abs, language: t.language, ...(t.knownHash ? { knownHash: t.knownHash } : {}) });
    bytes += t.size ?? 4096;
    if (bytes >= BATCH_BYTES || cur.length >= 64) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

function abortError(): Error {
  const e = new Error('map cancelled');
  e.name = 'AbortError';
  return e;
}

/**
 * Parses files on worker threads, feeding each worker a new batch as it finishes one (files
 * differ a lot in size). Largest files go first so that no worker ends with a long tail.
 */
export async function parseAll(tasks: (ParseTask & { size?: number })[], opts: RunOptions): Promise<void> {
  const entry = workerEntry();
  const workers = Math.max(0, Math.min(opts.workers, Math.ceil(tasks.length / 32)));
  if (!entry || workers === 0) {
    for (const t of tasks) {
      if (opts.signal?.aborted) throw abortError();
      opts.onResult(await processFile(t));
    }
    return;
  }
  const sorted = [...tasks].sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
  const queue = batches(sorted);
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let failed = false;
      const onAbort = () => fail(abortError());
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        opts.signal?.removeEventListener('abort', onAbort);
        reject(err);
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (opts.signal?.aborted) return fail(abortError());
      const feed = (w: Worker) => {
        const next = queue.shift();
        if (!next) {
          if (--active === 0 && !failed) {
            opts.signal?.removeEventListener('abort', onAbort);
            resolve();
          }
          return;
        }
        w.postMessage(next);
      };
      for (let i = 0; i < workers; i++) {
        const w = new Worker(entry);
        pool.push(w);
        active++;
        w.on('message', (results: WireOutcome[]) => {
          if (failed) return;
          for (const r of results) {
            // Only the head is parsed here; symbols and calls decode when someone reads them.
            opts.onResult('encoded' in r ? { path: r.path, hash: r.hash, facts: decodeFacts(r.encoded[0], r.encoded[1]), encoded: r.encoded } : r);
          }
          feed(w);
        });
        w.on('error', (err) => fail(err));
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`map worker exited with code ${code}`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

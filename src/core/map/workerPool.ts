import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParseOutcome, ParseTask } from './processFile';
import { processFile } from './processFile';
import { decodeFacts } from './mapCache';
import type { WireOutcome, WorkerRequest } from './mapWorker';
import type { LanguageId } from '../parse/languages';

/** The worker entry sits beside this module: dist/mapWorker.js, or out/src/core/map/mapWorker.js. */
export function workerEntry(): string | undefined {
  const p = path.join(__dirname, 'mapWorker.js');
  return fs.existsSync(p) ? p : undefined;
}

/** One per core, at most 8: parsing is CPU-bound and each worker holds its own grammars. */
export function defaultWorkerCount(): number {
  return Math.min(8, Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
}

export interface RunOptions {
  onResult: (r: ParseOutcome) => void;
  signal?: AbortSignal;
}

const BATCH_BYTES = 256 * 1024;
/** A run of equal-size files stays in one batch up to this many (see batches()). */
const MAX_BATCH_FILES = 256;

type SizedTask = ParseTask & { size?: number };

/**
 * Cuts largest-first tasks into batches of about BATCH_BYTES. Files of equal size are never
 * split across batches: identical copies (a package's CommonJS and browser builds, vendored
 * twins) always have equal sizes, and a worker parses each distinct content once per batch.
 */
export function batches(tasks: SizedTask[]): ParseTask[][] {
  const out: ParseTask[][] = [];
  let cur: ParseTask[] = [];
  let bytes = 0;
  let lastSize = -1;
  for (const t of tasks) {
    const size = t.size ?? 4096;
    const full = bytes >= BATCH_BYTES || cur.length >= 64;
    if (cur.length && full && (size !== lastSize || cur.length >= MAX_BATCH_FILES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push({ path: t.path, abs: t.abs, language: t.language, ...(t.knownHash ? { knownHash: t.knownHash } : {}), ...(t.entryFacts ? { entryFacts: t.entryFacts } : {}), ...(t.goFiles ? { goFiles: t.goFiles } : {}) });
    bytes += size;
    lastSize = size;
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
 * Parser threads. A cold map starts them before it walks the tree, so that thread start and the
 * tree-sitter runtime's load overlap with the walk; `run` then feeds each worker a new batch as
 * it finishes one (files differ a lot in size), largest files first so no worker ends with a
 * long tail.
 */
export class ParsePool {
  private readonly workers: Worker[] = [];
  private closed = false;
  private readonly warmed = new Set<LanguageId>();

  private constructor(entry: string, count: number) {
    for (let i = 0; i < count; i++) this.workers.push(new Worker(entry));
  }

  /** Undefined when there is no worker bundle (ts-node style runs) or no threads are wanted. */
  static start(count: number): ParsePool | undefined {
    const entry = workerEntry();
    return entry && count > 0 ? new ParsePool(entry, count) : undefined;
  }

  /** Has every thread load a grammar and compile its queries now, before files arrive. */
  warm(language: LanguageId): void {
    if (this.warmed.has(language) || this.closed) return;
    this.warmed.add(language);
    for (const w of this.workers) w.postMessage({ warm: language } satisfies WorkerRequest);
  }

  get size(): number {
    return this.workers.length;
  }

  async run(tasks: SizedTask[], opts: RunOptions): Promise<void> {
    if (this.closed) throw new Error('parse pool is closed');
    const sorted = [...tasks].sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
    const queue = batches(sorted);
    // More threads than batches would only idle.
    const used = this.workers.slice(0, Math.max(1, Math.min(this.workers.length, queue.length)));
    if (queue.length === 0) return;
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let settled = false;
      const cleanups: (() => void)[] = [];
      const settle = (err?: Error) => {
        if (settled) return;
        settled = true;
        for (const c of cleanups) c();
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () => settle(abortError());
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => opts.signal?.removeEventListener('abort', onAbort));
      if (opts.signal?.aborted) return settle(abortError());
      const feed = (w: Worker) => {
        const next = queue.shift();
        if (!next) {
          if (--active === 0) settle();
          return;
        }
        w.postMessage(next satisfies WorkerRequest);
      };
      for (const w of used) {
        const onMessage = (results: WireOutcome[]) => {
          if (settled) return;
          for (const r of results) {
            // Only the head is parsed here; symbols and calls decode when someone reads them.
            opts.onResult('encoded' in r ? { path: r.path, hash: r.hash, facts: decodeFacts(r.encoded[0], r.encoded[1], r.encoded[2]), encoded: r.encoded } : r);
          }
          feed(w);
        };
        const onError = (err: Error) => settle(err);
        const onExit = (code: number) => settle(new Error(`map worker exited with code ${code}`));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        cleanups.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        });
        active++;
        feed(w);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Starts a pool while the walk is still going, once the files found add up to `minBytes` (a
 * small repository is parsed on the calling thread and never starts threads), and has the
 * threads warm each language the walk meets from then on.
 */
export class EarlyPool {
  private started?: ParsePool;
  private tried = false;
  private bytes = 0;
  private readonly languages = new Set<LanguageId>();

  constructor(
    private readonly count: number,
    private readonly minBytes: number,
  ) {}

  readonly onFile = (f: { size: number; language: LanguageId }): void => {
    this.bytes += f.size;
    if (this.started) return this.started.warm(f.language);
    this.languages.add(f.language);
    if (this.tried || this.bytes < this.minBytes) return;
    this.tried = true;
    this.started = ParsePool.start(this.count);
    for (const l of this.languages) this.started?.warm(l);
  };

  get pool(): ParsePool | undefined {
    return this.started;
  }

  close(): Promise<void> {
    return this.started?.close() ?? Promise.resolve();
  }
}

/** Parses `tasks` with `workers` threads (0: on this thread), calling onResult for each file. */
export async function parseAll(tasks: SizedTask[], opts: RunOptions & { workers: number; pool?: ParsePool }): Promise<void> {
  const wanted = Math.max(0, Math.min(opts.workers, Math.ceil(tasks.length / 32)));
  if (wanted === 0 || (!opts.pool && !workerEntry())) {
    for (const t of tasks) {
      if (opts.signal?.aborted) throw abortError();
      opts.onResult(await processFile(t));
    }
    return;
  }
  const pool = opts.pool ?? ParsePool.start(wanted)!;
  try {
    await pool.run(tasks, opts);
  } finally {
    if (!opts.pool) await pool.close();
  }
}

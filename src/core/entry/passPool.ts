// Threads for the entry-point pass's per-file records (passWorker.ts). The pass hands each Go,
// Python, Java or Kotlin file's text here as it walks the map's file list and awaits the records
// once it has walked it; the JavaScript files it reads itself meanwhile, in order, since their
// file-routing conventions gather facts across files as they go. A record depends on the file's
// text and the repository's file list alone (the module index), and so is the same whichever
// thread reads it: only the order the pass applies records in matters, and it keeps the map's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LanguageId } from '../parse/languages';
import type { PassFileFacts } from './passFileFacts';
import { restoreAfterClone } from './recordClone';

/** Languages whose records a thread may read (passFileFacts.ts's JavaScript branch shares state across files). */
export const THREADED_LANGUAGES: ReadonlySet<LanguageId> = new Set<LanguageId>(['go', 'python', 'java', 'kotlin']);

/** Below this many files to parse, starting threads (a runtime and grammars each) costs more than it saves. */
export const MIN_THREADED_FILES = 64;

/** The repository's files and the root go.mod's module path (ModuleIndex.setGoModulePath), once per thread; then batches. */
export type PassRequest = { files: string[]; goModule?: string } | { batch: { path: string; language: LanguageId; text: string }[] };
export type PassReply = { path: string; parsed: boolean } & ({ rec: PassFileFacts } | { error: string });

/** The threads stopped (one died, or the pool was closed): the records still awaited are read on the pass's thread. */
export class PassPoolDown extends Error {}

const BATCH_CHARS = 128 * 1024;
const BATCH_FILES = 32;

interface Pending {
  resolve: (r: { rec: PassFileFacts; parsed: boolean }) => void;
  reject: (e: Error) => void;
}

/** The worker entry beside this module (dist/passWorker.js, out/src/core/entry/passWorker.js), if built. */
function passWorkerEntry(): string | undefined {
  const p = path.join(__dirname, 'passWorker.js');
  return fs.existsSync(p) ? p : undefined;
}

export class PassPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: PassRequest[] = [];
  private readonly pending = new Map<string, Pending>();
  private batch: { path: string; language: LanguageId; text: string }[] = [];
  private batchChars = 0;
  private failed?: Error;

  private constructor(entry: string, count: number, files: string[], goModule: string | undefined) {
    for (let i = 0; i < count; i++) {
      const w = new Worker(entry);
      w.postMessage({ files, ...(goModule ? { goModule } : {}) } satisfies PassRequest);
      w.on('message', (replies: PassReply[]) => this.settle(w, replies));
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => this.fail(new Error(`entry-point worker exited with code ${code}`)));
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Undefined when there is no worker bundle (a ts-node style run). */
  static start(count: number, files: string[], goModule?: string): PassPool | undefined {
    const entry = passWorkerEntry();
    return entry && count > 0 ? new PassPool(entry, count, files, goModule) : undefined;
  }

  /** The record of one file, read on a thread (its text as the pass's file seam gave it). */
  read(file: { path: string; language: LanguageId }, text: string): Promise<{ rec: PassFileFacts; parsed: boolean }> {
    if (this.failed) return Promise.reject(this.failed);
    const done = new Promise<{ rec: PassFileFacts; parsed: boolean }>((resolve, reject) => this.pending.set(file.path, { resolve, reject }));
    this.batch.push({ path: file.path, language: file.language, text });
    this.batchChars += text.length;
    if (this.batch.length >= BATCH_FILES || this.batchChars >= BATCH_CHARS) this.flush();
    return done;
  }

  /** Sends what is still gathered: call once every file has been handed over. */
  flush(): void {
    if (this.batch.length) this.queue.push({ batch: this.batch });
    this.batch = [];
    this.batchChars = 0;
    while (this.idle.length && this.queue.length) this.idle.pop()!.postMessage(this.queue.shift()!);
  }

  private settle(w: Worker, replies: PassReply[]): void {
    for (const r of replies) {
      const p = this.pending.get(r.path);
      if (!p) continue;
      this.pending.delete(r.path);
      if ('rec' in r) p.resolve({ rec: restoreAfterClone(r.rec), parsed: r.parsed });
      else p.reject(new Error(r.error));
    }
    const next = this.queue.shift();
    if (next) w.postMessage(next);
    else this.idle.push(w);
  }

  private fail(err: Error): void {
    if (this.failed) return;
    this.failed = new PassPoolDown(err.message);
    err = this.failed;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  async close(): Promise<void> {
    // Closing is not a failure: records still awaited (none, once the pass has them all) are refused.
    this.fail(new Error('entry-point threads closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

// How the entry-point pass gets each file's record (passFileFacts.ts): read on this thread, or,
// for a service with many Go, Python, Java or Kotlin files, on threads (passPool.ts) while this
// thread goes on with the JavaScript files, which it must read in order. Either way the record is
// the same, and the pass applies the records in the map's order once it has them all.
import { defaultWorkerCount } from '../map/workerPool';
import type { FileInfo } from '../map/types';
import { noFacts, passFileFacts, type PassContext, type PassFileFacts } from './passFileFacts';
import { MIN_THREADED_FILES, PassPool, PassPoolDown, THREADED_LANGUAGES } from './passPool';

type PassFile = Pick<FileInfo, 'path' | 'language'>;

export interface ReaderOptions {
  readFile: (rel: string) => string | Promise<string>;
  onFileFacts?: (path: string, rec: PassFileFacts) => void;
  /** Threads for the records (default: one per core, at most 8; 0: none), and the fewest files worth starting them for. */
  threads?: { count?: number; minFiles?: number };
}

/** A file's record now, or the promise of it (read on a thread); `settle` turns the second into the first. */
export type Taken = PassFileFacts | Promise<PassFileFacts>;

export class PassReader {
  private readonly pool?: PassPool;

  /** `files`: the repository's file list (the module index is made of it); `threadable`: how many files a thread could read. */
  constructor(
    private readonly ctx: PassContext,
    private readonly opts: ReaderOptions,
    files: string[],
    threadable: number,
  ) {
    const count = opts.threads?.count ?? defaultWorkerCount();
    this.pool = count > 0 ? PassPool.start(count, files, threadable, opts.threads?.minFiles ?? MIN_THREADED_FILES) : undefined;
  }

  /** Whether `f` may go to a thread (its language's records share nothing across files). */
  static threadable(f: PassFile): boolean {
    return THREADED_LANGUAGES.has(f.language);
  }

  /** Reads `f` here, or hands it to a thread and returns the promise of its record. */
  async take(f: PassFile): Promise<{ rec: PassFileFacts } | { later: Promise<PassFileFacts> }> {
    if (!this.pool || !PassReader.threadable(f)) return { rec: await this.here(f) };
    const text = await this.text(f.path);
    if (text === undefined) return { rec: this.told(f.path, noFacts()) };
    const later = this.pool.read(f, text).then(
      ({ rec, parsed }) => {
        if (parsed) this.ctx.onParse?.(f.path);
        return this.told(f.path, rec);
      },
      // A thread that died (not a detector's error, which fails here the same): this thread reads the file.
      (err: Error) => (err instanceof PassPoolDown ? this.read(f, text) : Promise.reject(err)),
    );
    // Awaited once every file is handed over; until then a rejection is not unhandled.
    later.catch(() => undefined);
    return { later };
  }

  /** Reads `f` on this thread. */
  async here(f: PassFile): Promise<PassFileFacts> {
    const text = await this.text(f.path);
    return text === undefined ? this.told(f.path, noFacts()) : this.read(f, text);
  }

  /** Every file handed over: send what is still gathered. */
  flush(): void {
    this.pool?.flush();
  }

  close(): Promise<void> {
    return this.pool?.close() ?? Promise.resolve();
  }

  private async read(f: PassFile, text: string): Promise<PassFileFacts> {
    return this.told(f.path, await passFileFacts(f, text, this.ctx));
  }

  private async text(rel: string): Promise<string | undefined> {
    try {
      return await this.opts.readFile(rel);
    } catch {
      return undefined;
    }
  }

  private told(path: string, rec: PassFileFacts): PassFileFacts {
    this.opts.onFileFacts?.(path, rec);
    return rec;
  }
}

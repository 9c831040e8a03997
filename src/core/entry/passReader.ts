// How the entry-point pass gets each file's record (passFileFacts.ts): read on this thread, or,
// for a service with many Go, Python, Java or Kotlin files to parse, on threads (passPool.ts)
// while this thread goes on with the JavaScript files, which it must read in order. Either way the
// record is the same, and the pass applies the records in the map's order once it has them all.
// Threads start only once that many files to parse have come (a file whose text shows it cannot
// matter is answered here at once): a small service never pays for starting them.
import { defaultWorkerCount } from '../map/workerPool';
import type { FileInfo } from '../map/types';
import { noFacts, parsesFile, passFileFacts, type PassContext, type PassFileFacts } from './passFileFacts';
import { MIN_THREADED_FILES, PassPool, PassPoolDown, THREADED_LANGUAGES } from './passPool';

type PassFile = Pick<FileInfo, 'path' | 'language'>;

export interface ReaderOptions {
  readFile: (rel: string) => string | Promise<string>;
  onFileFacts?: (path: string, rec: PassFileFacts) => void;
  /** Threads for the records (default: one per core, at most 8; 0: none), and the fewest files to parse worth starting them for. */
  threads?: { count?: number; minFiles?: number };
}

interface Held {
  f: PassFile;
  text: string;
  resolve: (rec: PassFileFacts) => void;
  reject: (err: unknown) => void;
}

export class PassReader {
  private pool?: PassPool;
  /** Files to parse gathered before the threads start (or, in a small service, to read here at the end). */
  private held: Held[] = [];
  private count: number;
  private readonly minFiles: number;

  /** `files`: the repository's file list (the threads' module index is made of it). */
  constructor(
    private readonly ctx: PassContext,
    private readonly opts: ReaderOptions,
    private readonly files: string[],
  ) {
    this.count = opts.threads?.count ?? defaultWorkerCount();
    this.minFiles = opts.threads?.minFiles ?? MIN_THREADED_FILES;
  }

  /** Whether `f` may go to a thread (its language's records share nothing across files). */
  static threadable(f: PassFile): boolean {
    return THREADED_LANGUAGES.has(f.language);
  }

  /** Reads `f` here, or hands it on and returns the promise of its record (settled once `flush` has been called). */
  async take(f: PassFile): Promise<{ rec: PassFileFacts } | { later: Promise<PassFileFacts> }> {
    if (this.count <= 0 || !PassReader.threadable(f)) return { rec: await this.here(f) };
    const text = await this.text(f.path);
    if (text === undefined) return { rec: this.told(f.path, noFacts()) };
    if (!parsesFile(f, text)) return { rec: await this.read(f, text) };
    if (this.pool) return { later: this.onThread(this.pool, f, text) };
    const later = new Promise<PassFileFacts>((resolve, reject) => this.held.push({ f, text, resolve, reject }));
    // Awaited once every file is handed over; until then a rejection is not unhandled.
    later.catch(() => undefined);
    if (this.held.length >= this.minFiles) this.startThreads();
    return { later };
  }

  /** Reads `f` on this thread. */
  async here(f: PassFile): Promise<PassFileFacts> {
    const text = await this.text(f.path);
    return text === undefined ? this.told(f.path, noFacts()) : this.read(f, text);
  }

  /** Every file handed over: send what is still gathered, or read it here when too few came for threads. */
  async flush(): Promise<void> {
    if (this.pool) return this.pool.flush();
    const held = this.held;
    this.held = [];
    for (const h of held) await this.read(h.f, h.text).then(h.resolve, h.reject);
  }

  close(): Promise<void> {
    return this.pool?.close() ?? Promise.resolve();
  }

  private startThreads(): void {
    const pool = PassPool.start(this.count, this.files, this.ctx.modules.goModulePath);
    const held = this.held;
    this.held = [];
    if (!pool) {
      // No worker bundle (a ts-node style run): everything is read here, the held files at flush.
      this.count = 0;
      this.held = held;
      return;
    }
    this.pool = pool;
    for (const h of held) this.onThread(pool, h.f, h.text).then(h.resolve, h.reject);
  }

  private onThread(pool: PassPool, f: PassFile, text: string): Promise<PassFileFacts> {
    const later = pool.read(f, text).then(
      ({ rec, parsed }) => {
        if (parsed) this.ctx.onParse?.(f.path);
        return this.told(f.path, rec);
      },
      // The threads stopped (one died): this thread reads the file. A detector's error fails here the same.
      (err: unknown) => (err instanceof PassPoolDown ? this.read(f, text) : Promise.reject(err)),
    );
    later.catch(() => undefined);
    return later;
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

// The editor's side of the analysis worker: one request/response protocol (protocol.ts), the
// map copied over as deltas pulled one chunk at a time (mapDelta.ts) so that no single message
// takes the editor's thread long to read. Without a worker bundle (a ts-node style run) the
// same engine runs in-process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DeepDiveError } from '../errors';
import type { Flow } from '../callgraph/suggestFlows';
import type { EntryPoint, EntryPointsResult } from '../entry/types';
import type { RepoMap } from '../map/types';
import type { DeepDive } from '../model/types';
import type { GraphModule, ReportData } from '../report/types';
import type { Scope } from '../walk/scope';
import type { EngineOptions, Progress } from './analysisEngine';
import { AnalysisEngine } from './analysisEngine';
import type { MapDelta } from './mapDelta';
import { DeltaReader } from './mapDelta';
import type { Op, Ops, Overlay, Reply, Request } from './protocol';

/** The worker entry sits beside this module: dist/analysisWorker.js, or out/src/core/analysis/. */
export function analysisWorkerEntry(): string | undefined {
  const p = path.join(__dirname, 'analysisWorker.js');
  return fs.existsSync(p) ? p : undefined;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  progress?: Progress;
}

function toError(e: { message: string; name?: string; deepDive?: boolean }): Error {
  if (e.deepDive) return new DeepDiveError(e.message);
  const err = new Error(e.message);
  if (e.name) err.name = e.name;
  return err;
}

/** Lets the thread handle whatever else is waiting before the next piece of work. */
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

export class AnalysisClient {
  private worker?: Worker;
  private engine?: AnalysisEngine;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly reader = new DeltaReader();
  /** Map requests run one at a time: a delta's chunks are pulled before the next delta is cut. */
  private mapChain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Files that crossed over in the last map delta (what an edit costs this thread). */
  lastDeltaFiles = 0;

  constructor(
    private readonly opts: EngineOptions & {
      /** false: run in-process even when the worker bundle exists (tests). */
      worker?: boolean;
    },
  ) {}

  /** True once the first request started the worker (or the in-process engine): nothing runs before. */
  get started(): boolean {
    return this.worker !== undefined || this.engine !== undefined;
  }

  /** True when the work runs on a worker thread (false: in-process fallback). */
  get threaded(): boolean {
    return this.opts.worker !== false && analysisWorkerEntry() !== undefined;
  }

  private start(): Worker | undefined {
    if (this.worker || this.engine) return this.worker;
    const entry = this.opts.worker === false ? undefined : analysisWorkerEntry();
    const { worker: _w, ...engineOpts } = this.opts;
    if (!entry) {
      this.engine = new AnalysisEngine(engineOpts);
      return undefined;
    }
    const w = new Worker(entry, { workerData: engineOpts });
    // The editor (or a test run) must be free to exit while the worker idles (see request()).
    w.unref();
    w.on('message', (m: Reply) => this.onReply(m));
    const fail = (err: Error) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      // A fresh worker starts with nothing: the next map request sends the whole map again.
      this.reader.reset();
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`analysis worker exited with code ${code}`)));
    this.worker = w;
    return w;
  }

  private onReply(m: Reply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if ('progress' in m) {
      p.progress?.(m.progress);
      return;
    }
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (m.ok) p.resolve(m.result);
    else p.reject(toError(m.error));
  }

  /** One request; progress messages go to `progress`; an abort asks the worker to stop. */
  request<K extends Op>(op: K, args: Ops[K]['args'], progress?: Progress, signal?: AbortSignal): Promise<Ops[K]['result']> {
    if (this.closed) return Promise.reject(new Error('analysis is closed'));
    const worker = this.start();
    if (!worker) {
      const abort = new AbortController();
      signal?.addEventListener('abort', () => abort.abort(), { once: true });
      return this.engine!.handle(op, args, progress ?? (() => undefined), abort.signal);
    }
    const id = this.nextId++;
    return new Promise<Ops[K]['result']>((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
      if (signal) {
        const onAbort = () => worker.postMessage({ id: this.nextId++, op: 'cancel', target: id } satisfies Request);
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }
      worker.postMessage({ id, op, args } as Request);
    });
  }

  private async pull(delta: MapDelta): Promise<RepoMap> {
    this.reader.begin(delta);
    let files = 0;
    for (let i = 0; i < delta.chunks; i++) {
      const chunk = await this.request('chunk', { version: delta.version, index: i });
      this.reader.add(chunk);
      files += chunk.length;
      await yieldToLoop();
    }
    this.lastDeltaFiles = files;
    return this.reader.finish(delta);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.mapChain.then(work, work);
    this.mapChain = next.catch(() => undefined);
    return next;
  }

  /**
   * The map of a scope, as the editor keeps it: files with symbols and code lines, modules and
   * edges; no calls nor import details (what needs them runs in the worker).
   */
  map(scope: Scope | undefined, progress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<RepoMap> {
    return this.serial(async () => this.pull(await this.request('map', { ...(scope ? { scope } : {}) }, (p) => p.total !== undefined && progress?.(p.done ?? 0, p.total), signal)));
  }

  /** Re-maps changed files; only the files whose facts changed cross over. */
  update(paths: string[]): Promise<RepoMap> {
    return this.serial(async () => this.pull(await this.request('update', { paths })));
  }

  /** Entry points, pulled one chunk at a time so that no single message holds this thread long. */
  async entries(overlay: Overlay): Promise<EntryPointsResult> {
    for (let attempt = 0; ; attempt++) {
      const { id, head, chunks } = await this.request('entries', { overlay });
      const entries: EntryPoint[] = [];
      try {
        for (let i = 0; i < chunks; i++) {
          entries.push(...(await this.request('entryChunk', { id, index: i })));
          await yieldToLoop();
        }
        return { ...head, entries };
      } catch (err) {
        // Another request announced newer entry points meanwhile: ask again (once).
        if (attempt > 0 || !(err instanceof Error) || !/ is gone$/.test(err.message)) throw err;
      }
    }
  }

  apiSpec(overlay: Overlay, generation = 0): Promise<Ops['apiSpec']['result']> {
    return this.request('apiSpec', { overlay, generation });
  }

  flow(overlay: Overlay, entry: string): Promise<Flow | undefined> {
    return this.request('flow', { overlay, entry });
  }

  moduleGraph(overlay: Overlay, dive: DeepDive | undefined): Promise<GraphModule[]> {
    return this.request('moduleGraph', { overlay, ...(dive ? { dive } : {}) });
  }

  /** The module map laid out in the worker, on the edges of its map. */
  moduleLayout(args: Ops['moduleLayout']['args']): Promise<Ops['moduleLayout']['result']> {
    return this.request('moduleLayout', args);
  }

  report(args: Ops['report']['args'], onStep?: (step: string) => void): Promise<ReportData> {
    return this.request('report', args, (p) => p.step && onStep?.(p.step));
  }

  /** The report as the editor's preview page: built and rendered in the worker. */
  preview(args: Ops['preview']['args'], onStep?: (step: string) => void): Promise<{ title: string; html: string }> {
    return this.request('preview', args, (p) => p.step && onStep?.(p.step));
  }

  /** What to read next, ranked in the worker. */
  rank(args: Ops['rank']['args']): Promise<Ops['rank']['result']> {
    return this.request('rank', args);
  }

  /** Code lines and (when asked) symbols of a text, parsed in the worker. */
  analyze(rel: string, text: string, symbols: boolean): Promise<Ops['analyze']['result']> {
    return this.request('analyze', { rel, text, symbols });
  }

  /** Lets the worker write its map cache, then stops it. */
  async dispose(): Promise<void> {
    if (this.closed) return;
    const worker = this.worker;
    try {
      if (worker || this.engine) await Promise.race([this.request('close', {}), new Promise((r) => setTimeout(r, 2000).unref())]);
    } catch {
      // Closing anyway.
    }
    this.closed = true;
    this.engine = undefined;
    this.worker = undefined;
    await worker?.terminate();
  }
}

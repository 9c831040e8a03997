import * as vscode from 'vscode';
import type { FileCoverage } from '../../core/coverage/coverage';
import { fileCoverageWith, percentOf } from '../../core/coverage/coverage';
import type { MoveCandidate } from '../../core/coverage/movedReading';
import { followMovedCode, mayHaveMoved } from '../../core/coverage/movedReading';
import type { FollowedSpan } from '../../core/coverage/spanReading';
import type { FileInfo, RepoMap } from '../../core/map/types';
import type { DeepDive } from '../../core/model/types';
import { readingOf } from '../../core/dive/reading';
import { relativeInside } from '../../core/paths';
import { scopeMatcher } from '../../core/walk/scope';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import type { Analyze, AnalyzedText } from './fileText';
import { analyzeText, currentTextKey } from './fileText';

export interface CoverageTotals {
  lines: number;
  read: number;
  percent: number;
  files: number;
  filesRead: number;
  /** Symbols changed since they were read, over all files. */
  stale: number;
}

interface Exact {
  textKey: string;
  readingKey: string;
  text: AnalyzedText;
  /** The file on its own; `cov` adds read code that moved in from another file. */
  own: FileCoverage;
  /** Read spans whose code changed: what may have moved to another file. */
  pending: FollowedSpan[];
  cov: FileCoverage;
}

const EDIT_SETTLE_MS = 600;

/**
 * Coverage of the active deep dive, per file, kept current cheaply: a file's exact coverage
 * (tree-sitter code lines, staleness against today's text) is computed when it has a reading
 * record, is open, or is asked for; files never read count their code lines from the map.
 * Recomputes one file when its reading record or text changes, never the whole dive.
 */
export class CoverageService implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<string[] | undefined>();
  /** Fires with the paths whose coverage changed, or undefined when everything may have. */
  readonly onDidChange = this.emitter.event;

  private readonly exact = new Map<string, Exact>();
  private readonly pending = new Map<string, Promise<FileCoverage | undefined>>();
  private inScope: FileInfo[] = [];
  private byPath = new Map<string, FileInfo>();
  private scopeKey = '';
  private mapRef: RepoMap | undefined;
  private diveId: string | undefined;
  private totalsCache: CoverageTotals | undefined;
  private readonly editTimers = new Map<string, NodeJS.Timeout>();
  /** Opening every file in scope to find where read code went: once at a time. */
  private movesFill: Promise<void> | undefined;
  /** Every file was opened once for this map and dive (a file that cannot be read stays out). */
  private movesFilled = false;

  /** Tree-sitter runs in the folder's analysis worker, never on this thread. */
  private readonly analyze: Analyze = (rel, text, symbols) => this.model.analysis.analyze(rel, text, symbols);

  constructor(readonly model: WorkspaceModel) {
    this.disposables.push(this.emitter);
    this.disposables.push(model.onDidChangeDive(() => this.onDive()));
    this.disposables.push(model.onDidChangeMap((map) => this.onMap(map)));
    this.disposables.push(vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)));
    this.disposables.push(vscode.workspace.onDidSaveTextDocument((d) => this.onEdit(d)));
    this.disposables.push(vscode.workspace.onDidCloseTextDocument((d) => this.onEdit(d)));
    this.disposables.push({ dispose: () => this.editTimers.forEach((t) => clearTimeout(t)) });
    this.onDive();
    if (model.mapIfReady) this.onMap(model.mapIfReady);
  }

  get dive(): DeepDive | undefined {
    return this.model.dive;
  }

  get map(): RepoMap | undefined {
    return this.mapRef;
  }

  /** Files of the map in the deep dive's scope. */
  get files(): readonly FileInfo[] {
    return this.inScope;
  }

  info(path: string): FileInfo | undefined {
    return this.byPath.get(path);
  }

  /** The root-relative path of a file URI when it is in the deep dive's scope. */
  pathOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file' || !this.dive) return undefined;
    const rel = relativeInside(this.model.root, uri.fsPath);
    if (!rel) return undefined;
    if (this.mapRef) return this.byPath.has(rel) ? rel : undefined;
    return scopeMatcher(this.dive.scope).inScope(rel) ? rel : undefined;
  }

  uriOf(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.model.folder.uri, ...path.split('/'));
  }

  /** Coverage of a file as known now: exact when computed, else from the map's line count. */
  coverage(path: string): FileCoverage | undefined {
    const ex = this.exact.get(path);
    if (ex) return ex.cov;
    const info = this.byPath.get(path);
    if (!info) return undefined;
    if (readingOf(this.dive, path)?.ranges.length) void this.ensure(path);
    return approximate(info, readingOf(this.dive, path)?.seconds ?? 0);
  }

  /** True when the coverage of the file was computed against its text (not estimated). */
  isExact(path: string): boolean {
    return this.exact.has(path);
  }

  /** Today's text analysis of a file, when its exact coverage was computed. */
  analyzed(path: string): AnalyzedText | undefined {
    return this.exact.get(path)?.text;
  }

  /** Computes (or re-checks) the exact coverage of a file. */
  ensure(path: string): Promise<FileCoverage | undefined> {
    let p = this.pending.get(path);
    if (!p) {
      p = this.compute(path).finally(() => this.pending.delete(path));
      this.pending.set(path, p);
    }
    return p;
  }

  /** Today's text and symbols of a file (for fingerprinting a read), computed if needed. */
  async current(path: string): Promise<AnalyzedText | undefined> {
    await this.ensure(path);
    const ex = this.exact.get(path);
    if (ex) return ex.text;
    return analyzeText(this.model.root, path, this.byPath.get(path), this.analyze);
  }

  totals(): CoverageTotals {
    if (this.totalsCache) return this.totalsCache;
    let lines = 0;
    let read = 0;
    let filesRead = 0;
    let stale = 0;
    for (const f of this.inScope) {
      const c = this.coverage(f.path)!;
      lines += c.lines;
      read += c.read;
      if (c.read === c.lines) filesRead++;
      stale += c.stale.filter((s) => s.reason === 'changed').length;
    }
    this.totalsCache = { lines, read, percent: percentOf(read, lines), files: this.inScope.length, filesRead, stale };
    return this.totalsCache;
  }

  /** Sums coverage over a set of files (a module, a folder). */
  sum(paths: Iterable<string>): { lines: number; read: number; percent: number; files: number; filesRead: number; stale: number } {
    let lines = 0;
    let read = 0;
    let files = 0;
    let filesRead = 0;
    let stale = 0;
    for (const p of paths) {
      const c = this.coverage(p);
      if (!c) continue;
      files++;
      lines += c.lines;
      read += c.read;
      if (c.read === c.lines) filesRead++;
      if (c.stale.some((s) => s.reason === 'changed')) stale++;
    }
    return { lines, read, percent: percentOf(read, lines), files, filesRead, stale };
  }

  /** Every file in scope with exact coverage (for ranking what to read next). */
  async all(paths: readonly string[] = this.inScope.map((f) => f.path)): Promise<FileCoverage[]> {
    const out: FileCoverage[] = [];
    for (const p of paths) {
      const c = await this.ensure(p);
      if (c) out.push(c);
    }
    return out;
  }

  private async compute(path: string): Promise<FileCoverage | undefined> {
    const dive = this.dive;
    const info = this.byPath.get(path);
    if (!dive || !info) return undefined;
    const reading = readingOf(dive, path);
    const readingKey = JSON.stringify(reading ?? null);
    const textKey = await currentTextKey(this.model.root, path);
    const old = this.exact.get(path);
    if (old && old.textKey === textKey && old.readingKey === readingKey) return old.cov;
    let text = old && old.textKey === textKey ? old.text : undefined;
    if (!text) {
      text = await analyzeText(this.model.root, path, info, this.analyze);
      if (!text) {
        this.exact.delete(path);
        return undefined;
      }
    }
    // The dive may have changed while the text was read: measure against the latest record.
    const latest = readingOf(this.dive, path);
    const { cov, pending } = fileCoverageWith({ path, module: info.module, codeLines: text.codeLines, reading: latest, current: text.current });
    this.exact.set(path, { textKey: text.key, readingKey: JSON.stringify(latest ?? null), text, own: cov, pending, cov });
    const changed = new Set(this.followMoves());
    if (!old || differs(old.cov, this.exact.get(path)!.cov)) changed.add(path);
    if (changed.size) {
      this.totalsCache = undefined;
      this.emitter.fire([...changed]);
    }
    return this.exact.get(path)?.cov;
  }

  /**
   * Reading follows a function moved to another file, as the CLI and the report count it
   * (core/coverage/movedReading.ts): when read code left a file, every file computed so far is a
   * candidate, and the rest of the scope is opened once in the background to find where it went.
   * Returns the paths whose coverage changed.
   */
  private followMoves(): string[] {
    const lost = [...this.exact.values()].some((e) => mayHaveMoved(e.pending));
    if (!lost) {
      // Nothing left its file: undo what an earlier move lent (the code went back, or was read).
      const back: string[] = [];
      for (const [p, e] of this.exact) {
        if (e.cov === e.own) continue;
        if (differs(e.cov, e.own)) back.push(p);
        e.cov = e.own;
      }
      return back;
    }
    if (this.movesFill) return []; // the fill follows the moves once every file is known
    if (!this.movesFilled && this.exact.size < this.inScope.length) {
      this.movesFill = this.all().then(
        () => this.afterMovesFill(),
        () => this.afterMovesFill(),
      );
      return [];
    }
    const before = new Map([...this.exact].map(([p, e]) => [p, e.cov]));
    const moves: MoveCandidate[] = [];
    for (const e of this.exact.values()) {
      // A fresh copy of the file's own coverage: followMovedCode writes the moved reads into it.
      e.cov = { ...e.own };
      moves.push({ cov: e.cov, codeLines: e.text.codeLines, pending: e.pending, symbols: e.text.current.symbols, lines: e.text.current.lines });
    }
    followMovedCode(moves, percentOf);
    return [...this.exact].filter(([p, e]) => differs(before.get(p)!, e.cov)).map(([p]) => p);
  }

  private afterMovesFill(): void {
    this.movesFill = undefined;
    this.movesFilled = true;
    const changed = this.followMoves();
    if (!changed.length) return;
    this.totalsCache = undefined;
    this.emitter.fire(changed);
  }

  private onDive(): void {
    const dive = this.dive;
    const key = dive ? `${dive.id}\n${JSON.stringify(dive.scope)}` : '';
    if (key !== this.scopeKey || dive?.id !== this.diveId) {
      this.diveId = dive?.id;
      this.scopeKey = key;
      this.exact.clear();
      this.movesFilled = false;
      this.rebuildIndex();
      this.totalsCache = undefined;
      this.emitter.fire(undefined);
      return;
    }
    // Same dive: recompute only the files whose reading record changed.
    const changed: string[] = [];
    for (const f of this.inScope) {
      const r = readingOf(dive, f.path);
      const ex = this.exact.get(f.path);
      const k = JSON.stringify(r ?? null);
      if (ex ? ex.readingKey !== k : !!r) changed.push(f.path);
    }
    if (!changed.length) return;
    this.totalsCache = undefined;
    for (const p of changed) void this.ensure(p);
  }

  private onMap(map: RepoMap): void {
    const before = this.byPath;
    this.mapRef = map;
    this.movesFilled = false;
    this.rebuildIndex();
    // Files whose content changed: forget their analysis (symbols and code lines moved).
    for (const [p, ex] of this.exact) {
      const now = this.byPath.get(p);
      if (!now) this.exact.delete(p);
      else if (before.get(p)?.hash !== now.hash) {
        ex.textKey = '';
        void this.ensure(p);
      }
    }
    this.totalsCache = undefined;
    this.emitter.fire(undefined);
  }

  private rebuildIndex(): void {
    const dive = this.dive;
    if (!dive || !this.mapRef) {
      this.inScope = [];
      this.byPath = new Map();
      return;
    }
    const m = scopeMatcher(dive.scope);
    this.inScope = this.mapRef.files.filter((f) => m.inScope(f.path));
    this.byPath = new Map(this.inScope.map((f) => [f.path, f]));
  }

  /** An edit: after typing settles, re-check staleness of that one file. No work per keystroke. */
  private onEdit(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== 'file') return;
    const rel = relativeInside(this.model.root, doc.uri.fsPath);
    if (!rel || !this.byPath.has(rel)) return;
    if (!this.exact.has(rel) && !readingOf(this.dive, rel)) return;
    clearTimeout(this.editTimers.get(rel));
    this.editTimers.set(
      rel,
      setTimeout(() => {
        this.editTimers.delete(rel);
        void this.ensure(rel);
      }, EDIT_SETTLE_MS),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function differs(a: FileCoverage, b: FileCoverage): boolean {
  return a.read !== b.read || a.lines !== b.lines || JSON.stringify(a.unreadRanges) !== JSON.stringify(b.unreadRanges) || JSON.stringify(a.stale) !== JSON.stringify(b.stale);
}

function approximate(info: FileInfo, seconds: number): FileCoverage {
  return {
    path: info.path,
    module: info.module,
    lines: info.codeLines,
    read: 0,
    percent: percentOf(0, info.codeLines),
    readRanges: [],
    unreadRanges: info.codeLines > 0 && info.lines > 0 ? [[1, info.lines]] : [],
    stale: [],
    seconds,
  };
}

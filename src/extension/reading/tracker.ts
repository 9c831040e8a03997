import * as vscode from 'vscode';
import type { Pair } from '../../core/coverage/ranges';
import { countLines, unionRanges } from '../../core/coverage/ranges';
import { creditedLines } from '../../core/coverage/readingCredit';
import { addReadingTime, markRead } from '../../core/dive/reading';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import type { CoverageService } from './coverageService';
import { dwellMs, readingSettings } from './settings';

const FLUSH_MS = 10_000;
/** Beyond this long without any editor event, time on screen no longer counts (the reader left). */
const IDLE_MS = 5 * 60_000;
/** Recent tracker events kept for Explain Reading: enough to see what led to now, never a growing log. */
const RECENT_EVENTS = 40;

interface Pending {
  ranges: Map<string, Pair[]>;
  seconds: Map<string, number>;
}

/** "1–39, 52–60": line pairs as a person reads them. */
function linesText(pairs: readonly Pair[]): string {
  return pairs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
}

/** Visible ranges of an editor as 1-based inclusive line pairs. */
export function visibleLinePairs(editor: vscode.TextEditor): Pair[] {
  return unionRanges(editor.visibleRanges.map((r) => [r.start.line + 1, r.end.line + 1] as Pair));
}

/**
 * The reading tracker. A screenful counts as read once it stayed on screen, with the window
 * focused, for the dwell time (core/coverage/readingCredit.ts); every scroll restarts the clock,
 * so scrolling past counts for nothing. It is the only thing that credits code brought on screen:
 * stepping through a flow or Next Unread only reveal code. Time on screen is counted for the active editor's file while the window is focused.
 * Everything is batched in memory and written every 10 s and on blur, close and deactivate:
 * an event handler does no more than reset a timer, and typing does nothing at all.
 */
export class ReadingTracker implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly dwell = new Map<vscode.TextEditor, NodeJS.Timeout>();
  /** When each editor's screenful last changed: the start of its dwell. */
  private readonly stillSince = new Map<vscode.TextEditor, number>();
  private readonly pending = new Map<WorkspaceModel, Pending>();
  private flushTimer: NodeJS.Timeout | undefined;
  private activeSince: number | undefined;
  private activeTarget: { model: WorkspaceModel; path: string } | undefined;
  private lastActivity = Date.now();
  private flushing: Promise<void> = Promise.resolve();
  private reportedError: string | undefined;
  /** The last few decisions (armed, not armed and why, credited, written), for Explain Reading. */
  private readonly recent: string[] = [];
  private lastRefusal: string | undefined;
  private lastKind: string | undefined;

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly coverageOf: (model: WorkspaceModel) => CoverageService,
  ) {
    const w = vscode.window;
    this.disposables.push(
      w.onDidChangeTextEditorVisibleRanges((e) => this.arm(e.textEditor)),
      w.onDidChangeVisibleTextEditors(() => this.armAll()),
      w.onDidChangeActiveTextEditor(() => this.switchActive()),
      w.onDidChangeTextEditorSelection(() => (this.lastActivity = Date.now())),
      w.onDidChangeWindowState((s) => (s.focused ? this.onFocus() : this.onBlur())),
      vscode.workspace.onDidCloseTextDocument(() => void this.flush()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('deepDive.reading') && this.armAll()),
    );
    this.armAll();
    this.switchActive();
  }

  /** The model and root-relative path of an editor's file, when it is in an active dive's scope. */
  private target(editor: vscode.TextEditor | undefined): { model: WorkspaceModel; path: string } | undefined {
    if (!editor || editor.document.uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri);
    if (!folder) return undefined;
    const model = this.ctx.modelFor(folder);
    if (!model.dive) return undefined;
    const path = this.coverageOf(model).pathOf(editor.document.uri);
    return path ? { model, path } : undefined;
  }

  private tracking(): boolean {
    return vscode.window.state.focused && readingSettings().enabled;
  }

  /** Why an editor's screenful would not count now, or undefined when it would. */
  private refusal(editor: vscode.TextEditor | undefined): string | undefined {
    if (!editor) return 'no editor is active';
    if (!readingSettings().enabled) return 'reading is turned off (deepDive.reading.enabled)';
    if (!vscode.window.state.focused) return 'the window does not have focus';
    const uri = editor.document.uri;
    if (uri.scheme !== 'file') return `not a file on disk (${uri.scheme})`;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return 'outside the workspace folders';
    const model = this.ctx.modelFor(folder);
    if (!model.dive) return `no active deep dive in ${folder.name}`;
    if (!this.coverageOf(model).pathOf(uri)) return `outside the scope of "${model.dive.title}" (${model.dive.scope.include.join(', ')})`;
    if (!countLines(visibleLinePairs(editor))) return 'no line is visible';
    return undefined;
  }

  /**
   * Keeps an event for Explain Reading. A `kind` given replaces the previous event when it was of
   * the same kind, so scrolling keeps one entry instead of pushing out everything else; only other
   * events go to the log, at debug level (they are rare: focus, credits, writes, refusals).
   */
  private note(event: string, kind?: string): void {
    const line = `${new Date().toISOString().slice(11, 23)} ${event}`;
    if (kind && this.lastKind === kind) this.recent[this.recent.length - 1] = line;
    else this.recent.push(line);
    this.lastKind = kind;
    if (this.recent.length > RECENT_EVENTS) this.recent.shift();
    if (!kind) this.ctx.log.debug(`reading: ${event}`);
  }

  private nameOf(editor: vscode.TextEditor): string {
    return vscode.workspace.asRelativePath(editor.document.uri, false);
  }

  /** (Re)starts the dwell clock of an editor: called on every visible-range change. */
  private arm(editor: vscode.TextEditor): void {
    this.lastActivity = Date.now();
    clearTimeout(this.dwell.get(editor));
    this.dwell.delete(editor);
    this.stillSince.delete(editor);
    if (!this.tracking() || !this.target(editor)) {
      // Said once per reason, not per scroll: a window out of focus refuses every event.
      const why = this.refusal(editor);
      if (why && why !== this.lastRefusal) this.note(`${this.nameOf(editor)} not armed: ${why}`);
      this.lastRefusal = why;
      return;
    }
    const pairs = visibleLinePairs(editor);
    const lines = countLines(pairs);
    if (!lines) return;
    this.lastRefusal = undefined;
    // One entry per run of scrolls (replaced, not appended): the screenful the clock last started on.
    this.note(`${this.nameOf(editor)} armed: lines ${linesText(pairs)} on screen, ${(dwellMs(lines) / 1000).toFixed(1)} s to read`, 'armed');
    this.stillSince.set(editor, Date.now());
    this.dwell.set(
      editor,
      setTimeout(() => {
        this.dwell.delete(editor);
        this.dwelled(editor);
        // A little past the dwell: a timer may fire a millisecond early, and the rule is checked again.
      }, dwellMs(lines) + 25),
    );
  }

  private armAll(): void {
    const visible = new Set(vscode.window.visibleTextEditors);
    for (const [e, t] of this.dwell) {
      if (!visible.has(e)) {
        clearTimeout(t);
        this.dwell.delete(e);
        this.stillSince.delete(e);
      }
    }
    for (const e of visible) this.arm(e);
  }

  private dwelled(editor: vscode.TextEditor): void {
    if (!this.tracking() || !vscode.window.visibleTextEditors.includes(editor)) return;
    const t = this.target(editor);
    const since = this.stillSince.get(editor);
    if (!t || since === undefined) return;
    // The same rule whatever brought the code on screen (a scroll, Next Unread, a flow step):
    // only lines that stayed visible for the dwell count.
    const earned = creditedLines(visibleLinePairs(editor), (Date.now() - since) / 1000, readingSettings().dwellSeconds);
    this.note(`${t.path}: ${earned.length ? `${countLines(earned)} lines credited` : 'nothing credited'} after ${((Date.now() - since) / 1000).toFixed(1)} s still`);
    if (!earned.length) return;
    const p = this.pendingOf(t.model);
    p.ranges.set(t.path, unionRanges(p.ranges.get(t.path) ?? [], earned));
    this.scheduleFlush();
  }

  private pendingOf(model: WorkspaceModel): Pending {
    let p = this.pending.get(model);
    if (!p) this.pending.set(model, (p = { ranges: new Map(), seconds: new Map() }));
    return p;
  }

  /** Books the time the active file was on screen since the last call. */
  private tick(): void {
    const now = Date.now();
    if (this.activeTarget && this.activeSince !== undefined) {
      const until = Math.min(now, this.lastActivity + IDLE_MS);
      const seconds = Math.max(0, (until - this.activeSince) / 1000);
      if (seconds >= 0.5) {
        const p = this.pendingOf(this.activeTarget.model);
        p.seconds.set(this.activeTarget.path, (p.seconds.get(this.activeTarget.path) ?? 0) + seconds);
        this.scheduleFlush();
      }
    }
    this.activeSince = this.tracking() && this.activeTarget ? now : undefined;
  }

  private switchActive(): void {
    this.tick();
    this.lastActivity = Date.now();
    this.activeTarget = this.target(vscode.window.activeTextEditor);
    this.activeSince = this.tracking() && this.activeTarget ? Date.now() : undefined;
  }

  private onFocus(): void {
    this.note('window focused');
    this.lastActivity = Date.now();
    this.switchActive();
    this.armAll();
  }

  private onBlur(): void {
    this.note('window lost focus');
    this.tick();
    this.activeSince = undefined;
    for (const t of this.dwell.values()) clearTimeout(t);
    this.dwell.clear();
    this.stillSince.clear();
    void this.flush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, FLUSH_MS);
  }

  /** Writes what was read since the last flush. Serialized: one write at a time. */
  flush(): Promise<void> {
    this.tick();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const batches = [...this.pending];
    this.pending.clear();
    for (const [model, p] of batches) {
      if (!p.ranges.size && !p.seconds.size) continue;
      if (!model.dive) continue;
      const cov = this.coverageOf(model);
      // Today's text and symbols, so each read is fingerprinted per symbol (staleness).
      const current = new Map<string, Awaited<ReturnType<CoverageService['current']>>>();
      for (const path of p.ranges.keys()) current.set(path, await cov.current(path));
      try {
        await model.mutate((dive) => {
          for (const [path, ranges] of p.ranges) markRead(dive, path, ranges, current.get(path)?.current);
          for (const [path, seconds] of p.seconds) addReadingTime(dive, path, seconds);
        });
        this.reportedError = undefined;
        this.note(`written: ${[...p.ranges.keys()].join(', ') || 'time only'}`);
      } catch (err) {
        // A broken deep-dive file is never written over: keep nothing, say it once.
        const message = err instanceof Error ? err.message : String(err);
        this.ctx.log.error(`reading record not saved: ${message}`);
        this.note(`not written: ${message}`);
        if (this.reportedError !== message) {
          this.reportedError = message;
          void vscode.window.showWarningMessage(`Deep Dive: reading not recorded — ${message}`);
        }
      }
    }
  }

  /**
   * What the tracker sees now and why reading counts or not, for Explain Reading: a reader
   * whose coverage does not rise (and a test that timed out) can see which condition failed.
   */
  explain(): string[] {
    const editor = vscode.window.activeTextEditor;
    const s = readingSettings();
    const out = [
      `window focused: ${vscode.window.state.focused}, reading enabled: ${s.enabled}, dwell setting: ${s.dwellSeconds || 'automatic'}`,
      `active editor: ${editor ? `${this.nameOf(editor)}, lines ${linesText(visibleLinePairs(editor)) || 'none'} on screen` : 'none'} — ${this.refusal(editor) ?? 'counts'}`,
    ];
    const now = Date.now();
    for (const [e, since] of this.stillSince) {
      const lines = countLines(visibleLinePairs(e));
      out.push(`still on screen: ${this.nameOf(e)}, ${lines} lines for ${((now - since) / 1000).toFixed(1)} s (${(dwellMs(lines) / 1000).toFixed(1)} s to read)`);
    }
    if (!this.stillSince.size) out.push('still on screen: nothing timed (the clock starts when a screenful in scope changes while the window has focus)');
    out.push(`waiting to be written: ${this.pendingLines()} lines${this.reportedError ? `; last write failed: ${this.reportedError}` : ''}`);
    out.push('recent events:', ...(this.recent.length ? this.recent.map((l) => `  ${l}`) : ['  none']));
    return out;
  }

  /** Lines waiting to be written (for tests and the status bar). */
  pendingLines(): number {
    let n = 0;
    for (const p of this.pending.values()) for (const r of p.ranges.values()) n += r.reduce((a, [s, e]) => a + e - s + 1, 0);
    return n;
  }

  /**
   * On deactivate: writes what is pending right away (mutate saves synchronously), with the
   * text analyses already cached; a read without one is stored without fingerprints.
   */
  private writeNow(): void {
    this.tick();
    for (const [model, p] of this.pending) {
      if (!model.dive || (!p.ranges.size && !p.seconds.size)) continue;
      const cov = this.coverageOf(model);
      model
        .mutate((dive) => {
          for (const [path, ranges] of p.ranges) markRead(dive, path, ranges, cov.analyzed(path)?.current);
          for (const [path, seconds] of p.seconds) addReadingTime(dive, path, seconds);
        })
        .catch((err) => this.ctx.log.error('reading record not saved on exit', err));
    }
    this.pending.clear();
  }

  dispose(): void {
    this.writeNow();
    for (const t of this.dwell.values()) clearTimeout(t);
    this.dwell.clear();
    clearTimeout(this.flushTimer);
    for (const d of this.disposables) d.dispose();
  }
}

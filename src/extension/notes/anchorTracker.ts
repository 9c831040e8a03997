import * as vscode from 'vscode';
import { refreshAnchor } from '../../core/anchor/reanchor';
import type { AnchorFile, ReanchorResult } from '../../core/anchor/types';
import type { NoteLocation, StepLocation } from '../../core/notes/locations';
import { resolveNoteLocations, resolveStepLocations } from '../../core/notes/locations';
import { reattachNote } from '../../core/notes/noteOps';
import { reattachStep } from '../../core/notes/flowOps';
import type { Anchor, DeepDive } from '../../core/model/types';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import { allModels, applyOp, liveText, openDocument, relPath, symbolsOf } from './liveFiles';

/** Where the notes and flow steps of one folder's active deep dive are in today's code. */
export interface FolderLocations {
  model: WorkspaceModel;
  dive: DeepDive;
  notes: Map<string, NoteLocation>;
  /** Keyed `flowId/stepId`. */
  steps: Map<string, StepLocation>;
}

/** Default pause after typing before notes re-anchor (setting deepDive.notes.followDelay). */
const EDIT_DEBOUNCE_MS = 300;

/**
 * Keeps every note and flow step on its code: re-anchors them (through the core) against the
 * editor's current text when documents change (debounced, so typing stays fast), when the deep
 * dive or the map changes; persists moved anchors when the document is saved, never on a
 * keystroke. Orphaned anchors are kept as they were, with their last known text.
 */
export class AnchorTracker implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly state = new Map<WorkspaceModel, FolderLocations>();
  private readonly watched = new Set<WorkspaceModel>();
  private timer: NodeJS.Timeout | undefined;
  /** Re-anchor against every mapped file once per dive/map change when something is orphaned. */
  private wideSearch = false;

  constructor(private readonly ctx: DeepDiveContext) {
    this.disposables.push(
      this.emitter,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.concerns(e.document)) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.persist(doc).catch((err) => ctx.log.error('saving moved anchors failed', err))),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.watchModels()),
    );
    this.watchModels();
  }

  private watchModels(): void {
    for (const model of allModels(this.ctx)) {
      if (this.watched.has(model)) continue;
      this.watched.add(model);
      this.disposables.push(
        model.onDidChangeDive(() => this.refreshSoon(true)),
        model.onDidChangeMap(() => this.refreshSoon(true)),
      );
    }
  }

  private concerns(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file') return false;
    for (const model of this.watched) if (model.dive && relPath(model, doc.uri) !== undefined) return true;
    return false;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const delay = vscode.workspace.getConfiguration('deepDive.notes').get<number>('followDelay', EDIT_DEBOUNCE_MS);
    this.timer = setTimeout(() => this.refresh(false), Math.max(50, Math.min(5000, delay)));
  }

  private refreshSoon(wide: boolean): void {
    if (wide) this.wideSearch = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 0);
  }

  /** Locations per folder, computed now if never computed. */
  folders(): FolderLocations[] {
    if (!this.state.size) this.compute(false);
    return [...this.state.values()];
  }

  forModel(model: WorkspaceModel): FolderLocations | undefined {
    this.folders();
    return this.state.get(model);
  }

  /** Re-anchors everything now and tells the views and threads. */
  refresh(wide = this.wideSearch): void {
    clearTimeout(this.timer);
    this.wideSearch = false;
    this.compute(wide);
    this.emitter.fire();
  }

  private compute(wide: boolean): void {
    this.watchModels();
    this.state.clear();
    for (const model of this.watched) {
      const dive = model.dive;
      if (!dive) continue;
      const open = vscode.workspace.textDocuments.map((d) => relPath(model, d.uri)).filter((p): p is string => p !== undefined);
      const options = { symbols: (p: string) => symbolsOf(model, p), files: open };
      const read = (p: string) => liveText(model, p);
      let notes = resolveNoteLocations(dive, read, options);
      let steps = resolveStepLocations(dive, read, options);
      const orphaned = notes.some((n) => n.anchor === 'orphaned') || steps.some((s) => s.anchor === 'orphaned');
      const mapped = model.mapIfReady?.files.map((f) => f.path);
      if (wide && orphaned && mapped) {
        // Code may have moved to a file that is not open: look through the whole map, rarely.
        const wider = { ...options, files: [...open, ...mapped] };
        notes = resolveNoteLocations(dive, read, wider);
        steps = resolveStepLocations(dive, read, wider);
      }
      this.state.set(model, {
        model,
        dive,
        notes: new Map(notes.map((n) => [n.id, n])),
        steps: new Map(steps.map((s) => [`${s.flow}/${s.step}`, s])),
      });
    }
  }

  /**
   * A saved document: anchors that moved into it (or out of it) are re-made at their new place
   * and saved, so that the deep-dive file follows the code.
   */
  async persist(doc: vscode.TextDocument): Promise<number> {
    const model = [...this.watched].find((m) => relPath(m, doc.uri) !== undefined);
    const rel = model && relPath(model, doc.uri);
    if (!model || rel === undefined || !model.dive) return 0;
    this.refresh(false);
    const loc = this.state.get(model);
    if (!loc) return 0;
    const fileOf = (p: string): AnchorFile | undefined => {
      const d = openDocument(model, p);
      if (d?.isDirty) return undefined; // not saved yet: its anchors are saved with it
      const text = liveText(model, p);
      if (text === undefined) return undefined;
      const symbols = symbolsOf(model, p);
      return symbols ? { path: p, text, symbols } : { path: p, text };
    };
    const moves: { note?: string; flow?: string; step?: string; anchor: Anchor }[] = [];
    const remade = (anchor: Anchor, found: ReanchorResult): Anchor | undefined => {
      if (found.status !== 'moved') return undefined;
      if (found.path !== rel && anchor.path !== rel) return undefined;
      const file = fileOf(found.path);
      if (!file) return undefined;
      const next = refreshAnchor(anchor, found, [file]);
      return next === anchor ? undefined : next;
    };
    for (const note of loc.dive.notes) {
      const l = loc.notes.get(note.id);
      if (note.target.type !== 'code' || !l || l.file === undefined || l.line === undefined || l.endLine === undefined || !l.anchor) continue;
      const next = remade(note.target.anchor, { status: l.anchor, path: l.file, range: { start: l.line, end: l.endLine }, confidence: l.confidence ?? 0 });
      if (next) moves.push({ note: note.id, anchor: next });
    }
    for (const flow of loc.dive.flows) {
      for (const step of flow.steps) {
        const l = loc.steps.get(`${flow.id}/${step.id}`);
        if (!l) continue;
        const next = remade(step.anchor, { status: l.anchor, path: l.file, range: { start: l.line, end: l.endLine }, confidence: l.confidence });
        if (next) moves.push({ flow: flow.id, step: step.id, anchor: next });
      }
    }
    if (!moves.length) return 0;
    await applyOp(model, (dive) => {
      let d = dive;
      for (const m of moves) {
        if (m.note && d.notes.some((n) => n.id === m.note)) d = reattachNote(d, m.note, m.anchor);
        else if (m.flow && m.step && d.flows.some((f) => f.id === m.flow && f.steps.some((s) => s.id === m.step))) d = reattachStep(d, m.flow, m.step, m.anchor);
      }
      return d;
    });
    this.ctx.log.info(`${moves.length} anchor${moves.length === 1 ? '' : 's'} followed the code in ${rel}`);
    return moves.length;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

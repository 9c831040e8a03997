import * as vscode from 'vscode';
import type { Flow } from '../../core/model/types';
import { visitStep } from '../../core/notes/flowOps';
import { findFlow } from '../../core/notes/validate';
import { DeepDiveError } from '../../core/errors';
import type { DeepDiveContext } from '../deepDiveContext';
import type { AnchorTracker } from '../notes/anchorTracker';
import { applyOp, relPath, uriOf } from '../notes/liveFiles';
import type { WorkspaceModel } from '../workspace/workspaceModel';

export interface StepView {
  flowId: string;
  flowTitle: string;
  stepId: string;
  /** 0-based. */
  index: number;
  total: number;
  /** "step 3/7 · POST /api/auth/login". */
  label: string;
  stepTitle?: string;
  file: string;
  /** 1-based inclusive, where the step's code is now. */
  start: number;
  end: number;
  orphaned: boolean;
}

export function stepLabel(flow: Flow, index: number): string {
  return `step ${index + 1}/${flow.steps.length} · ${flow.title}`;
}

/**
 * Stepping through a flow in the editor: the current step's range highlighted, a CodeLens
 * above it and the status bar saying "step 3/7 · POST /api/auth/login"; each step stepped
 * onto is visited (the flow is then being traced). Reading credit is the tracker's: a step's
 * lines count as read only once they were on screen long enough.
 */
export class FlowSession implements vscode.Disposable, vscode.CodeLensProvider {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly decoration: vscode.TextEditorDecorationType;
  private readonly status: vscode.StatusBarItem;
  private readonly lensEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensEmitter.event;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private active: { model: WorkspaceModel; flowId: string; stepId?: string } | undefined;

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly tracker: AnchorTracker,
  ) {
    this.decoration = vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('deepDive.flowStepBackground'),
      isWholeLine: true,
      // High-contrast themes have no background tint: the border carries the highlight there.
      border: '1px solid',
      borderColor: new vscode.ThemeColor('deepDive.flowStepBorder'),
      overviewRulerColor: new vscode.ThemeColor('deepDive.flowStepBackground'),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
    });
    this.status = vscode.window.createStatusBarItem('deepDive.flowStep', vscode.StatusBarAlignment.Left, 90);
    this.status.name = 'Deep Dive flow step';
    this.disposables.push(
      this.decoration,
      this.status,
      this.lensEmitter,
      this.changeEmitter,
      vscode.languages.registerCodeLensProvider({ scheme: 'file' }, this),
      vscode.window.onDidChangeVisibleTextEditors(() => this.decorate()),
      tracker.onDidChange(() => this.render()),
    );
  }

  /** The flow being stepped through (or recorded), if any. */
  get activeFlow(): { model: WorkspaceModel; flowId: string } | undefined {
    if (!this.active) return undefined;
    if (!this.active.model.dive?.flows.some((f) => f.id === this.active!.flowId)) return undefined;
    return { model: this.active.model, flowId: this.active.flowId };
  }

  /** Makes a flow the active one without moving (a new flow being recorded). */
  setActive(model: WorkspaceModel, flowId: string): void {
    this.active = { model, flowId };
    this.render();
  }

  /** Where the current step is now, as shown. */
  current(): StepView | undefined {
    const a = this.active;
    if (!a?.stepId || !a.model.dive) return undefined;
    const flow = a.model.dive.flows.find((f) => f.id === a.flowId);
    const index = flow?.steps.findIndex((s) => s.id === a.stepId) ?? -1;
    if (!flow || index < 0) return undefined;
    return this.view(a.model, flow, index);
  }

  private view(model: WorkspaceModel, flow: Flow, index: number): StepView {
    const step = flow.steps[index];
    const loc = this.tracker.forModel(model)?.steps.get(`${flow.id}/${step.id}`);
    return {
      flowId: flow.id,
      flowTitle: flow.title,
      stepId: step.id,
      index,
      total: flow.steps.length,
      label: stepLabel(flow, index),
      stepTitle: step.title,
      file: loc?.file ?? step.anchor.path,
      start: loc?.line ?? step.anchor.range.start,
      end: loc?.endLine ?? step.anchor.range.end,
      orphaned: loc?.anchor === 'orphaned',
    };
  }

  /** Steps onto a step (0-based index): reveals it and marks it visited. */
  async goTo(model: WorkspaceModel, flowId: string, index: number): Promise<StepView> {
    const dive = model.dive;
    if (!dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
    const flow = findFlow(dive, flowId);
    if (!flow.steps.length) throw new DeepDiveError(`flow "${flow.title}" has no steps yet: select code and run "Deep Dive: Add Selection as Step"`);
    if (index < 0 || index >= flow.steps.length) throw new DeepDiveError(`flow "${flow.title}" has steps 1-${flow.steps.length}, no step ${index + 1}`);
    this.tracker.refresh(false);
    const v = this.view(model, flow, index);
    this.active = { model, flowId, stepId: v.stepId };
    if (v.orphaned) void vscode.window.showWarningMessage(`Deep Dive: the code of ${v.label} was not found; showing where it was last.`);
    const editor = await vscode.window.showTextDocument(uriOf(model, v.file), { preview: false });
    const range = new vscode.Range(v.start - 1, 0, v.end - 1, 0);
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
    this.render();
    // Visited, not read: the step's lines count as read like any code, once they stayed on
    // screen for the dwell (the reading tracker), and only the lines that were visible.
    await applyOp(model, (d) => visitStep(d, flowId, v.stepId));
    this.render();
    return v;
  }

  async step(delta: 1 | -1): Promise<StepView | undefined> {
    const a = this.activeFlow;
    if (!a) throw new DeepDiveError('no flow is being traced: pick one in the Entry Points & Flows view ("Trace this flow" or "Step Through")');
    const flow = findFlow(a.model.dive!, a.flowId);
    const cur = this.current();
    const index = cur ? cur.index + delta : delta > 0 ? 0 : flow.steps.length - 1;
    if (index < 0 || index >= flow.steps.length) {
      void vscode.window.showInformationMessage(
        index < 0 ? `Deep Dive: this is the first step of ${flow.title}.` : `Deep Dive: that was the last step of ${flow.title}. Mark it understood?`,
        ...(index < 0 ? [] : ['Mark Understood']),
      ).then((pick) => pick && vscode.commands.executeCommand('deepDive.flows.markUnderstood', a.flowId));
      return cur;
    }
    return this.goTo(a.model, a.flowId, index);
  }

  stop(): void {
    this.active = undefined;
    this.render();
  }

  private render(): void {
    const cur = this.current();
    void this.ctx.setContext('deepDive.flowActive', !!cur);
    if (cur) {
      this.status.text = `$(debug-step-over) ${cur.label}`;
      this.status.tooltip = new vscode.MarkdownString(`**${cur.flowTitle}**\n\nstep ${cur.index + 1} of ${cur.total}${cur.stepTitle ? `: \`${cur.stepTitle}\`` : ''}\n\nClick for the next step.`);
      this.status.command = 'deepDive.nextStep';
      this.status.show();
    } else this.status.hide();
    this.decorate();
    this.lensEmitter.fire();
    this.changeEmitter.fire();
  }

  private decorate(): void {
    const cur = this.current();
    for (const editor of vscode.window.visibleTextEditors) {
      const model = this.active?.model;
      const here = cur && model && relPath(model, editor.document.uri) === cur.file && !cur.orphaned;
      editor.setDecorations(this.decoration, here ? [new vscode.Range(cur.start - 1, 0, cur.end - 1, 0)] : []);
    }
  }

  /** The highlighted range in an editor, 1-based (tests and the view read it). */
  highlighted(doc: vscode.TextDocument): { start: number; end: number } | undefined {
    const cur = this.current();
    if (!cur || !this.active || relPath(this.active.model, doc.uri) !== cur.file || cur.orphaned) return undefined;
    return { start: cur.start, end: cur.end };
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const at = this.highlighted(doc);
    const cur = this.current();
    if (!at || !cur) return [];
    const range = new vscode.Range(at.start - 1, 0, at.start - 1, 0);
    const lenses = [
      new vscode.CodeLens(range, { title: `$(debug-step-over) ${cur.label}${cur.stepTitle ? ` — ${cur.stepTitle}` : ''}`, command: 'deepDive.entryPoints.focus', tooltip: 'Show the flow' }),
    ];
    if (cur.index > 0) lenses.push(new vscode.CodeLens(range, { title: '$(arrow-up) Previous', command: 'deepDive.previousStep' }));
    if (cur.index + 1 < cur.total) lenses.push(new vscode.CodeLens(range, { title: '$(arrow-down) Next', command: 'deepDive.nextStep' }));
    const flow = this.active?.model.dive?.flows.find((f) => f.id === cur.flowId);
    if (flow && flow.status !== 'understood') lenses.push(new vscode.CodeLens(range, { title: '$(pass) Mark Understood', command: 'deepDive.flows.markUnderstood', arguments: [cur.flowId] }));
    return lenses;
  }

  dispose(): void {
    void this.ctx.setContext('deepDive.flowActive', false);
    for (const d of this.disposables) d.dispose();
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkFutureDate } from '../../core/dive/dueDate';
import { newDive } from '../../core/dive/ops';
import { scopeFromInput, WHOLE_FOLDER } from '../../core/dive/scopeInput';
import { insertDive, listDiveIds } from '../../core/dive/store';
import { TEMPLATES } from '../../core/dive/templates';
import { repoInfo } from '../../core/history/repo';
import { shippedDirs } from '../../core/walk/walker';
import type { DeepDiveContext } from '../deepDiveContext';
import { groupDigits } from '../../core/numberText';

const SKIP_DIRS = new Set(['node_modules', '.git', '.deepdive', 'dist', 'build', 'out', 'vendor', 'target', '.venv', '__pycache__']);

export interface StartArgs {
  title?: string;
  include?: string[];
  exclude?: string[];
  due?: string;
  template?: string;
  folder?: vscode.Uri;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Folders a reader would scope a deep dive to: the top two levels, without build output, except
 * a build folder the package.json ships as its code (a published package's only code, which the
 * map reads: @actual-app/sync-server is all build/src).
 */
function candidateFolders(root: string): string[] {
  const out: string[] = [];
  const shipped = shippedDirs(path.join(root, 'package.json'));
  const visit = (rel: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith('.') || (SKIP_DIRS.has(e.name) && !(rel === '' && shipped?.has(e.name) && e.name !== 'node_modules'))) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      out.push(child);
      if (depth < 1) visit(child, depth + 1);
    }
  };
  visit('', 0);
  return out.sort();
}

/**
 * "Deep Dive: Start a Deep Dive": title, scope, due date, template, in one guided sequence
 * (Escape cancels at any step, nothing is written until the end). Arguments skip the prompts,
 * which is how tests and the walkthrough drive it.
 */
export async function startDive(ctx: DeepDiveContext, args: StartArgs = {}): Promise<string | undefined> {
  const folder = args.folder ? vscode.workspace.getWorkspaceFolder(args.folder) : await pickFolder();
  if (!folder) return undefined;
  const model = ctx.modelFor(folder);
  const root = folder.uri.fsPath;

  const title = args.title ?? (await vscode.window.showInputBox({
    title: 'Start a Deep Dive (1/4): title',
    prompt: 'What are you studying?',
    placeHolder: 'Auth and session service, Q4',
    validateInput: (v) => (v.trim() ? undefined : 'A deep dive needs a title'),
    ignoreFocusOut: true,
  }));
  if (!title) return undefined;

  let include = args.include;
  if (!include) {
    include = await pickScope(root);
    if (!include) return undefined;
  }

  let due = args.due;
  if (due === undefined) {
    const suggestion = isoDate(new Date(Date.now() + 21 * 86_400_000));
    due = await vscode.window.showInputBox({
      title: 'Start a Deep Dive (3/4): due date',
      prompt: 'YYYY-MM-DD (empty: no due date)',
      value: suggestion,
      validateInput: (v) => {
        if (!v.trim()) return undefined;
        try {
          checkFutureDate(v.trim(), new Date(), 'the due date');
          return undefined;
        } catch (err) {
          return (err as Error).message;
        }
      },
      ignoreFocusOut: true,
    });
    if (due === undefined) return undefined;
  }

  let template = args.template;
  if (!template) {
    const pick = await vscode.window.showQuickPick(
      TEMPLATES.map((t) => ({ label: t.title, description: `${t.questions.length} questions`, detail: t.description, name: t.name })),
      { title: 'Start a Deep Dive (4/4): question template', ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    template = pick.name;
  }

  if (due?.trim()) checkFutureDate(due.trim(), new Date(), 'the due date');
  const draft = newDive({ title, include, exclude: args.exclude ?? [], due: due?.trim() || undefined, template }, listDiveIds(root));
  // git only in a trusted workspace: reading a repository's config can execute programs.
  const repo = await repoInfo(root, vscode.workspace.isTrusted);
  const dive = repo.available && repo.head ? { ...draft, baseCommit: repo.head } : draft;
  const loaded = insertDive(root, dive);
  model.setActive(loaded.id);
  ctx.log.info(`started deep dive ${loaded.id} (${loaded.file})`);
  // Show the Overview without taking the keyboard from the editor (issue 16: keystrokes meant
  // for the editor landed in the tree).
  const editor = vscode.window.activeTextEditor;
  await vscode.commands.executeCommand('deepDive.overview.focus');
  if (editor) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, selection: editor.selection, preserveFocus: false });
  // Map right away: the views need it, and progress shows while it runs.
  void model.map().catch((err) => ctx.log.error('mapping failed', err));
  return loaded.id;
}

/**
 * The scope step: tick folders, or type folders or globs, or pick the whole folder by name.
 * Enter with nothing ticked takes what was typed; with nothing typed it asks again (issue 16:
 * it silently meant the whole repository).
 */
async function pickScope(root: string): Promise<string[] | undefined> {
  type Item = vscode.QuickPickItem & { glob: string };
  const whole: Item = { label: '$(root-folder) The whole folder', description: `${WHOLE_FOLDER} — tests, scripts and configuration included`, glob: WHOLE_FOLDER };
  const items: Item[] = [whole, ...candidateFolders(root).map((f) => ({ label: `$(folder) ${f}`, description: `${f}/**`, glob: `${f}/**` }))];
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Start a Deep Dive (2/4): scope';
  qp.placeholder = 'Tick the folders in scope, or type folders or globs (src, lib/**/*.ts), then Enter';
  qp.canSelectMany = true;
  qp.ignoreFocusOut = true;
  qp.items = items;
  const isFolder = (rel: string) => fs.statSync(path.join(root, rel), { throwIfNoEntry: false })?.isDirectory() ?? false;
  try {
    return await new Promise<string[] | undefined>((resolve) => {
      const title = qp.title;
      qp.onDidAccept(() => {
        const picked = qp.selectedItems.map((i) => i.glob);
        const answer = scopeFromInput(picked.includes(WHOLE_FOLDER) ? [WHOLE_FOLDER] : picked, qp.value, isFolder);
        if ('askAgain' in answer) {
          // QuickPick has no validation message in the stable API: the title carries the question.
          qp.title = `${title} — ${answer.askAgain}`;
          return;
        }
        resolve(answer.include);
      });
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0] ?? (void vscode.window.showErrorMessage('Deep Dive: open a folder first.'), undefined);
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder does this deep dive belong to?' });
}

/** "Deep Dive: Switch Active Deep Dive". */
export async function switchDive(ctx: DeepDiveContext): Promise<void> {
  const model = ctx.model();
  const dives = model.allDives();
  if (!dives.length) {
    const start = await vscode.window.showInformationMessage('No deep dive in this folder yet.', 'Start a Deep Dive');
    if (start) await vscode.commands.executeCommand('deepDive.start');
    return;
  }
  const pick = await vscode.window.showQuickPick(
    dives.map((d) => ({ label: d.dive.title, description: d.id === model.active?.id ? 'active' : d.id, detail: d.file, id: d.id })),
    { title: 'Switch Active Deep Dive' },
  );
  if (pick) model.setActive(pick.id);
}

/** "Deep Dive: Map the System": (re-)maps and reports what was found. */
export async function mapSystem(ctx: DeepDiveContext): Promise<{ files: number; modules: number; lines: number }> {
  const map = await ctx.model().map();
  const skipped = Object.values(map.skipped).reduce((a, b) => a + b, 0);
  void vscode.window.showInformationMessage(
    `Deep Dive: ${map.files.length} files, ${groupDigits(map.stats.lines)} lines, ${map.modules.filter((m) => m.kind !== 'external').length} modules mapped in ${map.stats.ms} ms${skipped ? ` (${skipped} skipped)` : ''}.`,
  );
  void vscode.commands.executeCommand('deepDive.modules.focus');
  return { files: map.files.length, modules: map.modules.filter((m) => m.kind !== 'external').length, lines: map.stats.lines };
}

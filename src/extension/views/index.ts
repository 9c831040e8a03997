import * as vscode from 'vscode';
import type { DeepDiveContext } from '../deepDiveContext';
import type { Reading } from '../reading/index';
import { ModulesView } from './modulesView';
import { OverviewView } from './overviewView';
import { QuestionsView } from './questionsView';

export interface ReadingViews {
  overview: OverviewView;
  modules: ModulesView;
  questions: QuestionsView;
}

/**
 * Registers the Overview, Modules and Questions views (cheap: providers compute nothing until
 * the views are shown) and re-renders them on the model's and the coverage's events.
 */
export function registerViews(ctx: DeepDiveContext, reading: Reading): ReadingViews {
  const overview = ctx.own(new OverviewView(ctx, reading));
  const modules = ctx.service('modulesView', () => new ModulesView(ctx, reading));
  const questions = ctx.own(new QuestionsView(ctx));
  ctx.own(vscode.window.createTreeView('deepDive.overview', { treeDataProvider: overview, showCollapseAll: false }));
  modules.tree = ctx.own(vscode.window.createTreeView('deepDive.modules', { treeDataProvider: modules, showCollapseAll: true, canSelectMany: true }));
  questions.tree = ctx.own(vscode.window.createTreeView('deepDive.questions', { treeDataProvider: questions }));
  questions.describe();
  const hooked = new Set<unknown>();
  const hook = () => {
    for (const m of ctx.existingModels) {
      if (hooked.has(m)) continue;
      hooked.add(m);
      ctx.own(m.onDidChangeDive(() => (overview.refresh(), modules.refresh(), questions.refresh())));
      ctx.own(m.onDidChangeMap(() => (overview.refresh(), modules.refresh())));
    }
  };
  hook();
  // Broken deep-dive files show in the Overview as soon as they appear (or are fixed).
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const w = ctx.own(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.deepdive/*.json')));
    w.onDidChange(() => overview.diveFilesChanged());
    w.onDidCreate(() => overview.diveFilesChanged());
    w.onDidDelete(() => overview.diveFilesChanged());
  }
  ctx.own(reading.onDidChange(() => (hook(), overview.refresh(), modules.refresh())));
  ctx.own(vscode.window.onDidChangeActiveTextEditor(() => hook()));
  return { overview, modules, questions };
}

import * as vscode from 'vscode';
import { registerCommands } from './commandTable';
import { COMMANDS } from './commands/index';
import { DeepDiveContext } from './deepDiveContext';
import { registerNotes } from './notes/index';
import { registerFlows } from './flows/index';
import { registerReading, readingOf } from './reading/index';
import { registerViews } from './views/index';
import { registerHistory } from './history/index';
import { registerModuleMapSerializer } from './moduleMap/moduleMapPanel';
import { revealOnFirstLaunch } from './firstLaunch';
import { setGitSpawner } from '../core/history/git';
import { gitSpawner } from '../core/history/gitSpawner';

let current: DeepDiveContext | undefined;

/**
 * Activation must stay cheap (budget: 100 ms): register commands and views, parse nothing.
 * Heavy services are created on first use through DeepDiveContext.service().
 */
export function activate(context: vscode.ExtensionContext): DeepDiveContext & { notes: ReturnType<typeof registerNotes>; flows: ReturnType<typeof registerFlows>; reading: ReturnType<typeof registerReading> & { views: ReturnType<typeof registerViews> }; history: ReturnType<typeof registerHistory> } {
  const started = performance.now();
  const ctx = new DeepDiveContext(context);
  context.subscriptions.push(ctx);
  registerCommands(ctx, COMMANDS);
  // git starts from a worker thread: starting a process holds the starting thread until the
  // child runs (69 ms of this thread at load 12 when a dive started). Nothing starts before a call.
  const spawner = gitSpawner();
  if (spawner) {
    setGitSpawner(spawner);
    ctx.own({
      dispose: () => {
        setGitSpawner(undefined);
        void spawner.dispose();
      },
    });
  }
  // Cheap: lists .deepdive/*.json (small files) so views and `when` clauses know the state.
  if (vscode.workspace.workspaceFolders?.length) ctx.model();
  // Notes as comment threads and the Notes view (cheap: nothing read until a dive is loaded).
  const notes = registerNotes(ctx);
  // Entry Points & Flows view, flow stepping (entry points are found when the view first shows).
  const flows = registerFlows(ctx);
  // Reading tracker, coverage marks, status bar; Overview, Modules and Questions views.
  const reading = { ...registerReading(ctx), views: registerViews(ctx, readingOf(ctx)) };
  // People view and the line-origins hover (git runs only in a trusted workspace, after activation).
  const history = registerHistory(ctx);
  // Brings the module map back after a reload (cheap: nothing is computed until it is restored).
  registerModuleMapSerializer(ctx);
  current = ctx;
  // After activation returns (its budget stays for registration): open the view once per install.
  setImmediate(() => void revealOnFirstLaunch(context.globalState).catch((err) => ctx.log.warn(`could not open the Deep Dive view: ${String(err)}`)));
  // Read by `npm run bench` (scripts/benchActivation.mjs) from the extension host's log; logged
  // after activation returns so that creating the log does not count against it.
  const activationMs = performance.now() - started;
  setImmediate(() => ctx.log.info(`activated in ${activationMs.toFixed(1)} ms`));
  // The API tests use to see what the editor shows.
  return Object.assign(ctx, { notes, flows, reading, history });
}

export function deactivate(): void {
  current?.dispose();
  current = undefined;
}

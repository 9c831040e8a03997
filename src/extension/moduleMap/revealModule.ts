import * as vscode from 'vscode';
import { DeepDiveError } from '../../core/errors';
import type { DeepDiveContext } from '../deepDiveContext';
import type { ModulesView } from '../views/modulesView';

/** The Modules view's provider (registerViews makes it during activation); never created here. */
function modulesView(ctx: DeepDiveContext): ModulesView | undefined {
  try {
    return ctx.service<ModulesView>('modulesView', () => {
      throw new Error('no Modules view');
    });
  } catch {
    return undefined;
  }
}

/**
 * `deepDive.modules.reveal` (module id): shows the Modules view with the module selected and
 * expanded; the module map runs it on a click. Returns whether the view lists the module (a
 * module outside the deep dive's scope is not in it: then the view is only shown).
 */
export async function revealModule(ctx: DeepDiveContext, moduleId: unknown): Promise<boolean> {
  if (typeof moduleId !== 'string') throw new DeepDiveError('Reveal in Modules view: expected a module id (like src/services)');
  if (await modulesView(ctx)?.reveal(moduleId)) return true;
  await vscode.commands.executeCommand('deepDive.modules.focus');
  return false;
}

import * as vscode from 'vscode';

/** Remembered per install: the Deep Dive view was opened once for a person who just installed it. */
export const SHOWN_KEY = 'deepDive.viewShownOnFirstLaunch';

/**
 * On the first activation after install the Deep Dive view container opens by itself (issue 16,
 * point 11: a new user saw only the Explorer and had to find the icon). Once: after that the
 * side bar is the user's. The keyboard goes back to an open editor so typing is not lost.
 */
export async function revealOnFirstLaunch(state: vscode.Memento): Promise<boolean> {
  if (state.get<boolean>(SHOWN_KEY)) return false;
  await state.update(SHOWN_KEY, true);
  const editor = vscode.window.activeTextEditor;
  await vscode.commands.executeCommand('workbench.view.extension.deepDive');
  if (editor) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  return true;
}

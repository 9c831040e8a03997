import * as assert from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'deep-dive.deep-dive';

describe('commands and views', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  it('registers every command it contributes, and nothing under deepDive. that it does not', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('deepDive.') && !/\.(focus|resetViewLocation|open|toggleVisibility|removeView)$/.test(c));
    const missing = contributed.filter((c) => !registered.includes(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    const extra = registered.filter((c) => !contributed.includes(c) && !c.startsWith('deepDive.internal.'));
    assert.deepStrictEqual(extra, [], `registered but not contributed: ${extra.join(', ')}`);
  });

  it('every contributed command is in the "Deep Dive" category', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    for (const c of manifest.contributes.commands) assert.strictEqual(c.category, 'Deep Dive', c.command);
  });

  it('the Deep Dive views exist and can be focused', async () => {
    for (const view of ['deepDive.overview', 'deepDive.modules', 'deepDive.entryPoints', 'deepDive.questions', 'deepDive.notes']) {
      // Focusing a view that does not exist rejects with "command not found".
      await vscode.commands.executeCommand(`${view}.focus`);
    }
  });

  it('opens the walkthrough', async () => {
    await vscode.commands.executeCommand('deepDive.openWalkthrough');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab, 'a tab is open');
    assert.match(tab.label, /Walkthrough|first deep dive|Welcome/i, `active tab: ${tab.label}`);
  });
});

import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'deep-dive.deep-dive';

/** What activate() returns, as far as these tests look. */
interface Api {
  extension: vscode.ExtensionContext;
  model(): { dive?: unknown; mapIfReady?: unknown; analysis: { started: boolean } };
  history: { available(): boolean | undefined };
}

describe('activation', () => {
  it('the extension is installed in the extension host', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  });

  it('activates on the fixture workspace', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder is open');
  });

  // The extension activates after start-up in every window (onStartupFinished), to open its view
  // once after install. A window where nobody has started a deep dive must pay nothing for that:
  // no map, no analysis worker, no git — even with the Deep Dive views on screen.
  it('in a folder without a deep dive: opens its view once, and maps nothing, starts no analysis, runs no git', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const dives = fs.existsSync(path.join(root, '.deepdive')) ? fs.readdirSync(path.join(root, '.deepdive')).filter((f) => f.endsWith('.json')) : [];
    assert.deepStrictEqual(dives, [], 'this test runs first, before any deep dive is started');
    const api = (await vscode.extensions.getExtension<Api>(EXTENSION_ID)!.activate())!;
    assert.strictEqual(api.extension.globalState.get('deepDive.viewShownOnFirstLaunch'), true, 'the view was opened on this first launch');
    // Past the second after activation at which the history check of a used folder runs.
    await new Promise((r) => setTimeout(r, 2000));
    const model = api.model();
    assert.strictEqual(model.dive, undefined);
    assert.strictEqual(model.mapIfReady, undefined, 'nothing mapped');
    assert.strictEqual(model.analysis.started, false, 'no analysis worker started');
    assert.strictEqual(api.history.available(), undefined, 'git never asked whether the folder has history');
  });
});

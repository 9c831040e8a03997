import * as assert from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'deep-dive.deep-dive';

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
});

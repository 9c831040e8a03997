// The routes follow the editor's unsaved text: a line typed above a route in a buffer that is not
// saved moves the route and its handler in the Entry Points view (the analysis worker follows the
// edit from its last answer, entry/entryFollow.ts), and reverting the buffer moves them back.
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlowsApi } from '../../src/extension/flows/index';
import type { EntryNode } from '../../src/extension/views/entryPointsView';
import { waitFor } from './waitFor';

const FILE = 'src/routes/auth.ts';
const LOGIN = 'POST /api/auth/login';

describe('routes of an unsaved buffer', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  let api: { flows: FlowsApi };
  const login = async () => {
    await vscode.commands.executeCommand('deepDive.entryPoints.refresh');
    for (const k of await api.flows.viewChildren()) for (const c of await api.flows.viewChildren(k)) if (c.type === 'entry' && c.entry.id === LOGIN) return (c as Extract<EntryNode, { type: 'entry' }>).entry;
    return undefined;
  };

  before(async () => {
    api = (await vscode.extensions.getExtension('deep-dive.deep-dive')!.activate()) as { flows: FlowsApi };
    await vscode.commands.executeCommand<string>('deepDive.start', { title: 'Unsaved buffers', include: ['src/**'], due: '2030-01-31', template: 'auth-service' });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a line typed above a route moves it while unsaved; typing within a line keeps it; reverting moves it back', async function () {
    this.timeout(300_000);
    const saved = await waitFor('the login route', login);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root(), FILE)));
    await vscode.window.showTextDocument(doc);
    const loginFn = doc.getText().split('\n').findIndex((l) => l.startsWith('async function login('));
    assert.ok(loginFn > 0 && loginFn + 1 < saved.line, 'the handler sits above the route');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(loginFn, 0), '// typed, not saved\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty, 'the buffer is not saved');
    const moved = await waitFor('the route one line lower', async () => {
      const e = await login();
      return e && e.line === saved.line + 1 ? e : undefined;
    });
    assert.strictEqual(moved.handlerLocation?.range.start, (saved.handlerLocation?.range.start ?? 0) + 1, 'its handler moved with it');
    assert.deepStrictEqual(moved.guards.map((g) => g.name), saved.guards.map((g) => g.name));

    const within = new vscode.WorkspaceEdit();
    within.insert(doc.uri, new vscode.Position(loginFn, '// typed'.length), ' here');
    assert.ok(await vscode.workspace.applyEdit(within));
    const same = await waitFor('the route after typing within a line', async () => {
      const e = await login();
      return e && doc.getText().includes('// typed here, not saved') ? e : undefined;
    });
    assert.strictEqual(same.line, saved.line + 1);

    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!doc.isDirty, 'reverted to the disk’s text');
    await waitFor('the route back on its saved line', async () => {
      const e = await login();
      return e && e.line === saved.line ? e : undefined;
    });
  });
});

import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ModuleMapHost } from '../../src/extension/moduleMap/moduleMapPanel';
// The same function activate() registers, run here on a panel as VS Code would after a reload.
import { MODULE_MAP_VIEW_TYPE, moduleMapSerializer } from '../../src/extension/moduleMap/moduleMapPanel';
import type { DeepDiveContext } from '../../src/extension/deepDiveContext';
import { openAsIssue } from '../../src/extension/report/leadCommands';

async function waitFor<T>(what: string, get: () => T | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('report and module map in the editor', function () {
  this.timeout(120_000);
  let api: DeepDiveContext;

  before(async () => {
    api = (await vscode.extensions.getExtension('deep-dive.deep-dive')!.activate()) as DeepDiveContext;
    await vscode.commands.executeCommand('deepDive.start', { title: 'Report suite', include: ['src/**'], due: '2030-01-31', template: 'auth-service' });
  });

  it('exports the report in each format through the command', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-export-'));
    for (const format of ['md', 'html', 'json'] as const) {
      const uri = vscode.Uri.file(path.join(dir, `report.${format}`));
      const written = await vscode.commands.executeCommand<vscode.Uri>('deepDive.exportReport', { format, uri, noOpen: true });
      assert.ok(written, `${format} written`);
      const text = fs.readFileSync(uri.fsPath, 'utf8');
      if (format === 'json') {
        const data = JSON.parse(text);
        assert.strictEqual(data.schema, 'deepdive-report/1');
        assert.strictEqual(data.dive.title, 'Report suite');
        assert.ok(data.graph.modules.length >= 5);
        assert.ok(data.entries.some((e: { path: string; unguarded: boolean }) => e.path === '/health' && e.unguarded));
      } else if (format === 'md') {
        assert.match(text, /^# Deep dive report: Report suite/);
        assert.match(text, /```mermaid\ngraph LR/);
      } else {
        assert.match(text, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="map"/);
        assert.ok(!/<script/i.test(text));
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sets the verdict, an owner and due date, and decision marks from the editor; the report shows them', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('deepDive.report.writeVerdict', 'Sound design; close the session gap this quarter.'), true);
    const model = api.model();
    assert.strictEqual(model.dive?.verdict?.text, 'Sound design; close the session gap this quarter.');
    const noteId = await vscode.commands.executeCommand<string>('deepDive.addNote', { kind: 'decision', severity: null, body: 'Keep the middleware order.', impact: '' });
    await vscode.commands.executeCommand('deepDive.notes.markKept', noteId);
    assert.strictEqual(api.model().dive?.notes.find((n) => n.id === noteId)?.decision, 'kept');
    assert.strictEqual(await vscode.commands.executeCommand('deepDive.report.assignRecommendation', { id: 'low-coverage:modules', owner: 'Platform team', due: '2099-06-30' }), true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-plans-'));
    const uri = vscode.Uri.file(path.join(dir, 'report.json'));
    await vscode.commands.executeCommand('deepDive.exportReport', { format: 'json', uri, noOpen: true });
    const data = JSON.parse(fs.readFileSync(uri.fsPath, 'utf8'));
    assert.strictEqual(data.verdict.source, 'leader');
    assert.deepStrictEqual(data.summary.decisionsKept, [noteId]);
    const rec = data.summary.recommendations.find((x: { id: string }) => x.id === 'low-coverage:modules');
    assert.strictEqual(rec?.owner, 'Platform team');
    assert.strictEqual(rec?.due, '2099-06-30');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('previews the report in a webview with a nonce-only policy and no script', async () => {
    await vscode.commands.executeCommand('deepDive.previewReport');
    const tab = await waitFor('the preview tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Report: Report suite'));
    assert.ok(tab.input instanceof vscode.TabInputWebview, 'a webview tab');
  });

  it('shows the module map, whose front end reports ready with every module', async () => {
    await vscode.commands.executeCommand('deepDive.showModuleMap');
    const host = api.service<ModuleMapHost>('moduleMap', () => {
      throw new Error('the module map host was not created');
    });
    assert.ok(host.visiblePanel, 'the panel exists');
    await waitFor('the ready message', () => host.testHook.ready > 0);
    const map = await api.model().map();
    assert.strictEqual(host.testHook.lastModules, map.modules.filter((m) => m.kind !== 'external').length);
    assert.ok(host.testHook.lastModules >= 5, `${host.testHook.lastModules} modules`);
    assert.strictEqual(host.testHook.lastShown, host.testHook.lastModules);
  });
  it('restores the module map after a reload: the serializer is registered and brings back the filter', async () => {
    // VS Code allows one serializer per view type: a second one is refused only if activate() registered ours.
    assert.throws(() => vscode.window.registerWebviewPanelSerializer(MODULE_MAP_VIEW_TYPE, { deserializeWebviewPanel: async () => undefined }), /already registered/);
    await vscode.commands.executeCommand('deepDive.showModuleMap');
    const host = api.service<ModuleMapHost>('moduleMap', () => {
      throw new Error('the module map host was not created');
    });
    await waitFor('the first map', () => host.testHook.ready > 0);
    const before = { ready: host.testHook.ready, restored: host.testHook.restored };
    const first = host.visiblePanel!;
    // What VS Code hands the serializer after a reload: a bare panel of our type and the saved state.
    const panel = vscode.window.createWebviewPanel(MODULE_MAP_VIEW_TYPE, 'Module Map', vscode.ViewColumn.Active, { enableScripts: true });
    await moduleMapSerializer(api).deserializeWebviewPanel(panel, { filter: 'services', expand: [] });
    assert.strictEqual(host.testHook.restored, before.restored + 1);
    assert.strictEqual(host.visiblePanel, panel, 'the restored panel is the map now');
    assert.notStrictEqual(first, panel);
    await waitFor('the restored front end to report ready', () => host.testHook.ready > before.ready);
    await waitFor('the filtered graph', () => host.testHook.lastShown === 1);
    assert.deepStrictEqual(host.currentState, { filter: 'services', expand: [] });
    assert.ok(host.testHook.lastModules >= 5, `${host.testHook.lastModules} modules in all, 1 shown`);
    // A saved state that is not ours is ignored rather than trusted.
    const bad = vscode.window.createWebviewPanel(MODULE_MAP_VIEW_TYPE, 'Module Map', vscode.ViewColumn.Active, { enableScripts: true });
    await moduleMapSerializer(api).deserializeWebviewPanel(bad, { filter: 42, expand: 'x' });
    assert.deepStrictEqual(host.currentState, { filter: '', expand: [] });
    await waitFor('the unfiltered graph', () => host.testHook.lastShown === host.testHook.lastModules);
    bad.dispose();
    assert.strictEqual(host.visiblePanel, undefined);
  });
  it('a click on a module reveals it in the Modules view and opens its first file', async () => {
    const modules = (api as unknown as { reading: { views: { modules: { tree?: vscode.TreeView<{ kind: string; id?: string }> } } } }).reading.views.modules;
    assert.ok(modules.tree, 'the Modules view exposes its tree');
    // The command on its own, as any caller would run it.
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('deepDive.modules.reveal', 'src/store'), true);
    await waitFor('src/store selected', () => modules.tree!.selection.some((n) => n.kind === 'module' && n.id === 'src/store'));
    assert.ok(modules.tree.visible, 'the view is shown');
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('deepDive.modules.reveal', 'no/such/module'), false);
    // What the map's front end sends on a click.
    await vscode.commands.executeCommand('deepDive.showModuleMap');
    const host = api.service<ModuleMapHost>('moduleMap', () => {
      throw new Error('the module map host was not created');
    });
    await waitFor('the map', () => host.testHook.ready > 0 && host.visiblePanel);
    await host.receive({ type: 'open', module: 'src/services' });
    await waitFor('src/services selected', () => modules.tree!.selection.some((n) => n.kind === 'module' && n.id === 'src/services'));
    const editor = await waitFor('its first file open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith('/src/services/authService.ts')));
    assert.ok(editor);
    assert.deepStrictEqual(host.testHook.opened.slice(-1), ['src/services']);
    // A message that is not in the protocol does nothing.
    await host.receive({ type: 'open', module: 42 });
    assert.deepStrictEqual(host.testHook.opened.slice(-1), ['src/services']);
  });
  it('imports a real scanner\'s SARIF as leads once, confirms one, exports the findings as SARIF, and opens a note as an issue only with a GitHub/GitLab remote', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-sarif-'));
    const sarif = path.resolve(__dirname, '../../../test/sarif/eslint-fixtures.sarif');
    type Imported = { added: { id: string }[]; duplicates: number; findings: number };
    const first = await vscode.commands.executeCommand<Imported>('deepDive.importSarif', { uri: vscode.Uri.file(sarif) });
    // The workspace is a copy of test/fixtures/auth-service-ts: its 30 results anchor here.
    assert.ok(first.added.length >= 30, `${first.added.length} added`);
    const again = await vscode.commands.executeCommand<Imported>('deepDive.importSarif', { uri: vscode.Uri.file(sarif) });
    assert.strictEqual(again.added.length, 0);
    assert.strictEqual(again.duplicates, first.added.length);
    const [confirmed, dismissed] = [first.added[0].id, first.added[1].id];
    await vscode.commands.executeCommand('deepDive.notes.confirmLead', confirmed);
    await vscode.commands.executeCommand('deepDive.notes.dismissLead', dismissed);
    const leads = api.model().dive!.notes.filter((n) => n.lead);
    assert.strictEqual(leads.length, first.added.length);
    assert.strictEqual(leads.find((n) => n.id === confirmed)?.lead?.state, 'confirmed');
    assert.strictEqual(leads.find((n) => n.id === dismissed)?.status, 'resolved');
    const out = await vscode.commands.executeCommand<vscode.Uri>('deepDive.exportSarif', { uri: vscode.Uri.file(path.join(dir, 'f.sarif')), noOpen: true });
    const log = JSON.parse(fs.readFileSync(out.fsPath, 'utf8'));
    assert.strictEqual(log.version, '2.1.0');
    assert.ok(log.runs[0].tool.driver.semanticVersion, 'the extension\'s version');
    const notesIn = log.runs[0].results.map((r: { properties: { deepDive: { note: string } } }) => r.properties.deepDive.note);
    assert.ok(notesIn.includes(confirmed) && !notesIn.includes(dismissed), 'the confirmed lead is a finding; the dismissed one is not');
    // The workspace copy has no GitHub/GitLab remote: the command says so (the address itself is unit-tested).
    await assert.rejects(openAsIssue(api, { noteId: confirmed, noOpen: true }), /no GitHub or GitLab remote/);
    // With a GitHub remote (a `.git` file pointing at a config elsewhere, as a worktree has; read
    // as text, never by running git): the command opens the repository's own new-issue page,
    // prefilled with the note. The browser itself is the UI test's (test/ui/notes.test.mjs).
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const gitDir = path.join(dir, 'gitdir');
    fs.mkdirSync(gitDir);
    fs.writeFileSync(path.join(gitDir, 'config'), '[remote "origin"]\n\turl = git@github.com:acme/auth-service.git\n');
    fs.writeFileSync(path.join(root, '.git'), `gitdir: ${gitDir}\n`);
    try {
      const url = new URL((await openAsIssue(api, { noteId: confirmed, noOpen: true }))!);
      assert.strictEqual(`${url.origin}${url.pathname}`, 'https://github.com/acme/auth-service/issues/new');
      const note = api.model().dive!.notes.find((n) => n.id === confirmed)!;
      assert.ok(url.searchParams.get('title'), 'a title');
      assert.ok(url.searchParams.get('body')!.includes(note.body.trim().split('\n')[0]), 'the body holds the note');
    } finally {
      fs.rmSync(path.join(root, '.git'), { force: true });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

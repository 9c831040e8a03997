import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlowsApi } from '../../src/extension/flows/index';
import type { StepView } from '../../src/extension/flows/flowSession';
import type { EntryNode } from '../../src/extension/views/entryPointsView';
import { countProtections, PROTECTION_LABELS, protectionOf, protectionSummary } from '../../src/core/entry/protection';

const LOGIN = 'POST /api/auth/login';

describe('entry points and flows in the editor', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  let api: { flows: FlowsApi };
  let diveId: string;
  const diveFile = () => JSON.parse(fs.readFileSync(path.join(root(), '.deepdive', `${diveId}.json`), 'utf8'));
  const entries = async () => {
    const out: Extract<EntryNode, { type: 'entry' }>[] = [];
    for (const k of await api.flows.viewChildren()) for (const c of await api.flows.viewChildren(k)) if (c.type === 'entry') out.push(c);
    return out;
  };

  before(async () => {
    api = (await vscode.extensions.getExtension('deep-dive.deep-dive')!.activate()) as { flows: FlowsApi };
    diveId = (await vscode.commands.executeCommand<string>('deepDive.start', { title: 'Flows integration', include: ['src/**'], due: '2030-01-31', template: 'auth-service' }))!;
  });

  after(async () => {
    await vscode.commands.executeCommand('deepDive.flows.stop');
  });

  it('lists the routes grouped by kind with their guards, and flags the unguarded one', async () => {
    const roots = await api.flows.viewChildren();
    assert.ok(roots.some((r) => r.type === 'kind' && r.kind === 'http'), JSON.stringify(roots.map((r) => r.type)));
    assert.ok(roots.some((r) => r.type === 'flows'), 'a Flows node');
    const all = await entries();
    const byId = new Map(all.map((e) => [e.entry.id, e.view]));
    assert.ok(byId.has(LOGIN), [...byId.keys()].join(', '));
    const logout = byId.get('POST /api/auth/logout')!;
    assert.strictEqual(logout.unguarded, false);
    assert.ok(logout.entry.guards.some((g) => g.name.includes('requireAuth')));
    const devices = byId.get('GET /api/users/:id/sessions')!;
    assert.ok(devices.unguarded && !devices.publicReason, 'the devices route has no auth and no sign it is meant to be public');
    const confirm = byId.get('POST /api/password-reset/confirm')!;
    assert.ok(confirm.unguarded && confirm.publicReason, 'password reset is public on purpose (its comment says so)');

    api.flows.setNoAuthFilter(true);
    try {
      const flagged = (await entries()).map((e) => e.entry.id);
      assert.deepStrictEqual(flagged, ['GET /api/users/:id/sessions']);
    } finally {
      api.flows.setNoAuthFilter(false);
    }
  });

  it('words and counts each route\'s protection as the CLI and the report do, with unique tree ids', async () => {
    const kind = (await api.flows.viewChildren()).find((r): r is Extract<EntryNode, { type: 'kind' }> => r.type === 'kind' && r.kind === 'http')!;
    const counts = countProtections(kind.entries.map((v) => v.entry));
    const head = api.flows.viewItem(kind);
    // The same sentence `deepdive routes` prints in its first line, guarded routes aside.
    assert.strictEqual(head.description, `${kind.entries.length} · ${protectionSummary({ ...counts, guarded: 0 })}`);
    assert.match(String(head.description), /1 no auth/);
    const items = (await entries()).map((n) => ({ n, item: api.flows.viewItem(n) }));
    for (const { n, item } of items) {
      const p = protectionOf(n.entry);
      if (n.entry.kind !== 'http' || !p) continue;
      assert.ok(String(item.description).startsWith(p === 'guarded' ? 'requireAuth' : PROTECTION_LABELS[p]), `${n.entry.id}: ${item.description}`);
      const tip = (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ');
      assert.ok(tip.includes(`Protection: **${PROTECTION_LABELS[p]}**`), tip);
      if (p !== 'noAuth') assert.ok(!tip.includes('No authentication or authorization'), tip);
      assert.ok(!String(item.description).includes('<inline>'), `the handler is named by its place, not <inline>: ${item.description}`);
    }
    const ids = items.map((x) => x.item.id);
    assert.strictEqual(new Set(ids).size, ids.length, 'tree ids are unique');
    // Two registrations of one method and path (issue 16: `GET /*` twice) still get two ids.
    const one = kind.entries[0];
    const twin = { ...one, entry: { ...one.entry, file: 'src/other.ts', line: 3 } };
    const twice = await api.flows.viewChildren({ type: 'kind', kind: 'http', entries: [one, twin, one] });
    const twinIds = twice.map((n) => api.flows.viewItem(n).id);
    assert.strictEqual(new Set(twinIds).size, 3, twinIds.join(' | '));
  });

  it('shows the API description check under the routes: each difference a node that opens its place', async () => {
    // The fixture's OpenAPI document (test/fixtures/openapi) drifts from the code on purpose: one
    // method mismatch, one documented route the code does not serve, four routes not described.
    const spec = path.join(root(), 'openapi.yaml');
    fs.copyFileSync(path.resolve(__dirname, '../../../test/fixtures/openapi/openapi.yaml'), spec);
    try {
      await vscode.commands.executeCommand('deepDive.entryPoints.refresh');
      const roots = await api.flows.viewChildren();
      const node = roots.find((r): r is Extract<EntryNode, { type: 'api' }> => r.type === 'api');
      assert.ok(node, `an API description node: ${roots.map((r) => r.type).join(', ')}`);
      assert.ok(roots.indexOf(node) > roots.findIndex((r) => r.type === 'kind'), 'after the routes');
      const item = api.flows.viewItem(node);
      assert.strictEqual(item.label, 'API description');
      assert.strictEqual(item.description, '4 undocumented · 1 not found · 1 method mismatches');
      assert.strictEqual(item.contextValue, 'apiSpec');
      assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.match(String(item.tooltip), /^openapi\.yaml \(openapi 3\.0\.3, 13 operations\)\ncompared with the routes found: 11 documented operations/);

      const rows = (await api.flows.viewChildren(node)).map((n) => ({ n, item: api.flows.viewItem(n) }));
      const shown = rows.map((r) => `${r.item.label} — ${r.item.description}`);
      assert.deepStrictEqual(shown.filter((t) => t.endsWith('undocumented')).sort(), [
        'DELETE /api/admin/users/:id — undocumented',
        'GET /api/users/:id/sessions — undocumented',
        'POST /api/admin/users/:id/sessions/revoke — undocumented',
        'POST /api/password-reset/confirm — undocumented',
      ]);
      assert.ok(shown.includes('GET /api/users/{id}/avatar — documented, not found in the code'), shown.join('\n'));
      assert.ok(shown.includes('/api/users/{id} — documented PUT, code PATCH'), shown.join('\n'));
      assert.strictEqual(rows.length, 6, shown.join('\n'));

      // A documented route the code lacks opens the document at its operation; a mismatch opens the route.
      const opens = async (label: string) => {
        const cmd = rows.find((r) => r.item.label === label)!.item.command!;
        await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
        const ed = vscode.window.activeTextEditor!;
        return `${path.relative(root(), ed.document.uri.fsPath).split(path.sep).join('/')}:${ed.selection.active.line + 1}`;
      };
      assert.strictEqual(await opens('GET /api/users/{id}/avatar'), 'openapi.yaml:39');
      assert.match(await opens('/api/users/{id}'), /^src\/routes\/users\.ts:\d+$/);
    } finally {
      fs.rmSync(spec, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('deepDive.entryPoints.refresh');
    }
    assert.ok(!(await api.flows.viewChildren()).some((r) => r.type === 'api'), 'no node once the document is gone');
  });

  it('traces the suggested flow of POST /api/auth/login step by step, highlighting and visiting each step', async function () {
    // Some fifteen steps, each opened in an editor and saved to the deep-dive file: slow on a loaded machine.
    this.timeout(300_000);
    const first = await vscode.commands.executeCommand<StepView>('deepDive.flows.trace', LOGIN);
    assert.ok(first, 'tracing returns the first step');
    assert.deepStrictEqual([first.file, first.start, first.index], ['src/routes/auth.ts', 16, 0]);
    assert.match(first.label, /^step 1\/\d+ · POST \/api\/auth\/login$/);
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(path.relative(root(), editor.document.uri.fsPath).split(path.sep).join('/'), 'src/routes/auth.ts');
    assert.deepStrictEqual(api.flows.highlighted(editor.document), { start: 16, end: 23 });
    assert.ok(api.flows.codeLenses(editor.document).some((t) => t.includes(first.label)), JSON.stringify(api.flows.codeLenses(editor.document)));
    assert.strictEqual(api.flows.statusText(), first.label);

    let flow = diveFile().flows.find((f: { entry?: string }) => f.entry === LOGIN);
    assert.ok(flow, 'the flow is in the deep-dive file');
    assert.strictEqual(flow.status, 'tracing');
    assert.strictEqual(flow.steps[0].visited, true);
    // Reading is credited by the tracker for what stays on screen (reading.test.ts), never by the step.

    const seen: StepView[] = [first];
    for (let i = 1; i < first.total; i++) {
      const next = await vscode.commands.executeCommand<StepView>('deepDive.nextStep');
      assert.strictEqual(next.index, i);
      assert.strictEqual(api.flows.highlighted(vscode.window.activeTextEditor!.document)?.start, next.start);
      seen.push(next);
    }
    const files = seen.map((s) => s.file);
    for (const f of ['src/services/authService.ts', 'src/store/userRepo.ts', 'src/store/db.ts']) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
    const back = await vscode.commands.executeCommand<StepView>('deepDive.previousStep');
    assert.strictEqual(back.index, first.total - 2);

    flow = diveFile().flows.find((f: { entry?: string }) => f.entry === LOGIN);
    assert.ok(flow.steps.every((s: { visited?: boolean }) => s.visited), 'every step was visited');
  });

  it('marks the flow understood, in the dive file and the view', async () => {
    await vscode.commands.executeCommand('deepDive.flows.markUnderstood');
    const flow = diveFile().flows.find((f: { entry?: string }) => f.entry === LOGIN);
    assert.strictEqual(flow.status, 'understood');
    const flowsNode = (await api.flows.viewChildren()).find((r) => r.type === 'flows')!;
    const flows = await api.flows.viewChildren(flowsNode);
    const node = flows.find((f) => f.type === 'flow' && f.flow.entry === LOGIN);
    assert.ok(node && node.type === 'flow' && node.flow.status === 'understood');
    const steps = await api.flows.viewChildren(node);
    assert.strictEqual(steps.length, flow.steps.length);
  });

  it('shows a route behind an optional auth check as "anonymous allowed", with its guard, never as no auth (issue 16, point 2)', async () => {
    // A real optional check, written to disk as a pull would bring it: the map and the view follow.
    const users = path.join(root(), 'src/routes/users.ts');
    const middleware = path.join(root(), 'src/middleware/optionalAuth.ts');
    const before = fs.readFileSync(users, 'utf8');
    const avatar = async () => (await entries()).find((e) => e.entry.id === 'GET /api/users/:id/avatar');
    const waitFor = async <T>(what: string, get: () => Promise<T | undefined>): Promise<T> => {
      const end = Date.now() + 120_000;
      for (;;) {
        const v = await get();
        if (v) return v;
        if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    try {
      fs.copyFileSync(path.resolve(__dirname, '../../../test/fixtures/snippets/optionalAuth.ts'), middleware);
      fs.writeFileSync(
        users,
        before.replace("import { requireAuth } from '../middleware';", "import { requireAuth } from '../middleware';\nimport { optionalAuth } from '../middleware/optionalAuth';") +
          "\nusersRouter.get('/:id/avatar', optionalAuth, async (req, res) => {\n  res.json({ avatar: await userService.getById(String(req.params.id)), mine: req.auth?.userId === req.params.id });\n});\n",
      );
      const node = await waitFor('the avatar route in the Entry Points view', avatar);
      assert.strictEqual(node.view.protection, 'anonymousAllowed');
      const item = api.flows.viewItem(node);
      assert.match(String(item.description), /^anonymous allowed \(optionalAuth\)/);
      assert.doesNotMatch(String(item.description), /no auth/);
      // As a reader sees it: Markdown's backslash escapes undone.
      const tip = (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
      assert.ok(tip.includes('Protection: **anonymous allowed**'), tip);
      assert.match(tip, /optionalAuth \(\w+, optional: anonymous callers pass\)/);
      assert.ok(!tip.includes('No authentication or authorization'), tip);
      // Counted apart on the group's line, as `deepdive routes` and the report count it.
      const kind = (await api.flows.viewChildren()).find((r): r is Extract<EntryNode, { type: 'kind' }> => r.type === 'kind' && r.kind === 'http')!;
      assert.match(String(api.flows.viewItem(kind).description), /1 anonymous allowed/);
      assert.match(String(api.flows.viewItem(kind).description), /1 no auth/);
    } finally {
      fs.writeFileSync(users, before);
      fs.rmSync(middleware, { force: true });
      await waitFor('the avatar route gone again', async () => ((await avatar()) ? undefined : true));
    }
  });

  it('records a flow from selections: add, reorder, rename, remove steps', async () => {
    const flowId = await vscode.commands.executeCommand<string>('deepDive.flows.new', { title: 'Password reset by hand' });
    const doc = await vscode.workspace.openTextDocument(path.join(root(), 'src/routes/auth.ts'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(35, 0, 42, 1); // requestPasswordReset
    const a = await vscode.commands.executeCommand<string>('deepDive.flows.addStep');
    editor.selection = new vscode.Selection(44, 0, 48, 1); // confirmPasswordReset
    const b = await vscode.commands.executeCommand<string>('deepDive.flows.addStep', undefined, { title: 'confirm' });
    let flow = diveFile().flows.find((f: { id: string }) => f.id === flowId);
    assert.deepStrictEqual(flow.steps.map((s: { id: string }) => s.id), [a, b]);
    assert.deepStrictEqual(flow.steps[0].anchor.range, { start: 36, end: 43 });
    assert.strictEqual(flow.status, 'untraced');

    await vscode.commands.executeCommand('deepDive.flows.moveStepUp', { flowId, stepId: b });
    await vscode.commands.executeCommand('deepDive.flows.renameStep', { flowId, stepId: a }, 'request');
    await vscode.commands.executeCommand('deepDive.flows.rename', flowId, 'Password reset');
    flow = diveFile().flows.find((f: { id: string }) => f.id === flowId);
    assert.deepStrictEqual(flow.steps.map((s: { id: string; title?: string }) => [s.id, s.title]), [[b, 'confirm'], [a, 'request']]);
    assert.strictEqual(flow.title, 'Password reset');

    await vscode.commands.executeCommand('deepDive.flows.removeStep', { flowId, stepId: b });
    flow = diveFile().flows.find((f: { id: string }) => f.id === flowId);
    assert.deepStrictEqual(flow.steps.map((s: { id: string }) => s.id), [a]);
    const step = await vscode.commands.executeCommand<StepView>('deepDive.flows.start', flowId);
    assert.strictEqual(step.label, 'step 1/1 · Password reset');
    assert.strictEqual(diveFile().flows.find((f: { id: string }) => f.id === flowId).status, 'tracing');
  });
});

import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

const EXTENSION_ID = 'deep-dive.deep-dive';

interface TreeProvider<T> {
  getChildren(node?: T): T[] | Promise<T[]>;
  getTreeItem(node: T): vscode.TreeItem;
  resolveTreeItem?(item: vscode.TreeItem, node: T): vscode.TreeItem | Promise<vscode.TreeItem>;
}
interface Views {
  overview: TreeProvider<unknown>;
  modules: TreeProvider<unknown>;
  questions: TreeProvider<unknown>;
}

async function items(p: TreeProvider<unknown>, node?: unknown): Promise<{ node: unknown; item: vscode.TreeItem }[]> {
  return (await p.getChildren(node)).map((n) => ({ node: n, item: p.getTreeItem(n) }));
}

const label = (i: vscode.TreeItem) => (typeof i.label === 'string' ? i.label : (i.label?.label ?? ''));

describe('Deep Dive views: Overview, Modules, Questions', function () {
  this.timeout(600_000);
  let views: Views;
  let root: string;
  let diveFile: string;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    views = (ext.exports as { reading: { views: Views } }).reading.views;
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    await vscode.workspace.getConfiguration('deepDive.reading').update('enabled', false, vscode.ConfigurationTarget.Workspace);
    const id = await vscode.commands.executeCommand<string>('deepDive.start', { title: 'Views of a deep dive', include: ['src/**'], due: '2030-01-31', template: 'auth-service' });
    diveFile = path.join(root, '.deepdive', `${id}.json`);
    await vscode.commands.executeCommand('deepDive.mapSystem');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('deepDive.reading').update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('Overview: title, days left, coverage, flows, notes, questions, changed since read, read these first', async () => {
    const list = await waitFor('the Overview with coverage', async () => {
      const l = await items(views.overview);
      return l.some((x) => label(x.item).startsWith('Coverage ') && /lines · \d+\/\d+ files$/.test(String(x.item.description))) ? l : undefined;
    });
    const labels = list.map((x) => label(x.item));
    assert.strictEqual(labels[0], 'Views of a deep dive');
    assert.ok(labels.some((l) => /^\d+ days? left$/.test(l)), labels.join(' | '));
    const coverage = list.find((x) => label(x.item).startsWith('Coverage '))!;
    assert.match(label(coverage.item), /^Coverage 0%$/);
    assert.ok(labels.includes('Flows understood 0/0'), labels.join(' | '));
    assert.ok(labels.includes('Notes 0'), labels.join(' | '));
    const questions = JSON.parse(fs.readFileSync(diveFile, 'utf8')).questions.length;
    assert.ok(labels.includes(`Questions answered 0/${questions}`), labels.join(' | '));
    assert.ok(labels.includes('Changed since read 0'), labels.join(' | '));
    const next = list.find((x) => label(x.item) === 'Read these first')!;
    const places = await items(views.overview, next.node);
    assert.ok(places.length >= 1 && places.length <= 5, `${places.length} places`);
    for (const p of places) {
      assert.match(String(p.item.description), /^src\/[\w/.-]+\.ts:\d+-\d+$/);
      assert.strictEqual(p.item.command?.command, 'vscode.open');
    }
  });

  it('Modules: module → folder → file, coverage on every node, files open on click', async () => {
    const modules = await waitFor('modules', async () => {
      const l = await items(views.modules);
      return l.length && l.every((m) => (m.node as { kind: string }).kind === 'module') ? l : undefined;
    });
    for (const m of modules) assert.match(String(m.item.description), /^\d+(\.\d)?% · [\d,]+\/[\d,]+ lines$/, label(m.item));
    const files: { node: unknown; item: vscode.TreeItem }[] = [];
    const walk = async (node: unknown) => {
      for (const c of await items(views.modules, node)) {
        assert.match(String(c.item.description), /^\d+(\.\d)?% · [\d,]+\/[\d,]+ lines$/, label(c.item));
        if ((c.node as { kind: string }).kind === 'file') files.push(c);
        else await walk(c.node);
      }
    };
    for (const m of modules) await walk(m.node);
    const onDisk = fs.readdirSync(path.join(root, 'src'), { recursive: true }).filter((f) => String(f).endsWith('.ts') && !String(f).endsWith('.d.ts')).length;
    assert.strictEqual(files.length, onDisk, 'every mapped file in scope is listed once');
    const first = files[0];
    assert.strictEqual(first.item.command?.command, 'vscode.open');
    assert.match(String(first.item.contextValue), /^deepDive\.file\.(unread|partial|read|stale|empty)$/);
    const resolved = await views.modules.resolveTreeItem!(first.item, first.node);
    assert.match((resolved.tooltip as vscode.MarkdownString).value, /code lines read/);
  });

  it('Questions: the checklist with answered state, and notes that answer one', async () => {
    const before = await items(views.questions);
    const dive = JSON.parse(fs.readFileSync(diveFile, 'utf8'));
    assert.strictEqual(before.length, dive.questions.length);
    assert.ok(before.every((q) => q.item.contextValue === 'deepDive.question.open' && q.item.description === 'open'));
    // Answer the first question from outside the editor (as the CLI or a git pull would).
    dive.notes.push({ id: 'n-views-1', kind: 'insight', status: 'open', body: 'Sessions are created in SessionService.create', target: { type: 'dive' }, created: new Date().toISOString() });
    dive.questions[0].answeredBy = ['n-views-1'];
    fs.writeFileSync(diveFile, JSON.stringify(dive, null, 2) + '\n');
    const after = await waitFor('the first question answered', async () => {
      const l = await items(views.questions);
      return l[0]?.item.contextValue === 'deepDive.question.answered' ? l : undefined;
    });
    assert.strictEqual(after[0].item.description, 'answered · 1 note');
    const children = await items(views.questions, after[0].node);
    assert.strictEqual(label(children[0].item), 'Sessions are created in SessionService.create');
    const overview = await waitFor('the Overview to count the answer', async () => {
      const l = (await items(views.overview)).map((x) => label(x.item));
      return l.includes(`Questions answered 1/${dive.questions.length}`) ? l : undefined;
    });
    assert.ok(overview.includes('Notes 1'), overview.join(' | '));
  });
});

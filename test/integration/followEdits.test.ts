// The bar of issue 16 in the editor: the same read file as the unit bar (a read anonymous
// function, a read route table, read top-level statements and a read class field), edited as a
// person types — lines inserted above each, one line of each changed, one only re-indented.
// Exactly the changed and inserted lines are unread, the moved ones still read. And reading
// follows a function moved to another file, as the CLI and the report count it.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { APP_V1, APP_V2 } from '../unit/coverage/appVersions';
import { waitFor } from './waitFor';

const EXTENSION_ID = 'deep-dive.deep-dive';

type Pair = [number, number];
interface TreeProvider<T> {
  getChildren(node?: T): T[] | Promise<T[]>;
  getTreeItem(node: T): vscode.TreeItem;
  resolveTreeItem?(item: vscode.TreeItem, node: T): vscode.TreeItem;
}
interface ReadingApi {
  getUnreadRanges(uri: vscode.Uri): { unread: Pair[]; changed: Pair[] } | undefined;
  getCoverage(uri: vscode.Uri): Promise<{ lines: number; read: number; percent: number } | undefined>;
  views: { overview: TreeProvider<unknown>; modules: TreeProvider<unknown> };
}

/**
 * The edits that turn `from` into `to`, line by line (a longest common subsequence), as separate
 * replacements in `from`'s coordinates — what typing them one after another amounts to.
 */
function lineEdits(uri: vscode.Uri, from: string, to: string): vscode.WorkspaceEdit {
  const a = from.split('\n');
  const b = to.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const edit = new vscode.WorkspaceEdit();
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    const [i0, j0] = [i, j];
    while ((i < a.length || j < b.length) && !(i < a.length && j < b.length && a[i] === b[j])) {
      if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) j++;
      else i++;
    }
    const text = b.slice(j0, j).map((l) => `${l}\n`).join('');
    edit.replace(uri, new vscode.Range(i0, 0, i, 0), text);
  }
  return edit;
}

describe('reading follows every line in the editor (issue 16, the bar)', function () {
  // Generous: the shared CI machine is often loaded; nothing here asserts on time.
  this.timeout(600_000);
  let api: ReadingApi;
  let root: string;
  const uriOf = (rel: string) => vscode.Uri.file(path.join(root, rel));
  const FROM = 'src/lib/moveFrom.ts';
  const TO = 'src/lib/moveTo.ts';
  const VERIFY = [
    'export function verifySignedLink(link: string, secret: string): boolean {',
    "  const [payload, signature] = link.split('.');",
    '  if (!payload || !signature) return false;',
    "  const expected = createHmac('sha256', secret).update(payload).digest('base64url');",
    '  return timingSafeEqual(Buffer.from(signature), Buffer.from(expected));',
    '}',
    '',
  ].join('\n');
  const OTHER = 'export function linkTtlSeconds(): number {\n  return 15 * 60;\n}\n';

  async function changedUnits(): Promise<string[]> {
    const overview = api.views.overview;
    const top = (await overview.getChildren()).find((n) => String(overview.getTreeItem(n).label).startsWith('Changed since read'));
    assert.ok(top, 'the Overview has a "Changed since read" row');
    if (/ 0$/.test(String(overview.getTreeItem(top).label))) return [];
    return (await overview.getChildren(top)).map((n) => String(overview.getTreeItem(n).label));
  }

  /** The tooltip of a file's row in the Modules view (walked down from the top). */
  async function modulesTooltip(rel: string): Promise<string> {
    const modules = api.views.modules;
    const visit = async (node?: unknown): Promise<string | undefined> => {
      for (const child of await modules.getChildren(node)) {
        const c = child as { kind: string; path?: string; dir?: string };
        if (c.kind === 'file' && c.path === rel) {
          const item = modules.resolveTreeItem!(modules.getTreeItem(child), child);
          return item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
        }
        if (c.kind === 'module' || (c.kind === 'folder' && rel.startsWith(`${c.dir}/`))) {
          const found = await visit(child);
          if (found) return found;
        }
      }
      return undefined;
    };
    return (await visit()) ?? '';
  }

  async function fullyRead(uri: vscode.Uri): Promise<void> {
    await vscode.commands.executeCommand('deepDive.markRead', uri);
    await waitFor(`${uri.fsPath} read in full, nothing marked`, async () => {
      const c = await api.getCoverage(uri);
      const m = api.getUnreadRanges(uri);
      return c && c.read === c.lines && m && !m.unread.length && !m.changed.length;
    });
  }

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    api = (ext.exports as { reading: ReadingApi }).reading;
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    await vscode.workspace.getConfiguration('deepDive.reading').update('enabled', false, vscode.ConfigurationTarget.Workspace);
    fs.writeFileSync(path.join(root, 'src/routes/app.ts'), APP_V1);
    fs.writeFileSync(path.join(root, FROM), `import { createHmac, timingSafeEqual } from 'node:crypto';\n\n${VERIFY}\n${OTHER}`);
    fs.writeFileSync(path.join(root, TO), 'export const LINK_PREFIX = "/l/";\n');
    const id = await vscode.commands.executeCommand<string>('deepDive.start', { title: 'Following edits', include: ['src/**'], due: '2030-01-31', template: 'auth-service' });
    assert.ok(id, 'the deep dive started');
    await vscode.commands.executeCommand('deepDive.mapSystem');
    await waitFor('the new files in the map', async () => (await api.getCoverage(uriOf(TO))) !== undefined && (await api.getCoverage(uriOf('src/routes/app.ts'))) !== undefined);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revertAll').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The suites after this one see the sample service as it ships.
    for (const rel of ['src/routes/app.ts', FROM, TO]) fs.rmSync(path.join(root, rel), { force: true });
    await vscode.commands.executeCommand('deepDive.mapSystem');
    await vscode.workspace.getConfiguration('deepDive.reading').update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('an anonymous function, a route table, top-level statements and a class field: lines inserted above each, one line of each changed', async () => {
    const uri = uriOf('src/routes/app.ts');
    const editor = await vscode.window.showTextDocument(uri);
    await fullyRead(uri);
    assert.ok(await vscode.workspace.applyEdit(lineEdits(uri, APP_V1, APP_V2)));
    assert.strictEqual(editor.document.getText(), APP_V2);
    // Changed: the first middleware line (6), the route table's /healthz row (13), the default
    // export's 403 (20), the class field (30). Inserted code: the import (3) and `audit(routes)`
    // (16); the inserted comment (9) is no code. The re-indented line (25) is no change.
    const marks = await waitFor('the edits reflected in the marks', () => {
      const m = api.getUnreadRanges(uri);
      return m && m.changed.length === 4 ? m : undefined;
    });
    assert.deepStrictEqual(marks.changed, [[6, 6], [13, 13], [20, 20], [30, 30]]);
    assert.deepStrictEqual(marks.unread, [[3, 3], [16, 16]]);
    const cov = await api.getCoverage(uri);
    assert.ok(cov && cov.lines - cov.read === 6, `six code lines unread: ${JSON.stringify(cov)}`);
    // Each changed unit is listed by its name: a statement by its first line, the unnamed function by its context.
    let listed: string[] = [];
    const units = await waitFor('the Overview to list the four units', async () => {
      listed = await changedUnits();
      return listed.length === 4 ? listed : undefined;
    }).catch((err: Error) => assert.fail(`${err.message}; listed: ${JSON.stringify(listed)}, marks: ${JSON.stringify(api.getUnreadRanges(uri))}, dirty: ${editor.document.isDirty}`));
    assert.deepStrictEqual(units, ["app.use(express.json({ limit: '1mb' }));", 'export const routes = [', 'default export', 'Store']);
    // The Modules view points at them by the same names.
    const tip = await modulesTooltip('src/routes/app.ts');
    assert.ok(tip.includes("changed since read: `app.use(express.json({ limit: '1mb' }));`, `export const routes = [`, `default export`, `Store`"), tip);
    // Typing the text back as it was read: nothing is unread.
    assert.ok(await vscode.workspace.applyEdit(lineEdits(uri, APP_V2, APP_V1)));
    await waitFor('the text as read, read in full again', () => {
      const m = api.getUnreadRanges(uri);
      return m && !m.changed.length && !m.unread.length;
    });
    await editor.document.save();
  });

  it('a function cut from a read file and pasted into another stays read there, and is no change to review where it was', async () => {
    const from = uriOf(FROM);
    const to = uriOf(TO);
    await vscode.window.showTextDocument(to, { viewColumn: vscode.ViewColumn.Two });
    const fromEditor = await vscode.window.showTextDocument(from, { viewColumn: vscode.ViewColumn.One });
    await fullyRead(from);
    const text = fromEditor.document.getText();
    const at = text.indexOf(VERIFY);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(from, new vscode.Range(fromEditor.document.positionAt(at), fromEditor.document.positionAt(at + VERIFY.length + 1)));
    edit.insert(to, new vscode.Position(0, 0), `import { createHmac, timingSafeEqual } from 'node:crypto';\n\n${VERIFY}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    // The pasted function (lines 3-8 in the other file) counts as read; the import above it and
    // the file's own line stay unread.
    // Before the edit lands the file's marks are its old single line: wait for the new ones.
    let seen: unknown;
    const marks = await waitFor('the moved function read in its new file', () => {
      const m = (seen = api.getUnreadRanges(to));
      return m && JSON.stringify(m.unread) === JSON.stringify([[1, 1], [10, 10]]) ? m : undefined;
    }).catch((err: Error) => assert.fail(`${err.message}; marks: ${JSON.stringify(seen)}`));
    assert.deepStrictEqual(marks.changed, []);
    const cov = await api.getCoverage(to);
    assert.ok(cov && cov.lines - cov.read === 2, `the function's code lines read: ${JSON.stringify(cov)}`);
    // Where it came from, nothing changed that is left to review.
    await waitFor('nothing to review in the file it left', async () => {
      const m = api.getUnreadRanges(from);
      const c = await api.getCoverage(from);
      return m && !m.unread.length && !m.changed.length && c && c.read === c.lines;
    });
    assert.deepStrictEqual(await changedUnits(), []);
    await vscode.workspace.saveAll(false);
    // Saved, the same answer from the files on disk.
    await waitFor('the moved function still read once saved', () => {
      const m = api.getUnreadRanges(to);
      return m && JSON.stringify(m.unread) === JSON.stringify([[1, 1], [10, 10]]) ? m : undefined;
    });
  });
});

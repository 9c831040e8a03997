import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

const EXTENSION_ID = 'deep-dive.deep-dive';

type Pair = [number, number];
interface TreeProvider<T> {
  getChildren(node?: T): T[] | Promise<T[]>;
  getTreeItem(node: T): vscode.TreeItem;
}
interface ReadingApi {
  getUnreadRanges(uri: vscode.Uri): { unread: Pair[]; changed: Pair[] } | undefined;
  getCoverage(uri: vscode.Uri): Promise<{ lines: number; read: number; percent: number } | undefined>;
  statusBarText(): string;
  flush(): Promise<void>;
  views: { overview: TreeProvider<unknown>; modules: TreeProvider<unknown>; questions: TreeProvider<unknown> };
}

function covers(ranges: Pair[] | undefined, s: number, e: number): boolean {
  return !!ranges?.some(([a, b]) => a <= s && b >= e);
}

function touches(ranges: Pair[] | undefined, s: number, e: number): boolean {
  return !!ranges?.some(([a, b]) => a <= e && b >= s);
}

/** Walks the Modules view down to a file node and returns its tree item. */
async function modulesItemFor(api: ReadingApi, rel: string): Promise<vscode.TreeItem | undefined> {
  const visit = async (node?: unknown): Promise<vscode.TreeItem | undefined> => {
    for (const child of await api.views.modules.getChildren(node)) {
      const item = api.views.modules.getTreeItem(child);
      const c = child as { kind: string; path?: string; dir?: string };
      if (c.kind === 'file' && c.path === rel) return item;
      if (c.kind === 'module' || (c.kind === 'folder' && rel.startsWith(`${c.dir}/`))) {
        const found = await visit(child);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit();
}

describe('reading tracker and coverage in the editor', function () {
  // Generous: the shared CI machine is often loaded; nothing here asserts on time.
  this.timeout(600_000);
  let api: ReadingApi;
  let root: string;
  let diveFile: string;
  const config = () => vscode.workspace.getConfiguration('deepDive.reading');
  const readingOnDisk = (rel: string): { ranges: Pair[]; seconds: number; fingerprints?: unknown[] } | undefined => JSON.parse(fs.readFileSync(diveFile, 'utf8')).reading[rel];
  const uriOf = (rel: string) => vscode.Uri.file(path.join(root, rel));

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    api = (ext.exports as { reading: ReadingApi }).reading;
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // Tracking off while the suite sets up: only the tracker test turns it on.
    await config().update('enabled', false, vscode.ConfigurationTarget.Workspace);
    await config().update('dwellSeconds', 0.3, vscode.ConfigurationTarget.Workspace);
    const id = await vscode.commands.executeCommand<string>('deepDive.start', { title: 'Reading in the editor', include: ['src/**'], due: '2030-01-31', template: 'auth-service' });
    assert.ok(id, 'the deep dive started');
    diveFile = path.join(root, '.deepdive', `${id}.json`);
    await vscode.commands.executeCommand('deepDive.mapSystem');
    await waitFor('the status bar shows coverage', () => /% read$/.test(api.statusBarText()));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('dwellSeconds', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('counts lines that stayed on screen as read: on disk, in the status bar and in the Modules view', async () => {
    const rel = 'src/services/sessionService.ts';
    assert.strictEqual(api.statusBarText(), '$(eye) 0% read');
    const before = await modulesItemFor(api, rel);
    assert.match(String(before?.description), /^0% · 0\/\d+ lines$/);
    const editor = await vscode.window.showTextDocument(uriOf(rel));
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await config().update('enabled', true, vscode.ConfigurationTarget.Workspace);
    const visible = editor.visibleRanges.map((r) => [r.start.line + 1, r.end.line + 1] as Pair);
    assert.ok(visible.length, 'the editor shows some lines');
    const reading = await waitFor('the visible lines recorded in the deep-dive file', async () => {
      await api.flush();
      const r = readingOnDisk(rel);
      return r?.ranges.length ? r : undefined;
    });
    await config().update('enabled', false, vscode.ConfigurationTarget.Workspace);
    assert.ok(covers(reading.ranges, visible[0][0], Math.min(visible[0][1], 10)), `read ${JSON.stringify(reading.ranges)} covers the top of the screen ${JSON.stringify(visible)}`);
    assert.ok(reading.fingerprints?.length, 'reads are fingerprinted per symbol');
    const cov = await waitFor('coverage of the file', async () => {
      const c = await api.getCoverage(uriOf(rel));
      return c && c.read > 0 ? c : undefined;
    });
    await waitFor('the status bar to rise above 0%', () => api.statusBarText() !== '$(eye) 0% read' && /^\$\(eye\) [\d.]+% read$/.test(api.statusBarText()));
    const item = await waitFor('the Modules view to show the read lines', async () => {
      const i = await modulesItemFor(api, rel);
      return i && String(i.description) === `${cov.percent}% · ${cov.read}/${cov.lines} lines` ? i : undefined;
    });
    assert.ok(cov.percent > 0, String(item.description));
    assert.match(String(item.contextValue), /^deepDive\.file\.(partial|read)$/);
  });

  it('marks unread code in the gutter, and none of what was read', async () => {
    const rel = 'src/services/sessionService.ts';
    const editor = await vscode.window.showTextDocument(uriOf(rel));
    const marks = await waitFor('unread marks', () => api.getUnreadRanges(editor.document.uri));
    const read = readingOnDisk(rel)!.ranges;
    if (editor.document.lineCount > read[read.length - 1][1]) assert.ok(marks.unread.length > 0, 'the rest of the file is marked unread');
    for (const [s, e] of read) assert.ok(!touches(marks.unread, s, e), `read lines ${s}-${e} are not marked unread (${JSON.stringify(marks.unread)})`);
  });

  it('marks a selection read and unread', async () => {
    const rel = 'src/lib/passwords.ts';
    const editor = await vscode.window.showTextDocument(uriOf(rel));
    editor.selection = new vscode.Selection(2, 0, 5, 3);
    const results = await vscode.commands.executeCommand<{ path: string; read: number }[]>('deepDive.markRead');
    assert.strictEqual(results?.[0]?.path, rel);
    assert.ok(covers(readingOnDisk(rel)?.ranges, 3, 6), JSON.stringify(readingOnDisk(rel)));
    const marks = await waitFor('the gutter to drop lines 3-6', () => {
      const m = api.getUnreadRanges(editor.document.uri);
      return m && !touches(m.unread, 3, 6) ? m : undefined;
    });
    assert.ok(marks.unread.length > 0, 'lines outside the selection stay unread');
    editor.selection = new vscode.Selection(3, 0, 4, 0);
    await vscode.commands.executeCommand('deepDive.markUnread');
    const after = readingOnDisk(rel)!.ranges;
    assert.ok(!touches(after, 4, 4), `line 4 is unread again: ${JSON.stringify(after)}`);
    assert.ok(covers(after, 3, 3) && covers(after, 5, 6), `the rest of the selection stays read: ${JSON.stringify(after)}`);
  });

  it('counts code changed after it was read as unread again, shown as changed since read', async () => {
    const rel = 'src/lib/tokens.ts';
    const uri = uriOf(rel);
    const editor = await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('deepDive.markRead', uri);
    const full = await waitFor('the whole file read', async () => {
      const c = await api.getCoverage(uri);
      return c && c.read === c.lines ? c : undefined;
    });
    assert.ok(full.lines > 0);
    await waitFor('no unread marks', () => {
      const m = api.getUnreadRanges(uri);
      return m && !m.unread.length && !m.changed.length;
    });
    // Edit inside the first function body.
    const text = editor.document.getText();
    const fn = /function \w+\([^)]*\)[^{]*\{\n/.exec(text);
    assert.ok(fn, 'the fixture has a function');
    const at = editor.document.positionAt(fn.index + fn[0].length);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, at, '  const changedForTheTest = 1;\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const marks = await waitFor('the changed function marked as changed since read', () => {
      const m = api.getUnreadRanges(uri);
      return m && m.changed.length ? m : undefined;
    });
    assert.ok(touches(marks.changed, at.line + 1, at.line + 1), `the edited line is in a changed range: ${JSON.stringify(marks.changed)}`);
    const cov = await api.getCoverage(uri);
    assert.ok(cov && cov.read < cov.lines, 'the file is no longer fully read');
    const overview = (await api.views.overview.getChildren()).map((n) => api.views.overview.getTreeItem(n));
    const changed = overview.find((i) => String(i.label).startsWith('Changed since read'));
    assert.ok(changed && !/ 0$/.test(String(changed.label)), `Overview: ${String(changed?.label)}`);
    // Undo the edit: the text is as read again, so nothing is changed since read.
    const undo = new vscode.WorkspaceEdit();
    undo.delete(uri, new vscode.Range(at, at.translate(1)));
    assert.ok(await vscode.workspace.applyEdit(undo));
    assert.strictEqual(editor.document.getText(), text);
    await waitFor('the undo to clear the changed marks', () => {
      const m = api.getUnreadRanges(uri);
      return m && !m.changed.length && !m.unread.length;
    });
    await editor.document.save();
  });

  it('reading follows every line as you type: lines inserted above move it, only the changed line turns unread', async () => {
    // An anonymous route handler and top-level statements: no named symbol holds them.
    const rel = 'src/routes/health.ts';
    const uri = uriOf(rel);
    const editor = await vscode.window.showTextDocument(uri);
    const original = editor.document.getText();
    await vscode.commands.executeCommand('deepDive.markRead', uri);
    await waitFor('the whole file read, nothing marked', async () => {
      const c = await api.getCoverage(uri);
      const m = api.getUnreadRanges(uri);
      return c && c.read === c.lines && m && !m.unread.length && !m.changed.length;
    });
    const lineOf = (needle: string) => editor.document.getText().split('\n').findIndex((l) => l.includes(needle));
    // Two lines above the router (one of them code), and one line changed inside the handler.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(lineOf('export const healthRouter'), 0), '// a comment\nconst startedAt = Date.now();\n');
    const okLine = lineOf("const ok = checks");
    edit.replace(uri, editor.document.lineAt(okLine).range, "  const ok = checks.some((c) => c.status === 'fulfilled');");
    // Only re-indented: no change.
    const resLine = lineOf('res.status(ok');
    edit.replace(uri, editor.document.lineAt(resLine).range, '      ' + editor.document.lineAt(resLine).text.trim());
    assert.ok(await vscode.workspace.applyEdit(edit));
    const inserted = lineOf('const startedAt') + 1;
    const changedLine = lineOf('checks.some') + 1;
    const marks = await waitFor('the edit reflected in the marks', () => {
      const m = api.getUnreadRanges(uri);
      return m && m.changed.length && m.unread.length ? m : undefined;
    });
    assert.deepStrictEqual(marks.changed, [[changedLine, changedLine]], 'the changed line of the anonymous handler, and only it');
    assert.deepStrictEqual(marks.unread, [[inserted, inserted]], 'the inserted statement is new code to read; everything that moved stays read');
    const cov = await api.getCoverage(uri);
    assert.ok(cov && cov.lines - cov.read === 2, `two code lines unread: ${JSON.stringify(cov)}`);
    // The Overview lists the changed unit by the name the map gave the unnamed handler; a click
    // opens the diff from the version read to now.
    const overview = api.views.overview;
    const changedNode = await waitFor('the Overview to list the change', async () => {
      const top = (await overview.getChildren()).find((n) => String(overview.getTreeItem(n).label).startsWith('Changed since read 1'));
      return top;
    });
    const units = await overview.getChildren(changedNode);
    const unit = units.map((n) => overview.getTreeItem(n)).find((i) => i.label === "healthRouter.get('/health') handler");
    assert.ok(unit?.command, `units: ${units.map((n) => String(overview.getTreeItem(n).label)).join(' | ')}`);
    await vscode.commands.executeCommand(unit.command.command, ...(unit.command.arguments ?? []));
    const tab = await waitFor('the diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.strictEqual(tab.original.scheme, 'deepdive-read');
    assert.strictEqual(tab.modified.fsPath, uri.fsPath);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(uri);
    // Put the text back as it was read: nothing is unread.
    const back = new vscode.WorkspaceEdit();
    back.replace(uri, new vscode.Range(0, 0, editor.document.lineCount, 0), original);
    assert.ok(await vscode.workspace.applyEdit(back));
    await waitFor('the original text read again in full', () => {
      const m = api.getUnreadRanges(uri);
      return m && !m.changed.length && !m.unread.length;
    });
    await editor.document.save();
  });

  it('books the time a file stays on screen, and the report counts it apart from files marked read by hand', async () => {
    // Issue 17: "0 s of reading" because reads marked from the CLI (or by hand) carry no time.
    const rel = 'src/services/userService.ts';
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.window.showTextDocument(uriOf(rel));
      // Time passes while the file is on screen; the tracker books it when the active file changes.
      const seconds = await waitFor('time on screen booked for the file', async () => {
        await new Promise((r) => setTimeout(r, 700));
        await vscode.window.showTextDocument(uriOf('src/lib/passwords.ts'));
        await vscode.window.showTextDocument(uriOf(rel));
        await api.flush();
        return readingOnDisk(rel)?.seconds;
      });
      assert.ok(seconds > 0);
    } finally {
      await config().update('enabled', false, vscode.ConfigurationTarget.Workspace);
    }
    const out = path.join(root, '.deepdive', 'cache', 'effort-report.json');
    await vscode.commands.executeCommand('deepDive.exportReport', { format: 'json', uri: vscode.Uri.file(out), noOpen: true });
    const data = JSON.parse(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out, { force: true });
    const reading = JSON.parse(fs.readFileSync(diveFile, 'utf8')).reading as Record<string, { ranges: Pair[]; seconds: number }>;
    const timed = Object.values(reading).reduce((n, r) => n + (r.seconds || 0), 0);
    const untimed = Object.values(reading).filter((r) => r.ranges.length && !(r.seconds > 0)).length;
    assert.ok(untimed >= 1, 'src/lib/tokens.ts was marked read with a command, not on screen');
    assert.ok(Math.abs(data.effort.seconds - timed) < 0.05, `${data.effort.seconds} s in the report, ${timed} s in the file`);
    assert.strictEqual(data.effort.filesWithoutTime, untimed);
    const md = path.join(root, '.deepdive', 'cache', 'effort-report.md');
    await vscode.commands.executeCommand('deepDive.exportReport', { format: 'md', uri: vscode.Uri.file(md), noOpen: true });
    // As a reader sees the Markdown: its backslash escapes undone.
    const text = fs.readFileSync(md, 'utf8').replace(/\\(.)/g, '$1');
    fs.rmSync(md, { force: true });
    assert.match(text, /of reading on screen in the editor across \d+ files?/);
    assert.match(text, new RegExp(`${untimed} files? marked read from the CLI or by hand \\(no time recorded for (it|them)\\)`));
    assert.ok(!/\b0 s\b/.test(text), 'no "0 s" anywhere');
  });

  it('a flow step only shows its code: the lines on screen count after the dwell, the rest of the step stays unread', async () => {
    // Issue 16, point 3: stepping onto a 95-line function counted all of it read after 2.8 s.
    const rel = 'src/store/sessionStore.ts';
    const uri = uriOf(rel);
    const doc = await vscode.workspace.openTextDocument(uri);
    let editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, doc.lineCount - 1, 0);
    const flowId = await vscode.commands.executeCommand<string>('deepDive.flows.new', { title: 'One long step' });
    await vscode.commands.executeCommand('deepDive.flows.addStep');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // A record may exist (time on screen); no line of it is read.
    assert.ok(!readingOnDisk(rel)?.ranges.length, `nothing of the file read yet: ${JSON.stringify(readingOnDisk(rel))}`);
    // Tracking off: stepping alone must earn nothing (it used to mark the whole step read).
    const step = await vscode.commands.executeCommand<{ file: string; start: number; end: number }>('deepDive.flows.start', flowId);
    assert.deepStrictEqual([step?.file, step?.start], [rel, 1]);
    const last = step!.end;
    assert.ok(last >= doc.lineCount - 1, `the step holds the whole file: ${JSON.stringify(step)}`);
    await api.flush();
    const flow = JSON.parse(fs.readFileSync(diveFile, 'utf8')).flows.find((f: { id: string }) => f.id === flowId);
    assert.strictEqual(flow.steps[0].visited, true, 'the step is visited');
    assert.ok(!readingOnDisk(rel)?.ranges.length, `stepping read nothing by itself: ${JSON.stringify(readingOnDisk(rel))}`);
    // Tracking on: what stays on screen for the dwell counts, and only that.
    editor = vscode.window.activeTextEditor!;
    await config().update('enabled', true, vscode.ConfigurationTarget.Workspace);
    const reading = await waitFor('the lines on screen recorded', async () => {
      await api.flush();
      const r = readingOnDisk(rel);
      return r?.ranges.length ? r : undefined;
    });
    await config().update('enabled', false, vscode.ConfigurationTarget.Workspace);
    const visible = editor.visibleRanges.map((r) => [r.start.line + 1, r.end.line + 1] as Pair);
    // The step's CodeLens row may push the last line off screen after it was credited: one line of slack.
    const lastShown = Math.max(...visible.map(([, e]) => e)) + 1;
    for (const [s, e] of reading.ranges) assert.ok(covers(visible.map(([a, b]) => [a, b + 1] as Pair), s, e), `read ${s}-${e} was on screen (${JSON.stringify(visible)})`);
    if (lastShown < last) assert.ok(!touches(reading.ranges, lastShown + 1, last), `lines ${lastShown + 1}-${last} of the step, never on screen, stay unread: ${JSON.stringify(reading.ranges)}`);
    await vscode.commands.executeCommand('deepDive.flows.stop');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Next Unread selects only the unread code it means, scrolls to it and says where in a few words', async () => {
    // Issue 16, point 8: it selected a whole 243-line file, read parts included, and its status
    // text was cut. Everything read but two stretches of one file, with read code between them.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of await vscode.workspace.findFiles('src/**/*.ts')) await vscode.commands.executeCommand('deepDive.markRead', uri);
    const rel = 'src/store/sessionStore.ts';
    const uri = uriOf(rel);
    let editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(16, 0, 17, 80); // lines 17-18: two top-level constants
    await vscode.commands.executeCommand('deepDive.markUnread');
    editor.selection = new vscode.Selection(62, 0, 72, 1); // lines 63-73: revoke()
    await vscode.commands.executeCommand('deepDive.markUnread');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const place = await vscode.commands.executeCommand<{ path: string; range: { start: number; end: number }; focus: { start: number; end: number }; reasons: string[]; status: string }>('deepDive.nextUnread');
    assert.ok(place, 'a place to read');
    assert.strictEqual(place.path, rel);
    assert.ok(place.reasons.length, 'with its reasons');
    editor = vscode.window.activeTextEditor!;
    assert.strictEqual(vscode.workspace.asRelativePath(editor.document.uri, false), rel);
    const selected = [editor.selection.start.line + 1, editor.selection.end.line + 1];
    assert.deepStrictEqual(selected, [17, 18], `only the first unread stretch is selected, not the read code up to line 73 (place ${JSON.stringify(place.range)})`);
    const read = readingOnDisk(rel)!.ranges;
    assert.ok(!touches(read, selected[0], selected[1]), `no read line selected: read ${JSON.stringify(read)}`);
    assert.ok(editor.visibleRanges.some((r) => r.start.line <= 16 && r.end.line >= 17), `scrolled to it: ${JSON.stringify(editor.visibleRanges)}`);
    const text = place.status.replace(/^\$\(eye\) /, '');
    assert.ok(text.length <= 60, `the status text fits: "${text}" (${text.length})`);
    assert.ok(text.includes('sessionStore.ts:17-18'), text);
  });

  it('Explain Reading Tracking says what the tracker sees: the file, the lines on screen, and why reading counts or not', async () => {
    // The reader whose "% read" does not rise (and the UI test that timed out on it) needs to
    // see which condition failed: the window's focus, the setting, the scope, the screenful.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const rel = 'src/services/sessionService.ts';
    const editor = await vscode.window.showTextDocument(uriOf(rel));
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    const explain = async () => ((await vscode.commands.executeCommand<string[]>('deepDive.explainReading')) ?? []).join('\n');
    const off = await explain();
    assert.match(off, new RegExp(`active editor: ${rel}, lines 1–\\d+ on screen — reading is turned off`), off);
    await config().update('enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      const on = await waitFor('the tracker to arm on the screenful', async () => {
        const text = await explain();
        return /armed: lines 1–\d+ on screen/.test(text) ? text : undefined;
      });
      assert.match(on, new RegExp(`active editor: ${rel}, lines 1–\\d+ on screen — counts`), on);
      await vscode.window.showTextDocument(uriOf('package.json'));
      const outside = await explain();
      assert.match(outside, /active editor: package\.json, .* — outside the scope of "Reading in the editor" \(src\/\*\*\)/, outside);
    } finally {
      await config().update('enabled', false, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('shows a broken deep-dive file in the Overview and never writes over it', async () => {
    const good = fs.readFileSync(diveFile);
    const broken = Buffer.from(good.toString('utf8').replace('"schema": "deepdive/1"', '"schema": "deepdive/1",, '));
    const other = path.join(root, '.deepdive', 'hand-broken.json');
    const otherBytes = Buffer.from('{ "schema": "deepdive/1", "id": "hand-broken", "title": ');
    fs.writeFileSync(other, otherBytes);
    fs.writeFileSync(diveFile, broken);
    try {
      const items = await waitFor('the Overview to list the broken files', async () => {
        const list = (await api.views.overview.getChildren()).map((n) => api.views.overview.getTreeItem(n));
        const bad = list.filter((i) => i.contextValue === 'deepDive.overview.broken');
        return bad.length >= 2 ? bad : undefined;
      });
      const names = items.map((i) => String(i.label)).sort();
      assert.ok(names.includes('.deepdive/hand-broken.json'), names.join(', '));
      for (const i of items) assert.match(String(i.description), /\.deepdive\/[\w.-]+\.json(:\d+:\d+)?/, 'the error names the file and the place');
      const rel = 'src/lib/httpError.ts';
      await vscode.window.showTextDocument(uriOf(rel));
      await vscode.commands.executeCommand('deepDive.markRead');
      await vscode.commands.executeCommand('deepDive.markUnread');
      await vscode.commands.executeCommand('deepDive.nextUnread');
      await api.flush();
      assert.ok(fs.readFileSync(diveFile).equals(broken), 'the active deep-dive file is byte for byte unchanged');
      assert.ok(fs.readFileSync(other).equals(otherBytes), 'the other broken file is byte for byte unchanged');
    } finally {
      fs.rmSync(other, { force: true });
      fs.writeFileSync(diveFile, good);
    }
  });
});

import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NotesApi } from '../../src/extension/notes/index';
import type { NotesNode } from '../../src/extension/views/notesView';

const FILE = 'src/routes/auth.ts';

/** Polls until `check` returns a value (not undefined/false); fails with the last state after a bounded wait. */
async function until<T>(what: string, check: () => T | undefined | false, describeState: () => unknown = () => ''): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${what} did not happen; state: ${JSON.stringify(describeState())}`);
}

describe('notes as comment threads', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  let api: { notes: NotesApi };
  let diveId: string;
  let original: string;
  let doc: vscode.TextDocument;
  const diveFile = () => JSON.parse(fs.readFileSync(path.join(root(), '.deepdive', `${diveId}.json`), 'utf8'));
  const noteInFile = (id: string) => diveFile().notes.find((n: { id: string }) => n.id === id);
  const allNodes = (): NotesNode[] => {
    const out: NotesNode[] = [];
    const visit = (n?: NotesNode) => {
      for (const c of api.notes.viewChildren(n)) {
        out.push(c);
        visit(c);
      }
    };
    visit();
    return out;
  };

  before(async () => {
    api = (await vscode.extensions.getExtension('deep-dive.deep-dive')!.activate()) as { notes: NotesApi };
    diveId = (await vscode.commands.executeCommand<string>('deepDive.start', { title: 'Notes integration', include: ['src/**'], due: '2030-01-31', template: 'auth-service' }))!;
    doc = await vscode.workspace.openTextDocument(path.join(root(), FILE));
    original = doc.getText();
  });

  after(async () => {
    // Later suites read the same workspace: put the file back as it was (when `before` got as far as opening it).
    if (!doc) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
    await vscode.workspace.applyEdit(edit);
    await doc.save();
  });

  it('adds a note on the selection and shows it as a thread at that range', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    // The login handler: lines 16-23.
    editor.selection = new vscode.Selection(15, 0, 22, 1);
    const id = await vscode.commands.executeCommand<string>('deepDive.addNote', { kind: 'risk', severity: 'high', body: 'Login has no **lockout** after failed attempts', impact: 'Accounts can be brute-forced' });
    assert.ok(id, 'the command returns the new note id');
    const stored = noteInFile(id);
    assert.strictEqual(stored.kind, 'risk');
    assert.strictEqual(stored.severity, 'high');
    assert.strictEqual(stored.impact, 'Accounts can be brute-forced');
    assert.deepStrictEqual(stored.target.anchor.range, { start: 16, end: 23 });
    assert.match(stored.target.anchor.text, /^async function login/);
    const thread = await until('the thread appears', () => api.notes.threadRanges().find((t) => t.note === id), () => api.notes.threadRanges());
    assert.deepStrictEqual([thread.file, thread.start, thread.end], [FILE, 16, 23]);
    assert.strictEqual(thread.label, 'Risk · high');
    assert.strictEqual(thread.state, 'note.open');
    // Issue 16, point 11: the note is the reader's (git user.name, else the login name), and its
    // thread stays open where it was written instead of folding into a gutter icon.
    let gitName = '';
    try {
      gitName = execFileSync('git', ['config', '--get', 'user.name'], { cwd: root(), encoding: 'utf8' }).trim();
    } catch {
      /* no git name: the login name */
    }
    assert.strictEqual(stored.author, gitName || os.userInfo().username);
    assert.strictEqual(api.notes.threadExpanded(id), true, 'the new note thread is expanded');
  });

  it('moves the thread with the code when lines are inserted above, and saves the moved anchor on save', async () => {
    const id = diveFile().notes[0].id as string;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), '// one\n// two\n// three\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const moved = await until('the thread follows the code', () => api.notes.threadRanges().find((t) => t.note === id && t.start === 19), () => api.notes.threadRanges());
    assert.strictEqual(moved.end, 26);
    assert.deepStrictEqual(noteInFile(id).target.anchor.range, { start: 16, end: 23 }, 'not written on a keystroke');
    await doc.save();
    await until('the note file follows on save', () => noteInFile(id).target.anchor.range.start === 19, () => noteInFile(id).target.anchor);
    assert.deepStrictEqual(noteInFile(id).target.anchor.range, { start: 19, end: 26 });
    assert.match(noteInFile(id).target.anchor.before, /clientMeta|userAgent/);
  });

  it('resolves and reopens the note from its thread', async () => {
    const id = diveFile().notes[0].id as string;
    await vscode.commands.executeCommand('deepDive.notes.resolve', id);
    assert.strictEqual(noteInFile(id).status, 'resolved');
    await until('the thread shows it resolved', () => api.notes.threadRanges().find((t) => t.note === id)?.state === 'note.resolved');
    await vscode.commands.executeCommand('deepDive.notes.reopen', id);
    assert.strictEqual(noteInFile(id).status, 'open');
  });

  it('moves a note whose code is deleted to the Orphaned group, keeping its text; Re-attach here puts it back', async () => {
    const id = diveFile().notes[0].id as string;
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, new vscode.Range(18, 0, 26, 0)); // the login handler, lines 19-26
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until('the thread goes away', () => !api.notes.threadRanges().some((t) => t.note === id), () => api.notes.threadRanges());
    const orphan = await until('the note is in the Orphaned group', () => {
      const group = api.notes.viewChildren().find((n) => n.type === 'orphaned');
      return group && api.notes.viewChildren(group).find((n) => n.type === 'note' && n.noteId === id);
    }, () => allNodes().map((n) => n.type));
    assert.ok(orphan.type === 'note' && orphan.orphaned);
    await doc.save();
    assert.match(noteInFile(id).target.anchor.text, /^async function login/, 'an orphaned note keeps its last known text');
    assert.strictEqual(noteInFile(id).body, 'Login has no **lockout** after failed attempts');

    const editor = await vscode.window.showTextDocument(doc);
    const logout = doc.getText().split('\n').findIndex((l) => l.startsWith('async function logout'));
    editor.selection = new vscode.Selection(logout, 0, logout + 3, 1);
    await vscode.commands.executeCommand('deepDive.notes.reattach', orphan);
    const back = await until('the thread is back on the new code', () => api.notes.threadRanges().find((t) => t.note === id), () => api.notes.threadRanges());
    assert.deepStrictEqual([back.start, back.end], [logout + 1, logout + 4]);
    assert.ok(!api.notes.viewChildren().some((n) => n.type === 'orphaned'), 'no orphaned group left');
  });

  it('groups notes by kind, then module, in the Notes view', async () => {
    const kinds = api.notes.viewChildren();
    const risk = kinds.find((n) => n.type === 'kind' && n.kind === 'risk');
    assert.ok(risk, `kinds: ${JSON.stringify(kinds.map((k) => k.type === 'kind' && k.kind))}`);
    const modules = api.notes.viewChildren(risk);
    assert.strictEqual(modules.length, 1);
    assert.ok(modules[0].type === 'module' && /routes/.test(modules[0].module), JSON.stringify(modules[0]));
    const notes = api.notes.viewChildren(modules[0]);
    assert.strictEqual(notes.length, 1);
  });

  it('answers a question with a note linked to it', async () => {
    const question = diveFile().questions[0].id as string;
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(5, 0, 5, 10);
    const id = await vscode.commands.executeCommand<string>('deepDive.answerQuestion', question, { kind: 'insight', severity: null, body: 'Routers are mounted in routes/index.ts', impact: '' });
    assert.ok(id);
    assert.strictEqual(noteInFile(id).links.question, question);
    const q = diveFile().questions.find((x: { id: string }) => x.id === question);
    assert.strictEqual(q.status, 'answered');
    assert.deepStrictEqual(q.answeredBy, [id]);
  });

  it('deletes a note only when confirmed, and its question is open again', async () => {
    const note = diveFile().notes.find((n: { links?: { question?: string } }) => n.links?.question);
    await vscode.commands.executeCommand('deepDive.notes.delete', note.id, { confirmed: true });
    assert.strictEqual(noteInFile(note.id), undefined);
    assert.strictEqual(diveFile().questions.find((x: { id: string }) => x.id === note.links.question).status, 'open');
    await until('its thread goes', () => !api.notes.threadRanges().some((t) => t.note === note.id));
  });
});

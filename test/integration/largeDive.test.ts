// A deep dive of 20,000 notes in the real editor: the Notes view and the Overview show every note,
// the files open in the editor show theirs as comment threads, and a change made outside the editor is picked up. Asserts what is
// shown, never how fast; the times it took are printed (DEEPDIVE-TIMING) for the README.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NotesApi } from '../../src/extension/notes/index';
import type { NotesNode } from '../../src/extension/views/notesView';
import type { WorkspaceModel } from '../../src/extension/workspace/workspaceModel';

const NOTES = 20_000;
/** LAZY_THREADS_PER_EDITOR in src/extension/notes/noteThreads.ts. */
const PER_EDITOR = 40;
const KINDS = ['decision', 'gap', 'risk', 'question', 'insight'] as const;

interface TreeProvider<T> {
  getChildren(node?: T): T[] | Promise<T[]>;
  getTreeItem(node: T): vscode.TreeItem;
}
interface Api {
  notes: NotesApi;
  reading: { views: { overview: TreeProvider<unknown> } };
  model(): WorkspaceModel;
}

async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, state: () => unknown = () => '', ms = 300_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}; state: ${JSON.stringify(state())}`);
}

const label = (i: vscode.TreeItem) => (typeof i.label === 'string' ? i.label : (i.label?.label ?? ''));

function timing(what: string, since: number): void {
  console.log(`DEEPDIVE-TIMING ${what}: ${((Date.now() - since) / 1000).toFixed(1)} s`);
}

describe('a deep dive of 20,000 notes in the editor', function () {
  this.timeout(900_000);
  let api: Api;
  let root: string;
  let previous: string | undefined;
  let file: string;
  const codeNotes: { path: string; line: number }[] = [];
  /** Files shown in editors, relative to the workspace. */
  const shownFiles = () => new Set(vscode.window.visibleTextEditors.map((e) => path.relative(root, e.document.uri.fsPath).split(path.sep).join('/')));
  /** The code notes on one file, with their ids (every tenth note is on the dive). */
  const notesOn = (file: string) => codeNotes.map((c, i) => ({ ...c, id: `big-${i + Math.floor(i / 9)}` })).filter((c) => c.path === file);

  before(async () => {
    api = (await vscode.extensions.getExtension('deep-dive.deep-dive')!.activate()) as Api;
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    previous = api.model().active?.id;
    // Notes on every line of every source file of the fixture, round and round, each with the
    // line's own text: all of them anchor where they are.
    const files = (fs.readdirSync(path.join(root, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => `src/${f.split(path.sep).join('/')}`).sort();
    const lines = files.flatMap((p) => fs.readFileSync(path.join(root, p), 'utf8').split('\n').map((text, k) => ({ path: p, line: k + 1, text })).filter((l) => l.text.trim()));
    const notes = [];
    for (let n = 0; n < NOTES; n++) {
      const at = lines[n % lines.length];
      if (n % 10 === 9) {
        notes.push({ id: `big-${n}`, kind: KINDS[n % 5], status: 'open', body: `note ${n} on the whole dive`, target: { type: 'dive' }, created: '2026-01-02T00:00:00.000Z' });
        continue;
      }
      codeNotes.push({ path: at.path, line: at.line });
      notes.push({ id: `big-${n}`, kind: KINDS[n % 5], status: 'open', body: `note ${n} about this line`, target: { type: 'code', anchor: { path: at.path, range: { start: at.line, end: at.line }, text: at.text } }, created: '2026-01-02T00:00:00.000Z' });
    }
    const dive = { schema: 'deepdive/1', id: 'large', title: 'A large deep dive', created: '2026-01-01T00:00:00.000Z', scope: { include: ['src/**'], exclude: [] }, questions: [], flows: [], notes, reading: {} };
    file = path.join(root, '.deepdive', 'large.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(dive, null, 2) + '\n');
  });

  after(async () => {
    // Later suites use the same workspace: the dive they had is active again, this one is gone.
    if (previous) api.model().setActive(previous);
    fs.rmSync(file, { force: true });
    api.model().loadDives();
    await waitFor('the threads of the large dive to go', () => api.notes.threadRanges().every((t) => !t.note.startsWith('big-')));
  });

  it('shows every note in the Notes view and the Overview, and the open files\' notes as comment threads', async () => {
    const t0 = Date.now();
    api.model().setActive('large');
    timing('20,000-note dive loaded (setActive)', t0);
    const kinds = await waitFor(
      'the Notes view to count 20,000 notes',
      () => {
        const roots = api.notes.viewChildren();
        const total = roots.reduce((s, n) => s + ((n as { count?: number }).count ?? 0), 0);
        return total === NOTES ? roots : undefined;
      },
      () => api.notes.viewChildren().map((n) => [n.type, (n as { count?: number }).count]),
    );
    timing('Notes view counts all notes', t0);
    assert.deepStrictEqual(
      kinds.map((n) => [n.type, (n as { kind?: string }).kind, (n as { count: number }).count]),
      KINDS.map((k) => ['kind', k, NOTES / 5]),
      'no note orphaned',
    );
    // Every note is under its kind's modules, each once.
    let listed = 0;
    const seen = new Set<string>();
    for (const kind of kinds) {
      for (const module of api.notes.viewChildren(kind)) {
        for (const n of api.notes.viewChildren(module) as Extract<NotesNode, { type: 'note' }>[]) {
          listed++;
          seen.add(n.noteId);
        }
      }
    }
    timing('Notes view walked (every kind and module expanded)', t0);
    assert.strictEqual(listed, NOTES);
    assert.strictEqual(seen.size, NOTES);

    // Past ALL_THREADS_UP_TO code notes, threads follow what the editors show (18,000 of them
    // kept the workbench's renderer busy for minutes, 354 in one editor for nine): per editor the
    // notes nearest the lines it shows, at most LAZY_THREADS_PER_EDITOR. Open one file: that many
    // of its notes get threads, each where its note says, none nearer the shown lines is left
    // out, and no file that is not shown has one.
    const first = codeNotes[0].path;
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path.join(root, first)), { preview: false });
    const want = Math.min(PER_EDITOR, notesOn(first).length);
    const threads = await waitFor(`threads for the ${want} notes nearest what the opened file shows`, () => {
      const t = api.notes.threadRanges().filter((r) => r.note.startsWith('big-') && r.file === first);
      return t.length === want ? t : undefined;
    }, () => api.notes.threadRanges().length);
    timing(`${threads.length.toLocaleString('en-US')} comment threads made on the open file`, t0);
    const all = api.notes.threadRanges().filter((r) => r.note.startsWith('big-'));
    assert.ok(all.length <= 200, `at most 200 threads at once (LAZY_THREADS_AT_MOST), not one per code note (${all.length})`);
    const shown = shownFiles();
    assert.deepStrictEqual(all.filter((t) => !shown.has(t.file)).map((t) => t.file), [], 'no thread on a file not shown in an editor');
    const byId = new Map(notesOn(first).map((n) => [n.id, n]));
    for (const got of threads) {
      const note = byId.get(got.note);
      assert.ok(note, `${got.note} is a note on ${first}`);
      assert.deepStrictEqual([got.start, got.end], [note.line, note.line], got.note);
    }
    const distance = (line: number) => Math.min(...editor.visibleRanges.map((r) => (line - 1 < r.start.line ? r.start.line - (line - 1) : line - 1 > r.end.line ? line - 1 - r.end.line : 0)));
    const threaded = new Set(threads.map((t) => t.note));
    const farthestThreaded = Math.max(...threads.map((t) => distance(t.start)));
    const left = notesOn(first).filter((n) => !threaded.has(n.id));
    assert.ok(left.every((n) => distance(n.line) >= farthestThreaded), `nearest first: a note ${farthestThreaded} lines from the shown ones has a thread, one nearer has none`);

    const overview = await waitFor('the Overview to count the notes', async () => {
      const labels = (await api.reading.views.overview.getChildren()).map((n) => label(api.reading.views.overview.getTreeItem(n)));
      return labels.includes(`Notes ${NOTES}`) ? labels : undefined;
    });
    timing('Overview counts all notes', t0);
    assert.ok(overview.includes('A large deep dive'), overview.join(' | '));
  });

  it('picks up a note added outside the editor (the CLI, a git pull) and keeps all the others', async () => {
    const dive = JSON.parse(fs.readFileSync(file, 'utf8'));
    dive.notes.push({ id: 'big-outside', kind: 'risk', status: 'open', severity: 'high', body: 'added outside the editor', target: { type: 'code', anchor: { path: codeNotes[0].path, range: { start: codeNotes[0].line, end: codeNotes[0].line }, text: fs.readFileSync(path.join(root, codeNotes[0].path), 'utf8').split('\n')[codeNotes[0].line - 1] } }, created: '2026-01-03T00:00:00.000Z' });
    const t0 = Date.now();
    fs.writeFileSync(file, JSON.stringify(dive, null, 2) + '\n');
    // On a line the editor shows and the newest: it gets a thread, in place of the last one picked.
    await waitFor('the new note as a thread', () => api.notes.threadRanges().some((t) => t.note === 'big-outside'));
    timing('a note written on disk shows as a thread', t0);
    const risks = api.notes.viewChildren().find((n) => n.type === 'kind' && n.kind === 'risk') as { count: number };
    assert.strictEqual(risks.count, NOTES / 5 + 1);
    const onFile = api.notes.threadRanges().filter((t) => t.file === codeNotes[0].path);
    assert.strictEqual(onFile.length, Math.min(PER_EDITOR, notesOn(codeNotes[0].path).length + 1), 'the file keeps its share of threads');
  });
});

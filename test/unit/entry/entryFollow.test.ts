// Following a one-file edit (entry/entryFollow.ts): when only positions moved, the previous
// answer with its positions renamed stands in for the full link pass. It must be exactly the
// answer the full pass gives from scratch, and an edit that changes a declaration must not be
// followed at all. A real copy of the Express fixture is mapped, edited on disk and mapped again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { clearEntryMemory, entryPointsOf } from '../../../src/core/entry/entryCache';
import { emptyShift, pairPositions, shiftKeepsOrder } from '../../../src/core/entry/entryShift';
import { diskFiles } from '../../../src/core/files/sourceFiles';
import type { EntryPointsResult } from '../../../src/core/entry/types';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/routes/express');

interface Outcome {
  before: EntryPointsResult;
  followed: EntryPointsResult;
  scratch: EntryPointsResult;
  /** The file the answer was followed through, when it was. */
  via?: string;
}

/** Maps and answers (after `prepare` wrote to the copy), applies `edit` to one file, maps and answers again; then answers from scratch. */
async function editAndAnswer(file: string, edit: (text: string) => string, prepare?: (root: string) => void): Promise<Outcome> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-follow-'));
  fs.cpSync(FIXTURE, root, { recursive: true });
  prepare?.(root);
  clearEntryMemory();
  const files = diskFiles(root);
  const before = await entryPointsOf(await buildMap({ root, cache: false, workers: 1, entryFacts: true }), files, { cacheDir: false });
  const abs = path.join(root, file);
  const text = fs.readFileSync(abs, 'utf8');
  const next = edit(text);
  assert.notEqual(next, text, 'the edit changes the file');
  fs.writeFileSync(abs, next);
  const after = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
  let via: string | undefined;
  const followed = await entryPointsOf(after, files, { cacheDir: false, onFollow: (f) => (via = f) });
  clearEntryMemory();
  const scratch = await entryPointsOf(after, files, { cacheDir: false, onFollow: () => assert.fail('nothing to follow from') });
  fs.rmSync(root, { recursive: true, force: true });
  return { before, followed, scratch, ...(via ? { via } : {}) };
}

const lineOf = (r: EntryPointsResult, id: string): number => r.entries.find((e) => e.id === id)!.line;

describe('entry points after a one-file edit: followed, or computed again', () => {
  it('a line added in a handler body: followed, the handler range grows, the rest is the same', async () => {
    const o = await editAndAnswer('src/files.js', (t) => t.replace("await fs.unlink(`/data/${req.params.name}`);\n", "await fs.unlink(`/data/${req.params.name}`);\n  void 0;\n"));
    assert.equal(o.via, 'src/files.js');
    assert.deepEqual(o.followed, o.scratch);
    const del = (r: EntryPointsResult) => r.entries.find((e) => e.id === 'DELETE /files/:name')!.handlerLocation!;
    assert.equal(del(o.followed).range.end, del(o.before).range.end + 1, 'the edit moved the handler’s end');
  });

  it('lines inserted above the routes: followed, every route below moves', async () => {
    const o = await editAndAnswer('src/app.js', (t) => t.replace('const app = express();\n', 'const app = express();\n\n\n'));
    assert.equal(o.via, 'src/app.js');
    assert.deepEqual(o.followed, o.scratch);
    assert.equal(lineOf(o.followed, 'GET /status'), lineOf(o.before, 'GET /status') + 2);
  });

  it('a line inserted in the guard’s file: followed, the guard and its evidence move inside the routes of another file', async () => {
    const o = await editAndAnswer('src/permissions.js', (t) => `// permissions\n${t}`);
    assert.equal(o.via, 'src/permissions.js');
    assert.deepEqual(o.followed, o.scratch);
    const guard = (r: EntryPointsResult) => r.entries.find((e) => e.id === 'DELETE /files/:name')!.guards.find((g) => g.file === 'src/permissions.js')!;
    assert.equal(guard(o.followed).line, guard(o.before).line + 1);
    assert.notEqual(o.followed.entries.find((e) => e.id === 'DELETE /files/:name')!.guardReason, o.before.entries.find((e) => e.id === 'DELETE /files/:name')!.guardReason, 'the reason names the moved line');
  });

  it('a route added: not followed, the full pass finds it', async () => {
    const o = await editAndAnswer('src/app.js', (t) => t.replace("app.get('/status'", "app.get('/extra', files.status);\napp.get('/status'"));
    assert.equal(o.via, undefined);
    assert.deepEqual(o.followed, o.scratch);
    assert.ok(o.followed.entries.some((e) => e.id === 'GET /extra'));
  });

  it('a mount changed: not followed, the routes below it get the new prefix', async () => {
    const o = await editAndAnswer('src/app.js', (t) => t.replace("app.use('/admin'", "app.use('/administration'"));
    assert.equal(o.via, undefined);
    assert.deepEqual(o.followed, o.scratch);
    assert.ok(o.followed.entries.some((e) => e.id === 'GET /administration/users'));
  });

  it('a comment saying "public" written above a route: the same answer as from scratch', async () => {
    const o = await editAndAnswer('src/app.js', (t) => t.replace("app.get('/status'", "// public on purpose: a health check\napp.get('/status'"));
    assert.deepEqual(o.followed, o.scratch);
  });

  it('a comment above an unguarded route now says it is public (in words the facts do not keep): followed, and the text read again', async () => {
    const open = "module.exports = function open(app) {\n  // lists what is served\n  // (a list)\n  app.get('/open/list', (req, res) => res.json([]));\n};\n";
    const o = await editAndAnswer('src/open.js', (t) => t.replace('// lists what is served', '// served without a session'), (root) => {
      fs.writeFileSync(path.join(root, 'src/open.js'), open);
      fs.appendFileSync(path.join(root, 'src/app.js'), "require('./open')(app);\n");
    });
    assert.equal(o.via, 'src/open.js', 'no declaration changed');
    assert.deepEqual(o.followed, o.scratch);
    assert.equal(o.before.entries.find((e) => e.id === 'GET /open/list')?.publicOnPurpose, undefined);
    assert.match(o.followed.entries.find((e) => e.id === 'GET /open/list')?.publicOnPurpose ?? '', /comment at src\/open.js:2: served without a session/);
  });

  it('an unnamed handler below the edit: followed, the same answer as from scratch', async () => {
    const o = await editAndAnswer('src/admin.js', (t) => `\n${t}`);
    assert.equal(o.via, 'src/admin.js', 'its name (`<anon@line>`) moved with it');
    assert.deepEqual(o.followed, o.scratch);
    assert.equal(lineOf(o.followed, 'GET /admin/users'), lineOf(o.before, 'GET /admin/users') + 1);
  });

  it('an unnamed class below the edit: followed, the same answer as from scratch', async () => {
    const cls = "module.exports = class {\n  static mount(app) {\n    app.get('/cls', (req, res) => res.end());\n  }\n};\n";
    const o = await editAndAnswer('src/cls.js', (t) => `// routes of a class\n\n${t}`, (root) => {
      fs.writeFileSync(path.join(root, 'src/cls.js'), cls);
      fs.appendFileSync(path.join(root, 'src/app.js'), "require('./cls').mount(app);\n");
    });
    assert.deepEqual(o.followed, o.scratch);
    assert.equal(o.via, 'src/cls.js', 'its name (`<class@line>`) moved with it');
    assert.equal(lineOf(o.followed, 'GET /cls'), lineOf(o.before, 'GET /cls') + 2);
  });

  it('pairs positions only when nothing else differs and each maps to one place', () => {
    const fn = (start: number, end: number, name = 'f') => ({ name, start, end, ops: [['call', ['c', ['id', 'g'], [['n', 7]], [start + 1, start * 10]]]] });
    const moved = emptyShift();
    assert.ok(pairPositions(fn(3, 5), fn(4, 6), moved));
    assert.deepEqual([...moved.lines], [[3, 4], [5, 6], [4, 5]]);
    assert.deepEqual([...moved.offsets], [[30, 40]]);
    assert.ok(shiftKeepsOrder(moved));
    assert.ok(!pairPositions(fn(3, 5), fn(3, 5, 'h'), emptyShift()), 'a name is shape, not position');
    const number = (n: number) => ({ start: 1, ops: [['call', ['n', n]]] });
    assert.ok(!pairPositions(number(7), number(8), emptyShift()), 'a number in code is not a position');
    const folded = emptyShift();
    assert.ok(pairPositions([{ line: 3 }, { line: 4 }], [{ line: 5 }, { line: 5 }], folded));
    assert.ok(!shiftKeepsOrder(folded), 'two lines cannot become one');
    assert.ok(!pairPositions([{ line: 3 }, { line: 3 }], [{ line: 4 }, { line: 5 }], emptyShift()), 'one line cannot become two');
    // A route written as data carries where it is written: `['o', props, [line, offset]]`.
    const route = (line: number, offset: number) => ({ start: 1, ops: [['ret', ['o', [['method', ['s', 'GET']], ['path', ['s', '/x']]], [line, offset]]]] });
    const data = emptyShift();
    assert.ok(pairPositions(route(3, 40), route(5, 60), data));
    assert.deepEqual([...data.lines], [[1, 1], [3, 5]]);
    assert.deepEqual([...data.offsets], [[40, 60]]);
    // A table keyed by route (Sails's config/routes.js) carries each route key's place too.
    const table = (line: number, offset: number) => ({ start: 1, ops: [['let', 'routes', ['o', [['GET /x', ['s', 'x/show']]], [line, offset], [['GET /x', line + 1, offset + 4]]]]] });
    const keyed = emptyShift();
    assert.ok(pairPositions(table(3, 40), table(5, 60), keyed));
    assert.deepEqual([...keyed.lines], [[1, 1], [3, 5], [4, 6]]);
    assert.deepEqual([...keyed.offsets], [[40, 60], [44, 64]]);
    assert.ok(!pairPositions(table(3, 40), { start: 1, ops: [['let', 'routes', ['o', [['GET /x', ['s', 'x/show']]], [3, 40], [['GET /y', 4, 44]]]]] }, emptyShift()), 'a key is shape, not position');
  });
});

// The route evaluation's scorer (scripts/eval/scoreRoutes.mjs) on hand-made labels and answers:
// how a label is matched with a route, and what counts as right. The figures of every real
// service rest on it, so its matching rules are pinned here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Label { method: string; path: string; handler: string; file: string; line: number; state: string; evidence: string; firstHop: string }
interface Route { kind: 'http'; id: string; method: string; path: string; file: string; line: number; guardState: string; guardReason?: string }
interface Scored {
  recall: number;
  precision: number;
  stateRight: number;
  protectedUnguarded: number;
  details: { missed: string[]; extra: string[]; wrongState: string[] };
}
type Score = (svc: { name: string; labelledFiles?: string[] }, labels: Label[], entries: Route[], flows: unknown[]) => Scored;

const label = (method: string, p: string, place: string, state: string): Label => {
  const [file, line] = place.split(':');
  return { method, path: p, handler: 'h', file, line: Number(line), state, evidence: '-', firstHop: '-' };
};
const route = (method: string, p: string, place: string, guardState: string): Route => {
  const [file, line] = place.split(':');
  return { kind: 'http', id: `${method} ${p}`, method, path: p, file, line: Number(line), guardState };
};

describe('route evaluation: matching labels with routes', () => {
  let score: Score;
  before(async () => {
    const url = pathToFileURL(path.resolve(__dirname, '../../../../scripts/eval/scoreRoutes.mjs')).href;
    score = ((await new Function('u', 'return import(u)')(url)) as { score: Score }).score;
  });
  const svc = { name: 'sample' };

  it('matches by method and path; a route nobody labelled is extra, a label nobody found is missed', () => {
    const s = score(svc, [label('GET', '/a', 'app.js:3', 'open'), label('GET', '/b', 'app.js:4', 'open')], [route('GET', '/a', 'app.js:3', 'unguarded'), route('POST', '/c', 'app.js:9', 'unguarded')], []);
    assert.equal(s.recall, 50);
    assert.equal(s.precision, 50);
    assert.deepEqual(s.details.missed, ['GET /b  app.js:4']);
    assert.deepEqual(s.details.extra, ['POST /c  app.js:9']);
  });

  it('one ANY label against the routes given per method the handler branches on: every branch matched, right only when each is', () => {
    const labels = [label('ANY', '/api/notes', 'pages/api/notes.ts:4', 'protected')];
    const both = [route('GET', '/api/notes', 'pages/api/notes.ts:6', 'guarded'), route('POST', '/api/notes', 'pages/api/notes.ts:9', 'guarded')];
    const ok = score(svc, labels, both, []);
    assert.deepEqual([ok.recall, ok.precision, ok.stateRight, ok.protectedUnguarded], [100, 100, 100, 0]);
    const oneOpen = score(svc, labels, [both[0], { ...both[1], guardState: 'unguarded' }], []);
    assert.deepEqual([oneOpen.recall, oneOpen.precision, oneOpen.stateRight, oneOpen.protectedUnguarded], [100, 100, 0, 1]);
    assert.match(oneOpen.details.wrongState[0], /POST unguarded/);
  });

  it('labels per method against one ANY route of the same handler: each label matched with it', () => {
    const labels = [label('GET', '/api/items', 'handlers.go:20', 'protected'), label('POST', '/api/items', 'handlers.go:27', 'open')];
    const s = score(svc, labels, [route('ANY', '/api/items', 'handlers.go:12', 'guarded')], []);
    assert.deepEqual([s.recall, s.precision, s.stateRight], [100, 100, 50]);
  });

  it('an ANY label beside per-method labels of the same path is its own route, not their handler', () => {
    const labels = [label('ANY', '/x', 'app.js:5', 'open'), label('GET', '/x', 'app.js:9', 'open')];
    const s = score(svc, labels, [route('GET', '/x', 'app.js:9', 'unguarded'), route('POST', '/x', 'app.js:12', 'unguarded')], []);
    assert.equal(s.recall, 50);
    assert.deepEqual(s.details.extra, ['POST /x  app.js:12']);
  });

  it('a route in another file with the same path is not a branch of the ANY label', () => {
    const s = score(svc, [label('ANY', '/y', 'a.js:2', 'open')], [route('GET', '/y', 'b.js:2', 'unguarded')], []);
    assert.equal(s.recall, 0);
  });

  it('refuses a label file whose header row lost its #, or a state it does not know, naming the line', async () => {
    const url = pathToFileURL(path.resolve(__dirname, '../../../../scripts/eval/scoreRoutes.mjs')).href;
    const { readLabels } = (await new Function('u', 'return import(u)')(url)) as { readLabels: (f: string) => Label[] };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-labels-'));
    const write = (name: string, text: string): string => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const good = write('good.tsv', '# METHOD\tPATH\n\nGET\t/a\th\tapp.js:3\topen\t-\t-\n');
    assert.deepEqual(readLabels(good).map((l) => `${l.method} ${l.path} ${l.state}`), ['GET /a open']);
    assert.throws(() => readLabels(write('header.tsv', 'METHOD\tPATH\tHANDLER\tPLACE\tSTATE\tEVIDENCE\tFIRST_HOP\n')), /header\.tsv:1: 'METHOD' is no HTTP method/);
    assert.throws(() => readLabels(write('state.tsv', 'GET\t/a\th\tapp.js:3\tpublic\t-\t-\n')), /state\.tsv:1: state 'public'/);
  });
});

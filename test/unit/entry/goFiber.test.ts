// A fiber service written like Artalk: handlers are func literals registered on a group, some
// handed to wrappers of the service's (`AdminOnly(db, func(c *fiber.Ctx) error {…})`), the caller's
// token read by a helper handlers call themselves. What is a guard, what only reads who calls
// (optional), what is a feature switch or input validation (neither), what stays a doubt; and the
// flows' first hops past the wrapper, into store methods declared in another file of their package.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { httpRoutesOf } from './httpRoutes';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/go-fiber-app');

describe('Go fiber handlers, wrappers and token helpers: test/fixtures/routes/go-fiber-app', () => {
  const routes = httpRoutesOf('go-fiber-app');
  const route = routes.byId;
  it('a wrapper of the service that refuses (403) guards the func literal it is handed', () => {
    assert.equal(route('DELETE /api/notes/:id').guardState, 'guarded');
    assert.match(route('DELETE /api/notes/:id').guardReason ?? '', /AdminOnly/);
  });
  it('a wrapper that refuses nobody leaves its handler open', () => {
    assert.equal(route('POST /api/notes').guardState, 'unguarded');
  });
  it('a handler branching on a helper that reads the token from the request is optional; so is one answering with it', () => {
    assert.equal(route('GET /api/notes').guardState, 'optional');
    assert.match(route('GET /api/notes').guardReason ?? '', /CurrentUser .*reads the caller's credential from the request \(web\/auth\.go:\d+\)/);
    assert.equal(route('GET /api/status').guardState, 'optional');
  });
  it('a helper that only passes the identity on (a challenge keyed by it) leaves the route open', () => {
    assert.equal(route('GET /api/challenge').guardState, 'unguarded');
  });
  it('a feature switch of the settings and a password-length check are no credential checks', () => {
    assert.equal(route('POST /api/signup').guardState, 'unguarded');
  });
  it('a POST to an access_token path is a sign-in: its password check is the sign-in, not a guard', () => {
    assert.equal(route('POST /api/user/access_token').guardState, 'unguarded');
  });
  it('a record looked up by a key-named path parameter, 404 when none matches, is a doubt', () => {
    assert.equal(route('POST /api/shares/:id/:share_key').guardState, 'unknown');
  });
  it('Static(prefix, root) serves GET prefix/*', () => {
    const e = route('GET /uploads/*');
    assert.equal(e.file, 'web/server.go');
    assert.equal(e.guardState, 'unguarded');
  });
});

describe('flows of fiber handlers handed to wrappers, on store methods declared in another file', () => {
  let flows: Flow[] = [];
  before(async () => {
    const map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8'));
    flows = suggestFlows(map, entries);
  });
  const hops = (id: string): string[] => {
    const f = flows.find((x) => x.entry === id);
    assert.ok(f, `no flow for ${id}`);
    return f.steps.filter((s) => s.depth === 1).map((s) => (s.kind === 'call' ? s.symbol : `${s.kind}:${s.callee}`));
  };
  it('the wrapper and the registration on the literal\'s first line are not the handler\'s calls', () => {
    const got = hops('POST /api/notes');
    assert.ok(!got.some((h) => /Throttle|router\.Post/.test(h)), JSON.stringify(got));
  });
  it('`app.Store().SaveNote(…)` is Store.SaveNote, declared in another file of the store package', () => {
    assert.ok(hops('POST /api/notes').includes('Store.SaveNote'), JSON.stringify(hops('POST /api/notes')));
    assert.ok(hops('DELETE /api/notes/:id').includes('Store.DeleteNote'), JSON.stringify(hops('DELETE /api/notes/:id')));
  });
});

// `.unless(…)` on an app-wide JWT middleware (express-unless, koa-unless; fixture
// test/fixtures/routes/koa-unless, the shape of Easy Mock's app.js): the option is decided for each
// route's own URL — a function of the request (`if (/^\/api/.test(ctx.path)) return
// pathToRegexp([...]).test(ctx.path); return true`), or an option object's `path` list of strings,
// regexes and `{ url, methods }` entries. Skipped: open; not skipped: the JWT middleware guards;
// an option reading what we cannot decide (a header) stays unknown. Routes registered down a chain
// written over lines are placed at their own method's line.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { pathRegexText } from '../../../src/core/entry/interp/unlessOption';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/koa-unless');

describe('routes: a JWT middleware skipped by its unless option', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  const state = (id: string) => got.find((e) => e.id === id);
  const expect = (id: string, want: string) => assert.equal(state(id)?.guardState, want, `${id}: ${state(id)?.guardReason} (${got.map((e) => e.id).join(', ')})`);
  it('koa-jwt with a function of ctx: the whitelist and the non-/api paths are open, the rest guarded', () => {
    expect('POST /api/u/login', 'unguarded');
    expect('GET /api/notes/export', 'unguarded');
    expect('GET /share/:id', 'unguarded');
    for (const id of ['GET /api/notes', 'POST /api/notes/create', 'GET /api/notes/:id']) {
      expect(id, 'guarded');
      assert.match(state(id)?.guardReason ?? '', /koaJwt\(\{ secret: "shh" \}\)/);
    }
  });
  it("express-jwt with a path list: strings, a regex, and a method-scoped entry", () => {
    expect('POST /v1/login', 'unguarded');
    expect('GET /v1/public/about', 'unguarded');
    expect('GET /v1/feed', 'unguarded');
    expect('POST /v1/feed', 'guarded');
    expect('GET /v1/me', 'guarded');
  });
  it('an option that reads a header is not decided: unknown', () => {
    expect('GET /v2/items', 'unknown');
  });
  it('places each route of a chain written over lines at its own verb', () => {
    assert.equal(state('POST /api/u/login')?.line, 13);
    assert.equal(state('GET /api/notes/:id')?.line, 17);
    assert.equal(state('GET /share/:id')?.line, 10);
  });
  it("reads path-to-regexp's defaults: whole path, optional trailing slash, any case", () => {
    const re = (p: string) => new RegExp(pathRegexText(p)!.slice(1, -2), 'i');
    assert.ok(re('/api/u/login').test('/api/u/login/'));
    assert.ok(re('/api/u/login').test('/API/u/login'));
    assert.ok(!re('/api/u/login').test('/api/u/login/x'));
    assert.ok(re('/mock/:id').test('/mock/abc'));
    assert.ok(!re('/mock/:id').test('/mock/abc/def'));
    assert.ok(re('/files/:rest*').test('/files'));
    assert.equal(pathRegexText('/a/{b}'), undefined);
  });
});

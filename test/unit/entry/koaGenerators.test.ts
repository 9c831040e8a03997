// Koa 0.x patterns (test/fixtures/routes/koa-generators): generator middleware that take the
// context as `this` and only `next`; koa-router 3 given the app, which adds the verb methods to
// the app itself. A middleware that turns away a client by its User-Agent is no guard; a handler
// that passes the request on (`return yield* next`) or renders a template reads no identity; the
// map names `exports.x = function* …` and `require('./m').x` so a flow's first hop resolves.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { buildMap } from '../../../src/core/map/buildMap';
import { CallGraph } from '../../../src/core/callgraph/callGraph';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/koa-generators');

describe('routes: Koa 0.x generator middleware with `this` as the context', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  const state = (id: string) => got.find((e) => e.id === id);
  it('finds the routes registered on the app itself', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ['GET /me', 'GET /notes/:owner', 'GET /notes/:owner/first', 'GET /notes/:owner/text', 'GET /page/:owner', 'POST /notes']);
  });
  it('a refusal by User-Agent guards nothing; a refusal without a signed-in caller does', () => {
    assert.equal(state('POST /notes')?.guardState, 'guarded', state('POST /notes')?.guardReason);
    assert.doesNotMatch(state('POST /notes')?.guardReason ?? '', /denyBots/);
    assert.equal(state('GET /notes/:owner')?.guardState, 'unguarded', state('GET /notes/:owner')?.guardReason);
  });
  it('a handler that passes the request on with `yield* next`, or renders a template, reads no identity; one that reads this.member does', () => {
    for (const id of ['GET /notes/:owner/first', 'GET /page/:owner', 'GET /notes/:owner/text']) assert.equal(state(id)?.guardState, 'unguarded', `${id}: ${state(id)?.guardReason}`);
    assert.equal(state('GET /me')?.guardState, 'optional', state('GET /me')?.guardReason);
  });
  it('resolves calls to `exports.x = function* …` through `require`, and a name taken off `require(…).x`', async () => {
    const map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const g = new CallGraph(map);
    const keep = g.resolve('routes.js', 'addNote', 'accounts.keep');
    assert.equal(keep.kind === 'symbol' && `${keep.file}:${keep.symbol}`, 'store/accounts.js:keep');
    const asList = g.resolve('routes.js', 'showText', 'asList');
    assert.equal(asList.kind === 'symbol' && `${asList.file}:${asList.symbol}`, 'lib/format.js:asList');
  });
});

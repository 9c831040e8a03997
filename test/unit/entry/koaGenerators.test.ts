// Koa 0.x patterns (test/fixtures/routes/koa-generators): generator middleware that take the
// context as `this` and only `next`; koa-router 3 given the app, which adds the verb methods to
// the app itself. A middleware that turns away a client by its User-Agent is no guard; a handler
// that passes the request on (`return yield* next`) or renders a template reads no identity; the
// map names `exports.x = function* …` and `require('./m').x`, and `fn.call(this, …)` is a call of
// fn, so a flow's first hop resolves; a check under a query option refuses only that variant.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { buildMap } from '../../../src/core/map/buildMap';
import { CallGraph } from '../../../src/core/callgraph/callGraph';
import { queryVariant } from '../../../src/core/entry/interp/handlerCheck';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/koa-generators');

describe('routes: Koa 0.x generator middleware with `this` as the context', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  const state = (id: string) => got.find((e) => e.id === id);
  it('finds the routes registered on the app itself', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ['GET /export/:owner', 'GET /me', 'GET /notes/:owner', 'GET /notes/:owner/first', 'GET /notes/:owner/text', 'GET /page/:owner', 'POST /notes']);
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
  it('a refusal under an option the client sets in the query string refuses only that variant: anonymous allowed', () => {
    assert.equal(state('GET /export/:owner')?.guardState, 'optional', state('GET /export/:owner')?.guardReason);
    assert.equal(queryVariant("(everyone && !this.member.admin) [this.query.everyone === 'true']"), 'query.everyone');
    assert.equal(queryVariant('(req.query.all) && (!req.user.isAdmin)'), 'query.all');
    // Compared with the caller's values, negated, or a credential: not an option.
    assert.equal(queryVariant('(req.query.owner !== req.user.id)'), undefined);
    assert.equal(queryVariant('else of (all) [req.query.all]'), undefined);
    assert.equal(queryVariant('(!req.query.token)'), undefined);
  });
  it('resolves calls to `exports.x = function* …` through `require`, and a name taken off `require(…).x`', async () => {
    const map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const g = new CallGraph(map);
    const keep = g.resolve('routes.js', 'addNote', 'accounts.keep');
    assert.equal(keep.kind === 'symbol' && `${keep.file}:${keep.symbol}`, 'store/accounts.js:keep');
    const notesFor = g.resolve('routes.js', 'exportNotes', 'notesFor.call');
    assert.equal(notesFor.kind === 'symbol' && `${notesFor.file}:${notesFor.symbol}`, 'routes.js:notesFor');
    const asList = g.resolve('routes.js', 'showText', 'asList');
    assert.equal(asList.kind === 'symbol' && `${asList.file}:${asList.symbol}`, 'lib/format.js:asList');
  });
});

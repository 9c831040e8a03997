// Koa route modules as a multi-tenant identity server writes them (test/fixtures/routes/koa-route-modules):
// each module is a function `(...[router, { queries: { items: { findItemById } } }]: RouterInitArgs<T>)`
// called with one of several koa-router instances, a validation middleware factory is called afresh
// in every route's registration (more often than a function is otherwise followed), and the app
// that carries the routers is made by a function nothing calls directly but a tenant's constructor,
// which mounts it at /api.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/koa-route-modules');

describe('routes: Koa route modules taking the router and context as a destructured rest parameter', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  const state = (id: string) => got.find((e) => e.id === id);
  it('finds the routes of a module whose router comes in a rest parameter destructured as an array', () => {
    assert.ok(state('GET /api/items/:id'), got.map((e) => e.id).join(', '));
    assert.ok(state('DELETE /api/items/:id'));
    assert.equal(state('GET /api/items/:id')?.guardState, 'guarded', state('GET /api/items/:id')?.guardReason);
  });
  it('an app made again when its factory ran with unknown arguments adds no second copy of its routes', () => {
    assert.equal(got.length, 54, got.map((e) => e.id).join(', '));
    assert.equal(state('GET /health'), undefined);
    assert.equal(state('GET /items/:id'), undefined);
  });
  it('a middleware factory written in each route registration is followed for every route, past the per-function cap', () => {
    const pages = got.filter((e) => e.id.startsWith('GET /api/pages/'));
    assert.equal(pages.length, 50);
    for (const e of pages) assert.equal(e.guardState, 'unguarded', `${e.id}: ${e.guardReason}`);
    assert.equal(state('GET /api/health')?.guardState, 'unguarded', state('GET /api/health')?.guardReason);
  });
  it('a guard taken out of the context by a nested destructuring pattern is that guard', () => {
    assert.equal(state('GET /api/profile')?.guardState, 'guarded', state('GET /api/profile')?.guardReason);
    assert.match(state('GET /api/profile')?.guardReason ?? '', /koaSignedIn/);
  });
});

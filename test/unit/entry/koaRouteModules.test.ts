// Koa route modules as a multi-tenant identity server writes them (test/fixtures/routes/koa-route-modules):
// each module is a function `(...[router, { queries: { items: { findItemById } } }]: RouterInitArgs<T>)`
// called with one of several koa-router instances, a validation middleware factory is called afresh
// in every route's registration (more often than a function is otherwise followed), and the app
// that carries the routers is made by a function nothing calls directly but a tenant's constructor,
// which mounts it at /api.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: Koa route modules taking the router and context as a destructured rest parameter', () => {
  const { all } = httpRoutesOf('koa-route-modules');
  const state = (id: string) => all().find((e) => e.id === id);
  it('finds the routes of a module whose router comes in a rest parameter destructured as an array', () => {
    assert.ok(state('GET /api/items/:id'), all().map((e) => e.id).join(', '));
    assert.ok(state('DELETE /api/items/:id'));
    assert.equal(state('GET /api/items/:id')?.guardState, 'guarded', state('GET /api/items/:id')?.guardReason);
  });
  it('an app made again when its factory ran with unknown arguments adds no second copy of its routes', () => {
    assert.equal(all().length, 54, all().map((e) => e.id).join(', '));
    assert.equal(state('GET /health'), undefined);
    assert.equal(state('GET /items/:id'), undefined);
  });
  it('a middleware factory written in each route registration is followed for every route, past the per-function cap', () => {
    const pages = all().filter((e) => e.id.startsWith('GET /api/pages/'));
    assert.equal(pages.length, 50);
    for (const e of pages) assert.equal(e.guardState, 'unguarded', `${e.id}: ${e.guardReason}`);
    assert.equal(state('GET /api/health')?.guardState, 'unguarded', state('GET /api/health')?.guardReason);
  });
  it('a guard taken out of the context by a nested destructuring pattern is that guard', () => {
    assert.equal(state('GET /api/profile')?.guardState, 'guarded', state('GET /api/profile')?.guardReason);
    assert.match(state('GET /api/profile')?.guardReason ?? '', /koaSignedIn/);
  });
});

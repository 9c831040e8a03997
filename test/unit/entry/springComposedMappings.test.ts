// Spring mappings written with annotations the application declares (test/fixtures/routes/
// spring-composed-mappings, the shape of eladmin's @AnonymousGetMapping): the method and path come
// from the @RequestMapping/@GetMapping the declaration carries, in another file. The paths of the
// handlers carrying @PublicAccess are collected at startup into a map keyed by HTTP method, which the
// security chain permits per method; an OPTIONS-only permit does not open a route of every method;
// a permitted payment callback that refuses unsigned requests in the handler is guarded; resource
// handlers are GET routes under the URL rules.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: Spring composed mapping annotations and permit lists keyed by HTTP method', () => {
  const { all, byId } = httpRoutesOf('spring-composed-mappings');

  it('gives a composed mapping the method of its declaration and the path of its use', () => {
    assert.equal(byId('GET /shop/items/:id').line, 14);
    assert.equal(byId('POST /shop/orders').line, 24);
    // No path in the use: the class path alone; a declaration that fixes a path adds it.
    assert.equal(byId('GET /shop').line, 19);
    assert.equal(byId('GET /shop/health').line, 45);
  });

  it('drops a method whose only annotation is no mapping', () => {
    assert.deepEqual(
      all().filter((e) => e.handler === 'ShopController.helper').map((e) => e.id),
      [],
    );
    assert.equal(all().filter((e) => e.handler.startsWith('ShopController.')).length, 7, all().map((e) => e.id).join(', '));
  });

  it('permits each collected path for the HTTP method it was collected under, and only that one', () => {
    for (const id of ['GET /shop/items/:id', 'GET /shop', 'POST /shop/orders', 'ANY /shop/callback']) {
      const e = byId(id);
      assert.equal(e.guardState, 'unguarded', `${id}: ${e.guardReason}`);
      assert.match(e.guards.map((g) => g.name).join(' '), /permitAll/, id);
    }
    // Same path, another method, not annotated: the later rule decides.
    const orders = byId('GET /shop/orders');
    assert.equal(orders.guardState, 'guarded', orders.guardReason);
    assert.equal(byId('GET /shop/health').guardState, 'guarded');
  });

  it('does not let an OPTIONS-only permit decide a route of every method', () => {
    const hook = byId('ANY /shop/hook');
    assert.equal(hook.guardState, 'guarded', hook.guardReason);
    assert.match(hook.guardReason ?? '', /\/\*\* → authenticated/);
  });

  it('guards a permitted callback that refuses every request whose signature does not verify, before doing anything', () => {
    for (const id of ['ANY /pay/notify', 'GET /pay/return']) {
      const e = byId(id);
      assert.equal(e.guardState, 'guarded', `${id}: ${e.guardReason}`);
      assert.match(e.guardReason ?? '', /signature check/, id);
    }
    // A check after the work, or one that refuses nothing, guards nothing.
    for (const id of ['GET /pay/late', 'GET /pay/logged']) assert.equal(byId(id).guardState, 'unguarded', id);
  });

  it('lists resource handlers as GET routes under the URL rules, with a path held in a constant of the file or of another class', () => {
    const uploads = byId('GET /uploads/*');
    assert.equal(uploads.guardState, 'unguarded', uploads.guardReason);
    assert.equal(byId('GET /downloads/*').guardState, 'unguarded');
    const priv = byId('GET /private/*');
    assert.equal(priv.guardState, 'guarded', priv.guardReason);
    // The whole tree: an earlier rule opens part of it (`/**/*.css`), so some of its paths let anyone in.
    const everything = byId('GET /*');
    assert.equal(everything.guardState, 'unguarded', everything.guardReason);
    assert.match(everything.guards.map((g) => g.reason).join(' '), /opens part of/);
  });
});

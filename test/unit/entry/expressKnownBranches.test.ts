// Branches on values the code fixes itself (test/fixtures/routes/express-known-branches): an `if`
// whose test is decided by known values runs only its arm (an early return on a value that is
// there, one assignment per key of a loop, an overload on `typeof`); a test on the environment is
// not decided and both arms' routes stay; a ternary decided the same way gives its arm's path.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: branches decided by known values', () => {
  const { all, byId } = httpRoutesOf('express-known-branches');

  it('takes the return after an early return whose test fails on a known object', () => {
    assert.equal(byId('GET /shop/cart').line, 17);
  });

  it('assigns each key under its own test: tag and author keep their own paths', () => {
    assert.equal(byId('GET /tag/:slug').line, 30);
    assert.equal(byId('GET /author/:slug').line, 31);
  });

  it('follows the then arm of a typeof test on a string, not the else arm after it', () => {
    assert.equal(byId('GET /given/here').line, 42);
    assert.ok(!all().some((e) => e.id === 'GET /fallback'), all().map((e) => e.id).join(', '));
  });

  it('keeps both arms of a test on the environment', () => {
    byId('GET /legacy');
    byId('GET /modern');
  });

  it('takes the arm of a ternary whose test is decided on known values (the else arm too)', () => {
    assert.equal(byId('GET /u/:id').line, 55);
    assert.equal(byId('GET /s/:id').line, 57);
    assert.ok(!all().some((e) => e.id === 'GET /:id'), all().map((e) => e.id).join(', '));
  });

  it('finds nothing else', () => {
    assert.deepEqual(all().map((e) => e.id).sort(), ['GET /author/:slug', 'GET /given/here', 'GET /legacy', 'GET /modern', 'GET /s/:id', 'GET /shop/cart', 'GET /tag/:slug', 'GET /u/:id']);
  });
});

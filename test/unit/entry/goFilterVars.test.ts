// Guards held in package-level variables made by a library call around a function literal that
// takes the request and returns an error (`var signedIn = gate.Filter(func(w, r) error {…})`), used
// by name in another file (`a.With(signedIn)`): the wrapper answers with the error the literal
// returns, so a non-nil return after the caller's check failed (`if u != nil && u.ID > 0 { return
// nil }; return bounce(w, r)`) refuses, whatever status the error carries. A factory returning such
// a filter (`atLeast(2)`) is followed into it. A limiter's refusal that tests no caller is none,
// and a loader handed to a library (`gate.Load(func(ctx, key) …)`) says nothing of the library:
// the variable is that library's middleware, unknown unless the library is known (zhttp's auth.Add
// lets a request without its cookie through).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('Go guards in package variables wrapping a function literal: test/fixtures/routes/go-filter-vars', () => {
  const routes = httpRoutesOf('go-filter-vars');
  itHasStates(routes, [
    ['GET /notes', 'guarded', /signedIn.*an error returned to the middleware that wraps it/],
    ['POST /notes/purge', 'guarded', /atLeast\(2\).*\(403\)/],
    ['GET /feed', 'unguarded', /none refuses/],
    ['GET /sign-in', 'unknown', /keyAuth .* comes from github\.com\/acme\/gate, whose code is not here/],
    ['GET /about', 'unguarded', /none refuses/],
    // An admin's early pass does not make the limiter's later 403 (under its own test) a check of the caller.
    ['POST /comments', 'unguarded', /none refuses/],
  ], (e, [, , reason]) => assert.match(reasonsOf(e), reason));
});

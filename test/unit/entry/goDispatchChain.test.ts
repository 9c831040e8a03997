// A Go handler that routes by itself: one if / else-if chain (or a condition-less switch) testing
// the request's method and path against constants and precompiled regular expressions, each
// branch handing the request to a handler inside wrappers. Each branch is a route at the line of
// its test, with the full path net/http hands the handler; the wrappers guard it; the mount is no
// route of its own when only a not-found follows the chain, and stays one when a fallback serves
// the rest. A middleware that tests paths but is nobody's handler makes no routes.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { regexPaths } from '../../../src/core/entry/go/regexPaths';

describe('Go handlers that route by an if / else-if chain: test/fixtures/routes/go-dispatch-chain', () => {
  const routes = httpRoutesOf('go-dispatch-chain');
  itHasStates(routes, [
    ['GET /api/health', 'unguarded', 'web/server.go:32'],
    ['GET /api/boards', 'unguarded', 'web/server.go:34'],
    ['PUT /api/boards', 'guarded', 'web/server.go:36', /signedIn.*401/],
    ['POST /api/boards', 'guarded', 'web/server.go:36', /signedIn.*401/],
    // A regex declared in another file of the package, written as a reader looks for it.
    ['DELETE /api/boards/:p1', 'guarded', 'web/server.go:38', /signedIn/],
    ['GET /:p1/json', 'unguarded', 'web/server.go:40'],
    ['GET /:p1/atom', 'unguarded', 'web/server.go:40'],
    ['GET /assets/*', 'unguarded', 'web/server.go:42'],
    // A pattern with no readable path stays the regex, as a dynamic path.
    ['GET /{regex ^/odd/(a|b)+[^x]?$}', 'unguarded', 'web/server.go:44'],
    // The provider's signature header handed to a call whose error ends the request: a secret checked.
    ['POST /api/hooks/payment', 'guarded', 'web/server.go:46', /secret the caller offers/],
    ['OPTIONS /*', 'unguarded', 'web/server.go:48'],
    // A switch with a fallback that serves files: its cases and the subtree.
    ['ANY /legacy/feed', 'unguarded', 'web/legacy.go:8'],
    ['GET /legacy/boards', 'unguarded', 'web/legacy.go:10'],
    ['ANY /legacy/*', 'unguarded', 'main.go:13'],
  ], (e, [, , place, reason]) => {
    assert.equal(`${e.file}:${e.line}`, place);
    assert.equal(e.framework, 'net/http');
    if (reason) assert.match(reasonsOf(e), reason);
  });

  it('keeps the regex of a path it cannot read as the dynamic part, and only there', () => {
    const dyn = routes.all().filter((e) => e.dynamic);
    assert.deepEqual(dyn.map((e) => e.dynamic!.expression), ['regex ^/odd/(a|b)+[^x]?$']);
  });
});

describe('regexPaths: a path regex written readably', () => {
  const cases: Array<[string, string[] | undefined]> = [
    ['^/[-_A-Za-z0-9]{1,64}$', ['/:p1']],
    ['^/[-_A-Za-z0-9]{1,64}(,[-_A-Za-z0-9]{1,64})*/json$', ['/:p1/json']],
    ['^/[^/]+\\.[^/]+/[-_A-Za-z0-9]{1,64}$', ['/:p1/:p2']],
    ['^/[a-z]{1,64}/(publish|send|trigger)$', ['/:p1/publish', '/:p1/send', '/:p1/trigger']],
    ['^/static/.+', ['/static/*']],
    ['^/docs(|/.*)$', ['/docs', '/docs/*']],
    ['^/file/([-_A-Za-z0-9]{1,64})(?:\\.[A-Za-z0-9]{1,16})?$', ['/file/:p1']],
    ['/v1/success/(.+)$', ['/v1/success/:p1']],
    ['^/v1/items/(\\d+)/notes$', ['/v1/items/:p1/notes']],
    ['^/odd/(a|b)+$', undefined],
    ['^/x[0-9]', undefined],
    ['[a-z]+', undefined],
  ];
  for (const [re, want] of cases) it(`${re} → ${want?.join(' ') ?? 'not readable'}`, () => assert.deepEqual(regexPaths(re), want));
});

// AdonisJS 6 (test/fixtures/routes/adonis): routes on the router service with controller tuples,
// lazy imports through package.json subpath imports, `router.on().render()`, nested groups with a
// prefix and middleware, a route's own `.use(middleware.auth())`, an action class whose
// `authorize()` runs before `asController()`, and checks Adonis code writes in handlers (a signed
// link, a webhook read in a try, `if (!auth.user) return`, a redirect to the sign-in route).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: AdonisJS router, groups, named middleware and action classes', () => {
  const routes = httpRoutesOf('adonis');
  itHasStates(routes, [
    ['GET /', 'unguarded', '<render pages/home>'],
    ['GET /old-home', 'unguarded', '<redirect>'],
    ['GET /books', 'unguarded', 'BooksController.index'],
    // `auth.user?.id` handed on: the caller's identity is used when present.
    ['GET /books/:id', 'optional', 'BooksController.show'],
    ['POST /books', 'guarded', 'BooksController.store', /AuthMiddleware\.handle/],
    // guest() only sends a signed-in caller away; a one-element tuple runs the class's handle.
    ['DELETE /session', 'unguarded', 'SessionController'],
    ['GET /notes', 'unguarded', 'RenderNotes'],
    ['POST /notes/:id/publish', 'guarded', 'PublishNote', /PublishNote\.authorize/],
    ['GET /inline', 'unguarded', '<inline>'],
    ['GET /api/me', 'guarded', 'BooksController.index', /AuthMiddleware\.handle/],
    ['PUT /api/v2/books/:id', 'guarded', 'BooksController.store', /AuthMiddleware\.handle/],
    ['GET /unsubscribe/:id', 'guarded', 'LinksController.unsubscribe', /hasValidSignature/],
    ['POST /webhooks/billing', 'guarded', 'LinksController.webhook', /status\(400\)/],
    ['POST /progress', 'guarded', 'LinksController.progress', /empty answer/],
    ['GET /confirm/:email', 'guarded', 'LinksController.confirm', /toRoute\('auth\.login'\)/],
    // router.resource(…).only([…]).use(['store'], …); a nested resource with its id renamed.
    ['GET /shelves', 'unguarded', 'BooksController.index'],
    ['POST /shelves', 'guarded', 'BooksController.store', /AuthMiddleware\.handle/],
    ['GET /authors/:author_id/books', 'unguarded', 'BooksController.index'],
    ['GET /authors/:author_id/books/:book', 'optional', 'BooksController.show'],
  ], (e, [, , handler, reason]) => {
    assert.equal(e.handler, handler);
    if (reason) assert.match([e.guardReason, ...e.guards.map((g) => `${g.name}: ${g.reason}`)].join(' | '), reason);
  });

  it('places each route at its registration line', () => {
    assert.equal(routes.byId('PUT /api/v2/books/:id').line, 24);
    assert.equal(routes.byId('GET /').line, 9);
  });
});

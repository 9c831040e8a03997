// routing-controllers (test/fixtures/routes/routing-controllers): routes declared by decorators on
// controller classes, under the server's routePrefix, the action's path written right after the
// controller's ('/shelves' + '.csv'). Who may call each is read from the package's contract and the
// service's code: a bare @Authorized() hands an empty role list to a checker that answers
// `roles.every(…)` (no guard); @Authorized('x') refuses unless the checker says yes; @CurrentUser()
// is required by the server's defaults unless it says otherwise; a parameter decorator of the
// service's own refuses when its value throws 401/403 for an anonymous caller with the options it is
// given here, and reads the caller otherwise; an action that reads the caller off its request
// (`req.logout()`) lets anonymous callers in; one that refuses unless a check accepts a value from
// the path is unknown (whether the value is a credential is not followed).
import * as assert from 'node:assert/strict';
import { settleGuardStates } from '../../../src/core/entry/guardState';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import type { EntryPoint } from '../../../src/core/entry/types';

describe('routing-controllers: decorated controllers and their guards', () => {
  const routes = httpRoutesOf('routing-controllers');
  before(async () => {
    await settleGuardStates(routes.all(), () => '');
  });
  type Row = [id: string, state: EntryPoint['guardState'], why: RegExp];
  const rows: Row[] = [
    ['GET /v2/shelves', 'optional', /@Caller\(\).*reads the caller and refuses no anonymous one/],
    ['GET /v2/shelves.csv', 'guarded', /@Caller\(\).*refuses an anonymous caller: throw new UnauthorizedError/],
    ['GET /v2/shelves/:id', 'guarded', /@OwnShelf\(\).*refuses an anonymous caller: throw new ForbiddenError/],
    ['DELETE /v2/shelves/:id', 'guarded', /@Authorized\('librarian'\).*unless the authorizationChecker \(src\/server\.ts:\d+\) answers true/],
    ['POST /v2/shelves/:id/books', 'guarded', /@CurrentUser\(\).*required by defaults\.paramOptions\.required of src\/server\.ts:\d+/],
    ['POST /v2/shelves/:id/suggestions', 'optional', /@CurrentUser\(\).*its own required option: the caller if any/],
    ['POST /v2/account/sign-out', 'optional', /req\.logout\(\)/],
    ['POST /v2/account/sign-up', 'unguarded', /none refuses/],
    ['GET /v2/tickets/:code', 'unknown', /unless tickets\.verify\(code\) accepts the path's code/],
  ];
  itHasStates(routes, rows, (e, [, , why]) => {
    assert.match(reasonsOf(e), why);
    assert.equal(e.framework, 'routing-controllers');
  });

  it('a bare @Authorized() is no guard when the checker lets an empty role list through', () => {
    const g = routes.byId('GET /v2/shelves').guards.find((x) => x.name === '@Authorized()');
    assert.ok(g, reasonsOf(routes.byId('GET /v2/shelves')));
    assert.equal(g.kind, 'other');
    assert.match(g.reason, /needed\.every\(…\)/);
  });

  it('the before-middleware is judged by its use(): it calls next() and refuses nobody', () => {
    const g = routes.byId('POST /v2/account/sign-up').guards.find((x) => x.name === 'CallerMiddleware');
    assert.ok(g);
    assert.equal(g.kind, 'other');
    assert.match(g.reason, /not a guard: .*calls next\(\)/);
  });

  it('the handler is the class method, at the method decorator', () => {
    const e = routes.byId('GET /v2/shelves.csv');
    assert.equal(e.handler, 'ShelfController.exportAll');
    assert.equal(e.file, 'src/controllers/shelf.ts');
    assert.equal(e.line, 13);
  });
});

describe('routing-controllers: controllers and middlewares loaded by glob', () => {
  const routes = httpRoutesOf('routing-controllers-globs');
  before(async () => {
    await settleGuardStates(routes.all(), () => '');
  });

  it('every @Middleware class of type before runs for the glob-loaded controllers; one of type after guards nothing', () => {
    assert.deepEqual(routes.all().map((e) => e.id), ['GET /reports']);
    const e = routes.byId('GET /reports');
    assert.equal(e.guardState, 'guarded', reasonsOf(e));
    const g = e.guards.find((x) => x.name === 'SessionRequired');
    assert.ok(g, reasonsOf(e));
    assert.equal(g.evidence?.how, '401');
    assert.ok(!e.guards.some((x) => x.name === 'LateCheck'), reasonsOf(e));
  });

  it("an action reading ctx.state.user reads the caller (anonymous allowed, were nothing else to refuse)", () => {
    const e = routes.byId('GET /reports');
    assert.ok(e.guards.some((x) => x.optional && /ctx\.state\.user/.test(x.name)), reasonsOf(e));
  });
});

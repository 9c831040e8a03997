// Midway.js (test/fixtures/routes/midway): routes declared by @Get/@Post/@Del on @Controller classes,
// under the configuration's koa globalPrefix unless the controller says ignoreGlobalPrefix. Who may
// call them is the service's own code: a middleware class named in the controller's or route's
// options refuses when its resolve() throws 401/403; @UseGuard is a guard by Midway's contract; a
// custom method decorator (createCustomMethodDecorator) refuses when the implementation in its file
// does; a decorator of the service's own whose code is not found leaves the route in doubt (unknown).
import * as assert from 'node:assert/strict';
import { settleGuardStates } from '../../../src/core/entry/guardState';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import type { EntryPoint } from '../../../src/core/entry/types';

describe('Midway.js: decorated controllers and their guards', () => {
  const routes = httpRoutesOf('midway');
  before(async () => {
    await settleGuardStates(routes.all(), () => '');
  });
  type Row = [id: string, state: EntryPoint['guardState'], why: RegExp];
  const rows: Row[] = [
    ['GET /api/notes', 'guarded', /SessionMiddleware in the middleware option of class NoteController: its code \(src\/middleware\/session\.middleware\.ts:6\) refuses/],
    ['DELETE /api/notes/:id', 'guarded', /@RequireRole\(\) on method NoteController\.remove: its code \(src\/decorator\/role\.decorator\.ts:5\) refuses: ctx\.throw\(403/],
    ['POST /api/notes/:id/share', 'guarded', /@UseGuard\(OwnerGuard\)/],
    ['GET /public/notes/:slug', 'unguarded', /./],
    ['GET /public', 'unknown', /@Cached\(\) on method PublicController\.index .*its code was not found/],
    ['POST /public/feedback', 'unguarded', /./],
    // The controller's prefix is a template over an imported constant and a module one.
    ['GET /api/admin/users/list', 'guarded', /SessionMiddleware in the middleware option of class UserController/],
  ];
  itHasStates(routes, rows, (e, [, , why]) => {
    assert.match(reasonsOf(e), why);
    assert.equal(e.framework, 'midway');
  });

  it('the handler is the class method, at the route decorator, with the refusal as evidence', () => {
    const e = routes.byId('DELETE /api/notes/:id');
    assert.equal(e.handler, 'NoteController.remove');
    assert.equal(e.file, 'src/controller/note.controller.ts');
    assert.equal(e.line, 19);
    const role = e.guards.find((g) => g.name === '@RequireRole()');
    assert.deepEqual(role?.evidence, { how: '403', text: 'ctx.throw(403', file: 'src/decorator/role.decorator.ts', line: 15 });
    assert.equal(e.guards.filter((g) => g.name === '@Audit()').length, 0, 'an audit decorator that refuses nobody is no guard');
  });
});

describe('Midway.js: a refusing middleware no route names may be the app-wide one', () => {
  // test/fixtures/routes/midway-global: configuration.ts applies TokenMiddleware with useMiddleware;
  // its ignore() is not read, so no route is called unguarded.
  const routes = httpRoutesOf('midway-global');
  before(async () => {
    await settleGuardStates(routes.all(), () => '');
  });
  const rows: [id: string, state: EntryPoint['guardState'], why: RegExp][] = [
    ['GET /health', 'unknown', /middleware TokenMiddleware \(src\/middleware\/token\.middleware\.ts:5\) refuses and no route names it/],
    ['GET /me', 'unknown', /app-wide/],
  ];
  itHasStates(routes, rows, (e, [, , why]) => assert.match(reasonsOf(e), why));
});

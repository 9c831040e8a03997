// Nest middleware classes bound with consumer.apply(X).forRoutes(…) are judged by their use(), as
// guard classes are by canActivate (test/fixtures/routes/nest-middleware): a 403 handed to next()
// inside passport's callback guards; one named like auth that calls next() for a request without
// its cookie does not; one from a package we do not have, named like auth, leaves the route
// unknown; one that has nothing to do with auth changes nothing. A queue dashboard
// (`BullBoardModule.forRoot`) is one route for its mount, under a prefix held in an imported
// constant, and its `middleware` option is judged the same way.
import * as assert from 'node:assert/strict';
import { settleGuardStates } from '../../../src/core/entry/guardState';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf } from './httpRoutes';

describe('nest: middleware classes judged by their code', () => {
  const { all, byId } = httpRoutesOf('nest-middleware');
  before(async () => {
    await settleGuardStates(all(), () => '');
  });
  const guard = (id: string, name: string) => {
    const g = byId(id).guards.find((x) => x.name === name);
    assert.ok(g, `${name} on ${id}: ${JSON.stringify(byId(id).guards)}`);
    return g;
  };

  it('a refusal inside passport\'s callback guards the routes it is bound to, with the line as evidence', () => {
    assert.equal(byId('GET /queues/jobs').guardState, 'guarded');
    const g = guard('GET /queues/jobs', 'QueuesAuthMiddleware');
    assert.equal(g.kind, 'authorization');
    assert.equal(g.evidence?.how, '403');
    assert.match(g.reason, /consumer\.apply\(QueuesAuthMiddleware\)/);
  });

  it('a middleware named like auth that lets a request without its cookie through is no guard', () => {
    for (const id of ['GET /pages/home', 'POST /pages/feedback']) {
      assert.equal(byId(id).guardState, 'unguarded', byId(id).guardReason);
      assert.match(guard(id, 'SessionAuthMiddleware').reason, /not a guard: .*calls next\(\) \(line \d+\)|not a guard: .*lets requests through/);
    }
  });

  it('one named like auth whose code is not in the repository leaves the route unknown, not public', () => {
    const e: EntryPoint = byId('GET /partners/list');
    assert.equal(e.guardState, 'unknown', e.guardReason);
  });

  it('a middleware that is not about auth does not touch the state', () => {
    assert.ok(!all().some((e) => e.guards.some((g) => g.name === 'TemplateMiddleware' && g.kind !== 'other')));
  });

  it('a dashboard module mounted under an imported constant is one route at its value, judged by its middleware option', () => {
    const e = byId('ANY /admin/queues/*');
    assert.equal(e.dynamic, undefined);
    assert.equal(e.file, 'src/app.module.ts');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    const g = guard('ANY /admin/queues/*', 'QueuesAuthMiddleware');
    assert.match(g.reason, /middleware of BullBoardModule\.forRoot/);
    assert.equal(g.evidence?.how, '403');
  });

  it('a member of an imported object is evaluated too; no middleware leaves the dashboard unguarded', () => {
    const e = byId('ANY /admin/jobs/*');
    assert.equal(e.dynamic, undefined);
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });

  it('a constant from a package that is not in the repository stays dynamic with its name, and a middleware that lets anonymous requests through is no guard', () => {
    const e = all().find((x) => x.dynamic?.expression === 'PARTNER_BOARD_ROUTE/*');
    assert.ok(e, all().map((x) => `${x.id} ${x.dynamic?.expression ?? ''}`).join(', '));
    assert.equal(e.method, 'ANY');
    assert.notEqual(e.guardState, 'guarded', e.guardReason);
    assert.ok(e.guards.some((g) => g.name === 'SessionAuthMiddleware' && g.kind === 'other'));
  });
});

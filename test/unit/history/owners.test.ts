import * as assert from 'node:assert/strict';
import { analyzeHistory, whoToAsk } from '../../../src/core/history/index';
import type { HistoryReport, ModuleHistory } from '../../../src/core/history/index';
import { NOW } from './gitFixture';
import type { TestRepo } from './gitFixture';
import { MODULES, sharedScenario } from './scenario';

const weight = (daysAgo: number) => Math.pow(2, -daysAgo / 365);

describe('history: owners, churn, bus factor, people', function () {
  let repo: TestRepo;
  let report: HistoryReport;
  const mod = (id: string): ModuleHistory => {
    const m = report.modules.find((x) => x.id === id);
    assert.ok(m, `module ${id}`);
    return m;
  };

  before(async () => {
    repo = sharedScenario();
    report = await analyzeHistory(repo.dir, { trusted: true, modules: MODULES, now: NOW });
  });

  it('is available and complete', () => {
    assert.equal(report.available, true);
    assert.equal(report.partial, false);
    assert.equal(report.stats.commitsTotal, 10);
    assert.deepEqual(report.modules.map((m) => m.id), ['auth', 'billing', 'shared']);
  });

  it('weights owners by the current lines they wrote and how recent their work is', () => {
    const auth = mod('auth');
    // Alice keeps 90 of login.ts's lines (written 364 days ago) and all 30 of session.ts (300),
    // Bob wrote 20 lines 10 days ago; Carol's file is gone, so she is no owner.
    const alice = 90 * weight(364) + 30 * weight(300);
    const bob = 20 * weight(10);
    assert.deepEqual(auth.owners.map((o) => o.email), ['alice@example.com', 'bob@example.com']);
    assert.ok(Math.abs(auth.owners[0].share - alice / (alice + bob)) < 0.002, `alice share ${auth.owners[0].share}`);
    assert.ok(Math.abs(auth.owners[1].share - bob / (alice + bob)) < 0.002);
    assert.equal(auth.owners[0].lines, 120);
    assert.equal(auth.owners[1].lines, 20);
    assert.equal(auth.owners[0].name, 'Alice Archer');
  });

  it('keeps ownership across a rename', () => {
    const session = report.files.find((f) => f.path === 'auth/session.ts');
    assert.ok(session);
    assert.equal(session.owners[0].email, 'alice@example.com');
    assert.equal(session.owners[0].share, 1);
    assert.ok(!report.files.some((f) => f.path === 'auth/sess.ts' || f.path === 'auth/gone.ts'));
  });

  it('computes the bus factor and flags concentrated or abandoned knowledge', () => {
    const billing = mod('billing');
    assert.equal(billing.busFactor, 1);
    assert.equal(billing.flags.singleOwner, true);
    assert.equal(billing.flags.mainOwnerInactive, true, 'Carol last committed 250 days ago');
    assert.ok(Math.abs(billing.owners[0].share - 0.6) < 0.001);
    const shared = mod('shared');
    assert.equal(shared.busFactor, 2);
    assert.equal(shared.flags.singleOwner, false);
    assert.equal(shared.flags.mainOwnerInactive, false);
    assert.equal(mod('auth').flags.mainOwnerInactive, false, 'Alice committed 100 days ago');
  });

  it('counts churn per window, each commit once per module', () => {
    const auth = mod('auth');
    assert.equal(auth.churn, 2);
    assert.deepEqual(auth.churnWindows.map((c) => [c.days, c.commits]), [[90, 2], [365, 4]]);
    assert.equal(auth.churnWindows[0].lines, 30);
    assert.equal(mod('billing').churn, 0);
    assert.equal(auth.lastChange, new Date(NOW - 5 * 86_400_000).toISOString());
    assert.equal(mod('billing').ageDays, 400);
  });

  it('lists people with the modules they know and whether they are active', () => {
    const bob = report.people.find((p) => p.email === 'bob@example.com');
    const carol = report.people.find((p) => p.email === 'carol@example.com');
    assert.ok(bob && carol);
    assert.deepEqual(bob.modules.map((m) => m.id).sort(), ['auth', 'billing', 'shared']);
    assert.equal(bob.active, true);
    assert.equal(carol.active, false);
    assert.deepEqual(carol.modules.map((m) => m.id), ['billing']);
    assert.equal(carol.commits, 2);
  });

  it('says whom to ask about open questions, active people first', () => {
    const asks = whoToAsk({ billing: [{ id: 'q1' }], shared: [{ id: 'n1' }, { id: 'n2' }], nowhere: [{ id: 'q9' }], auth: [] }, report.modules, report.people);
    assert.deepEqual(asks.map((a) => a.module), ['billing', 'nowhere', 'shared']);
    const billing = asks[0];
    assert.equal(billing.ask[0].email, 'bob@example.com', 'Bob is active, Carol is not');
    assert.equal(billing.ask[1].email, 'carol@example.com');
    assert.equal(billing.noActiveOwner, false);
    assert.deepEqual(asks[1].ask, []);
    assert.equal(asks[2].items.length, 2);
  });
});

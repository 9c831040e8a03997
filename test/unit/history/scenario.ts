import { ALICE, BOB, CAROL, TestRepo, lines } from './gitFixture';

export const MODULES: Record<string, string> = {
  'auth/login.ts': 'auth',
  'auth/session.ts': 'auth',
  'billing/charge.ts': 'billing',
  'billing/refund.ts': 'billing',
  'shared/util.ts': 'shared',
  'shared/fmt.ts': 'shared',
};

/**
 * The scripted history most tests read (days before NOW):
 * - auth/login.ts: Alice writes 100 lines (364); Bob replaces the first 10 with 20 (10).
 * - auth/sess.ts: Alice writes 30 lines (300); Bob renames it to auth/session.ts (5).
 * - auth/gone.ts: Carol writes it (250); Alice deletes it (100).
 * - billing: Carol writes charge.ts, 60 lines, Bob refund.ts, 40 lines (400).
 * - shared: Alice util.ts and Bob fmt.ts, 20 lines each (30).
 */
let shared: TestRepo | undefined;

/**
 * The scenario is built once per test process and shared by the test files that only read it
 * (building repositories is what costs time); it is removed when the process exits.
 */
export function sharedScenario(): TestRepo {
  if (!shared) {
    const repo = buildScenario();
    shared = repo;
    process.once('exit', () => repo.remove());
  }
  return shared;
}

export function buildScenario(): TestRepo {
  const repo = new TestRepo();
  repo.commit(CAROL, 400, { 'billing/charge.ts': lines('carol charge', 60) }, 'billing: charge');
  repo.commit(BOB, 400, { 'billing/refund.ts': lines('bob refund', 40) }, 'billing: refund');
  repo.commit(ALICE, 364, { 'auth/login.ts': lines('alice login', 100) }, 'auth: login');
  repo.commit(ALICE, 300, { 'auth/sess.ts': lines('alice session', 30) }, 'auth: sessions');
  repo.commit(CAROL, 250, { 'auth/gone.ts': lines('carol gone', 10) }, 'auth: experiment');
  repo.commit(ALICE, 100, { 'auth/gone.ts': null }, 'auth: drop experiment');
  repo.commit(ALICE, 30, { 'shared/util.ts': lines('alice util', 20) }, 'shared: util');
  repo.commit(BOB, 30, { 'shared/fmt.ts': lines('bob fmt', 20) }, 'shared: fmt');
  repo.commit(BOB, 10, { 'auth/login.ts': lines('bob login', 20) + lines('alice login', 90, 11) }, 'auth: rate limit login');
  repo.git(['mv', 'auth/sess.ts', 'auth/session.ts']);
  repo.commit(BOB, 5, {}, 'auth: rename sessions');
  return repo;
}

// FastAPI dependencies that are objects FastAPI calls through `__call__` (fastapiInstanceDeps.ts):
// a module-level instance a factory of ours built (`_OrdersRead = Checker(allowed={User})`, the
// factory returning a subclass whose `__call__` hands on to its base's), a class called in place
// (`Depends(RoleChecker("admin"))`), a factory's inner function typed with a guard alias
// (`subject: WebUserSession`); an instance built with the member that skips the refusal
// (`allowed={User, Anonymous}`) lets anonymous callers through; a class whose `__call__` refuses
// nobody is no guard, whatever words its arguments hold. Modules holding only aliases or such
// classes name no route word and are read all the same. Fixture: test/fixtures/routes/fastapi-instance-deps.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/fastapi-instance-deps');

describe('python routes: FastAPI dependencies that are instances of our classes', () => {
  let got: EntryPoint[] = [];
  const state = (id: string): string | undefined => got.find((e) => e.id === id)?.guardState;
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards routes whose dependency is an instance whose __call__ (or its base class) refuses', () => {
    for (const id of ['GET /v1/orders', 'POST /v1/orders', 'GET /v1/coupons', 'DELETE /v1/coupons/:id']) assert.equal(state(id), 'guarded', id);
  });

  it('follows a factory whose inner dependency is typed with a guard alias', () => {
    assert.equal(state('GET /v1/coupons/stats'), 'guarded');
  });

  it('reads an instance built with the member that skips its refusal as optional, and what depends on it', () => {
    assert.equal(state('POST /v1/orders/:secret/confirm'), 'optional');
    assert.equal(state('GET /v1/coupons/featured'), 'optional');
  });

  it('keeps a class dependency whose __call__ refuses nobody no guard, whatever words its arguments hold', () => {
    assert.equal(state('GET /v1/orders/sorted'), 'unguarded');
  });
});

// Koa patterns of a service whose sign-in providers are plugins (test/fixtures/routes/koa-providers):
// a provider's route names come from the plugin's JSON file (`router.get(config.id, …)`), the
// registry is read through a static getter (`Providers.all`), the routers are mounted inside
// `void (async () => { for (…) router.use('/', (await p.router).routes()) })()`, koa-passport's
// initialize() refuses nobody, a decoder's refusal inside `try { … } catch { }` refuses nobody,
// and a function written at `router.use([paths], fn)` that does not
// always call next() answers those paths for every method.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/koa-providers');

describe('routes: Koa sign-in provider plugins, JSON route names and path-scoped handlers', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  it('finds every route with its full path', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ['ANY /auth/fonts/*', 'ANY /auth/images/*', 'ANY /auth/old/:id', 'GET /auth/google', 'GET /auth/google.callback']);
    for (const e of got) assert.equal(e.dynamic, undefined, e.id);
  });
  it('judges koa-passport initialize() as setup, not an unknown guard', () => {
    for (const e of got.filter((x) => !x.id.includes('google'))) assert.equal(e.guardState, 'unguarded', `${e.id}: ${e.guardReason}`);
  });
  it('a token decoder called in a try whose catch swallows the error refuses nobody; one whose catch answers 401 does', () => {
    const start = got.find((e) => e.id === 'GET /auth/google');
    assert.equal(start?.guardState, 'optional', start?.guardReason);
    const callback = got.find((e) => e.id === 'GET /auth/google.callback');
    assert.equal(callback?.guardState, 'guarded', callback?.guardReason);
  });
});

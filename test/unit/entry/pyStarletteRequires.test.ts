// Starlette's `@requires("authenticated")` / `@requires([...], redirect="login_page")` on FastAPI views
// (starlette.authentication): a guard known by where it comes from, not by its name; a decorator of the
// service's own called `requires` is not it. Fixture: test/fixtures/routes/fastapi-starlette-requires.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/fastapi-starlette-requires');

describe('python routes: Starlette @requires on FastAPI views', () => {
  let got: EntryPoint[] = [];
  const stateOf = (id: string): string | undefined => got.find((e) => e.id === id)?.guardState;
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards the views @requires names scopes for, with or without a redirect', () => {
    for (const id of ['GET /api/search', 'POST /api/chat', 'GET /settings']) assert.equal(stateOf(id), 'guarded', id);
  });

  it('leaves the rest, and a decorator of the service\'s own named requires, alone', () => {
    for (const id of ['GET /api/health', 'GET /login', 'GET /beta']) assert.equal(stateOf(id), 'unguarded', id);
  });
});

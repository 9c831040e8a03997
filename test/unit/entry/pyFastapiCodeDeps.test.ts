// FastAPI dependencies whose names say nothing of auth (`Depends(dep1)`) are judged by their code,
// not dropped for their name: guarded when it refuses (the service's own AuthError, an
// HTTPException with a status constant, a helper handed 401, `raise unauthorized()`), unknown when
// it reads a credential and raises an exception not read as a refusal, and no guard when it does
// neither (`Depends(get_db)`). Fixture: test/fixtures/routes/fastapi-code-deps.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/fastapi-code-deps');

describe('python routes: FastAPI dependencies judged by their code', () => {
  let got: EntryPoint[] = [];
  const entry = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards routes whose dependency refuses, whatever its name', () => {
    for (const id of ['GET /api/f1', 'GET /api/f2', 'GET /api/f3', 'GET /api/f4', 'GET /api/f5']) assert.equal(entry(id)?.guardState, 'guarded', id);
  });

  it('leaves unknown a dependency that reads a credential and raises what is not read as a refusal', () => {
    assert.equal(entry('GET /api/f6')?.guardState, 'unknown');
    assert.match(entry('GET /api/f6')?.guardReason ?? '', /raises NotFound/);
  });

  it('keeps a dependency that neither refuses nor reads a credential no guard', () => {
    assert.equal(entry('GET /api/items')?.guardState, 'unguarded');
    assert.equal(entry('GET /api/open')?.guardState, 'unguarded');
  });
});

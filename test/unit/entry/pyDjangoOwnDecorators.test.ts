// Django function views behind decorators of the service's own whose names say nothing of auth
// (`@d1`, `@d2`): their wrappers answer 401/403, so the views are not known open — unknown, with the
// line of the refusal, never "none refuses"; so is an AllowAny DRF view whose handler calls a helper
// of ours that looks at the caller and raises PermissionDenied. A view with no decorator stays open.
// Fixture: test/fixtures/routes/django-own-decorators.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/django-own-decorators');

describe("python routes: Django views behind the service's own decorators", () => {
  let got: EntryPoint[] = [];
  const entry = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('leaves unknown a view whose decorator wraps it in code that refuses', () => {
    assert.equal(entry('ANY /api/v1')?.guardState, 'unknown');
    assert.match(entry('ANY /api/v1')?.guardReason ?? '', /@d1 on v1.*core\/auth\.py:13/);
    assert.equal(entry('ANY /api/v2')?.guardState, 'unknown');
  });

  it('leaves unknown an AllowAny view that calls a helper of ours refusing a caller it looked at', () => {
    assert.equal(entry('GET /api/p/:pk')?.guardState, 'unknown');
    assert.match(entry('GET /api/p/:pk')?.guardReason ?? '', /get_and_check_project.*core\/auth\.py:41/);
  });

  it('keeps an undecorated view open', () => {
    assert.equal(entry('ANY /api/v3')?.guardState, 'unguarded');
  });
});

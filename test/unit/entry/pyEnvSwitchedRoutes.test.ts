// Flask routes defined inside a module-level `if` over settings read from the environment
// (KitchenOwl's `if OPEN_REGISTRATION and not DISABLE_USERNAME_PASSWORD_LOGIN:` around signup): a
// test that is false with every variable unset registers nothing; a test with any part we cannot
// read, or a name bound twice, keeps its routes. Fixture: test/fixtures/routes/flask-env-switched.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-env-switched');

describe('python routes: switched on or off by environment settings at their defaults', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  const cases: [id: string, kept: boolean, why: string][] = [
    ['POST /login', true, 'not DISABLE_LOGIN: os.getenv(…, "False").lower() == "true" is false, imported from config'],
    ['POST /signup', false, 'OPEN_REGISTRATION and …: false by default'],
    ['GET /oidc', false, 'FRONT_URL and len(…) > 0: os.getenv without a default is None'],
    ['GET /docs', true, 'SHOW_DOCS: a non-empty default string'],
    ['GET /twice', true, 'TWICE is bound twice in its module: not decided'],
    ['GET /local', true, "a module's own flag, os.environ.get(…, \"true\") == \"true\""],
    ['GET /debug', false, "a module's own flag, false by default"],
    ['GET /maybe', true, 'an `or` with a call we do not decide'],
    ['GET /otherwise', true, 'the else branch is not decided'],
  ];
  for (const [id, kept, why] of cases) {
    it(`${id} ${kept ? 'is listed' : 'is not registered'} (${why})`, () => {
      assert.equal(!!got.find((e) => e.id === id), kept, got.map((e) => e.id).join(', '));
    });
  }
});

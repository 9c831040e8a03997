// The runtime's mode in one rule (src/core/entry/runtimeMode.ts): a deployed process runs with
// NODE_ENV=production, so an arm only development takes registers nothing a deployment serves —
// for the syntax readers (devOnly, NestJS bootstrap: nestBootstrap.test.ts) and the interpreter
// alike (test/fixtures/routes/express-runtime-mode); NODE_ENV is never "unset by default".
import * as assert from 'node:assert/strict';
import type { Cond, Expr } from '../../../src/core/entry/facts/types';
import { devOnlyArm, devOnlyArmText, isRuntimeVar } from '../../../src/core/entry/runtimeMode';
import { httpRoutesOf } from './httpRoutes';

const MODE: Expr = ['m', ['m', ['id', 'process'], 'env'], 'NODE_ENV'];
const MODE_IX: Expr = ['ix', ['m', ['id', 'process'], 'env'], ['s', 'NODE_ENV']];
const OTHER: Expr = ['m', ['m', ['id', 'process'], 'env'], 'APP_MODE'];
const eq = (op: '===' | '!==' | '==' | '!=', a: Expr, b: Expr): Cond => ['eq', op, ['v', a], ['v', b]];

describe('runtime mode: NODE_ENV as a deployment runs it', () => {
  const cases: [string, Cond, boolean, boolean][] = [
    ["=== 'development', then", eq('===', MODE, ['s', 'development']), true, true],
    ["=== 'development', else", eq('===', MODE, ['s', 'development']), false, false],
    ["!== 'production', then", eq('!==', MODE, ['s', 'production']), true, true],
    ["!= 'production', else", eq('!=', MODE, ['s', 'production']), false, false],
    ["'production' === [NODE_ENV], else", eq('===', ['s', 'production'], MODE_IX), false, true],
    ["=== 'production', then", eq('===', MODE, ['s', 'production']), true, false],
    ["!== 'development', then (production and test)", eq('!==', MODE, ['s', 'development']), true, false],
    ["=== 'staging', then (not a mode we name)", eq('===', MODE, ['s', 'staging']), true, false],
    ["another variable === 'development'", eq('===', OTHER, ['s', 'development']), true, false],
  ];
  for (const [name, cond, holds, dev] of cases) {
    it(`devOnlyArm: ${name} → ${dev ? 'development only' : 'may run deployed'}`, () => assert.equal(devOnlyArm(cond, holds), dev));
  }

  const texts: [string, boolean, boolean][] = [
    ["(process.env.NODE_ENV === 'development')", true, true],
    ["process.env.NODE_ENV == 'production'", false, true],
    ["process.env.NODE_ENV == 'production'", true, false],
    ["process.env.APP_ENV === 'development'", true, false],
  ];
  for (const [text, inThen, dev] of texts) {
    it(`devOnlyArmText: ${text} (${inThen ? 'then' : 'else'}) → ${dev}`, () => assert.equal(devOnlyArmText(text, inThen), dev));
  }

  it('NODE_ENV is the runtime’s, other variables the operator’s', () => {
    assert.equal(isRuntimeVar('NODE_ENV'), true);
    assert.equal(isRuntimeVar('BASE_PATH'), false);
  });

  describe('the interpreter leaves development-only registrations out (express-runtime-mode)', () => {
    const { all } = httpRoutesOf('express-runtime-mode');
    it('keeps what production serves, drops what only development registers', () => {
      assert.deepEqual(all().map((e) => e.id).sort(), ['GET /admin', 'GET /metrics', 'GET /robots.txt', 'GET /status']);
    });
  });
});

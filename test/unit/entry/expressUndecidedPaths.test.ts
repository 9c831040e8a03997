// Paths picked by a test we cannot decide (test/fixtures/routes/express-undecided-paths): the
// route's path is `dynamic`, with the expression that picks it (both arms and the test), never
// the first arm as a guess, nor the fallback of `a || b` whose `a` we cannot read. An environment
// variable is no such test: a fresh install leaves it unset.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: paths picked by an undecided test', () => {
  const { all } = httpRoutesOf('express-undecided-paths');
  const dynamicAt = (line: number): string => {
    const e = all().find((x) => x.line === line);
    assert.ok(e, `no route at line ${line}; found ${all().map((x) => `${x.id}@${x.line}`).join(', ')}`);
    assert.ok(e.dynamic, `route at line ${line} is ${e.id}, not dynamic`);
    return e.dynamic.expression;
  };

  it('keeps a ternary on a setting dynamic, with its test and both arms', () => {
    const text = dynamicAt(10);
    assert.match(text, /settings\.files === "\/"/);
    assert.match(text, /"\/:id"/);
    assert.match(text, /\$\{settings\.files\}\/:id/);
  });

  // An environment variable is unset in a fresh install (settingDefaults.ts): its test is decided
  // there, and the path is the one a fresh install answers at, naming the variable.
  it('takes the arm a choice on an unset environment variable gives, naming the variable', () => {
    const e = all().find((x) => x.line === 14);
    assert.equal(e?.id, 'GET /v1/items');
    assert.match(e?.pathDependsOn ?? '', /API_V2: environment variable, unset by default/);
  });

  it('keeps a path from a helper of several undecided returns dynamic', () => {
    assert.match(dynamicAt(21), /prefixFor/);
  });

  it('takes the fallback of an unset environment variable, naming the variable', () => {
    const e = all().find((x) => x.line === 24);
    assert.equal(e?.id, 'GET /health');
    assert.match(e?.pathDependsOn ?? '', /HEALTH_PATH: environment variable, unset by default/);
  });

  it('keeps a fallback on a setting we cannot read dynamic, alone or joined into a template', () => {
    assert.match(dynamicAt(27), /settings\.status \|\| "\/status"/);
    const joined = dynamicAt(29);
    assert.match(joined, /settings\.api \|\| "\/api"/);
    assert.match(joined, /\/users/);
  });

  it('keeps a route whose path falls back from data parsed at run time, dynamic', () => {
    assert.match(dynamicAt(33), /fileSettings\.ready \|\| "\/ready"/);
  });

  it('keeps a fallback on the empty arm of an undecided ternary dynamic', () => {
    assert.match(dynamicAt(37), /mount \|\| "\/home"/);
  });

  it('guesses no arm as a path', () => {
    const ids = all().map((e) => e.id);
    for (const guess of ['GET /:id', 'GET /v2/items', 'GET /old/orders', 'GET /new/orders', 'GET /status', 'GET /api/users', 'GET /ready', 'GET /home']) assert.ok(!ids.includes(guess), ids.join(', '));
  });
});

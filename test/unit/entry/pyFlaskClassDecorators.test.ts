// A decorator written as a class of the service's own (privacyIDEA's `@prepolicy(function, request)`,
// `@postpolicy(…)`): judged by its `__call__`'s wrapper and the function handed to it where it is used,
// not by its name ("policy" once made every such route guarded). A handed function that raises a
// refusal (before or after the view), or is not read, leaves the route unknown; a handed function that
// refuses nobody makes the decorator no guard.
// Fixture: test/fixtures/routes/flask-class-decorators.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { decoratorArgument } from '../../../src/core/entry/python/classDecorators';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-class-decorators');

describe('python routes: Flask decorators written as classes', () => {
  let got: EntryPoint[] = [];
  const stateOf = (id: string): string | undefined => got.find((e) => e.id === id)?.guardState;
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('is no guard when the handed functions refuse nobody, whatever the class is called', () => {
    assert.equal(stateOf('POST /token/check'), 'unguarded');
  });

  it('says unknown where the handed function raises a refusal before the view (whom it refuses is not read)', () => {
    assert.equal(stateOf('POST /token/admin'), 'unknown');
    assert.match(got.find((e) => e.id === 'POST /token/admin')!.guardReason ?? '', /admin_policy/);
  });

  it('says unknown when the refusing function runs after the view', () => {
    assert.equal(stateOf('GET /token/mine'), 'unknown');
  });

  it('says unknown when the handed function is not read', () => {
    assert.equal(stateOf('GET /token/dynamic'), 'unknown');
  });
});

describe('python: the argument a class decorator was handed', () => {
  const table: [string, number, string, string | undefined][] = [
    ['prepolicy(check_admin, request)', 0, 'function', 'check_admin'],
    ['prepolicy(request=request, function=check_admin)', 0, 'function', 'check_admin'],
    ['prepolicy(mangle, request=request)', 1, 'request', 'request'],
    ['prepolicy(mangle)', 1, 'request', undefined],
    ['prepolicy(f(a, b), request)', 1, 'request', 'request'],
    ['prepolicy("a,b", request)', 1, 'request', 'request'],
    ['prepolicy', 0, 'function', undefined],
  ];
  for (const [text, index, name, want] of table) it(`${text} → ${want}`, () => assert.equal(decoratorArgument(text, index, name), want));
});

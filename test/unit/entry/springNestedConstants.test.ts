// A path or a Security rule naming a nested or fully qualified constant (`Constants.Auth.LOGIN`,
// `com.acme.common.Constants.API`) is read from the class it names: not from a top-level class
// named like the nested one (`Auth.java`), not from a namesake in another package, not from the
// controller's own constant of that name (test/fixtures/routes/spring-nested-constants). A qualified
// class the code does not hold leaves the path dynamic.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { splitConstRef, topLevelOf, typeCandidates } from '../../../src/core/entry/javaConstantExprs';
import { classRanges, scopedConstants, withQualifiedConstants } from '../../../src/core/entry/javaConstantScopes';
import { concatPattern, JAVA_CONST, withRuleCandidates } from '../../../src/core/entry/springRuleConstants';
import { constantsOf, patternsIn } from '../../../src/core/entry/springRuleSources';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-nested-constants');

describe('routes: nested and qualified Java constants (test/fixtures/routes/spring-nested-constants)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  const cases: [handler: string, id: string, state: string][] = [
    ['QualifiedController.list', 'GET /api/q/list', 'unguarded'],
    ['NestedController.login', 'POST /auth/login', 'unguarded'],
    ['AdminController.users', 'GET /api/admin/users', 'guarded'],
    ['OwnNamesakeController.theirs', 'GET /api/theirs', 'guarded'],
    ['OwnNamesakeController.own', 'GET /mine/own', 'guarded'],
    ['LocalNestedController.local', 'GET /local', 'guarded'],
    ['LocalNestedController.again', 'GET /local/again', 'guarded'],
  ];
  for (const [handler, id, state] of cases) {
    it(`${handler} → ${id} (${state})`, () => {
      const e = got.find((x) => x.handler === handler);
      assert.ok(e, `route missing: ${got.map((x) => `${x.id} ${x.handler}`).join(', ')}`);
      assert.equal(e.id, id);
      assert.equal(e.dynamic, undefined);
      assert.equal(e.guardState, state, e.guardReason);
    });
  }
  it('a qualified class the code does not hold stays dynamic, never a namesake\'s value', () => {
    const e = got.find((x) => x.handler === 'MissingController.x');
    assert.ok(e);
    assert.ok(e.dynamic, e.id);
    assert.ok(!got.some((x) => /wrong/.test(x.id)), got.map((x) => x.id).join(', '));
  });
});

describe('javaConstantScopes: each class of a file holds its own constants', () => {
  const text = [
    'package a.b;',
    'public class Constants {',
    '  public static final String API = "/api"; // a { in a comment',
    '  static final String BRACE = "}{";',
    '  public static final class Auth {',
    '    public static final String API = "/auth";',
    '    public static final String LOGIN = API + "/login";',
    '    static final String UP = Constants.API + "/up";',
    '  }',
    '  interface Admin { String BASE = API + "/admin"; }',
    '  public static final String ALL = Auth.LOGIN + "/all";',
    '}',
  ].join('\n');
  it('classRanges names nested classes by their dotted name', () => assert.deepEqual(classRanges(text).map((r) => r.name), ['Constants', 'Constants.Auth', 'Constants.Admin']));
  const scopes = scopedConstants(text);
  const cases: [scope: string, name: string, want: string | undefined][] = [
    ['Constants', 'API', '/api'],
    ['Constants.Auth', 'API', '/auth'],
    ['Constants.Auth', 'LOGIN', '/auth/login'],
    ['Constants.Auth', 'UP', '/api/up'],
    ['Constants.Admin', 'BASE', '/api/admin'],
    ['Constants', 'ALL', '/auth/login/all'],
    ['Constants', 'LOGIN', undefined],
  ];
  for (const [scope, name, want] of cases) it(`${scope}.${name} → ${want}`, () => assert.equal(scopes.get(scope)?.get(name), want));
  it('qualified keys: a name two classes give different values is left out', () => {
    const q = withQualifiedConstants(text, new Map<string, string>(), (v) => v);
    assert.equal(q.get('Constants.Auth.API'), '/auth');
    assert.equal(q.get('Auth.API'), '/auth');
    assert.equal(q.get('Constants.API'), '/api');
    assert.equal(q.get('Admin.BASE'), '/api/admin');
    const two = withQualifiedConstants('class A { static class In { static final String X = "/a"; } } class B { static class In { static final String X = "/b"; } }', new Map<string, string>(), (v) => v);
    assert.equal(two.get('A.In.X'), '/a');
    assert.equal(two.get('B.In.X'), '/b');
    assert.equal(two.has('In.X'), false);
  });
  it('a class of the file is not looked up in another file', () => {
    const s = scopedConstants('class C { static class Auth {} static final String X = Auth.LOGIN + "/x"; }', () => '/foreign');
    assert.equal(s.get('C')?.get('X'), undefined);
  });
});

describe('javaConstantExprs: references with packages and nested classes', () => {
  const refs: [ref: string, want: ReturnType<typeof splitConstRef>][] = [
    ['Constants.API', { pkg: '', cls: 'Constants', name: 'API' }],
    ['Constants.Auth.LOGIN', { pkg: '', cls: 'Constants.Auth', name: 'LOGIN' }],
    ['com.x.Constants.Auth.LOGIN', { pkg: 'com.x', cls: 'Constants.Auth', name: 'LOGIN' }],
    ['config.path', undefined],
  ];
  for (const [ref, want] of refs) it(`splitConstRef ${ref}`, () => assert.deepEqual(splitConstRef(ref), want));
  it('topLevelOf', () => {
    assert.deepEqual(topLevelOf('com.x.Constants.Auth'), { qualified: 'com.x.Constants', simple: 'Constants' });
    assert.deepEqual(topLevelOf('Constants.Auth'), { simple: 'Constants' });
  });
  it('typeCandidates: a nested name by its top-level class, a qualified one alone', () => {
    const of = typeCandidates('package a.b;\nimport x.y.Constants;\n');
    assert.deepEqual(of('Constants.Auth'), ['x.y.Constants', 'a.b.Constants']);
    assert.deepEqual(of('p.q.Constants.Auth'), ['p.q.Constants']);
  });
});

describe('springRuleConstants: a rule\'s constant is its class\'s', () => {
  const text = 'package a.b;\nimport x.y.Constants;\nclass SecurityConfig {\n  static final String LOGIN = "/own";\n}\n';
  const consts = constantsOf(text);
  const cases: [piece: string, want: string | undefined][] = [
    ['SecurityConfig.LOGIN', undefined],
    ['LOGIN + "/x"', '/own/x'],
    ['SecurityConfig.LOGIN + "/x"', '/own/x'],
    ['Constants.Auth.LOGIN', `${JAVA_CONST}Constants.Auth.LOGIN${JAVA_CONST}`],
    ['Other.LOGIN + "/x"', `${JAVA_CONST}Other.LOGIN${JAVA_CONST}/x`],
    ['com.z.Paths.API', `${JAVA_CONST}com.z.Paths.API${JAVA_CONST}`],
  ];
  for (const [piece, want] of cases) it(`${piece} → ${JSON.stringify(want)}`, () => assert.equal(concatPattern(piece, consts), want));
  it('patternsIn reads the file\'s own LOGIN only when the file\'s class is named', () => {
    assert.deepEqual(patternsIn('SecurityConfig.LOGIN', consts), ['/own']);
    assert.deepEqual(patternsIn('Other.LOGIN', consts), [`${JAVA_CONST}Other.LOGIN${JAVA_CONST}`]);
  });
  it('withRuleCandidates tells each marked constant the classes its file may mean', () => {
    const [r] = withRuleCandidates([{ patterns: [`${JAVA_CONST}Constants.Auth.LOGIN${JAVA_CONST}/**`, '/open'] }], text);
    assert.deepEqual(r!.patterns, [`${JAVA_CONST}Constants.Auth.LOGIN\u0004x.y.Constants\u0004a.b.Constants${JAVA_CONST}/**`, '/open']);
  });
});

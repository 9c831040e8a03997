// A path held in another class's constant when several classes share that simple name (Nacos has
// three `Constants.java`): the one the controller's file means — its import, a static import, its
// own package — is read (test/fixtures/routes/spring-same-name-constants); none of them meant
// leaves the path dynamic, never another class's value. typeCandidates gives Java's order.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { typeCandidates } from '../../../src/core/entry/javaConstantExprs';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-same-name-constants');

describe('routes: another class\'s constant among classes of the same name (test/fixtures/routes/spring-same-name-constants)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  const cases: [handler: string, id: string][] = [
    ['McpController.list', 'GET /v3/console/ai/mcp/list'],
    ['ItemController.items', 'GET /web-base/items'],
    ['StatusController.status', 'GET /v3/api/status'],
  ];
  for (const [handler, id] of cases) {
    it(`${handler} → ${id}`, () => {
      const e = got.find((x) => x.handler === handler);
      assert.ok(e, `route missing: ${got.map((x) => `${x.id} ${x.handler}`).join(', ')}`);
      assert.equal(e.id, id);
      assert.equal(e.dynamic, undefined);
    });
  }
  it('a class none of whose namesakes is meant stays dynamic', () => {
    const e = got.find((x) => x.handler === 'StrayController.x');
    assert.ok(e);
    assert.ok(e.dynamic, e.id);
    assert.ok(!e.id.includes('/not/this/one') && !e.id.includes('/ai/mcp'), e.id);
  });
});

describe('typeCandidates: the classes a simple name may mean, in Java\'s order', () => {
  const text = [
    'package a.b;',
    'import x.y.Constants;',
    'import static p.q.Paths.API;',
    'import static p.q.Routes.*;',
    'import m.n.*;',
    'import m.n.Outer.*;',
  ].join('\n');
  const of = typeCandidates(text);
  const cases: [type: string, want: string[]][] = [
    ['Constants', ['x.y.Constants', 'a.b.Constants', 'm.n.Constants']],
    ['Paths', ['p.q.Paths', 'a.b.Paths', 'm.n.Paths']],
    ['Routes', ['p.q.Routes', 'a.b.Routes', 'm.n.Routes']],
    ['Other', ['a.b.Other', 'm.n.Other']],
  ];
  for (const [type, want] of cases) it(`${type} → ${want.join(', ')}`, () => assert.deepEqual(of(type), want));
  it('a file with no package: the simple name itself', () => assert.deepEqual(typeCandidates('class C {}')('K'), ['K']));
});

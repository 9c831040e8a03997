// Path variables with patterns: a plain constraint (`{id:[0-9]+}`) is a parameter like any other;
// a pattern that rules values out by lookahead is kept as written, and the route is a pattern
// (its `dynamic` expression), since `:path` would claim the paths it leaves to other routes.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { normalizeRoutePath } from '../../../src/core/entry/routePath';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-pathpattern');

describe('route paths: path variables with patterns', () => {
  const table: [string, string][] = [
    ['/files/{id:[0-9]+}', '/files/:id'],
    ['/x/{rest...}', '/x/:rest'],
    ['/lang:{lang:[a-z]{2}}/page/{page:[0-9]+}', '/lang::lang/page/:page'],
    ['/{post:[a-zA-Z0-9]{10}}', '/:post'],
    ['/{path:^(?!api$)[^\\.]*}/**', '/{path:^(?!api$)[^\\.]*}/**'],
    ['/a/{name:(?<!x)\\w+}/', '/a/{name:(?<!x)\\w+}'],
    // A path kept as its expression: a template literal's `${base}` is not a path variable.
    ['/{`${basePath}/auth/login`}/{id}', '/{`${basePath}/auth/login`}/:id'],
  ];
  for (const [raw, want] of table) it(`${raw} → ${want}`, () => assert.equal(normalizeRoutePath(raw), want));

  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  it('Spring: the excluding pattern is kept (Java string unescaped) and the route is a pattern; a plain constraint is a parameter', () => {
    const spa = got.find((e) => e.path.startsWith('/{path:'));
    assert.ok(spa, got.map((e) => e.id).join(', '));
    assert.equal(spa.id, 'ANY /{path:^(?!api$)(?!static$)[^\\.]*}/**');
    assert.equal(spa.dynamic?.expression, spa.path);
    const file = got.find((e) => e.id === 'GET /files/:id');
    assert.ok(file && !file.dynamic, got.map((e) => e.id).join(', '));
    assert.ok(got.some((e) => e.id === 'ANY /app' && !e.dynamic));
  });
  it('Spring: a mapping declaring a path with and without a trailing slash is two routes; a lone trailing slash is dropped', () => {
    const ids = got.map((e) => e.id);
    assert.ok(ids.includes('ANY /assets') && ids.includes('ANY /assets/'), ids.join(', '));
    assert.ok(ids.includes('GET /docs') && !ids.includes('GET /docs/'), ids.join(', '));
  });
});

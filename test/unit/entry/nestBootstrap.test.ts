// What a Nest application serves beside its controllers, set up in its bootstrap
// (test/fixtures/routes/nest-bootstrap/src/main.ts): `app.useStaticAssets` is a route for its
// prefix, `SwaggerModule.setup` the Swagger UI under its path plus the document at `path-json`
// and `path-yaml` (the fixture's @nestjs/swagger is 7), at a path held in an imported constant,
// or under the global prefix with `useGlobalPrefix: true`; none of them takes the global prefix
// otherwise, nor Nest's guards. On Fastify with @nestjs/swagger 5 (nest-bootstrap-fastify) the
// static files are GET routes and the documents no routes of their own (fastify-swagger serves
// them under the UI's prefix). A comment between a method's decorators does not hide the ones
// above it (the route decorator of `@Post() @UseInterceptors(…) // 1 MB` was lost).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { swaggerSixOrLater } from '../../../src/core/entry/nestAppMounts';
import { devOnly } from '../../../src/core/entry/runtimeMode';
import { createParser } from '../../../src/core/parse/languages';
import { entriesOf } from './sampleServices.test';

describe('nest: what the bootstrap serves beside the controllers', () => {
  const root = path.resolve(__dirname, '../../../../test/fixtures/routes/nest-bootstrap');
  let got: EntryPoint[] = [];
  before(async () => {
    got = await entriesOf(root);
  });
  const byId = (id: string) => {
    const e = got.find((x) => x.kind === 'http' && x.id === id);
    assert.ok(e, `${id} missing; found ${got.map((x) => x.id).join(', ')}`);
    return e;
  };

  it('useStaticAssets is one route for its prefix (every path without one), outside the global prefix and unguarded', () => {
    const root = byId('ANY /*');
    assert.deepEqual([root.file, root.line, root.guardState], ['src/main.ts', 11, 'unguarded']);
    assert.equal(byId('ANY /uploads/*').line, 12);
    assert.ok(!got.some((e) => e.id === 'ANY /api/uploads/*'));
  });

  it('SwaggerModule.setup at a constant path: the UI under it and the document as JSON and YAML beside it', () => {
    for (const id of ['ANY /docs/*', 'GET /docs-json', 'GET /docs-yaml']) {
      const e = byId(id);
      assert.equal(e.dynamic, undefined, id);
      assert.deepEqual([e.file, e.line, e.guardState], ['src/main.ts', 14, 'unguarded'], id);
    }
  });

  it('useGlobalPrefix puts a Swagger under the global prefix; jsonDocumentUrl moves its document; ui: false leaves the UI out', () => {
    byId('GET /api/reference/openapi.json');
    byId('GET /api/reference-yaml');
    assert.ok(!got.some((e) => /reference\/\*|reference-json/.test(e.id)), got.map((e) => e.id).join(', '));
  });

  it('a Swagger set up only when NODE_ENV is development is no route of a deployment', () => {
    assert.ok(!got.some((e) => e.kind === 'http' && e.id.includes('/dev-docs')), got.map((e) => e.id).join(', '));
  });

  const devRows: [code: string, dev: boolean][] = [
    ['if (process.env.NODE_ENV == "development") { setup(); }', true],
    ["if ('development' === process.env.NODE_ENV) setup();", true],
    ["if (process.env.NODE_ENV !== 'production') { setup(); }", true],
    ["if (process.env.NODE_ENV === 'production') { serve(); } else { setup(); }", true],
    ["if (process.env.NODE_ENV === 'production') { setup(); }", false],
    ["if (process.env.NODE_ENV == 'development') { serve(); } else { setup(); }", false],
    ["if (config.swagger) { setup(); }", false],
    ["if (process.env.NODE_ENV === 'development' || config.docs) { setup(); }", false],
    ['setup();', false],
  ];
  for (const [code, dev] of devRows) {
    it(`devOnly: ${code} ${dev ? 'runs only in development' : 'can run in production'}`, async () => {
      const tree = (await createParser('typescript')).parse(code)!;
      const call = tree.rootNode.descendantsOfType('call_expression').find((c) => c?.text === 'setup()')!;
      assert.equal(devOnly(call), dev);
    });
  }

  it('@nestjs/swagger 6 or later, by the range package.json asks for; one we cannot read is taken as today\'s', () => {
    assert.equal(swaggerSixOrLater('^3.1.0'), false);
    assert.equal(swaggerSixOrLater('~5.2.1'), false);
    assert.equal(swaggerSixOrLater('^7.1.0'), true);
    assert.equal(swaggerSixOrLater('>=6.0.0'), true);
    assert.equal(swaggerSixOrLater('latest'), true);
    assert.equal(swaggerSixOrLater(undefined), true);
  });

  it('a comment between a method\'s decorators hides none of them: route, guards and GraphQL operations are read', () => {
    const upload = byId('POST /api/files');
    assert.equal(upload.line, 7);
    assert.deepEqual(upload.guards.map((g) => g.name), ["AuthGuard('jwt')"]);
    assert.deepEqual(byId('GET /api/files/:id').guards.map((g) => g.name), ["AuthGuard('jwt')"]);
    assert.equal(byId('GET /api/files').guards.length, 0);
    assert.ok(got.some((e) => e.kind === 'graphql' && e.handler === 'FilesResolver.files'), got.map((e) => `${e.kind} ${e.handler}`).join(', '));
  });
});

describe('nest: a Fastify bootstrap with @nestjs/swagger 5', () => {
  const root = path.resolve(__dirname, '../../../../test/fixtures/routes/nest-bootstrap-fastify');
  let ids: string[] = [];
  before(async () => {
    ids = (await entriesOf(root)).filter((e) => e.kind === 'http').map((e) => e.id);
  });

  it('useStaticAssets({ root, prefix }) is a GET route for its prefix; the Swagger UI one for its path, its documents none', () => {
    assert.deepEqual([...ids].sort(), ['ANY /docs/*', 'GET /ping', 'GET /public/*']);
  });
});

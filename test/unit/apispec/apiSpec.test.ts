// The API description check: an OpenAPI 3 YAML (test/fixtures/openapi) beside the auth-service
// fixture, compared with the routes the real analyser finds; Swagger 2 JSON read with its base
// path and lines; path parameters of every framework's spelling compare equal.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { checkApiSpec } from '../../../src/core/apispec/checkRepo';
import { compareSpec, normalizePath } from '../../../src/core/apispec/compareSpec';
import { looksLikeSpec, readSpec } from '../../../src/core/apispec/readSpec';
import type { ApiSpecCheck } from '../../../src/core/apispec/types';
import type { EntryPoint } from '../../../src/core/entry/types';
import { newDive } from '../../../src/core/dive/ops';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import { tempRoot } from '../dive/helpers';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function route(method: string, p: string, extra: Partial<EntryPoint> = {}): EntryPoint {
  return { id: `${method} ${p}`, kind: 'http', method, path: p, handler: 'h', file: 'src/app.ts', line: 1, guards: [], ...extra };
}

describe('API description check: OpenAPI 3 beside the auth service', function () {
  this.timeout(120_000);
  let root: string;
  before(() => {
    root = tempRoot('deepdive-apispec-');
    fs.cpSync(path.join(FIXTURES, 'auth-service-ts'), root, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'openapi/openapi.yaml'), path.join(root, 'openapi.yaml'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('deepdive routes --json: undocumented routes, documented operations not found, method mismatches', async () => {
    const r = await run(['routes', '--root', root, '--json']);
    assert.equal(r.code ?? 0, 0, r.err);
    const c = (JSON.parse(r.out) as { apiSpec: ApiSpecCheck }).apiSpec;
    assert.deepEqual(c.documents, [{ file: 'openapi.yaml', version: 'openapi 3.0.3', title: 'Auth service', basePath: '/api', operations: 13 }]);
    assert.deepEqual(c.undocumented.map((u) => u.id).sort(), ['DELETE /api/admin/users/:id', 'GET /api/users/:id/sessions', 'POST /api/admin/users/:id/sessions/revoke', 'POST /api/password-reset/confirm']);
    assert.deepEqual(c.notFound.map((o) => [o.method, o.path, o.line]), [['GET', '/api/users/{id}/avatar', 39]]);
    assert.equal(c.methodMismatches.length, 1);
    assert.deepEqual([c.methodMismatches[0].path, c.methodMismatches[0].documented, c.methodMismatches[0].found], ['/api/users/{id}', ['PUT'], ['PATCH']]);
    assert.equal(c.methodMismatches[0].routes[0].file, 'src/routes/users.ts');
    assert.equal(c.matched, 11, '/health matches without the server prefix; the rest with it');
  });

  it('deepdive routes (text) says the same after the routes', async () => {
    const r = await run(['routes', '--root', root]);
    assert.match(r.out, /\n\nAPI description: openapi\.yaml \(openapi 3\.0\.3, 13 operations, base \/api\) — 11 documented operations found in the code, 4 routes undocumented, 1 documented operations not found, 1 method mismatches\n/);
    assert.match(r.out, /\n {4}GET \/api\/users\/\{id\}\/avatar {2}openapi\.yaml:39\n/);
    assert.match(r.out, /\n {4}\/api\/users\/\{id\}: PUT → PATCH {2}src\/routes\/users\.ts:23/);
  });

  it('the report shows it: a line in the summary\'s limits, the tables in the appendix, the data in the JSON', async () => {
    const dive = newDive({ title: 'API', include: ['src/**'], now: new Date('2025-01-01T00:00:00Z') });
    const data = await buildReport(root, dive, { trusted: false, noCache: true, now: new Date('2025-01-10T00:00:00Z') });
    assert.equal(data.apiSpec?.undocumented.length, 4);
    const md = await renderReport(data, 'md');
    assert.match(md, /- API description \\\(openapi\.yaml\\\): 4 routes in the code it does not describe, 1 documented operation not found in the code, 1 path served with other methods than documented\./);
    assert.match(md, /### API description vs\. code[\s\S]*\*\*Undocumented routes\*\*[\s\S]*`POST \/api\/password-reset\/confirm`[\s\S]*\*\*Method mismatches\*\*\n\n\| path \| documented \| in the code \| where \|\n\| --- \| --- \| --- \| --- \|\n\| `\/api\/users\/\{id\}` \| PUT \| PATCH \| `src\/routes\/users\.ts:23` \|/);
    const html = await renderReport(data, 'html');
    assert.match(html, /<h3>API description vs\. code<\/h3>/);
  });

  it('a repository without a description has no apiSpec field and no section', async () => {
    const r = await run(['routes', '--root', path.join(FIXTURES, 'auth-service-ts'), '--json']);
    assert.equal('apiSpec' in JSON.parse(r.out), false);
    assert.equal(checkApiSpec(path.join(FIXTURES, 'auth-service-ts'), []), undefined);
  });
});

describe('API description check: reading and comparing', () => {
  it('reads Swagger 2 JSON with its basePath and the line of each operation', () => {
    const text = JSON.stringify({ swagger: '2.0', info: { title: 'Pets' }, basePath: '/v2/', paths: { '/pets': { get: { operationId: 'list' }, post: {} }, '/pets/{petId}': { parameters: [], delete: {} } } }, null, 2);
    const r = readSpec('docs/swagger.json', text);
    assert.deepEqual(r.document, { file: 'docs/swagger.json', version: 'swagger 2.0', title: 'Pets', basePath: '/v2', operations: 3 });
    const lines = text.split('\n');
    assert.deepEqual(r.operations.map((o) => [o.method, o.path, lines[o.line! - 1].trim().slice(0, 8)]), [['GET', '/v2/pets', '"get": {'], ['POST', '/v2/pets', '"post": '], ['DELETE', '/v2/pets/{petId}', '"delete"']]);
    assert.equal(r.operations[0].operationId, 'list');
  });

  it('reads a JSON description without the YAML parser as the YAML parser reads it: lines, repeated keys, escapes, CRLF', () => {
    const ops = (x: object) => JSON.stringify(x, null, 2);
    const texts = [
      ops({ openapi: '3.0.1', servers: [{ url: 'https://api.example.com/v1/' }], paths: { '/a': { get: { operationId: 'a' }, parameters: [{ in: 'path' }], 'x-get': {} }, '/b "quoted" \\ {id}': { PUT: { operationId: 'b\n"c"' }, delete: 'not a mapping' }, 'not-a-path': { get: {} }, '/c': [] } }),
      // Repeated keys (the first "paths" is the one read; a repeated path lists both), CRLF, one line, unicode.
      '{"swagger": 2.0,\r\n "basePath": "/api/",\r\n "paths": {"/x": {"get": {"operationId": "one"}},\r\n  "/x": {"post": {"operationId": "two", "operationId": "three"}}, "/\u00e9t\u00e9": {"get": {}}},\r\n "paths": {"/ignored": {"get": {}}}}',
      '{"openapi": "3.1.0", "paths": {"/deep": {"get": {"responses": {"200": {"content": {"a": [1, {"b": "}"}]}}}, "operationId": "deep"}}}, "info": {"title": "T"}}',
    ];
    for (const text of texts) {
      const fast = readSpec('docs/api.json', text);
      assert.ok(fast.operations.length > 0, text.slice(0, 40));
      assert.deepEqual(fast, readSpec('docs/api.json', text, { parser: 'yaml' }));
    }
    const repeated = readSpec('docs/api.json', texts[1]);
    assert.deepEqual(repeated.operations.map((o) => [o.method, o.path, o.line, o.operationId]), [['GET', '/api/x', 3, 'one'], ['POST', '/api/x', 4, 'three'], ['GET', '/api/\u00e9t\u00e9', 4, undefined]]);
    // Not JSON after all: the YAML parser reads it (a flow mapping with a plain key).
    assert.equal(readSpec('docs/api.json', '{openapi: "3.0.0", paths: {/a: {get: {}}}}').operations.length, 1);
  });

  it('tells a description from other YAML and JSON, and says why one cannot be read', () => {
    assert.ok(looksLikeSpec('api/openapi.yml', 'openapi: "3.1.0"\ninfo: {}'));
    assert.ok(looksLikeSpec('spec.json', '{\n  "swagger": "2.0",'));
    assert.ok(!looksLikeSpec('docker-compose.yml', 'services:\n  api: {}'));
    assert.ok(!looksLikeSpec('package.json', '{"openapi": "3.0.0"}'));
    assert.match(readSpec('bad.yaml', 'openapi: 3.0.0\npaths: [unclosed').problem ?? '', /./);
  });

  it('compares paths whatever the parameter spelling, HEAD served by GET, ANY serving all, computed paths left out', () => {
    assert.equal(normalizePath('/users/{id}/'), '/users/{}');
    for (const p of ['/users/:userId', '/users/<int:id>', '/users/[id]', '/users/{user_id}']) assert.equal(normalizePath(p), '/users/{}', p);
    const c = compareSpec(
      [{ file: 'o.yaml', version: 'openapi 3.1.0', basePath: '', operations: 3 }],
      [
        { method: 'HEAD', path: '/files/{name}', file: 'o.yaml' },
        { method: 'POST', path: '/hooks', file: 'o.yaml' },
        { method: 'GET', path: '/a', file: 'o.yaml' },
      ],
      [route('GET', '/files/:name'), route('ANY', '/hooks'), route('GET', '/b'), route('GET', '/c', { dynamic: { expression: 'prefix + "/c"' } }), route('job', 'x', { kind: 'job' })],
    );
    assert.equal(c.matched, 2);
    assert.deepEqual(c.undocumented.map((u) => u.id), ['GET /b']);
    assert.deepEqual(c.notFound.map((o) => o.path), ['/a']);
    assert.equal(c.dynamic, 1);
  });
});

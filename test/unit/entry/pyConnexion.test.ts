// Connexion (test/fixtures/routes/connexion): routes from the OpenAPI documents `add_api` loads —
// a `specification_dir` computed from the package's folder (found under the package by its last
// part), OpenAPI 3 `servers` base path with variables at their defaults, a Swagger 2 document whose
// `basePath` the `base_path=` argument overrides, `x-openapi-router-controller`, a class's static
// method as the handler; security: the document's requirement, an operation's own (`[]` open,
// `- {}` optional, basic and OAuth2 info functions required), a scheme with no info function
// (unknown); an open operation whose handler has a decorator or a refusal in its body (unknown,
// not judged); a description PyYAML reads although a strict YAML parser refuses it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';
import { readSpec } from '../../../src/core/apispec/readSpec';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/connexion');
const PETS = 'svc/controllers/pets.py';

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/v1/pets', `${PETS}:4`, 'guarded', ['security: bearer']],
  ['POST', '/api/v1/pets', `${PETS}:8`, 'unguarded', []],
  ['GET', '/api/v1/pets/:pet_id', `${PETS}:13`, 'optional', []],
  ['DELETE', '/api/v1/pets/:pet_id', `${PETS}:17`, 'unknown', []],
  ['POST', '/api/v1/login', 'svc/controllers/auth.py:1', 'guarded', ['security: basic']],
  ['GET', '/admin/stats', 'svc/controllers/admin.py:3', 'guarded', ['security: oauth'], 'svc/controllers/admin.py Stats.get 3'],
  ['GET', '/admin/health', 'svc/controllers/admin.py:7', 'unguarded', []],
  ['GET', '/admin/reports', 'svc/controllers/admin.py:16', 'unknown', []],
  ['GET', '/admin/audit', 'svc/controllers/admin.py:20', 'unknown', []],
];

describe('python routes: Connexion OpenAPI documents and their security schemes (test/fixtures/routes/connexion)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'connexion' });
  it('names the info function Connexion runs before the handler', () => {
    const g = found().find((x) => x.id === 'GET /api/v1/pets')?.guards[0];
    assert.match(g?.reason ?? '', /document's security \(svc\/openapi\/api\.yaml:12\): bearer → x-bearerInfoFunc svc\.auth\.decode_token/);
    assert.equal(g?.evidence?.line, 59);
  });
  it('says which scheme leaves a route unknown', () => {
    assert.match(found().find((x) => x.id === 'DELETE /api/v1/pets/:pet_id')?.guardReason ?? '', /security scheme key .* names no x-\*InfoFunc/);
  });
  it('names the decorator and the check in the body of an open operation it did not judge', () => {
    assert.match(found().find((x) => x.id === 'GET /admin/reports')?.guardReason ?? '', /decorator @requires_admin \(svc\/controllers\/admin\.py:15\)/);
    assert.match(found().find((x) => x.id === 'GET /admin/audit')?.guardReason ?? '', /the check `return \{"error": "sign in"\}, 401` \(svc\/controllers\/admin\.py:22\)/);
  });
  it('points the handler at its def', () => {
    const e = found().find((x) => x.id === 'GET /admin/stats');
    assert.equal(e?.handler, 'Stats.get');
  });
  it('reads a document PyYAML accepts, as the API description too', () => {
    const text = fs.readFileSync(path.join(DIR, 'svc/openapi/api.yaml'), 'utf8');
    const r = readSpec('api.yaml', text);
    assert.equal(r.problem, undefined);
    assert.equal(r.operations.length, 5);
    assert.equal(r.operations.find((o) => o.operationId === 'login')?.line, 45);
  });
});

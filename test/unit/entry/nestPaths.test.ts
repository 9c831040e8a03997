// The paths of Nest routes whose controller or method path is not one string
// (test/fixtures/routes/nest-paths): an array declares the route at each of its paths; a name is
// evaluated (an imported constant, a member of an imported object); what cannot be read is
// `dynamic` with every part as written, never a path that leaves out the part it could not read
// (a constant controller prefix was taken for none: `GET /:id` for `/admin/:id`).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

describe('nest: route paths from arrays and constants', () => {
  const root = path.resolve(__dirname, '../../../../test/fixtures/routes/nest-paths');
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(root)).filter((e) => e.kind === 'http');
  });
  const at = (line: number) => got.filter((e) => e.file === 'src/controllers.ts' && e.line === line).map((e) => e.id).sort();

  it('an array of paths, on the method or the controller, is one route per path', () => {
    assert.deepEqual(at(7), ['GET /users/all', 'GET /users/list']);
    assert.deepEqual(at(20), ['GET /v1/things', 'GET /v2/things']);
  });

  it('a controller path held in an imported constant or object member is evaluated', () => {
    assert.deepEqual(at(28), ['GET /admin/:id']);
    assert.ok(got.every((e) => e.dynamic || !e.id.includes('{')));
  });

  it('what cannot be evaluated is dynamic with every part, the controller\'s too', () => {
    const daily = got.find((e) => e.line === 36);
    assert.equal(daily?.dynamic?.expression, 'reportsPath()/daily');
    const audit = got.find((e) => e.line === 12);
    assert.equal(audit?.dynamic?.expression, 'USERS_PATH/ROUTES.audit');
    assert.ok(!got.some((e) => e.id === 'GET /daily' || e.id === 'GET /:id'), got.map((e) => e.id).join(', '));
  });
});

// One small fixture per framework detector (test/fixtures/routes/<framework>/), with every route's
// method, full path, registration file and line, and the required auth guards in the table below.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { FRAMEWORK_TABLE } from './frameworkTable';

const ROUTES = path.resolve(__dirname, '../../../../test/fixtures/routes');

for (const fw of FRAMEWORK_TABLE) {
  describe(`routes: ${fw.framework} (test/fixtures/routes/${fw.dir})`, () => {
    let got: EntryPoint[] = [];
    before(async () => {
      got = (await entriesOf(path.join(ROUTES, fw.dir))).filter((e) => e.kind === 'http');
    });
    it('finds exactly the expected routes', () => {
      assert.deepEqual(got.map((e) => e.id).sort(), fw.routes.map(([m, p]) => `${m} ${p}`).sort());
    });
    for (const [method, p, file, line, guards] of fw.routes) {
      it(`${method} ${p}: ${file}:${line}, guards [${guards.join(', ')}]`, () => {
        const e = got.find((x) => x.id === `${method} ${p}`);
        assert.ok(e, 'route missing');
        assert.equal(`${e.file}:${e.line}`, `${file}:${line}`);
        const required = e.guards.filter((g) => g.kind !== 'other' && !g.optional).map((g) => g.name);
        assert.deepEqual(required.sort(), [...guards].sort());
        assert.equal(e.public, guards.length === 0);
        for (const g of e.guards) assert.ok(g.reason.length > 0 && g.line > 0, `guard ${g.name} carries its reason and place`);
      });
    }
  });
}

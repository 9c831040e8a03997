// The foundation's sample services against their ground truth (test/fixtures/expected/*.json):
// every route with its full path, registration line and auth guards, and nothing extra.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { normalizeRoutePath } from '../../../src/core/entry/routePath';
import type { EntryPoint } from '../../../src/core/entry/types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

interface ExpectedRoute {
  method: string;
  path: string;
  file: string;
  line: number;
  guards: string[];
  public: boolean;
}

export async function entriesOf(root: string): Promise<EntryPoint[]> {
  const map = await buildMap({ root, cache: false, workers: 0 });
  const result = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
  return result.entries;
}

for (const name of ['auth-service-ts', 'fastapi-py', 'gin-go', 'spring-java']) {
  describe(`entry points: sample service ${name}`, () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected', `${name}.json`), 'utf8')) as { routes: ExpectedRoute[] };
    let routes: EntryPoint[] = [];
    before(async () => {
      routes = (await entriesOf(path.join(FIXTURES, name))).filter((e) => e.kind === 'http');
    });

    it('finds exactly the expected routes (method and full path)', () => {
      const want = expected.routes.map((r) => `${r.method} ${normalizeRoutePath(r.path)}`).sort();
      assert.deepEqual(routes.map((r) => r.id).sort(), want);
    });

    for (const r of expected.routes) {
      it(`${r.method} ${r.path}: file, line, guards and public flag`, () => {
        const id = `${r.method} ${normalizeRoutePath(r.path)}`;
        const got = routes.find((e) => e.id === id);
        assert.ok(got, `no route ${id}`);
        assert.equal(`${got.file}:${got.line}`, `${r.file}:${r.line}`);
        const names = got.guards.filter((g) => g.kind !== 'other' && !g.optional).map((g) => g.name);
        for (const g of r.guards) assert.ok(names.some((n) => n.includes(g)), `guard ${g} missing on ${id}: ${JSON.stringify(names)}`);
        if (r.guards.length === 0) assert.deepEqual(names, [], `unexpected guards on ${id}`);
        assert.equal(got.public, r.public, `public flag of ${id}`);
        for (const g of got.guards) assert.ok(g.reason.length > 0 && g.line > 0, 'every guard says why and where');
      });
    }
  });
}

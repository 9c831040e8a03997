// One small fixture per framework detector (test/fixtures/routes/<framework>/), with every route's
// method, full path, registration file and line, and the required auth guards in the table below.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { FRAMEWORK_TABLE } from './frameworkTable';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { suggestFlows } from '../../../src/core/callgraph/suggestFlows';
import * as fs from 'node:fs';

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
        // `public`: known to have no required guard — never a route whose protection is unknown.
        assert.equal(e.public, guards.length === 0 && e.guardState !== 'unknown');
        for (const g of e.guards) assert.ok(g.reason.length > 0 && g.line > 0, `guard ${g.name} carries its reason and place`);
      });
    }
  });
}

describe('routes: fastify-plugin route files loaded by a glob, or by nothing we see', () => {
  it('the glob-loaded ones are on the app; one nothing loads is unknown, not public', async () => {
    const got = (await entriesOf(path.join(ROUTES, 'fastify-plugins'))).filter((e) => e.kind === 'http');
    // src/routes/health.ts: matched by glob('./src/routes/**/*.ts'), import()ed and registered on the app.
    assert.equal(got.find((e) => e.id === 'GET /api/health')?.guardState, 'unguarded');
    const metrics = got.find((e) => e.id === 'GET /metrics');
    assert.equal(metrics?.guardState, 'unknown');
    assert.match(metrics?.guardReason ?? '', /not mounted anywhere/);
    assert.equal(got.find((e) => e.id === 'GET /api/users')?.guardState, 'guarded');
    // Signing up gets the session it creates: open, not "anonymous allowed".
    assert.equal(got.find((e) => e.id === 'POST /api/auth/register')?.guardState, 'unguarded');
    // Registered on the app (through the decorated helper): known, and nothing refuses.
    assert.equal(got.find((e) => e.id === 'GET /about')?.guardState, 'unguarded');
  });
});

describe('routes: FastAPI dependencies that load data are part of the flow', () => {
  it('Depends(get_item_or_404) is a dependency of the route and the first step of its flow', async () => {
    const root = path.join(ROUTES, 'fastapi');
    const map = await buildMap({ root, cache: false, workers: 0 });
    const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
    const del = entries.find((e) => e.id === 'DELETE /api/items/:item_id');
    assert.ok(del);
    // The guard dependency is a guard, not a data dependency.
    assert.deepEqual(del.dependencies?.map((d) => `${d.file}#${d.symbol}`), ['app/deps.py#get_item_or_404']);
    const flow = suggestFlows(map, [del])[0];
    const first = flow.steps.filter((s) => s.depth === 1);
    assert.equal(first[0].symbol, 'get_item_or_404');
    assert.ok(flow.steps.some((s) => s.depth === 2 && s.symbol === 'ItemsTable.find_one'), JSON.stringify(flow.steps));
    const create = entries.find((e) => e.id === 'POST /api/items');
    assert.equal(create?.dependencies, undefined);
  });
});

describe('routes: Express handler is the last argument before a trailing error handler', () => {
  it('handlers and the dynamic expression', async () => {
    const got = (await entriesOf(path.join(ROUTES, 'express'))).filter((e) => e.kind === 'http');
    const handlers = Object.fromEntries(got.map((e) => [e.id, e.handler]));
    assert.equal(handlers['POST /login'], 'files.loggedIn');
    assert.equal(handlers['GET /status'], 'files.status');
    assert.equal(handlers['GET /context/:scope/:id'], 'files.context');
    const re = got.find((e) => e.dynamic);
    assert.equal(re?.dynamic?.expression, '^\\/files\\/(.+)$');
    assert.equal(re?.handler, 'files.read');
  });
});

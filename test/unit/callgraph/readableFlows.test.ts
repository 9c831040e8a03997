// Suggested flows a person can step through (issue 16, point 4): the route's guard first, an
// inline handler named by its route (never `<inline>`), code reached again listed once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';
import { renderFlows } from '../../../src/cli/commands/flows';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/auth-service-ts');

describe('flows: readable suggested flows on the sample auth service', () => {
  let flows: Flow[] = [];
  const flow = (id: string) => {
    const f = flows.find((x) => x.entry === id);
    assert.ok(f, `no flow for ${id}`);
    return f;
  };

  before(async () => {
    const map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8'));
    flows = suggestFlows(map, entries);
  });

  it('the same code reached three times is one step, with its repeats counted', () => {
    // POST /api/auth/login used to list HttpError.constructor three times.
    const login = flow('POST /api/auth/login');
    const ctor = login.steps.filter((s) => s.symbol === 'HttpError.constructor');
    assert.equal(ctor.length, 1, JSON.stringify(login.steps.map((s) => s.symbol)));
    assert.equal(ctor[0].repeats, 2);
    for (const f of flows) {
      const places = f.steps.filter((s) => s.kind === 'call' || s.kind === 'handler' || s.kind === 'guard').map((s) => `${s.file}#${s.symbol}@${s.range.start}`);
      assert.equal(new Set(places).size, places.length, `${f.entry}: a step listed twice in ${places.join(', ')}`);
    }
  });

  it('an inline handler is named by its route, in the steps, the title and the CLI', () => {
    const f = flow('GET /api/admin/users');
    const handler = f.steps.find((s) => s.kind === 'handler');
    assert.equal(handler?.symbol, 'GET /api/admin/users handler');
    assert.deepEqual([handler?.file, handler?.range.start], ['src/routes/admin.ts', 11]);
    assert.equal(f.title, 'GET /api/admin/users');
    for (const x of flows) {
      assert.ok(!x.title.includes('<inline>'), x.title);
      for (const s of x.steps) assert.ok(!s.symbol.includes('<inline>'), `${x.entry}: ${s.symbol}`);
    }
    assert.ok(!renderFlows(flows).includes('<inline>'));
  });

  it("the route's guards are its first steps, each at its own code; a route without one starts at its handler", () => {
    const f = flow('GET /api/admin/users');
    assert.deepEqual(
      f.steps.slice(0, 3).map((s) => [s.kind, s.callee ?? s.symbol, s.file, s.range.start, s.range.end]),
      [
        ['guard', 'requireAuth', 'src/middleware/requireAuth.ts', 10, 25],
        ['guard', 'requireRole("admin")', 'src/middleware/requireRole.ts', 5, 11],
        ['handler', 'GET /api/admin/users handler', 'src/routes/admin.ts', 11, 14],
      ],
    );
    const logout = flow('POST /api/auth/logout');
    assert.deepEqual(logout.steps.slice(0, 2).map((s) => [s.kind, s.symbol]), [['guard', 'requireAuth'], ['handler', 'logout']]);
    // The handler's own path to the data is intact after the guard.
    assert.ok(logout.steps.some((s) => s.kind === 'store' && s.callee === 'pool.query'), JSON.stringify(logout.steps.map((s) => s.callee ?? s.symbol)));
    const login = flow('POST /api/auth/login');
    assert.equal(login.steps[0].kind, 'handler', 'login has no guard: it starts at its handler');
    assert.ok(!login.steps.some((s) => s.kind === 'guard'));
    const cli = renderFlows([f]).split('\n');
    assert.match(cli[1], /^ {2}GUARD requireAuth {2}src\/middleware\/requireAuth\.ts:10-25$/);
  });
});

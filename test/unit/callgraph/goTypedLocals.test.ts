// Go handlers call model methods on values they declare (`var token shop.Token; token.ByKey(…)`,
// `o := new(shop.Order)`, a typed parameter) in a module whose root package has a major-version
// path (`example.com/shop/v2`, called `shop`), and check the caller first (`if !h.auth(w, r)`).
// Fixture: test/fixtures/flows/go-model-locals (goatcounter's patterns, written anew).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';
import { parseFile } from '../../../src/core/map/extractFile';
import { goPackageName } from '../../../src/core/map/rawImports';
import { plain } from '../plain';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/flows/go-model-locals');

function depthOne(flows: Flow[], id: string): string[] {
  const f = flows.find((x) => x.entry === id);
  assert.ok(f, `no flow for ${id}: ${flows.map((x) => x.entry).join(', ')}`);
  return f.steps.filter((s) => s.depth === 1).map((s) => (s.kind === 'call' ? s.symbol : `${s.kind}:${s.callee}`));
}

describe('Go: the name an import binds', () => {
  it('is the package name Go assumes from the path', () => {
    assert.equal(goPackageName('zgo.at/goatcounter/v2'), 'goatcounter');
    assert.equal(goPackageName('github.com/go-chi/chi/v5'), 'chi');
    assert.equal(goPackageName('github.com/sethvargo/go-limiter'), 'limiter');
    assert.equal(goPackageName('gopkg.in/yaml.v3'), 'yaml');
    assert.equal(goPackageName('net/http'), 'http');
    assert.equal(goPackageName('v2'), 'v2');
  });
});

describe('Go: locals typed by their declaration (map facts)', () => {
  it('records var, literal, new and parameter types; leaves out the standard library, builtins and names bound twice', async () => {
    const text = [
      'package h',
      'import (',
      '\t"net/http"',
      '\t"example.com/shop/v2"',
      ')',
      'func f(w http.ResponseWriter, site *shop.Site, n int, rest ...shop.Item) {',
      '\tvar token shop.Token',
      '\tvar (',
      '\t\tlist shop.Orders',
      '\t\ta, b = shop.Pair{}, new(shop.Path)',
      '\t)',
      '\tt := T{}',
      '\tp := &shop.Page{}',
      '\tmade, err := shop.NewThing()',
      '\tx := shop.Order{}',
      '\tif n > 0 {',
      '\t\tx := shop.Refund{}',
      '\t\tx.Do()',
      '\t}',
      '\tkeep := func(t shop.ID) bool { return t > 0 }',
      '\tfor _, list := range lists {',
      '\t\tlist.Sort()',
      '\t}',
      '}',
    ].join('\n');
    const facts = await parseFile('h.go', text, 'go');
    assert.deepEqual(plain(facts.memberTypes), {
      '()f': {
        site: 'shop.Site',
        token: 'shop.Token',
        a: 'shop.Pair',
        b: 'shop.Path',
        t: 'T',
        p: 'shop.Page',
        made: 'call:shop.NewThing',
        // `list`: a loop variable calls a method under the same name; `x`: two types; `keep`, `err`: no type.
      },
    });
  });
});

describe('Go: type aliases, method results and field chains (map facts)', () => {
  it('records `type DB = gorm.DB`, what a method returns under Type.Method, and a local taken from fields', async () => {
    const text = 'package store\nimport "gorm.io/gorm"\ntype DB = gorm.DB\nfunc (d *Dao) DB() *DB {\n\tq := d.conn.DB\n\treturn q\n}\n';
    const facts = await parseFile('db.go', text, 'go');
    assert.deepEqual(plain(facts.memberTypes), { '#aliases': { DB: 'gorm.DB' }, '#results': { 'Dao.DB': 'DB' }, '()Dao.DB': { q: 'field:d.conn.DB' } });
  });
});

describe('flows: Go model methods on declared locals, and a check the handler calls first', () => {
  let flows: Flow[] = [];
  before(async () => {
    const map = await buildMap({ root: FIXTURE, cache: false, workers: 0 });
    const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(FIXTURE, rel), 'utf8'));
    flows = suggestFlows(map, entries);
  });
  it('`var token shop.Token; token.ByKey(…)` reaches the method in the module root package', () => {
    assert.ok(depthOne(flows, 'GET /api/me').includes('Token.ByKey'), JSON.stringify(depthOne(flows, 'GET /api/me')));
  });
  it('so do `T{}`, `new(T)`, `&T{}`, a `var ( … )` block of a slice type, and a typed parameter', () => {
    assert.ok(depthOne(flows, 'POST /api/tokens').includes('Token.Insert'));
    assert.deepEqual(depthOne(flows, 'GET /api/orders/:id'), ['Order.ByID']);
    assert.deepEqual(depthOne(flows, 'GET /api/orders'), ['Orders.List']);
    const merge = flows.find((x) => x.entry === 'POST /api/orders/merge')!;
    assert.ok(merge.steps.some((s) => s.depth === 2 && s.symbol === 'Order.Cancel' && s.callee === 'order.Cancel'), JSON.stringify(merge.steps));
  });
  it("a callback's parameter that calls nothing does not hide the handler's own local; a type conversion is no step", () => {
    assert.deepEqual(depthOne(flows, 'POST /api/orders/merge'), ['NewValidator', 'Validator.HasErrors', 'Order.ByID', 'load']);
  });
  it("a method of an external package's type is not a same-named method of the repository", () => {
    const steps = flows.find((x) => x.entry === 'POST /api/tokens')!.steps;
    assert.ok(!steps.some((s) => s.symbol === 'Result.Decode'), JSON.stringify(steps.map((s) => s.symbol)));
  });
  it('the check the handler calls is the guard step, at its own code, and a first hop not walked again', () => {
    const f = flows.find((x) => x.entry === 'GET /api/me')!;
    assert.deepEqual(f.steps.filter((s) => s.kind === 'guard').map((s) => s.symbol), ['api.auth']);
    assert.deepEqual(depthOne(flows, 'GET /api/me'), ['api.auth', 'Token.ByKey']);
    assert.ok(!f.steps.some((s) => s.depth === 2), 'auth is listed, not walked: ' + JSON.stringify(f.steps));
  });
  it('a method on what a method of ours returns, whose result type aliases a store handle, is the store', () => {
    const hops = depthOne(flows, 'GET /api/reports/recent');
    assert.ok(hops.includes('Dao.DB') && hops.some((h) => h.startsWith('store:h.dao.DB().Where')), JSON.stringify(hops));
  });
  it('a local taken from a field chain (`q := h.conn.DB`, an embedded handle) has the field\'s type', () => {
    assert.deepEqual(depthOne(flows, 'GET /api/reports/by-year'), ['store:q.Order', 'store:q.Find']);
  });
});

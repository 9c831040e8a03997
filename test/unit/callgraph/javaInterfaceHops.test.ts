// The first hop of a Java handler through a field typed with an interface
// (test/fixtures/flows/java-sibling-mappers): the implementation is a class's method, never another
// interface's abstract method whose name happens to contain the field's type (ShenYu's
// SelectorMapper field once resolved to ProxySelectorMapper.selectById).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/flows/java-sibling-mappers');

describe('flows: first hop through a Java field typed with an interface', () => {
  let flows: Flow[] = [];
  before(async () => {
    const map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8'));
    flows = suggestFlows(map, entries, {});
  });
  const hops = (id: string): string[] => {
    const f = flows.find((x) => x.entry === id);
    assert.ok(f, `no flow for ${id}: ${flows.map((x) => x.entry).join(', ')}`);
    return f.steps.filter((s) => s.depth === 1).map((s) => (s.kind === 'call' ? s.symbol : `${s.kind}:${s.callee}`));
  };
  it("a mapper interface with no implementation is called as itself, not as a sibling interface's method", () => {
    assert.deepEqual(hops('GET /selectors/:id'), ['SelectorMapper.selectById']);
  });
  it('a service interface still resolves to the class implementing it', () => {
    assert.deepEqual(hops('GET /orders/:id'), ['OrderServiceImpl.findById']);
  });
});

// Calls of imported names through JS/TS barrels (`export * from`, `export { a as b } from`,
// `export * as ns from`, `import { a }; export { a }`) and exported aliases of an instance's
// members (`export const authorize = cancan.authorize`), on test/fixtures/flows/barrel-exports.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { parseFile } from '../../../src/core/map/extractFile';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { CallGraph } from '../../../src/core/callgraph/callGraph';
import { suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';
import type { RepoMap } from '../../../src/core/map/types';
import { plain } from '../plain';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/flows/barrel-exports');

function firstHops(flows: Flow[], id: string): string[] {
  const f = flows.find((x) => x.entry === id);
  assert.ok(f, `no flow for ${id}: ${flows.map((x) => x.entry).join(', ')}`);
  return f.steps.filter((s) => s.depth === 1).map((s) => (s.kind === 'call' ? s.symbol : `${s.kind}:${s.callee}`));
}

describe('map facts: re-exports and module-level aliases (JS/TS)', () => {
  it('`export … from` is recorded as a re-export, `export * as ns` by its name', async () => {
    const facts = await parseFile('index.ts', "export * from './a';\nexport * as ns from './b';\nexport { x, y as z } from './c';\nimport { q } from './d';\n", 'typescript');
    assert.deepEqual(
      plain(facts.imports.map((i) => [i.specifier, i.names, i.reexport === true])),
      [
        ['./a', {}, true],
        ['./b', { ns: '*' }, true],
        ['./c', { x: 'x', z: 'y' }, true],
        ['./d', { q: 'q' }, false],
      ],
    );
  });
  it('local exports under a name, and names bound to a member of another value', async () => {
    const text = "import { record } from './audit';\nexport { record as audit, other };\nexport default handler;\nconst cancan = new CanCan();\nexport const { can, cannot: deny } = cancan;\nexport const authorize: typeof cancan.authorize = cancan.authorize;\nconst made = make();\nconst n = 3;\n";
    for (const lang of ['typescript', 'javascript'] as const) {
      const facts = await parseFile('x', lang === 'javascript' ? text.replace(': typeof cancan.authorize', '') : text, lang);
      assert.deepEqual(plain(facts.exportAliases), { audit: 'record', other: 'other', default: 'handler' }, lang);
      assert.deepEqual(plain(facts.valueAliases), { can: 'cancan.can', deny: 'cancan.cannot', authorize: 'cancan.authorize' }, lang);
      // `typeof cancan.authorize` is a value's type, not a class to look into.
      assert.deepEqual(plain(facts.memberTypes), { '': { cancan: 'CanCan' } }, lang);
    }
    const named = await parseFile('l.ts', 'export default async function loadDocument() {}\n', 'typescript');
    assert.deepEqual(plain(named.exportAliases), { default: 'loadDocument' });
  });
});

describe('call graph: imported names through barrels and exported aliases', () => {
  let map: RepoMap;
  let flows: Flow[] = [];
  before(async () => {
    map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8'));
    flows = suggestFlows(map, entries);
  });

  it('`export *` then `export const authorize = cancan.authorize` reaches the class property function', () => {
    assert.deepEqual(firstHops(flows, 'GET /keys'), ['CanCan.authorize', 'listKeys']);
    const step = flows.find((x) => x.entry === 'GET /keys')!.steps.find((s) => s.depth === 1)!;
    assert.equal(step.file, 'src/policies/cancan.ts');
    assert.equal(step.range.start, 12);
  });
  it('a barrel of barrels and `export { a as b } from` reach the renamed definition', () => {
    assert.deepEqual(firstHops(flows, 'GET /keys/:id'), ['findKey']);
    const f = flows.find((x) => x.entry === 'GET /keys/:id')!;
    assert.equal(f.steps.find((s) => s.depth === 1)!.file, 'src/services/keys.ts');
    assert.ok(f.steps.some((s) => s.kind === 'store'), 'the walk goes on to the database');
  });
  it('`export * as ns from` makes `ns.fn()` the module function', () => {
    assert.deepEqual(firstHops(flows, 'DELETE /keys/:id'), ['removeKey']);
  });
  it('`import { record }; export { record as audit }` reaches record', () => {
    assert.deepEqual(firstHops(flows, 'POST /keys'), ['record']);
  });
  it('a destructured member of the instance resolves; one the class lacks stays unresolved', () => {
    assert.deepEqual(firstHops(flows, 'GET /can'), ['CanCan.can', 'unresolved:cannot']);
    const graph = new CallGraph(map);
    assert.deepEqual(graph.resolve('src/app.ts', '', 'cannot'), { kind: 'unresolved' });
  });
  it('a default import under another name reaches the named default function', () => {
    assert.deepEqual(firstHops(flows, 'GET /keys/:id/raw'), ['keyLoader']);
  });
  it('an anonymous default export is the function the map names `default export`', () => {
    assert.deepEqual(firstHops(flows, 'POST /keys/:id/touch'), ['default export']);
  });
  it("a model class re-exported by a barrel, whose query methods are the ORM's, is a store call", () => {
    assert.deepEqual(firstHops(flows, 'GET /keys/count'), ['store:ApiKey.count']);
  });
  it('barrels that re-export each other end, unresolved', () => {
    assert.deepEqual(firstHops(flows, 'GET /loop'), ['unresolved:helper']);
    assert.deepEqual(new CallGraph(map).resolve('src/app.ts', '', 'helper'), { kind: 'unresolved' });
  });
});

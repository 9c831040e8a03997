// Nitro's auto-imports in the call graph: a Nuxt server file calls the exports of server/utils/
// (and of other helper folders the config adds, server/services/ say) by bare name. A name the
// file neither declares nor imports is the one such export; an import or a declaration of the
// file's own shadows it; two exports of one name, or a project that is no Nuxt/Nitro one, leave
// it unresolved. A class field holding a wrapped function (`getAll = memo(async () => …)`) is a
// method of its class.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const ROUTE = [
  'export default defineEventHandler(async (event) => {',
  '  const { user } = await mustBeMember(event)',
  '  const all = await new ShelfService().getAll(user.id)',
  '  return listOf(all, dupe())',
  '})',
  '',
].join('\n');

const FILES: Record<string, string> = {
  'package.json': '{ "name": "app", "dependencies": { "nuxt": "4.0.0" } }\n',
  'nuxt.config.ts': "export default defineNuxtConfig({ nitro: { imports: { dirs: ['./server/services'] } } })\n",
  'server/api/shelves.get.ts': ROUTE,
  'server/routes/own.get.ts': "import { listOf } from '../lib/lists'\nfunction mustBeMember(e: unknown) { return e }\nexport default defineEventHandler((event) => listOf([mustBeMember(event)]))\n",
  'server/lib/lists.ts': 'export const listOf = <T>(xs: T[], _d?: unknown) => xs\n',
  'server/utils/access.ts': "export async function mustBeMember(event: unknown) {\n  if (!event) throw createError({ statusCode: 401 })\n  return { user: { id: 1 } }\n}\nexport const dupe = () => 1\n",
  'server/utils/other.ts': 'export const dupe = () => 2\n',
  'server/services/shelves.ts': [
    'export class ShelfService {',
    '  getAll = memo(async (id: number) => {',
    '    return [id]',
    '  })',
    '}',
    'declare function memo<T>(f: T): T',
    '',
  ].join('\n'),
  'server/middleware/auth.ts': 'export default defineEventHandler(() => {})\nexport const listOf = () => []\n',
};

describe('call graph: Nitro auto-imports', () => {
  let root = '';
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const at = (file: string, callee: string) => graph.resolve(file, 'default', callee);
  const where = (file: string, callee: string) => {
    const c = at(file, callee);
    return c.kind === 'symbol' ? `${c.file}#${c.symbol}` : c.kind;
  };

  it('follows a bare name to the one export of the server folders', () => {
    assert.equal(where('server/api/shelves.get.ts', 'mustBeMember'), 'server/utils/access.ts#mustBeMember');
  });

  it("follows a method of an auto-imported class, a field holding a wrapped function among them", () => {
    assert.equal(where('server/api/shelves.get.ts', 'new ShelfService().getAll'), 'server/services/shelves.ts#ShelfService.getAll');
  });

  it("leaves a name two helper files export unresolved, and a handler folder's exports out", () => {
    assert.notEqual(at('server/api/shelves.get.ts', 'dupe').kind, 'symbol');
    // server/middleware/auth.ts exports a listOf too: a handler's file, no helper; server/lib/ is the only one.
    assert.equal(where('server/api/shelves.get.ts', 'listOf'), 'server/lib/lists.ts#listOf');
  });

  it("lets the file's own declarations and imports shadow the auto-import", () => {
    assert.equal(where('server/routes/own.get.ts', 'mustBeMember'), 'server/routes/own.get.ts#mustBeMember');
    assert.equal(where('server/routes/own.get.ts', 'listOf'), 'server/lib/lists.ts#listOf');
  });
});

describe('call graph: no auto-imports without a Nuxt or Nitro config', () => {
  let root = '';
  let graph: CallGraph;
  before(async () => {
    const files = { ...FILES };
    delete files['nuxt.config.ts'];
    [root, graph] = await graphOf(files);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('leaves a bare name no import binds unresolved', () => {
    assert.notEqual(graph.resolve('server/api/shelves.get.ts', 'default', 'mustBeMember').kind, 'symbol');
  });
});

// A barrel of `export * from` many modules (a workspace library's index: `export * from './cache';
// export * from './auth'`): a function one module exports is that module's, though another module
// of the barrel, tried first, imports a store package and defines nothing of the name. On a real
// NestJS service (novu's @novu/application-generic) the OAuth callback's first hop,
// `buildOauthRedirectUrl(request)`, read as an ioredis store call. A name no module of the barrel
// defines still ends at the store module's object, as before (a client exported from a db module).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'src/lib/index.ts': "export * from './cache';\nexport * from './services';\n",
  'src/lib/cache.ts': "import Redis from 'ioredis';\nexport class CacheService {\n  client = new Redis();\n}\n",
  'src/lib/services/index.ts': "export * from './queue';\nexport * from './auth';\n",
  'src/lib/services/queue.ts': "import Redis from 'ioredis';\nexport function queueName(name: string) {\n  return name;\n}\n",
  'src/lib/services/auth.ts': "export const buildRedirectUrl = (request: { user?: string }): string => {\n  return request.user ? '/done' : '/login';\n};\n",
  'src/db/index.ts': "export * from './client';\n",
  'src/db/client.ts': "import knex from 'knex';\nexport const db = knex({ client: 'pg' });\n",
  'src/app.ts': "import { buildRedirectUrl } from './lib';\nimport { db } from './db';\nexport function handler(req: { user?: string }) {\n  db.select('id');\n  return buildRedirectUrl(req);\n}\n",
};

describe('flows: a function exported through a barrel of `export *` next to a store module', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('buildRedirectUrl → src/lib/services/auth.ts, not the cache module\'s ioredis', () => {
    const c = graph.resolve('src/app.ts', 'handler', 'buildRedirectUrl');
    assert.equal(c.kind, 'symbol', JSON.stringify(c));
    assert.deepEqual(c.kind === 'symbol' ? [c.file, c.symbol] : [], ['src/lib/services/auth.ts', 'buildRedirectUrl']);
  });
  it('a store client no module defines as a function still reads as the store', () => {
    const c = graph.resolve('src/app.ts', 'handler', 'db.select');
    assert.equal(c.kind, 'store', JSON.stringify(c));
  });
});

// A flag read by a sister package of the monorepo (test/fixtures/routes/workspace-env-flag): the
// service in packages/api imports @acme/config (`workspace:^`), whose source sits beside the root,
// its package.json naming a compiled lib/ that a checkout never built. Found by the workspace's
// layout (pnpm-workspace.yaml), read from src/, the env var followed to its default through the
// modelled getEnv/yes: the route takes the default arm and says which variable its path depends on.
// Without the workspace (the package copied out alone) the prefix stays dynamic.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { entryPointsOf } from '../../../src/core/entry/entryCache';
import { diskFiles } from '../../../src/core/files/sourceFiles';
import type { EntryPoint } from '../../../src/core/entry/types';

const WORKSPACE = path.resolve(__dirname, '../../../../test/fixtures/routes/workspace-env-flag');
const ROOT = path.join(WORKSPACE, 'packages', 'api');

async function routesOf(root: string): Promise<EntryPoint[]> {
  const map = await buildMap({ root, cache: false, workers: 0 });
  return (await entryPointsOf(map, diskFiles(root), { cacheDir: false })).entries.filter((e) => e.kind === 'http');
}

describe('routes: a flag read by a sister package of the monorepo', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = await routesOf(ROOT);
  });
  const byPath = (p: string): EntryPoint => {
    const e = got.find((x) => x.path === p);
    assert.ok(e, `${p} missing; found ${got.map((x) => x.id).join(', ')}`);
    return e;
  };

  it('takes the arm a fresh install runs (the flag unset) and names the variable', () => {
    const e = byPath('/api/health');
    assert.equal(e.dynamic, undefined);
    assert.match(e.pathDependsOn ?? '', /PATH_PREFIXED: environment variable, unset by default \(read in \.\.\/config\/src\/Settings\.ts\)/);
  });

  it('follows a subpath export (`@acme/config/site` → lib/site.js → src/site.ts) to its fallback', () => {
    const e = byPath('/site/about');
    assert.match(e.pathDependsOn ?? '', /SITE_BASE/);
  });

  it('finds the sister packages by name and reads only their files', () => {
    const files = diskFiles(ROOT);
    assert.deepEqual([...(files.workspace?.()?.packages ?? [])], [['@acme/config', '../config']]);
    assert.match(files.readSibling?.('../config/src/site.ts') ?? '', /SITE_BASE/);
    // The workspace's own top, the root's own package and anything further up are not sister packages' files.
    assert.equal(files.readSibling?.('../../pnpm-workspace.yaml'), undefined);
    assert.equal(files.readSibling?.('../api/src/server.ts'), undefined);
    assert.equal(files.readSibling?.('../../../workspace-env-flag/package.json'), undefined);
    // And read() itself still refuses what lies outside the root.
    assert.equal(files.read('../config/src/site.ts'), undefined);
  });

  it('stamps the sister files it read, so that an edit there changes the answer', async () => {
    const map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const r = await entryPointsOf(map, diskFiles(ROOT), { cacheDir: false });
    assert.ok(r.siblingFiles?.some((s) => s.path === '../config/src/Settings.ts'));
  });

  it('leaves the prefix dynamic when the package is out of reach (no workspace around the root)', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-ws-'));
    try {
      fs.cpSync(ROOT, path.join(tmp, 'api'), { recursive: true });
      const alone = await routesOf(path.join(tmp, 'api'));
      const health = alone.find((e) => e.path.endsWith('/health'));
      assert.ok(health?.dynamic, `dynamic expected, got ${health?.path}`);
      assert.equal(health?.pathDependsOn, undefined);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

// Data files named by a path the interpreter evaluates (test/fixtures/routes/express-evaluated-data):
// a synchronous reader (the CLI's) answers when the run asks, an asynchronous one (an editor's)
// after a first run that is then made again. Both give the same routes and the same stamps: the
// file that is there is read, the one that is not throws and the code's fallback is used.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import type { EntryPointsResult } from '../../../src/core/entry/types';

const root = path.resolve(__dirname, '../../../../test/fixtures/routes/express-evaluated-data');

describe('routes: data files named by an evaluated path', () => {
  let sync: EntryPointsResult;
  let later: EntryPointsResult;
  const asked: string[] = [];
  before(async () => {
    const map = await buildMap({ root, cache: false, workers: 0 });
    const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
    sync = await findEntryPoints(map, (rel) => {
      asked.push(rel);
      return read(rel);
    });
    later = await findEntryPoints(map, async (rel) => read(rel));
  });
  const ids = (r: EntryPointsResult): string[] => r.entries.filter((e) => e.kind === 'http').map((e) => e.id).sort();

  it('reads the file the run names, and knows the one that is not there throws (the default is used)', () => {
    assert.deepEqual(ids(sync), ['GET /about', 'GET /contact']);
  });

  it('reads each such file once, when the run asks', () => {
    assert.equal(asked.filter((p) => p === 'settings/routes.yaml').length, 1, asked.join(', '));
    assert.equal(asked.filter((p) => p === 'settings/custom.yaml').length, 1, asked.join(', '));
  });

  it('stamps both, the absent one with no hash, so that adding it later changes the answer', () => {
    const stamps = new Map((sync.dataFiles ?? []).map((d) => [d.path, d.hash]));
    assert.match(stamps.get('settings/routes.yaml') ?? '', /^[0-9a-f]{40}$/);
    assert.equal(stamps.get('settings/custom.yaml'), '-');
  });

  it('gives the same routes and stamps with a reader that answers later', () => {
    assert.deepEqual(ids(later), ids(sync));
    assert.deepEqual(later.dataFiles, sync.dataFiles);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RepoMap } from '../../../src/core/map/types';

/** The repository checkout (tests run from out/test/unit/map). */
export const REPO = path.resolve(__dirname, '..', '..', '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');

/** Writes a small repository from a path → content table into a fresh temp folder. */
export function makeRepo(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-map-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return root;
}

/** Copies a fixture into a temp folder so tests may edit it and write caches. */
export function copyFixture(name: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `dd-${name}-`));
  // Others' runs may leave a cache in the fixture: copy the sources only.
  fs.cpSync(path.join(FIXTURES, name), root, { recursive: true, filter: (src) => !src.includes(`${path.sep}.deepdive`) });
  return root;
}

/** One import of a mapped file, by its specifier; fails the test when the file or import is missing. */
export function importOf(map: RepoMap, file: string, specifier: string) {
  const f = map.files.find((x) => x.path === file);
  assert.ok(f, `${file} mapped`);
  const i = f.importDetails.find((x) => x.specifier === specifier);
  assert.ok(i, `${specifier} in ${file}`);
  return i;
}

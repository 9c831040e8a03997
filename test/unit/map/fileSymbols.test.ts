// One file's symbols for a command about that file (note add, read, import): taken from the map
// cache only when it holds exactly this content, else parsed — the same symbols either way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { parseFile } from '../../../src/core/map/extractFile';
import { symbolsOfFile } from '../../../src/core/map/fileSymbols';
import { defaultMapCache } from '../../../src/core/map/mapSession';
import { hashText } from '../../../src/core/map/processFile';

const SRC = `export function login(req) {\n  return check(req);\n}\n\nexport class Sessions {\n  open() { return 1; }\n}\n`;

function repo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-filesymbols-'));
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', 'auth.ts'), SRC);
  fs.writeFileSync(path.join(root, 'src', '__proto__.ts'), SRC);
  return root;
}

describe('symbols of one file from the map cache', () => {
  it('gives the cached symbols for the same content, the parsed ones otherwise, and they agree', async () => {
    const root = repo();
    await buildMap({ root, workers: 0 });
    const cache = defaultMapCache(root);
    const hit = cache.lookup('src/auth.ts', hashText(SRC));
    assert.ok(hit, 'the map cache holds the file');
    const parsed = (await parseFile('src/auth.ts', SRC, 'typescript')).symbols;
    assert.deepEqual(hit.symbols, parsed);
    assert.deepEqual(await symbolsOfFile(root, 'src/auth.ts', SRC, 'typescript'), parsed);

    // Other content (an unsaved edit, a change since the map): not the cache's answer.
    const edited = SRC.replace('export function login', 'export function signIn');
    assert.equal(cache.lookup('src/auth.ts', hashText(edited)), undefined);
    const symbols = await symbolsOfFile(root, 'src/auth.ts', edited, 'typescript');
    assert.ok(symbols.some((s) => s.name === 'signIn') && !symbols.some((s) => s.name === 'login'));
  });

  it('treats names as data and a damaged or missing cache as a miss', async () => {
    const root = repo();
    await buildMap({ root, workers: 0 });
    const cache = defaultMapCache(root);
    assert.ok(cache.lookup('src/__proto__.ts', hashText(SRC)), 'a file named __proto__ is a file');
    assert.equal(cache.lookup('__proto__', hashText(SRC)), undefined);
    assert.equal(cache.lookup('constructor', hashText(SRC)), undefined);

    const bodies = path.join(root, '.deepdive', 'cache', 'map', 'bodies.bin');
    fs.writeFileSync(bodies, fs.readFileSync(bodies).subarray(0, 20));
    assert.equal(cache.lookup('src/auth.ts', hashText(SRC)), undefined);
    assert.deepEqual(await symbolsOfFile(root, 'src/auth.ts', SRC, 'typescript'), (await parseFile('src/auth.ts', SRC, 'typescript')).symbols);

    fs.rmSync(path.join(root, '.deepdive'), { recursive: true });
    assert.equal(cache.lookup('src/auth.ts', hashText(SRC)), undefined);
  });
});

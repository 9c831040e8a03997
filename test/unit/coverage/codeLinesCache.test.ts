import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeLinesOf } from '../../../src/core/coverage/codeLines';
import { CodeLinesCache } from '../../../src/core/coverage/codeLinesCache';
import { computeCoverage, diskSnapshots } from '../../../src/core/coverage/coverage';
import { buildMap } from '../../../src/core/map/buildMap';
import { hashText } from '../../../src/core/map/processFile';
import { newDive } from '../../../src/core/dive/ops';
import { markRead } from '../../../src/core/dive/reading';
import { splitLines } from '../../../src/core/coverage/fingerprint';

describe('coverage: code lines cached by content hash', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-codelines-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the parsed code lines, and the same from disk in the next process', async () => {
    const text = '// header\nconst a = "//not a comment";\n\n/* block\n */ const b = 2;\n';
    const first = new CodeLinesCache(path.join(dir, 'cache'));
    const lines = await first.of('a.ts', text, 'typescript');
    assert.deepEqual(lines, await codeLinesOf('a.ts', text, 'typescript'));
    assert.deepEqual(lines, [[2, 2], [5, 5]]);
    first.save();
    const second = new CodeLinesCache(path.join(dir, 'cache'));
    assert.deepEqual(second.get(hashText(text)), lines, 'read back from the file');
    assert.equal(second.get(hashText(text + ' ')), undefined, 'another text is another entry');
  });

  it('a corrupt cache file is ignored, and coverage with the cache equals coverage without', async () => {
    fs.mkdirSync(path.join(dir, 'repo', 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'repo', 'src', 'a.ts'), '// only a comment\nexport function f() {\n  return 1;\n}\n');
    fs.writeFileSync(path.join(dir, 'repo', 'src', 'b.ts'), 'import { f } from "./a";\n\nexport const g = f();\n');
    fs.mkdirSync(path.join(dir, 'cache'));
    fs.writeFileSync(path.join(dir, 'cache', 'codeLines.json'), '{not json');
    const root = path.join(dir, 'repo');
    const map = await buildMap({ root, cache: false });
    const dive = newDive({ title: 't' });
    dive.reading['src/a.ts'] = { ranges: [[2, 3]], seconds: 5 };
    const plain = await computeCoverage(dive, map, diskSnapshots(root));
    const cache = new CodeLinesCache(path.join(dir, 'cache'));
    const cached = await computeCoverage(dive, map, diskSnapshots(root), cache);
    cache.save();
    const again = await computeCoverage(dive, map, diskSnapshots(root), new CodeLinesCache(path.join(dir, 'cache')));
    assert.deepEqual(cached, plain);
    assert.deepEqual(again, plain);
    assert.equal(plain.lines, 5);
    assert.equal(plain.read, 2);
  });

  it('a session keeps unread files\' coverage: the same objects again, equal to computing afresh, and moved reading credits a copy', async () => {
    const root = path.join(dir, 'repo');
    fs.mkdirSync(path.join(root, 'src'), { recursive: true });
    const moved = 'export function moved(x: number) {\n  const y = x * 2;\n  const z = y - 3;\n  return y + z + 1;\n}\n';
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), `export function keep() {\n  return 1;\n}\n${moved}`);
    fs.writeFileSync(path.join(root, 'src', 'b.ts'), 'export const b = 2;\n');
    // c.ts holds the same code from the start: when a.ts loses it, the reading may follow it there.
    fs.writeFileSync(path.join(root, 'src', 'c.ts'), `export function other() {\n  return 3;\n}\n${moved}`);
    const dive = newDive({ title: 't' });
    const session = new CodeLinesCache();
    const map = await buildMap({ root, cache: false });
    // Read with the lines' fingerprints, as the editor records it: moved code can then be recognised.
    const aText = fs.readFileSync(path.join(root, 'src', 'a.ts'), 'utf8');
    markRead(dive, 'src/a.ts', [[1, 8]], { lines: splitLines(aText), symbols: map.files.find((f) => f.path === 'src/a.ts')!.symbols });
    // The first pass parses for code lines; from the second, an unread file is known by its hash.
    const first = await computeCoverage(dive, map, diskSnapshots(root), session);
    const second = await computeCoverage(dive, map, diskSnapshots(root), session);
    const third = await computeCoverage(dive, map, diskSnapshots(root), session);
    assert.deepEqual(second, first);
    assert.deepEqual(third, first);
    assert.equal(third.files.find((f) => f.path === 'src/c.ts'), second.files.find((f) => f.path === 'src/c.ts'), 'an unread file\'s coverage is kept');
    const before = JSON.parse(JSON.stringify(first)) as unknown;
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export function keep() {\n  return 1;\n}\n');
    const edited = await buildMap({ root, cache: false });
    const afterEdit = await computeCoverage(dive, edited, diskSnapshots(root), session);
    assert.deepEqual(afterEdit, await computeCoverage(dive, edited, diskSnapshots(root)), 'the same as without a session');
    assert.ok(afterEdit.files.find((f) => f.path === 'src/c.ts')!.read > 0, 'the reading followed the code into c.ts');
    const keptC = third.files.find((f) => f.path === 'src/c.ts')!;
    assert.deepEqual(keptC, (before as typeof first).files.find((f) => f.path === 'src/c.ts'), 'the kept coverage of c.ts was not changed by the credit');
    assert.equal(keptC.read, 0);
  });
});

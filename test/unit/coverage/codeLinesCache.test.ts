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
});

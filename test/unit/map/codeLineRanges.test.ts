// The map keeps each file's code lines (map/extractFile.ts), taken from the parse it does anyway,
// so that coverage, the status and the report do not parse every file a second time. They must
// be exactly the lines coverage's own rule (coverage/codeLines.ts) gives, in every language.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { parseFile } from '../../../src/core/map/extractFile';
import { codeLinesOf } from '../../../src/core/coverage/codeLines';
import { computeCoverage, diskSnapshots } from '../../../src/core/coverage/coverage';
import type { LanguageId } from '../../../src/core/parse/languages';
import type { DeepDive } from '../../../src/core/model/types';

const SAMPLES: [string, LanguageId, string][] = [
  ['a.ts', 'typescript', "// header\n\nconst url = 'http://x'; // trailing\n/* a */ /* b */\n/**\n * doc\n */\nexport function f() {\n  return `// not a comment`;\n}\n<!-- legacy html comment\n"],
  ['a.js', 'javascript', "/* one */ const a = 1; /* two */\n\n  // indented\nmodule.exports = { a };\n"],
  ['a.tsx', 'tsx', "// c\nexport const A = () => <div>{/* inside jsx */}</div>;\n"],
  ['a.py', 'python', '# comment\n"""docstring is code"""\n\ndef f():  # trailing\n    return 1\n'],
  ['a.go', 'go', 'package a\n\n// Doc\nfunc F() int { /* x */ return 1 }\n/* block\nend */\n'],
  ['A.java', 'java', 'class A {\n  // c\n  /* b */ int x = 1;\n  /** doc */\n}\n'],
  ['A.kt', 'kotlin', 'fun f() = 1 // c\n/* b\n */\n// only\nval x = 2\n'],
];

function flat(pairs: readonly (readonly [number, number])[]): number[] {
  return pairs.flatMap(([a, b]) => [a, b]);
}

describe("the map's code lines", () => {
  for (const [file, language, text] of SAMPLES) {
    it(`${language}: the same lines as coverage's rule, and the count agrees`, async () => {
      const facts = await parseFile(file, text, language);
      const expected = await codeLinesOf(file, text, language);
      assert.deepEqual(facts.codeLineRanges, flat(expected));
      assert.equal(facts.codeLines, expected.reduce((n, [a, b]) => n + b - a + 1, 0));
    });
  }

  it('a line with two comments and nothing else is not code (the map used to count it)', async () => {
    const facts = await parseFile('b.ts', 'const a = 1;\n/* x */ /* y */\n', 'typescript');
    assert.deepEqual(facts.codeLineRanges, [1, 1]);
    assert.equal(facts.codeLines, 1);
  });

  it("coverage of unread files comes from the map's lines without reading the files, and equals a fresh count", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-codelines-'));
    for (const [file, , text] of SAMPLES) fs.writeFileSync(path.join(root, file), text);
    const map = await buildMap({ root, workers: 0, cache: false });
    const dive = { scope: { include: ['**'], exclude: [] }, reading: {} } as unknown as DeepDive;
    const opened: string[] = [];
    const disk = diskSnapshots(root);
    const spy = Object.assign(async (f: Parameters<typeof disk>[0]) => (opened.push(f.path), disk(f)), { asMapped: disk.asMapped });
    const cov = await computeCoverage(dive, map, spy);
    assert.deepEqual(opened, [], 'no file opened');
    for (const [file, language, text] of SAMPLES) {
      const c = cov.files.find((x) => x.path === file);
      assert.ok(c, file);
      assert.equal(c.lines, (await codeLinesOf(file, text, language)).reduce((n, [a, b]) => n + b - a + 1, 0), file);
    }
  });
});

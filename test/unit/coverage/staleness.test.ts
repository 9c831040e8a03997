import * as assert from 'node:assert/strict';
import { codeLinesOf } from '../../../src/core/coverage/codeLines';
import { fileCoverage } from '../../../src/core/coverage/coverage';
import { splitLines } from '../../../src/core/coverage/fingerprint';
import { addRead, effectiveReading } from '../../../src/core/coverage/staleness';
import { parseFile } from '../../../src/core/map/extractFile';

const V1 = `import { db } from './db';

export class Sessions {
  create(user: string) {
    // a new session
    return db.insert(user);
  }

  revoke(id: string) {
    return db.delete(id);
  }
}
`;

async function current(text: string) {
  const facts = await parseFile('s.ts', text, 'typescript');
  return { lines: splitLines(text), symbols: facts.symbols };
}

describe('coverage: code lines and staleness (real tree-sitter)', () => {
  it('code lines skip blanks and comment-only lines, not code with a comment', async () => {
    const text = 'const a = 1; // note\n\n// only a comment\n/* block\n   more */\nconst s = "// not a comment";\n';
    assert.deepEqual(await codeLinesOf('x.ts', text), [[1, 1], [6, 6]]);
    assert.deepEqual(await codeLinesOf('x.py', 'x = 1\n# c\n\ndef f():\n    return "#"\n'), [[1, 1], [4, 5]]);
  });

  it('reading follows a symbol moved down; the line added in it is unread and the symbol listed as changed', async () => {
    const cur1 = await current(V1);
    // Read the whole class.
    const reading = addRead(undefined, [[3, 12]], cur1, new Date('2026-01-01T00:00:00Z'));
    assert.ok(reading.fingerprints!.some((f) => f.symbol === 'Sessions.create'));
    // Two lines inserted above: unchanged symbols follow; revoke is edited.
    const V2 = `import { db } from './db';\nimport { log } from './log';\n\n` + V1.slice(V1.indexOf('export')).replace('return db.delete(id);', 'log(id);\n    return db.delete(id);');
    const cur2 = await current(V2);
    const eff = effectiveReading(reading, cur2);
    assert.deepEqual(eff.stale.map((s) => [s.symbol, s.reason, s.range.start, s.range.end]), [['Sessions.revoke', 'changed', 10, 13]]);
    const code = await codeLinesOf('s.ts', V2);
    const cov = fileCoverage({ path: 's.ts', module: '', codeLines: code, reading, current: cur2 });
    // Read now: everything that was read, moved down two lines (the comment line 6 is no code);
    // only the line added in revoke (11) is unread in the class.
    assert.deepEqual(cov.readRanges, [[4, 5], [7, 8], [10, 10], [12, 14]]);
    assert.deepEqual(cov.unreadRanges, [[1, 2], [11, 11]]);
    // Re-reading revoke clears the staleness.
    const again = addRead(reading, [[11, 11]], cur2);
    assert.deepEqual(effectiveReading(again, cur2).stale, []);
    assert.equal(fileCoverage({ path: 's.ts', module: '', codeLines: code, reading: again, current: cur2 }).unreadRanges.filter(([s]) => s >= 4).length, 0);
  });

  it('a removed symbol is reported and its lines dropped', async () => {
    const cur1 = await current(V1);
    const reading = addRead(undefined, [[9, 11]], cur1);
    const V3 = V1.replace(/\n {2}revoke[\s\S]*?\n {2}\}\n/, '\n');
    const eff = effectiveReading(reading, await current(V3));
    assert.deepEqual(eff.stale.map((s) => [s.symbol, s.reason]), [['Sessions.revoke', 'removed']]);
  });
});

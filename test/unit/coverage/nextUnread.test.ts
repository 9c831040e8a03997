import * as assert from 'node:assert/strict';
import { fileCoverage } from '../../../src/core/coverage/coverage';
import { firstUnreadStretch, nextUnread, outermost } from '../../../src/core/coverage/nextUnread';
import { PLACE_STATUS_MAX, placeStatusText } from '../../../src/core/coverage/placeText';
import type { FileInfo, SymbolInfo } from '../../../src/core/map/types';

function file(path: string, imports: string[], lines: number): FileInfo {
  return { path, language: 'typescript', lines, codeLines: lines, module: 'src', imports, importDetails: [], symbols: [{ name: 'f', kind: 'function', path: `${path}#f`, range: { start: 1, end: lines }, nameLine: 1 }], calls: [], parseErrors: 0, hash: path };
}

describe('coverage: next unread', () => {
  const files = [
    file('src/routes.ts', ['src/service.ts'], 40),
    file('src/service.ts', ['src/db.ts', 'src/util.ts'], 60),
    file('src/db.ts', ['src/util.ts'], 30),
    file('src/util.ts', [], 20),
    file('src/admin.ts', ['src/util.ts', 'src/db.ts'], 200),
  ];
  const cov = files.map((f) => fileCoverage({ path: f.path, module: 'src', codeLines: [[1, f.lines]], reading: f.path === 'src/routes.ts' ? { ranges: [[1, 40]], seconds: 1 } : undefined }));

  it('ranks by closeness to entry points first, with reasons', () => {
    const top = nextUnread({ files: cov, map: { files }, entries: [{ file: 'src/routes.ts' }] });
    assert.equal(top.some((p) => p.path === 'src/routes.ts'), false, 'fully read files are not places');
    assert.equal(top[0].path, 'src/service.ts');
    assert.ok(top[0].reasons.includes('1 import from an entry point'));
    assert.deepEqual(top[0].range, { start: 1, end: 60 });
  });

  it('without entries, fan-in and size decide; a hotspot lifts a file', () => {
    const plain = nextUnread({ files: cov, map: { files } });
    assert.equal(plain[0].path, 'src/util.ts'); // imported by 3 files
    assert.ok(plain[0].reasons.includes('imported by 3 files'));
    const hot = nextUnread({ files: cov, map: { files }, hotspots: { 'src/admin.ts': 1 }, limit: 2 });
    assert.equal(hot.length, 2);
    assert.equal(hot[0].path, 'src/admin.ts');
  });

  it('test files in scope come after the code they test, however close to an entry point', () => {
    const withTests = [...files, file('src/routes.test.ts', ['src/routes.ts', 'src/service.ts'], 300), file('test/fixtures/db.ts', [], 10)];
    const covTests = withTests.map((f) => fileCoverage({ path: f.path, module: 'src', codeLines: [[1, f.lines]] }));
    const top = nextUnread({ files: covTests, map: { files: withTests }, entries: [{ file: 'src/routes.test.ts' }], limit: 10 });
    const paths = top.map((p) => p.path);
    assert.deepEqual(paths.slice(-2).sort(), ['src/routes.test.ts', 'test/fixtures/db.ts'], paths.join(', '));
    assert.equal(paths.length, 7);
  });

  it('the first places of a long list are those a sort of every place gives, ties in their order', () => {
    // Many files, several symbols each, scores that tie (same size, same distance): the places
    // kept while ranking must be the head of the full order, whatever the limit.
    const many: FileInfo[] = [];
    for (let i = 0; i < 40; i++) {
      const f = file(`src/m${String(i % 7)}/f${String(i)}.ts`, i % 3 ? [`src/m0/f${String(i % 5)}.ts`] : [], 90);
      f.symbols = [10, 40, 70].map((start, k) => ({ name: `s${String(k)}`, kind: 'function', path: `s${String(k)}`, range: { start, end: start + 5 + ((i * k) % 20) }, nameLine: start }));
      many.push(f);
    }
    const covMany = many.map((f, i) => fileCoverage({ path: f.path, module: 'src', codeLines: [[1, 90]], reading: i % 4 === 0 ? { ranges: [[12, 30]], seconds: 1 } : undefined }));
    const entries = [{ file: 'src/m1/f1.ts' }, { file: 'src/m2/f9.ts', symbol: 's1' }, { file: 'src/m3/f10.ts', line: 72 }];
    const all = nextUnread({ files: covMany, map: { files: many }, entries, limit: 10_000 });
    assert.ok(all.length > 100, 'a long list');
    assert.ok(all.some((p, i) => i > 0 && p.score === all[i - 1].score), 'with ties');
    for (const limit of [1, 5, 17, 60]) assert.deepEqual(nextUnread({ files: covMany, map: { files: many }, entries, limit }), all.slice(0, limit), `limit ${String(limit)}`);
  });

  it('after an edit (one file read further, another importing something else) the ranking is the one made from fresh objects', () => {
    const many: FileInfo[] = [];
    for (let i = 0; i < 30; i++) many.push(file(`src/m${String(i % 4)}/f${String(i)}.ts`, i % 3 ? [`src/m0/f${String(i % 5)}.ts`] : [], 40 + i));
    const covOf = (fs: FileInfo[], readTo: (p: string) => number) => fs.map((f) => fileCoverage({ path: f.path, module: 'src', codeLines: [[1, f.lines]], reading: readTo(f.path) ? { ranges: [[1, readTo(f.path)]], seconds: 1 } : undefined }));
    const entries = [{ file: 'src/m1/f1.ts' }, { file: 'src/m2/f2.ts' }];
    const cov = covOf(many, () => 0);
    const before = nextUnread({ files: cov, map: { files: many }, entries, limit: 8 });
    // The edit: f4 read nearly to its end (a new coverage object), f7 now imports f0 (a new imports array).
    const edited = many.map((f) => (f.path === 'src/m3/f7.ts' ? { ...f, imports: ['src/m0/f0.ts', 'src/m0/f4.ts'] } : f));
    const cov2 = cov.map((c, i) => (c.path === 'src/m0/f4.ts' ? covOf([many[i]], () => 40)[0] : c));
    const after = nextUnread({ files: cov2, map: { files: edited }, entries, limit: 8 });
    const fresh = nextUnread({ files: structuredClone(cov2), map: { files: structuredClone(edited) }, entries: structuredClone(entries), limit: 8 });
    assert.deepEqual(after, fresh);
    assert.notDeepEqual(after, before, 'the edit changes the ranking');
    // And back: the first ranking again.
    assert.deepEqual(nextUnread({ files: cov, map: { files: many }, entries, limit: 8 }), before);
  });

  it('outermost symbols: the sweep keeps exactly those no other symbol strictly contains', () => {
    // Deterministic pseudo-random nests, duplicates and overlaps, checked against the rule itself.
    let seed = 3;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 200; round++) {
      const symbols: SymbolInfo[] = Array.from({ length: 1 + rand(12) }, (_, i) => {
        const start = 1 + rand(30);
        return { name: `s${i}`, kind: 'function', path: `s${i}`, range: { start, end: start + rand(15) }, nameLine: start };
      });
      const naive = symbols.filter((s) => !symbols.some((o) => o !== s && o.range.start <= s.range.start && o.range.end >= s.range.end && (o.range.start < s.range.start || o.range.end > s.range.end)));
      assert.deepEqual(outermost(symbols), naive);
    }
  });
  it('a place spread over a 243-line file selects only its first stretch of unread code (issue 16, point 8)', () => {
    // Top-level code (no symbol holds it): unread at 1-30 and 200-243, read in between. The place
    // runs 1-243; what the editor selects must not take in the 169 read lines.
    const big: FileInfo = { ...file('src/app.ts', [], 243), symbols: [] };
    const c = fileCoverage({ path: 'src/app.ts', module: 'src', codeLines: [[1, 243]], reading: { ranges: [[31, 199]], seconds: 1 } });
    const [place] = nextUnread({ files: [c], map: { files: [big] } });
    assert.deepEqual(place.range, { start: 1, end: 243 });
    assert.deepEqual(place.focus, { start: 1, end: 30 });
    assert.deepEqual(c.readRanges.filter(([s, e]) => s <= place.focus.end && e >= place.focus.start), [], 'no read line in the focus');
  });

  it('the stretch runs over blank and comment lines between unread code, and stops at read code', () => {
    // Line 13 is blank (neither code nor read); 21-22 are read.
    assert.deepEqual(firstUnreadStretch([[10, 12], [14, 20], [23, 30]], [[21, 22]]), { start: 10, end: 20 });
    assert.deepEqual(firstUnreadStretch([[14, 20], [10, 12]], []), { start: 10, end: 20 });
    assert.deepEqual(firstUnreadStretch([[5, 5]], [[1, 4], [6, 9]]), { start: 5, end: 5 });
  });

  it('the status text stays short enough to read beside the other status bar items', () => {
    const place = { path: 'packages/core/server/services/auth/session/sessionStore.ts', focus: { start: 112, end: 158 }, symbol: 'SessionStore.createSessionWithRefreshTokenAndDeviceFingerprint' };
    const text = placeStatusText(place);
    assert.ok(text.length <= PLACE_STATUS_MAX, `${text.length}: ${text}`);
    assert.ok(text.endsWith(' · sessionStore.ts:112-158'), text);
    assert.ok(text.startsWith('Next unread: SessionStore.create'), text);
    assert.equal(placeStatusText({ path: 'src/a.ts', focus: { start: 3, end: 3 } }), 'Next unread: a.ts:3');
    assert.equal(placeStatusText({ path: 'src/a.ts', focus: { start: 3, end: 9 }, symbol: 'login' }), 'Next unread: login · a.ts:3-9');
  });
});

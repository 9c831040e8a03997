import * as assert from 'node:assert/strict';
import { analyzeHistory, countDecisions, rankHotspots, repoInfo } from '../../../src/core/history/index';
import { DECISION_TYPES } from '../../../src/core/history/complexity';
import { recentlyChanged } from '../../../src/core/history/complexityPrefetch';
import { createParser } from '../../../src/core/parse/languages';
import type { LanguageId } from '../../../src/core/parse/languages';
import type { Parser } from 'web-tree-sitter';
import { ALICE, BOB, NOW, TestRepo } from './gitFixture';

async function decisions(lang: LanguageId, source: string): Promise<number | undefined> {
  const parser = await createParser(lang);
  try {
    return countDecisions(parser, lang, source);
  } finally {
    parser.delete();
  }
}

describe('history: complexity and hotspots', () => {
  it('counts decision points per language from the tree-sitter tree', async () => {
    // if, &&, ||, ??, for, for-of, while, do, case (not default), catch, ?: = 11
    const ts = 'function f(a, b, c, d, x, y) { if (a && b || c ?? d) {} for (;;) {} for (const v of y) {} while (a) {} do {} while (b);\n switch (x) { case 1: break; default: } try {} catch (e) {} return a ? 1 : 2; }\n';
    assert.equal(await decisions('typescript', ts), 11);
    assert.equal(await decisions('javascript', ts), 11);
    // if, and, or, elif, for, while, except, conditional, comprehension for + if, case = 11
    const py = 'def f(x, y, z, b):\n  if x and y or z:\n    pass\n  elif x:\n    pass\n  for a in b:\n    pass\n  while x:\n    pass\n  try:\n    pass\n  except E:\n    pass\n  y = 1 if x else 2\n  z = [a for a in b if a]\n  match x:\n    case 1:\n      pass\n';
    assert.equal(await decisions('python', py), 11);
    // if, &&, ||, for, case, type case, select case = 7 (default is no decision)
    const go = 'package a\nfunc f(x int, z any, c chan int) {\n if x > 1 && x < 2 || x == 3 {}\n for {}\n switch x { case 1: default: }\n switch z.(type) { case int: }\n select { case <-c: }\n}\n';
    assert.equal(await decisions('go', go), 7);
    // if, &&, ||, for, for-each, while, do, case, catch, ?: = 10
    const java = 'class A { int f(boolean a, boolean b, boolean c, int x, int[] y) { if (a && b || c) {} for (;;) {} for (int v : y) {} while (a) {} do {} while (b);\n switch (x) { case 1: break; default: } try {} catch (Exception e) {} return a ? 1 : 2; } }\n';
    assert.equal(await decisions('java', java), 10);
    assert.equal(await decisions('typescript', 'export const x = 1;\n'), 0);
  });

  it('counts the same decision points as a walk of every node, broken code included', async () => {
    // The count is one search inside the runtime; the reference is a cursor over every node,
    // comparing type names (named nodes and anonymous tokens alike).
    const walked = (parser: Parser, source: string): Map<string, number> => {
      const tree = parser.parse(source);
      assert.ok(tree);
      const cursor = tree.walk();
      // Under a key no node type has: whether the tree holds a syntax error.
      const seen = new Map<string, number>([[' error', tree.rootNode.hasError ? 1 : 0]]);
      try {
        for (;;) {
          seen.set(cursor.nodeType, (seen.get(cursor.nodeType) ?? 0) + 1);
          if (cursor.gotoFirstChild()) continue;
          while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return seen;
        }
      } finally {
        cursor.delete();
        tree.delete();
      }
    };
    const samples: [LanguageId, string[], string][] = [
      ['typescript', ['if_statement', 'for_in_statement', 'switch_case', 'ternary_expression', '&&', '||', '??', 'catch_clause'], 'function f(a: any) { if (a && (a.b || a.c ?? 1)) { for (const k in a) {} } switch (a) { case 1: case 2: break } try {} catch {} return a ? 1 : 2 }\nif (x && { broken: \n'],
      ['tsx', ['if_statement', 'ternary_expression', '&&', '||'], 'const C = (p: P) => <div>{p.a && <b/>}{p.b ? 1 : 2}</div>;\nfunction g() { if (a || b) {} }\nconst D = () => <p>{a && </p>;\n'],
      ['javascript', ['if_statement', 'while_statement', 'do_statement', '&&', '||', '??', 'switch_case'], 'while (a && b) { do { if (c || d ?? e) break } while (f) }\nswitch (x) { case 1: }\nif (a && ) {\n'],
      ['python', ['if_statement', 'elif_clause', 'for_in_clause', 'if_clause', 'and', 'or', 'conditional_expression'], 'def f(a):\n  if a and not a or a:\n    return [x for x in a if x and x] if a else 0\n  elif a or b:\n    pass\nx = (1 +\n'],
      ['go', ['if_statement', 'for_statement', 'expression_case', '&&', '||'], 'package p\nfunc f(a int) { if a > 1 && a < 2 || a == 3 { for {} }\n switch a { case 1: }\n if a && {\n'],
      ['java', ['if_statement', 'enhanced_for_statement', 'case', '&&', '||', 'ternary_expression'], 'class A { void f(int a, int[] b) { if (a > 1 && a < 2 || a == 3) {} for (int x : b) {} switch (a) { case 1: break; } int y = a > 0 ? 1 : 2; if (a && ) }\n'],
      ['kotlin', ['if_expression', 'when_entry', 'for_statement', '&&', '||', '?:'], 'fun f(a: Int?, b: List<Int>) {\n if (a != null && a > 1 || a == 3) {}\n val c = a ?: 0\n for (x in b) {}\n when (a) {\n 1 -> {}\n else -> {}\n }\n}\nfun g() { if (a && ) }\n'],
    ];
    for (const [lang, mustSee, source] of samples) {
      const parser = await createParser(lang);
      try {
        const seen = walked(parser, source);
        for (const t of mustSee) assert.ok(seen.get(t), `${lang}: the sample has a ${t}`);
        assert.ok(seen.get(' error'), `${lang}: the sample has a syntax error`);
        const expected = [...new Set([...mustSee, ...DECISION_TYPES[lang]])].reduce((n, t) => n + (seen.get(t) ?? 0), 0);
        assert.equal(countDecisions(parser, lang, source), expected, lang);
      } finally {
        parser.delete();
      }
    }
  });

  it('ranks by churn × complexity, with ties broken by churn then path', () => {
    const ranked = rankHotspots(
      [{ path: 'a.ts', churn: 2 }, { path: 'b.ts', churn: 10 }, { path: 'c.ts', churn: 5 }, { path: 'd.md', churn: 50 }, { path: 'e.ts', churn: 4 }],
      new Map([['a.ts', 30], ['b.ts', 1], ['c.ts', 2], ['e.ts', 5]]),
      new Map([['a.ts', 'm']]),
    );
    assert.deepEqual(ranked.map((h) => [h.path, h.score]), [['a.ts', 60], ['e.ts', 20], ['b.ts', 10], ['c.ts', 10]]);
    assert.equal(ranked[0].module, 'm');
  });

  it('puts the complex, often-changed file first in a real repository', async () => {
    const repo = new TestRepo();
    try {
      const branchy = (n: number) => `export function f(x: number): number {\n${Array.from({ length: n }, (_, i) => `  if (x === ${i}) return ${i};`).join('\n')}\n  return -1;\n}\n`;
      repo.commit(ALICE, 200, { 'src/rules.ts': branchy(5), 'src/plain.ts': 'export const a = 1;\n', 'src/quiet.ts': branchy(40), 'README.md': '# r\n' });
      for (let i = 0; i < 4; i++) {
        repo.commit(i % 2 ? ALICE : BOB, 100 - i * 10, { 'src/rules.ts': branchy(6 + i), 'src/plain.ts': `export const a = ${i + 2};\n`, 'README.md': `# r${i}\n` });
      }
      const report = await analyzeHistory(repo.dir, { trusted: true, now: NOW });
      assert.deepEqual(report.hotspots.map((h) => [h.path, h.churn, h.complexity]), [
        ['src/rules.ts', 5, 10],
        ['src/quiet.ts', 1, 41],
        ['src/plain.ts', 5, 1],
      ]);
      assert.equal(report.hotspots[0].score, 50);
      assert.equal(report.hotspots[0].module, 'src');
      // Commits 80 and 70 days ago fall in a 90-day window; the one 90 days ago does not.
      const recent = await analyzeHistory(repo.dir, { trusted: true, now: NOW, hotspotDays: 90 });
      assert.deepEqual(recent.hotspots.map((h) => [h.path, h.churn]), [['src/rules.ts', 2], ['src/plain.ts', 2]]);
    } finally {
      repo.remove();
    }
  });

  it('gives the same report when the modules are computed while git runs and the hotspots are parsed beside it', async () => {
    const repo = new TestRepo();
    try {
      const branchy = (n: number) => `export function f(x: number): number {\n${Array.from({ length: n }, (_, i) => `  if (x === ${i}) return ${i};`).join('\n')}\n  return -1;\n}\n`;
      repo.commit(ALICE, 400, { 'src/rules.ts': branchy(5), 'src/old.ts': branchy(9), 'lib/plain.ts': 'export const a = 1;\n', 'README.md': '# r\n' });
      for (let i = 0; i < 4; i++) repo.commit(i % 2 ? ALICE : BOB, 100 - i * 10, { 'src/rules.ts': branchy(6 + i), 'lib/plain.ts': `export const a = ${i + 2};\n`, 'README.md': `# r${i}\n` });
      const modules = { 'src/rules.ts': 'src', 'src/old.ts': 'src', 'lib/plain.ts': 'lib' };
      // A record, no cache: complexity parsed after the log. A function: called while git runs,
      // with the likely hotspots parsed beside it (see complexityPrefetch.ts).
      const after = await analyzeHistory(repo.dir, { trusted: true, now: NOW, modules });
      let called = 0;
      const beside = await analyzeHistory(repo.dir, { trusted: true, now: NOW, modules: () => (called++, modules) });
      assert.equal(called, 1);
      assert.deepEqual({ ...beside, stats: { ...beside.stats, ms: 0 } }, { ...after, stats: { ...after.stats, ms: 0 } });
      // Modules that come later (the CLI's walk shares the thread with git's output), and the
      // caller told how many files are about to be parsed (mapped files of the window), once.
      const counts: number[] = [];
      const later = await analyzeHistory(repo.dir, { trusted: true, now: NOW, modules: async () => modules, beforeParses: (n) => counts.push(n) });
      assert.deepEqual({ ...later, stats: { ...later.stats, ms: 0 } }, { ...after, stats: { ...after.stats, ms: 0 } });
      assert.deepEqual(counts, [2]);
      assert.deepEqual(beside.hotspots.map((h) => [h.path, h.churn, h.complexity]), [['src/rules.ts', 4, 10], ['lib/plain.ts', 4, 1]]);
      // The guess: files of the window's commits (README too; the caller keeps mapped files only).
      const info = await repoInfo(repo.dir, true);
      assert.deepEqual((await recentlyChanged(repo.dir, info, 365, NOW)).sort(), ['README.md', 'lib/plain.ts', 'src/rules.ts']);
    } finally {
      repo.remove();
    }
  });
});

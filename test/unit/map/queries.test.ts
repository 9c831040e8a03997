import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFile } from '../../../src/core/map/extractFile';
import type { FileFacts } from '../../../src/core/map/facts';
import type { LanguageId } from '../../../src/core/parse/languages';
import { FIXTURES } from './helpers';
import { plain } from '../plain';

/**
 * Annotated fixtures, the way grammar repositories test their queries: each line's comment says
 * what must be found on that line (`@def kind path`, `@call callee caller`, `@import spec a=b`).
 */
interface Expectations {
  defs: { line: number; kind: string; path: string }[];
  calls: { line: number; callee: string; caller?: string }[];
  imports: { line: number; specifier: string; names: Record<string, string> }[];
}

function readAnnotations(text: string): Expectations {
  const out: Expectations = { defs: [], calls: [], imports: [] };
  text.split('\n').forEach((lineText, i) => {
    const line = i + 1;
    for (const m of lineText.matchAll(/@(def|call|import) ([^@]*)/g)) {
      const args = m[2].trim().split(/\s+/);
      if (m[1] === 'def') out.defs.push({ line, kind: args[0], path: args[1] });
      else if (m[1] === 'call') out.calls.push({ line, callee: args[0] === 'new' ? `new ${args[1]}` : args[0], caller: (args[0] === 'new' ? args[2] : args[1]) === '-' ? undefined : args[0] === 'new' ? args[2] : args[1] });
      else {
        const names: Record<string, string> = {};
        for (const pair of (args[1] ?? '').split(',').filter(Boolean)) {
          const [local, imported] = pair.split('=');
          names[local] = imported;
        }
        out.imports.push({ line, specifier: args[0], names });
      }
    }
  });
  return out;
}

const SAMPLES: [string, LanguageId][] = [
  ['sample.ts', 'typescript'],
  ['sample.tsx', 'tsx'],
  ['sample.js', 'javascript'],
  ['sample.py', 'python'],
  ['sample.go', 'go'],
  ['Sample.java', 'java'],
];

describe('map queries: annotated fixtures', () => {
  for (const [file, language] of SAMPLES) {
    describe(file, () => {
      const text = fs.readFileSync(path.join(FIXTURES, 'map', 'annotated', file), 'utf8');
      const want = readAnnotations(text);
      let facts: FileFacts;
      before(async () => {
        facts = await parseFile(file, text, language);
      });

      it('finds exactly the annotated definitions, with kinds and enclosing paths', () => {
        const got = facts.symbols.map((s) => `${s.nameLine} ${s.kind} ${s.path}`).sort();
        assert.deepEqual(got, want.defs.map((d) => `${d.line} ${d.kind} ${d.path}`).sort());
      });

      it('finds the annotated calls with their callers', () => {
        assert.ok(want.calls.length > 0);
        for (const c of want.calls) {
          const hit = facts.calls.find((x) => x.line === c.line && x.callee === c.callee);
          assert.ok(hit, `call ${c.callee} on line ${c.line}; got ${JSON.stringify(facts.calls.filter((x) => x.line === c.line))}`);
          assert.equal(hit.caller, c.caller, `caller of ${c.callee} on line ${c.line}`);
        }
      });

      it('finds exactly the annotated imports and the names they bind', () => {
        assert.deepEqual(
          plain(facts.imports.map((i) => ({ line: i.line, specifier: i.specifier, names: i.names }))),
          want.imports,
        );
      });

      it('counts no syntax errors in a clean file and fewer code lines than lines', () => {
        assert.equal(facts.parseErrors, 0);
        assert.ok(facts.codeLines < facts.lines && facts.codeLines > facts.lines / 2, `${facts.codeLines}/${facts.lines}`);
      });
    });
  }

  it('still yields the symbols of a file with syntax errors, and counts the errors', async () => {
    const text = 'export class A {\n  ok() { return 1; }\n}\nconst x = ;\nexport function after() { return 2; }\n';
    const facts = await parseFile('broken.ts', text, 'typescript');
    assert.ok(facts.parseErrors > 0);
    assert.ok(facts.symbols.some((s) => s.path === 'A.ok'), JSON.stringify(facts.symbols));
    assert.ok(facts.symbols.some((s) => s.path === 'after'), JSON.stringify(facts.symbols));
    const py = await parseFile('broken.py', 'def good():\n    return 1\n\ndef bad(:\n    pass\n', 'python');
    assert.ok(py.parseErrors > 0);
    assert.ok(py.symbols.some((s) => s.path === 'good'));
  });

  it('counts code lines: blank and comment-only lines are not code, trailing comments are', async () => {
    const text = '// header\n\nconst a = 1; // trailing\n/* block\n   still comment */\nconst b = /* inline */ 2;\n';
    const facts = await parseFile('c.ts', text, 'typescript');
    assert.equal(facts.lines, 6);
    assert.equal(facts.codeLines, 2);
  });
});

// The Go extractor reads a plain copy of the tree (go/goNode.ts, parse/liteTree.ts keeping the
// named nodes and the tokens that fill a field) instead of web-tree-sitter's Node objects. The
// copy must answer as the real nodes do, node by node, for every member the Go readers use, and
// the facts extracted from it must be the ones the real tree gives: on every Go file of the
// fixtures and on snippets with odd syntax.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { createParser } from '../../../src/core/parse/languages';
import { liteTree } from '../../../src/core/parse/liteTree';
import { goRoot, type GoNode } from '../../../src/core/entry/go/goNode';
import { extractGoFrom } from '../../../src/core/entry/go/extract';
import { ModuleIndex } from '../../../src/core/entry/resolveModule';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

const SNIPPETS: string[] = [
  '',
  '// only a comment\n',
  '\n\n  package main\r\n\r\nimport "net/http"\n\nfunc main() { http.HandleFunc("/é😀", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`x\ny`)) }) }\n',
  'package p\nfunc f( {\n  if x { return\n}\nvar = ;\n',
  'package p\nfunc (s *S) routes() { r := chi.NewRouter(); r.Route("/a", func(r chi.Router) { r.Get("/{id}", s.get) }); if err := check(); err != nil && !ok { return } }\n',
];

/** The types the Go readers ask descendantsOfType for, alone and together. */
const READ_TYPES: (string | string[])[] = [
  'call_expression',
  'if_statement',
  'return_statement',
  ['function_declaration', 'method_declaration', 'func_literal'],
  ['call_expression', 'return_statement'],
  'selector_expression',
  'interpreted_string_literal',
  'comment',
];

function goFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...goFiles(p));
    else if (e.name.endsWith('.go')) out.push(p);
  }
  return out;
}

async function compare(text: string, where: string, file: string): Promise<number> {
  const parser = await createParser('go');
  const tree = parser.parse(text)!;
  const fields = tree.language.fields.filter((f): f is string => !!f);
  try {
    const lite = goRoot(tree);
    assert.ok(lite !== (tree.rootNode as unknown), `${where}: the copy is used`);
    assert.deepEqual(shape(liteTree(tree, text, true, 'named')), shape(lite), `${where}: direct and public cursor walks`);
    let count = 0;
    const stack: [Node, GoNode][] = [[tree.rootNode, lite]];
    while (stack.length) {
      const [real, copy] = stack.pop()!;
      const at = `${where}: ${real.type}@${real.startIndex}`;
      count++;
      assert.deepEqual([copy.type, copy.isNamed, copy.startIndex, copy.endIndex, copy.text], [real.type, real.isNamed, real.startIndex, real.endIndex, real.text], at);
      assert.deepEqual([copy.startPosition.row, copy.endPosition.row, copy.endPosition.column === 0], [real.startPosition.row, real.endPosition.row, real.endPosition.column === 0], `${at} rows`);
      assert.deepEqual(where_(copy.parent), where_(real.parent), `${at} parent`);
      assert.deepEqual(where_(copy.previousNamedSibling), where_(real.previousNamedSibling), `${at} previous named sibling`);
      assert.deepEqual(where_(copy.nextNamedSibling), where_(real.nextNamedSibling), `${at} next named sibling`);
      // Of the tokens, only those that fill a field: the Go readers look at none other.
      const kept = real.children.filter((c, i) => c!.isNamed || !!real.fieldNameForChild(i)) as Node[];
      assert.deepEqual(copy.children.map(where_), kept.map(where_), `${at} children`);
      assert.deepEqual(copy.namedChildren.map(where_), real.namedChildren.map(where_), `${at} named children`);
      assert.equal(copy.namedChildCount, real.namedChildCount, `${at} named child count`);
      for (const f of fields) {
        assert.deepEqual(where_(copy.childForFieldName(f)), where_(real.childForFieldName(f)), `${at} field ${f}`);
        assert.deepEqual(copy.childrenForFieldName(f).map(where_), real.childrenForFieldName(f).map(where_), `${at} fields ${f}`);
      }
      for (const types of READ_TYPES) assert.deepEqual(copy.descendantsOfType(types).map(where_), real.descendantsOfType(types).map(where_), `${at} descendants ${String(types)}`);
      assert.equal(copy.tree.rootNode, lite, `${at} tree`);
      for (let i = kept.length - 1; i >= 0; i--) stack.push([kept[i], copy.children[i]!]);
    }
    // The facts from either kind of node are the same.
    const modules = new ModuleIndex([file]);
    assert.deepEqual(extractGoFrom(lite, file, modules), extractGoFrom(tree.rootNode, file, modules), `${where}: Go facts`);
    return count;
  } finally {
    tree.delete();
    parser.delete();
  }
}

function where_(n: { type: string; startIndex: number; endIndex: number } | null | undefined): string | null {
  return n ? `${n.type}@${n.startIndex}-${n.endIndex}` : null;
}

function shape(n: GoNode): unknown {
  return [n.type, n.startIndex, n.endIndex, n.children.map((c) => shape(c!))];
}

describe('Go plain tree copy', () => {
  it('answers as the real nodes on snippets with odd syntax', async () => {
    for (const [i, s] of SNIPPETS.entries()) await compare(s, `snippet ${i}`, `snippet${i}.go`);
  });

  it('answers as the real nodes on every Go fixture, and gives the same facts', async function () {
    this.timeout(300000);
    let nodes = 0;
    const files = goFiles(FIXTURES);
    assert.ok(files.length > 50, 'the Go fixtures are found');
    for (const f of files) nodes += await compare(fs.readFileSync(f, 'utf8'), path.relative(FIXTURES, f), path.relative(FIXTURES, f).split(path.sep).join('/'));
    assert.ok(nodes > 10000);
  });
});

// The entry-fact extractor walks a plain copy of the tree (parse/liteTree.ts) instead of
// web-tree-sitter's Node objects. Its answers must be the ones the real nodes give, node by node:
// type, range, rows, text, children, parent, every field and descendantsOfType. The copy leaves
// out what no reader looks at (punctuation, the inside of strings, comments and names, a
// template's text between substitutions): the nodes it keeps answer as the real ones, and what
// the readers make of it (entry facts, non-HTTP entry points) is the same as from the real tree.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { createParser, languageForPath, type LanguageId } from '../../../src/core/parse/languages';
import { liteTree, type SyntaxNode } from '../../../src/core/parse/liteTree';
import { extractJsFacts } from '../../../src/core/entry/facts/jsFacts';
import { detectJsOthers } from '../../../src/core/entry/otherEntriesScript';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

/** Syntax the fixtures of real routes may not have: errors, unicode, CRLF, odd nesting. */
const SNIPPETS: [LanguageId, string][] = [
  ['javascript', ''],
  ['javascript', '// only a comment\n'],
  ['javascript', "\n\n  const a = `x${b}y${`in${c}`}`; /* é😀 */ const d = '😀' + a;\r\nrouter.get('/p', (req, res) => res.send(1));\r\n"],
  ['javascript', 'const o = { get x() { return require("./x"); }, set y(v) {}, [k]: 1, ...rest, m() {} };\nclass A extends B { static s = 1; #p; get g() { return this.#p; } }\n'],
  ['javascript', 'function f( {\n  if (x) return next(\n}\nconst = ;\n'],
  ['javascript', 'label: for (const [a, {b = 1}] of xs) { switch (a) { case 1: break label; default: continue; } }\nvoid (async () => { await import("./m"); })();\n'],
  ['typescript', '@Controller("/a") export class C { constructor(private readonly s: S) {} @Get(":id") async get(@Param("id") id: string): Promise<X> { return this.s.find(id)!; } }\nexport default (x as unknown) satisfies Y;\nenum E { A = "a" }\n'],
  ['typescript', 'export * from "./a"; export { b as c } from "./b"; import d, { e } from "./d"; export = f;\nnamespace N { export const z = <T,>(v: T) => v; }\n'],
  ['tsx', 'export const App = () => <Route path="/x" element={<X a={`t${1}`} />} />;\nfunction g<T>(a: T) { return a; }\n'],
  ['typescript', 'const x = {\n  a: 1,\n  b: (\n'],
  ['javascript', "setInterval(tick, 1000);\ncron.schedule('* * * * *', () => run());\nchannel.consume('q', onMsg);\nfunction main() {}\nif (require.main === module) main();\nconst resolvers = { Query: { users: () => [], me() {} }, Mutation: { add: addUser } };\n"],
  ['typescript', '@Resolver() class R { @Query() @UseGuards(G) users() {} @Mutation() add() {} }\nbootstrap().catch(() => 1);\nasync function bootstrap() {}\n'],
];

async function compareAll(language: LanguageId, text: string, where: string): Promise<number> {
  const parser = await createParser(language);
  const tree = parser.parse(text)!;
  const fields = tree.language.fields.filter((f): f is string => !!f);
  const lite = liteTree(tree, text);
  // The direct wasm walk and the public TreeCursor build the same copy.
  assert.deepEqual(shape(liteTree(tree, text, true)), shape(lite), `${where}: direct and public cursor walks`);
  let count = 0;
  const stack: [Node, SyntaxNode][] = [[tree.rootNode, lite]];
  try {
    while (stack.length) {
      const [real, copy] = stack.pop()!;
      const at = `${where}: ${real.type}@${real.startIndex}`;
      count++;
      assert.equal(copy.type, real.type, at);
      assert.equal(copy.isNamed, real.isNamed, at);
      assert.equal(copy.startIndex, real.startIndex, at);
      assert.equal(copy.endIndex, real.endIndex, at);
      assert.equal(copy.startPosition.row, real.startPosition.row, at);
      assert.equal(copy.endPosition.row, real.endPosition.row, at);
      assert.equal(copy.text, real.text, at);
      assert.equal(copy.parent?.startIndex, real.parent?.startIndex, `${at} parent`);
      assert.equal(copy.parent?.type, real.parent?.type, `${at} parent`);
      let prev = real.previousNamedSibling;
      while (prev && !kept(prev)) prev = prev.previousNamedSibling;
      assert.equal(copy.previousNamedSibling?.startIndex, prev?.startIndex, `${at} previous named sibling`);
      const keptChildren = real.children.filter((c) => kept(c!)) as Node[];
      assert.deepEqual(
        copy.children.map((c) => c!.type),
        keptChildren.map((c) => c.type),
        `${at} children`,
      );
      assert.deepEqual(
        copy.namedChildren.map((c) => c!.startIndex),
        keptChildren.filter((c) => c.isNamed).map((c) => c.startIndex),
        `${at} named children`,
      );
      for (const f of fields) {
        const a = real.childForFieldName(f);
        const b = copy.childForFieldName(f);
        assert.deepEqual(b && [b.type, b.startIndex, b.endIndex], a && kept(a) ? [a.type, a.startIndex, a.endIndex] : null, `${at} field ${f}`);
      }
      for (const types of READ_TYPES) {
        const a = real.descendantsOfType(types).map((d) => `${d!.type}@${d!.startIndex}`);
        const b = copy.descendantsOfType(types).map((d) => `${d!.type}@${d!.startIndex}`);
        assert.deepEqual(b, a, `${at} descendants ${String(types)}`);
      }
      for (let i = 0; i < keptChildren.length; i++) stack.push([keptChildren[i], copy.children[i]!]);
    }
    const ids = new Set<number>();
    const walk = (n: SyntaxNode): void => {
      assert.ok(!ids.has(n.id), `${where}: ids are unique`);
      ids.add(n.id);
      for (const c of n.children) walk(c!);
    };
    walk(lite);
    // The extractor and the non-HTTP detector read either kind of node: the same answers.
    assert.deepEqual(extractJsFacts(lite), extractJsFacts(tree.rootNode), `${where}: entry facts`);
    const file = `src/${where.replace(/[^\w.]/g, '_')}.ts`;
    const others = detectJsOthers(tree.rootNode, file, text);
    assert.deepEqual(detectJsOthers(lite, file, text), others, `${where}: other entries`);
    // On the parser's own tree the calls of interest are found by position (a bundle's): the same answer.
    assert.deepEqual(detectJsOthers(tree.rootNode, file, text, tree), others, `${where}: other entries by position`);
  } finally {
    tree.delete();
    parser.delete();
  }
  return count;
}

/** The types the readers ask descendantsOfType for: never left out of the copy. */
const READ_TYPES: (string | string[])[] = [
  ['function_declaration', 'arrow_function', 'function', 'function_expression', 'method_definition'],
  'this',
  'comment',
  'call_expression',
  ['call_expression', 'new_expression'],
  'binary_expression',
  ['function_declaration', 'variable_declarator'],
  'pair',
  'decorator',
];

/** Types whose children the copy leaves out (liteTree.ts PRUNED_BELOW). */
const LEAVES = new Set(['string', 'regex', 'comment', 'number', 'identifier', 'property_identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern', 'private_property_identifier', 'type_identifier', 'statement_identifier', 'hash_bang_line', 'jsx_text', 'html_comment']);

/** Whether the copy keeps this node (its parent being kept). */
function kept(n: Node): boolean {
  const parent = n.parent;
  if (!parent) return true;
  if (LEAVES.has(parent.type)) return false;
  if (parent.type === 'template_string') return n.type === 'template_substitution';
  if (n.isNamed || /[A-Za-z]/.test(n.type)) return true;
  // Punctuation stays only where it fills a field (an operator).
  const i = parent.children.findIndex((c) => c!.startIndex === n.startIndex && c!.endIndex === n.endIndex && c!.type === n.type);
  return parent.fieldNameForChild(i) !== null;
}

function shape(n: SyntaxNode): unknown {
  return [n.type, n.isNamed, n.startIndex, n.endIndex, (n as { field?: string }).field ?? null, n.children.map((c) => shape(c!))];
}

function jsFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) jsFiles(p, out);
    else if (/\.[cm]?[jt]sx?$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('liteTree: a plain copy of the tree answers as web-tree-sitter nodes do', () => {
  it('odd syntax: errors, missing nodes, unicode, CRLF, templates, getters, decorators, JSX', async () => {
    for (const [i, [language, text]] of SNIPPETS.entries()) assert.ok((await compareAll(language, text, `snippet ${i}`)) > 0);
  });

  it('every JS/TS file of the route fixtures', async function () {
    this.timeout(120_000);
    let nodes = 0;
    for (const file of jsFiles(path.join(FIXTURES, 'routes'))) {
      const language = languageForPath(file);
      if (language) nodes += await compareAll(language, fs.readFileSync(file, 'utf8'), path.relative(FIXTURES, file));
    }
    assert.ok(nodes > 1000, `compared ${nodes} nodes`);
  });
});

describe('liteTree: what the copy leaves out', () => {
  it('keeps no punctuation but operators, nothing inside strings, names and comments, only the substitutions of a template', async () => {
    const text = "const a = f('x\\n', /re/g, 1); // note\nconst b = `p${a + 1}q\\t${g(a)}`;\nx.y = !z ?? a['k'];\n";
    const parser = await createParser('javascript');
    const tree = parser.parse(text)!;
    try {
      const lite = liteTree(tree, text);
      const types: string[] = [];
      const walk = (n: SyntaxNode): void => {
        types.push(n.isNamed ? n.type : `"${n.type}"`);
        if (['string', 'regex', 'comment', 'identifier', 'property_identifier', 'number'].includes(n.type)) assert.equal(n.children.length, 0, `${n.type} has no children`);
        if (n.type === 'template_string') assert.deepEqual(n.children.map((c) => c!.type), ['template_substitution', 'template_substitution']);
        for (const c of n.children) walk(c!);
      };
      walk(lite);
      // Operators fill a field and stay; keywords stay; brackets, commas, dots, quotes and `=` go.
      for (const t of ['"+"', '"!"', '"??"', '"const"']) assert.ok(types.includes(t), `${t} kept`);
      for (const t of ['"("', '")"', '","', '";"', '"."', '"="', '"`"', '"${"', '"\'"', 'string_fragment', 'escape_sequence', 'regex_pattern']) assert.ok(!types.includes(t), `${t} left out`);
      // Fewer nodes than the tree has, ids unique and in document order.
      let real = 0;
      const cursor = tree.walk();
      for (let more = true; more; ) {
        real++;
        if (cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) { more = false; break; }
      }
      cursor.delete();
      assert.ok(types.length < real * 0.7, `${types.length} of ${real} nodes`);
      // The root answers descendantsOfType from its index, in document order, as a walk does.
      const calls = lite.descendantsOfType(['call_expression', 'comment']).map((n) => `${n!.type}@${n!.startIndex}`);
      assert.deepEqual(calls, tree.rootNode.descendantsOfType(['call_expression', 'comment']).map((n) => `${n!.type}@${n!.startIndex}`));
      assert.equal(calls.length, 3);
    } finally {
      tree.delete();
      parser.delete();
    }
  });
});

// Symbols, imports, calls and line counts of one file from its tree-sitter tree: one walk over
// the map query's matches. Definitions and their nesting are in symbolDefs.ts, imports in
// rawImports.ts; this file holds the parser kits, the walk, calls and comment-only lines.
import type { Node, Parser, Query, QueryCapture, Tree } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import { createParser } from '../parse/languages';
import { tooLargeToParse } from '../parse/limits';
import { textForGrammar } from '../parse/grammarGaps';
import { extractJsFileEntry, JS_FILE_ENTRY_VERSION, takesJsFileEntry } from '../entry/jsFileEntry';
import { extractPassEntry, wantsPassEntry } from '../entry/passEntry';
import type { FileFacts, RawImport } from './facts';
import { errorQuery, mapQuery } from './queries';
import { extractMemberTypes } from './memberTypes';
import { moduleBindings } from './moduleBindings';
import { objectShapes } from './objectShapes';
import { localTypes } from './localTypes';
import type { AnonCandidate } from './anonymousUnits';
import type { CallInfo } from './types';
import type { Def } from './symbolDefs';
import { addDef, nest, withAnonymous } from './symbolDefs';
import { addImport } from './rawImports';
import { codeLinesFromComments } from '../coverage/codeLines';
import type { Pair } from '../coverage/ranges';

export type { FileFacts, RawImport } from './facts';

const MAX_CALLEE = 120;

/** A parser and the compiled queries for one language, created once per thread. */
export interface LanguageKit {
  language: LanguageId;
  parser: Parser;
  query: Query;
  errors: Query;
}

const kits = new Map<LanguageId, Promise<LanguageKit>>();

export function languageKit(language: LanguageId): Promise<LanguageKit> {
  let kit = kits.get(language);
  if (!kit) {
    kit = Promise.all([createParser(language), mapQuery(language), errorQuery(language)]).then(([parser, query, errors]) => ({
      language,
      parser,
      query,
      errors,
    }));
    kits.set(language, kit);
  }
  return kit;
}

/** Symbols, imports, calls and line counts of one file, on its own. */
export async function parseFile(_path: string, text: string, language: LanguageId): Promise<FileFacts> {
  // A file too large to parse (parse/limits.ts) gets its lines counted and no tree: the parser
  // would exhaust memory on it rather than fail.
  if (tooLargeToParse(text)) return unparsedFacts(text);
  return extractWith(await languageKit(language), text);
}

function unparsedFacts(text: string): FileFacts {
  // No tree: every non-blank line is code, the rule coverage applies to such a file too.
  const ranges = codeLinesFromComments(text, []);
  return { lines: lineCountOf(text), codeLines: countLines(ranges), codeLineRanges: flatten(ranges), symbols: [], imports: [], calls: [], parseErrors: 0, symbolCount: 0 };
}

function lineCountOf(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

function countLines(ranges: readonly Pair[]): number {
  let n = 0;
  for (const [a, b] of ranges) n += b - a + 1;
  return n;
}

function flatten(ranges: readonly Pair[]): number[] {
  const flat: number[] = [];
  for (const [a, b] of ranges) flat.push(a, b);
  return flat;
}

/** The synchronous core that workers call in their hot loop. The tree is freed before return. */
/**
 * `path` (root-relative) lets the entry facts of a JS/TS file be taken from the same tree;
 * `lazyEntry`: see extractJsFileEntry. `goFiles` (every Go file of the repository) lets a Go, Java
 * or Kotlin file's pass record be taken too (entry/passEntry.ts).
 */
export function extractWith(kit: LanguageKit, text: string, path?: string, lazyEntry = false, goFiles?: readonly string[]): FileFacts {
  // Same length and lines as `text`: what the tree points at is read from the original.
  const tree = kit.parser.parse(textForGrammar(kit.language, text));
  if (!tree) throw new Error('parser returned no tree');
  try {
    const facts = extractTree(kit, tree, text);
    if (path !== undefined && takesJsFileEntry(kit.language, path, text)) {
      try {
        facts.entry = extractJsFileEntry(tree, kit.language, path, text, lazyEntry);
      } catch (err) {
        // Kept as a failure (the entry-point pass warns with it), not as missing facts: those
        // would send the file back to the parser on every run.
        facts.entry = { v: JS_FILE_ENTRY_VERSION, factsError: err instanceof Error ? err.message : String(err) };
      }
    } else if (path !== undefined && goFiles && wantsPassEntry(kit.language, path)) {
      // A detector's failure is left to the pass, which reads the file itself and fails the same way.
      try {
        facts.entry = extractPassEntry(tree, kit.language, path, text, goFiles);
      } catch {
        // no record: the pass reads the file
      }
    }
    return facts;
  } finally {
    tree.delete();
  }
}

function oneLine(s: string): string {
  const flat = s.length > MAX_CALLEE ? s.slice(0, MAX_CALLEE) : s;
  return /\s/.test(flat) ? flat.replace(/\s+/g, '') : flat;
}

function extractTree(kit: LanguageKit, tree: Tree, text: string): FileFacts {
  const language = kit.language;
  const lines = lineCountOf(text);
  // Character spans of every comment: the code lines are computed from them by the rule coverage
  // uses (coverage/codeLines.ts), so coverage takes them from the map instead of parsing again.
  const comments: [number, number][] = [];

  const defs: Def[] = [];
  const calls: { callee: string; start: number; row: number }[] = [];
  const importsBySource = new Map<number, RawImport>();
  let packageName: string | undefined;
  const anons: AnonCandidate[] = [];
  const shapes: { name: string; node: Node }[] = [];

  for (const match of kit.query.matches(tree.rootNode)) {
    const caps = match.captures;
    const first = caps[0].name;
    if (first.startsWith('shape.')) shapes.push(caps[0]);
    else if (first.startsWith('anon.') || caps.some((c) => c.name === 'anon.body')) {
      addAnon(anons, caps);
    } else if (first.startsWith('definition.')) {
      addDef(defs, caps, language, text);
    } else if (first === 'reference.call' || first === 'reference.class') {
      let nameNode: Node | undefined;
      let objectNode: Node | undefined;
      for (const c of caps) {
        if (c.name === 'name') nameNode = c.node;
        else if (c.name === 'object') objectNode = c.node;
      }
      if (!nameNode) continue;
      const node = caps[0].node;
      // `await pool.query<T>(...)`: the TypeScript grammar puts the await inside the callee when
      // type arguments follow; the keyword is not part of the name.
      // Node.type is a call into WASM: ask only when the text could be an await.
      let callee = text.slice(nameNode.startIndex, nameNode.endIndex);
      if (callee.startsWith('await')) {
        while (nameNode.type === 'await_expression' && nameNode.namedChildren[0]) nameNode = nameNode.namedChildren[0];
        callee = text.slice(nameNode.startIndex, nameNode.endIndex);
      }
      if (objectNode) callee = `${text.slice(objectNode.startIndex, objectNode.endIndex)}.${callee}`;
      callee = oneLine(callee);
      if (first === 'reference.class') callee = `new ${callee}`;
      calls.push({ callee, start: node.startIndex, row: node.startPosition.row });
    } else if (first === 'reference.subscript') {
      // Python `Playlist[uid]`: an entity looked up by its key (Pony ORM) is a call of the class's
      // __getitem__; a type annotation (`Optional[str]`) is not.
      const node = caps[0].node;
      const object = caps.find((c) => c.name === 'object')?.node;
      if (!object || node.parent?.type === 'type' || node.parent?.parent?.type === 'type') continue;
      calls.push({ callee: `${text.slice(object.startIndex, object.endIndex)}.__getitem__`, start: node.startIndex, row: node.startPosition.row });
    } else if (first === 'comment') {
      comments.push([caps[0].node.startIndex, caps[0].node.endIndex]);
    } else if (first === 'import') {
      addImport(importsBySource, caps, language);
    } else if (first === 'package') {
      packageName = caps[0].node.text;
    }
  }

  let parseErrors = 0;
  if (tree.rootNode.hasError) parseErrors = kit.errors.captures(tree.rootNode).length || 1;

  const codeRanges = codeLinesFromComments(text, comments);

  const nested = nest(defs, calls, language);
  const { callers } = nested;
  const symbols = anons.length ? withAnonymous(nested.symbols, defs, anons) : nested.symbols;
  const callInfos: CallInfo[] = calls.map((c, i) => (callers[i] ? { callee: c.callee, line: c.row + 1, caller: callers[i] } : { callee: c.callee, line: c.row + 1 }));
  const imports = [...importsBySource.values()].sort((a, b) => a.line - b.line);
  const facts: FileFacts = { lines, codeLines: countLines(codeRanges), codeLineRanges: flatten(codeRanges), symbols, imports, calls: callInfos, parseErrors };
  if (packageName !== undefined) facts.packageName = packageName;
  const memberTypes = extractMemberTypes(tree.rootNode, language);
  if (memberTypes) facts.memberTypes = memberTypes;
  if (language === 'typescript' || language === 'tsx' || language === 'javascript') Object.assign(facts, moduleBindings(tree.rootNode), objectShapes(shapes), localTypes(shapes));
  return facts;
}

function addAnon(anons: AnonCandidate[], caps: QueryCapture[]): void {
  let body: Node | undefined;
  let callee: Node | undefined;
  let call: Node | undefined;
  let isDefault = false;
  for (const c of caps) {
    if (c.name === 'anon.body') body = c.node;
    else if (c.name === 'anon.callee') callee = c.node;
    else if (c.name === 'anon.call') call = c.node;
    else if (c.name === 'anon.default') isDefault = true;
  }
  if (!body) return;
  anons.push(isDefault ? { kind: 'default', body } : { kind: 'call', body, ...(callee ? { callee } : {}), ...(call ? { call } : {}) });
}

import type { Node, Parser, Query, QueryCapture, Tree } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import { createParser } from '../parse/languages';
import { tooLargeToParse } from '../parse/limits';
import { textForGrammar } from '../parse/grammarGaps';
import { extractJsFileEntry, JS_FILE_ENTRY_VERSION, wantsJsFileEntry } from '../entry/jsFileEntry';
import type { FileFacts, RawImport } from './facts';
import { errorQuery, mapQuery } from './queries';
import { extractMemberTypes } from './memberTypes';
import { moduleBindings } from './moduleBindings';
import type { AnonCandidate } from './anonymousUnits';
import { anonymousSymbols } from './anonymousUnits';
import type { CallInfo, SymbolInfo, SymbolKind } from './types';

export type { FileFacts, RawImport } from './facts';

interface Def {
  name: string;
  kind: SymbolKind;
  start: number;
  end: number;
  startRow: number;
  endRow: number;
  nameRow: number;
  receiver?: string;
  exported?: boolean;
}

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
  let lines = 0;
  let codeLines = 0;
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines++;
    if (text.slice(start, end).trim() !== '') codeLines++;
    start = end + 1;
  }
  return { lines, codeLines, symbols: [], imports: [], calls: [], parseErrors: 0, symbolCount: 0 };
}

/** The synchronous core that workers call in their hot loop. The tree is freed before return. */
/** `path` (root-relative) lets the entry facts of a JS/TS file be taken from the same tree. */
export function extractWith(kit: LanguageKit, text: string, path?: string): FileFacts {
  // Same length and lines as `text`: what the tree points at is read from the original.
  const tree = kit.parser.parse(textForGrammar(kit.language, text));
  if (!tree) throw new Error('parser returned no tree');
  try {
    const facts = extractTree(kit, tree, text);
    if (path !== undefined && wantsJsFileEntry(kit.language, path)) {
      try {
        facts.entry = extractJsFileEntry(tree, kit.language, path, text);
      } catch (err) {
        // Kept as a failure (the entry-point pass warns with it), not as missing facts: those
        // would send the file back to the parser on every run.
        facts.entry = { v: JS_FILE_ENTRY_VERSION, factsError: err instanceof Error ? err.message : String(err) };
      }
    }
    return facts;
  } finally {
    tree.delete();
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 12 && c !== 0xfeff) return false;
  }
  return true;
}

function oneLine(s: string): string {
  const flat = s.length > MAX_CALLEE ? s.slice(0, MAX_CALLEE) : s;
  return /\s/.test(flat) ? flat.replace(/\s+/g, '') : flat;
}

function extractTree(kit: LanguageKit, tree: Tree, text: string): FileFacts {
  const language = kit.language;
  const starts = lineStartsOf(text);
  const lines = text.length === 0 ? 0 : text.endsWith('\n') ? starts.length - 1 : starts.length;
  // Lines that hold something other than a comment; computed lazily below.
  const commentOnly = new Uint8Array(starts.length);

  const defs: Def[] = [];
  const calls: { callee: string; start: number; row: number }[] = [];
  const importsBySource = new Map<number, RawImport>();
  let packageName: string | undefined;
  const anons: AnonCandidate[] = [];

  for (const match of kit.query.matches(tree.rootNode)) {
    const caps = match.captures;
    const first = caps[0].name;
    if (first.startsWith('anon.') || caps.some((c) => c.name === 'anon.body')) {
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
      markComment(caps[0].node, text, starts, commentOnly);
    } else if (first === 'import') {
      addImport(importsBySource, caps, language);
    } else if (first === 'package') {
      packageName = caps[0].node.text;
    }
  }

  let parseErrors = 0;
  if (tree.rootNode.hasError) parseErrors = kit.errors.captures(tree.rootNode).length || 1;

  let codeLines = 0;
  for (let row = 0; row < lines; row++) {
    const end = row + 1 < starts.length ? starts[row + 1] : text.length;
    if (commentOnly[row] !== 1 && !isBlank(text, starts[row], end)) codeLines++;
  }

  const nested = nest(defs, calls, language);
  const { callers } = nested;
  const symbols = anons.length ? withAnonymous(nested.symbols, defs, anons) : nested.symbols;
  const callInfos: CallInfo[] = calls.map((c, i) => (callers[i] ? { callee: c.callee, line: c.row + 1, caller: callers[i] } : { callee: c.callee, line: c.row + 1 }));
  const imports = [...importsBySource.values()].sort((a, b) => a.line - b.line);
  const facts: FileFacts = { lines, codeLines, symbols, imports, calls: callInfos, parseErrors };
  if (packageName !== undefined) facts.packageName = packageName;
  const memberTypes = extractMemberTypes(tree.rootNode, language);
  if (memberTypes) facts.memberTypes = memberTypes;
  if (language === 'typescript' || language === 'tsx' || language === 'javascript') Object.assign(facts, moduleBindings(tree.rootNode));
  return facts;
}

/** A line is comment-only when a comment covers all of its non-blank text. */
function markComment(node: Node, text: string, starts: number[], commentOnly: Uint8Array): void {
  const s = node.startPosition.row;
  const e = node.endPosition.row;
  const from = node.startIndex;
  const to = node.endIndex;
  for (let row = s; row <= e; row++) {
    const lineStart = starts[row];
    const lineEnd = row + 1 < starts.length ? starts[row + 1] : text.length;
    const before = row === s ? isBlank(text, lineStart, from) : true;
    const after = row === e ? isBlank(text, to, lineEnd) : true;
    if (before && after) commentOnly[row] = 1;
  }
}

const DEF_KIND: Record<string, SymbolKind> = {
  'definition.function': 'function',
  'definition.method': 'method',
  'definition.class': 'class',
  'definition.interface': 'interface',
  'definition.type': 'type',
  'definition.enum': 'enum',
  'definition.module': 'module',
};

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

/** Named symbols plus the unnamed functions named by their context, in source order. */
function withAnonymous(symbols: SymbolInfo[], defs: Def[], anons: AnonCandidate[]): SymbolInfo[] {
  // nest() skips a definition matched twice; paths line up with the kept ones by start.
  const spans = symbols.map((s) => {
    const d = defs.find((x) => x.startRow + 1 === s.range.start && x.endRow + 1 === s.range.end && x.name === s.name)!;
    return { start: d.start, end: d.end, path: s.path };
  });
  const extra = anonymousSymbols(anons, spans);
  return [...symbols, ...extra].sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
}

function addDef(defs: Def[], caps: QueryCapture[], language: LanguageId, text: string): void {
  const node = caps[0].node;
  let nameNode: Node | undefined;
  let receiver: string | undefined;
  for (const c of caps) {
    if (c.name === 'name') nameNode = c.node;
    else if (c.name === 'receiver') receiver = c.node.text;
  }
  if (!nameNode) return;
  const name = nameNode.text;
  const def: Def = {
    name,
    kind: DEF_KIND[caps[0].name] ?? 'function',
    start: node.startIndex,
    end: node.endIndex,
    startRow: node.startPosition.row,
    endRow: node.endPosition.row,
    nameRow: nameNode.startPosition.row,
  };
  if (receiver) def.receiver = receiver;
  def.exported = isExported(node, name, language, text);
  defs.push(def);
}

function isExported(node: Node, name: string, language: LanguageId, text: string): boolean {
  switch (language) {
    case 'go':
      return name.charCodeAt(0) >= 65 && name.charCodeAt(0) <= 90;
    case 'python':
      return !name.startsWith('_');
    case 'java': {
      // Modifiers precede the name; look only at the declaration's head.
      const head = text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 300));
      const at = head.indexOf(name);
      return /\bpublic\b/.test(at >= 0 ? head.slice(0, at) : head);
    }
    case 'kotlin': {
      // Public unless said otherwise.
      const head = text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 300));
      const at = head.indexOf(name);
      return !/\b(private|internal|protected)\b/.test(at >= 0 ? head.slice(0, at) : head);
    }
    default: {
      let p: Node | null = node.parent;
      // `export const f = () => …`: declarator → lexical_declaration → export_statement.
      for (let i = 0; p && i < 2; i++, p = p.parent) if (p.type === 'export_statement') return true;
      return false;
    }
  }
}

function addImport(bySource: Map<number, RawImport>, caps: QueryCapture[], language: LanguageId): void {
  let source: Node | undefined;
  let fn: string | undefined;
  let name: string | undefined;
  let alias: string | undefined;
  let def: string | undefined;
  let ns: string | undefined;
  let wildcard = false;
  for (const c of caps) {
    switch (c.name) {
      case 'import.source':
        source = c.node;
        break;
      case 'import.fn':
        fn = c.node.text;
        break;
      case 'import.name':
        name = c.node.text;
        break;
      case 'import.alias':
        alias = c.node.text;
        break;
      case 'import.default':
        def = c.node.text;
        break;
      case 'import.namespace':
        ns = c.node.text;
        break;
      case 'import.wildcard':
        wildcard = true;
        break;
    }
  }
  if (!source) return;
  if (fn !== undefined && fn !== 'require') return;
  const key = source.startIndex;
  let imp = bySource.get(key);
  if (!imp) {
    let specifier = source.text;
    let isStatic = false;
    if (language === 'go') specifier = specifier.replace(/^["`]|["`]$/g, '');
    if (language === 'kotlin') {
      const decl = caps[0].node.text;
      wildcard = /\.\s*\*\s*;?\s*$/.test(decl);
      alias = /\bas\s+(\w+)\s*;?\s*$/.exec(decl)?.[1];
    }
    if (language === 'java') {
      const decl = caps[0].node.text;
      isStatic = /^import\s+static\b/.test(decl);
      wildcard = /\.\s*\*\s*;?\s*$/.test(decl);
    }
    imp = { specifier, names: {}, line: source.startPosition.row + 1 };
    if (isStatic) imp.isStatic = true;
    if (caps.find((c) => c.name === 'import')?.node.type === 'export_statement') imp.reexport = true;
    bySource.set(key, imp);
    if (language === 'go') imp.names[alias ?? specifier.slice(specifier.lastIndexOf('/') + 1)] = '*';
    if (language === 'java' || language === 'kotlin') {
      const last = specifier.slice(specifier.lastIndexOf('.') + 1);
      if (wildcard) imp.names['*'] = '*';
      else imp.names[alias ?? last] = last;
    }
    if (language === 'python' && caps[0].node.type === 'import_statement') imp.names[ns ?? specifier] = '*';
  }
  if (wildcard) {
    imp.wildcard = true;
    if (language === 'python') imp.names['*'] = '*';
  }
  if (language === 'go' || language === 'java' || language === 'kotlin') return;
  if (def) imp.names[def] = 'default';
  if (ns && language !== 'python') imp.names[ns] = '*';
  if (name) imp.names[alias ?? name] = name;
}

/**
 * Enclosing-symbol paths from source order: definitions sorted by start, a stack of open ones.
 * Calls are swept in the same order to find their innermost enclosing definition.
 */
function nest(defs: Def[], calls: { start: number }[], language: LanguageId): { symbols: SymbolInfo[]; callers: (string | undefined)[] } {
  defs.sort((a, b) => a.start - b.start || b.end - a.end);
  const symbols: SymbolInfo[] = [];
  const stack: { end: number; path: string; kind: SymbolKind }[] = [];
  const callOrder = calls.map((_, i) => i).sort((a, b) => calls[a].start - calls[b].start);
  const callers: (string | undefined)[] = new Array(calls.length);
  let ci = 0;
  const flushCalls = (upTo: number) => {
    while (ci < callOrder.length && calls[callOrder[ci]].start < upTo) {
      const at = calls[callOrder[ci]].start;
      while (stack.length && stack[stack.length - 1].end <= at) stack.pop();
      callers[callOrder[ci]] = stack.length ? stack[stack.length - 1].path : undefined;
      ci++;
    }
  };
  let last: Def | undefined;
  for (const d of defs) {
    if (last && last.start === d.start && last.name === d.name) continue; // matched by two patterns
    last = d;
    flushCalls(d.start);
    while (stack.length && stack[stack.length - 1].end <= d.start) stack.pop();
    const parent = stack.length ? stack[stack.length - 1] : undefined;
    let kind = d.kind;
    if (kind === 'function' && parent && (parent.kind === 'class' || parent.kind === 'interface') && language !== 'go') kind = 'method';
    const prefix = d.receiver ?? parent?.path;
    const symbolPath = prefix ? `${prefix}.${d.name}` : d.name;
    const sym: SymbolInfo = { name: d.name, kind, path: symbolPath, range: { start: d.startRow + 1, end: d.endRow + 1 }, nameLine: d.nameRow + 1 };
    if (d.exported) sym.exported = true;
    symbols.push(sym);
    stack.push({ end: d.end, path: symbolPath, kind });
  }
  flushCalls(Infinity);
  return { symbols, callers };
}

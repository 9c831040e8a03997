// Named definitions of a file as the map query captures them (functions, methods, classes,
// interfaces, types, enums, modules; exported or not, per language) and their nesting into
// symbol paths, with the innermost definition around each call. Separate from the query walk in
// extractFile.ts: this is what turns captures into the symbol tree.
import type { Node, QueryCapture } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import type { AnonCandidate } from './anonymousUnits';
import { anonymousSymbols } from './anonymousUnits';
import type { SymbolInfo, SymbolKind } from './types';
import { table } from '../ownKeys';

export interface Def {
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

const DEF_KIND: Record<string, SymbolKind> = table({
  'definition.function': 'function',
  'definition.method': 'method',
  'definition.class': 'class',
  'definition.interface': 'interface',
  'definition.type': 'type',
  'definition.enum': 'enum',
  'definition.module': 'module',
});

/** Named symbols plus the unnamed functions named by their context, in source order. */
export function withAnonymous(symbols: SymbolInfo[], defs: Def[], anons: AnonCandidate[]): SymbolInfo[] {
  // nest() skips a definition matched twice; paths line up with the kept ones by start.
  const spans = symbols.map((s) => {
    const d = defs.find((x) => x.startRow + 1 === s.range.start && x.endRow + 1 === s.range.end && x.name === s.name)!;
    return { start: d.start, end: d.end, path: s.path };
  });
  const extra = anonymousSymbols(anons, spans);
  return [...symbols, ...extra].sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
}

export function addDef(defs: Def[], caps: QueryCapture[], language: LanguageId, text: string): void {
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

/**
 * Enclosing-symbol paths from source order: definitions sorted by start, a stack of open ones.
 * Calls are swept in the same order to find their innermost enclosing definition.
 */
export function nest(defs: Def[], calls: { start: number }[], language: LanguageId): { symbols: SymbolInfo[]; callers: (string | undefined)[] } {
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

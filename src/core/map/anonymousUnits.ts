// Names for functions that have none, from their context, so that reading, "changed since read",
// Next Unread and the Modules view can point at them: `default export`,
// `router.get('/login') handler` (a function passed to a call whose first argument is a string:
// routes, events, jobs), `arguments of app.use` (a function passed to any other call at the top
// level of a file). A function passed to a call inside a named one (`items.map(x => …)`) stays
// part of that symbol. These symbols carry `anonymous: true`; they never become a call's caller.
import type { Node } from 'web-tree-sitter';
import type { SymbolInfo } from './types';

export interface AnonCandidate {
  kind: 'default' | 'call';
  body: Node;
  callee?: Node;
  call?: Node;
}

const MAX_CALLEE = 40;
const MAX_LITERAL = 40;

function flat(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

function firstStringArg(call: Node): string | undefined {
  const args = call.childForFieldName('arguments');
  const first = args?.namedChildren[0];
  if (!first || (first.type !== 'string' && first.type !== 'template_string')) return undefined;
  return flat(first.text, MAX_LITERAL);
}

interface Span {
  start: number;
  end: number;
  path: string;
}

/**
 * Symbols for the candidates, given the named definitions (byte spans and paths) of the file.
 * Returned in source order; duplicate names in one file get " (2)", " (3)".
 */
export function anonymousSymbols(candidates: readonly AnonCandidate[], named: readonly Span[]): SymbolInfo[] {
  const sorted = [...candidates].sort((a, b) => a.body.startIndex - b.body.startIndex);
  const made: (Span & { sym: SymbolInfo })[] = [];
  const seen = new Map<string, number>();
  const namedStarts = new Set(named.map((n) => n.start));
  for (const c of sorted) {
    const start = c.body.startIndex;
    const end = c.body.endIndex;
    // Already a symbol (`const f = () => …` is named by its variable).
    if (namedStarts.has(start)) continue;
    const enclosing = [...named, ...made].filter((s) => s.start <= start && s.end >= end).sort((a, b) => b.start - a.start || a.end - b.end)[0];
    let name: string;
    if (c.kind === 'default') name = 'default export';
    else {
      const callee = flat(c.callee?.text ?? 'call', MAX_CALLEE);
      const literal = c.call ? firstStringArg(c.call) : undefined;
      if (literal !== undefined) name = `${callee}(${literal}) handler`;
      else if (!enclosing) name = `arguments of ${callee}`;
      else continue;
    }
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) name = `${name} (${n})`;
    const path = enclosing ? `${enclosing.path}.${name}` : name;
    const sym: SymbolInfo = {
      name,
      kind: c.body.type === 'class' ? 'class' : 'function',
      path,
      range: { start: c.body.startPosition.row + 1, end: c.body.endPosition.row + 1 },
      nameLine: c.body.startPosition.row + 1,
      anonymous: true,
    };
    if (c.kind === 'default') sym.exported = true;
    made.push({ start, end, path, sym });
  }
  return made.map((m) => m.sym);
}

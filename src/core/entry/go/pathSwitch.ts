// A handler that answers some exact paths itself before its fallback
// (`switch r.URL.Path { case "/themes.json": s.serveThemes(w); default: s.serveAsset(w, r) }`),
// mounted on a subtree: each case is a route of its own, which a reader looks for by its path.
// net/http hands the handler the full path, so a case is a route only where it lies under the
// subtree the handler is mounted on (link.ts); a prefix stripped on the way leaves none.
import type { GoNode as Node } from './goNode';
import { enclosingFn } from './goStatements';
import { all, kids, line, stringValue } from '../treeUtil';
import type { PathCase } from './types';

export function pathCases(fn: Node): PathCase[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const out: PathCase[] = [];
  for (const sw of all(body, 'expression_switch_statement')) {
    if (!/\.URL\.Path$/.test(sw.childForFieldName('value')?.text ?? '') || enclosingFn(sw)?.startIndex !== fn.startIndex) continue;
    for (const c of kids(sw)) {
      if (c.type !== 'expression_case') continue;
      // The case's own statements: the node runs on to the next `case` line.
      let last = c.namedChildren[c.namedChildren.length - 1];
      while (last?.type === 'statement_list' && last.namedChildCount) last = last.namedChildren[last.namedChildCount - 1];
      const range = { start: line(c), end: last ? endLine(last) : line(c) };
      for (const v of kids(c.childForFieldName('value'))) {
        const path = stringValue(v);
        if (path?.startsWith('/')) out.push({ path, line: line(c), range });
      }
    }
  }
  return out;
}

/** The last line a node's text is on (a node ending with its newline ends on the line before). */
function endLine(n: Node): number {
  return n.endPosition.column === 0 ? n.endPosition.row : n.endPosition.row + 1;
}


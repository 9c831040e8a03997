// A global FastAPI dependency that lets some paths through before it refuses (Frigate's
// require_admin_by_default): `path = request.url.path; if path in EXEMPT_PATHS: return;
// if path.startswith(EXEMPT_PREFIXES): return; … raise HTTPException(403)`. The literal sets (a
// name assigned in the dependency's own code or at module level, or written in place) are read so
// the link can leave the let-through routes to their own dependencies; a test we cannot read leaves
// the dependency refusing everywhere, as before.
import type { Node } from 'web-tree-sitter';
import { kids, stringValue } from '../treeUtil';

export interface PathExempt {
  /** Paths let through as they are. */
  eq: string[];
  /** Path prefixes let through (`startswith`). */
  prefix: string[];
}

/** The paths the early `return`s before `raise` (in `def`) let through, when they test the request's path against literals. */
export function pathExemptions(raise: Node, def: Node): PathExempt | undefined {
  const out: PathExempt = { eq: [], prefix: [] };
  const pathVars = new Set<string>();
  for (const a of def.descendantsOfType('assignment')) {
    if (a?.childForFieldName('left')?.type === 'identifier' && /\burl\.path$/.test(a.childForFieldName('right')?.text ?? '')) pathVars.add(a.childForFieldName('left')!.text);
  }
  const isPath = (n: Node | null | undefined): boolean => !!n && (pathVars.has(n.text) || /\burl\.path$/.test(n.text));
  const literals = (n: Node | null | undefined, at: Node): string[] | undefined => {
    if (!n) return undefined;
    const s = stringValue(n);
    if (s !== undefined) return [s];
    if (n.type === 'set' || n.type === 'list' || n.type === 'tuple' || n.type === 'parenthesized_expression') {
      const vs = kids(n).filter((k) => k.type !== 'comment').map((k) => stringValue(k));
      return vs.every((v): v is string => v !== undefined) ? vs : undefined;
    }
    if (n.type !== 'identifier') return undefined;
    // The nearest assignment of that name: in the dependency's code, then at module level.
    for (let scope: Node | null = at; scope; scope = scope.parent) {
      if (scope.type !== 'function_definition' && scope.type !== 'module') continue;
      const asg = scope.descendantsOfType('assignment').find((a) => a?.childForFieldName('left')?.text === n.text);
      if (asg) return literals(asg.childForFieldName('right'), asg);
    }
    return undefined;
  };
  for (let p = raise.parent, child: Node = raise; p && p.id !== def.id; child = p, p = p.parent) {
    if (p.type !== 'block') continue;
    for (const sib of kids(p)) {
      if (sib.id === child.id) break;
      if (sib.type !== 'if_statement') continue;
      const then = sib.childForFieldName('consequence');
      if (!then || !kids(then).some((k) => k.type === 'return_statement') || then.descendantsOfType('raise_statement').length) continue;
      const cond = sib.childForFieldName('condition');
      if (cond?.type === 'comparison_operator' && /^\S+\s+in\s/.test(cond.text) && isPath(cond.namedChildren[0])) {
        const vs = literals(cond.namedChildren[1], sib);
        if (vs) out.eq.push(...vs);
      } else if (cond?.type === 'call' && /\.startswith$/.test(cond.childForFieldName('function')?.text ?? '')) {
        const obj = cond.childForFieldName('function')?.childForFieldName('object');
        const vs = isPath(obj) ? literals(cond.childForFieldName('arguments')?.namedChildren[0], sib) : undefined;
        if (vs) out.prefix.push(...vs);
      }
    }
  }
  return out.eq.length || out.prefix.length ? out : undefined;
}

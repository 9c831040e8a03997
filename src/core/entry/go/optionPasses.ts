// A middleware built by chained option methods (pocket-id's `authMiddleware.WithAdminNotRequired().
// WithSuccessOptional().Add()`, each `WithX()` a clone with one option set) whose returned function
// lets the request on under a test of such an option (`if m.options.SuccessOptional { c.Next();
// return }`) before it refuses. The option's value is the chain's, which is not computed: a chain
// naming a method after the option (`WithSuccessOptional` for `SuccessOptional`) may take the pass,
// so the route is unknown rather than guarded; a chain naming none keeps the guard.
import type { GoNode as Node } from './goNode';
import { all } from '../treeUtil';
import { statements } from './goStatements';

const PASSES_ON = /\bc\.Next\(\)|\bnext\(\s*\w*\s*\)|\bnext\.ServeHTTP\(/;

/** The option fields tested by an `if` whose arm passes the request on and returns, in a method's body (its returned literal included). */
export function optionPassesIn(fn: Node): { field: string; line: number }[] {
  if (fn.type !== 'method_declaration') return [];
  const recv = fn.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('name')?.text;
  if (!recv) return [];
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const out: { field: string; line: number }[] = [];
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition')?.text ?? '';
    const m = new RegExp(`^${recv}\\.(?:\\w+\\.)*(\\w+)$`).exec(cond.trim());
    const arm = statements(st.childForFieldName('consequence'));
    if (!m || !arm.some((s) => PASSES_ON.test(s.text)) || arm[arm.length - 1]?.type !== 'return_statement') continue;
    out.push({ field: m[1], line: st.startPosition.row + 1 });
  }
  return out;
}

/** The method of the chain written at the route named after a pass's option (`WithSuccessOptional()` for `SuccessOptional`). */
export function chainTakesPass(text: string, passes: { field: string; line: number }[]): { method: string; field: string; line: number } | undefined {
  const methods = [...text.matchAll(/\.(\w+)\(/g)].map((m) => m[1]);
  for (const p of passes) {
    const f = p.field.toLowerCase();
    const method = methods.find((x) => x.replace(/^(With|Set|Enable|Allow)/, '').toLowerCase() === f);
    if (method) return { method, ...p };
  }
  return undefined;
}

// Macaron (gopkg.in/macaron.v1) and its Martini-style relatives register on one router value:
// `m.Group("/api", func() { m.Get("/x", h) }, mw)` runs a closure that takes no router, and every
// registration made on `m` while it runs gets the group's prefix and handlers; `m.Combo("/x", mw…)
// .Get(h).Post(bind(f), h)` registers one path for each chained method. Both shapes are read here;
// extract.ts and routerValues.ts call them where groups and verbs are read for every framework.
import type { GoNode as Node } from './goNode';
import { callArgs, kids } from '../treeUtil';
import type { GoScope } from './scope';
import type { GoRef } from './types';

/**
 * A group's closure that takes no parameters registers on the name the group was called on: inside
 * it, that name is the group (chi and gin hand the group in as a parameter instead, and keep theirs).
 */
export function bindClosureGroup(closure: Node | undefined, operand: Node, group: GoRef, sc: GoScope): void {
  if (!closure || operand.type !== 'identifier') return;
  if (kids(closure.childForFieldName('parameters')).length) return;
  sc.scope(closure).set(operand.text, { router: group });
}

/** The `Combo(path, handlers…)` call a chained verb (`.Get(h)`, `.Post(bind(f), h)`) registers on. */
export interface ComboCall {
  router: Node;
  path: Node;
  handlers: Node[];
}

const COMBO_VERBS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'Head']);

/** `m.Combo("/x", mw).Get(a).Post(b)`: for the `.Post` selector, the Combo call under the chain of verbs. */
export function comboOf(fnNode: Node): ComboCall | undefined {
  let cur: Node | null = fnNode.childForFieldName('operand');
  while (cur?.type === 'call_expression') {
    const f = cur.childForFieldName('function');
    if (f?.type !== 'selector_expression') return undefined;
    const field = f.childForFieldName('field')?.text ?? '';
    if (field === 'Combo') {
      const args = callArgs(cur);
      return args.length ? { router: f.childForFieldName('operand')!, path: args[0], handlers: args.slice(1) } : undefined;
    }
    if (!COMBO_VERBS.has(field)) return undefined;
    cur = f.childForFieldName('operand');
  }
  return undefined;
}

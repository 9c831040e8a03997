// echo's group middleware is a snapshot (echo v4 and v5 group.go): `g.Group(prefix)` copies the
// group's middleware when it is called and a route added to a group takes the group's middleware
// as it is then, so `g.Use(mw)` reaches only the routes and sub-groups added after it. `e.Use(mw)`
// on the Echo itself is global (run for every request), whatever the order.
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';
import { FN } from './scope';
import type { GoFileFacts, GoRef } from './types';

/** Whether `recv.Use(…)` is on an echo group: one made here by `Group(…)`, or a parameter typed `*echo.Group`. */
export function isEchoGroup(operand: Node, recv: GoRef, facts: GoFileFacts): boolean {
  if (recv.startsWith('R:')) return facts.edges.some((e) => e.child === recv && !e.alias && e.prefix.length > 0);
  if (!recv.startsWith('P:') || operand.type !== 'identifier') return false;
  for (let fn = operand.parent; fn; fn = fn.parent) {
    if (!FN.includes(fn.type)) continue;
    for (const decl of kids(fn.childForFieldName('parameters'))) {
      if (decl.childrenForFieldName('name').some((id) => id?.text === operand.text)) return /\becho\.Group$/.test(decl.childForFieldName('type')?.text ?? '');
    }
  }
  return false;
}

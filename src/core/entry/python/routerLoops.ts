// FastAPI routers included in a loop over a list the module writes itself:
//   for router in [users.router, items.router]: api.include_router(router)
//   for router, prefix in [(admin.router, "/admin"), …]: app.include_router(router, prefix=prefix)
//   ROUTERS = (a.router, b.router) … for r in ROUTERS: app.include_router(r)
// (argilla-server's apis/routes.py). The loop variable names no router, so without this each router
// stays a root and its routes lose the prefix of the app they are mounted on. Loops over a
// function's parameter (the list given by a caller) are blueprintLoops.ts.
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { kids } from '../treeUtil';
import { evalStr } from './pyEval';

/** One router a loop hands to include_router, with the strings its other loop variables take for it. */
export interface LoopedChild {
  child: Ref;
  env: Map<string, string>;
}

const LIST = new Set(['list', 'tuple']);
const PATTERN = new Set(['pattern_list', 'tuple_pattern', 'list_pattern']);

const items = (n: Node): Node[] => n.namedChildren.filter((x): x is Node => !!x && x.type !== 'comment');

/** The module-level `NAME = [...]` / `(...)` list a loop iterates over (the last binding). */
function moduleList(root: Node, name: string): Node | undefined {
  let found: Node | undefined;
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    const right = a?.childForFieldName('right');
    if (left?.type === 'identifier' && left.text === name) found = right && LIST.has(right.type) ? right : undefined;
  }
  return found;
}

/** The routers `name` (a for-loop variable around it) stands for, or undefined when it is no such variable or the list is not written out. */
export function loopedChildren(name: Node | undefined, refOf: (n: Node | undefined | null) => Ref | undefined, moduleEnv: Map<string, string>): LoopedChild[] | undefined {
  if (name?.type !== 'identifier') return undefined;
  for (let p = name.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') return undefined;
    if (p.type !== 'for_statement') continue;
    const left = p.childForFieldName('left');
    const vars = left?.type === 'identifier' ? [left] : left && PATTERN.has(left.type) ? items(left) : [];
    const at = vars.findIndex((v) => v.type === 'identifier' && v.text === name.text);
    if (at < 0) continue;
    const right = p.childForFieldName('right');
    const list = right && LIST.has(right.type) ? right : right?.type === 'identifier' ? moduleList(name.tree.rootNode, right.text) : undefined;
    if (!list) return undefined;
    const out: LoopedChild[] = [];
    for (const item of items(list)) {
      const parts = left!.type === 'identifier' ? [item] : LIST.has(item.type) ? items(item) : [];
      if (parts.length !== vars.length) continue;
      const child = parts[at]!.type === 'identifier' || parts[at]!.type === 'attribute' ? refOf(parts[at]) : undefined;
      if (!child) continue;
      // The other loop variables (a prefix) take this item's values: unread ones stay unset, so a prefix naming them is dynamic.
      const env = new Map(moduleEnv);
      vars.forEach((v, i) => {
        if (i === at || v.type !== 'identifier') return;
        const s = evalStr(parts[i], moduleEnv);
        if (s === undefined) env.delete(v.text);
        else env.set(v.text, s);
      });
      out.push({ child, env });
    }
    return out.length ? out : undefined;
  }
  return undefined;
}

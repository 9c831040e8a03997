// Registrations on a router that is a parameter of the function around them, the view fixed at
// the registration: `def mount_spa(app): app.get("/r/{slug}")(serve_recipe)` and
// `app.mount("/", StaticFiles(...))`. The function is a route factory (pyFacts.ts) whose router
// is the argument of each call (`spa.mount_spa(app)`); pyLink.ts expands it there.
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate, Ref } from '../types';
import { kids, line } from '../treeUtil';
import type { PyFacts } from './pyFacts';
import { paramNames, paramsIn, type Scope } from './pyScope';
import { evalStr } from './pyEval';

export interface ParamRouterReg {
  scope: Scope;
  routerNode: Node;
  pathNode: Node | undefined;
  methods: string[];
  /** The view's name (a top-level function) or, for a mounted application, the call as written. */
  view: string;
  viewDef?: Node;
  at: Node;
  /** A mounted application: every path under the mount path. */
  wildcard?: true;
}

/** Records the registration on the factory of the innermost function; false when its router is no parameter of it. */
export function paramRouterReg(py: PyFacts, reg: ParamRouterReg, key: (n: string) => Ref, dependencyGuard: (n: Node, via: string) => GuardCandidate | undefined): boolean {
  const { scope, routerNode } = reg;
  if (scope.defs.length !== 1 || routerNode.type !== 'identifier') return false;
  const fdef = scope.defs[0];
  const routerParam = paramNames(fdef).indexOf(routerNode.text);
  if (routerParam < 0) return false;
  const at = reg.pathNode ? evalStr(reg.pathNode, scope.envs[0]) : '';
  if (at === undefined || paramsIn(at).length) return false;
  const path = reg.wildcard ? `${at.replace(/\/$/, '')}/*` : at;
  const name = fdef.childForFieldName('name')?.text ?? '';
  const f = (py.factories[name] ??= { name, line: line(fdef), view: { fixed: reg.view }, params: paramNames(fdef), regs: [] });
  // The view's own dependencies (`user = Depends(try_get_current_user)`), as on a decorated view.
  const guards: GuardCandidate[] = [];
  for (const p of kids(reg.viewDef?.childForFieldName('parameters'))) {
    for (const c of p.descendantsOfType('call')) {
      const g = c && dependencyGuard(c, `parameter ${p.childForFieldName('name')?.text ?? p.namedChildren[0]?.text ?? ''} of ${reg.view}`);
      if (g) guards.push(g);
    }
  }
  f.regs.push({ router: key(routerNode.text), routerParam, path, methods: reg.methods, framework: 'fastapi', line: line(reg.at), view: reg.view, ...(guards.length ? { guards } : {}) });
  return true;
}

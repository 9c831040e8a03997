// Routers built by a function and mounted from its result, in another module as often as not:
//
//     def construct_blueprint(datastore):            # blueprint/tags/__init__.py
//         tags_blueprint = Blueprint('tags', __name__)
//         @tags_blueprint.route("/list") …
//         return tags_blueprint
//
//     app.register_blueprint(tags.construct_blueprint(datastore), url_prefix='/tags')
//     edit_blueprint = construct_edit_blueprint(datastore); ui_blueprint.register_blueprint(edit_blueprint)
//
// The mount's child is written `fn()` (what the function returns, as the JavaScript detectors
// write it; routeGraph.ts follows it through imports), and the function's module says which of its
// routers `fn()` is: `file#fn()` → `file#tags_blueprint`.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, Ref } from '../types';
import type { FactoryUse, PyFacts } from './pyFacts';
import { kids } from '../treeUtil';
import { paramNames } from './pyScope';
import { dict } from '../../ownKeys';

/** `def f(…): … return bp` at module level: `f()` is the router (or whatever) bp names in the module. */
export function returnAliases(root: Node, d: FileDecls, key: (name: string) => Ref): void {
  for (const st of kids(root)) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type !== 'function_definition') continue;
    const name = def.childForFieldName('name')?.text;
    const returned = new Set<string>();
    for (const r of def.descendantsOfType('return_statement')) {
      if (!r || ownerDef(r)?.id !== def.id) continue;
      const v = r.namedChildren[0];
      returned.add(v?.type === 'identifier' ? v.text : '');
    }
    // One name on every way out; a function returning several things says nothing.
    if (!name || returned.size !== 1) continue;
    const [only] = returned;
    if (only && only !== 'None' && d.aliases[key(`${name}()`)] === undefined) d.aliases[key(`${name}()`)] = key(only);
  }
}

/**
 * The router a mount's child argument names: a name, `module.name`, a call of a function (its
 * result, `fn()`), or a local name bound to such a call in the same function.
 */
export function mountedChild(n: Node | undefined | null, refOf: (n: Node | undefined | null) => Ref | undefined): Ref | undefined {
  if (!n) return undefined;
  const call = n.type === 'call' ? n : n.type === 'identifier' ? boundCall(n) : undefined;
  if (!call) return refOf(n);
  const fn = call.childForFieldName('function');
  const ref = fn && (fn.type === 'identifier' || fn.type === 'attribute') ? refOf(fn) : undefined;
  return ref ? `${ref}()` : refOf(n);
}

/** `edit_blueprint = construct_edit_blueprint(…)` in the function around `name` (the last such binding before it). */
function boundCall(name: Node): Node | undefined {
  const scope = ownerDef(name);
  if (!scope) return undefined;
  let found: Node | undefined;
  for (const a of scope.descendantsOfType('assignment')) {
    if (!a || a.startIndex > name.startIndex || ownerDef(a)?.id !== scope.id) continue;
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type === 'identifier' && left.text === name.text) found = right?.type === 'call' ? right : undefined;
  }
  return found;
}

function ownerDef(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p;
  return undefined;
}

/**
 * `@login_required` written ABOVE `@bp.route(…)`: it wraps what the route decorator returns, while
 * the function registered is the one below — so it guards no route (Flask and FastAPI alike). Drops
 * what decorators above the topmost route decorator gave; `top` absent (no route decorator written
 * on the function itself) changes nothing.
 */
export function dropAboveRoute(top: Node | undefined, def: Node | undefined, lists: { line: number }[][]): void {
  if (!top || !def || top.startIndex < def.startIndex || top.endIndex > def.endIndex) return;
  const from = top.startPosition.row + 1;
  for (const list of lists) for (let i = list.length - 1; i >= 0; i--) if (list[i].line < from) list.splice(i, 1);
}

/**
 * `def construct_tag_routes(rss_blueprint, datastore): @rss_blueprint.route("/tag/<id>") …`: the
 * router is whatever each call hands in (`tag_routes.construct_tag_routes(rss_blueprint, datastore)`
 * in another module); linkParamRouters binds it once the calls of every module are known.
 */
export function noteParamRouter(obj: Node, ref: Ref, py: PyFacts): void {
  if (obj.type !== 'identifier') return;
  let fdef: Node | undefined;
  for (let p = obj.parent; p && !fdef; p = p.parent) if (p.type === 'function_definition') fdef = p;
  const top = fdef?.parent?.type === 'decorated_definition' ? fdef.parent : fdef;
  if (!fdef || top?.parent?.type !== 'module') return;
  const index = paramNames(fdef).indexOf(obj.text);
  const fn = fdef.childForFieldName('name')?.text;
  if (index >= 0 && fn) (py.paramRouters ??= dict())[ref] = { fn, index };
}

/** Each parameter router is the router its function's calls hand in, when they all hand in the same one. */
export function linkParamRouters(pys: FileDecls[], resolve: (ref: Ref) => Ref): void {
  const calls = new Map<Ref, FactoryUse[]>();
  for (const d of pys) for (const u of d.py!.uses) if (u.call) { const t = resolve(u.callee); calls.set(t, [...(calls.get(t) ?? []), u]); }
  for (const d of pys) {
    for (const [param, at] of Object.entries(d.py!.paramRouters ?? {})) {
      const name = param.slice(param.lastIndexOf('#') + 1);
      const given = new Set((calls.get(resolve(`${d.file}#${at.fn}`)) ?? []).map((u) => u.argRefs?.[at.index] ?? u.kwargRefs?.[name]));
      const [only] = given;
      if (given.size === 1 && only && d.aliases[param] === undefined) d.aliases[param] = only;
    }
  }
}

// A router type of the service's own (pocketbase's tools/router: `Router[T]` embedding
// `RouterGroup[T]`, with `Group(prefix)`, `GET(path, handler)`… and `Bind(mw…)`/`BindFunc(fn…)`
// on groups and on the route a registration returns). It is known by its methods, as echo's and
// gin's are known by their package: a type of ours declaring `Group` and at least two HTTP verb
// methods is a router, and so is a struct that embeds one. A call of ours declared to return such
// a type (`router.NewRouter(factory)`) makes a router; link.ts roots the chains there.
import type { GoNode as Node } from './goNode';
import { callArgs } from '../treeUtil';
import type { GoIndex } from './resolve';
import type { GoEdge, GoFileFacts, GoRef } from './types';

/** Methods that put middleware on the router or route they are called on and give it back. */
export const BINDS = new Set(['Bind', 'BindFunc']);
/** Methods that give the router or route back changed in what it skips, not in what guards it. */
export const UNBINDS = new Set(['Unbind']);

const VERB_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'Get', 'Post', 'Put', 'Patch', 'Delete'];

/**
 * The middleware chained after a registration (`g.GET(path, h).BindFunc(f).Bind(mw)`): the
 * route object it returns takes them, so they guard that route alone. `Unbind` in the chain is
 * passed over (it removes a default middleware by id, which no guard of ours is).
 */
export function chainedBinds(call: Node): Node[] {
  const out: Node[] = [];
  for (let c = call; c.parent?.type === 'selector_expression' && c.parent.parent?.type === 'call_expression'; c = c.parent.parent) {
    const field = c.parent.childForFieldName('field')?.text ?? '';
    if (BINDS.has(field)) out.push(...callArgs(c.parent.parent));
    else if (!UNBINDS.has(field)) break;
  }
  return out;
}

/** The types of ours that are routers by their methods (`dir#Type`), and the structs embedding one. */
export function ownRouterTypes(ix: GoIndex, files: GoFileFacts[]): Set<string> {
  const methods = new Map<string, Set<string>>();
  for (const key of ix.funcs.keys()) {
    const m = /^([^@]*#\w+)\.(\w+)$/.exec(key);
    if (m) methods.set(m[1], (methods.get(m[1]) ?? new Set()).add(m[2]));
  }
  const out = new Set<string>();
  // opengist's `Router` (embedding `*echo.Group`) makes its groups with `SubGroup(prefix, m...) *Router`: a method
  // declared to return the type itself stands for `Group` when the type has the verbs too.
  const groupMaker = (t: string, names: Set<string>): boolean => names.has('Group') || [...names].some((n) => !VERB_METHODS.includes(n) && ix.funcs.get(`${t}.${n}`)?.returnsType === t);
  for (const [t, names] of methods) if (VERB_METHODS.filter((v) => names.has(v)).length >= 2 && groupMaker(t, names)) out.add(t);
  if (!out.size) return out;
  for (const f of files) {
    for (const [name, s] of Object.entries(f.structs)) {
      if (Object.values(s.fields).some((fd) => fd.embedded && out.has(fd.type.replace(/^\*/, '')))) out.add(`${f.dir}#${name}`);
    }
  }
  return out;
}

/** The value refs (`V:dir#Type`) of own router types: link.ts takes them, and what aliases them, as made routers. */
export function ownRouterRoots(types: Set<string>): Set<GoRef> {
  return new Set([...types].map((t) => `V:${t}`));
}

/**
 * A registration inside a verb method of an own router type (`func (r *Router) GET(path string, h Handler, m
 * ...Middleware) { r.Group.GET(path, chain(h, m...).toEchoHandler()) }`): the method only forwards to the
 * framework group it embeds, so its callers' `r.GET("/x", h, mw)` are the routes; the one inside is none.
 */
export function insideOwnVerb(fnKey: string, ownTypes: Set<string>): boolean {
  const m = /^([^@]*#\w+)\.(\w+)$/.exec(fnKey);
  return !!m && ownTypes.has(m[1]) && (VERB_METHODS.includes(m[2]) || /^(Any|HEAD|Head|Handle|Static)$/.test(m[2]));
}

/**
 * An own router type's constructor handed a framework router (`NewRouter(s.echo.Group(""))`, a struct
 * embedding `*echo.Group`): the new router registers on the group it is given, so it is that group's child
 * (the instance's `e.Use(…)` and the group's middleware reach its routes), not a wrapper above it as a
 * handler-wrapping call is. The extractor reads the call as a wrapper (parent = the call, child = the
 * argument); this turns such an edge the other way, without guards.
 */
export function ownRouterMade(ix: GoIndex, ownTypes: Set<string>, e: GoEdge): GoEdge {
  const g = e.guards[0];
  if (e.guards.length !== 1 || !/^wraps the handler at /.test(g.via ?? '')) return e;
  const t = ix.fnOf(g.callee)?.returnsType;
  if (!t || !ownTypes.has(t)) return e;
  return { ...e, parent: e.child, child: e.parent, guards: [] };
}

// gorilla/mux builds a route by chaining calls on it: `r.HandleFunc(p, h).Name("x").Methods("GET")`,
// `r.PathPrefix("/static/").Methods("GET").Handler(h)`. What the calls around a registration
// add to it: the methods it answers, its name (middleware may test `mux.CurrentRoute(r).GetName()`)
// and, for a handler set on a route built from a path matcher, that path.
import type { GoNode as Node } from './goNode';
import { callArgs } from '../treeUtil';
import type { StrPart } from './types';

/** Calls that configure a gorilla route and give it back, so more can follow. */
const ROUTE_BUILDERS = new Set(['Methods', 'Name', 'Queries', 'Schemes', 'Headers', 'HeadersRegexp', 'Host', 'MatcherFunc', 'BuildVarsFunc', 'Path', 'PathPrefix', 'NewRoute']);

export interface RouteChain {
  methods?: string[];
  name?: string;
  /** A matcher beyond path and method (`.Queries("force", "{f}")`, `.Headers(…)`, `.Host(…)`): it serves only some requests of its path. */
  matched?: true;
}

const OTHER_MATCHERS = new Set(['Queries', 'Schemes', 'Headers', 'HeadersRegexp', 'Host', 'MatcherFunc']);

/** The calls chained after a registration (`….Name("login").Methods("GET")`), outward. */
export function chainedAfter(call: Node, str: (n: Node) => StrPart[]): RouteChain {
  const out: RouteChain = { methods: undefined, name: undefined };
  for (let c = call; ; ) {
    const sel = c.parent;
    if (sel?.type !== 'selector_expression' || sel.parent?.type !== 'call_expression') break;
    const field = sel.childForFieldName('field')?.text ?? '';
    if (!ROUTE_BUILDERS.has(field)) break;
    c = sel.parent;
    read(field, callArgs(c), str, out);
  }
  return out;
}

/**
 * The route a one-argument `Handler(h)`/`HandlerFunc(h)` ends: the calls before it down to the
 * router (`sr.PathPrefix("/").Methods("GET", "POST")`). Undefined unless one of them is a path
 * matcher or sets the methods; `subtree` when it is PathPrefix (every path under it). With methods
 * and no path (`sub.Methods("GET").HandlerFunc(h)`) the route matches whatever path its router does:
 * `path` is undefined and the caller says which (pathlessRoute).
 */
export function builtRoute(operand: Node, str: (n: Node) => StrPart[]): (RouteChain & { router: Node; path?: StrPart[]; subtree: boolean }) | undefined {
  const out: RouteChain = { methods: undefined, name: undefined };
  let path: StrPart[] | undefined;
  let subtree = false;
  let c = operand;
  while (c.type === 'call_expression') {
    const fn = c.childForFieldName('function');
    if (fn?.type !== 'selector_expression') return undefined;
    const field = fn.childForFieldName('field')?.text ?? '';
    if (!ROUTE_BUILDERS.has(field)) break;
    const args = callArgs(c);
    if ((field === 'Path' || field === 'PathPrefix') && args.length === 1) {
      if (path) return undefined;
      path = str(args[0]);
      subtree = field === 'PathPrefix';
    } else read(field, args, str, out);
    c = fn.childForFieldName('operand')!;
  }
  if (c === operand || (!path && !out.methods)) return undefined;
  if (!path) return { ...out, router: c, subtree: false };
  const last = path[path.length - 1];
  // `PathPrefix("/preview/{size}/{path:.*}")`: a variable matching any run, slashes included, already takes the rest.
  if (subtree && !(last && 'lit' in last && /\{\w+:\.[*+]\}$/.test(last.lit))) {
    path = last && 'lit' in last && last.lit.endsWith('/') ? [...path.slice(0, -1), { lit: last.lit + '*' }] : [...path, { lit: '/*' }];
  }
  return { ...out, router: c, path, subtree };
}

function read(field: string, args: Node[], str: (n: Node) => StrPart[], out: RouteChain): void {
  const lits = args.map((a) => str(a)).map((s) => (s.length === 1 && 'lit' in s[0] ? s[0].lit : ''));
  if (field === 'Methods' && lits.length && lits.every(Boolean)) out.methods = lits.map((m) => m.toUpperCase());
  if (field === 'Name' && lits.length === 1 && lits[0]) out.name = lits[0];
  if (OTHER_MATCHERS.has(field)) out.matched = true;
}

/**
 * Where a gorilla route with no path of its own answers: a router made by `r.Path(p).Subrouter()`
 * matches that one path, so the route is that path (`exact`); any other router matches every path
 * under its prefix, so the route is its subtree (`/*`), as a route's own `PathPrefix("/")` would be.
 */
export function pathlessRoute(exact: boolean): { path: StrPart[]; subtree: boolean } {
  return exact ? { path: [], subtree: false } : { path: [{ lit: '/*' }], subtree: true };
}

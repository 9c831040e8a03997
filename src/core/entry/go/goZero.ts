// go-zero (github.com/zeromicro/go-zero/rest): `server := rest.MustNewServer(c.RestConf)`, then
// route tables written as composite literals and handed to the server with options that apply to
// every route of the call:
//
//   server.AddRoutes(
//     rest.WithMiddlewares([]rest.Middleware{serverCtx.Authority}, []rest.Route{
//       {Method: http.MethodPost, Path: "/role/create", Handler: role.CreateRoleHandler(serverCtx)},
//     }...),
//     rest.WithJwt(serverCtx.Config.Auth.AccessSecret),
//     rest.WithPrefix("/v1"),
//   )
//
// goctl generates exactly this into internal/handler/routes.go from the service's .api files.
// `rest.WithJwt` is the framework's own guard: the server answers 401 when the token is missing or
// does not verify (frameworks.ts `knownExternal`); it runs before the route's middlewares, which
// `rest.WithMiddlewares` stacks first-outermost (nested calls: the outer list runs first).
// `rest.WithPrefix` joins its prefix to every path of the call. Options that change no one's access
// (timeouts, body limits, SSE) are dropped; any other option is kept as a middleware candidate of
// its own, so one we cannot read leaves the route `unknown`, never open.
import type { GoNode as Node } from './goNode';
import { callArgs, kids, line } from '../treeUtil';
import type { GoScope } from './scope';
import type { Callee, GoCandidate, GoFileFacts, GoRef, GoRoute, StrPart } from './types';

export const GO_ZERO = 'go-zero';

export function isGoZeroRestImport(p: string): boolean {
  return /^github\.com\/zeromicro\/go-zero\/rest$/.test(p);
}

/** The names under which this file imports go-zero's rest package (usually `rest`). */
function restNames(facts: GoFileFacts): Set<string> {
  return new Set(Object.entries(facts.imports).filter(([, imp]) => isGoZeroRestImport(imp.path)).map(([name]) => name));
}

export function importsGoZero(facts: GoFileFacts): boolean {
  return restNames(facts).size > 0;
}

/** `rest.MustNewServer(conf, opts…)` / `rest.NewServer(conf, opts…)`, where `rest` is this file's import of go-zero's rest package. */
export function isGoZeroCreator(fnNode: Node, facts: GoFileFacts): boolean {
  const m = /^(\w+)\.(?:MustNewServer|NewServer)$/.exec(fnNode.text);
  return !!m && restNames(facts).has(m[1]);
}

/** Route options that only tune the request (time, size, streaming, the breaker's priority): they refuse no caller for who it is. */
const TUNING = new Set(['WithTimeout', 'WithMaxBytes', 'WithSSE', 'WithPriority']);

/** One route of a table: its literal, method (or the expression naming it), path, handler and the middleware every table around it adds. */
export interface ZeroRoute {
  literal: Node;
  method: string;
  /** A method that is no `http.MethodX` constant nor a literal: computed when linked (methodArgs.ts). */
  methodNode?: Node;
  pathNode: Node;
  handler: Node;
  /** `rest.WithMiddlewares` lists around the route, outermost first. */
  middleware: Node[];
}

export interface ZeroCall {
  routes: ZeroRoute[];
  /** The call's `rest.WithPrefix(p)` arguments, in order: go-zero applies each in turn, so the last is outermost. */
  prefixes: Node[];
  /** Options that may guard every route of the call (`rest.WithJwt(secret)`, an option we cannot read). */
  guards: Node[];
}

/**
 * `server.AddRoutes(routes, opts…)` or `server.AddRoute(route, opts…)`: the routes written in the
 * call (composite literals, `rest.WithMiddlewares` / `rest.WithMiddleware` around them, a local
 * holding either), and what its options do. Undefined when `field` registers nothing.
 */
export function goZeroCall(field: string, args: Node[], facts: GoFileFacts): ZeroCall | undefined {
  if ((field !== 'AddRoutes' && field !== 'AddRoute') || !args.length) return undefined;
  const rest = restNames(facts);
  const restFn = (n: Node): string | undefined => {
    if (n.type !== 'call_expression') return undefined;
    const m = /^(\w+)\.(\w+)$/.exec(n.childForFieldName('function')!.text);
    return m && rest.has(m[1]) ? m[2] : undefined;
  };
  const routes: ZeroRoute[] = [];
  const readTable = (n: Node | undefined, middleware: Node[], depth = 0): void => {
    if (!n || depth > 6) return;
    if (n.type === 'variadic_argument' || n.type === 'parenthesized_expression' || n.type === 'literal_element') return readTable(n.namedChildren[0] ?? undefined, middleware, depth + 1);
    if (n.type === 'identifier') return readTable(localValue(n), middleware, depth + 1);
    const fn = restFn(n);
    if (fn === 'WithMiddlewares' || fn === 'WithMiddleware') {
      const [ms, ...inner] = callArgs(n);
      const added = fn === 'WithMiddleware' ? [ms] : listElements(ms);
      for (const r of inner) readTable(r, [...middleware, ...added], depth + 1);
      return;
    }
    if (n.type !== 'composite_literal') return;
    const body = n.childForFieldName('body');
    const elements = kids(body);
    // `rest.Route{Method: …}` (AddRoute) or `{Method: …}` inside `[]rest.Route{…}`.
    if (elements.some((e) => e.type === 'keyed_element')) {
      const r = routeOf(n, elements, middleware);
      if (r) routes.push(r);
      return;
    }
    for (const e of elements) {
      const inner = e.type === 'literal_element' ? e.namedChildren[0] : e;
      if (inner?.type === 'literal_value') {
        const r = routeOf(inner, kids(inner), middleware);
        if (r) routes.push(r);
      } else readTable(inner ?? undefined, middleware, depth + 1);
    }
  };
  readTable(args[0], []);
  const prefixes: Node[] = [];
  const guards: Node[] = [];
  for (const o of args.slice(1)) {
    const fn = restFn(o);
    if (fn === 'WithPrefix' && callArgs(o).length === 1) prefixes.push(callArgs(o)[0]);
    else if (!fn || !TUNING.has(fn)) guards.push(o);
  }
  return { routes, prefixes, guards };
}

/** The elements of `[]rest.Middleware{a, b}` (or of a local holding one); any other expression is one middleware. */
function listElements(n: Node | undefined): Node[] {
  const v = n?.type === 'identifier' ? (localValue(n) ?? n) : n;
  if (v?.type !== 'composite_literal') return v ? [v] : [];
  return kids(v.childForFieldName('body')).map((e) => (e.type === 'literal_element' ? e.namedChildren[0] : e)).filter((e): e is Node => !!e);
}

function routeOf(lit: Node, elements: Node[], middleware: Node[]): ZeroRoute | undefined {
  const keyed = new Map<string, Node>();
  for (const ke of elements) {
    if (ke.type !== 'keyed_element') continue;
    const [k, v] = kids(ke).map((x) => (x.type === 'literal_element' ? (x.namedChildren[0] ?? x) : x));
    if (k && v) keyed.set(k.text, v);
  }
  const methodNode = keyed.get('Method');
  const pathNode = keyed.get('Path');
  const handler = keyed.get('Handler');
  if (!methodNode || !pathNode || !handler) return undefined;
  const method = methodOf(methodNode);
  return { literal: lit, method: method ?? 'ANY', ...(method ? {} : { methodNode }), pathNode, handler, middleware };
}

/** `http.MethodPost` → POST, `"post"` → POST; anything else is read when linked. */
function methodOf(n: Node): string | undefined {
  const c = /^http\.Method(Get|Head|Post|Put|Patch|Delete|Connect|Options|Trace)$/.exec(n.text);
  if (c) return c[1].toUpperCase();
  const s = /^"([A-Za-z]+)"$/.exec(n.text);
  return s ? s[1].toUpperCase() : undefined;
}

/**
 * What a local holds when the function binds it once, before this use, to a table or a list
 * (`routes := []rest.Route{…}`, `ms := []rest.Middleware{…}`): the expression, else undefined.
 */
function localValue(id: Node): Node | undefined {
  let fn: Node | null = id.parent;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
  if (!fn) return undefined;
  let found: Node | undefined;
  let count = 0;
  const walk = (n: Node): void => {
    if (n.startIndex > id.startIndex) return;
    if (n.type === 'short_var_declaration' || n.type === 'assignment_statement' || n.type === 'var_spec') {
      const left = n.type === 'var_spec' ? [n.childForFieldName('name')] : kids(n.childForFieldName('left'));
      const right = n.type === 'var_spec' ? kids(n.childForFieldName('value')) : kids(n.childForFieldName('right'));
      const i = left.findIndex((l) => l?.text === id.text);
      if (i >= 0) {
        count++;
        found = right[i];
      }
    }
    for (const k of kids(n)) walk(k);
  };
  walk(fn);
  return count === 1 && (found?.type === 'composite_literal' || found?.type === 'call_expression') ? found : undefined;
}

export interface ZeroDeps {
  facts: GoFileFacts;
  sc: Pick<GoScope, 'lookup' | 'callee'>;
  evalRouter: (n: Node) => GoRef | undefined;
  str: (n: Node) => StrPart[];
  candidate: (n: Node, via: string) => GoCandidate;
}

/**
 * Each route of the call's tables on the server it is called on, at its literal's line, with its
 * full path and its guards; `add` registers one (extract.ts's addRoute, the handler read as any other).
 */
export function addZeroRoutes(operand: Node, call: ZeroCall, deps: ZeroDeps, add: (recv: GoRef, route: ZeroRoute, path: StrPart[]) => GoRoute[]): void {
  const { facts, evalRouter, str, candidate } = deps;
  let recv = evalRouter(operand);
  // A server we cannot trace (`s.server.AddRoutes`) still serves these routes, at the paths written.
  if (!recv) {
    recv = `R:${facts.file}@${operand.startIndex}-${operand.endIndex}`;
    facts.routers[recv] = GO_ZERO;
  }
  for (const r of call.routes) {
    const guards = zeroGuards(r, call, candidate, facts.file);
    const made = madeBy(r.handler, deps.sc);
    for (const added of add(recv, r, zeroPath(r, call.prefixes, str))) {
      // A handler a function of ours makes from the service's values is that function's closure, not a wrapped one.
      if (made) delete added.applied;
      Object.assign(added, { line: line(r.literal), order: r.literal.startIndex, guards: made ? guards : [...guards, ...added.guards], ...(made ? { handlerCallee: made } : {}) });
    }
  }
}

/**
 * `Handler: role.CreateRoleHandler(serverCtx)`: goctl's handlers are made by a function of ours
 * from the service context, a value, and return the closure that serves (the function holds its
 * code); not a wrapper around a handler. The function called, when every argument is such a value:
 * a local or parameter of a struct type of the service, or a field read off one.
 */
function madeBy(handler: Node, sc: ZeroDeps['sc']): Callee | undefined {
  if (handler.type !== 'call_expression') return undefined;
  const isValue = (a: Node): boolean => {
    let base = a;
    while (base.type === 'selector_expression') base = base.childForFieldName('operand')!;
    if (base.type === 'unary_expression') base = base.namedChildren[0] ?? base;
    const v = base.type === 'identifier' ? sc.lookup(base) : undefined;
    return !!v && 'type' in v && !!v.type && !v.type.startsWith('ext:');
  };
  const args = callArgs(handler);
  if (!args.length || !args.every(isValue)) return undefined;
  const c = sc.callee(handler.childForFieldName('function')!);
  return c?.startsWith('fn:') ? c : undefined;
}

/** The path of a route: the prefixes of the call, the last given outermost, then the route's own path (go-zero joins them with path.Join). */
function zeroPath(route: ZeroRoute, prefixes: Node[], str: (n: Node) => StrPart[]): StrPart[] {
  const parts: StrPart[] = [];
  for (const piece of [...[...prefixes].reverse().map(str), str(route.pathNode)]) {
    for (const part of piece) {
      const last = parts[parts.length - 1];
      // path.Join: `"/v1/"` + `"/x"` is `/v1/x`.
      if ('lit' in part && last && 'lit' in last) parts[parts.length - 1] = { lit: (last.lit + part.lit).replace(/\/{2,}/g, '/') };
      else parts.push(part);
    }
  }
  return parts;
}

/** The route's guard candidates in the order go-zero runs them: the call's options (JWT), then its middleware lists, outermost first. */
function zeroGuards(route: ZeroRoute, call: ZeroCall, candidate: (n: Node, via: string) => GoCandidate, file: string): GoCandidate[] {
  return [
    ...call.guards.map((g) => candidate(g, `option of AddRoutes at ${file}:${line(g)}`)),
    ...route.middleware.map((m) => candidate(m, `rest.WithMiddlewares at ${file}:${line(m)}`)),
  ];
}

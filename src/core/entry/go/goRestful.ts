// emicklei/go-restful, the router of Kubernetes-style API servers (KubeVela's VelaUX): a
// `ws := new(restful.WebService)` is one router, `ws.Path("/api/v1/targets")` its root path, and
// `ws.Route(ws.GET("/{name}").To(h).Filter(f)…)` a route built by a chain of builder calls: the
// verb call gives the path, `To` the handler, each `Filter` a filter of that route alone.
// `ws.Filter(f)` runs for every route of the WebService, whatever the line it is written on
// (go-restful composes container, WebService and route filters when it dispatches), and a filter
// refuses by not calling `chain.ProcessFilter(req, resp)`.
// A container only dispatches to a WebService (`container.Add(ws)` adds no prefix), so the
// WebService hangs from a node of its own (`<ws>:root`), whose edge down carries the root path;
// that node hangs from the one container the program's filters are read on (`CONTAINER`): the
// containers a program makes (`restful.NewContainer()`, `restful.DefaultContainer`) are taken for
// one, since which container adds which WebService is often out of sight (a loop over an
// interface's results), and a container filter that refuses must not be lost.
import type { GoNode as Node } from './goNode';
import { callArgs, line } from '../treeUtil';
import type { GoCandidate, GoFileFacts, GoRef, GoUse, StrPart } from './types';

export const GO_RESTFUL = 'go-restful';
/** The program's go-restful container(s): `container.Filter(f)` and `restful.Filter(f)` add to it. */
export const CONTAINER = 'G:go-restful';
const VERBS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);

export function isGoRestfulImport(p: string): boolean {
  return /^github\.com\/emicklei\/go-restful(\/v\d+)?$/.test(p);
}

export function importsGoRestful(facts: GoFileFacts): boolean {
  return Object.values(facts.imports).some((v) => isGoRestfulImport(v.path));
}

/** `new(restful.WebService)` or `&restful.WebService{}` where `restful` is this file's import of go-restful. */
export function isWebServiceMade(n: Node, facts: GoFileFacts): boolean {
  let type: Node | null | undefined;
  if (n.type === 'call_expression' && n.childForFieldName('function')?.text === 'new') type = callArgs(n)[0];
  else if (n.type === 'composite_literal') type = n.childForFieldName('type');
  const m = type ? /^(\w+)\.WebService$/.exec(type.text) : null;
  const imp = m ? facts.imports[m[1]] : undefined;
  return !!imp && isGoRestfulImport(imp.path);
}

/** `restful.NewContainer()` or `restful.DefaultContainer`: the container, as a router. */
export function isContainer(n: Node, facts: GoFileFacts): boolean {
  const f = n.type === 'call_expression' ? n.childForFieldName('function') : n;
  const m = f && /^(\w+)\.(NewContainer|DefaultContainer)$/.exec(f.text);
  if (!m || (n.type === 'call_expression') !== (m[2] === 'NewContainer')) return false;
  const imp = facts.imports[m[1]];
  return !!imp && isGoRestfulImport(imp.path);
}

/** A WebService made at `n`: hung from its root node, which hangs from the container. */
export function madeWebService(ws: GoRef, n: Node, facts: GoFileFacts): GoRef {
  const root = `${ws}:root`;
  facts.routers[root] = GO_RESTFUL;
  facts.routers[CONTAINER] = GO_RESTFUL;
  if (facts.edges.some((e) => e.parent === root)) return ws;
  const at = { file: facts.file, line: line(n), order: n.startIndex };
  facts.edges.push({ parent: CONTAINER, child: root, prefix: [], guards: [], ...at }, { parent: root, child: ws, prefix: [], guards: [], ...at });
  return ws;
}

/** What goRestfulCall needs of the file's walk (extract.ts). */
export interface RestfulWalk {
  facts: GoFileFacts;
  evalRouter: (n: Node | null | undefined) => GoRef | undefined;
  str: (n: Node) => StrPart[];
  candidate: (n: Node, via: string) => GoCandidate;
  addRoute: (call: Node, recv: GoRef, method: string, pathNode: Node, handler: Node, filters: Node[]) => void;
}

/** A call on a WebService or a container (`Path`, `Filter`, `Route`): its facts added; false when it is none of those. */
export function goRestfulCall(call: Node, w: RestfulWalk): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return false;
  const field = fn.childForFieldName('field')!.text;
  if (field !== 'Path' && field !== 'Filter' && field !== 'Route') return false;
  const operand = fn.childForFieldName('operand')!;
  // `restful.Filter(f)`: a filter of the default container.
  const pkg = operand.type === 'identifier' && w.facts.imports[operand.text] && isGoRestfulImport(w.facts.imports[operand.text].path);
  const ws = pkg ? CONTAINER : w.evalRouter(operand);
  // A WebService or container made here; or, where the file imports go-restful, one handed in
  // (`initRoutes(ws *restful.WebService)`) or kept in a field (`s.webContainer.Filter(cors.Filter)`).
  if (!ws || (w.facts.routers[ws] !== GO_RESTFUL && !(/^[PFV]:/.test(ws) && importsGoRestful(w.facts)))) return false;
  const args = callArgs(call);
  const { facts } = w;
  if (field === 'Path' && args.length === 1) {
    // The root node's edge down, made with the WebService, takes the root path.
    const edge = facts.edges.find((e) => e.parent === `${ws}:root` && e.child === ws);
    if (edge) Object.assign(edge, { prefix: w.str(args[0]), line: line(call), order: call.startIndex });
    return true;
  }
  if (field === 'Filter') {
    // Not ordered: a WebService's (a container's) filters run for all its routes, added before or after.
    for (const a of args) facts.uses.push({ router: ws, candidate: w.candidate(a, `${operand.text.slice(0, 60)}.Filter`), file: facts.file, order: call.startIndex, ordered: false } satisfies GoUse);
    return true;
  }
  const built = args.length === 1 ? builder(args[0]) : undefined;
  if (built) w.addRoute(call, ws, built.method, built.path, built.handler, built.filters);
  return true;
}

/** `ws.GET("/x").To(h).Filter(f).Doc(…)`: the verb and its path, the handler and the route's filters in order. */
function builder(n: Node): { method: string; path: Node; handler: Node; filters: Node[] } | undefined {
  let handler: Node | undefined;
  const filters: Node[] = [];
  let method: string | undefined;
  let path: Node | undefined;
  for (let cur: Node | null = n; cur?.type === 'call_expression'; ) {
    const f = cur.childForFieldName('function');
    if (f?.type !== 'selector_expression') return undefined;
    const field = f.childForFieldName('field')!.text;
    const a = callArgs(cur);
    if (field === 'To' && a.length === 1) handler = a[0];
    else if (field === 'Filter' && a.length === 1) filters.unshift(a[0]);
    else if (VERBS.has(field) && a.length === 1) [method, path] = [field, a[0]];
    else if (field === 'Method' && a.length === 1 && /^"[A-Z]+"$/.test(a[0].text)) method = a[0].text.slice(1, -1);
    else if (field === 'Path' && a.length === 1 && !path) path = a[0];
    if (VERBS.has(field) || field === 'Method') break;
    cur = f.childForFieldName('operand');
  }
  return method && path && handler ? { method, path, handler, filters } : undefined;
}

// A function of the service that makes and returns the router (`func NewEcho() *echo.Echo { e :=
// echo.New(); e.Use(…); return e }`): a variable holding its result (`e := routes.NewEcho()`) is
// that router, with the middleware the function put on it. Only a function whose DECLARED result
// is a router type of a known framework (or net/http's Handler), and whose every return gives the
// one router it made itself, is followed: calls to other functions of ours stay what they were (a
// guess that any call returns a router would take servers, stores and handlers for routers).
// A constructor may hand that router on wrapped (dependency-injection code: `func CreateAPI()
// *api.Router { return api.New() }`, `func New() *Router { r := &Router{}; r.Handler = r.routes();
// return r }`): a function whose every return gives one result of another call of ours, or one
// value of a struct type, is that result or that value (its embedded handler); link.ts keeps it
// only when the way ends at a router some function made. A body that gives nothing readable
// (wire's injector templates, `panic(wire.Build(…))`, whose generated twin the map does not read)
// still declares what it returns: a value of a struct type of ours is that type's value.
import type { GoNode as Node } from './goNode';
import { all, kids, line } from '../treeUtil';
import { frameworkOfImport } from './frameworks';
import { FN, type Value } from './scope';
import type { GoFileFacts, GoRef } from './types';

/** Router types a framework's constructor returns, by package: `*echo.Echo`, `*gin.Engine`, `chi.Router`, `*http.ServeMux`. */
const ROUTER_RESULT = /^\*?(\w+)\.(Echo|Group|Engine|RouterGroup|Router|Mux|ServeMux|App|Macaron)$/;

/**
 * The reference a variable holding a call's result gets where it is handed to another function
 * (`O:` + callee); link time ties it to the router the function returns, or drops it.
 */
export function resultRefOf(v: Value | undefined): GoRef | undefined {
  return v && 'ret' in v && v.ret.startsWith('fn:') ? `O:${v.ret}` : undefined;
}

/** Whether a function's declared result names a router type of a framework the file imports, or net/http's Handler. */
function declaresRouter(fn: Node, facts: GoFileFacts): boolean {
  const m = ROUTER_RESULT.exec(routerResultText(fn));
  const imp = m ? facts.imports[m[1]] : undefined;
  if (facts.imports.http?.path === 'net/http' && fn.childForFieldName('result')?.text === 'http.Handler') return true;
  return !!imp && (!!frameworkOfImport(imp.path) || (imp.path === 'net/http' && m![2] === 'ServeMux'));
}

/**
 * The declared result's text; `(*gin.Engine, error)` is the router with an error beside it (a constructor that may fail:
 * pocket-id's `initEngine()`), whose failing returns give `nil` for the router (skipped in routerResults).
 */
function routerResultText(fn: Node): string {
  const t = fn.childForFieldName('result')?.text ?? '';
  return /^\(\s*[^,()]+,\s*error\s*\)$/.exec(t) ? t.slice(1, t.indexOf(',')).trim() : t;
}

/** `return nil, err` in a function declaring `(router, error)`: the failing way, which gives no router. */
function failingReturn(ret: Node, expr: Node | null | undefined): boolean {
  return expr?.type === 'nil' && (kids(ret)[0]?.namedChildren.length ?? 0) === 2;
}

/**
 * The functions of this file that declare a router result (`func newMacaron() *macaron.Macaron`), as
 * callees: a local holding one's result (`m := newMacaron()`) is the router it makes, registrations
 * on it included; link.ts keeps `O:` only where the function was found to return a router it made.
 */
export function routerMakers(root: Node, facts: GoFileFacts): Set<string> {
  const out = new Set<string>();
  for (const fn of all(root, 'function_declaration')) if (declaresRouter(fn, facts)) out.add(`fn:${facts.dir}#${fn.childForFieldName('name')!.text}`);
  return out;
}

/**
 * For each function declaring a router result whose returns all give one router made in it, an
 * alias edge from that router to `O:fn:<key>`, which link.ts's canon gives for a call resolving to it.
 */
export function routerResults(root: Node, facts: GoFileFacts, keyOf: (fn: Node) => string, evalRouter: (n: Node) => GoRef | undefined, handedOn?: (n: Node) => GoRef | undefined, typeKey?: (t: Node | null) => string | undefined): void {
  for (const fn of all(root, ['function_declaration', 'method_declaration'])) {
    const router = declaresRouter(fn, facts);
    if (!router && !(handedOn && fn.childForFieldName('result'))) continue;
    const body = fn.childForFieldName('body');
    if (!body) continue;
    const refs = new Set<GoRef | undefined>();
    for (const ret of all(body, 'return_statement')) {
      let p = ret.parent;
      while (p && !FN.includes(p.type)) p = p.parent;
      if (p?.startIndex !== fn.startIndex) continue;
      const expr = kids(ret)[0]?.namedChildren[0];
      if (router && failingReturn(ret, expr)) continue;
      refs.add(expr ? evalRouter(expr) ?? handedOn?.(expr) : undefined);
    }
    const [ref] = [...refs];
    // Another call's result, or a struct value: an alias link.ts keeps only if it leads to a router.
    // A router result read off a field of ours (`return ws.Server.Handler.(*mux.Router)`): what that field holds.
    if (refs.size === 1 && ref && (/^[OV]:/.test(ref) || (router && ref.startsWith('F:')))) {
      facts.edges.push({ parent: ref, child: `O:fn:${keyOf(fn)}`, prefix: [], guards: [], file: facts.file, line: line(fn), order: fn.startIndex, alias: true });
      continue;
    }
    const declared = [...refs].every((r) => !r) ? typeKey?.(fn.childForFieldName('result')) : undefined;
    if (declared && !declared.startsWith('ext:')) {
      facts.edges.push({ parent: `V:${declared}`, child: `O:fn:${keyOf(fn)}`, prefix: [], guards: [], file: facts.file, line: line(fn), order: fn.startIndex, alias: true });
      continue;
    }
    if (!router) continue;
    // A router made here: a creator call inside this function's body (`R:file@start-end`).
    const made = ref ? /^R:.*@(\d+)-(\d+)$/.exec(ref) : null;
    if (refs.size !== 1 || !made || !ref!.startsWith(`R:${facts.file}@`) || +made[1] < body.startIndex || +made[2] > body.endIndex) continue;
    facts.edges.push({ parent: ref!, child: `O:fn:${keyOf(fn)}`, prefix: [], guards: [], file: facts.file, line: line(fn), order: fn.startIndex, alias: true });
  }
}

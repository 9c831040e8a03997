// The router a Go expression stands for: a creator call (`chi.NewRouter()`), a group or
// subrouter (`r.Group("/api", mw)`), a wrapper that takes a router (`auth(mux)`), a field, a
// parameter or a struct literal's router fields; each group and wrapper becomes a node with an
// edge to its parent. Separate from the walk in extract.ts, which decides what a call registers.
import type { GoNode as Node } from './goNode';
import { paramAt } from './handedMiddleware';
import { all, callArgs, line } from '../treeUtil';
import { CREATORS, creatorFramework, ROUTER_PARAM } from './frameworks';
import type { GoScope, TypeKey } from './scope';
import { FN } from './scope';
import { humaAdapter } from './huma';
import { wrapperCandidates } from './composedMiddleware';
import { bindClosureGroup } from './macaron';
import { packageVars } from './packageVars';
import { FASTHTTP_ROUTER, isFasthttpRouterCreator } from './fasthttpRouter';
import { GO_ZERO, isGoZeroCreator } from './goZero';
import { CONTAINER, GO_RESTFUL, isContainer, isWebServiceMade, madeWebService } from './goRestful';
import { BINDS, UNBINDS } from './ownRouter';
import { IRIS, isIrisCreator } from './iris';
import type { GoCandidate, GoFileFacts, GoRef } from './types';
import { buildCalls } from './optionalFor';
import { adaptedMiddleware } from './adaptedMiddleware';
import { condsAbove } from './configValues';
import { viperSetting } from './viperKeys';

// `SubGroup(prefix, mw…)`: an own router type's group method (ownRouter.ts), read like `Group`.
export const GROUP = new Set(['Group', 'SubGroup', 'PathPrefix', 'Subrouter', 'With', 'Route', 'Party']);
/**
 * gorilla/mux matchers that make a route of a router without a path (`r.NewRoute()`, `r.Host(h)`,
 * `r.Methods("GET")`); `.Subrouter()` on one is a router under no prefix with its own middleware,
 * so it is a node of its own, not its parent.
 */
/** gorilla/mux settings that give the router itself back (`root = root.StrictSlash(true)`). */
const GORILLA_SETTERS = new Set(['StrictSlash', 'SkipClean', 'UseEncodedPath']);
export const GORILLA_MATCHERS = new Set(['NewRoute', 'Host', 'Schemes', 'Headers', 'HeadersRegexp', 'MatcherFunc', 'Methods', 'Queries']);

export interface RouterValues {
  candidate: (n: Node, via: string, condition?: string) => GoCandidate;
  evalRouter: (n: Node | null | undefined, asValue?: boolean) => GoRef | undefined;
  /** `N:dir#Name` for a package-level name (packageVars.ts). */
  packageVar: (n: Node) => GoRef | undefined;
  /** A router made by gorilla's `r.Path(p).Subrouter()` in this file: its routes without a path of their own answer that one path. */
  exactPath: (ref: GoRef) => boolean;
}

/** The router evaluator of one file: each call is evaluated once (one per extractGo run). */
export function routerValues(facts: GoFileFacts, typeKey: TypeKey, sc: GoScope): RouterValues {
  const { file } = facts;
  const { lookup, callee, str } = sc;
  const candidate = (n: Node, via: string, condition?: string): GoCandidate => {
    // `echo.WrapMiddleware(mw)`: the net/http middleware it adapts is the candidate (adaptedMiddleware.ts).
    const adapted = adaptedMiddleware(n, callee);
    if (adapted) return candidate(adapted, `${via} (adapted by ${n.childForFieldName('function')!.text})`, condition);
    const fnNode = n.type === 'call_expression' ? n.childForFieldName('function')! : n;
    const args = n.type === 'call_expression' ? callArgs(n).map((a) => str(a)) : undefined;
    // A local holding what a function of ours made (`reqSignIn := context.Toggle(&opts)`) is judged
    // as that call written in place: the function that makes the middleware holds its code.
    const held = n.type === 'identifier' ? lookup(n) : undefined;
    const made = held && 'ret' in held && !held.members && held.ret.startsWith('fn:') ? held.ret : undefined;
    const madeBy = made ? initializerCall(n) : undefined;
    const builds = buildCalls(n, callee, str, (x) => sc.keyOf(sc.fnOf(x)));
    // A local bound to a composing call (`m := pick(flag, a, b(x))`, composedMiddleware.ts) keeps its composer for givenMiddleware.ts alone.
    const composer = !made && held && 'ret' in held && held.members && held.ret.startsWith('fn:') ? held.ret : undefined;
    // `csrf.Protect(key)(h)`: middleware a library's factory makes and applies in place is judged as that factory.
    const factory = fnNode.type === 'call_expression' ? callee(fnNode.childForFieldName('function')!) : undefined;
    const own = made ?? composer ?? callee(fnNode) ?? (factory?.startsWith('ext:') ? factory : undefined);
    // The middleware a factory of ours was given (givenMiddleware.ts), read where the call is written or bound.
    const maker = own?.startsWith('fn:') && depth < 4 ? (n.type === 'call_expression' ? n : initializerNode(n)) : undefined;
    depth++;
    const given = maker ? callArgs(maker).map((a) => givenMember(a, via)) : [];
    depth--;
    const param = held && 'param' in held ? paramAt(n, sc) : undefined;
    return { text: n.text.replace(/\s+/g, ' ').slice(0, 160), file, line: line(n), via, callee: own, ...(param ? { param } : {}), ...(args ? { args } : {}), ...(condition ? { condition } : {}), ...(madeBy ? { made: madeBy } : {}), ...(builds.length ? { builds } : {}), ...(given.some(Boolean) ? { given } : {}), ...(composer ? { composer: true, made: initializerCall(n) } : {}) };
  };
  let depth = 0;
  /** An argument that can be middleware: a function, a call, a literal, or a local bound to a call's result. */
  const givenMember = (a: Node, via: string): GoCandidate | null => {
    if (a.type === 'selector_expression' || a.type === 'call_expression' || a.type === 'func_literal') return candidate(a, `given to a factory, ${via}`);
    if (a.type !== 'identifier') return null;
    const v = lookup(a);
    if (!v || 'fn' in v) return candidate(a, `given to a factory, ${via}`);
    const init = 'ret' in v ? initializerNode(a) : undefined;
    return init ? { ...candidate(init, `given to a factory, ${via}`), text: a.text } : null;
  };
  const conditionOf = (n: Node): string | undefined => {
    for (let p = n.parent; p && !FN.includes(p.type); p = p.parent) if (p.type === 'if_statement') return p.childForFieldName('condition')?.text;
    return undefined;
  };

  const pkgVars = packageVars(facts.dir, facts.imports, lookup);
  const evaluated = new Map<string, GoRef | undefined>();
  const exact = new Set<GoRef>();
  const newRouter = (n: Node, framework: string): GoRef => {
    const ref = `R:${file}@${n.startIndex}-${n.endIndex}`;
    facts.routers[ref] = framework;
    return ref;
  };
  /** The router an expression stands for, creating group and wrapper nodes on the way. */
  const evalRouter = (n: Node | null | undefined, asValue = true): GoRef | undefined => {
    if (!n) return undefined;
    if (n.type === 'parenthesized_expression' || n.type === 'unary_expression') return evalRouter(n.namedChildren[0], asValue);
    // `ws.Server.Handler.(*mux.Router)`: a type assertion is the value asserted.
    if (n.type === 'type_assertion_expression') return evalRouter(n.childForFieldName('operand'), asValue);
    if (n.type === 'identifier') {
      const v = lookup(n);
      if (v && 'router' in v) return v.router;
      // A local holding what a function of ours returns (`pbRouter := router.NewRouter(f)`): a router
      // only if link.ts finds that function returns one (an own router type, routerResults.ts).
      if (v && 'ret' in v && v.ret.startsWith('fn:')) return `O:${v.ret}`;
      if (v && 'type' in v && v.type && !(v.type.startsWith('ext:') && !ROUTER_PARAM.test(v.type))) return `V:${v.type}`;
      return v ? undefined : pkgVars.refOf(n);
    }
    if (n.type === 'selector_expression') {
      const base = n.childForFieldName('operand')!;
      const field = n.childForFieldName('field')!.text;
      if (base.text === 'http' && field === 'DefaultServeMux') return 'G:DefaultServeMux';
      // `r.ServeHTTP`, the method value a router serves with, is the router as a handler.
      if (field === 'ServeHTTP') return evalRouter(base, asValue);
      if (isContainer(n, facts)) return CONTAINER;
      const chain: string[] = [field];
      let b = base;
      while (b.type === 'selector_expression') {
        chain.unshift(b.childForFieldName('field')!.text);
        b = b.childForFieldName('operand')!;
      }
      const v = b.type === 'identifier' ? lookup(b) : undefined;
      if (v && 'type' in v && v.type && !v.type.startsWith('ext:')) return `F:${v.type}|${chain.join('.')}`;
      // `server, err := app.NewServer(); api.InitLocal(server.LocalRouter)`: the field of the type the function of ours
      // returns, named once linked (goIndexCore.ts canon).
      if (v && 'ret' in v && /^fn:[^|]+$/.test(v.ret)) return `F:${v.ret}()|${chain.join('.')}`;
      // `es.rootRoute` with `var es *KubePiServer` declared at the top of this file (and maybe set
      // here, `es = NewKubePiSerer()`): the declared type's field.
      const pt = b.type === 'identifier' && (!v || 'ret' in v) ? fileVarType(b, typeKey) : undefined;
      return pt ? `F:${pt}|${chain.join('.')}` : undefined;
    }
    if (n.type === 'composite_literal') {
      if (isWebServiceMade(n, facts)) return madeWebService(newRouter(n, GO_RESTFUL), n, facts);
      const t = typeKey(n.childForFieldName('type'));
      // A library's struct (`http.Server{Handler: r}`) is no place of ours: each literal is a value of its own, known only as
      // the field of ours it is written into (`&Server{Server: http.Server{Handler: r}}` → `Server.Handler`).
      if (!t || t.startsWith('ext:')) return undefined;
      const fieldsOf = (lit: Node, at: string): void => {
        for (const ke of all(lit, 'keyed_element')) {
          if (ke.parent?.parent?.startIndex !== lit.startIndex) continue;
          const key = ke.childForFieldName('key')?.text;
          const value = ke.childForFieldName('value')?.namedChildren[0];
          const inner = value?.type === 'unary_expression' ? value.namedChildren[0] : value;
          if (key && inner?.type === 'composite_literal' && typeKey(inner.childForFieldName('type'))?.startsWith('ext:') && !at.includes('.')) {
            fieldsOf(inner, `${at}${key}.`);
            continue;
          }
          const val = evalRouter(value);
          if (key && val) facts.edges.push({ parent: val, child: `F:${t}|${at}${key}`, prefix: [], guards: [], file, line: line(ke), order: ke.startIndex, alias: true });
        }
      };
      fieldsOf(n, '');
      return undefined;
    }
    if (n.type !== 'call_expression') return undefined;
    const k = `${n.startIndex}-${n.endIndex}`;
    if (evaluated.has(k)) return evaluated.get(k);
    evaluated.set(k, undefined);
    const r = evalCall(n, asValue);
    evaluated.set(k, r);
    return r;
  };
  const evalCall = (n: Node, asValue: boolean): GoRef | undefined => {
    const fnNode = n.childForFieldName('function')!;
    const args = callArgs(n);
    const made = CREATORS.exec(fnNode.text);
    if (made) return newRouter(n, creatorFramework(made));
    if (isFasthttpRouterCreator(fnNode, facts)) return newRouter(n, FASTHTTP_ROUTER);
    if (isIrisCreator(fnNode, facts)) return newRouter(n, IRIS);
    if (isGoZeroCreator(fnNode, facts)) return newRouter(n, GO_ZERO);
    if (isWebServiceMade(n, facts)) return madeWebService(newRouter(n, GO_RESTFUL), n, facts);
    if (isContainer(n, facts)) return CONTAINER;
    if (/^http\.(Handler|HandlerFunc)$/.test(fnNode.text) || fnNode.text === 'gin.WrapH') return evalRouter(args[0]);
    if (fnNode.type === 'selector_expression') {
      const field = fnNode.childForFieldName('field')!.text;
      const operand = fnNode.childForFieldName('operand')!;
      if (GORILLA_SETTERS.has(field) && args.length <= 1) return evalRouter(operand);
      // An own router's `g.Unbind(id)` gives the group back; `g.Bind(mw)` kept or chained on is the group behind mw (ownRouter.ts).
      if (UNBINDS.has(field)) return evalRouter(operand);
      if (BINDS.has(field) && n.parent?.type !== 'expression_statement') {
        const parent = evalRouter(operand);
        if (!parent || !/^[ROPV]:/.test(parent)) return undefined;
        const ref = newRouter(n, facts.routers[parent] ?? '');
        facts.edges.push({ parent, child: ref, prefix: [], guards: args.map((a) => candidate(a, `${fnNode.text.slice(0, 60)} middleware`)), file, line: line(n), order: n.startIndex });
        return ref;
      }
      if (GROUP.has(field)) {
        const parent = evalRouter(operand);
        if (!parent) return undefined;
        // What a function of ours returned is taken for a router only where it is used like one (`x.Group("/api")`), not `h.Route(r)`.
        if (parent.startsWith('O:') && !/^["`]/.test(args[0]?.text ?? '')) return undefined;
        if (field === 'Subrouter') return parent;
        const fl = args.find((a) => a.type === 'func_literal');
        const hasPrefix = field !== 'With' && !(field === 'Group' && args[0]?.type === 'func_literal');
        const ref = newRouter(n, facts.routers[parent] ?? '');
        const mw = (hasPrefix ? args.slice(1) : args).filter((a) => a.type !== 'func_literal');
        // `if bPath != "" { r = r.PathPrefix("/" + bPath).Subrouter() }`: a group made only under settings (link.ts drops its prefix and middleware when a fresh install's rule it out).
        const settings = condsAbove(n, (x) => sc.setting(x) ?? viperSetting(x));
        facts.edges.push({ parent, child: ref, prefix: hasPrefix ? str(args[0]) : [], guards: mw.map((a) => candidate(a, `${fnNode.text.slice(0, 60)} middleware`)), file, line: line(n), order: n.startIndex, ...(settings?.length ? { settings } : {}) });
        if (fl) facts.edges.push({ parent: ref, child: `P:${file}@${fl.startIndex}(0)`, prefix: [], guards: [], file, line: line(n), order: n.startIndex });
        // Macaron: the closure takes no router and registers on the name the group was called on.
        bindClosureGroup(fl, operand, ref, sc);
        return ref;
      }
      // gin: `g.Group("/user").Use(mw).POST(…)`: `Use` adds the middleware to the group and returns
      // it, so a route chained on it is behind the middleware. Only a chained `Use` is a value here;
      // a `Use` statement is read by extract.ts as middleware for the routes after it.
      if (field === 'Use' && n.parent?.type === 'selector_expression') {
        const parent = evalRouter(operand);
        if (!parent) return undefined;
        const ref = newRouter(n, facts.routers[parent] ?? '');
        facts.edges.push({ parent, child: ref, prefix: [], guards: args.map((a) => candidate(a, `${fnNode.text.slice(0, 60)} middleware`)), file, line: line(n), order: n.startIndex });
        return ref;
      }
      // gin: `aR := rg.Group("/tag").Use(mw)`, `arp := aR.Use(mw)`: `Use` gives back the group it was called on,
      // so the variable is that group; extract.ts reads the call as an ordered `Use` on it, which guards the routes after it.
      if (field === 'Use' && n.parent?.type === 'expression_list' && /^(short_var_declaration|assignment_statement)$/.test(n.parent.parent?.type ?? '')) {
        return evalRouter(operand);
      }
      // gorilla `r.Path("/users/{id}").Subrouter()`: a router for that one path, whose routes add theirs to it (none,
      // `sub.Methods("GET").HandlerFunc(h)`, answers the path itself). Only under `.Subrouter()`: elsewhere `Path` configures a route.
      if (field === 'Path' && args.length === 1 && n.parent?.type === 'selector_expression' && n.parent.childForFieldName('field')?.text === 'Subrouter') {
        const parent = evalRouter(operand);
        if (!parent) return undefined;
        const ref = newRouter(n, facts.routers[parent] ?? '');
        exact.add(ref);
        facts.edges.push({ parent, child: ref, prefix: str(args[0]), guards: [], file, line: line(n), order: n.startIndex });
        return ref;
      }
      // `router.NewRoute().Subrouter()`: evaluated only under `.Subrouter()`, where it is a router;
      // elsewhere these calls configure a route (`.HandleFunc(…).Methods("GET")`).
      if (GORILLA_MATCHERS.has(field) && n.parent?.type === 'selector_expression' && n.parent.childForFieldName('field')?.text === 'Subrouter') {
        const parent = evalRouter(operand);
        if (!parent) return undefined;
        const ref = newRouter(n, facts.routers[parent] ?? '');
        const m = field === 'Methods' && args.length === 1 ? str(args[0]) : undefined;
        const method = m?.length === 1 && 'lit' in m[0] ? m[0].lit : undefined;
        facts.edges.push({ parent, child: ref, prefix: [], guards: [], ...(method ? { method } : {}), file, line: line(n), order: n.startIndex });
        return ref;
      }
    }
    // A Huma API on the router its adapter is given (`humaecho.NewWithGroup(e, g, cfg)`).
    const huma = humaAdapter(n, facts, sc, evalRouter);
    if (huma) {
      const ref = newRouter(n, 'huma');
      facts.edges.push({ parent: huma.parent, child: ref, prefix: huma.prefix, guards: [], file, line: line(n), order: n.startIndex });
      return ref;
    }
    // `ws.Router().PathPrefix(…)`: a getter of ours (no arguments) used as a router is what it returns; link.ts keeps it only
    // when that is found to be a router (routerResults.ts).
    if (args.length === 0 && n.parent?.type === 'selector_expression') {
      const own = callee(fnNode);
      if (own?.startsWith('fn:') && !own.startsWith('fn:ext:')) return `O:${own}`;
    }
    if (!asValue) return undefined;
    // A call that takes a router and gives a handler back: middleware wrapping it (`auth(mux)`).
    // Only what is surely a router, or a field named like one (`auth(s.mux)`), is wrapped.
    const found = args.map((a) => evalRouter(a)).filter((r): r is GoRef => !!r);
    const inner = found.find((r) => /^[RPG]:/.test(r)) ?? found.find((r) => /^F:.*\|(\w+\.)*\w*(router|mux|engine|handler|echo|app|api)$/i.test(r));
    if (!inner) return undefined;
    const ref = newRouter(n, '');
    // The wrapper, and the middleware composed into it when it is a variable (composedMiddleware.ts).
    const wraps = wrapperCandidates(n, `wraps the handler at ${file}:${line(n)}`, sc, candidate, conditionOf(n));
    // A helper of ours may stack the middleware it is given on the router (middlewareChain.ts, at link time).
    if (wraps[0].callee?.startsWith('fn:') && args.length > 1) wraps[0].stack = args.map((a) => candidate(a, `applied by ${fnNode.text.slice(0, 60)}`));
    facts.edges.push({ parent: ref, child: inner, prefix: [], guards: wraps, file, line: line(n), order: n.startIndex });
    return ref;
  };
  return { candidate, evalRouter, packageVar: (n) => pkgVars.refOf(n), exactPath: (ref) => exact.has(ref) };
}

/** The type of ours a package-level `var name T` of the identifier's file declares, if any. */
function fileVarType(id: Node, typeKey: TypeKey): string | undefined {
  let root: Node = id;
  while (root.parent) root = root.parent;
  for (const spec of all(root, 'var_spec')) {
    if (spec.parent?.parent?.type !== 'source_file' && spec.parent?.type !== 'source_file') continue;
    if (!spec.childrenForFieldName('name').some((n) => n?.text === id.text)) continue;
    const t = typeKey(spec.childForFieldName('type'));
    return t && !t.startsWith('ext:') ? t : undefined;
  }
  return undefined;
}

/**
 * The call a local was last bound to before its use (`jwtMw := mw.MiddlewareFunc()`), in its
 * function or a function around it (a group's closure sees main's locals).
 */
function initializerNode(id: Node): Node | undefined {
  for (let fn: Node | null = id.parent; fn; fn = fn.parent) {
    if (!FN.includes(fn.type)) continue;
    let call: Node | undefined;
    for (const d of all(fn, ['short_var_declaration', 'assignment_statement'])) {
      if (d.startIndex > id.startIndex) continue;
      const left = d.childForFieldName('left')?.namedChildren ?? [];
      const right = d.childForFieldName('right')?.namedChildren ?? [];
      if (left.length === 1 && left[0]?.text === id.text && right[0]?.type === 'call_expression') call = right[0];
    }
    if (call) return call;
  }
  return undefined;
}

/** The same call as written. */
function initializerCall(id: Node): string | undefined {
  return initializerNode(id)?.text.replace(/\s+/g, ' ').slice(0, 300);
}

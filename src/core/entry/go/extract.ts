// Go HTTP routes, one file at a time: net/http (incl. Go 1.22 "GET /x/{id}"), httprouter, chi,
// gin, echo, gorilla/mux, fiber and Macaron. Walks the file in document order, keeping per-function
// bindings, so routers made in one place and extended in another (struct fields, parameters,
// closures, interfaces) become symbolic references that link.ts ties together across packages.
// Name resolution is in scope.ts, what an expression's router is in routerValues.ts.
import { typeAliases } from './contextErrs';
import type { Tree } from 'web-tree-sitter';
import { goRoot, type GoNode as Node } from './goNode';
import type { ModuleIndex } from '../resolveModule';
import { callArgs, kids, line, rangeOf } from '../treeUtil';
import { functionFacts, type BodyContext } from './bodies';
import { readDeclarations } from './declarations';
import { readInterfaces } from './interfaceImpls';
import { GROUP, routerValues } from './routerValues';
import { libraryConfigs } from './libraryCallbacks';
import { fieldSets } from './settings';
import { storedSeeds } from './storedSettings';
import { defaultLiterals } from './defaultLiterals';
import { builtRoute, chainedAfter, pathlessRoute } from './gorillaChain';
import { goScope, LOCAL_KEY } from './scope';
import { packageFunc } from './packageFuncs';
import { definedWrappers, madeInsideWrappers } from './definedWrappers';
import { resultRefOf, routerMakers, routerResults } from './routerResults';
import { humaCall, importsHuma } from './huma';
import { madeTypes, newOfType, typeOfLocal } from './madeTypes';
import { patternOfRanged } from './routeLoops';
import { isEchoGroup } from './echoOrder';
import { BINDS, chainedBinds, UNBINDS } from './ownRouter';
import { pathSet, skipperOf } from './skipperPaths';
import { condsAbove, configFacts, SETTING_KEY } from './configValues';
import { viperSetting } from './viperKeys';
import { helperCalls } from './helperCalls';
import { chainMembers, middlewareList, mountedResult } from './composedMiddleware';
import { branchAdders, dispatchFacts, fileRegexes } from './dispatchChain';
import { handlerUnwrapper } from './handlerWrappers';
import { comboOf } from './macaron';
import { beegoAliases, beegoCall, BEEGO_APP } from './beego';
import { methodFirst, methodList } from './methodArgs';
import { rangeValue, readStringList } from './rangeLists';
import { FASTHTTP_FILES, FASTHTTP_ROUTER } from './fasthttpRouter';
import { addZeroRoutes, goZeroCall, importsGoZero } from './goZero';
import { statusErrCtor, statusErrVar } from './statusErrs';
import { recordHanded } from './handedMiddleware';
import { funcField } from './funcFields';
import { GO_RESTFUL, goRestfulCall } from './goRestful';
import { IRIS, IRIS_FILES } from './iris';
import { registeredPath } from './registeredPath';
import { routerHandOns } from './routerHandOns';
import { defaultMuxServes } from './defaultMuxServes';
import { handedOwnRouter } from './redispatch';
import { fileServerRoutes } from './fileServers';
import { excludedByBuildTags } from './buildTags';
import { heldParam } from './funcParams';
import type { GoFileFacts, GoRef, StrPart } from './types';
import { dict } from '../../ownKeys';

const VERB = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'Any', 'Get', 'Post', 'Put', 'Delete', 'Patch', 'Options', 'Head', 'Connect', 'Trace', 'All', 'ANY', 'CONNECT', 'TRACE']);
const HANDLE = new Set(['Handle', 'HandleFunc', 'Handler', 'HandlerFunc', 'Method', 'MethodFunc', 'Add', 'Mount']);
/** echo's other registrars: static files (GET) and the not-found handler of a subtree (every method). */
const ECHO_REGISTRARS = new Set(['Static', 'StaticFS', 'File', 'FileFS', 'RouteNotFound']);
/** gin's static file registrars: each serves GET and HEAD (a folder under `/*filepath`). */
const GIN_FILES = new Set(['Static', 'StaticFS', 'StaticFile', 'StaticFileFS']);
const EXAMPLE_DIR = /(^|\/)_?examples?\//;
const CONSTANT = new Set(['true', 'false', 'nil', 'int_literal', 'float_literal', 'interpreted_string_literal', 'raw_string_literal']);

export function extractGo(tree: Tree, file: string, modules: ModuleIndex): GoFileFacts {
  return extractGoFrom(goRoot(tree), file, modules);
}

/** The facts of a file from its root: the plain copy of its tree, or the tree's own root (the test compares both). */
export function extractGoFrom(root: Node, file: string, modules: ModuleIndex): GoFileFacts {
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const facts: GoFileFacts = { file, dir, imports: dict(), funcs: [], structs: dict(), consts: dict(), constTypes: dict(), routers: dict(), edges: [], uses: [], routes: [], calls: [], passes: [] };
  // A file the default build leaves out (`//go:build sometag`) declares nothing the program has (buildTags.ts).
  if (excludedByBuildTags(root)) return facts;
  const frameworks = new Set<string>();
  const typeKey = readDeclarations(root, facts, modules, frameworks);
  readInterfaces(root, facts);
  const aliases = typeAliases(root, typeKey);
  if (aliases) facts.typeAliases = aliases;
  const usesEcho = frameworks.has('echo');
  const usesGin = frameworks.has('gin');
  const usesFiber = frameworks.has('fiber');
  const usesIris = frameworks.has(IRIS);
  const usesHuma = importsHuma(facts);
  const usesGoZero = importsGoZero(facts);
  const beego = beegoAliases(facts);

  const regexes = fileRegexes(root);
  const sc = goScope(facts, typeKey);
  const { fnOf, keyOf, scope, callee, str } = sc;
  const ctx: BodyContext = {
    callee,
    str,
    typeOfLiteral: (lit) => typeKey(lit.childForFieldName('type')),
    typeKey,
    strFn: { dir, callee, importDir: (name) => facts.imports[name]?.dir },
    rangeOver: (over) => rangeValue(over, (x) => !!sc.lookup(x), facts),
    setting: (x) => sc.setting(x) ?? viperSetting(x),
  };
  // `m := &csrfManager{…}; …; return m`: the type the constructor returns.
  ctx.typeOfName = (fn, name) => typeOfLocal(fn, name, typeKey);
  const { candidate, evalRouter, packageVar, exactPath } = routerValues(facts, typeKey, sc);
  const makers = routerMakers(root, facts);

  const bind = (left: Node | undefined, right: Node | undefined, fn: Node | undefined, assigns = false): void => {
    // `s.router = chi.NewRouter()`: the field is that router.
    if (left?.type === 'selector_expression' && right) {
      const field = evalRouter(left);
      // `r.Handler = r.routes()`: the field holds what that function of ours returns, a router once linked (routerResults.ts).
      const val = field && (evalRouter(right) ?? callResult(right));
      if (field && val) facts.edges.push({ parent: val, child: field, prefix: [], guards: [], file, line: line(left), order: left.startIndex, alias: true });
      return;
    }
    if (left?.type !== 'identifier' || !right || left.text === '_') return;
    const s = scope(fn);
    // A package-level variable given a router (`APIv1 = router.Group(…)`, `var r = gin.New()`): other functions and files use it by name (packageVars.ts).
    const pv = assigns || !fn ? packageVar(left) : undefined;
    const r = evalRouter(right);
    if (r && pv) facts.edges.push({ parent: r, child: pv, prefix: [], guards: [], file, line: line(left), order: left.startIndex, alias: true });
    if (r) return void s.set(left.text, { router: r });
    const inner = right.type === 'unary_expression' ? right.namedChildren[0] : right;
    if (inner?.type === 'composite_literal') {
      // `userMW := []errchain.Middleware{a.mwAuthToken, a.mwRoles(…)}`: a list of middleware, spread later into a wrapper (`…, userMW...)`).
      const listed = middlewareList(inner, sc, candidate);
      if (listed) return void s.set(left.text, listed);
      const t = typeKey(inner.childForFieldName('type'));
      if (t) return void s.set(left.text, { type: t });
    }
    if (right.type === 'func_literal' || right.type === 'selector_expression') {
      const c = callee(right);
      if (c && right.type === 'func_literal') return void s.set(left.text, { fn: c });
      if (c && !c.startsWith('meth:')) return void s.set(left.text, { fn: c });
    }
    // Go's `new(T)`, not a function of ours named `new` (homebox's `app := new(cfg)`).
    const made = newOfType(right, typeKey, root);
    if (made) return void s.set(left.text, { type: made });
    if (right.type === 'call_expression') {
      const maker = makers.size ? callee(right.childForFieldName('function')!) : undefined;
      if (maker && makers.has(maker)) return void s.set(left.text, { router: `O:${maker}` });
      // `urlPath = path.Join(base, urlPath)`: a string reassigned from a call stays a string, built from the call.
      const prev = s.get(left.text);
      if (prev && 'str' in prev) return void s.set(left.text, { str: str(right) });
      // `name := factory().Name()`: the string each caller's factory gives (MadeCall).
      const made = sc.madeMethod(right);
      if (made) return void s.set(left.text, { str: [made] });
      const c = callee(right.childForFieldName('function')!);
      // `userChain := Chain(base, withUser(db))`: the middleware composed into it (composedMiddleware.ts).
      // Only by a function of the service: what a package's constructor is given are its options
      // (`csrf.Protect(key, csrf.Secure(tls))`), judged through the constructor's own result.
      const members = c && !c.startsWith('ext:') ? chainMembers(right, sc, candidate) : [];
      // `ms := mw.MigrationStruct()`: what a function handed in makes, whose methods may name paths.
      const ref = sc.madeRef(right);
      if (c) return void s.set(left.text, { ret: c, ...(members.length ? { members } : {}), ...(ref ? { made: ref } : {}) });
    }
    const sv = str(right);
    // `rootPath := server.Config.Server.RootPath`: a setting of another package stands in the local's strings, for link time (configValues.ts).
    if (sv.every((p) => !('dyn' in p) || SETTING_KEY.test(p.dyn) || LOCAL_KEY.test(p.dyn))) s.set(left.text, { str: sv });
  };

  const visit = (n: Node): void => {
    switch (n.type) {
      case 'function_declaration':
      case 'method_declaration':
      case 'func_literal': {
        const f = functionFacts(n, keyOf(n), file, ctx);
        facts.funcs.push(f);
        statusErrCtor(n, facts);
        dispatchFacts(n, f, regexes, callee, addBranch, (name) => (name.includes('.') ? `${facts.imports[name.split('.')[0]]?.dir ?? '?'}#${name.split('.')[1]}` : `${dir}#${name}`), mountStripped);
        break;
      }
      case 'short_var_declaration':
      case 'assignment_statement': {
        const ls = kids(n.childForFieldName('left'));
        const rs = kids(n.childForFieldName('right'));
        const assigns = n.type === 'assignment_statement';
        if (ls.length === rs.length) ls.forEach((l, i) => bind(l, rs[i], fnOf(n), assigns));
        else bind(ls[0], rs[0], fnOf(n), assigns);
        break;
      }
      case 'keyed_element':
        skipperOf(n, facts, sc);
        funcField(n, facts, typeKey, callee, (x) => heldParam(x, sc));
        break;
      case 'range_clause': {
        // `for _, path := range paths` over a variadic string parameter: the value is each argument.
        const vals = kids(n.childForFieldName('left'));
        const over = n.childForFieldName('right');
        const v = over?.type === 'identifier' ? sc.lookup(over) : undefined;
        const p = v && 'str' in v && v.str.length === 1 ? v.str[0] : undefined;
        if (vals.length === 2 && p && 'param' in p && p.rest && vals[1].type === 'identifier') scope(fnOf(n)).set(vals[1].text, { str: [p] });
        // `for _, f := range filesRoot` over a fixed list of strings: one route per element (rangeLists.ts).
        const each = vals.length === 2 && !v && vals[1].type === 'identifier' ? rangeValue(over, (x) => !!sc.lookup(x), facts) : undefined;
        if (each) scope(fnOf(n)).set(vals[1].text, { str: [each] });
        break;
      }
      case 'var_spec':
        readStringList(n, facts);
        pathSet(n, facts);
        packageFunc(n, facts, fnOf, keyOf, callee);
        definedWrappers(n, facts, keyOf, callee);
        statusErrVar(n, facts);
        bind(n.childForFieldName('name') ?? undefined, n.childForFieldName('value')?.namedChildren[0] ?? undefined, fnOf(n));
        break;
      case 'call_expression':
        onCall(n);
        break;
    }
    for (const k of n.namedChildren) if (k) visit(k);
  };

  const onCall = (call: Node): void => {
    const fnNode = call.childForFieldName('function')!;
    const args = callArgs(call);
    const c = callee(fnNode);
    if (usesHuma) humaCall(call, facts, sc, evalRouter);
    if (c) recordHanded(c, args, facts, sc, evalRouter, candidate);
    // go-restful: `ws.Path(root)`, `ws.Filter(f)`, `ws.Route(ws.GET(p).To(h).Filter(f))` (goRestful.ts).
    if (frameworks.has(GO_RESTFUL) && goRestfulCall(call, { facts, evalRouter, str, candidate, addRoute: (at, recv, method, path, h, mw) => addRoute(at, recv, method, path, h, mw) })) return;
    if (beego.size && beegoCall(call, beego, facts, sc, typeKey, candidate, (at, method, path, h) => addRoute(at, BEEGO_APP, method, path, h, []))) return;
    if (c && args.length) {
      // A boolean parameter handed on (`api.RX(r, prefix, persistable)`) is followed like a string one (ParamTest).
      const sargs = args.map((a) => boolParam(a) ?? str(a));
      const made = madeTypes(call, fnNode, args, typeKey, fnOf);
      // A local read keyed by its place (scope.ts) may be computed at link time.
      if (made || sargs.some((s) => s.every((p) => !('dyn' in p) || LOCAL_KEY.test(p.dyn)))) facts.calls.push({ callee: c, args: sargs, file, order: call.startIndex, ...(made ? { made } : {}) });
    }
    if (fnNode.type === 'selector_expression') {
      const field = fnNode.childForFieldName('field')!.text;
      const operand = fnNode.childForFieldName('operand')!;
      // go-zero: `server.AddRoutes([]rest.Route{…}, rest.WithJwt(…), rest.WithPrefix(…))` (goZero.ts).
      const zero = usesGoZero ? goZeroCall(field, args, facts) : undefined;
      if (zero) return addZeroRoutes(operand, zero, { facts, sc, evalRouter, str, candidate }, (recv, r, path) => {
        const at = facts.routes.length;
        addRoute(call, recv, r.method, r.pathNode, r.handler, [], false, undefined, undefined, path, r.methodNode ? str(r.methodNode) : undefined);
        return facts.routes.slice(at);
      });
      const pkgHttp = operand.text === 'http' && (field === 'Handle' || field === 'HandleFunc');
      const echoFiles = usesEcho && ECHO_REGISTRARS.has(field);
      const ginFiles = usesGin && GIN_FILES.has(field);
      const fiberFiles = (usesFiber && field === 'Static') || (usesIris && IRIS_FILES.has(field));
      const fasthttpFiles = frameworks.has(FASTHTTP_ROUTER) && FASTHTTP_FILES.has(field);
      // Macaron: `m.Combo("/x", mw).Get(h).Post(bind(f), h)`, one route per chained verb on the Combo's path.
      const combo = VERB.has(field) ? comboOf(fnNode) : undefined;
      const comboRouter = combo && evalRouter(combo.router);
      if (combo && comboRouter && args.length) return addRoute(call, comboRouter, field.toUpperCase(), combo.path, args[args.length - 1], [...combo.handlers, ...args.slice(0, -1)]);
      const recv = pkgHttp ? 'G:DefaultServeMux' : VERB.has(field) || HANDLE.has(field) || field === 'Use' || BINDS.has(field) || UNBINDS.has(field) || field === 'Match' || GROUP.has(field) || echoFiles || ginFiles || fiberFiles || fasthttpFiles ? evalRouter(operand) : undefined;
      if (pkgHttp) facts.routers[recv!] = 'net/http';
      // A field or a struct value is a router only when used like one: with a path as a string.
      if (recv && /^[FVN]:/.test(recv) && (VERB.has(field) || HANDLE.has(field))) {
        const p = args.length >= 3 && /^(http\.Method|")/.test(args[0].text) ? args[1] : (methodFirst(field, args, str)?.pathNode ?? args[0]);
        // Not a path: a method of ours that happens to share a router's name (`s.Mount(r)` on `s := &api.Server{}`), handed the router.
        if (!p || !str(p).every((x) => 'lit' in x || 'param' in x || 'call' in x || /^[\w/.-]*#[\w.]+$/.test(x.dyn))) return handsOn(call, c, args);
      }
      if (recv && VERB.has(field) && args.length >= 2) {
        const [h, mw] = usesEcho ? [args[1], args.slice(2)] : [args[args.length - 1], args.slice(1, -1)];
        return addRoute(call, recv, /^(Any|All|ANY)$/.test(field) ? 'ANY' : field.toUpperCase(), args[0], h, mw);
      }
      // gin and echo: `Match([]string{"GET", "HEAD"}, path, …)`, one route per method of the list.
      const listed = field === 'Match' && args.length >= 3 ? methodList(args[0], str) : undefined;
      if (recv && listed) {
        const [h, mw] = usesEcho ? [args[2], args.slice(3)] : [args[args.length - 1], args.slice(2, -1)];
        for (const m of listed) addRoute(call, recv, m, args[1], h, mw);
        return;
      }
      if (recv && ginFiles && args.length >= 2 && !/^[FV]:/.test(recv)) return addGinFiles(call, recv, field, args);
      if (recv && fiberFiles && args.length >= 2 && !/^[FV]:/.test(recv)) return addGinFiles(call, recv, field, args, true);
      // fasthttp/router's `ServeFiles("/static/{filepath:*}", root)`: a GET of the path as written, served by its file server.
      if (recv && fasthttpFiles && args.length >= 2 && frameworkOf(recv) === FASTHTTP_ROUTER) return addFiles(call, recv, field, [args[0], args[1]]);
      if (recv && echoFiles && args.length >= 2 && !/^[FV]:/.test(recv)) {
        if (field === 'RouteNotFound') return addRoute(call, recv, 'ANY', args[0], args[1], args.slice(2));
        return addFiles(call, recv, field, args);
      }
      if (recv && HANDLE.has(field) && args.length >= 2) {
        const mf = methodFirst(field, args, str);
        let methods = [mf?.method ?? 'ANY'];
        const pathNode = mf?.pathNode ?? args[0];
        // gorilla: `.Methods("GET")` and `.Name("x")` may follow in any order.
        const after = chainedAfter(call, str);
        if (after.methods) methods = after.methods;
        const handler = args[args.length - 1];
        // A handler that is itself a router is a mount: chi strips the prefix, http.StripPrefix too.
        let strip: StrPart[] = [];
        let h = handler;
        while (h.type === 'call_expression' && /^http\.StripPrefix$/.test(h.childForFieldName('function')!.text)) {
          strip = str(callArgs(h)[0]);
          h = callArgs(h)[1] ?? h;
        }
        // Whether it is a router is known only once linked: the edge and the route are both kept
        // and link.ts drops the one that does not hold.
        // `r.Mount(urlPath, subRouter)` with the handler a parameter: whatever the callers hand in (link.ts).
        let child = evalRouter(handler) ?? (field === 'Mount' || field === 'Handle' ? handlerParam(handler) : undefined);
        // `http.StripPrefix("/rest", chain(ctrl))` with `ctrl` a call's result of ours: a router if link.ts finds it one.
        const result = child ? undefined : mountedResult(handler, sc, candidate, callResult);
        if (result) [child, strip] = [result.ref, result.strip];
        if (child) facts.edges.push({ parent: recv, child, prefix: field === 'Mount' ? str(pathNode) : strip, guards: result?.guards ?? [], method: methods[0] === 'ANY' ? undefined : methods[0], file, line: line(call), order: call.startIndex, mount: true });
        for (const m of methods) addRoute(call, recv, m, pathNode, handler, [], field === 'Mount', child, after.name, undefined, mf?.expr);
        if (after.matched) for (const r of facts.routes.slice(-methods.length)) r.matched = true;
        return;
      }
      // gorilla: `sr.PathPrefix("/").Methods("GET").HandlerFunc(h)`, a route built from a path matcher.
      const built = (field === 'Handler' || field === 'HandlerFunc') && args.length === 1 ? builtRoute(operand, str) : undefined;
      const base = built && evalRouter(built.router);
      if (built && base) {
        const after = chainedAfter(call, str);
        const name = after.name ?? built.name;
        // `r.PathPrefix("/api/").Handler(api)` with api a router of ours (once linked): a mount that strips nothing.
        const child = evalRouter(args[0]) ?? resultOf(args[0]) ?? callResult(args[0]);
        if (child) facts.edges.push({ parent: base, child, prefix: [], guards: [], file, line: line(call), order: call.startIndex, mount: true, keepsPath: true });
        const at = built.path ? { path: built.path, subtree: built.subtree } : pathlessRoute(exactPath(base));
        for (const m of after.methods ?? built.methods ?? ['ANY']) addRoute(call, base, m, operand, args[0], [], at.subtree, child, name, at.path);
        return;
      }
      // An own router's `Bind(mw)` whose result is kept or chained on is a group of its own (routerValues.ts).
      if (recv && (BINDS.has(field) || UNBINDS.has(field)) && call.parent?.type !== 'expression_statement') {
        evalRouter(call);
        return;
      }
      if (recv && UNBINDS.has(field)) return;
      if (recv && (field === 'Use' || BINDS.has(field))) {
        // `if conf.Server.Prometheus.Password != "" { r.Use(…) }`: added only while settings say so (configValues.ts).
        const settings = condsAbove(call, (x) => sc.setting(x) ?? viperSetting(x));
        heartbeats(call, recv, args);
        for (const a of args) facts.uses.push({ router: recv, candidate: candidate(a, `${operand.text.slice(0, 60)}.Use`), file, order: call.startIndex, ordered: usesGin || usesIris || (usesEcho && isEchoGroup(operand, recv, facts)), ...(settings?.length ? { settings } : {}) });
        return;
      }
      if (recv && GROUP.has(field) && (evalRouter(call) || !recv.startsWith('O:'))) return;
    }
    handsOn(call, c, args);
  };

  // A helper that receives a router (routerHandOns.ts).
  const handsOn = routerHandOns({ facts, sc, evalRouter, heldRouter: (a) => resultOf(a) ?? callResult(a) });

  const addRoute = (call: Node, recv: GoRef, method: string, pathNode: Node, handler: Node, mw: Node[], subtree = false, mount?: GoRef, name?: string, given?: StrPart[], methodExpr?: StrPart[]): void => {
    const fw = frameworkOf(recv);
    // Go 1.22 ServeMux's method and host in the pattern, rest wildcards, iris's syntax, trailing slashes (registeredPath.ts).
    const reg = registeredPath(given ?? str(pathNode), method, fw, subtree);
    method = reg.method;
    const parts = reg.parts;
    const { wrappers, inner, made, alt } = unwrapHandler(handler);
    // `mid.Use(h.List, mid.RequireLogin)`: a helper of ours may stack its arguments instead (middlewareChain.ts, at link time).
    const by = handler.type === 'call_expression' ? callee(handler.childForFieldName('function')!) : undefined;
    const applied = by?.startsWith('fn:') ? { callee: by, args: callArgs(handler).map((a) => candidate(a, `applied by ${fnNode(handler)}`)), wrappers: wrappers.length } : undefined;
    const settings = condsAbove(call, (x) => sc.setting(x) ?? viperSetting(x));
    const handsRouter = handedOwnRouter(call, handler, callee);
    facts.routes.push({
      router: recv,
      method,
      path: parts,
      fnKey: keyOf(fnOf(call)),
      handler: handler.type === 'func_literal' ? '<inline>' : handler.text.replace(/\s+/g, ' ').slice(0, 120),
      registrar: call.childForFieldName('function')!.text.replace(/^.*\./, ''),
      // A handler made by a call from the service's values (`login(s.ds)`), or from none (`metrics.PromHandler()`):
      // the function that makes it holds its code.
      handlerCallee: made ?? (inner.type !== 'call_expression' ? callee(inner) : callArgs(inner).every(isFieldValue) ? callee(inner.childForFieldName('function')!) : undefined),
      ...(inner.type === 'call_expression' && callArgs(inner).every((a) => CONSTANT.has(a.type)) ? { factory: callee(inner.childForFieldName('function')!) } : {}),
      ...(inner.type === 'func_literal' ? { inline: rangeOf(inner) } : alt && callee(alt) ? { handlerAlt: callee(alt) } : {}),
      guards: [...mw.map((m) => candidate(m, `middleware argument of ${fnNode(call)}`)), ...wrappers, ...chainedBinds(call).map((m) => candidate(m, `bound on the route at ${file}:${line(call)}`))],
      file,
      line: line(call),
      order: call.startIndex,
      framework: fw,
      ...(mount ? { mount } : {}),
      ...(name ? { name } : {}),
      ...(applied?.args.length ? { applied } : {}),
      ...(methodExpr ? { methodExpr } : {}),
      ...(handsRouter ? { handsRouter } : {}),
      ...(settings?.length ? { settings } : {}),
      ...withTests(call),
      ...(patternOfRanged(pathNode, call.childForFieldName('function')?.childForFieldName('operand')?.text ?? '') ? { eachRoute: true as const } : {}),
    });
  };
  const { addFiles, addGinFiles } = fileServerRoutes({ facts, file, str, fnKey: (call) => keyOf(fnOf(call)), candidate, fnNode: (call) => fnNode(call), frameworkOf: (r) => frameworkOf(r) });
  const unwrapHandler = handlerUnwrapper({ sc, callee, candidate, isFieldValue: (a) => isFieldValue(a) });
  // `e := routes.NewEcho(); routes.RegisterRoutes(e)`: handed on as the router that function returns, if it makes one (routerResults.ts).
  const resultOf = (a: Node): GoRef | undefined => resultRefOf(a.type === 'identifier' ? sc.lookup(a) : undefined);
  const { heartbeats, isFieldValue, callResult, boolParam, handlerParam, withTests } = helperCalls(facts, sc, root, (r) => frameworkOf(r));
  // A branch of a handler that routes by itself, and the routers it cuts a prefix for (dispatchChain.ts).
  const { addBranch, mountStripped } = branchAdders({ facts, file, str, evalRouter, addRoute });
  const fnNode = (call: Node): string => call.childForFieldName('function')!.text.slice(0, 60);
  const frameworkOf = (r: GoRef): string => facts.routers[r] || [...frameworks][0] || 'net/http';

  // An example program (`plugin/example/echo`, `_examples/basic`) is a `package main` of its own,
  // built apart from the service: the routes it registers are the example's, not the service's.
  if (EXAMPLE_DIR.test(file) && kids(root).find((k) => k.type === 'package_clause')?.namedChildren[0]?.text === 'main') return facts;
  visit(root);
  if (regexes.size) facts.regexes = Object.fromEntries(regexes);
  routerResults(root, facts, keyOf, evalRouter, (n) => resultOf(n) ?? callResult(n), typeKey);
  madeInsideWrappers(root, facts, keyOf, callee);
  const configs = libraryConfigs(root, facts, callee);
  if (configs.length) facts.configs = configs;
  const sets = fieldSets(root, file, typeKey, (n) => scope(fnOf(n)));
  if (sets.length) facts.fieldSets = sets;
  const seeds = storedSeeds(root);
  if (seeds.length) facts.storedSeeds = seeds;
  const defaults = defaultLiterals(root, typeKey);
  if (defaults.length) facts.defaultLiterals = defaults;
  const muxServes = defaultMuxServes(root, facts.imports, (x) => sc.setting(x) ?? viperSetting(x));
  if (muxServes.length) facts.defaultMuxServes = muxServes;
  const config = configFacts(root, str, sc.setting, typeKey, { dir, callee, importDir: (name) => facts.imports[name]?.dir }, facts.imports, sc);
  if (config.defaults || config.writes || config.vars || config.flags || config.locals || config.pointers || config.ini) facts.config = config;
  return facts;
}

// FastAPI and Flask in Python: APIRouter/Blueprint prefixes, include_router/register_blueprint
// chains across modules, decorators, Depends()/Security() and auth decorators as guards. Paths are
// evaluated (python/pyEval.ts): constants, f-strings, `.format`, loops over string lists. Route
// decorator factories, refusing `before_request` hooks and router frameworks are recorded in
// `decls.py` and linked across files by python/pyLink.ts.
import type { Node, Tree } from 'web-tree-sitter';
import type { ModuleIndex } from './resolveModule';
import { emptyDecls, type FileDecls, type GuardCandidate, type Ref, type RouteDecl } from './types';
import { all, callArgs, kids, line, rangeOf, stringValue } from './treeUtil';
import { evalStr, evalStrList, moduleStringLists, moduleStrings } from './python/pyEval';
import { ARG, emptyPyFacts, type RouteFactory } from './python/pyFacts';
import { paramNames, paramsIn, PARAM_RE, returnsName, scopeAt } from './python/pyScope';
import { recordHook, type WrappedBy } from './python/hookFacts';
import { funcFacts } from './python/flaskGuards';
import { classDecoratorFacts } from './python/classDecorators';
import { decoratorGuard } from './python/pyDecorators';
import { detectRestx, methodFacts } from './python/restx';
import { settingFacts } from './python/settingFacts';
import { dict } from '../ownKeys';
import { dependencyFacts, dependsGuard } from './python/fastapiDeps';
import { kwArg as kw, positionalArgs as positional } from './python/pyScope';
import { paramRouterReg } from './python/paramRouterRoutes';
import { detectFastapiClasses, type ClassCtx } from './python/fastapiClasses';
import { moduleAssignments } from './python/pyAssignments';
import { otherFrameworkFacts } from './python/pyFrameworkFacts';
import { readPyImports } from './python/pyImports';
import { pathFacts } from './python/pathHelpers';
import { tornadoFacts } from './python/tornadoFacts';
import { apiOperation } from './python/ninjaFacts';
import { importsSanic, openapiBlueprints, openapiMountRoute, SANIC_WS, sanicRequestMiddleware } from './python/sanicRoutes';
import { importsQuart, QUART_WS, quartFramework } from './python/quartRoutes';
import { annotationAliasNode, factoryGuardAliases } from './python/fastapiTypeFactories';
import { dropAboveRoute, mountedChild, noteParamRouter, returnAliases } from './python/routerFactories';
import { branchDeps } from './python/fastapiCondDeps';
import { plainUse } from './python/plainUses';
import { asViewReg } from './python/methodViews';
import { foreignApp, globalIn } from './python/pyGlobals';
import { loopedChildren } from './python/routerLoops';
import { factoryResultAliases } from './python/fastapiFactoryApps';
import { moduleGate } from './python/envFlags';

const PY_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head']);
const TORNADO_WORDS = /tornado|[Hh]andlers?\b|HTTPError/;
const ROUTE_DECORATOR = (m: string): boolean => PY_METHODS.has(m) || m === 'route' || m === 'api_route';

export function detectPyRoutes(tree: Tree, file: string, modules: ModuleIndex): FileDecls {
  const d = emptyDecls(file);
  const py = (d.py = emptyPyFacts());
  const root = tree.rootNode;
  const key = (name: string): Ref => `${file}#${name}`;
  // Local name → module file, for `module.router` references; imported names become aliases.
  const moduleAlias = readPyImports(root, file, modules, d);
  returnAliases(root, d, key);
  factoryResultAliases(root, d, key);

  const refOf = (n: Node | undefined | null): Ref | undefined => {
    if (!n) return undefined;
    if (n.type === 'identifier') return key(n.text);
    if (n.type === 'attribute') {
      const obj = n.childForFieldName('object')?.text ?? '';
      const attr = n.childForFieldName('attribute')?.text ?? '';
      const mod = moduleAlias.get(obj);
      if (mod) return `import:${mod}#${attr}`;
      return key(n.text);
    }
    return undefined;
  };
  const depsOf = (list: Node | undefined, via: string): GuardCandidate[] => branchDeps(list, via, dependencyGuard);
  const dependencyGuard = (n: Node, via: string): GuardCandidate | undefined => dependsGuard(n, via, file, refOf);

  const moduleEnv = moduleStrings(root);
  // Sanic's app and blueprints, mounts, websockets and request middleware (sanicRoutes.ts).
  const sanic = importsSanic(root.text);
  const swaggerNames = sanic ? openapiBlueprints(root.text) : new Set<string>();
  // Quart: Flask's reading, with its app classes and websockets (quartRoutes.ts).
  const quart = importsQuart(root.text);
  // Path constants another module's Litestar controller may name (`path = urls.ADMIN_USERS`).
  for (const [k, v] of moduleEnv) if (v.startsWith('/') && !k.includes('.')) (py.pathConsts ??= dict())[k] = v;
  Object.assign(py, pathFacts(root, file, moduleAlias));
  // Tornado handler classes and lists, and the functions whose code refuses that guard them (tornadoLink.ts).
  const tornado = TORNADO_WORDS.test(root.text) ? tornadoFacts(root, file, modules, moduleAlias, d.aliases) : undefined;
  if (tornado) py.tornado = tornado;
  const classCtx: ClassCtx = { root, py, moduleEnv, key, refOf, dependencyGuard };
  detectFastapiClasses(classCtx);
  const moduleLists = moduleStringLists(root, moduleEnv);
  const methodList = (n: Node | undefined, env: ReadonlyMap<string, string>): string[] => (evalStrList(n, env) ?? (n?.type === 'identifier' ? moduleLists.get(n.text) : undefined) ?? []).map((m) => m.toUpperCase());
  const topDefs = new Map<string, Node>();
  // Routes given a module function by `add_url_rule(view_func=…)`, and that module's decorated functions (by name).
  const viewFuncRoutes: { route: RouteDecl; fn: string }[] = [];
  const decoratedDefs = new Map<string, { guards: GuardCandidate[]; others: { ref: Ref; text: string; line: number }[] }>();
  for (const st of kids(root)) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type === 'function_definition') topDefs.set(def.childForFieldName('name')?.text ?? '', def);
  }

  const aio = otherFrameworkFacts({ root, file, d, py, key, refOf, moduleEnv, topDefs, modules });

  // What each top-level function does with the identity, for judging decorators and views by their code.
  const moduleNames = new Set(moduleAlias.keys());
  // Only names that can reach a function of the service count (not builtins or local objects'
  // methods): typing `int(x)` into a view keeps its facts, so the edit is followed.
  const fnRef = (n: Node | undefined | null): Ref | undefined => {
    const r = refOf(n);
    return r && (r.startsWith('import:') || d.aliases[r] !== undefined || topDefs.has(r.slice(r.lastIndexOf('#') + 1))) ? r : undefined;
  };
  for (const [name, def] of topDefs) py.funcs[name] = funcFacts(def, fnRef, moduleNames);
  if (/\bdef __call__\(/.test(root.text)) Object.assign(py.funcs, classDecoratorFacts(root, (def) => funcFacts(def, fnRef, moduleNames)));
  if (py.importsFramework === 'fastapi' || /\bDepends\b|\bdef __call__\(/.test(root.text)) {
    const deps = dependencyFacts(root, topDefs, fnRef, refOf);
    if (Object.keys(deps).length) py.deps = deps;
  }
  // Defaults of settings and the constants that name them, for the decorators that test a setting.
  settingFacts(root, py);

  moduleAssignments({ ...classCtx, d, file, aio, sanic, quart, depsOf });
  factoryGuardAliases(d, topDefs, key, dependencyGuard);

  detectRestx(root, { file, d, py, moduleEnv, key, refOf, kw, positional });
  // A Resource method is its route's view (`UserList.get`): judged by its code as a Flask view is.
  if (Object.keys(py.resources).length) methodFacts(root, py, (def) => funcFacts(def, fnRef, moduleNames));

  /** The framework of a route registered on `router` through `method`. */
  const frameworkOf = (router: Ref | undefined, method: string): string => {
    if (method === 'add_url_rule' || method === 'route' || (quart && method === QUART_WS)) return quartFramework('flask', quart);
    if (method === 'add_api_route' || method === 'api_route') return 'fastapi';
    return quartFramework((router && py.routerFrameworks[router]) ?? py.importsFramework ?? 'fastapi', quart);
  };

  /**
   * A registration whose path comes from a parameter of an enclosing function makes that function
   * a route factory; returns true when it was recorded as one (no route is emitted here).
   */
  const asFactory = (paths: (string | undefined)[], defs: Node[], router: Ref, viewNode: Node | 'decorated', methods: string[], framework: string, at: Node, routerNode?: Node, each?: Set<string>): boolean => {
    const used = paths.flatMap((p) => (p === undefined ? [] : paramsIn(p)));
    if (!used.length) return false;
    const depths = new Set(used.map((u) => u.depth));
    const depth = [...depths][0];
    if (depths.size !== 1 || paths.length !== 1 || paths[0] === undefined) return true;
    const fdef = defs[depth];
    const name = fdef.childForFieldName('name')?.text ?? '';
    let view: RouteFactory['view'] | undefined;
    if (viewNode !== 'decorated' && viewNode.type === 'identifier') {
      const own = paramNames(fdef).indexOf(viewNode.text);
      const inner = defs[depth + 1];
      if (own >= 0) view = { param: own };
      else if (inner && paramNames(inner).includes(viewNode.text) && returnsName(fdef, inner.childForFieldName('name')?.text ?? '')) view = { decorated: true };
      else view = { fixed: viewNode.text };
    }
    if (!view) return true;
    const f = (py.factories[name] ??= { name, line: line(fdef), view, params: paramNames(fdef), regs: [] });
    const routerParam = routerNode?.type === 'identifier' ? paramNames(fdef).indexOf(routerNode.text) : -1;
    // A path that is each element of a list parameter (`for route in routes:`): filled from the list at each use.
    const walked = used.find((u) => u.depth === depth && each?.has(`\u0002${u.depth}.${u.index}\u0002`));
    f.regs.push({ router, ...(routerParam >= 0 ? { routerParam } : {}), path: paths[0].replace(PARAM_RE, (_, dp: string, i: string) => (Number(dp) === depth ? ARG(Number(i)) : '')), methods, framework, line: line(at), ...(walked ? { each: walked.index } : {}) });
    return true;
  };

  /** Route decorators applied by hand (`f = router.post("/x")(f)`), by the start of the function they apply to. */
  const manual = new Map<number, Node[]>();
  for (const call of all(root, 'call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'call') {
      // `register_user = router.post("/register")(register_user)`: a decorator applied by hand.
      const inner = fn.childForFieldName('function');
      const m = inner?.type === 'attribute' ? inner.childForFieldName('attribute')?.text ?? '' : '';
      const view = positional(call)[0];
      const scope = ROUTE_DECORATOR(m) && view?.type === 'identifier' && topDefs.has(view.text) ? scopeAt(call, moduleEnv, moduleLists) : undefined;
      if (scope && scope.defs.length === 0) {
        const at = topDefs.get(view!.text)!.startIndex;
        manual.set(at, [...(manual.get(at) ?? []), fn]);
      } else if (scope && inner?.type === 'attribute') {
        // `def mount_spa(app): app.get("/r/{slug}")(serve_recipe)`: a factory of the app it is given.
        const methods = m === 'route' || m === 'api_route' ? methodList(kw(fn, 'methods'), scope.envs[0]) : [m.toUpperCase()];
        paramRouterReg(py, { scope, routerNode: inner.childForFieldName('object')!, pathNode: kw(fn, 'path') ?? positional(fn)[0], methods: methods.length ? methods : ['ANY'], view: view!.text, viewDef: topDefs.get(view!.text), at: call }, key, dependencyGuard);
      }
      continue;
    }
    if (call.parent?.type === 'expression_statement') plainUse(call, { file, py, d, topDefs, key, refOf, moduleEnv });
    if (fn?.type !== 'attribute') continue;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const obj = fn.childForFieldName('object')!;
    const sanicMount = sanic && method === 'blueprint';
    if (sanicMount) {
      const parent = refOf(obj);
      const bundled = parent ? openapiMountRoute(call, parent, file, swaggerNames) : undefined;
      if (bundled) {
        d.routes.push(bundled);
        continue;
      }
    }
    if (method === 'include_router' || method === 'register_blueprint' || method === 'mount' || sanicMount) {
      const args = positional(call);
      const childNode = method === 'mount' ? args[1] ?? kw(call, 'app') : args[0];
      // A name bound to a router made in this function (`user = Blueprint("user", __name__)`) is that router, not a call's result.
      const child = method === 'mount' || d.routers.has(refOf(childNode) ?? '') ? refOf(childNode) : mountedChild(childNode, refOf);
      const parent = refOf(obj);
      // `app.mount("/", StaticFiles(directory=…))`: an application serving every path under its mount path.
      const foreign = method === 'mount' ? foreignApp(childNode, root) : undefined;
      if (method === 'mount' && (childNode?.type === 'call' || foreign) && args[0]) {
        const scope = scopeAt(call, moduleEnv, moduleLists);
        const built = foreign && foreign !== childNode ? ` = ${foreign.text}` : '';
        const view = `${childNode!.text}${built}`.replace(/\s+/g, ' ');
        const at = evalStr(args[0], moduleEnv);
        const doubt = foreign ? `mounts ${view} (${file}:${line(call)}), another framework's application whose routes and auth are not read` : undefined;
        // Mounted inside a function on the module's own app (`def run(): app.mount(...)`): as at module level.
        if ((scope.defs.length === 0 || (globalIn(obj, scope.defs) && d.routers.has(parent ?? ''))) && parent && at !== undefined) d.routes.push({ router: parent, method: 'ANY', path: `${at.replace(/\/$/, '')}/*`, handler: view, guards: [], file, line: line(call), order: call.startIndex, framework: 'fastapi', ...(doubt ? { doubt } : {}) });
        else if (!foreign || foreign === childNode) paramRouterReg(py, { scope, routerNode: obj, pathNode: args[0], methods: ['ANY'], view, at: call, wildcard: true }, key, dependencyGuard);
      }
      if (!child || !parent || foreign) continue;
      const prefixNode = kw(call, 'prefix') ?? kw(call, 'url_prefix') ?? (method === 'mount' ? args[0] ?? kw(call, 'path') : undefined);
      // `for router in [a.router, b.router]: api.include_router(router)`: each router of the list (routerLoops.ts).
      for (const { child: c, env } of (method === 'include_router' ? loopedChildren(childNode, refOf, moduleEnv) : undefined) ?? [{ child, env: moduleEnv }]) {
      const prefix = evalStr(prefixNode, env);
      d.uses.push({
        parent,
        prefix: prefix ?? '',
        dynamic: prefixNode && prefix === undefined ? prefixNode.text : undefined,
        args: depsOf(kw(call, 'dependencies'), `dependencies of ${obj.text}.${method}`),
        children: [c],
        replacesOwnPrefix: (method === 'register_blueprint' || sanicMount) && prefix !== undefined ? true : undefined,
        file,
        line: line(call),
        order: call.startIndex,
      });
      }
      d.routers.add(parent);
    } else if (method === 'add_api_route' || method === 'add_url_rule') {
      const args = positional(call);
      const pathNode = kw(call, 'rule') ?? kw(call, 'path') ?? args[0];
      // add_url_rule(rule, endpoint, view_func); add_api_route(path, endpoint)
      const view = kw(call, 'view_func') ?? (method === 'add_url_rule' ? args[2] ?? (args[1] && stringValue(args[1]) === undefined ? args[1] : undefined) : kw(call, 'endpoint') ?? args[1]);
      const parent = refOf(obj);
      if (!pathNode || !view || !parent) continue;
      const scope = scopeAt(call, moduleEnv, moduleLists);
      const methodsNode = kw(call, 'methods');
      const framework = frameworkOf(parent, method);
      const paths = scope.envs.map((e) => evalStr(pathNode, e));
      const methods = methodList(methodsNode, scope.envs[0]);
      if (asFactory(paths, scope.defs, parent, view, methods, framework, call, obj, scope.each)) continue;
      // `bp.add_url_rule("/settings", view_func=Settings.as_view("settings"))`: the class's methods (methodViews.ts).
      if (asViewReg(call, view, paths, pathNode, parent, file, refOf, py)) continue;
      const endpointNode = kw(call, 'endpoint') ?? (method === 'add_url_rule' && args[1] && stringValue(args[1]) !== undefined ? args[1] : undefined);
      for (const path of new Set(paths)) {
        // An unread `methods=` (an import, a call) is any method, not Flask's default GET.
        for (const m of methods.length ? methods : [method === 'add_url_rule' && !methodsNode ? 'GET' : 'ANY']) {
          const r: RouteDecl = { router: parent, method: m, path: path ?? '', dynamic: path === undefined ? pathNode.text : undefined, handler: view.text, handlerRef: refOf(view), guards: [], file, line: line(call), order: call.startIndex, framework };
          d.routes.push(r);
          py.endpoints.set(r, stringValue(endpointNode) ?? view.text.split('.').pop()!);
          if (view.type === 'identifier' && topDefs.has(view.text)) viewFuncRoutes.push({ route: r, fn: view.text });
        }
      }
    } else if (method === 'before_request' || method === 'url_value_preprocessor') {
      // app.before_request(check_login)
      const target = positional(call)[0];
      const def = target?.type === 'identifier' ? topDefs.get(target.text) : undefined;
      const router = refOf(obj);
      if (def && router) hook(def, router, obj.text, method);
    }
  }

  function hook(def: Node, router: Ref, routerText: string, kind: string, wrappedBy: WrappedBy = []): void {
    recordHook(def, router, routerText, kind, wrappedBy, { py, file, fnRef });
  }

  for (const target of all(root, 'function_definition')) {
    const def = target.parent?.type === 'decorated_definition' ? target.parent : undefined;
    const decorators = [...kids(def).filter((k) => k.type === 'decorator').map((k) => k.namedChildren[0]).filter((x): x is Node => !!x), ...(manual.get(target.startIndex) ?? [])];
    if (!decorators.length) continue;
    const fnName = target.childForFieldName('name')?.text ?? '<anonymous>';
    const routeDecs: { router: Ref; methods: string[]; pathNode?: Node; call: Node; framework: string; endpoint?: string }[] = [];
    const guards: GuardCandidate[] = [];
    const factoryCalls: Node[] = [];
    const others: { ref: Ref; text: string; line: number }[] = [];
    const hookRegs: { router: Ref; text: string; kind: string; from: number; fromOthers: number }[] = [];
    for (const expr of decorators) {
      const call = expr.type === 'call' ? expr : undefined;
      const callee = call ? call.childForFieldName('function') : expr;
      const middlewareOf = sanic ? sanicRequestMiddleware(expr) : undefined;
      if (middlewareOf) {
        const router = refOf(middlewareOf);
        if (router) hook(target, router, middlewareOf.text, 'request middleware');
        continue;
      }
      if (callee?.type === 'attribute' && !call && /^(before_(app_)?request|url_value_preprocessor)$/.test(callee.childForFieldName('attribute')?.text ?? '')) {
        const router = refOf(callee.childForFieldName('object'));
        const kind = callee.childForFieldName('attribute')!.text;
        if (router && kind !== 'before_app_request') hookRegs.push({ router, text: callee.childForFieldName('object')!.text, kind, from: guards.length, fromOthers: others.length });
        continue;
      }
      if (callee?.type === 'attribute' && call) {
        const m = callee.childForFieldName('attribute')?.text ?? '';
        const obj = callee.childForFieldName('object')!;
        const pathNode = kw(call, 'path') ?? kw(call, 'rule') ?? positional(call)[0];
        if (m === 'api_operation' && py.ninja) {
          // Django Ninja's `@router.api_operation(["GET", "POST"], "/path")`: one route per method.
          const ref = refOf(obj);
          const op = apiOperation(call, moduleEnv);
          if (ref && op.methods.length) {
            routeDecs.push({ router: ref, methods: op.methods, pathNode: op.pathNode, call, framework: 'django-ninja' });
            continue;
          }
        }
        // `@router.websocket("/ws")` (Sanic, Quart, FastAPI): a route answered on GET (the upgrade).
        const ws = (sanic && m === SANIC_WS) || (quart && m === QUART_WS) || (m === 'websocket' && py.importsFramework === 'fastapi');
        if (ROUTE_DECORATOR(m) || (aio && m === 'view') || ws) {
          let methods = [m === 'view' ? 'ANY' : ws ? 'GET' : m.toUpperCase()];
          if (m === 'route' || m === 'api_route') {
            const list = methodList(kw(call, 'methods'), moduleEnv);
            methods = list.length ? list : [m === 'route' && !kw(call, 'methods') ? 'GET' : 'ANY'];
          }
          const ref = refOf(obj);
          if (ref) noteParamRouter(obj, ref, py);
          if (ref && (pathNode === undefined || stringValue(pathNode) !== undefined || pathNode.type !== 'keyword_argument')) {
            routeDecs.push({ router: ref, methods, pathNode, call, framework: frameworkOf(ref, m), endpoint: stringValue(kw(call, 'endpoint')) });
            guards.push(...depsOf(kw(call, 'dependencies'), `dependencies of @${obj.text}.${m}`));
            continue;
          }
        }
      }
      if (call && (callee?.type === 'identifier' || callee?.type === 'attribute')) factoryCalls.push(call);
      const dref = refOf(callee);
      if (dref) others.push({ ref: dref, text: expr.text, line: line(expr) });
      const g = decoratorGuard(expr, file);
      if (g) guards.push(g);
    }
    // `@bp.before_request` over `@user_required`: the hook registered is the wrapped function (flaskHooks.ts).
    for (const h of hookRegs) hook(target, h.router, h.text, h.kind, others.slice(h.fromOthers).map((o) => ({ ...o, guard: guards.slice(h.from).find((g) => g.guard && g.line === o.line)?.guard })));
    dropAboveRoute(routeDecs[0]?.call, def, [guards, others]);
    if (topDefs.get(fnName)?.id === target.id) decoratedDefs.set(fnName, { guards, others });
    // A view may answer only through this function (`return await add_item()`): its decorators guard that way.
    if (topDefs.get(fnName)?.id === target.id && others.length && py.funcs[fnName]) py.funcs[fnName].decorators = others;
    if (routeDecs.length === 0 && factoryCalls.length === 0) continue;
    // Parameters: `user: User = Depends(get_current_user)`, `Annotated[User, Depends(...)]`.
    const dependencyRefs: Ref[] = [];
    for (const p of kids(target.childForFieldName('parameters'))) {
      const type = p.childForFieldName('type');
      const typeName = annotationAliasNode(type);
      const aliasRef = typeName && refOf(typeName);
      if (aliasRef) guards.push({ text: type!.text, line: line(p), via: `parameter type of ${fnName}`, aliasRef });
      for (const c of p.descendantsOfType('call')) {
        const g = c && dependencyGuard(c, `parameter ${p.childForFieldName('name')?.text ?? p.namedChildren[0]?.text ?? ''} of ${fnName}`);
        if (g) guards.push(g);
        // A dependency judged by its code may as well load data (`get_item_or_404`): part of the flow either way.
        if ((!g || g.byCode) && c && /^(fastapi\.)?Depends$/.test(c.childForFieldName('function')?.text ?? '')) {
          const ref = refOf(callArgs(c)[0]);
          if (ref) dependencyRefs.push(ref);
        }
      }
    }
    const inlineRange = rangeOf(def ?? target);
    for (const call of factoryCalls) {
      const callee = refOf(call.childForFieldName('function'));
      if (!callee) continue;
      const kwargs: Record<string, string | string[]> = dict();
      for (const a of callArgs(call)) {
        if (a.type !== 'keyword_argument') continue;
        const v = a.childForFieldName('value');
        const s = evalStr(v, moduleEnv) ?? evalStrList(v, moduleEnv);
        if (s !== undefined) kwargs[a.childForFieldName('name')?.text ?? ''] = s;
      }
      const own = call.text;
      py.uses.push({ callee, args: positional(call).map((a) => evalStr(a, moduleEnv)), kwargs, handler: fnName, handlerSymbol: fnName, inlineRange, dependencyRefs: dependencyRefs.length ? dependencyRefs : undefined, guards: guards.filter((g) => g.text !== own), file, line: line(call), order: target.startIndex });
    }
    const gate = routeDecs.length ? moduleGate(def ?? target) : undefined; // under a module-level `if` over settings (envFlags.ts)
    for (const r of routeDecs) {
      const { envs } = scopeAt(r.call, moduleEnv, moduleLists);
      const evaluated = r.pathNode ? evalStr(r.pathNode, envs[0]) : '';
      const path = evaluated !== undefined && !paramsIn(evaluated).length ? evaluated : undefined;
      for (const m of r.methods) {
        const route: RouteDecl = {
          router: r.router,
          method: m,
          path: path ?? '',
          dynamic: path === undefined ? r.pathNode!.text : undefined,
          handler: fnName,
          handlerSymbol: fnName,
          inlineRange,
          dependencyRefs: dependencyRefs.length ? dependencyRefs : undefined,
          guards,
          file,
          line: line(r.call),
          order: (def ?? target).startIndex,
          framework: r.framework, ...(gate ? { pyGate: gate } : {}),
        };
        d.routes.push(route);
        py.endpoints.set(route, r.endpoint ?? fnName);
        if (topDefs.get(fnName)?.id === target.id) py.views.set(route, { fn: fnName, decorators: others });
        // A view defined inside a blueprint factory is judged by its code as a module-level one is (its own key).
        else py.views.set(route, { fn: (py.funcs[`${fnName}@${line(target)}`] ??= funcFacts(target, fnRef, moduleNames)) && `${fnName}@${line(target)}`, decorators: others });
      }
    }
  }
  // `bp.add_url_rule("/x", view_func=books_list)` of a function of this module: its decorators
  // (`@login_required` above `def books_list`) and its body guard the route as a decorated route's do.
  for (const { route, fn } of viewFuncRoutes) {
    const dec = decoratedDefs.get(fn);
    if (dec) route.guards = [...dec.guards];
    py.views.set(route, { fn, decorators: dec?.others ?? [] });
  }
  return d;
}

// Links every Go file's facts into routes: follows routers through struct fields, parameters,
// closures and interface methods up to the routers nothing mounts, joins the prefixes on the
// way (including prefixes and paths passed down as string parameters), and settles each route's
// guard state from the middleware on its chain and the checks in its handler.
import { expandRanges, stringListIndex } from './rangeLists';
import { expandPassLists } from './listPasses';
import type { EntryPoint } from '../types';
import { joinPaths } from '../routePath';
import { GoIndex } from './resolve';
import { foundResults } from './foundResults';
import { insideOwnVerb, ownRouterMade, ownRouterRoots, ownRouterTypes } from './ownRouter';
import { LOCAL_KEY } from './scope';
import { handlerDoubt, judgeCandidate, judgeHandler, type Verdict } from './verdict';
import { identityRead } from './identityUse';
import { presenceIdentityRead } from './presenceTests';
import { fieldIdentityRead } from './contextFields';
import { identityFieldCheck } from './identityFields';
import { credentialTested, wrapperCredentialTested } from './credentialReads';
import { callbackOf } from './libraryCallbacks';
import { appliesTo } from './routeNames';
import { humaRoutes } from './humaLink';
import { beegoGuards } from './beego';
import { heldSkipper, skipperIndex, skipsPath } from './skipperPaths';
import { fileServingUses } from './servesFiles';
import { stacked, throughChain } from './middlewareChain';
import { ownPaths } from './gorillaMounts';
import { dispatchMounts } from './dispatchMounts';
import { handedInCallees } from './funcParams';
import { implementationsOf } from './interfaceImpls';
import { optionalIdentity, settle } from './settle';
import { optionalSkip } from './optionalFor';
import { expandRouteLoops } from './routeLoops';
import { methodText } from './methodArgs';
import { credentialMakers } from './resultChecks';
import type { CallSite, GoCandidate, GoEdge, GoFileFacts, GoRef, GoRoute, StrPart } from './types';
import { RECOVERY_STEP_PATH, SIGN_IN_PATH } from '../signInPaths';
import { redispatchDoubt } from './redispatch';
import { dropShadowed, trailOf, type Trail } from './shadowedRoutes';

const MAX_CHAINS = 16;
/** Ways through calls that each hand their own strings on (`h(r, "ping", …)` × 80): each is a route of its own. */
const MAX_SITE_CHAINS = 256;
/** Where a computed method argument ends and the path begins, in one list instantiated at once. */
const METHOD_END: StrPart = { lit: '' };
/** A POST to a sign-in path: the handler refusing bad credentials there is the sign-in itself (as for JavaScript routes). */

export function linkGo(files: GoFileFacts[], ini?: ReadonlyMap<string, string>): { entries: EntryPoint[]; handlerTargets: Map<EntryPoint, string>; handlerVia: Map<EntryPoint, string> } {
  const ix = new GoIndex(files, ini);
  credentialMakers(ix, files.flatMap((f) => f.funcs));
  const frameworks = new Map<GoRef, string>();

  // Aliases (a router stored in a field) are one node: a wrapper around the field wraps the router.
  const aliasOf = new Map<GoRef, GoRef>();
  const find = (r: GoRef): GoRef => {
    let cur = r;
    for (let i = 0; i < 50 && aliasOf.has(cur); i++) cur = aliasOf.get(cur)!;
    return cur;
  };
  // A call's result (`O:`, routerResults.ts) is a router only when the function was found to return
  // one it makes, itself or through the calls and struct values it hands on (a constructor
  // returning another's result, a struct whose embedded handler a method's router was stored in);
  // any other stays out of every alias and chain, as the call was before.
  // A type of ours that is a router by its methods (ownRouter.ts): its values, and the calls declared to return one, are made routers.
  const ownTypes = ownRouterTypes(ix, files);
  const ownRoots = ownRouterRoots(ownTypes);
  const results = foundResults(ix, files, ownRoots);
  const unfound = (r: GoRef): boolean => r.startsWith('O:') && !results.has(r);
  for (const f of files) for (const e of f.edges) {
    if (!e.alias) continue;
    const a = find(ix.canon(e.parent));
    const b = find(ix.canon(e.child));
    if (a === b || unfound(a) || unfound(b)) continue;
    // The representative is the surest name: a constructor or parameter over a field or value.
    if (/^[FVN]:/.test(a) && !/^[FVN]:/.test(b)) aliasOf.set(a, b);
    else aliasOf.set(b, a);
  }
  const canon = (r: GoRef): GoRef => find(ix.canon(r));
  // A call handed the router whose function of ours is declared to return only basic values
  // (`fileName := WebDAVFileName(request, router, conf)`) wraps nothing: no root above the router.
  const notAWrapper = (e: GoEdge): boolean => /^wraps the handler at /.test(e.guards[0]?.via ?? '') && !!ix.fnOf(e.guards[0].callee)?.basicResults;
  for (const f of files) for (const [r, fw] of Object.entries(f.routers)) if (fw) frameworks.set(canon(r), fw);
  for (const r of ownRoots) if (!frameworks.has(canon(r))) frameworks.set(canon(r), 'go-router');
  const edges: GoEdge[] = [];
  // A parameter mounted under a path (`r.Mount(urlPath, subRouter)`): what a caller hands in sits below it.
  const mountedParams = new Set<GoRef>();
  // The calls that hand a router (or what may be one) in at a parameter (`fn@file@order@index`): the others hand a plain handler.
  const routedAt = new Set<string>();
  // A pass to a function parameter goes to each function callers hand in there (funcParams.ts).
  const handedIn = handedInCallees(ix, files);
  for (const f of files) for (const e of f.edges) if (e.mount && e.child.startsWith('P:')) mountedParams.add(e.child);
  for (const f of files) {
    for (const e0 of f.edges) {
      const e = ownRouterMade(ix, ownTypes, e0);
      if (e.alias || unfound(canon(e.parent)) || unfound(canon(e.child)) || notAWrapper(e)) continue;
      // A group a fresh install's settings never make: what is registered on its name lands on the parent as it is.
      const unmade = e.settings && ix.settingsRuleOut(e.settings);
      edges.push({ ...e, parent: canon(e.parent), child: canon(e.child), ...(unmade ? { prefix: [], guards: [] } : {}) });
    }
    // A call through an interface of ours hands the router to each type of ours implementing it (interfaceImpls.ts).
    for (const p of f.passes.flatMap((x) => handedIn(x.callee).flatMap((c) => implementationsOf(ix, c) ?? [c]).map((callee) => ({ ...x, callee })))) {
      const r = ix.resolve(p.callee);
      // A call's result we cannot resolve (`p.GetHandler()` on an interface of several types): may be a router.
      if (r && 'key' in r && /^O:(?!fn:)/.test(canon(p.router))) routedAt.add(`${r.key}@${p.file}@${p.order}@${p.index}`);
      if (!r || !('key' in r) || unfound(canon(p.router))) continue;
      const param = `P:${r.key}(${p.index})`;
      const site = { fn: r.key, file: p.file, order: p.order };
      routedAt.add(`${r.key}@${p.file}@${p.order}@${p.index}`);
      // A call a fresh install's settings never make (`else { RouteCollections(handler, sub) }` in single-user mode) hands nothing on.
      if (p.settings && ix.settingsRuleOut(p.settings)) continue;
      if (mountedParams.has(param)) edges.push({ parent: param, child: canon(p.router), prefix: [], guards: [], file: p.file, line: p.line, order: p.order, site });
      else edges.push({ parent: canon(p.router), child: param, prefix: [], guards: [], file: p.file, line: p.line, order: p.order, site });
    }
  }
  const huma = humaRoutes(ix, files, edges, canon);
  for (const e of huma.edges) edges.push({ ...e, parent: canon(e.parent), child: canon(e.child) });
  const lists = stringListIndex(files);
  const goRoutes = [...files.flatMap((f) => f.routes.filter((r) => !ownMethodCall(ix, r, ownTypes) && !insideOwnVerb(r.fnKey, ownTypes) && !unfound(canon(r.router))).flatMap((r) => expandRanges(throughChain(ix, r), lists))), ...huma.routes];
  const routes: GoRoute[] = expandRouteLoops(goRoutes.map((r) => ({ ...r, router: canon(r.router), ...(r.mount ? { mount: canon(r.mount) } : {}), ...(servingAlt(ix, r) ? { handlerCallee: r.handlerAlt } : {}) })));
  routes.push(...fileServingUses(ix, files, canon, edges));
  beegoGuards(ix, files, routes);
  dispatchMounts(ix, files, routes, edges, canon);
  const routesOn = new Map<GoRef, GoRoute[]>();
  for (const r of routes) routesOn.set(r.router, [...(routesOn.get(r.router) ?? []), r]);
  const childrenOf = new Map<GoRef, GoEdge[]>();
  for (const e of edges) if (e.parent !== e.child) childrenOf.set(e.parent, [...(childrenOf.get(e.parent) ?? []), e]);

  // A `Handle(path, x)` is a mount when x holds routes, else a route.
  const holds = new Map<GoRef, boolean>();
  const holdsRoutes = (r: GoRef, stack = new Set<GoRef>()): boolean => {
    if (holds.has(r)) return holds.get(r)!;
    if (stack.has(r)) return false;
    stack.add(r);
    const v = (routesOn.get(r) ?? []).some((x) => !x.mount || !holdsRoutes(x.mount, stack)) || (childrenOf.get(r) ?? []).some((e) => holdsRoutes(e.child, stack));
    stack.delete(r);
    holds.set(r, v);
    return v;
  };
  const incoming = new Map<GoRef, GoEdge[]>();
  for (const e of edges) {
    if (e.parent === e.child || (e.mount && !holdsRoutes(e.child))) continue;
    incoming.set(e.child, [...(incoming.get(e.child) ?? []), e]);
  }
  const usesOn = new Map<GoRef, GoFileFacts['uses']>();
  // Middleware added only under settings a fresh install leaves off is not on the way (configValues.ts).
  for (const f of files) for (const u of f.uses) if (!u.settings || !ix.settingsRuleOut(u.settings)) usesOn.set(canon(u.router), [...(usesOn.get(canon(u.router)) ?? []), u]);

  /** Every way from a router nothing mounts down to `r`, as the edges in order. */
  const chainsOf = (r: GoRef, stack: Set<GoRef>): GoEdge[][] => {
    const ins = (incoming.get(r) ?? []).filter((e) => !stack.has(e.parent));
    if (ins.length === 0) return [[]];
    stack.add(r);
    const out: GoEdge[][] = [];
    const max = ins.some((e) => e.site) ? MAX_SITE_CHAINS : MAX_CHAINS;
    for (const e of ins) for (const up of chainsOf(e.parent, stack)) if (out.length < max) out.push([...up, e]);
    stack.delete(r);
    return out;
  };

  // Strings passed down as parameters: every call site's value, or, when the way to the route
  // passes the router through that call (a pass with its site), that call's own value.
  const callArgs = new Map<string, StrPart[][][]>();
  const callAt = new Map<string, StrPart[][]>();
  // What the functions each call hands in make (GoCall.made), the same two ways.
  const madeBy = new Map<string, Record<string, string>[]>();
  const madeAt = new Map<string, Record<string, string>>();
  for (const f of files) for (const c of f.calls) {
    const r = ix.resolve(c.callee);
    if (r && 'key' in r) callArgs.set(r.key, [...(callArgs.get(r.key) ?? []), c.args]);
    if (r && 'key' in r && c.order !== undefined) callAt.set(`${r.key}@${c.file}@${c.order}`, c.args);
    if (r && 'key' in r && c.made) madeBy.set(r.key, [...(madeBy.get(r.key) ?? []), c.made]);
    if (r && 'key' in r && c.made && c.order !== undefined) madeAt.set(`${r.key}@${c.file}@${c.order}`, c.made);
  }
  const hasParam = (parts: StrPart[]): boolean => parts.some((p) => 'param' in p || ('call' in p && p.args.some(hasParam)));
  const instantiate = (parts: StrPart[], sites: Map<string, CallSite>, depth = 0): StrPart[][] => {
    const i = parts.findIndex((p) => 'param' in p || ('call' in p && p.args.some(hasParam)));
    if (i < 0 || depth > 8) return [parts];
    const p = parts[i];
    // `path.Join(base, urlPath)`: the call's arguments are instantiated, then the call is computed as before.
    if ('call' in p) {
      let combos: StrPart[][][] = [[]];
      for (const a of p.args) {
        const vs = instantiate(a, sites, depth + 1);
        combos = combos.flatMap((c) => vs.map((v) => [...c, v])).slice(0, MAX_CHAINS);
      }
      return combos.flatMap((args) => instantiate([...parts.slice(0, i), { ...p, args }, ...parts.slice(i + 1)], sites, depth + 1));
    }
    if (!('param' in p)) return [parts];
    const site = sites.get(p.param);
    // `factory().Name()`: the method of the type this way's call (or each call) hands in, computed
    // as a string function of ours (`func (m *Migration) Name() string { return "todoist" }`).
    if (p.then) {
      const at = p.then.field ? `${p.index}.${p.then.field}` : String(p.index);
      const types = site ? [madeAt.get(`${p.param}@${site.file}@${site.order}`)?.[at]] : (madeBy.get(p.param) ?? []).map((m) => m[at]);
      const known = [...new Set(types.filter((t): t is string => !!t))];
      const what = `${p.then.field ?? `parameter ${p.index + 1}`}().${p.then.method}()`;
      if (!known.length || types.some((t) => !t)) return [[...parts.slice(0, i), { dyn: what }, ...parts.slice(i + 1)]];
      return known.flatMap((t) => instantiate([...parts.slice(0, i), { call: `fn:${t}.${p.then!.method}`, args: [], text: what }, ...parts.slice(i + 1)], sites, depth + 1));
    }
    const own = site ? callAt.get(`${p.param}@${site.file}@${site.order}`) : undefined;
    // The call on this way held no string we could read: the value is not known.
    const given = p.rest ? (site ? (own ? own.slice(p.index) : []) : (callArgs.get(p.param) ?? []).flatMap((a) => a.slice(p.index))) : site ? (own ? [own[p.index]] : []) : (callArgs.get(p.param) ?? []).map((a) => a[p.index]);
    const values = given.filter((a): a is StrPart[] => !!a && !a.some((x) => 'param' in x && x.param === p.param));
    if (values.length === 0) return [[...parts.slice(0, i), { dyn: `parameter ${p.index + 1} of ${p.param.replace(/^.*#/, '')}` }, ...parts.slice(i + 1)]];
    const uniq = [...new Map(values.map((s) => [JSON.stringify(s), s])).values()];
    return uniq.flatMap((s) => instantiate([...parts.slice(0, i), ...s, ...parts.slice(i + 1)], sites, depth + 1));
  };
  /** `if persistable { r.Post(…) }`: false when this way's call gives the flag the other value. */
  const holdsOn = (route: GoRoute, sites: Map<string, CallSite>): boolean =>
    (route.when ?? []).every((t) => {
      const site = sites.get(t.fn);
      const arg = site ? callAt.get(`${t.fn}@${site.file}@${site.order}`)?.[t.index] : undefined;
      const vals = arg ? instantiate(arg, sites) : [];
      const v = vals.length === 1 && vals[0].length === 1 && 'dyn' in vals[0][0] ? vals[0][0].dyn : undefined;
      return v !== (t.value ? 'false' : 'true');
    });
  const text = (raw: StrPart[]): { path: string; dynamic?: string } => {
    const parts = ix.evalParts(raw);
    const lit = ix.literal(parts);
    if (lit !== undefined) return { path: lit };
    const dyn = parts.filter((p) => !('lit' in p) && !('dyn' in p && ix.constant(p.dyn) !== undefined)).map((p) => ('dyn' in p ? p.dyn.replace(/^.*#/, '') : '?')).join(' + ');
    return { path: parts.map((p) => ('lit' in p ? p.lit : 'dyn' in p && ix.constant(p.dyn) !== undefined ? ix.constant(p.dyn) : `{${'dyn' in p ? p.dyn.replace(/^.*#/, '') : '?'}}`)).join(''), dynamic: dyn };
  };

  const verdicts = new Map<GoCandidate, Verdict>();
  const judge = (c: GoCandidate): Verdict => {
    let v = verdicts.get(c);
    if (!v) {
      v = judgeCandidate(ix, c);
      // Paths a guard lets through by a package list it ranges over (listPasses.ts).
      if (v.verdict === 'guard') v = { ...v, passes: expandPassLists(v.passes, lists) };
      verdicts.set(c, v);
    }
    return v;
  };

  // A guard whose Skipper lets exact path patterns through (skipperPaths.ts) is not on those routes.
  const skips = skipperIndex(files);
  const skipped = (c: GoCandidate, path: string, method: string): string | { unknown: string } | undefined => {
    const r = ix.resolve(c.callee);
    const s = (r && 'key' in r ? skips.byFn.get(r.key) : undefined) ?? skips.byCall.get(`${c.file}:${c.line}`) ?? heldSkipper(skips.byHeld, c.file, c.text);
    if (s && skipsPath(s, path)) return `lets ${path} through unchecked (its Skipper, ${s.where})`;
    // A builder-configured middleware's optional lists (optionalFor.ts).
    const v = c.builds ? judge(c) : undefined;
    const opt = v?.verdict === 'guard' ? optionalSkip(ix, c, v.gates, path, method) : undefined;
    return opt && 'exempt' in opt ? opt.exempt : opt;
  };

  /** Whether a guard's refusals reach a route of this name (gorilla middleware that tests `GetName()`). */
  const reaches = (name: string | undefined) => (v: Verdict): boolean => v.verdict === 'none' || !v.reach || v.reach.some((tests) => appliesTo(tests, name, (via) => ix.fnOf(via)?.trueForNames));
  const entries: EntryPoint[] = [];
  const handlerTargets = new Map<EntryPoint, string>();
  const handlerVia = new Map<EntryPoint, string>();
  const caseEntries: EntryPoint[] = [];
  // The way to each gorilla route, for the registrations another of the same method and path shadows (shadowedRoutes.ts).
  const trails = new Map<EntryPoint, Trail>();
  // The calls of each function, where they are: a mounted parameter's callers (below).
  const callsOf = new Map<string, CallSite[]>();
  for (const f of files) for (const c of f.calls) {
    const r = ix.resolve(c.callee);
    if (r && 'key' in r && c.order !== undefined) callsOf.set(r.key, [...(callsOf.get(r.key) ?? []), { fn: r.key, file: c.file, order: c.order }]);
  }
  // Where http.DefaultServeMux is served, under the settings tests of each place (defaultMuxServes.ts).
  const muxServed = files.flatMap((f) => f.defaultMuxServes ?? []).some((conds) => !conds || !ix.settingsRuleOut(conds));
  for (const route of routes) {
    // Registered only under settings a fresh install leaves off (`if conf.Debug { r.GET("/swagger/*any", …) }`): not served (configValues.ts).
    if (route.settings && ix.settingsRuleOut(route.settings)) continue;
    // `import _ "net/http/pprof"` on a package mux no fresh install serves.
    if (route.imported && !muxServed) continue;
    // `r.Mount(urlPath, subRouter)` with the parameter a router at some calls: at the others
    // (`MountRouter("Background images", "/backgrounds", backgrounds.NewHandler())`) the handler
    // answers the whole subtree under that call's path.
    let plain: CallSite[] | undefined;
    if (route.mount && holdsRoutes(route.mount)) {
      const m = /^P:(.+)\((\d+)\)$/.exec(route.mount);
      plain = m && mountedParams.has(route.mount) ? (callsOf.get(m[1]) ?? []).filter((c) => !routedAt.has(`${c.fn}@${c.file}@${c.order}@${m[2]}`)) : undefined;
      if (!plain?.length) continue;
    }
    const handlerFn = ix.fnOf(route.handlerCallee) ?? serveHTTPOf(ix, route.handlerCallee);
    // A handler from a library that refuses by itself (gin-jwt's RefreshHandler) is judged like middleware.
    const handlerExt = route.handlerCallee && !handlerFn ? judgeCandidate(ix, { text: route.handler, file: route.file, line: route.line, via: 'the handler', callee: route.handlerCallee }) : undefined;
    const ownCheck = handlerFn ? judgeHandler(ix, handlerFn) : handlerExt?.verdict === 'guard' ? handlerExt.guard : undefined;
    const ownDoubt = handlerFn && !ownCheck ? handlerDoubt(ix, handlerFn) : undefined;
    // Where a route's own code may read the caller: its handler and the middleware of its own list (contextFields.ts).
    const readers = [{ fn: handlerFn }, ...route.guards.map((g) => ({ fn: ix.fnOf(g.callee), via: g }))];
    // A library handler that runs the service's callback (gin-jwt LoginHandler → Authenticator): its flow starts there.
    const ext = route.handlerCallee && !handlerFn ? ix.resolve(route.handlerCallee) : undefined;
    const cb = ext && 'ext' in ext ? callbackOf(ext.ext, ext.name, files) : undefined;
    const callbackFn = cb ? ix.fnOf(cb.callee) : undefined;
    for (const chain of ownPaths(chainsOf(route.router, new Set()), incoming)) {
      // echo joins a group's prefix and what is added to it as written (`/user` + `s` is `/users`).
      const joined = route.framework === 'echo';
      const prefix = chain.flatMap((e) => [...e.prefix, ...(joined && !e.mount ? [] : [{ lit: '/' }])]);
      const chainMethod = route.method === 'ANY' ? chain.map((e) => e.method).filter(Boolean).pop() ?? 'ANY' : route.method;
      // Middleware in order from the root: wrappers and groups on the way, Use() on each router.
      const cands: GoCandidate[] = [];
      const routers = [...chain.map((e) => e.parent), route.router];
      chain.forEach((e, i) => {
        cands.push(...usesBefore(usesOn.get(routers[i]) ?? [], e.file, e.order));
        cands.push(...stacked(ix, e.guards));
      });
      const own = usesOn.get(route.router) ?? [];
      cands.push(...(route.early ? own.filter((u) => u.file !== route.file || u.order < route.order).map((u) => u.candidate) : usesBefore(own, route.file, route.order)), ...route.guards);
      // `var usersGetHandler = withAdmin(func…)`: wrappers the handler was defined inside, innermost to the route (definedWrappers.ts).
      cands.push(...ix.wrappersAtDefinition(route.handlerCallee));
      // The handler refusing a caller without the identity a candidate on the way sets (identityFields.ts).
      const field = ownCheck || ownDoubt ? undefined : identityFieldCheck(ix, cands, handlerFn);
      const inHandler = ownCheck ?? (field && 'guard' in field ? field.guard : undefined);
      // A handler serving the request again on its own router (redispatch.ts): where it lands decides.
      const doubt = ownDoubt ?? (field && 'doubt' in field ? field.doubt : undefined) ?? redispatchDoubt(route.handsRouter, (c) => ix.fnOf(c));
      const root = routers[0];
      const fw = [...routers].reverse().map((r) => frameworks.get(r)).find(Boolean) ?? route.framework;
      // A struct field or value nothing links to a router stays a guess: kept only with a real path.
      const guessed = /^[FVN]:/.test(root);
      for (const extra of plain ?? [undefined]) {
        const sites = new Map(chain.filter((e) => e.site).map((e) => [e.site!.fn, e.site!]));
        if (extra) sites.set(extra.fn, extra);
        if (!holdsOn(route, sites)) continue;
        // The method argument, when computed here, is instantiated with the path: one call site gives both.
        const head = route.methodExpr ? [...route.methodExpr, METHOD_END] : [];
        for (const all of instantiate([...head, ...prefix, ...route.path, ...(extra ? [{ lit: '/*' }] : [])], sites)) {
          const cut = all.indexOf(METHOD_END);
          const parts = cut < 0 ? all : all.slice(cut + 1);
          const method = cut < 0 ? chainMethod : methodText(ix.literal(ix.evalParts(all.slice(0, cut))));
          const { path: raw, dynamic } = text(parts);
          if (guessed && (dynamic || !raw.startsWith('/'))) continue;
          const path = joinPaths(raw).replace(/\*\w+$/, '*');
          // A handler that signs the caller in, or a POST (or every method: the handler sorts them) to a sign-in path: its refusals of bad credentials are the sign-in.
          const signIn = !!handlerFn?.signsIn || ((method === 'POST' || method === 'ANY') && SIGN_IN_PATH.test(path));
          // An account-recovery step's bad one-time token is its own answer: no doubt of who may call it (signInPaths.ts).
          const recovery = method !== 'GET' && RECOVERY_STEP_PATH.test(path);
          const e = settle({ id: `${method} ${path}`, kind: 'http', method, path, handler: route.handler, file: route.file, line: route.line, guards: [], framework: fw }, cands, judge, signIn ? undefined : inHandler, root, signIn || recovery ? undefined : doubt, reaches(route.name), skipped);
          if (e.guardState === 'unguarded') optionalIdentity(e, identityRead(ix, cands, handlerFn) ?? fieldIdentityRead(ix, cands, readers) ?? presenceIdentityRead(ix, cands, handlerFn) ?? (signIn ? undefined : credentialTested(ix, handlerFn) ?? wrapperCredentialTested(ix, route.guards)));
          if (route.inline) e.handlerLocation = { file: route.file, symbol: '<inline>', range: route.inline };
          if (dynamic) e.dynamic = { expression: dynamic };
          // A path built from a setting at its fresh-install value says which (configValues.ts).
          const deps = dynamic ? [] : ix.settingsIn(parts);
          // A local's read (`cmd/app@40#c.BasePath`, scope.ts) is named as written.
          if (deps.length) e.pathDependsOn = [...new Set(deps.map((d) => (LOCAL_KEY.test(d) ? d.replace(LOCAL_KEY, '') : d.replace('#', '.'))))].join(', ');
          entries.push(e);
          if (fw === 'gorilla') trails.set(e, trailOf(root, chain, route));
          // `Type.Method`, not the bare name: an interface in the same file may declare a method of
          // that name (step-ca's `Authority.Version` beside `caHandler.Version`).
          const located = handlerFn ?? ix.fnOf(route.factory) ?? callbackFn;
          // A func literal held by a variable or returned by a factory (definedWrappers.ts) is located by its lines.
          if (located?.inline && !route.inline) e.handlerLocation = { file: located.file, symbol: '<inline>', range: located.inline };
          else if (located && !route.inline) handlerTargets.set(e, `${located.file}#${located.key.replace(/^.*#/, '')}`);
          if (located && located === callbackFn) handlerVia.set(e, located.key.replace(/^.*#/, ''));
          // Exact paths the handler answers itself under its subtree, starting at their case.
          for (const c of path.endsWith('/*') && !dynamic ? handlerFn?.pathCases ?? [] : []) {
            if (!c.path.startsWith(path.slice(0, -1))) continue;
            const ce = settle({ id: `${method} ${c.path}`, kind: 'http', method, path: c.path, handler: route.handler, file: handlerFn!.file, line: c.line, guards: [], framework: fw }, cands, judge, inHandler, root, doubt, undefined, skipped);
            ce.handlerLocation = { file: handlerFn!.file, symbol: '<inline>', range: c.range };
            caseEntries.push(ce);
          }
        }
      }
    }
  }
  // A path registered on a router is matched before the subtree whose handler switches on it.
  const taken = new Set(entries.map((e) => e.id));
  for (const ce of caseEntries) if (!taken.has(ce.id)) entries.push((taken.add(ce.id), ce));
  return { entries: dropShadowed(entries, trails), handlerTargets, handlerVia };
}

/**
 * `p.Post("/rest/system/shutdown", nil)` on a struct of the service that declares `Post` itself
 * (an HTTP client of the tests, syncthing's lib/rc): the call runs that method, which no router
 * promoted through an embedded field can shadow, so it registers nothing. Only for a value or
 * field taken for a router because of how it was called (`V:`, `F:`).
 */
function ownMethodCall(ix: GoIndex, r: GoRoute, ownTypes: Set<string>): boolean {
  const m = /^([VF]):([^|]+)(?:\|(.+))?$/.exec(r.router);
  if (!m) return false;
  let t: string | undefined = m[2];
  for (const field of m[1] === 'F' && m[3] ? m[3].split('.') : []) t = t ? ix.fieldType(t, field)?.replace(/^\*/, '') : undefined;
  return !!t && !!r.registrar && ix.funcs.has(`${t}.${r.registrar}`) && !ownTypes.has(t);
}

/**
 * A handler given as a value (`mux.Handle("/", s.statics)` with `statics *staticsServer`): what
 * runs is its type's ServeHTTP, as net/http calls it.
 */
function serveHTTPOf(ix: GoIndex, c: string | undefined): ReturnType<GoIndex['fnOf']> {
  const m = c ? /^fn:([^@]*#\w+)\.(\w+)$/.exec(c) : undefined;
  const t = m ? ix.fieldType(m[1], m[2])?.replace(/^\*/, '') : undefined;
  return t ? ix.fnOf(`fn:${t}.ServeHTTP`) : undefined;
}

function usesBefore(uses: GoFileFacts['uses'], file: string, order: number): GoCandidate[] {
  return uses.filter((u) => !u.ordered || u.file !== file || u.order < order).map((u) => u.candidate);
}

/** `handler.Web(viewHome, UserLevelOptional)`: the wrapper's earlier argument is the handler when it serves the request and the last does not. */
function servingAlt(ix: GoIndex, r: GoRoute): boolean {
  if (!r.handlerAlt) return false;
  const last = ix.fnOf(r.handlerCallee);
  return !!last && !last.servesRequest && !!ix.fnOf(r.handlerAlt)?.servesRequest;
}

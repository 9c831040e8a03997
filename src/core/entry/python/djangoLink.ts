// Linking Django's urlconfs into routes: include() chains from the root urlconf, DRF routers and
// viewsets, each route's guards (decorators, wrappers, mixins, permission classes, settings
// defaults) and the handler's own checks. The facts come from djangoRoutes.ts.
import type { EntryPoint, Guard, HandlerLocation } from '../types';
import { isPublic, makeGuard } from '../guards';
import { feedVerdict } from './djangoFeeds';
import { routeTable, tableRoutes } from './drfRouteTables';
import { joinPaths, normalizeRoutePath, UNNAMED_GROUP } from '../routePath';
import { getOwn } from '../../ownKeys';
import { FRAMEWORK_URLCONFS } from './djangoOwnUrlconfs';
import { runListOps, settingCondition } from './djangoListOps';
import { checkGuards } from './djangoHandlerChecks';
import { settingGate } from './settingGates';
import { DRF_ROUTER, LOGIN_REQUIRED_VIEWS, joinPattern, permissionGuards } from './djangoParts';
import { factoryGuard } from './djangoDecoratorFactories';
import { ACTION_DECORATOR, ACTION_METHOD, MAPPING, frameworkViewMethods, funcMethods, type FuncView, type PyDecorator, type ViewClass } from '../djangoViews';
import { ViewIndex } from '../djangoViewIndex';
import type { DjangoFacts, UrlConf, UrlEntry, ViewRef } from './djangoFacts';
import { packageViewRoutes } from './djangoPackageViews';
import { letsThrough, type ClassAttr } from './djangoPermRules';
import { ownWrapperGuards } from './djangoWrapperGates';
import { pickPermissions } from './djangoActionPerms';
import { spreadList, spreadModules } from './djangoImportedLists';
import { applyDjangoLoginRequired, applyLoginMiddleware } from './djangoLoginMiddleware';
import { factoryRegs } from './djangoRouterFactories';
import { identityReaders } from './djangoIdentity';
import { identityUse, plainIdentityUse } from './djangoClassIdentity';
import { extraViewsetRoutes } from './drfExtraRoutes';

/** Schema decorators (drf-spectacular, drf-yasg) and Python's own: documentation, whatever words their arguments hold ("permission"). */
const API_DOCS = /^(extend_schema\w*|swagger_auto_schema|staticmethod|classmethod)\b/;

/**
 * `mounts`: an application of another framework mounted by its `urls` (`path("api/", api.urls)` of a
 * Django Ninja API, ninjaLink.ts), whose routes come from the Python pass: true when the view was one.
 */
export function linkDjango(facts: DjangoFacts, mounts?: (view: ViewRef, file: string, prefix: string, dynamic?: string) => boolean): EntryPoint[] {
  if (!facts.confs.length) return [];
  const settings = new Map([...(facts.settings ?? [])].filter(([k]) => !facts.conflicting?.has(k)));
  // `urlpatterns = [path("", include((urlpatterns, "ns")))]`: the entries the list had before.
  const snapshot = (e: UrlEntry, name: string, before: UrlEntry[]): UrlEntry => (e.include?.list === name ? { ...e, include: { entries: before } } : e);
  for (const c of facts.confs) c.lists = runListOps(c.ops, settings, snapshot);
  const fromFactories = factoryRegs(facts);
  const index = new ViewIndex(facts.classes);
  const confByFile = new Map(facts.confs.map((c) => [c.file, c]));
  const included = new Set<string>();
  const markIncluded = (list: UrlEntry[]): void => {
    for (const e of list) {
      if (e.include?.module) included.add(e.include.module);
      if (e.include?.entries) markIncluded(e.include.entries);
    }
  };
  for (const c of facts.confs) for (const l of Object.values(c.lists)) markIncluded(l);
  for (const m of spreadModules(facts.confs)) included.add(m);
  const roots = facts.rootUrlconf && confByFile.has(facts.rootUrlconf) ? [facts.rootUrlconf, ...facts.confs.map((c) => c.file).filter((f) => f !== facts.rootUrlconf && !included.has(f))] : facts.confs.map((c) => c.file).filter((f) => !included.has(f));
  const out: EntryPoint[] = [];
  /** Guard lists left empty because the identity is read only by helpers a known setting turns off: why. */
  const gateNotes = new WeakMap<Guard[], string>();
  /** Guard lists left empty because a refusal hangs on a setting whose value was not read: why. */
  const undecided = new WeakMap<Guard[], string>();
  /** A helper of ours the handler calls that refuses a caller it looked at (python/djangoCalledRefusals.ts). */
  const callsAt = new Map<string, string[]>();
  for (const f of facts.funcs) if (f.calls) callsAt.set(`${f.file}:${f.range.start}`, f.calls);
  for (const c of facts.classes) for (const m of Object.values(c.methods)) if (m.calls) callsAt.set(`${c.file}:${m.range.start}`, m.calls);
  const refusers = facts.funcs.filter((f) => f.refusesCaller);
  const calledRefusal = (loc: HandlerLocation): string | undefined => {
    for (const name of refusers.length ? (callsAt.get(`${loc.file}:${loc.range.start}`) ?? []) : []) {
      const h = refusers.find((f) => f.name === name && f.file === loc.file) ?? refusers.find((f) => f.name === name);
      if (h) return `the handler calls ${name} (${h.file}:${h.line}), which looks at who is calling and refuses (${h.file}:${h.refusesCaller}); whom it refuses is not read`;
    }
    return undefined;
  };
  /** Guards of the wrappers the urlconf puts around a view; one of ours judged by its code (djangoWrapperGates.ts). */
  const wrapGuards = (wrappers: PyDecorator[], file: string): Guard[] => {
    const { guards, doubt } = ownWrapperGuards(wrappers, file, facts.funcs, (cond) => settingCondition(cond, settings));
    if (doubt) undecided.set(guards, doubt);
    return guards;
  };
  /** The regular expression of the route being walked (include chain joined), when any part is one. */
  let pattern: string | undefined;
  const emit = (method: string, rawPath: string, handler: string, file: string, ln: number, loc: HandlerLocation | undefined, guards: Guard[], dynamic?: string, params?: string[]): EntryPoint => {
    // Unnamed regex groups reach the view as its last positional parameters: name them so.
    const count = rawPath.split(UNNAMED_GROUP).length - 1;
    const names = (params ?? []).slice(1).slice(-count);
    let i = 0;
    const path = count ? rawPath.split(UNNAMED_GROUP).reduce((acc, part) => `${acc}:${names.length === count ? names[i++] : `arg${++i}`}${part}`) : rawPath;
    const e: EntryPoint = { id: `${method} ${path}`, kind: 'http', method, path, handler, file, line: ln, guards, framework: 'django' };
    if (loc) e.handlerLocation = loc;
    if (pattern) e.pattern = pattern;
    if (dynamic) e.dynamic = { expression: dynamic };
    e.public = isPublic(guards);
    const gate = gateNotes.get(guards);
    if (gate && !guards.length) {
      e.guardState = 'unguarded';
      e.guardReason = `every mount and middleware on the way is known and none refuses requests (${gate})`;
    }
    const doubt = undecided.get(guards);
    const called = !doubt && loc && isPublic(guards) ? calledRefusal(loc) : undefined;
    if ((doubt && !guards.length) || called) {
      e.guardState = 'unknown';
      e.guardReason = `could not tell whether it refuses requests: ${doubt ?? called}`;
    }
    out.push(e);
    return e;
  };

  /**
   * `glue`: the include above was written `path("user/lang", include(...))`: Django joins the
   * strings as they are, so "setlang/" under it is /user/langsetlang/, not /user/lang/setlang/.
   */
  /** `wrap`: decorators a wrapping helper put around every view under the include being walked. */
  const walkList = (conf: UrlConf, list: UrlEntry[], prefix: string, stack: string[], dynamic?: string, pat?: string, glue = false, wrap: PyDecorator[] = []): void => {
    // Django takes the first pattern that matches: a view at the list's own path ("" or "^$") written
    // before a router's include hides DefaultRouter's API root there.
    let rootTaken = false;
    for (const e of list) {
      const p = glue ? normalizeRoutePath(prefix + e.prefix) : joinPaths(prefix, e.prefix);
      const dyn = dynamic ?? e.dynamic;
      pattern = joinPattern(pat, e);
      const glued = !e.regex && !e.dynamic && e.prefix !== '' && !e.prefix.endsWith('/');
      const own = e.include?.unresolved ? getOwn(FRAMEWORK_URLCONFS, e.include.unresolved) : undefined;
      const w = e.wrappers ? [...wrap, ...e.wrappers] : wrap;
      if (e.include?.module) {
        const child = confByFile.get(e.include.module);
        if (child && !stack.includes(child.file)) walkList(child, child.lists.urlpatterns ?? [], p, [...stack, child.file], dyn, pattern, glued, w);
      } else if (e.include?.router) {
        const home = e.include.routerModule ? confByFile.get(e.include.routerModule) : conf;
        if (home) routerRoutes(home, e.include.router, p, dyn, rootTaken && !e.prefix);
      } else if (own) {
        // A conf Django or DRF ships: its routes are known, and none refuses anonymous callers.
        for (const r of own.routes) {
          const full = r.path === '*' ? joinPaths(p, '*') : glued ? normalizeRoutePath(p + r.path) : joinPaths(p, r.path);
          const x = emit(r.method, full, r.handler, conf.file, e.line, undefined, [], dyn);
          x.guardState = 'unguarded';
          x.guardReason = own.reason;
        }
      } else if (e.include?.unresolved) {
        // include("allauth.headless.urls"): a package's application mounted here. Its routes and
        // what guards them are out of sight: one route for the mount, its guard unknown.
        const r = emit('ANY', joinPaths(p, '*'), `include("${e.include.unresolved}")`, conf.file, e.line, undefined, [], dyn);
        r.guardState = 'unknown';
        r.guardReason = `${e.include.unresolved} is a module outside the repository: its views and their guards are not in sight`;
      } else if (e.include?.entries) {
        walkList(conf, e.include.entries, p, stack, dyn, pattern, glued, w);
      } else if (e.include?.list) {
        const s = spreadList(conf, e.include.list, confByFile);
        if (s && !stack.includes(`${s.home.file}#${s.key}`)) walkList(s.home, s.list, p, [...stack, `${s.home.file}#${s.key}`], dyn, pattern, glued, w);
      } else if (e.view && isAdminSite(e.view.text)) {
        // The Django admin (its own site or a project's AdminSite instance): every page behind a staff login.
        emit('ANY', joinPaths(p, '*'), e.view.text, conf.file, e.line, undefined, [{ name: 'admin.site', kind: 'authorization', reason: 'the Django admin requires a logged-in staff user', file: conf.file, line: e.line }], dyn);
      } else if (e.view && mounts?.(e.view, conf.file, p, dyn)) {
        // Mounted: its operations carry this prefix from the Python pass.
      } else if (e.view) {
        viewRoutes(conf, w.length ? { ...e.view, wrappers: [...w, ...e.view.wrappers] } : e.view, p, e.line, dyn);
        if (!e.prefix && !e.dynamic) rootTaken = true;
      }
    }
  };
  const isAdminSite = (text: string): boolean => {
    if (text === 'admin.site.urls') return true;
    const m = /^(?:\w+\.)?(\w+)\.urls$/.exec(text);
    return !!m && !!facts.adminSites?.includes(m[1]);
  };
  const routerRoutes = (conf: UrlConf, name: string, prefix: string, dynamic?: string, rootHidden = false): void => {
    const r = conf.routers[name];
    if (!r) return;
    // A router class of the repository: a DRF router only when its bases lead to one.
    const bases = r.cls ? routerBases(r.cls, conf.file) : undefined;
    if (bases && !bases.some((b) => DRF_ROUTER.test(b))) return;
    const root = bases ? bases.some((b) => DRF_ROUTER.test(b) && /Default/.test(b)) : r.root;
    // DefaultRouter's browsable API root: an APIView under the default permissions.
    const rootGuards = facts.defaults ? permissionGuards(facts.defaults.text, facts.defaults.file, facts.defaults.line, 'DEFAULT_PERMISSION_CLASSES in settings', 'GET', letsIn(undefined, 'GET')) : [];
    if (root && !rootHidden) emit('GET', joinPaths(prefix, '/'), 'APIRootView', conf.file, r.line, undefined, rootGuards, dynamic);
    const under = nestedPath(conf, name, []);
    // A router class of ours declaring its own `routes` table: those routes only (python/drfRouteTables.ts).
    const table = routeTable(index, r.cls ? index.get(r.cls, conf.file) : undefined);
    for (const reg of [...r.regs, ...(fromFactories.get(r) ?? [])]) {
      const cls = index.get(reg.view.name, reg.view.module);
      if (!cls) continue;
      const base = joinPaths(prefix, under, reg.prefix);
      if (table) {
        for (const x of tableRoutes(index, cls, table, index.lookup(cls))) emit(x.method, joinPaths(base, x.path), `${cls.name}.${x.action}`, reg.file ?? conf.file, reg.line, locOf(cls, x.action), guardsFor(cls, x.method, reg.view.wrappers, x.action, x.permissions), dynamic);
        continue;
      }
      const lookup = `:${index.lookup(cls)}`;
      for (const a of index.viewsetActions(cls)) {
        const { method, detail } = ACTION_METHOD[a];
        emit(method, detail ? joinPaths(base, lookup) : base, `${cls.name}.${a}`, reg.file ?? conf.file, reg.line, locOf(cls, a), guardsFor(cls, method, reg.view.wrappers, a), dynamic);
      }
      for (const x of extraViewsetRoutes(index, cls, r.cls ? index.get(r.cls, conf.file) : undefined)) emit(x.method, x.detail ? joinPaths(base, lookup) : base, `${cls.name}.${x.action}`, reg.file ?? conf.file, reg.line, locOf(cls, x.action), guardsFor(cls, x.method, reg.view.wrappers, x.action), dynamic);
      for (const k of index.lineage(cls)) {
        // An action a base class or mixin declares (DefectDojo's DeletePreviewModelMixin.delete_preview, on
        // every viewset) is placed at its @action line there, where it is written once for them all.
        const inherited = k !== cls;
        for (const act of k.actions) {
          const path = joinPaths(base, act.detail ? lookup : '', act.urlPath);
          for (const m of act.methods.filter((x) => index.allows(cls, x))) emit(m, path, `${k.name}.${act.name}`, inherited ? k.file : (reg.file ?? conf.file), inherited ? act.line : reg.line, { file: k.file, symbol: `${k.name}.${act.name}`, range: act.range }, guardsFor(cls, m, reg.view.wrappers, act.name, act.permissions), dynamic);
        }
      }
    }
  };
  /** A nested router's place under its parents' prefixes: `projects/:project_pk`. */
  const nestedPath = (conf: UrlConf, name: string, seen: string[]): string => {
    const n = conf.routers[name]?.nested;
    if (!n || seen.includes(name)) return '';
    return joinPaths(nestedPath(conf, n.parent, [...seen, name]), n.prefix, `:${n.param}`);
  };
  const routerBases = (name: string, file: string): string[] => {
    const c = index.get(name, file);
    return c ? index.allBases(c) : [];
  };
  const locOf = (cls: ViewClass, method: string): HandlerLocation => {
    const m = index.methodOf(cls, method);
    return m ? { file: m.cls.file, symbol: `${m.cls.name}.${method}`, range: m.range } : { file: cls.file, symbol: cls.name, range: cls.range };
  };
  const viewRoutes = (conf: UrlConf, v: ViewRef, path: string, ln: number, dynamic?: string): void => {
    const cls = v.outside ? undefined : index.get(v.name, v.module);
    if (v.instance) {
      // An object answers through its __call__: a syndication Feed's by its get_object (python/djangoFeeds.ts); any other is not read.
      const g = wrapGuards(v.wrappers, conf.file);
      const feed = cls ? feedVerdict(index, cls, path) : undefined;
      if (feed?.kind === 'key') g.push(feed.guard);
      const getObject = feed && cls ? index.methodOf(cls, 'get_object') : undefined;
      const called = getObject ? calledRefusal({ file: getObject.cls.file, symbol: `${getObject.cls.name}.get_object`, range: getObject.range }) : undefined;
      const r = emit('ANY', path, v.text, conf.file, ln, cls ? { file: cls.file, symbol: cls.name, range: cls.range } : undefined, g, dynamic);
      if (called && isPublic(g)) {
        r.guardState = 'unknown';
        r.guardReason = `could not tell whether it refuses requests: ${called}`;
      } else if (feed?.kind === 'open' && !g.length && !r.guardState) {
        r.guardReason = feed.reason;
      } else if (!feed && !g.length) {
        r.guardState = 'unknown';
        r.guardReason = `${v.text} is an instance of a class that answers through its own __call__ (a syndication Feed, say): what it refuses is not read`;
      }
      return;
    }
    if (cls && (v.asView || v.actions)) {
      const methods = v.actions ?? index.httpMethods(cls);
      const viewset = !!v.actions;
      for (const [m, fn] of Object.entries(methods)) {
        const handlerName = index.methodOf(cls, m.toLowerCase()) && !viewset ? m.toLowerCase() : fn;
        emit(m, path, `${cls.name}.${handlerName}`, conf.file, ln, locOf(cls, handlerName), guardsFor(cls, m, v.wrappers, viewset ? fn : undefined), dynamic);
      }
      if (!Object.keys(methods).length) emit('ANY', path, cls.name, conf.file, ln, locOf(cls, 'dispatch'), guardsFor(cls, 'ANY', v.wrappers), dynamic);
      return;
    }
    // A Django class outside the repository (`auth_views.LoginView.as_view()`): the methods it is known to answer.
    const known = !cls && v.asView ? frameworkViewMethods(v.name) : undefined;
    if (known) {
      const g = wrapGuards(v.wrappers, conf.file);
      const own = LOGIN_REQUIRED_VIEWS.test(v.name) ? makeGuard('login_required', conf.file, ln, `Django's ${v.name}.dispatch carries @method_decorator(login_required)`) : undefined;
      if (own) g.push(own);
      for (const m of Object.keys(known)) emit(m, path, v.name, conf.file, ln, undefined, g, dynamic);
      return;
    }
    const pkg = !cls && v.asView ? packageViewRoutes(v.name, facts.servePermissions) : undefined;
    if (pkg) {
      const g = wrapGuards(v.wrappers, conf.file);
      for (const m of pkg.methods) emit(m, path, v.name, conf.file, ln, undefined, [...g, ...pkg.guards], dynamic);
      return;
    }
    if (!cls && v.asView && (v.outside || !facts.funcs.some((x) => x.name === v.name))) {
      // A class view of a package we do not know (`ObtainJSONWebToken.as_view()`): its guards are out of sight.
      const g = wrapGuards(v.wrappers, conf.file);
      const r = emit('ANY', path, v.name, conf.file, ln, undefined, g, dynamic);
      if (!g.length) {
        r.guardState = 'unknown';
        r.guardReason = `${v.name} is a class view outside the repository: its permission checks are not in sight`;
      }
      return;
    }
    const f = v.outside ? undefined : (facts.funcs.find((x) => x.name === v.name && (!v.module || x.file === v.module)) ?? facts.funcs.find((x) => x.name === v.name));
    const sorted = f && dispatchTargets(f);
    if (f && sorted) {
      // One route per method, guarded by the function that method reaches (and the view's own decorators).
      for (const { method, target } of sorted) emit(method, path, v.text, conf.file, ln, { file: target.file, symbol: target.name, range: target.range }, [...funcGuards(f, method, v.wrappers, conf.file), ...funcGuards(target, method, [], conf.file)], dynamic, f.params);
      return;
    }
    const methods = f ? funcMethods(f) : ['ANY'];
    for (const m of methods) emit(m, path, v.text, conf.file, ln, f ? { file: f.file, symbol: f.name, range: f.range } : undefined, funcGuards(f, m, v.wrappers, conf.file), dynamic, f?.params);
  };
  /** A method-sorting view's branches with the functions they reach, when every one is known and no decorator fixes the methods. */
  const dispatchTargets = (f: FuncView): { method: string; target: FuncView }[] | undefined => {
    if (!f.dispatch || f.decorators.some((d) => /^(api_view|require_\w+)\b/.test(d.text))) return undefined;
    const out = f.dispatch.map((d) => ({ method: d.method, target: facts.funcs.find((x) => x.name === d.to && x.file === f.file) ?? facts.funcs.find((x) => x.name === d.to) }));
    return out.every((d) => d.target) ? (out as { method: string; target: FuncView }[]) : undefined;
  };
  const guardsFor = (cls: ViewClass, method: string, wrappers: PyDecorator[], action?: string, actionPerms?: PyDecorator): Guard[] => {
    const g: Guard[] = wrapGuards(wrappers, cls.file);
    for (const k of index.lineage(cls)) {
      for (const b of k.bases) {
        if (/^(LoginRequiredMixin|PermissionRequiredMixin|UserPassesTestMixin|StaffRequiredMixin|SuperuserRequiredMixin|AccessMixin)$/.test(b)) {
          const x = makeGuard(b, k.file, k.line, `mixin in the bases of ${k.name}`);
          if (x) g.push(x);
        }
        if (LOGIN_REQUIRED_VIEWS.test(b)) {
          const x = makeGuard('login_required', k.file, k.line, `Django's ${b}.dispatch, a base of ${k.name}, carries @method_decorator(login_required)`);
          if (x) g.push(x);
        }
      }
      for (const d of k.decorators) {
        const inner = /^method_decorator\s*\(\s*([^,)]+(?:\([^)]*\))?)/.exec(d.text)?.[1] ?? d.text;
        const x = makeGuard(inner, k.file, d.line, `decorates the class ${k.name}`) ?? factoryGuard(inner, k.file, d.line, `decorates the class ${k.name}`, facts.funcs);
        if (x) g.push(x);
      }
      for (const name of ['dispatch', method.toLowerCase(), action].filter((s): s is string => !!s)) {
        // `def dispatch(...): if not request.user.is_staff: return self.handle_no_permission()` (a mixin of the repository).
        const refuses = k.methods[name]?.refuses;
        // Gated on a setting (`if settings.LOGIN_REQUIRED and …`): a guard while its default holds, none when it does not, undecided when it cannot be read.
        const on = refuses?.setting ? settingCondition(refuses.setting, settings) : true;
        const setting = refuses?.setting?.replace(/^settings\./, '');
        const at = setting ? facts.settingsAt?.get(setting) : undefined;
        const gatedBy = setting && on ? `, while ${setting} is True${at ? ` (${at.file}:${at.line})` : ''}` : '';
        if (refuses && on) g.push({ name: refuses.text, kind: refuses.kind, reason: `${k.name}.${name} refuses the caller first (${k.file}:${refuses.line})${gatedBy}`, file: k.file, line: refuses.line, evidence: { how: 'refuses before the view runs', text: refuses.text, file: k.file, line: refuses.line } });
        if (refuses && on === undefined) undecided.set(g, `${k.name}.${name} refuses the caller only while ${refuses.setting} (${k.file}:${refuses.line}), a setting whose value was not read`);
        for (const d of k.methods[name]?.decorators ?? []) {
          if (ACTION_DECORATOR.test(d.text) || MAPPING.test(d.text) || API_DOCS.test(d.text)) continue;
          const inner = /^method_decorator\s*\(\s*([^,)]+(?:\([^)]*\))?)/.exec(d.text)?.[1] ?? d.text;
          const x = makeGuard(inner, k.file, d.line, `decorates ${k.name}.${name}`) ?? factoryGuard(inner, k.file, d.line, `decorates ${k.name}.${name}`, facts.funcs);
          if (x) g.push(x);
        }
      }
    }
    // `get_permissions` branching on self.action or the request's method (djangoActionPerms.ts): those classes here.
    const picked = !actionPerms ? index.lineage(cls).find((k) => pickPermissions(k.actionPermissions, action, method)) : undefined;
    const byAction = picked && pickPermissions(picked.actionPermissions, action, method);
    if (picked && byAction && (index.isDrf(cls) || index.isViewSet(cls))) {
      const what = byAction.others ? `every ${action ? 'action' : 'method'} its branches do not name` : action && byAction.actions.includes(action) ? `the action ${action}` : `the method ${method}`;
      const pg = permissionGuards(byAction.text, picked.file, byAction.line, `${picked.name}.get_permissions for ${what}`, method, letsIn(cls, method));
      // A branch naming the action: the class reads who is calling somewhere (as before); else the code this route runs must read it.
      const named = action && byAction.actions.includes(action);
      const found = pg.length ? undefined : named ? index.lineage(cls).find((k) => k.readsIdentityAt) : undefined;
      const reader = found ? { name: found.name, file: found.file, line: found.readsIdentityAt! } : pg.length || named ? undefined : identityUse(index, cls, ['get_queryset', 'get_object', action ?? method.toLowerCase()]);
      if (reader) pg.push({ name: 'request.user', kind: 'authentication', optional: true, reason: `${picked.name}.get_permissions lets anyone in for ${what} (${picked.file}:${byAction.line}); ${reader.name} reads the identity (${reader.file}:${reader.line}): anonymous requests served`, file: reader.file, line: reader.line });
      g.push(...pg);
    } else if (index.isDrf(cls) || index.isViewSet(cls)) {
      const perms = actionPerms ?? index.permissions(cls);
      const via = actionPerms ? `permission_classes of the @action ${action}` : perms ? `permission_classes of ${cls.name}` : 'DEFAULT_PERMISSION_CLASSES in settings';
      const src = perms ? { ...perms, file: actionPerms ? cls.file : (index.lineage(cls).find((k) => k.permissions === perms)?.file ?? cls.file) } : facts.defaults;
      const pg = src ? permissionGuards(src.text, src.file, src.line, via, method, letsIn(cls, method)) : [];
      // Let through by its permission classes, the view still reads who is calling for this action: anonymous requests served.
      const reader = src && !pg.length ? identityUse(index, cls, ['get_queryset', 'get_object', action ?? method.toLowerCase()]) : undefined;
      if (reader) pg.push({ name: 'request.user', kind: 'authentication', optional: true, reason: `${via} let anyone in; ${reader.name} reads the identity (${reader.file}:${reader.line}): anonymous requests served`, file: reader.file, line: reader.line });
      g.push(...pg);
    } else if (!undecided.has(g) && !g.some((x) => x.kind === 'authentication' || x.kind === 'authorization')) {
      // A plain Django class view nothing guards that reads who is calling in code this method may run: anonymous requests served.
      const reader = plainIdentityUse(index, cls, method);
      if (reader) g.push({ name: 'request.user', kind: 'authentication', optional: true, reason: `nothing refuses; ${reader.name} reads the identity (${reader.file}:${reader.line}): anonymous requests served`, file: reader.file, line: reader.line });
    }
    return g;
  };
  /** Each permission class of the repository judged by its has_permission for this method and view (python/djangoPermRules.ts). */
  const letsIn =
    (view: ViewClass | undefined, method: string) =>
    (name: string): boolean => {
      const pc = index.get(name);
      const k = pc ? index.lineage(pc).find((x) => x.permSteps) : undefined;
      if (!k?.permSteps) return false;
      const attrs = new Map<string, ClassAttr>();
      for (const v of view ? [...index.lineage(view)].reverse() : []) for (const [a, x] of Object.entries(v.attrs ?? {})) attrs.set(a, x);
      return letsThrough(k.permSteps, method, attrs);
    };
  const { identityOf, identityBelow } = identityReaders(facts.funcs);
  const funcGuards = (f: FuncView | undefined, method: string, wrappers: PyDecorator[], confFile: string): Guard[] => {
    const g: Guard[] = wrapGuards(wrappers, confFile);
    if (!f) return g;
    let perms: PyDecorator | undefined;
    for (const d of f.decorators) {
      const pc = /^permission_classes\s*\(\s*(.*)\)$/.exec(d.text);
      if (pc) {
        perms = { text: pc[1], line: d.line };
        continue;
      }
      if (/^(api_view|require_\w+|csrf_exempt|renderer_classes|parser_classes|throttle_classes|authentication_classes)\b/.test(d.text) || API_DOCS.test(d.text)) continue;
      const x = makeGuard(d.text, f.file, d.line, `decorates ${f.name}`) ?? factoryGuard(d.text, f.file, d.line, `decorates ${f.name}`, facts.funcs);
      if (x) g.push(x);
      // A decorator of the service's own whose name says nothing, but whose wrapper speaks of refusing: not known open.
      const own = x ? undefined : facts.funcs.find((k) => k.name === d.text.replace(/\(.*$/s, '') && k.wrapperRefuses);
      if (own) undecided.set(g, `@${d.text} on ${f.name} (${f.file}:${d.line}) wraps the view in code that refuses some requests (${own.file}:${own.wrapperRefuses}); when it refuses was not read`);
    }
    if (!g.length) {
      const checked = checkGuards(f.checks, f.readsIdentityAt, f.file, identityOf, identityBelow);
      const gate = checked.every((x) => x.optional) ? settingGate(f, facts.funcs, settings, (k) => facts.settingsAt?.get(k)) : undefined;
      if (gate) gateNotes.set(g, gate);
      else g.push(...checked);
    }
    const drf = f.decorators.some((d) => /^api_view\b/.test(d.text));
    if (perms) g.push(...permissionGuards(perms.text, f.file, perms.line, `@permission_classes on ${f.name}`, method, letsIn(undefined, method)));
    else if (drf && facts.defaults) g.push(...permissionGuards(facts.defaults.text, facts.defaults.file, facts.defaults.line, 'DEFAULT_PERMISSION_CLASSES in settings', method, letsIn(undefined, method)));
    return g;
  };

  for (const file of roots) {
    const conf = confByFile.get(file)!;
    walkList(conf, conf.lists.urlpatterns ?? [], '', [file]);
  }
  applyLoginMiddleware(out, facts, settings);
  applyDjangoLoginRequired(out, facts);
  return out;
}

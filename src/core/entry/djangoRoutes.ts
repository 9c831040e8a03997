// Django urlpatterns (path/re_path/url with nested include() across apps) and DRF routers with
// viewsets (list/create/retrieve/update/partial_update/destroy and @action). Guards: view
// decorators (@login_required, @permission_required, ...), wrappers in the urlconf
// (`login_required(view)`), auth mixins, `@method_decorator`, DRF `permission_classes` on the view
// or action, and REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES from settings.
import type { Node, Tree } from 'web-tree-sitter';
import type { ModuleIndex } from './resolveModule';
import type { EntryPoint, Guard, HandlerLocation } from './types';
import { callArgs, kids, line, stringValue } from './treeUtil';
import { isPublic, makeGuard } from './guards';
import { joinPaths, regexToPath, UNNAMED_GROUP } from './routePath';
import { runListOps, settingValues, type ListOp } from './python/djangoListOps';
import { checkGuards } from './python/djangoHandlerChecks';
import { settingGate, settingLines } from './python/settingGates';
import { joinPattern, permissionGuards } from './python/djangoParts';
import { ACTION_METHOD, ViewIndex, collectViews, funcMethods, type FuncView, type PyDecorator, type ViewClass } from './djangoViews';
import { dict } from '../ownKeys';

interface ViewRef {
  /** The view expression as written. */
  text: string;
  /** Class or function name, and the module file it was imported from when known. */
  name: string;
  module?: string;
  asView: boolean;
  /** `as_view({'get': 'list'})`. */
  actions?: Record<string, string>;
  wrappers: PyDecorator[];
}

interface UrlEntry {
  line: number;
  prefix: string;
  /** re_path()/url(): the regular expression the prefix was read from. */
  regex?: string;
  dynamic?: string;
  /** include('app.urls') → the module file; include(router.urls) → router; include(list) → list name. */
  include?: { module?: string; router?: string; list?: string; unresolved?: string };
  view?: ViewRef;
}

interface UrlConf {
  file: string;
  /** How the module builds its lists (settings conditions included), run at link time into `lists`. */
  ops: ListOp<UrlEntry>[];
  lists: Record<string, UrlEntry[]>;
  routers: Record<string, { trailing: string; root: boolean; line: number; regs: { prefix: string; view: ViewRef; line: number }[] }>;
}

export interface DjangoFacts {
  files: { file: string }[];
  confs: UrlConf[];
  classes: ViewClass[];
  funcs: FuncView[];
  defaults?: PyDecorator & { file: string };
  rootUrlconf?: string;
  /** Values of settings modules, for urlconf conditions; a name set to different values is left out. */
  settings?: Map<string, string | boolean>;
  /** Where each setting is assigned (the first settings module that does). */
  settingsAt?: Map<string, { file: string; line: number }>;
  conflicting?: Set<string>;
}

export function emptyDjangoFacts(): DjangoFacts {
  return { files: [], confs: [], classes: [], funcs: [] };
}

export function detectDjango(tree: Tree, file: string, modules: ModuleIndex, facts: DjangoFacts): void {
  const root = tree.rootNode;
  const text = root.text;
  // Settings: ROOT_URLCONF and REST_FRAMEWORK defaults.
  const rootConf = /^ROOT_URLCONF\s*=\s*['"]([\w.]+)['"]/m.exec(text);
  if (rootConf) facts.rootUrlconf = modules.resolvePy(file, rootConf[1]);
  if (rootConf || /(^|\/)(\w*_)?settings(\.py$|\/)/.test(file)) {
    const seen = (facts.settings ??= new Map());
    const conflicting = (facts.conflicting ??= new Set());
    const at = (facts.settingsAt ??= new Map());
    for (const [k, l] of settingLines(text)) if (!at.has(k)) at.set(k, { file, line: l });
    for (const [k, v] of settingValues(text)) {
      if (seen.has(k) && seen.get(k) !== v) conflicting.add(k);
      seen.set(k, v);
    }
  }
  if (!/django|rest_framework|urlpatterns/.test(text)) {
    // Function views need no Django import (graphite's tags/views.py): keep them for the urlconfs.
    facts.funcs.push(...collectViews(root, file).funcs);
    return;
  }
  facts.files.push({ file });
  const views = collectViews(root, file);
  facts.classes.push(...views.classes);
  facts.funcs.push(...views.funcs);
  const dpc = /['"]DEFAULT_PERMISSION_CLASSES['"]\s*:\s*([[(][^\])]*[\])])/.exec(text);
  if (dpc) facts.defaults = { text: dpc[1].replace(/\s+/g, ' '), line: text.slice(0, dpc.index).split('\n').length, file };
  if (!/urlpatterns|Router\s*\(/.test(text)) return;

  // Imports: local name → module file (for `views.X` and for names imported from a module).
  const moduleOf = new Map<string, string>();
  for (const imp of root.descendantsOfType(['import_from_statement', 'import_statement'])) {
    if (!imp) continue;
    const mod = imp.childForFieldName('module_name')?.text;
    for (const n of imp.childrenForFieldName('name')) {
      if (!n) continue;
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : name;
      const spec = mod ? (mod.endsWith('.') ? mod + name : `${mod}.${name}`) : name;
      const target = modules.resolvePy(file, spec) ?? (mod ? modules.resolvePy(file, mod) : undefined);
      if (target) moduleOf.set(alias.split('.')[0], target);
    }
  }
  const conf: UrlConf = { file, ops: [], lists: dict(), routers: dict() };
  const viewRef = (n: Node, wrappers: PyDecorator[] = []): ViewRef | undefined => {
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      const args = callArgs(n);
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'as_view') {
        const inner = viewRef(fn.childForFieldName('object')!, wrappers);
        if (!inner) return undefined;
        inner.asView = true;
        const dictArg = args.find((a) => a.type === 'dictionary');
        if (dictArg) {
          inner.actions = dict();
          for (const p of kids(dictArg)) {
            const k = stringValue(p.childForFieldName('key'));
            const v = stringValue(p.childForFieldName('value'));
            if (k && v) inner.actions[k.toUpperCase()] = v;
          }
        }
        inner.text = n.text.replace(/\s+/g, ' ');
        return inner;
      }
      // login_required(views.profile), permission_required('x')(view), csrf_exempt(view)
      const wrapped = args.find((a) => a.type !== 'keyword_argument' && a.type !== 'string');
      if (fn && wrapped) return viewRef(wrapped, [...wrappers, { text: fn.text.replace(/\s+/g, ' '), line: line(n) }]);
      return undefined;
    }
    const parts = n.text.split('.');
    if (!/^[\w.]+$/.test(n.text)) return undefined;
    const name = parts[parts.length - 1];
    const module = moduleOf.get(parts[0]) ?? (parts.length === 1 ? moduleOf.get(name) : undefined);
    return { text: n.text, name, asView: false, wrappers, ...(module ? { module } : {}) };
  };
  const entriesOf = (elements: Node[]): UrlEntry[] => {
    const out: UrlEntry[] = [];
    for (const el of elements) {
      if (el.type !== 'call') continue;
      const fn = el.childForFieldName('function')?.text.split('.').pop();
      if (!fn || !/^(path|re_path|url)$/.test(fn)) continue;
      const args = callArgs(el).filter((a) => a.type !== 'keyword_argument');
      if (args.length < 2) continue;
      const raw = stringValue(args[0]);
      const e: UrlEntry = { line: line(el), prefix: '' };
      if (raw === undefined) {
        e.dynamic = args[0].text;
      } else if (fn === 'path') {
        e.prefix = raw;
      } else {
        const p = regexToPath(raw);
        if (p === undefined) e.dynamic = raw;
        else {
          e.prefix = p;
          e.regex = raw;
        }
      }
      const v = args[1];
      if (v.type === 'call' && v.childForFieldName('function')?.text.split('.').pop() === 'include') {
        const a = callArgs(v).filter((x) => x.type !== 'keyword_argument')[0];
        const target = a?.type === 'tuple' ? a.namedChildren[0] : a;
        const s = stringValue(target);
        if (s !== undefined) {
          const m = modules.resolvePy(file, s);
          e.include = m ? { module: m } : { unresolved: s };
        } else if (target && /\.urls$/.test(target.text)) {
          e.include = { router: target.text.replace(/\.urls$/, '') };
        } else if (target) {
          e.include = { list: target.text };
        }
      } else {
        const ref = viewRef(v);
        if (ref) e.view = ref;
      }
      out.push(e);
    }
    return out;
  };
  const statements = (block: Node[], ops: ListOp<UrlEntry>[]): void => {
    for (const st of block) {
      if (st.type === 'if_statement') {
        // `if settings.X: urlpatterns = [...] else: ...`: decided at link time from the settings.
        const then: ListOp<UrlEntry>[] = [];
        const otherwise: ListOp<UrlEntry>[] = [];
        statements(kids(st.childForFieldName('consequence')), then);
        for (const alt of st.childrenForFieldName('alternative')) {
          if (alt?.type === 'else_clause') statements(kids(alt.childForFieldName('body')), otherwise);
          // elif: its condition is not followed; its statements count as possible.
          else if (alt?.type === 'elif_clause') otherwise.push({ kind: 'if', cond: alt.childForFieldName('condition')?.text ?? '', then: collect(kids(alt.childForFieldName('consequence'))), else: [] });
        }
        ops.push({ kind: 'if', cond: st.childForFieldName('condition')?.text ?? '', then, else: otherwise });
        continue;
      }
      const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
      if (!a) continue;
      if (a.type === 'assignment' || a.type === 'augmented_assignment') {
        const left = a.childForFieldName('left')?.text ?? '';
        const right = a.childForFieldName('right');
        if (!right) continue;
        if (right.type === 'call' && /^(DefaultRouter|SimpleRouter|ExtendedDefaultRouter|ExtendedSimpleRouter|NestedSimpleRouter|NestedDefaultRouter)$/.test(right.childForFieldName('function')?.text.split('.').pop() ?? '')) {
          conf.routers[left] = { trailing: /trailing_slash\s*=\s*False/.test(right.text) ? '' : '/', root: /Default/.test(right.text), line: line(a), regs: [] };
          continue;
        }
        const list = right.type === 'list' ? right : undefined;
        const ents = list ? entriesOf(kids(list)) : [];
        // `urlpatterns += router.urls` / `urlpatterns = router.urls`
        const routerUrls = /^(\w+)\.urls$/.exec(right.text);
        if (routerUrls) ents.push({ line: line(a), prefix: '', include: { router: routerUrls[1] } });
        // `urlpatterns = graphite_urls`: another list of this module.
        if (right.type === 'identifier') ents.push({ line: line(a), prefix: '', include: { list: right.text } });
        if (list || routerUrls || right.type === 'identifier') ops.push({ kind: a.type === 'augmented_assignment' ? 'add' : 'set', name: left, entries: ents });
      } else if (a.type === 'call') {
        const fn = a.childForFieldName('function');
        const obj = fn?.childForFieldName('object')?.text;
        const attr = fn?.childForFieldName('attribute')?.text;
        if (attr === 'register' && obj && conf.routers[obj]) {
          const args = callArgs(a).filter((x) => x.type !== 'keyword_argument');
          const prefix = stringValue(args[0]);
          const view = args[1] && viewRef(args[1]);
          if (prefix !== undefined && view) conf.routers[obj].regs.push({ prefix, view, line: line(a) });
        } else if ((attr === 'extend' || attr === 'append') && obj) {
          const arg = callArgs(a)[0];
          if (arg?.type === 'list') ops.push({ kind: 'add', name: obj, entries: entriesOf(kids(arg)) });
          else if (arg?.type === 'call') ops.push({ kind: 'add', name: obj, entries: entriesOf([arg]) });
        }
      }
    }
  };
  const collect = (block: Node[]): ListOp<UrlEntry>[] => {
    const ops: ListOp<UrlEntry>[] = [];
    statements(block, ops);
    return ops;
  };
  statements(kids(root), conf.ops);
  if (conf.ops.length || Object.keys(conf.routers).length) facts.confs.push(conf);
}

export function linkDjango(facts: DjangoFacts): EntryPoint[] {
  if (!facts.confs.length) return [];
  const settings = new Map([...(facts.settings ?? [])].filter(([k]) => !facts.conflicting?.has(k)));
  for (const c of facts.confs) c.lists = runListOps(c.ops, settings);
  const index = new ViewIndex(facts.classes);
  const confByFile = new Map(facts.confs.map((c) => [c.file, c]));
  const included = new Set<string>();
  for (const c of facts.confs) for (const l of Object.values(c.lists)) for (const e of l) if (e.include?.module) included.add(e.include.module);
  const roots = facts.rootUrlconf && confByFile.has(facts.rootUrlconf) ? [facts.rootUrlconf, ...facts.confs.map((c) => c.file).filter((f) => f !== facts.rootUrlconf && !included.has(f))] : facts.confs.map((c) => c.file).filter((f) => !included.has(f));
  const out: EntryPoint[] = [];
  /** Guard lists left empty because the identity is read only by helpers a known setting turns off: why. */
  const gateNotes = new WeakMap<Guard[], string>();
  /** The regular expression of the route being walked (include chain joined), when any part is one. */
  let pattern: string | undefined;
  const emit = (method: string, rawPath: string, handler: string, file: string, ln: number, loc: HandlerLocation | undefined, guards: Guard[], dynamic?: string, params?: string[]): void => {
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
    out.push(e);
  };

  const walkList = (conf: UrlConf, list: UrlEntry[], prefix: string, stack: string[], dynamic?: string, pat?: string): void => {
    for (const e of list) {
      const p = joinPaths(prefix, e.prefix);
      const dyn = dynamic ?? e.dynamic;
      pattern = joinPattern(pat, e);
      if (e.include?.module) {
        const child = confByFile.get(e.include.module);
        if (child && !stack.includes(child.file)) walkList(child, child.lists.urlpatterns ?? [], p, [...stack, child.file], dyn, pattern);
      } else if (e.include?.router) {
        routerRoutes(conf, e.include.router, p, dyn);
      } else if (e.include?.list) {
        const l = conf.lists[e.include.list.split('.').pop()!];
        if (l && !stack.includes(`${conf.file}#${e.include.list}`)) walkList(conf, l, p, [...stack, `${conf.file}#${e.include.list}`], dyn, pattern);
      } else if (e.view?.text === 'admin.site.urls') {
        // The Django admin: every page behind a staff login.
        emit('ANY', joinPaths(p, '*'), 'admin.site.urls', conf.file, e.line, undefined, [{ name: 'admin.site', kind: 'authorization', reason: 'the Django admin requires a logged-in staff user', file: conf.file, line: e.line }], dyn);
      } else if (e.view) {
        viewRoutes(conf, e.view, p, e.line, dyn);
      }
    }
  };
  const routerRoutes = (conf: UrlConf, name: string, prefix: string, dynamic?: string): void => {
    const r = conf.routers[name];
    if (!r) return;
    // DefaultRouter's browsable API root: an APIView under the default permissions.
    const rootGuards = facts.defaults ? permissionGuards(facts.defaults.text, facts.defaults.file, facts.defaults.line, 'DEFAULT_PERMISSION_CLASSES in settings', 'GET') : [];
    if (r.root) emit('GET', joinPaths(prefix, '/'), 'APIRootView', conf.file, r.line, undefined, rootGuards, dynamic);
    for (const reg of r.regs) {
      const cls = index.get(reg.view.name, reg.view.module);
      if (!cls) continue;
      const base = joinPaths(prefix, reg.prefix);
      const lookup = `:${index.lookup(cls)}`;
      for (const a of index.viewsetActions(cls)) {
        const { method, detail } = ACTION_METHOD[a];
        emit(method, detail ? joinPaths(base, lookup) : base, `${cls.name}.${a}`, conf.file, reg.line, locOf(cls, a), guardsFor(cls, method, reg.view.wrappers, a), dynamic);
      }
      for (const k of index.lineage(cls)) {
        for (const act of k.actions) {
          const path = joinPaths(base, act.detail ? lookup : '', act.urlPath);
          for (const m of act.methods) emit(m, path, `${k.name}.${act.name}`, conf.file, reg.line, { file: k.file, symbol: `${k.name}.${act.name}`, range: act.range }, guardsFor(cls, m, reg.view.wrappers, act.name, act.permissions), dynamic);
        }
      }
    }
  };
  const locOf = (cls: ViewClass, method: string): HandlerLocation => {
    const m = index.methodOf(cls, method);
    return m ? { file: m.cls.file, symbol: `${m.cls.name}.${method}`, range: m.range } : { file: cls.file, symbol: cls.name, range: cls.range };
  };
  const viewRoutes = (conf: UrlConf, v: ViewRef, path: string, ln: number, dynamic?: string): void => {
    const cls = index.get(v.name, v.module);
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
    const f = facts.funcs.find((x) => x.name === v.name && (!v.module || x.file === v.module)) ?? facts.funcs.find((x) => x.name === v.name);
    const methods = f ? funcMethods(f) : ['ANY'];
    for (const m of methods) emit(m, path, v.text, conf.file, ln, f ? { file: f.file, symbol: f.name, range: f.range } : undefined, funcGuards(f, m, v.wrappers, conf.file), dynamic, f?.params);
  };
  const guardsFor = (cls: ViewClass, method: string, wrappers: PyDecorator[], action?: string, actionPerms?: PyDecorator): Guard[] => {
    const g: Guard[] = wrappers.map((w) => makeGuard(w.text, cls.file, w.line, 'wraps the view in the urlconf')).filter((x): x is Guard => !!x);
    for (const k of index.lineage(cls)) {
      for (const b of k.bases) {
        if (/^(LoginRequiredMixin|PermissionRequiredMixin|UserPassesTestMixin|StaffRequiredMixin|SuperuserRequiredMixin|AccessMixin)$/.test(b)) {
          const x = makeGuard(b, k.file, k.line, `mixin in the bases of ${k.name}`);
          if (x) g.push(x);
        }
      }
      for (const d of k.decorators) {
        const inner = /^method_decorator\s*\(\s*([^,)]+(?:\([^)]*\))?)/.exec(d.text)?.[1] ?? d.text;
        const x = makeGuard(inner, k.file, d.line, `decorates the class ${k.name}`);
        if (x) g.push(x);
      }
      for (const name of ['dispatch', method.toLowerCase(), action].filter((s): s is string => !!s)) {
        for (const d of k.methods[name]?.decorators ?? []) {
          if (/^(action|detail_route|list_route)\b/.test(d.text)) continue;
          const inner = /^method_decorator\s*\(\s*([^,)]+(?:\([^)]*\))?)/.exec(d.text)?.[1] ?? d.text;
          const x = makeGuard(inner, k.file, d.line, `decorates ${k.name}.${name}`);
          if (x) g.push(x);
        }
      }
    }
    if (index.isDrf(cls) || index.isViewSet(cls)) {
      const perms = actionPerms ?? index.permissions(cls);
      const via = actionPerms ? `permission_classes of the @action ${action}` : perms ? `permission_classes of ${cls.name}` : 'DEFAULT_PERMISSION_CLASSES in settings';
      const src = perms ? { ...perms, file: actionPerms ? cls.file : (index.lineage(cls).find((k) => k.permissions === perms)?.file ?? cls.file) } : facts.defaults;
      if (src) g.push(...permissionGuards(src.text, src.file, src.line, via, method));
    }
    return g;
  };
  /** A repository function that reads the identity: a view refusing on its empty result refuses anonymous users. */
  const identityOf = (name: string): { file: string; line: number } | undefined => {
    const f = facts.funcs.find((x) => x.name === name && x.readsIdentityAt);
    return f ? { file: f.file, line: f.readsIdentityAt! } : undefined;
  };
  const funcGuards = (f: FuncView | undefined, method: string, wrappers: PyDecorator[], confFile: string): Guard[] => {
    const g: Guard[] = wrappers.map((w) => makeGuard(w.text, confFile, w.line, 'wraps the view in the urlconf')).filter((x): x is Guard => !!x);
    if (!f) return g;
    let perms: PyDecorator | undefined;
    for (const d of f.decorators) {
      const pc = /^permission_classes\s*\(\s*(.*)\)$/.exec(d.text);
      if (pc) {
        perms = { text: pc[1], line: d.line };
        continue;
      }
      if (/^(api_view|require_\w+|csrf_exempt|renderer_classes|parser_classes|throttle_classes|authentication_classes)\b/.test(d.text)) continue;
      const x = makeGuard(d.text, f.file, d.line, `decorates ${f.name}`);
      if (x) g.push(x);
    }
    if (!g.length) {
      const checked = checkGuards(f.checks, f.readsIdentityAt, f.file, identityOf);
      const gate = checked.every((x) => x.optional) ? settingGate(f, facts.funcs, settings, (k) => facts.settingsAt?.get(k)) : undefined;
      if (gate) gateNotes.set(g, gate);
      else g.push(...checked);
    }
    const drf = f.decorators.some((d) => /^api_view\b/.test(d.text));
    if (perms) g.push(...permissionGuards(perms.text, f.file, perms.line, `@permission_classes on ${f.name}`, method));
    else if (drf && facts.defaults) g.push(...permissionGuards(facts.defaults.text, facts.defaults.file, facts.defaults.line, 'DEFAULT_PERMISSION_CLASSES in settings', method));
    return g;
  };

  for (const file of roots) {
    const conf = confByFile.get(file)!;
    walkList(conf, conf.lists.urlpatterns ?? [], '', [file]);
  }
  return out;
}

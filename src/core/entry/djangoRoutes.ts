// Django urlpatterns (path/re_path/url with nested include() across apps) and DRF routers with
// viewsets (list/create/retrieve/update/partial_update/destroy and @action). Guards: view
// decorators (@login_required, @permission_required, ...), wrappers in the urlconf
// (`login_required(view)`), auth mixins, `@method_decorator`, DRF `permission_classes` on the view
// or action, and REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES from settings. This file gathers each
// file's facts (python/djangoFacts.ts); python/djangoLink.ts links them into routes.
import type { Node, Tree } from 'web-tree-sitter';
import type { ModuleIndex } from './resolveModule';
import { callArgs, kids, line, stringValue } from './treeUtil';
import { regexToPath } from './routePath';
import { settingValues, type ListOp } from './python/djangoListOps';
import { settingLines } from './python/settingGates';
import { collectViews, type PyDecorator } from './djangoViews';
import { DRF_ROUTER } from './python/djangoParts';
import { servePermissions } from './python/djangoPackageViews';
import { wrappedPatterns } from './python/djangoPatternWrappers';
import { routerFactories, stringConstants } from './python/djangoRouterFactories';
import { loginMiddlewares, middlewareSetting, settingLists } from './python/djangoLoginMiddleware';
import { dict } from '../ownKeys';
import type { DjangoFacts, UrlConf, UrlEntry, ViewRef } from './python/djangoFacts';

export type { DjangoFacts } from './python/djangoFacts';

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
    facts.servePermissions ??= servePermissions(text, file);
    const mw = middlewareSetting(root, file, (spec) => modules.resolvePy(file, spec));
    if (mw) (facts.middleware ??= []).push(mw);
    Object.assign((facts.settingLists ??= dict()), settingLists(root));
    for (const [k, v] of settingValues(text)) {
      if (seen.has(k) && seen.get(k) !== v) conflicting.add(k);
      seen.set(k, v);
    }
  }
  // A registration's prefix may be a module's constant (`from dojo.notes.api import path`); a module of many is no such place.
  const consts = stringConstants(root);
  if (consts && Object.keys(consts).length <= 20) (facts.constants ??= dict())[file] = consts;
  const logins = loginMiddlewares(root, file);
  if (logins.length) (facts.loginMiddlewares ??= []).push(...logins);
  if (!/django|rest_framework|urlpatterns|\.register\(/.test(text)) {
    // Function views need no Django import (graphite's tags/views.py): keep them for the urlconfs.
    facts.funcs.push(...collectViews(root, file).funcs);
    return;
  }
  facts.files.push({ file });
  const views = collectViews(root, file);
  facts.classes.push(...views.classes);
  facts.funcs.push(...views.funcs);
  const sites = adminSites(root, views.classes);
  if (sites.length) facts.adminSites = [...(facts.adminSites ?? []), ...sites];
  const dpc = /['"]DEFAULT_PERMISSION_CLASSES['"]\s*:\s*([[(][^\])]*[\])])/.exec(text);
  if (dpc) facts.defaults = { text: dpc[1].replace(/\s+/g, ' '), line: text.slice(0, dpc.index).split('\n').length, file };
  if (!/urlpatterns|Router\s*\(|\.register\(/.test(text)) return;

  // Imports: local name → module file (for `views.X` and for names imported from a module).
  const moduleOf = new Map<string, string>();
  // `from bookmarks.views.root import root as root_view`: the view is `root` in that module.
  const importedAs = new Map<string, string>();
  // Names imported from a package (`from django.contrib.sitemaps.views import index`): never a view of the repository.
  const fromPackage = new Set<string>();
  // Modules imported by name (`from tcms.kiwi_auth import urls as auth_urls`): alias → dotted spec,
  // so `include(auth_urls)` / `include(testcases_urls.case_urls)` reach the module (or the package's).
  const moduleSpecs = new Map<string, string>();
  const importedLists: NonNullable<UrlConf['importedLists']> = dict();
  for (const imp of root.descendantsOfType(['import_from_statement', 'import_statement'])) {
    if (!imp) continue;
    const mod = imp.childForFieldName('module_name')?.text;
    for (const n of imp.childrenForFieldName('name')) {
      if (!n) continue;
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : name;
      const spec = mod ? (mod.endsWith('.') ? mod + name : `${mod}.${name}`) : name;
      const asModule = modules.resolvePy(file, spec);
      const target = asModule ?? (mod ? modules.resolvePy(file, mod) : undefined);
      // A name of a module of ours (`from .intake import urlpatterns as intake_urls`): a list it may spread.
      if (target && !asModule && !name.includes('.')) importedLists[alias] = { module: target, name };
      if (target) moduleOf.set(alias.split('.')[0], target);
      else if (mod && !mod.startsWith('.')) fromPackage.add(alias.split('.')[0]);
      if (mod && alias !== name && !name.includes('.')) importedAs.set(alias, name);
      if (mod && !name.includes('.')) moduleSpecs.set(alias, spec);
    }
  }
  const moduleStrings = firstStrings(root);
  const importedModule = (text: string): UrlEntry['include'] | undefined => {
    const parts = text.split('.');
    const spec = moduleSpecs.get(parts[0]);
    if (!spec || !/^\w+(\.\w+)*$/.test(text)) return undefined;
    const full = [spec, ...parts.slice(1)].join('.');
    const m = modules.resolvePy(file, full);
    if (m) return { module: m };
    // `from captcha import urls as captcha_urls`: a package's URL conf, outside the repository.
    return !spec.startsWith('.') && fromPackage.has(parts[0]) && /(^|\.)urls$/.test(full) ? { unresolved: full } : undefined;
  };
  const conf: UrlConf = { file, ops: [], lists: dict(), routers: dict(), ...(Object.keys(importedLists).length ? { importedLists } : {}) };
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
      // `feeds.AllBookmarksFeed()`: an instance of a class is the view (Django's syndication Feed, any __call__).
      if (fn && args.every((a) => a.type === 'keyword_argument') && /^(?:\w+\.)*[A-Z]\w*$/.test(fn.text)) {
        const inner = viewRef(fn, wrappers);
        if (inner) return { ...inner, text: n.text.replace(/\s+/g, ' '), instance: true };
      }
      return undefined;
    }
    const parts = n.text.split('.');
    if (!/^[\w.]+$/.test(n.text)) return undefined;
    const name = parts.length === 1 ? (importedAs.get(n.text) ?? n.text) : parts[parts.length - 1];
    const module = moduleOf.get(parts[0]) ?? (parts.length === 1 ? moduleOf.get(n.text) : undefined);
    const outside = !module && fromPackage.has(parts[0]);
    return { text: n.text, name, asView: false, wrappers, ...(module ? { module } : {}), ...(outside ? { outside } : {}) };
  };
  const entriesOf = (elements: Node[]): UrlEntry[] => {
    const out: UrlEntry[] = [];
    for (const el of elements) {
      // `*router.urls` / `*other_patterns` spread into the list: its entries at this place.
      if (el.type === 'list_splat') {
        const spread = el.namedChildren[0]?.text ?? '';
        const router = /^(\w+)\.urls$/.exec(spread);
        if (router) out.push({ line: line(el), prefix: '', include: { router: router[1] } });
        else if (/^\w+$/.test(spread)) out.push({ line: line(el), prefix: '', include: { list: spread } });
        continue;
      }
      if (el.type !== 'call') continue;
      const fn = el.childForFieldName('function')?.text.split('.').pop();
      if (!fn || !/^(path|re_path|url)$/.test(fn)) continue;
      const args = callArgs(el).filter((a) => a.type !== 'keyword_argument');
      if (args.length < 2) continue;
      const raw = stringValue(args[0]);
      const e: UrlEntry = { line: line(el), prefix: '' };
      if (raw === undefined) {
        e.dynamic = args[0].text;
        // `path(f"{prefix}admin/", …)` with `prefix = ""` at module level: the path as the module
        // starts it, still dynamic (the module may change the name later, under a setting).
        const start = fn === 'path' ? withModuleStrings(args[0], moduleStrings) : undefined;
        if (start !== undefined) e.prefix = start;
        // `r"^{}api/v2/".format(get_system_setting("url_prefix"))`: a prefix from the database or the
        // environment before the written path; read with that value empty, and still dynamic.
        const tpl = formatTemplate(args[0]);
        if (tpl !== undefined) {
          const p = fn === 'path' ? tpl : regexToPath(tpl);
          if (p !== undefined) e.prefix = p;
          if (p !== undefined && fn !== 'path') e.regex = tpl;
        }
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
        } else if (target?.type === 'list') {
          // include([path(...), ...]) written in place: its entries under this prefix.
          e.include = { entries: entriesOf(kids(target)) };
        } else if (target && /\.urls$/.test(target.text)) {
          // include(api_routes.bookmark_router.urls): a router built in the module imported as api_routes.
          const parts = target.text.replace(/\.urls$/, '').split('.');
          const from = parts.length === 2 ? moduleOf.get(parts[0]) : undefined;
          e.include = from ? { router: parts[1], routerModule: from } : { router: target.text.replace(/\.urls$/, '') };
        } else if (target) {
          e.include = importedModule(target.text) ?? { list: target.text };
        }
      } else {
        const ref = viewRef(v);
        if (ref) e.view = ref;
      }
      out.push(e);
    }
    return out;
  };
  const factories = routerFactories(root, file, (n) => viewRef(n), (n) => {
    const lit = stringValue(n);
    if (lit !== undefined) return { prefix: lit };
    if (n?.type !== 'identifier') return undefined;
    if (consts?.[n.text] !== undefined) return { prefix: consts[n.text] };
    const from = importedLists[n.text];
    return from ? { prefix: '', prefixFrom: from } : undefined;
  });
  if (factories.length) facts.routerFactories = [...(facts.routerFactories ?? []), ...factories];
  // `v2_api = add_engagement_urls(v2_api)` / `add_notifications_urls(v2_api)`: a function of ours handed a router of this module.
  const handedRouter = (n: Node | null | undefined): boolean => {
    const fn = n?.type === 'call' ? n.childForFieldName('function') : undefined;
    const arg = n ? callArgs(n)[0] : undefined;
    const r = arg?.type === 'identifier' ? conf.routers[arg.text] : undefined;
    if (!fn || fn.type !== 'identifier' || !r) return false;
    const to = importedLists[fn.text] ?? (factories.some((f) => f.name === fn.text) ? { module: file, name: fn.text } : undefined);
    if (to) (r.factoryCalls ??= []).push(to);
    return !!to;
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
        if (!right || handedRouter(right)) continue;
        const ctor = right.type === 'call' ? (right.childForFieldName('function')?.text.split('.').pop() ?? '') : '';
        // A DRF router, or any other class (`CustomRouterWithExtraPaths(routers.DefaultRouter)`): the
        // link pass keeps that one only when its bases in the repository lead to a DRF router (djangoLink.ts).
        if (DRF_ROUTER.test(ctor) || /^[A-Z]\w*$/.test(ctor)) {
          const known = DRF_ROUTER.test(ctor);
          conf.routers[left] = { trailing: /trailing_slash\s*=\s*False/.test(right.text) ? '' : '/', root: known && /Default/.test(ctor), line: line(a), regs: [], ...(known ? {} : { cls: ctor }) };
          const nested = /^Nested/.test(ctor) ? nestedOf(right) : undefined;
          if (nested) conf.routers[left].nested = nested;
          continue;
        }
        // `urlpatterns = [...] + root_url_patterns()`: the lists written in the sum (a call's result is not read).
        const summed = right.type === 'binary_operator' && right.children.some((c) => c?.text === '+') ? addends(right).filter((x) => x.type === 'list') : [];
        // `urlpatterns = i18n_patterns(path(...), ...)`: Django's LocalePrefixPattern puts the language
        // code before each (`/en/sitemap.xml`); with prefix_default_language=False the default language has none.
        if (ctor === 'i18n_patterns') {
          const args = callArgs(right);
          const bare = args.some((x) => x.type === 'keyword_argument' && /^prefix_default_language\s*=\s*False$/.test(x.text));
          const inner = entriesOf(args.filter((x) => x.type !== 'keyword_argument'));
          ops.push({ kind: a.type === 'augmented_assignment' ? 'add' : 'set', name: left, entries: [{ line: line(a), prefix: bare ? '' : '<language>/', include: { entries: inner } }] });
          continue;
        }
        // `urlpatterns += decorated_patterns([login_required], path(...), *others)`: the patterns it hands back, wrapped.
        const wrapped = right.type === 'call' ? wrappedPatterns(right, entriesOf) : undefined;
        if (wrapped) {
          ops.push({ kind: a.type === 'augmented_assignment' ? 'add' : 'set', name: left, entries: wrapped });
          continue;
        }
        // A tuple of patterns (`urlpatterns += (path(...), ...)`) reads as a list.
        const seq = right.type === 'list' || right.type === 'tuple';
        const list = seq ? right : summed.length ? right : undefined;
        const ents = seq ? entriesOf(kids(right)) : summed.flatMap((l) => entriesOf(kids(l)));
        // `urlpatterns += router.urls` / `urlpatterns = router.urls`
        const routerUrls = /^(\w+)\.urls$/.exec(right.text);
        if (routerUrls) ents.push({ line: line(a), prefix: '', include: { router: routerUrls[1] } });
        // `urlpatterns = graphite_urls`: another list of this module.
        if (right.type === 'identifier') ents.push({ line: line(a), prefix: '', include: { list: right.text } });
        if (list || routerUrls || right.type === 'identifier') ops.push({ kind: a.type === 'augmented_assignment' ? 'add' : 'set', name: left, entries: ents });
      } else if (a.type === 'call' && !handedRouter(a)) {
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
          if (arg?.type === 'list' || arg?.type === 'tuple') ops.push({ kind: 'add', name: obj, entries: entriesOf(kids(arg)) });
          else if (arg?.type === 'call') ops.push({ kind: 'add', name: obj, entries: (attr === 'extend' ? wrappedPatterns(arg, entriesOf) : undefined) ?? entriesOf([arg]) });
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

/** Module-level names first assigned a plain string (`prefix = ""`), with that string. */
function firstStrings(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    if (left?.type !== 'identifier' || out.has(left.text)) continue;
    const v = stringValue(a!.childForFieldName('right'));
    if (v !== undefined) out.set(left.text, v);
  }
  return out;
}

/** A name or an f-string whose every interpolation is a bare name of `strings`: its text; else undefined. */
function withModuleStrings(n: Node, strings: Map<string, string>): string | undefined {
  if (n.type === 'identifier') return strings.get(n.text);
  if (n.type !== 'string' || !/^[fF]/.test(n.text)) return undefined;
  let out = '';
  for (const k of n.namedChildren) {
    if (!k || k.type === 'string_start' || k.type === 'string_end') continue;
    if (k.type === 'string_content') out += k.text;
    else if (k.type === 'interpolation' && k.namedChildren.length === 1 && k.namedChildren[0]?.type === 'identifier' && strings.has(k.namedChildren[0].text)) out += strings.get(k.namedChildren[0].text);
    else return undefined;
  }
  return out;
}

/** Module-level `site = LinkdingAdminSite()` (a class of this file based on AdminSite, or AdminSite itself): the names. */
function adminSites(root: Node, classes: { name: string; bases: string[] }[]): string[] {
  const out: string[] = [];
  const siteClasses = new Set(['AdminSite', ...classes.filter((c) => c.bases.includes('AdminSite')).map((c) => c.name)]);
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const right = a?.type === 'assignment' ? a.childForFieldName('right') : undefined;
    const left = a?.childForFieldName('left');
    const ctor = right?.type === 'call' ? right.childForFieldName('function')?.text.split('.').pop() : undefined;
    if (left?.type === 'identifier' && ctor && siteClasses.has(ctor)) out.push(left.text);
  }
  return out;
}

/**
 * drf-nested-routers: `NestedSimpleRouter(router, r"projects", lookup="project")` registers under
 * the parent's `projects/(?P<project_pk>[^/.]+)/`. Without a `lookup` the parameter's name is the
 * library's counter: not read.
 */
function nestedOf(call: Node): { parent: string; prefix: string; param: string } | undefined {
  const args = callArgs(call);
  const pos = args.filter((x) => x.type !== 'keyword_argument');
  const kw = args.find((x) => x.type === 'keyword_argument' && x.childForFieldName('name')?.text === 'lookup');
  const lookup = kw ? stringValue(kw.childForFieldName('value')) : undefined;
  const prefix = pos[1] ? stringValue(pos[1]) : undefined;
  if (!pos[0] || pos[0].type !== 'identifier' || prefix === undefined || !lookup) return undefined;
  return { parent: pos[0].text, prefix, param: `${lookup}_pk` };
}

/** The operands of a chain of `+` (`a + [..] + f()`), left to right. */
function addends(n: Node): Node[] {
  if (n.type !== 'binary_operator' || !n.children.some((c) => c?.text === '+')) return [n];
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  return [...(left ? addends(left) : []), ...(right ? addends(right) : [])];
}

/** `"…{}…".format(x)`: the literal with each positional placeholder empty, when it has no other. */
function formatTemplate(n: Node): string | undefined {
  const fn = n.type === 'call' ? n.childForFieldName('function') : undefined;
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return undefined;
  const lit = stringValue(fn.childForFieldName('object'));
  if (lit === undefined || /\{(?!\d*\})|(?<!\{\d*)\}/.test(lit.replace(/\{\d*\}/g, ''))) return undefined;
  return lit.replace(/\{\d*\}/g, '');
}

// From the routers the interpreter built to entry points: walks every mount chain from each
// root (an app, or a router nothing mounts), joins prefixes and collects the middleware on the way
// in registration order; routeEntry.ts judges each route at the end of its chain and gives it its
// guard state with the evidence. A router mounted twice yields its routes twice; a router nothing
// mounts yields routes whose state is `unknown` (we could not see how requests reach it).
import { joinPaths } from '../routePath';
import type { GuardJudge } from './guardEval';
import type { Interp } from './interpreter';
import type { PathPart, RouterNode, UseItem, Value } from './values';
import { makeEntry, type Applied, type LinkedRoute } from './routeEntry';
import { pathAsWritten, restoresFullUrl } from './urlRestore';
import { passesThrough } from '../frameworks/expressVerbMount';

interface Walk {
  prefix: string;
  dynamic?: string;
  /** Settings at their defaults the prefix is made from (PathPart.cfg). */
  cfg?: string;
  chain: Applied[];
  /**
   * Middleware registered before a mount at a path below it (`app.use('/api', auth)` then
   * `app.use('/', router)`): Express runs it for the router's routes under that path only. Each with
   * its full scope, applied at the routes (and deeper mounts) it covers.
   */
  below?: { a: Applied; scope: string; exact?: boolean }[];
  /** Why the way from the root is uncertain, when it is. */
  uncertain?: string;
  /** Verbs that handed requests to a router (`app.all('/entries*', router)`), each with the path it was reached at. */
  through?: { method: string; pattern: string; base: string }[];
  /** Middleware registered by a verb with a wildcard pattern (`app.all('/api/*', auth)`, expressVerbMount.ts): it runs for the later routes the pattern matches. */
  gated?: { a: Applied; through: { method: string; pattern: string; base: string } }[];
}

export function linkRoutes(x: Interp, judge: GuardJudge): LinkedRoute[] {
  const parents = new Map<RouterNode, { parent: RouterNode; use: UseItem }[]>();
  for (const r of x.routers) {
    for (const it of r.items) {
      if (it.t !== 'use') continue;
      for (const a of it.args) {
        if (a.k !== 'router' || a.r === r) continue;
        const list = parents.get(a.r) ?? [];
        list.push({ parent: r, use: it });
        parents.set(a.r, list);
      }
    }
  }
  const out: LinkedRoute[] = [];
  // A router made by a function run twice (once as nothing called it, once from the code that
  // mounts it) is one router: the unmounted copy of a mounted one adds nothing but doubt.
  // Same place made and the same registrations: a factory shared by many routers (`makeRouter()`) is not enough.
  // A copy that stopped early (a helper past its run cap when nothing called it) registers part of
  // what the mounted one does: every place it registers at, the mounted one registers at too.
  const itemSites = (r: RouterNode) => new Set(r.items.map((it) => `${it.site.file}:${it.site.offset}`));
  const mountedBySite = new Map<string, Set<string>[]>();
  for (const r of x.routers) {
    if (!parents.has(r)) continue;
    const k = `${r.site.file}:${r.site.offset}`;
    mountedBySite.set(k, [...(mountedBySite.get(k) ?? []), itemSites(r)]);
  }
  const copyOfMounted = (r: RouterNode): boolean => {
    const mine = itemSites(r);
    return (mountedBySite.get(`${r.site.file}:${r.site.offset}`) ?? []).some((other) => [...mine].every((s) => other.has(s)));
  };
  // An app serves by itself, but one a function made when it ran with unknown arguments because
  // nothing called it (`initApis(tenant)`, which the code mounts at '/api' from elsewhere) is that
  // same app once more, without the mount its real caller gives it.
  // So is an app a class builds in its constructor (`this.router = express()`, mounted by the server
  // as `router.use('/api', this.apiRouter.router)`) when a second boot file (`prod.js` beside
  // `index.js`) constructs the classes once more but the mounting method does not run again for
  // the new instances: the same place made, the same registrations, never mounted itself.
  const roots = x.routers.filter((r) => !parents.has(r) && r.items.length > 0 && ((r.kind === 'app' && !copyOfMounted(r)) || r.opts.root === true || !copyOfMounted(r)));
  for (const root of roots) {
    const uncertain = root.kind === 'app' || root.opts.root === true ? undefined : `router made at ${root.site.file}:${root.site.line} is not mounted anywhere Deep Dive could follow`;
    const start = ownPrefix(root);
    walkRouter(x, judge, root, { prefix: start.s ?? '', ...(start.dyn ? { dynamic: start.dyn } : {}), ...(root.cfg ? { cfg: root.cfg } : {}), chain: wrappersOf(root), ...(uncertain ? { uncertain } : {}) }, new Set(), out);
  }
  return foldDynamicTwins(out);
}

/**
 * One registration that gave known paths on one run and a path we could not evaluate on another,
 * both reached through the same statements up to a function entered from two places: the code
 * registering routes from configuration ran once with the configuration the repository ships
 * (`service.start()` → `routerManager.start(settings)` with the bundled defaults) and once more
 * from another caller with arguments nothing we followed supplies (`init({ urlService })`, whose
 * `routeSettings` we cannot tell is absent). The known paths stand for that registration; the
 * unknown run adds no route of its own, only doubt. Two statements of one file that each make a
 * router (`new Section('/news/')`, then `new Section(section.path)` for each setting) are two
 * registrations: the dynamic one stays, as does any registration with no known path.
 */
function foldDynamicTwins(out: LinkedRoute[]): LinkedRoute[] {
  const key = (r: LinkedRoute): string => `${r.entry.method}|${r.entry.file}:${r.entry.line}`;
  const known = new Map<string, LinkedRoute[]>();
  for (const r of out) if (!r.entry.dynamic) known.set(key(r), [...(known.get(key(r)) ?? []), r]);
  return out.filter((r) => !r.entry.dynamic || !(known.get(key(r)) ?? []).some((k) => sameStatementsFromAnotherCaller(r.reachedBy, k.reachedBy)));
}

/** The call chains agree from the innermost call out to where they part, and they part in two files. */
function sameStatementsFromAnotherCaller(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const x = a.split('>');
  const y = b.split('>');
  for (let i = 1; i <= Math.min(x.length, y.length); i++) {
    const p = x[x.length - i]!;
    const q = y[y.length - i]!;
    if (p === q) continue;
    return p.slice(0, p.lastIndexOf(':')) !== q.slice(0, q.lastIndexOf(':'));
  }
  return true;
}

function ownPrefix(r: RouterNode): { s?: string; dyn?: string } {
  if (!r.prefix) return {};
  return 's' in r.prefix ? { s: r.prefix.s } : { dyn: r.prefix.dyn };
}

function wrappersOf(r: RouterNode): Applied[] {
  return r.wrappers.map((w) => ({ value: w, site: r.site, via: `wraps the whole ${r.framework} ${r.kind} made at ${r.site.file}:${r.site.line}`, framework: r.framework }));
}

function pathText(p: PathPart | undefined): { s: string; dyn?: string; cfg?: string } {
  if (!p) return { s: '' };
  return 's' in p ? { s: p.s, ...(p.cfg ? { cfg: p.cfg } : {}) } : { s: `{${p.dyn}}`, dyn: p.dyn };
}

/** Configuration notes joined, each once. */
function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const all = [...new Set(notes.flatMap((n) => (n ? n.split('; ') : [])))];
  return all.length ? all.join('; ') : undefined;
}

function under(scope: string, path: string): boolean {
  const s = sameBase(joinPaths(scope));
  const p = sameBase(path);
  return s === '/' || p === s || p.startsWith(s + '/') || p.startsWith(s.replace(/\*$/, ''));
}

/** A middleware scoped to `scope` reaches the route at `path`: what is under it, or that path alone when `exact`. */
function reaches(scope: string, path: string, exact: boolean | undefined): boolean {
  if (!exact) return under(scope, path);
  const trim = (p: string): string => sameBase(joinPaths(p)).replace(/(.)\/$/, '$1');
  return trim(scope) === trim(path);
}

/**
 * A path made from a base we could not evaluate, as a template (`{`${baseUriPath}/api`}` for a
 * middleware, `/{`${baseUriPath}/`}/api/admin` for a route whose mount is `${baseUriPath}/`): the base
 * as a marker of its name, the rest as a path. Two paths written on the same base name compare by
 * what follows it (a deployment prefix a whole service threads through); different names never meet.
 */
function sameBase(path: string): string {
  if (!path.includes('{`${')) return path;
  return path.replace(/\{`\$\{([\w$.]+)\}([^`{}]*)`\}/g, '\u0000$1\u0000/$2').replace(/\/+/g, '/');
}

function walkRouter(x: Interp, judge: GuardJudge, r: RouterNode, w: Walk, stack: Set<RouterNode>, out: LinkedRoute[]): void {
  if (stack.has(r) || stack.size > 16) return;
  stack.add(r);
  const items = [...r.items].sort((a, b) => a.seq - b.seq);
  const always = items.filter((i): i is UseItem => i.t === 'use' && !!i.always);
  // The same router mounted again at the same path here (both arms of `if (arguments.length === 1)
  // use(router) else use(path, router)` run, as every branch does) is reached by the first mount only.
  const mounted = new Set<string>();
  const active: { a: Applied; scope?: string; exact?: boolean }[] = always.flatMap((u) => u.args.filter((v) => v.k !== 'router').map((v) => ({ a: applied(v, u, r, 'hook', joinPaths(w.prefix, u.path ? pathText(u.path).s : '')), scope: u.path ? pathText(u.path).s : undefined, ...(u.exact ? { exact: true } : {}) })));
  const gated = [...(w.gated ?? [])];
  for (const it of items) {
    if (it.t === 'use') {
      if (it.always) continue;
      const routerArgs = it.args.some((a) => a.k === 'router');
      if (!routerArgs && it.through) {
        const base = joinPaths(w.prefix, it.path ? pathText(it.path).s : '');
        for (const v of it.args) gated.push({ a: applied(v, it, r, 'use', base), through: { ...it.through, base } });
        continue;
      }
      if (!routerArgs) {
        for (const v of it.args) active.push({ a: applied(v, it, r, 'use', joinPaths(w.prefix, it.path ? pathText(it.path).s : '')), scope: it.path ? pathText(it.path).s : undefined, ...(it.exact ? { exact: true } : {}) });
        continue;
      }
      const p = pathText(it.path);
      const before: Applied[] = [];
      for (const v of it.args) {
        if (v.k !== 'router') {
          before.push(applied(v, it, r, 'mount', joinPaths(w.prefix, p.s)));
          continue;
        }
        const child = v.r;
        const mountKey = `${child.id}|${p.s}|${p.dyn ?? ''}|${it.through ? `${it.through.method} ${it.through.pattern}` : ''}`;
        if (mounted.has(mountKey)) continue;
        mounted.add(mountKey);
        const own = ownPrefix(child);
        const sub = joinPaths(w.prefix, p.s, it.replacesPrefix ? '' : own.s ?? (own.dyn ? `{${own.dyn}}` : ''));
        const here = joinPaths(w.prefix, p.s);
        const cfg = joinNotes(w.cfg, p.cfg, child.cfg);
        const scoped = [...(w.below ?? []), ...active.filter((m) => m.scope).map((m) => ({ a: m.a, scope: joinPaths(w.prefix, m.scope!), ...(m.exact ? { exact: true } : {}) }))];
        // A path-exact middleware at or below the mount is decided route by route, never for the whole mount.
        const below = scoped.filter((m) => (m.exact || !under(m.scope, here)) && under(here, m.scope));
        walkRouter(x, judge, child, {
          prefix: sub,
          ...(cfg ? { cfg } : {}),
          ...(p.dyn || own.dyn || w.dynamic ? { dynamic: p.dyn ?? own.dyn ?? w.dynamic } : {}),
          chain: [...w.chain, ...(w.below ?? []).filter((m) => !m.exact && under(m.scope, here)).map((m) => m.a), ...active.filter((m) => !m.scope || (!m.exact && under(joinPaths(w.prefix, m.scope), here))).map((m) => m.a), ...before, ...wrappersOf(child)],
          ...(below.length ? { below } : {}),
          ...(w.uncertain ? { uncertain: w.uncertain } : {}),
          ...(gated.length ? { gated: [...gated] } : {}),
          ...(w.through || it.through ? { through: [...(w.through ?? []), ...(it.through ? [{ ...it.through, base: here }] : [])] } : {}),
        }, stack, out);
      }
      continue;
    }
    const rp = pathText(it.path);
    const joined = joinPaths(w.prefix, rp.s);
    if (w.through && !w.through.every((t) => passesThrough(t, it.method, joined.slice(t.base === '/' ? 0 : t.base.length) || '/'))) continue;
    const mw = active.filter((m) => !m.scope || reaches(joinPaths(w.prefix, m.scope), joined, m.exact)).map((m) => m.a);
    const matched = gated.filter((g) => passesThrough(g.through, it.method, joined.slice(g.through.base === '/' ? 0 : g.through.base.length) || '/')).map((g) => g.a);
    const chain = [...w.chain, ...(w.below ?? []).filter((m) => reaches(m.scope, joined, m.exact)).map((m) => m.a), ...matched, ...mw];
    // Behind a middleware that gives the routers the full URL back (urlRestore.ts), a route written
    // with its mount's prefix in it answers at its path as written, not at the prefix doubled.
    const written = rp.dyn || w.dynamic ? undefined : pathAsWritten(w.prefix, rp.s);
    const full = written !== undefined && chain.some((a) => restoresFullUrl(x, a.value)) ? written : joined;
    const linked = makeEntry(x, judge, r, it, full, rp.dyn ?? w.dynamic, chain, w.uncertain);
    const cfg = joinNotes(w.cfg, rp.cfg);
    if (cfg && !linked.entry.dynamic) linked.entry.pathDependsOn = cfg;
    out.push(linked);
  }
  stack.delete(r);
}

function applied(v: Value, it: UseItem, r: RouterNode, how: string, base: string): Applied {
  return { value: v, site: it.site, via: `${how} at ${it.site.file}:${it.site.line}`, framework: r.framework, base };
}

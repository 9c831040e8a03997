// Fastify: `fastify()` makes an app; `register(plugin, { prefix })` runs the plugin with a child
// instance (encapsulated: its hooks stay inside), unless the plugin is wrapped by fastify-plugin;
// `route({ method, url, handler, preHandler })`; `addHook('onRequest' | 'preHandler', fn)` applies
// to every route of the instance; `decorate('authenticate', fn)` makes `fastify.authenticate`.
import type { Interp } from '../interp/interpreter';
import type { FnValue, RouterNode, SiteRef, Value } from '../interp/values';
import type { Framework } from './types';
import { knownGuard } from './knownGuards';
import { flatHandlers, HTTP_VERBS, isPathValue, pathsOf, verbOf } from './jsShared';
import { joinPaths } from '../routePath';
import { bundledPluginRoute } from './fastifyBundled';

const HOOKS = /^(onRequest|preParsing|preValidation|preHandler)$/;

/**
 * Plugins wrapped by fastify-plugin, per run: where each was wrapped, and whether a `register`
 * we followed ran it. A plugin nothing we followed registers (a route file a directory loader
 * imports by a glob, `@fastify/autoload`) still declares its routes: finalize runs it on a
 * Fastify instance of its own whose mount is not known.
 */
const wrapped = new WeakMap<Interp, Map<string, { fn: FnValue; site: SiteRef; registered: boolean }>>();

/**
 * The instance each encapsulated child was made from: a child sees its ancestors' decorators
 * (`fastify.decorate('authenticate', …)` in a fastify-plugin on the root, read as
 * `fastify.authenticate` in a route plugin registered under a prefix).
 */
const parents = new WeakMap<RouterNode, RouterNode>();

/** The instances whose plugin bodies are running, innermost last (avvio's current plugin). */
const loadingStacks = new WeakMap<Interp, RouterNode[]>();

function loadingOf(x: Interp): RouterNode[] {
  let s = loadingStacks.get(x);
  if (!s) loadingStacks.set(x, (s = []));
  return s;
}

function pluginsOf(x: Interp): Map<string, { fn: FnValue; site: SiteRef; registered: boolean }> {
  let m = wrapped.get(x);
  if (!m) wrapped.set(x, (m = new Map()));
  return m;
}

function hooksOf(opts: Value | undefined): Value[] {
  if (opts?.k !== 'obj') return [];
  const out: Value[] = [];
  for (const [k, v] of opts.props) if (HOOKS.test(k) || k === 'beforeHandler') out.push(...flatHandlers([v]));
  return out;
}

/**
 * `register(fastifyStatic, { root, prefix: '/static/' })`: the plugin answers `GET <prefix>*` with
 * the files under root (unless `serve: false`, which only decorates `reply.sendFile`). Only under a
 * written prefix, as a path-less `express.static` is no route (it falls through for what it lacks).
 */
function staticFiles(plugin: Value, opts: Value | undefined): boolean {
  if (plugin.k !== 'ext' || !/^(@fastify\/static|fastify-static)$/.test(plugin.spec) || !plugin.path.every((p) => p === 'default')) return false;
  const serve = opts?.k === 'obj' ? opts.props.get('serve') : undefined;
  return !(serve?.k === 'bool' && !serve.v);
}

/** What Fastify's own `all()` registers (its supported methods include these): a list that has them all is every method. */
const EVERY_METHOD = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'];

function route(x: Interp, r: RouterNode, method: string, path: Value, opts: Value | undefined, handler: Value | undefined, site: SiteRef): void {
  if (!handler) return;
  let methods = method === 'route' ? [] : [verbOf(method)];
  if (method === 'route' && opts?.k === 'obj') {
    const m = opts.props.get('method');
    const list = m?.k === 'arr' ? m.items : m ? [m] : [];
    for (const v of list) if (v.k === 'str') methods.push(v.v.toUpperCase());
    if (EVERY_METHOD.every((v) => methods.includes(v))) methods = ['ANY'];
  }
  for (const p of pathsOf(x, path)) for (const m of methods) x.addRoute(r, m, p, [...hooksOf(opts), handler], site);
}

export const fastify: Framework = {
  name: 'fastify',
  language: 'js',
  packages: /^(fastify|fastify-plugin)$/,
  callExt(x, callee, args, site) {
    const path = callee.path.join('.');
    if (callee.spec === 'fastify' && (path === '' || path === 'fastify' || path === 'default')) return { k: 'router', r: x.routerAt('fastify', 'app', site) };
    // fastify-plugin: the plugin runs in its parent's context (not encapsulated).
    if (callee.spec === 'fastify-plugin' && args[0]?.k === 'fn') {
      const plugins = pluginsOf(x);
      const key = x.key(args[0]);
      if (!plugins.has(key)) plugins.set(key, { fn: args[0], site, registered: false });
      return { ...args[0], madeBy: { fn: callee, site, text: 'fastify-plugin' } };
    }
    return undefined;
  },
  callRouter(x, r, method, args, site) {
    const self = { k: 'router' as const, r };
    if (HTTP_VERBS.has(method) && isPathValue(args[0])) {
      const opts = args.length >= 3 ? args[1] : undefined;
      const handler = args.length >= 3 ? args[2] : args[1]?.k === 'obj' ? args[1].props.get('handler') : args[1];
      // A helper that registers the path it is given is read where it is called with that path.
      const at = x.suppliedAt(x.argTexts.length === args.length ? x.argTexts[0] : undefined, site);
      route(x, r, method, args[0], opts ?? (args[1]?.k === 'obj' ? args[1] : undefined), handler, at);
      return self;
    }
    if (method === 'route' && args[0]?.k === 'obj') {
      const o = args[0];
      const at = x.suppliedAt(x.argPropText(0, 'url') ?? x.argPropText(0, 'path'), site);
      route(x, r, 'route', o.props.get('url') ?? o.props.get('path') ?? { k: 'str', v: '' }, o, o.props.get('handler'), at);
      return self;
    }
    if (method === 'register' && args[0]) {
      const plugin = args[0];
      // avvio adds a plugin to the plugin being loaded, whatever instance `register` is called on:
      // `parent.register(authHook)` inside a child plugin's body loads authHook into that child.
      const loading = loadingOf(x);
      const into = loading[loading.length - 1] ?? r;
      const opts = args[1];
      const prefix = opts?.k === 'obj' ? opts.props.get('prefix') : undefined;
      // tRPC's Fastify adapter: its router's procedures under the prefix; a router we cannot read, one row for the mount.
      if (plugin.k === 'ext' && plugin.spec === '@trpc/server/adapters/fastify' && plugin.path.join('.') === 'fastifyTRPCPlugin') {
        const trpcOptions = opts?.k === 'obj' ? opts.props.get('trpcOptions') : undefined;
        const router = trpcOptions?.k === 'obj' ? trpcOptions.props.get('router') : undefined;
        if (router?.k === 'router') x.addUse(into, prefix ? x.pathOf(prefix) : undefined, [router], site);
        else x.addRoute(into, 'ANY', { s: joinPaths(prefix?.k === 'str' ? prefix.v : '', '*') }, [router ?? { k: 'unknown', text: 'trpcOptions.router' }], site, { handlerText: 'fastifyTRPCPlugin (tRPC router)' });
        return self;
      }
      const bundled = bundledPluginRoute(plugin, opts);
      if (bundled) {
        x.addRoute(into, bundled.method, { s: bundled.path }, [plugin], site, { handlerText: bundled.what });
        return self;
      }
      if (staticFiles(plugin, opts) && prefix?.k === 'str') {
        x.addRoute(into, 'GET', { s: joinPaths(prefix.v, '*') }, [plugin], site, { handlerText: `${plugin.k === 'ext' ? plugin.spec : 'static'} (files)` });
        return self;
      }
      const shared = plugin.k === 'fn' && plugin.madeBy?.text === 'fastify-plugin';
      const known = shared ? pluginsOf(x).get(x.key(plugin)) : undefined;
      if (known) known.registered = true;
      const child = shared ? into : x.routerAt('fastify', 'router', site);
      if (child !== into) parents.set(child, into);
      if (!shared) x.addUse(into, prefix ? x.pathOf(prefix) : undefined, [{ k: 'router', r: child }], site);
      loading.push(child);
      try {
        x.callValue(plugin, [{ k: 'router', r: child }, opts ?? { k: 'obj', props: new Map() }, { k: 'unknown', text: 'done' }], site);
      } finally {
        loading.pop();
      }
      return self;
    }
    if (method === 'addHook' && HOOKS.test(x.str(args[0]) ?? '') && args[1]) {
      x.addUse(r, undefined, [args[1]], site, { always: true });
      return self;
    }
    if (method === 'decorate' && args.length >= 2) {
      const name = x.str(args[0]);
      if (name) r.extra.set(name, args[1]);
      return self;
    }
    if (method === 'after' || method === 'ready') return self;
    // `withTypeProvider<T>()` (and `withTypeProvider<T>().post(…)` in every route file of a
    // TypeBox/Zod codebase) is the same instance with other static types: routes, hooks and
    // registers on it are the instance's own.
    if (method === 'withTypeProvider') return self;
    return undefined;
  },
  routerMember(_x, r, prop) {
    const seen = new Set<RouterNode>();
    for (let p = parents.get(r); p && !seen.has(p); p = parents.get(p)) {
      seen.add(p);
      const v = p.extra.get(prop);
      if (v) return v.k === 'fn' ? { ...v, self: { k: 'router', r } } : v;
    }
    return undefined;
  },
  guard: knownGuard,
  finalize(x) {
    for (const p of pluginsOf(x).values()) {
      if (p.registered) continue;
      // Its own instance, mounted nowhere we could follow: its routes keep the paths they are
      // written with, and a route no guard of its own covers is `unknown`, not public.
      const r = x.routerAt('fastify', 'router', p.site);
      x.callValue(p.fn, [{ k: 'router', r }, { k: 'obj', props: new Map() }, { k: 'unknown', text: 'done' }], p.site);
    }
  },
};

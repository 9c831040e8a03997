// hapi (`@hapi/hapi`, `hapi`): `new Hapi.Server(opts)` / `Hapi.server(opts)` makes the server;
// routes are configuration objects, `server.route({ method, path, handler, options: { auth, pre,
// handler } })` or an array of them; `server.register(plugin | { plugin, options, routes: { prefix } }
// | [...], { routes: { prefix } })` runs `plugin.register(server, options)` with the routes it adds
// under the prefix (nested plugins add their prefixes up). Authentication is declared, not
// called: `server.auth.strategy(name, scheme)` names a strategy, `server.auth.default(cfg)` applies
// to the routes added after it, and a route's `auth` is `false` (none), a strategy name, or `{
// strategy | strategies, mode, scope }`: mode `required` (the default) answers 401 without valid
// credentials (403 outside the scope) — a guard by hapi's own contract, whatever the scheme — while
// `optional` and `try` let anonymous callers in with the identity used when present.
import type { Interp } from '../interp/interpreter';
import type { ExtValue, ObjValue, PathPart, RouterNode, SiteRef, Value } from '../interp/values';
import { valueText } from '../interp/values';
import type { Framework, GuardVerdict } from './types';
import { knownGuard } from './knownGuards';
import { flatHandlers } from './jsShared';

const SPEC = '@hapi/hapi';
/**
 * The path an auth requirement value carries (see `authValue`): no package has it. Its last part
 * is where the route is written: values are told apart by spec, path and offset, and two route
 * objects of two files may sit at one offset.
 */
const authPath = (site: SiteRef): string[] => ['route', 'auth', `${site.file}@${site.offset}`];
/** Request lifecycle extension points that run before the handler (`server.ext(event, fn)`). */
const EXT_POINTS = /^(onRequest|onPreAuth|onCredentials|onPostAuth|onPreHandler)$/;

/** `server.auth.default(cfg)` per run: routes added after it without an `auth` of their own get it. */
const defaults = new WeakMap<Interp, Value>();

/** hapi path parameters in the common spelling: `{id}` → `:id`, `{web?}` → `:web?`, `{path*}` → `*`. */
export function hapiPath(p: string): string {
  return p
    .replace(/(?<!\$)\{(\w+)\*\d*\}/g, '*')
    .replace(/(?<!\$)\{(\w+)\?\}/g, ':$1?')
    .replace(/(?<!\$)\{(\w+)\}/g, ':$1');
}

/**
 * `\`/auth/login/${scmContext}/{web?}\``, a route made per element of a list we cannot see (one per
 * configured provider): a whole segment, after a literal first one, that is a name we cannot
 * evaluate reads as a parameter (`/auth/login/:scmContext/:web?`); anything else stays dynamic.
 */
function templateParams(dyn: string): string | undefined {
  const m = /^`(\/[\w.-]+\/[^`]*)`$/.exec(dyn);
  if (!m) return undefined;
  const out = m[1]!.replace(/(?<=\/)\$\{(\w+)\}(?=\/|$)/g, ':$1');
  return out.includes('${') ? undefined : out;
}

function prop(v: Value | undefined, name: string): Value | undefined {
  return v?.k === 'obj' ? v.props.get(name) : undefined;
}

function pathPart(x: Interp, v: Value | undefined): PathPart {
  const p = x.pathOf(v);
  if ('s' in p) return { ...p, s: hapiPath(p.s) };
  const params = templateParams(p.dyn);
  return params !== undefined ? { s: hapiPath(params) } : { dyn: hapiPath(p.dyn) };
}

/**
 * The route's authentication as a value on its middleware list (judged by `guard` below): what
 * hapi itself does before the handler runs. Undefined when the route has none.
 */
function authValue(x: Interp, auth: Value | undefined, site: SiteRef): Value | undefined {
  if (auth === undefined || auth.k === 'null') {
    const d = defaults.get(x);
    return d ? { k: 'ext', spec: SPEC, path: authPath(site), args: [d, { k: 'str', v: 'default' }], site, text: 'server.auth.default' } : undefined;
  }
  if (auth.k === 'bool' && !auth.v) return undefined;
  // `{ mode: 'try' }` or `{ scope }` without a strategy: the default's strategies with these settings.
  const d = defaults.get(x);
  const merged: Value = auth.k === 'obj' && d?.k === 'obj' && !auth.props.has('strategy') && !auth.props.has('strategies') ? { k: 'obj', props: new Map([...d.props, ...auth.props]) } : auth;
  if (merged.k === 'obj' && !merged.props.has('strategy') && !merged.props.has('strategies') && !(d && d.k === 'str')) return undefined;
  if (merged.k === 'obj' && d?.k === 'str' && !merged.props.has('strategy') && !merged.props.has('strategies')) merged.props.set('strategy', d);
  return { k: 'ext', spec: SPEC, path: authPath(site), args: [merged], site, text: 'route options.auth' };
}

function listText(x: Interp, v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.k === 'arr') return v.items.map((i) => x.str(i) ?? valueText(i)).join(', ');
  return x.str(v) ?? valueText(v);
}

/** The verdict on a route's auth requirement: hapi's contract for its mode. */
function authVerdict(x: Interp, v: ExtValue): GuardVerdict | undefined {
  const cfg = v.args?.[0];
  // A setting we cannot read (`auth: options.auth`) may be `false` as well as a strategy.
  if (!cfg || (cfg.k !== 'str' && cfg.k !== 'obj' && cfg.k !== 'arr')) return undefined;
  const strategies = cfg.k === 'obj' ? listText(x, cfg.props.get('strategies') ?? cfg.props.get('strategy')) : listText(x, cfg);
  if (!strategies) return undefined;
  const mode = cfg.k === 'obj' ? x.str(cfg.props.get('mode')) ?? (cfg.props.has('mode') ? undefined : 'required') : 'required';
  const scope = cfg.k === 'obj' ? listText(x, cfg.props.get('scope') ?? cfg.props.get('access')) : undefined;
  const where = v.args?.[1]?.k === 'str' ? 'server.auth.default' : 'route options.auth';
  const name = `hapi auth ${strategies}${scope ? ` scope ${scope}` : ''}`;
  if (mode === 'required') return { verdict: 'guard', guard: { name, kind: scope ? 'authorization' : 'authentication', reason: `${where}: hapi answers 401 without valid credentials of strategy ${strategies}${scope ? ` and 403 outside scope ${scope}` : ''}` } };
  if (mode === 'optional' || mode === 'try') return { verdict: 'optional', guard: { name, kind: 'authentication', optional: true, reason: `${where} in mode '${mode}': anonymous callers pass, the identity is used when present` } };
  // A mode we cannot read: neither a guard nor none.
  return undefined;
}

function hapiGuard(x: Interp, v: Value): GuardVerdict | undefined {
  if (v.k === 'ext' && v.spec === SPEC && v.path.length === 3 && v.path[0] === 'route' && v.path[1] === 'auth') {
    // Unread (a setting, a mode we cannot tell): neither a guard nor none — guardEval says `unknown`.
    return authVerdict(x, v);
  }
  return knownGuard(x, v);
}

/** `pre: [fn, { method: fn }, [parallel…]]`: functions that run before the handler and may answer. */
function preHandlers(v: Value | undefined): Value[] {
  if (!v || v.k !== 'arr') return [];
  return flatHandlers(v.items).map((p) => (p.k === 'obj' ? p.props.get('method') : p)).filter((p): p is Value => !!p && (p.k === 'fn' || p.k === 'ext'));
}

const EVERY_METHOD = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];

/** One route configuration object. */
function addRoute(x: Interp, r: RouterNode, cfg: ObjValue, site: SiteRef): void {
  const options = prop(cfg, 'options') ?? prop(cfg, 'config');
  const handler = cfg.props.get('handler') ?? prop(options, 'handler');
  if (!handler) return;
  const m = cfg.props.get('method');
  let methods = (m?.k === 'arr' ? m.items : m ? [m] : []).map((v) => x.str(v)?.toUpperCase()).filter((s): s is string => !!s);
  if (methods.includes('*') || EVERY_METHOD.every((v) => methods.includes(v))) methods = ['ANY'];
  if (!methods.length) return;
  const at = cfg.site ?? site;
  const auth = authValue(x, options?.k === 'obj' && options.props.has('auth') ? options.props.get('auth') : cfg.props.get('auth'), at);
  const before = [...(auth ? [auth] : []), ...preHandlers(prop(options, 'pre'))];
  // A function written in the object is named for its key (`options.handler`): inline, to a reader.
  const handlerText = handler.k === 'fn' && /^<anon@|(^|\.)handler$/.test(x.fnFact(handler)?.name ?? '') ? '<inline>' : undefined;
  const path = pathPart(x, cfg.props.get('path'));
  for (const method of methods) x.addRoute(r, method, path, [...before, handler], at, handlerText ? { handlerText } : {});
}

/** Route configurations in what `server.route` was given (arrays nest: `a.concat([b(), c()])`). */
function routeConfigs(v: Value | undefined, out: ObjValue[] = [], depth = 0): ObjValue[] {
  if (!v || depth > 4) return out;
  if (v.k === 'obj') out.push(v);
  else if (v.k === 'arr') for (const i of v.items) routeConfigs(i, out, depth + 1);
  return out;
}

/** A plugin's register function: `{ register }`, `{ plugin: { register } }`, a module exporting `plugin`. */
function registerOf(v: Value | undefined, depth = 0): Value | undefined {
  if (!v || depth > 3 || v.k !== 'obj') return undefined;
  const reg = v.props.get('register');
  if (reg?.k === 'fn') return reg;
  return registerOf(v.props.get('plugin'), depth + 1);
}

function register(x: Interp, r: RouterNode, what: Value | undefined, outer: Value | undefined, site: SiteRef): void {
  for (const item of what?.k === 'arr' ? what.items : what ? [what] : []) {
    // `{ plugin, options, routes }` or the plugin itself.
    const wrapped = item.k === 'obj' && item.props.has('plugin') && !item.props.has('register') && registerOf(item.props.get('plugin'));
    const plugin = wrapped ? item.props.get('plugin') : item;
    const reg = registerOf(plugin);
    if (!reg) continue;
    const options = wrapped ? (item as ObjValue).props.get('options') : undefined;
    const prefixes = [prop(prop(outer, 'routes'), 'prefix'), wrapped ? prop(prop(item, 'routes'), 'prefix') : undefined].filter((p): p is Value => !!p);
    const child = x.routerAt('hapi', 'router', site);
    let parent = r;
    // Two prefixes (the call's and the item's) nest: hapi joins them.
    for (const p of prefixes.slice(0, -1)) {
      const mid = x.routerAt('hapi', 'router', site);
      x.addUse(parent, pathPart(x, p), [{ k: 'router', r: mid }], site);
      parent = mid;
    }
    const last = prefixes[prefixes.length - 1];
    x.addUse(parent, last ? pathPart(x, last) : undefined, [{ k: 'router', r: child }], site);
    x.callValue(reg, [{ k: 'router', r: child }, options ?? { k: 'obj', props: new Map() }], site);
  }
}

/** `server.auth`: strategies are named (nothing to follow: the mode decides), the default is recorded. */
function authApi(x: Interp): Value {
  const props = new Map<string, Value>();
  const noop = (name: string): Value => ({ k: 'native', name, call: () => ({ k: 'unknown', text: name }) });
  props.set('strategy', noop('server.auth.strategy'));
  props.set('scheme', noop('server.auth.scheme'));
  props.set('default', {
    k: 'native',
    name: 'server.auth.default',
    call: (args) => {
      if (args[0]) defaults.set(x, args[0]);
      return { k: 'unknown', text: 'server.auth.default()' };
    },
  });
  return { k: 'obj', props };
}

export const hapi: Framework = {
  name: 'hapi',
  language: 'js',
  packages: /^(@hapi\/hapi|hapi)$/,
  callExt(x, callee, _args, site) {
    const path = callee.path.join('.');
    if (path === 'Server' || path === 'server' || path === 'default.server' || path === 'default.Server') return { k: 'router', r: x.routerAt('hapi', 'app', site) };
    return undefined;
  },
  callRouter(x, r, method, args, site) {
    const self = { k: 'router' as const, r };
    if (method === 'route') {
      for (const cfg of routeConfigs(args[0])) addRoute(x, r, cfg, site);
      return self;
    }
    if (method === 'register') {
      register(x, r, args[0], args[1], site);
      return { k: 'unknown', text: 'server.register()' };
    }
    if (method === 'ext') {
      // `server.ext('onPreAuth', fn)` or `server.ext({ type, method })`, `server.ext([...])`.
      const list = args[0]?.k === 'arr' ? args[0].items : args[0]?.k === 'obj' ? [args[0]] : [];
      const pairs: [string | undefined, Value | undefined][] = list.length ? list.map((e) => [x.str(prop(e, 'type')), prop(e, 'method')]) : [[x.str(args[0]), args[1]]];
      for (const [event, fn] of pairs) if (event && EXT_POINTS.test(event) && fn) x.addUse(r, undefined, [fn], site, { always: true });
      return self;
    }
    return undefined;
  },
  routerMember(x, _r, prop) {
    if (prop === 'auth') return authApi(x);
    return undefined;
  },
  guard: hapiGuard,
};

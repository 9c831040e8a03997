// FeathersJS (4 and 5) over its Express or Koa transport: `express(feathers())` is the app, and
// `app.use('/messages', service)` registers a service, which the REST provider serves as routes, one
// per method the service has (find GET /messages, get GET /messages/:id, create POST, update PUT /:id,
// patch PATCH /:id, remove DELETE /:id; patch and remove also on /messages, with a null id, where the
// database adapter allows `multi`). Guards are hooks: `app.hooks({ before: { create: [authenticate()] } })`
// for every service and `app.service('messages').hooks(…)` for one, registered after the service, so a
// route's middleware list is rebuilt whenever hooks arrive. Everything else on the app is Express's.
import type { Interp } from '../interp/interpreter';
import type { InstValue, ObjValue, RouteItem, RouterNode, SiteRef, Value } from '../interp/values';
import { joinPaths } from '../routePath';
import type { Framework } from './types';
import { knownGuard } from './knownGuards';
import { express } from './express';
import { feathersHooksFor, hookListsOf, type HookLists } from './feathersHooks';

/** The service methods, with the REST verb and whether the id is in the path. */
const METHODS: readonly [method: string, verb: string, withId: boolean][] = [
  ['find', 'GET', false],
  ['get', 'GET', true],
  ['create', 'POST', false],
  ['update', 'PUT', true],
  ['patch', 'PATCH', true],
  ['remove', 'DELETE', true],
];

/**
 * Database adapters: what `createService(options)` / `new Service(options)` of each serves. The
 * blob store has no find/update/patch; every other adapter has the six methods.
 */
const ADAPTERS = /^(feathers-(mongoose|mongodb|sequelize|knex|memory|nedb|objection|rethinkdb|elasticsearch|localstorage|couchdb|cassandra|redis|mongodb-fuzzy-search|prisma|typeorm)|@feathersjs\/(mongodb|knex|memory|adapter-commons)|feathers-blob)$/;
/** The authentication service (`new AuthenticationService(app)`, or a class of ours extending it): sign-in and sign-out. */
const AUTH_SERVICE = /^@feathersjs\/authentication$/;
const ADAPTER_METHODS = (spec: string): string[] => (spec === 'feathers-blob' ? ['get', 'create', 'remove'] : AUTH_SERVICE.test(spec) ? ['create', 'remove'] : METHODS.map(([m]) => m));

/** One registered service and the routes made for it. */
interface ServiceRecord {
  path: string;
  value: Value;
  site: SiteRef;
  /** Express middleware written before the service in the `use` call. */
  before: Value[];
  hooks: HookLists[];
  routes: { method: string; handlers: Value[]; handler: Value; item: RouteItem; verb: string; routePath: string }[];
}

interface FeathersState {
  services: ServiceRecord[];
  appHooks: HookLists[];
  /** Hooks given to `app.service(path)` before the service was registered. */
  pending: Map<string, HookLists[]>;
}

function stateOf(r: RouterNode): FeathersState {
  let s = r.opts['feathers'] as FeathersState | undefined;
  if (!s) r.opts['feathers'] = s = { services: [], appHooks: [], pending: new Map() };
  return s;
}

const strip = (p: string): string => p.replace(/^\/+|\/+$/g, '');

export const feathers: Framework = {
  name: 'feathers',
  language: 'js',
  packages: /^(@feathersjs\/feathers|@feathersjs\/express|@feathersjs\/koa|@feathersjs\/authentication)$/,
  callExt(x, callee, args, site) {
    const path = callee.path.join('.');
    if (callee.spec === '@feathersjs/feathers' && (path === '' || path === 'default' || path === 'feathers')) return { k: 'router', r: x.routerAt('feathers', 'app', site) };
    // `express(feathers())`, `koa(feathers())`: the transport wraps the same app.
    if ((callee.spec === '@feathersjs/express' || callee.spec === '@feathersjs/koa') && (path === '' || path === 'default' || path === 'koa')) {
      const inner = args[0];
      return inner?.k === 'router' ? inner : { k: 'router', r: x.routerAt('feathers', 'app', site) };
    }
    return undefined;
  },
  callRouter(x, r, method, args, site) {
    const self = { k: 'router' as const, r };
    if (method === 'configure') {
      const fn = args[0];
      if (fn?.k === 'fn') x.callValue(fn, [self], site, self);
      else if (fn) configuredPackage(x, r, fn, site);
      return self;
    }
    if (method === 'use' && useService(x, r, args, site)) return self;
    if (method === 'service' && args.length === 1) return serviceHandle(x, r, strip(x.str(args[0]) ?? ''));
    if (method === 'hooks' && args.length === 1) {
      const lists = hookListsOf(x, args[0]!);
      if (lists && !stateOf(r).appHooks.some((l) => l.source === args[0])) {
        stateOf(r).appHooks.push(lists);
        rebuild(x, r);
      }
      return self;
    }
    return express.callRouter?.(x, r, method, args, site);
  },
  routerMember: (x, r, prop) => express.routerMember?.(x, r, prop),
  guard(x, v) {
    // `authenticate('jwt')` of @feathersjs/authentication (also as `hooks.authenticate`, and the
    // Feathers 3 `feathers-authentication` package): refuses a call without a valid credential.
    if (v.k === 'ext' && /^(@feathersjs\/authentication|feathers-authentication)$/.test(v.spec) && /(^|\.)authenticate\.\(\)(\.\(\))?$/.test(v.path.join('.'))) {
      return { verdict: 'guard', guard: { name: v.text ?? 'authenticate()', kind: 'authentication', reason: `known authentication hook from '${v.spec}'` } };
    }
    return knownGuard(x, v);
  },
};

/**
 * `app.configure(swagger({ docsPath: '/docs' }))`: feathers-swagger serves its document and UI under
 * the docs path (default `/docs`), a bundled application of its own.
 */
function configuredPackage(x: Interp, r: RouterNode, v: Value, site: SiteRef): void {
  if (v.k !== 'ext' || v.spec !== 'feathers-swagger') return;
  const opts = v.args?.[0];
  const docs = opts?.k === 'obj' ? opts.props.get('docsPath') : undefined;
  const p = docs ? x.pathOf(docs) : { s: '/docs' };
  x.addRoute(r, 'ANY', 's' in p ? { s: joinPaths(p.s, '*') } : { dyn: `${p.dyn}/*` }, [v], site, { handlerText: 'feathers-swagger (API document and UI)' });
}

/** The methods a service value has, each with the value that answers it (a function of ours, or the adapter). */
function serviceMethods(x: Interp, v: Value): { methods: Map<string, Value>; multi: Set<string> } | undefined {
  const methods = new Map<string, Value>();
  const multi = new Set<string>();
  const adapterOpts = (a: Value | undefined): void => {
    const m = a?.k === 'obj' ? a.props.get('multi') : undefined;
    if (m?.k === 'bool' && m.v) for (const k of ['patch', 'remove']) multi.add(k);
    if (m?.k === 'arr') for (const i of m.items) if (i.k === 'str') multi.add(i.v);
  };
  if (v.k === 'ext' && ((ADAPTERS.test(v.spec) && v.path.at(-1) === '()') || (AUTH_SERVICE.test(v.spec) && v.path.join('.') === 'AuthenticationService.()'))) {
    for (const m of ADAPTER_METHODS(v.spec)) methods.set(m, v);
    adapterOpts(v.args?.[0]);
  } else if (v.k === 'obj') {
    for (const [m] of METHODS) {
      const f = v.props.get(m);
      if (f?.k === 'fn' || f?.k === 'native') methods.set(m, f);
    }
    // An adapter's service with methods replaced on it (`service.create = async (data, params) => …`) keeps the rest.
  } else if (v.k === 'inst' && v.cls.k === 'cls') {
    const base = adapterBase(x, v);
    if (base) {
      for (const m of ADAPTER_METHODS(base)) methods.set(m, { k: 'ext', spec: base, path: ['Service', '()', m] });
      adapterOpts(v.fields.get('options'));
    }
    for (const [m] of METHODS) {
      const f = x.member(v, m);
      if (f.k === 'fn') methods.set(m, f);
    }
  }
  return methods.size ? { methods, multi } : undefined;
}

/** The adapter package a class of ours extends (`class ChallengeService extends Service`, Service from feathers-mongoose). */
function adapterBase(x: Interp, inst: InstValue): string | undefined {
  let c = inst.cls.k === 'cls' ? inst.cls : undefined;
  for (let i = 0; c && i < 8; i++) {
    const fact = x.factsOf(c.file)?.classes[c.cls];
    const b = fact?.bases?.[0];
    if (!b) return undefined;
    const v = x.evalExpr(b, c.env);
    if (v.k === 'ext') return ADAPTERS.test(v.spec) || (AUTH_SERVICE.test(v.spec) && v.path.join('.') === 'AuthenticationService') ? v.spec : undefined;
    c = v.k === 'cls' && v !== c ? v : undefined;
  }
  return undefined;
}

/** A method whose body only throws NotImplemented / MethodNotAllowed, itself or through one helper call: not served. */
function isStub(x: Interp, f: Value): boolean {
  if (f.k !== 'fn') return false;
  const fact = x.fnFact(f);
  if (!fact) return false;
  const throwsAlways = (k: typeof fact.keyedThrows): boolean => !!k?.some((t) => /^class:(NotImplemented|MethodNotAllowed)$/.test(t.key) && !t.cond);
  if (throwsAlways(fact.keyedThrows)) return true;
  const [op, ...rest] = fact.ops;
  if (!op || rest.length || op[0] !== 'call' || op[2] || op[1][0] !== 'c') return false;
  const callee = x.evalExpr(op[1][1], { vars: new Map(), parent: f.env, file: f.file });
  const cf = callee.k === 'fn' ? x.fnFact(callee) : undefined;
  return !!cf && !cf.ops.length && throwsAlways(cf.keyedThrows);
}

/**
 * `app.use(path, ...middleware, service, ...after, options?)`: a service among the arguments registers
 * its routes; false when there is none (an Express middleware or static mount, left to Express).
 */
function useService(x: Interp, r: RouterNode, args: Value[], site: SiteRef): boolean {
  const path = args[0] ? x.str(args[0]) : undefined;
  if (path === undefined || args.length < 2) return false;
  const idx = args.findIndex((a, i) => i > 0 && !!serviceMethods(x, a));
  if (idx < 0) return false;
  const value = args[idx]!;
  const found = serviceMethods(x, value)!;
  // Feathers 5's options: `{ methods: ['find', 'create'] }` lists what the transports expose.
  const opts = args[idx + 1];
  const listed = opts?.k === 'obj' && opts.props.get('methods')?.k === 'arr' ? new Set((opts.props.get('methods') as { items: Value[] }).items.map((i) => x.str(i))) : undefined;
  const s = stateOf(r);
  const clean = strip(path);
  if (s.services.some((v) => v.path === clean && v.site.offset === site.offset && v.site.file === site.file)) return true;
  const rec: ServiceRecord = { path: clean, value, site, before: args.slice(1, idx), hooks: s.pending.get(clean) ?? [], routes: [] };
  for (const [method, verb, withId] of METHODS) {
    const handler = found.methods.get(method);
    if (!handler || (listed && !listed.has(method)) || isStub(x, handler)) continue;
    const paths = withId ? [`/${clean}/:__feathersId`, ...(found.multi.has(method) ? [`/${clean}`] : [])] : [`/${clean}`];
    for (const p of paths) {
      const handlers: Value[] = [...rec.before, handler];
      x.addRoute(r, verb, { s: p }, handlers, site, { handlerText: `${clean}.${method}` });
      const item = r.items.find((i): i is RouteItem => i.t === 'route' && i.handlers === handlers);
      if (item) rec.routes.push({ method, handlers, handler, item, verb, routePath: p });
    }
  }
  // Nothing added (a probe's run, which registers nothing): the real run registers it.
  if (!rec.routes.length) return true;
  s.services.push(rec);
  rebuild(x, r);
  return true;
}

/** `app.service(path)`: the service, with `hooks(…)` that adds to its routes' middleware. */
function serviceHandle(x: Interp, r: RouterNode, path: string): ObjValue {
  const s = stateOf(r);
  const rec = [...s.services].reverse().find((v) => v.path === path);
  const props = new Map<string, Value>(rec?.value.k === 'obj' ? rec.value.props : []);
  const handle: ObjValue = { k: 'obj', props };
  props.set('hooks', {
    k: 'native',
    name: 'hooks',
    call: (args) => {
      const lists = args[0] ? hookListsOf(x, args[0]) : undefined;
      if (lists && !(rec?.hooks ?? s.pending.get(path) ?? []).some((l) => l.source === args[0])) {
        if (rec) rec.hooks.push(lists);
        else s.pending.set(path, [...(s.pending.get(path) ?? []), lists]);
        rebuild(x, r);
      }
      return handle;
    },
  });
  return handle;
}

/**
 * Every route's middleware, in the order Feathers runs it: the Express middleware of the `use`, the
 * app's before hooks (`all`, then the method's), then the service's; a route whose hooks take the
 * method off the transport (`disallow()`, `disallow('external')`) is no route.
 */
function rebuild(x: Interp, r: RouterNode): void {
  const s = stateOf(r);
  for (const rec of s.services) {
    for (const route of rec.routes) {
      const hooks = feathersHooksFor(x, [...s.appHooks, ...rec.hooks], { path: rec.path, method: route.method, app: { k: 'router', r } });
      const at = r.items.indexOf(route.item);
      if (hooks === 'disallowed') {
        if (at >= 0) r.items.splice(at, 1);
        continue;
      }
      route.handlers.length = 0;
      route.handlers.push(...rec.before, ...hooks, route.handler);
      if (at < 0) r.items.push(route.item);
    }
  }
}

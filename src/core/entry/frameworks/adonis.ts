// AdonisJS 6: one router service (`import router from '@adonisjs/core/services/router'`) that every
// module registers on. `router.get(path, handler)` (and post/put/patch/delete/any, `route(path,
// methods, handler)`), `router.on(path).render(view)` / `.redirect…()` (GET), `router.group(() =>
// { … }).prefix('/api').use(middleware.auth())`, route chains `.as() .where() .use(mw)` (the route's
// own middleware, alone or an array). Handlers are functions, `[Controller, 'method']` tuples
// (the class or a lazy `() => import('#controllers/x')`), or a one-element tuple `[Action]`: the
// class's `handle`, or `asController` for an action class in the Laravel-Actions style, whose
// `authorize()` runs first. Middleware are lazy imports of classes whose `handle(ctx, next)` runs:
// `router.use([...])` for every route, `router.named({ auth: () => import(…) })` for the ones a
// route names (`middleware.auth()`). `router.resource('posts', PostsController)` makes the seven
// resourceful routes, trimmed and guarded through its chain.
import type { Interp } from '../interp/interpreter';
import type { FnValue, ObjValue, PathPart, RouteItem, RouterNode, SiteRef, Value } from '../interp/values';
import { liveRefusals } from '../interp/liveRefusals';
import type { Framework } from './types';
import { flatHandlers, isPathValue, pathsOf } from './jsShared';

const ROUTER = '@adonisjs/core/services/router';
const VERBS = new Map([['get', ['GET']], ['post', ['POST']], ['put', ['PUT']], ['patch', ['PATCH']], ['delete', ['DELETE']], ['any', ['ANY']]]);

interface State {
  app: RouterNode;
  /** The groups whose callback is running, innermost last: what `router.get` inside registers on. */
  groups: RouterNode[];
}

const states = new WeakMap<Interp, State>();
/** The middleware methods this module handed to routes (`handle` of a class a router or route names). */
const registered = new WeakSet<Value>();

/**
 * A middleware of the app that reads `ctx.auth.user` and refuses nobody (shares the caller's theme
 * with the views, builds a bouncer for them): Adonis's authenticator loads the caller
 * (`auth.check()`, `auth.authenticate()`), not the middleware that looks at it afterwards, so it is
 * no session loader. Whether a route uses the caller is its handler's read (identityRead.ts).
 */
function onlyReadsCaller(x: Interp, f: FnValue): boolean {
  const fact = x.fnFact(f);
  if (!fact || !/\bauth\b/.test(fact.readsIdentity ?? '') || liveRefusals(x, f).length) return false;
  return x.probeCalls(f).fns.every((g) => !liveRefusals(x, g).length);
}

function stateOf(x: Interp, site: SiteRef): State {
  let s = states.get(x);
  if (!s) {
    s = { app: x.routerAt('adonis', 'app', site), groups: [] };
    states.set(x, s);
  }
  return s;
}

export const adonis: Framework = {
  name: 'adonis',
  language: 'js',
  packages: /^(@adonisjs\/.*)$/,
  callExt(x, callee, args, site) {
    if (callee.spec !== ROUTER || callee.path.length !== 1) return undefined;
    const s = stateOf(x, site);
    const into = s.groups[s.groups.length - 1] ?? s.app;
    const method = callee.path[0]!;
    const verbs = VERBS.get(method);
    if (verbs && args.length >= 2) return route(x, into, verbs, args[0], args[1], site);
    if (method === 'route' && args.length >= 3 && args[1].k === 'arr') {
      const ms = args[1].items.map((m) => x.str(m)?.toUpperCase()).filter((m): m is string => !!m);
      return route(x, into, ms, args[0], args[2], site);
    }
    if (method === 'on' && args[0]) return brisk(x, into, args[0], site);
    if (method === 'group' && args[0]?.k === 'fn') return group(x, s, into, args[0], site);
    if (method === 'use' && args[0]) {
      x.addUse(s.app, undefined, middlewareList(x, args[0], site), site, { always: true });
      return { k: 'null' };
    }
    if (method === 'named' && args[0]?.k === 'obj') return named(x, args[0], site);
    if ((method === 'resource' || method === 'shallowResource') && args.length >= 2) {
      const name = x.str(args[0]);
      if (name) return resource(x, into, name, args[1], site, method === 'shallowResource');
    }
    return undefined;
  },
  guard(x, v) {
    // The framework's own middleware (body parser, session, shield, initialize_auth, static): plumbing.
    if (v.k === 'ext' && /^@adonisjs\//.test(v.spec)) return { verdict: 'none' };
    return v.k === 'fn' && registered.has(v) && onlyReadsCaller(x, v) ? { verdict: 'none' } : undefined;
  },
};

/** A route, and the chain that names it, constrains it and adds its own middleware. */
function route(x: Interp, r: RouterNode, verbs: string[], pathArg: Value, handlerArg: Value, site: SiteRef): Value {
  const written = x.argTexts[0];
  if (!isPathValue(pathArg, written)) return { k: 'unknown', text: 'route' };
  return register(x, r, verbs, pathsOf(x, pathArg, written), handlerOf(x, handlerArg, site), site, handlerTextOf(x.argTexts[1]));
}

function register(x: Interp, r: RouterNode, verbs: string[], paths: PathPart[], handler: Value[], site: SiteRef, handlerText: string): Value {
  const before = r.items.length;
  for (const p of paths) for (const verb of verbs) x.addRoute(r, verb, p, handler, site, { handlerText });
  const items = r.items.slice(before).flatMap((i) => (i.t === 'route' ? [i] : []));
  // The route's own middleware runs after the group's and before the handler (and an action's authorize).
  return chain(x, site, (mw) => {
    for (const i of items) i.handlers.splice(i.handlers.length - handler.length, 0, ...mw);
  });
}

/** `[UsersController, 'index']` as a reader names it (`UsersController.index`), an inline function `<inline>`. */
function handlerTextOf(text: string | undefined): string {
  if (text === undefined || text === '<function>') return '<inline>';
  const tuple = /^\[\s*([\w$]+)\s*(?:,\s*['"]([\w$]+)['"]\s*)?,?\s*\]$/.exec(text);
  if (tuple) return tuple[2] ? `${tuple[1]}.${tuple[2]}` : tuple[1]!;
  return text.replace(/\s+/g, ' ').slice(0, 120);
}

/** `router.on(path)`: its `render(view)` / `redirect…()` makes a GET route the framework answers. */
function brisk(x: Interp, r: RouterNode, pathArg: Value, site: SiteRef): Value {
  const written = x.argTexts[0];
  const props = new Map<string, Value>();
  for (const name of ['render', 'redirect', 'redirectToPath', 'redirectToRoute']) {
    props.set(name, native(`brisk.${name}`, (args) => {
      if (!isPathValue(pathArg, written)) return { k: 'unknown', text: 'route' };
      const handler: Value = { k: 'ext', spec: ROUTER, path: ['on', '()', name, '()'], site };
      const text = name === 'render' ? `<render ${x.str(args[0]) ?? 'view'}>` : '<redirect>';
      return register(x, r, ['GET'], pathsOf(x, pathArg, written), [handler], site, text);
    }));
  }
  return { k: 'obj', props };
}

/** A resource's actions: [action, methods, path under the resource, member (takes the id)]. */
const ACTIONS: [string, string[], string, boolean][] = [
  ['index', ['GET'], '', false],
  ['create', ['GET'], '/create', false],
  ['store', ['POST'], '', false],
  ['show', ['GET'], '/:id', true],
  ['edit', ['GET'], '/:id/edit', true],
  ['update', ['PUT', 'PATCH'], '/:id', true],
  ['destroy', ['DELETE'], '/:id', true],
];

/**
 * `router.resource('posts', PostsController)`: the seven actions as routes of the controller's
 * methods (`posts.comments` nests under `/posts/:post_id`; a shallow resource keeps member actions
 * off the parent). The chain trims them (`apiOnly()`, `only([…])`, `except([…])`), renames the id
 * (`params({ posts: 'post' })`) and adds middleware to some (`use(['store'], mw)`, `use('*', mw)`).
 */
function resource(x: Interp, r: RouterNode, name: string, controller: Value, site: SiteRef, shallow: boolean): Value {
  const parts = name.split('.').filter(Boolean);
  const last = parts[parts.length - 1]!;
  const parents = parts.slice(0, -1).map((p) => `/${p}/:${singular(p)}_id`).join('');
  const text = handlerTextOf(x.argTexts[1]);
  const made = new Map<string, RouteItem[]>();
  for (const [action, verbs, tail, member] of ACTIONS) {
    const before = r.items.length;
    const path = `${shallow && member ? '' : parents}/${last}${tail}`;
    const handler = handlerOf(x, { k: 'arr', items: [controller, { k: 'str', v: action }] }, site);
    for (const verb of verbs) x.addRoute(r, verb, { s: path }, handler, site, { handlerText: `${text}.${action}` });
    made.set(action, r.items.slice(before).flatMap((i) => (i.t === 'route' ? [i] : [])));
  }
  const drop = (keep: (action: string) => boolean): void => {
    for (const [action, items] of made) {
      if (keep(action)) continue;
      for (const i of items) if (r.items.includes(i)) r.items.splice(r.items.indexOf(i), 1);
      made.delete(action);
    }
  };
  const names = (v: Value | undefined): string[] => (v?.k === 'arr' ? v.items.map((i) => x.str(i) ?? '') : v ? [x.str(v) ?? ''] : []);
  const props = new Map<string, Value>();
  const self: ObjValue = { k: 'obj', props };
  props.set('apiOnly', native('resource.apiOnly', () => (drop((a) => a !== 'create' && a !== 'edit'), self)));
  props.set('only', native('resource.only', (args) => (drop((a) => names(args[0]).includes(a)), self)));
  props.set('except', native('resource.except', (args) => (drop((a) => !names(args[0]).includes(a)), self)));
  props.set('params', native('resource.params', (args) => {
    const renamed = args[0]?.k === 'obj' ? x.str(args[0].props.get(last)) : undefined;
    if (renamed) for (const items of made.values()) for (const i of items) if ('s' in i.path) i.path = { s: i.path.s.replace(/:id(?=\/|$)/, `:${renamed}`) };
    return self;
  }));
  for (const method of ['use', 'middleware']) {
    props.set(method, native(`resource.${method}`, (args, at) => {
      const which = names(args[0]);
      const mw = args[1] ? middlewareList(x, args[1], at.offset >= 0 ? at : site) : [];
      for (const [action, items] of made) if (which.includes('*') || which.includes(action)) for (const i of items) i.handlers.splice(i.handlers.length - 1, 0, ...mw);
      return self;
    }));
  }
  for (const method of ['as', 'where']) props.set(method, native(`resource.${method}`, () => self));
  return self;
}

/** `categories` → `category`, `boxes` → `box`, `posts` → `post`: the parent's id parameter (Adonis singularizes the name). */
function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  return word.replace(/s$/, '');
}

/** `router.group(cb)`: the routes `cb` registers, under the group's prefix and middleware. */
function group(x: Interp, s: State, parent: RouterNode, cb: Value, site: SiteRef): Value {
  const child = x.routerAt('adonis', 'router', site);
  x.addUse(parent, undefined, [{ k: 'router', r: child }], site);
  s.groups.push(child);
  try {
    x.callValue(cb, [], site);
  } finally {
    s.groups.pop();
  }
  const props = new Map<string, Value>();
  const self: ObjValue = { k: 'obj', props };
  props.set('prefix', native('group.prefix', (args) => {
    if (args[0]) child.prefix = x.pathOf(args[0]);
    return self;
  }));
  for (const name of ['use', 'middleware']) {
    props.set(name, native(`group.${name}`, (args, at) => {
      if (args[0]) x.addUse(child, undefined, middlewareList(x, args[0], at), at, { always: true });
      return self;
    }));
  }
  for (const name of ['as', 'domain', 'where']) props.set(name, native(`group.${name}`, () => self));
  return self;
}

/** The chain a route returns: `.use(mw)` / `.middleware(mw)` add its own middleware; the rest go on. */
function chain(x: Interp, site: SiteRef, addMiddleware: (mw: Value[]) => void): Value {
  const props = new Map<string, Value>();
  const self: ObjValue = { k: 'obj', props };
  for (const name of ['use', 'middleware']) {
    props.set(name, native(`route.${name}`, (args, at) => {
      if (args[0]) addMiddleware(middlewareList(x, args[0], at.offset >= 0 ? at : site));
      return self;
    }));
  }
  for (const name of ['as', 'where', 'domain', 'prefix']) props.set(name, native(`route.${name}`, () => self));
  return self;
}

function native(name: string, call: (args: Value[], site: SiteRef) => Value): Value {
  return { k: 'native', name, call };
}

/** `router.named({ auth: () => import('#middleware/auth_middleware') })`: each name a call that gives that middleware. */
function named(x: Interp, table: ObjValue, site: SiteRef): Value {
  const props = new Map<string, Value>();
  for (const [name, loader] of table.props) {
    props.set(name, native(`middleware.${name}`, (_args, at) => middlewareOf(x, loader, at.offset >= 0 ? at : site)));
  }
  return { k: 'obj', props };
}

function middlewareList(x: Interp, v: Value, site: SiteRef): Value[] {
  return flatHandlers([v]).map((m) => middlewareOf(x, m, site));
}

/**
 * A middleware as the router holds it: a lazy import of a class (its `handle` method), a class,
 * or a function. What `middleware.auth()` gave is already the method.
 */
function middlewareOf(x: Interp, v: Value, site: SiteRef): Value {
  const cls = classOf(x, v, site);
  const m = cls?.k === 'cls' ? x.member(x.construct(cls, [], site, true), 'handle') : cls ?? v;
  if (m.k === 'fn') registered.add(m);
  return m;
}

/** A class from a lazy import (`() => import('#controllers/x')`, its default export), or the value itself. */
function classOf(x: Interp, v: Value, site: SiteRef): Value | undefined {
  if (v.k === 'cls') return v;
  if (v.k !== 'fn' || x.fnFact(v)?.params.length) return v.k === 'fn' ? v : undefined;
  const fact = x.fnFact(v);
  // Only a loader: an arrow whose body is one import (a handler written inline takes the context).
  if (!fact?.arrow) return v;
  const loaded = x.callValue(v, [], site);
  if (loaded.k === 'obj') return x.prop(loaded, 'default') ?? loaded;
  return loaded.k === 'ext' ? { ...loaded, path: [...loaded.path, 'default'] } : v;
}

/**
 * What a route runs: a function as it is; `[Controller, 'method']` that method of an instance;
 * `[Action]` its `handle`, or `asController` (with `authorize` before it) when the class has one.
 */
function handlerOf(x: Interp, v: Value, site: SiteRef): Value[] {
  if (v.k !== 'arr' || !v.items.length) return [v];
  const cls = classOf(x, v.items[0]!, site);
  if (cls?.k !== 'cls') return [cls ?? v];
  const inst = x.construct(cls, [], site, true);
  const name = v.items[1] ? x.str(v.items[1]) : undefined;
  if (name) return [x.member(inst, name)];
  const asController = x.member(inst, 'asController');
  if (asController.k === 'fn') {
    const authorize = x.member(inst, 'authorize');
    return authorize.k === 'fn' ? [authorize, asController] : [asController];
  }
  return [x.member(inst, 'handle')];
}

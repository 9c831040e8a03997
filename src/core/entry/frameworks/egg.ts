// Egg.js (`egg`): an application is folders, not calls. Egg loads `app/router.js` (`module.exports = app => { … }`,
// TypeScript `export default (app: Application) => …`) at start and hands it the application, whose `router` is a
// koa-router (`router.get([name,] path, ...middleware, controller.user.show)`, `router.resources(name?, path,
// controller)`; egg-router-plus adds `router.namespace(prefix, ...middleware)`), whose `controller` is the tree of
// `app/controller/**` (file names camel-cased, `api/topic_collect.js` is `controller.api.topicCollect`; a class
// extending Controller is made once, its methods are the actions) and whose `middleware` is the factories of
// `app/middleware/*.js` (`middleware.userRequired()` makes the middleware, judged by its code like any Koa
// middleware). The application's own middleware are named in `config.middleware` (config/config.default.js, an object
// or `appInfo => config`): each runs before every route, made by its factory from `config[name]`; one limited by
// `match`/`ignore` rules runs only where they say: a path prefix written as a string is a mount, anything else
// (a function, a regular expression, `ignore`) leaves the middleware's reach unknown, so it is kept as an unknown
// value (never a route made public by a guess). egg-passport's `app.passport.mount('github')` adds its login and
// callback routes (`/passport/github`, `/passport/github/callback`); egg-jwt's `app.jwt` is a known guard.
import type { Interp } from '../interp/interpreter';
import type { ObjValue, RouterNode, SiteRef, Value } from '../interp/values';
import { UNKNOWN } from '../interp/values';
import type { Framework, GuardVerdict } from './types';
import { importSpecs } from '../interp/routeReach';
import { HTTP_VERBS, isPathValue, useCall, verbCall } from './jsShared';

const EGG_SPEC = /^(egg|egg-[\w.-]+|@eggjs\/[\w.-]+)$/;
const SOURCE = /\.(?:[cm]?js|ts)$/;

/** Egg's loader name for a file path segment: `topic_collect` / `user-info` → `topicCollect` / `userInfo` (caseStyle 'lower'). */
export function eggPropName(segment: string): string {
  const camel = segment.replace(/[_-][a-z]/gi, (s) => s.slice(1).toUpperCase());
  return camel.charAt(0).toLowerCase() + camel.slice(1);
}

/** `router.resources('posts', '/api/posts', controller.posts)`: Egg's REST map, [action, methods, suffix]. */
export const EGG_RESOURCE_ACTIONS: readonly [string, readonly string[], string][] = [
  ['index', ['GET'], ''],
  ['new', ['GET'], '/new'],
  ['show', ['GET'], '/:id'],
  ['edit', ['GET'], '/:id/edit'],
  ['create', ['POST'], ''],
  ['update', ['PATCH', 'PUT'], '/:id'],
  ['destroy', ['DELETE'], '/:id'],
];

/** Where Egg apps are: the folder holding `app/router.js` ('' at the root). */
function appBases(x: Interp): string[] {
  const out: string[] = [];
  for (const f of x.program.facts.keys()) {
    const m = /^(.*?)app\/router\.(?:[cm]?js|ts)$/.exec(f);
    if (m && (m[1] === '' || m[1]!.endsWith('/'))) out.push(m[1]!);
  }
  return out;
}

/** An Egg app imports Egg somewhere (`require('egg').Controller`) or keeps Egg's configuration file. */
function isEggApp(x: Interp, base: string): boolean {
  for (const [f, facts] of x.program.facts) {
    if (!f.startsWith(base)) continue;
    if (f.startsWith(`${base}config/config.default.`)) return true;
    for (const s of importSpecs(facts)) if (EGG_SPEC.test(s)) return true;
  }
  return false;
}

/** A module's value as Egg takes it: the CommonJS export, or an ES module's default. */
function moduleValue(x: Interp, file: string): Value | undefined {
  const v = x.exportsOf(file);
  if (v?.k === 'obj' && v.module && v.props.has('default')) return v.props.get('default');
  return v;
}

/** The files below a folder as Egg's loader names them: `api/topic.js` → ['api', 'topic']. */
function loaderTree(x: Interp, base: string, folder: string): [string[], string][] {
  const pre = `${base}${folder}/`;
  const out: [string[], string][] = [];
  for (const f of x.program.facts.keys()) {
    if (!f.startsWith(pre) || !SOURCE.test(f) || f.endsWith('.d.ts')) continue;
    const segs = f.slice(pre.length).replace(SOURCE, '').split('/');
    out.push([segs.map(eggPropName), f]);
  }
  return out;
}

function setPath(root: ObjValue, keys: string[], v: Value): void {
  let o = root;
  for (const k of keys.slice(0, -1)) {
    let next = o.props.get(k);
    if (next?.k !== 'obj') o.props.set(k, (next = { k: 'obj', props: new Map() }));
    o = next;
  }
  o.props.set(keys[keys.length - 1]!, v);
}

/** A controller file's value: a class made once (its methods are the actions), `app => class …` called first, or an object of functions. */
function controllerValue(x: Interp, file: string, app: Value, site: SiteRef): Value | undefined {
  let v = moduleValue(x, file);
  if (v?.k === 'fn') v = x.callValue(v, [app], site);
  if (v?.k === 'cls') return x.construct(v, [UNKNOWN('ctx')], site, true);
  return v;
}

/** `config/config.default.js`: an object, or a function of the app's info returning one. */
function configOf(x: Interp, base: string, site: SiteRef): Value {
  const file = [...x.program.facts.keys()].find((f) => f.startsWith(`${base}config/config.default.`) && SOURCE.test(f));
  let v = file ? moduleValue(x, file) : undefined;
  if (v?.k === 'fn') v = x.callValue(v, [{ k: 'obj', props: new Map([['name', UNKNOWN('appInfo.name')], ['baseDir', UNKNOWN('appInfo.baseDir')]]) }], site);
  return v?.k === 'obj' ? v : { k: 'obj', props: new Map() };
}

function native(name: string, call: (args: Value[], site: SiteRef) => Value): Value {
  return { k: 'native', name, call };
}

/** egg-passport (passport itself underneath, so read as passport is): `authenticate(strategy, options)` its middleware, `mount(strategy, options)` its two GET routes. */
function passportOf(x: Interp, router: RouterNode): Value {
  const authenticate = (args: Value[], site: SiteRef): Value => ({ k: 'ext', spec: 'passport', path: ['authenticate', '()'], args, site, text: `passport.authenticate(${x.str(args[0]) ?? '…'})` });
  return {
    k: 'obj',
    props: new Map<string, Value>([
      ['authenticate', native('passport.authenticate', authenticate)],
      [
        'mount',
        native('passport.mount', (args, site) => {
          const strategy = x.str(args[0]);
          if (!strategy) return UNKNOWN('passport.mount(…)');
          const opts = args[1];
          const login = x.str(x.prop(opts, 'loginURL')) ?? `/passport/${strategy}`;
          const callback = x.str(x.prop(opts, 'callbackURL')) ?? `/passport/${strategy}/callback`;
          const mw = authenticate(args, site);
          for (const p of [login, callback]) x.addRoute(router, 'GET', { s: p }, [mw], site, { handlerText: `passport.authenticate(${strategy})` });
          return UNKNOWN('passport.mount(…)');
        }),
      ],
    ]),
  };
}

/** The application's middleware from `config.middleware`, each made from `config[name]`, in order, before the routes. */
function appMiddleware(x: Interp, router: RouterNode, config: Value, factories: ObjValue, app: Value, site: SiteRef): void {
  const names = x.prop(config, 'middleware');
  if (names?.k !== 'arr') return;
  for (const item of names.items) {
    const name = x.str(item);
    if (!name) continue;
    const opts = x.prop(config, name);
    if (x.prop(opts, 'enable')?.k === 'bool' && (x.prop(opts, 'enable') as { v: boolean }).v === false) continue;
    const factory = factories.props.get(name);
    const mw = factory ? x.callValue(factory, [opts ?? { k: 'obj', props: new Map() }, app], site, undefined, false, `${name} (config.middleware)`) : UNKNOWN(`middleware ${name}`);
    const match = x.prop(opts, 'match');
    const paths = match?.k === 'str' ? [match] : match?.k === 'arr' && match.items.every((i) => i.k === 'str') ? match.items : undefined;
    if (x.prop(opts, 'ignore') || (match && !paths)) x.addUse(router, undefined, [UNKNOWN(`middleware ${name} (match/ignore rules)`)], site);
    else if (paths) for (const p of paths) x.addUse(router, x.pathOf(p), [mw], site);
    else x.addUse(router, undefined, [mw], site);
  }
}

function appOf(x: Interp, base: string, router: RouterNode, site: SiteRef): Value {
  const props = new Map<string, Value>();
  const app: ObjValue = { k: 'obj', props };
  const config = configOf(x, base, site);
  const middleware: ObjValue = { k: 'obj', props: new Map() };
  for (const [keys, file] of loaderTree(x, base, 'app/middleware')) {
    const v = moduleValue(x, file);
    if (v) setPath(middleware, keys, v);
  }
  const controller: ObjValue = { k: 'obj', props: new Map() };
  props.set('router', { k: 'router', r: router });
  props.set('config', config);
  props.set('middleware', middleware);
  props.set('middlewares', middleware);
  props.set('controller', controller);
  props.set('passport', passportOf(x, router));
  props.set('jwt', { k: 'ext', spec: 'egg-jwt', path: ['jwt'], text: 'app.jwt' });
  // The application delegates the router's verbs (`app.get(path, …)`).
  for (const verb of [...HTTP_VERBS, 'resources', 'redirect']) props.set(verb, native(`app.${verb}`, (args, s) => x.routerCall(router, verb, args, s)));
  for (const [keys, file] of loaderTree(x, base, 'app/controller')) {
    const v = controllerValue(x, file, app, site);
    if (v) setPath(controller, keys, v);
  }
  appMiddleware(x, router, config, middleware, app, site);
  return app;
}

/** `router.resources([name,] path, [...middleware,] controller)`: the actions the controller has, at Egg's REST paths. */
function resources(x: Interp, r: RouterNode, args: Value[], site: SiteRef): boolean {
  const rest = args.length >= 3 && args[0]?.k === 'str' && args[1]?.k === 'str' && /^\//.test(args[1].v) ? args.slice(1) : args;
  const [path, ...after] = rest;
  const ctl = after[after.length - 1];
  if (!isPathValue(path) || !ctl || (ctl.k !== 'inst' && ctl.k !== 'obj')) return false;
  const base = x.str(path);
  if (base === undefined) return false;
  const mws = after.slice(0, -1);
  for (const [action, verbs, suffix] of EGG_RESOURCE_ACTIONS) {
    const h = x.member(ctl, action);
    if (h.k !== 'fn') continue;
    for (const verb of verbs) x.addRoute(r, verb, { s: `${base.replace(/\/$/, '')}${suffix}` || '/' }, [...mws, h], site, { handlerText: action });
  }
  return true;
}

export const egg: Framework = {
  name: 'egg',
  language: 'js',
  packages: EGG_SPEC,
  callRouter(x, r, method, args, site) {
    const self = { k: 'router' as const, r };
    // A named route: `router.get('user', '/user/:id', …)`.
    const named = args.length >= 3 && args[0]?.k === 'str' && args[1]?.k === 'str' && /^\//.test(args[1].v) && !/^\//.test(args[0].v);
    // (The texts as written no longer line up with the arguments: the handler is shown by its value.)
    if (named && HTTP_VERBS.has(method)) return verbCall(x, r, method, args.slice(1), site) ? self : undefined;
    if (verbCall(x, r, method, args, site)) return self;
    if (method === 'resources') return resources(x, r, args, site) ? self : undefined;
    if (method === 'namespace' && args[0] && isPathValue(args[0])) {
      const sub = x.routerAt('egg', 'router', site);
      if (args.length > 1) x.addUse(sub, undefined, args.slice(1), site);
      x.addUse(r, x.pathOf(args[0]), [{ k: 'router', r: sub }], site);
      return { k: 'router', r: sub };
    }
    if (method === 'use') {
      useCall(x, r, args, site);
      return self;
    }
    return undefined;
  },
  guard(_x, v): GuardVerdict | undefined {
    // egg-jwt's `app.jwt`: 401 without a valid token (its `credentialsRequired: false` is configuration we do not read).
    if (v.k === 'ext' && v.spec === 'egg-jwt') return { verdict: 'guard', guard: { name: 'app.jwt', kind: 'authentication', reason: "known authentication middleware from 'egg-jwt'" } };
    return undefined;
  },
  finalize(x) {
    for (const base of appBases(x)) {
      if (!isEggApp(x, base)) continue;
      const file = [...x.program.facts.keys()].find((f) => new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}app/router\\.(?:[cm]?js|ts)$`).test(f))!;
      const site: SiteRef = { file, line: 1, offset: 0 };
      const router = x.routerAt('egg', 'app', site);
      const app = appOf(x, base, router, site);
      const fn = moduleValue(x, file);
      if (fn?.k === 'fn') x.callValue(fn, [app], site);
    }
  },
};

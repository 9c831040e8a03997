// tRPC (v10/v11): `const t = initTRPC.context<Ctx>().create()`; `t.procedure.use(mw)` makes a
// procedure builder whose middleware runs before every procedure built from it (`.use()` again
// adds more, `.input()`/`.output()`/`.meta()` change nothing we follow); `.query(fn)` and
// `.mutation(fn)` finish a procedure; `t.router({ key: procedure, sub: router })` names them, and
// a router nested under a key prefixes its procedures with `key.`: tRPC's HTTP adapters answer a
// procedure at `<endpoint>/<dotted key path>`, a query on GET and a mutation on POST.
// The adapters mount the app's router: `fetchRequestHandler({ endpoint: '/api/trpc', router })`
// (Next's app router, Remix, workers), `createNextApiHandler({ router })` in
// `pages/api/trpc/[trpc].ts` (the endpoint is that file's folder), `createExpressMiddleware({ router })`
// mounted with `app.use('/trpc', …)`, `createHTTPServer({ router })` (standalone, at `/`).
// Builders and procedures are router nodes without items (never routes by themselves); a router's
// procedures become routes in `finalize`, and only on routers nothing nests (the nesting one
// carries them with their dotted names), so a sub-router is not a second root.
import type { Framework } from './types';
import type { Interp } from '../interp/interpreter';
import type { ExtValue, RouterNode, SiteRef, Value } from '../interp/values';
import { dict } from '../../ownKeys';
import { knownGuard } from './knownGuards';
import { callerHelperGuard, presentCallerOnly } from './trpcChecks';

const SERVER = '@trpc/server';

/** One procedure a router names: its dotted key, verb, middleware then handler, and where it is finished. */
interface Proc {
  key: string;
  verb: string;
  handlers: Value[];
  site: SiteRef;
}

type TrpcOpts =
  | { trpc: 'builder'; mws: Value[] }
  | { trpc: 'proc'; verb: string; handlers: Value[] }
  | { trpc: 'router'; procs: Proc[]; nested?: boolean };

const VERBS: ReadonlyMap<string, string> = new Map([
  ['query', 'GET'],
  ['mutation', 'POST'],
  ['subscription', 'GET'],
]);
/** Builder methods that give a builder back with the same middleware. */
const KEEPS = new Set(['input', 'output', 'meta', 'experimental_caller']);

function opts(r: RouterNode): TrpcOpts | undefined {
  return r.framework === 'trpc' ? (r.opts as unknown as TrpcOpts) : undefined;
}

function node(x: Interp, site: SiteRef, o: TrpcOpts): Value {
  const r = x.routerAt('trpc', 'router', site, dict());
  Object.assign(r.opts, o);
  return { k: 'router', r };
}

/** A builder's method: `.use(mw)` adds middleware, `.query(fn)` finishes a procedure. */
function builderCall(x: Interp, mws: Value[], method: string, args: Value[], site: SiteRef): Value | undefined {
  if (method === 'use' && args[0]) return node(x, site, { trpc: 'builder', mws: [...mws, args[0]] });
  if (KEEPS.has(method)) return node(x, site, { trpc: 'builder', mws });
  const verb = VERBS.get(method);
  if (verb && args[0]) return node(x, site, { trpc: 'proc', verb, handlers: [...mws, args[0]] });
  return undefined;
}

/** `t.router({ … })`: procedures under their keys, nested routers' under `key.`. */
function makeRouter(x: Interp, record: Value | undefined, site: SiteRef): Value {
  const procs: Proc[] = [];
  if (record?.k === 'obj') {
    for (const [key, v] of record.props) {
      if (v.k !== 'router') continue;
      const o = opts(v.r);
      if (o?.trpc === 'proc') procs.push({ key, verb: o.verb, handlers: o.handlers, site: v.r.site });
      else if (o?.trpc === 'router') {
        o.nested = true;
        for (const p of o.procs) procs.push({ ...p, key: `${key}.${p.key}` });
      }
    }
  }
  return node(x, site, { trpc: 'router', procs });
}

/** `t.mergeRouters(a, b)`: one router with the procedures of each. */
function mergeRouters(x: Interp, args: Value[], site: SiteRef): Value {
  const procs: Proc[] = [];
  for (const a of args) {
    const o = a.k === 'router' ? opts(a.r) : undefined;
    if (o?.trpc !== 'router') continue;
    o.nested = true;
    procs.push(...o.procs);
  }
  return node(x, site, { trpc: 'router', procs });
}

/** What follows `initTRPC….create()` in a value's path: `['procedure', 'use']`, `['router']`. */
function afterCreate(callee: ExtValue): string[] | undefined {
  if (callee.spec !== SERVER || callee.path[0] !== 'initTRPC') return undefined;
  const i = callee.path.indexOf('create');
  return i >= 0 && callee.path[i + 1] === '()' ? callee.path.slice(i + 2) : undefined;
}

/** `pages/api/trpc/[trpc].ts` or `app/api/trpc/[trpc]/route.ts`: the folder the adapter answers under. */
function endpointOfFile(file: string): string | undefined {
  const m = /(?:^|\/)(?:pages|app)((?:\/[^/]+)*?)\/\[[^\]/]+\](?:\.[cm]?[jt]sx?|\/route\.[cm]?[jt]sx?)$/.exec(file);
  return m ? m[1]!.split('/').filter((s) => !/^\(.*\)$/.test(s)).join('/') || '/' : undefined;
}

/** An adapter given `{ router, endpoint? }`: an app serving that router under the endpoint. */
function adapter(x: Interp, args: Value[], site: SiteRef, fallback: string | undefined): Value | undefined {
  const o = args[0];
  if (o?.k !== 'obj') return undefined;
  const router = o.props.get('router');
  if (router?.k !== 'router') return undefined;
  const endpoint = o.props.get('endpoint');
  const app = x.routerAt('trpc', 'app', site);
  x.addUse(app, endpoint ? x.pathOf(endpoint) : { s: fallback ?? '' }, [router], site);
  return { k: 'router', r: app };
}

export const trpc: Framework = {
  name: 'trpc',
  language: 'js',
  packages: /^(@trpc\/server|@trpc\/server\/.*)$/,
  callExt(x, callee, args, site) {
    const tail = afterCreate(callee);
    if (tail) {
      const [head, method] = tail;
      if (head === 'router' && tail.length === 1) return makeRouter(x, args[0], site);
      if (head === 'mergeRouters' && tail.length === 1) return mergeRouters(x, args, site);
      // `t.middleware(fn)` is `fn`: what it does is what the procedure runs.
      if (head === 'middleware' && tail.length === 1 && args[0]?.k === 'fn') return args[0];
      if (head === 'procedure' && method && tail.length === 2) return builderCall(x, [], method, args, site);
      return undefined;
    }
    const name = callee.path.join('.');
    if (callee.spec === `${SERVER}/adapters/fetch` && name === 'fetchRequestHandler') return adapter(x, args, site, endpointOfFile(site.file));
    if (callee.spec === `${SERVER}/adapters/next` && name === 'createNextApiHandler') return adapter(x, args, site, endpointOfFile(site.file));
    if (callee.spec === `${SERVER}/adapters/standalone` && (name === 'createHTTPServer' || name === 'createHTTPHandler')) return adapter(x, args, site, '/');
    // Express mounts the middleware where it is used (`app.use('/trpc', createExpressMiddleware({ router }))`): it stands for the router.
    if (callee.spec === `${SERVER}/adapters/express` && name === 'createExpressMiddleware' && args[0]?.k === 'obj') {
      const router = args[0].props.get('router');
      if (router?.k === 'router') return router;
    }
    return undefined;
  },
  callRouter(x, r, method, args, site) {
    const o = opts(r);
    if (o?.trpc === 'builder') return builderCall(x, o.mws, method, args, site);
    return undefined;
  },
  guard(x, v) {
    return presentCallerOnly(x, v) ?? knownGuard(x, v);
  },
  finalize(x) {
    for (const r of x.routers) {
      const o = opts(r);
      if (o?.trpc !== 'router' || o.nested) continue;
      for (const p of o.procs) {
        const helper = callerHelperGuard(x, p.handlers.at(-1));
        x.addRoute(r, p.verb, { s: `/${p.key}` }, p.handlers, p.site, { handlerText: p.key, ...(helper ? { guards: [helper] } : {}) });
      }
    }
  },
};


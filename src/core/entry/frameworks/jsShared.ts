// What Express-like routers share: `get/post/…(path, ...handlers)`, `use(path?, ...args)`,
// `route(path).get(h)`. Express, Koa routers, Hono and Fastify differ in how routers are made
// and mounted, not in this.
import type { Interp } from '../interp/interpreter';
import type { PathPart, RouteItem, RouterNode, SiteRef, Value } from '../interp/values';

export const HTTP_VERBS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'all', 'del', 'any']);

/**
 * Express routes every method Node knows (`router.search(path, h)` answers SEARCH, a WebDAV
 * `propfind` PROPFIND): its methods are `http.METHODS`. Koa routers, Hono and Fastify have their own
 * lists; this is Express's beyond the common ones.
 */
export const EXPRESS_VERBS = new Set([...HTTP_VERBS, 'search', 'trace', 'copy', 'lock', 'unlock', 'move', 'mkcol', 'propfind', 'proppatch', 'purge', 'report', 'notify', 'subscribe', 'unsubscribe', 'mkactivity', 'checkout', 'merge']);

export function verbOf(method: string): string {
  return method === 'all' || method === 'any' ? 'ANY' : method === 'del' ? 'DELETE' : method.toUpperCase();
}

/**
 * `settings.status || '/status'`: a value we cannot see with a literal path as its fallback is a
 * path, whatever the value is (`JSON.parse(readFileSync(f)).status` reads like no path constant).
 */
const LITERAL_PATH_FALLBACK = /(?:\|\||\?\?)\s*["'`]\//;

/**
 * A value that can be a path: a string, an array of strings, a regular expression or an expression
 * we could not evaluate; `written`, the argument as written, when the caller has it.
 */
export function isPathValue(v: Value | undefined, written?: string): boolean {
  if (!v) return false;
  if (v.k === 'str') return true;
  if (v.k === 'arr') return v.items.length > 0 && v.items.every((i) => i.k === 'str' || i.k === 'unknown');
  if ((v.k === 'unknown' || v.k === 'ext') && written !== undefined && LITERAL_PATH_FALLBACK.test(written)) return true;
  if (v.k === 'unknown') return /^\/|^`|^["']|\+|[A-Z_]{3,}|path|url|route|prefix|\$\{/i.test(v.text) && !/=>|function|\breq\b|\bres\b/.test(v.text);
  if (v.k === 'ext') return isExternalPathConstant(v);
  return false;
}

/**
 * A member of something outside the repository that reads like a path constant:
 * `process.env.HEALTH_PATH`, `API.USERS` or `urls.loginPath` from a package we do not have. Its
 * value is unknown, so the route is kept with a dynamic path instead of being dropped. Calls
 * (`helmet.frameguard()`) and plain function references (`passport.session`) are not paths.
 */
function isExternalPathConstant(v: Extract<Value, { k: 'ext' }>): boolean {
  if (!v.path.length || v.path.some((p) => p.includes('(')) || v.text?.includes('(')) return false;
  const last = v.path[v.path.length - 1]!;
  return (v.spec === 'process' && v.path[0] === 'env') || /^[A-Z][A-Z0-9_]*$/.test(last) || /path|url|route|prefix|endpoint|base/i.test(last);
}

export function pathsOf(x: Interp, v: Value, written?: string): PathPart[] {
  if (v.k === 'arr') return v.items.map((i) => x.pathOf(i));
  // An external constant is shown as the code writes it (`API.USERS`), not by its package.
  if (v.k === 'ext' && written) return [{ dyn: written }];
  return [x.pathOf(v)];
}

/** Handler arguments flattened (arrays of middleware are common). */
export function flatHandlers(args: Value[]): Value[] {
  return args.flatMap((a) => (a.k === 'arr' ? a.items : [a]));
}

/** A trailing Express error handler (`get(path, mw, handler, util.errorHandler)`) runs only on errors. */
const ERROR_HANDLER = /(^|\.)(\w*error_?handler|handle\w*errors?|errors?_?middleware|on_?error)$/i;

/** `router.get(path, ...handlers)`; true when it registered a route. */
export function verbCall(x: Interp, r: RouterNode, method: string, args: Value[], site: SiteRef, framework?: string, verbs: ReadonlySet<string> = HTTP_VERBS): boolean {
  if (!verbs.has(method) || args.length < 2 || !isPathValue(args[0], x.argTexts.length === args.length ? x.argTexts[0] : undefined)) return false;
  const texts = x.argTexts.length === args.length ? x.argTexts.slice(1) : [];
  const handlers = flatHandlers(args.slice(1)).filter((h) => h.k !== 'obj' || args.length === 2);
  let handlerText = texts.length === args.length - 1 && args.slice(1).every((a) => a.k !== 'arr') ? texts[texts.length - 1] : undefined;
  while (handlers.length > 1 && ERROR_HANDLER.test(nameOf(x, handlers[handlers.length - 1]))) {
    handlers.pop();
    if (handlerText !== undefined && texts.length === handlers.length + 1) handlerText = texts[handlers.length - 1];
  }
  if (!handlers.length) return false;
  if (handlerText === '<function>') handlerText = '<inline>';
  const at = x.suppliedAt(x.argTexts.length === args.length ? x.argTexts[0] : undefined, site, args[0]);
  for (const p of pathsOf(x, args[0], x.argTexts.length === args.length ? x.argTexts[0] : undefined)) x.addRoute(r, verbOf(method), p, handlers, at, { ...(framework ? { framework } : {}), ...(handlerText ? { handlerText: handlerText.replace(/\s+/g, ' ').slice(0, 120) } : {}) });
  return true;
}

/** A name for a handler value: its function's name, or the expression. */
export function nameOf(x: Interp, v: Value): string {
  if (v.k === 'fn') return x.fnFact(v)?.name ?? '';
  if (v.k === 'unknown') return v.text;
  if (v.k === 'ext') return v.path.join('.');
  return '';
}

/** `router.use([path,] ...args)`: middleware, or routers mounted at path. */
export function useCall(x: Interp, r: RouterNode, args: Value[], site: SiteRef): void {
  if (!args.length) return;
  const first = args[0];
  const hasPath = first.k === 'str' || (first.k === 'arr' && first.items.every((i) => i.k === 'str')) || ((first.k === 'unknown' || first.k === 'ext') && isPathValue(first, x.argTexts.length === args.length ? x.argTexts[0] : undefined) && args.length > 1);
  const rest = flatHandlers(hasPath ? args.slice(1) : args).map((a): Value => {
    const delegated = a.k === 'fn' ? x.routerDelegatedBy(a) : undefined;
    return delegated ? { k: 'router', r: delegated } : a;
  });
  if (!rest.length) return;
  for (const p of hasPath ? pathsOf(x, first, x.argTexts.length === args.length ? x.argTexts[0] : undefined) : [undefined]) x.addUse(r, p, rest, site);
}

/** `router.route('/x').get(h).post(h)`: a value whose verb methods register on `path`. */
export function routeBuilder(x: Interp, r: RouterNode, pathArg: Value, site0: SiteRef, verbs: ReadonlySet<string> = HTTP_VERBS): Value {
  const props = new Map<string, Value>();
  const self: Value = { k: 'obj', props };
  // `route(p).options(h).all(jwtdecode()).get(h2)` (Nginx Proxy Manager): the `.all` layer runs
  // before every verb registered after it and calls on, so its handlers lead each later verb's
  // list; once a verb follows it answers nothing of its own (a method with no verb after it meets
  // the middleware and then the 404). Verbs registered before it do not meet it. A chain's last
  // `.all` with no verb after it stays the route it is.
  let leading: Value[] = [];
  let provisional: RouteItem[] = [];
  for (const verb of verbs) {
    props.set(verb, {
      k: 'native',
      name: `route.${verb}`,
      call: (args, site) => {
        const own = flatHandlers(args);
        if (!own.length) return self;
        if (verb !== 'all' && verb !== 'any' && provisional.length) {
          for (const it of provisional) {
            const i = r.items.indexOf(it);
            if (i >= 0) r.items.splice(i, 1);
          }
          provisional = [];
        }
        const handlers = [...leading, ...own];
        const before = r.items.length;
        for (const p of pathsOf(x, pathArg)) x.addRoute(r, verbOf(verb), p, handlers, site.offset >= 0 ? site : site0);
        if (verb === 'all' || verb === 'any') {
          leading = handlers;
          provisional.push(...r.items.slice(before).filter((i): i is RouteItem => i.t === 'route'));
        }
        return self;
      },
    });
  }
  return self;
}

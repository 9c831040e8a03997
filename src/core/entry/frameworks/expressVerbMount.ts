// Express lets a router be a route's handler: `app.all('/entries*', entriesRouter)`,
// `app.get('/feed', feedRouter)`. Unlike `use(path, router)`, a verb does not strip its path, so
// the router sees the URL as the app did and its routes are written in full ('/entries/:spec');
// and only the requests the verb's method and pattern match reach it. Nightscout mounts every
// resource router of its API so, one router behind several patterns ('/entries*', '/echo/*', …).
import type { Interp } from '../interp/interpreter';
import type { RouterNode, SiteRef, Value } from '../interp/values';
import { EXPRESS_VERBS, flatHandlers, isPathValue, verbOf } from './jsShared';
import { opExprs, subExprs, walkOps } from '../interp/opWalk';
import type { Expr, FnFact } from '../facts/types';

/** `app.<verb>(path, ...mw, router)`: true when a router is among the handlers and it was mounted so. */
export function verbMount(x: Interp, r: RouterNode, method: string, args: Value[], site: SiteRef): boolean {
  if (!EXPRESS_VERBS.has(method) || args.length < 2) return false;
  const first = args[0]!;
  const patterns = first.k === 'str' ? [first.v] : first.k === 'arr' && first.items.every((i) => i.k === 'str') ? first.items.map((i) => (i as { v: string }).v) : undefined;
  if (!isPathValue(first)) return false;
  // Routers as values only: probing every handler for a router it hands requests to (useCall's
  // routerDelegatedBy) would run each route's handler once more.
  const handlers = flatHandlers(args.slice(1));
  if (!handlers.some((h) => h.k === 'router')) return false;
  // A pattern we could not evaluate lets every route of the router through, but only as far as we can say.
  for (const pattern of patterns ?? ['*']) x.addUse(r, undefined, handlers, site, { through: { method: verbOf(method), pattern } });
  return true;
}

/**
 * `app.all('/api/*', passport.authByAccessToken)`: a verb whose pattern has a wildcard and whose every handler is
 * middleware — it passes the request on (`next()` outside any test), or refuses and takes a `next` — is no route: it
 * runs before every later route its method and pattern match, as `use` would for a prefix. Each handler's own
 * answers (a 403) are its refusals.
 */
export function verbMiddleware(x: Interp, r: RouterNode, method: string, args: Value[], site: SiteRef): boolean {
  if (!EXPRESS_VERBS.has(method) || args.length < 2) return false;
  const first = args[0]!;
  const patterns = first.k === 'str' ? [first.v] : first.k === 'arr' && first.items.every((i) => i.k === 'str') ? first.items.map((i) => (i as { v: string }).v) : undefined;
  // Plain Express 4 patterns only: a regular expression written as a string (`'(/+api|/+api/*)?'`) stays a route.
  if (!patterns?.length || !patterns.every((p) => p.includes('*') && /^[\w$./:*-]+$/.test(p))) return false;
  const handlers = flatHandlers(args.slice(1));
  // A route's handler may take `next` too (to hand it an error): middleware passes the request on with a bare `next()`,
  // here or in a callback of its own (`users.getByAccessToken(token).then((user) => { req.user = user; next(); })`).
  const passesOn = (h: Value): boolean => {
    const fact = h.k === 'fn' ? x.fnFact(h) : undefined;
    if (!fact || h.k !== 'fn' || fact.params.length !== 3) return false;
    if (fact.nextAlways || (fact.refusals?.length && callsBareNext(x, h.file, h.fn, fact.params[2]!))) return true;
    // Or it only ever redirects, else passes on (`if (sslRedir && !req.secure) return res.redirect(https…); next()`):
    // it serves nothing of its own there. A fallback that sends a page (an SPA's `sendFile`) stays a route.
    return redirectsOnly(fact.ops, fact.params[0], fact.params[1]) && callsBareNext(x, h.file, h.fn, fact.params[2]!);
  };
  if (!handlers.length || !handlers.every(passesOn)) return false;
  for (const pattern of patterns) x.addUse(r, undefined, handlers, site, { through: { method: verbOf(method), pattern } });
  return true;
}

/**
 * Whether the body answers on the response `res` and every answer is `res.redirect(…)` to the request's own URL
 * (`https://${req.hostname}${req.originalUrl}`): the same resource elsewhere (https, a canonical host). A redirect
 * to a target the route looks up (a short link's destination) is the route's answer: not this.
 */
function redirectsOnly(ops: FnFact['ops'], req: string | undefined, res: string | undefined): boolean {
  if (!res || !req || !/^[A-Za-z_$][\w$]*$/.test(res)) return false;
  const readsOwnUrl = (e: Expr, d: number): boolean => d < 12 && ((e[0] === 'm' && e[1][0] === 'id' && e[1][1] === req && /^(originalUrl|url)$/.test(e[2])) || subExprs(e).some((sub) => readsOwnUrl(sub, d + 1)));
  let redirects = false;
  let other = false;
  const visit = (e: Expr, d: number): void => {
    if (other || d > 30) return;
    // The response handed to any other code may be answered there.
    if (e[0] === 'c' && e[2].some((a) => a[0] === 'id' && a[1] === res)) other = true;
    if (e[0] === 'c' && e[1][0] === 'm' && e[1][1][0] === 'id' && e[1][1][1] === res) {
      if (e[1][2] === 'redirect' && e[2].some((a) => readsOwnUrl(a, 0))) redirects = true;
      else if (!/^(set|setHeader|header|status|vary|append|location)$/.test(e[1][2])) other = true;
    }
    for (const sub of subExprs(e)) visit(sub, d + 1);
  };
  walkOps(ops, (op) => opExprs(op).forEach((e) => visit(e, 0)));
  return redirects && !other;
}

/** Whether the function (or one written inside it) calls `next()` with no argument. */
function callsBareNext(x: Interp, file: string, fn: number, next: string): boolean {
  const seen = new Set<number>();
  const todo = [fn];
  let found = false;
  const visit = (e: Expr, d: number): void => {
    if (found || d > 30) return;
    if (e[0] === 'c' && e[1][0] === 'id' && e[1][1] === next && e[2].length === 0) found = true;
    if (e[0] === 'f' && !seen.has(e[1])) todo.push(e[1]);
    for (const sub of subExprs(e)) visit(sub, d + 1);
  };
  while (todo.length && !found && seen.size < 16) {
    const i = todo.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    const fact = x.program.facts.get(file)?.fns[i];
    if (fact) walkOps(fact.ops, (op) => opExprs(op).forEach((e) => visit(e, 0)));
  }
  return found;
}

/**
 * Whether a route of a router reached through `through` answers there: its method is the verb's
 * (or the verb is `all`), and a request to its path as written matches the verb's pattern (Express
 * 4 patterns: `*` any text, `:name` one segment, `?` the part before it optional).
 */
export function passesThrough(through: { method: string; pattern: string }, method: string, path: string): boolean {
  if (through.method !== 'ANY' && method !== 'ANY' && method !== through.method && !(through.method === 'GET' && method === 'HEAD')) return false;
  if (through.pattern === '*' || through.pattern === '/*') return true;
  // Requests the route answers: each parameter one sample segment, a wildcard some text, an
  // optional parameter given or left out ('/times/:prefix?' answers '/times' and '/times/x').
  const fill = (p: string): string => p.replace(/:[\w$]+(\([^)]*\))?\??/g, 'x').replace(/\{[^}]*\}/g, 'x').replace(/\*/g, 'x') || '/';
  const re = patternRegex(through.pattern);
  return [fill(path), fill(path.replace(/\/:[\w$]+\?/g, ''))].some((sample) => re.test(sample));
}

function patternRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const param = /^:[\w$]+/.exec(pattern.slice(i));
    if (param) {
      re += '[^/]+';
      i += param[0].length - 1;
    } else if (c === '*') re += '.*';
    else if (c === '?') re = re.replace(/(\[\^\/\]\+|.)$/, '(?:$1)?');
    else re += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  // Express matches a route path whole, a trailing slash allowed (non-strict routing).
  return new RegExp(`^${re}\\/?$`, 'i');
}

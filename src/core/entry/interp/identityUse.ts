// Is the identity a token decoder sets ever used by a route? A decoder that lets anonymous
// requests through (`req.user = anonymous; next()`) makes a route "anonymous allowed" only when
// the route looks at who is calling; a route that never reads what the decoder set (`GET /ping`)
// is open to everyone exactly as if the decoder were not there. Decided from the code only, and
// only when all of it is visible: the decoder's own assignments, the handler's and the route
// middleware's reads. Anything we cannot see (a decoder that is not a function of ours, a
// middleware from a package, the request handed to another function) keeps the route optional.
import type { Expr, When } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue, Value } from './values';
import { valueText } from './values';
import { holdsCode, identityFree } from './identityFreeMiddleware';
import { AUTHISH } from '../frameworks/knownGuards';
import { calleePackage, calleesOf, moduleBound } from './identityCalls';
import { SIGN_IN_CALL } from './handlerCheck';
import { opExprs, subExprs, walkOps, whenOf, withClosures, within } from './opWalk';
import { contextAsParam } from './thisContext';
import { mayFeedViews, VIEWS_BLIND } from './expressViews';

/** Deepest nesting of closures and of expressions followed. */
const MAX_DEPTH = 40;
/** Where Express keeps request-scoped values beside the request (`res.locals.user`). */
const LOCALS = new Set(['locals', 'state']);
/** Among the properties the decoders set: a mark (no property's name) that one was set in such a bag. */
const BAG_WRITTEN = '\u0000bag';

/**
 * When no route code reads what the decoders set: where they set it, as written (`req.remote_user`,
 * `ctx.state.auth`), for the reason ([] when what they set is out of sight and the route reads
 * nothing a middleware could have set). Undefined when something reads them, or when we cannot
 * tell. No handler: one that reads nothing of the request (a static file server).
 * `expressChain`: an Express route's middleware before it, decoders included (expressViews.ts):
 * its templates see the caller only if the decoders or one of those put it in the locals.
 */
export function identityUnused(x: Interp, decoders: FnValue[], handler: FnValue | undefined, routeMiddleware: Value[], appWide = false, expressChain?: Value[]): string[] | undefined {
  if (!decoders.length) return undefined;
  const props = new Set<string>();
  const written = new Set<string>();
  for (const d of decoders) {
    for (const f of [d, ...x.probeCalls(d).fns]) {
      for (const p of assignedProps(x, f)) {
        props.add(p.prop);
        written.add(p.text);
        // Set in the request's bag (`ctx.state.user`): what a Koa template is given.
        if (p.text.split('.').length > 2) props.add(BAG_WRITTEN);
      }
    }
  }
  const readers: FnValue[] = handler ? [handler] : [];
  for (const m of routeMiddleware) {
    if (m.k === 'ext' && identityFree(m)) continue;
    // The decoders run for every route (app- or router-wide, none on the route's own list): the
    // route is "anonymous allowed" only if its own code is seen using the caller. A middleware of
    // its list we cannot read (a request validator a service builds, a list the interpreter could
    // not evaluate) is no evidence of that, unless it is named like an auth check or is a package's
    // middleware given a function of ours (`keyGenerator: (req) => req.user.id`).
    if (appWide && (m.k === 'unknown' || (m.k === 'ext' && !holdsCode(m, 0))) && !AUTHISH.test(valueText(m))) continue;
    if (m.k !== 'fn') return undefined; // a middleware whose code we cannot see may read anything
    readers.push(m);
  }
  // What the decoders set is out of sight (a session made by code they hand the request to): the
  // route uses none of it only if it looks at nothing of the request beyond its URL and headers.
  if (!props.size) return readers.some((r) => touchesRequest(x, r)) ? undefined : [];
  const isDecoder = (m: Value) => m.k === 'fn' && decoders.some((d) => d.file === m.file && d.fn === m.fn);
  if (expressChain && !props.has(BAG_WRITTEN) && !expressChain.some((m) => !isDecoder(m) && mayFeedViews(x, m, (f) => uses(x, f, props)))) props.add(VIEWS_BLIND);
  for (const r of readers) if (uses(x, r, props)) return undefined;
  return [...written].sort();
}

/** Packages that find the client's address in the connection and forwarding headers, and read nothing else of the request. */
const ADDRESS_ONLY = /^(proxy-addr|request-ip|forwarded|forwarded-for)$/;

/**
 * Does `f` (with its closures) leave the request as it found it: no property set on the request
 * or on `res.locals`, and neither handed to other code (`Object.assign(req, …)`, `load(req)`)?
 * `next` called with nothing or an error does not count. Such a middleware gives the route no
 * identity, whatever credential it reads.
 */
export function leavesRequestAlone(x: Interp, f: FnValue): boolean {
  const fact = x.fnFact(f);
  if (!fact) return false;
  const [req, res, next] = contextAsParam(fact).params;
  if (!req || !/^[\w$]+$/.test(req)) return false;
  for (const { fact, roots } of withClosures(x, f)) {
    const mine = (name: string) => roots.has(name) && (name === req || name === res);
    let touched = false;
    const visit = (e: Expr, depth: number): void => {
      if (touched || depth > MAX_DEPTH) {
        touched ||= depth > MAX_DEPTH;
        return;
      }
      if (e[0] === 'c' || e[0] === 'new') {
        const isNext = e[1][0] === 'id' && e[1][1] === next;
        if (!isNext && e[2].some((a) => a[0] === 'id' && mine(a[1]))) touched = true;
      }
      if (e[0] === '?' && new RegExp(`\\b(${[req, res].filter(Boolean).map((n) => n!.replace(/\$/g, '\\$')).join('|')})\\b`).test(e[1])) touched = true;
      for (const sub of subExprs(e)) visit(sub, depth + 1);
    };
    walkOps(fact.ops, (op) => {
      if (op[0] === 'set') {
        let t: Expr = op[1];
        while ((t[0] === 'm' || t[0] === 'ix') && !touched) t = t[1];
        if (t[0] === 'id' && mine(t[1])) touched = true;
      }
      for (const e of opExprs(op)) visit(e, 0);
    });
    if (touched) return false;
  }
  return true;
}

/** Parts of a request that the client wrote (its URL and headers), not what middleware set on it. */
const REQUEST_LINE = new Set(['url', 'originalUrl', 'baseUrl', 'path', 'method', 'params', 'query', 'headers', 'hostname', 'protocol', 'secure', 'get', 'header', 'accepts', 'is']);

/** Does `f` (with its closures) read the request beyond REQUEST_LINE, `res.locals`, or hand the request on? */
function touchesRequest(x: Interp, f: FnValue): boolean {
  const fact = x.fnFact(f);
  if (!fact) return true;
  const [req, res] = contextAsParam(fact).params;
  if (req?.startsWith('{')) return true;
  for (const { fact, roots } of withClosures(x, f)) {
    let found = false;
    const visit = (e: Expr, depth: number): void => {
      if (found || depth > MAX_DEPTH) {
        found ||= depth > MAX_DEPTH;
        return;
      }
      if (e[0] === 'm' && e[1][0] === 'id' && roots.has(e[1][1])) {
        if (e[1][1] === req && !REQUEST_LINE.has(e[2])) found = true;
        if (e[1][1] === res && LOCALS.has(e[2])) found = true;
        return;
      }
      if (e[0] === 'id') {
        if (e[1] === req && roots.has(e[1])) found = true;
        return;
      }
      if (e[0] === '?') {
        if (req && new RegExp(`\\b${req.replace(/\$/g, '\\$')}\\b`).test(e[1])) found = true;
        return;
      }
      for (const sub of subExprs(e)) visit(sub, depth + 1);
    };
    walkOps(fact.ops, (op) => {
      if (op[0] === 'pat' && op[2][0] === 'id' && op[2][1] === req && roots.has(req)) found = true;
      for (const e of opExprs(op)) visit(e, 0);
    });
    if (found) return true;
  }
  return false;
}

/** `req.user = …`, `req.user.error = …`, `res.locals.user = …` in `f` and its closures: the property set on the request. */
function assignedProps(x: Interp, f: FnValue): { prop: string; text: string }[] {
  const out: { prop: string; text: string }[] = [];
  for (const { fact, roots } of withClosures(x, f)) {
    walkOps(fact.ops, (op) => {
      if (op[0] !== 'set') return;
      const p = requestProp(op[1], roots);
      if (p) out.push(p);
    });
  }
  return out;
}

/** Calls followed for one route: beyond this, what the request reaches is out of sight. */
const MAX_FOLLOWED = 150;
/** Deepest chain of calls followed from the handler. */
const MAX_CALL_DEPTH = 8;

/** The functions already judged for one route (by function and request position), and how many. */
interface Followed {
  known: Map<string, boolean>;
  count: number;
}

/**
 * Does `f` (with its closures) read one of `props`, or hand the request object to code that may?
 * `at`: the parameters that hold the request or the response (the first two for a handler). A call
 * given either is followed into the callee's code (identityCalls.ts); out of sight, it counts as a read.
 */
function uses(x: Interp, f: FnValue, props: Set<string>, at: number[] = [0, 1], followed: Followed = { known: new Map(), count: 0 }, depth = 0): boolean {
  const key = `${f.file}:${f.fn}:${at.join(',')}`;
  const known = followed.known.get(key);
  if (known !== undefined) return known;
  // A call back into a function being judged: what it reads is judged there.
  followed.known.set(key, false);
  if (++followed.count > MAX_FOLLOWED || depth > MAX_CALL_DEPTH) {
    followed.known.set(key, true);
    return true;
  }
  const found = usesOnce(x, f, props, at, followed, depth);
  followed.known.set(key, found);
  return found;
}

function usesOnce(x: Interp, f: FnValue, props: Set<string>, at: number[], followed: Followed, depth: number): boolean {
  const fact = x.fnFact(f);
  if (!fact) return true;
  const top = contextAsParam(fact);
  for (const i of at) {
    const p = top.params[i];
    // Destructured in the parameter list: read when it names one of the properties, or takes
    // what it names further apart (`{ state: { auth } }`) or whole (`...rest`).
    if (p?.startsWith('{') && (/[{[]|\.\.\./.test(p.slice(1, -1)) || p.slice(1, -1).split(',').some((k) => props.has(k.split(':')[0]!.trim())))) return true;
  }
  // Handed on at a position the callee has no parameter for (read through `arguments`, or a rest parameter).
  if (depth > 0 && at.some((i) => top.params[i] === undefined || top.params[i]!.startsWith('...'))) return true;
  const scopes = withClosures(x, f, at);
  for (const { fact, roots } of scopes) {
    let found = false;
    // The request or response handed to a call: followed into the callee, at the position it was given.
    // `prisma.user.findFirst(…)`: a member of a module's binding (a store client), not of the request.
    const outside = (name: string): boolean => !roots.has(name) && moduleBound(x, f, name);
    const follow = (callee: Expr, i: number): boolean => {
      // The function that signs the caller in (`signIn(ctx, 'email', { user })`) replaces the
      // identity: what it reads of the one it replaces (the actor of a sign-in event) is the way
      // in's, not a use of it by the route.
      if (SIGN_IN_CALL.test(calleeName(callee))) return false;
      // A package that reads only the client's address off the request (`proxyAddr(req, trust)`).
      if (ADDRESS_ONLY.test(calleePackage(x, f, callee) ?? '')) return false;
      const targets = calleesOf(x, f, callee);
      return !targets || targets.some((t) => uses(x, t, props, [i], followed, depth + 1));
    };
    // What this code itself set on the request (`req.remote_user = user` after checking a password):
    // read afterwards under the same tests, it is its own value, not the decoder's.
    const ownSets: { prop: string; when: When | undefined }[] = [];
    walkOps(fact.ops, (op) => {
      if (found) return;
      const when = whenOf(op);
      const here = ownSets.length ? new Set([...props].filter((p) => !ownSets.some((o) => o.prop === p && within(o.when, when)))) : props;
      if (op[0] === 'set') {
        const p = requestProp(op[1], roots);
        if (p && props.has(p.prop) && op[1][0] === 'm' && op[1][2] === p.prop) ownSets.push({ prop: p.prop, when });
      }
      // `return ctx.ctx ?? ctx` (a helper that finds the request in a wrapper): handing the request
      // back to the caller reads nothing; the caller's own reads of it count there (below).
      if (depth > 0 && op[0] === 'ret' && requestItself(op[1], roots, props)) return;
      // `const context = getKoaContext(ctx)`: a helper of that kind gives back the request, so the
      // name holds it.
      if (op[0] === 'let' && op[2][0] === 'c') {
        const call = op[2];
        const i = call[2].findIndex((a) => a[0] === 'id' && roots.has(a[1]));
        if (i >= 0 && call[2].every((a, k) => k === i || !reads(a, here, roots, 0))) {
          const targets = calleesOf(x, f, call[1]);
          if (targets?.length && targets.every((t) => givesRequestBack(x, t, i, props))) {
            // Closures may read it too: the name is the request in every one that does not rebind it
            // (more names for the request only find more reads).
            for (const sc of scopes) if (sc.roots === roots || !sc.fact.params.includes(op[1])) sc.roots.add(op[1]);
            return;
          }
        }
      }
      // `const { user } = req`, `const { auth } = ctx.state`: only the keys taken are read.
      if (op[0] === 'pat' && ((op[2][0] === 'id' && roots.has(op[2][1])) || isLocals(op[2], roots))) {
        found = op[1].some(([, key]) => here.has(key));
        return;
      }
      for (const e of opExprs(op)) if (!found && reads(e, here, roots, 0, follow, outside)) found = true;
    });
    if (found) return true;
  }
  return false;
}

/** The request itself, or one of its members that no decoder sets, or a choice among those (`ctx.ctx ?? ctx`). */
function requestItself(e: Expr, roots: Set<string>, props: Set<string>): boolean {
  if (e[0] === 'id') return roots.has(e[1]);
  if (e[0] === 'm') return e[1][0] === 'id' && roots.has(e[1][1]) && !props.has(e[2]) && !LOCALS.has(e[2]);
  if (e[0] === 'or' || e[0] === 'alt') return requestItself(e[1], roots, props) && requestItself(e[2], roots, props);
  return false;
}

/** A function whose every return gives back the request it was handed at `i` (`getKoaContext(ctx)`), and that does nothing else. */
function givesRequestBack(x: Interp, g: FnValue, i: number, props: Set<string>): boolean {
  const fact = x.fnFact(g);
  const p = fact?.params[i];
  if (!fact || !p || !/^[\w$]+$/.test(p) || !fact.ops.length) return false;
  const roots = new Set([p]);
  return fact.ops.every((op) => op[0] === 'ret' && requestItself(op[1], roots, props));
}

function reads(e: Expr, props: Set<string>, roots: Set<string>, depth: number, follow?: (callee: Expr, i: number) => boolean, outside?: (name: string) => boolean): boolean {
  if (depth > MAX_DEPTH) return true;
  switch (e[0]) {
    case 'id':
      // The request itself, anywhere but as the object of a member read: handed on to other code.
      return roots.has(e[1]);
    case 'm':
      // `req.body.token`, `req.query.user`: a field the client sent, not what a decoder set on the request.
      if (props.has(e[2]) && !clientData(e[1], roots) && !(e[1][0] === 'id' && outside?.(e[1][1]))) return true;
      // `res.locals.user`, `ctx.state.auth`: one value of the bag, read by name.
      if (isLocals(e[1], roots)) return false;
      // The bag itself (`Object.assign({}, res.locals)`, `view(ctx.state)`): all of it handed on,
      // which reads the identity only if a decoder put it there (`res.locals = { ...res.locals, route }`
      // after a decoder that set `req.user` copies nothing of the caller).
      if (isLocals(e, roots)) return props.has(BAG_WRITTEN);
      if (e[1][0] === 'id') return false;
      return reads(e[1], props, roots, depth + 1, follow, outside);
    case 'ix':
      return reads(e[1], props, roots, depth + 1, follow, outside) || reads(e[2], props, roots, depth + 1, follow, outside);
    case 'c':
    case 'new': {
      // The response handed to a helper that only answers with it (`urlUtils.redirect301(res, url)`):
      // a redirect reads no identity. What else the call is given still counts.
      // The request itself as an argument: the callee's code decides (when it can be followed).
      const writer = e[0] === 'c' && RESPONSE_WRITER.test(calleeName(e[1]));
      // A template rendered (`res.render(view, data)`, `ctx.render(…)`) sees every request-scoped
      // value (Express merges res.locals into the view's data): what the template reads is out of sight.
      // Koa's (`this.render(…)` of a Koa 0.x middleware, thisContext.ts) gives the template the
      // context's state only (koa-ejs, koa-views): it sees a decoder's value only if that was set there.
      // Express's sees the locals and its data only: with no identity in the locals (VIEWS_BLIND,
      // expressViews.ts), what the data holds decides, read below as any call's arguments.
      if (e[0] === 'c' && e[1][0] === 'm' && e[1][1][0] === 'id' && roots.has(e[1][1][1]) && /^render/.test(e[1][2]) && !(props.has(VIEWS_BLIND) && e[1][1][1] !== 'this')) return e[1][1][1] !== 'this' || props.has(BAG_WRITTEN);
      // A root called (`next()` of a Koa middleware `(ctx, next)`, whose second parameter is no response) reads nothing.
      const callsRoot = e[1][0] === 'id' && roots.has(e[1][1]);
      return (
        (!callsRoot && reads(e[1], props, roots, depth + 1, follow, outside)) ||
        e[2].some((a, i) => {
          if (a[0] === 'id' && roots.has(a[1])) return !writer && (e[0] !== 'c' || !follow || follow(e[1], i));
          // The request in a bag handed to the function that signs the caller in (`login({ strategy }, { req, res })`):
          // replaced, not read, as when handed bare (SIGN_IN_CALL in usesOnce's follow).
          if (a[0] === 'o' && e[0] === 'c' && follow && SIGN_IN_CALL.test(calleeName(e[1]))) return a[1].some(([k, v]) => (typeof k !== 'string' && reads(k, props, roots, depth + 1, follow, outside)) || (!(v[0] === 'id' && roots.has(v[1])) && reads(v, props, roots, depth + 1, follow, outside)));
          return reads(a, props, roots, depth + 1, follow, outside);
        })
      );
    }
    case 'cat':
    case 'a':
      return e[1].some((a) => reads(a, props, roots, depth + 1, follow, outside));
    case 'o':
      return e[1].some(([k, v]) => (typeof k !== 'string' && reads(k, props, roots, depth + 1, follow, outside)) || reads(v, props, roots, depth + 1, follow, outside));
    case 'or':
    case 'alt':
      return reads(e[1], props, roots, depth + 1, follow, outside) || reads(e[2], props, roots, depth + 1, follow, outside);
    case 'kw':
      return reads(e[2], props, roots, depth + 1, follow, outside);
    case '?':
      // Kept as text: look for the property by name.
      return [...props].some((p) => new RegExp(`\\.${p}\\b`).test(e[1]));
    default:
      return false;
  }
}

/** Parts of the request that hold what the client sent (`req.body`, `ctx.request.body`), whatever their fields are named. */
const CLIENT_DATA = new Set(['body', 'query', 'params', 'headers', 'cookies', 'signedCookies']);

/** `req.body`, `req.query`, `ctx.request.body`: a bag of the client's own values. */
function clientData(e: Expr, roots: Set<string>): boolean {
  if (e[0] !== 'm' || !CLIENT_DATA.has(e[2])) return false;
  const o = e[1];
  return (o[0] === 'id' && roots.has(o[1])) || (o[0] === 'm' && o[2] === 'request' && o[1][0] === 'id' && roots.has(o[1][1]));
}

/** `res.locals`, `ctx.state`: where middleware keep request-scoped values. */
function isLocals(e: Expr, roots: Set<string>): boolean {
  return e[0] === 'm' && LOCALS.has(e[2]) && e[1][0] === 'id' && roots.has(e[1][1]);
}

/** Helpers that answer a request with a redirect or a status and nothing else, named so. */
const RESPONSE_WRITER = /^(redirect\w*|sendStatus|writeHead)$/;

function calleeName(e: Expr): string {
  return e[0] === 'id' ? e[1] : e[0] === 'm' ? e[2] : '';
}

/** The request property a `set` target writes: `req.user` → user, `res.locals.user` → user (with `res.locals.user` as written). */
function requestProp(target: Expr, roots: Set<string>): { prop: string; text: string } | undefined {
  const chain: string[] = [];
  let e: Expr = target;
  for (let i = 0; e[0] === 'm' && i < MAX_DEPTH; i++) {
    chain.unshift(e[2]);
    e = e[1];
  }
  if (e[0] !== 'id' || !roots.has(e[1]) || !chain.length) return undefined;
  const n = LOCALS.has(chain[0]!) ? 2 : 1;
  const prop = chain[n - 1];
  return prop ? { prop, text: [e[1], ...chain.slice(0, n)].join('.') } : undefined;
}


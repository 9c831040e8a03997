// Is the identity a token decoder sets ever used by a route? A decoder that lets anonymous
// requests through (`req.user = anonymous; next()`) makes a route "anonymous allowed" only when
// the route looks at who is calling; a route that never reads what the decoder set (`GET /ping`)
// is open to everyone exactly as if the decoder were not there. Decided from the code only, and
// only when all of it is visible: the decoder's own assignments, the handler's and the route
// middleware's reads. Anything we cannot see (a decoder that is not a function of ours, a
// middleware from a package, the request handed to another function) keeps the route optional.
import type { Expr, FnFact, Op } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue, Value } from './values';

/** Deepest nesting of closures and of expressions followed. */
const MAX_DEPTH = 40;
/** Where Express keeps request-scoped values beside the request (`res.locals.user`). */
const LOCALS = new Set(['locals', 'state']);

/**
 * When no route code reads what the decoders set: the names of the request properties they set
 * (`remote_user`), for the reason ([] when what they set is out of sight and the route reads
 * nothing a middleware could have set). Undefined when something reads them, or when we cannot
 * tell. No handler: one that reads nothing of the request (a static file server).
 */
export function identityUnused(x: Interp, decoders: FnValue[], handler: FnValue | undefined, routeMiddleware: Value[]): string[] | undefined {
  if (!decoders.length) return undefined;
  const props = new Set<string>();
  for (const d of decoders) {
    for (const f of [d, ...x.probeCalls(d).fns]) for (const p of assignedProps(x, f)) props.add(p);
  }
  const readers: FnValue[] = handler ? [handler] : [];
  for (const m of routeMiddleware) {
    if (m.k !== 'fn') return undefined; // a middleware whose code we cannot see may read anything
    readers.push(m);
  }
  // What the decoders set is out of sight (a session made by code they hand the request to): the
  // route uses none of it only if it looks at nothing of the request beyond its URL and headers.
  if (!props.size) return readers.some((r) => touchesRequest(x, r)) ? undefined : [];
  for (const r of readers) if (uses(x, r, props)) return undefined;
  return [...props].sort();
}

/**
 * Does `f` (with its closures) leave the request as it found it: no property set on the request
 * or on `res.locals`, and neither handed to other code (`Object.assign(req, …)`, `load(req)`)?
 * `next` called with nothing or an error does not count. Such a middleware gives the route no
 * identity, whatever credential it reads.
 */
export function leavesRequestAlone(x: Interp, f: FnValue): boolean {
  const top = x.fnFact(f);
  if (!top) return false;
  const [req, res, next] = top.params;
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
  const top = x.fnFact(f);
  if (!top) return true;
  const [req, res] = top.params;
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

export function subExprs(e: Expr): Expr[] {
  switch (e[0]) {
    case 'm':
      return [e[1]];
    case 'ix':
    case 'or':
    case 'alt':
      return [e[1], e[2]];
    case 'c':
    case 'new':
      return [e[1], ...e[2]];
    case 'cat':
    case 'a':
      return e[1];
    case 'o':
      return e[1].flatMap(([k, v]) => (typeof k === 'string' ? [v] : [k, v]));
    case 'kw':
      return [e[2]];
    default:
      return [];
  }
}

/** `req.user = …`, `req.user.error = …`, `res.locals.user = …` in `f` and its closures: the property set on the request. */
function assignedProps(x: Interp, f: FnValue): string[] {
  const out: string[] = [];
  for (const { fact, roots } of withClosures(x, f)) {
    walkOps(fact.ops, (op) => {
      if (op[0] !== 'set') return;
      const p = requestProp(op[1], roots);
      if (p) out.push(p);
    });
  }
  return out;
}

/** Does `f` (with its closures) read one of `props`, or hand the request object to other code? */
function uses(x: Interp, f: FnValue, props: Set<string>): boolean {
  for (const { fact, roots } of withClosures(x, f)) {
    for (const p of fact.params) if (p.startsWith('{') && p.slice(1, -1).split(',').some((k) => props.has(k.split(':')[0]))) return true;
    let found = false;
    walkOps(fact.ops, (op) => {
      if (found) return;
      if (op[0] === 'pat' && op[2][0] === 'id' && roots.has(op[2][1])) {
        found = op[1].some(([, key]) => props.has(key));
        return;
      }
      for (const e of opExprs(op)) if (!found && reads(e, props, roots, 0)) found = true;
    });
    if (found) return true;
  }
  return false;
}

function reads(e: Expr, props: Set<string>, roots: Set<string>, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  switch (e[0]) {
    case 'id':
      // The request itself, anywhere but as the object of a member read: handed on to other code.
      return roots.has(e[1]);
    case 'm':
      if (props.has(e[2])) return true;
      if (e[1][0] === 'id') return false;
      return reads(e[1], props, roots, depth + 1);
    case 'ix':
      return reads(e[1], props, roots, depth + 1) || reads(e[2], props, roots, depth + 1);
    case 'c':
    case 'new': {
      // The response handed to a helper that only answers with it (`urlUtils.redirect301(res, url)`):
      // a redirect reads no identity. What else the call is given still counts.
      const writer = e[0] === 'c' && RESPONSE_WRITER.test(calleeName(e[1]));
      return reads(e[1], props, roots, depth + 1) || e[2].some((a) => !(writer && a[0] === 'id') && reads(a, props, roots, depth + 1));
    }
    case 'cat':
    case 'a':
      return e[1].some((a) => reads(a, props, roots, depth + 1));
    case 'o':
      return e[1].some(([k, v]) => (typeof k !== 'string' && reads(k, props, roots, depth + 1)) || reads(v, props, roots, depth + 1));
    case 'or':
    case 'alt':
      return reads(e[1], props, roots, depth + 1) || reads(e[2], props, roots, depth + 1);
    case 'kw':
      return reads(e[2], props, roots, depth + 1);
    case '?':
      // Kept as text: look for the property by name.
      return [...props].some((p) => new RegExp(`\\.${p}\\b`).test(e[1]));
    default:
      return false;
  }
}

/** Helpers that answer a request with a redirect or a status and nothing else, named so. */
const RESPONSE_WRITER = /^(redirect\w*|sendStatus|writeHead)$/;

function calleeName(e: Expr): string {
  return e[0] === 'id' ? e[1] : e[0] === 'm' ? e[2] : '';
}

/** The request property a `set` target writes: `req.user` → user, `res.locals.user` → user. */
function requestProp(target: Expr, roots: Set<string>): string | undefined {
  const chain: string[] = [];
  let e: Expr = target;
  for (let i = 0; e[0] === 'm' && i < MAX_DEPTH; i++) {
    chain.unshift(e[2]);
    e = e[1];
  }
  if (e[0] !== 'id' || !roots.has(e[1]) || !chain.length) return undefined;
  return LOCALS.has(chain[0]) ? chain[1] : chain[0];
}

/** `f` and the functions written inside it, each with the names the request and response go by there. */
function withClosures(x: Interp, f: FnValue): { fact: FnFact; roots: Set<string> }[] {
  const facts = x.factsOf(f.file);
  const top = x.fnFact(f);
  if (!facts || !top) return [];
  const rootsOf = new Map<number, Set<string>>([[f.fn, new Set(top.params.slice(0, 2).filter((p) => /^[\w$]+$/.test(p)))]]);
  const out = [{ fact: top, roots: rootsOf.get(f.fn)! }];
  // Closures come after their parent in the file's list.
  facts.fns.forEach((g, i) => {
    if (i <= f.fn || g.parent === undefined) return;
    const parentRoots = rootsOf.get(g.parent);
    if (!parentRoots) return;
    // A closure's own parameters shadow the names it inherits.
    const roots = new Set([...parentRoots].filter((r) => !g.params.includes(r)));
    rootsOf.set(i, roots);
    out.push({ fact: g, roots });
  });
  return out.slice(0, 200);
}

export function walkOps(ops: Op[], visit: (op: Op) => void, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  for (const op of ops) {
    visit(op);
    if (op[0] === 'for') walkOps(op[3], visit, depth + 1);
    if (op[0] === 'argc') for (const arm of [op[3], op[4]]) walkOps(arm, visit, depth + 1);
    // A try whose catch swallows errors still runs its body on the request.
    if (op[0] === 'quiet') walkOps(op[1], visit, depth + 1);
  }
}

export function opExprs(op: Op): Expr[] {
  switch (op[0]) {
    case 'call':
    case 'ret':
      return [op[1]];
    case 'let':
    case 'pat':
      return [op[2]];
    case 'set':
      // Writing `req.url = …` is no read; what is written may be.
      return op[1][0] === 'm' ? [op[2], ...memberObjects(op[1])] : [op[2]];
    case 'for':
      return [op[2]];
    case 'deco':
      return op[1];
    default:
      return [];
  }
}

/** The computed parts of an assignment target (`req.cache[key(req.user)] = …`), which are read. */
function memberObjects(target: Expr): Expr[] {
  const out: Expr[] = [];
  let e = target;
  for (let i = 0; (e[0] === 'm' || e[0] === 'ix') && i < MAX_DEPTH; i++) {
    if (e[0] === 'ix') out.push(e[2]);
    e = e[1];
  }
  return out;
}

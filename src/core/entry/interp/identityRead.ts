// A handler that reads the caller's identity off the request itself: `req.isAuthenticated()` to
// choose what the index shows, `req.user ? req.user.deleteToken : ''`, `req.user.id` as the owner
// of what it creates, a per-object permission (`checkViewPermission(req, note)`: private notes for
// their owner, most for anyone). No middleware on the route refuses or reads who is calling (a
// session loader such as `passport.session()` only attaches the user when there is one), yet the
// answer depends on it: the identity is used when present and anonymous callers are answered too —
// "anonymous allowed", not "open". (A handler that refuses callers without it is found by
// handlerCheck.ts first.) Positive evidence only: a read seen in our code, in the handler or in code
// of ours the request is handed to (followed as identityCalls.ts resolves calls); code out of sight
// proves nothing either way and adds nothing.
import type { Cond, Expr, Op } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { calleesOf } from './identityCalls';
import { condExprs, opExprs, subExprs, walkOps, whenOf, withClosures } from './opWalk';
import { walkLevels } from './callLevels';
import { contextAsParam, eggAction, sailsAction } from './thisContext';

/** Members of the request that are the caller (passport's `user`, `isAuthenticated()`, `isUnauthenticated()`, `logout()` ending the caller's login; `currentUser`, the name apps that set the caller themselves use). */
const CALLER = new Set(['user', 'currentUser', 'isAuthenticated', 'isUnauthenticated', 'logout', 'logOut']);
/** Members of the request's session that are the signed-in caller (`req.session.user`, `req.session.userId`, passport's `req.session.passport`). */
const SESSION_CALLER = /^(user(_?id)?|passport|currentUser|member(_?id)?)$/i;
/** Deepest chain of calls followed from the handler (handler → findNote → checkViewPermission). */
const MAX_CALL_DEPTH = 3;
/** Functions read at most, per route. */
const MAX_FNS = 40;
const MAX_EXPR_DEPTH = 40;

export interface IdentityRead {
  /** As written: `req.isAuthenticated()`, `req.user`. */
  text: string;
  /** The function that reads it, and where. */
  fnName: string;
  file: string;
  line: number;
}

/** Where `f` (or code of ours it hands its request to) reads the caller's identity off the request, if anywhere. */
export function handlerIdentityRead(x: Interp, f: FnValue): IdentityRead | undefined {
  return walkLevels([{ fn: f, at: 0 }], ({ fn, at }) => `${fn.file}:${fn.fn}:${at}`, MAX_CALL_DEPTH, MAX_FNS, ({ fn, at }, depth, next) =>
    readIn(x, fn, at, depth < MAX_CALL_DEPTH ? next : undefined));
}

/** A read of the caller in `f` and its closures, the request being its parameter `at`; the calls handed the request go to `handedTo`. */
function readIn(x: Interp, f: FnValue, at: number, handedTo: { fn: FnValue; at: number }[] | undefined): IdentityRead | undefined {
  const raw = x.fnFact(f);
  // A Sails actions2 fn's request is `this.req`, an Egg action's `this.ctx`: read as its parameter (thisContext.ts).
  const top = raw && (sailsAction(raw) || eggAction(raw)) ? contextAsParam(raw) : raw;
  const req = top?.params[at];
  const authLocal = req ? contextAuthLocal(req) : undefined;
  if (!top || !req || (!/^[\w$]+$/.test(req) && !authLocal)) return undefined;
  for (const { fact, roots: own } of withClosures(x, f, [at])) {
    // A context taken apart (`{ view, auth }: HttpContext`): its `auth` is the caller's (`auth.user`).
    const roots = authLocal && !(fact !== top && fact.params.includes(authLocal)) ? new Set([...own, authLocal]) : own;
    let found: string | undefined;
    // A credential header read counts only where every test above it reads the request (`if (req.auth_token)
    // return …`), not where it is asked of some item (`if (link.password)`: a link's password sent as basic
    // auth, a secret of the link rather than the caller's).
    let credentialOk = true;
    const visit = (e: Expr, depth: number): void => {
      if (found || depth > MAX_EXPR_DEPTH) return;
      const text = callerRead(e, roots, credentialOk);
      if (text) {
        found = text;
        return;
      }
      if (e[0] === '?') {
        const m = new RegExp(`\\b(${[...roots].map((r) => r.replace(/\$/g, '\\$')).join('|')})\\s*\\.\\s*(user|isAuthenticated|isUnauthenticated)\\b`).exec(e[1]);
        if (roots.size && m) found = m[0].replace(/\s+/g, '');
        if (credentialOk) found ??= credentialHeaderText(e[1], roots);
        return;
      }
      if (handedTo && e[0] === 'c') {
        e[2].forEach((a, i) => {
          if (a[0] !== 'id' || !roots.has(a[1])) return;
          for (const g of calleesOf(x, f, e[1]) ?? []) if (g.file !== f.file || g.fn !== f.fn) handedTo.push({ fn: g, at: i });
        });
      }
      for (const sub of subExprs(e)) visit(sub, depth + 1);
    };
    const ops: Op[] = [];
    walkOps(fact.ops, (op) => ops.push(op));
    const given: Given = { roots, params: new Set([...top.params, ...fact.params]), locals: new Map() };
    for (const op of ops) if (op[0] === 'let') given.locals.set(op[1], op[2]);
    for (const [i, op] of ops.entries()) {
      if (found) break;
      const tests = whenOf(op)?.w ?? [];
      credentialOk = tests.every((t) => readsRequest(t.cond, roots));
      // Run only under one configuration (`if (uploads === 'registered' && !req.isAuthenticated())`
      // with uploads open to all by default): a read there is that configuration's, as a refusal
      // there is (helperRefusal.ts testsSetting).
      if (tests.some((t) => t.holds && comparesSetting(t.cond, given))) continue;
      // The test's own calls run just before its arm (`['call', req.isAuthenticated()]`): judged with that test.
      // Its arm carries that test besides the ones the call sits under (an early return's before it).
      if (op[0] === 'call' && callerRead(op[1][0] === 'c' ? op[1][1] : op[1], roots)) {
        const armTests = ((ops[i + 1] && whenOf(ops[i + 1]!)?.w) ?? []).filter((t) => !tests.some((u) => u.offset === t.offset));
        const own = armTests.reduce<(typeof armTests)[number] | undefined>((a, t) => (!a || t.offset > a.offset ? t : a), undefined);
        if (own && comparesSetting(own.cond, given)) continue;
      }
      // `if (req.user)`: a test of the caller is a read of it.
      for (const t of tests) if (!found && !comparesSetting(t.cond, given)) for (const e of condExprs(t.cond)) visit(e, 0);
      // `const { user } = req`
      // `const { session: { user } = {} } = req` (the key path `session.user`): the session's caller.
      const callerKey = (key: string): boolean => CALLER.has(key) || (key.startsWith('session.') && SESSION_CALLER.test(key.slice(8)));
      if (op[0] === 'pat' && op[2][0] === 'id' && roots.has(op[2][1]) && op[1].some(([, key]) => callerKey(key))) {
        found = `${op[2][1]}.${op[1].find(([, key]) => callerKey(key))![1]}`;
        break;
      }
      for (const e of opExprs(op)) visit(e, 0);
    }
    if (found) return { text: found, fnName: fact.name.replace(/^<anon@\d+>$/, top.name.replace(/^<anon@\d+>$/, 'the handler')), file: f.file, line: fact.start };
  }
  return undefined;
}

/**
 * The local a destructured context parameter binds its `auth` to (`{ view, auth }`, `{ auth: a }`):
 * AdonisJS's request-scoped authenticator, whose `user` is the caller; or its `ctx`, the context a
 * tRPC procedure is handed (`({ input, ctx }) => …`), whose `user` is the caller too.
 */
function contextAuthLocal(param: string): string | undefined {
  if (!param.startsWith('{')) return undefined;
  for (const pair of param.slice(1, -1).split(',')) {
    const [key, local = key] = pair.split(':').map((t) => t.trim());
    if ((key === 'auth' || key === 'ctx') && local && /^[\w$]+$/.test(local)) return local;
  }
  return undefined;
}

/**
 * A header that carries the caller's credential: `Authorization`, or one named for an API key, secret or
 * access token (`api-secret`, `x-api-key`, `x-access-token`). Headers only: a token in the query is as
 * often a one-time link's (a password reset, a verification) as a caller's.
 */
const CREDENTIAL_HEADER = /^(authorization|(x-)?(api[-_]?(key|secret|token)|access[-_]?token|auth[-_]?token))$/i;

/** `req.header('api-secret')`, `req.get('Authorization')`, `req.headers.authorization`, `req.headers['x-api-key']`: the caller's credential read, as written. */
function credentialHeaderRead(e: Expr, roots: Set<string>): string | undefined {
  const isRoot = (o: Expr): boolean => o[0] === 'id' && roots.has(o[1]);
  if (e[0] === 'c' && e[1][0] === 'm' && (e[1][2] === 'header' || e[1][2] === 'get') && isRoot(e[1][1])) {
    const a = e[2][0];
    if (e[2].length === 1 && a?.[0] === 's' && CREDENTIAL_HEADER.test(a[1])) return `${(e[1][1] as ['id', string])[1]}.${e[1][2]}('${a[1]}')`;
    return undefined;
  }
  const headers = (o: Expr): o is ['m', Expr, string] => o[0] === 'm' && o[2] === 'headers' && isRoot(o[1]);
  if (e[0] === 'm' && headers(e[1]) && CREDENTIAL_HEADER.test(e[2])) return `${(e[1][1] as ['id', string])[1]}.headers.${e[2]}`;
  if (e[0] === 'ix' && headers(e[1]) && e[2][0] === 's' && CREDENTIAL_HEADER.test(e[2][1])) return `${(e[1][1] as ['id', string])[1]}.headers['${e[2][1]}']`;
  return undefined;
}

/** Does the test read the request (a name of `roots`) somewhere? */
function readsRequest(c: Cond, roots: Set<string>): boolean {
  const seen = (e: Expr, d: number): boolean => d < MAX_EXPR_DEPTH && ((e[0] === 'id' && roots.has(e[1])) || (e[0] === '?' && [...roots].some((r) => new RegExp(`\\b${r.replace(/\$/g, '\\$')}\\b`).test(e[1]))) || subExprs(e).some((s) => seen(s, d + 1)));
  return condExprs(c).some((e) => seen(e, 0));
}

/** The same read in an expression kept as text (`!!req.get('X-Api-Key')`). */
function credentialHeaderText(text: string, roots: Set<string>): string | undefined {
  if (!roots.size) return undefined;
  const names = [...roots].map((r) => r.replace(/\$/g, '\\$')).join('|');
  const header = CREDENTIAL_HEADER.source.slice(1, -1).replace(/\((?!\?)/g, '(?:');
  const m = new RegExp(`\\b(${names})\\s*\\.\\s*((get|header)\\s*\\(\\s*(['"])${header}\\4\\s*\\)|headers\\s*(\\.\\s*${header}\\b|\\[\\s*(['"])${header}\\6\\s*\\]))`, 'i').exec(text);
  return m ? m[0].replace(/\s+/g, '') : undefined;
}

/**
 * `req.user`, `req.isAuthenticated` (called or not), `req.session.userId`, `ctx.auth.user`: the caller, as written;
 * or the credential the caller sent, read off a header (`req.header('api-secret')`) by code that refuses nothing on
 * this route (a guard would have been found first): who is calling decides the answer, anonymous callers get one too.
 */
function callerRead(e: Expr, roots: Set<string>, credential = false): string | undefined {
  const header = credential ? credentialHeaderRead(e, roots) : undefined;
  if (header) return header;
  if (e[0] !== 'm') return undefined;
  const obj = e[1];
  if (obj[0] === 'id' && roots.has(obj[1]) && CALLER.has(e[2])) return `${obj[1]}.${e[2]}${e[2] === 'user' || e[2] === 'currentUser' ? '' : '()'}`;
  // AdonisJS's context: `ctx.auth.user`, `ctx.auth.isAuthenticated`.
  if (obj[0] === 'm' && obj[2] === 'auth' && obj[1][0] === 'id' && roots.has(obj[1][1]) && CALLER.has(e[2])) return `${obj[1][1]}.auth.${e[2]}`;
  if (obj[0] === 'm' && obj[2] === 'session' && obj[1][0] === 'id' && roots.has(obj[1][1]) && SESSION_CALLER.test(e[2])) return `${obj[1][1]}.session.${e[2]}`;
  return undefined;
}

/**
 * A test that compares a setting with a string literal (`uploads === 'registered'`, `uploads` bound
 * to `config.enableUploads`): a value that is neither the request's nor handed to the function
 * (`note.permission === 'private'` of the note it was given is the object's, not the configuration's).
 */
function comparesSetting(c: Cond, given: Given): boolean {
  switch (c[0]) {
    case 'eq': {
      const [a, b] = [c[2], c[3]];
      const literal = (v: typeof a) => v[0] === 'v' && v[1][0] === 's';
      const other = literal(a) ? b : literal(b) ? a : undefined;
      return !!other && other[0] === 'v' && !literal(other) && !isGiven(other[1], given, 0);
    }
    case 'not':
      return comparesSetting(c[1], given);
    case 'and':
    case 'or':
      return comparesSetting(c[1], given) || comparesSetting(c[2], given);
    default:
      return false;
  }
}

/** The request's names, the function's parameters, and what its locals were bound to. */
interface Given {
  roots: Set<string>;
  params: Set<string>;
  locals: Map<string, Expr>;
}

/** `req.query.mode`, `note.permission` (a parameter's), a local bound to either: not a setting. */
function isGiven(e: Expr, given: Given, depth: number): boolean {
  for (let i = 0; i < MAX_EXPR_DEPTH; i++) {
    if (e[0] === 'id') {
      if (given.roots.has(e[1]) || given.params.has(e[1])) return true;
      const bound = given.locals.get(e[1]);
      return !!bound && depth < 3 && isGiven(bound, given, depth + 1);
    }
    if (e[0] !== 'm' && e[0] !== 'ix') return false;
    e = e[1];
  }
  return false;
}

// A handler that looks up the caller's session itself and answers either way: `const token =
// await ssr.getIdentityTokenForMemberFromSession(req, res)` in a try whose catch answers 204. No
// middleware on the route reads who is calling, yet the answer depends on it: the caller's
// identity is used when present and anonymous callers are served too — "anonymous allowed", not
// "open". Only a call that is handed the request and says by its name that it reads the session
// counts (followed one call down: `ssr.deleteSession(req, res)` whose code calls
// `this.getMemberDataFromSession(req, res)`); reading a credential the client sends in the body
// (a sign-in) is not a session.
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { opExprs, subExprs, walkOps } from './opWalk';
import { calleesOf } from './identityCalls';

/** Names of calls that read the session a request carries: `getMemberDataFromSession`, `getSession`, `loadSessionUser`. */
const SESSION_READER = /from_?session|^(get|load|read|fetch)_?(current_?)?session(_?(user|member|data|identity))?$|^(get|load|read)_?session_?(user|member|data|identity)\w*$/i;

/** Deepest nesting of expressions followed. */
const MAX_DEPTH = 40;

/** The session-reading call `f` (or a function it calls) makes with the request, as written, if any. */
export function handlerSessionRead(x: Interp, f: FnValue): string | undefined {
  const own = sessionCall(x, f);
  if (own) return own;
  for (const g of x.probeCalls(f).fns.slice(0, 20)) {
    const down = sessionCall(x, g);
    if (down) return down;
  }
  // What a run did not reach (a method on a service object the probe could not resolve,
  // `membersService.ssr.deleteSession(req, res)`): the calls handed the request, resolved as
  // identityCalls.ts does (by their method name when every function of that name can be read).
  for (const g of requestCallees(x, f).slice(0, 20)) {
    const down = sessionCall(x, g);
    if (down) return down;
  }
  return undefined;
}

/** The functions of ours that calls in `f` handed its request or response to may run. */
function requestCallees(x: Interp, f: FnValue): FnValue[] {
  const fact = x.fnFact(f);
  if (!fact) return [];
  const roots = new Set(fact.params.slice(0, 2).filter((p) => /^[\w$]+$/.test(p)));
  const out: FnValue[] = [];
  const visit = (e: Expr, depth: number): void => {
    if (depth > MAX_DEPTH || out.length > 20) return;
    if (e[0] === 'c' && e[2].some((a) => a[0] === 'id' && roots.has(a[1]))) {
      for (const g of calleesOf(x, f, e[1]) ?? []) if (g.file !== f.file || g.fn !== f.fn) out.push(g);
    }
    for (const sub of subExprs(e)) visit(sub, depth + 1);
  };
  walkOps(fact.ops, (op) => {
    for (const e of opExprs(op)) visit(e, 0);
  });
  return out;
}

/** A call in `f`'s own body named like SESSION_READER and handed one of `f`'s first two parameters. */
function sessionCall(x: Interp, f: FnValue): string | undefined {
  const fact = x.fnFact(f);
  if (!fact) return undefined;
  const roots = new Set(fact.params.slice(0, 2).filter((p) => /^[\w$]+$/.test(p)));
  if (!roots.size) return undefined;
  let found: string | undefined;
  const visit = (e: Expr, depth: number): void => {
    if (found || depth > MAX_DEPTH) return;
    if (e[0] === 'c') {
      const callee = e[1];
      const name = callee[0] === 'id' ? callee[1] : callee[0] === 'm' ? callee[2] : '';
      if (SESSION_READER.test(name) && e[2].some((a) => a[0] === 'id' && roots.has(a[1]))) {
        found = `${name}(${e[2].map((a) => (a[0] === 'id' ? a[1] : '…')).join(', ')})`;
        return;
      }
    }
    for (const sub of subExprs(e)) visit(sub, depth + 1);
  };
  walkOps(fact.ops, (op) => {
    for (const e of opExprs(op)) visit(e, 0);
  });
  return found;
}

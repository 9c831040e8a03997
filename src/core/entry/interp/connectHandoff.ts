// A handler that hands the request to ConnectRPC (`universalServerRequestFromFetch(c.req.raw, {})`,
// then a handler of a `createConnectRouter({ interceptors })`): which calls are served is decided by
// the Connect router's interceptors, code Deep Dive does not read as a guard, so "no guard" cannot
// be said of the route (`ANY /rpc/*` in front of an API whose every service but health checks a key).
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, FnValue, Value } from './values';
import { exprText } from './exprText';
import { walkOps } from './handoff';

const CONNECT = /^@connectrpc\/connect(\/|$)/;

/** The ConnectRPC call given the handler's request (`c`, `c.req.raw`, `req`), as written; undefined when there is none. */
export function connectHandoff(x: Interp, f: FnValue): string | undefined {
  const fact = x.fnFact(f);
  const req = fact?.params[0];
  if (!fact || !req || !/^[\w$]+$/.test(req)) return undefined;
  const env: Env = { vars: new Map(), parent: f.env, file: f.file, ...(f.self ? { self: f.self } : {}) };
  let found: string | undefined;
  const visit = (e: Expr): void => {
    if (found) return;
    if (e[0] === 'c' || e[0] === 'new') {
      if (e[2].some((a) => rootedAt(a, req)) && isConnect(x, e[1], env)) {
        found = exprText(e[1]);
        return;
      }
      visit(e[1]);
      for (const a of e[2]) visit(a);
      return;
    }
    if (e[0] === 'm') visit(e[1]);
    else if (e[0] === 'a' || e[0] === 'cat') for (const a of e[1]) visit(a);
  };
  walkOps(fact.ops, visit);
  return found;
}

/** `c`, `c.req`, `c.req.raw`: the request or a member of it. */
function rootedAt(e: Expr, req: string): boolean {
  if (e[0] === 'id') return e[1] === req;
  return e[0] === 'm' ? rootedAt(e[1], req) : false;
}

function isConnect(x: Interp, callee: Expr, env: Env): boolean {
  let v: Value;
  try {
    v = x.evalExpr(callee, env);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return false;
  }
  return v.k === 'ext' && CONNECT.test(v.spec);
}

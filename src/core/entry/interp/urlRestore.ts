// Express routers match a request against `req.url`, which a mount strips of its prefix on the way
// in; `req.originalUrl` keeps the whole URL. A middleware that writes `req.url = req.originalUrl`
// (in its body or in a listener it registers on the request: a logger restoring the URL to log it
// when the request closes) undoes that stripping for whatever matches after it, and a request
// 'close' fires while an asynchronous middleware further on (a rate limiter's store) is waited
// for: the routers behind it then match the full URL. Checked with Express 4.22 (a router mounted
// at '/-/x/' whose route is '/-/x/data'): without such a middleware '/-/x/-/x/data' answers; with
// it and an asynchronous middleware on the way, '/-/x/data' answers and the doubled path is 404.
// So a route written with its mount's prefix already in it, behind such a middleware, answers at
// the path as written: that is the one case where the full URL can match it. The middleware that
// waits is not looked for (a body parser, a store, any await on the way will do): a URL restored on
// 'close' is only ever there to be read after such a wait.
import { joinPaths } from '../routePath';
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import { walkOps, withClosures } from './opWalk';
import type { Value } from './values';

const seen = new WeakMap<Interp, Map<string, boolean>>();

/** Does this middleware (or a function written inside it) set the request's URL back to its original URL? */
export function restoresFullUrl(x: Interp, v: Value): boolean {
  if (v.k !== 'fn') return false;
  const key = `${v.file}:${v.fn}`;
  let memo = seen.get(x);
  if (!memo) seen.set(x, (memo = new Map()));
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let found = false;
  for (const { fact, roots } of withClosures(x, v, [0])) {
    walkOps(fact.ops, (op) => {
      if (op[0] === 'set' && reqProp(op[1], roots, 'url') && reqProp(op[2], roots, 'originalUrl')) found = true;
    });
    if (found) break;
  }
  memo.set(key, found);
  return found;
}

function reqProp(e: Expr, roots: Set<string>, prop: string): boolean {
  return e[0] === 'm' && e[2] === prop && e[1][0] === 'id' && roots.has(e[1][1]);
}

/**
 * The path a route answers at when a middleware before it restores the full URL: its own path,
 * when that already starts with the prefix its mounts add (`/-/x/data` under `/-/x/`); otherwise
 * undefined (the mounts' prefixes are joined as Express does).
 */
export function pathAsWritten(prefix: string, own: string): string | undefined {
  const p = joinPaths(prefix);
  if (p === '/' || p === '') return undefined;
  const o = joinPaths(own);
  return o === p || o.startsWith(p.endsWith('/') ? p : p + '/') ? o : undefined;
}

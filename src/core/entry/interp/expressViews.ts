// What an Express template can see of the caller. `res.render(view, data)` gives the view
// `app.locals`, `res.locals` and the data it is handed, nothing else: not the request, so not the
// `req.user` a decoder set. A render reads the caller only when the handler hands identity in its
// data (read where it is written) or when code before it copied identity into the locals (a decoder
// that sets `res.locals.user`, or an app-wide `(req, res, next) => { res.locals.user = req.user; next() }`).
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue, Value } from './values';
import { opExprs, subExprs, walkOps, withClosures } from './opWalk';
import { contextAsParam } from './thisContext';

/** Among the properties the decoders set: a mark that the route is Express's and no code before it put identity in the locals. */
export const VIEWS_BLIND = '\u0000views';

/** Deepest nesting of expressions followed. */
const MAX_DEPTH = 30;

/**
 * Could `m`, a middleware before the route, put the caller in what its views see? A function of
 * ours that names `locals` (`res.locals.user = …`, `app.locals`, `_.set(res.locals, …)`) or hands the
 * response to other code, and reads the identity (`reads`); a package's middleware knows nothing
 * of what our decoders set; a value we could not evaluate may be anything.
 */
export function mayFeedViews(x: Interp, m: Value, reads: (f: FnValue) => boolean): boolean {
  if (m.k === 'ext' || m.k === 'router' || m.k === 'str' || m.k === 'arr') return false;
  if (m.k !== 'fn') return m.k === 'unknown';
  return namesLocals(x, m) && reads(m);
}

/** `f` (with its closures) names a `locals` bag or hands its response (second parameter) to a call other than `next`. */
function namesLocals(x: Interp, f: FnValue): boolean {
  const fact = x.fnFact(f);
  if (!fact) return true;
  const [, res, next] = contextAsParam(fact).params;
  for (const { fact: g, roots } of withClosures(x, f, [1])) {
    let found = false;
    const visit = (e: Expr, d: number): void => {
      if (found || d > MAX_DEPTH) {
        found ||= d > MAX_DEPTH;
        return;
      }
      if (e[0] === 'm' && e[2] === 'locals') found = true;
      if ((e[0] === 'c' || e[0] === 'new') && !(e[1][0] === 'id' && e[1][1] === next) && e[2].some((a) => a[0] === 'id' && a[1] === res && roots.has(a[1]))) found = true;
      if (e[0] === '?' && /\blocals\b/.test(e[1])) found = true;
      for (const sub of subExprs(e)) visit(sub, d + 1);
    };
    walkOps(g.ops, (op) => {
      if (op[0] === 'set') visit(op[1], 0);
      for (const e of opExprs(op)) visit(e, 0);
    });
    if (found) return true;
  }
  return false;
}

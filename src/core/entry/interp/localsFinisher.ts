// A route's last function that only finishes what the route's own function left in `res.locals`
// (`router.post('/login', asyncHandler(login), respond)`, `login` setting `res.locals.payload` and
// calling `next()`; `respond` sending `res.json(res.locals.payload)`, or 204 without one). What
// the caller gets was decided before it ran: its body is the earlier code's. What such a finisher
// reads of the caller (a cache key per user, `Cache-Control: private` for a signed-in caller) shapes
// how that answer is cached and labelled, not what the route gives anonymous callers, so it does
// not make a route "anonymous allowed" (identityUse.ts). Decided from its code: every answer it
// writes must send only literals, what is in `res.locals`, or calls given nothing else.
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { opExprs, subExprs, walkOps } from './opWalk';

/** Express's answers on the response (`res.json(x)`, `res.status(200).send(x)`, `res.end(x)`). */
const ANSWER = new Set(['json', 'jsonp', 'send', 'end', 'write']);
/** Deepest nesting of expressions followed. */
const MAX_DEPTH = 40;

/** Does `f` answer only with what earlier code left in `res.locals` (at least once), and with nothing else of the request? */
export function answersFromLocals(x: Interp, f: FnValue): boolean {
  const top = x.fnFact(f);
  const res = top?.params[1];
  if (!top || !res || !/^[\w$]+$/.test(res)) return false;
  let fromLocals = false;
  let other = false;
  const visit = (e: Expr, depth: number): void => {
    if (other || depth > MAX_DEPTH) {
      other = true;
      return;
    }
    if (e[0] === 'c' && e[1][0] === 'm' && ANSWER.has(e[1][2]) && onResponse(e[1][1], res, 0)) {
      for (const a of e[2]) {
        if (!localsOnly(a, res, 0)) other = true;
        else if (mentionsLocals(a, res, 0)) fromLocals = true;
      }
    }
    for (const sub of subExprs(e)) visit(sub, depth + 1);
  };
  walkOps(top.ops, (op) => {
    for (const e of opExprs(op)) visit(e, 0);
  });
  return fromLocals && !other;
}

/** `res`, `res.status(200)`, `res.set(…).status(…)`: the response itself, through its chained setters. */
function onResponse(e: Expr, res: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (e[0] === 'id') return e[1] === res;
  if (e[0] === 'c' && e[1][0] === 'm') return onResponse(e[1][1], res, depth + 1);
  return false;
}

/** `res.locals`, or a member or index of it. */
function isLocals(e: Expr, res: string): boolean {
  for (let i = 0; i < MAX_DEPTH; i++) {
    if (e[0] === 'm' && e[1][0] === 'id' && e[1][1] === res && e[2] === 'locals') return true;
    if (e[0] !== 'm' && e[0] !== 'ix') return false;
    e = e[1];
  }
  return false;
}

/** A literal, what is in `res.locals`, or a call (`transform(res.locals.payload, 'csv')`) given only those. */
function localsOnly(e: Expr, res: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (e[0]) {
    case 's':
    case 'n':
    case 'b':
    case 'null':
      return true;
    case 'm':
    case 'ix':
      return isLocals(e, res);
    case 'c':
      return e[2].every((a) => localsOnly(a, res, depth + 1));
    case 'or':
    case 'alt':
      return localsOnly(e[1], res, depth + 1) && localsOnly(e[2], res, depth + 1);
    default:
      return false;
  }
}

function mentionsLocals(e: Expr, res: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  return isLocals(e, res) || subExprs(e).some((s) => mentionsLocals(s, res, depth + 1));
}

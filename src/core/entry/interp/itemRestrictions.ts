// A refusal under a restriction the item the route names sets for itself — a secret's own password
// (`if (data.password) return reply.code(401)`), its own IP allow-list (`if (ip && allowedIp && ip !==
// allowedIp) … 403` with `allowedIp = data?.allowed_ip`) — where `data` is looked up by the route's
// path parameters: it is asked only of the items whose owner set one, and of every caller alike,
// signed in or not. By the label rule "a secret asked only of some items" (test/eval/README.md) such a
// route is open, so the refusal is no check of the caller (the JavaScript reading of
// nestItemGates.ts). Conservative: the test must hold only when a field of that item is set, the item
// must come from a call given nothing of the request but its path parameters, and no test on the
// way may read who calls (a user, a session, a token, a role, an owner).
import type { Cond, Expr, FnFact, Op, Refusal } from '../facts/types';
import { contextAsParam } from './thisContext';

/** What names the caller or a credential of theirs in a test or a binding: then it is a check of who calls. */
const CALLER = /\b(user\w*|owner\w*|member\w*|account\w*|session\w*|token\w*|jwt|auth\w*|principal|identity|role\w*|admin\w*|creator\w*|caller|cookies?|api_?key|bearer|credential\w*|signature|hmac|hash)\b|\bhas_?access\b|isLoggedIn|loggedIn|current_?user/i;

const MAX_DEPTH = 12;

/** Why `r` refuses by a restriction of the item alone, if it does. */
export function itemRestriction(fact: FnFact | undefined, r: Refusal): string | undefined {
  const inner = r.when?.[r.when.length - 1];
  if (!fact || !inner || !inner.holds || !r.cond || CALLER.test(r.cond) || CALLER.test(r.text)) return undefined;
  const req = contextAsParam(fact).params[0];
  if (!req || !/^[\w$]+$/.test(req)) return undefined;
  const binds = bindings(fact.ops);
  for (const c of conjuncts(inner.cond)) {
    if (c[0] !== 't') continue;
    const item = itemField(c[1], binds, req, 0);
    if (item) return `refuses only when the item itself sets ${item} (looked up by the route's path parameters): a restriction its owner set, asked of every caller alike, not a check of who calls`;
  }
  return undefined;
}

function conjuncts(c: Cond): Cond[] {
  return c[0] === 'and' ? [...conjuncts(c[1]), ...conjuncts(c[2])] : [c];
}

/** What each local is bound to, where it is bound once. */
function bindings(ops: Op[]): Map<string, Expr | null> {
  const out = new Map<string, Expr | null>();
  const put = (k: string, e: Expr): void => void out.set(k, out.has(k) ? null : e);
  for (const op of ops) {
    if (op[0] === 'let') put(op[1], op[2]);
    else if (op[0] === 'pat') for (const [local, key] of op[1]) put(local, ['m', op[2], key]);
  }
  return out;
}

/** `data.password`, `allowedIp` bound to `data?.allowed_ip ?? null`: a field of an item, written as read. */
function itemField(e: Expr, binds: Map<string, Expr | null>, req: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (e[0] === 'or' || e[0] === 'alt') return itemField(e[1], binds, req, depth + 1);
  if (e[0] === 'id') {
    const b = binds.get(e[1]);
    return b ? itemField(b, binds, req, depth + 1) : undefined;
  }
  if (e[0] !== 'm') return undefined;
  let root: Expr = e;
  const chain: string[] = [];
  while (root[0] === 'm') {
    chain.unshift(root[2]);
    root = root[1];
  }
  if (root[0] !== 'id' || root[1] === req) return undefined;
  const b = binds.get(root[1]);
  return b && lookedUpByPath(b, binds, req, depth + 1) ? `${root[1]}.${chain.join('.')}` : undefined;
}

/** `await prisma.secret.findFirst({ where: { id } })` with `id` from `request.params`: a call given the path parameters at most. */
function lookedUpByPath(e: Expr, binds: Map<string, Expr | null>, req: string, depth: number): boolean {
  const call = e[0] === 'kw' ? e[2] : e;
  if (call[0] !== 'c') return false;
  return call[2].every((a) => pathOnly(a, binds, req, depth + 1));
}

/** Reads nothing of the request but its path parameters, and nothing named for the caller. */
function pathOnly(e: Expr, binds: Map<string, Expr | null>, req: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  // A literal reads nothing.
  if (e[0] === 's' || e[0] === 'n' || e[0] === 'b' || e[0] === 'null') return true;
  switch (e[0]) {
    case 'id': {
      if (e[1] === req || CALLER.test(e[1])) return false;
      const b = binds.get(e[1]);
      if (b === null) return false;
      // A name bound outside (a module's constant) or a parameter other than the request.
      return b === undefined || pathOnly(b, binds, req, depth + 1);
    }
    case 'm':
      if (e[1][0] === 'id' && e[1][1] === req) return e[2] === 'params';
      if (e[1][0] === 'm' && e[1][1][0] === 'id' && e[1][1][1] === req) return e[1][2] === 'params' && !CALLER.test(e[2]);
      return !CALLER.test(e[2]) && pathOnly(e[1], binds, req, depth + 1);
    case 'o':
      return e[1].every(([k, v]) => (typeof k === 'string' ? !CALLER.test(k) : pathOnly(k, binds, req, depth + 1)) && pathOnly(v, binds, req, depth + 1));
    case 'a':
    case 'cat':
      return e[1].every((x) => pathOnly(x, binds, req, depth + 1));
    case 'kw':
      return pathOnly(e[2], binds, req, depth + 1);
    default:
      return false;
  }
}

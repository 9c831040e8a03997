// A refusal of the client software, not of the caller: `if (ua === 'ruby') { this.status = 403 }`
// turns away a program by the User-Agent it announces, which anyone may send or leave out. It
// says nothing about who is calling, so the middleware that does it guards no route.
import type { FnFact, Refusal } from '../facts/types';
import { exprText } from './exprText';
import { walkOps } from './opWalk';

/** A read of the announced client: `req.headers['user-agent']`, `this.get('user-agent')`, `ctx.request.userAgent`, `req.useragent`. */
const USER_AGENT = /user[-_]?agent/i;

/** Every test the refusal sits under reads the User-Agent header (directly, or through a local set from it). */
export function refusesClientSoftwareOnly(r: Refusal, fact: FnFact | undefined): boolean {
  if (!r.cond || !fact) return false;
  const fromAgent = agentLocals(fact);
  const parts = r.cond.split(' && ').map((c) => c.replace(/\s*\[[^\]]*\]$/, '').replace(/^else of\s+/, '').trim());
  return parts.length > 0 && parts.every((c) => USER_AGENT.test(c) || [...identifiers(c)].some((id) => fromAgent.has(id)));
}

/** Locals whose value is read from the User-Agent header (`var ua = String(this.get('user-agent')).toLowerCase()`). */
function agentLocals(fact: FnFact): Set<string> {
  const out = new Set<string>();
  walkOps(fact.ops, (op) => {
    if (op[0] === 'let' && USER_AGENT.test(exprText(op[2]))) out.add(op[1]);
  });
  return out;
}

function identifiers(cond: string): Set<string> {
  // Words outside string literals: `ua === 'ruby'` names ua, not ruby.
  const code = cond.replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, "''");
  return new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

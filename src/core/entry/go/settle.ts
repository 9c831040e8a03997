// A Go route's guard state from what is on its way: the middleware candidates judged (verdict.ts),
// those a Skipper or a pass lets the route's path through exempted, the check in its handler, and,
// when nothing refuses, whether every mount on the way is known (else `unknown`, never open).
import type { EntryPoint, Guard } from '../types';
import type { Verdict } from './verdict';
import type { GoCandidate, GoRef, StrPart } from './types';

/** Sets the route's guards, state and reason from the candidates on its way; `root`, the router it hangs from. */
export function settle(e: EntryPoint, cands: GoCandidate[], judge: (c: GoCandidate) => Verdict, inHandler: Guard | undefined, root: GoRef, doubt?: string, reached?: (v: Verdict) => boolean, skipped?: (c: GoCandidate, path: string, method: string) => string | { unknown: string } | undefined): EntryPoint {
  const guards: Guard[] = [];
  const unknown: string[] = [];
  const conditional: string[] = [];
  const exempt: string[] = [];
  for (const c of cands) {
    const skippedBy = skipped?.(c, e.path, e.method ?? '');
    // An exemption that holds only under a setting we cannot read (optionalFor.ts): a doubt, not a pass.
    if (typeof skippedBy === 'object') {
      unknown.push(skippedBy.unknown);
      continue;
    }
    if (skippedBy) {
      exempt.push(`${c.text.slice(0, 60)} ${skippedBy}`);
      continue;
    }
    const v = judge(c);
    // A doubt only routes of other names reach (gorilla `GetName()` tests) is not this route's.
    if (v.verdict === 'unknown' && (!reached || reached(v))) unknown.push(v.why);
    if (v.verdict !== 'guard') continue;
    if (v.conditional) {
      conditional.push(`${v.guard.name} applies only when ${v.conditional}`);
      continue;
    }
    if (reached && !reached(v)) {
      exempt.push(`${v.guard.name} refuses only routes of other names (mux.CurrentRoute(r).GetName())`);
      continue;
    }
    const skip = v.passes.find((p) => {
      const prefix = passPrefix(p.prefix, c, v);
      if (prefix === undefined) return false;
      const under = e.path === prefix || e.path.startsWith(prefix.replace(/\/$/, '') + '/');
      if (p.except?.some((x) => 'lit' in x && x.lit === e.path)) return false;
      return p.under === under;
    });
    if (skip) {
      exempt.push(`${v.guard.name} lets ${skip.under ? '' : 'paths outside '}${passPrefix(skip.prefix, c, v)} through unchecked`);
      continue;
    }
    guards.push(v.guard);
  }
  if (inHandler) guards.push(inHandler);
  if (doubt) unknown.push(doubt);
  e.guards = guards;
  const notes = [...conditional, ...exempt];
  if (guards.length) {
    e.guardState = 'guarded';
    e.guardReason = guards.map((g) => `${g.name} (${g.file}:${g.line})${g.evidence ? `, refuses at ${g.evidence.file}:${g.evidence.line}` : ''}`).join(', ');
  } else if (unknown.length) {
    e.guardState = 'unknown';
    e.guardReason = `could not tell whether it refuses requests: ${unknown.join('; ')}`;
  } else if (root.startsWith('P:')) {
    e.guardState = 'unknown';
    e.guardReason = `the router is handed in by a caller that was not found (${root.slice(2)})`;
  } else if (/^[FVN]:/.test(root)) {
    e.guardState = 'unknown';
    e.guardReason = `where the router held in ${root.startsWith('N:') ? `package variable ${root.slice(2)}` : root.slice(2).replace(/^fn:/, '').replace('|', '.')} comes from was not found`;
  } else {
    e.guardState = 'unguarded';
    e.guardReason = `every mount and middleware on the way is known and none refuses requests${notes.length ? ` (${notes.join('; ')})` : ''}`;
  }
  e.public = e.guardState !== 'guarded';
  return e;
}

/** A route that reads the identity a middleware on its way sets when it finds one (identityUse.ts): anonymous allowed. */
export function optionalIdentity(e: EntryPoint, g: Guard | undefined): void {
  if (!g) return;
  e.guards = [g];
  e.guardState = 'optional';
  e.guardReason = `anonymous allowed: ${g.reason}`;
}

/** A pass's prefix: a literal, or a field set from the constructor's parameter of the same name. */
function passPrefix(parts: StrPart[], c: GoCandidate, v: Verdict): string | undefined {
  if (parts.length === 1 && 'lit' in parts[0]) return parts[0].lit;
  if (parts.length !== 1 || !('dyn' in parts[0]) || v.verdict !== 'guard' || !v.owner) return undefined;
  const name = parts[0].dyn.replace(/^.*[#.]/, '');
  const i = v.owner.params.indexOf(name);
  const arg = i >= 0 ? c.args?.[i] : undefined;
  return arg?.length === 1 && 'lit' in arg[0] ? arg[0].lit : undefined;
}

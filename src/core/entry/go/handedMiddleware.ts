// Middleware handed to a function of ours beside the router it registers routes on: pocket-id's
// `svc.scimSyncModule.RegisterRoutes(apiGroup, authMiddleware.Add())` with `func (m *Module)
// RegisterRoutes(g *gin.RouterGroup, auth gin.HandlerFunc) { g.POST("/scim", auth, h) }`. The
// route's guard is the parameter `auth`; what decides is what each call hands in at that index,
// judged as if written in place. Only calls that hand a router too are recorded (a registration
// function, not any call with a call among its arguments). Every caller's middleware refusing:
// a guard; none refusing: none; callers disagreeing, or none found: unknown, as before.
import type { GoNode as Node } from './goNode';
import type { GoScope } from './scope';
import type { Callee, GoCandidate, GoFileFacts, GoRef } from './types';
import type { GoIndex } from './resolve';
import type { Verdict } from './verdict';

/** The parameter a middleware name stands for in the function registering the route, unless a closer binding shadows it. */
export function paramAt(n: Node, sc: GoScope): GoCandidate['param'] {
  if (n.type !== 'identifier') return undefined;
  for (let f = sc.fnOf(n); f; f = sc.fnOf(f)) {
    const v = sc.scope(f).get(n.text);
    if (v) return 'param' in v ? { fn: sc.keyOf(f), index: v.param } : undefined;
  }
  return undefined;
}

/** At a call of ours handed a router: each other argument that can be middleware (a call, a method value, a local holding a call's result). */
export function recordHanded(c: Callee, args: Node[], facts: GoFileFacts, sc: GoScope, evalRouter: (n: Node) => GoRef | undefined, candidate: (n: Node, via: string) => GoCandidate): void {
  if (c.startsWith('ext:') || c.startsWith('fn:ext:') || args.length < 2) return;
  const routerAt = args.findIndex((a) => a.type !== 'call_expression' && !!evalRouter(a));
  if (routerAt < 0) return;
  args.forEach((a, index) => {
    if (index === routerAt) return;
    const held = a.type === 'identifier' ? sc.lookup(a) : undefined;
    if (a.type !== 'call_expression' && !(held && ('ret' in held || 'fn' in held))) return;
    (facts.handed ??= []).push({ callee: c, index, given: candidate(a, `handed in at ${facts.file}`) });
  });
}

/** What the callers of the route's function hand in at the parameter, judged; undefined when no caller is found. */
export function handedVerdict(ix: GoIndex, c: GoCandidate, judge: (ix: GoIndex, c: GoCandidate) => Verdict): Verdict | undefined {
  const p = c.param;
  const given = p ? handedTo(ix, p.fn, p.index) : [];
  if (!given.length) return undefined;
  const verdicts = given.map((g) => ({ g, v: judge(ix, g) }));
  const guard = verdicts.find((x) => x.v.verdict === 'guard');
  if (guard && verdicts.every((x) => x.v.verdict === 'guard') && guard.v.verdict === 'guard') {
    const g = guard.v.guard;
    return { ...guard.v, guard: { ...g, name: c.text, reason: `${c.text} is ${guard.g.text} (${guard.g.file}:${guard.g.line}): ${g.reason}`, file: c.file, line: c.line } };
  }
  if (verdicts.every((x) => x.v.verdict === 'none')) return { verdict: 'none' };
  const doubt = verdicts.find((x) => x.v.verdict === 'unknown');
  return { verdict: 'unknown', why: doubt && doubt.v.verdict === 'unknown' ? `${c.text} is ${doubt.g.text} (${doubt.g.file}:${doubt.g.line}): ${doubt.v.why}` : `${c.text} (${c.file}:${c.line}) is middleware that refuses at some calls and not at others` };
}

const indexes = new WeakMap<GoIndex, Map<string, GoCandidate[]>>();

/** The middleware calls of ours hand in at a function's parameter, by the function each call resolves to (built once per index). */
function handedTo(ix: GoIndex, fn: string, index: number): GoCandidate[] {
  let byParam = indexes.get(ix);
  if (!byParam) {
    byParam = new Map();
    for (const f of ix.files) {
      if (/_test\.go$/.test(f.file)) continue;
      for (const h of f.handed ?? []) {
        const r = ix.resolve(h.callee);
        if (!r || !('fn' in r)) continue;
        const key = `${r.fn.key}(${h.index})`;
        byParam.set(key, [...(byParam.get(key) ?? []), h.given]);
      }
    }
    indexes.set(ix, byParam);
  }
  return byParam.get(`${fn}(${index})`) ?? [];
}

// A middleware that dispatches each request to an app it gets at run time: a multi-tenant server's
// `const tenant = await trySafe(pool.get(id)); if (!tenant) return next(); await tenant.run(ctx,
// next)`, where the pool builds `new Tenant(…)` on a miss and the tenant's constructor made
// `this.run = mount(this.app)`. Mounting the dispatcher mounts that app (interpBase.ts
// `routerDelegatedBy`). The probe that finds it registers nothing (a probe never does), so the
// tenant it builds there has empty routers; each stands for its twin, the router the program made
// at the same place where registrations count (the tenant built when its class ran uncalled).
import type { Expr, FnFact } from '../facts/types';
import { opExprs, subExprs, walkOps } from './opWalk';
import type { RouterNode, Value } from './values';

/**
 * A function of several statements may be a dispatcher only when its own code refuses nothing
 * (replaced by the router it dispatches to, a refusal of its own would go unseen) and it hands its
 * own parameters on, in order, to a call (`tenant.run(ctx, next)`): only then is it probed, a run
 * that counts against the functions' run caps like any other.
 */
export function mayDispatch(fact: FnFact): boolean {
  if (fact.refusals?.length || fact.continuesOnlyWithout || fact.params.length < 2) return false;
  let hands = false;
  const visit = (e: Expr, d: number): void => {
    if (hands || d > 30) return;
    if (e[0] === 'c' && e[2].length === fact.params.length && e[2].every((a, i) => a[0] === 'id' && a[1] === fact.params[i])) hands = true;
    for (const sub of subExprs(e)) visit(sub, d + 1);
  };
  walkOps(fact.ops, (op) => {
    for (const e of opExprs(op)) visit(e, 0);
  });
  return hands;
}

/**
 * The routers a probe saw called: all of them for a small wrapper (`request` undefined), else only
 * those handed the wrapper's own request (its first parameter) as their first argument.
 */
export function calledRouters(probe: { routers?: RouterNode[]; routerArgs?: Value[][] }, request: Value | undefined): RouterNode[] {
  const called = probe.routers ?? [];
  return [...new Set(called.filter((_, i) => request === undefined || probe.routerArgs?.[i]?.[0] === request))];
}

/**
 * Those routers. For a dispatcher of several statements (`twins`), each probed one as its twin; one
 * without a twin yet (made later: asked again after the run) or with several that differ makes the
 * answer undefined. A small wrapper's routers are taken as they are, as before.
 */
export function withTwins(routers: readonly RouterNode[], called: readonly RouterNode[], twins: boolean): RouterNode[] | undefined {
  if (!twins) return [...called];
  const out = new Set<RouterNode>();
  for (const r of called) {
    const twin = r.probed ? twinOf(routers, r) : r;
    if (!twin) return undefined;
    out.add(twin);
  }
  return [...out];
}

/**
 * The router made at `r`'s place outside any probe, with registrations: one, or several that
 * register at the same places (copies of one router made from two call chains).
 */
function twinOf(routers: readonly RouterNode[], r: RouterNode): RouterNode | undefined {
  const twins = routers.filter((o) => !o.probed && o.items.length && o.site.file === r.site.file && o.site.offset === r.site.offset);
  if (!twins.length) return undefined;
  const sites = (o: RouterNode) => [...new Set(o.items.map((it) => `${it.site.file}:${it.site.offset}`))].sort().join('|');
  const first = sites(twins[0]!);
  return twins.every((t) => sites(t) === first) ? twins[0] : undefined;
}

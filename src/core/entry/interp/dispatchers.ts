// A middleware that dispatches each request to an app it gets at run time: a multi-tenant server's
// `const tenant = await trySafe(pool.get(id)); if (!tenant) return next(); await tenant.run(ctx,
// next)`, where the pool builds `new Tenant(…)` on a miss and the tenant's constructor made
// `this.run = mount(this.app)`. Mounting the dispatcher mounts that app (interpBase.ts
// `routerDelegatedBy`). The probe that finds it registers nothing (a probe never does), so the
// tenant it builds there has empty routers; each stands for its twin, the router the program made
// at the same place where registrations count (the tenant built when its class ran uncalled).
import type { FnFact } from '../facts/types';
import type { RouterNode, Value } from './values';

/**
 * A function of several statements may be a dispatcher only when its own code refuses nothing:
 * replaced by the router it dispatches to, a refusal of its own would go unseen.
 */
export function mayDispatch(fact: FnFact): boolean {
  return !fact.refusals?.length && !fact.continuesOnlyWithout;
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
 * Those routers, each probed one as its twin. `strict` (a dispatcher of several statements): a
 * probed router without a twin yet (made later: asked again after the run) or with several that
 * differ makes the answer undefined; otherwise it stands for itself, as before.
 */
export function withTwins(routers: readonly RouterNode[], called: readonly RouterNode[], strict: boolean): RouterNode[] | undefined {
  const out = new Set<RouterNode>();
  for (const r of called) {
    const twin = r.probed ? twinOf(routers, r) : r;
    if (twin) out.add(twin);
    else if (strict) return undefined;
    else out.add(r);
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

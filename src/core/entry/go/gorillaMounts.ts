// gorilla/mux matches a route against its whole template: a subrouter cut with
// `root.PathPrefix("/api/").Subrouter()` holds `/api/…` routes wherever it is served from. So a
// router served as the handler of another (`r.PathPrefix("/api/").Handler(api)`, GoEdge.keepsPath,
// nothing stripped) answers its routes under the prefixes it was cut with, not under the mount's
// path, behind the middleware of the way in through the mount. The router it was cut from is then
// only where those prefixes come from, not a second way in: its chain is dropped.
import type { GoEdge, GoRef, StrPart } from './types';

/** The ways to a route with every way through a path-keeping mount given the mounted router's own prefixes. */
export function ownPaths(chains: GoEdge[][], incoming: Map<GoRef, GoEdge[]>): GoEdge[][] {
  const mounted = new Set(chains.flatMap((c) => c.filter((e) => e.keepsPath).map((e) => e.child)));
  if (mounted.size === 0) return chains;
  const out: GoEdge[][] = [];
  for (const chain of chains) {
    const at = chain.map((e) => !!e.keepsPath).lastIndexOf(true);
    if (at < 0) {
      if (!chain.some((e) => mounted.has(e.child))) out.push(chain);
      continue;
    }
    const own = cutPrefix(chain[at].child, incoming, new Set());
    out.push(chain.map((e, i) => (i < at ? { ...e, prefix: [] } : i === at ? { ...e, prefix: own.slice(0, -1) } : e)));
  }
  return out;
}

/** The prefixes a router was cut with: its groups up to the router they start from, each joined with `/` as link.ts joins a way. */
function cutPrefix(r: GoRef, incoming: Map<GoRef, GoEdge[]>, seen: Set<GoRef>): StrPart[] {
  const up = (incoming.get(r) ?? []).find((e) => !e.mount && !e.site && !seen.has(e.parent));
  if (!up) return [];
  seen.add(r);
  return [...cutPrefix(up.parent, incoming, seen), ...up.prefix, { lit: '/' }];
}

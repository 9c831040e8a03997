// Which `O:` references (a function's result) are routers, computed once over every file's alias
// edges for linkGo (link.ts).
import type { GoIndex } from './resolve';
import type { GoFileFacts, GoRef } from './types';

/**
 * The `O:` results that are routers: a function returning a router it made (an alias from `R:`),
 * and, through aliases, what is tied to one (another function returning that result, a struct
 * value whose embedded handler field holds it). Computed over the aliases as one graph.
 */
export function foundResults(ix: GoIndex, files: GoFileFacts[], ownRoots: Set<GoRef>): Set<GoRef> {
  const up = new Map<GoRef, GoRef>();
  const top = (r: GoRef): GoRef => {
    let cur = r;
    while (up.has(cur)) cur = up.get(cur)!;
    if (cur !== r) up.set(r, cur);
    return cur;
  };
  const refs = new Set<GoRef>();
  for (const f of files) for (const e of f.edges) {
    if (!e.alias) continue;
    const a = top(ix.canon(e.parent));
    const b = top(ix.canon(e.child));
    refs.add(ix.canon(e.parent)).add(ix.canon(e.child));
    if (a !== b) up.set(a, b);
  }
  const own = new Set([...ownRoots].map((r) => ix.canon(r)));
  const routed = new Set([...refs].filter((r) => r.startsWith('R:') || own.has(r)).map(top));
  return new Set([...refs].filter((r) => r.startsWith('O:') && routed.has(top(r))));
}

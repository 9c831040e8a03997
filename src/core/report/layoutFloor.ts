// A size the layout of a grouped graph cannot be smaller than, found without laying it out:
// the printed report's search (svg.ts, layoutForPrint) skips a candidate that cannot fit the page
// instead of paying dagre for it (a 32-group graph of Ghost took dagre about 0.5 s per direction,
// to be thrown away). It must never be above dagre's real size, or the search would choose
// differently: only what dagre guarantees is counted.
//
// dagre breaks cycles by reversing edges its depth-first search finds going back to a node on its
// stack; such an edge closes a cycle, so an edge between two strongly connected components is
// never reversed, and ranking puts its head on a later rank than its tail (minlen ≥ 1). Along a
// path of such edges every node is on its own rank, and positionY stacks ranks without overlap,
// each a rank separation apart (dagre halves `ranksep` when it doubles the ranks for edge labels:
// `ranksep / 2` between neighbouring ranks is what is sure). So the extent along the ranks is at
// least the path's boxes end to end plus those gaps, and layout.ts adds the margin on both sides.
import type { GroupedGraph } from './group';
import { boxWidth, MARGIN, NODE_HEIGHT, spacingOf } from './layout';

/** The least width (LR) or height (TB) dagre's layout of `g` can have, in px. */
export function rankAxisFloor(g: GroupedGraph, rankdir: 'LR' | 'TB'): number {
  if (!g.nodes.length) return 0;
  const size = new Map(g.nodes.map((n) => [n.id, rankdir === 'LR' ? boxWidth(n) : NODE_HEIGHT]));
  const gap = spacingOf(g).ranksep / 2;
  const out = new Map<string, string[]>(g.nodes.map((n) => [n.id, []]));
  for (const e of g.edges) if (e.from !== e.to && out.has(e.from) && out.has(e.to)) out.get(e.from)!.push(e.to);
  const component = components(g.nodes.map((n) => n.id), out);
  // The heaviest path over edges between components (a DAG): each node counts its box and a gap.
  const heaviest = new Map<string, number>();
  const from = (v: string): number => {
    const known = heaviest.get(v);
    if (known !== undefined) return known;
    let next = 0;
    for (const w of out.get(v)!) if (component.get(w) !== component.get(v)) next = Math.max(next, from(w));
    const total = size.get(v)! + gap + next;
    heaviest.set(v, total);
    return total;
  };
  let longest = 0;
  for (const n of g.nodes) longest = Math.max(longest, from(n.id));
  return longest - gap + 2 * MARGIN;
}

/** Strongly connected components (Tarjan), as a component number per node. */
function components(nodes: string[], out: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let next = 0;
  let count = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of out.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.set(w, count);
      } while (w !== v);
      count++;
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return comp;
}

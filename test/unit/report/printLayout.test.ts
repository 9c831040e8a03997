// The printed report's layout search skips candidates that cannot fit the page (layoutFloor.ts)
// and still chooses what laying every candidate out would choose. Real dagre throughout.
import * as assert from 'node:assert';
import { groupGraph } from '../../../src/core/report/group';
import type { GraphLayout } from '../../../src/core/report/layout';
import { layoutGraph, layoutMemo, layoutsPlaced } from '../../../src/core/report/layout';
import { rankAxisFloor } from '../../../src/core/report/layoutFloor';
import { layoutForPrint, PRINT_MAX_HEIGHT, PRINT_MAX_WIDTH } from '../../../src/core/report/svg';
import type { GraphEdge, GraphModule, ReportGraph } from '../../../src/core/report/types';

const mod = (path: string, entries = 0): GraphModule => ({ id: path, path, kind: 'module', files: 3, lines: 300, percent: 40, codeLines: 200, entries, notes: 0, hotspots: 0 });

/**
 * A service-like graph: `folders` top folders of `per` modules with long names, each folder's
 * modules importing the next ones in a chain (and one cycle back), folders importing each other.
 */
function service(folders: number, per: number, cycle = true): ReportGraph {
  const modules: GraphModule[] = [];
  const edges: GraphEdge[] = [];
  for (let f = 0; f < folders; f++) {
    for (let i = 0; i < per; i++) {
      modules.push(mod(`core/server/folder${f}/services/module-with-a-long-name-${i}`, i % 3 === 0 ? 2 : 0));
      if (i > 0) edges.push({ from: `core/server/folder${f}/services/module-with-a-long-name-${i - 1}`, to: `core/server/folder${f}/services/module-with-a-long-name-${i}`, count: 1 });
    }
    if (cycle && per > 2) edges.push({ from: `core/server/folder${f}/services/module-with-a-long-name-${per - 1}`, to: `core/server/folder${f}/services/module-with-a-long-name-1`, count: 1 });
    if (f > 0) edges.push({ from: `core/server/folder${f - 1}/services/module-with-a-long-name-0`, to: `core/server/folder${f}/services/module-with-a-long-name-${per - 1}`, count: 2 });
  }
  return { modules, edges, cycles: [] };
}

/** The search as it was before the floor: every candidate laid out, in order. */
function exhaustive(graph: ReportGraph): GraphLayout {
  let best: GraphLayout | undefined;
  const over = (x: GraphLayout) => Math.max(x.width / PRINT_MAX_WIDTH, x.height / PRINT_MAX_HEIGHT);
  for (const maxNodes of [60, 40, 24, 14, 8, 4]) {
    for (const dir of ['LR', 'TB'] as const) {
      const l = layoutGraph(groupGraph(graph.modules, graph.edges, { maxNodes }), dir);
      if (l.width <= PRINT_MAX_WIDTH && l.height <= PRINT_MAX_HEIGHT) return l;
      if (!best || over(l) < over(best)) best = l;
    }
  }
  return best!;
}

describe('report: the printed module map skips layouts that cannot fit', () => {
  beforeEach(() => layoutMemo.clear());

  it('never puts the floor above the size dagre gives, along the ranks, in either direction', () => {
    for (const [folders, per, cycle] of [[1, 8, false], [3, 5, true], [6, 9, true], [12, 4, false], [2, 30, true]] as const) {
      const graph = service(folders, per, cycle);
      for (const maxNodes of [60, 14, 4]) {
        const g = groupGraph(graph.modules, graph.edges, { maxNodes });
        const lr = layoutGraph(g, 'LR');
        const tb = layoutGraph(g, 'TB');
        assert.ok(rankAxisFloor(g, 'LR') <= lr.width, `${folders}×${per} at ${maxNodes}: LR floor ${rankAxisFloor(g, 'LR')} > width ${lr.width}`);
        assert.ok(rankAxisFloor(g, 'TB') <= tb.height, `${folders}×${per} at ${maxNodes}: TB floor ${rankAxisFloor(g, 'TB')} > height ${tb.height}`);
      }
    }
  });

  it('counts only what dagre guarantees: a cycle adds no rank, a chain between components does', () => {
    const chain = service(1, 8, false);
    const g = groupGraph(chain.modules, chain.edges, { maxNodes: 60 });
    // 8 boxes end to end with 7 half rank separations between them, and the margins.
    assert.ok(rankAxisFloor(g, 'LR') > PRINT_MAX_WIDTH, 'a chain of 8 wide boxes cannot fit A4 left to right');
    assert.strictEqual(rankAxisFloor(g, 'TB'), 8 * 40 + 7 * 35 + 32);
    const loop = { ...chain, edges: [...chain.edges, { from: chain.modules[7].id, to: chain.modules[0].id, count: 1 }] };
    const one = groupGraph(loop.modules, loop.edges, { maxNodes: 60 });
    assert.strictEqual(rankAxisFloor(one, 'TB'), 40 + 32, 'one component: dagre may reverse any of its edges');
  });

  it('chooses what laying out every candidate would choose, with fewer layouts', () => {
    for (const [folders, per] of [[3, 5], [6, 9], [12, 4], [2, 30], [1, 3]] as const) {
      const graph = service(folders, per);
      layoutMemo.clear();
      const before = layoutsPlaced();
      const all = exhaustive(graph);
      const placedAll = layoutsPlaced() - before;
      layoutMemo.clear();
      const mid = layoutsPlaced();
      const chosen = layoutForPrint(graph);
      const placed = layoutsPlaced() - mid;
      assert.deepStrictEqual(chosen, all, `${folders}×${per}`);
      assert.ok(placed <= placedAll, `${folders}×${per}: ${placed} layouts, ${placedAll} before`);
    }
    // A long chain of wide modules (no cycle): the 60-module left-to-right layout cannot fit and is skipped.
    const graph = service(2, 30, false);
    layoutMemo.clear();
    const before = layoutsPlaced();
    exhaustive(graph);
    const placedAll = layoutsPlaced() - before;
    layoutMemo.clear();
    const mid = layoutsPlaced();
    layoutForPrint(graph);
    assert.ok(layoutsPlaced() - mid < placedAll, `${layoutsPlaced() - mid} layouts, ${placedAll} before`);
  });
});

import * as assert from 'node:assert/strict';
import { fitScale, layoutModuleView, READABLE } from '../../../src/core/report/moduleGraph';
import type { GraphEdge, GraphModule } from '../../../src/core/report/types';
import { parseFromWebview } from '../../../src/extension/moduleMap/protocol';

/**
 * 329 modules in 8 top folders that import one another in a chain, as the service of issue 16:
 * grouped into 8 boxes that, left to right, were 2,169 px wide and cut off in a 1,500 px window.
 */
function eightGroups(): { modules: GraphModule[]; edges: GraphEdge[] } {
  const groups = ['apps', 'config', 'domain', 'gateway', 'jobs', 'packages', 'persistence', 'services'];
  const modules: GraphModule[] = [];
  for (let i = 0; i < 329; i++) {
    const g = groups[i % 8];
    const id = `${g}/part-${String(i).padStart(3, '0')}`;
    modules.push({ id, path: id, kind: 'folder', files: 3, lines: 120, percent: (i * 7) % 100, codeLines: 100, entries: i % 40 === 0 ? 2 : 0, notes: 0, hotspots: 0 });
  }
  const edges: GraphEdge[] = [];
  for (let i = 8; i < 329; i++) edges.push({ from: modules[i].id, to: modules[i - 7].id, count: 1 });
  return { modules, edges };
}

describe('module map: laid out to fit its panel', () => {
  // The editor area of a 1,500 px window with the side bar open.
  const room = { width: 1150, height: 700 };

  it('never draws the map wider than the panel', () => {
    const { modules, edges } = eightGroups();
    for (const r of [room, { width: 560, height: 700 }, { width: 300, height: 900 }]) {
      const l = layoutModuleView(modules, edges, { filter: '', expand: [], room: r });
      const s = fitScale(l.width, l.height, r);
      assert.ok(l.width * s <= r.width + 0.5, `${l.width} px at ${s} in ${r.width} px`);
    }
  });

  it('stacks the eight groups top to bottom when left to right would shrink them below readable', () => {
    const { modules, edges } = eightGroups();
    const across = layoutModuleView(modules, edges, { filter: '', expand: [] });
    assert.equal(across.nodes.length, 8);
    assert.ok(fitScale(across.width, across.height, room) < READABLE, `left to right: ${across.width}×${across.height}`);
    const fitted = layoutModuleView(modules, edges, { filter: '', expand: [], room });
    assert.equal(fitted.nodes.length, 8);
    assert.ok(fitScale(fitted.width, fitted.height, room) >= READABLE, `fitted: ${fitted.width}×${fitted.height}`);
  });

  it('keeps left to right for a graph that fits either way', () => {
    const modules: GraphModule[] = ['src/a', 'src/b', 'src/c'].map((id) => ({ id, path: id, kind: 'folder', files: 1, lines: 10, percent: 0, codeLines: 10, entries: 0, notes: 0, hotspots: 0 }));
    const edges = [{ from: 'src/a', to: 'src/b', count: 1 }, { from: 'src/b', to: 'src/c', count: 1 }];
    const l = layoutModuleView(modules, edges, { filter: '', expand: [], room });
    assert.ok(l.width > l.height, `${l.width}×${l.height}: left to right`);
  });

  it('takes the room the front end reports only when it is a sane size', () => {
    assert.deepEqual(parseFromWebview({ type: 'resize', room: { width: 800, height: 600 } }), { type: 'resize', room: { width: 800, height: 600 } });
    assert.equal(parseFromWebview({ type: 'resize', room: { width: -1, height: 600 } }), undefined);
    assert.equal(parseFromWebview({ type: 'resize', room: { width: Infinity, height: 600 } }), undefined);
    assert.deepEqual(parseFromWebview({ type: 'ready', room: { width: '800', height: 600 }, state: { filter: 42 } }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'ready', room: { width: 800, height: 600 } }), { type: 'ready', room: { width: 800, height: 600 } });
  });
});

import * as assert from 'node:assert/strict';
import { groupGraph } from '../../../src/core/report/group';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { layoutGraph, layoutKey, layoutMemo } from '../../../src/core/report/layout';
import { loadLayouts, saveLayouts } from '../../../src/core/report/layoutCache';
import { moduleMermaid } from '../../../src/core/report/mermaid';
import { renderSvg } from '../../../src/core/report/svg';
import type { GraphEdge, GraphModule } from '../../../src/core/report/types';

function big(n: number): { modules: GraphModule[]; edges: GraphEdge[] } {
  const modules: GraphModule[] = [];
  for (let i = 0; i < n; i++) {
    const path = `services/svc${i % 12}/pkg${i}`;
    modules.push({ id: path, path, kind: 'folder', files: 3, lines: 100, percent: i % 5 === 0 ? 100 : 0, codeLines: 80, entries: i % 50 === 0 ? 1 : 0, notes: 0, hotspots: 0 });
  }
  const edges: GraphEdge[] = [];
  for (let i = 1; i < n; i++) edges.push({ from: modules[i].id, to: modules[(i * 7) % i].id, count: 1 });
  return { modules, edges };
}

describe('report: module graph grouping and layout', () => {
  it('keeps small graphs module by module', () => {
    const g = big(20);
    const grouped = groupGraph(g.modules, g.edges, { maxNodes: 60 });
    assert.equal(grouped.collapsed, false);
    assert.equal(grouped.nodes.length, 20);
  });

  it('collapses 600 modules into folder groups that fit, with coverage and edges merged', () => {
    const g = big(600);
    const grouped = groupGraph(g.modules, g.edges, { maxNodes: 60 });
    assert.equal(grouped.collapsed, true);
    assert.equal(grouped.nodes.length, 12);
    const svc0 = grouped.nodes.find((n) => n.id === 'group:services/svc0')!;
    assert.equal(svc0.members.length, 50);
    assert.equal(svc0.entries, 2);
    assert.ok(svc0.percent > 0 && svc0.percent < 100);
    assert.ok(grouped.edges.every((e) => e.from !== e.to));
    assert.equal(grouped.nodes.reduce((s, n) => s + n.members.length, 0), 600);
    const layout = layoutGraph(grouped);
    assert.ok(layout.width < 3000 && layout.height < 3000, `${layout.width}x${layout.height}`);
    const svg = renderSvg(layout, 'big');
    assert.equal((svg.match(/<rect /g) ?? []).length, 12);
  });

  it('expands a chosen group back into its modules', () => {
    const g = big(600);
    const grouped = groupGraph(g.modules, g.edges, { maxNodes: 100, expand: ['group:services/svc3'] });
    assert.equal(grouped.nodes.length, 11 + 50);
    assert.ok(grouped.nodes.some((n) => n.id === 'services/svc3/pkg3'));
  });

  it('lays nodes out without overlaps', () => {
    const g = big(40);
    const layout = layoutGraph(groupGraph(g.modules, g.edges, { maxNodes: 60 }));
    for (const a of layout.nodes)
      for (const b of layout.nodes) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        assert.ok(!overlap, `${a.id} overlaps ${b.id}`);
      }
  });

  it('Mermaid collapses large graphs too', () => {
    const m = moduleMermaid({ ...big(600), cycles: [] });
    assert.equal((m.match(/^ {2}m\d+\[/gm) ?? []).length, 12);
  });
  it('frames every box and every edge inside the picture, even edges that bow around ranks', () => {
    // A hub that imports everything, over several ranks: dagre routes the long edges outside the node box.
    const ids = ['src', 'src/routes', 'src/services', 'src/store', 'src/lib', 'src/middleware', 'src/jobs'];
    const modules: GraphModule[] = ids.map((id, i) => ({ id, path: id, kind: 'folder', files: 2, lines: 50, percent: i * 15, codeLines: 40, entries: i < 2 ? 16 : 0, notes: i === 2 ? 1 : 0, hotspots: 0 }));
    const pairs = [['src', 'src/routes'], ['src/routes', 'src/services'], ['src/services', 'src/store'], ['src/services', 'src/lib'], ['src/routes', 'src/middleware'], ['src/middleware', 'src/lib'], ['src/jobs', 'src/store'], ['src', 'src/store'], ['src', 'src/lib'], ['src', 'src/jobs'], ['src', 'src/middleware'], ['src/routes', 'src/store']];
    const layout = layoutGraph(groupGraph(modules, pairs.map(([from, to]) => ({ from, to, count: 1 })), { maxNodes: 60 }));
    for (const n of layout.nodes) assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= layout.width && n.y + n.height <= layout.height, `${n.id} inside`);
    for (const e of layout.edges) for (const p of e.points) assert.ok(p.x >= 0 && p.y >= 0 && p.x <= layout.width && p.y <= layout.height, `${e.from}→${e.to} at ${p.x},${p.y} inside ${layout.width}x${layout.height}`);
    // The second line says entries and notes in words that agree with their number, and fits its box.
    const routes = layout.nodes.find((n) => n.id === 'src/routes')!;
    assert.equal(routes.sub, '15% read · 16 entries');
    assert.equal(layout.nodes.find((n) => n.id === 'src')!.sub, '0% read · 16 entries');
    assert.equal(layout.nodes.find((n) => n.id === 'src/services')!.sub, '30% read · 1 note');
    for (const n of layout.nodes) assert.ok(n.width >= n.sub.length * 6 + 24, `${n.id}: "${n.sub}" fits ${n.width}`);
    assert.ok(renderSvg(layout, 'x').includes('>15% read · 16 entries</text>'));
  });

  it('keys a layout by what dagre is given: the same boxes, widths and edges give the same picture', () => {
    const g = big(40);
    const key = (modules: GraphModule[], edges = g.edges) => layoutKey(groupGraph(modules, edges, { maxNodes: 60 }), 'LR');
    // More lines, files, hotspots, and 61% → 62% read: the boxes keep their width.
    const read = g.modules.map((m, i) => (i === 3 ? { ...m, files: 9, lines: 400, hotspots: 2, percent: m.percent === 0 ? 1 : 0 } : m));
    assert.equal(key(read), key(g.modules));
    // A longer second line (`100% read · 1 entry`), a new edge, or the other direction: another layout.
    const wider = g.modules.map((m, i) => (i === 3 ? { ...m, percent: 100, entries: 2 } : m));
    assert.notEqual(key(wider), key(g.modules));
    assert.notEqual(key(g.modules, [...g.edges, { from: g.modules[2].id, to: g.modules[5].id, count: 1 }]), key(g.modules));
    assert.notEqual(layoutKey(groupGraph(g.modules, g.edges, { maxNodes: 60 }), 'TB'), key(g.modules));
    // The layout kept under the key is the one dagre gives for the changed graph, drawn with its own numbers.
    layoutMemo.clear();
    try {
      layoutGraph(groupGraph(g.modules, g.edges, { maxNodes: 60 }), 'LR');
      const kept = layoutGraph(groupGraph(read, g.edges, { maxNodes: 60 }), 'LR');
      layoutMemo.clear();
      assert.deepEqual(kept, layoutGraph(groupGraph(read, g.edges, { maxNodes: 60 }), 'LR'));
    } finally {
      layoutMemo.clear();
    }
  });

  it('a layout kept by content (in memory, then on disk for the next process) is the one dagre gives', () => {
    const grouped = groupGraph(big(40).modules, big(40).edges, { maxNodes: 60 });
    layoutMemo.clear();
    const fresh = layoutGraph(grouped, 'TB');
    assert.deepEqual(layoutGraph(grouped, 'TB'), fresh, 'from memory');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-layouts-'));
    try {
      saveLayouts(dir);
      layoutMemo.clear();
      loadLayouts(dir);
      assert.equal(layoutMemo.size, 1);
      assert.deepEqual(layoutGraph(grouped, 'TB'), fresh, 'from disk');
      assert.notDeepEqual(layoutGraph(grouped, 'LR'), fresh, 'another direction is another layout');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      layoutMemo.clear();
    }
  });
});

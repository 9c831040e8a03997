// Lays the (grouped) module graph out left to right with dagre, a well-kept layered layout
// library, for the report's inline SVG and the module map webview (which only draws).
import { createHash } from 'node:crypto';
import { Graph, layout } from '@dagrejs/dagre';
import type { GroupedGraph, GroupedNode } from './group';

export interface LaidNode extends GroupedNode {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The second line of the box (`62% read · 3 entries`): one wording for the report and the map. */
  sub: string;
}

export interface LaidEdge {
  from: string;
  to: string;
  count: number;
  points: { x: number; y: number }[];
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
  collapsed: boolean;
}

/** Rough width of a label at 12px sans-serif: enough for a box that fits it. */
export function labelWidth(text: string): number {
  return Math.ceil([...text].length * 7.2);
}

/** The same for the second line (12px too in the report, so that print keeps it at 8 pt). */
function subWidth(text: string): number {
  return Math.ceil([...text].length * 7.2);
}

export const NODE_HEIGHT = 40;
/** Space kept from the graph's outermost node or edge to the picture's border. */
export const MARGIN = 16;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function nodeSubLabel(n: Pick<GroupedNode, 'codeLines' | 'percent' | 'entries' | 'notes'>): string {
  return [n.codeLines ? `${n.percent}% read` : 'out of scope', n.entries ? plural(n.entries, 'entry', 'entries') : '', n.notes ? plural(n.notes, 'note', 'notes') : ''].filter(Boolean).join(' · ');
}

/** Wide enough for both lines, and for the entry-point mark on the left without touching the text. */
function nodeWidth(n: GroupedNode, sub: string): number {
  const text = Math.max(labelWidth(n.label), subWidth(sub)) + (n.entries ? 44 : 24);
  return Math.max(90, Math.min(320, text));
}

/** A box's width as dagre is given it (both lines of text, the entry mark). */
export function boxWidth(n: GroupedNode): number {
  return nodeWidth(n, nodeSubLabel(n));
}

/** dagre's spacing for a graph: wide graphs read better in ranks of columns; many nodes need tighter spacing. */
export function spacingOf(g: GroupedGraph): { nodesep: number; ranksep: number } {
  const dense = g.nodes.length > 30;
  return { nodesep: dense ? 12 : 24, ranksep: dense ? 50 : 70 };
}

/** True when this process has the layout already (laid out here, or loaded from the layout cache). */
export function hasLayout(g: GroupedGraph, rankdir: 'LR' | 'TB'): boolean {
  const p = layoutMemo.get(layoutKey(g, rankdir));
  return !!p && p.nodes.length === g.nodes.length && p.edges.length === g.edges.length;
}

/** Where dagre put things: all a layout adds to the grouped graph. */
interface Placed {
  width: number;
  height: number;
  /** x, y, width, height per node, in the graph's order. */
  nodes: [number, number, number, number][];
  /** Points per edge, in the graph's order. */
  edges: { x: number; y: number }[][];
}

/**
 * Layouts by content (the grouped graph and the direction): dagre costs up to a second for a
 * big graph and the printed report tries several sizes, each time it is rendered or previewed.
 * Kept in memory per process; the CLI also loads and saves them (see layoutCache.ts).
 */
export const layoutMemo = new Map<string, Placed>();
const MEMO_MAX = 256;

/**
 * The key of a layout: what dagre is given (the boxes' ids and widths in order, the edges, the
 * direction), not the whole graph: reading one more file moves a module from 61% to 62% read, the
 * same width, and the picture is the same, without running dagre again.
 */
export function layoutKey(g: GroupedGraph, rankdir: string): string {
  const nodes = g.nodes.map((n) => [n.id, nodeWidth(n, nodeSubLabel(n))]);
  const edges = g.edges.map((e) => [e.from, e.to]);
  return createHash('sha1').update(JSON.stringify([LAYOUT_VERSION, rankdir, nodes, edges])).digest('hex');
}
/** Bump when the layout's rules (or its key) change: kept layouts are then not used. */
const LAYOUT_VERSION = 2;

let placedCount = 0;
/** How many layouts dagre has placed in this process: a caller that keeps them on disk saves when it grew. */
export function layoutsPlaced(): number {
  return placedCount;
}

export function layoutGraph(g: GroupedGraph, rankdir: 'LR' | 'TB' = 'LR'): GraphLayout {
  const key = layoutKey(g, rankdir);
  let placed = layoutMemo.get(key);
  if (!placed || placed.nodes.length !== g.nodes.length || placed.edges.length !== g.edges.length) {
    placed = place(g, rankdir);
    placedCount++;
    if (layoutMemo.size >= MEMO_MAX) layoutMemo.delete(layoutMemo.keys().next().value!);
    layoutMemo.set(key, placed);
  }
  const p = placed;
  return {
    width: p.width,
    height: p.height,
    nodes: g.nodes.map((n, i) => ({ ...n, x: p.nodes[i][0], y: p.nodes[i][1], width: p.nodes[i][2], height: p.nodes[i][3], sub: nodeSubLabel(n) })),
    edges: g.edges.map((e, i) => ({ ...e, points: p.edges[i].map((q) => ({ x: q.x, y: q.y })) })),
    collapsed: g.collapsed,
  };
}

function place(g: GroupedGraph, rankdir: 'LR' | 'TB'): Placed {
  const graph = new Graph({ multigraph: false });
  graph.setGraph({ rankdir, ...spacingOf(g), marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const subs = new Map(g.nodes.map((n) => [n.id, nodeSubLabel(n)]));
  for (const n of g.nodes) graph.setNode(n.id, { width: nodeWidth(n, subs.get(n.id)!), height: NODE_HEIGHT });
  for (const e of g.edges) graph.setEdge(e.from, e.to);
  layout(graph);
  const nodes: LaidNode[] = g.nodes.map((n) => {
    const p = graph.node(n.id);
    return { ...n, x: p.x - p.width / 2, y: p.y - p.height / 2, width: p.width, height: p.height, sub: subs.get(n.id)! };
  });
  const edges: LaidEdge[] = g.edges.map((e) => ({ ...e, points: (graph.edge(e.from, e.to)?.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })) }));
  // dagre's size counts the nodes, but long edges can bow outside them: frame everything drawn.
  const xs = [...nodes.flatMap((n) => [n.x, n.x + n.width]), ...edges.flatMap((e) => e.points.map((p) => p.x))];
  const ys = [...nodes.flatMap((n) => [n.y, n.y + n.height]), ...edges.flatMap((e) => e.points.map((p) => p.y))];
  const placed = (width: number, height: number): Placed => ({ width, height, nodes: nodes.map((n) => [n.x, n.y, n.width, n.height]), edges: edges.map((e) => e.points) });
  if (!xs.length) return placed(0, 0);
  const dx = MARGIN - Math.min(...xs);
  const dy = MARGIN - Math.min(...ys);
  for (const n of nodes) {
    n.x = Math.round(n.x + dx);
    n.y = Math.round(n.y + dy);
  }
  for (const e of edges) e.points = e.points.map((p) => ({ x: Math.round(p.x + dx), y: Math.round(p.y + dy) }));
  return placed(Math.ceil(Math.max(...xs) + dx + MARGIN), Math.ceil(Math.max(...ys) + dy + MARGIN));
}

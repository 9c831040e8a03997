// Lays the (grouped) module graph out left to right with dagre, a well-kept layered layout
// library, for the report's inline SVG and the module map webview (which only draws).
import { Graph, layout } from '@dagrejs/dagre';
import type { GroupedGraph, GroupedNode } from './group';

export interface LaidNode extends GroupedNode {
  x: number;
  y: number;
  width: number;
  height: number;
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

export const NODE_HEIGHT = 40;

export function layoutGraph(g: GroupedGraph): GraphLayout {
  const graph = new Graph({ multigraph: false });
  // Wide graphs read better in ranks of columns; many nodes need tighter spacing.
  const dense = g.nodes.length > 30;
  graph.setGraph({ rankdir: 'LR', nodesep: dense ? 12 : 24, ranksep: dense ? 50 : 70, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) graph.setNode(n.id, { width: Math.max(90, Math.min(320, labelWidth(n.label) + 24)), height: NODE_HEIGHT });
  for (const e of g.edges) graph.setEdge(e.from, e.to);
  layout(graph);
  const nodes: LaidNode[] = g.nodes.map((n) => {
    const p = graph.node(n.id);
    return { ...n, x: p.x - p.width / 2, y: p.y - p.height / 2, width: p.width, height: p.height };
  });
  const edges: LaidEdge[] = g.edges.map((e) => ({ ...e, points: (graph.edge(e.from, e.to)?.points ?? []).map((p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) })) }));
  const info = graph.graph();
  return { width: Math.ceil(info.width ?? 0), height: Math.ceil(info.height ?? 0), nodes, edges, collapsed: g.collapsed };
}

// Large module graphs collapse into folder groups so that a picture of 500+ modules stays
// readable: the deepest folder level that still fits the node budget, with chosen groups
// expanded. Shared by the report's diagrams and the module map webview.
import type { GraphEdge, GraphModule } from './types';

export interface GroupedNode {
  /** A module id, or `group:<folder>` for a collapsed group. */
  id: string;
  label: string;
  kind: 'module' | 'group';
  /** Module ids inside (one for a module). */
  members: string[];
  files: number;
  lines: number;
  codeLines: number;
  percent: number;
  entries: number;
  notes: number;
  hotspots: number;
}

export interface GroupedGraph {
  nodes: GroupedNode[];
  edges: GraphEdge[];
  /** True when some modules are shown as groups. */
  collapsed: boolean;
  /** Folder depth of the grouping (0: none). */
  depth: number;
}

export interface GroupOptions {
  /** Most nodes to show before collapsing (default 60). */
  maxNodes?: number;
  /** Group ids (`group:<folder>`) to show module by module. */
  expand?: readonly string[];
}

function keyAt(path: string, depth: number): string {
  return path.split('/').slice(0, depth).join('/');
}

function moduleNode(m: GraphModule): GroupedNode {
  return { id: m.id, label: m.id || '(root)', kind: 'module', members: [m.id], files: m.files, lines: m.lines, codeLines: m.codeLines, percent: m.percent, entries: m.entries, notes: m.notes, hotspots: m.hotspots };
}

function groupNode(key: string, members: GraphModule[]): GroupedNode {
  const codeLines = members.reduce((s, m) => s + m.codeLines, 0);
  const read = members.reduce((s, m) => s + (m.percent * m.codeLines) / 100, 0);
  return {
    id: `group:${key}`,
    label: `${key || '(root)'}/ (${members.length} modules)`,
    kind: 'group',
    members: members.map((m) => m.id),
    files: members.reduce((s, m) => s + m.files, 0),
    lines: members.reduce((s, m) => s + m.lines, 0),
    codeLines,
    percent: codeLines ? Math.floor((read / codeLines) * 1000) / 10 : 0,
    entries: members.reduce((s, m) => s + m.entries, 0),
    notes: members.reduce((s, m) => s + m.notes, 0),
    hotspots: members.reduce((s, m) => s + m.hotspots, 0),
  };
}

export function groupGraph(modules: readonly GraphModule[], edges: readonly GraphEdge[], o: GroupOptions = {}): GroupedGraph {
  const max = Math.max(2, o.maxNodes ?? 60);
  const expand = new Set(o.expand ?? []);
  let depth = 0;
  let nodeOf = new Map(modules.map((m) => [m.id, m.id]));
  let nodes = modules.map(moduleNode);
  if (modules.length > max) {
    const maxDepth = Math.max(1, ...modules.map((m) => m.path.split('/').length));
    let best: Map<string, GraphModule[]> | undefined;
    for (let d = 1; d <= maxDepth; d++) {
      const groups = new Map<string, GraphModule[]>();
      for (const m of modules) {
        const k = keyAt(m.path, d);
        groups.set(k, [...(groups.get(k) ?? []), m]);
      }
      const shown = [...groups].reduce((s, [k, g]) => s + (expand.has(`group:${k}`) ? g.length : 1), 0);
      if (shown > max && best) break;
      best = groups;
      depth = d;
      if (shown > max) break; // even the top level is too many: keep it, it is the best there is
    }
    nodes = [];
    nodeOf = new Map();
    for (const [k, g] of [...best!].sort((a, b) => a[0].localeCompare(b[0]))) {
      if (g.length === 1 || expand.has(`group:${k}`)) {
        for (const m of g) {
          nodes.push(moduleNode(m));
          nodeOf.set(m.id, m.id);
        }
      } else {
        const n = groupNode(k, g);
        nodes.push(n);
        for (const m of g) nodeOf.set(m.id, n.id);
      }
    }
  }
  const merged = new Map<string, GraphEdge>();
  for (const e of edges) {
    const from = nodeOf.get(e.from);
    const to = nodeOf.get(e.to);
    if (!from || !to || from === to) continue;
    const key = `${from}\u0000${to}`;
    const had = merged.get(key);
    if (had) had.count += e.count;
    else merged.set(key, { from, to, count: e.count });
  }
  return { nodes, edges: [...merged.values()], collapsed: nodes.some((n) => n.kind === 'group'), depth };
}

/** Coverage bucket 0..4 for colouring: 0 nothing read, 4 fully read; -1 outside the scope. */
export function coverageBucket(percent: number, codeLines: number): number {
  if (codeLines === 0) return -1;
  if (percent >= 100) return 4;
  if (percent >= 60) return 3;
  if (percent >= 25) return 2;
  if (percent > 0) return 1;
  return 0;
}

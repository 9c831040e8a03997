// The module graph the module map view draws: modules with reading coverage and entry points,
// narrowed by a filter or to one module's neighbourhood, grouped and laid out.
import type { DiveCoverage } from '../coverage/coverage';
import type { RepoMap } from '../map/types';
import { groupGraph } from './group';
import type { GraphLayout } from './layout';
import { layoutGraph } from './layout';
import type { GraphEdge, GraphModule } from './types';

export function graphModules(map: Pick<RepoMap, 'modules' | 'files'>, coverage: DiveCoverage | undefined, entryFiles: readonly string[] = [], noteFiles: readonly string[] = []): GraphModule[] {
  const cov = new Map((coverage?.modules ?? []).map((m) => [m.id, m]));
  const moduleOf = new Map(map.files.map((f) => [f.path, f.module]));
  const count = (files: readonly string[]) => {
    const c = new Map<string, number>();
    for (const f of files) {
      const m = moduleOf.get(f);
      if (m !== undefined) c.set(m, (c.get(m) ?? 0) + 1);
    }
    return c;
  };
  const entries = count(entryFiles);
  const notes = count(noteFiles);
  return map.modules
    .filter((m) => m.kind !== 'external')
    .map((m) => ({ id: m.id, path: m.path, kind: m.kind, files: m.files, lines: m.lines, percent: cov.get(m.id)?.percent ?? 0, codeLines: cov.get(m.id)?.lines ?? 0, entries: entries.get(m.id) ?? 0, notes: notes.get(m.id) ?? 0, hotspots: 0 }));
}

export interface ViewOptions {
  /** Case-insensitive text a module id must contain. */
  filter?: string;
  /** Show only this module and the modules it imports or is imported by. */
  focus?: string;
  expand?: readonly string[];
  maxNodes?: number;
  /** The drawing area: the layout (left to right, or top to bottom) that shows the graph larger in it. */
  room?: { width: number; height: number };
}

/**
 * The scale the module map draws a layout at in a room (media/moduleMap/main.js does the same):
 * the whole graph when that keeps it readable (at most 1.6 times its size), else the full width
 * (the graph scrolls down, never sideways: nothing is cut off at the right).
 */
export function fitScale(width: number, height: number, room: { width: number; height: number }): number {
  const w = Math.max(width, 1);
  const h = Math.max(height, 1);
  const whole = Math.min(room.width / w, room.height / h);
  return whole >= READABLE ? Math.min(1.6, whole) : Math.min(1, room.width / w);
}
/** Below this the labels (12 px) get smaller than about 9 px. */
export const READABLE = 0.75;

export function layoutModuleView(modules: readonly GraphModule[], edges: readonly GraphEdge[], o: ViewOptions): GraphLayout & { shown: number; total: number } {
  let keep = modules;
  if (o.focus && modules.some((m) => m.id === o.focus)) {
    const near = new Set([o.focus]);
    for (const e of edges) {
      if (e.from === o.focus) near.add(e.to);
      if (e.to === o.focus) near.add(e.from);
    }
    keep = keep.filter((m) => near.has(m.id));
  }
  const text = o.filter?.trim().toLowerCase();
  if (text) keep = keep.filter((m) => m.id.toLowerCase().includes(text));
  const ids = new Set(keep.map((m) => m.id));
  const g = groupGraph(keep, edges.filter((e) => ids.has(e.from) && ids.has(e.to)), { maxNodes: o.maxNodes ?? 60, expand: o.expand });
  let laid = layoutGraph(g);
  // A wide graph (many ranks of groups side by side) is stacked top to bottom when that fits the
  // room better: 329 modules in 8 groups were drawn 2,169 px wide in a 1,500 px panel (issue 16).
  if (o.room && laid.nodes.length > 1) {
    const down = layoutGraph(g, 'TB');
    if (fitScale(down.width, down.height, o.room) > fitScale(laid.width, laid.height, o.room) * 1.1) laid = down;
  }
  return { ...laid, shown: keep.length, total: modules.length };
}

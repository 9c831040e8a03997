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
}

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
  return { ...layoutGraph(g), shown: keep.length, total: modules.length };
}

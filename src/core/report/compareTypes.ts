// What `deepdive report --compare` adds: routes, modules, edges, notes and risks that changed
// since an earlier report (part of the "deepdive-report/1" contract in types.ts, which re-exports
// these). Separate: only a comparison carries it.
import type { NoteKind } from '../model/types';
import type { CodeLink, CoverageFigures, GraphEdge } from './types';

export interface ChangedEntry {
  id: string;
  /** What changed: `guards`, `handler`, `file`. */
  changes: string[];
  before: { guards: string[]; unguarded: boolean; handler: string; file: string };
  after: { guards: string[]; unguarded: boolean; handler: string; file: string };
}

export interface ChangedModule {
  id: string;
  before: { files: number; lines: number; percent: number };
  after: { files: number; lines: number; percent: number };
}

export interface ReportComparison {
  previous: { generated: string; dive: string; title: string; baseCommit?: string };
  entries: { added: string[]; removed: string[]; changed: ChangedEntry[] };
  modules: { added: string[]; removed: string[]; changed: ChangedModule[] };
  edges: { added: GraphEdge[]; removed: GraphEdge[] };
  /** Notes present in both whose code text changed (or that moved or lost their code). */
  notesChanged: { id: string; kind: NoteKind; reason: string; code?: CodeLink }[];
  /** Open risks and gaps of the earlier report still open now (same note id). */
  risksStillOpen: string[];
  /** Open risks and gaps of the earlier report that are resolved or gone now. */
  risksClosed: string[];
  coverage: { before: CoverageFigures; after: CoverageFigures; modules: { id: string; before?: number; after?: number }[] };
}

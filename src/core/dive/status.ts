// The status of a deep dive: coverage per file and module, flows, notes, questions, days left
// and what to read next. One builder for `deepdive status --json` and the editor's Overview.
import type { EntryRef, UnreadPlace } from '../coverage/nextUnread';
import { nextUnread } from '../coverage/nextUnread';
import type { DiveCoverage, SnapshotProvider } from '../coverage/coverage';
import { computeCoverage } from '../coverage/coverage';
import type { CodeLinesCache } from '../coverage/codeLinesCache';
import type { StaleSymbol } from '../coverage/staleness';
import type { RepoMap } from '../map/types';
import type { DeepDive, FlowStatus, NoteKind, Severity } from '../model/types';
import type { AnchorStatus } from '../anchor/types';
import { resolveNoteLocations } from '../notes/locations';
import type { SourceFiles } from '../files/sourceFiles';
import { diskFiles } from '../files/sourceFiles';
import type { DiveHeading } from './ops';
import { daysLeft, diveHeading, isAnswered } from './ops';

export interface DiveStatus {
  dive: DiveHeading;
  coverage: { lines: number; read: number; percent: number; files: number; filesRead: number };
  modules: { id: string; lines: number; read: number; percent: number; files: number; filesRead: number }[];
  files: { path: string; module: string; lines: number; read: number; percent: number; seconds: number; unread: [number, number][]; stale?: StaleSymbol[] }[];
  flows: { id: string; title: string; status: FlowStatus; steps: number; visited: number; entry?: string }[];
  notes: { id: string; kind: NoteKind; severity?: Severity; status: 'open' | 'resolved'; body: string; file?: string; line?: number; anchor?: AnchorStatus; target: string }[];
  questions: { id: string; text: string; status: 'open' | 'answered'; answered: boolean; answeredBy: string[] }[];
  daysLeft?: number;
  nextUnread: UnreadPlace[];
}

export interface StatusOptions {
  snapshot: SnapshotProvider;
  /** Code lines by content hash (see CodeLinesCache): without it every file in scope is parsed. */
  codeLines?: CodeLinesCache;
  entries?: EntryRef[];
  hotspots?: Record<string, number>;
  now?: Date;
  nextLimit?: number;
  /** Today's text of a root-relative file for re-anchoring notes (default: through `files`). */
  readText?: (path: string) => string | undefined;
  /** The files seam (default: the disk under root). */
  files?: SourceFiles;
}

export async function diveStatus(root: string, dive: DeepDive, map: Pick<RepoMap, 'files' | 'modules'>, opts: StatusOptions): Promise<{ status: DiveStatus; coverage: DiveCoverage }> {
  const cov = await computeCoverage(dive, map, opts.snapshot, opts.codeLines);
  const byPath = new Map(map.files.map((f) => [f.path, f]));
  const files = opts.files ?? diskFiles(root);
  const locations = resolveNoteLocations(dive, opts.readText ?? ((rel) => files.read(rel)), { symbols: (p) => byPath.get(p)?.symbols, files: map.files.map((f) => f.path) });
  const severity = new Map(dive.notes.map((n) => [n.id, n.severity]));
  // Looked up by id, not found by a scan per note: status stays linear in the dive's size.
  const byId = new Map(dive.notes.map((n) => [n.id, n]));
  const status: DiveStatus = {
    dive: diveHeading(dive),
    coverage: { lines: cov.lines, read: cov.read, percent: cov.percent, files: cov.files.length, filesRead: cov.files.filter((f) => f.read === f.lines).length },
    modules: cov.modules.map((m) => ({ ...m })),
    files: cov.files.map((f) => ({
      path: f.path,
      module: f.module,
      lines: f.lines,
      read: f.read,
      percent: f.percent,
      seconds: f.seconds,
      unread: f.unreadRanges,
      ...(f.stale.length ? { stale: f.stale } : {}),
    })),
    flows: dive.flows.map((f) => ({ id: f.id, title: f.title, status: f.status, steps: f.steps.length, visited: f.steps.filter((s) => s.visited).length, ...(f.entry ? { entry: f.entry } : {}) })),
    notes: locations.map((n) => {
      const sev = severity.get(n.id);
      const note = byId.get(n.id)!;
      const target = note.target.type === 'module' ? `module:${note.target.module}` : note.target.type === 'flow' ? `flow:${note.target.flow}` : note.target.type;
      return {
        id: n.id,
        kind: n.kind,
        ...(sev ? { severity: sev } : {}),
        status: n.status,
        body: n.body,
        ...(n.file !== undefined ? { file: n.file } : {}),
        ...(n.line !== undefined ? { line: n.line } : {}),
        ...(n.anchor ? { anchor: n.anchor } : {}),
        target,
      };
    }),
    questions: dive.questions.map((q) => ({ id: q.id, text: q.text, status: q.status, answered: isAnswered(dive, q), answeredBy: q.answeredBy ?? [] })),
    ...(dive.due ? { daysLeft: daysLeft(dive, opts.now) } : {}),
    nextUnread: nextUnread({ files: cov.files, map, entries: opts.entries, hotspots: opts.hotspots, limit: opts.nextLimit ?? 5 }),
  };
  return { status, coverage: cov };
}

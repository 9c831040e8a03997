// The report's data: what `deepdive report --format json` writes and what the Markdown and
// HTML renderers and `--compare` read. A public contract ("schema": "deepdive-report/1"): add
// fields freely, never rename or drop one. Lines are 1-based, ranges inclusive, paths relative
// to the repository root with forward slashes.
// Routes (entryTypes.ts), flows (flowTypes.ts) and the comparison (compareTypes.ts) have files
// of their own and are re-exported here, so this stays the one place to import the contract from.
import type { DiveHeading } from '../dive/ops';
import type { DecisionReview, LeadState, NoteKind, Severity } from '../model/types';
import type { ApiSpecCheck } from '../apispec/types';
import type { ReportEntry } from './entryTypes';
import type { ReportFlow, ReportSuggestedFlow } from './flowTypes';
import type { ReportComparison } from './compareTypes';
export type { ReportEntry, ReportGuard } from './entryTypes';
export type { ReportFlow, ReportStep, ReportSuggestedFlow, ReportSuggestedStep } from './flowTypes';
export type { ChangedEntry, ChangedModule, ReportComparison } from './compareTypes';

export const REPORT_SCHEMA = 'deepdive-report/1';

export type AnchorState = 'anchored' | 'moved' | 'orphaned';

export interface ReportDive extends DiveHeading {
  /** Days to the due date when the report was made (negative: overdue). */
  daysLeft?: number;
}

export interface ReportRemote {
  host: 'github' | 'gitlab' | 'bitbucket';
  /** Web address of the repository, without credentials: https://github.com/acme/auth. */
  web: string;
}

export interface ReportEffort {
  /** Seconds files were on screen while the window had focus, summed over the reading record. */
  seconds: number;
  hours: number;
  filesOpened: number;
  firstRead?: string;
  lastRead?: string;
  /** Files marked read (from the CLI, or by hand) with no time on screen recorded: reading happened, its time is unknown. */
  filesWithoutTime?: number;
}

export interface CoverageFigures {
  lines: number;
  read: number;
  percent: number;
}

export interface ModuleCoverageRow extends CoverageFigures {
  id: string;
  files: number;
  filesRead: number;
}

export interface FileCoverageRow extends CoverageFigures {
  path: string;
  module: string;
  seconds: number;
  /** Symbols changed since they were read. */
  stale: number;
}

export interface ReportCoverage extends CoverageFigures {
  files: number;
  filesRead: number;
  modules: ModuleCoverageRow[];
  fileRows: FileCoverageRow[];
}

export interface CodeLink {
  file: string;
  line: number;
  endLine: number;
  /** Web address of the lines at the deep dive's base commit, when the remote is known. */
  web?: string;
}

/** A unit whose read code changed since it was read: re-reading it costs the diff. */
export interface ReportChangedUnit {
  unit: string;
  reason: 'changed' | 'removed';
  module: string;
  code: CodeLink;
  /** Today's lines that are new or changed since the read, [start, end] pairs. */
  changed: [number, number][];
  /** Read lines that are gone or changed. */
  lines: number;
  /** The read version (git blob id of the file then; HEAD then, when known). */
  blob?: string;
  commit?: string;
  /** Commits that changed the file after the read version, newest first (when git could tell). */
  commits?: { commit: string; author: string; date: string; subject: string }[];
  /** The unit's diff from the version read to now (`-` read then, `+` new, ` ` unchanged, `…` left out). */
  diff?: { op: '-' | '+' | ' ' | '…'; text: string }[];
}

export interface ReportNote {
  id: string;
  kind: NoteKind;
  severity?: Severity;
  status: 'open' | 'resolved';
  body: string;
  impact?: string;
  target: 'code' | 'module' | 'flow' | 'dive';
  module?: string;
  flow?: string;
  question?: string;
  /** For code notes: where the code is now. */
  code?: CodeLink;
  anchor?: AnchorState;
  /** Short hash of the code's text at the note today: `--compare` tells notes whose code changed. */
  codeHash?: string;
  author?: string;
  created: string;
  updated?: string;
  replies: number;
  /** Decision notes: the leader's call (kept, or to revisit); absent while not marked. */
  decision?: DecisionReview;
  /** Imported from a scanner (deepdive import): the tool, rule and whether the leader confirmed it. */
  lead?: { tool: string; rule: string; state: LeadState };
  /** Entry points (ids) whose registration or handler this note is on. */
  entries?: string[];
}

export interface Recommendation {
  /** Stable: `kind:subject`, so a later report can tell it is the same one. */
  id: string;
  kind: 'unguarded-route' | 'single-owner' | 'inactive-owner' | 'unread-hotspot' | 'open-risk' | 'low-coverage' | 'untraced-flow' | 'orphaned-note';
  severity: Severity;
  title: string;
  detail: string;
  /** Module, file, route or note ids the recommendation is about. */
  refs: string[];
  /** Who the leader made responsible, and by when (YYYY-MM-DD): `deepdive report assign` or the editor. */
  owner?: string;
  due?: string;
}

export interface Person {
  name: string;
  email: string;
  active: boolean;
  /** Share of the module's knowledge, 0..1, when asked about a module. */
  share?: number;
}

export interface OpenQuestion {
  id: string;
  text: string;
  /** `question` for the deep dive's checklist, `note` for an open question note. */
  source: 'question' | 'note';
  module?: string;
  code?: CodeLink;
  ask: Person[];
}

/** An entry point the analyser reported that the report leaves out, and why. */
export interface DroppedEntry {
  id: string;
  file: string;
  line: number;
  reason: string;
}

/** What the report does not cover, in numbers: a reader must not take the figures for complete. */
export interface ReportLimits {
  files: { inScope: number; unread: number; partlyRead: number };
  modulesUnread: string[];
  routes: { total: number; guarded: number; optional: number; unguarded: number; publicOnPurpose: number; unknown: number; dynamic: number };
  /** Where the route analysis could not finish (EntryPointsResult.warnings). */
  warnings: { file: string; line?: number; reason: string }[];
  droppedEntries: DroppedEntry[];
  flows: { total: number; understood: number; routesWithoutFlow: number };
  /** Scanner leads not yet confirmed or dismissed. */
  openLeads: number;
  /** Why ownership and hotspot claims are (not) made. */
  history: string;
}

export interface GraphModule {
  id: string;
  path: string;
  kind: string;
  files: number;
  lines: number;
  /** Reading coverage of the module's code lines (0 when it is outside the scope). */
  percent: number;
  /** Code lines in scope (0: outside the deep dive's scope). */
  codeLines: number;
  entries: number;
  notes: number;
  hotspots: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  count: number;
}

export interface ReportGraph {
  modules: GraphModule[];
  edges: GraphEdge[];
  cycles: string[][];
}

export interface ModuleOwners {
  module: string;
  owners: (Person & { share: number; lines: number; lastChange: string })[];
  busFactor: number;
  singleOwner: boolean;
  mainOwnerInactive: boolean;
  churn: number;
  lastChange?: string;
}

export interface ReportHotspot {
  path: string;
  module: string;
  score: number;
  churn: number;
  complexity: number;
  /** Reading coverage of the file (undefined when it is outside the scope). */
  percent?: number;
}

export interface ReportHistory {
  available: boolean;
  partial: boolean;
  reason?: string;
  sinceDays?: number;
  hotspotDays?: number;
  hotspots: ReportHotspot[];
  owners: ModuleOwners[];
  people: (Person & { commits: number; lastCommit: string; modules: string[] })[];
  /** Whether the history holds enough to judge ownership and hotspots, and why not. */
  signal?: { commits: number; authors: number; ownership: boolean; hotspots: boolean; reason?: string };
}

export interface ReportVerdict {
  /** The leader's text, or the draft when they have not written one. */
  text: string;
  source: 'leader' | 'draft';
  /** The draft built from the data (always there, so the editor can offer it). */
  draft: string;
  updated?: string;
}

export interface ReportSummary {
  /** Open risks and gaps, most severe first. */
  topRisks: string[];
  /** Decision notes worth revisiting (open ones, code changed since first). */
  decisions: string[];
  /** Decision notes as the leader marked them. */
  decisionsKept?: string[];
  decisionsRevisit?: string[];
  decisionsUnmarked?: string[];
  /** Checklist questions answered, with the note that answers each. */
  answered?: { id: string; text: string; note?: string }[];
  checklist?: { total: number; answered: number };
  recommendations: Recommendation[];
  questions: OpenQuestion[];
  notes: { total: number; open: number; byKind: Record<NoteKind, number> };
  flows: { total: number; understood: number };
  entries: { total: number; unguarded: number };
}

export interface ReportData {
  schema: typeof REPORT_SCHEMA;
  generated: string;
  generator: string;
  dive: ReportDive;
  verdict?: ReportVerdict;
  /** What the deep dive did, in one line each. */
  method?: string[];
  limits?: ReportLimits;
  remote?: ReportRemote;
  effort: ReportEffort;
  coverage: ReportCoverage;
  summary: ReportSummary;
  notes: ReportNote[];
  entries: ReportEntry[];
  flows: ReportFlow[];
  /** Suggested flows for the top routes without a traced flow (absent in reports made before they existed). */
  suggestedFlows?: ReportSuggestedFlow[];
  graph: ReportGraph;
  history: ReportHistory;
  /** Units whose read code changed since it was read (absent when none, and in older reports). */
  changedSinceRead?: ReportChangedUnit[];
  compare?: ReportComparison;
  /** The repository's OpenAPI/Swagger document(s) against the routes found; absent when it has none. */
  apiSpec?: ApiSpecCheck;
}

// What `deepdive history` and the editor show about the repository's past. The JSON of
// `deepdive history --json` is built from these: add fields freely, never rename or drop one.

/** Whether history could be read, and if not, why (one line a person can act on). */
export interface HistoryAvailability {
  available: boolean;
  /** True when some history is missing (a shallow clone): figures cover what is there. */
  partial: boolean;
  /** Why history is unavailable or partial; absent when all is well. */
  reason?: string;
}

export interface Owner {
  name: string;
  email: string;
  /** Share of the knowledge, 0..1: current lines that are theirs, weighted by how recent their work is. */
  share: number;
  /** Estimated current lines they wrote. */
  lines: number;
  /** Their last change here, ISO date. */
  lastChange: string;
}

export interface Churn {
  days: number;
  /** Commits that touched the code in the window. */
  commits: number;
  /** Lines added plus deleted in the window. */
  lines: number;
}

export interface KnowledgeFlags {
  /** One person holds more than half of the knowledge. */
  singleOwner: boolean;
  /** The main owner has not committed anywhere in the repository for longer than the limit. */
  mainOwnerInactive: boolean;
}

export interface FileHistory {
  path: string;
  module: string;
  owners: Owner[];
  lastChange: string;
  firstChange: string;
  /** Days since the first commit that touched it. */
  ageDays: number;
  commits: number;
  /** Commits in the main window (`sinceDays`). */
  churn: number;
  churnWindows: Churn[];
  busFactor: number;
  flags: KnowledgeFlags;
}

export interface ModuleHistory {
  id: string;
  owners: Owner[];
  lastChange?: string;
  firstChange?: string;
  ageDays?: number;
  files: number;
  commits: number;
  /** Commits in the main window (`sinceDays`). */
  churn: number;
  churnWindows: Churn[];
  /** Smallest number of people who together hold more than half of the knowledge (0: no history). */
  busFactor: number;
  flags: KnowledgeFlags;
}

export interface Hotspot {
  path: string;
  module: string;
  /** churn × complexity. */
  score: number;
  /** Commits that touched the file in the hotspot window. */
  churn: number;
  /** 1 + decision points (if, loops, case, catch, &&, ||, ?:) in the tree-sitter tree. */
  complexity: number;
}

export interface PersonModule {
  id: string;
  share: number;
}

export interface Person {
  name: string;
  email: string;
  commits: number;
  firstCommit: string;
  lastCommit: string;
  /** Committed within the inactivity limit. */
  active: boolean;
  /** Modules they know, largest share first. */
  modules: PersonModule[];
}

export interface HistoryStats {
  ms: number;
  /** Commits read from git in this run (all of them cold, only the new ones when incremental). */
  commitsProcessed: number;
  /** Commits behind the figures in total. */
  commitsTotal: number;
  incremental: boolean;
  head?: string;
}

export interface HistoryReport extends HistoryAvailability {
  sinceDays: number;
  hotspotDays: number;
  modules: ModuleHistory[];
  files: FileHistory[];
  hotspots: Hotspot[];
  people: Person[];
  stats: HistoryStats;
}

/** A commit that made some of the lines asked about. */
export interface LineOrigin {
  commit: string;
  author: string;
  email: string;
  /** Author date, ISO. */
  date: string;
  summary: string;
  /** How many of the asked lines it made. */
  lines: number;
  /** Git marks the oldest commit it knows (a root commit, or the edge of a shallow clone). */
  boundary: boolean;
}

export interface LineOriginsResult extends HistoryAvailability {
  origins: LineOrigin[];
}

// The deep-dive file (`.deepdive/<id>.json`, schema "deepdive/1") is a public contract:
// fields may be added, never renamed or dropped. Lines are 1-based and ranges inclusive,
// paths relative to the workspace root with forward slashes.

export const SCHEMA_ID = 'deepdive/1';

export type NoteKind = 'decision' | 'gap' | 'risk' | 'question' | 'insight';
export const NOTE_KINDS: readonly NoteKind[] = ['decision', 'gap', 'risk', 'question', 'insight'];

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export type FlowStatus = 'untraced' | 'tracing' | 'understood';

/** The leader's call on a decision note: it still holds (kept) or should be revisited. */
export type DecisionReview = 'kept' | 'revisit';
export const DECISION_REVIEWS: readonly DecisionReview[] = ['kept', 'revisit'];

/** A scanner's finding imported as a note to confirm or dismiss during the dive. */
export type LeadState = 'open' | 'confirmed' | 'dismissed';
export const LEAD_STATES: readonly LeadState[] = ['open', 'confirmed', 'dismissed'];

export interface Lead {
  /** The tool that reported it (SARIF `tool.driver.name`), e.g. "ESLint", "CodeQL", "Semgrep". */
  tool: string;
  /** Its rule id, e.g. "security/detect-eval-with-expression". */
  rule: string;
  /** Stable identity of the result: re-importing the same file adds nothing new. */
  key: string;
  state: LeadState;
  /** The file it was imported from, as given. */
  source?: string;
  /** The scanner's own level: error, warning, note, none. */
  level?: string;
  imported: string;
}

/** 1-based, inclusive line range. */
export interface LineRange {
  start: number;
  end: number;
}

/**
 * How a note or a flow step finds its code again after edits: by enclosing symbol first,
 * then by its text (fuzzy, with context), then by line.
 */
export interface Anchor {
  path: string;
  range: LineRange;
  /** Enclosing-symbol path at anchoring time, e.g. "AuthService.login". */
  symbol?: string;
  /** Range of that enclosing symbol when anchored: tells a note on the whole symbol from one inside it. */
  symbolRange?: LineRange;
  /** Exact text of the range when anchored. */
  text: string;
  /** A few lines before and after the range, for fuzzy matching. */
  before?: string;
  after?: string;
  /** Commit HEAD pointed at when anchored, when known. */
  commit?: string;
}

export type NoteTarget =
  | { type: 'code'; anchor: Anchor }
  | { type: 'module'; module: string }
  | { type: 'flow'; flow: string }
  | { type: 'dive' };

export interface NoteReply {
  id: string;
  body: string;
  author?: string;
  created: string;
}

export interface Note {
  id: string;
  kind: NoteKind;
  severity?: Severity;
  status: 'open' | 'resolved';
  /** Markdown. */
  body: string;
  /** "What this means for the business". */
  impact?: string;
  target: NoteTarget;
  links?: { module?: string; flow?: string; question?: string };
  replies?: NoteReply[];
  author?: string;
  created: string;
  updated?: string;
  /** Decision notes: the leader's call, shown as "kept" or "to revisit" in the report. */
  decision?: DecisionReview;
  /** Set on notes imported from a scanner: a lead until the leader confirms or dismisses it. */
  lead?: Lead;
}

export interface FlowStep {
  id: string;
  title?: string;
  anchor: Anchor;
  /** True once the reader has stepped onto it. */
  visited?: boolean;
}

export interface Flow {
  id: string;
  title: string;
  /** Id of the entry point the flow starts at, when it came from the analyser. */
  entry?: string;
  status: FlowStatus;
  steps: FlowStep[];
  created: string;
  updated?: string;
}

export interface Question {
  id: string;
  text: string;
  /** Ids of the notes that answer it. */
  answeredBy?: string[];
  status: 'open' | 'answered';
}

/** Fingerprint of a symbol's text when it was read: a change afterwards makes it unread again. */
export interface ReadFingerprint {
  symbol: string;
  range: LineRange;
  hash: string;
  /**
   * The symbol's own lines when read ([start, end] pairs): its range minus the symbols nested
   * in it. Absent when that is the whole range. Lets a read follow its lines when code moves.
   */
  own?: [number, number][];
}

/**
 * Lines read, with what they said: `hashes` holds four characters per line (a hash of the line
 * with its whitespace removed; see core/coverage/lineHashes.ts), so the read follows its lines
 * when code moves and becomes unread exactly where the text changed. `blob` is the git blob id
 * of the whole file as read (the read version can be shown again from it), `commit` HEAD then.
 */
export interface ReadSpan {
  start: number;
  end: number;
  /** Empty when the text was not known at read time: the span then stays on its line numbers. */
  hashes: string;
  blob?: string;
  commit?: string;
}

export interface FileReading {
  /**
   * Merged, sorted, 1-based inclusive [start, end] pairs: the read lines in the line numbers of
   * the last write. With `spans`, those are what counts (they follow edits); this stays for
   * readers of older versions.
   */
  ranges: [number, number][];
  /** Seconds the file was on screen while the window had focus. */
  seconds: number;
  lastRead?: string;
  fingerprints?: ReadFingerprint[];
  /** What was read and what it said: read spans of today's text, and older ones whose code changed since. */
  spans?: ReadSpan[];
}

export interface Scope {
  include: string[];
  exclude: string[];
}

/** The leader's bottom line for the report's executive summary. */
export interface Verdict {
  text: string;
  updated: string;
  author?: string;
}

/** What the leader set on a recommendation of the report (keyed by the recommendation's stable id). */
export interface RecommendationPlan {
  owner?: string;
  /** YYYY-MM-DD. */
  due?: string;
  updated: string;
}

export interface DeepDive {
  schema: typeof SCHEMA_ID;
  id: string;
  title: string;
  created: string;
  due?: string;
  template?: string;
  /** Commit HEAD pointed at when the deep dive started. */
  baseCommit?: string;
  scope: Scope;
  questions: Question[];
  flows: Flow[];
  notes: Note[];
  /** Reading record, keyed by file path. */
  reading: Record<string, FileReading>;
  /** The leader's verdict for the report (a draft built from the data is shown until there is one). */
  verdict?: Verdict;
  /** Owners and due dates the leader set on the report's recommendations, by recommendation id. */
  recommendations?: Record<string, RecommendationPlan>;
}

// The deep-dive file (`.deepdive/<id>.json`, schema "deepdive/1") is a public contract:
// fields may be added, never renamed or dropped. Lines are 1-based and ranges inclusive,
// paths relative to the workspace root with forward slashes.

export const SCHEMA_ID = 'deepdive/1';

export type NoteKind = 'decision' | 'gap' | 'risk' | 'question' | 'insight';
export const NOTE_KINDS: readonly NoteKind[] = ['decision', 'gap', 'risk', 'question', 'insight'];

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export type FlowStatus = 'untraced' | 'tracing' | 'understood';

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

export interface FileReading {
  /** Merged, sorted, 1-based inclusive [start, end] pairs. */
  ranges: [number, number][];
  /** Seconds the file was on screen while the window had focus. */
  seconds: number;
  lastRead?: string;
  fingerprints?: ReadFingerprint[];
}

export interface Scope {
  include: string[];
  exclude: string[];
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
}

// Where every note and flow step is now: re-anchors each against the current files. The one
// function `deepdive status`, the Notes view and the comment threads share, so that they all
// agree on where a note is and whether it is orphaned.
import type { AnchorFile, AnchorMethod, AnchorStatus, ReanchorOptions } from '../anchor/types';
import { reanchor } from '../anchor/reanchor';
import type { SymbolInfo } from '../map/types';
import type { Anchor, DeepDive, Note, NoteKind } from '../model/types';

/** The current text of a root-relative file, or undefined when it is gone or unreadable. */
export type ReadText = (path: string) => string | undefined;

export interface LocateOptions {
  /** More files that moved code may have gone to (e.g. every file in scope, or git's added files). */
  files?: readonly string[];
  /** Symbols of a file, when the map knows them: enables re-anchoring by symbol. */
  symbols?: (path: string) => readonly SymbolInfo[] | undefined;
  /** Files renamed since the anchors were made, old → new. */
  renames?: ReanchorOptions['renames'];
}

export interface NoteLocation {
  id: string;
  kind: NoteKind;
  status: Note['status'];
  body: string;
  target: Note['target']['type'];
  /** For code notes: where the code is now (the last known place when orphaned). */
  file?: string;
  line?: number;
  endLine?: number;
  anchor?: AnchorStatus;
  confidence?: number;
  method?: AnchorMethod;
  /** The anchored text as last seen: what an orphaned note still shows. */
  text?: string;
}

export interface StepLocation {
  flow: string;
  step: string;
  index: number;
  file: string;
  line: number;
  endLine: number;
  anchor: AnchorStatus;
  confidence: number;
  method?: AnchorMethod;
}

/** Reads each file once, lazily, for all anchors. */
export class FileSet {
  private readonly cache = new Map<string, AnchorFile | null>();
  constructor(
    private readonly readText: ReadText,
    private readonly symbolsOf?: (path: string) => readonly SymbolInfo[] | undefined,
  ) {}

  get(path: string): AnchorFile | undefined {
    let f = this.cache.get(path);
    if (f === undefined) {
      let text: string | undefined;
      try {
        text = this.readText(path);
      } catch {
        text = undefined; // unreadable counts as gone: the note is orphaned, never lost
      }
      f = text === undefined ? null : { path, text, ...(this.symbolsOf?.(path) ? { symbols: this.symbolsOf(path) } : {}) };
      this.cache.set(path, f);
    }
    return f ?? undefined;
  }

  /**
   * A file whose text is read only when something looks at it: the files code may have moved
   * to are searched only when an anchor is not found in its own file (rare), so a status of a
   * big repository does not read all of them. Unreadable reads as empty.
   */
  lazy(path: string): AnchorFile {
    const text = () => this.get(path)?.text ?? '';
    const symbols = () => this.symbolsOf?.(path);
    return Object.defineProperties({ path }, { text: { get: text, enumerable: true }, symbols: { get: symbols, enumerable: true } }) as AnchorFile;
  }

  all(paths: Iterable<string>): AnchorFile[] {
    const out: AnchorFile[] = [];
    for (const p of [...new Set(paths)].sort()) {
      const f = this.get(p);
      if (f) out.push(f);
    }
    return out;
  }
}

function anchorsOf(dive: DeepDive): Anchor[] {
  const out: Anchor[] = [];
  for (const n of dive.notes) if (n.target.type === 'code') out.push(n.target.anchor);
  for (const f of dive.flows) for (const s of f.steps) out.push(s.anchor);
  return out;
}

/** The anchors' own files (read now: a gone file orphans its notes), then the others, lazily. */
function candidateFiles(dive: DeepDive, readText: ReadText, options: LocateOptions): AnchorFile[] {
  const set = new FileSet(readText, options.symbols);
  const own = new Set([...anchorsOf(dive).map((a) => a.path), ...Object.values(options.renames ?? {})]);
  const out = set.all(own);
  for (const p of new Set(options.files ?? [])) if (!own.has(p)) out.push(set.lazy(p));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function resolveNoteLocations(dive: DeepDive, readText: ReadText, options: LocateOptions = {}): NoteLocation[] {
  const files = candidateFiles(dive, readText, options);
  const reanchorOptions = { renames: options.renames };
  return dive.notes.map((n): NoteLocation => {
    if (n.target.type !== 'code') return { id: n.id, kind: n.kind, status: n.status, body: n.body, target: n.target.type };
    const anchor = n.target.anchor;
    const found = reanchor(anchor, files, reanchorOptions);
    // One literal, not a spread of a smaller one: V8 copies spreads slowly, and this runs once
    // per note of the dive on every status, list and report.
    const loc: NoteLocation = { id: n.id, kind: n.kind, status: n.status, body: n.body, target: n.target.type, file: found.path, line: found.range.start, endLine: found.range.end, anchor: found.status, confidence: found.confidence };
    if (found.method) loc.method = found.method;
    if (found.status === 'orphaned') loc.text = anchor.text;
    return loc;
  });
}

export function resolveStepLocations(dive: DeepDive, readText: ReadText, options: LocateOptions = {}): StepLocation[] {
  const files = candidateFiles(dive, readText, options);
  const out: StepLocation[] = [];
  for (const flow of dive.flows) {
    flow.steps.forEach((s, index) => {
      const found = reanchor(s.anchor, files, { renames: options.renames });
      const loc: StepLocation = { flow: flow.id, step: s.id, index, file: found.path, line: found.range.start, endLine: found.range.end, anchor: found.status, confidence: found.confidence };
      if (found.method) loc.method = found.method;
      out.push(loc);
    });
  }
  return out;
}

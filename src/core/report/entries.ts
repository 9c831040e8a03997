// The report's entry points: the analyser's answer (src/core/entry) as the report shows it. The
// guard state, its reason and "public on purpose" are taken as the analyser decided them, never
// re-derived here. What the report adds: readable guard and handler names, the leader's notes on
// each route, and leaving out what is not an entry point at all (a registration in a file that
// does not exist, a catch-all that only answers 404), each counted in the limits.
import { protectionOf } from '../entry/protection';
import type { EntryPoint } from '../entry/types';
import { guardLabel, handlerName } from './guardLabel';
import type { CodeLink, DroppedEntry, ReportEntry, ReportNote } from './types';

export interface EntryInput {
  entries: readonly EntryPoint[];
  /** Today's text of a root-relative file, undefined when it does not exist. */
  textOf: (file: string) => string | undefined;
  link: (file: string, line: number, endLine: number) => CodeLink;
  moduleOf: (file: string | undefined) => string | undefined;
  notes: readonly ReportNote[];
}

/** A path whose last segment matches anything: `*`, `/api/*`, `(.*)`, `{*rest}`, `:path*`. */
const CATCH_ALL = /(^|\/)(\*{1,2}|\(\.\*\)|\{\*\w*\}|:\w+[*+]|\*\w+)$/;
const NOT_FOUND = /\b404\b|not[\s_-]?found|NotFound|NOT_FOUND/;

/** Lines that hold code: not blank, not a comment, not only brackets and semicolons. */
function codeLines(body: string): string[] {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(\/\/|#).*$/, '').trim())
    .filter((l) => l && !/^[\s{}()[\];,]+$/.test(l));
}

/**
 * A handler that only answers 404: a few lines, the 404 among them, and no branch. A catch-all
 * that renders the app, serves files or a share page and answers 404 only when those fail is an
 * entry point (a real dive left out the SPA's `GET *`, `/static/*` and `/s/:shareId/*` this way).
 */
function onlyNotFound(body: string): boolean {
  const code = codeLines(body);
  return code.length <= 4 && code.some((l) => NOT_FOUND.test(l)) && !code.some((l) => /\bif\b|\bswitch\b|\?\s|&&|\|\||\bawait\b|\bcatch\b/.test(l.replace(/=>/g, '')));
}

/** Why an entry is not one, or undefined when it is. */
export function notAnEntry(e: EntryPoint, textOf: (file: string) => string | undefined): string | undefined {
  if (textOf(e.file) === undefined) return `its file ${e.file} does not exist`;
  if (e.kind === 'http' && CATCH_ALL.test(e.path.trim())) {
    const loc = e.handlerLocation;
    const text = loc ? textOf(loc.file) : textOf(e.file);
    const lines = text?.split(/\r?\n/) ?? [];
    // Without the handler's place, the registration's first lines stand for it.
    const body = loc ? lines.slice(loc.range.start - 1, loc.range.end).join('\n') : lines.slice(e.line - 1, e.line + 2).join('\n');
    if (onlyNotFound(body)) return 'a catch-all that answers 404 (not found), not an entry point';
  }
  return undefined;
}

function overlaps(n: ReportNote, file: string, start: number, end: number): boolean {
  return !!n.code && n.code.file === file && n.code.line <= end && n.code.endLine >= start;
}

/** Most of the note's lines inside [start, end]: a note on the next route, sharing only the
 * handler's last line with it, is not a note on this route. */
function mostlyIn(n: ReportNote, file: string, start: number, end: number): boolean {
  if (!n.code || n.code.file !== file) return false;
  const shared = Math.min(end, n.code.endLine) - Math.max(start, n.code.line) + 1;
  return shared * 2 > n.code.endLine - n.code.line + 1;
}

export function gatherEntries(input: EntryInput): { entries: ReportEntry[]; dropped: DroppedEntry[] } {
  const entries: ReportEntry[] = [];
  const dropped: DroppedEntry[] = [];
  const leaderNotes = input.notes.filter((n) => !n.lead || n.lead.state === 'confirmed');
  // The notes on each file, in the dive's order: an entry looks at its own files' notes, not at
  // every note of a 20,000-note dive.
  const onFile = new Map<string, ReportNote[]>();
  for (const n of leaderNotes) {
    if (!n.code) continue;
    const list = onFile.get(n.code.file);
    if (list) list.push(n);
    else onFile.set(n.code.file, [n]);
  }
  const order = new Map(leaderNotes.map((n, k) => [n, k]));
  for (const e of input.entries) {
    const why = notAnEntry(e, input.textOf);
    if (why) {
      dropped.push({ id: e.id, file: e.file, line: e.line, reason: why });
      continue;
    }
    const required = e.guards.filter((g) => !g.optional && g.kind !== 'other');
    const reg = input.link(e.file, e.line, e.line);
    const loc = e.handlerLocation;
    const handlerCode = loc ? input.link(loc.file, loc.range.start, loc.range.end) : undefined;
    const named = handlerName(e.handler) ?? (loc && handlerName(loc.symbol));
    const handlerShown = named ?? (loc ? `${loc.file}:${loc.range.start}` : e.id);
    const module = input.moduleOf(loc?.file ?? e.file);
    const candidates = loc && loc.file !== e.file ? [...(onFile.get(e.file) ?? []), ...(onFile.get(loc.file) ?? [])].sort((a, b) => order.get(a)! - order.get(b)!) : (onFile.get(e.file) ?? []);
    const notes = candidates.filter((n) => overlaps(n, e.file, e.line, e.line) || (loc && mostlyIn(n, loc.file, loc.range.start, loc.range.end))).map((n) => n.id);
    entries.push({
      id: e.id,
      kind: e.kind,
      method: e.method,
      path: e.path,
      handler: e.handler,
      file: e.file,
      line: e.line,
      ...(module ? { module } : {}),
      guards: e.guards.map((g) => ({
        name: g.name,
        kind: g.kind,
        ...(g.optional ? { optional: true } : {}),
        file: g.file,
        line: g.line,
        label: guardLabel(g),
        reason: g.reason,
        ...(g.evidence ? { evidence: { how: g.evidence.how, text: g.evidence.text, code: input.link(g.evidence.file, g.evidence.line, g.evidence.line) } } : {}),
      })),
      // Kept for readers of older reports: no required auth guard found. The report itself reads guardState.
      unguarded: e.kind === 'http' && (e.guardState ? e.guardState !== 'guarded' : (e.public ?? required.length === 0)),
      ...(e.framework ? { framework: e.framework } : {}),
      ...(reg.web ? { web: reg.web } : {}),
      ...(e.guardState ? { guardState: e.guardState } : {}),
      ...(e.guardReason ? { guardReason: e.guardReason } : {}),
      ...(e.publicOnPurpose ? { publicOnPurpose: e.publicOnPurpose } : {}),
      ...(e.dynamic ? { dynamic: e.dynamic.expression } : {}),
      ...(e.pathDependsOn ? { pathDependsOn: e.pathDependsOn } : {}),
      handlerShown,
      ...(handlerCode ? { handlerCode } : {}),
      ...(notes.length ? { notes } : {}),
    });
  }
  return { entries, dropped };
}

/** Routes open to anonymous callers as the analyser decided: unguarded or optional. */
export function isOpen(e: ReportEntry): boolean {
  return e.kind === 'http' && (e.guardState ? e.guardState === 'unguarded' || e.guardState === 'optional' : e.unguarded);
}

/**
 * No auth check and nothing says it is meant to be public: the routes worth a question, the
 * same "no auth" the Entry Points view and `deepdive routes` count (entry/protection.ts).
 * A route behind an optional check is "anonymous allowed", not this.
 */
export function isOpenUnexplained(e: ReportEntry): boolean {
  return protectionOf(e) === 'noAuth';
}

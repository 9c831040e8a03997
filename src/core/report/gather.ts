// Gathers the report's data from what the other parts computed: the deep dive, coverage, the
// map, entry points, history and where notes and steps are now. Pure: the caller does the IO
// (buildReport.ts for the CLI and the editor).
import * as crypto from 'node:crypto';
import type { DiveCoverage } from '../coverage/coverage';
import type { EntryPoint, EntryWarning } from '../entry/types';
import type { HistoryReport } from '../history/types';
import type { RepoMap } from '../map/types';
import type { DeepDive, NoteKind } from '../model/types';
import { NOTE_KINDS } from '../model/types';
import type { NoteLocation, StepLocation } from '../notes/locations';
import type { Flow } from '../callgraph/suggestFlows';
import { SUGGESTED_STEP_LIMIT } from './suggested';
import { daysLeft, diveHeading } from '../dive/ops';
import { gatherEntries, isOpen } from './entries';
import { gatherHistory, openQuestions } from './historyData';
import { historySignal } from './historySignal';
import { recommend } from './recommendations';
import { webLink } from './remote';
import { answeredQuestions, computeLimits, decisionsByMark, methodLines, topRisks as rankRisks } from './summary';
import { dropEnumCalls, dropUnresolvedCalls } from './suggested';
import type { CodeLink, ReportData, ReportFlow, ReportNote, ReportRemote, ReportSuggestedFlow } from './types';
import { REPORT_SCHEMA } from './types';
import { verdictOf } from './verdict';
import type { ChangedUnit } from '../coverage/changedSinceRead';
import { changedSinceRead } from '../coverage/changedSinceRead';

export interface GatherInput {
  dive: DeepDive;
  map: Pick<RepoMap, 'files' | 'modules' | 'edges' | 'cycles'>;
  coverage: DiveCoverage;
  notes: NoteLocation[];
  steps: StepLocation[];
  entries?: EntryPoint[];
  /** Where the route analysis could not finish (EntryPointsResult.warnings). */
  warnings?: EntryWarning[];
  /** Suggested flows of the top untraced routes, best first (suggested.ts). */
  suggested?: Flow[];
  history?: HistoryReport;
  /** Units changed since read, with their commits (default: from the coverage, without commits). */
  changed?: ChangedUnit[];
  remote?: ReportRemote;
  /** Today's text of a root-relative file (for the code hash of each note). */
  readText?: (path: string) => string | undefined;
  now?: Date;
  generator?: string;
}

export { severityRank } from './summary';

function moduleOfFile(map: GatherInput['map']): (file: string | undefined) => string | undefined {
  const byPath = new Map(map.files.map((f) => [f.path, f.module]));
  const dirs = map.modules.filter((m) => m.kind !== 'external').sort((a, b) => b.path.length - a.path.length);
  return (file) => {
    if (!file) return undefined;
    const m = byPath.get(file);
    if (m) return m;
    // A file the map does not parse still belongs to the deepest module folder holding it.
    return dirs.find((d) => d.path === '' || file.startsWith(`${d.path}/`))?.id;
  };
}

/** sha256 in hex: the one-shot crypto.hash where the runtime has it (several times cheaper per call). */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

function hashLines(fileLines: readonly string[] | undefined, start: number, end: number): string | undefined {
  if (fileLines === undefined) return undefined;
  const lines = fileLines.slice(start - 1, end);
  if (!lines.length) return undefined;
  return sha256Hex(lines.map((l) => l.trimEnd()).join('\n')).slice(0, 16);
}

export function gatherReport(input: GatherInput): ReportData {
  const { dive, map, coverage, remote } = input;
  const now = input.now ?? new Date();
  const moduleOf = moduleOfFile(map);
  const texts = new Map<string, string | undefined>();
  const textOf = (p: string) => {
    if (!texts.has(p)) {
      let t: string | undefined;
      try {
        t = input.readText?.(p);
      } catch {
        t = undefined;
      }
      texts.set(p, t);
    }
    return texts.get(p);
  };
  // Split once per file, not once per note: 20,000 notes on 200 files split each file 100 times.
  const split = new Map<string, string[] | undefined>();
  const linesOf = (p: string) => {
    if (!split.has(p)) split.set(p, textOf(p)?.split(/\r?\n/));
    return split.get(p);
  };
  const link = (file: string, line: number, endLine: number): CodeLink => {
    const web = webLink(remote, dive.baseCommit, file, line, endLine);
    return { file, line, endLine, ...(web ? { web } : {}) };
  };

  const locById = new Map(input.notes.map((n) => [n.id, n]));
  // Code hashes by place: notes on the same lines (common in a large dive) hash them once.
  const hashes = new Map<string, string | undefined>();
  const codeHash = (file: string, line: number, endLine: number) => {
    const key = `${line}:${endLine}:${file}`;
    if (!hashes.has(key)) hashes.set(key, hashLines(linesOf(file), line, endLine));
    return hashes.get(key);
  };
  const notes: ReportNote[] = dive.notes.map((n) => {
    const loc = locById.get(n.id);
    // Built field by field in the order the report lists them (optional ones only when set):
    // a spread per optional field costs more than the rest of the note on a 20,000-note dive.
    const base = { id: n.id, kind: n.kind } as ReportNote;
    if (n.severity) base.severity = n.severity;
    base.status = n.status;
    base.body = n.body;
    if (n.impact) base.impact = n.impact;
    base.target = n.target.type;
    base.created = n.created;
    if (n.updated) base.updated = n.updated;
    if (n.author) base.author = n.author;
    base.replies = n.replies?.length ?? 0;
    if (n.decision) base.decision = n.decision;
    if (n.lead) base.lead = { tool: n.lead.tool, rule: n.lead.rule, state: n.lead.state };
    if (n.target.type === 'module') base.module = n.target.module;
    if (n.target.type === 'flow') base.flow = n.target.flow;
    if (n.links?.module && !base.module) base.module = n.links.module;
    if (n.links?.flow && !base.flow) base.flow = n.links.flow;
    if (n.links?.question) base.question = n.links.question;
    if (n.target.type === 'code') {
      const file = loc?.file ?? n.target.anchor.path;
      const line = loc?.line ?? n.target.anchor.range.start;
      const endLine = loc?.endLine ?? n.target.anchor.range.end;
      base.code = link(file, line, endLine);
      base.anchor = loc?.anchor ?? 'orphaned';
      base.module ??= moduleOf(file);
      const h = base.anchor === 'orphaned' ? undefined : codeHash(file, line, endLine);
      if (h) base.codeHash = h;
    }
    return base;
  });
  const noteById = new Map(notes.map((n) => [n.id, n]));

  // ---- coverage and effort ----
  const readingEntries = Object.entries(dive.reading);
  const seconds = readingEntries.reduce((s, [, r]) => s + (r.seconds || 0), 0);
  const reads = readingEntries.map(([, r]) => r.lastRead).filter((d): d is string => !!d).sort();
  // Reads marked from the CLI (or by hand) record lines, not time: counted, never shown as "0 s".
  const withoutTime = readingEntries.filter(([, r]) => r.ranges.length > 0 && !(r.seconds > 0)).length;
  const coveragePct = new Map(coverage.files.map((f) => [f.path, f.percent]));

  // ---- entries ----
  const { entries, dropped } = gatherEntries({ entries: input.entries ?? [], textOf, link, moduleOf, notes });
  for (const e of entries) for (const id of e.notes ?? []) (noteById.get(id)!.entries ??= []).push(e.id);

  // ---- flows ----
  const stepsByFlow = new Map<string, StepLocation[]>();
  for (const s of input.steps) stepsByFlow.set(s.flow, [...(stepsByFlow.get(s.flow) ?? []), s]);
  const flows: ReportFlow[] = dive.flows.map((f) => {
    const locs = new Map((stepsByFlow.get(f.id) ?? []).map((s) => [s.step, s]));
    const placed = f.steps.map((s) => {
      const loc = locs.get(s.id);
      return { s, file: loc?.file ?? s.anchor.path, line: loc?.line ?? s.anchor.range.start, endLine: loc?.endLine ?? s.anchor.range.end, anchor: loc?.anchor ?? ('orphaned' as const) };
    });
    // A note inside several steps' lines (steps overlap: a route and its handler) goes under one
    // step only, the tightest that holds it, so that it is not repeated.
    const home = new Map<string, string>();
    for (const n of notes) {
      if (!n.code) continue;
      const c = n.code;
      // A step holds a note whose lines are mostly its own: a note on the next function that
      // shares only the step's last line (a handler ending where the next route starts) is not it.
      const shared = (p: { line: number; endLine: number }) => Math.min(p.endLine, c.endLine) - Math.max(p.line, c.line) + 1;
      const holders = placed.filter((p) => p.file === c.file && shared(p) * 2 > c.endLine - c.line + 1);
      if (!holders.length) continue;
      const inside = holders.filter((p) => p.line <= c.line && p.endLine >= c.endLine);
      const best = (inside.length ? inside : holders).sort((a, b) => a.endLine - a.line - (b.endLine - b.line))[0];
      home.set(n.id, best.s.id);
    }
    // Each step's notes from `home` at once: a filter of every note per step was steps × notes.
    const byStep = new Map<string, string[]>();
    for (const [note, step] of home) {
      const list = byStep.get(step);
      if (list) list.push(note);
      else byStep.set(step, [note]);
    }
    const steps = placed.map(({ s, file, line, endLine, anchor }) => {
      const inside = byStep.get(s.id) ?? [];
      return { id: s.id, ...(s.title ? { title: s.title } : {}), code: link(file, line, endLine), anchor, visited: !!s.visited, notes: inside };
    });
    const about = notes.filter((n) => n.flow === f.id).map((n) => n.id);
    const all = [...new Set([...about, ...steps.flatMap((s) => s.notes)])];
    return { id: f.id, title: f.title, status: f.status, ...(f.entry ? { entry: f.entry } : {}), steps, notes: all };
  });

  const unguardedIds = new Set(entries.filter(isOpen).map((e) => e.id));
  const enums = new Set(map.files.flatMap((f) => f.symbols.filter((x) => x.kind === 'enum').map((x) => x.name)));
  const suggestedFlows: ReportSuggestedFlow[] = (input.suggested ?? []).map((raw) => dropUnresolvedCalls(dropEnumCalls(raw, enums))).map((f) => ({
    entry: f.entry,
    title: f.title,
    suggested: true,
    unguarded: unguardedIds.has(f.entry),
    steps: f.steps.slice(0, SUGGESTED_STEP_LIMIT).map((s) => ({
      kind: s.kind,
      symbol: s.symbol,
      ...(s.callee ? { callee: s.callee } : {}),
      ...(s.package ? { package: s.package } : {}),
      depth: s.depth,
      ...(s.repeats ? { repeats: s.repeats } : {}),
      code: link(s.file, s.range.start, s.range.end),
    })),
    moreSteps: Math.max(0, f.steps.length - SUGGESTED_STEP_LIMIT),
    omittedCalls: f.omittedCalls,
    ...(f.unresolvedCalls ? { unresolvedCalls: f.unresolvedCalls } : {}),
    ...(f.truncated ? { truncated: true } : {}),
  }));

  // ---- history ----
  const signal = historySignal(input.history);
  const history = gatherHistory(input.history, coveragePct, signal);

  // ---- graph ----
  const modCov = new Map(coverage.modules.map((m) => [m.id, m]));
  const count = (items: (string | undefined)[]) => {
    const c = new Map<string, number>();
    for (const i of items) if (i) c.set(i, (c.get(i) ?? 0) + 1);
    return c;
  };
  const entryCount = count(entries.map((e) => e.module));
  const noteCount = count(notes.map((n) => n.module));
  const hotCount = count(history.hotspots.map((h) => h.module));
  const graph = {
    modules: map.modules
      .filter((m) => m.kind !== 'external')
      .map((m) => ({
        id: m.id,
        path: m.path,
        kind: m.kind,
        files: m.files,
        lines: m.lines,
        percent: modCov.get(m.id)?.percent ?? 0,
        codeLines: modCov.get(m.id)?.lines ?? 0,
        entries: entryCount.get(m.id) ?? 0,
        notes: noteCount.get(m.id) ?? 0,
        hotspots: hotCount.get(m.id) ?? 0,
      })),
    edges: map.edges.map((e) => ({ from: e.from, to: e.to, count: e.count })),
    cycles: map.cycles.map((c) => [...c]),
  };

  // ---- summary ----
  const open = notes.filter((n) => n.status === 'open');
  const topRisks = rankRisks(notes);
  const marks = decisionsByMark(notes);
  const byKind = Object.fromEntries(NOTE_KINDS.map((k) => [k, notes.filter((n) => n.kind === k).length])) as Record<NoteKind, number>;
  const questions = openQuestions(dive, notes, input.history, signal);
  const answered = answeredQuestions(dive, notes);

  const data: ReportData = {
    schema: REPORT_SCHEMA,
    generated: now.toISOString(),
    generator: input.generator ?? 'deepdive',
    dive: { ...diveHeading(dive), ...(dive.due ? { daysLeft: daysLeft(dive, now) } : {}) },
    ...(remote ? { remote } : {}),
    effort: {
      seconds,
      hours: Math.round((seconds / 3600) * 10) / 10,
      filesOpened: readingEntries.filter(([, r]) => r.ranges.length > 0 || r.seconds > 0).length,
      ...(reads.length ? { firstRead: reads[0], lastRead: reads[reads.length - 1] } : {}),
      filesWithoutTime: withoutTime,
    },
    coverage: {
      lines: coverage.lines,
      read: coverage.read,
      percent: coverage.percent,
      files: coverage.files.length,
      filesRead: coverage.files.filter((f) => f.read === f.lines).length,
      modules: coverage.modules.map((m) => ({ id: m.id, lines: m.lines, read: m.read, percent: m.percent, files: m.files, filesRead: m.filesRead })),
      fileRows: coverage.files.map((f) => ({ path: f.path, module: f.module, lines: f.lines, read: f.read, percent: f.percent, seconds: f.seconds, stale: f.stale.length })),
    },
    summary: {
      topRisks,
      // Kept for readers of older reports: the decisions the leader marked to revisit.
      decisions: marks.revisit,
      decisionsKept: marks.kept,
      decisionsRevisit: marks.revisit,
      decisionsUnmarked: marks.unmarked,
      answered,
      checklist: { total: dive.questions.length, answered: answered.length },
      recommendations: [],
      questions,
      notes: { total: notes.length, open: open.length, byKind },
      flows: { total: flows.length, understood: flows.filter((f) => f.status === 'understood').length },
      entries: { total: entries.length, unguarded: entries.filter((e) => e.unguarded).length },
    },
    notes,
    entries,
    flows,
    ...(suggestedFlows.length ? { suggestedFlows } : {}),
    graph,
    history,
  };
  const changed = input.changed ?? changedSinceRead(coverage);
  if (changed.length) {
    data.changedSinceRead = changed.map((u) => ({
      unit: u.unit,
      reason: u.reason,
      module: u.module,
      code: link(u.path, u.range.start, u.range.end),
      changed: u.changed.map(([a, b]) => [a, b] as [number, number]),
      lines: u.lines,
      ...(u.blob ? { blob: u.blob } : {}),
      ...(u.commit ? { commit: u.commit } : {}),
      ...(u.commits ? { commits: u.commits.map((c) => ({ ...c })) } : {}),
      ...(u.diff ? { diff: u.diff.map((d) => ({ ...d })) } : {}),
    }));
  }
  const traced = new Set(dive.flows.map((f) => f.entry).filter((x): x is string => !!x));
  data.limits = computeLimits(data, (input.warnings ?? []).map((w) => ({ file: w.file, ...(w.line !== undefined ? { line: w.line } : {}), reason: w.reason })), dropped, traced);
  data.summary.recommendations = recommend(data).map((x) => {
    const plan = dive.recommendations?.[x.id];
    return { ...x, ...(plan?.owner ? { owner: plan.owner } : {}), ...(plan?.due ? { due: plan.due } : {}) };
  });
  data.method = methodLines(data);
  data.verdict = verdictOf(dive, data);
  return data;
}

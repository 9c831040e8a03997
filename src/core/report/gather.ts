// Gathers the report's data from what the other parts computed: the deep dive, coverage, the
// map, entry points, history and where notes and steps are now. Pure: the caller does the IO
// (buildReport.ts for the CLI and the editor).
import { createHash } from 'node:crypto';
import type { DiveCoverage } from '../coverage/coverage';
import type { EntryPoint } from '../entry/types';
import type { HistoryReport } from '../history/types';
import type { RepoMap } from '../map/types';
import type { DeepDive, NoteKind, Severity } from '../model/types';
import { NOTE_KINDS } from '../model/types';
import type { NoteLocation, StepLocation } from '../notes/locations';
import type { Flow } from '../callgraph/suggestFlows';
import { SUGGESTED_STEP_LIMIT } from './suggested';
import { daysLeft, diveHeading, isAnswered } from '../dive/ops';
import { recommend } from './recommendations';
import { webLink } from './remote';
import type { CodeLink, ModuleOwners, OpenQuestion, Person, ReportData, ReportEntry, ReportFlow, ReportHistory, ReportNote, ReportRemote, ReportSuggestedFlow } from './types';
import { REPORT_SCHEMA } from './types';

export interface GatherInput {
  dive: DeepDive;
  map: Pick<RepoMap, 'files' | 'modules' | 'edges' | 'cycles'>;
  coverage: DiveCoverage;
  notes: NoteLocation[];
  steps: StepLocation[];
  entries?: EntryPoint[];
  /** Suggested flows of the top untraced routes, best first (suggested.ts). */
  suggested?: Flow[];
  history?: HistoryReport;
  remote?: ReportRemote;
  /** Today's text of a root-relative file (for the code hash of each note). */
  readText?: (path: string) => string | undefined;
  now?: Date;
  generator?: string;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export function severityRank(s: Severity | undefined): number {
  return s ? SEVERITY_RANK[s] : 0;
}

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

function hashLines(text: string | undefined, start: number, end: number): string | undefined {
  if (text === undefined) return undefined;
  const lines = text.split(/\r?\n/).slice(start - 1, end);
  if (!lines.length) return undefined;
  return createHash('sha256').update(lines.map((l) => l.trimEnd()).join('\n')).digest('hex').slice(0, 16);
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
  const link = (file: string, line: number, endLine: number): CodeLink => {
    const web = webLink(remote, dive.baseCommit, file, line, endLine);
    return { file, line, endLine, ...(web ? { web } : {}) };
  };

  const locById = new Map(input.notes.map((n) => [n.id, n]));
  const notes: ReportNote[] = dive.notes.map((n) => {
    const loc = locById.get(n.id);
    const base: ReportNote = {
      id: n.id,
      kind: n.kind,
      ...(n.severity ? { severity: n.severity } : {}),
      status: n.status,
      body: n.body,
      ...(n.impact ? { impact: n.impact } : {}),
      target: n.target.type,
      created: n.created,
      ...(n.updated ? { updated: n.updated } : {}),
      ...(n.author ? { author: n.author } : {}),
      replies: n.replies?.length ?? 0,
    };
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
      const h = base.anchor === 'orphaned' ? undefined : hashLines(textOf(file), line, endLine);
      if (h) base.codeHash = h;
    }
    return base;
  });
  const noteById = new Map(notes.map((n) => [n.id, n]));

  // ---- coverage and effort ----
  const readingEntries = Object.entries(dive.reading);
  const seconds = readingEntries.reduce((s, [, r]) => s + (r.seconds || 0), 0);
  const reads = readingEntries.map(([, r]) => r.lastRead).filter((d): d is string => !!d).sort();
  const coveragePct = new Map(coverage.files.map((f) => [f.path, f.percent]));

  // ---- entries ----
  const entries: ReportEntry[] = (input.entries ?? []).map((e) => {
    const required = e.guards.filter((g) => !g.optional && g.kind !== 'other');
    const web = webLink(remote, dive.baseCommit, e.file, e.line, e.line);
    const module = moduleOf(e.handlerLocation?.file ?? e.file);
    return {
      id: e.id,
      kind: e.kind,
      method: e.method,
      path: e.path,
      handler: e.handler,
      file: e.file,
      line: e.line,
      ...(module ? { module } : {}),
      guards: e.guards.map((g) => ({ name: g.name, kind: g.kind, ...(g.optional ? { optional: true } : {}), file: g.file, line: g.line })),
      // An analyser that did not say counts only required auth guards as protection.
      unguarded: e.kind === 'http' && (e.public ?? required.length === 0),
      ...(e.framework ? { framework: e.framework } : {}),
      ...(web ? { web } : {}),
    };
  });

  // ---- flows ----
  const stepsByFlow = new Map<string, StepLocation[]>();
  for (const s of input.steps) stepsByFlow.set(s.flow, [...(stepsByFlow.get(s.flow) ?? []), s]);
  const flows: ReportFlow[] = dive.flows.map((f) => {
    const locs = new Map((stepsByFlow.get(f.id) ?? []).map((s) => [s.step, s]));
    const steps = f.steps.map((s) => {
      const loc = locs.get(s.id);
      const file = loc?.file ?? s.anchor.path;
      const line = loc?.line ?? s.anchor.range.start;
      const endLine = loc?.endLine ?? s.anchor.range.end;
      const inside = notes.filter((n) => n.code && n.code.file === file && n.code.line <= endLine && n.code.endLine >= line).map((n) => n.id);
      return { id: s.id, ...(s.title ? { title: s.title } : {}), code: link(file, line, endLine), anchor: loc?.anchor ?? 'orphaned', visited: !!s.visited, notes: inside };
    });
    const about = notes.filter((n) => n.flow === f.id).map((n) => n.id);
    const all = [...new Set([...about, ...steps.flatMap((s) => s.notes)])];
    return { id: f.id, title: f.title, status: f.status, ...(f.entry ? { entry: f.entry } : {}), steps, notes: all };
  });

  const unguardedIds = new Set(entries.filter((e) => e.unguarded).map((e) => e.id));
  const suggestedFlows: ReportSuggestedFlow[] = (input.suggested ?? []).map((f) => ({
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
      code: link(s.file, s.range.start, s.range.end),
    })),
    moreSteps: Math.max(0, f.steps.length - SUGGESTED_STEP_LIMIT),
    omittedCalls: f.omittedCalls,
    ...(f.truncated ? { truncated: true } : {}),
  }));

  // ---- history ----
  const history = gatherHistory(input.history, coveragePct);

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
  const topRisks = open
    .filter((n) => n.kind === 'risk' || n.kind === 'gap')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.created.localeCompare(b.created))
    .map((n) => n.id);
  const decisions = notes
    .filter((n) => n.kind === 'decision' && n.status === 'open')
    .sort((a, b) => Number(b.anchor === 'moved' || b.anchor === 'orphaned') - Number(a.anchor === 'moved' || a.anchor === 'orphaned') || severityRank(b.severity) - severityRank(a.severity))
    .map((n) => n.id);
  const byKind = Object.fromEntries(NOTE_KINDS.map((k) => [k, notes.filter((n) => n.kind === k).length])) as Record<NoteKind, number>;

  const questions = openQuestions(dive, notes, noteById, input.history);

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
      decisions,
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
  data.summary.recommendations = recommend(data);
  return data;
}

function gatherHistory(h: HistoryReport | undefined, coveragePct: Map<string, number>): ReportHistory {
  if (!h) return { available: false, partial: false, reason: 'not read', hotspots: [], owners: [], people: [] };
  const active = new Map(h.people.map((p) => [`${p.name}\u0000${p.email}`, p.active]));
  const owners: ModuleOwners[] = h.modules.map((m) => ({
    module: m.id,
    owners: m.owners.slice(0, 5).map((o) => ({ name: o.name, email: o.email, active: active.get(`${o.name}\u0000${o.email}`) ?? false, share: o.share, lines: o.lines, lastChange: o.lastChange })),
    busFactor: m.busFactor,
    singleOwner: m.flags.singleOwner,
    mainOwnerInactive: m.flags.mainOwnerInactive,
    churn: m.churn,
    ...(m.lastChange ? { lastChange: m.lastChange } : {}),
  }));
  return {
    available: h.available,
    partial: h.partial,
    ...(h.reason ? { reason: h.reason } : {}),
    sinceDays: h.sinceDays,
    hotspotDays: h.hotspotDays,
    hotspots: h.hotspots.slice(0, 20).map((x) => ({ path: x.path, module: x.module, score: x.score, churn: x.churn, complexity: x.complexity, ...(coveragePct.has(x.path) ? { percent: coveragePct.get(x.path) } : {}) })),
    owners,
    people: h.people.slice(0, 20).map((p) => ({ name: p.name, email: p.email, active: p.active, commits: p.commits, lastCommit: p.lastCommit, modules: p.modules.map((m) => m.id) })),
  };
}

function openQuestions(dive: DeepDive, notes: ReportNote[], noteById: Map<string, ReportNote>, h: HistoryReport | undefined): OpenQuestion[] {
  const active = new Map((h?.people ?? []).map((p) => [`${p.name}\u0000${p.email}`, p.active]));
  const ownersOf = (module: string | undefined): Person[] => {
    const m = module ? h?.modules.find((x) => x.id === module) : undefined;
    if (!m) return [];
    return m.owners
      .map((o) => ({ name: o.name, email: o.email, share: Math.round(o.share * 100) / 100, active: active.get(`${o.name}\u0000${o.email}`) ?? false }))
      .sort((a, b) => Number(b.active) - Number(a.active) || b.share - a.share)
      .slice(0, 3);
  };
  // Without a module to go by, the people who know the most of the system.
  const people = h?.people ?? [];
  const general: Person[] = [...people.filter((p) => p.active), ...people.filter((p) => !p.active)].slice(0, 3).map((p) => ({ name: p.name, email: p.email, active: p.active }));
  const out: OpenQuestion[] = [];
  for (const q of dive.questions) {
    if (isAnswered(dive, q)) continue;
    const linked = notes.filter((n) => n.question === q.id || (q.answeredBy ?? []).includes(n.id));
    const module = linked.find((n) => n.module)?.module;
    const code = linked.find((n) => n.code)?.code;
    const ask = ownersOf(module);
    out.push({ id: q.id, text: q.text, source: 'question', ...(module ? { module } : {}), ...(code ? { code } : {}), ask: ask.length ? ask : general });
  }
  for (const n of notes) {
    if (n.kind !== 'question' || n.status !== 'open') continue;
    const ask = ownersOf(n.module);
    out.push({ id: n.id, text: noteById.get(n.id)!.body, source: 'note', ...(n.module ? { module: n.module } : {}), ...(n.code ? { code: n.code } : {}), ask: ask.length ? ask : general });
  }
  return out;
}

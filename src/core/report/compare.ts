// Quarter over quarter: what changed between an earlier report's JSON and this one. Routes
// and modules added, removed or changed; new dependency edges; notes whose code changed since;
// risks still open; coverage then and now.
import { DeepDiveError } from '../errors';
import type { ChangedEntry, ReportComparison, ReportData, ReportEntry } from './types';
import { REPORT_SCHEMA } from './types';

/** Parses and checks an earlier report's JSON; the error names the file and what is wrong. */
export function parsePreviousReport(text: string, name: string): ReportData {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DeepDiveError(`${name}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new DeepDiveError(`${name}: not a report (expected a JSON object)`);
  const d = data as Record<string, unknown>;
  if (d.schema !== REPORT_SCHEMA) throw new DeepDiveError(`${name}: field "schema" is ${JSON.stringify(d.schema)}, expected "${REPORT_SCHEMA}" (a report written with --format json)`);
  for (const key of ['entries', 'notes'] as const) if (!Array.isArray(d[key])) throw new DeepDiveError(`${name}: field "${key}" must be a list`);
  const graph = d.graph as Record<string, unknown> | undefined;
  if (!graph || !Array.isArray(graph.modules) || !Array.isArray(graph.edges)) throw new DeepDiveError(`${name}: field "graph" must hold "modules" and "edges" lists`);
  const cov = d.coverage as Record<string, unknown> | undefined;
  if (!cov || typeof cov.percent !== 'number' || !Array.isArray(cov.modules)) throw new DeepDiveError(`${name}: field "coverage" must hold "percent" and "modules"`);
  if (!d.dive || typeof d.dive !== 'object') throw new DeepDiveError(`${name}: field "dive" is missing`);
  (d.entries as unknown[]).forEach((e, i) => {
    const x = e as Record<string, unknown>;
    if (!x || typeof x.id !== 'string' || !Array.isArray(x.guards)) throw new DeepDiveError(`${name}: entries[${i}] needs "id" and "guards"`);
  });
  (d.notes as unknown[]).forEach((n, i) => {
    const x = n as Record<string, unknown>;
    if (!x || typeof x.id !== 'string' || typeof x.kind !== 'string') throw new DeepDiveError(`${name}: notes[${i}] needs "id" and "kind"`);
  });
  return data as ReportData;
}

function entryShape(e: ReportEntry) {
  return { guards: e.guards.map((g) => g.name).sort(), unguarded: e.unguarded, handler: e.handler, file: e.file };
}

export function compareReports(previous: ReportData, current: ReportData): ReportComparison {
  const prevEntries = new Map(previous.entries.map((e) => [e.id, e]));
  const curEntries = new Map(current.entries.map((e) => [e.id, e]));
  const changedEntries: ChangedEntry[] = [];
  for (const [id, now] of curEntries) {
    const then = prevEntries.get(id);
    if (!then) continue;
    const a = entryShape(then);
    const b = entryShape(now);
    const changes: string[] = [];
    if (a.guards.join('\n') !== b.guards.join('\n') || a.unguarded !== b.unguarded) changes.push('guards');
    if (a.handler !== b.handler) changes.push('handler');
    if (a.file !== b.file) changes.push('file');
    if (changes.length) changedEntries.push({ id, changes, before: a, after: b });
  }

  const prevMods = new Map(previous.graph.modules.map((m) => [m.id, m]));
  const curMods = new Map(current.graph.modules.map((m) => [m.id, m]));
  const changedModules = [...curMods.values()]
    .filter((m) => prevMods.has(m.id))
    .map((m) => ({ m, p: prevMods.get(m.id)! }))
    .filter(({ m, p }) => m.files !== p.files || m.lines !== p.lines)
    .map(({ m, p }) => ({ id: m.id, before: { files: p.files, lines: p.lines, percent: p.percent }, after: { files: m.files, lines: m.lines, percent: m.percent } }));

  const edgeKey = (e: { from: string; to: string }) => `${e.from}\u0000${e.to}`;
  const prevEdges = new Set(previous.graph.edges.map(edgeKey));
  const curEdges = new Set(current.graph.edges.map(edgeKey));

  const prevNotes = new Map(previous.notes.map((n) => [n.id, n]));
  const notesChanged: ReportComparison['notesChanged'] = [];
  for (const n of current.notes) {
    const p = prevNotes.get(n.id);
    if (!p || n.target !== 'code') continue;
    let reason: string | undefined;
    if (n.anchor === 'orphaned' && p.anchor !== 'orphaned') reason = 'its code is gone';
    else if (p.codeHash && n.codeHash && p.codeHash !== n.codeHash) reason = 'its code changed';
    else if (p.code && n.code && p.code.file !== n.code.file) reason = `it moved from ${p.code.file}`;
    if (reason) notesChanged.push({ id: n.id, kind: n.kind, reason, ...(n.code ? { code: n.code } : {}) });
  }

  const wasOpen = previous.notes.filter((n) => n.status === 'open' && (n.kind === 'risk' || n.kind === 'gap')).map((n) => n.id);
  const curById = new Map(current.notes.map((n) => [n.id, n]));
  const risksStillOpen = wasOpen.filter((id) => curById.get(id)?.status === 'open');
  const risksClosed = wasOpen.filter((id) => curById.get(id)?.status !== 'open');

  const prevCov = new Map(previous.coverage.modules.map((m) => [m.id, m.percent]));
  const curCov = new Map(current.coverage.modules.map((m) => [m.id, m.percent]));
  const covIds = [...new Set([...prevCov.keys(), ...curCov.keys()])].sort();

  return {
    previous: { generated: previous.generated, dive: previous.dive.id, title: previous.dive.title, ...(previous.dive.baseCommit ? { baseCommit: previous.dive.baseCommit } : {}) },
    entries: {
      added: [...curEntries.keys()].filter((id) => !prevEntries.has(id)).sort(),
      removed: [...prevEntries.keys()].filter((id) => !curEntries.has(id)).sort(),
      changed: changedEntries.sort((a, b) => a.id.localeCompare(b.id)),
    },
    modules: {
      added: [...curMods.keys()].filter((id) => !prevMods.has(id)).sort(),
      removed: [...prevMods.keys()].filter((id) => !curMods.has(id)).sort(),
      changed: changedModules.sort((a, b) => a.id.localeCompare(b.id)),
    },
    edges: {
      added: current.graph.edges.filter((e) => !prevEdges.has(edgeKey(e))).map((e) => ({ ...e })),
      removed: previous.graph.edges.filter((e) => !curEdges.has(edgeKey(e))).map((e) => ({ ...e })),
    },
    notesChanged,
    risksStillOpen,
    risksClosed,
    coverage: {
      before: { lines: previous.coverage.lines, read: previous.coverage.read, percent: previous.coverage.percent },
      after: { lines: current.coverage.lines, read: current.coverage.read, percent: current.coverage.percent },
      modules: covIds.map((id) => ({ id, ...(prevCov.has(id) ? { before: prevCov.get(id) } : {}), ...(curCov.has(id) ? { after: curCov.get(id) } : {}) })),
    },
  };
}

// The executive summary's parts computed from the gathered data: top risks, decisions as the
// leader marked them, answered questions, what was done (method) and what was not (limits).
import type { DeepDive } from '../model/types';
import { isAnswered } from '../dive/ops';
import { isOpen } from './entries';
import { firstSentence } from './sentences';
import type { DroppedEntry, ReportData, ReportLimits, ReportNote } from './types';
import { hours } from './format';
import { table } from '../ownKeys';
import { groupDigits } from '../numberText';

const SEVERITY_RANK: Record<string, number> = table({ critical: 4, high: 3, medium: 2, low: 1 });

export function severityRank(s: string | undefined): number {
  return s ? (SEVERITY_RANK[s] ?? 0) : 0;
}

/** Notes the leader stands behind: their own, and scanner leads they confirmed. */
export function isLeaderNote(n: Pick<ReportNote, 'lead'>): boolean {
  return !n.lead || n.lead.state === 'confirmed';
}

/** Most severe first, then the oldest. */
export function bySeverity(a: ReportNote, b: ReportNote): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.created.localeCompare(b.created) || a.id.localeCompare(b.id);
}

export function topRisks(notes: readonly ReportNote[]): string[] {
  return notes
    .filter((n) => n.status === 'open' && isLeaderNote(n) && (n.kind === 'risk' || n.kind === 'gap'))
    .sort(bySeverity)
    .map((n) => n.id);
}

export function decisionsByMark(notes: readonly ReportNote[]): { kept: string[]; revisit: string[]; unmarked: string[] } {
  const decisions = notes.filter((n) => n.kind === 'decision' && n.status === 'open' && isLeaderNote(n)).sort(bySeverity);
  return {
    kept: decisions.filter((n) => n.decision === 'kept').map((n) => n.id),
    revisit: decisions.filter((n) => n.decision === 'revisit').map((n) => n.id),
    unmarked: decisions.filter((n) => !n.decision).map((n) => n.id),
  };
}

export function answeredQuestions(dive: DeepDive, notes: readonly ReportNote[]): { id: string; text: string; note?: string }[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  return dive.questions
    .filter((q) => isAnswered(dive, q))
    .map((q) => {
      const answer = [...(q.answeredBy ?? []).map((id) => byId.get(id)), ...notes.filter((n) => n.question === q.id)].find((n) => !!n);
      return { id: q.id, text: q.text, ...(answer ? { note: answer.id } : {}) };
    });
}

export function computeLimits(r: Omit<ReportData, 'limits'>, warnings: ReportLimits['warnings'], dropped: DroppedEntry[], tracedEntries: Set<string>): ReportLimits {
  const files = r.coverage.fileRows;
  const http = r.entries.filter((e) => e.kind === 'http');
  const count = (s: string) => http.filter((e) => e.guardState === s).length;
  return {
    files: { inScope: files.length, unread: files.filter((f) => f.read === 0).length, partlyRead: files.filter((f) => f.read > 0 && f.read < f.lines).length },
    modulesUnread: r.coverage.modules.filter((m) => m.lines > 0 && m.read === 0).map((m) => m.id || '(root)'),
    routes: {
      total: http.length,
      guarded: count('guarded'),
      optional: count('optional'),
      unguarded: count('unguarded'),
      publicOnPurpose: http.filter((e) => isOpen(e) && e.publicOnPurpose).length,
      unknown: count('unknown'),
      dynamic: http.filter((e) => e.dynamic).length,
    },
    warnings,
    droppedEntries: dropped,
    flows: { total: r.flows.length, understood: r.flows.filter((f) => f.status === 'understood').length, routesWithoutFlow: http.filter((e) => !tracedEntries.has(e.id)).length },
    openLeads: r.notes.filter((n) => n.lead?.state === 'open').length,
    history: r.history.signal?.reason ?? (r.history.available ? `${r.history.signal?.commits ?? 0} commits read` : `history ${r.history.reason ?? 'unavailable'}`),
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n)} ${n === 1 ? one : many}`;
}

/** What the deep dive did, one line each: the reader's work, then what the analyser contributed. */
export function methodLines(r: Omit<ReportData, 'method'>): string[] {
  const out: string[] = [];
  const e = r.effort;
  const timed = e.filesOpened - (e.filesWithoutTime ?? 0);
  const read = e.seconds > 0 ? `${hours(e.seconds)} of reading on screen in the editor across ${plural(timed, 'file')}` : 'no reading time recorded in the editor';
  const marked = e.filesWithoutTime ? `; ${plural(e.filesWithoutTime, 'file')} marked read from the CLI or by hand (no time recorded for ${e.filesWithoutTime === 1 ? 'it' : 'them'})` : '';
  out.push(`Reading: ${read}${marked}; ${r.coverage.percent}% of ${plural(r.coverage.lines, 'code line')} in scope read.`);
  out.push(`Flows: ${plural(r.flows.length, 'request flow')} traced step by step, ${r.summary.flows.understood} understood.`);
  const mine = r.notes.filter(isLeaderNote);
  const leader = mine.length;
  // Notes on a module, a flow or the whole dive are findings too, but not "anchored to the code".
  const onCode = mine.filter((n) => n.code).length;
  const where = onCode === leader ? ' anchored to the code' : `, ${groupDigits(onCode)} of them anchored to lines of code`;
  out.push(`Findings: ${plural(leader, 'note')}${where}${r.limits?.openLeads ? `, plus ${plural(r.limits.openLeads, 'scanner lead')} not yet confirmed` : ''}.`);
  out.push(`Analysis: routes and their guards, the import graph and suggested flows found statically with tree-sitter${r.history.available && r.history.signal?.ownership ? `; ownership and hotspots from ${plural(r.history.signal.commits, 'commit')} of git history` : ''}.`);
  return out;
}

export { firstSentence };

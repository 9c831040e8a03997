// Wording shared by the Markdown and HTML renderers, so both say the same thing.
import type { ReportData, ReportNote, ReportSuggestedFlow, ReportSuggestedStep } from './types';
import { groupDigits } from '../numberText';

export function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : '–';
}

export function hours(seconds: number): string {
  // Recorded time is summed from tenths of seconds: never print 3.3000000000000003 s, nor "0 s".
  if (seconds < 1) return 'under a second';
  if (Math.round(seconds) < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function scopeText(d: ReportData['dive']): string {
  // `**` is what `deepdive start` writes without --scope: a board reads "the whole repository".
  const inc = d.scope.include.length && !d.scope.include.every((g) => g === '**' || g === '.') ? d.scope.include.join(', ') : 'the whole repository';
  return d.scope.exclude.length ? `${inc} (excluding ${d.scope.exclude.join(', ')})` : inc;
}

export function datesText(d: ReportData['dive'], generated: string): string {
  const parts = [`started ${day(d.created)}`];
  if (d.due) parts.push(`due ${day(d.due)}${d.daysLeft !== undefined ? (d.daysLeft >= 0 ? ` (${d.daysLeft} days left)` : ` (${-d.daysLeft} days overdue)`) : ''}`);
  parts.push(`report of ${day(generated)}`);
  return parts.join(', ');
}

export function coverageText(r: ReportData): string {
  const c = r.coverage;
  return `${c.percent}% of ${groupDigits(c.lines)} code lines read; ${c.filesRead} of ${c.files} files fully read; ${r.summary.flows.understood} of ${r.summary.flows.total} flows understood`;
}

export function severityLabel(n: Pick<ReportNote, 'severity'>): string {
  return n.severity ?? 'unrated';
}

export function kindTitle(kind: string): string {
  return { decision: 'Decisions', gap: 'Gaps', risk: 'Risks', question: 'Questions', insight: 'Insights' }[kind] ?? kind;
}

export function shortCommit(c: string | undefined): string {
  return c ? c.slice(0, 10) : 'unknown';
}

export function guardText(e: ReportData['entries'][number]): string {
  if (!e.guards.length) return 'none';
  return e.guards.map((g) => `${g.name}${g.optional ? ' (optional)' : ''}`).join(', ');
}

/** What a suggested step does, as the CLI's `deepdive flows` says it: the symbol, or `STORE db.query (pg)`. */
export function suggestedStepText(s: ReportSuggestedStep): string {
  const again = s.repeats ? ` (reached ${s.repeats} more time${s.repeats === 1 ? '' : 's'})` : '';
  // A handler written in the registration has no name: its place (shown beside it) says where.
  if (s.kind === 'handler' && /^<.*>$/.test(s.symbol)) return 'the route\'s handler';
  if (s.kind === 'handler' || s.kind === 'call') return `${s.symbol}${again}`;
  if (s.kind === 'guard') return `guard ${s.callee ?? s.symbol}${s.callee && s.callee !== s.symbol ? ` (${s.symbol})` : ''}`;
  return `${s.kind === 'unresolved' ? 'unresolved call' : s.kind} ${s.callee ?? s.symbol}${s.package ? ` (${s.package})` : ''}`;
}

/** What a suggested flow leaves out, or '' when nothing. */
export function suggestedTail(f: ReportSuggestedFlow): string {
  const parts: string[] = [];
  if (f.moreSteps) parts.push(`${f.moreSteps} more step${f.moreSteps === 1 ? '' : 's'} not listed`);
  if (f.truncated) parts.push('the analysis stopped at its depth limit');
  if (f.omittedCalls) parts.push(`${f.omittedCalls} call${f.omittedCalls === 1 ? '' : 's'} to built-ins and utility libraries left out`);
  if (f.unresolvedCalls) parts.push(`${f.unresolvedCalls} call${f.unresolvedCalls === 1 ? '' : 's'} the analysis could not follow left out`);
  return parts.join('; ');
}

export const SUGGESTED_INTRO = 'The deep dive has no traced flow from these routes yet. Below is the path the static analysis follows from each (top routes: open to anonymous callers and reaching data first); trace them in the editor to confirm.';


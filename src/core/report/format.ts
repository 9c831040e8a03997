// Wording shared by the Markdown and HTML renderers, so both say the same thing.
import type { ReportData, ReportNote } from './types';

export function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : '–';
}

export function hours(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function scopeText(d: ReportData['dive']): string {
  const inc = d.scope.include.length ? d.scope.include.join(', ') : 'the whole repository';
  return d.scope.exclude.length ? `${inc} (excluding ${d.scope.exclude.join(', ')})` : inc;
}

export function datesText(d: ReportData['dive'], generated: string): string {
  const parts = [`started ${day(d.created)}`];
  if (d.due) parts.push(`due ${day(d.due)}${d.daysLeft !== undefined ? (d.daysLeft >= 0 ? ` (${d.daysLeft} days left)` : ` (${-d.daysLeft} days overdue)`) : ''}`);
  parts.push(`report of ${day(generated)}`);
  return parts.join(', ');
}

export function effortText(r: ReportData): string {
  return `${hours(r.effort.seconds)} of reading across ${r.effort.filesOpened} file${r.effort.filesOpened === 1 ? '' : 's'}`;
}

export function coverageText(r: ReportData): string {
  const c = r.coverage;
  return `${c.percent}% of ${c.lines.toLocaleString('en-US')} code lines read; ${c.filesRead} of ${c.files} files fully read; ${r.summary.flows.understood} of ${r.summary.flows.total} flows understood`;
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

// The verdict (the leader's, or the draft built from the data, marked so), then scope and method.
import { datesText, scopeText } from '../format';
import type { ReportData } from '../types';
import type { ReportSection } from './types';
import { e, mdText } from './kit';
import { groupDigits } from '../../numberText';

const DRAFT_NOTE = 'Draft built from the data: the leader has not written a verdict yet (Deep Dive: Write the Verdict, or deepdive report verdict "TEXT").';

function scopeLine(r: ReportData): string {
  // A colon, not a second pair of brackets after the scope's own "(excluding …)".
  return `Scope: ${scopeText(r.dive)}: ${groupDigits(r.coverage.files)} files, ${groupDigits(r.coverage.lines)} code lines. Dates: ${datesText(r.dive, r.generated)}.`;
}

export const verdictSection: ReportSection = {
  id: 'verdict',
  markdown(r) {
    const out: string[] = [];
    if (r.verdict) {
      out.push('### Verdict', '', mdText(r.verdict.text), '');
      if (r.verdict.source === 'draft') out.push(`_${mdText(DRAFT_NOTE)}_`, '');
    }
    out.push('### Scope and method', '', mdText(scopeLine(r)), '');
    for (const m of r.method ?? []) out.push(`- ${mdText(m)}`);
    out.push('');
    return out;
  },
  html(r) {
    const s: string[] = [];
    if (r.verdict) {
      s.push(`<div class="verdict${r.verdict.source === 'draft' ? ' draft' : ''}"><h3>Verdict</h3><p>${e(r.verdict.text)}</p>`);
      if (r.verdict.source === 'draft') s.push(`<p class="muted small">${e(DRAFT_NOTE)}</p>`);
      s.push('</div>');
    }
    s.push(`<h3>Scope and method</h3><p>${e(scopeLine(r))}${r.method?.length ? ` ${e(r.method.join(' '))}` : ''}</p>`);
    return s.join('');
  },
};

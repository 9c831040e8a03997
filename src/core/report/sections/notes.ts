// Every note, most severe first (each whole, with its business impact and its code), then every
// recommendation with its owner and due date, then the open questions and whom to ask.
import { bySeverity } from '../summary';
import type { OpenQuestion, ReportData, ReportNote } from '../types';
import { planText } from './findings';
import type { ReportSection } from './types';
import { anchorText, e, htmlBody, htmlNotePlace, htmlWhere, mdCode, mdNotePlace, mdText, mdWhere, plural, sevBadge } from './kit';

const GROUPS = ['critical', 'high', 'medium', 'low', 'unrated'] as const;

function severityOf(n: ReportNote): string {
  return n.severity ?? 'unrated';
}

function tags(n: ReportNote): string[] {
  const t: string[] = [n.kind];
  if (n.status === 'resolved') t.push('resolved');
  if (n.decision) t.push(n.decision === 'kept' ? 'kept' : 'to revisit');
  if (n.lead) t.push(n.lead.state === 'open' ? `lead from ${n.lead.tool}, not confirmed` : `${n.lead.state} lead from ${n.lead.tool}`);
  const a = anchorText(n);
  if (a) t.push(a);
  return t;
}

function askText(q: OpenQuestion): string {
  return q.ask.length ? q.ask.map((p) => `${p.name}${p.share !== undefined ? ` (${Math.round(p.share * 100)}%)` : ''}${p.active ? '' : ' (inactive)'}`).join(', ') : '';
}

function sorted(r: ReportData): ReportNote[] {
  return [...r.notes].sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved') || bySeverity(a, b));
}

export const notesSection: ReportSection = {
  id: 'notes',
  markdown(r) {
    const out = ['### Notes by severity', ''];
    if (!r.notes.length) out.push('_No notes._', '');
    const list = sorted(r);
    for (const g of GROUPS) {
      const inGroup = list.filter((n) => severityOf(n) === g);
      if (!inGroup.length) continue;
      out.push(`#### ${g[0].toUpperCase()}${g.slice(1)} (${inGroup.length})`, '');
      for (const n of inGroup) {
        out.push(`- _${mdText(tags(n).join(' · '))}_ — ${mdText(n.body)} — ${mdNotePlace(n)}`);
        if (n.impact) out.push(`  - Business impact: ${mdText(n.impact)}`);
      }
      out.push('');
    }
    return out;
  },
  html(r) {
    const s: string[] = ['<h3>Notes by severity</h3>'];
    if (!r.notes.length) s.push('<p class="none">No notes.</p>');
    const list = sorted(r);
    for (const g of GROUPS) {
      const inGroup = list.filter((n) => severityOf(n) === g);
      if (!inGroup.length) continue;
      s.push(`<h4>${e(g[0].toUpperCase() + g.slice(1))} (${inGroup.length})</h4><ul class="notes">`);
      for (const n of inGroup) {
        s.push(`<li class="note note-${e(n.kind)}${n.status === 'resolved' ? ' resolved' : ''}">${sevBadge(n.severity)} <span class="tags">${e(tags(n).join(' · '))}</span> <span class="body">${htmlBody(n.body)}</span> <span class="muted">— ${htmlNotePlace(n)}</span>${n.impact ? `<br><span class="impact">Business impact: ${htmlBody(n.impact)}</span>` : ''}</li>`);
      }
      s.push('</ul>');
    }
    return s.join('');
  },
};

export const allRecommendationsSection: ReportSection = {
  id: 'all-recommendations',
  markdown(r) {
    const recs = r.summary.recommendations;
    if (!recs.length) return [];
    return ['### All recommendations', '', ...recs.map((x, i) => `${i + 1}. **${x.severity}** ${mdText(x.title)} — ${mdText(x.detail)} _${mdText(planText(x))}; id ${x.id}_`), ''];
  },
  html(r) {
    const recs = r.summary.recommendations;
    if (!recs.length) return '';
    return `<h3>All recommendations</h3><ol class="recs">${recs.map((x) => `<li>${sevBadge(x.severity)} <strong>${e(x.title)}</strong><br><span class="muted">${e(x.detail)}</span><br><span class="plan${x.owner ? '' : ' unset'}">${e(planText(x))}</span> <span class="muted small">id ${e(x.id)}</span></li>`).join('')}</ol>`;
  },
};

export const openQuestionsSection: ReportSection = {
  id: 'open-questions',
  markdown(r) {
    const qs = r.summary.questions;
    if (!qs.length) return [];
    const out = ['### Open questions and whom to ask', ''];
    if (r.history.signal && !r.history.signal.ownership) out.push(`_${mdText(`Nobody is suggested to ask: ${r.history.signal.reason ?? 'the history holds too little'}.`)}_`, '');
    for (const q of qs) {
      const ask = askText(q);
      out.push(`- ${mdText(q.text)}${q.module ? ` — ${mdCode(q.module)}` : ''}${q.code ? ` (${mdWhere(q.code)})` : ''}${ask ? ` — ask: ${mdText(ask)}` : ''}`);
    }
    out.push('');
    return out;
  },
  html(r) {
    const qs = r.summary.questions;
    if (!qs.length) return '';
    const why = r.history.signal && !r.history.signal.ownership ? `<p class="muted">Nobody is suggested to ask: ${e(r.history.signal.reason ?? 'the history holds too little')}.</p>` : '';
    return `<h3>Open questions and whom to ask</h3>${why}<ul>${qs.map((q) => {
      const ask = askText(q);
      return `<li>${e(q.text)}${q.module ? ` — <code>${e(q.module)}</code>` : ''}${q.code ? ` (${htmlWhere(q.code)})` : ''}${ask ? `<br><span class="muted">Ask: ${e(ask)}</span>` : ''}</li>`;
    }).join('')}</ul><p class="muted small">${e(plural(qs.length, 'open question'))}.</p>`;
  },
};

// Flows as traced, their state in agreement with their steps: an understood flow lists its steps
// as understood (never "not visited"), a flow being traced says which steps are still ahead; each
// note appears under one step only. Then the suggested flows for routes not traced yet.
import { SUGGESTED_INTRO, suggestedStepText, suggestedTail } from '../format';
import { PROTECTION_LABELS, protectionOf } from '../../entry/protection';
import type { ReportData, ReportFlow, ReportNote } from '../types';
import type { ReportSection, SectionContext } from './types';
import { e, htmlBody, htmlWhere, mdCode, mdText, mdWhere, plural, sevBadge } from './kit';
import { firstSentence } from '../sentences';

/** The route's protection when it is not guarded, worded as everywhere else (entry/protection.ts). */
function entryBadge(r: ReportData, entry: string): string | undefined {
  const x = r.entries.find((y) => y.id === entry);
  const p = x && protectionOf(x);
  return p && p !== 'guarded' ? PROTECTION_LABELS[p] : undefined;
}

export function flowStateText(f: ReportFlow): string {
  const visited = f.steps.filter((s) => s.visited).length;
  if (f.status === 'understood') return `understood (${plural(f.steps.length, 'step')})`;
  if (f.status === 'tracing') return `being traced: ${visited} of ${plural(f.steps.length, 'step')} visited`;
  return `not traced yet (${plural(f.steps.length, 'step')})`;
}

/** The mark after a step, or '' when its state needs no word. */
export function stepMark(f: ReportFlow, s: ReportFlow['steps'][number]): string {
  if (s.anchor === 'orphaned') return 'code gone';
  if (f.status === 'tracing' && !s.visited) return 'not visited yet';
  return '';
}

function noteLine(n: ReportNote): string {
  return `${n.kind}${n.severity ? ` (${n.severity})` : ''}: ${firstSentence(n.body)}`;
}

function flowNotes(f: ReportFlow, c: SectionContext): ReportNote[] {
  const onSteps = new Set(f.steps.flatMap((s) => s.notes));
  return f.notes.filter((id) => !onSteps.has(id)).map((id) => c.byId.get(id)).filter((n): n is ReportNote => !!n);
}

export const flowsSection: ReportSection = {
  id: 'flows',
  markdown(r, c) {
    const out = ['### Flows', ''];
    if (!r.flows.length) out.push('_No flows traced._', '');
    for (const f of r.flows) {
      // The italics close on the state itself: a closing `_` after a space is not one in
      // CommonMark, and the reader would see the underscores.
      out.push(`#### ${mdText(f.title)}`, '', `_${mdText(flowStateText(f))}_${f.entry ? `; starts at ${mdCode(f.entry)}` : ''}`, '');
      f.steps.forEach((s, i) => {
        const mark = stepMark(f, s);
        out.push(`${i + 1}. ${mdWhere(s.code)}${s.title ? ` ${mdText(s.title)}` : ''}${mark ? ` _(${mark})_` : ''}`);
        for (const id of s.notes) {
          const n = c.byId.get(id);
          if (n) out.push(`   - ${mdText(noteLine(n))}`);
        }
      });
      for (const n of flowNotes(f, c)) out.push(`- ${mdText(noteLine(n))}`);
      out.push('');
    }
    if (r.suggestedFlows?.length) {
      out.push('#### Suggested flows (not yet traced)', '', `_${mdText(SUGGESTED_INTRO)}_`, '');
      for (const f of r.suggestedFlows) {
        const badge = entryBadge(r, f.entry);
        out.push(`##### ${mdCode(f.entry)}${badge ? ` **${badge}**` : ''} _(suggested, not yet traced)_`, '');
        for (const s of f.steps) out.push(`${'  '.repeat(s.depth)}- ${mdText(suggestedStepText(s))} ${mdWhere(s.code)}`);
        const tail = suggestedTail(f);
        if (tail) out.push('', `_${mdText(tail)}._`);
        out.push('');
      }
    }
    return out;
  },
  html(r, c) {
    const s: string[] = ['<h3>Flows</h3>'];
    if (!r.flows.length) s.push('<p class="none">No flows traced.</p>');
    for (const f of r.flows) {
      s.push(`<div class="flow flow-${e(f.status)}"><h4>${e(f.title)} <span class="status">${e(flowStateText(f))}</span></h4>`);
      if (f.entry) s.push(`<p class="muted">Starts at <code>${e(f.entry)}</code>.</p>`);
      s.push('<ol class="steps">');
      for (const st of f.steps) {
        const mark = stepMark(f, st);
        const stepNotes = st.notes.map((id) => c.byId.get(id)).filter((n): n is ReportNote => !!n);
        s.push(`<li class="${st.visited || f.status === 'understood' ? 'done' : 'ahead'}">${htmlWhere(st.code)}${st.title ? ` ${e(st.title)}` : ''}${mark ? ` <em class="muted">(${e(mark)})</em>` : ''}`);
        if (stepNotes.length) s.push(`<ul>${stepNotes.map((n) => `<li>${e(n.kind)}${n.severity ? ` ${sevBadge(n.severity)}` : ''}: ${htmlBody(firstSentence(n.body))}</li>`).join('')}</ul>`);
        s.push('</li>');
      }
      s.push('</ol>');
      const rest = flowNotes(f, c);
      if (rest.length) s.push(`<ul>${rest.map((n) => `<li>${e(n.kind)}${n.severity ? ` ${sevBadge(n.severity)}` : ''}: ${htmlBody(firstSentence(n.body))}</li>`).join('')}</ul>`);
      s.push('</div>');
    }
    if (r.suggestedFlows?.length) {
      s.push(`<h4>Suggested flows (not yet traced)</h4><p class="muted">${e(SUGGESTED_INTRO)}</p>`);
      for (const f of r.suggestedFlows) {
        const badge = entryBadge(r, f.entry);
        s.push(`<div class="flow suggested"><h4><code>${e(f.entry)}</code>${badge ? ` <span class="sev ${badge === PROTECTION_LABELS.noAuth ? 'sev-high' : 'sev-low'}">${e(badge)}</span>` : ''} <span class="status">suggested, not yet traced</span></h4><ul class="steps">`);
        for (const st of f.steps) s.push(`<li class="depth-${Math.min(st.depth, 8)} step-${e(st.kind)}">${e(suggestedStepText(st))} ${htmlWhere(st.code)}</li>`);
        s.push('</ul>');
        const tail = suggestedTail(f);
        if (tail) s.push(`<p class="muted">${e(tail)}.</p>`);
        s.push('</div>');
      }
    }
    return s.join('');
  },
};

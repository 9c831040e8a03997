// The summary's findings: top risks with their business impact, decisions as the leader marked
// them, recommendations with owner and due date, answered questions. Each finding is its first
// sentence or the whole finding, never cut mid-sentence; the rest is in the appendix.
import { firstSentence } from '../sentences';
import type { Recommendation, ReportData, ReportNote } from '../types';
import type { ReportSection, SectionContext } from './types';
import { e, htmlTable, htmlWhere, mdCode, mdTable, mdText, mdWhere, plural, sevBadge } from './kit';

/** How much of each list the one-page summary shows; the appendix has every item. */
export const SUMMARY_LIMITS = { risks: 5, decisions: { revisit: 2, kept: 1, unmarked: 0 }, recommendations: 3, answered: 3 };

/** The plan set on the recommendation to resolve a note, when the leader set one. */
function notePlan(r: ReportData, id: string): Recommendation | undefined {
  return r.summary.recommendations.find((x) => x.kind === 'open-risk' && x.refs[0] === id && (x.owner || x.due));
}

/** Recommendations for the summary: the risks are in the table above, so not "resolve risk N" again. */
export function summaryRecommendations(r: ReportData): Recommendation[] {
  return r.summary.recommendations.filter((x) => x.kind !== 'open-risk');
}

function riskRecsLine(r: ReportData): string {
  const n = r.summary.recommendations.filter((x) => x.kind === 'open-risk').length;
  return n ? `Resolve the ${plural(n, 'open high or critical risk')} (the most severe are above; owners and due dates in the appendix).` : '';
}

function notes(ids: readonly string[] | undefined, c: SectionContext): ReportNote[] {
  return (ids ?? []).map((id) => c.byId.get(id)).filter((n): n is ReportNote => !!n);
}

function more(n: number, what: string): string {
  return n > 0 ? `${plural(n, `more ${what}`)} in the appendix.` : '';
}

export const topRisksSection: ReportSection = {
  id: 'top-risks',
  markdown(r, c) {
    const list = notes(r.summary.topRisks, c);
    const out = ['### Top risks', ''];
    out.push(
      ...mdTable(
        ['Severity', 'Finding', 'Business impact', 'Where'],
        list.slice(0, SUMMARY_LIMITS.risks).map((n) => {
          const plan = notePlan(r, n.id);
          return [`**${n.severity ?? 'unrated'}** ${n.kind}`, `${mdText(firstSentence(n.body))}${plan ? ` _${mdText(planText(plan))}_` : ''}`, n.impact ? mdText(firstSentence(n.impact)) : '_not stated_', mdWhere(n.code) || (n.module ? mdCode(n.module) : '')];
        }),
      ),
    );
    const m = more(list.length - SUMMARY_LIMITS.risks, list.length - SUMMARY_LIMITS.risks === 1 ? 'risk' : 'risk');
    if (m) out.push('', `_${m}_`);
    out.push('');
    return out;
  },
  html(r, c) {
    const list = notes(r.summary.topRisks, c);
    const rows = list.slice(0, SUMMARY_LIMITS.risks).map((n) => {
      const plan = notePlan(r, n.id);
      return [`${sevBadge(n.severity)} ${e(n.kind)}`, `${e(firstSentence(n.body))}${plan ? ` <span class="plan">${e(planText(plan))}</span>` : ''}`, n.impact ? e(firstSentence(n.impact)) : '<em class="muted">not stated</em>', htmlWhere(n.code) || (n.module ? `<code>${e(n.module)}</code>` : '')];
    });
    const m = more(list.length - SUMMARY_LIMITS.risks, 'risk');
    return `<h3>Top risks</h3>${htmlTable(['Severity', 'Finding', 'Business impact', 'Where'], rows, 'risks', ['c-sev', 'c-text', 'c-text', 'c-where'])}${m ? `<p class="muted small">${e(m)}</p>` : ''}`;
  },
};

function decisionGroups(r: ReportData, c: SectionContext): { title: string; list: ReportNote[]; show: number }[] {
  const d = SUMMARY_LIMITS.decisions;
  return [
    { title: 'To revisit', list: notes(r.summary.decisionsRevisit ?? r.summary.decisions, c), show: d.revisit },
    { title: 'Kept', list: notes(r.summary.decisionsKept, c), show: d.kept },
    { title: 'Not yet marked', list: notes(r.summary.decisionsUnmarked, c), show: d.unmarked },
  ].filter((g) => g.list.length);
}

export const decisionsSection: ReportSection = {
  id: 'decisions',
  markdown(r, c) {
    const groups = decisionGroups(r, c);
    const out = ['### Decisions', ''];
    if (!groups.length) out.push('_None recorded._');
    for (const g of groups) {
      const shown = g.list.slice(0, g.show);
      out.push(`- **${g.title} (${g.list.length}):** ${shown.map((n) => `${mdText(firstSentence(n.body))}${n.code ? ` (${mdWhere(n.code)})` : ''}`).join('; ')}${g.list.length > shown.length ? `${shown.length ? '; ' : ''}${g.list.length - shown.length}${shown.length ? ' more' : ''} in the appendix` : ''}`);
    }
    out.push('');
    return out;
  },
  html(r, c) {
    const groups = decisionGroups(r, c);
    if (!groups.length) return '<h3>Decisions</h3><p class="none">None recorded.</p>';
    const items = groups.map((g) => {
      const shown = g.list.slice(0, g.show);
      const rest = g.list.length - shown.length;
      return `<li><strong>${e(g.title)} (${g.list.length}):</strong> ${shown.map((n) => `${e(firstSentence(n.body))}${n.code ? ` (${htmlWhere(n.code)})` : ''}`).join('; ')}${rest ? `${shown.length ? '; ' : ''}<span class="muted">${shown.length ? `${rest} more` : 'listed'} in the appendix</span>` : ''}</li>`;
    });
    return `<h3>Decisions</h3><ul class="compact decisions">${items.join('')}</ul>`;
  },
};

export function planText(x: Pick<Recommendation, 'owner' | 'due'>): string {
  if (x.owner && x.due) return `Owner: ${x.owner}, due ${x.due}`;
  if (x.owner) return `Owner: ${x.owner}, no due date`;
  if (x.due) return `No owner, due ${x.due}`;
  return 'No owner or due date yet';
}

export const recommendationsSection: ReportSection = {
  id: 'recommendations',
  markdown(r) {
    const recs = summaryRecommendations(r);
    const out = ['### Recommendations', ''];
    const risks = riskRecsLine(r);
    if (!recs.length && !risks) out.push('_None._');
    if (risks) out.push(`- ${mdText(risks)}`);
    recs.slice(0, SUMMARY_LIMITS.recommendations).forEach((x) => out.push(`- **${x.severity}** ${mdText(x.title)} — ${mdText(planText(x))}.`));
    if (recs.length > SUMMARY_LIMITS.recommendations) out.push('', `_${plural(recs.length - SUMMARY_LIMITS.recommendations, 'more recommendation')} in the appendix._`);
    out.push('');
    return out;
  },
  html(r) {
    const recs = summaryRecommendations(r);
    const risks = riskRecsLine(r);
    if (!recs.length && !risks) return '<h3>Recommendations</h3><p class="none">None.</p>';
    const rest = recs.length - SUMMARY_LIMITS.recommendations;
    return `<h3>Recommendations</h3><ul class="recs compact">${risks ? `<li>${e(risks)}</li>` : ''}${recs
      .slice(0, SUMMARY_LIMITS.recommendations)
      .map((x) => `<li>${sevBadge(x.severity)} ${e(x.title)} <span class="plan${x.owner ? '' : ' unset'}">${e(planText(x))}</span></li>`)
      .join('')}</ul>${rest > 0 ? `<p class="muted small">${e(plural(rest, 'more recommendation'))} in the appendix.</p>` : ''}`;
  },
};

/**
 * "N of M checklist questions answered", and where the open ones are. "With whom to ask" only when
 * the report names someone to ask: on a history too short to judge ownership it names nobody.
 */
export function questionsHead(r: ReportData): string {
  const ck = r.summary.checklist;
  const answered = r.summary.answered ?? [];
  const head = `${ck?.answered ?? answered.length} of ${plural(ck?.total ?? answered.length, 'checklist question')} answered`;
  const open = ck ? ck.total - ck.answered : 0;
  if (open <= 0) return `${head}.`;
  const who = r.summary.questions.some((q) => q.source === 'question' && q.ask.length > 0) ? ' with whom to ask' : '';
  return `${head}; ${open === 1 ? 'the open one is' : `the ${open} open ones are`} in the appendix${who}.`;
}

export const questionsSummarySection: ReportSection = {
  id: 'questions-summary',
  markdown(r, c) {
    const ck = r.summary.checklist;
    const answered = r.summary.answered ?? [];
    if (!ck?.total && !answered.length) return [];
    const out = ['### Questions', '', mdText(questionsHead(r)), ''];
    for (const q of answered.slice(0, SUMMARY_LIMITS.answered)) {
      const n = q.note ? c.byId.get(q.note) : undefined;
      out.push(`- ${mdText(q.text)}${n ? ` — ${mdText(firstSentence(n.body))}` : ''}`);
    }
    if (answered.length) out.push('');
    return out;
  },
  html(r, c) {
    const ck = r.summary.checklist;
    const answered = r.summary.answered ?? [];
    if (!ck?.total && !answered.length) return '';
    const head = questionsHead(r);
    const items = answered.slice(0, SUMMARY_LIMITS.answered).map((q) => {
      const n = q.note ? c.byId.get(q.note) : undefined;
      return `<li>${e(q.text)}${n ? ` — <span class="answer">${e(firstSentence(n.body))}</span>` : ''}</li>`;
    });
    return items.length ? `<h3>Questions</h3><p>${e(head)}</p><ul class="compact">${items.join('')}</ul>` : `<p><strong>Questions:</strong> ${e(head)}</p>`;
  },
};

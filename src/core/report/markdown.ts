// The report as GitHub-flavoured Markdown: executive summary first, then the engineering
// appendix, the module map as Mermaid. Every piece of repository or note text goes through
// mdText/mdCode so that it shows as text.
import { clip, mdCode, mdLink, mdText } from './escape';
import { compareMarkdown } from './compareMarkdown';
import { coverageText, datesText, day, effortText, guardText, hours, kindTitle, scopeText, severityLabel, shortCommit, SUGGESTED_INTRO, suggestedStepText, suggestedTail } from './format';
import { moduleMermaid } from './mermaid';
import type { CodeLink, ReportData, ReportNote } from './types';
import { NOTE_KINDS } from '../model/types';

function where(c: CodeLink | undefined): string {
  if (!c) return '';
  const label = mdCode(`${c.file}:${c.line}${c.endLine > c.line ? `-${c.endLine}` : ''}`);
  return mdLink(label, c.web);
}

function cell(text: string, max = 160): string {
  return mdText(clip(text, max));
}

function table(head: string[], rows: string[][]): string[] {
  if (!rows.length) return ['_None._'];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function anchorMark(n: ReportNote): string {
  if (n.anchor === 'moved') return ' _(code moved)_';
  if (n.anchor === 'orphaned') return ' _(code gone)_';
  return '';
}

export function renderMarkdown(r: ReportData): string {
  const byId = new Map(r.notes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push(`# Deep dive report: ${mdText(r.dive.title)}`, '');
  out.push(`_Deep dive ${mdCode(r.dive.id)} · base commit ${mdCode(shortCommit(r.dive.baseCommit))} · generated ${day(r.generated)}_`, '');

  out.push('## Executive summary', '');
  out.push(`- **Scope:** ${mdText(scopeText(r.dive))}`);
  out.push(`- **Dates:** ${mdText(datesText(r.dive, r.generated))}`);
  out.push(`- **Effort:** ${mdText(effortText(r))}`);
  out.push(`- **Coverage:** ${mdText(coverageText(r))}`);
  out.push(`- **Findings:** ${r.summary.notes.open} open notes of ${r.summary.notes.total}; ${r.summary.entries.unguarded} of ${r.summary.entries.total} entry points without authentication`, '');

  out.push('### Top risks and gaps', '');
  out.push(
    ...table(
      ['Severity', 'Finding', 'Business impact', 'Where'],
      r.summary.topRisks.slice(0, 8).map((id) => {
        const n = byId.get(id)!;
        return [`**${severityLabel(n)}** ${n.kind}`, cell(n.body), n.impact ? cell(n.impact) : '_not stated_', where(n.code) || (n.module ? mdCode(n.module) : '')];
      }),
    ),
    '',
  );
  if (r.summary.topRisks.length > 8) out.push(`_${r.summary.topRisks.length - 8} more in the appendix._`, '');

  out.push('### Decisions worth revisiting', '');
  if (!r.summary.decisions.length) out.push('_None recorded._');
  for (const id of r.summary.decisions.slice(0, 8)) {
    const n = byId.get(id)!;
    out.push(`- ${cell(n.body, 200)}${n.impact ? ` — ${cell(n.impact)}` : ''}${n.code ? ` (${where(n.code)})` : ''}${anchorMark(n)}`);
  }
  out.push('');

  out.push('### Recommendations', '');
  if (!r.summary.recommendations.length) out.push('_None._');
  r.summary.recommendations.slice(0, 12).forEach((x, i) => out.push(`${i + 1}. **${x.severity}** ${mdText(x.title)} — ${mdText(x.detail)}`));
  if (r.summary.recommendations.length > 12) out.push('', `_${r.summary.recommendations.length - 12} more in the JSON report._`);
  out.push('');

  out.push('### Open questions and whom to ask', '');
  if (!r.summary.questions.length) out.push('_None: every question is answered._');
  for (const q of r.summary.questions) {
    const ask = q.ask.length ? q.ask.map((p) => `${mdText(p.name)}${p.share !== undefined ? ` (${Math.round(p.share * 100)}%)` : ''}${p.active ? '' : ' _(inactive)_'}`).join(', ') : '_nobody known_';
    out.push(`- ${cell(q.text, 200)}${q.module ? ` — ${mdCode(q.module)}` : ''}${q.code ? ` (${where(q.code)})` : ''} — ask: ${ask}`);
  }
  out.push('');

  if (r.compare) out.push(...compareMarkdown(r.compare, byId), '');

  out.push('## Engineering appendix', '');
  out.push('### Module map', '', '_Colour: reading coverage (red: unread, green: fully read, grey: outside the scope); ▶ marks modules with entry points._', '');
  out.push('```mermaid', moduleMermaid(r.graph), '```', '');

  out.push('### Coverage per module', '');
  out.push(...table(['Module', 'Read', 'Code lines', 'Files fully read'], r.coverage.modules.map((m) => [mdCode(m.id || '(root)'), `${m.percent}%`, `${m.read}/${m.lines}`, `${m.filesRead}/${m.files}`])), '');

  out.push('### Entry points and guards', '');
  const unguarded = r.entries.filter((e) => e.unguarded);
  if (unguarded.length) out.push(`> **${unguarded.length} route${unguarded.length === 1 ? '' : 's'} without authentication:** ${unguarded.map((e) => mdCode(`${e.method} ${e.path}`)).join(', ')}`, '');
  out.push(
    ...table(
      ['Entry point', 'Guards', 'Handler', 'Where'],
      r.entries.map((e) => [`${e.unguarded ? '**no auth** ' : ''}${mdCode(`${e.method} ${e.path}`)}`, mdText(guardText(e)), mdCode(e.handler), mdLink(mdCode(`${e.file}:${e.line}`), e.web)]),
    ),
    '',
  );

  out.push('### Flows', '');
  if (!r.flows.length) out.push('_No flows traced._', '');
  for (const f of r.flows) {
    out.push(`#### ${mdText(f.title)} (${f.status})`, '');
    if (f.entry) out.push(`Starts at ${mdCode(f.entry)}.`, '');
    f.steps.forEach((s, i) => {
      const notes = s.notes.map((id) => byId.get(id)).filter((n): n is ReportNote => !!n);
      out.push(`${i + 1}. ${where(s.code)}${s.title ? ` ${mdText(s.title)}` : ''}${s.visited ? '' : ' _(not visited)_'}${s.anchor === 'orphaned' ? ' _(code gone)_' : ''}`);
      for (const n of notes) out.push(`   - ${n.kind}${n.severity ? ` (${n.severity})` : ''}: ${cell(n.body, 200)}`);
    });
    const onFlow = f.notes.filter((id) => !f.steps.some((s) => s.notes.includes(id))).map((id) => byId.get(id)!);
    for (const n of onFlow) out.push(`- ${n.kind}${n.severity ? ` (${n.severity})` : ''}: ${cell(n.body, 200)}`);
    out.push('');
  }

  if (r.suggestedFlows?.length) {
    out.push('#### Suggested flows (not yet traced)', '', `_${mdText(SUGGESTED_INTRO)}_`, '');
    for (const f of r.suggestedFlows) {
      out.push(`##### ${mdCode(f.entry)}${f.unguarded ? ' **no auth**' : ''} _(suggested, not yet traced)_`, '');
      for (const s of f.steps) out.push(`${'  '.repeat(s.depth)}- ${mdText(suggestedStepText(s))} ${where(s.code)}`);
      const tail = suggestedTail(f);
      if (tail) out.push('', `_${mdText(tail)}._`);
      out.push('');
    }
  }

  out.push('### Notes', '');
  for (const kind of NOTE_KINDS) {
    const list = r.notes.filter((n) => n.kind === kind);
    if (!list.length) continue;
    out.push(`#### ${kindTitle(kind)} (${list.length})`, '');
    for (const n of list) {
      const place = where(n.code) || (n.module ? `module ${mdCode(n.module)}` : n.flow ? `flow ${mdCode(n.flow)}` : 'the whole deep dive');
      out.push(`- ${n.severity ? `**${n.severity}** ` : ''}${n.status === 'resolved' ? '~~resolved~~ ' : ''}${mdText(n.body)} — ${place}${anchorMark(n)}`);
      if (n.impact) out.push(`  - Business impact: ${mdText(n.impact)}`);
    }
    out.push('');
  }
  if (!r.notes.length) out.push('_No notes._', '');

  out.push('### Hotspots and owners', '');
  if (!r.history.available) out.push(`_History ${mdText(r.history.reason ?? 'unavailable')}._`, '');
  else {
    if (r.history.partial && r.history.reason) out.push(`_${mdText(r.history.reason)}_`, '');
    out.push(
      ...table(
        ['Hotspot', 'Score', 'Churn', 'Complexity', 'Read'],
        r.history.hotspots.slice(0, 15).map((h) => [mdCode(h.path), String(h.score), String(h.churn), String(h.complexity), h.percent === undefined ? 'out of scope' : `${h.percent}%`]),
      ),
      '',
    );
    out.push(
      ...table(
        ['Module', 'Owners', 'Bus factor', 'Churn', 'Last change'],
        r.history.owners.map((o) => [
          mdCode(o.module || '(root)'),
          o.owners.slice(0, 3).map((p) => `${mdText(p.name)} ${Math.round(p.share * 100)}%${p.active ? '' : ' _(inactive)_'}`).join(', ') || '_no history_',
          `${o.busFactor}${o.singleOwner ? ' **single owner**' : ''}`,
          String(o.churn),
          day(o.lastChange),
        ]),
      ),
      '',
    );
  }
  out.push(`_Effort detail: ${hours(r.effort.seconds)} on screen; first read ${day(r.effort.firstRead)}, last read ${day(r.effort.lastRead)}._`, '');
  return out.join('\n');
}

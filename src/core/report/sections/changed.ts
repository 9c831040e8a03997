// "Changed since read": each unit whose read code changed after it was read, with the lines that
// are new and the commits that changed it, so a re-read costs the diff, not the file.
import type { ReportChangedUnit } from '../types';
import type { ReportSection } from './types';
import { e, htmlTable, htmlWhere, mdCode, mdText, mdWhere, place, plural } from './kit';

function linesText(u: ReportChangedUnit): string {
  if (u.reason === 'removed') return `${plural(u.lines, 'read line')} gone`;
  const now = u.changed.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ');
  const one = u.changed.length === 1 && u.changed[0][0] === u.changed[0][1];
  return now ? `${one ? 'line' : 'lines'} ${now}` : `${plural(u.lines, 'read line')} removed`;
}

function commitsText(u: ReportChangedUnit): string {
  if (!u.commits) return 'not known (no git, or not committed)';
  if (!u.commits.length) return 'not committed yet';
  return u.commits.map((c) => `${c.commit.slice(0, 8)} ${c.subject} (${c.author}, ${c.date.slice(0, 10)})`).join('; ');
}

type DiffLine = NonNullable<ReportChangedUnit['diff']>[number];

function diffText(d: DiffLine): string {
  return d.op === '…' ? `… ${d.text}`.trimEnd() : `${d.op} ${d.text}`;
}

/** One click from the diff: a collapsed block under the table (Markdown viewers render <details>). */
function mdDiff(u: ReportChangedUnit): string[] {
  if (!u.diff?.length) return [];
  const lines = u.diff.map(diffText);
  const fence = lines.some((l) => l.includes('```')) ? '~~~~' : '```';
  return [`<details><summary>Diff since read: <code>${e(u.unit)}</code> (${e(place(u.code))})</summary>`, '', `${fence}diff`, ...lines, fence, '', '</details>', ''];
}

function htmlDiff(u: ReportChangedUnit): string {
  if (!u.diff?.length) return '';
  const cls = { '-': 'del', '+': 'ins', ' ': 'same', '…': 'gap' } as const;
  // One block per line (CSS), so no newline goes between them.
  const body = u.diff.map((d) => `<span class="${cls[d.op]}">${e(diffText(d))}</span>`).join('');
  return `<details class="diff"><summary>diff since read</summary><pre>${body}</pre></details>`;
}

export const changedSection: ReportSection = {
  id: 'changed-since-read',
  markdown(r) {
    const list = r.changedSinceRead ?? [];
    if (!list.length) return [];
    return [
      '### Changed since read',
      '',
      `_${plural(list.length, 'unit')} whose code changed after it was read; the new lines count as unread until re-read._`,
      '',
      '| Unit | Where | New or changed | Commits since read |',
      '| --- | --- | --- | --- |',
      ...list.map((u) => `| ${mdCode(u.unit)} | ${mdWhere(u.code)} | ${mdText(linesText(u))} | ${mdText(commitsText(u))} |`),
      '',
      ...list.flatMap(mdDiff),
    ];
  },
  html(r) {
    const list = r.changedSinceRead ?? [];
    if (!list.length) return '';
    return `<h3>Changed since read</h3><p class="muted">${e(plural(list.length, 'unit'))} whose code changed after it was read; the new lines count as unread until re-read.</p>${htmlTable(
      ['Unit', 'Where', 'New or changed', 'Commits since read'],
      list.map((u) => [`<code>${e(u.unit)}</code>`, htmlWhere(u.code), e(linesText(u)) + htmlDiff(u), e(commitsText(u))]),
      '',
      ['c-path', 'c-path', '', ''],
    )}`;
  },
};

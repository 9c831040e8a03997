// "Changed since read": each unit whose read code changed after it was read, with the lines that
// are new and the commits that changed it, so a re-read costs the diff, not the file.
import type { ReportChangedUnit } from '../types';
import type { ReportSection } from './types';
import { e, htmlTable, htmlWhere, mdCode, mdText, mdWhere, plural } from './kit';

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
    ];
  },
  html(r) {
    const list = r.changedSinceRead ?? [];
    if (!list.length) return '';
    return `<h3>Changed since read</h3><p class="muted">${e(plural(list.length, 'unit'))} whose code changed after it was read; the new lines count as unread until re-read.</p>${htmlTable(
      ['Unit', 'Where', 'New or changed', 'Commits since read'],
      list.map((u) => [`<code>${e(u.unit)}</code>`, htmlWhere(u.code), e(linesText(u)), e(commitsText(u))]),
      '',
      ['c-path', 'c-path', '', ''],
    )}`;
  },
};

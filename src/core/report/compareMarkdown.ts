// The comparison with an earlier report, as a Markdown section.
import { clip, mdCode, mdLink, mdText } from './escape';
import { day } from './format';
import type { ReportComparison, ReportNote } from './types';

function list(items: string[]): string {
  return items.length ? items.map((i) => mdCode(i)).join(', ') : '_none_';
}

function pct(v: number | undefined): string {
  return v === undefined ? '–' : `${v}%`;
}

export function compareMarkdown(c: ReportComparison, notes: Map<string, ReportNote>): string[] {
  const out: string[] = [];
  out.push(`## Changes since the report of ${day(c.previous.generated)}`, '');
  out.push(`_Compared with ${mdText(c.previous.title)} (${mdCode(c.previous.dive)}, base commit ${mdCode((c.previous.baseCommit ?? 'unknown').slice(0, 10))})._`, '');
  out.push(`- **Coverage:** ${c.coverage.before.percent}% then, ${c.coverage.after.percent}% now (${c.coverage.before.read}/${c.coverage.before.lines} → ${c.coverage.after.read}/${c.coverage.after.lines} code lines)`);
  out.push(`- **Routes added:** ${list(c.entries.added)}`);
  out.push(`- **Routes removed:** ${list(c.entries.removed)}`);
  out.push(`- **Routes changed:** ${c.entries.changed.length ? c.entries.changed.map((e) => `${mdCode(e.id)} (${e.changes.join(', ')}${e.changes.includes('guards') ? `: ${mdText(e.before.guards.join(', ') || 'no guards')} → ${mdText(e.after.guards.join(', ') || 'no guards')}` : ''})`).join('; ') : '_none_'}`);
  out.push(`- **Modules added:** ${list(c.modules.added)}`);
  out.push(`- **Modules removed:** ${list(c.modules.removed)}`);
  out.push(`- **Modules changed:** ${c.modules.changed.length ? c.modules.changed.map((m) => `${mdCode(m.id)} (${m.before.files}→${m.after.files} files, ${m.before.lines}→${m.after.lines} lines)`).join('; ') : '_none_'}`);
  out.push(`- **New dependency edges:** ${c.edges.added.length ? c.edges.added.map((e) => `${mdCode(e.from)} → ${mdCode(e.to)}`).join(', ') : '_none_'}`);
  if (c.edges.removed.length) out.push(`- **Dependency edges gone:** ${c.edges.removed.map((e) => `${mdCode(e.from)} → ${mdCode(e.to)}`).join(', ')}`);
  out.push(`- **Risks still open:** ${c.risksStillOpen.length}${c.risksClosed.length ? `; closed since: ${c.risksClosed.length}` : ''}`);
  for (const id of c.risksStillOpen) {
    const n = notes.get(id);
    if (n) out.push(`  - ${n.severity ? `**${n.severity}** ` : ''}${mdText(clip(n.body, 160))}`);
  }
  out.push(`- **Notes whose code changed since:** ${c.notesChanged.length ? '' : '_none_'}`);
  for (const n of c.notesChanged) {
    const body = notes.get(n.id)?.body ?? n.id;
    const place = n.code ? mdLink(mdCode(`${n.code.file}:${n.code.line}`), n.code.web) : '';
    out.push(`  - ${n.kind}: ${mdText(clip(body, 120))} — ${mdText(n.reason)}${place ? ` (${place})` : ''}`);
  }
  const moved = c.coverage.modules.filter((m) => m.before !== m.after);
  if (moved.length) {
    out.push('', '| Module | Coverage then | Coverage now |', '| --- | --- | --- |');
    for (const m of moved) out.push(`| ${mdCode(m.id || '(root)')} | ${pct(m.before)} | ${pct(m.after)} |`);
  }
  return out;
}

// Hotspots and owners, only as far as the history holds signal; identical owner rows (one
// person owning every module) are one row, not one per module.
import { day, hours } from '../format';
import type { ModuleOwners, ReportData } from '../types';
import type { ReportSection } from './types';
import { e, htmlTable, mdCode, mdTable, mdText, plural } from './kit';

interface OwnerRow {
  modules: string[];
  owners: ModuleOwners['owners'];
  busFactor: number;
  singleOwner: boolean;
  churn: number;
  lastChange?: string;
}

/** Modules with the same owners, shares and bus factor share one row. */
export function ownerRows(owners: readonly ModuleOwners[]): OwnerRow[] {
  const rows = new Map<string, OwnerRow>();
  for (const o of owners) {
    const key = JSON.stringify([o.owners.slice(0, 3).map((p) => [p.email, Math.round(p.share * 100)]), o.busFactor]);
    const row = rows.get(key);
    if (row) {
      row.modules.push(o.module || '(root)');
      row.churn += o.churn;
      if (o.lastChange && (!row.lastChange || o.lastChange > row.lastChange)) row.lastChange = o.lastChange;
    } else rows.set(key, { modules: [o.module || '(root)'], owners: o.owners, busFactor: o.busFactor, singleOwner: o.singleOwner, churn: o.churn, ...(o.lastChange ? { lastChange: o.lastChange } : {}) });
  }
  return [...rows.values()];
}

function modulesText(m: string[]): string {
  return m.length <= 4 ? m.join(', ') : `${plural(m.length, 'module')}: ${m.slice(0, 3).join(', ')} and ${m.length - 3} more`;
}

function ownersText(o: OwnerRow['owners']): string {
  return o.slice(0, 3).map((p) => `${p.name} ${Math.round(p.share * 100)}%${p.active ? '' : ' (inactive)'}`).join(', ');
}

function historyNote(r: ReportData): string | undefined {
  if (!r.history.available) return `History ${r.history.reason ?? 'unavailable'}.`;
  const sig = r.history.signal;
  if (sig && !sig.ownership) return `No ownership or hotspot figures: ${sig.reason}.`;
  return undefined;
}

export const historySection: ReportSection = {
  id: 'history',
  markdown(r) {
    const out = ['### Hotspots and owners', ''];
    const note = historyNote(r);
    if (note) return [...out, `_${mdText(note)}_`, ''];
    if (r.history.partial && r.history.reason) out.push(`_${mdText(r.history.reason)}_`, '');
    if (r.history.signal && !r.history.signal.hotspots) out.push(`_${mdText(`No hotspots: ${r.history.signal.reason ?? 'too few changes'}.`)}_`, '');
    else out.push(...mdTable(['Hotspot (highest score first)', 'Score', 'Commits', 'Complexity', 'Read'], r.history.hotspots.slice(0, 15).map((h) => [mdCode(h.path), String(h.score), String(h.churn), String(h.complexity), h.percent === undefined ? 'out of scope' : `${h.percent}%`])), '');
    out.push(...mdTable(['Modules', 'Owners', 'Bus factor', 'Commits', 'Last change'], ownerRows(r.history.owners).map((o) => [mdText(modulesText(o.modules)), mdText(ownersText(o.owners)) || '_no history_', `${o.busFactor}${o.singleOwner ? ' **single owner**' : ''}`, String(o.churn), day(o.lastChange)])), '');
    return out;
  },
  html(r) {
    const s: string[] = ['<h3>Hotspots and owners</h3>'];
    const note = historyNote(r);
    if (note) return `${s[0]}<p class="none">${e(note)}</p>`;
    if (r.history.partial && r.history.reason) s.push(`<p class="muted">${e(r.history.reason)}</p>`);
    if (r.history.signal && !r.history.signal.hotspots) s.push(`<p class="none">No hotspots: ${e(r.history.signal.reason ?? 'too few changes')}.</p>`);
    else s.push(htmlTable(['Hotspot (highest score first)', 'Score', 'Commits', 'Complexity', 'Read'], r.history.hotspots.slice(0, 15).map((h) => [`<code>${e(h.path)}</code>`, String(h.score), String(h.churn), String(h.complexity), h.percent === undefined ? 'out of scope' : `${h.percent}%`]), '', ['c-path', 'c-num', 'c-num', 'c-num', 'c-num']));
    s.push(htmlTable(['Modules', 'Owners', 'Bus factor', 'Commits', 'Last change'], ownerRows(r.history.owners).map((o) => [e(modulesText(o.modules)), e(ownersText(o.owners)) || '<em class="muted">no history</em>', `${o.busFactor}${o.singleOwner ? ' <span class="sev sev-medium">single owner</span>' : ''}`, String(o.churn), e(day(o.lastChange))]), '', ['c-text', 'c-text', 'c-num', 'c-num', 'c-num']));
    return s.join('');
  },
};

export const effortSection: ReportSection = {
  id: 'effort',
  markdown(r) {
    return [`_Effort detail: ${mdText(effortDetail(r))}_`, ''];
  },
  html(r) {
    return `<p class="muted">Effort detail: ${e(effortDetail(r))}</p>`;
  },
};

export function effortDetail(r: ReportData): string {
  const f = r.effort;
  const time = f.seconds > 0 ? `${hours(f.seconds)} on screen in the editor` : 'no time on screen recorded';
  const marked = f.filesWithoutTime ? `; ${plural(f.filesWithoutTime, 'file')} marked read without time recorded` : '';
  return `${time}${marked}; first read ${day(f.firstRead)}, last read ${day(f.lastRead)}.`;
}

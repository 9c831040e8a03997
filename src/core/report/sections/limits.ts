// Limits: what the deep dive did not examine and what the analysis could not resolve, in numbers,
// so that no figure of the report reads as complete when it is not.
import { countProtections, protectionSummary } from '../../entry/protection';
import type { ReportData } from '../types';
import type { ReportSection } from './types';
import { e, mdText, plural } from './kit';
import { apiSpecLine } from './apiSpec';
import { groupDigits } from '../../numberText';

export function limitLines(r: ReportData): string[] {
  const l = r.limits;
  if (!l) return [];
  const out: string[] = [];
  const mods = l.modulesUnread.length ? `; ${plural(l.modulesUnread.length, 'module')} not opened at all: ${l.modulesUnread.slice(0, 5).join(', ')}${l.modulesUnread.length > 5 ? ` and ${l.modulesUnread.length - 5} more` : ''}` : '';
  out.push(`Not read: ${groupDigits(l.files.unread)} of ${plural(l.files.inScope, 'file')} in scope, ${groupDigits(l.files.partlyRead)} more only in part${mods}.`);
  const rt = l.routes;
  if (rt.total) {
    // Counted and worded as the Entry Points view and `deepdive routes` do (entry/protection.ts).
    // "0 paths not a static string" reads as a gap where there is none: said only when there are some.
    const dynamic = rt.dynamic ? `; ${plural(rt.dynamic, 'path')} not a static string` : '';
    out.push(`Routes: ${plural(rt.total, 'route')} found: ${protectionSummary(countProtections(r.entries))}${dynamic}.`);
  } else out.push('Routes: none found in scope.');
  if (l.warnings.length || l.droppedEntries.length) {
    const w = l.warnings.length ? `the route analysis could not finish in ${plural(new Set(l.warnings.map((x) => x.file)).size, 'place')}` : '';
    const d = l.droppedEntries.length ? `${plural(l.droppedEntries.length, 'reported entry point')} left out as not entry points` : '';
    out.push(`Analysis gaps: ${[w, d].filter(Boolean).join('; ')} (listed in the appendix).`);
  }
  out.push(`Flows: ${l.flows.total} traced, ${l.flows.understood} understood; ${plural(l.flows.routesWithoutFlow, 'route')} without a traced flow.`);
  out.push(`History: ${l.history}.`);
  const api = apiSpecLine(r.apiSpec);
  if (api) out.push(api);
  if (l.openLeads) out.push(`Scanner leads: ${l.openLeads} imported and not yet confirmed or dismissed; they are not counted as findings.`);
  return out;
}

export const limitsSection: ReportSection = {
  id: 'limits',
  markdown(r) {
    const lines = limitLines(r);
    return lines.length ? ['### Limits', '', ...lines.map((x) => `- ${mdText(x)}`), ''] : [];
  },
  html(r) {
    const lines = limitLines(r);
    return lines.length ? `<h3>Limits</h3><ul class="compact limits">${lines.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : '';
  },
};

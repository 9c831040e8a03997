// The verdict: the leader's bottom line, first thing in the summary. Until they write one, a
// draft built only from the data stands in, marked as a draft; the editor prompts with it.
import type { DeepDive } from '../model/types';
import { isOpenUnexplained } from './entries';
import { firstSentence } from './sentences';
import type { ReportData, ReportVerdict } from './types';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function draftVerdict(r: Omit<ReportData, 'verdict'>): string {
  const byId = new Map(r.notes.map((n) => [n.id, n]));
  const risks = r.summary.topRisks.map((id) => byId.get(id)!).filter(Boolean);
  const severe = risks.filter((n) => n.severity === 'critical' || n.severity === 'high');
  const parts: string[] = [];
  if (!risks.length) parts.push('The deep dive recorded no open risk or gap.');
  else {
    const counts = (['critical', 'high', 'medium', 'low'] as const).map((s) => [s, risks.filter((n) => n.severity === s).length] as const).filter(([, n]) => n > 0);
    const unrated = risks.filter((n) => !n.severity).length;
    const list = [...counts.map(([s, n]) => `${n} ${s}`), ...(unrated ? [`${unrated} unrated`] : [])].join(', ');
    parts.push(`The deep dive found ${plural(risks.length, 'open risk or gap', 'open risks and gaps')} (${list}).`);
    const top = severe[0] ?? risks[0];
    parts.push(`The most serious: ${firstSentence(top.body).replace(/[.!?…]?$/, '.')}`);
  }
  const open = r.entries.filter(isOpenUnexplained);
  const routes = r.limits?.routes;
  if (routes && routes.total) {
    const unknown = routes.unknown ? `; the protection of ${plural(routes.unknown, 'route')} could not be determined` : '';
    // A route the leader wrote a note on is explained by that note, not "nothing says".
    const silent = open.filter((x) => !x.notes?.length).length;
    const noted = open.length - silent;
    const why = !noted
      ? ` and nothing says ${open.length === 1 ? 'it is' : 'they are'} meant to be public`
      : !silent
        ? `, ${open.length === 1 ? 'with' : 'each with'} a note from the leader`
        : `: for ${silent} nothing says ${silent === 1 ? 'it is' : 'they are'} meant to be public, ${noted} ${noted === 1 ? 'has' : 'have'} a note from the leader`;
    parts.push(`${open.length ? `${plural(open.length, 'route')} of ${routes.total} ${open.length === 1 ? 'has' : 'have'} no auth check${why}` : `No route of ${routes.total} is without auth: each is guarded, allows anonymous callers through an optional check, or is public on purpose`}${unknown}.`);
  }
  const cov = r.coverage.percent;
  const depth = cov >= 80 ? 'most of the code in scope' : cov >= 40 ? 'part of the code in scope' : 'a small part of the code in scope';
  parts.push(`These conclusions rest on ${depth} (${cov}% read) and ${plural(r.summary.flows.understood, 'understood flow')}.`);
  return parts.join(' ');
}

export function verdictOf(dive: DeepDive, r: Omit<ReportData, 'verdict'>): ReportVerdict {
  const draft = draftVerdict(r);
  const text = dive.verdict?.text.trim();
  return text ? { text, source: 'leader', draft, updated: dive.verdict!.updated } : { text: draft, source: 'draft', draft };
}

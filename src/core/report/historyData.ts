// The report's history part and whom to ask about open questions, both only as far as the
// history holds signal (historySignal.ts): no owners named on a history of one commit.
import type { HistoryReport } from '../history/types';
import type { DeepDive } from '../model/types';
import { isAnswered } from '../dive/ops';
import type { HistorySignal } from './historySignal';
import { MIN_HOTSPOT_CHURN, MIN_MODULE_COMMITS } from './historySignal';
import type { ModuleOwners, OpenQuestion, Person, ReportHistory, ReportNote } from './types';

export function gatherHistory(h: HistoryReport | undefined, coveragePct: Map<string, number>, signal: HistorySignal): ReportHistory {
  const sig = { commits: signal.commits, authors: signal.authors, ownership: signal.ownership, hotspots: signal.hotspots, ...(signal.reason ? { reason: signal.reason } : {}) };
  if (!h) return { available: false, partial: false, reason: 'not read', hotspots: [], owners: [], people: [], signal: sig };
  const active = new Map(h.people.map((p) => [`${p.name}\u0000${p.email}`, p.active]));
  const owners: ModuleOwners[] = signal.ownership
    ? h.modules
        .filter((m) => m.commits >= MIN_MODULE_COMMITS)
        .map((m) => ({
          module: m.id,
          owners: m.owners.slice(0, 5).map((o) => ({ name: o.name, email: o.email, active: active.get(`${o.name}\u0000${o.email}`) ?? false, share: o.share, lines: o.lines, lastChange: o.lastChange })),
          busFactor: m.busFactor,
          singleOwner: m.flags.singleOwner,
          mainOwnerInactive: m.flags.mainOwnerInactive,
          churn: m.churn,
          ...(m.lastChange ? { lastChange: m.lastChange } : {}),
        }))
    : [];
  // Ranked by score, highest first: the order recommendations and tables keep.
  const hotspots = signal.hotspots
    ? h.hotspots
        .filter((x) => x.churn >= MIN_HOTSPOT_CHURN)
        .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
        .slice(0, 20)
        .map((x) => ({ path: x.path, module: x.module, score: x.score, churn: x.churn, complexity: x.complexity, ...(coveragePct.has(x.path) ? { percent: coveragePct.get(x.path) } : {}) }))
    : [];
  return {
    available: h.available,
    partial: h.partial,
    ...(h.reason ? { reason: h.reason } : {}),
    sinceDays: h.sinceDays,
    hotspotDays: h.hotspotDays,
    hotspots,
    owners,
    people: signal.ownership ? h.people.slice(0, 20).map((p) => ({ name: p.name, email: p.email, active: p.active, commits: p.commits, lastCommit: p.lastCommit, modules: p.modules.map((m) => m.id) })) : [],
    signal: sig,
  };
}

export function openQuestions(dive: DeepDive, notes: ReportNote[], h: HistoryReport | undefined, signal: HistorySignal): OpenQuestion[] {
  const active = new Map((h?.people ?? []).map((p) => [`${p.name}\u0000${p.email}`, p.active]));
  const ownersOf = (module: string | undefined): Person[] => {
    if (!signal.ownership) return [];
    const m = module ? h?.modules.find((x) => x.id === module) : undefined;
    if (!m || m.commits < MIN_MODULE_COMMITS) return [];
    return m.owners
      .map((o) => ({ name: o.name, email: o.email, share: Math.round(o.share * 100) / 100, active: active.get(`${o.name}\u0000${o.email}`) ?? false }))
      .sort((a, b) => Number(b.active) - Number(a.active) || b.share - a.share)
      .slice(0, 3);
  };
  // Without a module to go by, the people who know the most of the system (only with signal).
  const people = signal.ownership ? (h?.people ?? []) : [];
  const general: Person[] = [...people.filter((p) => p.active), ...people.filter((p) => !p.active)].slice(0, 3).map((p) => ({ name: p.name, email: p.email, active: p.active }));
  const out: OpenQuestion[] = [];
  for (const q of dive.questions) {
    if (isAnswered(dive, q)) continue;
    const linked = notes.filter((n) => n.question === q.id || (q.answeredBy ?? []).includes(n.id));
    const module = linked.find((n) => n.module)?.module;
    const code = linked.find((n) => n.code)?.code;
    const ask = ownersOf(module);
    out.push({ id: q.id, text: q.text, source: 'question', ...(module ? { module } : {}), ...(code ? { code } : {}), ask: ask.length ? ask : general });
  }
  for (const n of notes) {
    if (n.kind !== 'question' || n.status !== 'open' || (n.lead && n.lead.state !== 'confirmed')) continue;
    const ask = ownersOf(n.module);
    out.push({ id: n.id, text: n.body, source: 'note', ...(n.module ? { module: n.module } : {}), ...(n.code ? { code: n.code } : {}), ask: ask.length ? ask : general });
  }
  return out;
}

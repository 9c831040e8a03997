import { iso } from './knowledge';
import type { HistoryState } from './state';
import { personKey } from './state';
import type { ModuleHistory, Owner, Person } from './types';

const DAY_S = 86_400;

/** Everyone who committed, with the modules they know (from the modules' owner lists), most active first. */
export function peopleOf(state: HistoryState, modules: readonly ModuleHistory[], now: number, inactiveDays: number): Person[] {
  const nowS = Math.floor(now / 1000);
  const known = new Map<string, { id: string; share: number }[]>();
  for (const m of modules) {
    for (const o of m.owners) {
      const key = personKey(o.name, o.email);
      const list = known.get(key) ?? [];
      list.push({ id: m.id, share: o.share });
      known.set(key, list);
    }
  }
  return Object.entries(state.people)
    .map(([key, p]) => ({
      name: p.name,
      email: p.email,
      commits: p.commits,
      firstCommit: iso(p.first),
      lastCommit: iso(p.last),
      active: nowS - p.last <= inactiveDays * DAY_S,
      modules: (known.get(key) ?? []).sort((a, b) => b.share - a.share || a.id.localeCompare(b.id)),
    }))
    .sort((a, b) => b.modules.length - a.modules.length || b.commits - a.commits || a.email.localeCompare(b.email));
}

export interface AskWhom<T> {
  module: string;
  items: T[];
  /** Whom to ask, best first: people still active before those who left, then by share. */
  ask: (Owner & { active: boolean })[];
  /** Nobody who knows this module is active any more. */
  noActiveOwner: boolean;
}

/**
 * Who to ask about each module's open questions and notes: its owners, the ones still
 * committing first. Modules without history come back with an empty `ask` list.
 */
export function whoToAsk<T>(open: Record<string, T[]>, modules: readonly ModuleHistory[], people: readonly Person[], max = 3): AskWhom<T>[] {
  const active = new Map(people.map((p) => [personKey(p.name, p.email), p.active]));
  const byId = new Map(modules.map((m) => [m.id, m]));
  const out: AskWhom<T>[] = [];
  for (const [module, items] of Object.entries(open)) {
    if (!items.length) continue;
    const owners = (byId.get(module)?.owners ?? []).map((o) => ({ ...o, active: active.get(personKey(o.name, o.email)) ?? false }));
    const ranked = [...owners].sort((a, b) => Number(b.active) - Number(a.active) || b.share - a.share);
    out.push({ module, items, ask: ranked.slice(0, max), noActiveOwner: owners.length > 0 && !owners.some((o) => o.active) });
  }
  return out.sort((a, b) => a.module.localeCompare(b.module));
}

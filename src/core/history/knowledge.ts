import type { FileState, HistoryState } from './state';
import type { Churn, FileHistory, KnowledgeFlags, ModuleHistory, Owner } from './types';

export interface KnowledgeOptions {
  /** Epoch milliseconds that "now" is (tests pin it). */
  now?: number;
  /** The main churn window, days. */
  sinceDays?: number;
  /** Further windows reported in churnWindows. */
  windows?: number[];
  /** A main owner without a commit for longer than this is flagged. */
  inactiveDays?: number;
  /** Recency weighting: work this old counts half. */
  halfLifeDays?: number;
  /** Owners listed per module or file (the bus factor always uses all). */
  maxOwners?: number;
}

export const DEFAULTS = { sinceDays: 90, windows: [90, 365], inactiveDays: 180, halfLifeDays: 365, maxOwners: 10 };

const DAY_S = 86_400;

interface Tally {
  knowledge: number;
  lines: number;
  last: number;
}

/** Per person knowledge of one file: estimated current lines × 2^(-age of their last change / half-life). */
function tallyFile(f: FileState, nowS: number, halfLifeS: number, into: Map<string, Tally>): void {
  // for-in, not Object.entries: the same keys in the same order (a dict() has no inherited
  // ones), without an array per file; a cold history runs this once per file after git's last byte.
  const authors = f.authors;
  for (const key in authors) {
    const a = authors[key];
    if (a.lines <= 0) continue;
    const age = Math.max(0, nowS - a.last);
    const k = a.lines * Math.pow(2, -age / halfLifeS);
    const t = into.get(key);
    if (t) {
      t.knowledge += k;
      t.lines += a.lines;
      t.last = Math.max(t.last, a.last);
    } else {
      into.set(key, { knowledge: k, lines: a.lines, last: a.last });
    }
  }
}

/** Smallest number of people who together hold more than half of the knowledge. */
export function busFactor(shares: number[]): number {
  const sorted = [...shares].sort((a, b) => b - a);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i];
    if (sum > 0.5) return i + 1;
  }
  return 0;
}

export function iso(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

interface Ranked {
  owners: Owner[];
  busFactor: number;
  flags: KnowledgeFlags;
}

/**
 * A share with the last bits of floating-point noise cut off. Equal knowledge often comes out
 * unequal in the last bit, and by an amount that depends on "now": 2 lines written a half-life
 * before 1 other line weigh the same exactly, yet the computed shares differ by 1e-16 one way or
 * the other from one second to the next, and the owner order and bus factor (0.5 + 0.5 is not
 * "more than half") flipped with them. Nine decimals keep every real difference.
 */
function snap(share: number): number {
  return Math.round(share * 1e9) / 1e9;
}

function rank(state: HistoryState, tallies: Map<string, Tally>, nowS: number, o: Required<KnowledgeOptions>): Ranked {
  const total = [...tallies.values()].reduce((s, t) => s + t.knowledge, 0);
  const all = [...tallies.entries()]
    .map(([key, t]) => ({ key, t, share: total > 0 ? snap(t.knowledge / total) : 0 }))
    .sort((a, b) => b.share - a.share || b.t.lines - a.t.lines || a.key.localeCompare(b.key));
  const owners: Owner[] = all.slice(0, o.maxOwners).map(({ key, t, share }) => {
    const p = state.people[key];
    return { name: p?.name ?? key, email: p?.email ?? key, share: round3(share), lines: Math.round(t.lines), lastChange: iso(t.last) };
  });
  const bf = busFactor(all.map((a) => a.share));
  const main = all[0] ? state.people[all[0].key] : undefined;
  return {
    owners,
    busFactor: bf,
    flags: {
      singleOwner: bf === 1,
      mainOwnerInactive: !!main && nowS - main.last > o.inactiveDays * DAY_S,
    },
  };
}

function windowsOf(files: FileState[], nowS: number, windows: number[]): { churn: Churn[]; commits: number } {
  const nowDay = Math.floor(nowS / DAY_S);
  const all = new Set<number>();
  const perWindow = windows.map(() => ({ seqs: new Set<number>(), lines: 0 }));
  for (const f of files) {
    const { days, seqs, changed } = f;
    for (let i = 0; i < days.length; i++) {
      all.add(seqs[i]);
      const age = nowDay - days[i];
      for (let wi = 0; wi < windows.length; wi++) {
        if (age < windows[wi]) {
          perWindow[wi].seqs.add(seqs[i]);
          perWindow[wi].lines += changed[i];
        }
      }
    }
  }
  return { churn: windows.map((days, wi) => ({ days, commits: perWindow[wi].seqs.size, lines: perWindow[wi].lines })), commits: all.size };
}

function resolve(opts: KnowledgeOptions): Required<KnowledgeOptions> {
  const sinceDays = opts.sinceDays ?? DEFAULTS.sinceDays;
  const windows = [...new Set([sinceDays, ...(opts.windows ?? DEFAULTS.windows)])].sort((a, b) => a - b);
  return {
    now: opts.now ?? Date.now(),
    sinceDays,
    windows,
    inactiveDays: opts.inactiveDays ?? DEFAULTS.inactiveDays,
    halfLifeDays: opts.halfLifeDays ?? DEFAULTS.halfLifeDays,
    maxOwners: opts.maxOwners ?? DEFAULTS.maxOwners,
  };
}

/** Module of each file the state knows: from the map, or the top-level folder when there is no map. */
export function assignModules(paths: string[], modules?: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of paths) {
    if (modules) {
      const m = modules[p];
      if (m !== undefined) out.set(p, m);
    } else {
      out.set(p, topFolderModule(p));
    }
  }
  return out;
}

/** Fallback module id: the top-level folder, '.' for files at the root. */
export function topFolderModule(p: string): string {
  const i = p.indexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}

export function fileHistories(state: HistoryState, moduleOf: Map<string, string>, opts: KnowledgeOptions = {}): FileHistory[] {
  const o = resolve(opts);
  const nowS = Math.floor(o.now / 1000);
  const out: FileHistory[] = [];
  for (const [p, module] of moduleOf) {
    const f = state.files[p];
    if (!f) continue;
    const tallies = new Map<string, Tally>();
    tallyFile(f, nowS, o.halfLifeDays * DAY_S, tallies);
    const w = windowsOf([f], nowS, o.windows);
    out.push({
      path: p,
      module,
      ...rank(state, tallies, nowS, o),
      lastChange: iso(f.last),
      firstChange: iso(f.first),
      ageDays: Math.floor((nowS - f.first) / DAY_S),
      commits: f.commits,
      churn: w.churn.find((c) => c.days === o.sinceDays)?.commits ?? 0,
      churnWindows: w.churn,
    });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export function moduleHistories(state: HistoryState, moduleOf: Map<string, string>, opts: KnowledgeOptions = {}): ModuleHistory[] {
  const o = resolve(opts);
  const nowS = Math.floor(o.now / 1000);
  const byModule = new Map<string, string[]>();
  for (const [p, m] of moduleOf) {
    const list = byModule.get(m) ?? [];
    list.push(p);
    byModule.set(m, list);
  }
  const out: ModuleHistory[] = [];
  for (const [id, paths] of byModule) {
    // Plain loops: this runs over every mapped file between git's last byte and the answer.
    const files: FileState[] = [];
    const tallies = new Map<string, Tally>();
    let lastSeen = -Infinity;
    let firstSeen = Infinity;
    for (const p of paths) {
      const f = state.files[p];
      if (!f) continue;
      files.push(f);
      tallyFile(f, nowS, o.halfLifeDays * DAY_S, tallies);
      lastSeen = Math.max(lastSeen, f.last);
      firstSeen = Math.min(firstSeen, f.first);
    }
    const w = windowsOf(files, nowS, o.windows);
    const last = files.length ? lastSeen : undefined;
    const first = files.length ? firstSeen : undefined;
    out.push({
      id,
      ...rank(state, tallies, nowS, o),
      lastChange: last !== undefined ? iso(last) : undefined,
      firstChange: first !== undefined ? iso(first) : undefined,
      ageDays: first !== undefined ? Math.floor((nowS - first) / DAY_S) : undefined,
      files: paths.length,
      commits: w.commits,
      churn: w.churn.find((c) => c.days === o.sinceDays)?.commits ?? 0,
      churnWindows: w.churn,
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

import { setFlagsFromString } from 'node:v8';
import { DeepDiveError } from '../../core/errors';
import { analyzeHistory, defaultCacheDir, repoInfo } from '../../core/history/index';
import type { HistoryReport } from '../../core/history/index';
import { answerInputs, answerKey, loadAnswer, saveAnswer } from '../../core/cache/answerCache';
import type { AnswerInputs } from '../../core/cache/answerCache';
import { defaultMapCache } from '../../core/map/mapSession';
import { pathModules } from '../../core/map/pathModules';
import type { PathModules } from '../../core/map/pathModules';
import { ensureCacheDir } from '../../core/dive/cacheDir';
import type { WalkResult } from '../../core/walk/walker';
import type { CliCommand, CliContext } from '../types';

function days(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1 || n > 36_500) {
    throw new DeepDiveError(`${flag} wants a whole number of days between 1 and 36500, got '${String(value)}'`);
  }
  return n;
}

/**
 * Modules as the map assigns them (files the map does not keep, such as docs, configs and minified
 * bundles, belong to no module), from the walk and the files' paths and bytes: history needs no
 * parse (core/map/pathModules.ts). The map cache, when there, spares reading the files it knows.
 * With them, when the answer may be kept, the stamps of what was read (the answer cache's inputs),
 * taken right away: this runs while git computes the log, so a stat of every walked file and
 * folder costs no wall time here, where after the log it did. If that fails the top-level
 * folders stand in, so history still answers (and nothing is kept).
 */
async function moduleMap(root: string, cache: boolean): Promise<{ modules: Record<string, string>; inputs?: AnswerInputs } | undefined> {
  try {
    const { modules, walked, reads } = await pathModules(root, cache ? { cache: defaultMapCache(root) } : {});
    return { modules, ...(cache ? stamps(root, walked, reads) : {}) };
  } catch {
    return undefined;
  }
}

function stamps(root: string, walked: WalkResult, reads: PathModules['reads']): { inputs?: AnswerInputs } {
  try {
    // The cache folder first, as saveAnswer does: making `.deepdive/` changes the root folder's times.
    ensureCacheDir(root);
  } catch {
    return {}; // a planted link: nothing will be kept
  }
  return { inputs: answerInputs(root, walked, { files: [...reads.files], dirs: [...reads.dirs] }) };
}

/**
 * Fewer parses than this run on V8's baseline wasm code only. A cold history parses the likely
 * hotspots: for tens of files (Ghost's 36, the 1M corpus's 37) the tier-up of the grammar's hot
 * functions to optimised code costs more CPU than that code saves (37 files: 0.33 s of CPU with
 * it, 0.16 s without); from a few hundred files on it pays (300: 0.8 s with, 1.0 s without).
 * Liftoff's code gives the same trees.
 */
const BASELINE_ONLY_BELOW = 150;

function tuneForParses(files: number): void {
  // Set before the first grammar is compiled (the flag is read when a module compiles).
  if (files < BASELINE_ONLY_BELOW) setFlagsFromString('--liftoff-only');
}

function parsedReport(text: string | undefined): HistoryReport | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as HistoryReport);
  } catch {
    return undefined;
  }
}

export const historyCommand: CliCommand = {
  name: 'history',
  usage:
    'deepdive history [--root DIR] [--json] [--since DAYS] [--inactive DAYS] [--files] [--no-cache] [--untrusted]\n\n' +
    '  --since DAYS     churn window for modules (default 90) and hotspots (default 365)\n' +
    '  --inactive DAYS  flag a main owner with no commit for longer (default 180)\n' +
    '  --files          add the per-file owners and churn to --json output\n' +
    '  --no-cache       neither read nor write .deepdive/cache/history (nor the map cache)\n' +
    '  --untrusted      treat the folder as an untrusted workspace: git is not run at all\n\n' +
    'The CLI is a headless client: it trusts --root unless --untrusted is given. Git always runs\n' +
    'with a fixed safe configuration (no hooks, fsmonitor, external diff, textconv, filters,\n' +
    'pager, credential helpers or transports), bounded in time and output.',
  options: {
    since: { type: 'string' },
    inactive: { type: 'string' },
    files: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    untrusted: { type: 'boolean' },
  },
  async run(ctx: CliContext) {
    const since = days(ctx.values.since, '--since');
    const inactiveDays = days(ctx.values.inactive, '--inactive');
    const trusted = ctx.values.untrusted !== true;
    const cache = ctx.values['no-cache'] !== true;
    const started = Date.now();
    const info = trusted ? await repoInfo(ctx.root, true) : undefined;
    const cacheDir = cache ? defaultCacheDir(ctx.root) : undefined;
    const wantFiles = ctx.values.files === true;
    // The last report, while HEAD, the options, the day and every folder and file mapping read are
    // as they were (core/cache/answerCache.ts: stats, never git on the work tree): no map, no recount.
    const key = cache && info?.available && info.head ? answerKey('history', [info.head, since ?? null, inactiveDays ?? null, wantFiles, new Date().toISOString().slice(0, 10)]) : undefined;
    const kept = key ? parsedReport(loadAnswer(ctx.root, 'history', key)) : undefined;
    let report: HistoryReport;
    if (kept) {
      report = { ...kept, stats: { ...kept.stats, ms: Date.now() - started, commitsProcessed: 0, incremental: true } };
    } else {
      // Modules only when there is history to attribute (no walk of a folder without git), and
      // while git computes the log.
      let mapped: Awaited<ReturnType<typeof moduleMap>>;
      ctx.progress.phase('reading the git history');
      report = await analyzeHistory(ctx.root, {
        trusted,
        info,
        ...(info?.available ? { modules: async () => (mapped = await moduleMap(ctx.root, cache))?.modules } : {}),
        // A process of its own may be tuned for its parses; a host that called main() keeps its flags.
        ...(ctx.ownProcess ? { beforeParses: tuneForParses } : {}),
        cacheDir,
        // A symlinked .deepdive/cache planted in the repository must not redirect the write.
        cacheWithin: ctx.root,
        sinceDays: since,
        hotspotDays: since,
        inactiveDays,
        files: wantFiles,
      });
      const inputs = mapped?.inputs;
      if (key && inputs && report.available && !report.partial) saveAnswer(ctx.root, 'history', key, () => inputs, JSON.stringify(report));
    }
    if (ctx.json) {
      const { files, ...rest } = report;
      ctx.out(JSON.stringify(ctx.values.files === true ? { ...rest, files } : rest, null, 2));
      return 0;
    }
    ctx.out(render(report));
    return 0;
  },
};

function date(iso?: string): string {
  return iso ? iso.slice(0, 10) : '-';
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function render(r: HistoryReport): string {
  if (!r.available) return `history ${r.reason ?? 'unavailable'}`;
  const lines: string[] = [];
  if (r.partial) lines.push(`note: ${r.reason}`, '');
  lines.push(`modules (churn: commits in the last ${r.sinceDays} days)`);
  for (const m of r.modules) {
    const owners = m.owners.slice(0, 3).map((o) => `${o.name} ${pct(o.share)}`).join(', ') || 'no history';
    const flags = [m.flags.singleOwner ? 'single owner' : '', m.flags.mainOwnerInactive ? 'main owner inactive' : ''].filter(Boolean).join(', ');
    lines.push(`  ${m.id}: bus factor ${m.busFactor}, churn ${m.churn}, last change ${date(m.lastChange)}; ${owners}${flags ? ` [${flags}]` : ''}`);
  }
  lines.push('', `hotspots (churn in the last ${r.hotspotDays} days × complexity), read these first`);
  if (!r.hotspots.length) lines.push('  none: no parsed file changed in the window');
  for (const h of r.hotspots.slice(0, 15)) lines.push(`  ${h.score.toString().padStart(6)}  ${h.path}  (churn ${h.churn}, complexity ${h.complexity})`);
  lines.push('', 'people');
  for (const p of r.people.slice(0, 15)) {
    const mods = p.modules.slice(0, 4).map((m) => `${m.id} ${pct(m.share)}`).join(', ');
    lines.push(`  ${p.name} <${p.email}>: ${p.commits} commit${p.commits === 1 ? '' : 's'}, last ${date(p.lastCommit)}${p.active ? '' : ' (inactive)'}${mods ? `; knows ${mods}` : ''}`);
  }
  lines.push('', `${r.stats.commitsTotal} commit${r.stats.commitsTotal === 1 ? '' : 's'} (${r.stats.commitsProcessed} read now${r.stats.incremental ? ', incremental' : ''}) in ${r.stats.ms} ms`);
  return lines.join('\n');
}

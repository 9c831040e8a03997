// A cold history's hotspots need the complexity of the files changed in the hotspot window, and
// only the history says which: found after git's whole log, they were parsed after it, one file
// after another. A second, cheap git (names only, window commits only) says which files are
// likely while the long log still runs, so that they are parsed beside it. The answer does not
// depend on this guess: the hotspots are still the history's candidates, and a guessed file only
// fills the complexity cache (by its size and time, as fileComplexity keeps it).
import { fileComplexity } from './complexity';
import type { ComplexityCache } from './complexity';
import { runGit } from './git';
import type { RepoInfo } from './repo';
import { dict } from '../ownKeys';

/** Files changed in HEAD's commits of the last `days` days before `now` (ms), as git names them under root. */
export async function recentlyChanged(root: string, info: RepoInfo, days: number, now: number): Promise<string[]> {
  const since = Math.floor(now / 1000) - days * 86_400;
  const limit = info.prefix ? ['--relative', info.head as string, '--', '.'] : [info.head as string];
  const r = await runGit(root, ['log', '--no-merges', '-z', '--name-only', '--format=', `--since=@${since}`, ...limit], { timeoutMs: 30_000, maxBytes: 64 * 1024 * 1024 });
  if (r.code !== 0) return [];
  return [...new Set(r.stdout.split('\0').map((s) => s.replace(/^\n+/, '')).filter(Boolean))];
}

/**
 * The complexity of the files `recentlyChanged` named (`names`, started before the caller's walk
 * so that git answers during it) that `keep` accepts (mapped files), most often named first, at
 * most `limit`: a cache for fileComplexity to start from. `beforeParses` hears how many first.
 */
export async function prefetchComplexity(root: string, names: Promise<string[]>, keep: (path: string) => boolean, limit: number, beforeParses?: (files: number) => void): Promise<ComplexityCache> {
  const cache: ComplexityCache = dict();
  try {
    const paths = (await names).filter(keep).slice(0, limit);
    beforeParses?.(paths.length);
    await fileComplexity(root, paths, cache);
  } catch {
    /* only a guess: the real pass parses what is missing */
  }
  return cache;
}

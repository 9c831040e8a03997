import { loadState } from './cache';
import { NO_EXTERNAL_DIFF, gitReason, runGit } from './git';
import { LOG_FORMAT, LogParser } from './logParse';
import type { CommitRecord } from './logParse';
import { splitLog } from './splitLog';
import type { SplitLogOptions, SplitLogRun } from './splitLog';
import { applyCommit, compact, emptyState } from './state';
import type { HistoryState } from './state';
import type { RepoInfo } from './repo';

export interface UpdateOptions {
  /** Folder of the cache to start from; none: always cold. (The caller saves: see saveState.) */
  cacheDir?: string;
  /** Read the cache only if cacheDir resolves inside this folder (see AnalyzeOptions.cacheWithin). */
  cacheWithin?: string;
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * Called once git has been started (or right away when HEAD has not moved): work to do while
   * git computes. On a cold history git spends most of its time on the first commits' diffs
   * before it writes much, so the caller's own walk costs no wall time beside it. Awaited with
   * git; work that holds the thread long should share it (timeSlices.ts), or git waits on a full pipe.
   */
  whileGitRuns?: (fromScratch: boolean) => void | Promise<void>;
}

export interface UpdateResult {
  state: HistoryState;
  commitsProcessed: number;
  incremental: boolean;
  /** The state is the cached one, untouched (HEAD has not moved). */
  unchanged: boolean;
  /** Set when git stopped early: the figures cover only part of the history. */
  problem?: string;
}

/**
 * Brings the history state up to HEAD: from the cache when HEAD has not moved, from the cache
 * plus `cachedHead..HEAD` when it moved forward, else from scratch. One `git log --numstat`
 * stream, parsed as it arrives.
 */
export async function updateState(root: string, info: RepoInfo, opts: UpdateOptions = {}): Promise<UpdateResult> {
  const head = info.head as string;
  const cached = opts.cacheDir ? loadState(opts.cacheDir, info.prefix, opts.cacheWithin) : undefined;
  if (cached && cached.head === head) {
    await opts.whileGitRuns?.(false);
    return { state: cached, commitsProcessed: 0, incremental: true, unchanged: true };
  }

  let state = emptyState(info.prefix);
  let range = head;
  let incremental = false;
  if (cached && /^[0-9a-f]{40,64}$/.test(cached.head)) {
    const anc = await runGit(root, ['merge-base', '--is-ancestor', cached.head, head], { timeoutMs: 10_000, maxBytes: 4096 });
    if (anc.code === 0) {
      state = cached;
      range = `${cached.head}..${head}`;
      incremental = true;
    }
  }

  let processed = 0;
  const onCommit = (c: CommitRecord) => {
    applyCommit(state, c);
    processed++;
  };
  const bounds = { timeoutMs: opts.timeoutMs ?? 120_000, maxBytes: opts.maxBytes ?? 1024 * 1024 * 1024 };
  const log = !incremental && !info.prefix ? splitLog(root, head, onCommit, bounds) : singleLog(root, info, range, onCommit, bounds);
  // The file list of HEAD, from another git at the same time (it only reads the tree).
  const treeRun = runGit(root, ['ls-tree', '-r', '-z', '--name-only', head, '--', '.'], { timeoutMs: 30_000, maxBytes: 256 * 1024 * 1024 });
  try {
    await opts.whileGitRuns?.(!incremental);
  } finally {
    // Whatever the caller's work did, git's output is still taken in (and its processes reaped).
    await Promise.all([log.rest, log.roots, treeRun]);
  }
  const [rest, roots] = await Promise.all([log.rest, log.roots]);
  let problem: string | undefined;
  if (rest.code !== 0) problem = gitReason(rest);
  else if (roots && roots.code !== 0) problem = gitReason(roots);

  const tree = await treeRun;
  let current: Set<string> | undefined;
  if (tree.code === 0) {
    // ls-tree names paths from the repository top unless --full-name is off and we are in it:
    // in a sub-folder it already prints them relative to root.
    current = new Set(tree.stdout.split('\0').filter(Boolean));
  } else {
    problem ??= gitReason(tree);
  }
  state.head = head;
  // Pruned to HEAD's files and rounded in one pass (pruneTo, then compact).
  compact(state, current);
  return { state, commitsProcessed: processed, incremental, unchanged: false, problem };
}

/** One `git log --numstat` of the range: incremental, or a root below the repository's top. */
function singleLog(root: string, info: RepoInfo, range: string, onCommit: (c: CommitRecord) => void, o: SplitLogOptions): SplitLogRun {
  const parser = new LogParser(onCommit);
  // A pathspec makes git simplify history per commit, which costs about a fifth more on a long
  // history: only a root below the repository's top needs one.
  const limit = info.prefix ? ['--relative', range, '--', '.'] : [range];
  const rest = runGit(root, ['log', '--reverse', '--no-merges', '-z', '--numstat', '-M', ...NO_EXTERNAL_DIFF, LOG_FORMAT, ...limit], {
    ...o,
    onData: (b) => parser.push(b),
  }).then((r) => {
    parser.end();
    return r;
  });
  return { rest, roots: Promise.resolve(undefined) };
}

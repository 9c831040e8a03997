import { NO_EXTERNAL_DIFF, runGit } from './git';
import type { GitResult } from './git';
import { LOG_FORMAT, LogParser } from './logParse';
import type { CommitRecord } from './logParse';

export interface SplitLogOptions {
  timeoutMs: number;
  maxBytes: number;
}

export interface SplitLogRun {
  /**
   * Git's results: the log (every commit; in a split, the root diffs left out), and the root
   * commits' diffs when split off. Once both have settled, every commit has been handed on.
   */
  rest: Promise<GitResult>;
  roots: Promise<GitResult | undefined>;
}

/**
 * A cold log from the repository's top, as two gits at once. On a typical repository the root
 * (import) commit's diff against the empty tree is most of git's time (Ghost's: 0.36 s of a 0.55 s
 * log), and one git is one core: one git computes the root commits' numstat (`--max-parents=0`,
 * the same diff options) while another writes every other commit's, with `log.showRoot=false`
 * so that it prints each root as its header alone, in its place. Commits are handed on in the
 * second git's order, each root with the first one's changes: the same records, in the same
 * order, as the single `log --reverse --no-merges --numstat` (a root diff has no renames to
 * find, since there is nothing deleted for -M to pair). A root comes first in a reverse log, so
 * everything after it waits for the roots' git (it is parsed meanwhile, only not applied).
 * Only from scratch and at the top: an incremental range holds no root, and a sub-folder's
 * pathspec simplifies history, which the split does not claim to reproduce.
 */
export function splitLog(root: string, head: string, onCommit: (c: CommitRecord) => void, o: SplitLogOptions): SplitLogRun {
  const diff = ['-z', '--numstat', '-M', ...NO_EXTERNAL_DIFF, LOG_FORMAT];
  const rootChanges = new Map<string, CommitRecord>();
  const rootParser = new LogParser((c) => rootChanges.set(c.hash, c));
  let waiting: CommitRecord[] | undefined = [];
  const rest = new LogParser((c) => {
    if (waiting) waiting.push(c);
    else onCommit(rootChanges.get(c.hash) ?? c);
  });
  const roots = runGit(root, ['log', '--reverse', '--max-parents=0', ...diff, head], {
    ...o,
    onData: (b) => rootParser.push(b),
  }).then((r) => {
    rootParser.end();
    const queued = waiting ?? [];
    waiting = undefined;
    for (const c of queued) onCommit(rootChanges.get(c.hash) ?? c);
    return r;
  });
  const restRun = runGit(root, ['-c', 'log.showRoot=false', 'log', '--reverse', '--no-merges', ...diff, head], {
    ...o,
    onData: (b) => rest.push(b),
  }).then((r) => {
    rest.end();
    return r;
  });
  return { rest: restRun, roots };
}

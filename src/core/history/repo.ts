import { gitReason, runGit } from './git';
import type { HistoryAvailability } from './types';

export const UNTRUSTED_REASON = 'unavailable (untrusted workspace)';

export interface RepoInfo extends HistoryAvailability {
  head?: string;
  shallow: boolean;
  /** Path of root inside the repository ('' at the top, else 'sub/dir/'). */
  prefix: string;
}

/**
 * What git can tell about root, in one call. Untrusted roots get an answer without any git
 * process; folders without git, empty repositories and repositories git refuses (owned by
 * another user) come back unavailable with the reason, never as an exception.
 */
export async function repoInfo(root: string, trusted: boolean): Promise<RepoInfo> {
  if (!trusted) return { available: false, partial: false, reason: UNTRUSTED_REASON, shallow: false, prefix: '' };
  const res = await runGit(root, ['rev-parse', '--is-shallow-repository', '--show-prefix', '--verify', '--quiet', 'HEAD^{commit}'], { timeoutMs: 10_000, maxBytes: 64 * 1024 });
  if (res.spawnError) return unavailable(`unavailable (git is not installed: ${res.spawnError})`);
  const lines = res.stdout.split('\n');
  if (res.code !== 0) {
    const why = gitReason(res);
    if (/not a git repository/i.test(why)) return unavailable('unavailable (not a git repository)');
    if (/dubious ownership/i.test(why)) return unavailable('unavailable (git refuses this repository: it belongs to another user)');
    if (lines[0] === 'true' || lines[0] === 'false') return unavailable('unavailable (no commits yet)');
    return unavailable(`unavailable (${why})`);
  }
  const shallow = lines[0] === 'true';
  const prefix = lines[1] ?? '';
  const head = (lines[2] ?? '').trim();
  if (!/^[0-9a-f]{40,64}$/.test(head)) return unavailable('unavailable (no commits yet)');
  return {
    available: true,
    partial: shallow,
    reason: shallow ? 'partial (shallow clone: older history is missing, owners and churn cover only what is there)' : undefined,
    head,
    shallow,
    prefix,
  };
}

function unavailable(reason: string): RepoInfo {
  return { available: false, partial: false, reason, shallow: false, prefix: '' };
}

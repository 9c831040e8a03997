// Who writes a note: the reader's git name (as their commits say it), else their login name.
// Notes read "Deep Dive" as author otherwise, which tells a reviewer nothing (issue 16, point 11).
import * as os from 'node:os';
import { runGit } from '../history/git';

/** A name shown beside notes: one line, no control characters, bounded. */
function clean(name: string | undefined): string | undefined {
  const one = (name ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return one ? one.slice(0, 100) : undefined;
}

export interface AuthorOptions {
  /** Git runs only in a trusted workspace; otherwise the login name is used. */
  trusted: boolean;
  /** For tests: the login name. */
  osUser?: () => string | undefined;
}

function loginName(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME;
  }
}

/**
 * `git config --get user.name` as git itself resolves it for this repository (its own config,
 * then the user's global and system config), through the safe git wrapper: reading config runs
 * no hook or program. Falls back to the OS login name; undefined only when neither is known.
 */
export async function noteAuthor(root: string, o: AuthorOptions): Promise<string | undefined> {
  if (o.trusted) {
    const res = await runGit(root, ['config', '--get', 'user.name'], { userConfig: true, timeoutMs: 5_000, maxBytes: 4_096 });
    const name = res.code === 0 ? clean(res.stdout) : undefined;
    if (name) return name;
  }
  return clean((o.osUser ?? loginName)());
}

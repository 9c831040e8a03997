// What happened to a file since a version of it was read: the commits that changed it after
// that version, and the text of that version. The version is known by the git blob id stored
// with the read (and HEAD then, when known). Only object-database reads run (`log`, `cat-file`):
// never the working tree, so no clean filter or hook of the repository runs.
import * as path from 'node:path';
import { resolveInside, toPosix } from '../paths';
import { NO_EXTERNAL_DIFF, runGit } from './git';

export interface SinceReadCommit {
  commit: string;
  author: string;
  date: string;
  subject: string;
}

export interface ReadVersion {
  blob?: string;
  commit?: string;
}

const OBJECT_ID = /^[0-9a-f]{40,64}$/;
/** Commits looked through per file, newest first, to find the version that was read. */
const MAX_LOOKBACK = 300;

function relOf(root: string, file: string): string {
  return toPosix(path.relative(root, resolveInside(root, file)));
}

/**
 * Commits that changed `file` after the version that was read, newest first. The read version is
 * found in the file's history by its blob id (the commit whose result is that blob is the last
 * one before the read); failing that, commits after the stored HEAD. `known: false` when
 * neither can be found (never committed, or history too short).
 */
export async function commitsSinceRead(root: string, file: string, version: ReadVersion, opts: { trusted: boolean; limit?: number }): Promise<{ known: boolean; commits: SinceReadCommit[] }> {
  if (!opts.trusted) return { known: false, commits: [] };
  const rel = relOf(root, file);
  const limit = opts.limit ?? 20;
  const res = await runGit(root, ['log', `-n${MAX_LOOKBACK}`, '--no-abbrev', '--raw', '--no-renames', ...NO_EXTERNAL_DIFF, '--format=%x1e%H%x1f%an%x1f%aI%x1f%s', 'HEAD', '--', rel], { timeoutMs: 20_000, maxBytes: 8 * 1024 * 1024 });
  if (res.code !== 0) return { known: false, commits: [] };
  const commits: SinceReadCommit[] = [];
  let found = false;
  let seenCommit = false;
  for (const record of res.stdout.split('\x1e').slice(1)) {
    const [head, ...rest] = record.split('\n');
    const [commit, author, date, subject] = head.split('\x1f');
    // `:100644 100644 <old> <new> M\tpath`: the blob this commit left the file as.
    const blobs = rest.filter((l) => l.startsWith(':')).map((l) => l.split(/\s+/)[3]);
    if (version.blob && blobs.includes(version.blob)) {
      found = true;
      break;
    }
    if (version.commit && commit === version.commit) {
      seenCommit = true;
      break;
    }
    if (commits.length < limit) commits.push({ commit, author, date, subject: subject ?? '' });
  }
  if (found || seenCommit) return { known: true, commits };
  if (version.commit && OBJECT_ID.test(version.commit)) {
    // The stored HEAD did not touch the file: the commits after it are the ones in its range.
    const r = await runGit(root, ['log', `-n${limit}`, '--format=%H%x1f%an%x1f%aI%x1f%s', `${version.commit}..HEAD`, '--', rel], { timeoutMs: 20_000, maxBytes: 1024 * 1024 });
    if (r.code === 0) {
      const list = r.stdout.split('\n').filter(Boolean).map((l) => {
        const [commit, author, date, subject] = l.split('\x1f');
        return { commit, author, date, subject: subject ?? '' };
      });
      return { known: true, commits: list };
    }
  }
  return { known: false, commits: [] };
}

/** The text of the version that was read, when git has it (the blob, else the file at the stored HEAD). */
export async function readVersionText(root: string, file: string, version: ReadVersion, opts: { trusted: boolean }): Promise<string | undefined> {
  if (!opts.trusted) return undefined;
  const maxBytes = 32 * 1024 * 1024;
  if (version.blob && OBJECT_ID.test(version.blob)) {
    const res = await runGit(root, ['cat-file', 'blob', version.blob], { timeoutMs: 20_000, maxBytes });
    if (res.code === 0) return res.stdout;
  }
  if (version.commit && OBJECT_ID.test(version.commit)) {
    const res = await runGit(root, ['cat-file', 'blob', `${version.commit}:./${relOf(root, file)}`], { timeoutMs: 20_000, maxBytes });
    if (res.code === 0) return res.stdout;
  }
  return undefined;
}

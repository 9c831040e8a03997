import { NO_EXTERNAL_DIFF, gitReason, runGit } from './git';
import { repoInfo } from './repo';
import type { LineOrigin, LineOriginsResult } from './types';
import { DeepDiveError } from '../errors';
import { resolveInside, toPosix } from '../paths';
import * as path from 'node:path';

export interface BlameLine {
  commit: string;
  author: string;
  email: string;
  time: number;
  summary: string;
  boundary: boolean;
}

/** Parses `git blame --line-porcelain`: one entry per blamed line, in order. */
export function parseLinePorcelain(text: string): BlameLine[] {
  const out: BlameLine[] = [];
  // eslint-disable-next-line no-restricted-syntax -- an object of fixed fields, not a dictionary
  let cur: Partial<BlameLine> & { commit?: string } = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      if (cur.commit) {
        out.push({ commit: cur.commit, author: cur.author ?? '', email: cur.email ?? '', time: cur.time ?? 0, summary: cur.summary ?? '', boundary: cur.boundary ?? false });
      }
      // eslint-disable-next-line no-restricted-syntax -- an object of fixed fields, not a dictionary
      cur = {};
      continue;
    }
    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    const value = sp < 0 ? '' : line.slice(sp + 1);
    if (!cur.commit && /^[0-9a-f]{40,64}$/.test(key)) cur.commit = key;
    else if (key === 'author') cur.author = value;
    else if (key === 'author-mail') cur.email = value.replace(/^<|>$/g, '');
    else if (key === 'author-time') cur.time = Number(value) || 0;
    else if (key === 'summary') cur.summary = value;
    else if (key === 'boundary') cur.boundary = true;
  }
  return out;
}

/**
 * The commits that made lines start..end (1-based, inclusive) of a file as it is at HEAD,
 * newest first, for hovers and "decision" notes. Blame always names a revision: blaming the
 * working tree would run the repository's clean filters. Uncommitted edits are therefore not
 * reflected: the lines are HEAD's.
 */
export async function lineOrigins(root: string, file: string, start: number, end: number, opts: { trusted: boolean; timeoutMs?: number }): Promise<LineOriginsResult> {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start) {
    throw new DeepDiveError(`bad line range ${start}-${end} (1-based, inclusive)`, file);
  }
  const rel = toPosix(path.relative(root, resolveInside(root, file)));
  const info = await repoInfo(root, opts.trusted);
  if (!info.available || !info.head) return { available: false, partial: false, reason: info.reason, origins: [] };
  const res = await runGit(
    root,
    ['blame', '--line-porcelain', '-w', ...NO_EXTERNAL_DIFF, '-L', `${start},${end}`, info.head, '--', rel],
    { timeoutMs: opts.timeoutMs ?? 20_000, maxBytes: 16 * 1024 * 1024 },
  );
  if (res.code !== 0) return { available: false, partial: false, reason: `unavailable (${gitReason(res)})`, origins: [] };
  const byCommit = new Map<string, LineOrigin>();
  for (const l of parseLinePorcelain(res.stdout)) {
    const o = byCommit.get(l.commit);
    if (o) o.lines++;
    else byCommit.set(l.commit, { commit: l.commit, author: l.author, email: l.email, date: new Date(l.time * 1000).toISOString(), summary: l.summary, lines: 1, boundary: l.boundary });
  }
  const origins = [...byCommit.values()].sort((a, b) => b.date.localeCompare(a.date) || a.commit.localeCompare(b.commit));
  return { available: true, partial: info.partial, reason: info.reason, origins };
}

export interface BlameOwner {
  name: string;
  email: string;
  lines: number;
  share: number;
}

/**
 * Exact ownership of one file at HEAD by blame line counts. Blame costs hundreds of
 * milliseconds per file on a long history (see scripts/benchHistory.mjs), so the module view
 * uses the numstat model and this serves a precise answer for a single file on request.
 */
export async function blameOwners(root: string, file: string, opts: { trusted: boolean; timeoutMs?: number }): Promise<{ available: boolean; reason?: string; owners: BlameOwner[] }> {
  const rel = toPosix(path.relative(root, resolveInside(root, file)));
  const info = await repoInfo(root, opts.trusted);
  if (!info.available || !info.head) return { available: false, reason: info.reason, owners: [] };
  const res = await runGit(root, ['blame', '--line-porcelain', '-w', ...NO_EXTERNAL_DIFF, info.head, '--', rel], { timeoutMs: opts.timeoutMs ?? 60_000, maxBytes: 256 * 1024 * 1024 });
  if (res.code !== 0) return { available: false, reason: `unavailable (${gitReason(res)})`, owners: [] };
  const counts = new Map<string, BlameOwner>();
  const blamed = parseLinePorcelain(res.stdout);
  for (const l of blamed) {
    const key = l.email.toLowerCase();
    const o = counts.get(key) ?? { name: l.author, email: l.email, lines: 0, share: 0 };
    o.lines++;
    counts.set(key, o);
  }
  const owners = [...counts.values()].sort((a, b) => b.lines - a.lines || a.email.localeCompare(b.email));
  for (const o of owners) o.share = Math.round((o.lines / Math.max(1, blamed.length)) * 1000) / 1000;
  return { available: true, owners };
}

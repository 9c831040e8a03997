// The repository's web address, for links from notes to their code. Read from .git/config as
// text: running git would mean trusting the repository's configuration.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportRemote } from './types';

/** Remote URLs of a git config file's text, `origin` first. */
export function remoteUrls(configText: string): string[] {
  const found: { name: string; url: string }[] = [];
  let section: string | undefined;
  for (const raw of configText.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*remote\s+"([^"]*)"\s*\]$/.exec(line);
    if (head) {
      section = head[1];
      continue;
    }
    if (line.startsWith('[')) {
      section = undefined;
      continue;
    }
    const kv = /^url\s*=\s*(.*)$/i.exec(line);
    if (section !== undefined && kv) found.push({ name: section, url: kv[1].replace(/^"(.*)"$/, '$1').trim() });
  }
  found.sort((a, b) => Number(b.name === 'origin') - Number(a.name === 'origin'));
  return found.map((f) => f.url);
}

const HOST_KIND: [RegExp, ReportRemote['host']][] = [
  [/(^|\.)github\.com$|^github\./, 'github'],
  [/(^|\.)gitlab\.com$|^gitlab\./, 'gitlab'],
  [/(^|\.)bitbucket\.org$/, 'bitbucket'],
];

const SAFE_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * The web address of a github/gitlab/bitbucket remote given as https, ssh or scp-like URL;
 * undefined for anything else. Credentials are dropped; only plain path segments are kept,
 * so nothing from the config can break out of a link.
 */
export function parseRemote(url: string): ReportRemote | undefined {
  let host: string;
  let repoPath: string;
  const scp = /^(?:[^@/\s]+@)?([A-Za-z0-9.-]+):(?!\/\/)(.+)$/.exec(url);
  if (/^(https?|ssh|git\+ssh):\/\//i.test(url)) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return undefined;
    }
    host = u.hostname.toLowerCase();
    repoPath = decodeURIComponent(u.pathname);
  } else if (scp) {
    host = scp[1].toLowerCase();
    repoPath = scp[2];
  } else {
    return undefined;
  }
  const kind = HOST_KIND.find(([re]) => re.test(host))?.[1];
  if (!kind) return undefined;
  const segments = repoPath.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').split('/').filter(Boolean);
  if (segments.length < 2 || !segments.every((s) => SAFE_SEGMENT.test(s))) return undefined;
  if (kind !== 'gitlab' && segments.length !== 2) return undefined;
  return { host: kind, web: `https://${host}/${segments.join('/')}` };
}

/** Reads `<root>/.git/config` (following a `.git` file of a worktree) as text; never runs git. */
export function readRemote(root: string): ReportRemote | undefined {
  try {
    let gitDir = path.join(root, '.git');
    const st = fs.statSync(gitDir);
    if (st.isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(gitDir, 'utf8'));
      if (!m) return undefined;
      gitDir = path.resolve(root, m[1].trim());
      const common = path.join(gitDir, 'commondir');
      if (fs.existsSync(common)) gitDir = path.resolve(gitDir, fs.readFileSync(common, 'utf8').trim());
    }
    const text = fs.readFileSync(path.join(gitDir, 'config'), 'utf8');
    for (const url of remoteUrls(text)) {
      const r = parseRemote(url);
      if (r) return r;
    }
  } catch {
    // No repository, or no readable config: no links.
  }
  return undefined;
}

const COMMIT = /^[0-9a-f]{7,64}$/i;

/** Web address of lines of a file at a commit, in the host's own URL form. */
export function webLink(remote: ReportRemote | undefined, commit: string | undefined, file: string, start: number, end: number): string | undefined {
  if (!remote || !commit || !COMMIT.test(commit)) return undefined;
  // Parentheses and quotes are encoded too, so the address is safe inside Markdown and HTML links.
  const p = file.split('/').map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
  switch (remote.host) {
    case 'github':
      return `${remote.web}/blob/${commit}/${p}#L${start}${end > start ? `-L${end}` : ''}`;
    case 'gitlab':
      return `${remote.web}/-/blob/${commit}/${p}#L${start}${end > start ? `-${end}` : ''}`;
    case 'bitbucket':
      return `${remote.web}/src/${commit}/${p}#lines-${start}${end > start ? `:${end}` : ''}`;
  }
}

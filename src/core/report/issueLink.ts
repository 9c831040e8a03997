// "Open as issue": the address of a prefilled new-issue page on the repository's GitHub or GitLab
// remote, with the note as title and body and a permalink to its code. Nothing is sent: the
// browser opens the page and the leader submits it (no token, no network call from here).
import { DeepDiveError } from '../errors';
import type { DeepDive, Note } from '../model/types';
import { kindTitle } from './format';
import { webLink } from './remote';
import { firstSentence } from './sentences';
import type { ReportRemote } from './types';

/** Where the note's code is now, when the caller knows (re-anchored); else its anchor's lines. */
export interface IssueLocation {
  file: string;
  line: number;
  endLine: number;
}

export interface IssueLink {
  url: string;
  host: 'github' | 'gitlab';
  title: string;
  body: string;
  /** The permalink in the body, when there is a commit to pin it to. */
  permalink?: string;
}

const TITLE_MAX = 120;
// Browsers and both hosts take addresses far longer, but GitHub refuses a new-issue page whose
// address passes about 8 KB; the body is cut at a line before that, saying so.
const URL_MAX = 7500;

function title(note: Note): string {
  const kind = kindTitle(note.kind).replace(/s$/, '');
  // Markdown marks read badly in a title: headings, emphasis and code quotes go, the words stay.
  const head = firstSentence(note.body.replace(/^\s*#+\s+/gm, '').replace(/\*\*|__|`/g, '')) || kind;
  const short = head.length <= TITLE_MAX ? head : `${head.slice(0, head.lastIndexOf(' ', TITLE_MAX - 1) > 40 ? head.lastIndexOf(' ', TITLE_MAX - 1) : TITLE_MAX - 1)}…`;
  return `${kind}${note.severity ? ` (${note.severity})` : ''}: ${short}`;
}

/**
 * The permalink pins the lines to a commit: the one the note was anchored at, with the lines it
 * had then; else the deep dive's base commit with where the code is now.
 */
function permalink(remote: ReportRemote, dive: DeepDive, note: Note, now: IssueLocation | undefined): string | undefined {
  if (note.target.type !== 'code') return undefined;
  const a = note.target.anchor;
  if (a.commit) return webLink(remote, a.commit, a.path, a.range.start, a.range.end);
  const at = now ?? { file: a.path, line: a.range.start, endLine: a.range.end };
  return webLink(remote, dive.baseCommit, at.file, at.line, at.endLine);
}

function body(dive: DeepDive, note: Note, text: string, link: string | undefined, now: IssueLocation | undefined): string {
  const parts = [text];
  if (note.impact) parts.push(`**Business impact:** ${note.impact.trim()}`);
  if (note.target.type === 'code') {
    const at = now ?? { file: note.target.anchor.path, line: note.target.anchor.range.start, endLine: note.target.anchor.range.end };
    parts.push(link ?? `\`${at.file}:${at.line}${at.endLine > at.line ? `-${at.endLine}` : ''}\``);
  } else if (note.target.type === 'module') parts.push(`Module: \`${note.target.module}\``);
  const facts = [`${kindTitle(note.kind).replace(/s$/, '').toLowerCase()}`, note.severity ? `severity ${note.severity}` : '', note.lead ? `from ${note.lead.tool} rule ${note.lead.rule}` : ''].filter(Boolean);
  parts.push(`---\nFrom the deep dive "${dive.title}" (${facts.join(', ')}; note \`${note.id}\`).`);
  return parts.join('\n\n');
}

function address(remote: ReportRemote & { host: 'github' | 'gitlab' }, t: string, b: string): string {
  const q = (k: string, v: string) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
  return remote.host === 'github' ? `${remote.web}/issues/new?${q('title', t)}&${q('body', b)}` : `${remote.web}/-/issues/new?${q('issue[title]', t)}&${q('issue[description]', b)}`;
}

/** The new-issue page for a note; throws a one-line DeepDiveError when the remote is not GitHub or GitLab. */
export function issueLink(remote: ReportRemote | undefined, dive: DeepDive, noteId: string, now?: IssueLocation): IssueLink {
  const note = dive.notes.find((n) => n.id === noteId);
  if (!note) throw new DeepDiveError(`no note "${noteId}" in deep dive "${dive.id}"`);
  if (!remote) throw new DeepDiveError('no GitHub or GitLab remote in .git/config (origin first) to open an issue on');
  if (remote.host !== 'github' && remote.host !== 'gitlab') throw new DeepDiveError(`the remote is on ${remote.host}: new-issue pages are prefilled on GitHub and GitLab only`);
  const host = remote.host;
  const link = permalink(remote, dive, note, now);
  const t = title(note);
  let text = note.body.trim();
  let b = body(dive, note, text, link, now);
  let url = address({ ...remote, host }, t, b);
  // Too long for an address: the note's own text is cut at a line (or word) end, saying so; the
  // permalink and where it comes from are always kept.
  while (url.length > URL_MAX && text.length > 0) {
    const limit = Math.floor(text.length * 0.8);
    const at = Math.max(text.lastIndexOf('\n', limit), text.lastIndexOf(' ', limit));
    text = text.slice(0, at > 0 ? at : limit).trimEnd();
    b = body(dive, note, `${text} …\n\n(cut to fit the address: the whole note is in the deep dive)`, link, now);
    url = address({ ...remote, host }, t, b);
  }
  return { url, host, title: t, body: b, ...(link ? { permalink: link } : {}) };
}

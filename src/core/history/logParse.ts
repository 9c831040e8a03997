import { StringDecoder } from 'node:string_decoder';

/** One file change of one commit, from `git log --numstat -z`. */
export interface FileChange {
  path: string;
  /** The old path when git saw a rename. */
  from?: string;
  /** Lines added/deleted; undefined for binary files. */
  added?: number;
  deleted?: number;
}

export interface CommitRecord {
  hash: string;
  /** Author time, seconds since the epoch. */
  time: number;
  name: string;
  email: string;
  changes: FileChange[];
}

const RS = '\x1e';
const US = '\x1f';
const NEWLINE = 0x0a;

/** The `--format` the parser expects: record separator, then hash, author time, name, email. */
export const LOG_FORMAT = `--format=${'%x1e%H%x1f%at%x1f%aN%x1f%aE'}`;

/**
 * Streaming parser of `git log -z --numstat --format=LOG_FORMAT`: feed it chunks as git writes
 * them, and it hands out each commit once complete, so 50,000 commits never sit in memory as
 * one string. With -z every field ends in NUL: the header, then per file
 * `added\tdeleted\tpath` or, for a rename, `added\tdeleted\t` NUL `old` NUL `new`.
 */
export class LogParser {
  private decoder = new StringDecoder('utf8');
  private rest = '';
  private current: CommitRecord | undefined;
  /** A rename waits for its two path tokens. */
  private pendingRename: { added?: number; deleted?: number; from?: string } | undefined;

  constructor(private readonly onCommit: (commit: CommitRecord) => void) {}

  push(chunk: Buffer): void {
    const text = this.rest + this.decoder.write(chunk);
    const parts = text.split('\0');
    this.rest = parts.pop() ?? '';
    for (const token of parts) this.token(token);
  }

  end(): void {
    const tail = this.rest + this.decoder.end();
    this.rest = '';
    if (tail) this.token(tail);
    this.flush();
  }

  private flush(): void {
    if (this.current) this.onCommit(this.current);
    this.current = undefined;
    this.pendingRename = undefined;
  }

  private token(raw: string): void {
    // git puts a newline before a commit's first numstat line (and between commits): most tokens
    // have none, and a regular expression per token cost a fifth of the parse.
    const token = raw.charCodeAt(0) === NEWLINE ? raw.replace(/^\n+/, '') : raw;
    if (token.startsWith(RS)) {
      this.flush();
      const [hash, time, name, email] = token.slice(1).split(US);
      this.current = { hash, time: Number(time) || 0, name: name ?? '', email: email ?? '', changes: [] };
      return;
    }
    if (!this.current || token === '') return;
    const rename = this.pendingRename;
    if (rename) {
      if (rename.from === undefined) {
        rename.from = token;
      } else {
        this.current.changes.push({ path: token, from: rename.from, added: rename.added, deleted: rename.deleted });
        this.pendingRename = undefined;
      }
      return;
    }
    const t1 = token.indexOf('\t');
    const t2 = t1 < 0 ? -1 : token.indexOf('\t', t1 + 1);
    if (t2 < 0) return; // not a numstat line: ignore rather than guess
    const added = parseCount(token.slice(0, t1));
    const deleted = parseCount(token.slice(t1 + 1, t2));
    const path = token.slice(t2 + 1);
    if (path === '') this.pendingRename = { added, deleted };
    else this.current.changes.push({ path, added, deleted });
  }
}

function parseCount(s: string): number | undefined {
  if (s === '-') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What resolvers know about the repository: the mapped files first (no disk access), then the
 * disk, cached, for files outside the scope or not parsed (.json, .d.ts). Every path is
 * root-relative with forward slashes; nothing outside the root is ever looked at.
 */
export class RepoFs {
  private readonly fileCache = new Map<string, boolean>();
  private readonly dirCache = new Map<string, string[] | undefined>();
  private readonly jsonCache = new Map<string, unknown>();
  /**
   * What was looked at on disk beyond the walker's listings: folders listed, files read or
   * stat'ed (whether or not they existed). A cached answer built on this map depends on them.
   */
  readonly diskReads = { dirs: new Set<string>(), files: new Set<string>() };

  constructor(
    readonly root: string,
    readonly mapped: ReadonlySet<string>,
    /** Folder listings the walker already read. */
    listings?: ReadonlyMap<string, Map<string, 'file' | 'dir' | 'other'>>,
  ) {
    if (listings) for (const [dir, kinds] of listings) this.kindMaps.set(dir, kinds);
  }

  isFile(rel: string): boolean {
    if (this.mapped.has(rel)) return true;
    if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
    let known = this.fileCache.get(rel);
    if (known === undefined) {
      // One readdir per folder answers every probe in it (resolvers try many extensions).
      const slash = rel.lastIndexOf('/');
      const kind = this.kinds(slash === -1 ? '' : rel.slice(0, slash))?.get(slash === -1 ? rel : rel.slice(slash + 1));
      known = kind === 'file';
      if (kind === 'other') {
        this.diskReads.files.add(rel);
        try {
          known = fs.statSync(path.join(this.root, rel)).isFile();
        } catch {
          known = false;
        }
      }
      this.fileCache.set(rel, known);
    }
    return known;
  }

  /** Entry names of a folder, or undefined when it is not one. */
  list(rel: string): string[] | undefined {
    if (rel.startsWith('../') || rel === '..') return undefined;
    if (this.dirCache.has(rel)) return this.dirCache.get(rel);
    const known = this.kindMaps.get(rel);
    if (known) {
      const sorted = [...known.keys()].sort();
      this.dirCache.set(rel, sorted);
      return sorted;
    }
    let names: string[] | undefined;
    this.diskReads.dirs.add(rel);
    try {
      names = fs.readdirSync(path.join(this.root, rel)).sort();
    } catch {
      names = undefined;
    }
    this.dirCache.set(rel, names);
    return names;
  }

  private readonly kindMaps = new Map<string, Map<string, 'file' | 'dir' | 'other'> | undefined>();

  private kinds(dir: string): Map<string, 'file' | 'dir' | 'other'> | undefined {
    if (this.kindMaps.has(dir)) return this.kindMaps.get(dir);
    let kinds: Map<string, 'file' | 'dir' | 'other'> | undefined;
    if (!dir.startsWith('../') && dir !== '..') {
      this.diskReads.dirs.add(dir);
      try {
        kinds = new Map(fs.readdirSync(path.join(this.root, dir), { withFileTypes: true }).map((e) => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'dir' : 'other']));
      } catch {
        kinds = undefined;
      }
    }
    this.kindMaps.set(dir, kinds);
    if (!this.dirCache.has(dir)) this.dirCache.set(dir, kinds ? [...kinds.keys()].sort() : undefined);
    return kinds;
  }

  isDir(rel: string): boolean {
    return this.list(rel) !== undefined;
  }

  /** JSON or JSONC (tsconfig allows comments and trailing commas); undefined when unreadable. */
  readJson(rel: string): unknown {
    if (this.jsonCache.has(rel)) return this.jsonCache.get(rel);
    let value: unknown;
    this.diskReads.files.add(rel);
    try {
      const text = fs.readFileSync(path.join(this.root, rel), 'utf8');
      try {
        value = JSON.parse(text);
      } catch {
        value = JSON.parse(stripJsonc(text));
      }
    } catch {
      value = undefined;
    }
    this.jsonCache.set(rel, value);
    return value;
  }

  readText(rel: string): string | undefined {
    this.diskReads.files.add(rel);
    try {
      return fs.readFileSync(path.join(this.root, rel), 'utf8');
    } catch {
      return undefined;
    }
  }
}

/** Removes comments and trailing commas outside strings. */
export function stripJsonc(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

/** posix join + normalise; '' for the root, and a leading '../' when it escapes. */
export function joinRel(...parts: string[]): string {
  const joined = path.posix.normalize(parts.filter((p) => p !== '').join('/'));
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i === -1 ? '' : rel.slice(0, i);
}

export interface Resolution {
  kind: 'resolved' | 'external' | 'unresolved';
  resolved?: string;
  resolvedDir?: string;
}

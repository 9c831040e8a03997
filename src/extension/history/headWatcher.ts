import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';

/** Files in .git whose change may mean HEAD moved (commit, checkout, reset, pull, rebase). */
const INTERESTING = /^(HEAD|packed-refs|ORIG_HEAD|FETCH_HEAD|COMMIT_EDITMSG)$/;
const MAX_REF_BYTES = 4096;

/**
 * Watches a folder's `.git` with the operating system's watcher, as VS Code's own git support
 * does: the editor's file watcher does not report changes inside `.git` everywhere. Git (ours
 * and the editor's `git status`) touches `.git` often, so an event only counts when HEAD's
 * commit really changed: HEAD and the ref it names are read from disk, no git is run. Every read
 * is asynchronous: the extension host's thread never waits for the disk here.
 */
export class HeadWatcher implements vscode.Disposable {
  private watchers: fs.FSWatcher[] = [];
  private last: string | undefined;
  /** Looks at HEAD one at a time, in the order of the events: two overlapping looks would both see the move. */
  private looking: Promise<void> = Promise.resolve();
  private starting = false;
  private disposed = false;

  constructor(
    private readonly root: string,
    private readonly onMove: () => void,
  ) {}

  private get dotGit(): string {
    return path.join(this.root, '.git');
  }

  /** Starts watching if `.git` is a folder and not watched yet (a `.git` file — worktree, submodule — is left to Refresh). */
  start(): void {
    if (this.watchers.length || this.starting) return;
    this.starting = true;
    void fs.promises
      .lstat(this.dotGit)
      .then(async (st) => {
        if (!st.isDirectory() || this.disposed) return;
        this.last ??= await this.signature();
        if (!this.disposed) this.watch();
      })
      .catch(() => undefined)
      .finally(() => (this.starting = false));
  }

  private watch(): void {
    const changed = () => void this.poke();
    const add = (dir: string, recursive: boolean, filter?: (name: string) => boolean) => {
      try {
        const w = fs.watch(dir, { recursive, persistent: false }, (_event, name) => {
          if (!filter || (name && filter(name.toString()))) changed();
        });
        w.on('error', () => this.stop());
        this.watchers.push(w);
      } catch {
        /* not watchable (too many watches, gone): Refresh still works */
      }
    };
    add(this.dotGit, false, (name) => INTERESTING.test(name));
    add(path.join(this.dotGit, 'refs'), true);
  }

  /** Something in `.git` changed (this watcher or the editor's saw it): tell if HEAD's commit moved. */
  poke(): Promise<void> {
    this.looking = this.looking.then(async () => {
      const now = await this.signature();
      if (now === this.last || this.disposed) return;
      this.last = now;
      this.onMove();
    });
    return this.looking;
  }

  /** What HEAD points at, from the files git keeps it in. */
  async signature(): Promise<string> {
    const read = async (p: string): Promise<string> => {
      let file: fs.promises.FileHandle | undefined;
      try {
        file = await fs.promises.open(p, 'r');
        const buf = Buffer.alloc(MAX_REF_BYTES);
        const { bytesRead } = await file.read(buf, 0, MAX_REF_BYTES, 0);
        return buf.subarray(0, bytesRead).toString('utf8').trim();
      } catch {
        return '';
      } finally {
        await file?.close().catch(() => undefined);
      }
    };
    const head = await read(path.join(this.dotGit, 'HEAD'));
    let target = '';
    const m = /^ref: (refs\/[^\s]+)$/.exec(head);
    if (m && !m[1].split('/').includes('..')) target = await read(path.join(this.dotGit, ...m[1].split('/')));
    let packed = '';
    try {
      const st = await fs.promises.stat(path.join(this.dotGit, 'packed-refs'));
      packed = `${st.mtimeMs}:${st.size}`;
    } catch {
      /* no packed refs */
    }
    return `${head}\n${target}\n${packed}`;
  }

  private stop(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }
}

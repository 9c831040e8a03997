// The one seam through which core reads a repository's files. The CLI gives the disk; the editor
// gives its open, edited buffers first and the disk for the rest. Map, entry points, coverage,
// note locations and the report all read through it, so "what the reader sees" is one answer.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveInside } from '../paths';
import { findWorkspace, insideSibling, type Workspace } from './workspacePackages';

export interface SourceFiles {
  /** The repository's folder (absolute). */
  readonly root: string;
  /** Today's text of a root-relative file, or undefined when it cannot be read (or lies outside the root). */
  read(rel: string): string | undefined;
  /**
   * True when the text `read` gives is not the one on disk (an editor's unsaved buffer): facts the
   * map took from disk (hash, symbols, code lines) do not describe it.
   */
  edited(rel: string): boolean;
  /** A folder's entry names, sorted, or undefined when it is not a folder inside the root (role templates a service loads by pattern). */
  list?(rel: string): string[] | undefined;
  /**
   * The sister packages of the monorepo the root is a package of (workspacePackages.ts): name →
   * folder relative to the root (`../shared`), and the files read to find them. Undefined when the
   * root is no workspace's package.
   */
  workspace?(): Pick<Workspace, 'packages' | 'inputs'> | undefined;
  /** The text of a file of one of those packages (`../shared/src/index.ts`), or undefined: nothing else outside the root. */
  readSibling?(rel: string): string | undefined;
}

/** The files on disk under root. */
export function diskFiles(root: string): SourceFiles {
  let realRoot: string | undefined;
  let ws: Workspace | null | undefined;
  const workspace = (): Workspace | undefined => {
    if (ws === undefined) ws = findWorkspace(root) ?? null;
    return ws ?? undefined;
  };
  return {
    root,
    read(rel) {
      try {
        const abs = resolveInside(root, rel);
        // A link that leads out of the repository is not followed, as the walker does not follow
        // it: a planted `config/routes.yaml -> ~/.ssh/…` (read as a value by the entry pass) or a
        // pnpm-linked package must not show text from elsewhere on the machine.
        realRoot ??= fs.realpathSync.native(root);
        resolveInside(realRoot, fs.realpathSync.native(abs));
        return fs.readFileSync(abs, 'utf8');
      } catch {
        return undefined;
      }
    },
    edited: () => false,
    list(rel) {
      try {
        const abs = resolveInside(root, rel);
        realRoot ??= fs.realpathSync.native(root);
        resolveInside(realRoot, fs.realpathSync.native(abs));
        return fs.readdirSync(abs).sort();
      } catch {
        return undefined;
      }
    },
    workspace,
    readSibling(rel) {
      const w = rel.startsWith('../') ? workspace() : undefined;
      if (!w) return undefined;
      try {
        realRoot ??= fs.realpathSync.native(root);
        const abs = path.resolve(realRoot, rel);
        if (!insideSibling(w, realRoot, abs)) return undefined;
        return fs.readFileSync(abs, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** `open(rel)` (an edited buffer's text, or undefined) wins over `base`. */
export function overlayFiles(base: SourceFiles, open: (rel: string) => string | undefined): SourceFiles {
  return {
    root: base.root,
    read: (rel) => open(rel) ?? base.read(rel),
    edited: (rel) => open(rel) !== undefined || base.edited(rel),
    ...(base.list ? { list: (rel: string) => base.list!(rel) } : {}),
    ...(base.workspace ? { workspace: () => base.workspace!() } : {}),
    ...(base.readSibling ? { readSibling: (rel: string) => base.readSibling!(rel) } : {}),
  };
}

/** The callback entry-point discovery takes: the text, or an error for a file that cannot be read. */
export function entryReader(files: SourceFiles): (rel: string) => string {
  return (rel) => {
    const text = files.read(rel);
    if (text === undefined) throw new Error(`cannot read ${rel}`);
    return text;
  };
}

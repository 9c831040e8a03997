import type { LanguageId } from '../parse/languages';
import type { RepoFs } from './resolve/repoFs';
import { dirOf, joinRel } from './resolve/repoFs';
import type { ModuleEdge, ModuleInfo } from './types';

export function moduleId(dir: string): string {
  return dir === '' ? '.' : dir;
}

/**
 * Groups files the way a reader thinks: a Go or Java package is its folder, a Python package is
 * its folder; a JavaScript/TypeScript package below the root (a workspace) is one module, and
 * inside the root package, or without one, source folders are modules.
 */
export class ModuleAssigner {
  private readonly pkgDirOf = new Map<string, string | undefined>();
  private readonly pythonPackages: Set<string>;

  constructor(
    private readonly fs: RepoFs,
    pythonPackages: readonly string[],
  ) {
    this.pythonPackages = new Set(pythonPackages);
  }

  assign(file: string, language: LanguageId): { dir: string; kind: ModuleInfo['kind'] } {
    const dir = dirOf(file);
    if (language === 'go' || language === 'java' || language === 'kotlin') return { dir, kind: 'package' };
    if (language === 'python') return { dir, kind: this.pythonPackages.has(dir) ? 'package' : 'folder' };
    const pkg = this.nearestPackage(dir);
    if (pkg !== undefined && pkg !== '') return { dir: pkg, kind: 'package' };
    return { dir, kind: 'folder' };
  }

  private nearestPackage(dir: string): string | undefined {
    if (this.pkgDirOf.has(dir)) return this.pkgDirOf.get(dir);
    const found = this.fs.isFile(joinRel(dir, 'package.json')) ? dir : dir === '' ? undefined : this.nearestPackage(dirOf(dir));
    this.pkgDirOf.set(dir, found);
    return found;
  }
}

/** Strongly connected components of more than one module (Tarjan, iterative). */
export function findCycles(nodes: string[], edges: ModuleEdge[]): string[][] {
  const adj = new Map<string, string[]>();
  for (const n of nodes) adj.set(n, []);
  for (const e of edges) if (e.from !== e.to) adj.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const next = adj.get(top.node) ?? [];
      if (top.i < next.length) {
        const w = next[top.i++];
        if (!adj.has(w)) continue;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.node);
        if (comp.length > 1) out.push(comp.sort());
      }
    }
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

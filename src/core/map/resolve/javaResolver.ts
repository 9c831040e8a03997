import type { Resolution , RepoFs } from './repoFs';
import { dirOf, joinRel } from './repoFs';

/**
 * Java imports against source roots. A root is what is left of a file's folder once its
 * declared package is taken off (src/main/java for com/acme/X.java in package com.acme).
 */
export class JavaResolver {
  private readonly roots = new Set<string>();
  private readonly prefixes = new Set<string>();

  constructor(private readonly fs: RepoFs) {}

  addFile(file: string, packageName: string | undefined): void {
    const dir = dirOf(file);
    const pkgPath = (packageName ?? '').split('.').filter(Boolean).join('/');
    if (pkgPath === '') this.roots.add(dir);
    else if (dir === pkgPath) this.roots.add('');
    else if (dir.endsWith('/' + pkgPath)) this.roots.add(dir.slice(0, dir.length - pkgPath.length - 1));
    const parts = (packageName ?? '').split('.');
    if (parts.length >= 2) this.prefixes.add(parts.slice(0, 2).join('.'));
  }

  resolve(spec: string, wildcard: boolean): Resolution {
    const parts = spec.split('.');
    for (const root of this.roots) {
      if (wildcard) {
        const dir = joinRel(root, parts.join('/'));
        const javaFiles = (this.fs.list(dir) ?? []).filter((n) => n.endsWith('.java'));
        if (javaFiles.length) return { kind: 'resolved', resolvedDir: dir, resolved: joinRel(dir, javaFiles[0]) };
      }
      // a.b.C, a.b.C.Inner, a.b.C.staticMember: the longest prefix that is a file.
      for (let n = parts.length; n >= 1; n--) {
        const file = joinRel(root, parts.slice(0, n).join('/') + '.java');
        if (this.fs.isFile(file)) return { kind: 'resolved', resolved: file, resolvedDir: dirOf(file) };
      }
    }
    return this.prefixes.has(parts.slice(0, 2).join('.')) ? { kind: 'unresolved' } : { kind: 'external' };
  }
}

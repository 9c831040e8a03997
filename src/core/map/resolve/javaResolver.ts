import type { Resolution , RepoFs } from './repoFs';
import { dirOf, joinRel } from './repoFs';

/**
 * Java imports against source roots. A root is what is left of a file's folder once its
 * declared package is taken off (src/main/java for com/acme/X.java in package com.acme).
 */
export class JavaResolver {
  private readonly roots = new Set<string>();
  private readonly prefixes = new Set<string>();
  /**
   * Answers by import, for this file set (the assembler makes a new resolver when it changes): a
   * service of many modules has as many source roots, and its files import the same classes over
   * and over — thingsboard's 4,149 files took 11 s of probes per map, warm cache or not.
   */
  private readonly answers = new Map<string, Resolution>();

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
    const key = wildcard ? `${spec}.*` : spec;
    let r = this.answers.get(key);
    if (!r) this.answers.set(key, (r = this.probe(spec, wildcard)));
    return r;
  }

  private probe(spec: string, wildcard: boolean): Resolution {
    const parts = spec.split('.');
    // An import's parts are names: joined as they are, they need no normalizing (joinRel for anything else).
    const plain = parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('/'));
    const join = (a: string, b: string): string => (!plain ? joinRel(a, b) : a ? `${a}/${b}` : b);
    for (const root of this.roots) {
      if (wildcard) {
        const dir = join(root, parts.join('/'));
        const javaFiles = (this.fs.list(dir) ?? []).filter((n) => n.endsWith('.java'));
        if (javaFiles.length) return { kind: 'resolved', resolvedDir: dir, resolved: joinRel(dir, javaFiles[0]) };
      }
      // a.b.C, a.b.C.Inner, a.b.C.staticMember: the longest prefix that is a file — in a folder there is,
      // so the folders of the package path are followed down first, as far as they go.
      let depth = 0;
      for (let dir = root; depth < parts.length - 1; depth++) {
        dir = join(dir, parts[depth]);
        if (!this.fs.isDir(dir)) break;
      }
      for (let n = depth + 1; n >= 1; n--) {
        const file = join(root, parts.slice(0, n).join('/') + '.java');
        if (this.fs.isFile(file)) return { kind: 'resolved', resolved: file, resolvedDir: dirOf(file) };
      }
    }
    return this.prefixes.has(parts.slice(0, 2).join('.')) ? { kind: 'unresolved' } : { kind: 'external' };
  }
}

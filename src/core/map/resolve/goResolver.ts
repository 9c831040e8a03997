import type { Resolution , RepoFs } from './repoFs';
import { dirOf, joinRel } from './repoFs';

/** Go imports against the module paths of the repository's go.mod files (nested modules too). */
export class GoResolver {
  private readonly modules: { path: string; dir: string }[] = [];

  constructor(
    private readonly fs: RepoFs,
    manifests: readonly string[],
  ) {
    for (const m of manifests) {
      if (!m.endsWith('go.mod') || (m !== 'go.mod' && !m.endsWith('/go.mod'))) continue;
      const text = fs.readText(m);
      const mod = text && /^\s*module\s+("?)([^\s"]+)\1/m.exec(text);
      if (mod) this.modules.push({ path: mod[2], dir: dirOf(m) });
    }
    this.modules.sort((a, b) => b.path.length - a.path.length);
  }

  /** go.mod files above a scope are not walked: find the one above a file when needed. */
  addModuleAbove(file: string): void {
    for (let d = dirOf(file); ; d = dirOf(d)) {
      const m = joinRel(d, 'go.mod');
      if (this.fs.isFile(m)) {
        if (!this.modules.some((x) => x.dir === d)) {
          const text = this.fs.readText(m);
          const mod = text && /^\s*module\s+("?)([^\s"]+)\1/m.exec(text);
          if (mod) {
            this.modules.push({ path: mod[2], dir: d });
            this.modules.sort((a, b) => b.path.length - a.path.length);
          }
        }
        return;
      }
      if (d === '') return;
    }
  }

  resolve(spec: string): Resolution {
    for (const m of this.modules) {
      if (spec !== m.path && !spec.startsWith(m.path + '/')) continue;
      const dir = joinRel(m.dir, spec.slice(m.path.length + 1));
      const goFiles = (this.fs.list(dir) ?? []).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go'));
      if (!goFiles.length) return { kind: 'unresolved' };
      return { kind: 'resolved', resolvedDir: dir, resolved: joinRel(dir, goFiles[0]) };
    }
    return { kind: 'external' };
  }
}

import type { RawImport } from '../facts';
import type { Resolution , RepoFs } from './repoFs';
import { dirOf, joinRel } from './repoFs';
import { inferRootPackage } from './pyRootPackage';

/**
 * Python imports against package roots: the folder above each top-level package (a folder with
 * __init__.py whose parent has none), `src/` layouts, the repository root and, last, the
 * importing file's own folder (scripts run from there). Relative imports walk up from the file.
 * When the root is itself the top package, `X.a.b` is `a/b` for the name X it is imported by.
 */
export class PyResolver {
  private readonly roots: string[];
  private readonly topNames = new Set<string>();
  private rootPackage: string | undefined;

  constructor(
    private readonly fs: RepoFs,
    pythonPackages: readonly string[],
    files: readonly string[],
  ) {
    const pkgs = new Set(pythonPackages);
    const roots = new Set<string>();
    for (const p of pkgs) {
      if (p === '') continue;
      const parent = dirOf(p);
      if (!pkgs.has(parent) || parent === '') roots.add(parent);
    }
    for (const f of files) {
      if (f.endsWith('.py') && (f.startsWith('src/') || f.includes('/src/'))) {
        const i = f.lastIndexOf('src/');
        roots.add(f.slice(0, i + 3));
      }
    }
    roots.add('');
    this.roots = [...roots].sort((a, b) => b.length - a.length);
    for (const r of this.roots) {
      for (const p of pkgs) if (dirOf(p) === r && p !== '') this.topNames.add(p.slice(r === '' ? 0 : r.length + 1));
    }
    for (const f of files) {
      if (!f.endsWith('.py')) continue;
      const d = dirOf(f);
      if (this.roots.includes(d)) this.topNames.add(f.slice(d === '' ? 0 : d.length + 1, -3));
    }
  }

  /**
   * Learns the name the root package is imported by from the imports of every Python file (they
   * change without the file set changing, so this runs on every assembly). True when it changed:
   * every Python import must then be resolved again.
   */
  learnRootPackage(imports: Iterable<readonly RawImport[]>): boolean {
    const name = inferRootPackage(this.fs.mapped, imports, this.topNames);
    if (name === this.rootPackage) return false;
    this.rootPackage = name;
    return true;
  }

  /** The file of submodule `name` of the package `spec` names, when there is one. */
  submodule(from: string, spec: string, name: string): string | undefined {
    for (const base of this.candidates(from, spec)) {
      const f = joinRel(base, `${name}.py`);
      if (this.fs.isFile(f)) return f;
      const init = joinRel(base, name, '__init__.py');
      if (this.fs.isFile(init)) return init;
      if (this.lookup(base, [])) return undefined; // the package exists: `name` is an attribute
    }
    return undefined;
  }

  /** Folders (without extension) that `spec` may name, most likely first. */
  private candidates(from: string, spec: string): string[] {
    const dots = /^\.*/.exec(spec)![0].length;
    const modPath = spec.slice(dots).split('.').filter(Boolean).join('/');
    if (dots > 0) {
      let base = dirOf(from);
      for (let i = 1; i < dots; i++) base = dirOf(base);
      return [joinRel(base, modPath)];
    }
    const parts = modPath.split('/');
    // The root package's name is no top-level module here (inferRootPackage checks): only the root can hold X.a.b.
    if (parts[0] === this.rootPackage) return [parts.slice(1).join('/')];
    return [...this.roots.map((r) => joinRel(r, modPath)), joinRel(dirOf(from), modPath)];
  }

  resolve(from: string, spec: string, names: Record<string, string>): Resolution {
    const imported = Object.values(names).filter((n) => n !== '*' && !n.includes('.'));
    const relative = spec.startsWith('.');
    for (const target of this.candidates(from, spec)) {
      const hit = this.lookup(target, imported);
      if (hit) return hit;
    }
    if (relative) return { kind: 'unresolved' };
    const modPath = spec.split('.').join('/');
    const top = modPath.split('/')[0];
    return this.topNames.has(top) || top === this.rootPackage ? { kind: 'unresolved' } : { kind: 'external' };
  }

  private lookup(target: string, imported: string[]): Resolution | undefined {
    const f = this.fs;
    // `from pkg import mod` imports a submodule when one exists by that name.
    for (const n of imported) {
      if (f.isFile(joinRel(target, `${n}.py`))) return { kind: 'resolved', resolved: joinRel(target, `${n}.py`) };
    }
    if (target !== '' && f.isFile(`${target}.py`)) return { kind: 'resolved', resolved: `${target}.py` };
    if (f.isFile(joinRel(target, '__init__.py'))) return { kind: 'resolved', resolved: joinRel(target, '__init__.py'), resolvedDir: target };
    if (target !== '' && f.list(target)?.some((n) => n.endsWith('.py'))) return { kind: 'resolved', resolvedDir: target };
    return undefined;
  }
}

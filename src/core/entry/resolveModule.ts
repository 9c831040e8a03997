// Finds the repository file an import names. The map's importDetails are used when present;
// this is the fallback, so route linking works on any file list (and on `require()` calls).
import * as path from 'node:path';

export class ModuleIndex {
  private readonly files: Set<string>;
  private readonly dirs = new Map<string, string[]>();

  constructor(files: Iterable<string>) {
    this.files = new Set(files);
    for (const f of this.files) {
      const d = path.posix.dirname(f);
      const list = this.dirs.get(d) ?? [];
      list.push(f);
      this.dirs.set(d, list);
    }
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  filesIn(dir: string): string[] {
    return this.dirs.get(dir) ?? [];
  }

  /** `./routes`, `../lib/auth.js` from a JS/TS file. */
  resolveJs(fromFile: string, spec: string): string | undefined {
    if (!spec.startsWith('.')) return undefined;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec));
    const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
    const exts = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
    for (const b of [base, stem]) {
      for (const e of exts) if (this.files.has(b + e)) return b + e;
      for (const e of exts.slice(1)) if (this.files.has(`${b}/index${e}`)) return `${b}/index${e}`;
    }
    return undefined;
  }

  /** `app.api.routes`, `.users`, `..core` from a Python file. Returns a module file or a package's __init__.py. */
  resolvePy(fromFile: string, spec: string): string | undefined {
    const m = /^(\.*)(.*)$/.exec(spec)!;
    const dots = m[1].length;
    const rest = m[2] ? m[2].split('.') : [];
    const candidates: string[] = [];
    if (dots > 0) {
      let dir = path.posix.dirname(fromFile);
      for (let i = 1; i < dots; i++) dir = path.posix.dirname(dir);
      candidates.push(path.posix.join(dir, ...rest));
    } else {
      // Absolute imports: from the root, or from any folder that holds the top package (src layouts).
      candidates.push(rest.join('/'));
      const top = rest[0];
      for (const d of this.dirs.keys()) {
        if (d === top || d.endsWith('/' + top)) candidates.push(path.posix.join(path.posix.dirname(d), ...rest));
      }
      // The repository root is itself the top package (a Debian dist-packages/<pkg> folder):
      // `graphite.render.urls` is render/urls.py.
      if (rest.length > 1 && this.files.has('__init__.py')) candidates.push(rest.slice(1).join('/'));
    }
    for (const c of candidates) {
      const norm = c.replace(/^\.\//, '').replace(/^\.$/, '');
      if (this.files.has(norm + '.py')) return norm + '.py';
      if (this.files.has((norm ? norm + '/' : '') + '__init__.py')) return (norm ? norm + '/' : '') + '__init__.py';
    }
    return undefined;
  }

  /**
   * The module path the root go.mod declares (`module github.com/writefreely/writefreely`), when read:
   * the root package's import path is that path itself, which no folder's name ends with.
   */
  private goModule: string | undefined;

  setGoModule(goMod: string | undefined): void {
    this.setGoModulePath(goMod && /^\s*module\s+("?)([^\s"]+)\1/m.exec(goMod)?.[2]);
  }

  /** The root module's path as setGoModule read it (the pass's threads are given it: passPool.ts). */
  get goModulePath(): string | undefined {
    return this.goModule;
  }

  setGoModulePath(modulePath: string | undefined): void {
    this.goModule = modulePath || undefined;
  }

  /** A Go import path to the folder in this repository that holds the package (the root module's own path, else longest suffix match). */
  resolveGoDir(importPath: string): string | undefined {
    if (this.goModule && importPath === this.goModule && this.filesIn('.').some((f) => f.endsWith('.go'))) return '';
    const parts = importPath.split('/');
    for (let i = 0; i < parts.length; i++) {
      const suffix = parts.slice(i).join('/');
      if (this.dirs.has(suffix) && [...this.filesIn(suffix)].some((f) => f.endsWith('.go'))) return suffix;
    }
    return undefined;
  }
}

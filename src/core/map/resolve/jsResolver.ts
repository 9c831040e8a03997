import { builtinModules } from 'node:module';
import type { Resolution , RepoFs } from './repoFs';
import { dirOf, joinRel } from './repoFs';
import { table } from '../../ownKeys';
import { nuxtGeneratedPaths } from './nuxtAliases';

const BUILTINS = new Set(builtinModules);
const EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.d.ts', '.json', '.node'];
/** A `.js` specifier in TypeScript names the `.ts` file it compiles from. */
const JS_TO_TS: Record<string, string[]> = table({ '.js': ['.ts', '.tsx', '.d.ts'], '.jsx': ['.tsx'], '.mjs': ['.mts', '.d.mts'], '.cjs': ['.cts', '.d.cts'] });
const CONDITIONS = ['source', 'development', 'import', 'module', 'require', 'node', 'default', 'types'];
const BUILD_DIR = /^(dist|lib|build|out|esm|cjs|es|umd)(\/|$)/;

interface TsConfig {
  dir: string;
  baseUrl?: string;
  paths?: [string, string[]][];
  /** A framework's aliases its bundler applies whatever `paths` says (Nuxt's `~~`): tried after `paths`. */
  bundlerPaths?: [string, string[]][];
}

/**
 * Resolves JavaScript and TypeScript specifiers the way Node and tsc do for code that lives in
 * the repository: relative files (extensions, index files, `.js` naming `.ts`), tsconfig/jsconfig
 * `paths` and `baseUrl`, and in-repo packages (workspaces) through `exports`, `main`, `module`.
 */
export class JsResolver {
  private readonly tsconfigByDir = new Map<string, TsConfig | undefined>();
  private packages?: Map<string, string>;

  constructor(
    private readonly fs: RepoFs,
    private readonly manifests: readonly string[],
  ) {}

  /** (importer's folder, specifier) → resolution: files of one folder import the same things. */
  private readonly memo = new Map<string, Resolution>();

  resolve(from: string, spec: string): Resolution {
    // Everything below depends on the importer only through its folder.
    const key = `${dirOf(from)}\u0000${spec}`;
    let r = this.memo.get(key);
    if (!r) {
      r = this.resolveUncached(from, spec);
      this.memo.set(key, r);
    }
    return r;
  }

  private resolveUncached(from: string, spec: string): Resolution {
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const target = spec.startsWith('/') ? joinRel(spec.slice(1)) : joinRel(dirOf(from), spec);
      if (target.startsWith('..')) return { kind: 'unresolved' };
      const file = this.tryPath(target);
      return file ? { kind: 'resolved', resolved: file } : { kind: 'unresolved' };
    }
    const bare = spec.replace(/\?.*$/, ''); // webpack-style queries; '#x' is a subpath import
    if (bare.startsWith('node:') || BUILTINS.has(bare)) return { kind: 'external' };
    if (bare.startsWith('#')) {
      const file = this.subpathImport(dirOf(from), bare);
      if (file) return { kind: 'resolved', resolved: file };
    }
    const ts = this.tsconfigFor(dirOf(from));
    const paths = ts?.bundlerPaths ? [...(ts.paths ?? []), ...ts.bundlerPaths] : ts?.paths;
    if (paths) {
      for (const [pattern, targets] of paths) {
        const star = pattern.indexOf('*');
        let captured: string | undefined;
        if (star === -1) captured = pattern === bare ? '' : undefined;
        else if (bare.startsWith(pattern.slice(0, star)) && bare.endsWith(pattern.slice(star + 1)) && bare.length >= pattern.length - 1)
          captured = bare.slice(star, bare.length - (pattern.length - star - 1));
        if (captured === undefined) continue;
        for (const t of targets) {
          const file = this.tryPath(joinRel(t.replace('*', captured)));
          if (file) return { kind: 'resolved', resolved: file };
        }
        return { kind: 'unresolved' };
      }
    }
    const pkg = this.packageFor(bare);
    if (pkg) {
      const file = this.resolvePackage(pkg.dir, pkg.subpath);
      return file ? { kind: 'resolved', resolved: file } : { kind: 'unresolved' };
    }
    if (ts?.baseUrl !== undefined) {
      const file = this.tryPath(joinRel(ts.baseUrl, bare));
      if (file) return { kind: 'resolved', resolved: file };
    }
    return { kind: 'external' };
  }

  /** A file, a file plus an extension, a `.js` that names a `.ts`, or a folder's index. */
  tryPath(target: string): string | undefined {
    const f = this.fs;
    const dot = target.lastIndexOf('.');
    const ext = dot > target.lastIndexOf('/') ? target.slice(dot) : '';
    if (JS_TO_TS[ext]) {
      for (const e of JS_TO_TS[ext]) if (f.isFile(target.slice(0, dot) + e)) return target.slice(0, dot) + e;
    }
    if (ext && f.isFile(target)) return target;
    for (const e of EXTS) if (f.isFile(target + e)) return target + e;
    if (f.isDir(target)) {
      if (f.isFile(joinRel(target, 'package.json'))) {
        const viaPkg = this.resolvePackage(target, '');
        if (viaPkg) return viaPkg;
      }
      for (const e of EXTS) if (f.isFile(`${target}/index${e}`)) return `${target}/index${e}`;
    }
    return undefined;
  }

  /**
   * Node's subpath imports: `#controllers/users` through the `imports` map of the nearest
   * package.json (`"#controllers/*": "./app/controllers/*.js"`), how AdonisJS applications (and
   * other ESM packages) name their own folders without tsconfig `paths`.
   */
  private subpathImport(dir: string, spec: string): string | undefined {
    for (let d = dir, i = 0; i < 20; d = dirOf(d), i++) {
      const rel = joinRel(d, 'package.json');
      if (this.fs.isFile(rel)) {
        const imports = (this.fs.readJson(rel) as { imports?: unknown } | undefined)?.imports;
        const t = imports && typeof imports === 'object' && !Array.isArray(imports) ? patternTarget(imports as Record<string, unknown>, spec) : undefined;
        const target = t ? joinRel(d, t) : undefined;
        return target && !target.startsWith('..') ? this.tryPath(target) : undefined;
      }
      if (d === '') break;
    }
    return undefined;
  }

  private tsconfigFor(dir: string): TsConfig | undefined {
    if (this.tsconfigByDir.has(dir)) return this.tsconfigByDir.get(dir);
    let found: TsConfig | undefined;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const rel = joinRel(dir, name);
      if (this.fs.isFile(rel)) {
        found = this.loadTsconfig(rel, 0);
        break;
      }
    }
    if (!found && dir !== '') found = this.tsconfigFor(dirOf(dir));
    this.tsconfigByDir.set(dir, found);
    return found;
  }

  private loadTsconfig(rel: string, depth: number): TsConfig | undefined {
    const json = this.fs.readJson(rel) as { extends?: string | string[]; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
    if (!json) return undefined;
    const dir = dirOf(rel);
    let base: TsConfig = { dir };
    const ext = Array.isArray(json.extends) ? json.extends[0] : json.extends;
    if (ext && depth < 5 && ext.startsWith('.')) {
      const parentRel = joinRel(dir, ext.endsWith('.json') ? ext : `${ext}.json`);
      if (!parentRel.startsWith('..')) base = this.loadTsconfig(parentRel, depth + 1) ?? svelteKitGenerated(parentRel) ?? nuxtGenerated(parentRel, this.fs) ?? base;
    }
    const co = json.compilerOptions ?? {};
    const out: TsConfig = { ...base, dir };
    if (typeof co.baseUrl === 'string') out.baseUrl = joinRel(dir, co.baseUrl);
    if (co.paths && typeof co.paths === 'object') {
      // paths are relative to baseUrl when set, else to the tsconfig that declares them.
      const pathsBase = out.baseUrl ?? dir;
      out.paths = Object.entries(co.paths).map(([k, v]) => [k, (Array.isArray(v) ? v : []).map((t) => joinRel(pathsBase, t))]);
    }
    return out;
  }

  private packageFor(spec: string): { dir: string; subpath: string } | undefined {
    if (!this.packages) {
      this.packages = new Map();
      for (const m of this.manifests) {
        if (!m.endsWith('package.json')) continue;
        const json = this.fs.readJson(m) as { name?: string } | undefined;
        if (json && typeof json.name === 'string' && !this.packages.has(json.name)) this.packages.set(json.name, dirOf(m));
      }
    }
    const parts = spec.split('/');
    const nameLen = spec.startsWith('@') ? 2 : 1;
    const name = parts.slice(0, nameLen).join('/');
    const dir = this.packages.get(name);
    if (dir === undefined) return undefined;
    return { dir, subpath: parts.slice(nameLen).join('/') };
  }

  resolvePackage(dir: string, subpath: string): string | undefined {
    const pkg = (this.fs.readJson(joinRel(dir, 'package.json')) ?? {}) as Record<string, unknown>;
    const key = subpath === '' ? '.' : `./${subpath}`;
    const targets: string[] = [];
    if (pkg.exports !== undefined) {
      const t = exportsTarget(pkg.exports, key);
      if (t) targets.push(t);
    }
    if (subpath === '') {
      for (const field of ['source', 'module', 'main', 'types', 'typings']) if (typeof pkg[field] === 'string') targets.push(pkg[field] as string);
      targets.push('src/index', 'index');
    } else {
      targets.push(subpath, `src/${subpath}`);
    }
    for (const t of targets) {
      const rel = joinRel(dir, t);
      if (rel.startsWith('..')) continue;
      // Built output is rarely in the repository: map dist/x.js back to src/x.ts.
      const inner = joinRel(t);
      if (BUILD_DIR.test(inner)) {
        const src = this.tryPath(joinRel(dir, inner.replace(BUILD_DIR, 'src/')));
        if (src) return src;
      }
      const file = this.tryPath(rel);
      if (file) return file;
    }
    return undefined;
  }
}

function exportsTarget(exp: unknown, key: string): string | undefined {
  if (typeof exp === 'string') return key === '.' ? exp : undefined;
  if (Array.isArray(exp)) {
    for (const e of exp) {
      const t = exportsTarget(e, key);
      if (t) return t;
    }
    return undefined;
  }
  if (!exp || typeof exp !== 'object') return undefined;
  const obj = exp as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length && keys.every((k) => !k.startsWith('.'))) return key === '.' ? pickCondition(obj) : undefined;
  return patternTarget(obj, key);
}

/** The target of `key` in a map of exact keys and `*` patterns (package.json `exports` and `imports`). */
function patternTarget(obj: Record<string, unknown>, key: string): string | undefined {
  if (key in obj) return pickCondition(obj[key]);
  for (const k of Object.keys(obj)) {
    const star = k.indexOf('*');
    if (star === -1) continue;
    const pre = k.slice(0, star);
    const post = k.slice(star + 1);
    if (key.startsWith(pre) && key.endsWith(post) && key.length >= k.length - 1) {
      const t = pickCondition(obj[k]);
      if (t) return t.replace('*', key.slice(pre.length, key.length - post.length));
    }
  }
  return undefined;
}

function pickCondition(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(pickCondition).find((x) => x !== undefined);
  if (!v || typeof v !== 'object') return undefined;
  const obj = v as Record<string, unknown>;
  for (const c of CONDITIONS) if (c in obj) {
    const t = pickCondition(obj[c]);
    if (t) return t;
  }
  for (const k of Object.keys(obj)) {
    const t = pickCondition(obj[k]);
    if (t) return t;
  }
  return undefined;
}

function nuxtGenerated(rel: string, fs: RepoFs): TsConfig | undefined {
  const bundlerPaths = nuxtGeneratedPaths(rel, fs);
  return bundlerPaths && { dir: dirOf(rel), bundlerPaths };
}

/**
 * `.svelte-kit/tsconfig.json`, which `svelte-kit sync` writes and a checkout does not hold: its
 * paths map SvelteKit's `$lib` alias to `src/lib` (kit.files.lib's default), which every file of a
 * SvelteKit project imports its server code through.
 */
function svelteKitGenerated(rel: string): TsConfig | undefined {
  if (!/(^|\/)\.svelte-kit\/tsconfig\.json$/.test(rel)) return undefined;
  const root = dirOf(dirOf(rel));
  return { dir: dirOf(rel), paths: [['$lib', [joinRel(root, 'src/lib')]], ['$lib/*', [joinRel(root, 'src/lib/*')]]] };
}

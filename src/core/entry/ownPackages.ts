// The service's own packages, installed rather than in the tree. Services split into packages
// of one npm scope (`verdaccio` runs `@verdaccio/auth`'s JWT middleware and `@verdaccio/middleware`'s
// path constants) ship those as dependencies; the map leaves node_modules out, so their guards and
// paths read as "code not in the repository" and the routes as unknown. Their code is the
// service's own code, so it is read here: the package's entry file and what it imports
// relatively, parsed for entry facts only (never run), within fixed limits. Third-party packages
// stay out: frameworks are modelled by name (frameworks/), and reading express itself would
// replace that model with its internals.
import * as path from 'node:path';
import type { Tree } from 'web-tree-sitter';
import { languageForPath, type LanguageId } from '../parse/languages';
import type { EntryFacts, Expr } from './facts/types';
import { extractEntryFacts } from './facts/extract';
import { importSpecs } from './interp/routeReach';

export type ReadText = (rel: string) => string | Promise<string>;

/**
 * The monorepo's sister packages (files/workspacePackages.ts): name → folder from the root
 * (`../shared`), and a reader of their files. A package the service depends on that node_modules
 * does not hold inside the root is read from there.
 */
export interface Siblings {
  packages: ReadonlyMap<string, string>;
  read: (rel: string) => string | undefined;
}
export type ParseText = (language: LanguageId, text: string) => Promise<Tree | null>;

/** At most this many files of installed packages are read, each at most this size. */
const MAX_FILES = 400;
const MAX_BYTES = 1_000_000;
const EXTS = ['', '.mjs', '.js', '.cjs', '.ts', '.mts', '.cts'];

export interface OwnPackages {
  /** Package name → root-relative entry file. */
  entries: Map<string, string>;
  /** Package name → root-relative folder. */
  dirs: Map<string, string>;
  /** Bare specifier (`@scope/pkg`, `@scope/pkg/sub`) → the file it names. */
  bare: Map<string, string>;
  /** Files read, with their language (for the program's file list). */
  files: { path: string; language: LanguageId }[];
  /** Own-scope package names the files import that could not be read (not installed, no sister package at hand). */
  unread?: Set<string>;
}

/**
 * The npm scope that is the service's own: the scope of its package.json name (`@acme/api` →
 * `@acme/`), or its unscoped name as a scope (`verdaccio` → `@verdaccio/`).
 */
export function ownScopes(packageJson: string | undefined): { scopes: string[]; deps: string[] } {
  try {
    const pkg = JSON.parse(packageJson ?? '{}') as { name?: unknown; dependencies?: unknown; devDependencies?: unknown; peerDependencies?: unknown; optionalDependencies?: unknown };
    if (typeof pkg.name !== 'string' || !pkg.name) return { scopes: [], deps: [] };
    const m = /^@([^/]+)\/(.+)$/.exec(pkg.name);
    const scopes = m ? [`@${m[1]}/`] : [`@${pkg.name}/`];
    const deps = new Set<string>();
    for (const d of [pkg.dependencies, pkg.optionalDependencies, pkg.peerDependencies]) if (d && typeof d === 'object') for (const n of Object.keys(d)) deps.add(n);
    return { scopes, deps: [...deps].filter((d) => scopes.some((s) => d.startsWith(s))).sort() };
  } catch {
    return { scopes: [], deps: [] };
  }
}

/**
 * Reads the own-scope packages the analysed files import (bare specifiers no mapped file answers),
 * adds their entry facts to `facts`, and says where each package starts.
 */
export async function readOwnPackages(packageJson: string | undefined, facts: Map<string, EntryFacts>, readText: ReadText, parse: ParseText, siblings?: Siblings): Promise<OwnPackages> {
  const out: OwnPackages = { entries: new Map(), dirs: new Map(), bare: new Map(), files: [] };
  const { scopes } = ownScopes(packageJson);
  if (!scopes.length) return out;
  const read = async (rel: string): Promise<string | undefined> => {
    if (rel.startsWith('../')) return siblings?.read(rel);
    try {
      return String(await readText(rel));
    } catch {
      return undefined;
    }
  };
  const queue: string[] = [];
  const seen = new Set<string>();
  const wanted = (spec: string) => scopes.some((s) => spec.startsWith(s));
  const enqueue = (file: string | undefined) => {
    if (file && !seen.has(file) && !facts.has(file) && seen.size < MAX_FILES) {
      seen.add(file);
      queue.push(file);
    }
  };
  const pkgJsons = new Map<string, string>();
  const packageOf = async (name: string): Promise<string | undefined> => {
    if (out.dirs.has(name)) return out.dirs.get(name);
    // Installed inside the root, else a sister package of the monorepo (pnpm links those from outside).
    let dir = `node_modules/${name}`;
    let pj = await read(`${dir}/package.json`);
    const sibling = siblings?.packages.get(name);
    if (pj === undefined && sibling) {
      dir = sibling;
      pj = await read(`${dir}/package.json`);
    }
    if (pj === undefined) return undefined;
    out.dirs.set(name, dir);
    pkgJsons.set(name, pj);
    const entry = await resolveEntry(read, dir, pj, '.');
    if (entry) out.entries.set(name, entry);
    return dir;
  };
  const visitSpecs = async (from: string, specs: string[]) => {
    for (const spec of specs) {
      if (spec.startsWith('.')) {
        if (from.startsWith('node_modules/') || from.startsWith('../')) enqueue(await resolveFile(read, path.posix.dirname(from), spec));
        continue;
      }
      if (!wanted(spec)) continue;
      const name = spec.split('/').slice(0, 2).join('/');
      const dir = await packageOf(name);
      if (!dir) {
        (out.unread ??= new Set()).add(name);
        continue;
      }
      const file = out.bare.get(spec) ?? (spec === name ? out.entries.get(name) : await resolveEntry(read, dir, pkgJsons.get(name) ?? '{}', `./${spec.slice(name.length + 1)}`));
      if (file) out.bare.set(spec, file);
      enqueue(file);
    }
  };
  for (const [file, f] of [...facts]) {
    // A file of the service acts only on the own scope's specifiers: where none of all it loads
    // (importSpecs, a superset of what specsOf walks, walked once for the interpreter anyway) is
    // one, specsOf's own walk of it would find nothing to follow.
    if (!file.startsWith('node_modules/') && ![...importSpecs(f)].some(wanted)) continue;
    await visitSpecs(file, specsOf(f));
  }
  while (queue.length) {
    const file = queue.shift()!;
    const language = languageForPath(file);
    if (!language || /\.d\.[cm]?ts$/.test(file)) continue;
    const text = await read(file);
    if (text === undefined || text.length > MAX_BYTES) continue;
    let tree: Tree | null = null;
    try {
      tree = await parse(language, text);
      const ef = tree ? extractEntryFacts(language, tree, text) : undefined;
      if (!ef) continue;
      facts.set(file, ef);
      out.files.push({ path: file, language });
      await visitSpecs(file, specsOf(ef));
    } catch {
      // A package file that does not parse adds nothing; the routes that needed it stay unknown.
    } finally {
      tree?.delete();
    }
  }
  return out;
}

/** Static imports and lazy `require('…')`/`import('…')` of a file's facts. */
function specsOf(f: EntryFacts): string[] {
  const specs = new Set(f.imports.map((i) => i.spec));
  const walk = (v: unknown): void => {
    if (!Array.isArray(v)) return;
    if (v[0] === 'imp' && typeof v[1] === 'string') specs.add(v[1]);
    else if (v[0] === 'c' && Array.isArray(v[1]) && v[1][0] === 'id' && v[1][1] === 'require' && Array.isArray(v[2]) && (v[2][0] as Expr | undefined)?.[0] === 's') specs.add((v[2][0] as ['s', string])[1]);
    for (const x of v) walk(x);
  };
  walk(f.top);
  for (const fn of f.fns) walk(fn.ops);
  // Re-exports (`export * from './node/index.js'`, `export { default as X } from './x.js'`): a package's index is mostly these.
  for (const [, e] of f.exports) walk(e);
  return [...specs];
}

/**
 * The file a package.json names for `sub` (`.` or `./universal`): `exports[sub]` (import, then
 * require, then default); for `.` also `module`, `main`, `./index.js`; for a subpath not exported,
 * the subpath itself.
 */
function entryOf(packageJson: string, sub: string): string {
  try {
    const pkg = JSON.parse(packageJson) as { exports?: unknown; module?: unknown; main?: unknown };
    const pick = (e: unknown, top: boolean): string | undefined => {
      if (typeof e === 'string') return top && sub !== '.' ? undefined : e;
      if (e && typeof e === 'object') {
        const o = e as Record<string, unknown>;
        // A map of subpaths (`{ ".": …, "./universal": … }`) is read at `sub`; conditions below it.
        if (top && Object.keys(o).some((k) => k.startsWith('.'))) return pick(o[sub], false);
        for (const k of ['import', 'node', 'require', 'default']) {
          const p = pick(o[k], false);
          if (p) return p;
        }
      }
      return undefined;
    };
    const e = pick(pkg.exports, true) ?? (sub !== '.' ? sub : undefined) ?? (typeof pkg.module === 'string' ? pkg.module : undefined) ?? (typeof pkg.main === 'string' ? pkg.main : undefined) ?? './index.js';
    return e.startsWith('.') ? e : `./${e}`;
  } catch {
    return sub === '.' ? './index.js' : sub;
  }
}

/** Folders a TypeScript package compiles into: its entry names a file there, built from `src/`. */
const BUILD_DIR = /^\.\/(lib|dist|build|out)\//;

/**
 * The file `sub` of the package in `dir` is, its source preferred: an entry in the compiled folder
 * (`./lib/index.js`, absent from a checkout that was never built) is read at the same place under
 * `src/` when that exists (`./src/index.ts`), as the package's tsconfig compiles it.
 */
async function resolveEntry(read: (rel: string) => Promise<string | undefined>, dir: string, packageJson: string, sub: string): Promise<string | undefined> {
  const entry = entryOf(packageJson, sub);
  if (BUILD_DIR.test(entry)) {
    const src = await resolveFile(read, dir, entry.replace(BUILD_DIR, './src/'));
    if (src) return src;
  }
  return resolveFile(read, dir, entry);
}

/** A file of the package folder for a relative specifier (with the usual extensions and index files). */
async function resolveFile(read: (rel: string) => Promise<string | undefined>, dir: string, spec: string): Promise<string | undefined> {
  const base = path.posix.normalize(path.posix.join(dir, spec));
  // Inside an installed package, or a sister package outside the root (`../shared/…`).
  if (!base.startsWith('node_modules/') && !base.startsWith('../')) return undefined;
  const stem = base.replace(/\.(m?js|cjs)$/, '');
  for (const b of base === stem ? [base] : [base, stem]) {
    for (const e of EXTS) if (/\.(m?[jt]s|c[jt]s)$/.test(b + e) && (await read(b + e)) !== undefined) return b + e;
    for (const e of EXTS.slice(1)) if ((await read(`${b}/index${e}`)) !== undefined) return `${b}/index${e}`;
  }
  return undefined;
}

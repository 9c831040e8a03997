import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { LanguageId } from '../parse/languages';
import { languageForPath } from '../parse/languages';
import type { Scope } from './scope';
import { scopeMatcher } from './scope';
import { dict } from '../ownKeys';

export interface WalkOptions {
  root: string;
  scope?: Scope;
  /** Folder names never entered (dependencies, build output). */
  skipDirs?: readonly string[];
  /** Files larger than this are skipped as oversize. */
  maxBytes?: number;
  /** Called as each file is found, while the walk goes on (a cold map warms its parsers). */
  onFile?: (entry: WalkEntry) => void;
}

export interface WalkEntry {
  /** Root-relative, forward slashes. */
  path: string;
  abs: string;
  language: LanguageId;
  size: number;
  mtimeMs: number;
  /** The change time the walk saw (core/cache/answerCache.ts stamps a walked file with it). */
  ctimeMs: number;
}

export interface WalkResult {
  files: WalkEntry[];
  /** Reason → number of files (or folders, for vendor/build/ignored folders) left out. */
  skipped: Record<string, number>;
  /** Manifests seen on the way (package.json, tsconfig.json, go.mod …), root-relative. */
  manifests: string[];
  /** Folders holding an __init__.py (Python packages), root-relative. */
  pythonPackages: string[];
  /** Entries of every folder walked, so that import resolution need not list them again. */
  listings: Map<string, Map<string, 'file' | 'dir' | 'other'>>;
}

export const DEFAULT_VENDOR_DIRS = ['node_modules', 'vendor', 'bower_components', 'third_party', 'third-party', 'jspm_packages', '.venv', 'venv', 'site-packages', '__pycache__'];
export const DEFAULT_BUILD_DIRS = ['dist', 'build', 'out', 'target', 'coverage', '.next', '.nuxt', '.output', '.turbo', '.cache'];
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/**
 * Build folder names that are also ordinary package names (a Go `lib/build`, a Java
 * `com/acme/build`, `internal/out`): build output only at the root or beside a build tool's file.
 */
const AMBIGUOUS_BUILD_DIRS = new Set(['build', 'out', 'target']);
const BUILD_TOOL_FILE = /^(package\.json|tsconfig(\.[\w-]+)?\.json|jsconfig\.json|pom\.xml|build\.xml|(build|settings)\.gradle(\.kts)?|setup\.py|setup\.cfg|pyproject\.toml|Cargo\.toml|go\.mod|Makefile|CMakeLists\.txt|mix\.exs)$/;

const MANIFESTS = new Set(['package.json', 'tsconfig.json', 'jsconfig.json', 'go.mod', 'go.work', 'pyproject.toml', 'setup.py', 'setup.cfg', 'pom.xml', 'build.gradle', 'build.gradle.kts']);
const GENERATED_NAME = /(\.min\.[cm]?js$)|(\.pb\.go$)|(_pb2(_grpc)?\.py$)|(\.generated\.[jt]sx?$)|(\.g\.[jt]s$)|(-bundle\.js$)|(\.bundle\.js$)/;

interface IgnoreLayer {
  base: string;
  ig: Ignore;
}

function bump(skipped: Record<string, number>, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

function readIgnore(absDir: string): Ignore | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(absDir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(text);
}

function isIgnored(layers: IgnoreLayer[], rel: string, dir: boolean): boolean {
  for (const { base, ig } of layers) {
    const sub = base === '' ? rel : rel.slice(base.length + 1);
    if (ig.ignores(dir ? sub + '/' : sub)) return true;
  }
  return false;
}

const SOURCE_DIRS = new Set(['src', 'lib', 'source', 'app', 'server']);

/** First folders of the paths a package.json ships as its code (main, module, bin, exports). */
export function shippedDirs(pkgFile: string): Set<string> | undefined {
  let pkg: unknown;
  try {
    const text = fs.readFileSync(pkgFile, 'utf8');
    if (text.length > 1 << 20) return undefined;
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!pkg || typeof pkg !== 'object') return undefined;
  const out = new Set<string>();
  const add = (v: unknown, depth = 0): void => {
    if (depth > 6) return;
    if (typeof v === 'string') {
      const first = v.replace(/^\.\//, '').split('/')[0];
      if (first && v.includes('/')) out.add(first);
    } else if (v && typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) add(x, depth + 1);
  };
  const p = pkg as Record<string, unknown>;
  for (const k of ['main', 'module', 'bin', 'exports']) add(p[k]);
  return out.size ? out : undefined;
}

/** What a test-coverage report folder holds (istanbul/nyc, c8, jest, coverage.py's htmlcov copied there). */
const COVERAGE_REPORT = /^(lcov\.info|lcov-report|lcov|coverage-final\.json|coverage-summary\.json|clover\.xml|cobertura-coverage\.xml|index\.html|tmp|\.tmp)$/;

/**
 * Whether a `coverage` folder is a test-coverage report (left out as build output) rather than a
 * module of the code named for what it does (a CI server's `plugins/coverage/`, its API for
 * coverage reports): a report holds the files a coverage tool writes, or nothing.
 */
function isCoverageReport(dir: string): boolean {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return true;
  }
  return !names.length || names.some((n) => COVERAGE_REPORT.test(n));
}

/** Whether a folder holds any file the map would read (looked at only for a shipped build folder's siblings). */
function hasCode(dir: string, depth = 0): boolean {
  if (depth > 4) return false;
  let list: fs.Dirent[];
  try {
    list = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of list) {
    if (e.isFile() && languageForPath(e.name)) return true;
    if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && hasCode(path.join(dir, e.name), depth + 1)) return true;
  }
  return false;
}

/**
 * Lists the source files of a repository in a stable order. Honours .gitignore files at every
 * level, the scope, and the default vendor/build folders; never leaves the root through a link
 * and enters each real folder once, so link loops end.
 */
export function walk(options: WalkOptions): WalkResult {
  const root = path.resolve(options.root);
  const realRoot = fs.realpathSync(root);
  const skipDirs = new Set(options.skipDirs ?? [...DEFAULT_VENDOR_DIRS, ...DEFAULT_BUILD_DIRS]);
  const vendor = new Set(DEFAULT_VENDOR_DIRS);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const scope = scopeMatcher(options.scope);
  const result: WalkResult = { files: [], skipped: dict(), manifests: [], pythonPackages: [], listings: new Map() };
  const visited = new Set<string>();

  const insideRoot = (real: string) => real === realRoot || real.startsWith(realRoot + path.sep);

  // `real` is the folder's real path: only links need realpath, plain folders extend their parent's.
  const visit = (rel: string, layers: IgnoreLayer[], real: string) => {
    const abs = rel === '' ? root : path.join(root, rel);
    if (visited.has(real)) {
      bump(result.skipped, 'link-loop');
      return;
    }
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      bump(result.skipped, 'unreadable');
      return;
    }
    result.listings.set(rel, new Map(entries.map((e) => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'dir' : 'other'])));
    const own = entries.some((e) => e.name === '.gitignore') ? readIgnore(abs) : undefined;
    // A published package whose code is only its build output (`"main": "build/index.js"`):
    // that build folder is the code, not a copy of it.
    const shipped = entries.some((e) => e.name === 'package.json') ? shippedDirs(path.join(abs, 'package.json')) : undefined;
    const here = own ? [...layers, { base: rel, ig: own }] : layers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A listed name is one segment (never `.`, `..` or a separator) and both folders are already
    // normal paths: a child's path is the folder's plus the name. path.join normalised the whole
    // string again, up to three times per file of the repository.
    const absPrefix = abs.endsWith(path.sep) ? abs : abs + path.sep;
    // Unless the caller named the folders to skip: a `build`, `out` or `target` here is output.
    const buildsHere = !!options.skipDirs || rel === '' || entries.some((x) => x.isFile() && BUILD_TOOL_FILE.test(x.name));
    const realPrefix = real.endsWith(path.sep) ? real : real + path.sep;
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let childReal = realPrefix + e.name;
      if (e.isSymbolicLink()) {
        let target: string;
        let st: fs.Stats;
        try {
          target = fs.realpathSync(absPrefix + e.name);
          st = fs.statSync(target);
        } catch {
          bump(result.skipped, 'broken-link');
          continue;
        }
        if (!insideRoot(target)) {
          bump(result.skipped, 'link-outside');
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
        childReal = target;
      }
      if (isDir) {
        if (e.name === '.git' || e.name === '.hg' || e.name === '.svn' || e.name === '.deepdive') continue;
        if (skipDirs.has(e.name) && (buildsHere || !AMBIGUOUS_BUILD_DIRS.has(e.name)) && !(shipped?.has(e.name) && !vendor.has(e.name) && !entries.some((x) => x.isDirectory() && SOURCE_DIRS.has(x.name) && hasCode(path.join(abs, x.name)))) && !(e.name === 'coverage' && !isCoverageReport(absPrefix + e.name))) {
          bump(result.skipped, vendor.has(e.name) ? 'vendor' : 'build');
          continue;
        }
        if (isIgnored(here, childRel, true)) {
          bump(result.skipped, 'ignored');
          continue;
        }
        visit(childRel, here, childReal);
      } else if (isFile) {
        if (MANIFESTS.has(e.name)) result.manifests.push(childRel);
        if (e.name === '__init__.py') result.pythonPackages.push(rel);
        const language = languageForPath(e.name);
        if (!language) {
          bump(result.skipped, 'unsupported');
          continue;
        }
        if (isIgnored(here, childRel, false)) {
          bump(result.skipped, 'ignored');
          continue;
        }
        if (!scope.inScope(childRel)) {
          bump(result.skipped, 'out-of-scope');
          continue;
        }
        if (GENERATED_NAME.test(e.name)) {
          bump(result.skipped, e.name.includes('.min.') ? 'minified' : 'generated');
          continue;
        }
        const childAbs = absPrefix + e.name;
        let st: fs.Stats;
        try {
          st = fs.statSync(childAbs);
        } catch {
          bump(result.skipped, 'unreadable');
          continue;
        }
        if (st.size > maxBytes) {
          bump(result.skipped, 'oversize');
          continue;
        }
        const entry: WalkEntry = { path: childRel, abs: childAbs, language, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
        result.files.push(entry);
        options.onFile?.(entry);
      }
    }
  };

  // Ignore files above a scope base still apply to it. Default build and vendor folder names do
  // not: a scope that names `build/src` means that folder (a published package whose only code
  // is its build output mapped nothing when scoped to it).
  // A scope that names a file (`src/app.ts`) starts at its folder: the scope then keeps the file
  // alone (starting at the file itself walked nothing, and mapped nothing).
  const isFile = (rel: string) => {
    try {
      return rel !== '' && fs.statSync(path.join(root, rel)).isFile();
    } catch {
      return false;
    }
  };
  const starts = [...new Set(scope.bases.map((b) => (isFile(b) ? path.posix.dirname(b).replace(/^\.$/, '') : b)))];
  const bases = starts.includes('') ? [''] : starts.filter((b) => !starts.some((o) => o !== b && b.startsWith(o + '/')));
  for (const base of bases) {
    const layers: IgnoreLayer[] = [];
    const parts = base === '' ? [] : base.split('/');
    let ok = true;
    for (let i = 0; i <= parts.length && ok; i++) {
      const dirRel = parts.slice(0, i).join('/');
      const ig = readIgnore(dirRel === '' ? root : path.join(root, dirRel));
      if (ig) layers.push({ base: dirRel, ig });
      if (i < parts.length && isIgnored(layers, parts.slice(0, i + 1).join('/'), true)) ok = false;
    }
    const absBase = path.join(root, base);
    if (!ok || !fs.existsSync(absBase) || !fs.statSync(absBase).isDirectory()) continue;
    let real: string;
    try {
      real = fs.realpathSync(absBase);
    } catch {
      continue;
    }
    if (!insideRoot(real)) {
      bump(result.skipped, 'link-outside');
      continue;
    }
    visit(base, layers, real);
  }
  return result;
}

/** How generators announce themselves in a file's first lines (also read by bytesSkip.ts). */
export const GENERATED_BANNER = /@generated\b|\bDO NOT EDIT\b|\bdo not (edit|modify) (this|manually|by hand)\b/i;
/**
 * Generators whose output is kept all the same: goctl writes a go-zero service's route table
 * (`internal/handler/routes.go`, from the .api files its authors write), the only place its
 * routes and their guards are registered, and its models (database access the flows go through).
 */
const KEPT_GENERATORS = /\bCode generated by goctl\b/;

/** A file's first lines announce a generator whose output the map leaves out. */
export function generatedBanner(top: string): boolean {
  return GENERATED_BANNER.test(top) && !KEPT_GENERATORS.test(top);
}

/** How much of a file's start (characters) is looked at for NUL and generator banners. */
export const CONTENT_HEAD_CHARS = 8000;

/** The checks of a text's start (its first CONTENT_HEAD_CHARS characters): binary, generated. */
export function headSkipReason(head: string): string | undefined {
  if (head.includes('\u0000')) return 'binary';
  // Generators announce themselves in the first lines (Go: `// Code generated … DO NOT EDIT.`).
  const top = head.split('\n', 10).join('\n');
  if (generatedBanner(top)) return 'generated';
  return undefined;
}

/**
 * Content checks that need the text: binary, minified and generated files are not parsed.
 * Returns the reason to skip, or undefined to parse.
 */
export function contentSkipReason(text: string): string | undefined {
  const headReason = headSkipReason(text.length > CONTENT_HEAD_CHARS ? text.slice(0, CONTENT_HEAD_CHARS) : text);
  if (headReason) return headReason;
  if (text.length > 2000) {
    // Stop counting as soon as there are enough lines for an average under 300 characters:
    // ordinary code is settled within its first tenth, only minified text is scanned to the end.
    const enough = text.length / 300 - 1;
    let newlines = 0;
    for (let i = text.indexOf('\n'); i !== -1 && newlines < enough; i = text.indexOf('\n', i + 1)) newlines++;
    if (newlines < enough) return 'minified';
  }
  return undefined;
}

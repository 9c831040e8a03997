// The monorepo a root is one package of. A service in `packages/core` of a pnpm, yarn or npm
// workspace imports its sister packages by name (`@acme/shared`, declared `workspace:^`); their
// code is the service's own, but it lies beside the root, not under it, and a pnpm install links
// it into node_modules from outside (a link the files seam does not follow). Found here by the
// workspace's own layout: the nearest folder above the root whose pnpm-workspace.yaml or
// package.json `workspaces` lists globs that take in the root, and the packages those globs name,
// by the name in their package.json. Only these folders are readable outside the root
// (sourceFiles.ts `readSibling`), and only their files; nothing is run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { toPosix } from '../paths';

/** Folders above the root looked at for a workspace manifest. */
const MAX_UP = 4;
/** Folders listed while expanding the workspace's globs. */
const MAX_LISTED = 400;

export interface Workspace {
  /** The workspace's folder (absolute, real path). */
  dir: string;
  /** Package name → its folder, relative to the root (`../shared`). The root's own package is left out. */
  packages: Map<string, string>;
  /** Files read to find them, relative to the root (the manifest, each package.json): inputs of an answer. */
  inputs: string[];
}

/** The workspace `root` (absolute) is a package of, or undefined. */
export function findWorkspace(root: string): Workspace | undefined {
  let real: string;
  try {
    real = fs.realpathSync.native(root);
  } catch {
    return undefined;
  }
  let dir = real;
  for (let i = 0; i < MAX_UP; i++) {
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
    const globs = manifestGlobs(dir);
    if (!globs) continue;
    const own = toPosix(path.relative(dir, real));
    const include = globs.globs.filter((g) => !g.startsWith('!'));
    const exclude = globs.globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
    const matches = (rel: string, list: string[]) => list.some((g) => picomatch(g.replace(/^\.\//, '').replace(/\/$/, ''), { dot: false })(rel));
    // A workspace that does not take in the root is not the root's: look no further up.
    if (!matches(own, include) || matches(own, exclude)) return undefined;
    const ws: Workspace = { dir, packages: new Map(), inputs: [toPosix(path.relative(real, path.join(dir, globs.file)))] };
    let listed = 0;
    for (const folder of expand(dir, include, () => ++listed <= MAX_LISTED)) {
      if (folder === own || matches(folder, exclude)) continue;
      const pj = path.join(dir, folder, 'package.json');
      const rel = toPosix(path.relative(real, pj));
      const name = packageName(pj);
      if (name === undefined) continue;
      ws.inputs.push(rel);
      if (!ws.packages.has(name)) ws.packages.set(name, toPosix(path.relative(real, path.join(dir, folder))));
    }
    return ws;
  }
  return undefined;
}

/** The package globs a folder's workspace manifest lists: pnpm-workspace.yaml, then package.json `workspaces`. */
function manifestGlobs(dir: string): { file: string; globs: string[] } | undefined {
  const pnpm = readText(path.join(dir, 'pnpm-workspace.yaml'));
  if (pnpm !== undefined) {
    try {
      const doc = parseYaml(pnpm) as { packages?: unknown } | null;
      const globs = strings(doc?.packages);
      if (globs) return { file: 'pnpm-workspace.yaml', globs };
    } catch {
      // A manifest that does not parse names no packages.
    }
  }
  const pkg = readText(path.join(dir, 'package.json'));
  if (pkg === undefined) return undefined;
  try {
    const ws = (JSON.parse(pkg) as { workspaces?: unknown }).workspaces;
    const globs = strings(ws) ?? strings((ws as { packages?: unknown } | undefined)?.packages);
    return globs ? { file: 'package.json', globs } : undefined;
  } catch {
    return undefined;
  }
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.length && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;
}

/** Folders (relative to `dir`) the globs name: a segment may be a pattern (`packages/*`); `**` is not followed. */
function* expand(dir: string, globs: string[], more: () => boolean): Generator<string> {
  const seen = new Set<string>();
  for (const g of globs) {
    const segs = g.replace(/^\.\//, '').replace(/\/$/, '').split('/');
    if (segs.includes('**')) continue;
    let level = [''];
    for (const seg of segs) {
      const next: string[] = [];
      for (const base of level) {
        if (!/[*?[{]/.test(seg)) {
          next.push(base ? `${base}/${seg}` : seg);
          continue;
        }
        if (!more()) return;
        const is = picomatch(seg);
        let names: fs.Dirent[] = [];
        try {
          names = fs.readdirSync(path.join(dir, base), { withFileTypes: true });
        } catch {
          names = [];
        }
        for (const d of names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) if (d.isDirectory() && d.name !== 'node_modules' && is(d.name)) next.push(base ? `${base}/${d.name}` : d.name);
      }
      level = next;
    }
    for (const f of level) {
      if (seen.has(f)) continue;
      seen.add(f);
      yield f;
    }
  }
}

function packageName(file: string): string | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    return typeof name === 'string' && name ? name : undefined;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Whether `abs` (resolved from the root's real path) lies in one of the workspace's packages, its
 * links resolved: a sister package's file, never the root's own, the workspace's top, a package's
 * node_modules, or a link out.
 */
export function insideSibling(ws: Workspace, realRoot: string, abs: string): boolean {
  let real: string;
  try {
    real = fs.realpathSync.native(abs);
  } catch {
    return false;
  }
  for (const rel of ws.packages.values()) {
    const back = path.relative(path.resolve(realRoot, rel), real);
    if (back && !back.startsWith('..') && !path.isAbsolute(back) && !back.split(path.sep).includes('node_modules')) return real.startsWith(ws.dir + path.sep);
  }
  return false;
}

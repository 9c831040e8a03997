// Whether code can reach a JavaScript web framework at all, told cheaply, before any entry facts
// exist. A router is born of a framework package's import (frameworks/*.ts `packages`; the
// interpreter hands an external value to a framework only when its specifier matches), so a
// repository in which no file imports one has no JS routes: on library code (the 1M-line corpus:
// three.js, webpack, typeorm, eslint, rxjs, lodash) extracting every file's router facts and
// running them was two thirds of a cold `deepdive routes`, for no answer. The decision itself
// is made from the facts (findEntryPoints.ts); these tests only choose what to extract early.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mayBeFileRoute } from './fileRoutes';

/**
 * Every specifier a JS framework module accepts starts with one of these (a unit test checks them
 * against frameworks/*.ts): `express`, `router`, `express-promise-router`, `koa-mount`, `hono/…`.
 */
export const FRAMEWORK_SPEC_STARTS: readonly string[] = ['express', 'router', 'koa', 'fastify', 'hono', '@awaitjs/express', '@koa/router', '@bull-board/koa', '@hono/zod-openapi', '@hapi/hapi', 'hapi', 'sails', '@adonisjs/', '@feathersjs/', '@trpc/server', 'egg', '@eggjs/'];

const QUOTED_SPEC = new RegExp(`['"\`](?:${FRAMEWORK_SPEC_STARTS.map((s) => s.replace(/[/]/g, '\\/')).join('|')})`);

/**
 * Whether a file's text may import a framework package: a specifier is a string literal, so its
 * text follows a quote. Text only chooses what the map's workers extract (a false "yes" costs one
 * file's facts); whether a file imports a framework is read from its facts (importSpecs).
 */
export function mayImportFramework(text: string): boolean {
  return QUOTED_SPEC.test(text);
}

/** Whether an import specifier may name a framework package (a superset of what frameworks/*.ts accept). */
export function mayBeFrameworkSpec(spec: string): boolean {
  return FRAMEWORK_SPEC_STARTS.some((s) => spec.startsWith(s));
}

/**
 * Nest services name constants in route options that only the interpreter evaluates, and
 * file-system routes (Next, Nuxt, SvelteKit, Astro, Medusa) refuse through helpers of ours
 * (helperChecks.ts): their code is read in full too.
 */
const DECLARED = new RegExp(`^(?:${FRAMEWORK_SPEC_STARTS.map((s) => s.replace(/[/]/g, '\\/')).join('|')}|@nestjs\\/|@medusajs\\/|(?:next|nuxt|nitropack|h3|astro|@sveltejs\\/kit)$)`);

/** Folders this deep below the root are looked at for a package.json (a monorepo's `packages/<group>/<name>/`). */
const MAX_DEPTH = 3;

/**
 * Whether a package.json at the root or in a folder of the mapped files (at most MAX_DEPTH below
 * the root) declares a web framework (or NestJS), or the service's own scoped packages, which may
 * carry routes of their own (ownPackages.ts): then nearly every file is linked to a router and the
 * map's workers extract every file's entry facts at once; otherwise only the files whose text may
 * import a framework, and the entry-point pass reads the rest itself in the rare case it needs them.
 */
export function declaresWebFramework(root: string, files: readonly { path: string }[]): boolean {
  const dirs = new Set<string>(['']);
  for (const f of files) {
    // The folders above the file, down to MAX_DEPTH: `a`, `a/b`, `a/b/c`.
    for (let end = f.path.indexOf('/'), depth = 1; end !== -1 && depth <= MAX_DEPTH; end = f.path.indexOf('/', end + 1), depth++) dirs.add(f.path.slice(0, end));
  }
  for (const dir of dirs) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8');
    } catch {
      continue;
    }
    if (packageDeclaresFramework(text, dir === '')) return true;
  }
  return false;
}

/** One package.json's dependencies (of any kind) name a framework; at the root, also an own scoped package. */
export function packageDeclaresFramework(text: string, atRoot: boolean): boolean {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return false;
  }
  if (!pkg || typeof pkg !== 'object') return false;
  const scope = atRoot && typeof pkg.name === 'string' ? (/^@[^/]+\//.exec(pkg.name)?.[0] ?? `@${pkg.name}/`) : undefined;
  for (const kind of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[kind];
    if (!deps || typeof deps !== 'object') continue;
    for (const name of Object.keys(deps)) if (DECLARED.test(name) || (scope && kind !== 'devDependencies' && name.startsWith(scope))) return true;
  }
  return false;
}

/**
 * Whether the map's workers extract every JS/TS file's router facts at once: a package.json
 * declares a web framework, or a file sits where a file-system router (Next, Nuxt, SvelteKit,
 * Astro, Medusa) takes its routes from — those import no framework, yet their handlers may refuse
 * through helpers of ours whose facts the entry pass reads (helperChecks.ts).
 */
export function readsRoutersInFull(root: string, files: readonly { path: string }[]): boolean {
  return files.some((f) => /\.[cm]?[jt]sx?$/.test(f.path) && mayBeFileRoute(f.path)) || declaresWebFramework(root, files);
}

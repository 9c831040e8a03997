// Plugin manifests (Etherpad's `ep.json`): `parts[].hooks` maps a hook name to the module whose
// function the plugin framework calls for it (`"expressCreateServer": "ep_etherpad-lite/node/hooks/express/admin"`,
// or `"module:fnName"`), and the framework's dispatch (`hooks.aCallAll('expressCreateServer', { app, server })`)
// calls each with the hook name and the context. The dispatch reads the manifests at run time, so the
// interpreter cannot follow it; this reads them instead, so that the router handed in the context is
// the app each hook function registers on, at the point of the dispatch (before or after the
// middleware the caller installs between two hooks). Pure: the manifest's text comes from the program.
import * as path from 'node:path';
import type { Program } from './program';

/** The manifest file names a plugin framework reads beside a package. */
const MANIFEST_NAMES = ['ep.json'];
/** How far above the calling file a manifest is looked for. */
const MAX_UP = 6;

/** A hook function a manifest names: the module as a specifier relative to the calling file, and the function's name. */
export interface PluginHookTarget {
  spec: string;
  bare: string;
  fn: string;
}

type Hooks = [hook: string, target: string][];

const manifests = new WeakMap<Program, Map<string, { file: string; hooks: Hooks } | null>>();

/** The manifest of a folder (parsed once per program), or null when there is none. */
function manifestIn(program: Program, dir: string): { file: string; hooks: Hooks } | null {
  let byDir = manifests.get(program);
  if (!byDir) manifests.set(program, (byDir = new Map()));
  const known = byDir.get(dir);
  if (known !== undefined) return known;
  let found: { file: string; hooks: Hooks } | null = null;
  for (const name of MANIFEST_NAMES) {
    const file = dir ? `${dir}/${name}` : name;
    const text = program.dataFile?.(file);
    const hooks = text !== undefined ? hooksOf(text) : undefined;
    if (hooks) {
      found = { file, hooks };
      break;
    }
  }
  byDir.set(dir, found);
  return found;
}

/** `parts[].hooks` in the manifest's order; undefined when the text is not such a manifest. */
export function hooksOf(text: string): Hooks | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parts = (doc as { parts?: unknown })?.parts;
  if (!Array.isArray(parts)) return undefined;
  const out: Hooks = [];
  for (const p of parts) {
    const hooks = (p as { hooks?: unknown })?.hooks;
    if (!hooks || typeof hooks !== 'object') continue;
    for (const [hook, target] of Object.entries(hooks as Record<string, unknown>)) if (typeof target === 'string') out.push([hook, target]);
  }
  return out;
}

/** Is there a plugin manifest above `file` (so that a hook it names no function for has none)? */
export function pluginManifestAbove(program: Program, file: string): boolean {
  let dir = path.posix.dirname(file);
  if (dir === '.') dir = '';
  for (let up = 0; up <= MAX_UP; up++) {
    if (manifestIn(program, dir)) return true;
    if (!dir) break;
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
  return false;
}

/**
 * The functions the nearest manifest above `file` names for `hook`. A target's first segment is a
 * package name (`ep_etherpad-lite`, a scoped name's two): the manifest's own package when the rest
 * is under the manifest's folder (`spec`), else an installed plugin (`bare`, the target as written).
 */
export function pluginHookTargets(program: Program, file: string, hook: string): PluginHookTarget[] {
  let dir = path.posix.dirname(file);
  if (dir === '.') dir = '';
  for (let up = 0; up <= MAX_UP; up++) {
    const m = manifestIn(program, dir);
    if (m) {
      const out: PluginHookTarget[] = [];
      for (const [name, target] of m.hooks) {
        if (name !== hook) continue;
        const [mod = '', fn] = target.split(':');
        const segs = mod.split('/');
        const rest = segs.slice(mod.startsWith('@') ? 2 : 1).join('/');
        const rel = path.posix.relative(path.posix.dirname(file), path.posix.join(dir, rest));
        out.push({ spec: rel.startsWith('.') ? rel : `./${rel}`, bare: mod, fn: fn || hook });
      }
      return out;
    }
    if (!dir) break;
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
  return [];
}

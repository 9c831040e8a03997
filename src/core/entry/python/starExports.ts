// `from .auth import *` in a package's `__init__.py`: Python binds there every public name the
// star-imported module binds, so `import app.controller as api; api.household` (KitchenOwl's
// register_controller.py) reaches the blueprint `household` that app/controller/household/__init__.py
// re-exports from its controller module. Without these bindings the reference ends at the package,
// the blueprint's mounts are lost and its routes lose every prefix. Names the importing module
// binds itself stay its own; private names (`_x`) are not star-exported.
import type { FileDecls } from '../types';

const MAX_ROUNDS = 12;

/** The plain names a module binds, as the per-file facts record them (imports, routers, functions). */
function boundNames(d: FileDecls): Set<string> {
  const own = `${d.file}#`;
  const names = new Set<string>();
  const add = (ref: string): void => {
    if (!ref.startsWith(own)) return;
    const name = ref.slice(own.length);
    if (/^[A-Za-z_]\w*$/.test(name)) names.add(name);
  };
  for (const k of Object.keys(d.aliases)) add(k);
  for (const r of d.routers) add(r);
  for (const r of d.routes) if (r.router) add(r.router);
  for (const k of Object.keys(d.prefixes)) add(k);
  for (const k of Object.keys(d.py?.funcs ?? {})) if (/^[A-Za-z_]\w*$/.test(k)) names.add(k);
  return names;
}

/** Adds an alias `file#name → import:target#name` for each name a star import brings in (chains followed). */
export function bindStarImports(pys: FileDecls[]): void {
  const byFile = new Map(pys.map((d) => [d.file, d]));
  const importers = pys.filter((d) => d.py?.starImports?.length);
  if (!importers.length) return;
  // A chain of packages re-exporting each other (`from .household import *` over `from .household_controller
  // import household`) settles in as many rounds as it is deep.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const d of importers) {
      const own = boundNames(d);
      for (const t of d.py!.starImports!) {
        const src = byFile.get(t);
        if (!src || src === d) continue;
        for (const name of boundNames(src)) {
          if (name.startsWith('_') || own.has(name)) continue;
          d.aliases[`${d.file}#${name}`] = `import:${t}#${name}`;
          own.add(name);
          changed = true;
        }
      }
    }
    if (!changed) return;
  }
}

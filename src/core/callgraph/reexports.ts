// Where a JS/TS module's exported name comes from when the module does not define it: a barrel
// (`export * from './cancan'`, `export { a as b } from './x'`, `export * as ns from './x'`, or
// `import { a } from './x'; export { a }`). One step at a time; the call graph walks the chain
// with a depth bound and a seen set (callGraph.ts), so cycles between barrels end.
import type { FileInfo } from '../map/types';
import { getOwn } from '../ownKeys';

/** `name` in `file` ('*': the module itself, for `export * as ns` and namespace imports). */
export interface ExportSource {
  file: FileInfo;
  name: string;
  /** Reached through `export * from './x'`: the module may hold the name, or not. */
  star?: boolean;
}

export const JS_LANGUAGES = new Set(['typescript', 'tsx', 'javascript']);

/** The places `f`'s export `name` may come from, most specific first. */
export function exportSources(f: FileInfo, name: string, files: Map<string, FileInfo>): ExportSource[] {
  if (!JS_LANGUAGES.has(f.language)) return [];
  const target = (resolved: string | undefined): FileInfo | undefined => (resolved ? files.get(resolved) : undefined);
  const out: ExportSource[] = [];
  // `export { local as name }`: a binding the file imported, or a local one under another name.
  const local = f.exportAliases ? getOwn(f.exportAliases, name) : undefined;
  if (local !== undefined) {
    for (const imp of f.importDetails) {
      const t = imp.reexport ? undefined : target(imp.resolved);
      const imported = imp.names ? getOwn(imp.names, local) : undefined;
      if (t && imported !== undefined) out.push({ file: t, name: imported });
    }
    if (!out.length && local !== name) out.push({ file: f, name: local });
    return out;
  }
  // `export { a as name } from './x'`, `export * as name from './x'`.
  for (const imp of f.importDetails) {
    const t = imp.reexport ? target(imp.resolved) : undefined;
    const imported = imp.names ? getOwn(imp.names, name) : undefined;
    if (t && imported !== undefined) out.push({ file: t, name: imported });
  }
  if (out.length || name === 'default') return out; // `export *` never carries a default export
  // `export * from './x'`: any of them may hold it; an explicit export above wins, as in ES modules.
  for (const imp of f.importDetails) {
    const t = imp.reexport && !Object.keys(imp.names ?? {}).length ? target(imp.resolved) : undefined;
    if (t) out.push({ file: t, name, star: true });
  }
  return out;
}

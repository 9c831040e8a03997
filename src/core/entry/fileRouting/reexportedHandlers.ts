// A file route whose handler is imported from another file and exported again (`import webhook from
// '../webhooks/stripe'; export default webhook`, an old URL kept for a moved route): its code is that
// file's default export, which is itself a file route read there with its checks. The route takes
// those checks; while the other file's route cannot be read alike (a helper it ends with, judged
// relative to its own file, another re-export, per-method branches), the doubt stays.
import type { Program } from '../interp/program';
import type { FileDecls, RouteDecl } from '../types';

export function applyReexportedHandlers(decls: FileDecls[], program: Program | undefined): void {
  if (!program || !decls.some((d) => d.routes.some((r) => r.reexportOf))) return;
  const byFile = new Map(decls.map((d) => [d.file, d]));
  for (const d of decls) {
    if (!d.routes.some((r) => r.reexportOf)) continue;
    // New records: a file's routes may be the cached facts of its last read.
    d.routes = d.routes.map((r): RouteDecl => {
      if (!r.reexportOf) return r;
      const target = program.resolve(d.file, r.reexportOf);
      const from = target ? byFile.get(target)?.routes.filter((t) => t.framework === r.framework && t.handler === 'default') : undefined;
      const t = from?.length === 1 ? from[0]! : undefined;
      if (!t || t.method !== r.method || t.helperCall || t.reexportOf) return r;
      const { doubt: _doubt, reexportOf: _reexport, ...rest } = r;
      return { ...rest, guards: [...r.guards, ...t.guards], ...(t.doubt ? { doubt: t.doubt } : {}) };
    });
  }
}

/**
 * `export * from '../../../links/route'` in a route file (Next.js app router: a legacy URL that serves
 * the moved route's handlers): one route per method handler the other route file exports, at this
 * file's path, with that route's checks as judged there (run after the cross-file checks, so a
 * wrapper's or helper's verdict comes along). A module that is no route file leaves the route in doubt.
 */
export function applyReexportedModules(decls: FileDecls[], program: Program | undefined): void {
  if (!program || !decls.some((d) => d.routes.some((r) => r.reexportAll))) return;
  const byFile = new Map(decls.map((d) => [d.file, d]));
  for (const d of decls) {
    if (!d.routes.some((r) => r.reexportAll)) continue;
    d.routes = d.routes.flatMap((r): RouteDecl[] => {
      if (!r.reexportAll) return [r];
      const target = program.resolve(d.file, r.reexportAll);
      const from = target && target !== d.file ? byFile.get(target)?.routes.filter((t) => t.framework === r.framework && !t.reexportAll) : undefined;
      if (!from?.length) return [r];
      const { doubt: _doubt, reexportAll: _all, ...rest } = r;
      return from.map((t) => ({ ...rest, method: t.method, handler: `${t.handler} (${target}:${t.line})`, guards: [...r.guards, ...t.guards], ...(t.doubt ? { doubt: t.doubt } : {}), ...(t.openNote ? { openNote: t.openNote } : {}) }));
    });
  }
}

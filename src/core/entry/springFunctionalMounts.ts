// Where the routes of a Spring functional router that is no bean answer (springFunctionalRoutes.ts):
// a collector gathers every bean of one type and nests each one's router under a literal and the
// value another of its methods gives (`nest(path("/apis/" + gv), …)` over `e.groupVersion()` and
// `e.endpoint()`), so a class of that type has its routes under that literal and the value its own
// method — or the interface's default one — returns. A value the code computes (a call we do not
// follow) leaves the route's path dynamic, shown with the expression; so does a router nobody we
// can see collects.
import type { FileDecls, RouteDecl } from './types';
import type { FunctionalClass, FunctionalCollector, FunctionalFileFacts, FunctionalValue } from './springFunctionalRoutes';

const join = (a: string, b: string): string => (b === '' ? a : `${a.replace(/\/+$/, '')}/${b.replace(/^\/+/, '')}`);

export function resolveFunctionalMounts(decls: FileDecls[], facts: FunctionalFileFacts[]): void {
  if (!decls.some((d) => d.routes.some((r) => r.functional))) return;
  const classes = new Map<string, FunctionalClass>();
  const templates = new Map<string, (string | number)[]>();
  const collectors: FunctionalCollector[] = [];
  for (const f of facts) {
    for (const c of f.classes) if (!classes.has(c.name)) classes.set(c.name, c);
    for (const t of f.templates) templates.set(t.name, t.parts);
    collectors.push(...f.collectors);
  }
  /** The class and its supertypes, nearest first (an override before the interface's default). */
  const lineage = (name: string): FunctionalClass[] => {
    const out: FunctionalClass[] = [];
    const queue = [name];
    while (queue.length && out.length < 12) {
      const c = classes.get(queue.shift()!);
      if (!c || out.includes(c)) continue;
      out.push(c);
      queue.push(...c.supers);
    }
    return out;
  };
  const render = (v: FunctionalValue | undefined): string | undefined => {
    if (v === undefined || v === null || typeof v === 'string') return v ?? undefined;
    if ('helper' in v) return undefined;
    const parts = templates.get(v.type);
    return parts ? parts.map((p) => (typeof p === 'number' ? v.args[p] ?? '' : p)).join('') : undefined;
  };
  // Routes are replaced, never edited: a file's routes may be the cached facts of its last read.
  decls.forEach((d, i) => {
    if (d.routes.some((r) => r.functional)) decls[i] = { ...d, routes: d.routes.map((r) => (r.functional ? mounted(r, r.functional, lineage, collectors, render) : r)) };
  });
}

function mounted(r: RouteDecl, at: { cls: string; method: string }, lineage: (name: string) => FunctionalClass[], collectors: FunctionalCollector[], render: (v: FunctionalValue | undefined) => string | undefined): RouteDecl {
  const { functional: _pending, ...rest } = r;
  const up = lineage(at.cls);
  const types = new Set([at.cls, ...up.flatMap((c) => [c.name, ...c.supers])]);
  const c = collectors.find((k) => types.has(k.iface) && k.calls.includes(at.method));
  if (!c) return { ...rest, dynamic: rest.dynamic ?? `mounted where ${at.cls}.${at.method}() is used` };
  const key = c.calls.find((m) => m !== at.method && up.some((k) => m in k.values)) ?? c.calls.find((m) => m !== at.method);
  const value = key === undefined ? undefined : render(up.find((k) => key in k.values)?.values[key]);
  if (value === undefined) return { ...rest, dynamic: rest.dynamic ?? `"${c.prefix}" + ${at.cls}.${key ?? '?'}() + "/${r.path}" (${c.file}:${c.line})` };
  return { ...rest, path: join(join(c.prefix, value), r.path) };
}

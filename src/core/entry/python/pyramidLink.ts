// Pyramid, across files: a view bound to a route by name (pyramidFacts.ts) answers at the pattern
// that `add_route` gave that name, in whichever module it was declared (route names are global to
// the Configurator). Its methods are the view's `request_method` (each a route; none: every method),
// narrowed to the route's own `request_method` when the route has one. A view whose route name no
// module declares makes no route. Guards: `permission=` (the security policy's check, before the
// view) and `is_authenticated=True` (no view matches an anonymous request); a class view whose class
// reads the identity and that has neither is unknown.
import type { FileDecls, Guard, GuardCandidate, RouteDecl } from '../types';
import { readablePattern, type PyrRoute, type PyrView } from './pyramidFacts';

export function linkPyramid(pys: FileDecls[]): void {
  const files = pys.filter((d) => d.py?.pyramid);
  if (!files.length) return;
  const byName = new Map<string, PyrRoute & { file: string }>();
  for (const d of files) for (const r of d.py!.pyramid!.routes) if (!byName.has(r.name)) byName.set(r.name, { ...r, file: d.file });
  for (const d of files) {
    for (const v of d.py!.pyramid!.views) {
      const route = byName.get(v.routeName);
      if (!route) continue;
      const path = readablePattern(route.pattern);
      const guards = guardsOf(v, d.file, route);
      const handler = v.cls ? `${v.cls}.${v.fn}` : v.fn;
      for (const m of methodsOf(v, route)) {
        const decl: RouteDecl = { method: m, path, handler, handlerRef: `${d.file}#${handler}`, handlerSymbol: handler, inlineRange: v.range, guards: guards.map((g): GuardCandidate => ({ text: g.name, line: g.line, via: g.reason, guard: g })), file: d.file, line: v.line, order: v.order, framework: 'pyramid' };
        if (v.classReads && !guards.length) decl.doubt = `depends on the code of class ${v.cls} (${d.file}:${v.classReads.line}), which reads who is calling; a class view's methods are not judged`;
        d.routes.push(decl);
        // A view function of the module is judged by its code, as a Flask view is (flaskGuardJudge.ts).
        if (!v.cls) d.py!.views.set(decl, { fn: v.fn, decorators: [] });
      }
    }
  }
}

function methodsOf(v: PyrView, route: PyrRoute): string[] {
  if (!route.methods) return v.methods;
  if (v.methods.includes('ANY')) return route.methods;
  return v.methods.filter((m) => route.methods!.includes(m));
}

function guardsOf(v: PyrView, file: string, route: PyrRoute & { file: string }): Guard[] {
  const at = `route ${route.name} (${route.file}:${route.line})`;
  const out: Guard[] = [];
  if (v.permission) out.push({ name: `permission=${v.permission.text}`, kind: 'authorization', reason: `view permission checked by the Pyramid security policy before the view runs, for ${at}`, file, line: v.permission.line });
  if (v.authenticated) out.push({ name: 'is_authenticated=True', kind: 'authentication', reason: `view predicate: no view of ${at} matches an anonymous request`, file, line: v.authenticated.line });
  return out;
}

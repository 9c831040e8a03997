// The calls of ours that a Vert.x Web handler makes before the route's own handler
// (vertxWebRoutes.ts: `coroutineHandler { Auth(keycloak, authz, AuthRole.VIEW).handle(it); it.next() }`),
// judged by the called function's code in any Kotlin file: one that answers 401/403
// (kotlinGuardBlocks.ts's refusers, with their class) guards the route. A call whose code was not
// found refusing leaves the route unknown: a check of ours we could not read is never taken for none.
import type { RouteDecl } from './types';
import type { KtGuardFacts } from './kotlinGuardBlocks';

export function resolveVertxChecks(routes: RouteDecl[], all: KtGuardFacts[]): void {
  const refusers = all.flatMap((f) => f.refusers);
  for (const r of routes) {
    const checks = r.vertxChecks;
    if (!checks?.length || r.guards.some((g) => g.guard)) continue;
    for (const c of checks) {
      const found = refusers.filter((x) => x.name === c.name && (c.cls ? x.cls === c.cls : true));
      if (found.length === 1 || (found.length > 1 && c.cls)) {
        const f = found[0];
        r.guards.push({
          text: c.text,
          line: c.line,
          via: 'handler',
          guard: { name: c.text, kind: 'authentication', reason: `a handler before the route's own calls ${c.text}, whose code (${f.file}:${f.line}) answers 401/403`, file: r.file, line: c.line },
        });
        delete r.doubt;
        break;
      }
      r.doubt ??= `${c.text} (${r.file}:${c.line}) runs before the route's handler: its code was not found answering 401/403, not judged`;
    }
  }
}

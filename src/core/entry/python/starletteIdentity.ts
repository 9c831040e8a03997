// A FastAPI/Starlette handler that tests `request.user` (`user = request.user.object if
// request.user.is_authenticated else None`): Starlette's AuthenticationMiddleware sets it and
// refuses nobody, so a route with no guard of its own or on its way that branches on it serves
// anonymous and identified callers differently — optional, as a Flask view testing current_user is
// (flaskGuardJudge.ts). A route with a guard, a dependency or a doubt of its own keeps it; a guard an
// annotated type brings (resolved later) still wins, a required guard always does (guardState.ts).
import type { FileDecls } from '../types';

/** `request.user` as Starlette's `HTTPConnection.user` (the handler's request or websocket). */
const STARLETTE_USER = /\b(request|req|websocket|conn)\.user\b/;

export function starletteIdentityReads(pys: FileDecls[]): void {
  for (const d of pys) {
    for (const r of d.routes) {
      if (r.framework !== 'fastapi' || r.doubt || r.guards.some((g) => g.guard || g.depends || g.doubt)) continue;
      const view = d.py!.views.get(r);
      const f = view ? d.py!.funcs[view.fn] : undefined;
      const t = (f?.tests ?? []).find((a) => STARLETTE_USER.test(a.text));
      if (!view || !t) continue;
      r.guards = [...r.guards, { text: 'identity read', line: t.line, via: 'handler', guard: { name: `${view.fn} tests ${t.text}`, kind: 'authentication', optional: true, reason: `in the handler: tests ${t.text} (${d.file}:${t.line}), set by Starlette's authentication middleware, and refuses nobody; anonymous requests served`, file: d.file, line: t.line } }];
    }
  }
}

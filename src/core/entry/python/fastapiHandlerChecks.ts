// A FastAPI handler that calls a dependency function of ours itself (`await
// require_camera_access(event.camera, request=request)` after looking the event up), rather than
// declaring it: the function's code refuses (401/403, read as any dependency's is), so the route is
// not known open, though when the call runs (after which lookups, inside which `try`) is not read.
// Such a route, with no required guard of its own and none on its way, is unknown, never unguarded.
import type { FileDecls, GuardCandidate } from '../types';

export function fastapiHandlerChecks(pys: FileDecls[], clean: (cs: GuardCandidate[]) => GuardCandidate[]): void {
  for (const d of pys) {
    for (const r of d.routes) {
      if (r.framework !== 'fastapi' || r.doubt) continue;
      if (r.guards.some((g) => g.guard && !g.guard.optional && g.guard.kind !== 'other')) continue;
      const view = d.py!.views.get(r);
      const f = view ? d.py!.funcs[view.fn] : undefined;
      for (const c of f?.calls ?? []) {
        const name = c.ref.slice(c.ref.lastIndexOf('#') + 1);
        const probe: GuardCandidate = { text: name, line: c.line, via: 'handler', depends: c.ref, byCode: true, guard: { name, kind: 'authentication', reason: 'handler call', file: d.file, line: c.line } };
        const [kept] = clean([probe]);
        // Its own code refuses (a raise of 401/403 read in it), not only something it calls.
        const ev = kept?.guard && !kept.doubt && !kept.guard.optional ? kept.guard.evidence : undefined;
        if (!ev) continue;
        r.doubt = `the handler calls ${name} (${d.file}:${c.line}), a function of ours that refuses (${ev.how}, ${ev.file}:${ev.line}); when that call runs is not read`;
        break;
      }
    }
  }
}

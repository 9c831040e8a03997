// Litestar, across files: the routes of the handlers litestarFacts.ts recorded. A handler's full path
// is the paths of the Routers that list it (or its controller) on the way to the application, the
// controller's `path` (its own or a base's) and its own path, joined by single slashes; a controller
// or handler no Router we read lists answers at the application's root (Litestar mounts every
// `route_handlers` entry there; a list built at run time, `app_config.route_handlers.extend(controllers)`,
// is not followed). Each HTTP method of `@route(http_method=[…])` is a route.
// Guards: the guards of the Routers, the controller (and its bases) and the handler — a function of
// ours that raises NotAuthorizedException/PermissionDeniedException (or HTTPException 401/403) is a
// guard with that line, one of ours that raises none is no guard, one defined elsewhere is judged by
// its name. An authentication backend the application installs (its `.on_app_init` or
// `.middleware` read under its name somewhere in the service, often through a parameter:
// `auth.on_app_init(app_config)`) refuses every route whose handler, controller or router is not
// marked with its exclude key (`exclude_from_auth=True`) and whose path no `exclude` regex matches
// (Litestar searches the path with them, unanchored); an exclude list we cannot read leaves those
// routes `unknown`.
import type { FileDecls, Guard, GuardCandidate, Ref, RouteDecl } from '../types';
import type { LitestarFacts, LsAuth, LsController, LsHandler, LsName } from './litestarFacts';
import { makeGuard } from '../guards';
import { getOwn } from '../../ownKeys';

const MAX_DEPTH = 10;

export function linkLitestar(pys: FileDecls[], resolve: (ref: Ref) => Ref): void {
  const files = pys.filter((d) => d.py?.litestar);
  if (!files.length) return;
  const byFile = new Map(files.map((d) => [d.file, d]));
  const split = (ref: Ref): [string, string] => {
    const i = ref.lastIndexOf('#');
    return [ref.slice(0, i), ref.slice(i + 1)];
  };
  const facts = (file: string): LitestarFacts | undefined => byFile.get(file)?.py?.litestar;
  const target = (n: LsName, file: string): [string, string] => split(resolve(n.ref ?? `${file}#${n.text}`));

  type Cls = { file: string; name: string; c: LsController };
  const classAt = (file: string, name: string): Cls | undefined => {
    const c = getOwn(facts(file)?.controllers ?? {}, name);
    return c ? { file, name, c } : undefined;
  };
  /** The class and its bases of ours, nearest first; `controller`: some class on the way extends Litestar's Controller. */
  const chain = (k: Cls): { classes: Cls[]; controller: boolean } => {
    const classes: Cls[] = [];
    let controller = false;
    const visit = (c: Cls, depth: number): void => {
      if (depth > MAX_DEPTH || classes.some((o) => o.file === c.file && o.name === c.name)) return;
      classes.push(c);
      for (const b of c.c.bases) {
        if (b.text === 'litestar.Controller') controller = true;
        const [f, n] = target(b, c.file);
        const next = classAt(f, n);
        if (next) visit(next, depth + 1);
      }
    };
    visit(k, 0);
    return { classes, controller };
  };

  // Routers' lists: what each lists, so that a controller or handler gets the prefixes of the routers on its way.
  const listedBy = new Map<string, { path: string; guards: Guard[]; router: string; app: boolean }[]>();
  for (const d of files) {
    for (const r of d.py!.litestar!.routers) {
      const self = r.name ? `${d.file}#${r.name}` : `${d.file}@${r.line}`;
      const guards = guardsOf(r.guards, d.file, `guards of ${r.app ? 'Litestar' : 'Router'}(…) at ${d.file}:${r.line}`);
      for (const h of r.handlers) {
        const [f, n] = target(h, d.file);
        const k = `${f}#${n}`;
        listedBy.set(k, [...(listedBy.get(k) ?? []), { path: r.path, guards, router: self, app: r.app }]);
      }
    }
  }
  /** Every way from the application to `k`: the paths and guards of the routers on it, outermost first. */
  const ways = (k: string, depth = 0): { prefix: string; guards: Guard[] }[] => {
    const by = listedBy.get(k);
    if (!by?.length || depth > MAX_DEPTH) return [{ prefix: '', guards: [] }];
    return by.flatMap((b) => (b.app ? [{ prefix: b.path, guards: b.guards }] : ways(b.router, depth + 1).map((w) => ({ prefix: joinPath(w.prefix, b.path), guards: [...w.guards, ...b.guards] }))));
  };

  function guardsOf(list: LsName[], file: string, via: string): Guard[] {
    const out: Guard[] = [];
    for (const g of list) {
      const [f, n] = target(g, file);
      const own = facts(f);
      const refusal = own ? getOwn(own.refusers, n) : undefined;
      if (refusal) out.push({ name: g.text, kind: refusal.authn ? 'authentication' : 'authorization', reason: `${via} (${file}:${g.line}); its code refuses: ${refusal.text} (${f}:${refusal.line})`, file, line: g.line, evidence: { how: 'refuses', text: refusal.text, file: f, line: refusal.line } });
      else if (!own && !pys.some((p) => p.file === f)) {
        const mg = makeGuard(g.text, file, g.line, via);
        if (mg) out.push(mg);
      }
    }
    return out;
  }

  const backends: { auth: LsAuth; file: string }[] = [];
  const installed = new Set(files.flatMap((d) => d.py!.litestar!.installs));
  for (const d of files) for (const a of d.py!.litestar!.auths) if (installed.has(a.name)) backends.push({ auth: a, file: d.file });

  const emit = (d: FileDecls, h: LsHandler, owner: Cls | undefined): void => {
    const ch = owner ? chain(owner) : undefined;
    if (owner && !ch?.controller) return;
    const basePath = ch?.classes.find((c) => c.c.path !== undefined)?.c.path ?? '';
    const classGuards = (ch?.classes ?? []).flatMap((c) => guardsOf(c.c.guards ?? [], c.file, `guards of controller ${c.name}`));
    const handlerGuards = guardsOf(h.guards, d.file, `guards of @${h.methods.join('/').toLowerCase()} ${h.fn}`);
    const excluded = !!h.excluded || !!ch?.classes.some((c) => c.c.excluded);
    const handler = owner ? `${owner.name}.${h.fn}` : h.fn;
    for (const way of ways(owner ? `${owner.file}#${owner.name}` : `${d.file}#${h.fn}`)) {
      for (const p of h.paths ?? [undefined]) {
        const full = p === undefined ? undefined : readable(joinPath(joinPath(way.prefix, basePath), p));
        const guards: Guard[] = [...way.guards, ...classGuards, ...handlerGuards];
        let doubt: string | undefined;
        for (const b of backends) {
          if (excluded && b.auth.optKey === 'exclude_from_auth') continue;
          if (!b.auth.exclude) {
            doubt = `depends on ${b.auth.name}'s exclude list (${b.file}:${b.auth.line}), not read: ${b.auth.excludeText}`;
            continue;
          }
          const hit = full === undefined ? undefined : b.auth.exclude.find((x) => matches(x, full));
          if (hit !== undefined) continue;
          guards.unshift({ name: `${b.auth.name} (${b.auth.cls})`, kind: 'authentication', reason: `Litestar authentication backend ${b.auth.name} (${b.file}:${b.auth.line}), installed through ${b.auth.name}.on_app_init/middleware; the route is not marked exclude_from_auth and no exclude pattern matches its path`, file: b.file, line: b.auth.line });
        }
        for (const m of h.methods) {
          const decl: RouteDecl = { method: m, path: full ?? '', handler, handlerRef: `${d.file}#${handler}`, handlerSymbol: handler, inlineRange: h.range, guards: guards.map((g): GuardCandidate => ({ text: g.name, line: g.line, via: g.reason, guard: g })), file: d.file, line: h.line, order: h.order, framework: 'litestar' };
          if (full === undefined) decl.dynamic = h.pathText ?? p ?? '';
          if (doubt && !guards.some((g) => g.kind !== 'other' && !g.optional)) decl.doubt = doubt;
          d.routes.push(decl);
        }
      }
    }
  };
  for (const d of files) {
    const lf = d.py!.litestar!;
    for (const h of lf.handlers) emit(d, h, h.cls ? classAt(d.file, h.cls) : undefined);
  }
}

/** Litestar joins paths by single slashes and drops a trailing one: `/api/teams` + `/` → `/api/teams`. */
export function joinPath(a: string, b: string): string {
  const joined = [a, b].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  return `/${joined}`;
}

/** `{team_id:uuid}` → `:team_id`; `{path:path}` at the end → `*`. */
function readable(path: string): string {
  return path.replace(/\/\{\w+:path\}$/, '/*').replace(/\{(\w+)(?::\w+)?\}/g, ':$1');
}

/** An exclude pattern searched in the route's path, its parameters standing as one plain segment each. */
function matches(pattern: string, path: string): boolean {
  try {
    return new RegExp(pattern).test(path.replace(/:\w+/g, 'x').replace(/\*$/, ''));
  } catch {
    return false;
  }
}

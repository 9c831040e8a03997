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
// marked with its exclude key (`exclude_from_auth=True`, or in an `opt` dict) and whose path no `exclude` regex matches
// (Litestar searches the path with them, unanchored); an exclude list we cannot read leaves those
// routes `unknown`, and so does a backend whose installation we do not see (no module-level name, or
// none of its `.on_app_init`/`.middleware` read). An authentication middleware class of ours (extending AbstractAuthenticationMiddleware,
// its `authenticate_request` raising 401/403) in an application's `middleware=[…]` (every route) or a Router's (the
// routes under it), bare or as `DefineMiddleware(cls, exclude=…, exclude_from_auth_key=…)`, refuses the same way.
import type { FileDecls, Guard, GuardCandidate, Ref, RouteDecl } from '../types';
import type { LitestarFacts, LsController, LsDefine, LsHandler, LsMiddleware, LsName } from './litestarFacts';
import { makeGuard } from '../guards';
import { getOwn } from '../../ownKeys';
import { splitRef } from './pyRef';

const MAX_DEPTH = 10;

/** A layer that refuses a caller it cannot identify, unless the route is marked with `optKey` or its path matches `exclude`. */
type Refuser = { name: string; file: string; line: number; exclude?: string[]; excludeText?: string; optKey: string; reason: string; unsure?: true };

export function linkLitestar(pys: FileDecls[], resolve: (ref: Ref) => Ref): void {
  const files = pys.filter((d) => d.py?.litestar);
  if (!files.length) return;
  const byFile = new Map(files.map((d) => [d.file, d]));
  const facts = (file: string): LitestarFacts | undefined => byFile.get(file)?.py?.litestar;
  const allFiles = new Map(pys.map((d) => [d.file, d]));
  /** A path written as a module's constant (`urls.ADMIN_USERS`), read where it is defined. */
  const constPath = (ref: Ref | undefined): string | undefined => {
    if (!ref) return undefined;
    const [f, n] = splitRef(resolve(ref));
    const consts = allFiles.get(f)?.py?.pathConsts;
    return consts ? getOwn(consts, n) : undefined;
  };
  const target = (n: LsName, file: string): [string, string] => splitRef(resolve(n.ref ?? `${file}#${n.text}`));

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

  /** A middleware that refuses whom it cannot identify: an authentication middleware class of ours, with the exclusions it was given. */
  const refuserOf = (m: LsMiddleware, file: string): Refuser | undefined => {
    let define: { d: LsDefine; file: string } | undefined = 'define' in m ? { d: m.define, file } : undefined;
    if ('name' in m) {
      const [f, n] = target(m.name, file);
      const def = getOwn(facts(f)?.defines ?? {}, n);
      if (def) define = { d: def, file: f };
      else {
        const mw = getOwn(facts(f)?.authMiddlewares ?? {}, n);
        return mw ? { name: m.name.text, file, line: m.name.line, exclude: [], optKey: 'exclude_from_auth', reason: `authentication middleware ${n} (${file}:${m.name.line}); its authenticate_request refuses: ${mw.text} (${f}:${mw.line})` } : undefined;
      }
    }
    const [f, n] = target(define!.d.cls, define!.file);
    const mw = getOwn(facts(f)?.authMiddlewares ?? {}, n);
    if (!mw) return undefined;
    const { exclude, excludeText, optKey, line } = define!.d;
    return { name: `DefineMiddleware(${define!.d.cls.text})`, file: define!.file, line, ...(exclude ? { exclude } : { excludeText: excludeText! }), optKey, reason: `authentication middleware ${n} (${define!.file}:${line}); its authenticate_request refuses: ${mw.text} (${f}:${mw.line})` };
  };

  // Routers' lists: what each lists, so that a controller or handler gets the prefixes of the routers on its way.
  const listedBy = new Map<string, { path: string; guards: Guard[]; refusers: Refuser[]; excluded: boolean; router: string; app: boolean }[]>();
  /** Refusing layers every route meets: installed authentication backends and the applications' authentication middleware. */
  const everywhere: Refuser[] = [];
  for (const d of files) {
    for (const r of d.py!.litestar!.routers) {
      const self = r.name ? `${d.file}#${r.name}` : `${d.file}@${r.line}`;
      const guards = guardsOf(r.guards, d.file, `guards of ${r.app ? 'Litestar' : 'Router'}(…) at ${d.file}:${r.line}`);
      const refusers = r.middleware.map((m) => refuserOf(m, d.file)).filter((x): x is Refuser => !!x);
      if (r.app) everywhere.push(...refusers);
      for (const h of r.handlers) {
        const [f, n] = target(h, d.file);
        const k = `${f}#${n}`;
        listedBy.set(k, [...(listedBy.get(k) ?? []), { path: r.path, guards, refusers: r.app ? [] : refusers, excluded: !!r.excluded, router: self, app: r.app }]);
      }
    }
  }
  type Way = { prefix: string; guards: Guard[]; refusers: Refuser[]; excluded: boolean };
  /** Every way from the application to `k`: the paths, guards and refusing middleware of the routers on it, outermost first. */
  const ways = (k: string, depth = 0): Way[] => {
    const by = listedBy.get(k);
    if (!by?.length || depth > MAX_DEPTH) return [{ prefix: '', guards: [], refusers: [], excluded: false }];
    return by.flatMap((b) => (b.app ? [{ prefix: b.path, guards: b.guards, refusers: [], excluded: b.excluded }] : ways(b.router, depth + 1).map((w) => ({ prefix: joinPath(w.prefix, b.path), guards: [...w.guards, ...b.guards], refusers: [...w.refusers, ...b.refusers], excluded: w.excluded || b.excluded }))));
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

  const installed = new Set(files.flatMap((d) => d.py!.litestar!.installs));
  for (const d of files) {
    for (const a of d.py!.litestar!.auths) {
      const { exclude, excludeText, optKey } = a;
      // A backend whose installation we do not see may still be installed: the routes it would guard stay unknown.
      const unsure = !a.name || !installed.has(a.name);
      everywhere.push({ name: `${a.name || '<unnamed>'} (${a.cls})`, file: d.file, line: a.line, ...(exclude ? { exclude } : { excludeText: excludeText! }), optKey, reason: `Litestar authentication backend ${a.name || a.cls} (${d.file}:${a.line}), installed through ${a.name}.on_app_init/middleware`, ...(unsure ? { unsure: true } : {}) });
    }
  }

  const emit = (d: FileDecls, h: LsHandler, owner: Cls | undefined): void => {
    const ch = owner ? chain(owner) : undefined;
    if (owner && !ch?.controller) return;
    // The nearest class that writes a path: as read, as another module's constant, or unread (the route's path stays dynamic).
    const pathClass = ch?.classes.find((c) => c.c.path !== undefined || c.c.pathRef !== undefined || c.c.pathText !== undefined);
    const basePath = pathClass ? pathClass.c.path ?? constPath(pathClass.c.pathRef) : '';
    const paths = h.paths ?? (constPath(h.pathRef) !== undefined ? [constPath(h.pathRef)!] : undefined);
    const classGuards = (ch?.classes ?? []).flatMap((c) => guardsOf(c.c.guards ?? [], c.file, `guards of controller ${c.name}`));
    const handlerGuards = guardsOf(h.guards, d.file, `guards of @${h.methods.join('/').toLowerCase()} ${h.fn}`);
    const excluded = !!h.excluded || !!ch?.classes.some((c) => c.c.excluded);
    const handler = owner ? `${owner.name}.${h.fn}` : h.fn;
    for (const way of ways(owner ? `${owner.file}#${owner.name}` : `${d.file}#${h.fn}`)) {
      for (const p of paths ?? [undefined]) {
        const full = p === undefined || basePath === undefined ? undefined : readable(joinPath(joinPath(way.prefix, basePath), p));
        const guards: Guard[] = [...way.guards, ...classGuards, ...handlerGuards];
        let doubt: string | undefined;
        for (const b of [...everywhere, ...way.refusers]) {
          if ((excluded || way.excluded) && b.optKey === 'exclude_from_auth') continue;
          if (!b.exclude) {
            doubt = `depends on the exclude list of ${b.name} (${b.file}:${b.line}), not read: ${b.excludeText}`;
            continue;
          }
          const hit = full === undefined ? undefined : b.exclude.find((x) => matches(x, full));
          if (hit !== undefined) continue;
          if (b.unsure) {
            doubt = `depends on whether the Litestar authentication backend ${b.name} (${b.file}:${b.line}) is installed: no .on_app_init or .middleware of it was read`;
            continue;
          }
          guards.unshift({ name: b.name, kind: 'authentication', reason: `${b.reason}; the route is not marked ${b.optKey} and no exclude pattern matches its path`, file: b.file, line: b.line });
        }
        for (const m of h.methods) {
          const decl: RouteDecl = { method: m, path: full ?? '', handler, handlerRef: `${d.file}#${handler}`, handlerSymbol: handler, inlineRange: h.range, guards: guards.map((g): GuardCandidate => ({ text: g.name, line: g.line, via: g.reason, guard: g })), file: d.file, line: h.line, order: h.order, framework: 'litestar' };
          if (full === undefined) decl.dynamic = basePath === undefined ? `${pathClass!.c.pathText ?? ''} + ${p ?? h.pathText ?? ''}` : h.pathText ?? p ?? '';
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

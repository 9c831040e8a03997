// Links per-file route declarations into routes with full paths and the guards on their way:
// resolves imports to exports, treats `use()` arguments that are routers as mounts and the rest
// as middleware (ordered: middleware applies to what is registered after it), and walks every
// mount chain from a root router down, so a router mounted twice yields its routes twice.
import type { EntryPoint, FileDecls, Guard, GuardCandidate, Ref, RouteDecl } from './types';
import { isPublic, makeGuard, oneLine } from './guards';
import { joinPaths, KEPT_PATTERN } from './routePath';

interface Edge {
  parent: Ref;
  child: Ref;
  prefix: string;
  dynamic?: string;
  guards: GuardCandidate[];
  file: string;
  order: number;
  replacesOwnPrefix?: boolean;
}

interface Middleware {
  router: Ref;
  prefix: string;
  candidate: GuardCandidate;
  file: string;
  order: number;
}

interface Chain {
  path: string;
  guards: { c: GuardCandidate; file: string }[];
  dynamic?: string;
}

export function linkRoutes(all: FileDecls[]): { entries: EntryPoint[]; handlerTargets: Map<EntryPoint, Ref>; dependencyTargets: Map<EntryPoint, Ref[]> } {
  const byFile = new Map(all.map((d) => [d.file, d]));
  // Go: a package is a folder; `godir:dir#Name` finds the file that declares Name.
  const goExports = new Map<string, Ref>();
  for (const d of all) {
    const dir = d.file.includes('/') ? d.file.slice(0, d.file.lastIndexOf('/')) : '';
    for (const [name, ref] of Object.entries(d.exports)) if (d.file.endsWith('.go')) goExports.set(`${dir}#${name}`, ref);
  }
  const resolve = (ref: Ref): Ref => {
    let cur = ref;
    for (let i = 0; i < 25; i++) {
      // `(i)`: the i-th parameter of a function; `()`: what the function returns.
      const m = /^(.*?)(\(\d*\))?$/.exec(cur)!;
      let base = m[1];
      const suffix = m[2] ?? '';
      let next: Ref | undefined;
      if (base.startsWith('godir:')) {
        const found = goExports.get(base.slice('godir:'.length));
        if (!found) return cur;
        next = found + suffix;
      } else if (base.startsWith('import:')) {
        const body = base.slice('import:'.length);
        const hash = body.lastIndexOf('#');
        const file = body.slice(0, hash);
        const name = body.slice(hash + 1);
        const decls = byFile.get(file);
        base = decls?.exports[name] ?? `${file}#${name}`;
        next = base + suffix;
      } else {
        const file = base.slice(0, base.lastIndexOf('#'));
        const aliases = byFile.get(file)?.aliases;
        // `fn()` is linked as a whole to the router fn returns; otherwise follow the binding.
        if (suffix === '()' && aliases?.[cur]) next = aliases[cur];
        else if (aliases?.[base]) next = aliases[base] + suffix;
      }
      if (!next || next === cur) return cur;
      cur = next;
    }
    return cur;
  };

  // A prefix written as a name (`settings.api_prefix`, `API_PREFIX`): the constant of that name,
  // from the same file or else the only one in the repository.
  const constants = new Map<string, Set<string>>();
  for (const d of all) for (const [k, v] of Object.entries(d.constants ?? {})) constants.set(k, (constants.get(k) ?? new Set()).add(v));
  const constant = (file: string, expr: string): string | undefined => {
    // `app.config["USER_URL_PREFIX"]` (Flask): the config class's attribute of that name.
    const key = /^[A-Za-z_][\w.]*\.config\[\s*["']([A-Za-z_]\w*)["']\s*\]$/.exec(expr.trim())?.[1];
    const m = key ?? /^[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*$/.exec(expr.trim());
    if (!m) return undefined;
    const name = key ?? expr.trim().split('.').pop()!;
    const local = byFile.get(file)?.constants?.[name];
    if (local !== undefined) return local;
    const vals = constants.get(name);
    return vals && vals.size === 1 ? [...vals][0] : undefined;
  };
  for (const d of all) {
    for (const u of d.uses) {
      if (u.dynamic === undefined) continue;
      const v = constant(d.file, u.dynamic);
      if (v !== undefined) {
        u.prefix = v;
        u.dynamic = undefined;
      }
    }
    for (const r of d.routes) {
      if (r.dynamic === undefined) continue;
      const v = constant(d.file, r.dynamic);
      if (v !== undefined) {
        r.path = v;
        r.dynamic = undefined;
      }
    }
  }

  const routers = new Set<Ref>();
  const ownPrefix = new Map<Ref, { prefix: string; guards: GuardCandidate[]; file: string }>();
  for (const d of all) {
    for (const r of d.routers) routers.add(resolve(r));
    for (const [r, p] of Object.entries(d.prefixes)) {
      routers.add(resolve(r));
      ownPrefix.set(resolve(r), { ...p, file: d.file });
    }
    for (const r of d.routes) if (r.router) routers.add(resolve(r.router));
    for (const u of d.uses) routers.add(resolve(u.parent));
  }

  const edges: Edge[] = [];
  const middleware: Middleware[] = [];
  for (const d of all) {
    for (const u of d.uses) {
      const parent = resolve(u.parent);
      const mw = u.args.filter((a) => !(a.ref && routers.has(resolve(a.ref))));
      for (const c of u.children ?? []) edges.push({ parent, child: resolve(c), prefix: u.prefix, dynamic: u.dynamic, guards: mw, file: d.file, order: u.order, replacesOwnPrefix: u.replacesOwnPrefix });
      for (const a of u.args) {
        if (a.ref && routers.has(resolve(a.ref))) edges.push({ parent, child: resolve(a.ref), prefix: u.prefix, dynamic: u.dynamic, guards: mw.filter((m) => m.line <= a.line), file: d.file, order: u.order });
      }
      if (!(u.children?.length) && mw.length === u.args.length) {
        for (const c of mw) middleware.push({ router: parent, prefix: u.prefix, candidate: c, file: d.file, order: u.order });
      }
    }
  }
  const incoming = new Map<Ref, Edge[]>();
  for (const e of edges) {
    if (e.parent === e.child) continue;
    const list = incoming.get(e.child) ?? [];
    list.push(e);
    incoming.set(e.child, list);
  }

  const before = (router: Ref, file: string, order: number, subPath: string) =>
    middleware
      .filter((m) => m.router === router && (m.file !== file || m.order < order) && (m.prefix === '' || (subPath + '/').startsWith(joinPaths(m.prefix) + '/')))
      .map((m) => ({ c: m.candidate, file: m.file }));

  const memo = new Map<Ref, Chain[]>();
  const chains = (r: Ref, stack: Set<Ref>): Chain[] => {
    const hit = memo.get(r);
    if (hit) return hit;
    const own = ownPrefix.get(r);
    const ownGuards = (own?.guards ?? []).map((c) => ({ c, file: own!.file }));
    const ins = (incoming.get(r) ?? []).filter((e) => !stack.has(e.parent));
    let out: Chain[];
    if (ins.length === 0) out = [{ path: own?.prefix ?? '', guards: ownGuards }];
    else {
      stack.add(r);
      out = [];
      for (const e of ins) {
        for (const alt of chains(e.parent, stack)) {
          out.push({
            path: joinPaths(alt.path, e.dynamic ? `{${e.dynamic}}` : e.prefix, e.replacesOwnPrefix ? '' : own?.prefix ?? ''),
            guards: [...alt.guards, ...before(e.parent, e.file, e.order, joinPaths(e.prefix)), ...e.guards.map((c) => ({ c, file: e.file })), ...ownGuards],
            dynamic: e.dynamic ?? alt.dynamic,
          });
        }
      }
      stack.delete(r);
    }
    memo.set(r, out);
    return out;
  };

  // Guards hidden behind a type alias: expand them where the alias is used.
  // An alias may name another (`ViewNode = require_scopes(X)`, a factory returning the Annotated type).
  const expand = (cs: GuardCandidate[], seen: ReadonlySet<Ref> = new Set()): GuardCandidate[] =>
    cs.flatMap((c) => {
      if (!c.aliasRef) return [c];
      const target = resolve(c.aliasRef);
      if (seen.has(target)) return [];
      const file = target.slice(0, target.lastIndexOf('#'));
      const gs = expand(byFile.get(file)?.guardAliases?.[target] ?? [], new Set([...seen, target]));
      return gs.map((g) => ({ ...g, via: `${c.via} ${c.text}`, guard: g.guard && { ...g.guard, reason: `${c.via} '${c.text}' = ${g.guard.name} (${file}:${g.line})` } }));
    });
  for (const d of all) for (const r of d.routes) if (r.guards.some((g) => g.aliasRef)) r.guards = expand(r.guards);

  const entries: EntryPoint[] = [];
  const handlerTargets = new Map<EntryPoint, Ref>();
  const dependencyTargets = new Map<EntryPoint, Ref[]>();
  for (const d of all) {
    for (const route of d.routes) {
      const alts: Chain[] = route.router ? chains(resolve(route.router), new Set()) : [{ path: '', guards: [] }];
      for (const alt of alts) {
        const e = toEntry(route, alt, route.router ? before(resolve(route.router), route.file, route.order, joinPaths(route.path)) : []);
        entries.push(e);
        if (route.handlerRef) handlerTargets.set(e, resolve(route.handlerRef));
        if (route.dependencyRefs) dependencyTargets.set(e, route.dependencyRefs.map(resolve));
      }
    }
  }
  return { entries, handlerTargets, dependencyTargets };
}

function toEntry(route: RouteDecl, alt: Chain, local: { c: GuardCandidate; file: string }[]): EntryPoint {
  const dyn = route.dynamic ?? alt.dynamic;
  const joined = joinPaths(alt.path, route.dynamic ? `{${route.dynamic}}` : route.path);
  const path = route.trailingSlash && joined !== '/' ? `${joined}/` : joined;
  const guards: Guard[] = [];
  const seen = new Set<string>();
  let doubt = route.doubt;
  let exempted: string | undefined;
  for (const { c, file } of [...alt.guards, ...local, ...route.guards.map((c) => ({ c, file: route.file }))]) {
    if (c.doubt) {
      doubt ??= c.doubt;
      continue;
    }
    const g = c.guard ?? makeGuard(c.text, file, c.line, c.via);
    if (!g) continue;
    if (c.exemptPaths && exemptPath(path, c.exemptPaths)) {
      exempted ??= `${oneLine(c.text, 60)} lets ${path} through before it refuses`;
      continue;
    }
    const k = `${g.name}@${g.file}:${g.line}`;
    if (seen.has(k)) continue;
    seen.add(k);
    guards.push(g);
  }
  const e: EntryPoint = {
    id: `${route.method} ${path}`,
    kind: route.kind ?? 'http',
    method: route.method,
    path,
    handler: route.handler,
    file: route.file,
    line: route.line,
    guards,
    public: isPublic(guards),
    framework: route.framework,
  };
  // A refusal whose reach depends on something we cannot read (a setting): never read as public.
  if (doubt && isPublic(guards)) {
    e.guardState = 'unknown';
    e.guardReason = doubt;
  } else if ((route.openNote || exempted) && isPublic(guards)) e.guardReason = `every mount and middleware on the way is known and none refuses requests (${[route.openNote, exempted].filter(Boolean).join('; ')})`;
  if (route.inlineRange) e.handlerLocation = { file: route.file, symbol: route.handlerSymbol ?? '<inline>', range: route.inlineRange };
  if (dyn) e.dynamic = { expression: dyn };
  // A path variable with an excluding pattern is a pattern, not a plain path: shown as written.
  else if (KEPT_PATTERN.test(path)) e.dynamic = { expression: path };
  return e;
}

/** Whether a route path (`/users/:name`, `/files/{id}`) is one a guard's literal exemptions let through. */
function exemptPath(path: string, ex: { eq: string[]; prefix: string[] }): boolean {
  const url = path.replace(/:\w+|\{[^}]*\}/g, 'p1');
  return ex.eq.includes(url) || ex.prefix.some((p) => url.startsWith(p));
}

// Links Ktor's per-file routing facts (ktorRoutes.ts) into routes with full paths and guards:
// from every `routing { }` (the root) down through the Route functions it calls, each call
// adding its place's route(prefix) segments and authenticate { } blocks, so a function called
// from two places yields its routes twice (once per context). Paths written as constants
// (`route(SONGS_PATH)`, `"$AUTH_PATH/login"`) take the `const val` of the file, else the one of
// the repository when only one value has that name; anything else is dynamic.
// Guards: an enclosing authenticate(…) { } without optional = true guards the route (Ktor answers
// 401 without valid credentials of its providers); only optional ones make the identity optional.
// Without one, a check in the handler (ktorChecks.ts) guards it. Unknown stays unknown: a route
// in a block we cannot read (`adminOnly { }` not found in the code), or in a Route function no
// routing { } of the code read reaches, is `unknown` unless a required authenticate applies anyway.
import type { FileDecls, GuardCandidate, RouteDecl } from './types';
import { emptyDecls } from './types';
import { RESOURCE, type KtorAuth, type KtorCtx, type KtorFileFacts, type KtorRoute, type KtorScope } from './ktorRoutes';
import { REFUSING_EXCEPTION } from './ktorChecks';

interface Seg {
  value: string;
  /** The expression as written, when its value is not known. */
  dynamic?: string;
}
type Val = { str: string } | { enumConst: string };
type Env = Map<string, Val>;
const NO_ENV: Env = new Map();

interface Outer {
  segs: Seg[];
  auth: { a: KtorAuth; file: string }[];
  doubts: string[];
  /** The calls that led here, for the reason. */
  via: string[];
  /** The values of the Route function's parameters (and its values made from them) at this call. */
  env: Env;
}

const MAX_DEPTH = 12;

export function linkKtor(all: KtorFileFacts[]): FileDecls[] {
  if (!all.some((f) => f.scopes.length)) return [];
  const byFile = new Map(all.map((f) => [f.file, f]));
  const consts = new Map<string, Set<string>>();
  for (const f of all) for (const [n, v] of f.consts) consts.set(n, (consts.get(n) ?? new Set()).add(v));
  const fileConsts = new Map(all.map((f) => [f.file, new Map(f.consts)]));
  const fns = new Map<string, { file: string; scope: KtorScope }[]>();
  for (const f of all) for (const s of f.scopes) if (s.fn) fns.set(s.fn, [...(fns.get(s.fn) ?? []), { file: f.file, scope: s }]);
  // A call means the function of its own file, else the one it imports, else the one of its package, else any of that name.
  const targets = (name: string, file: string) => {
    const c = fns.get(name) ?? [];
    if (c.length < 2) return c;
    const caller = byFile.get(file);
    const pkgOf = (f: string) => byFile.get(f)?.pkg;
    for (const keep of [(t: { file: string }) => t.file === file, (t: { file: string }) => !!caller?.imports?.includes(`${pkgOf(t.file)}.${name}`), (t: { file: string }) => !!caller?.pkg && pkgOf(t.file) === caller.pkg]) {
      const k = c.filter(keep);
      if (k.length) return k;
    }
    return c;
  };
  const constOf = (name: string, file: string): string | undefined => {
    const n = name.split('.').pop()!;
    const local = fileConsts.get(file)?.get(n);
    if (local !== undefined) return local;
    const vs = consts.get(n);
    return vs && vs.size === 1 ? [...vs][0] : undefined;
  };
  const resources = new Map<string, { path: string; parent?: string; file: string }[]>();
  for (const f of all) for (const r of f.resources) resources.set(r.name, [...(resources.get(r.name) ?? []), { path: r.path, ...(r.parent ? { parent: r.parent } : {}), file: f.file }]);
  // Of two resource classes of one name, the one of the file that names it, else of its package.
  const resourcePath = (name: string, from: string, depth = 0): string | undefined => {
    const all = resources.get(name.replace(/<.*$/, '').split('.').pop()!) ?? [];
    const here = all.filter((r) => r.file === from);
    const pkg = byFile.get(from)?.pkg;
    const near = all.filter((r) => pkg && byFile.get(r.file)?.pkg === pkg);
    const c = here.length ? here : near.length ? near : all;
    if (c.length !== 1 || depth > 8) return undefined;
    // A parent is a constructor property typed as another resource (`val parent: Articles`); `val id: Long` is none.
    const parent = c[0].parent && resources.has(c[0].parent.split('.').pop()!) ? c[0].parent : undefined;
    const up = parent ? resourcePath(parent, c[0].file, depth + 1) : '';
    return up === undefined ? undefined : `${up}/${c[0].path}`;
  };
  /** A value a Route function was given (`crud("users")`, `login(Provider.Google)`): a string, or an enum constant's name. */
  const evaluate = (expr: string, file: string, env: Env): Val | undefined => {
    const e = expr.trim();
    if (/^"((?:[^"\\]|\\.)*)"$/.test(e)) {
      const s = seg(e, file, env);
      return s.dynamic ? undefined : { str: s.value };
    }
    const c = /^([\w.]+?)((?:\.(?:name|lowercase|uppercase|toLowerCase|toUpperCase|toString)(?:\(\))?)*)$/.exec(e);
    if (!c) return undefined;
    let v: Val | undefined = env.get(c[1]);
    if (!v) {
      const k = constOf(c[1], file);
      v = k !== undefined ? { str: k } : /^[A-Z]\w*(?:\.[A-Z]\w*)*\.\w+$/.test(c[1]) ? { enumConst: c[1].split('.').pop()! } : undefined;
    }
    for (const op of c[2].split('.').filter(Boolean)) {
      if (!v) return undefined;
      const o = op.replace(/\(\)$/, '');
      if (o === 'name' || o === 'toString') v = 'enumConst' in v ? { str: v.enumConst } : v;
      else if ('str' in v && (o === 'lowercase' || o === 'toLowerCase')) v = { str: v.str.toLowerCase() };
      else if ('str' in v && (o === 'uppercase' || o === 'toUpperCase')) v = { str: v.str.toUpperCase() };
      else return undefined;
    }
    return v;
  };
  /** What a Route function's parameters and its values made from them hold at one call. */
  const envOf = (target: KtorScope, targetFile: string, args: string[] | undefined, callerFile: string, callerEnv: Env): Env => {
    const env: Env = new Map();
    (target.params ?? []).forEach((p, i) => {
      const a = args?.[i];
      const v = p && a !== undefined ? evaluate(a, callerFile, callerEnv) : undefined;
      if (p && v) env.set(p, v);
    });
    for (const [name, expr] of target.locals ?? []) {
      const v = evaluate(expr, targetFile, env);
      if (v) env.set(name, v);
      else env.delete(name);
    }
    return env;
  };
  const strOf = (name: string, file: string, env: Env): string | undefined => {
    const v = env.get(name);
    return v && 'str' in v ? v.str : constOf(name, file);
  };
  const seg = (raw: string, file: string, env: Env = NO_ENV): Seg => {
    if (!raw) return { value: '' };
    if (raw.startsWith(RESOURCE)) {
      const p = resourcePath(raw.slice(RESOURCE.length), file);
      return p === undefined ? { value: '{dynamic}', dynamic: raw } : { value: p };
    }
    const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(raw);
    if (lit) {
      let unknown = false;
      const value = lit[1].replace(/\$\{\s*([\w.]+)\s*\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => {
        const v = strOf((a ?? b)!, file, env);
        if (v === undefined) unknown = true;
        return v ?? '{dynamic}';
      });
      return unknown ? { value, dynamic: raw } : { value: value.replace(/\\(.)/g, '$1') };
    }
    if (/^[\w.]+$/.test(raw)) {
      const v = strOf(raw, file, env);
      return v === undefined ? { value: '{dynamic}', dynamic: raw } : { value: v };
    }
    return { value: '{dynamic}', dynamic: raw };
  };
  const statusMap = new Map<string, number>();
  for (const f of all) for (const [e, s] of f.checks?.statusMap ?? []) statusMap.set(e, s);
  const refusing = (exc: string) => REFUSING_EXCEPTION.test(exc) || statusMap.has(exc);
  const refusers = new Map<string, { file: string; line: number; text: string; how: string }>();
  for (const f of all)
    for (const r of f.checks?.refusers ?? []) {
      const exc = r.excs?.find(refusing);
      if (!r.excs || exc) refusers.set(r.name, { file: f.file, line: r.line, text: r.text, how: exc ? `throws ${exc}${statusMap.has(exc) ? ` (StatusPages answers ${statusMap.get(exc)})` : ''}` : 'answers 401/403' });
    }

  const out = new Map<string, RouteDecl[]>();
  const seen = new Set<string>();
  const reached = new Set<KtorScope>();
  /** The context a call inside `scope` (its own `ctx`) adds to `outer`, wrappers resolved. */
  const extend = (outer: Outer, ctx: KtorCtx, file: string): Outer => {
    const segs = ctx.segs.map((s) => seg(s, file, outer.env));
    const auth = ctx.auth.map((a) => ({ a, file }));
    const doubts: string[] = [];
    // A block of another name: a Route function of ours that runs its lambda somewhere (its slot), or unread.
    for (const w of [...ctx.wraps].reverse()) {
      const t = targets(w.name, file).filter((x) => x.scope.slot);
      if (t.length === 1) {
        const slot = t[0].scope.slot!;
        segs.splice(w.segAt, 0, ...slot.segs.map((s) => seg(s, t[0].file)));
        auth.splice(w.authAt, 0, ...slot.auth.map((a) => ({ a, file: t[0].file })));
      } else doubts.push(`the route sits in ${w.name} { } (${file}:${w.line}), ${t.length ? 'defined more than once' : 'whose code was not found among the Route functions read'}: what it adds is not known`);
    }
    return { segs: [...outer.segs, ...segs], auth: [...outer.auth, ...auth], doubts: [...outer.doubts, ...doubts], via: outer.via, env: outer.env };
  };
  const emit = (r: KtorRoute, file: string, scope: KtorScope, o: Outer) => {
    const segs = [...o.segs, ...(r.resource ? [seg(RESOURCE + r.resource, file)] : []), seg(r.path, file, o.env)];
    const path = ('/' + segs.map((s) => s.value).filter((v) => v !== '').join('/')).replace(/\/{2,}/g, '/');
    const dyn = segs.filter((s) => s.dynamic).map((s) => s.dynamic!);
    const guards: GuardCandidate[] = [];
    const required = o.auth.filter((x) => !x.a.optional);
    const chosen = required.length ? required : o.auth;
    for (const { a, file: af } of chosen.slice(0, 1)) {
      const providers = a.names.length ? a.names.join(', ') : 'the default provider';
      const reason = a.optional
        ? `${a.text} { } (${af}:${a.line}) encloses the route with optional = true: a caller without credentials is let through (identity used when present)`
        : `${a.text} { } (${af}:${a.line}) encloses the route: Ktor's Authentication answers 401 unless ${providers} accepts the request's credentials${o.via.length ? ` (reached through ${o.via.join(' → ')})` : ''}`;
      guards.push({ text: a.text, line: a.line, via: 'middleware', guard: { name: a.text, kind: 'authentication', reason, file: af, line: a.line, ...(a.optional ? { optional: true } : {}) } });
    }
    if (!required.length) {
      const g = handlerGuard(r, file, refusing, refusers, statusMap);
      if (g) guards.unshift(g);
    }
    const decl: RouteDecl = {
      method: r.method,
      path,
      ...(dyn.length ? { dynamic: dyn.join(' + ') } : {}),
      handler: scope.fn ?? 'routing',
      inlineRange: r.handler,
      guards,
      ...(!required.length && !guards.some((g) => !g.guard?.optional) && o.doubts.length ? { doubt: o.doubts[0] } : {}),
      file,
      line: r.line,
      order: r.line,
      framework: 'ktor',
    };
    const key = `${decl.method} ${decl.path} ${file}:${r.line} ${guards.map((g) => `${g.guard?.file}:${g.line}`).join(',')} ${decl.doubt ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.set(file, [...(out.get(file) ?? []), decl]);
  };
  const expand = (scope: KtorScope, file: string, outer: Outer, stack: KtorScope[]) => {
    if (stack.includes(scope) || stack.length > MAX_DEPTH) return;
    reached.add(scope);
    for (const r of scope.routes) emit(r, file, scope, extend(outer, r.ctx, file));
    for (const mt of scope.mounts)
      for (const t of targets(mt.name, file)) {
        const o = extend(outer, mt.ctx, file);
        expand(t.scope, t.file, { ...o, via: [...o.via, `${mt.name}() (${file}:${mt.line})`], env: envOf(t.scope, t.file, mt.args, file, outer.env) }, [...stack, scope]);
      }
  };
  const empty: Outer = { segs: [], auth: [], doubts: [], via: [], env: NO_ENV };
  for (const f of all) for (const s of f.scopes) if (!s.fn) expand(s, f.file, empty, []);
  // Route functions no routing { } of the code read reaches: their own context only, not known to be all.
  const called = new Set(all.flatMap((f) => f.scopes.flatMap((s) => s.mounts.map((x) => x.name))));
  for (const f of all)
    for (const s of f.scopes) {
      if (!s.fn || reached.has(s) || called.has(s.fn) || s.slot) continue;
      expand(s, f.file, { ...empty, env: envOf(s, f.file, undefined, f.file, NO_ENV), doubts: [`${s.fn} (${f.file}:${s.line}) is a Route function no routing { } of the code read calls: its prefix and the guards around it are not known`] }, []);
    }
  return [...out].map(([file, routes]) => ({ ...emptyDecls(file), routes }));
}

/** A check in the handler itself: a refusal on the principal's statement, or a call to a refusing function of ours. */
function handlerGuard(r: KtorRoute, file: string, refusing: (exc: string) => boolean, refusers: Map<string, { file: string; line: number; text: string; how: string }>, statusMap: Map<string, number>): GuardCandidate | undefined {
  const c = r.check;
  if (!c) return undefined;
  const mk = (text: string, line: number, reason: string): GuardCandidate => ({ text, line, via: 'handler', guard: { name: text, kind: 'authentication', reason, file, line } });
  if (c.throws && refusing(c.throws.exc)) return mk(c.throws.text, c.throws.line, `check in the handler (${file}:${c.throws.line}): ${c.throws.text} — ${c.throws.exc}${statusMap.has(c.throws.exc) ? ` is answered ${statusMap.get(c.throws.exc)} by StatusPages` : ' refuses the caller'}`);
  if (c.responds) return mk(c.responds.text, c.responds.line, `check in the handler (${file}:${c.responds.line}): ${c.responds.text}… when the caller's identity (principal or session) is missing`);
  for (const call of c.calls) {
    const f = refusers.get(call.name);
    if (f) return mk(`${call.name}()`, call.line, `the handler calls ${call.name} (${f.file}:${f.line}), which reads the caller's credentials and ${f.how} when they do not pass`);
  }
  return undefined;
}

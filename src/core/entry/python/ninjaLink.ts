// Django Ninja, across files: each operation on a NinjaAPI or Router (read as a route by pyRoutes.ts,
// the prefixes of `add_router` joined by routeGraph.ts, the API's own prefix where a urlconf mounts
// `api.urls`: ninjaDjangoMounts) gets the framework, Ninja's path converters (`{int:issue_id}` is the
// parameter issue_id) and the auth Ninja runs for it: the operation's `auth=`, else the nearest
// router's on the way up (an `add_router(…, auth=)` replaces the child's), else the API's. `auth=None`
// lets everyone in. A list lets in whoever one of its callables lets in. A callable is judged by its
// code (ninjaFacts.ts): Ninja's session auths and bearer/basic bases refuse a request without the
// credential; a class or function of ours refuses when its `authenticate` (or itself) returns None,
// raises an authentication error, or calls a function of ours that does (three calls down); one
// whose every answer is an object lets everyone in; a `__call__` answering before any check for some
// URL names (Django names an operation's URL after its function, the first one on its path) lets
// those routes in. One we cannot read leaves the route `unknown`. An API no urlconf we read mounts
// keeps its operations' paths `dynamic` (`{api.urls}/…`).
import type { FileDecls, Guard, Ref, RouteDecl } from '../types';
import type { ViewRef } from './djangoFacts';
import type { NinjaAuth, NinjaAuthCode, NinjaAuthItem, NinjaFacts } from './ninjaFacts';
import { getOwn } from '../../ownKeys';
import { splitRef } from './pyRef';

/** Ninja's own auths that refuse a caller without a session user (or staff, superuser), and known add-ons' token auths. */
const BUILTIN_GUARDS = /^(django_auth|django_auth_superuser|django_auth_is_staff|SessionAuth|SessionAuthSuperUser|SessionAuthIsStaff|JWTAuth|AsyncJWTAuth|JWTTokenUserAuth|AsyncJWTTokenUserAuth|JWTStatelessUserAuthentication)$/;
/** Bases whose `__call__` answers None (401) before `authenticate` when the request carries no such credential. */
const CREDENTIAL_BASES = /^(HttpBearer|HttpBasicAuth)$/;
/** Bases that hand whatever they read (possibly nothing) to `authenticate`: its code decides. */
const KEY_BASES = /^(APIKeyQuery|APIKeyHeader|APIKeyCookie|AuthBase|HttpAuthBase|APIKeyBase)$/;
const DEPTH = 3;

type Verdict = { kind: 'guard'; how: string; text: string; file: string; line: number } | { kind: 'open'; why: string } | { kind: 'doubt'; why: string };

export function linkNinja(pys: FileDecls[], resolve: (ref: Ref) => Ref): void {
  const files = pys.filter((d) => d.py?.ninja);
  if (!files.length) return;
  const byFile = new Map(pys.map((d) => [d.file, d]));
  const nf = (file: string): NinjaFacts | undefined => byFile.get(file)?.py?.ninja;
  const routers = new Map<Ref, { api: boolean; auth?: NinjaAuth; file: string }>();
  for (const d of files) for (const [name, r] of Object.entries(d.py!.ninja!.routers)) routers.set(`${d.file}#${name}`, { api: r.api, auth: r.auth, file: d.file });
  const parents = new Map<Ref, { parent: Ref; auth?: NinjaAuth; file: string }>();
  for (const d of files) for (const m of d.py!.ninja!.mounts) if (m.child) parents.set(resolve(m.child), { parent: resolve(m.parent), auth: m.auth, file: d.file });

  /** The auth in force on a router: its mount's, its own, or the one above it; `at` says where it is written. */
  const routerAuth = (ref: Ref): { auth: NinjaAuth; file: string; at: string } | undefined => {
    for (let at: Ref | undefined = ref, i = 0; at && i < 20; i++) {
      const up = parents.get(at);
      if (up?.auth) return { auth: up.auth, file: up.file, at: `add_router of ${splitRef(at)[1]}` };
      const own = routers.get(at);
      if (own?.auth) return { auth: own.auth, file: own.file, at: `${own.api ? 'NinjaAPI' : 'Router'} ${splitRef(at)[1]}` };
      at = up?.parent;
    }
    return undefined;
  };

  const judgeCode = (code: NinjaAuthCode, file: string, name: string, depth: number): Verdict => {
    if (code.refuses) return { kind: 'guard', how: code.refuses.how, text: code.refuses.text, file, line: code.refuses.line };
    if (code.alwaysPasses) return { kind: 'open', why: `${name} (${file}:${code.line}) answers an object on every way: it refuses nobody` };
    for (const c of depth < DEPTH ? code.calls ?? [] : []) {
      const [f, n] = splitRef(resolve(c.ref));
      const callee = getOwn(nf(f)?.funcs ?? {}, n);
      if (!callee) continue;
      const v = judgeCode(callee, f, n, depth + 1);
      if (v.kind === 'guard') return v;
    }
    return { kind: 'doubt', why: `${name} (${file}:${code.line}) shows no refusal we can read, nor that it lets everyone in` };
  };

  const judgeClass = (file: string, name: string, urlName: string, depth: number): Verdict => {
    const c = getOwn(nf(file)?.classes ?? {}, name);
    const builtins = nf(file)?.builtins ?? {};
    if (!c) {
      const imported = getOwn(builtins, name);
      if (imported && BUILTIN_GUARDS.test(imported)) return { kind: 'guard', how: `Ninja's ${imported} refuses a request it cannot identify (401)`, text: imported, file, line: 0 };
      return { kind: 'doubt', why: `the auth class ${name} is not in sight` };
    }
    if (c.call?.exempt?.names.includes(urlName)) return { kind: 'open', why: `${name}.__call__ (${file}:${c.call.exempt.line}) lets the URL named ${urlName} in before any check` };
    if (c.call && !c.call.callsSuper) return judgeCode(c.call, file, `${name}.__call__`, 0);
    // Its own authenticate refusing is the best evidence; one that lets everyone in still sits behind a base that may refuse first.
    const own = c.authenticate ? judgeCode(c.authenticate, file, `${name}.authenticate`, 0) : undefined;
    if (own?.kind === 'guard') return own;
    let fromBase: Verdict | undefined;
    for (const b of c.bases) {
      const [bf, bn] = splitRef(resolve(b.ref ?? `${file}#${b.text}`));
      const imported = getOwn(nf(bf)?.builtins ?? {}, bn) ?? b.text.split('.').pop()!;
      if (CREDENTIAL_BASES.test(imported)) fromBase = { kind: 'guard', how: `Ninja's ${imported} answers None (401) to a request without its credential`, text: b.text, file, line: c.line };
      else if (BUILTIN_GUARDS.test(imported) && !c.authenticate) fromBase = { kind: 'guard', how: `Ninja's ${imported} refuses a request it cannot identify (401)`, text: b.text, file, line: c.line };
      else if (getOwn(nf(bf)?.classes ?? {}, bn) && depth < DEPTH) {
        const v = judgeClass(bf, bn, urlName, depth + 1);
        if (v.kind !== 'doubt' || !c.authenticate) fromBase = v;
      } else if (!KEY_BASES.test(imported) && !BUILTIN_GUARDS.test(imported)) fromBase ??= { kind: 'doubt', why: `the base ${b.text} of ${name} is not in sight` };
    }
    if (fromBase?.kind === 'guard') return fromBase;
    if (own) return own;
    return fromBase ?? { kind: 'doubt', why: `${name} (${file}:${c.line}) has no authenticate we can read` };
  };

  const judgeItem = (item: NinjaAuthItem, file: string, urlName: string): Verdict => {
    const [f, n] = splitRef(resolve(item.ref ?? `${file}#${item.text}`));
    const facts = nf(f);
    const inst = getOwn(facts?.instances ?? {}, n);
    if (inst) {
      const [cf, cn] = splitRef(resolve(inst.ref));
      return judgeClass(cf, cn, urlName, 0);
    }
    const imported = getOwn(facts?.builtins ?? {}, n);
    if (imported && BUILTIN_GUARDS.test(imported)) return { kind: 'guard', how: `Ninja's ${imported} refuses a request it cannot identify (401)`, text: imported, file: f, line: item.line };
    if (item.called) return judgeClass(f, n, urlName, 0);
    const fn = getOwn(facts?.funcs ?? {}, n);
    if (fn) return judgeCode(fn, f, n, 0);
    return { kind: 'doubt', why: `the auth ${item.text} is not in sight` };
  };

  // An API no urlconf we read mounts (`path("api/", api.urls)`): where its operations answer is not known.
  for (const d of files) {
    for (const [name, r] of Object.entries(d.py!.ninja!.routers)) {
      const ref = `${d.file}#${name}`;
      if (r.api && !getOwn(d.prefixes, ref) && !parents.has(ref)) d.uses.push({ parent: `${d.file}#<urlconf>`, prefix: '', dynamic: `${name}.urls`, args: [], children: [ref], file: d.file, line: r.line, order: -1 });
    }
  }

  // Django names each URL after the first operation on its path: the name `__call__` overrides test.
  const firstOnPath = new Map<string, RouteDecl>();
  for (const d of pys) {
    for (const r of d.routes) {
      if (!r.router) continue;
      const k = `${resolve(r.router)} ${r.path}`;
      const cur = firstOnPath.get(k);
      if (routers.has(resolve(r.router)) && (!cur || r.order < cur.order)) firstOnPath.set(k, r);
    }
  }

  for (const d of pys) {
    for (const r of d.routes) {
      if (!r.router) continue;
      const target = resolve(r.router);
      if (!routers.has(target)) continue;
      r.framework = 'django-ninja';
      const first = firstOnPath.get(`${target} ${r.path}`);
      const ops = d.py?.ninja?.ops ?? {};
      const op = getOwn(ops, String(r.line));
      const urlName = op?.urlName ?? (first ? getOwn(ops, String(first.line))?.urlName ?? first.handler : r.handler);
      // Ninja's (Django's) converters come first: `{int:issue_id}` is the parameter issue_id.
      r.path = r.path.replace(/\{(\w+):(\w+)\}/g, '{$2}');
      const found = op?.auth ? { auth: op.auth, file: d.file, at: `operation ${r.handler}` } : routerAuth(target);
      r.guards = [...r.guards];
      if (!found || 'none' in found.auth) continue;
      const where = `auth= of ${found.at} (${found.file}:${found.auth.line})`;
      if ('unread' in found.auth) {
        r.doubt = `${where} is not read: ${found.auth.unread}`;
        continue;
      }
      const verdicts = found.auth.items.map((i) => judgeItem(i, found.file, urlName));
      if (verdicts.some((v) => v.kind === 'open')) continue;
      const doubt = verdicts.find((v) => v.kind === 'doubt');
      if (doubt && doubt.kind === 'doubt') {
        r.doubt = `${where}: ${doubt.why}`;
        continue;
      }
      const proofs = verdicts.filter((v): v is Extract<Verdict, { kind: 'guard' }> => v.kind === 'guard');
      const ev = proofs[0];
      const guard: Guard = {
        name: found.auth.text,
        kind: 'authentication',
        reason: `Django Ninja ${where}; ${proofs.map((p) => (p.line ? `${p.how}: ${p.text} (${p.file}:${p.line})` : p.how)).join('; ')}`,
        file: found.file,
        line: found.auth.line,
        ...(ev.line ? { evidence: { how: ev.how, text: ev.text, file: ev.file, line: ev.line } } : {}),
      };
      r.guards.push({ text: guard.name, line: guard.line, via: where, guard });
    }
  }
}

/**
 * For djangoLink.ts: `path("api/", api.urls)` of a NinjaAPI we read mounts its operations at that
 * prefix (the API's own prefix for routeGraph.ts); answers whether the view was one.
 */
export function ninjaDjangoMounts(decls: FileDecls[]): (view: ViewRef, file: string, prefix: string, dynamic?: string) => boolean {
  const byFile = new Map(decls.map((d) => [d.file, d]));
  return (view, file, prefix, dynamic) => {
    const parts = view.text.split('.');
    if (parts.length < 2 || parts[parts.length - 1] !== 'urls' || dynamic) return false;
    const name = parts[parts.length - 2];
    let ref: Ref = `${view.module ?? file}#${name}`;
    for (let i = 0; i < 10; i++) {
      const next = byFile.get(ref.slice(0, ref.lastIndexOf('#')))?.aliases[ref];
      if (!next) break;
      ref = next.startsWith('import:') ? next.slice('import:'.length) : next;
    }
    const d = byFile.get(ref.slice(0, ref.lastIndexOf('#')));
    const api = d?.py?.ninja && getOwn(d.py.ninja.routers, ref.slice(ref.lastIndexOf('#') + 1));
    if (!d || !api?.api) return false;
    if (!getOwn(d.prefixes, ref)) d.prefixes[ref] = { prefix, guards: [] };
    return true;
  };
}

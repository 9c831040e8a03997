// aiohttp across files (facts: aiohttpFacts.ts). Mounts become uses of the shared router graph: an
// application's `add_routes(routes)`, its `add_subapp(prefix, child)`, and a child that is a parameter
// of a class or function, found where that is called with what a function of ours built and returned
// (`api = init_api(cfg); MaubotServer(api)`). Each application's middlewares guard the routes under
// it when their code refuses (a 401/403 written out, a module object's attribute whose class answers
// 401/403, or what a helper of ours they hand back gives) — except the paths they let through first,
// tested on the request's path as the route answers it (the mounts' prefixes included). A route
// handler no middleware guards is judged by its own code: it refuses after calling the credential
// check a middleware uses (or a function that check hands the request to) → guarded; calls it and
// refuses nobody → anonymous allowed (optional).
import type { FileDecls, Guard, GuardCandidate, Ref, RouteDecl } from '../types';
import type { PyFacts } from './pyFacts';
import type { AioFunc, AioRefusal } from './aiohttpFacts';
import { classifyGuardText } from '../guards';
import { getOwn } from '../../ownKeys';
import { refFile, refName } from './pyRef';

type Resolve = (ref: Ref) => Ref;
type PyOf = (ref: Ref) => PyFacts | undefined;


interface Found extends AioRefusal {
  file: string;
  /** The functions of ours on the way to the refusal (the credential check a middleware hands back). */
  chain: Ref[];
}

export function linkAiohttp(pys: FileDecls[], resolve: Resolve, pyOf: PyOf): void {
  const aio = pys.filter((d) => d.py!.aiohttp);
  if (!aio.length) return;
  // Facts come back from the cache or a worker: read by own keys only.
  const funcOf = (ref: Ref): AioFunc | undefined => getOwn(pyOf(ref)?.aiohttp?.funcs ?? {}, refName(ref));

  // 1. Mounts.
  for (const d of aio) {
    for (const app of d.py!.aiohttp!.apps) {
      d.routers.add(app.ref);
      d.py!.routerFrameworks[app.ref] = 'aiohttp';
    }
    for (const m of d.py!.aiohttp!.mounts) {
      const children = m.child ? [m.child] : handedIn(m.param!.fn, m.param!.index);
      if (!children.length) continue;
      d.routers.add(m.parent);
      d.uses.push({ parent: m.parent, prefix: m.prefix ?? '', ...(m.prefix === undefined ? { dynamic: m.prefixText } : {}), args: [], children, file: d.file, line: m.line, order: m.order });
    }
  }
  /** The applications a function of ours built and handed to `fn` at `index`, wherever `fn` is called. */
  function handedIn(fn: Ref, index: number): Ref[] {
    const target = resolve(fn);
    const out: Ref[] = [];
    for (const d of aio) {
      for (const h of d.py!.aiohttp!.handOffs) {
        const built = h.args[index];
        if (resolve(h.callee) !== target || !built) continue;
        const maker = resolve(built);
        const app = getOwn(pyOf(maker)?.aiohttp?.returnsApp ?? {}, refName(maker));
        if (app && !out.includes(app)) out.push(app);
      }
    }
    return out;
  }

  // 2. How a function refuses, followed through what it hands back (a few calls deep).
  const judged = new Map<Ref, Found | null>();
  function refusalOf(ref: Ref, depth = 0): Found | undefined {
    const target = resolve(ref);
    if (judged.has(target)) return judged.get(target) ?? undefined;
    judged.set(target, null);
    const f = funcOf(target);
    let found: Found | undefined;
    if (f?.refusal) found = { ...f.refusal, file: refFile(target), chain: [target] };
    for (const a of f?.attrs ?? []) {
      if (found) break;
      const obj = resolve(a.obj);
      const cls = getOwn(pyOf(obj)?.aiohttp?.instances ?? {}, refName(obj));
      const clsRef = cls && resolve(cls);
      const r = clsRef ? getOwn(pyOf(clsRef)?.aiohttp?.refusingAttrs ?? {}, `${refName(clsRef)}.${a.attr}`) : undefined;
      if (r && clsRef) found = { how: `returns ${refName(obj)}.${a.attr}, which ${r.how}`, text: r.text, line: r.line, file: refFile(clsRef), chain: [target] };
    }
    for (const h of depth < 4 ? f?.handsBack ?? [] : []) {
      if (found) break;
      const inner = refusalOf(h.ref, depth + 1);
      if (inner) found = { ...inner, how: `hands back what ${refName(resolve(h.ref))} gives: ${inner.how}`, chain: [target, ...inner.chain] };
    }
    judged.set(target, found ?? null);
    return found;
  }

  // 3. Middlewares on every route under their application.
  const children = new Map<Ref, { child: Ref; prefix: string }[]>();
  const parents = new Map<Ref, { parent: Ref; prefix: string }>();
  for (const d of pys) {
    for (const u of d.uses) {
      for (const c of u.children ?? []) {
        const p = resolve(u.parent);
        const child = resolve(c);
        children.set(p, [...(children.get(p) ?? []), { child, prefix: u.dynamic ? '\u0000' : u.prefix }]);
        if (!parents.has(child)) parents.set(child, { parent: p, prefix: u.dynamic ? '\u0000' : u.prefix });
      }
    }
  }
  const above = (app: Ref): string => {
    let out = '';
    for (let at = app, i = 0; parents.has(at) && i < 10; i++) {
      const up = parents.get(at)!;
      out = up.prefix + out;
      at = up.parent;
    }
    return out;
  };
  const credentialChecks = new Set<Ref>();
  const guardedHere = new Set<RouteDecl>();
  for (const d of aio) {
    for (const app of d.py!.aiohttp!.apps) {
      const mws = app.middlewares.map((m) => ({ ...m, ref: resolve(m.ref) }));
      if (!mws.length) continue;
      const scope = new Map<Ref, string>([[app.ref, '']]);
      const todo = [app.ref];
      while (todo.length) {
        const at = todo.pop()!;
        for (const c of children.get(at) ?? []) {
          if (scope.has(c.child)) continue;
          scope.set(c.child, scope.get(at)! + c.prefix);
          todo.push(c.child);
        }
      }
      const base = above(app.ref);
      for (const rd of pys) {
        for (const r of rd.routes) {
          const at = r.router && scope.get(resolve(r.router));
          if (at === undefined || !r.router) continue;
          const full = `${base}${at}${r.path}`;
          for (const mw of mws) judgeMiddleware(r, full, mw, `${d.file}:${app.line}`);
        }
      }
    }
  }
  function judgeMiddleware(r: RouteDecl, full: string, mw: { ref: Ref; text: string }, appAt: string): void {
    const facts = getOwn(pyOf(mw.ref)?.aiohttp?.middlewares ?? {}, refName(mw.ref));
    if (!facts) {
      // A middleware out of sight: its name may say it checks the caller, but not what it lets through.
      if (classifyGuardText(mw.text)?.kind === 'authentication' && !r.doubt) r.doubt = `middleware ${mw.text} (${appAt}) is out of sight`;
      return;
    }
    const refusal = refusalOf(mw.ref);
    if (!refusal) return;
    for (const c of refusal.chain) credentialChecks.add(c);
    if (facts.unread) {
      r.doubt ??= `middleware ${mw.text} lets some paths through by a test we cannot read (${facts.unread})`;
      return;
    }
    if (full.includes('\u0000')) {
      r.doubt ??= `middleware ${mw.text} tests the path, and a mount's prefix is not known`;
      return;
    }
    const exempt = facts.exempt.some((t) => {
      if (!full.startsWith(t.strip)) return false;
      const sub = full.slice(t.strip.length);
      return t.op === 'eq' ? sub === t.value : sub.startsWith(t.value);
    });
    if (exempt) return;
    const guard: Guard = {
      name: mw.text,
      kind: 'authentication',
      reason: `aiohttp middleware ${mw.text} of web.Application (${appAt}): ${refusal.how} (${refusal.file}:${refusal.line})${facts.exempt.length ? `; lets through ${facts.exempt.map((t) => (t.op === 'eq' ? t.value : `${t.value}*`)).join(', ')}` : ''}`,
      file: refFile(mw.ref),
      line: facts.line,
      evidence: { how: refusal.how, text: refusal.text, file: refusal.file, line: refusal.line },
    };
    r.guards = [...r.guards, { text: mw.text, line: facts.line, via: 'aiohttp middleware', guard }];
    guardedHere.add(r);
  }

  // 4. Handlers no middleware guards: their own credential checks. The checks' closure takes in the
  // functions they hand an argument to (`check_token(request)` → `get_token(request)`, `is_valid_token(token)`).
  const checks = new Set<Ref>();
  const todo = [...credentialChecks];
  while (todo.length) {
    const at = todo.pop()!;
    if (checks.has(at) || checks.size > 50) continue;
    checks.add(at);
    for (const c of funcOf(at)?.calls ?? []) todo.push(resolve(c));
  }
  if (!checks.size) return;
  for (const d of aio) {
    for (const r of d.routes) {
      if (r.framework !== 'aiohttp' || guardedHere.has(r) || !(r.handlerSymbol || r.handlerRef)) continue;
      const ref = r.handlerSymbol ? `${r.file}#${r.handlerSymbol}` : resolve(r.handlerRef!);
      const f = funcOf(ref);
      const reads = (f?.calls ?? []).map(resolve).find((c) => checks.has(c));
      if (!f || !reads) continue;
      const refusal = refusalOf(ref);
      // A websocket whose data goes out only after a message passed the check: anonymous callers get literals, no data.
      const inBand = !refusal && f.inBand && f.inBand.refs.every((c) => checks.has(resolve(c))) ? f.inBand : undefined;
      const g: GuardCandidate['guard'] = refusal
        ? { name: `${refName(ref)} checks the caller`, kind: 'authentication', reason: `the handler calls the credential check ${refName(reads)} and ${refusal.how} (${refusal.file}:${refusal.line})`, file: refFile(ref), line: f.line, evidence: { how: refusal.how, text: refusal.text, file: refusal.file, line: refusal.line } }
        : inBand
          ? { name: `${refName(ref)} checks the caller`, kind: 'authentication', reason: `the websocket (${r.file}:${inBand.line}) sends more than literals only after ${inBand.refs.map(refName).join(', ')} passed a message`, file: refFile(ref), line: f.line }
          : { name: refName(reads), kind: 'authentication', optional: true, reason: `the handler calls the credential check ${refName(reads)} and answers either way`, file: refFile(ref), line: f.line };
      r.guards = [...r.guards, { text: g!.name, line: f.line, via: 'handler', guard: g }];
    }
  }
}

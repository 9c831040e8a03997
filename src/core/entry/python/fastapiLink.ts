// FastAPI classes followed across modules (facts from fastapiClasses.ts), before the shared router
// linking: a call of a router subclass becomes a router with the prefix and dependencies its
// `__init__` chain hands to `APIRouter.__init__`, and every route of a class-based view carries the
// guard dependencies of the class's attributes, its bases' included. What cannot be read (a base
// class from outside, an `__init__` that does not call `super().__init__`) leaves the routes
// `unknown` unless a required guard applies anyway: never unguarded for want of reading.
import type { FileDecls, GuardCandidate, Ref } from '../types';
import type { PyArg, PyClass, PyFacts } from './pyFacts';
import { isPublic } from '../guards';
import { dict } from '../../ownKeys';
import { refName } from './pyRef';

const ROUTER_BASE = /(^|\.)(APIRouter|FastAPI)$/;
/** Bases that add no dependency and no router behaviour. */
const INERT_BASE = /(^|\.)(object|ABC|Generic|Protocol|BaseModel)$/;
const MAX_DEPTH = 12;

type Found = { ref: Ref; cls: PyClass };
interface Built {
  prefix: string;
  guards: GuardCandidate[];
  doubt?: string;
}

export function linkFastapiClasses(pys: FileDecls[], resolve: (r: Ref) => Ref, pyOf: (r: Ref) => PyFacts | undefined, clean: (cs: GuardCandidate[]) => GuardCandidate[]): void {
  if (!pys.some((d) => d.py!.classes || d.py!.routerCalls)) return;

  /** The class a reference names, through imports and `from m import *` re-exports. */
  const classAt = (ref: Ref, depth = 0): Found | undefined => {
    const target = resolve(ref);
    const py = pyOf(target);
    const cls = py?.classes?.[refName(target)];
    if (cls) return { ref: target, cls };
    if (depth > MAX_DEPTH) return undefined;
    for (const m of py?.starImports ?? []) {
      const hit = classAt(`${m}#${refName(target)}`, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  };

  /** True when the class derives from APIRouter/FastAPI; a string when a base on the way could not be read. */
  const routerClass = (f: Found, depth = 0): boolean | string => {
    if (depth > MAX_DEPTH) return `bases of ${refName(f.ref)} too deep`;
    let unread: string | undefined;
    for (const b of f.cls.bases) {
      if (ROUTER_BASE.test(b.text)) return true;
      const base = b.ref ? classAt(b.ref) : undefined;
      if (!base) {
        if (!INERT_BASE.test(b.text)) unread ??= `base class ${b.text} of ${refName(f.ref)} not read`;
        continue;
      }
      const r = routerClass(base, depth + 1);
      if (r === true) return true;
      if (typeof r === 'string') unread ??= r;
    }
    return unread ?? false;
  };

  /** What a call of `f` with these arguments hands to APIRouter.__init__. */
  const construct = (f: Found | 'APIRouter', pos: PyArg[], kw: Record<string, PyArg>, depth = 0): Built => {
    if (f === 'APIRouter') {
      const doubts: string[] = [];
      const prefixArg = kw.prefix;
      let prefix = '';
      if (prefixArg && 's' in prefixArg) prefix = prefixArg.s;
      else if (prefixArg && !('none' in prefixArg)) doubts.push(`router prefix not read: ${'text' in prefixArg ? prefixArg.text : '?'}`);
      const depsArg = kw.dependencies;
      const guards = depsArg && 'deps' in depsArg ? depsArg.deps : [];
      if (depsArg && !('deps' in depsArg) && !('none' in depsArg)) doubts.push(`router dependencies not read: ${'text' in depsArg ? depsArg.text : '?'}`);
      if (kw['**']) doubts.push(`router arguments not read: ${'text' in kw['**'] ? kw['**'].text : '?'}`);
      return { prefix, guards, ...(doubts.length ? { doubt: doubts.join('; ') } : {}) };
    }
    const name = refName(f.ref);
    if (depth > MAX_DEPTH) return { prefix: '', guards: [], doubt: `router class ${name} too deep` };
    const base = f.cls.bases.find((b) => ROUTER_BASE.test(b.text)) ? 'APIRouter' : f.cls.bases.map((b) => (b.ref ? classAt(b.ref) : undefined)).find((b): b is Found => !!b && routerClass(b) === true);
    if (!base) return { prefix: '', guards: [], doubt: `router class ${name}: its router base not read` };
    const init = f.cls.init;
    if (!init) return construct(base, pos, kw, depth + 1);
    if (!init.superArgs) return { prefix: '', guards: [], doubt: `${name}.__init__ does not call super().__init__ (as read)` };
    // Bind the call's arguments to __init__'s parameters; the rest go to its **kwargs.
    const bound = new Map<string, PyArg>();
    init.params.forEach((p, i) => {
      const v = pos[i] ?? kw[p.name] ?? p.default;
      if (v) bound.set(p.name, v);
    });
    const rest: Record<string, PyArg> = dict();
    for (const [k, v] of Object.entries(kw)) if (!init.params.some((p) => p.name === k)) rest[k] = v;
    const sub = (a: PyArg): PyArg => {
      if ('param' in a) return bound.get(a.param) ?? { none: true };
      if ('deps' in a && a.spread) {
        const more = a.spread.map((p) => bound.get(p));
        if (more.some((m) => m && !('deps' in m) && !('none' in m))) return { text: `dependencies of ${name}` };
        return { deps: [...a.deps, ...more.flatMap((m) => (m && 'deps' in m ? m.deps : []))] };
      }
      return a;
    };
    const nextKw: Record<string, PyArg> = dict();
    if (init.superArgs.spreadKwargs) Object.assign(nextKw, rest);
    for (const [k, v] of Object.entries(init.superArgs.kw)) nextKw[k] = sub(v);
    return construct(base, init.superArgs.pos.map(sub), nextKw, depth + 1);
  };

  // 1. Router subclasses.
  const doubtful = new Map<Ref, string>();
  for (const d of pys) {
    for (const rc of d.py!.routerCalls ?? []) {
      const found = classAt(rc.callee);
      const isRouter = found ? routerClass(found) : `router made by ${rc.text}(), whose class was not read`;
      if (isRouter === false) continue;
      if (isRouter !== true) {
        // Only a name routes are registered on (or that is included) is a router at all: decided below.
        if (d.py!.importsFramework === 'fastapi') doubtful.set(rc.router, isRouter);
        continue;
      }
      const built = construct(found!, rc.pos, rc.kw);
      d.routers.add(rc.router);
      d.prefixes[rc.router] = { prefix: built.prefix, guards: built.guards.map((g) => ({ ...g, via: `dependencies of ${refName(rc.router)} = ${rc.text}()`, ...(g.guard ? { guard: { ...g.guard, reason: `${g.guard.reason}; passed by ${rc.text}.__init__ to APIRouter` } } : {}) })) };
      d.py!.routerFrameworks[rc.router] = 'fastapi';
      if (built.doubt) doubtful.set(rc.router, built.doubt);
    }
  }
  if (doubtful.size) {
    const children = new Map<Ref, Set<Ref>>();
    for (const d of pys) for (const u of d.uses) for (const c of u.children ?? []) children.set(resolve(u.parent), (children.get(resolve(u.parent)) ?? new Set()).add(resolve(c)));
    const reach = new Map<Ref, string>();
    for (const [root, why] of doubtful) {
      const todo = [resolve(root)];
      while (todo.length) {
        const r = todo.pop()!;
        if (reach.has(r)) continue;
        reach.set(r, why);
        todo.push(...(children.get(r) ?? []));
      }
    }
    for (const d of pys) for (const r of d.routes) if (r.router && reach.has(resolve(r.router))) r.doubt ??= reach.get(resolve(r.router));
  }

  // 2. Class-based views: the class's attribute dependencies on each of its method routes.
  const classDeps = (f: Found): { guards: GuardCandidate[]; unread?: string } => {
    const byName = new Map<string, GuardCandidate[]>();
    let unread: string | undefined;
    const seen = new Set<Ref>();
    const walk = (c: Found, depth: number): void => {
      if (seen.has(c.ref) || depth > MAX_DEPTH) return;
      seen.add(c.ref);
      for (const a of c.cls.attrs ?? []) if (!byName.has(a.name)) byName.set(a.name, clean(a.guards).map((g) => ({ ...g, via: `${g.via} (class-based view ${refName(f.ref)})` })));
      for (const b of c.cls.bases) {
        const base = b.ref ? classAt(b.ref) : undefined;
        if (base) walk(base, depth + 1);
        else if (!INERT_BASE.test(b.text)) unread ??= `base class ${b.text} of ${refName(c.ref)} not read`;
      }
    };
    walk(f, 0);
    return { guards: [...byName.values()].flat(), ...(unread ? { unread } : {}) };
  };
  for (const d of pys) {
    for (const c of d.py!.controllers ?? []) {
      const found = classAt(`${d.file}#${c.cls}`);
      if (!found) continue;
      const { guards, unread } = classDeps(found);
      for (const r of d.routes) {
        if (r.router !== c.router || !r.inlineRange || r.inlineRange.start < c.range.start || r.inlineRange.end > c.range.end) continue;
        if (guards.length) r.guards = [...r.guards, ...guards];
        if (unread && isPublic(guards.flatMap((g) => (g.guard ? [g.guard] : [])))) r.doubt ??= unread;
      }
    }
  }
}

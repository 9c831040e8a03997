// Routes kept as data by a router class of the service's own (Joplin Server's `Router`): no package
// makes the router, so nothing else sees one. A class is such a table when at least two of its methods
// store their second parameter (the handler) under their first (the path) in a member keyed by an HTTP
// method (`this.routes_.GET[path] = { handler, type }`); every instance is a router, each of those
// calls a route, and a method storing a third parameter under the first two (`alias(method, path,
// target)`) answers a path with the handler of another. The paths are written whole (the table that
// collects the routers dispatches by them), so they answer at `/` + the path.
//
// Who may call a route is the dispatcher's: a function that asks the router a method of the class
// reading a flag the class starts false (`isPublic(schema) { return this.public ||
// this.publicSchemas.includes(schema) }`) and refuses under "not that answer and the request carries
// no X" (`if (!isPublicRoute && !ctx.joplin.owner) throw new ErrorForbidden()`). Each route is then
// judged by that method on its router's fields as the run left them (`router.public = true`,
// `router.publicSchemas.push('users/:id/confirm')`): a route it answers no for is behind the refusal;
// one it answers yes for is judged by its handler alone; one it cannot decide gets no guard from it.
import type { Cond, EntryFacts, Expr, FnFact } from '../facts/types';
import type { Interp } from '../interp/interpreter';
import type { InstValue, KnownGuard, RouterNode, SiteRef, Value } from '../interp/values';
import { STR } from '../interp/values';
import type { Framework } from './types';
import { verbCall } from './jsShared';

const METHOD_KEYS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

interface RouteTable {
  /** Method name → the HTTP method it stores under. */
  verbs: Map<string, string>;
  /** Methods storing `(method, path, target)`: an alias. */
  aliases: Set<string>;
  /** The method that tells a public route, and the class name (for the guard's name). */
  publicTest?: { method: string; ret: Expr; param: string };
  name: string;
}

interface TableRouter {
  inst: InstValue;
  r: RouterNode;
  table: RouteTable;
  /** `METHOD /path` → the path as the table keeps it (what the dispatcher asks about). */
  keys: Map<string, string>;
  /** Aliases, resolved once every route of the router is known (one may come before its target). */
  aliases: { method: string; path: string; target: string; site: SiteRef }[];
}

interface RunState {
  tables: Map<string, RouteTable | null>;
  routers: TableRouter[];
  byInst: Map<InstValue, TableRouter>;
}

const states = new WeakMap<Interp, RunState>();

function stateOf(x: Interp): RunState {
  let s = states.get(x);
  if (!s) states.set(x, (s = { tables: new Map(), routers: [], byInst: new Map() }));
  return s;
}

/** Every sub-expression of `e`, `e` first. */
function* walk(e: Expr): Generator<Expr> {
  yield e;
  for (const part of e.slice(1)) {
    if (!Array.isArray(part)) continue;
    if (typeof part[0] === 'string') yield* walk(part as Expr);
    else for (const q of part) if (Array.isArray(q)) for (const r of q) if (Array.isArray(r) && typeof r[0] === 'string') yield* walk(r as Expr);
  }
}

const isId = (e: Expr, name: string | undefined): boolean => !!name && e[0] === 'id' && e[1] === name;
const rootedAtThis = (e: Expr): boolean => (e[0] === 'm' || e[0] === 'ix' ? rootedAtThis(e[1]) : e[0] === 'this');

/** The HTTP method a verb method stores under (`this.routes_.GET[path] = …`), if it is one. */
function storedVerb(fn: FnFact): string | undefined {
  const [path, handler] = fn.params;
  if (!path || !handler) return undefined;
  for (const op of fn.ops) {
    if (op[0] !== 'set') continue;
    const [, target, value] = op;
    if (target[0] !== 'ix' || !isId(target[2], path) || !rootedAtThis(target[1])) continue;
    if (![...walk(value)].some((v) => isId(v, handler))) continue;
    const key = target[1][0] === 'm' ? target[1][2] : undefined;
    if (key && METHOD_KEYS.has(key)) return key;
  }
  return undefined;
}

/** `alias(method, path, target)`: stores the third parameter under the first two. */
function storesAlias(fn: FnFact): boolean {
  const [method, path, target] = fn.params;
  if (!method || !path || !target) return false;
  return fn.ops.some((op) => op[0] === 'set' && op[1][0] === 'ix' && isId(op[1][2], path) && rootedAtThis(op[1][1]) && [...walk(op[1][1])].some((v) => isId(v, method)) && isId(op[2], target));
}

function tableOf(x: Interp, inst: InstValue): RouteTable | undefined {
  const c = inst.cls;
  if (c.k !== 'cls') return undefined;
  const s = stateOf(x);
  const key = `${c.file}:${c.cls}`;
  const hit = s.tables.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const facts = x.program.facts.get(c.file);
  const cls = facts?.classes[c.cls];
  let table: RouteTable | null = null;
  if (facts && cls) {
    const verbs = new Map<string, string>();
    const aliases = new Set<string>();
    for (const [name, i] of cls.methods) {
      const fn = facts.fns[i];
      if (!fn) continue;
      const verb = storedVerb(fn);
      if (verb) verbs.set(name, verb);
      else if (storesAlias(fn)) aliases.add(name);
    }
    if (verbs.size >= 2) table = { verbs, aliases, name: cls.name, ...publicTestOf(facts, cls.methods, cls.fields ?? []) };
  }
  s.tables.set(key, table);
  return table ?? undefined;
}

/** A one-parameter method returning a read of a field the class starts `false`, alone or in an `||`. */
function publicTestOf(facts: EntryFacts, methods: [string, number][], fields: [string, Expr][]): Pick<RouteTable, 'publicTest'> {
  const startsFalse = new Set(fields.filter(([, v]) => v[0] === 'b' && v[1] === false).map(([n]) => n));
  for (const [name, i] of methods) {
    const fn = facts.fns[i];
    if (!fn || fn.params.length !== 1) continue;
    const ret = fn.ops.find((op) => op[0] === 'ret')?.[1];
    if (!ret) continue;
    if (orTerms(ret).some((t) => t[0] === 'm' && t[1][0] === 'this' && startsFalse.has(t[2]))) return { publicTest: { method: name, ret, param: fn.params[0]! } };
  }
  return {};
}

function orTerms(e: Expr): Expr[] {
  return e[0] === 'or' ? [...orTerms(e[1]), ...orTerms(e[2])] : [e];
}

/** A method called on an instance: a verb registers a route, an alias the handler of another. */
export function routerClassCall(x: Interp, inst: InstValue, prop: string, args: Value[], site: SiteRef): void {
  const table = tableOf(x, inst);
  if (!table) return;
  const s = stateOf(x);
  let t = s.byInst.get(inst);
  if (!t) {
    t = { inst, r: x.newRouter('router-class', 'router', site), table, keys: new Map(), aliases: [] };
    s.byInst.set(inst, t);
    s.routers.push(t);
  }
  const verb = table.verbs.get(prop);
  const [first, second, third] = args;
  if (verb && first?.k === 'str' && second) {
    if (verbCall(x, t.r, verb.toLowerCase(), [STR(whole(first.v)), second], site)) t.keys.set(`${verb} ${whole(first.v)}`, first.v);
    return;
  }
  if (table.aliases.has(prop) && first?.k === 'str' && second?.k === 'str' && third?.k === 'str') t.aliases.push({ method: first.v.toUpperCase(), path: second.v, target: third.v, site });
}

/** `alias('POST', 'users/:id', 'users')`: the path answers with the handler its target has. */
function resolveAliases(x: Interp, t: TableRouter): void {
  for (const a of t.aliases) {
    const target = t.r.items.find((i) => i.t === 'route' && i.method === a.method && 's' in i.path && i.path.s === whole(a.target));
    if (target?.t !== 'route') continue;
    x.addRoute(t.r, target.method, { s: whole(a.path) }, target.handlers, a.site, target.handlerText ? { handlerText: target.handlerText } : {});
    t.keys.set(`${target.method} ${whole(a.path)}`, a.path);
  }
}

/** A path written without its leading slash (`api/items/:id`) answers at `/api/items/:id`. */
function whole(p: string): string {
  return '/' + p.replace(/^\/+/, '');
}

/** The dispatcher: a function that refuses under "not `<router>.<method>(…)` and no `<param>.x`". */
function findDispatcher(x: Interp, method: string): { guard: Omit<KnownGuard, 'name'>; fn: string; identity: string[] } | undefined {
  for (const [file, facts] of x.program.facts) {
    for (const fn of facts.fns) {
      const asked = new Set<string>();
      for (const op of fn.ops) if (op[0] === 'let' && op[2][0] === 'c' && op[2][1][0] === 'm' && op[2][1][2] === method) asked.add(op[1]);
      if (!asked.size) continue;
      for (const ref of fn.refusals ?? []) {
        const cond = ref.when?.find((w) => w.holds && deniesBoth(w.cond, asked, fn.params));
        if (!cond) continue;
        const id = identityText(cond.cond, fn.params)!;
        return {
          fn: fn.name,
          identity: id.split('.').slice(1),
          guard: {
            kind: 'authentication',
            reason: `the route table's dispatcher ${fn.name} (${file}:${ref.line}) refuses a route its router does not call public when the request carries no ${id}: ${ref.text}`,
            file,
            line: ref.line,
            evidence: { how: ref.how, text: ref.text, file, line: ref.line },
          },
        };
      }
    }
  }
  return undefined;
}

/** `!asked && !param.x…` (either order). */
function deniesBoth(c: Cond, asked: Set<string>, params: string[]): boolean {
  if (c[0] !== 'and') return false;
  const parts = [c[1], c[2]];
  const notAsked = parts.some((p) => p[0] === 'not' && p[1][0] === 't' && p[1][1][0] === 'id' && asked.has(p[1][1][1]));
  return notAsked && identityText(c, params) !== undefined;
}

function identityText(c: Cond, params: string[]): string | undefined {
  if (c[0] !== 'and') return undefined;
  for (const p of [c[1], c[2]]) {
    if (p[0] !== 'not' || p[1][0] !== 't' || p[1][1][0] !== 'm') continue;
    const chain: string[] = [];
    let e: Expr = p[1][1];
    while (e[0] === 'm') {
      chain.unshift(e[2]);
      e = e[1];
    }
    if (e[0] === 'id' && params.includes(e[1])) return [e[1], ...chain].join('.');
  }
  return undefined;
}

/** What the public test answers for a path on the instance's fields: true, false, or undefined. */
function answers(inst: InstValue, test: NonNullable<RouteTable['publicTest']>, key: string): boolean | undefined {
  let unknown = false;
  for (const t of orTerms(test.ret)) {
    const v = termValue(inst, t, test.param, key);
    if (v === true) return true;
    if (v === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function termValue(inst: InstValue, t: Expr, param: string, key: string): boolean | undefined {
  // `this.flag`
  if (t[0] === 'm' && t[1][0] === 'this') {
    const v = inst.fields.get(t[2]);
    return v?.k === 'bool' ? v.v : v?.k === 'null' ? false : undefined;
  }
  // `this.list.includes(param)`
  if (t[0] === 'c' && t[1][0] === 'm' && t[1][2] === 'includes' && t[1][1][0] === 'm' && t[1][1][1][0] === 'this' && t[2].length === 1 && isId(t[2][0]!, param)) {
    const list = inst.fields.get(t[1][1][2]);
    if (list?.k !== 'arr' || !list.items.every((i) => i.k === 'str')) return undefined;
    return list.items.some((i) => i.k === 'str' && i.v === key);
  }
  return undefined;
}

/** `<param>.joplin.owner` read anywhere in the handler's own code, as written; undefined when not. */
function identityReadIn(x: Interp, h: Value | undefined, chain: string[]): string | undefined {
  if (h?.k !== 'fn' || !chain.length) return undefined;
  const fact = x.fnFact(h);
  if (!fact) return undefined;
  const text = JSON.stringify(fact.ops);
  for (const p of fact.params) {
    let e: Expr = ['id', p];
    for (const c of chain) e = ['m', e, c];
    if (text.includes(JSON.stringify(e))) return [p, ...chain].join('.');
  }
  return undefined;
}

export const routerClass: Framework = {
  name: 'router-class',
  language: 'js',
  // No package: the class is the service's own.
  packages: /(?!)/,
  finalize(x) {
    const s = states.get(x);
    if (!s) return;
    const dispatchers = new Map<string, ReturnType<typeof findDispatcher>>();
    for (const t of s.routers) resolveAliases(x, t);
    for (const { inst, r, table, keys } of s.routers) {
      const test = table.publicTest;
      if (!test) continue;
      if (!dispatchers.has(test.method)) dispatchers.set(test.method, findDispatcher(x, test.method));
      const d = dispatchers.get(test.method);
      if (!d) continue;
      // The dispatcher reaches every router of the table: they answer at their paths as written.
      r.opts.root = true;
      for (const it of r.items) {
        if (it.t !== 'route' || !('s' in it.path)) continue;
        const key = keys.get(`${it.method} ${it.path.s}`);
        const pub = key === undefined ? undefined : answers(inst, test, key);
        if (pub === false) it.guards = [...(it.guards ?? []), { name: `${table.name}.${test.method} (${d.fn})`, ...d.guard }];
        // A public route whose handler reads what the dispatcher tests (`if (ctx.joplin.owner) return
        // redirect(home)`): the caller's identity is used where there is one, anonymous callers are served.
        const read = pub === true ? identityReadIn(x, it.handlers[it.handlers.length - 1], d.identity) : undefined;
        if (read) it.guards = [...(it.guards ?? []), { name: `identity read in the handler`, kind: 'authentication', optional: true, reason: `a public route of the table; its handler reads ${read} (what ${d.fn} tests on private routes) and answers anonymous callers too`, file: it.site.file, line: it.site.line }];
      }
    }
  },
};

// Tornado, across files: the routes of the handler lists tornadoFacts.ts recorded. A list the
// application hands to a prefix-joining helper (`self.add_url_prefix(self.hub_prefix, h)`) gives
// each tuple it holds — directly, through the lists it extends (`h.extend(handlers.default_handlers)`,
// a module list built by `for mod in (base, pages): default_handlers.extend(mod.default_handlers)`)
// or through the list a configured object's method returns (`h.extend(self.authenticator.get_handlers(self))`,
// `authenticator = Instance(Authenticator)`) — that prefix; Tornado takes the first pattern that matches,
// so a later tuple with the same method and path answers nothing. A tuple no such list reaches is
// a route at its pattern as written. Each HTTP method the handler class defines or inherits from
// the service's own classes (`head = get` too) is a route; a class with none whose `prepare` raises
// 404 is one `ANY` route (a not-found page). Guards: `@tornado.web.authenticated`; a decorator of ours
// whose code raises 401/403 (one defined elsewhere is judged by its name); a method (or the class's
// `prepare`) that raises 401/403 when `self.current_user` is None. A method that reads the caller
// (itself or in a method of its class it calls) and refuses no one is anonymous allowed, unless it
// signs the caller in.
import type { FileDecls, Guard, Ref, RouteDecl } from '../types';
import type { TnClass, TnItem, TnMethod, TornadoFacts } from './tornadoFacts';
import { TORNADO_HTTP } from './tornadoFacts';
import { classifyGuardText, makeGuard } from '../guards';
import { getOwn } from '../../ownKeys';

const MAX_DEPTH = 10;

export function linkTornado(pys: FileDecls[]): void {
  const byFile = new Map(pys.filter((d) => d.py?.tornado).map((d) => [d.file, d]));
  if (!byFile.size) return;
  const all = new Map(pys.map((d) => [d.file, d]));
  const facts = (file: string): TornadoFacts | undefined => all.get(file)?.py?.tornado;
  const split = (ref: Ref): [string, string] => {
    const r = ref.startsWith('import:') ? ref.slice('import:'.length) : ref;
    const i = r.lastIndexOf('#');
    return [r.slice(0, i), r.slice(i + 1)];
  };
  /** A name to the file that defines it: through imports and star imports. */
  const resolve = (ref: Ref, has: (t: TornadoFacts, name: string) => boolean, depth = 0): [string, string] | undefined => {
    const [file, name] = split(ref);
    const t = facts(file);
    if (t && has(t, name)) return [file, name];
    if (depth > MAX_DEPTH) return undefined;
    const d = all.get(file);
    const alias = d?.aliases[`${file}#${name}`];
    if (alias) return resolve(alias, has, depth + 1);
    for (const s of d?.py?.starImports ?? []) {
      const hit = resolve(`${s}#${name}`, has, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  };
  const classAt = (ref: Ref): { file: string; name: string; c: TnClass } | undefined => {
    const hit = resolve(ref, (t, n) => getOwn(t.classes, n) !== undefined);
    return hit ? { file: hit[0], name: hit[1], c: getOwn(facts(hit[0])!.classes, hit[1])! } : undefined;
  };
  type Cls = NonNullable<ReturnType<typeof classAt>>;
  /** The class and its bases of the service, in lookup order. */
  const chain = (k: Cls): Cls[] => {
    const out: Cls[] = [];
    const visit = (c: Cls, depth: number): void => {
      if (depth > MAX_DEPTH || out.some((o) => o.file === c.file && o.name === c.name)) return;
      out.push(c);
      for (const b of c.c.bases) {
        const next = b.ref ? classAt(b.ref) : undefined;
        if (next) visit(next, depth + 1);
      }
    };
    visit(k, 0);
    return out;
  };
  const isHandler = (k: Cls): boolean => chain(k).some((c) => c.c.bases.some((b) => b.tornado));
  const lookup = (k: Cls, fn: string): { cls: Cls; m: TnMethod } | undefined => {
    for (const c of chain(k)) {
      const m = getOwn(c.c.methods, fn);
      if (m) return { cls: c, m };
    }
    return undefined;
  };
  /** HTTP method → the function answering it (own first, then the bases'). */
  const httpMethods = (k: Cls): Map<string, { cls: Cls; fn: string; m: TnMethod }> => {
    const out = new Map<string, { cls: Cls; fn: string; m: TnMethod }>();
    for (const c of chain(k)) {
      for (const verb of TORNADO_HTTP) {
        if (out.has(verb)) continue;
        const fn = getOwn(c.c.methods, verb) ? verb : getOwn(c.c.aliases, verb);
        const hit = fn ? lookup(c, fn) : undefined;
        if (hit && fn) out.set(verb, { cls: hit.cls, fn, m: hit.m });
      }
    }
    // A WebSocket handler answers the upgrade GET with tornado's own `get`: its `open` is where the service's code starts.
    const ws = chain(k).some((c) => c.c.bases.some((b) => b.websocket));
    const open = ws && !out.has('get') ? lookup(k, 'open') : undefined;
    if (open) out.set('get', { cls: open.cls, fn: 'open', m: open.m });
    return out;
  };

  const listAt = (ref: Ref): { key: string; file: string; items: TnItem[] } | undefined => {
    const hit = resolve(ref, (t, n) => getOwn(t.lists, n) !== undefined);
    return hit ? { key: `${hit[0]}#${hit[1]}`, file: hit[0], items: getOwn(facts(hit[0])!.lists, hit[1])! } : undefined;
  };
  type Reached = { file: string; route: Extract<TnItem, { route: unknown }>['route'] };
  const gather = (file: string, items: TnItem[], seen: Set<string>, out: Reached[]): void => {
    for (const it of items) {
      if ('route' in it) out.push({ file, route: it.route });
      else if ('list' in it) {
        const l = listAt(it.list.includes('#') ? it.list : `${file}#${it.list}`);
        if (!l || seen.has(l.key)) continue;
        seen.add(l.key);
        gather(l.file, l.items, seen, out);
      } else {
        // `self.authenticator.get_handlers(self)`: the list the configured class's method returns.
        const owner = classAt(`${file}#${it.returns.cls}`);
        const trait = owner && chain(owner).map((c) => getOwn(c.c.traits, it.returns.attr)).find(Boolean);
        const cls = trait?.cls ? classAt(trait.cls) : undefined;
        for (const c of cls ? chain(cls) : []) {
          const l = getOwn(facts(c.file)!.lists, `${c.name}.${it.returns.method}:return`);
          if (l) {
            gather(c.file, l, seen, out);
            break;
          }
        }
      }
    }
  };

  const emitted = new Set<string>();
  const routeKey = (r: Reached): string => `${r.file}@${r.route.order}`;
  const emit = (r: Reached, prefix: string | undefined, taken?: Set<string>): void => {
    const k = classAt(r.route.cls);
    if (!k || !isHandler(k)) return;
    const d = all.get(r.file)!;
    const full = r.route.pattern === undefined ? undefined : prefix !== undefined ? urlPathJoin(prefix, r.route.pattern) : r.route.pattern;
    const verbs = httpMethods(k);
    // One path for every method: the groups named by the method that names the most of them.
    const params = [...verbs.values()].map((h) => h.m.params).reduce((a, b) => (b.length > a.length ? b : a), [] as string[]);
    const path = full === undefined ? undefined : readablePath(full, params);
    const add = (method: string, handler: string, handlerRef: Ref, { guards, doubt }: { guards: Guard[]; doubt?: string }): void => {
      const id = `${method} ${path ?? full ?? r.route.text}`;
      if (taken?.has(id)) return;
      taken?.add(id);
      const decl: RouteDecl = { method, path: path ?? '', handler, handlerRef, guards: guards.map((g) => ({ text: g.name, line: g.line, via: g.reason, guard: g })), file: r.file, line: r.route.line, order: r.route.order, framework: 'tornado' };
      if (path === undefined) decl.dynamic = full ?? r.route.text;
      if (doubt) decl.doubt = doubt;
      d.routes.push(decl);
    };
    if (!verbs.size) {
      const prep = lookup(k, 'prepare');
      if (prep?.m.notFound) add('ANY', k.name, `${prep.cls.file}#${prep.cls.name}.prepare`, { guards: [] });
      return;
    }
    for (const [verb, h] of verbs) add(verb.toUpperCase(), `${h.cls.name}.${h.fn}`, `${h.cls.file}#${h.cls.name}.${h.fn}`, guardsOf(k, h.cls, h.fn, h.m));
  };

  const guardsOf = (k: Cls, at: Cls, fn: string, m: TnMethod): { guards: Guard[]; doubt?: string } => {
    const out: Guard[] = [];
    for (const dec of m.decorators) {
      const where = `@${dec.text} on ${at.name}.${fn}`;
      if (dec.tornadoAuth) {
        out.push({ name: dec.text, kind: 'authentication', reason: `${where} (tornado: an anonymous GET/HEAD is redirected to login, any other method gets 403)`, file: at.file, line: dec.line });
        continue;
      }
      const fnRef = dec.ref ? resolveFn(dec.ref) : undefined;
      if (fnRef === 'external' && dec.ref) {
        const g = makeGuard(dec.text, at.file, dec.line, where);
        if (g) out.push(g);
      } else if (fnRef && fnRef !== 'external') {
        const kind = classifyGuardText(dec.text)?.kind === 'authorization' ? 'authorization' : 'authentication';
        out.push({ name: dec.text, kind, reason: `${where}; its code refuses: ${fnRef.text} (${fnRef.file}:${fnRef.line})`, file: at.file, line: dec.line, evidence: { how: 'refuses', text: fnRef.text, file: fnRef.file, line: fnRef.line } });
      }
    }
    const checks = [{ m, cls: at, fn }, ...[lookup(k, 'prepare')].filter((p) => !!p).map((p) => ({ m: p!.m, cls: p!.cls, fn: 'prepare' }))];
    let doubt: string | undefined;
    for (const c of checks) {
      const r = c.m.refusal;
      if (!r) continue;
      // Arms taken before the caller's test (`if self.default_url:`): met only while each setting keeps the falsy default its property writes.
      const unset = (r.gates ?? []).map((g) => ({ g, hit: lookup(k, g) }));
      const open = unset.filter((u) => u.hit?.m.unsetByDefault === undefined);
      if (open.length) {
        doubt = `depends on configuration: ${c.cls.name}.${c.fn} sends an anonymous caller to sign-in (${c.cls.file}:${r.line}) unless ${open.map((u) => `self.${u.g}`).join(' or ')} is set, whose default was not read`;
        continue;
      }
      const defaults = unset.map((u) => ` while self.${u.g} keeps its default, unset (${u.hit!.cls.file}:${u.hit!.m.unsetByDefault!.line})`).join(',');
      out.push({ name: r.text, kind: 'authentication', reason: `${c.cls.name}.${c.fn} refuses a caller it cannot identify (${c.cls.file}:${r.line})${defaults}`, file: c.cls.file, line: r.line, evidence: { how: 'refuses', text: r.text, file: c.cls.file, line: r.line } });
    }
    if (out.some((g) => g.kind !== 'other' && !g.optional) || m.signIn) return { guards: out };
    const reader = m.identity ? { cls: at, fn, line: m.identity.line } : m.selfCalls.map((s) => (TORNADO_HTTP.has(s) ? undefined : lookup(k, s))).map((h, i) => (h?.m.identity ? { cls: h.cls, fn: m.selfCalls[i], line: h.m.identity.line } : undefined)).find(Boolean);
    if (reader) out.push({ name: 'self.current_user', kind: 'authentication', optional: true, reason: `${reader.cls.name}.${reader.fn} reads the caller (${reader.cls.file}:${reader.line}) and refuses no one`, file: reader.cls.file, line: reader.line });
    return { guards: out, ...(doubt ? { doubt } : {}) };
  };
  /** A decorator's function: its refusal when it is ours and refuses, `external` when it is not the service's. */
  const resolveFn = (ref: Ref): { text: string; file: string; line: number } | 'external' | undefined => {
    const hit = resolve(ref, (t, n) => getOwn(t.refusers, n) !== undefined);
    if (hit) {
      const r = getOwn(facts(hit[0])!.refusers, hit[1])!;
      return { ...r, file: hit[0] };
    }
    return all.has(split(ref)[0]) ? undefined : 'external';
  };

  for (const d of byFile.values()) {
    for (const p of d.py!.tornado!.prefixed) {
      const root = getOwn(d.py!.tornado!.lists, p.list);
      if (!root) continue;
      const reached: Reached[] = [];
      gather(d.file, root, new Set([`${d.file}#${p.list}`]), reached);
      const taken = new Set<string>();
      for (const r of reached) {
        emitted.add(routeKey(r));
        emit(r, p.prefix ?? `{${p.text}}`, taken);
      }
    }
  }
  for (const d of byFile.values()) {
    for (const items of Object.values(d.py!.tornado!.lists)) {
      for (const it of items) {
        if (!('route' in it)) continue;
        const r = { file: d.file, route: it.route };
        if (emitted.has(routeKey(r))) continue;
        emitted.add(routeKey(r));
        emit(r, undefined);
      }
    }
  }
}

/** Tornado's own `url_path_join`: pieces joined by one slash, the first's leading and the last's trailing slash kept. */
export function urlPathJoin(a: string, b: string): string {
  const joined = [a, b].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  const out = (a.startsWith('/') ? '/' : '') + joined + (b.endsWith('/') ? '/' : '');
  return out === '//' ? '/' : out;
}

/**
 * A route pattern as a reader writes it: groups as `:name` (the group's name, else the handler's
 * parameter at that position), an optional `(?:/(…))?` as `/:name?`, a trailing `(/.*)?` or `(.*)`
 * as `/*`, a trailing `/?` and the anchors dropped. Anything else a regex says is kept as written:
 * undefined (the route's path stays the pattern, `dynamic`).
 */
export function readablePath(pattern: string, params: readonly string[]): string | undefined {
  const s = pattern.replace(/^\^/, '').replace(/\$$/, '').replace(/\/\?$/, '');
  let i = 0;
  const next = (own: string | undefined): string => {
    const n = own ?? params[i] ?? `p${i + 1}`;
    i++;
    return n;
  };
  const out = s
    .replace(TOKEN, (m: string, opt?: string, tail?: string, slash?: string, seg?: string) => {
      if (m.startsWith('(?:')) return `/:${next(opt)}?`;
      if (/\.[*+]\)\??$/.test(m)) return (next(tail), slash ? '/*' : '*');
      return `:${next(seg)}`;
    })
    .replace(/\\\./g, '.');
  if (/[()[\]|?*+\\^$]/.test(out.replace(/\/?\*$/, '').replace(/:\w+\?/g, ''))) return undefined;
  return out.startsWith('/') ? out : `/${out}`;
}

/**
 * A segment's group: named (`(?P<kernel_id>\w+-\w+)`, `(?P<action>restart|interrupt)`) or not (`([^/]+)`, `(\d+)`,
 * `([\w.-]+)`; not an alternation, which stays a regex), never holding a slash but in `[^/]`; an optional one
 * (`(?:/([^/]+))?`); a tail (`(/.*)?`, `(.*)`).
 */
const NAMED_BODY = String.raw`(?:\[\^\/\]|\\.|[^/()\\])+`;
const PLAIN_BODY = String.raw`(?:\[\^\/\]|\\.|[^/()|?.\\])+`;
const TOKEN = new RegExp(
  [String.raw`\(\?:\/(?:\(\?P<(\w+)>${NAMED_BODY}\)|\(${PLAIN_BODY}\))\)\?`, String.raw`\((?:\?P<(\w+)>)?(\/?)\.[*+]\)\??$`, String.raw`\(\?P<(\w+)>${NAMED_BODY}\)`, String.raw`\(${PLAIN_BODY}\)`].join('|'),
  'g',
);

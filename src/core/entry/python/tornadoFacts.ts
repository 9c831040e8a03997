// Tornado, per file: what tornadoLink.ts needs once every file is read. A Tornado application is
// given (regex, RequestHandler class[, kwargs]) tuples, often gathered from lists other modules keep
// (`default_handlers = [(r"/api/users", UserListHandler), …]`, extended from module to module and
// in the application's own method, where a helper may join a prefix onto each pattern). So a file
// records: its handler classes (bases, HTTP methods and aliases such as `head = get`, decorators,
// what each method does with the caller), its lists of tuples and the lists they extend, the
// functions that join a prefix onto a list's patterns and the calls that do it, the class
// attributes a traitlets-style configuration gives defaults (`hub_prefix = URLPrefix('/hub/')`,
// `authenticator = Instance(Authenticator)`), and its functions whose code refuses 401/403
// (decorators such as `needs_scope`, judged by that code, not their name).
import type { Node } from 'web-tree-sitter';
import type { LineRange } from '../../model/types';
import type { Ref } from '../types';
import type { ModuleIndex } from '../resolveModule';
import { all, callArgs, kids, line, rangeOf, stringValue } from '../treeUtil';
import { evalStr } from './pyEval';
import { falsySettingDefault, isRefusal, loginRedirectChain, refusalIn, statusOf } from './tornadoChecks';
import { dict } from '../../ownKeys';

export const TORNADO_HTTP = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options']);

export interface TnMethod {
  range: LineRange;
  /** Positional parameters after `self`: the names of the pattern's unnamed groups. */
  params: string[];
  decorators: { text: string; line: number; ref?: Ref; tornadoAuth?: true }[];
  /** Where the body reads the caller (`self.current_user`, `self.get_current_user()`); positions sit under `line`, as entryShift.ts renames them. */
  identity?: { line: number };
  /** `if user is None: raise HTTPError(403)` at the top of the body, `user` read from `self.current_user`. */
  refusal?: { line: number; text: string; gates?: string[] };
  /** A property reading a setting whose written default is falsy (`return self.settings.get('default_url', '')`). */
  unsetByDefault?: { line: number };
  /** `raise HTTPError(404)` on every way through the body (a not-found handler's `prepare`). */
  notFound?: { line: number };
  /** The body signs the caller in (`self.login_user(…)`, `self.set_login_cookie(…)`). */
  signIn?: true;
  /** Methods of its own class chain the body calls (`self.default_handle_logout()`). */
  selfCalls: string[];
}

export interface TnClass {
  line: number;
  /** Bases: a class of the service (`ref`) or one of tornado's handlers (`tornado`). */
  bases: { text: string; ref?: Ref; tornado?: true; websocket?: true }[];
  methods: Record<string, TnMethod>;
  /** `head = get`, `post = non_get`: an HTTP method answered by another method of the class. */
  aliases: Record<string, string>;
  /** Class attributes a configuration gives a default: a string (`URLPrefix('/hub/')`) or an instance of a class (`Instance(Authenticator)`). */
  traits: Record<string, { str?: string; cls?: Ref }>;
}

/** One element of a handler list: a route tuple, another list, or the list a configured object's method returns. */
export type TnItem =
  | { route: { pattern?: string; text: string; cls: Ref; line: number; order: number } }
  | { list: Ref }
  | { returns: { cls: string; attr: string; method: string } };

export interface TornadoFacts {
  classes: Record<string, TnClass>;
  /** Lists by key: a module-level name, `Class.method:local` for a function's list, `Class.method:return` for the list it returns. */
  lists: Record<string, TnItem[]>;
  /** `self.add_url_prefix(self.hub_prefix, h)`: the list whose patterns get the prefix (evaluated, or the text). */
  prefixed: { list: string; prefix?: string; text: string; line: number }[];
  /** Functions whose code refuses 401/403 (a decorator's wrapper, or the check an `auth_decorator` wraps). */
  refusers: Record<string, { line: number; text: string }>;
}

const IDENTITY = /\bself\.(current_user\b|get_current_user\s*\()/;
const SIGN_IN = /\bself\.(login_user|set_login_cookie)\s*\(/;

/** This file's Tornado facts, or undefined when it holds none. */
export function tornadoFacts(root: Node, file: string, modules: ModuleIndex, moduleAlias: ReadonlyMap<string, string>, aliases: Readonly<Record<Ref, Ref>>): TornadoFacts | undefined {
  const tornadoNames = tornadoImports(root);
  const f: TornadoFacts = { classes: dict(), lists: dict(), prefixed: [], refusers: dict() };
  const key = (name: string): Ref => `${file}#${name}`;
  /** A class or list named in this file: local, imported by name, or `module.name` (a package's submodule too). */
  const refOf = (n: Node | null | undefined): Ref | undefined => {
    if (n?.type === 'identifier') return aliases[key(n.text)] ?? key(n.text);
    if (n?.type !== 'attribute') return undefined;
    const obj = n.childForFieldName('object')!.text;
    const attr = n.childForFieldName('attribute')!.text;
    const mod = moduleAlias.get(obj) ?? (obj.includes('.') ? submodule(obj) : undefined);
    return mod ? `import:${mod}#${attr}` : undefined;
  };
  // `apihandlers.base`: a submodule of a package imported whole, found beside the package's `__init__.py`.
  const submodule = (dotted: string): string | undefined => {
    const [head, ...rest] = dotted.split('.');
    const base = moduleAlias.get(head);
    return base?.endsWith('__init__.py') ? modules.resolvePy(base, `.${rest.join('.')}`) : undefined;
  };

  for (const st of kids(root)) {
    const fn = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    const refusal = fn?.type === 'function_definition' ? refusalIn(fn.childForFieldName('body')) : undefined;
    if (refusal) f.refusers[fn!.childForFieldName('name')!.text] = refusal;
  }

  for (const cls of all(root, 'class_definition')) {
    const name = cls.childForFieldName('name')?.text ?? '';
    const bases = kids(cls.childForFieldName('superclasses'))
      .filter((b) => b.type === 'identifier' || b.type === 'attribute')
      .map((b) => (tornadoNames.has(b.text) || /^tornado\.(web|websocket)\.\w*Handler$/.test(b.text) ? { text: b.text, tornado: true as const, ...(/WebSocketHandler$/.test(b.text) ? { websocket: true as const } : {}) } : { text: b.text, ...(refOf(b) ? { ref: refOf(b)! } : {}) }));
    const c: TnClass = { line: line(cls), bases, methods: dict(), aliases: dict(), traits: dict() };
    for (const st of kids(cls.childForFieldName('body'))) {
      const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
      if (def?.type === 'function_definition') {
        c.methods[def.childForFieldName('name')!.text] = methodFacts(st, def, tornadoNames, refOf);
        continue;
      }
      const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
      let right = a?.childForFieldName('right');
      if (left?.type !== 'identifier' || !right) continue;
      // `URLPrefix('/', help=…).tag(config=True)`: the trait is the call the chain starts from.
      while (right.type === 'call' && right.childForFieldName('function')?.type === 'attribute' && right.childForFieldName('function')!.childForFieldName('object')?.type === 'call') right = right.childForFieldName('function')!.childForFieldName('object')!;
      if (right.type === 'identifier' && TORNADO_HTTP.has(left.text)) c.aliases[left.text] = right.text;
      else if (right.type === 'call') {
        const first = callArgs(right).find((x) => x.type !== 'keyword_argument');
        const s = stringValue(first);
        const fnName = right.childForFieldName('function')?.text ?? '';
        if (s !== undefined) c.traits[left.text] = { str: s };
        else if (/^(\w+\.)?(Instance|Type)$/.test(fnName) && first && refOf(first)) c.traits[left.text] = { cls: refOf(first)! };
      }
    }
    f.classes[name] = c;
  }

  // Lists of tuples, and what extends them, at module level and in functions.
  const itemsOf = (n: Node | null | undefined, env: Map<string, string>, scopeCls?: string): TnItem[] => {
    if (!n) return [];
    if (n.type === 'list' || n.type === 'tuple' && !isRouteTuple(n)) return kids(n).flatMap((e) => itemsOf(e, env, scopeCls));
    if (n.type === 'tuple' || (n.type === 'call' && /^(\w+\.)*url$/.test(n.childForFieldName('function')?.text ?? ''))) {
      const parts = n.type === 'tuple' ? kids(n) : callArgs(n);
      const cls = refOf(parts[1]);
      if (!cls || parts[1].type === 'call') return [];
      const pattern = evalStr(parts[0], env);
      return [{ route: { ...(pattern !== undefined ? { pattern } : {}), text: parts[0].text, cls, line: line(n), order: n.startIndex } }];
    }
    if (n.type === 'identifier' || n.type === 'attribute') {
      const r = n.type === 'identifier' && env.has(`list:${n.text}`) ? env.get(`list:${n.text}`)! : refOf(n);
      return r ? [{ list: r }] : [];
    }
    if (n.type === 'call' && scopeCls) {
      // `self.authenticator.get_handlers(self)`: the list a configured object's method returns.
      const m = /^self\.(\w+)\.(\w+)$/.exec(n.childForFieldName('function')?.text ?? '');
      if (m) return [{ returns: { cls: scopeCls, attr: m[1], method: m[2] } }];
    }
    return [];
  };
  const isRouteTuple = (t: Node): boolean => {
    const p = kids(t);
    return p.length >= 2 && p.length <= 4 && (p[1].type === 'identifier' || p[1].type === 'attribute') && p[0].type !== 'tuple' && p[0].type !== 'list';
  };
  const moduleEnv = new Map<string, string>();
  const add = (k: string, items: TnItem[]): void => {
    if (items.length) (f.lists[k] ??= []).push(...items);
  };
  const walk = (stmts: Node[], scope: string | undefined, cls: string | undefined, env: Map<string, string>): void => {
    for (const st of stmts) {
      if (st.type === 'for_statement') {
        // `for mod in (base, pages): default_handlers.extend(mod.default_handlers)`
        const v = st.childForFieldName('left');
        const over = kids(st.childForFieldName('right'));
        if (v?.type === 'identifier' && over.length && over.every((o) => o.type === 'identifier' && moduleAlias.has(o.text))) {
          for (const o of over) {
            const body = kids(st.childForFieldName('body'));
            for (const s of body) walkOne(s, scope, cls, env, v.text, moduleAlias.get(o.text)!);
          }
          continue;
        }
      }
      walkOne(st, scope, cls, env);
    }
  };
  const walkOne = (st: Node, scope: string | undefined, cls: string | undefined, env: Map<string, string>, loopVar?: string, loopMod?: string): void => {
    const e = st.type === 'expression_statement' || st.type === 'return_statement' ? st.namedChildren[0] : undefined;
    const listKey = (name: string): string => (scope ? `${scope}:${name}` : name);
    const items = (n: Node | null | undefined): TnItem[] => {
      if (loopVar && n?.type === 'attribute' && n.childForFieldName('object')?.text === loopVar) return [{ list: `import:${loopMod}#${n.childForFieldName('attribute')!.text}` }];
      return itemsOf(n, env, cls);
    };
    if (st.type === 'return_statement' && scope && e) add(`${scope}:return`, items(e));
    if (e?.type === 'assignment') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      if (left?.type === 'identifier' && right?.type === 'list') {
        env.set(`list:${left.text}`, key(listKey(left.text)));
        add(listKey(left.text), items(right));
      }
      if (right?.type === 'call') prefixCall(right, scope, env);
    } else if (e?.type === 'augmented_assignment' && e.childForFieldName('left')?.type === 'identifier') {
      add(listKey(e.childForFieldName('left')!.text), items(e.childForFieldName('right')));
    } else if (e?.type === 'call') {
      const fn = e.childForFieldName('function');
      const m = fn?.type === 'attribute' ? fn.childForFieldName('attribute')!.text : '';
      const obj = fn?.childForFieldName('object');
      const arg = callArgs(e)[0];
      if ((m === 'extend' || m === 'append') && obj?.type === 'identifier') add(listKey(obj.text), m === 'append' && arg?.type !== 'tuple' ? [] : items(arg));
      else if ((m === 'extend' || m === 'append') && obj?.type === 'attribute') add(listKey(obj.text), items(arg));
      else prefixCall(e, scope, env);
    }
    // `web.Application([(r"/", MainHandler)], …)`, `app.add_handlers(host, [...])`: a list given to the application.
    for (const call of e && (e.type === 'call' || e.type === 'assignment') ? [e.type === 'call' ? e : e.childForFieldName('right')] : []) {
      const fn = call?.type === 'call' ? call.childForFieldName('function')?.text ?? '' : '';
      const given = /(^|\.)(\w*Application|__init__)$/.test(fn) ? callArgs(call!).find((x) => x.type === 'list') ?? kwValue(call!, 'handlers') : /\.add_handlers$/.test(fn) ? callArgs(call!)[1] : undefined;
      if (given?.type === 'list') add(listKey(`application@${line(call!)}`), items(given));
    }
    if (st.type === 'if_statement' || st.type === 'with_statement' || st.type === 'try_statement') {
      for (const b of [st.childForFieldName('consequence'), st.childForFieldName('body'), ...kids(st).filter((k) => k.type === 'else_clause' || k.type === 'elif_clause').map((k) => k.childForFieldName('body') ?? k.childForFieldName('consequence'))]) walk(kids(b), scope, cls, env);
    }
  };
  /** `PREFIXER(prefix, h)` where PREFIXER joins its first parameter onto each tuple's pattern. */
  const prefixers = prefixJoiners(root);
  const prefixCall = (call: Node, scope: string | undefined, env: Map<string, string>): void => {
    const callee = (call.childForFieldName('function')?.text ?? '').replace(/^(self|cls)\./, '');
    const args = callArgs(call);
    if (!prefixers.has(callee) || args.length !== 2 || args[1].type !== 'identifier') return;
    const prefix = evalStr(args[0], env);
    f.prefixed.push({ list: scope ? `${scope}:${args[1].text}` : args[1].text, ...(prefix !== undefined ? { prefix } : {}), text: args[0].text, line: line(call) });
  };
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const s = a?.type === 'assignment' ? evalStr(a.childForFieldName('right'), moduleEnv) : undefined;
    if (s !== undefined && a!.childForFieldName('left')?.type === 'identifier') moduleEnv.set(a!.childForFieldName('left')!.text, s);
  }
  walk(kids(root), undefined, undefined, new Map(moduleEnv));
  for (const fn of all(root, 'function_definition')) {
    const cls = ownerClass(fn);
    if (!cls && ancestorDef(fn)) continue;
    const env = new Map(moduleEnv);
    // `self.hub_prefix`, `self.base_url`: the defaults the class's configuration gives them.
    for (const [k, t] of Object.entries(cls ? f.classes[cls]?.traits ?? {} : {})) if (t.str !== undefined) env.set(`self.${k}`, t.str);
    walk(kids(fn.childForFieldName('body')), topName(fn), cls, env);
  }
  return Object.keys(f.classes).length || Object.keys(f.lists).length ? f : undefined;
}

/** Local names of tornado's handler classes and decorators: `web` of `from tornado import web`, `RequestHandler`, `authenticated`. */
function tornadoImports(root: Node): Set<string> {
  const out = new Set<string>();
  for (const imp of all(root, 'import_from_statement')) {
    const mod = imp.childForFieldName('module_name')?.text ?? '';
    if (!/^tornado(\.|$)/.test(mod)) continue;
    for (const n of imp.childrenForFieldName('name')) {
      if (!n) continue;
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text;
      if (mod === 'tornado' && name === 'web') for (const h of HANDLERS) out.add(`${alias}.${h}`);
      else if (mod === 'tornado' && name === 'websocket') out.add(`${alias}.WebSocketHandler`);
      else if ((mod === 'tornado.web' && HANDLERS.includes(name)) || (mod === 'tornado.websocket' && name === 'WebSocketHandler')) out.add(alias);
    }
  }
  return out;
}
const HANDLERS = ['RequestHandler', 'StaticFileHandler', 'RedirectHandler', 'ErrorHandler', 'FallbackHandler', 'authenticated'];

function kwValue(call: Node, name: string): Node | undefined {
  const kw = callArgs(call).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
  return kw?.childForFieldName('value') ?? undefined;
}

function ownerClass(fn: Node): string | undefined {
  let p = fn.parent;
  if (p?.type === 'decorated_definition') p = p.parent;
  return p?.type === 'block' && p.parent?.type === 'class_definition' ? p.parent.childForFieldName('name')?.text : undefined;
}

function ancestorDef(fn: Node): boolean {
  for (let p = fn.parent; p; p = p.parent) if (p.type === 'function_definition') return true;
  return false;
}

/** `Class.method` or a top-level function's name (nested functions keep their outer function's). */
function topName(fn: Node): string {
  let cur: Node = fn;
  for (let p = fn.parent; p; p = p.parent) if (p.type === 'function_definition') cur = p;
  const cls = ownerClass(cur);
  const name = cur.childForFieldName('name')?.text ?? '';
  return cls ? `${cls}.${name}` : name;
}

/** Functions (and methods) whose body joins their first parameter onto each element's first item: `url_path_join(prefix, tup[0])`. */
function prefixJoiners(root: Node): Set<string> {
  const out = new Set<string>();
  for (const fn of all(root, 'function_definition')) {
    const params = kids(fn.childForFieldName('parameters')).map((p) => p.text).filter((p) => p !== 'self' && p !== 'cls');
    if (params.length !== 2) continue;
    const joins = all(fn.childForFieldName('body')!, 'call').some((c) => {
      const a = callArgs(c);
      return a.length === 2 && a[0].text === params[0] && /\[0\]$/.test(a[1].text);
    }) || all(fn.childForFieldName('body')!, 'binary_operator').some((b) => b.childForFieldName('left')?.text === params[0] && /\[0\]$/.test(b.childForFieldName('right')?.text ?? ''));
    if (joins) out.add(fn.childForFieldName('name')!.text);
  }
  return out;
}

function methodFacts(st: Node, def: Node, tornadoNames: ReadonlySet<string>, refOf: (n: Node | null | undefined) => Ref | undefined): TnMethod {
  const params = kids(def.childForFieldName('parameters'))
    .map((p) => (p.type === 'identifier' ? p.text : /splat/.test(p.type) ? '' : p.childForFieldName('name')?.text ?? ''))
    .filter((p, i) => !(i === 0 && p === 'self') && p);
  const decorators = (st.type === 'decorated_definition' ? kids(st).filter((k) => k.type === 'decorator') : []).map((d) => {
    const e = d.namedChildren[0]!;
    const callee = e.type === 'call' ? e.childForFieldName('function') : e;
    const tornadoAuth = tornadoNames.has(callee?.text ?? '') && /authenticated$/.test(callee?.text ?? '') ? true : /^tornado\.web\.authenticated$/.test(callee?.text ?? '');
    const ref = tornadoAuth ? undefined : refOf(callee);
    return { text: e.text, line: line(d), ...(ref ? { ref } : {}), ...(tornadoAuth ? { tornadoAuth: true as const } : {}) };
  });
  const body = def.childForFieldName('body')!;
  const m: TnMethod = { range: rangeOf(def), params, decorators, selfCalls: [] };
  const id = IDENTITY.exec(body.text);
  if (id) m.identity = { line: line(body) + body.text.slice(0, id.index).split('\n').length - 1 };
  if (SIGN_IN.test(body.text)) m.signIn = true;
  m.selfCalls = [...new Set([...body.text.matchAll(/\bself\.(\w+)\s*\(/g)].map((x) => x[1]))];
  // Locals holding the caller: `user = self.current_user`.
  const who = new Set<string>();
  for (const a of all(body, 'assignment')) if (a.childForFieldName('left')?.type === 'identifier' && IDENTITY.test(a.childForFieldName('right')?.text ?? '')) who.add(a.childForFieldName('left')!.text);
  for (const s of kids(body)) {
    if (s.type === 'raise_statement' && statusOf(s) === 404) m.notFound = { line: line(s) };
    if (s.type !== 'if_statement' || m.refusal) continue;
    const cond = s.childForFieldName('condition');
    const subject = cond?.type === 'not_operator' ? cond.childForFieldName('argument') : cond?.type === 'comparison_operator' && /\bis\s+None$/.test(cond.text) ? cond.namedChildren[0] : undefined;
    if (!subject || !(IDENTITY.test(subject.text) || who.has(subject.text))) continue;
    const refuses = kids(s.childForFieldName('consequence')).find(isRefusal);
    if (refuses) m.refusal = { line: line(refuses), text: `if ${cond!.text}: ${refuses.text.replace(/\s+/g, ' ')}` };
  }
  m.refusal ??= loginRedirectChain(body, (n) => IDENTITY.test(n.text) || who.has(n.text));
  const unset = falsySettingDefault(body);
  if (unset) m.unsetByDefault = { line: unset };
  return m;
}

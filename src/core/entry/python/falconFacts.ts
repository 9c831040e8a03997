// Falcon, per file: what falconLink.ts needs to make routes across modules. A Falcon route is
// `app.add_route(path, resource)`: the resource is an instance of a class whose responders are
// its `on_<method>` methods (`on_get`, `on_post`; with `suffix="x"`, `on_get_x`), one route per
// responder. Services often build route tables, lists of `(path, Resource(...))` tuples returned
// by a function of another module, and iterate them into add_route, under a prefix taken from an
// outer list (`for prefix, endpoints in catalog: for route, resource in endpoints:
// app.add_route(prefix + route, resource)`). A row appended under `if <setting>:` is recorded with
// that test, for the link to drop it when an oslo.config option's default turns it off. The app the
// routes are added to may be built with Falcon middleware or wrapped by WSGI middleware in the same
// file: neither is judged here, so such routes stay unknown unless a guard applies.
import type { Node } from 'web-tree-sitter';
import type { LineRange } from '../../model/types';
import type { Ref } from '../types';
import { all, callArgs, kids, line, rangeOf, stringValue, HTTP_METHODS } from '../treeUtil';
import { evalStr, type StrEnv } from './pyEval';
import { kwArg, positionalArgs } from './pyScope';
import { dict } from '../../ownKeys';
import { hookList, middlewareHooks } from './falconHookLists';

export interface FalconResponder {
  /** HTTP method in capitals. */
  method: string;
  name: string;
  /** `suffix` of add_route this responder answers for (`on_get_collection`: `collection`), or '' for the plain one. */
  suffix: string;
  decorators: FalconDecorator[];
  range: LineRange;
  line: number;
}

/** A decorator as written, the function or class it calls, and its string arguments (`acl.enforce("queues:get")`). */
export interface FalconDecorator {
  text: string;
  line: number;
  ref?: Ref;
  args?: (string | null)[];
}

/** A row of a route table: the path as evaluated, the resource's class, and the settings that must hold for it. */
export interface FalconRow {
  path: string;
  cls: Ref;
  line: number;
  gates?: Gate[];
}

/** `if conf.admin_mode:` (or `if not …`) around where a row or a table is added: the attribute's last name. */
export interface Gate {
  name: string;
  negated: boolean;
  text: string;
}

/** A mount: a row of its own, or a whole table (a function's returned rows) under a path template. */
export type FalconMountRow =
  | { kind: 'row'; row: FalconRow }
  | { kind: 'table'; template: string; table: Ref; line: number; gates?: Gate[] };

export interface FalconMount {
  line: number;
  suffix: string;
  rows: FalconMountRow[];
  /**
   * Middleware or a wrapper around the app in this file: the routes stay unknown unless its `if` tests
   * are off by default or falconWrappers.ts finds it refuses no one — from the wrapper's callee and
   * arguments (a name's assignments in the function, with their tests), or the hooks Falcon middleware runs.
   */
  wrappers: FalconWrapper[];
  /** This file creates a Falcon app (`falcon.App()`): otherwise the app, and what wraps it, is built elsewhere. */
  createsApp: boolean;
}

export interface FalconWrapper {
  text: string;
  line: number;
  gates?: Gate[];
  callee?: Ref;
  args?: { text: string; sets?: { text: string; gates?: Gate[] }[] }[];
  /** `falcon.App(middleware=[Runner(h) for h in hooks])` or `before=hooks`: the runner class and each hook (null: not read). */
  hooks?: { runner?: Ref; refs: (Ref | null)[] };
}

export interface FalconClass {
  line: number;
  responders: FalconResponder[];
  bases?: Ref[];
  decorators?: FalconDecorator[];
}

export interface FalconFacts {
  /**
   * Classes with responders, or with bases they may inherit them from (resolved by the link), and
   * their class decorators (`@falcon.before(hook)` runs before every responder).
   */
  resources: Record<string, FalconClass>;
  /** Functions returning route tables, by name. */
  tables: Record<string, FalconRow[]>;
  mounts: FalconMount[];
}

/** The placeholder a table's route path takes in a mount's template. */
export const ROUTE_SLOT = '\u0003route\u0003';

function decoratorOf(k: Node, refOf: (n: Node | undefined | null) => Ref | undefined): FalconDecorator {
  const expr = k.namedChildren[0];
  const callee = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
  const ref = callee && /^[\w.]+$/.test(callee.text) ? refOf(callee) : undefined;
  const args = expr?.type === 'call' ? positionalArgs(expr).map((a) => stringValue(a) ?? null) : undefined;
  return { text: k.text.replace(/^@/, ''), line: line(k), ...(ref ? { ref } : {}), ...(args?.length ? { args } : {}) };
}

/** Servers handed a WSGI app to serve: wsgiref's, werkzeug's, waitress's, gevent's. */
const SERVER = /(?:^|\.)(?:make_server|run_simple|serve|WSGIServer)$/;

/** Falcon's application classes (`API` before Falcon 3). */
const APP = /^(falcon\.)?(asgi\.)?(App|API)$/;
const RESPONDER = new RegExp(`^on_(${HTTP_METHODS.join('|')})(?:_(\\w+))?$`);

export function falconFacts(root: Node, refOf: (n: Node | undefined | null) => Ref | undefined, env: StrEnv): FalconFacts | undefined {
  const resources: FalconFacts['resources'] = dict();
  for (const cls of all(root, 'class_definition')) {
    const responders: FalconResponder[] = [];
    for (const st of kids(cls.childForFieldName('body'))) {
      const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
      const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text ?? '' : '';
      const m = RESPONDER.exec(name);
      if (!m || !def) continue;
      const decorators = st.type === 'decorated_definition' ? kids(st).filter((k) => k.type === 'decorator').map((k) => decoratorOf(k, refOf)) : [];
      responders.push({ method: m[1].toUpperCase(), name, suffix: m[2] ?? '', decorators, range: rangeOf(def), line: line(def) });
    }
    const bases = kids(cls.childForFieldName('superclasses')).filter((b) => /^[\w.]+$/.test(b.text) && b.text !== 'object').map((b) => refOf(b)).filter((r): r is Ref => !!r);
    const dd = cls.parent?.type === 'decorated_definition' ? cls.parent : undefined;
    const decorators = kids(dd).filter((k) => k.type === 'decorator').map((k) => decoratorOf(k, refOf));
    if (!responders.length && !bases.length) continue;
    resources[cls.childForFieldName('name')?.text ?? ''] = { line: line(cls), responders, ...(bases.length ? { bases } : {}), ...(decorators.length ? { decorators } : {}) };
  }

  const rowOf = (t: Node, gates: Gate[], fnScope: Node | undefined): FalconRow | undefined => {
    if (t.type !== 'tuple') return undefined;
    const [p, r] = t.namedChildren;
    const path = p ? evalStr(p, env) : undefined;
    const cls = r ? classOf(r, fnScope, refOf) : undefined;
    return path !== undefined && cls ? { path, cls, line: line(t), ...(gates.length ? { gates } : {}) } : undefined;
  };

  const tables: FalconFacts['tables'] = dict();
  for (const def of all(root, 'function_definition')) {
    const ret = all(def, 'return_statement').find((r) => same(enclosingDef(r), def))?.namedChildren[0];
    if (!ret) continue;
    const rows = collection(ret, def).flatMap(({ node, gates }) => (rowOf(node, gates, def) ? [rowOf(node, gates, def)!] : []));
    if (rows.length) tables[def.childForFieldName('name')?.text ?? ''] = rows;
  }

  const mounts: FalconMount[] = [];
  let around: Pick<FalconMount, 'wrappers' | 'createsApp'> | undefined;
  for (const call of all(root, 'call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'add_route') continue;
    const pos = positionalArgs(call);
    // Falcon's is (path, resource); Pyramid's (name, pattern) and aiohttp's (method, path, handler) have strings there.
    if (pos.length !== 2 || stringValue(pos[1]) !== undefined) continue;
    const suffix = evalStr(kwArg(call, 'suffix'), env) ?? '';
    const scope = enclosingDef(call);
    const rows = mountRows(call, pos[0], pos[1], scope, env, refOf, rowOf);
    if (!rows.length) continue;
    // What stands before the app is the file's, the same for every mount in it.
    around ??= { wrappers: wrappersIn(root, refOf), createsApp: all(root, 'call').some((c) => APP.test(c.childForFieldName('function')?.text ?? '')) };
    mounts.push({ line: line(call), suffix, rows, ...around });
  }
  return Object.keys(resources).length || Object.keys(tables).length || mounts.length ? { resources, tables, mounts } : undefined;
}

/** One syntax node seen twice (tree-sitter hands out a new object each time). */
function same(a: Node | undefined | null, b: Node | undefined | null): boolean {
  return !!a && !!b && a.id === b.id;
}

function enclosingDef(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

/** The class a resource expression instantiates: `Res(...)`, `mod.Res(...)`, or a name bound to one in the function or module. */
function classOf(n: Node, scope: Node | undefined, refOf: (n: Node | undefined | null) => Ref | undefined): Ref | undefined {
  if (n.type === 'call') {
    const f = n.childForFieldName('function');
    return f && /^[\w.]+$/.test(f.text) ? refOf(f) : undefined;
  }
  if (n.type !== 'identifier') return undefined;
  const where = [scope, ...(scope ? [rootOf(scope)] : [rootOf(n)])].filter((x): x is Node => !!x);
  for (const s of where) {
    const asg = all(s, 'assignment').find((a) => a.childForFieldName('left')?.text === n.text && a.childForFieldName('right')?.type === 'call' && (s.type !== 'module' || a.parent?.parent?.type === 'module'));
    if (asg) return classOf(asg.childForFieldName('right')!, undefined, refOf);
  }
  return undefined;
}

function rootOf(n: Node): Node {
  let r = n;
  while (r.parent) r = r.parent;
  return r;
}

/**
 * The tests of the `if` statements whose body holds `n`, up to `stop`: a gate per plain attribute test,
 * and one per operand of an `and` of them (each must hold). What sits in an `else` is under no gate here.
 */
function gatesOf(n: Node, stop: Node | undefined): Gate[] {
  const out: Gate[] = [];
  let child = n;
  for (let p = n.parent; p && !same(p, stop); child = p, p = p.parent) {
    if (p.type !== 'if_statement' || !same(p.childForFieldName('consequence'), child)) continue;
    const c = p.childForFieldName('condition');
    const bare = c?.type === 'parenthesized_expression' ? c.namedChildren[0] : c;
    const tests = bare?.type === 'boolean_operator' && bare.childForFieldName('operator')?.text === 'and' ? andOperands(bare) : bare ? [bare] : [];
    for (const t of tests) {
      const negated = t.type === 'not_operator';
      const inner = negated ? t.childForFieldName('argument') : t;
      const name = inner?.type === 'attribute' ? inner.childForFieldName('attribute')?.text : inner?.type === 'identifier' ? inner.text : undefined;
      if (name) out.push({ name, negated, text: t.text });
    }
    // A test that is no plain setting keeps the row: its value is unknown.
  }
  return out;
}

function andOperands(n: Node): Node[] {
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return andOperands(n.namedChildren[0]);
  if (n.type !== 'boolean_operator' || n.childForFieldName('operator')?.text !== 'and') return [n];
  return [n.childForFieldName('left'), n.childForFieldName('right')].flatMap((x) => (x ? andOperands(x) : []));
}

/**
 * The elements a collection expression holds: a list literal's, or a local list's (its assignment
 * and every `.extend([...])`/`.append(x)` in the function), each with the `if` tests around where it was added.
 */
function collection(n: Node, scope: Node | undefined): { node: Node; gates: Gate[] }[] {
  if (n.type === 'list') return kids(n).map((node) => ({ node, gates: [] }));
  if (n.type !== 'identifier' || !scope) return [];
  const out: { node: Node; gates: Gate[] }[] = [];
  for (const a of all(scope, 'assignment')) {
    if (a.childForFieldName('left')?.text !== n.text || a.childForFieldName('right')?.type !== 'list' || !same(enclosingDef(a), scope)) continue;
    const gates = gatesOf(a, scope);
    for (const e of kids(a.childForFieldName('right'))) out.push({ node: e, gates });
  }
  for (const c of all(scope, 'call')) {
    const f = c.childForFieldName('function');
    const verb = f?.childForFieldName('attribute')?.text;
    if (f?.type !== 'attribute' || f.childForFieldName('object')?.text !== n.text || (verb !== 'extend' && verb !== 'append') || !same(enclosingDef(c), scope)) continue;
    const arg = callArgs(c)[0];
    const gates = gatesOf(c, scope);
    if (verb === 'append' && arg) out.push({ node: arg, gates });
    else if (arg?.type === 'list') for (const e of kids(arg)) out.push({ node: e, gates });
  }
  return out;
}

/**
 * The rows one add_route call mounts. Without a loop: its own path and resource. Inside `for`
 * loops: every binding of the loop variables, outermost first; the innermost loop may iterate a
 * table a function returns (`endpoints` bound to `v2.public_endpoints(...)`), kept as a template.
 */
function mountRows(
  call: Node,
  pathExpr: Node,
  resExpr: Node,
  scope: Node | undefined,
  env: StrEnv,
  refOf: (n: Node | undefined | null) => Ref | undefined,
  rowOf: (t: Node, gates: Gate[], fnScope: Node | undefined) => FalconRow | undefined,
): FalconMountRow[] {
  const loops: Node[] = [];
  for (let p = call.parent; p && !same(p, scope); p = p.parent) if (p.type === 'for_statement') loops.unshift(p);
  const out: FalconMountRow[] = [];
  const walk = (i: number, bound: Map<string, Node>, strs: Map<string, string>, gates: Gate[]): void => {
    if (i === loops.length) {
      const path = evalStr(pathExpr, new Map([...env, ...strs]));
      const cls = classOf(bound.get(resExpr.text) ?? resExpr, scope, refOf);
      if (path !== undefined && cls) out.push({ kind: 'row', row: { path, cls, line: line(call), ...(gates.length ? { gates } : {}) } });
      return;
    }
    const loop = loops[i];
    const left = loop.childForFieldName('left');
    const right = loop.childForFieldName('right');
    if (!left || !right) return;
    const names = left.type === 'identifier' ? [left.text] : kids(left).map((k) => (k.type === 'identifier' ? k.text : ''));
    const source = bound.get(right.text) ?? right;
    // The innermost loop over a table a function returns: (route, resource) rows from the link.
    if (source.type === 'call' && i === loops.length - 1 && names.length === 2 && resExpr.text === names[1]) {
      const table = refOf(source.childForFieldName('function'));
      const template = evalStr(pathExpr, new Map([...env, ...strs, [names[0], ROUTE_SLOT]]));
      if (table && template?.includes(ROUTE_SLOT)) out.push({ kind: 'table', template, table, line: line(source), ...(gates.length ? { gates } : {}) });
      return;
    }
    for (const { node, gates: g } of collection(source, scope)) {
      const row = i === loops.length - 1 && names.length === 2 && resExpr.text === names[1] ? rowOf(node, [...gates, ...g], scope) : undefined;
      if (row) {
        const template = evalStr(pathExpr, new Map([...env, ...strs, [names[0], ROUTE_SLOT]]));
        if (template?.includes(ROUTE_SLOT)) out.push({ kind: 'row', row: { ...row, path: template.replace(ROUTE_SLOT, row.path) } });
        continue;
      }
      const parts = (node.type === 'tuple' ? node.namedChildren : [node]).filter((x): x is Node => !!x);
      if (parts.length !== names.length) continue;
      const b = new Map(bound);
      const s = new Map(strs);
      names.forEach((nm, k) => {
        b.set(nm, parts[k]);
        const v = evalStr(parts[k], env);
        if (v !== undefined) s.set(nm, v);
      });
      walk(i + 1, b, s, [...gates, ...g]);
    }
  };
  walk(0, new Map(), new Map(), []);
  return out;
}

/**
 * What stands before the responders in this file, unjudged: `falcon.App(middleware=…)` (or Falcon 1's
 * `before=`), `app.add_middleware(…)`, and a call given the app whose result is kept (`application =
 * AuthMiddleware(app)`, `self.app = Wrapper(self.app, …)`).
 */
function wrappersIn(root: Node, refOf: (n: Node | undefined | null) => Ref | undefined): FalconMount['wrappers'] {
  const out: FalconMount['wrappers'] = [];
  const apps = new Set<string>();
  for (const c of all(root, 'call')) {
    const f = c.childForFieldName('function');
    if (APP.test(f?.text ?? '')) {
      const mw = kwArg(c, 'middleware');
      const before = kwArg(c, 'before');
      if (mw || before) {
        const hooks = before ? hookList(before, c, refOf) : mw ? middlewareHooks(mw, c, refOf) : undefined;
        out.push({ text: c.text.slice(0, 80), line: line(c), ...(hooks ? { hooks } : {}) });
      }
      const asg = c.parent?.type === 'assignment' ? c.parent : undefined;
      for (const l of asg ? [asg.childForFieldName('left')] : []) if (l) apps.add(l.text);
    } else if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'add_middleware') {
      out.push({ text: c.text.slice(0, 80), line: line(c) });
    }
  }
  for (const a of all(root, 'assignment')) {
    const left = a.childForFieldName('left')?.text ?? '';
    const right = a.childForFieldName('right');
    // A server handed the app (`httpd = simple_server.make_server(host, port, self.app)`) serves it, wraps nothing.
    if (right?.type !== 'call' || APP.test(right.childForFieldName('function')?.text ?? '') || SERVER.test(right.childForFieldName('function')?.text ?? '')) continue;
    if (!callArgs(right).some((x) => x.text === left || apps.has(x.text) || /(^|\.)app$/.test(x.text))) continue;
    // `if conf.auth_strategy: app = strategy.install(app, conf)`: the link drops it when an option's default turns the test off.
    const gates = gatesOf(a, undefined);
    const fn = right.childForFieldName('function');
    const callee = fn && /^[\w.]+$/.test(fn.text) ? refOf(fn) : undefined;
    const scope = enclosingDef(a);
    const args = positionalArgs(right).map((x) => {
      const sets = x.type === 'identifier' && scope ? all(scope, 'assignment').filter((s) => s.childForFieldName('left')?.text === x.text && same(enclosingDef(s), scope)) : [];
      return { text: x.text, ...(sets.length ? { sets: sets.map((s) => ({ text: s.childForFieldName('right')?.text ?? '', ...(gatesOf(s, scope).length ? { gates: gatesOf(s, scope) } : {}) })) } : {}) };
    });
    out.push({ text: right.text.slice(0, 80), line: line(a), ...(gates.length ? { gates } : {}), ...(callee ? { callee, args } : {}) });
  }
  return out;
}

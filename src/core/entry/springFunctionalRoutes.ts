// Spring functional routing (WebFlux `RouterFunctions`, WebMvc.fn, springdoc's `SpringdocRouteBuilder`):
// the routes a method returning a `RouterFunction` builds — `route().GET("posts", this::list)`,
// `.nest(path("/x"), () -> route()…)`, `.path("/x", b -> b.GET(…))`, `RouterFunctions.route(GET("/x"), h)`,
// `RouterFunctions.nest(path("/x"), …)`, `.add(…)`/`.and(…)` — with the prefixes of the nests around them.
// A `@Bean` method's router is mounted at the root. One that is not a bean (an interface's
// `endpoint()` a collector gathers) is mounted by whoever calls it: its routes wait, with the class
// and method, for springFunctionalMounts.ts, which reads the collectors and the values the classes
// give them (the prefix `"/apis/" + endpoint.groupVersion()`). What each file holds for that is here too.
import type { Node, Tree } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { all, kids, line, rangeOf, stringValue } from './treeUtil';
import { dict } from '../ownKeys';

const VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Builder calls that hand on the routes of what they are called on. */
const PASS_ON = new Set(['build', 'filter', 'before', 'after', 'onError', 'withAttribute', 'withAttributes', 'cloneBuilder']);

/**
 * A value a no-argument method of a class gives back: a string, or a record built of strings
 * (`new GroupVersion("a", "b")`), or what a static helper of ours makes of an entity
 * (`PublicApiUtils.groupVersion(new Category())`, read from the entity's annotation by springEntityValues.ts).
 */
export type FunctionalValue = string | { type: string; args: string[] } | { helper: string; entity: string } | null;

export interface FunctionalClass {
  name: string;
  /** Superclass and interfaces, simple names. */
  supers: string[];
  /** Method name → what it returns: a literal value, or null for one it computes (it still overrides a default). */
  values: Record<string, FunctionalValue>;
}

/**
 * A class that gathers router functions of beans of one type and nests each under a prefix made of
 * a literal and another method's value: `add(CustomEndpoint e)` calls `e.groupVersion()` and
 * `e.endpoint()`, and `nest(path("/apis/" + gv), …)`.
 */
export interface FunctionalCollector {
  iface: string;
  /** The methods it calls on the gathered bean. */
  calls: string[];
  prefix: string;
  file: string;
  line: number;
}

/** A record's string form written as a template of its components (`group + "/" + version`). */
export interface FunctionalTemplate {
  name: string;
  parts: (string | number)[];
}

export interface FunctionalFileFacts {
  classes: FunctionalClass[];
  collectors: FunctionalCollector[];
  templates: FunctionalTemplate[];
}

interface Ctx {
  file: string;
  cls: Node;
  className: string;
  locals: Map<string, Node>;
  out: RouteDecl[];
  pending?: { cls: string; method: string };
  depth: number;
}

interface Prefix {
  path: string;
  dynamic?: string;
}

const unwrap = (n: Node): Node => (n.type === 'parenthesized_expression' || n.type === 'cast_expression') && n.namedChildren.length ? unwrap(n.namedChildren[n.namedChildren.length - 1]!) : n;
const argsOf = (n: Node): Node[] => kids(n.childForFieldName('arguments')).filter((k) => k.isNamed && k.type !== 'line_comment' && k.type !== 'block_comment');
const nameOf = (n: Node): string => n.childForFieldName('name')?.text ?? '';
const join = (a: string, b: string): string => (b === '' ? a : a === '' ? b : `${a.replace(/\/+$/, '')}/${b.replace(/^\/+/, '')}`);

/** `path("/x")`, `GET("/x")`, `path("/x").and(accept(…))`, a local holding one: the method (if any) and the path. */
function predicate(n: Node, ctx: Ctx, seen = 0): { method?: string; path?: string } | undefined {
  n = unwrap(n);
  if (n.type === 'identifier' && seen < 4) {
    const v = ctx.locals.get(n.text);
    return v ? predicate(v, ctx, seen + 1) : undefined;
  }
  if (n.type !== 'method_invocation') return undefined;
  const name = nameOf(n);
  const obj = n.childForFieldName('object');
  if ((name === 'and' || name === 'or') && obj) return name === 'and' ? predicate(obj, ctx, seen) : undefined;
  if (obj && obj.text !== 'RequestPredicates') return undefined;
  const a = argsOf(n);
  const s = a.length === 1 ? stringValue(a[0]) : undefined;
  if (s === undefined) return undefined;
  if (name === 'path') return { path: s };
  if (VERBS.has(name)) return { method: name, path: s };
  return undefined;
}

/** The statements' return values of a block, not those of lambdas inside it. */
function returnsOf(body: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    for (const k of kids(n)) {
      if (k.type === 'lambda_expression' || k.type === 'class_body') continue;
      if (k.type === 'return_statement' && k.namedChildren[0]) out.push(k.namedChildren[0]);
      else visit(k);
    }
  };
  visit(body);
  return out;
}

function localsOf(body: Node | null): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const d of body ? all(body, 'variable_declarator') : []) {
    const v = d.childForFieldName('value');
    if (v) out.set(nameOf(d), v);
  }
  return out;
}

function methodNamed(cls: Node, name: string): Node | undefined {
  const ms = kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_declaration' && nameOf(k) === name);
  // An overloaded name: the one a handler reference means takes the request alone.
  return ms.find((m) => kids(m.childForFieldName('parameters')).filter((p) => p.type === 'formal_parameter').length === 1) ?? ms[0];
}

function emit(ctx: Ctx, at: Node, method: string, prefix: Prefix, path: string | undefined, handler: Node | undefined): void {
  let handlerName = '<inline>';
  let symbol: string | undefined;
  let range = handler ? rangeOf(handler) : undefined;
  if (handler?.type === 'method_reference') {
    const [target, member] = [handler.namedChildren[0], handler.namedChildren[handler.namedChildren.length - 1]];
    if (target?.type === 'this' && member) {
      handlerName = `${ctx.className}.${member.text}`;
      const m = methodNamed(ctx.cls, member.text);
      symbol = handlerName;
      range = m ? rangeOf(m) : undefined;
    } else {
      handlerName = handler.text.replace('::', '.');
      range = undefined;
    }
  } else if (handler && handler.type !== 'lambda_expression') {
    handlerName = handler.text;
    range = undefined;
  }
  const dynamic = prefix.dynamic ?? (path === undefined ? at.parent?.text.slice(0, 120) : undefined);
  ctx.out.push({
    method,
    path: join(prefix.path, path ?? ''),
    ...(dynamic !== undefined ? { dynamic } : {}),
    handler: handlerName,
    ...(symbol ? { handlerSymbol: symbol } : {}),
    ...(range ? { inlineRange: range } : {}),
    guards: [],
    file: ctx.file,
    line: line(at),
    order: at.startIndex,
    framework: 'spring',
    ...(ctx.pending ? { functional: ctx.pending } : {}),
  });
}

/** The routes `n` builds, under `prefix`. */
function routesOf(n: Node | null | undefined, prefix: Prefix, ctx: Ctx): void {
  if (!n || ctx.depth > 60) return;
  n = unwrap(n);
  ctx.depth++;
  try {
    if (n.type === 'identifier') {
      const v = ctx.locals.get(n.text);
      if (v) routesOf(v, prefix, ctx);
      return;
    }
    if (n.type === 'lambda_expression') {
      // A supplier (`() -> route()…`) gives the router; a consumer (`b -> b.GET(…)`) adds to the builder it gets.
      const body = n.childForFieldName('body');
      if (body?.type === 'block') {
        for (const r of returnsOf(body)) routesOf(r, prefix, ctx);
        for (const s of kids(body).filter((k) => k.type === 'expression_statement')) routesOf(s.namedChildren[0], prefix, ctx);
      } else routesOf(body, prefix, ctx);
      return;
    }
    if (n.type !== 'method_invocation') return;
    const name = nameOf(n);
    const obj = n.childForFieldName('object');
    const a = argsOf(n);
    const onBuilder = !!obj && obj.text !== 'RequestPredicates' && obj.text !== 'RouterFunctions';
    if (VERBS.has(name) && onBuilder) {
      routesOf(obj, prefix, ctx);
      const first = a[0] ? unwrap(a[0]) : undefined;
      const written = first ? stringValue(first) : undefined;
      const handlerAt = a.findIndex((x, i) => (i > 0 || written === undefined) && /^(method_reference|lambda_expression)$/.test(unwrap(x).type));
      const handler = handlerAt >= 0 ? unwrap(a[handlerAt]) : undefined;
      // No path and the handler first: the builder's own path. A request predicate first: its path, if it says one.
      const path = written ?? (handlerAt === 0 ? '' : first ? predicate(first, ctx)?.path : undefined);
      emit(ctx, n.childForFieldName('name')!, name, prefix, path, handler);
      return;
    }
    if ((name === 'nest' || name === 'andNest') && a.length >= 2) {
      if (onBuilder) routesOf(obj, prefix, ctx);
      const p = predicate(a[0], ctx);
      routesOf(a[1], p?.path !== undefined ? { ...prefix, path: join(prefix.path, p.path) } : { path: prefix.path, dynamic: prefix.dynamic ?? a[0].text.slice(0, 120) }, ctx);
      return;
    }
    if (name === 'path' && a.length >= 2 && onBuilder) {
      routesOf(obj, prefix, ctx);
      const s = stringValue(unwrap(a[0]));
      routesOf(a[1], s !== undefined ? { ...prefix, path: join(prefix.path, s) } : { path: prefix.path, dynamic: prefix.dynamic ?? a[0].text.slice(0, 120) }, ctx);
      return;
    }
    if ((name === 'route' || name === 'andRoute') && a.length >= 2) {
      if (onBuilder) routesOf(obj, prefix, ctx);
      const p = predicate(a[0], ctx);
      emit(ctx, n.childForFieldName('name')!, p?.method ?? 'ANY', prefix, p?.path, unwrap(a[1]));
      return;
    }
    if ((name === 'add' || name === 'and' || name === 'andOther') && a.length === 1) {
      if (onBuilder) routesOf(obj, prefix, ctx);
      routesOf(a[0], prefix, ctx);
      return;
    }
    if (PASS_ON.has(name) && obj) routesOf(obj, prefix, ctx);
  } finally {
    ctx.depth--;
  }
}

const annotated = (m: Node, name: string): boolean => kids(kids(m).find((k) => k.type === 'modifiers')).some((a) => /annotation/.test(a.type) && (a.childForFieldName('name')?.text ?? '').split('.').pop() === name);

/** What a no-argument method returns, when it is a literal value. */
function valueOf(expr: Node): FunctionalValue | undefined {
  expr = unwrap(expr);
  const s = stringValue(expr);
  if (s !== undefined) return s;
  if (expr.type === 'object_creation_expression') {
    const args = argsOf(expr).map((x) => stringValue(unwrap(x)));
    const type = (expr.childForFieldName('type')?.text ?? '').replace(/<.*$/, '').split('.').pop() ?? '';
    return args.every((x): x is string => x !== undefined) && type ? { type, args } : undefined;
  }
  // `GroupVersion.parseAPIVersion("a/b")`, `Version.of("a/b")`: a value parsed from its own string form.
  if (expr.type === 'method_invocation' && /^(parse\w*|of|from|valueOf)$/.test(nameOf(expr)) && expr.childForFieldName('object')) {
    const args = argsOf(expr);
    return args.length === 1 ? stringValue(unwrap(args[0])) : undefined;
  }
  // `Helpers.groupVersion(new Category())`: a static helper of a class (capitalised) given a fresh entity.
  const object = expr.type === 'method_invocation' ? expr.childForFieldName('object') : null;
  if (object?.type === 'identifier' && /^[A-Z]/.test(object.text)) {
    const args = argsOf(expr).map(unwrap);
    const entity = args.length === 1 && args[0]!.type === 'object_creation_expression' && !argsOf(args[0]!).length ? args[0]!.childForFieldName('type')?.text : undefined;
    if (entity && /^[A-Z]\w*$/.test(entity)) return { helper: `${object.text}.${nameOf(expr)}`, entity };
  }
  return undefined;
}

/** `group + "/" + version` in a record's toString(): its parts, components by index. */
function templateOf(rec: Node): FunctionalTemplate | undefined {
  const comps = kids(rec.childForFieldName('parameters')).filter((p) => p.type === 'formal_parameter').map(nameOf);
  const toString = methodNamed(rec, 'toString');
  const ret = toString?.childForFieldName('body') ? returnsOf(toString.childForFieldName('body')!)[0] : undefined;
  if (!ret || !comps.length) return undefined;
  // A condition that a component is present (`hasText(group) ? group + "/" + version : version`): the
  // full form, the branch naming the most components.
  const named = (n: Node | null): number => (n ? all(n, 'identifier').filter((i) => comps.includes(i.text)).length : -1);
  const branches = ret.type === 'ternary_expression' ? [ret.childForFieldName('consequence'), ret.childForFieldName('alternative')] : [ret];
  const e = unwrap(branches.reduce((a, b) => (named(b) > named(a) ? b : a)) ?? ret);
  const parts: (string | number)[] = [];
  const flat = (n: Node): boolean => {
    n = unwrap(n);
    if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') return flat(n.childForFieldName('left')!) && flat(n.childForFieldName('right')!);
    const s = stringValue(n);
    if (s !== undefined) return parts.push(s) > 0;
    const i = comps.indexOf(n.text);
    return i >= 0 && parts.push(i) > 0;
  };
  return flat(e) && parts.some((p) => typeof p === 'number') ? { name: nameOf(rec), parts } : undefined;
}

/** A collector of router functions (see FunctionalCollector) declared by `cls`. */
function collectorOf(cls: Node, file: string): FunctionalCollector | undefined {
  let nest: { prefix: string; at: Node } | undefined;
  for (const call of all(cls, 'method_invocation')) {
    if (nameOf(call) !== 'path') continue;
    const a = argsOf(call);
    const e = a.length === 1 ? unwrap(a[0]) : undefined;
    if (e?.type !== 'binary_expression' || e.childForFieldName('operator')?.text !== '+') continue;
    const lit = stringValue(unwrap(e.childForFieldName('left')!));
    if (lit !== undefined && unwrap(e.childForFieldName('right')!).type === 'identifier' && call.parent?.parent && /^(nest|andNest)$/.test(nameOf(call.parent.parent))) nest = { prefix: lit, at: call };
  }
  if (!nest) return undefined;
  for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_declaration')) {
    for (const p of kids(m.childForFieldName('parameters')).filter((k) => k.type === 'formal_parameter')) {
      const type = p.childForFieldName('type');
      if (type?.type !== 'type_identifier') continue;
      const param = nameOf(p);
      const calls = all(m, 'method_invocation')
        .filter((c) => c.childForFieldName('object')?.text === param && !argsOf(c).length)
        .map(nameOf);
      if (calls.length >= 2) return { iface: type.text, calls: [...new Set(calls)], prefix: nest.prefix, file, line: line(nest.at) };
    }
  }
  return undefined;
}

export function detectFunctionalRoutes(tree: Tree, file: string): { routes: RouteDecl[]; facts?: FunctionalFileFacts } {
  const out: RouteDecl[] = [];
  const facts: FunctionalFileFacts = { classes: [], collectors: [], templates: [] };
  for (const cls of all(tree.rootNode, ['class_declaration', 'interface_declaration', 'record_declaration'])) {
    const className = nameOf(cls);
    const supers = [cls.childForFieldName('superclass'), cls.childForFieldName('interfaces'), kids(cls).find((k) => k.type === 'extends_interfaces')]
      .flatMap((s) => (s ? all(s, 'type_identifier') : []))
      .map((t) => t.text);
    const values: Record<string, FunctionalValue> = dict();
    for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_declaration')) {
      const body = m.childForFieldName('body');
      if (!body) continue;
      const type = m.childForFieldName('type')?.text ?? '';
      if (/^RouterFunction\b/.test(type)) {
        const ctx: Ctx = { file, cls, className, locals: localsOf(body), out, depth: 0, ...(annotated(m, 'Bean') ? {} : { pending: { cls: className, method: nameOf(m) } }) };
        for (const r of returnsOf(body)) routesOf(r, { path: '' }, ctx);
        continue;
      }
      if (kids(m.childForFieldName('parameters')).some((p) => p.type === 'formal_parameter')) continue;
      const rets = returnsOf(body);
      const v = rets.length === 1 ? valueOf(rets[0]) : undefined;
      values[nameOf(m)] = v ?? null;
    }
    if (Object.keys(values).length || supers.length) facts.classes.push({ name: className, supers, values });
    if (cls.type === 'record_declaration') {
      const t = templateOf(cls);
      if (t) facts.templates.push(t);
    }
    const c = cls.type === 'class_declaration' ? collectorOf(cls, file) : undefined;
    if (c) facts.collectors.push(c);
  }
  const any = out.length || facts.collectors.length || facts.templates.length || facts.classes.some((c) => Object.values(c.values).some((v) => v !== null));
  return { routes: out, ...(any ? { facts } : {}) };
}

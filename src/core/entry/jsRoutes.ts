// Express, Koa (koa-router), Fastify and Hono routes in JS/TS: registrations, routers and their
// mounts (`use`, `register`, helper functions that take the app), across files via imports and
// require(). Emits declarations; routeGraph.ts links them and resolves full paths.
import type { Node, Tree } from 'web-tree-sitter';
import type { ModuleIndex } from './resolveModule';
import { emptyDecls, type FileDecls, type GuardCandidate, type Ref } from './types';
import { all, callArgs, kids, line, rangeOf, stringValue } from './treeUtil';
import { classifyGuardText, isSetupOnly, makeGuard } from './guards';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'all', 'del']);
const ROUTER_PACKAGES = /^(express|koa-router|@koa\/router|fastify|hono|polka|restify|router|@hapi\/hapi|koa)$/;
const CREATORS = new Set(['express', 'Router', 'fastify', 'Fastify', 'Hono', 'polka', 'KoaRouter', 'createRouter']);
const ROUTERISH = /^(app|application|server|router|routes|api|apiRouter|r|v\d+|fastify|instance|admin|[a-zA-Z]*(Router|App|Routes|Api))$/;
const ERROR_HANDLER = /(^|\.)(\w*error_?handler|handle\w*errors?|errors?_?middleware|on_?error)$/i;
const NOT_ROUTER = /^(req|res|ctx|request|response|axios|http|https|fetch|client|map|cache|store|headers|params|query|cookies|session|redis|db|config|settings|env|process|window|document|localStorage|console|JSON|Object|Math|this)$/;

export function detectJsRoutes(tree: Tree, file: string, modules: ModuleIndex): FileDecls {
  const d = emptyDecls(file);
  const root = tree.rootNode;
  const importSpec = new Map<string, string>(); // local name → module specifier
  const key = (name: string): Ref => `${file}#${name}`;

  const importRef = (spec: string, name: string): Ref | undefined => {
    const target = modules.resolveJs(file, spec);
    return target ? `import:${target}#${name}` : undefined;
  };

  // ---- imports and require() ----
  for (const imp of all(root, 'import_statement')) {
    const spec = stringValue(imp.childForFieldName('source'));
    if (!spec) continue;
    const clause = kids(imp).find((k) => k.type === 'import_clause');
    for (const c of kids(clause)) {
      if (c.type === 'identifier') bindImport(c.text, spec, 'default');
      else if (c.type === 'namespace_import') {
        const id = kids(c).find((k) => k.type === 'identifier');
        if (id) bindImport(id.text, spec, '*');
      } else if (c.type === 'named_imports') {
        for (const s of kids(c).filter((k) => k.type === 'import_specifier')) {
          const name = s.childForFieldName('name')?.text ?? '';
          const alias = s.childForFieldName('alias')?.text ?? name;
          bindImport(alias, spec, name);
        }
      }
    }
  }
  function bindImport(local: string, spec: string, name: string): void {
    importSpec.set(local, spec);
    const ref = importRef(spec, name);
    if (ref) d.aliases[key(local)] = ref;
  }

  const requireSpec = (n: Node | null | undefined): { spec: string; member?: string } | undefined => {
    if (!n) return undefined;
    if (n.type === 'member_expression') {
      const inner = requireSpec(n.childForFieldName('object'));
      return inner ? { spec: inner.spec, member: n.childForFieldName('property')?.text } : undefined;
    }
    if (n.type === 'await_expression') return requireSpec(n.namedChildren[0]);
    if (n.type !== 'call_expression' || n.childForFieldName('function')?.text !== 'require') return undefined;
    const spec = stringValue(callArgs(n)[0]);
    return spec ? { spec } : undefined;
  };

  // ---- bindings: routers created, requires, function names ----
  for (const decl of all(root, 'variable_declarator')) {
    const nameNode = decl.childForFieldName('name');
    const value = decl.childForFieldName('value');
    if (!nameNode || !value) continue;
    const req = requireSpec(value);
    if (req) {
      if (nameNode.type === 'identifier') {
        importSpec.set(nameNode.text, req.spec);
        const ref = importRef(req.spec, req.member ?? 'default');
        if (ref) d.aliases[key(nameNode.text)] = ref;
      } else if (nameNode.type === 'object_pattern') {
        for (const p of kids(nameNode)) {
          const local = p.type === 'pair_pattern' ? p.childForFieldName('value')?.text : p.text;
          const name = p.type === 'pair_pattern' ? p.childForFieldName('key')?.text : p.text;
          if (!local || !name) continue;
          importSpec.set(local, req.spec);
          const ref = importRef(req.spec, name);
          if (ref) d.aliases[key(local)] = ref;
        }
      }
      continue;
    }
    if (nameNode.type !== 'identifier') continue;
    const ref = evalRouter(value);
    if (ref) {
      if (ref !== key(nameNode.text)) d.aliases[key(nameNode.text)] = ref;
      d.routers.add(key(nameNode.text));
    }
  }

  // ---- exports ----
  for (const ex of all(root, 'export_statement')) {
    const decl = ex.childForFieldName('declaration');
    const value = ex.childForFieldName('value');
    const isDefault = ex.children.some((c) => c?.type === 'default');
    if (decl) {
      const names = decl.type === 'lexical_declaration' || decl.type === 'variable_declaration'
        ? kids(decl).map((v) => v.childForFieldName('name')?.text)
        : [decl.childForFieldName('name')?.text ?? (isDefault ? fnName(decl) : undefined)];
      for (const n of names) if (n) d.exports[isDefault ? 'default' : n] = key(n);
    } else if (value) {
      exportValue('default', value);
    }
    for (const clause of kids(ex).filter((k) => k.type === 'export_clause')) {
      for (const s of kids(clause)) {
        const name = s.childForFieldName('name')?.text;
        const alias = s.childForFieldName('alias')?.text ?? name;
        if (name && alias) d.exports[alias] = key(name);
      }
    }
  }
  for (const asg of all(root, 'assignment_expression')) {
    const left = asg.childForFieldName('left')?.text ?? '';
    const right = asg.childForFieldName('right');
    if (!right) continue;
    if (left === 'module.exports' || left === 'exports.default' || left === 'module.exports.default') exportValue('default', right);
    else {
      const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left);
      if (m) exportValue(m[1], right);
    }
  }
  function exportValue(name: string, value: Node): void {
    if (value.type === 'identifier') d.exports[name] = key(value.text);
    else if (isFunction(value)) d.exports[name] = key(fnName(value));
    else if (value.type === 'object') {
      for (const p of kids(value)) {
        if (p.type === 'shorthand_property_identifier') d.exports[p.text] = key(p.text);
        else if (p.type === 'pair' && p.childForFieldName('value')?.type === 'identifier') d.exports[p.childForFieldName('key')!.text] = key(p.childForFieldName('value')!.text);
        else if (p.type === 'pair' && isFunction(p.childForFieldName('value')!)) d.exports[p.childForFieldName('key')!.text] = key(fnName(p.childForFieldName('value')!));
        else if (p.type === 'method_definition') d.exports[p.childForFieldName('name')!.text] = key(fnName(p));
      }
    } else {
      const ref = evalRouter(value) ?? evalRef(value);
      if (ref) d.exports[name] = ref;
    }
  }

  // ---- registrations, in document order ----
  for (const call of all(root, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (!fn) continue;
    const args = callArgs(call);
    if (fn.type === 'member_expression') {
      const prop = fn.childForFieldName('property')?.text ?? '';
      const obj = fn.childForFieldName('object')!;
      if (ROUTE_METHODS.has(prop)) routeCall(call, obj, prop, args);
      else if (prop === 'route' && args[0]?.type === 'object') fastifyRoute(call, obj, args[0]);
      else if (prop === 'use') useCall(call, obj, args);
      else if (prop === 'register') registerCall(call, obj, args);
      else if (prop === 'addHook' && /^(onRequest|preParsing|preValidation|preHandler)$/.test(stringValue(args[0]) ?? '')) hookCall(call, obj, args);
      else if (prop === 'route' && args.length === 2 && isFunction(args[1])) routeGroup(call, obj, args);
      else helperCall(call, fn, args);
    } else if (fn.type === 'identifier') helperCall(call, fn, args);
  }

  function routeCall(call: Node, obj: Node, prop: string, args: Node[]): void {
    let pathNode: Node | undefined = args[0];
    let handlerArgs = args.slice(1);
    let receiver: Ref | undefined;
    // router.route('/x').get(h).post(h)
    const inner = obj.type === 'call_expression' ? obj.childForFieldName('function') : null;
    if (inner?.type === 'member_expression' && inner.childForFieldName('property')?.text === 'route') {
      pathNode = callArgs(obj)[0];
      handlerArgs = args;
      receiver = routerOf(inner.childForFieldName('object')!, true);
    } else {
      if (args.length < 2) return;
      receiver = routerOf(obj, isPathLike(pathNode));
    }
    if (!receiver || !pathNode || handlerArgs.length === 0) return;
    const path = stringValue(pathNode);
    if (path === undefined && !isDynamicPathCandidate(pathNode)) return;
    if (path !== undefined && !isRoutePath(path)) return;
    const { handler, middleware } = splitHandlers(handlerArgs);
    if (!handler) return;
    const method = prop === 'all' ? 'ANY' : prop === 'del' ? 'DELETE' : prop.toUpperCase();
    addRoute(call, receiver, method, path, pathNode, handler, middleware, `${obj.text.split('\n')[0].slice(0, 40)}.${prop}`);
  }

  function addRoute(call: Node, receiver: Ref, method: string, path: string | undefined, pathNode: Node, handler: Node, middleware: GuardCandidate[], via: string): void {
    const h = unwrapHandler(handler);
    d.routes.push({
      router: receiver,
      method,
      path: path ?? '',
      dynamic: path === undefined ? pathNode.text : undefined,
      handler: isFunction(h) ? '<inline>' : h.text.replace(/\s+/g, ' ').slice(0, 120),
      inlineRange: isFunction(h) ? rangeOf(h) : undefined,
      handlerRef: h.type === 'identifier' ? key(h.text) : h.type === 'member_expression' ? evalRef(h) : undefined,
      guards: middleware.map((m) => ({ ...m, via: `${m.via} of ${via}` })),
      file,
      line: line(call),
      order: call.startIndex,
      framework: 'express',
    });
  }

  function fastifyRoute(call: Node, obj: Node, opts: Node): void {
    const receiver = routerOf(obj, true);
    if (!receiver) return;
    const prop = (n: string): Node | undefined => kids(opts).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text.replace(/['"]/g, '') === n)?.childForFieldName('value') ?? undefined;
    const urlNode = prop('url') ?? prop('path');
    const handler = prop('handler');
    if (!urlNode || !handler) return;
    const methodNode = prop('method');
    const methods = methodNode?.type === 'array' ? kids(methodNode).map((m) => stringValue(m) ?? '') : [stringValue(methodNode) ?? 'ANY'];
    const mw = ['preHandler', 'onRequest', 'preValidation'].flatMap((k) => {
      const v = prop(k);
      return v ? candidates(v.type === 'array' ? kids(v) : [v], `${k} option`) : [];
    });
    for (const m of methods) addRoute(call, receiver, m.toUpperCase(), stringValue(urlNode), urlNode, handler, mw, `${obj.text.slice(0, 40)}.route`);
  }

  function useCall(call: Node, obj: Node, args: Node[]): void {
    const parent = routerOf(obj, false);
    if (!parent || args.length === 0) return;
    let prefix = '';
    let dynamic: string | undefined;
    let rest = args;
    const first = stringValue(args[0]);
    if (first !== undefined) {
      prefix = first;
      rest = args.slice(1);
    } else if (args.length > 1 && (args[0].type === 'template_string' || args[0].type === 'binary_expression')) {
      dynamic = args[0].text;
      rest = args.slice(1);
    } else if (args[0].type === 'array' && kids(args[0]).every((k) => stringValue(k) !== undefined)) {
      prefix = stringValue(kids(args[0])[0]) ?? '';
      rest = args.slice(1);
    }
    d.uses.push({ parent, prefix, dynamic, args: candidates(rest, `${obj.text.slice(0, 40)}.use`), file, line: line(call), order: call.startIndex });
  }

  function registerCall(call: Node, obj: Node, args: Node[]): void {
    const parent = routerOf(obj, false);
    const plugin = args[0];
    if (!parent || !plugin) return;
    const opts = args[1];
    let prefix = '';
    let dynamic: string | undefined;
    if (opts?.type === 'object') {
      const p = kids(opts).find((k) => k.type === 'pair' && k.childForFieldName('key')?.text.replace(/['"]/g, '') === 'prefix');
      const v = p?.childForFieldName('value');
      if (v) {
        prefix = stringValue(v) ?? '';
        if (stringValue(v) === undefined) dynamic = v.text;
      }
    }
    const ref = isFunction(plugin) ? key(fnName(plugin)) : evalRef(plugin);
    if (!ref) return;
    d.uses.push({ parent, prefix, dynamic, args: [], children: [`${ref}(0)`], file, line: line(call), order: call.startIndex });
  }

  /** Fastify `instance.addHook('onRequest', authenticate)`: middleware for the routes of that instance. */
  function hookCall(call: Node, obj: Node, args: Node[]): void {
    const parent = routerOf(obj, false);
    if (!parent || args.length < 2) return;
    d.uses.push({ parent, prefix: '', args: candidates(args.slice(1), `${obj.text.slice(0, 40)}.addHook(${args[0].text})`), file, line: line(call), order: call.startIndex });
  }

  /** Hono/express-like `app.route('/x', sub)` and chi-style `r.route('/x', (r) => …)`. */
  function routeGroup(call: Node, obj: Node, args: Node[]): void {
    const parent = routerOf(obj, false);
    const prefix = stringValue(args[0]);
    if (!parent || prefix === undefined) return;
    d.uses.push({ parent, prefix, args: [], children: [`${key(fnName(args[1]))}(0)`], file, line: line(call), order: call.startIndex });
  }

  /** `registerRoutes(app)`, `routes.mount(router)`: a helper that receives a router. */
  function helperCall(call: Node, fn: Node, args: Node[]): void {
    if (fn.type === 'identifier' && (fn.text === 'require' || CREATORS.has(fn.text))) return;
    const target = fn.type === 'identifier' ? key(fn.text) : evalRef(fn);
    if (!target) return;
    args.forEach((a, i) => {
      if (a.type !== 'identifier') return;
      const r = knownRouter(a);
      if (r) d.uses.push({ parent: r, prefix: '', args: [], children: [`${target}(${i})`], file, line: line(call), order: call.startIndex });
    });
  }

  function splitHandlers(args: Node[]): { handler?: Node; middleware: GuardCandidate[] } {
    const flat = args.flatMap((a) => (a.type === 'array' ? kids(a) : [a])).filter((a) => a.type !== 'object' || args.length === 1);
    // A trailing Express error handler (`get(path, mw, handler, util.errorHandler)`) runs only on
    // errors: the handler is the argument before it.
    while (flat.length > 1 && ERROR_HANDLER.test(flat[flat.length - 1].text)) flat.pop();
    const handler = flat[flat.length - 1];
    // Fastify: get(path, { preHandler: [...] }, handler)
    const opts = args.filter((a) => a.type === 'object');
    const mw = candidates(flat.slice(0, -1), 'middleware argument');
    for (const o of opts) {
      for (const p of kids(o).filter((k) => k.type === 'pair')) {
        const k = p.childForFieldName('key')?.text.replace(/['"]/g, '') ?? '';
        const v = p.childForFieldName('value');
        if (v && /^(preHandler|onRequest|preValidation|beforeHandler)$/.test(k)) mw.push(...candidates(v.type === 'array' ? kids(v) : [v], `${k} option`));
      }
    }
    return { handler, middleware: mw };
  }

  function candidates(nodes: Node[], via: string): GuardCandidate[] {
    return nodes.flatMap((n) => (n.type === 'array' ? kids(n) : [n])).map((n) => {
      const c: GuardCandidate = { text: n.text.replace(/\s+/g, ' ').slice(0, 160), line: line(n), via, ref: evalRouter(n) ?? evalRef(n) ?? returnRef(n) };
      // An identifier imported from an auth-looking module is a guard even with a bland name.
      const rootName = /^[A-Za-z_$][\w$]*/.exec(n.text)?.[0];
      const spec = rootName ? importSpec.get(rootName) : undefined;
      if (spec && !classifyGuardText(n.text) && !isSetupOnly(n.text)) {
        const cls = classifyGuardText(spec.split('/').pop() ?? spec);
        if (cls) c.guard = makeGuard(n.text, file, line(n), `${via}, imported from '${spec}'`, cls);
      }
      return c;
    });
  }

  // ---- evaluation of expressions to routers ----
  function evalRouter(n: Node): Ref | undefined {
    if (n.type === 'parenthesized_expression' || n.type === 'await_expression') return n.namedChildren[0] ? evalRouter(n.namedChildren[0]) : undefined;
    if (n.type === 'new_expression' || n.type === 'call_expression') {
      const callee = n.childForFieldName(n.type === 'new_expression' ? 'constructor' : 'function');
      if (!callee) return undefined;
      const name = callee.text;
      const rootName = name.split('.')[0];
      const fromRouterPkg = ROUTER_PACKAGES.test(importSpec.get(rootName) ?? '');
      if (CREATORS.has(name) || name === 'express.Router' || name === 'Koa' || (fromRouterPkg && callee.type === 'identifier') || /^(express|Router)\.Router$/.test(name)) {
        const ref = key(`<router@${n.startIndex}>`);
        d.routers.add(ref);
        const opts = callArgs(n)[0];
        if (opts?.type === 'object') {
          const p = kids(opts).find((k) => k.type === 'pair' && k.childForFieldName('key')?.text.replace(/['"]/g, '') === 'prefix');
          const v = stringValue(p?.childForFieldName('value'));
          if (v !== undefined) d.prefixes[ref] = { prefix: v, guards: [] };
        }
        return ref;
      }
      if (callee.type === 'member_expression') {
        const prop = callee.childForFieldName('property')?.text ?? '';
        const obj = callee.childForFieldName('object')!;
        if (prop === 'allowedMethods') return undefined;
        // koa-router `sub.routes()` names a router even when `sub` is an import (`require('./users')`).
        if (prop === 'routes' || prop === 'middleware') return evalRouter(obj) ?? knownRouter(obj) ?? (obj.type === 'identifier' ? evalRef(obj) : undefined);
        if (prop === 'use' || ROUTE_METHODS.has(prop)) return evalRouter(obj) ?? knownRouter(obj);
        if (prop === 'basePath') {
          const base = evalRouter(obj) ?? knownRouter(obj);
          const p = stringValue(callArgs(n)[0]);
          if (base && p !== undefined) {
            const ref = key(`<router@${n.startIndex}>`);
            d.routers.add(ref);
            d.uses.push({ parent: base, prefix: p, args: [], children: [ref], file, line: line(n), order: n.startIndex });
            return ref;
          }
        }
      }
      const req = requireSpec(n);
      if (req) return importRef(req.spec, req.member ?? 'default');
    }
    if (n.type === 'member_expression') {
      const req = requireSpec(n);
      if (req) return importRef(req.spec, req.member ?? 'default');
    }
    return undefined;
  }

  /** A local reference for an argument: identifiers, `ns.name` on a namespace import, require(). */
  function evalRef(n: Node): Ref | undefined {
    if (n.type === 'identifier') return paramRef(n) ?? key(n.text);
    if (n.type === 'member_expression') {
      const obj = n.childForFieldName('object');
      const prop = n.childForFieldName('property')?.text;
      if (obj?.type === 'identifier' && prop) {
        const alias = d.aliases[key(obj.text)];
        if (alias?.endsWith('#*') || alias?.endsWith('#default')) return alias.replace(/#(\*|default)$/, `#${prop}`);
      }
      const req = requireSpec(n);
      if (req) return importRef(req.spec, req.member ?? 'default');
    }
    if (n.type === 'call_expression') return evalRouter(n);
    return undefined;
  }

  /** `makeRouter()`, `theme.app()`: `fn()` stands for what the function returns (linked in routeGraph). */
  function returnRef(n: Node): Ref | undefined {
    if (n.type !== 'call_expression') return undefined;
    const callee = n.childForFieldName('function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'member_expression')) return undefined;
    const fn = evalRef(callee);
    return fn && !fn.endsWith(')') ? `${fn}()` : undefined;
  }

  function knownRouter(n: Node): Ref | undefined {
    if (n.type !== 'identifier') return undefined;
    const k = key(n.text);
    if (d.routers.has(k)) return k;
    return paramRef(n, true);
  }

  /** The receiver of a registration; lazily a router when the name says so and the call looks like a route. */
  function routerOf(obj: Node, pathLike: boolean): Ref | undefined {
    if (obj.type === 'call_expression' || obj.type === 'new_expression') return evalRouter(obj);
    if (obj.type === 'member_expression' && obj.childForFieldName('object')?.text === 'this') {
      const p = obj.childForFieldName('property')?.text ?? '';
      if (!ROUTERISH.test(p) || !pathLike) return undefined;
      const ref = key(`this.${p}`);
      d.routers.add(ref);
      return ref;
    }
    if (obj.type !== 'identifier' || NOT_ROUTER.test(obj.text)) return undefined;
    const k = key(obj.text);
    if (d.routers.has(k)) return k;
    const pr = paramRef(obj);
    if (pr && (pathLike || ROUTERISH.test(obj.text))) {
      d.routers.add(pr);
      return pr;
    }
    if (d.aliases[k]?.startsWith('import:') && pathLike) return k; // an imported router
    if (ROUTERISH.test(obj.text) && pathLike) {
      d.routers.add(k);
      return k;
    }
    return undefined;
  }

  /** `file#fn(i)` when the identifier is the i-th parameter of its enclosing function. */
  function paramRef(id: Node, onlyKnown = false): Ref | undefined {
    for (let p = id.parent; p; p = p.parent) {
      if (!isFunction(p)) continue;
      const params = kids(p.childForFieldName('parameters') ?? p.childForFieldName('parameter'));
      const single = p.childForFieldName('parameter');
      const list = single && single.type === 'identifier' ? [single] : params;
      const i = list.findIndex((q) => (q.type === 'identifier' ? q.text : q.childForFieldName('pattern')?.text ?? q.namedChildren[0]?.text) === id.text);
      if (i >= 0) {
        const ref = `${key(fnName(p))}(${i})`;
        if (onlyKnown && !d.routers.has(ref)) return undefined;
        return ref;
      }
    }
    return undefined;
  }

  // A function that returns a router: `fn()` is that router wherever it is called.
  for (const ret of all(root, 'return_statement')) {
    const value = ret.namedChildren[0];
    let fn: Node | null = ret.parent;
    while (fn && !isFunction(fn)) fn = fn.parent;
    if (!value || !fn) continue;
    const ref = value.type === 'identifier' ? (d.routers.has(key(value.text)) ? key(value.text) : undefined) : evalRouter(value) ?? returnRef(value);
    if (ref) d.aliases[`${key(fnName(fn))}()`] = ref;
  }

  return d;
}

export function isFunction(n: Node): boolean {
  return ['arrow_function', 'function_expression', 'function_declaration', 'function', 'generator_function_declaration', 'method_definition'].includes(n.type);
}

/** A stable name for a function node: its declared name, its variable, or its position. */
export function fnName(fn: Node): string {
  const own = fn.childForFieldName('name')?.text;
  if (own) return own;
  const p = fn.parent;
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text ?? `<fn@${fn.startIndex}>`;
  if (p?.type === 'export_statement') return 'default';
  if (p?.type === 'assignment_expression') {
    const left = p.childForFieldName('left')?.text ?? '';
    if (left === 'module.exports') return 'default';
    const m = /exports\.([\w$]+)$/.exec(left);
    if (m) return m[1];
  }
  return `<fn@${fn.startIndex}>`;
}

function unwrapHandler(h: Node): Node {
  // asyncHandler(fn), catchAsync(ctrl.list), wrap(async (req, res) => …)
  if (h.type === 'call_expression') {
    const args = callArgs(h);
    if (args.length === 1 && (isFunction(args[0]) || args[0].type === 'identifier' || args[0].type === 'member_expression')) return unwrapHandler(args[0]);
  }
  return h;
}

function isPathLike(n: Node | undefined): boolean {
  const s = stringValue(n);
  return s !== undefined && isRoutePath(s);
}

function isRoutePath(s: string): boolean {
  return s === '' || s === '*' || s.startsWith('/');
}

function isDynamicPathCandidate(n: Node): boolean {
  return n.type === 'template_string' || n.type === 'binary_expression' || n.type === 'regex' || (n.type === 'member_expression' && /^[A-Z_]+$/.test(n.childForFieldName('property')?.text ?? ''));
}

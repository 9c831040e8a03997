// Flask-RESTX, Flask-RESTPlus and Flask-RESTful. `Api(app_or_blueprint, prefix=…, decorators=[…])`
// (or `api.init_app(x)`) is mounted on its app or blueprint; `Namespace("users", path=…,
// decorators=[…])` (or `api.namespace("users")`) is added with `api.add_namespace(ns, "/users")`,
// under its own `/users` when no path is given. A Resource class registered with
// `@ns.route("/a", "/b")` or `api.add_resource(Cls, "/a", "/b")` answers each HTTP method it defines
// (or inherits from a class of the same module) at every path: one route each, whose handler is
// that method. Its guards are the method's decorators, the class's `method_decorators` (a list, or
// a dict by method) and `decorators`, and the Namespace's and Api's `decorators=`, all read as a
// Flask view's decorators are (pyDecorators.ts). Decorators called on the Namespace or Api object
// itself (`@ns.doc(…)`, `@ns.expect(…)`) document the route and are no guards.
// Flask-RESTX and RESTPlus also serve their spec (`/swagger.json`, unless `add_specs=False`) and
// the Swagger UI at `doc=` ("/" when not given; none with `doc=False`, and none claimed when `doc=`
// is an expression we cannot evaluate: we do not know that it is served).
import type { Node } from 'web-tree-sitter';
import type { FileDecls, GuardCandidate, Ref, RouteDecl } from '../types';
import type { PyFacts, ResourceClass } from './pyFacts';
import { all, kids, line, rangeOf, stringValue } from '../treeUtil';
import { evalStr, type StrEnv } from './pyEval';
import { decoratorGuard } from './pyDecorators';
import { joinPaths } from '../routePath';

const LIB = /^flask_rest(x|ful|plus)$/;
const HTTP = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
/** Class attributes whose decorators wrap every method's view (dict form: by method). */
const CLASS_DECORATORS = new Set(['method_decorators', 'decorators']);
const MAX_BASES = 5;

export interface RestxContext {
  file: string;
  d: FileDecls;
  py: PyFacts;
  moduleEnv: StrEnv;
  key: (name: string) => Ref;
  refOf: (n: Node | null | undefined) => Ref | undefined;
  kw: (call: Node, name: string) => Node | undefined;
  positional: (call: Node) => Node[];
}

/** Words a module using these libraries (or holding a Resource class for one) has: others are not walked again. */
const MENTIONS = /flask_rest|Resource|add_resource|add_namespace/;

export function detectRestx(root: Node, x: RestxContext): void {
  if (!MENTIONS.test(root.text)) return;
  const { file, d, py, kw, positional, refOf, moduleEnv } = x;
  // The library's classes by the name this file calls them: `Api`, `restx.Namespace`.
  const libNames = new Map<string, { cls: string; spec: boolean }>();
  for (const imp of all(root, 'import_from_statement')) {
    const lib = LIB.exec((imp.childForFieldName('module_name')?.text ?? '').split('.')[0]);
    if (!lib) continue;
    for (const n of imp.childrenForFieldName('name')) {
      if (!n) continue;
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text;
      libNames.set(alias, { cls: name, spec: lib[1] !== 'ful' });
    }
  }
  for (const imp of all(root, 'import_statement')) {
    for (const n of kids(imp)) {
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text;
      const lib = LIB.exec(name);
      if (lib) for (const cls of ['Api', 'Namespace']) libNames.set(`${alias}.${cls}`, { cls, spec: lib[1] !== 'ful' });
    }
  }

  // Api and Namespace objects of this file, and every name a Resource is routed on (`@ns.route`).
  const apis = new Set<string>();
  const docObjects = new Set<string>();
  const decoratorList = (n: Node | undefined): GuardCandidate[] => kids(n).flatMap((e) => decoratorGuard(e, file) ?? []);
  /** Decorators as written, by what they name (`admins_only` → its import), for judging by their code. */
  const written = (es: Node[]): ResourceClass['methods'][number]['decorators'] =>
    es.flatMap((e) => {
      const ref = refOf(e.type === 'call' ? e.childForFieldName('function') : e);
      return ref ? [{ ref, text: e.text, line: line(e) }] : [];
    });
  const mount = (parent: Ref, child: Ref, prefix: Node | undefined, at: Node, replaces: boolean): void => {
    const p = prefix ? evalStr(prefix, moduleEnv) : '';
    d.uses.push({ parent, prefix: p ?? '', ...(p === undefined ? { dynamic: prefix!.text } : {}), args: [], children: [child], ...(replaces && prefix && p !== undefined ? { replacesOwnPrefix: true } : {}), file, line: line(at), order: at.startIndex });
    d.routers.add(parent);
  };
  const namespace = (ref: Ref, call: Node, name: Node | undefined): void => {
    d.routers.add(ref);
    py.routerFrameworks[ref] = 'flask';
    const own = kw(call, 'path') ? evalStr(kw(call, 'path'), moduleEnv) : ((n) => (n === undefined ? undefined : `/${n}`))(evalStr(name, moduleEnv));
    d.prefixes[ref] = { prefix: own ?? '', guards: decoratorList(kw(call, 'decorators')) };
  };
  for (const asg of all(root, 'assignment')) {
    const left = asg.childForFieldName('left');
    const call = asg.childForFieldName('right');
    if (left?.type !== 'identifier' || call?.type !== 'call') continue;
    const fn = call.childForFieldName('function');
    const lib = libNames.get(fn?.text ?? '');
    const ref = x.key(left.text);
    if (lib?.cls === 'Api') {
      apis.add(left.text);
      docObjects.add(left.text);
      d.routers.add(ref);
      py.routerFrameworks[ref] = 'flask';
      const prefixNode = kw(call, 'prefix');
      const prefix = prefixNode ? evalStr(prefixNode, moduleEnv) : '';
      d.prefixes[ref] = { prefix: prefix ?? '', guards: decoratorList(kw(call, 'decorators')) };
      const parent = refOf(positional(call)[0] ?? kw(call, 'app'));
      if (parent) mount(parent, ref, undefined, call, false);
      if (lib.spec) restxOwnRoutes(call, ref, parent, prefix);
    } else if (lib?.cls === 'Namespace') {
      docObjects.add(left.text);
      namespace(ref, call, positional(call)[0] ?? kw(call, 'name'));
    } else if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'namespace' && apis.has(fn.childForFieldName('object')?.text ?? '')) {
      // `ns = api.namespace("todos")`: a Namespace already added to the Api under its own path.
      docObjects.add(left.text);
      namespace(ref, call, positional(call)[0] ?? kw(call, 'name'));
      mount(x.key(fn.childForFieldName('object')!.text), ref, undefined, call, false);
    }
  }

  /** The spec and the Swagger UI a Flask-RESTX Api serves itself. */
  function restxOwnRoutes(call: Node, api: Ref, parent: Ref | undefined, prefix: string | undefined): void {
    const lib = (handler: string, router: Ref, path: string): void => {
      d.routes.push({ router, method: 'GET', path, handler, guards: [], file, line: line(call), order: call.startIndex, framework: 'flask' });
    };
    if (kw(call, 'add_specs')?.text !== 'False') {
      const name = kw(call, 'default_swagger_filename');
      const spec = name ? evalStr(name, moduleEnv) : 'swagger.json';
      if (spec !== undefined) lib('Api.specs (Flask-RESTX)', api, `/${spec}`);
    }
    // The UI is added on the app or blueprint itself, without the Api's decorators.
    const docNode = kw(call, 'doc');
    const doc = docNode ? stringValue(docNode) : '/';
    if (doc !== undefined && prefix !== undefined) lib('Api.render_doc (Flask-RESTX)', parent ?? api, parent ? joinPaths(prefix, doc) : doc);
  }

  // Every other name a Resource class is routed on is a Namespace or Api too (imported ones).
  const classes = new Map<string, Node>();
  for (const c of all(root, 'class_definition')) {
    classes.set(c.childForFieldName('name')?.text ?? '', c);
    for (const dec of decoratorsOf(c)) {
      const callee = dec.type === 'call' ? dec.childForFieldName('function') : undefined;
      if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'route') docObjects.add(callee.childForFieldName('object')!.text);
    }
  }

  /** A class's HTTP methods, own and inherited from classes of this module, with their guards. */
  const resourceOf = (cls: Node, depth = 0): ResourceClass['methods'] => {
    const own: ResourceClass['methods'] = [];
    let wide: GuardCandidate[] | undefined;
    const byMethod = new Map<string, GuardCandidate[]>();
    const wideExprs: Node[] = [];
    const byMethodExprs = new Map<string, Node[]>();
    for (const st of kids(cls.childForFieldName('body'))) {
      const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
      if (a?.type === 'assignment' && CLASS_DECORATORS.has(a.childForFieldName('left')?.text ?? '')) {
        const right = a.childForFieldName('right');
        if (right?.type === 'dictionary') {
          for (const pair of kids(right)) {
            const k = stringValue(pair.childForFieldName('key'))?.toLowerCase();
            if (!k) continue;
            byMethod.set(k, [...(byMethod.get(k) ?? []), ...decoratorList(pair.childForFieldName('value') ?? undefined)]);
            byMethodExprs.set(k, [...(byMethodExprs.get(k) ?? []), ...kids(pair.childForFieldName('value'))]);
          }
        } else {
          wide = [...(wide ?? []), ...decoratorList(right ?? undefined)];
          wideExprs.push(...kids(right));
        }
        continue;
      }
      const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
      const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text ?? '' : '';
      if (!HTTP.has(name)) continue;
      const decs = decoratorsOf(st).filter((e) => !documents(e));
      const guards = decs.flatMap((e) => decoratorGuard(e, file) ?? []);
      own.push({ method: name.toUpperCase(), name: `${cls.childForFieldName('name')?.text ?? ''}.${name}`, range: rangeOf(def!), guards, decorators: written(decs) });
    }
    const inherited: ResourceClass['methods'] = [];
    if (depth < MAX_BASES) {
      for (const b of kids(cls.childForFieldName('superclasses'))) {
        const base = b.type === 'identifier' ? classes.get(b.text) : undefined;
        if (!base || base === cls) continue;
        for (const m of resourceOf(base, depth + 1)) if (!own.some((o) => o.method === m.method) && !inherited.some((o) => o.method === m.method)) inherited.push(m);
      }
    }
    // This class's method_decorators wrap every method it answers, its own and inherited ones.
    const extra = (m: string): GuardCandidate[] => [...(wide ?? []), ...(byMethod.get(m.toLowerCase()) ?? [])];
    const extraWritten = (m: string) => written([...wideExprs, ...(byMethodExprs.get(m.toLowerCase()) ?? [])]);
    return [...own, ...inherited].map((m) => ({ ...m, guards: [...m.guards, ...extra(m.method)], decorators: [...m.decorators, ...extraWritten(m.method)] }));
  };
  const documents = (e: Node): boolean => {
    const callee = e.type === 'call' ? e.childForFieldName('function') : e;
    return callee?.type === 'attribute' && docObjects.has(callee.childForFieldName('object')?.text ?? '');
  };

  for (const [name, c] of classes) {
    if (!c.childForFieldName('superclasses')) continue;
    const methods = resourceOf(c);
    if (methods.length) py.resources[name] = { line: line(c), methods };
  }

  /** One route per path and HTTP method of a Resource class of this file. */
  const emit = (router: Ref, clsName: string, paths: Node[], at: Node, order: number, endpoint: string | undefined): void => {
    for (const p of paths) {
      const path = evalStr(p, moduleEnv);
      for (const m of py.resources[clsName]?.methods ?? []) {
        const r: RouteDecl = { router, method: m.method, path: path ?? '', ...(path === undefined ? { dynamic: p.text } : {}), handler: m.name, handlerSymbol: m.name, inlineRange: m.range, guards: m.guards, file, line: line(at), order, framework: 'flask' };
        d.routes.push(r);
        py.endpoints.set(r, endpoint ?? clsName.toLowerCase());
        // Judged by their code with Flask views' (flaskGuardJudge.ts): the method and its decorators.
        py.views.set(r, { fn: m.name, decorators: m.decorators });
      }
    }
  };
  for (const [name, c] of classes) {
    for (const dec of decoratorsOf(c)) {
      const callee = dec.type === 'call' ? dec.childForFieldName('function') : undefined;
      const router = callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'route' ? refOf(callee.childForFieldName('object')) : undefined;
      if (router) emit(router, name, positional(dec), dec, (c.parent?.type === 'decorated_definition' ? c.parent : c).startIndex, stringValue(kw(dec, 'endpoint')));
    }
  }

  for (const call of all(root, 'call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const method = fn.childForFieldName('attribute')?.text;
    const obj = fn.childForFieldName('object')!;
    const args = positional(call);
    if (method === 'add_namespace') {
      const parent = refOf(obj);
      const child = refOf(args[0] ?? kw(call, 'ns'));
      if (parent && child) mount(parent, child, args[1] ?? kw(call, 'path'), call, true);
    } else if (method === 'init_app' && apis.has(obj.text)) {
      const parent = refOf(args[0] ?? kw(call, 'app'));
      if (parent) mount(parent, x.key(obj.text), undefined, call, false);
    } else if (method === 'add_resource' && args[0]) {
      const router = refOf(obj);
      if (!router) continue;
      const endpoint = stringValue(kw(call, 'endpoint'));
      if (args[0].type === 'identifier' && py.resources[args[0].text]) {
        emit(router, args[0].text, args.slice(1), call, call.startIndex, endpoint);
        continue;
      }
      const cls = refOf(args[0]);
      const paths = args.slice(1);
      if (cls) py.resourceRegs.push({ router, cls, paths: paths.map((p) => evalStr(p, moduleEnv)), pathTexts: paths.map((p) => p.text), ...(endpoint ? { endpoint } : {}), file, line: line(call), order: call.startIndex });
    }
  }
}

/** The decorator expressions above a definition (a decorated_definition or its inner definition). */
function decoratorsOf(n: Node): Node[] {
  const dd = n.type === 'decorated_definition' ? n : n.parent?.type === 'decorated_definition' ? n.parent : undefined;
  return kids(dd).filter((k) => k.type === 'decorator').map((k) => k.namedChildren[0]).filter((e): e is Node => !!e);
}

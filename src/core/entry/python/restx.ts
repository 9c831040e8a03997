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
// A subclass of the library's Api is an Api, and a method of it that forwards its urls to
// `self.add_resource` (through a path helper, pathHelpers.ts) registers as add_resource does. The
// class-level lists follow the bases as flask-restful reads them: the class's own list (one written
// `Base.decorators + […]` keeps the base's), else its first base's, in this module or another one
// (`inheritFrom`, followed by pyLink.ts).
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
import { dict } from '../../ownKeys';
import type { PyFuncFacts } from './flaskGuards';

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
const MENTIONS = /flask_rest|Resource|add_resource|add_namespace|\bas_view\(/;

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

  // A subclass of the library's Api is an Api. A method of it that hands its urls on to
  // `self.add_resource` (`def add_org_resource(self, resource, *urls, **kw)`) registers as
  // add_resource does, each url through the function it maps them with (`urls = [f(u) for u in urls]`,
  // evaluated by pathHelpers.ts where that function's shape is known).
  const forwards = new Map<string, string | undefined>([['add_resource', undefined]]);
  for (const c of all(root, 'class_definition')) {
    const base = kids(c.childForFieldName('superclasses')).map((b) => libNames.get(b.text)).find((l) => l?.cls === 'Api');
    const name = c.childForFieldName('name')?.text;
    if (!base || !name) continue;
    libNames.set(name, base);
    for (const st of kids(c.childForFieldName('body'))) {
      const f = forwardOf(st);
      if (f) forwards.set(f.name, f.wrap);
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

  /**
   * A class's `decorators`/`method_decorators` as flask-restful reads them: the class's own
   * (`Base.decorators + [x]` keeps the base's), else its first base's — followed here through
   * classes of this module, and named by `inheritFrom` when that base is in another module.
   */
  interface Level { wide: GuardCandidate[]; wideExprs: Node[]; byMethod: Map<string, GuardCandidate[]>; byMethodExprs: Map<string, Node[]>; inheritFrom?: Ref }
  const levelOf = (cls: Node, depth = 0): Level => {
    const lv: Level = { wide: [], wideExprs: [], byMethod: new Map(), byMethodExprs: new Map() };
    let assigned = false;
    let keepsBase = false;
    for (const st of kids(cls.childForFieldName('body'))) {
      const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
      if (a?.type !== 'assignment' || !CLASS_DECORATORS.has(a.childForFieldName('left')?.text ?? '')) continue;
      assigned = true;
      let right = a.childForFieldName('right');
      if (right?.type === 'binary_operator' && right.childForFieldName('operator')?.text === '+' && CLASS_DECORATORS.has(right.childForFieldName('left')?.childForFieldName('attribute')?.text ?? '')) {
        keepsBase = true;
        right = right.childForFieldName('right');
      }
      if (right?.type === 'dictionary') {
        for (const pair of kids(right)) {
          const k = stringValue(pair.childForFieldName('key'))?.toLowerCase();
          if (!k) continue;
          lv.byMethod.set(k, [...(lv.byMethod.get(k) ?? []), ...decoratorList(pair.childForFieldName('value') ?? undefined)]);
          lv.byMethodExprs.set(k, [...(lv.byMethodExprs.get(k) ?? []), ...kids(pair.childForFieldName('value'))]);
        }
      } else {
        lv.wide.push(...decoratorList(right ?? undefined));
        lv.wideExprs.push(...kids(right));
      }
    }
    if ((assigned && !keepsBase) || depth >= MAX_BASES) return lv;
    const first = kids(cls.childForFieldName('superclasses')).find((b) => b.type === 'identifier' || b.type === 'attribute');
    if (!first || libNames.has(first.text)) return lv;
    const local = first.type === 'identifier' ? classes.get(first.text) : undefined;
    if (local && local !== cls) {
      const b = levelOf(local, depth + 1);
      lv.wide.unshift(...b.wide);
      lv.wideExprs.unshift(...b.wideExprs);
      for (const [k, v] of b.byMethod) lv.byMethod.set(k, [...v, ...(lv.byMethod.get(k) ?? [])]);
      for (const [k, v] of b.byMethodExprs) lv.byMethodExprs.set(k, [...v, ...(lv.byMethodExprs.get(k) ?? [])]);
      if (b.inheritFrom) lv.inheritFrom = b.inheritFrom;
    } else if (!local) lv.inheritFrom = refOf(first);
    return lv;
  };

  /** A class's HTTP methods, own and inherited from classes of this module, with their own decorators. */
  const methodsOf = (cls: Node, depth = 0): ResourceClass['methods'] => {
    const own: ResourceClass['methods'] = [];
    for (const st of kids(cls.childForFieldName('body'))) {
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
        for (const m of methodsOf(base, depth + 1)) if (!own.some((o) => o.method === m.method) && !inherited.some((o) => o.method === m.method)) inherited.push(m);
      }
    }
    return [...own, ...inherited];
  };
  /** The methods with the class-level decorators of the class they are answered for (its own or inherited list). */
  const resourceOf = (cls: Node, lv: Level): ResourceClass['methods'] => {
    const extra = (m: string): GuardCandidate[] => [...lv.wide, ...(lv.byMethod.get(m.toLowerCase()) ?? [])];
    const extraWritten = (m: string) => written([...lv.wideExprs, ...(lv.byMethodExprs.get(m.toLowerCase()) ?? [])]);
    return methodsOf(cls).map((m) => ({ ...m, guards: [...m.guards, ...extra(m.method)], decorators: [...m.decorators, ...extraWritten(m.method)] }));
  };
  const documents = (e: Node): boolean => {
    const callee = e.type === 'call' ? e.childForFieldName('function') : e;
    return callee?.type === 'attribute' && docObjects.has(callee.childForFieldName('object')?.text ?? '');
  };

  for (const [name, c] of classes) {
    if (!c.childForFieldName('superclasses')) continue;
    const lv = levelOf(c);
    if (lv.wide.length || lv.inheritFrom) (py.classDecorators ??= dict())[name] = { guards: lv.wide, decorators: written(lv.wideExprs), ...(lv.inheritFrom ? { inheritFrom: lv.inheritFrom } : {}) };
    const methods = resourceOf(c, lv);
    if (methods.length) py.resources[name] = { line: line(c), methods, ...(lv.inheritFrom ? { inheritFrom: lv.inheritFrom } : {}) };
  }

  /** One route per path and HTTP method of a Resource class of this file. */
  const emit = (router: Ref, clsName: string, paths: Node[], at: Node, order: number, endpoint: string | undefined, wrap?: string): void => {
    const res = py.resources[clsName];
    for (const p of paths) {
      const path = wrap ? undefined : evalStr(p, moduleEnv);
      for (const m of res?.methods ?? []) {
        const r: RouteDecl = { router, method: m.method, path: path ?? '', ...(path === undefined ? { dynamic: wrap ? `${wrap}(${p.text})` : p.text } : {}), handler: m.name, handlerSymbol: m.name, inlineRange: m.range, guards: m.guards, file, line: line(at), order, framework: 'flask' };
        d.routes.push(r);
        if (res?.inheritFrom) (py.resourceInherits ??= []).push({ route: r, from: res.inheritFrom });
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
    } else if (method && forwards.has(method) && args[0]) {
      const router = refOf(obj);
      if (!router) continue;
      const wrap = forwards.get(method);
      const endpoint = stringValue(kw(call, 'endpoint'));
      if (args[0].type === 'identifier' && py.resources[args[0].text]) {
        emit(router, args[0].text, args.slice(1), call, call.startIndex, endpoint, wrap);
        continue;
      }
      const cls = refOf(args[0]);
      const paths = args.slice(1);
      if (cls) py.resourceRegs.push({ router, cls, paths: paths.map((p) => (wrap ? undefined : evalStr(p, moduleEnv))), pathTexts: paths.map((p) => (wrap ? `${wrap}(${p.text})` : p.text)), ...(endpoint ? { endpoint } : {}), file, line: line(call), order: call.startIndex });
    }
  }
}

/** The decorator expressions above a definition (a decorated_definition or its inner definition). */
function decoratorsOf(n: Node): Node[] {
  const dd = n.type === 'decorated_definition' ? n : n.parent?.type === 'decorated_definition' ? n.parent : undefined;
  return kids(dd).filter((k) => k.type === 'decorator').map((k) => k.namedChildren[0]).filter((e): e is Node => !!e);
}

/** `def m(self, resource, *urls, **kw): [urls = [f(u) for u in urls]] return self.add_resource(resource, *urls, **kw)`. */
function forwardOf(st: Node): { name: string; wrap?: string } | undefined {
  const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
  if (def?.type !== 'function_definition') return undefined;
  const params = kids(def.childForFieldName('parameters'));
  const urls = params.find((p) => p.type === 'list_splat_pattern')?.namedChildren[0]?.text;
  if (!urls || params[0]?.text !== 'self') return undefined;
  let wrap: string | undefined;
  let forwards = false;
  for (const s of kids(def.childForFieldName('body'))) {
    const e = s.type === 'return_statement' || s.type === 'expression_statement' ? s.namedChildren[0] : undefined;
    if (s.type === 'expression_statement' && e?.type === 'string') continue;
    if (e?.type === 'assignment' && e.childForFieldName('left')?.text === urls && !wrap) {
      const right = e.childForFieldName('right');
      const body = right?.type === 'list_comprehension' ? right.childForFieldName('body') : undefined;
      const clause = right ? kids(right).find((k) => k.type === 'for_in_clause') : undefined;
      const fn = body?.type === 'call' ? body.childForFieldName('function')?.text ?? '' : '';
      const arg = body ? kids(body.childForFieldName('arguments')) : [];
      if (!/^[A-Za-z_]\w*$/.test(fn) || clause?.childForFieldName('right')?.text !== urls || arg.length !== 1 || arg[0].text !== clause.childForFieldName('left')?.text) return undefined;
      wrap = fn;
      continue;
    }
    if (e?.type === 'call' && e.childForFieldName('function')?.text === 'self.add_resource' && kids(e.childForFieldName('arguments')).some((a) => a.type === 'list_splat' && a.namedChildren[0]?.text === urls)) {
      forwards = true;
      continue;
    }
    return undefined;
  }
  return forwards ? { name: def.childForFieldName('name')!.text, ...(wrap ? { wrap } : {}) } : undefined;
}

/** Every top-level class's methods as `Class.method` functions of the module, each read by `read` (a Resource method is its route's view). */
export function methodFacts(root: Node, py: PyFacts, read: (def: Node) => PyFuncFacts): void {
  for (const st of kids(root)) {
    const cls = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (cls?.type !== 'class_definition') continue;
    for (const m of kids(cls.childForFieldName('body'))) {
      const def = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
      if (def?.type === 'function_definition') py.funcs[`${cls.childForFieldName('name')?.text ?? ''}.${def.childForFieldName('name')?.text ?? ''}`] = read(def);
    }
  }
}

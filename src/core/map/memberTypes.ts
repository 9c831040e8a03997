// Declared types of class/struct members, so that the call graph can follow `this.repo.find`,
// Go `h.orders.Create` and Java `invoices.pay` to the member's type and its method. Only
// declarations are read (fields, record components, TS constructor parameter properties, Python
// `self.x = Cls(...)` / `self.x = param: Cls` in `__init__`, module-level `x = new Cls()`); no
// inference. A class's base class is its member `super` (a name no field can take), so that an
// inherited method (`getCurrentUser()` of a BaseController) is found the same way. The walk visits declarations only, never function bodies (except Python __init__).
import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import { dict } from '../ownKeys';
import { goPackageName } from './rawImports';
import { interfaceMembers } from './localTypes';
import { kotlinLocals, kotlinMembers } from './kotlinMemberTypes';

/** Owner symbol path ('' for module level) → member name → type name as written (`orders.Service`). */
export type MemberTypes = Record<string, Record<string, string>>;

export function extractMemberTypes(root: Node, language: LanguageId): MemberTypes | undefined {
  const out: MemberTypes = dict();
  const put = (owner: string, name: string | undefined, type: string | undefined): void => {
    const t = type && simpleType(type);
    if (!name || !t) return;
    (out[owner] ??= dict())[name] = t;
  };
  switch (language) {
    case 'go':
      goLocals(root, out, put);
      for (const decl of root.namedChildren) {
        if (decl?.type !== 'type_declaration') continue;
        for (const spec of decl.namedChildren) {
          const name = spec?.childForFieldName('name')?.text;
          const st = spec?.childForFieldName('type');
          // `type DB = gorm.DB`: the alias is the other type, its methods that type's.
          if (spec?.type === 'type_alias') put(GO_ALIASES, name, st?.text);
          if (!name || st?.type !== 'struct_type') continue;
          for (const list of st.namedChildren) {
            for (const fd of list?.namedChildren ?? []) {
              if (fd?.type !== 'field_declaration') continue;
              const type = fd.childForFieldName('type')?.text;
              const names = fd.childrenForFieldName('name');
              // An embedded field (`*store.OrderStore`) is reachable by its type's name.
              if (names.length === 0 && type) put(name, type.replace(/^\*/, '').split('.').pop(), type);
              for (const n of names) put(name, n?.text, type);
            }
          }
        }
      }
      break;
    case 'java':
      walkClasses(root, '', (node, owner) => {
        put(owner, 'super', node.childForFieldName('superclass')?.namedChildren[0]?.text);
        if (node.type === 'record_declaration') {
          for (const p of node.childForFieldName('parameters')?.namedChildren ?? []) put(owner, p?.childForFieldName('name')?.text, p?.childForFieldName('type')?.text);
        }
        for (const m of node.childForFieldName('body')?.namedChildren ?? []) {
          if (m?.type !== 'field_declaration') continue;
          const type = m.childForFieldName('type')?.text;
          for (const d of m.childrenForFieldName('declarator')) put(owner, d?.childForFieldName('name')?.text, type);
        }
      });
      break;
    case 'kotlin':
      kotlinMembers(root, '', put);
      // Under `()` + the function's path, as Go locals are.
      kotlinLocals(root, (fn, name, type) => put(GO_LOCALS + fn, name, type));
      break;
    case 'typescript':
    case 'tsx':
    case 'javascript':
      moduleNews(root, put);
      interfaceMembers(root, put);
      walkClasses(root, '', (node, owner) => {
        const heritage = node.namedChildren.find((c) => c?.type === 'class_heritage');
        const ext = heritage?.namedChildren.find((c) => c?.type === 'extends_clause');
        put(owner, 'super', ext ? ext.childForFieldName('value')?.text : heritage?.namedChildren.find((c) => c?.type !== 'implements_clause')?.text);
        for (const m of node.childForFieldName('body')?.namedChildren ?? []) {
          if (!m) continue;
          if (m.type === 'public_field_definition' || m.type === 'field_definition') {
            const name = (m.childForFieldName('name') ?? m.childForFieldName('property'))?.text;
            const value = m.childForFieldName('value');
            put(owner, name, typeOfAnnotation(m.childForFieldName('type')) ?? newedClass(value));
          } else if (m.type === 'method_definition' && m.childForFieldName('name')?.text === 'constructor') {
            for (const p of m.childForFieldName('parameters')?.namedChildren ?? []) {
              if (!p || !p.namedChildren.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier') && !/^(readonly)\b/.test(p.text)) continue;
              put(owner, p.childForFieldName('pattern')?.text, typeOfAnnotation(p.childForFieldName('type')));
            }
          }
        }
      });
      break;
    case 'python': {
      const typingAliases = typeCheckingAliases(root);
      moduleNews(root, put);
      pyLocals(root, put);
      walkClasses(root, '', (node, owner) => {
        // The first base: where Python's method resolution looks first after the class itself.
        const base = node.childForFieldName('superclasses')?.namedChildren.find((c) => c && (c.type === 'identifier' || c.type === 'attribute') && c.text !== 'object')?.text;
        put(owner, 'super', (base && typingAliases.get(base)) ?? base);
        for (const m of node.childForFieldName('body')?.namedChildren ?? []) {
          const fn = m?.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
          if (fn?.type !== 'function_definition' || fn.childForFieldName('name')?.text !== '__init__') continue;
          const params: Record<string, string> = dict();
          for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
            const n = p?.type === 'typed_parameter' ? p.namedChildren.find((c) => c?.type === 'identifier')?.text : p?.type === 'typed_default_parameter' ? p.childForFieldName('name')?.text : undefined;
            const t = p?.childForFieldName('type')?.text;
            if (n && t) params[n] = t;
          }
          for (const st of fn.childForFieldName('body')?.namedChildren ?? []) {
            const a = st?.type === 'expression_statement' ? st.namedChildren[0] : undefined;
            if (a?.type !== 'assignment') continue;
            const left = a.childForFieldName('left');
            if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== 'self') continue;
            const right = a.childForFieldName('right');
            const type = a.childForFieldName('type')?.text ?? (right?.type === 'identifier' ? params[right.text] : right?.type === 'call' ? calledClass(right.childForFieldName('function')) : undefined);
            put(owner, left.childForFieldName('attribute')?.text, type);
          }
        }
      });
      break;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Module-level names a Python file binds for type checkers (`if TYPE_CHECKING: Model = DbModelBase`),
 * name → the class named. The same name's run-time binding (`Model = db.Model`, Flask-SQLAlchemy's
 * model class, a factory's result) is a value we cannot read; the type checker's is the author's word
 * for what it is, so a class deriving from the name inherits that class's methods.
 */
function typeCheckingAliases(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of root.namedChildren) {
    if (st?.type !== 'if_statement') continue;
    const cond = st.childForFieldName('condition')?.text;
    if (cond !== 'TYPE_CHECKING' && cond !== 'typing.TYPE_CHECKING') continue;
    for (const b of st.childForFieldName('consequence')?.namedChildren ?? []) {
      const a = b?.type === 'expression_statement' ? b.namedChildren[0] : undefined;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
      const right = a?.childForFieldName('right');
      if (left?.type === 'identifier' && (right?.type === 'identifier' || right?.type === 'attribute')) out.set(left.text, right.text);
    }
  }
  return out;
}

const CLASS_NODES = new Set(['class_declaration', 'abstract_class_declaration', 'record_declaration', 'enum_declaration', 'class_definition', 'class']);

/** Visits class declarations (nested ones with a dotted owner path), without entering function bodies. */
function walkClasses(node: Node, owner: string, visit: (cls: Node, owner: string) => void): void {
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (CLASS_NODES.has(c.type)) {
      const name = c.childForFieldName('name')?.text;
      if (!name) continue;
      const path = owner ? `${owner}.${name}` : name;
      visit(c, path);
      const body = c.childForFieldName('body');
      if (body) walkClasses(body, path, visit);
    } else if (/^(export_statement|decorated_definition|program|module|class_body|block)$/.test(c.type)) {
      walkClasses(c, owner, visit);
    }
  }
}

/** Under this owner, a Go package function's name → the type it returns first (`func NewHandler(…) *Handler`). */
export const GO_RESULTS = '#results';
/** A Go local's type as the call that made it: `call:opml.NewHandler`, resolved through that function's result. */
export const GO_CALL = 'call:';
/** Go locals are kept under `()` + the function's path, apart from the structs' members (no struct is named so). */
export const GO_LOCALS = '()';
/** A Go local taken from a field chain (`q := c.dbc.DB`): `field:c.dbc.DB`, typed by the fields' declared types. */
export const GO_FIELD = 'field:';
/**
 * Python values a function makes with a class (`ws = web.WebSocketResponse()`, `s = Session()`): under
 * `()` + the function's path, the local's name → the class as called. A name bound to two classes in
 * one function is left out. Read by the call graph only for classes of outside packages, whose methods
 * are never a same-named method of ours (callgraph/goExternalTypes.ts).
 */
function pyLocals(root: Node, put: (owner: string, name: string | undefined, type: string | undefined) => void): void {
  const bound = new Map<string, Map<string, string | null>>();
  for (const a of root.descendantsOfType('assignment')) {
    const left = a?.childForFieldName('left');
    let right = a?.childForFieldName('right');
    if (right?.type === 'await') right = right.namedChildren[0];
    const cls = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
    if (!a || left?.type !== 'identifier' || !cls || !/^([\w]+\.)*_?[A-Z]\w*$/.test(cls)) continue;
    const path: string[] = [];
    for (let p = a.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'class_definition') path.unshift(p.childForFieldName('name')?.text ?? '');
    if (!path.length) continue;
    const locals = bound.get(path.join('.')) ?? bound.set(path.join('.'), new Map()).get(path.join('.'))!;
    const had = locals.get(left.text);
    locals.set(left.text, had === undefined || had === cls ? cls : null);
  }
  for (const [fn, locals] of bound) for (const [name, cls] of locals) if (cls) put(GO_LOCALS + fn, name, cls);
}

/** Under this owner, a Go type alias's name → the type it stands for (`type DB = gorm.DB`). */
export const GO_ALIASES = '#aliases';

/**
 * Go values a function makes or is given (`opmlHandler := opml.NewHandler(h.store)`, `s := &Server{}`,
 * `var token goatcounter.APIToken`, `p := new(Path)`, a parameter `site *goatcounter.Site`): under the
 * function's path, the local's name → its declared or literal type, or the constructor called; and
 * each package function's first result type, so that a constructor call in another package names
 * the type whose methods run (`opmlHandler.Export(…)` → `Handler.Export`). One function's locals
 * share a table: a name bound to two different types in it (shadowed in a block, a callback's
 * parameter) is left out, as a guess between them could be wrong.
 */
function goLocals(root: Node, out: MemberTypes, put: (owner: string, name: string | undefined, type: string | undefined) => void): void {
  const std = goStdNames(root);
  for (const fn of root.namedChildren) {
    if (fn?.type !== 'function_declaration' && fn?.type !== 'method_declaration') continue;
    const name = fn.childForFieldName('name')?.text;
    if (!name) continue;
    const result = fn.childForFieldName('result');
    const recv = fn.type === 'method_declaration' ? fn.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('type')?.text.replace(/^\*/, '').replace(/\[.*$/, '') : undefined;
    // A method's under `Type.Method` (`app.Dao().DB().Model(…)` calls on what `Dao.DB` returns).
    if (result && (fn.type === 'function_declaration' || recv)) {
      put(GO_RESULTS, recv ? `${recv}.${name}` : name, result.type === 'parameter_list' ? result.namedChildren.find((c) => c?.type === 'parameter_declaration')?.childForFieldName('type')?.text : result.text);
    }
    const path = GO_LOCALS + (recv ? `${recv}.${name}` : name);
    // name → what it was bound to (`null` once two bindings disagree; `?` for a value we cannot name).
    const bound = new Map<string, string | null>();
    const bind = (n: Node | null | undefined, what: string | undefined): void => {
      if (n?.type !== 'identifier' || n.text === '_') return;
      const had = bound.get(n.text);
      bound.set(n.text, had === undefined || had === (what ?? '?') ? (what ?? '?') : null);
    };
    // `within`: a block the names are bound in alone (a callback's body, a loop's): a name that
    // calls no method there (`func(p PathID) bool { return p == id }`) shadows nothing that matters.
    const params = (list: Node | null | undefined, within?: Node | null): void => {
      for (const p of list?.namedChildren ?? []) {
        if (p?.type !== 'parameter_declaration' && p?.type !== 'variadic_parameter_declaration') continue;
        const type = p.type === 'parameter_declaration' ? goTypeName(p.childForFieldName('type'), std) : undefined;
        for (const n of p.childrenForFieldName('name')) if (n && (!within || callsOn(within, n.text))) bind(n, type);
      }
    };
    params(fn.childForFieldName('parameters'));
    // One walk of the body (a call into the parser per kind would cost a million-line map dearly).
    for (const d of descendants(fn.childForFieldName('body'), GO_BINDINGS)) {
      if (d.type === 'short_var_declaration') {
        const left = d.childForFieldName('left')?.namedChildren ?? [];
        const right = d.childForFieldName('right')?.namedChildren ?? [];
        // `a, err := f()`: the first name holds the first result; `a, b := x, y` pairs them.
        left.forEach((n, i) => bind(n, i === 0 || right.length === left.length ? goValueType(right[i], std) : undefined));
      } else if (d.type === 'var_spec') {
        const names = d.childrenForFieldName('name');
        const type = goTypeName(d.childForFieldName('type'), std);
        const values = d.childForFieldName('value')?.namedChildren ?? [];
        names.forEach((n, i) => bind(n, type ?? (i === 0 || values.length === names.length ? goValueType(values[i], std) : undefined)));
      } else if (d.type === 'func_literal') {
        // A callback's parameters and a range loop's variables shadow the function's names in their block.
        params(d.childForFieldName('parameters'), d.childForFieldName('body'));
      } else {
        const loop = d.parent?.childForFieldName('body');
        for (const n of d.childForFieldName('left')?.namedChildren ?? []) if (n && loop && callsOn(loop, n.text)) bind(n, undefined);
      }
    }
    for (const [local, what] of bound) {
      if (what === null || what === '?') continue;
      if (what.startsWith(GO_CALL) || what.startsWith(GO_FIELD)) (out[path] ??= dict())[local] = what;
      else put(path, local, what);
    }
  }
}

/** Whether `block` calls something on the name (`p.Merge(…)`, `p.Path.Get(…)`). */
function callsOn(block: Node | null | undefined, name: string): boolean {
  return !!block && /^\w+$/.test(name) && new RegExp(`(?<![\\w.$])${name}\\s*\\.`).test(block.text);
}

const GO_BINDINGS = ['short_var_declaration', 'var_spec', 'func_literal', 'range_clause'];

/**
 * The names a Go file binds to standard-library packages (`net/http` → `http`: a first path element
 * without a dot). Their types (`*http.Request`, `context.Context`) hold none of the service's
 * methods: left out of the locals, which every function with parameters would otherwise grow.
 */
function goStdNames(root: Node): Set<string> {
  const out = new Set<string>();
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'import_declaration') continue;
    for (const c of decl.namedChildren) {
      for (const spec of c?.type === 'import_spec_list' ? c.namedChildren : [c]) {
        const path = spec?.type === 'import_spec' ? spec.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '') : undefined;
        if (path && !path.split('/')[0].includes('.')) out.add(spec!.childForFieldName('name')?.text ?? goPackageName(path));
      }
    }
  }
  return out;
}

/** A declared Go type as the name of a type (`*goatcounter.Site` → `goatcounter.Site`); a slice, map, func, builtin or standard-library type is none. */
function goTypeName(t: Node | null | undefined, std: ReadonlySet<string>): string | undefined {
  if (t?.type === 'pointer_type') t = t.namedChildren[0];
  if (t?.type === 'generic_type') t = t.childForFieldName('type');
  if (t?.type === 'qualified_type') return std.has(t.childForFieldName('package')?.text ?? '') ? undefined : t.text;
  return t?.type === 'type_identifier' && !GO_BUILTIN_TYPES.test(t.text) ? t.text : undefined;
}

const GO_BUILTIN_TYPES = /^(string|bool|byte|rune|error|any|int|int8|int16|int32|int64|uint|uint8|uint16|uint32|uint64|uintptr|float32|float64|complex64|complex128)$/;

/** What a Go value's expression makes: a literal's or `new`'s type, or `call:` the function called. */
function goValueType(v: Node | null | undefined, std: ReadonlySet<string>): string | undefined {
  if (v?.type === 'selector_expression') return goFieldChain(v);
  if (v?.type === 'unary_expression' && v.text.startsWith('&')) v = v.namedChildren[0];
  if (v?.type === 'composite_literal') return goTypeName(v.childForFieldName('type'), std);
  if (v?.type !== 'call_expression') return undefined;
  const callee = v.childForFieldName('function');
  if (callee?.text === 'new') {
    const arg = v.childForFieldName('arguments')?.namedChildren[0];
    return arg?.type === 'identifier' ? arg.text : goTypeName(arg, std);
  }
  return callee && /^(\w+\.)?\w+$/.test(callee.text) ? GO_CALL + callee.text : undefined;
}

/** `c.dbc.DB`, a chain of fields on a name (no call): `field:c.dbc.DB`. */
function goFieldChain(v: Node): string | undefined {
  return /^\w+(\.\w+)+$/.test(v.text) ? GO_FIELD + v.text : undefined;
}

function descendants(n: Node | null | undefined, type: string | string[]): Node[] {
  return n ? n.descendantsOfType(type).filter((x): x is Node => !!x) : [];
}

/** Module-level `export const userService = new UserService()` / `service = Service()`, `export default new UserService()`. */
function moduleNews(root: Node, put: (owner: string, name: string | undefined, type: string | undefined) => void): void {
  for (let st of root.namedChildren) {
    // `export default new ContactsService()`: an importer's `ContactsService.update()` is the class's method.
    if (st?.type === 'export_statement' && st.childForFieldName('value')?.type === 'new_expression') put('', 'default', newedClass(st.childForFieldName('value')));
    if (st?.type === 'export_statement') st = st.childForFieldName('declaration') ?? st.namedChildren[0];
    if (!st) continue;
    if (st.type === 'lexical_declaration' || st.type === 'variable_declaration') {
      for (const d of st.namedChildren) {
        if (d?.type !== 'variable_declarator') continue;
        put('', d.childForFieldName('name')?.text, typeOfAnnotation(d.childForFieldName('type')) ?? newedClass(d.childForFieldName('value')));
      }
    } else if (st.type === 'expression_statement' && st.namedChildren[0]?.type === 'assignment') {
      const a = st.namedChildren[0];
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type === 'identifier' && right?.type === 'call') put('', left.text, calledClass(right.childForFieldName('function')));
    }
  }
}

function typeOfAnnotation(n: Node | null | undefined): string | undefined {
  return n ? n.text.replace(/^:\s*/, '') : undefined;
}

function newedClass(n: Node | null | undefined): string | undefined {
  if (n?.type === 'await_expression') n = n.namedChildren[0];
  if (n?.type !== 'new_expression') return undefined;
  return n.childForFieldName('constructor')?.text;
}

/** `ItemRepository(db)`: a call of a capitalised name is taken as construction. */
function calledClass(fn: Node | null | undefined): string | undefined {
  const last = fn?.text.split('.').pop();
  // A Python class kept private to its module (`resp = _Response()`) is a class all the same.
  return last && /^_*[A-Z]/.test(last) ? fn!.text : undefined;
}

/** `*orders.Service` → `orders.Service`; `Optional[Foo]`, `Foo | None`, `Repo<T>` → the class name. */
function simpleType(t: string): string | undefined {
  // `typeof cancan.authorize` names a value's type, not a class: there is no class to look into.
  if (/^(typeof|keyof)\s/.test(t.trim())) return undefined;
  let s = t.replace(/\s+/g, '').replace(/^\*+|^&/, '');
  const opt = /^(Optional|Annotated)\[([\w.]+)/.exec(s);
  if (opt) s = opt[2];
  s = s.replace(/\|None$/, '').replace(/^None\|/, '').replace(/\|null$|\|undefined$/, '');
  s = s.replace(/<.*$/, '').replace(/\[.*$/, '');
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(s) && !/^(string|number|boolean|any|unknown|int|str|float|bool|dict|list|long|double|byte|char|short|void|object|Object|String|Integer|Long|Boolean|Map|List|Set|Record)$/.test(s) ? s : undefined;
}

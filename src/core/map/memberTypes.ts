// Declared types of class/struct members, so that the call graph can follow `this.repo.find`,
// Go `h.orders.Create` and Java `invoices.pay` to the member's type and its method. Only
// declarations are read (fields, record components, TS constructor parameter properties, Python
// `self.x = Cls(...)` / `self.x = param: Cls` in `__init__`, module-level `x = new Cls()`); no
// inference. A class's base class is its member `super` (a name no field can take), so that an
// inherited method (`getCurrentUser()` of a BaseController) is found the same way. The walk visits declarations only, never function bodies (except Python __init__).
import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import { dict } from '../ownKeys';
import { interfaceMembers } from './localTypes';

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
    case 'python':
      moduleNews(root, put);
      walkClasses(root, '', (node, owner) => {
        // The first base: where Python's method resolution looks first after the class itself.
        put(owner, 'super', node.childForFieldName('superclasses')?.namedChildren.find((c) => c && (c.type === 'identifier' || c.type === 'attribute') && c.text !== 'object')?.text);
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
  return Object.keys(out).length ? out : undefined;
}

const CLASS_NODES = new Set(['class_declaration', 'abstract_class_declaration', 'record_declaration', 'enum_declaration', 'class_definition', 'class']);

/** Visits class declarations (nested ones with a dotted owner path), without entering function bodies. */
/** Kotlin: `class A(private val repo: Repo)` constructor properties and `val x: T` in the class body. */
function kotlinMembers(node: Node, owner: string, put: (owner: string, name: string | undefined, type: string | undefined) => void): void {
  for (const c of node.namedChildren) {
    if (!c || (c.type !== 'class_declaration' && c.type !== 'object_declaration')) continue;
    const name = c.childForFieldName('name')?.text;
    if (!name) continue;
    const path = owner ? `${owner}.${name}` : name;
    // `class A : Base(), Iface`: the base class is the one constructed.
    const base = c.namedChildren.find((k) => k?.type === 'delegation_specifiers')?.namedChildren.find((k) => k?.namedChildren[0]?.type === 'constructor_invocation');
    put(path, 'super', base?.namedChildren[0]?.namedChildren.find((k) => k?.type === 'user_type')?.text);
    const params = c.namedChildren.find((k) => k?.type === 'primary_constructor')?.namedChildren.find((k) => k?.type === 'class_parameters');
    for (const p of params?.namedChildren ?? []) {
      if (p?.type !== 'class_parameter' || !/(^|\s)(val|var)\s/.test(p.text)) continue;
      const kids = p.namedChildren.filter((k): k is Node => !!k);
      put(path, kids.find((k) => k.type === 'identifier')?.text, kids.find((k) => k.type === 'user_type' || k.type === 'nullable_type')?.text.replace(/\?$/, ''));
    }
    const body = c.namedChildren.find((k) => k?.type === 'class_body');
    for (const m of body?.namedChildren ?? []) {
      if (m?.type !== 'property_declaration') continue;
      const v = m.namedChildren.find((k) => k?.type === 'variable_declaration');
      const vk = v?.namedChildren.filter((k): k is Node => !!k) ?? [];
      put(path, vk.find((k) => k.type === 'identifier')?.text, vk.find((k) => k.type === 'user_type' || k.type === 'nullable_type')?.text.replace(/\?$/, ''));
    }
    if (body) kotlinMembers(body, path, put);
  }
}

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

/**
 * Go values a function makes for itself (`opmlHandler := opml.NewHandler(h.store)`, `s := &Server{}`):
 * under the function's path, the local's name → its literal's type or the constructor called;
 * and each package function's first result type, so that a constructor call in another package
 * names the type whose methods run (`opmlHandler.Export(…)` → `Handler.Export`).
 */
function goLocals(root: Node, out: MemberTypes, put: (owner: string, name: string | undefined, type: string | undefined) => void): void {
  for (const fn of root.namedChildren) {
    if (fn?.type !== 'function_declaration' && fn?.type !== 'method_declaration') continue;
    const name = fn.childForFieldName('name')?.text;
    if (!name) continue;
    const result = fn.childForFieldName('result');
    if (fn.type === 'function_declaration' && result) {
      put(GO_RESULTS, name, result.type === 'parameter_list' ? result.namedChildren.find((c) => c?.type === 'parameter_declaration')?.childForFieldName('type')?.text : result.text);
    }
    const recv = fn.type === 'method_declaration' ? fn.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('type')?.text.replace(/^\*/, '').replace(/\[.*$/, '') : undefined;
    const path = GO_LOCALS + (recv ? `${recv}.${name}` : name);
    for (const d of descendants(fn.childForFieldName('body'), 'short_var_declaration')) {
      const left = d.childForFieldName('left')?.namedChildren[0];
      let value = d.childForFieldName('right')?.namedChildren[0];
      if (left?.type !== 'identifier' || !value) continue;
      if (value.type === 'unary_expression' && value.text.startsWith('&')) value = value.namedChildren[0];
      if (value?.type === 'composite_literal') put(path, left.text, value.childForFieldName('type')?.text);
      const callee = value?.type === 'call_expression' ? value.childForFieldName('function') : undefined;
      if (callee && /^(\w+\.)?\w+$/.test(callee.text)) (out[path] ??= dict())[left.text] = GO_CALL + callee.text;
    }
  }
}

function descendants(n: Node | null | undefined, type: string): Node[] {
  return n ? n.descendantsOfType(type).filter((x): x is Node => !!x) : [];
}

/** Module-level `export const userService = new UserService()` / `service = Service()`. */
function moduleNews(root: Node, put: (owner: string, name: string | undefined, type: string | undefined) => void): void {
  for (let st of root.namedChildren) {
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
  return last && /^[A-Z]/.test(last) ? fn!.text : undefined;
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

// What a JS/TS file states about the type of a value, so that the call graph can follow a method
// called on it (callgraph/typeResolve.ts): `ctx.joplin.models.user().load(id)` where `ctx:
// AppContext`, `AppContext` declares `joplin: AppContextJoplin`, that interface `models: Models`,
// and `Models.user()` returns `new UserModel(…)`. Read from the syntax only, no inference:
// - parameters and locals with a type annotation (`(path, ctx: AppContext) => …`, `const m: UserModel = …`,
//   `x as UserModel`), locals made with `new UserModel(…)`;
// - locals bound to a call chain (`const users = ctx.models.user()`, awaited or not), kept as the
//   chain (`=ctx.models.user()`, arguments dropped) for the call graph to follow;
// - what a top-level function or a top-level class's method returns: its annotation (`: UserModel`,
//   `: Promise<UserModel>`), else the class its returns instantiate (`return new UserModel(…)`,
//   `() => new UserModel(…)`), when they all instantiate one;
// - the property types of interfaces and object type aliases (`interface Ctx { models: Models }`),
//   kept beside classes' members in memberTypes (map/memberTypes.ts).
import type { Language, Node } from 'web-tree-sitter';
import { dict } from '../ownKeys';

/** A name's type stated inside a function: [local, type as written or `=chain`, the function's first line, its last line]; 0, 0 at module level. */
export type ScopedType = [local: string, type: string, start: number, end: number];

export interface LocalTypes {
  scopedTypes?: ScopedType[];
  /** Function path (`name`, `Class.method`) → the type it returns, as written in the file (Promise unwrapped). */
  returnTypes?: Record<string, string>;
}

/** A binding's type that is a chain to evaluate, not a type name. */
export const CHAIN = '=';

/** Kept at most this many per file: the facts are kept for every file of the map. */
const MAX_TYPES = 4000;
/** A chain longer than this is not one a reader follows (and the fact would weigh). */
const MAX_CHAIN = 160;
const CLASSES = new Set(['class_declaration', 'abstract_class_declaration']);
/** Names of built-in and primitive types: nothing of ours to look into. */
const BUILTIN = /^(string|number|boolean|any|unknown|never|void|object|Object|String|Number|Boolean|Promise|Array|Map|Set|Record|Partial|Readonly|Date|Error|Function|RegExp|Buffer|Uint8Array)$/;

/** The patterns this file reads beside objectShapes' `shape.fn` (map/queries.ts adds them to the map's query). */
export function typePatterns(lang: Language): string {
  const has = (t: string) => !!lang.idForNodeType(t, true);
  const values = ['call_expression', 'new_expression', 'await_expression', 'as_expression'].filter(has).map((t) => `(${t})`).join(' ');
  const out = [`(variable_declarator value: [${values}]) @shape.typed`];
  if (has('type_annotation')) out.push('(variable_declarator type: (type_annotation)) @shape.typed');
  // Returns that make an instance: the class a factory method hands out.
  out.push('(return_statement (new_expression)) @shape.returns');
  return out.join('\n');
}

/** The types stated by the captures of one file (`shape.fn` from objectShapes, `shape.typed`, `shape.returns`). */
export function localTypes(captures: { name: string; node: Node }[]): LocalTypes {
  const scoped: ScopedType[] = [];
  const returns = new Map<string, string>();
  const ambiguous = new Set<string>();
  const setReturn = (path: string, type: string | undefined): void => {
    if (!type || ambiguous.has(path)) return;
    if (returns.has(path) && returns.get(path) !== type) {
      returns.delete(path);
      ambiguous.add(path);
    } else returns.set(path, type);
  };
  const ordered = captures.filter((c) => c.name === 'shape.fn' || c.name === 'shape.typed' || c.name === 'shape.returns').sort((x, y) => x.node.startIndex - y.node.startIndex || y.node.endIndex - x.node.endIndex);
  const scopes: Node[] = [];
  const seen = new Set<number>();
  const annotated = new Set<string>();
  for (const { name: capture, node: n } of ordered) {
    while (scopes.length && scopes[scopes.length - 1]!.endIndex <= n.startIndex) scopes.pop();
    const scope = scopes[scopes.length - 1];
    const [start, end] = scope ? [scope.startPosition.row + 1, scope.endPosition.row + 1] : [0, 0];
    if (capture === 'shape.fn') {
      scopes.push(n);
      const [fs, fe] = [n.startPosition.row + 1, n.endPosition.row + 1];
      for (const p of n.childForFieldName('parameters')?.namedChildren ?? []) {
        if (scoped.length >= MAX_TYPES) break;
        const pattern = p?.type === 'required_parameter' || p?.type === 'optional_parameter' ? p.childForFieldName('pattern') : null;
        const type = typeName(p?.childForFieldName('type'));
        if (pattern?.type === 'identifier' && type) scoped.push([pattern.text, type, fs, fe]);
      }
      const path = functionPath(n);
      if (!path) continue;
      const declared = typeName(n.childForFieldName('return_type'));
      if (declared) {
        returns.set(path, declared);
        annotated.add(path);
      }
      const body = n.childForFieldName('body');
      if (!declared && body?.type === 'new_expression') setReturn(path, newed(body));
    } else if (capture === 'shape.returns') {
      const fn = scope;
      const path = fn ? functionPath(fn) : undefined;
      if (path && !annotated.has(path)) setReturn(path, newed(n.namedChildren[0]));
    } else if (capture === 'shape.typed' && !seen.has(n.startIndex) && scoped.length < MAX_TYPES) {
      seen.add(n.startIndex);
      const local = n.childForFieldName('name');
      if (local?.type !== 'identifier') continue;
      const type = typeName(n.childForFieldName('type')) ?? valueType(n.childForFieldName('value'));
      if (type) scoped.push([local.text, type, start, end]);
    }
  }
  const out: LocalTypes = dict();
  if (scoped.length) out.scopedTypes = scoped;
  // A plain record, as a worker thread hands it back (read with getOwn).
  if (returns.size) out.returnTypes = Object.fromEntries(returns);
  return out;
}

/**
 * The members of top-level interfaces and object type aliases, as memberTypes keeps a class's:
 * owner → property → type as written; the first interface extended is the owner's `super`.
 */
export function interfaceMembers(root: Node, put: (owner: string, name: string | undefined, type: string | undefined) => void): void {
  for (let st of root.namedChildren) {
    if (st?.type === 'export_statement') st = st.childForFieldName('declaration') ?? st.namedChildren[0];
    if (!st || (st.type !== 'interface_declaration' && st.type !== 'type_alias_declaration')) continue;
    const owner = st.childForFieldName('name')?.text;
    if (!owner) continue;
    const body = st.type === 'interface_declaration' ? st.childForFieldName('body') : st.childForFieldName('value');
    if (body?.type !== 'interface_body' && body?.type !== 'object_type') continue;
    const ext = st.namedChildren.find((c) => c?.type === 'extends_type_clause');
    put(owner, 'super', ext?.namedChildren[0]?.text);
    for (const m of body.namedChildren) {
      if (m?.type !== 'property_signature') continue;
      const name = m.childForFieldName('name');
      if (name?.type === 'property_identifier') put(owner, name.text, typeName(m.childForFieldName('type')));
    }
  }
}

/** `Class.method` of a top-level class, `name` of a top-level function (declared or bound to a const). */
function functionPath(fn: Node): string | undefined {
  if (fn.type === 'method_definition') {
    const cls = fn.parent?.parent;
    const top = cls && CLASSES.has(cls.type) && (cls.parent?.type === 'program' || cls.parent?.parent?.type === 'program');
    const name = fn.childForFieldName('name');
    return top && name?.type === 'property_identifier' ? `${cls.childForFieldName('name')?.text}.${name.text}` : undefined;
  }
  if (fn.type === 'function_declaration' || fn.type === 'generator_function_declaration') {
    const top = fn.parent?.type === 'program' || fn.parent?.type === 'export_statement';
    return top ? fn.childForFieldName('name')?.text : undefined;
  }
  const d = fn.parent;
  if (d?.type !== 'variable_declarator' || d.childForFieldName('name')?.type !== 'identifier') return undefined;
  const decl = d.parent;
  const top = decl?.parent?.type === 'program' || decl?.parent?.type === 'export_statement';
  return top ? d.childForFieldName('name')!.text : undefined;
}

/** A type annotation's class: `: UserModel`, `: Promise<UserModel>`, `: UserModel | null`; nothing for a primitive, a union of classes, a function type. */
function typeName(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  let s = n.text.replace(/^:\s*/, '').replace(/\s+/g, '');
  const promise = /^Promise<(.*)>$/.exec(s);
  if (promise) s = promise[1];
  s = s.replace(/\|(null|undefined)$/, '').replace(/^(null|undefined)\|/, '').replace(/<.*>$/, '');
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(s) && !BUILTIN.test(s) ? s : undefined;
}

function newed(n: Node | null | undefined): string | undefined {
  if (n?.type !== 'new_expression') return undefined;
  const c = n.childForFieldName('constructor');
  return c && /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(c.text) && !BUILTIN.test(c.text) ? c.text : undefined;
}

/** What a declarator's value says of its type: `new C()`, `x as C`, or a call chain to follow (`=a.b()`). */
function valueType(n: Node | null | undefined): string | undefined {
  while (n?.type === 'await_expression' || n?.type === 'parenthesized_expression' || n?.type === 'non_null_expression') n = n.namedChildren[0];
  if (!n) return undefined;
  if (n.type === 'new_expression') return newed(n);
  if (n.type === 'as_expression') return typeName(n.namedChildren[1]) ?? valueType(n.namedChildren[0]);
  if (n.type !== 'call_expression') return undefined;
  const c = chain(n);
  return c && c.length <= MAX_CHAIN ? CHAIN + c : undefined;
}

/** `a.b().c()` as written, arguments and type arguments dropped: names, member accesses and calls only. */
function chain(n: Node | null): string | undefined {
  while (n?.type === 'parenthesized_expression' || n?.type === 'non_null_expression' || n?.type === 'await_expression') n = n.namedChildren[0];
  if (!n) return undefined;
  if (n.type === 'identifier' || n.type === 'this') return n.text;
  if (n.type === 'member_expression') {
    const object = chain(n.childForFieldName('object'));
    const property = n.childForFieldName('property');
    return object && property?.type === 'property_identifier' ? `${object}.${property.text}` : undefined;
  }
  if (n.type === 'call_expression') {
    const fn = chain(n.childForFieldName('function'));
    return fn ? `${fn}()` : undefined;
  }
  return undefined;
}

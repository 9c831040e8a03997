// What a JS/TS file states about the shape of objects that carry the service's functions, so that
// the call graph can follow a call of a name that came out of one (callgraph/shapeResolve.ts):
// - names destructured (or aliased) inside a function, from a value or a parameter:
//   `const { users: { findUserById } } = queries`, `(router, { queries: { users } }) => …`;
// - the object literal a factory function returns: `const createUserQueries = (pool) => { … return
//   { findUserById, updateUser }; }`;
// - a class field set from a call: `users = createUserQueries(this.pool)`.
// Only what the syntax says; no types are inferred.
import type { Language, Node } from 'web-tree-sitter';
import { dict } from '../ownKeys';

/** A binding made inside a function: local name, the dotted source (`$param` for a parameter), and the function's lines. */
export type ScopedAlias = [local: string, source: string, start: number, end: number];

export interface ObjectShapes {
  /** Names bound by destructuring or aliasing inside functions, each with its function's lines. */
  scopedAliases?: ScopedAlias[];
  /**
   * `factory.key` → [the name the returned object literal holds there, the line where the factory
   * binds that name (0 when it does not bind it in its own body)]; an inline function member is
   * held under its key, at its own line; an instance made there as `new Class` (NEW), at its line.
   */
  returnedMembers?: Record<string, [string, number]>;
  /** `Class.field` → [the dotted callee of the call that sets it (`createUserQueries`), the field's line]. */
  fieldCalls?: Record<string, [string, number]>;
}

/** The root every parameter's destructured names hang from: nothing is known of what is passed. */
export const PARAM_ROOT = '$param';
/** A returned member that is an instance made there (`{ members: new MemberQueries(pool) }`): `new ` and the class's name. */
export const NEW = 'new ';

const FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'arrow_function', 'function_expression', 'function', 'generator_function', 'method_definition']);
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
/** Bound at most this many per file: the facts are kept for every file of the map. */
const MAX_ALIASES = 4000;

/**
 * The patterns this file reads, in the grammar of `lang` (JavaScript's and TypeScript's differ in a
 * few node types: `field_definition`, `as_expression`); map/queries.ts adds them to the map's own
 * query, so that the one pass of the query cursor over each tree yields them too.
 */
export function shapePatterns(lang: Language): string {
  const has = (t: string) => !!lang.idForNodeType(t, true);
  const fns = [...FUNCTIONS].filter(has).map((t) => `(${t})`).join(' ');
  const fields = ['public_field_definition', 'field_definition'].filter(has).map((t) => `(${t} value: (call_expression)) @shape.field`);
  // A declarator whose value may name a value (dotted() decides): not every declarator of the file.
  const values = ['identifier', 'this', 'member_expression', 'as_expression', 'parenthesized_expression', 'non_null_expression', 'satisfies_expression'].filter(has).map((t) => `(${t})`).join(' ');
  return [`[${fns}] @shape.fn`, `(variable_declarator value: [${values}]) @shape.decl`, ...fields].join('\n');
}

/** The shapes stated by the nodes `shapePatterns` captured in one file (`shape.fn`, `shape.decl`, `shape.field`). */
export function objectShapes(captures: { name: string; node: Node }[]): ObjectShapes {
  const aliases: ScopedAlias[] = [];
  const returned: Record<string, [string, number]> = dict();
  const fields: Record<string, [string, number]> = dict();
  // In document order (outer before inner at one start), the functions around a node are the
  // stack of those not yet ended.
  const ordered = [...captures].sort((x, y) => x.node.startIndex - y.node.startIndex || y.node.endIndex - x.node.endIndex);
  const scopes: Node[] = [];
  for (const { name: capture, node: n } of ordered) {
    while (scopes.length && scopes[scopes.length - 1]!.endIndex <= n.startIndex) scopes.pop();
    if (capture === 'shape.fn') {
      scopes.push(n);
      for (const p of n.childForFieldName('parameters')?.namedChildren ?? []) if (p) bindParam(p, n, aliases);
      const name = functionName(n);
      if (name) factoryReturns(name, n, returned);
    } else if (capture === 'shape.decl' && scopes.length && aliases.length < MAX_ALIASES) {
      const source = dotted(n.childForFieldName('value'));
      const name = n.childForFieldName('name');
      if (source && name) bindPattern(name, source, scopes[scopes.length - 1]!, aliases);
    } else if (capture === 'shape.field') classField(n, fields);
  }
  const out: ObjectShapes = dict();
  if (aliases.length) out.scopedAliases = aliases;
  if (Object.keys(returned).length) out.returnedMembers = returned;
  if (Object.keys(fields).length) out.fieldCalls = fields;
  return out;
}

/** `users = createUserQueries(this.pool)` in a class body. */
function classField(n: Node, fields: Record<string, [string, number]>): void {
  const cls = n.parent?.parent?.type.endsWith('class_declaration') ? n.parent.parent.childForFieldName('name')?.text : undefined;
  const field = (n.childForFieldName('name') ?? n.childForFieldName('property'))?.text;
  const value = n.childForFieldName('value');
  const callee = value?.type === 'call_expression' ? dotted(value.childForFieldName('function')) : undefined;
  if (cls && field && callee) fields[`${cls}.${field}`] = [callee, n.startPosition.row + 1];
}

/** A parameter's destructured names: `{ queries: { users } }`, `...[router, { queries }]` (a rest tuple). */
function bindParam(p: Node, fn: Node, out: ScopedAlias[]): void {
  let pattern: Node | null = p.type === 'required_parameter' || p.type === 'optional_parameter' ? p.childForFieldName('pattern') : p;
  if (pattern?.type === 'assignment_pattern') pattern = pattern.childForFieldName('left');
  if (pattern?.type === 'rest_pattern') pattern = pattern.namedChildren[0];
  if (pattern?.type === 'object_pattern') bindPattern(pattern, PARAM_ROOT, fn, out);
  else if (pattern?.type === 'array_pattern') for (const e of pattern.namedChildren) if (e?.type === 'object_pattern') bindPattern(e, PARAM_ROOT, fn, out);
}

/** `{ a, b: c, d: { e } } = source`: a → source.a, c → source.b, e → source.d.e; `x = source` → x. */
function bindPattern(pattern: Node, source: string, fn: Node, out: ScopedAlias[]): void {
  const start = fn.startPosition.row + 1;
  const end = fn.endPosition.row + 1;
  if (pattern.type === 'identifier') {
    if (source !== PARAM_ROOT) out.push([pattern.text, source, start, end]);
    return;
  }
  if (pattern.type !== 'object_pattern') return;
  for (const p of pattern.namedChildren) {
    if (!p) continue;
    if (p.type === 'shorthand_property_identifier_pattern') out.push([p.text, `${source}.${p.text}`, start, end]);
    else if (p.type === 'object_assignment_pattern') {
      const left = p.childForFieldName('left');
      if (left?.type === 'shorthand_property_identifier_pattern') out.push([left.text, `${source}.${left.text}`, start, end]);
    } else if (p.type === 'pair_pattern') {
      const key = p.childForFieldName('key');
      let value = p.childForFieldName('value');
      if (value?.type === 'assignment_pattern') value = value.childForFieldName('left');
      if (key?.type === 'property_identifier' && value) bindPattern(value, `${source}.${key.text}`, fn, out);
    }
  }
}

/** The name a function is known by where it is declared: `function f`, `const f = () => …`. */
function functionName(fn: Node): string | undefined {
  if (fn.type === 'function_declaration' || fn.type === 'generator_function_declaration') return fn.childForFieldName('name')?.text;
  const parent = fn.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('name')?.type === 'identifier') return parent.childForFieldName('name')!.text;
  return undefined;
}

/** The members of the object literal a factory returns from its own body (or as its arrow's expression). */
function factoryReturns(name: string, fn: Node, out: Record<string, [string, number]>): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  let object: Node | null = null;
  const bound = new Map<string, number>();
  if (body.type === 'statement_block') {
    for (const s of body.namedChildren) {
      if (!s) continue;
      if (s.type === 'lexical_declaration' || s.type === 'variable_declaration') {
        for (const d of s.namedChildren) {
          const id = d?.type === 'variable_declarator' ? d.childForFieldName('name') : null;
          if (id?.type === 'identifier') bound.set(id.text, d!.startPosition.row + 1);
        }
      } else if (s.type === 'function_declaration') {
        const id = s.childForFieldName('name');
        if (id) bound.set(id.text, s.startPosition.row + 1);
      } else if (s.type === 'return_statement') object = unwrap(s.namedChildren[0] ?? null);
    }
  } else object = unwrap(body);
  if (object?.type !== 'object') return;
  for (const p of object.namedChildren) {
    if (p?.type === 'shorthand_property_identifier') out[`${name}.${p.text}`] = [p.text, bound.get(p.text) ?? 0];
    else if (p?.type === 'method_definition') {
      const key = p.childForFieldName('name');
      if (key?.type === 'property_identifier') out[`${name}.${key.text}`] = [key.text, p.startPosition.row + 1];
    } else if (p?.type === 'pair') {
      const key = p.childForFieldName('key');
      const value = p.childForFieldName('value');
      if (key?.type !== 'property_identifier' || !value) continue;
      if (value.type === 'identifier') out[`${name}.${key.text}`] = [value.text, bound.get(value.text) ?? 0];
      else if (value.type === 'new_expression' && value.childForFieldName('constructor')?.type === 'identifier') out[`${name}.${key.text}`] = [`${NEW}${value.childForFieldName('constructor')!.text}`, value.startPosition.row + 1];
      else if (FUNCTION_VALUES.has(value.type)) out[`${name}.${key.text}`] = [key.text, value.startPosition.row + 1];
    }
  }
}

function unwrap(n: Node | null): Node | null {
  while (n && (n.type === 'parenthesized_expression' || n.type === 'as_expression' || n.type === 'satisfies_expression')) n = n.namedChildren[0];
  return n;
}

/** `a`, `a.b.c`, `this.a` (through `as T`, `!`, parentheses): a name, never a call or a computed member. */
function dotted(n: Node | null): string | undefined {
  n = unwrap(n);
  while (n?.type === 'non_null_expression') n = unwrap(n.namedChildren[0]);
  if (n?.type === 'identifier' || n?.type === 'this') return n.text;
  if (n?.type !== 'member_expression') return undefined;
  const object = dotted(n.childForFieldName('object'));
  const property = n.childForFieldName('property');
  return object && property?.type === 'property_identifier' ? `${object}.${property.text}` : undefined;
}

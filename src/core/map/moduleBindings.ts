// Module-level JS/TS names that stand for something defined elsewhere, so that the call graph can
// follow a call of an imported name to what runs: `export { local as name }` / `export default
// local` / `export default function local` (an exported name for a local binding, often one the
// file imported: a barrel), and
// `export const authorize = cancan.authorize` / `export const { can } = cancan` (a name bound to a
// member of another value), and the members of a top-level object literal that name values
// (`const errors = { notFound }` → `errors.notFound`), and CommonJS's `module.exports = { link, user:
// users }` (each key an exported name for a local one: an index that gathers modules it required).
// Only top-level declarations are read; no inference.
import type { Node } from 'web-tree-sitter';
import { dict } from '../ownKeys';

export interface ModuleBindings {
  /** Exported name → local name. */
  exportAliases?: Record<string, string>;
  /** Local name → the dotted expression it is bound to (`cancan.authorize`); `object.member` for a top-level object literal's members. */
  valueAliases?: Record<string, string>;
  /** `object.member` → the line of the function a top-level object literal holds there. */
  objectMethods?: Record<string, number>;
}

export function moduleBindings(root: Node): ModuleBindings {
  const exportAliases: Record<string, string> = dict();
  const valueAliases: Record<string, string> = dict();
  const objectMethods: Record<string, number> = dict();
  for (const top of root.namedChildren) {
    if (!top) continue;
    let decl: Node | null = top;
    if (top.type === 'expression_statement') commonJsExports(top, exportAliases);
    if (top.type === 'export_statement') {
      // `export { a, b as c } from './x'` is an import (map/extractFile.ts), not a local name.
      if (top.childForFieldName('source')) continue;
      const value = top.childForFieldName('value');
      if (value?.type === 'identifier') exportAliases.default = value.text;
      const clause = top.namedChildren.find((c) => c?.type === 'export_clause');
      for (const spec of clause?.namedChildren ?? []) {
        const name = spec?.childForFieldName('name')?.text;
        if (spec?.type === 'export_specifier' && name) exportAliases[spec.childForFieldName('alias')?.text ?? name] = name;
      }
      decl = top.childForFieldName('declaration');
      // `export default async function loadDocument`: imported under any name, it is loadDocument.
      const declared = decl?.childForFieldName('name')?.text;
      if (declared && top.children.some((c) => c?.type === 'default')) exportAliases.default = declared;
    }
    if (decl?.type !== 'lexical_declaration' && decl?.type !== 'variable_declaration') continue;
    for (const d of decl.namedChildren) {
      if (d?.type !== 'variable_declarator') continue;
      const value = d.childForFieldName('value');
      const target = dotted(value);
      const name = d.childForFieldName('name');
      if (name?.type === 'identifier' && value?.type === 'object') objectMembers(name.text, value, valueAliases, objectMethods);
      if (!target || !name) continue;
      if (name.type === 'identifier') valueAliases[name.text] = target;
      else if (name.type === 'object_pattern') {
        for (const p of name.namedChildren) {
          if (p?.type === 'shorthand_property_identifier_pattern') valueAliases[p.text] = `${target}.${p.text}`;
          else if (p?.type === 'pair_pattern') {
            const key = p.childForFieldName('key');
            const local = p.childForFieldName('value');
            if (key?.type === 'property_identifier' && local?.type === 'identifier') valueAliases[local.text] = `${target}.${key.text}`;
          }
        }
      }
    }
  }
  const out: ModuleBindings = dict();
  if (Object.keys(exportAliases).length) out.exportAliases = exportAliases;
  if (Object.keys(valueAliases).length) out.valueAliases = valueAliases;
  if (Object.keys(objectMethods).length) out.objectMethods = objectMethods;
  return out;
}

/**
 * `module.exports = { domain, user: users }`: the keys are the module's exported names, each for the
 * local name it holds. With `const user = require('./user.queries')` above, `query.user.find` from
 * an importer reaches user.queries.js's `find` (through exportSources, as an ES `export { user }`).
 */
function commonJsExports(statement: Node, exportAliases: Record<string, string>): void {
  const assignment = statement.namedChildren[0];
  if (assignment?.type !== 'assignment_expression' || assignment.childForFieldName('left')?.text !== 'module.exports') return;
  const value = assignment.childForFieldName('right');
  if (value?.type !== 'object') return;
  for (const p of value.namedChildren) {
    if (p?.type === 'shorthand_property_identifier') exportAliases[p.text] = p.text;
    else if (p?.type === 'pair') {
      const key = p.childForFieldName('key');
      const local = p.childForFieldName('value');
      if (key?.type === 'property_identifier' && local?.type === 'identifier') exportAliases[key.text] = local.text;
    }
  }
}

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);

/**
 * `const errors = { notFound, conflict: http.conflict }`: each member that names a value, as
 * `errors.notFound` → `notFound`, `errors.conflict` → `http.conflict`; and each member that is a
 * function, with its line (`service = { remove: async () => … }` beside `client = { remove … }`:
 * the map names both functions `remove`).
 */
function objectMembers(object: string, literal: Node, out: Record<string, string>, methods: Record<string, number>): void {
  for (const p of literal.namedChildren) {
    if (p?.type === 'shorthand_property_identifier') out[`${object}.${p.text}`] = p.text;
    else if (p?.type === 'method_definition') {
      const key = p.childForFieldName('name');
      if (key?.type === 'property_identifier') methods[`${object}.${key.text}`] = p.startPosition.row + 1;
    } else if (p?.type === 'pair') {
      const key = p.childForFieldName('key');
      const value = p.childForFieldName('value');
      if (key?.type !== 'property_identifier' || !value) continue;
      const target = dotted(value);
      if (target) out[`${object}.${key.text}`] = target;
      else if (FUNCTION_VALUES.has(value.type)) methods[`${object}.${key.text}`] = p.startPosition.row + 1;
    }
  }
}

/** `a`, `a.b.c` (through `as T`, `!`, parentheses): a name, never a call or a computed member. */
function dotted(n: Node | null): string | undefined {
  while (n && (n.type === 'as_expression' || n.type === 'satisfies_expression' || n.type === 'non_null_expression' || n.type === 'parenthesized_expression')) n = n.namedChildren[0];
  if (n?.type === 'identifier') return n.text;
  if (n?.type !== 'member_expression') return undefined;
  const object = dotted(n.childForFieldName('object'));
  const property = n.childForFieldName('property');
  return object && property?.type === 'property_identifier' ? `${object}.${property.text}` : undefined;
}

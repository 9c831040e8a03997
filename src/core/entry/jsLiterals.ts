// Literal values the JavaScript/TypeScript decorator readers (routing-controllers, LoopBack, Midway)
// take from a file without running it: an option of an object literal, the file's top-level string
// constants, a path argument written with them.
import type { Node } from 'web-tree-sitter';
import { kids, stringValue } from './treeUtil';

/** The value node of `key` in an object literal (`{ key: v }`, or the name itself for `{ key }`). */
export function optionValue(obj: Node | undefined, key: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  for (const k of kids(obj)) {
    if (k.type === 'pair' && k.childForFieldName('key')?.text === key) return k.childForFieldName('value') ?? undefined;
    if (k.type === 'shorthand_property_identifier' && k.text === key) return k;
  }
  return undefined;
}

/** The string a path argument holds: a literal, a module constant, or a template over them ('' for none). */
export function pathOf(node: Node | undefined, consts: ReadonlyMap<string, string>): string | undefined {
  if (!node) return '';
  const lit = stringValue(node);
  if (lit !== undefined) return lit;
  if (node.type === 'identifier') return consts.get(node.text);
  if (node.type !== 'template_string') return undefined;
  let s = '';
  for (const part of node.children) {
    if (!part) continue;
    if (part.type === 'template_substitution') {
      const inner = part.namedChildren[0];
      const v = inner?.type === 'identifier' ? consts.get(inner.text) : undefined;
      if (v === undefined) return undefined;
      s += v;
    } else if (part.type === 'string_fragment') s += part.text;
  }
  return s;
}

/** `const baseUrl = '/tenants'` at the top of the file (exported or not), in order, templates over earlier ones resolved. */
export function moduleStrings(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const stmt of kids(root)) {
    const decl = stmt.type === 'export_statement' ? stmt.childForFieldName('declaration') : stmt;
    if (decl?.type !== 'lexical_declaration' || !decl.text.startsWith('const')) continue;
    for (const d of kids(decl).filter((k) => k.type === 'variable_declarator')) {
      const name = d.childForFieldName('name');
      const value = d.childForFieldName('value');
      const v = value ? pathOf(value, out) : undefined;
      if (name?.type === 'identifier' && v !== undefined) out.set(name.text, v);
    }
  }
  return out;
}

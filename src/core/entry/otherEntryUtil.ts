// Shared pieces of the non-HTTP entry detectors: the entry record and where a callback's code is.
import type { SyntaxNode as Node } from '../parse/liteTree';
import type { EntryKind, EntryPoint, HandlerLocation } from './types';
import { ancestor, line, rangeOf, stringValue } from './treeUtil';

const METHOD: Record<Exclude<EntryKind, 'http'>, string> = { job: 'SCHEDULE', consumer: 'CONSUME', cli: 'RUN', graphql: 'QUERY' };

export function other(
  kind: Exclude<EntryKind, 'http'>,
  trigger: string,
  handler: string,
  at: Node,
  file: string,
  framework: string,
  loc?: HandlerLocation,
  method?: string,
): EntryPoint {
  const id = kind === 'cli' ? `cli ${trigger}` : kind === 'graphql' ? `graphql ${method ?? 'QUERY'} ${trigger}` : `${kind} ${handler === '<inline>' ? trigger : handler}`;
  const e: EntryPoint = { id, kind, method: method ?? METHOD[kind], path: trigger, handler, file, line: line(at), guards: [], framework };
  if (loc) e.handlerLocation = loc;
  return e;
}

const FUNCTION_NODES = /^(function_declaration|function_definition|method_declaration|method_definition|generator_function_declaration|func_literal|arrow_function|function_expression|function)$/;

/** The named function or method around a node: its name and whole range. */
export function enclosingFunction(node: Node, file: string): { name: string; loc: HandlerLocation } | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (!FUNCTION_NODES.test(p.type)) continue;
    let name = p.childForFieldName('name')?.text;
    if (!name && p.parent?.type === 'variable_declarator') name = p.parent.childForFieldName('name')?.text;
    if (!name) continue;
    const cls = ancestor(p, (a) => /^(class_declaration|class_definition|class_body)$/.test(a.type) && !!(a.childForFieldName('name') ?? a.parent?.childForFieldName('name')));
    const clsName = cls ? (cls.childForFieldName('name') ?? cls.parent?.childForFieldName('name'))?.text : undefined;
    const recv = p.type === 'method_declaration' ? goReceiverType(p) : undefined;
    const symbol = [recv ?? clsName, name].filter(Boolean).join('.');
    return { name, loc: { file, symbol, range: rangeOf(p) } };
  }
  return undefined;
}

export function goReceiverType(m: Node): string | undefined {
  const r = m.childForFieldName('receiver');
  return r ? /([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*\)$/.exec(r.text)?.[1] : undefined;
}

/** A top-level function (or method of the enclosing class) named `name` in this file. */
export function localFunction(root: Node, name: string, file: string): HandlerLocation | undefined {
  for (const n of root.descendantsOfType(['function_declaration', 'function_definition', 'method_declaration', 'method_definition'])) {
    if (n?.childForFieldName('name')?.text !== name) continue;
    const cls = ancestor(n, (a) => /^(class_declaration|class_definition)$/.test(a.type))?.childForFieldName('name')?.text;
    return { file, symbol: cls ? `${cls}.${name}` : name, range: rangeOf(n) };
  }
  for (const d of root.descendantsOfType('variable_declarator')) {
    const v = d?.childForFieldName('value');
    if (d?.childForFieldName('name')?.text === name && v && /function|arrow/.test(v.type)) return { file, symbol: name, range: rangeOf(d) };
  }
  return undefined;
}

/** Where a callback argument's code is: an inline function, or a named function in this file. */
export function callbackLocation(root: Node, cb: Node | undefined, file: string): HandlerLocation | undefined {
  if (!cb) return undefined;
  if (/arrow_function|function_expression|^function$|func_literal|lambda/.test(cb.type)) return { file, symbol: '<inline>', range: rangeOf(cb) };
  const name = cb.text.replace(/^(this|self)\./, '');
  return /^[\w$]+$/.test(name) ? localFunction(root, name, file) : undefined;
}

export function literalOr(node: Node | undefined | null): string {
  if (!node) return '';
  return stringValue(node) ?? node.text.replace(/\s+/g, ' ').slice(0, 80);
}

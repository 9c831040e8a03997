// A Nest guard that lets a route through because of the route's own metadata, read from its code:
// `const isPublic = this.reflector.getAllAndOverride(IS_PUBLIC_KEY, [context.getHandler(),
// context.getClass()]); if (isPublic) return true; return super.canActivate(context)` skips every
// route carrying IS_PUBLIC_KEY, which a decorator factory sets (`export const Public = () =>
// SetMetadata(IS_PUBLIC_KEY, true)`, or `@SetMetadata('isPublic', true)` written on the route). On
// such a route the guard refuses nobody, whatever the decorator is called; on the others it is read
// as before (nestGuardCode.ts). The key is matched by the name it is written with, or by the string
// a constant of that name holds in the file that declares it.
import type { Node } from 'web-tree-sitter';
import { all, callArgs, kids, line, stringValue } from './treeUtil';

/** Where a guard reads the key: the handler's metadata, the controller class's, or both (getAllAndOverride). */
export type MetaScope = 'handler' | 'class' | 'both';

export interface MetaSkip {
  /** The key as written (`IS_PUBLIC_KEY`, `'isPublic'` → isPublic). */
  key: string;
  /** The string the key holds, when known. */
  keyValue?: string;
  scope: MetaScope;
  line: number;
  /** The guard returns true for the routes NOT carrying the key (`if (!options) return true`): it applies only where the key is set. */
  unless?: boolean;
}

/** A decorator factory that sets metadata (`Public = () => SetMetadata(IS_PUBLIC_KEY, true)`). */
export interface MetaDecorator {
  name: string;
  key: string;
  keyValue?: string;
  file: string;
  line: number;
}

/** Metadata a route carries, from a decorator on its method or its controller class. */
export interface MetaMark {
  key: string;
  keyValue?: string;
  /** The decorator as written on the route (`@Public()`). */
  via: string;
  where: 'class' | 'method';
  file: string;
  line: number;
}

const READ = /^(get|getAllAndOverride|getAllAndMerge)$/;
/** A value that sets the mark: anything but an explicit false. */
const FALSY = /^(false|0|null|undefined|''|""|``)$/;

/** `const NAME = 'value'` declared anywhere in the file. */
function constString(root: Node, name: string): string | undefined {
  for (const d of all(root, 'variable_declarator')) if (d.childForFieldName('name')?.text === name) return stringValue(d.childForFieldName('value'));
  return undefined;
}

/** The key of a metadata call's first argument: its text (a name) or string, and the string it holds. */
export function keyOf(root: Node, arg: Node | undefined): { key: string; keyValue?: string } | undefined {
  if (!arg) return undefined;
  const s = stringValue(arg);
  if (s !== undefined) return { key: s, keyValue: s };
  if (!/^[\w$.]+$/.test(arg.text)) return undefined;
  const v = constString(root, arg.text.split('.').pop()!);
  return { key: arg.text.split('.').pop()!, ...(v !== undefined ? { keyValue: v } : {}) };
}

/** `reflector.get(KEY, context.getHandler())` and its kin: the key and where it is read. */
function reflectorRead(root: Node, expr: Node | null | undefined): Omit<MetaSkip, 'line'> | undefined {
  let n = expr;
  while (n && (n.type === 'await_expression' || n.type === 'parenthesized_expression' || n.type === 'non_null_expression')) n = n.namedChildren[0];
  if (n?.type !== 'call_expression') return undefined;
  const fn = n.childForFieldName('function');
  if (fn?.type !== 'member_expression' || !READ.test(fn.childForFieldName('property')?.text ?? '')) return undefined;
  if (!/reflector/i.test(fn.childForFieldName('object')?.text ?? '')) return undefined;
  const args = callArgs(n);
  const k = keyOf(root, args[0]);
  if (!k) return undefined;
  const where = args.slice(1).map((a) => a.text).join(' ');
  const handler = /getHandler\s*\(/.test(where);
  const cls = /getClass\s*\(/.test(where);
  return { ...k, scope: handler && cls ? 'both' : cls ? 'class' : 'handler' };
}

/** `return true` alone, or as the only statement of a block. */
function returnsTrue(n: Node | null | undefined): boolean {
  const s = n?.type === 'statement_block' ? (kids(n).filter((k) => k.type !== 'comment').length === 1 ? kids(n).find((k) => k.type !== 'comment') : undefined) : n;
  return s?.type === 'return_statement' && s.namedChildren[0]?.text === 'true';
}

/**
 * The metadata a canActivate body lets through at its top level before anything else answers:
 * `if (isPublic) return true` on a name bound to a reflector read, or on the read itself.
 */
export function readMetadataSkips(root: Node, body: Node): MetaSkip[] {
  const out: MetaSkip[] = [];
  const bound = new Map<string, Omit<MetaSkip, 'line'>>();
  for (const s of kids(body)) {
    if (s.type === 'comment') continue;
    if (s.type === 'lexical_declaration' || s.type === 'variable_declaration') {
      for (const d of kids(s).filter((k) => k.type === 'variable_declarator')) {
        const r = reflectorRead(root, d.childForFieldName('value'));
        const name = d.childForFieldName('name');
        if (r && name?.type === 'identifier') bound.set(name.text, r);
      }
      continue;
    }
    if (s.type !== 'if_statement') break;
    if (!returnsTrue(s.childForFieldName('consequence'))) {
      // Another early answer (a refusal) before the skip: what follows is not reached by everyone.
      if (s.childForFieldName('consequence')?.descendantsOfType(['return_statement', 'throw_statement']).length) break;
      continue;
    }
    let cond = s.childForFieldName('condition');
    while (cond?.type === 'parenthesized_expression') cond = cond.namedChildren[0];
    const missing = unmarkedTest(cond?.text ?? '', bound);
    if (missing) {
      out.push({ ...missing, line: line(s), unless: true });
      continue;
    }
    const text = cond?.text.replace(/^!!/, '').replace(/\s*===?\s*true$/, '').trim() ?? '';
    const r = bound.get(text) ?? (cond ? reflectorRead(root, cond) : undefined);
    if (r) out.push({ ...r, line: line(s) });
  }
  return out;
}

/**
 * `!roles`, `!roles || roles.length === 0`, `options === undefined`: a test that the route carries no
 * value under the key read into `roles` — the guard's `return true` then lets the unmarked routes through.
 */
function unmarkedTest(cond: string, bound: Map<string, Omit<MetaSkip, 'line'>>): Omit<MetaSkip, 'line'> | undefined {
  let found: Omit<MetaSkip, 'line'> | undefined;
  for (const part of cond.split(/\s*\|\|\s*/)) {
    const m = /^!\s*([\w$]+)(\??\.length)?$/.exec(part) ?? /^([\w$]+)\s*(?:===?\s*(?:undefined|null)|\??\.length\s*===?\s*0)$/.exec(part);
    const r = m ? bound.get(m[1]) : undefined;
    if (!r || (found && found !== r)) return undefined;
    found = r;
  }
  return found;
}

/** Decorator factories of a file that set metadata to a value that is not false. */
export function findMetadataDecorators(root: Node, file: string, text: string): MetaDecorator[] {
  if (!text.includes('SetMetadata')) return [];
  const out: MetaDecorator[] = [];
  for (const call of all(root, 'call_expression')) {
    if (!/(?:^|\.)SetMetadata$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    const [k, v] = callArgs(call);
    if (!v || FALSY.test(v.text)) continue;
    // The factory it is the body of (`() => SetMetadata(…)`), or whose applyDecorators(…) holds it.
    let fn: Node | null = call.parent;
    while (fn && !['arrow_function', 'function_expression', 'function_declaration'].includes(fn.type)) {
      if (fn.type === 'decorator' || fn.type === 'class_body') break;
      fn = fn.parent;
    }
    if (!fn || !['arrow_function', 'function_expression', 'function_declaration'].includes(fn.type)) continue;
    const name = fn.childForFieldName('name')?.text ?? (fn.parent?.type === 'variable_declarator' ? fn.parent.childForFieldName('name')?.text : undefined);
    const key = keyOf(root, k);
    if (name && key) out.push({ name, ...key, file, line: line(call) });
  }
  return out;
}

/** The same key: the same name, or the same string. */
export function sameKey(a: { key: string; keyValue?: string }, b: { key: string; keyValue?: string }): boolean {
  return a.key === b.key || (a.keyValue !== undefined && a.keyValue === b.keyValue);
}

/**
 * The mark a guard's skip finds on the route, where the guard reads it. `keyValues`: the strings
 * constants hold in the files that declare them (a guard imports IS_PUBLIC_KEY from the decorator's file).
 */
export function markSkipped(skips: MetaSkip[] | undefined, marks: MetaMark[], keyValues: Map<string, string> = new Map()): { skip: MetaSkip; mark?: MetaMark } | undefined {
  for (const written of skips ?? []) {
    const skip = written.keyValue === undefined && keyValues.has(written.key) ? { ...written, keyValue: keyValues.get(written.key) } : written;
    const mark = marks.find((m) => sameKey(skip, m) && (skip.scope === 'both' || (skip.scope === 'handler') === (m.where === 'method')));
    // `unless`: the guard lets through the routes without the mark.
    if (skip.unless ? !mark : mark) return { skip, ...(mark ? { mark } : {}) };
  }
  return undefined;
}

// NestJS custom decorators that apply guards, the composition Nest's documentation recommends:
// `export function Auth(...roles) { return applyDecorators(SetMetadata('roles', roles),
// UseGuards(AuthGuard('jwt'), RolesGuard)) }`. A route decorated `@Auth('admin')` is guarded by
// what the decorator's UseGuards names, wherever the decorator is defined.
import type { Node } from 'web-tree-sitter';
import { all, callArgs, line } from './treeUtil';

export interface ComposedDecorator {
  name: string;
  file: string;
  line: number;
  /** The guards its UseGuards(...) calls name, as written. */
  guards: string[];
  /** A parameter decorator that hands the handler its caller (nestCallerReads.ts); no guards. */
  identity?: boolean;
}

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition']);

/** The name a function is called by: its own, or the variable it is assigned to. */
function functionName(fn: Node): string | undefined {
  const own = fn.childForFieldName('name')?.text;
  if (own) return own;
  const p = fn.parent;
  return p?.type === 'variable_declarator' ? p.childForFieldName('name')?.text : undefined;
}

/** Decorator factories of the file whose body composes UseGuards with applyDecorators. */
export function findComposedDecorators(root: Node, file: string, text: string): ComposedDecorator[] {
  if (!text.includes('applyDecorators') || !text.includes('UseGuards')) return [];
  const out: ComposedDecorator[] = [];
  for (const call of all(root, 'call_expression')) {
    if (!/(?:^|\.)applyDecorators$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    let fn = call.parent;
    while (fn && !FUNCTIONS.has(fn.type)) fn = fn.parent;
    const name = fn ? functionName(fn) : undefined;
    if (!name) continue;
    const guards = callArgs(call)
      .filter((a) => a.type === 'call_expression' && /(?:^|\.)UseGuards$/.test(a.childForFieldName('function')?.text ?? ''))
      .flatMap((a) => callArgs(a).map((g) => g.text));
    if (guards.length) out.push({ name, file, line: line(call), guards });
  }
  return out;
}

/**
 * The definition a decorator name stands for: the only one of that name in the repository, or
 * several that apply the same guards. Names defined differently in several places are left alone
 * (this detector does not follow imports).
 */
export function composedByName(list: ComposedDecorator[]): Map<string, ComposedDecorator> {
  const groups = new Map<string, ComposedDecorator[]>();
  for (const c of list) groups.set(c.name, [...(groups.get(c.name) ?? []), c]);
  const out = new Map<string, ComposedDecorator>();
  for (const [name, defs] of groups) {
    const same = defs.every((d) => d.guards.join('\u0000') === defs[0].guards.join('\u0000') && !d.identity === !defs[0].identity);
    if (same) out.set(name, defs[0]);
  }
  return out;
}

// Pieces every file-system routing convention shares: what a route file exports, and one
// RouteDecl per exported method handler.
import type { Node, Tree } from 'web-tree-sitter';
import type { LineRange } from '../../model/types';
import type { GuardCandidate, RouteDecl } from '../types';
import { all, kids, line, rangeOf } from '../treeUtil';
import { normalizeRoutePath } from '../routePath';
import { helperCallOf } from '../handlerHelperCall';
import { wrappersOf } from './handlerWrappers';

export const HTTP_EXPORTS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/** What a routing convention knows of the project beyond the file: its package.json dependencies. */
export interface FileRouteContext {
  deps: ReadonlySet<string>;
}

export interface NamedExport {
  name: string;
  /** The export statement. */
  node: Node;
  /** The exported value when it is written in the statement (`export const GET = async () => …`). */
  value?: Node;
  /** `export { handler as GET }`: the local name it stands for. */
  local?: string;
}

/** Every named export of the file, with its value when written there. */
export function namedExports(tree: Tree): NamedExport[] {
  const out: NamedExport[] = [];
  for (const ex of all(tree.rootNode, 'export_statement')) {
    if (ex.parent?.type !== 'program') continue;
    const decl = ex.childForFieldName('declaration');
    if (decl?.type === 'function_declaration' || decl?.type === 'generator_function_declaration') {
      const name = decl.childForFieldName('name')?.text;
      if (name) out.push({ name, node: ex, value: decl });
    } else if (decl?.type === 'lexical_declaration' || decl?.type === 'variable_declaration') {
      for (const v of kids(decl).filter((k) => k.type === 'variable_declarator')) {
        const name = v.childForFieldName('name')?.text;
        if (name) out.push({ name, node: ex, value: v.childForFieldName('value') ?? undefined });
      }
    }
    for (const spec of ex.descendantsOfType('export_specifier')) {
      if (!spec) continue;
      const local = spec.childForFieldName('name')?.text;
      const alias = spec.childForFieldName('alias')?.text ?? local;
      if (alias) out.push({ name: alias, node: ex, local });
    }
  }
  return out;
}

/**
 * Where the handler an export names is written: the export itself (`export const GET = async () => …`),
 * or the function of this file it names (`const handler = async (…) => …; export const GET = handler;`,
 * `export { handler as POST }`), whose code the route runs; `export { x as GET }` of nothing written here: undefined.
 */
export function exportedHandler(tree: Tree, ex: NamedExport): { node: Node; fn?: Node; name: string } | undefined {
  const name = ex.local ?? (ex.value?.type === 'identifier' ? ex.value.text : undefined);
  if (name === undefined) return { node: ex.node, name: ex.name };
  for (let st of kids(tree.rootNode)) {
    if (st.type === 'export_statement') st = st.childForFieldName('declaration') ?? st;
    if (st.type === 'function_declaration' && st.childForFieldName('name')?.text === name) return { node: st, fn: st, name };
    if (st.type !== 'lexical_declaration' && st.type !== 'variable_declaration') continue;
    const d = kids(st).find((v) => v.type === 'variable_declarator' && v.childForFieldName('name')?.text === name);
    const value = d?.childForFieldName('value');
    if (value && ['arrow_function', 'function_expression', 'function', 'call_expression'].includes(value.type)) return { node: st, fn: value, name };
  }
  // An imported handler: the export statement stands for it, as before.
  return ex.local === undefined ? { node: ex.node, name: ex.name } : undefined;
}

/** The `export default …` statement, if any. */
export function defaultExport(tree: Tree): Node | undefined {
  return all(tree.rootNode, 'export_statement').find((e) => e.parent?.type === 'program' && e.children.some((c) => c?.type === 'default'));
}

/** Imports from a package (or any of its sub-paths): `@medusajs/framework/http` counts for `@medusajs/`. */
export function importsFrom(text: string, pkg: RegExp): boolean {
  for (const m of text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) if (pkg.test(m[1])) return true;
  return false;
}

export function depsMatch(ctx: FileRouteContext, pkg: RegExp): boolean {
  for (const d of ctx.deps) if (pkg.test(d)) return true;
  return false;
}

export function fileRoute(file: string, framework: string, method: string, path: string, handler: string, at: Node, range: LineRange | undefined, guards: GuardCandidate[] = []): RouteDecl {
  // A handler written here may end with what a helper of ours gives back: judged across files later.
  const helperCall = range ? helperCallOf(at) : undefined;
  // Wrapped by a function of ours (`withWorkspace(h)`): its code, another file's, is judged later.
  const wrappers = range ? wrappersOf(at) : [];
  return {
    ...(helperCall ? { helperCall } : {}),
    ...(wrappers.length ? { wrappers } : {}),
    method,
    path: normalizeRoutePath(path),
    handler,
    handlerSymbol: range ? handler : undefined,
    inlineRange: range,
    guards,
    file,
    line: line(at),
    order: 0,
    framework,
  };
}

export { rangeOf };

// A file route's handler wrapped by a higher-order function of the project whose name says nothing of
// auth (`export const GET = withWorkspace(async ({ workspace }) => …, { requiredPermissions })`): the
// wrapper is where the caller is checked, in another file. This file finds the wrapper calls around
// the exported handler and where each comes from; wrapperChecks.ts judges them by their code once
// every file's facts are known. A wrapper named for auth (`withAuth`, `withSession`) is a guard by its
// name already (handlerGuards.ts) and is not listed here.
import type { Node } from 'web-tree-sitter';
import type { WrapperCall } from '../types';
import { classifyGuardText } from '../guards';
import { importOf } from '../handlerHelperCall';
import { callArgs, kids, line } from '../treeUtil';

const FUNCTION = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function', 'generator_function_declaration']);

/** The wrapper calls around the handler exported by `exp` (an export statement or the exported value), outermost first. */
export function wrappersOf(exp: Node): WrapperCall[] {
  const out: WrapperCall[] = [];
  let value: Node | null | undefined = exportedValue(exp);
  for (let depth = 0; value && depth < 6; depth++) {
    if (value.type === 'parenthesized_expression' || value.type === 'as_expression' || value.type === 'satisfies_expression') {
      value = value.namedChildren[0];
      continue;
    }
    // `export const PUT = PATCH`: the value of a name of this file's module scope.
    if (value.type === 'identifier') {
      value = moduleValue(exp, value.text);
      continue;
    }
    if (value.type !== 'call_expression') break;
    const callee = value.childForFieldName('function');
    // The handler given: written there, or a function of this file it names (`withWorkspace(listFolders)`).
    const args = callArgs(value);
    const fnArg = args.find((a) => FUNCTION.has(a.type)) ?? args.map((a) => (a.type === 'identifier' ? moduleValue(exp, a.text) : undefined)).find((v) => v && FUNCTION.has(v.type));
    if (callee?.type === 'identifier' && fnArg && !named(callee.text)) {
      const from = importOf(exp, callee.text);
      if (from) out.push({ callee: callee.text, ...from, line: line(value) });
      else if (moduleValue(exp, callee.text)) out.push({ callee: callee.text, spec: '', imported: callee.text, line: line(value) });
    }
    value = fnArg;
  }
  return out;
}

/** Named for auth (a guard by its name) or for the framework's own handler factory: not judged by code. */
function named(callee: string): boolean {
  const c = classifyGuardText(callee);
  return (!!c && c.kind !== 'other') || /^define\w*(Handler|Route|Endpoint)$/.test(callee);
}

export function exportedValue(exp: Node): Node | null | undefined {
  if (exp.type !== 'export_statement') return exp;
  const decl = exp.childForFieldName('declaration');
  return decl?.type === 'lexical_declaration' || decl?.type === 'variable_declaration' ? kids(decl)[0]?.childForFieldName('value') : (decl ?? exp.childForFieldName('value'));
}

/** What a name of the file's module scope is bound to: a variable's value or a function declaration. */
export function moduleValue(from: Node, name: string): Node | undefined {
  let root: Node = from;
  while (root.parent) root = root.parent;
  for (let st of kids(root)) {
    if (st.type === 'export_statement') st = st.childForFieldName('declaration') ?? st;
    if (st.type === 'function_declaration' && st.childForFieldName('name')?.text === name) return st;
    if (st.type !== 'lexical_declaration' && st.type !== 'variable_declaration') continue;
    const v = kids(st).find((d) => d.type === 'variable_declarator' && d.childForFieldName('name')?.text === name)?.childForFieldName('value');
    if (v) return v;
  }
  return undefined;
}

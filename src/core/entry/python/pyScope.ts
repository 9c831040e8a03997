// The string values a Python expression can take at a given place: module constants, local
// assignments of the enclosing functions, loop variables over string lists (one environment per
// value: `for m in names: app.add_url_rule("/" + m, …)` registers one route per name), and the
// parameters of enclosing functions as placeholders (a route registered from a parameter is a
// route factory, expanded where the factory is called).
import type { Node } from 'web-tree-sitter';
import { callArgs, kids } from '../treeUtil';
import { evalStr, evalStrList, type StrEnv } from './pyEval';

/** Placeholder for parameter `index` of the enclosing function at `depth` (0 = outermost). */
const param = (depth: number, index: number): string => `\u0002${depth}.${index}\u0002`;
export const PARAM_RE = /\u0002(\d+)\.(\d+)\u0002/g;
const ONE_PARAM = /^\u0002\d+\.\d+\u0002$/;

export interface Scope {
  /** One environment per combination of loop values (at least one). */
  envs: Map<string, string>[];
  /** Enclosing function definitions, outermost first. */
  defs: Node[];
  /** Parameter placeholders a loop walks (`for route in routes:`): the loop variable stands for each element. */
  each?: Set<string>;
}

const MAX_ENVS = 64;

export function scopeAt(node: Node, moduleEnv: StrEnv, moduleLists: ReadonlyMap<string, string[]>): Scope {
  const chain: Node[] = [];
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'for_statement') chain.unshift(p);
  let envs = [new Map(moduleEnv)];
  const defs: Node[] = [];
  let each: Set<string> | undefined;
  for (const a of chain) {
    if (a.type === 'function_definition') {
      const depth = defs.length;
      defs.push(a);
      paramNames(a).forEach((n, i) => envs.forEach((e) => e.set(n, param(depth, i))));
      for (const st of kids(a.childForFieldName('body'))) {
        if (st.startIndex >= node.startIndex) break;
        const asg = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
        const left = asg?.type === 'assignment' ? asg.childForFieldName('left') : undefined;
        if (left?.type !== 'identifier') continue;
        for (const e of envs) {
          const v = evalStr(asg!.childForFieldName('right'), e);
          if (v !== undefined) e.set(left.text, v);
          else e.delete(left.text);
        }
      }
    } else {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      const body = a.childForFieldName('body');
      if (left?.type !== 'identifier' || !body || node.startIndex < body.startIndex) continue;
      const values = evalStrList(right, moduleEnv) ?? (right?.type === 'identifier' ? moduleLists.get(right.text) : undefined);
      // `def register_view(bp, routes, view_func): for route in routes: bp.add_url_rule(route, …)`: the
      // loop variable is each element of the parameter's list, filled in where the function is called.
      const walked = values ? undefined : right?.type === 'identifier' ? envs[0].get(right.text) : undefined;
      if (values && values.length && envs.length * values.length <= MAX_ENVS) envs = envs.flatMap((e) => values.map((v) => new Map(e).set(left.text, v)));
      else if (walked && ONE_PARAM.test(walked) && envs.every((e) => e.get(right!.text) === walked)) {
        envs.forEach((e) => e.set(left.text, walked));
        (each ??= new Set()).add(walked);
      } else envs.forEach((e) => e.delete(left.text));
    }
  }
  return { envs, defs, ...(each ? { each } : {}) };
}

/** Parameter names in positional order (up to `*`/`*args`; keyword-only ones are left out). */
export function paramNames(def: Node): string[] {
  const out: string[] = [];
  for (const p of kids(def.childForFieldName('parameters'))) {
    if (p.type === 'identifier') out.push(p.text);
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') out.push(p.childForFieldName('name')?.text ?? '');
    else if (p.type === 'typed_parameter') out.push(p.namedChildren[0]?.text ?? '');
    else if (p.type === 'list_splat_pattern' || p.type === 'keyword_separator' || p.type === 'dictionary_splat_pattern') break;
  }
  return out;
}

/** The parameters an evaluated value depends on: `depth.index` pairs. */
export function paramsIn(value: string): { depth: number; index: number }[] {
  return [...value.matchAll(PARAM_RE)].map((m) => ({ depth: Number(m[1]), index: Number(m[2]) }));
}

/** Whether `def` returns the inner function named `name` (`return decorator`). */
export function returnsName(def: Node, name: string): boolean {
  return kids(def.childForFieldName('body')).some((st) => st.type === 'return_statement' && st.namedChildren[0]?.text === name);
}

/** A call's keyword argument `name=` (its value), if given. */
export function kwArg(call: Node, name: string): Node | undefined {
  for (const a of callArgs(call)) if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value') ?? undefined;
  return undefined;
}

/** A call's positional arguments (no keywords, no `*args` / `**kwargs`). */
export function positionalArgs(call: Node): Node[] {
  return callArgs(call).filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
}

// A Django function view that only sorts requests by method and hands each to another function:
//
//     def checks(request):
//         if request.method == "POST":
//             return create_check(request)      # @authorize
//         return get_checks(request)            # @authorize_read
//
// Each method is its own route, guarded by what guards the function it reaches (the dispatcher's
// own decorators apply to all). Seen as one ANY route, the guards of both functions are out of
// sight and the route looks unguarded.
import type { Node } from 'web-tree-sitter';
import { kids, line } from '../treeUtil';

export interface MethodDispatch {
  /** The method(s) of the branch; `ANY` for the final return that takes every other method. */
  method: string;
  /** The function the branch returns the call of. */
  to: string;
  line: number;
}

const METHOD_TEST = /^request\.method\s*(==|in)\s*([\s\S]+)$/;

/** `return name(request, …)` as the whole block: the name; else undefined. */
function handsOver(block: Node | null | undefined): string | undefined {
  const stmts = kids(block).filter((s) => s.type !== 'comment');
  const ret = block?.type === 'return_statement' ? block : stmts.length === 1 ? stmts[0] : undefined;
  if (ret?.type !== 'return_statement') return undefined;
  const call = ret.namedChildren[0];
  if (call?.type !== 'call') return undefined;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier') return undefined;
  if (call.childForFieldName('arguments')?.namedChildren[0]?.text !== 'request') return undefined;
  return fn.text;
}

function methodsOf(cond: string): string[] | undefined {
  const m = METHOD_TEST.exec(cond.trim());
  const list = m ? [...m[2].matchAll(/['"](\w+)['"]/g)].map((x) => x[1].toUpperCase()) : [];
  return list.length ? list : undefined;
}

/**
 * The branches of a body made only of `if request.method == X: return f(request…)` (elif chains
 * too) and a final `return g(request…)` (or `else:` of one); undefined for any other body.
 */
export function methodDispatch(fn: Node): MethodDispatch[] | undefined {
  const stmts = kids(fn.childForFieldName('body')).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
  const out: MethodDispatch[] = [];
  for (const [i, st] of stmts.entries()) {
    const last = i === stmts.length - 1;
    if (st.type === 'if_statement') {
      const arms: { cond?: string; body: Node | null; at: Node }[] = [{ cond: st.childForFieldName('condition')?.text, body: st.childForFieldName('consequence'), at: st }];
      for (const alt of st.childrenForFieldName('alternative')) {
        if (alt?.type === 'elif_clause') arms.push({ cond: alt.childForFieldName('condition')?.text, body: alt.childForFieldName('consequence'), at: alt });
        else if (alt?.type === 'else_clause') arms.push({ body: alt.childForFieldName('body'), at: alt });
      }
      for (const arm of arms) {
        const to = handsOver(arm.body);
        if (!to) return undefined;
        if (arm.cond === undefined) {
          if (!last) return undefined;
          out.push({ method: 'ANY', to, line: line(arm.at) });
          continue;
        }
        const methods = methodsOf(arm.cond);
        if (!methods) return undefined;
        for (const m of methods) out.push({ method: m, to, line: line(arm.at) });
      }
      continue;
    }
    const to = last ? handsOver(st) : undefined;
    if (!to) return undefined;
    out.push({ method: 'ANY', to, line: line(st) });
  }
  // Sorting needs a method branch and a last return for the rest; one function for all is no sorting.
  if (!out.some((d) => d.method !== 'ANY') || out[out.length - 1]?.method !== 'ANY') return undefined;
  return new Set(out.map((d) => d.to)).size > 1 ? out : undefined;
}

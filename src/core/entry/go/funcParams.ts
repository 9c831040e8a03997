// A router handed to a function the caller hands in: KubePi's `func Listen(route func(party
// iris.Party)) { …; route(s.rootRoute) }`, called `server.Listen(route.InitRoute)`. The call on
// the parameter passes the router to `param:<fn>(<index>)` (extract.ts); each call of that function
// that hands in a function of ours at that index is read here (fnArgs), and link.ts passes the
// router to each such function as if `InitRoute(s.rootRoute)` were written: its routes hang below.
import type { GoNode as Node } from './goNode';
import type { GoScope } from './scope';
import type { GoIndex } from './resolve';
import type { Callee, GoFileFacts } from './types';

const PARAM = /^param:(.+)\((\d+)\)$/;

/** A function of ours handed in at `index` of a call of `callee`; `result`: the call's result of that function (`f()`), not `f`. */
export interface FnArg {
  callee: Callee;
  index: number;
  fn: Callee;
  result?: true;
}

/** `route(x)` where `route` is a parameter of an enclosing function: `param:<fn key>(<index>)`. */
export function paramCallee(call: Node, sc: GoScope): Callee | undefined {
  const f = call.childForFieldName('function');
  if (f?.type !== 'identifier') return undefined;
  for (let fn = sc.fnOf(f); fn; fn = sc.fnOf(fn)) {
    const v = sc.scope(fn).get(f.text);
    if (v) return 'param' in v ? `param:${sc.keyOf(fn)}(${v.param})` : undefined;
  }
  return undefined;
}

/** A name that is a parameter of the function it is read in: `param:<fn key>(<index>)`. */
export function heldParam(n: Node, sc: GoScope): Callee | undefined {
  const fn = sc.fnOf(n);
  const v = fn ? sc.scope(fn).get(n.text) : undefined;
  return v && 'param' in v ? `param:${sc.keyOf(fn)}(${v.param})` : undefined;
}

/** The functions of ours a call hands in by name (`server.Listen(route.InitRoute)`), by index. */
export function fnArgsOf(c: Callee, args: Node[], callee: (n: Node) => Callee | undefined): FnArg[] {
  if (c.startsWith('ext:')) return [];
  const out: FnArg[] = [];
  args.forEach((a, index) => {
    // A call's result handed in (`NewHandler(mw.RequireLogin())`): kept apart (`result`), for a field the parameter sets (funcFields.ts).
    if (a.type === 'call_expression') {
      const fn = callee(a.childForFieldName('function')!);
      if (fn?.startsWith('fn:')) out.push({ callee: c, index, fn, result: true });
      return;
    }
    if (a.type !== 'identifier' && a.type !== 'selector_expression') return;
    const fn = callee(a);
    if (fn?.startsWith('fn:')) out.push({ callee: c, index, fn });
  });
  return out;
}

/** For a pass to `param:<fn>(<i>)`, the functions the calls of `<fn>` hand in at `<i>`; any other callee as it is. */
export function handedInCallees(ix: GoIndex, files: GoFileFacts[]): (callee: Callee) => Callee[] {
  let at: Map<string, Callee[]> | undefined;
  return (callee) => {
    const m = PARAM.exec(callee);
    if (!m) return [callee];
    if (!at) {
      at = new Map();
      for (const f of files) {
        for (const a of f.fnArgs ?? []) {
          if (a.result) continue;
          const r = ix.resolve(a.callee);
          if (r && 'key' in r) at.set(`${r.key}(${a.index})`, [...(at.get(`${r.key}(${a.index})`) ?? []), a.fn]);
        }
      }
    }
    return at.get(`${m[1]}(${m[2]})`) ?? [];
  };
}

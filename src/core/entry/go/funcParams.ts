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

/** The functions of ours a call hands in by name (`server.Listen(route.InitRoute)`), by index. */
export function fnArgsOf(c: Callee, args: Node[], callee: (n: Node) => Callee | undefined): { callee: Callee; index: number; fn: Callee }[] {
  if (c.startsWith('ext:')) return [];
  const out: { callee: Callee; index: number; fn: Callee }[] = [];
  args.forEach((a, index) => {
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
          const r = ix.resolve(a.callee);
          if (r && 'key' in r) at.set(`${r.key}(${a.index})`, [...(at.get(`${r.key}(${a.index})`) ?? []), a.fn]);
        }
      }
    }
    return at.get(`${m[1]}(${m[2]})`) ?? [];
  };
}

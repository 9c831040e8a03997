// What extract.ts reads about the functions a registration sits in and the calls around it: the
// parameter a name stands for (a router mounted from a parameter, a boolean handed on, `if
// persistable { … }` above a route), a call of ours whose result may be a router, a handler made from
// the server's values (`login(s.ds)`), and chi's Heartbeat middleware answering its own path.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line } from '../treeUtil';
import type { GoScope } from './scope';
import type { GoFileFacts, GoRef, ParamTest, StrPart } from './types';
import { getOwn } from '../../ownKeys';

export function helperCalls(facts: GoFileFacts, sc: GoScope, root: Node, frameworkOf: (r: GoRef) => string) {
  const { file, dir } = facts;
  const { fnOf, keyOf, scope, callee, str } = sc;
  /**
   * chi's `middleware.Heartbeat("/ping")` among the middleware `Use`d on a router (directly or in a
   * list it spreads, `r.Use(defaultMiddlewares...)`) answers `GET` that path itself: a route.
   */
  const heartbeats = (use: Node, recv: GoRef, args: Node[]): void => {
    const fn = fnOf(use);
    for (const a of args) {
      const id = a.type === 'variadic_argument' ? a.namedChildren[0] : a;
      let items: Node[] = [id ?? a];
      if (id?.type === 'identifier') {
        let decl: Node | undefined;
        for (let f = fn; !decl; f = f ? fnOf(f) : undefined) {
          decl = all(f ?? root, 'short_var_declaration').find((d) => kids(d.childForFieldName('left'))[0]?.text === id.text && d.startIndex < use.startIndex);
          if (!f) break;
        }
        const lit = decl ? kids(decl.childForFieldName('right'))[0] : undefined;
        items = lit?.type === 'composite_literal' ? all(lit, 'call_expression').filter((c) => c.parent?.type === 'literal_element') : [];
      }
      for (const c of items) {
        const f = c.type === 'call_expression' ? c.childForFieldName('function') : null;
        const k = f ? callee(f) : undefined;
        const path = k && /^ext:github\.com\/go-chi\/chi(\/v\d+)?\/middleware#Heartbeat$/.test(k) ? callArgs(c)[0] : undefined;
        if (!path) continue;
        facts.routes.push({ router: recv, method: 'GET', path: str(path), fnKey: keyOf(fn), handler: c.text.slice(0, 120), registrar: 'Heartbeat', guards: [], file, line: line(c), order: use.startIndex, framework: frameworkOf(recv), early: true });
      }
    }
  };
  /** `s.ds`: a field (not a method) of a struct of this file, read off a value of that struct. */
  const isFieldValue = (a: Node): boolean => {
    if (a.type !== 'selector_expression') return false;
    const b = a.childForFieldName('operand')!;
    const v = b.type === 'identifier' ? sc.lookup(b) : undefined;
    const t = v && 'type' in v ? v.type : undefined;
    const s = t?.startsWith(`${dir}#`) ? facts.structs[t.slice(dir.length + 1)] : undefined;
    return !!s && getOwn(s.fields, a.childForFieldName('field')!.text) !== undefined;
  };
  // `MountRouter("API", "/api", CreateAPIRouter())`: the result of a call of ours, kept only if it turns out to be a router.
  const callResult = (a: Node): GoRef | undefined => {
    if (a.type !== 'call_expression') return undefined;
    const c = callee(a.childForFieldName('function')!);
    return c && /^(fn|sel|ret):/.test(c) && !c.startsWith('fn:ext:') ? `O:${c}` : undefined;
  };
  /** The function and position of the parameter a name stands for, unless a closer binding shadows it. */
  const paramOf = (id: Node): { fn: string; index: number; type?: string } | undefined => {
    for (let f = fnOf(id); f; f = fnOf(f)) {
      const v = scope(f).get(id.text);
      if (!v) continue;
      if ('param' in v) return { fn: keyOf(f), index: v.param, type: v.type };
      const p = 'str' in v && v.str.length === 1 ? v.str[0] : undefined;
      return p && 'param' in p && !p.then && p.param === keyOf(f) ? { fn: p.param, index: p.index } : undefined;
    }
    return undefined;
  };
  const boolParam = (a: Node): StrPart[] | undefined => {
    const p = a.type === 'identifier' ? paramOf(a) : undefined;
    return p && /(^|#)bool$/.test(p.type ?? '') ? [{ param: p.fn, index: p.index }] : undefined;
  };
  const handlerParam = (h: Node): GoRef | undefined => {
    const p = h.type === 'identifier' ? paramOf(h) : undefined;
    return p ? `P:${p.fn}(${p.index})` : undefined;
  };
  /** `if persistable { r.Post(…) }`: the boolean parameters of enclosing functions the registration sits under. */
  const withTests = (call: Node): { when?: ParamTest[] } => {
    const when: ParamTest[] = [];
    let inside: Node = call;
    for (let p = call.parent; p; inside = p, p = p.parent) {
      if (p.type !== 'if_statement') continue;
      const arm = inside.startIndex === p.childForFieldName('consequence')?.startIndex ? true : inside.startIndex === p.childForFieldName('alternative')?.startIndex ? false : undefined;
      let c = p.childForFieldName('condition');
      let value = arm;
      while (c?.type === 'parenthesized_expression') c = c.namedChildren[0];
      if (c?.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') {
        c = c.childForFieldName('operand');
        if (value !== undefined) value = !value;
      }
      const param = c?.type === 'identifier' && value !== undefined ? paramOf(c) : undefined;
      if (param && /(^|#)bool$/.test(param.type ?? '')) when.push({ fn: param.fn, index: param.index, value: value! });
    }
    return when.length ? { when } : {};
  };
  return { heartbeats, isFieldValue, callResult, paramOf, boolParam, handlerParam, withTests };
}

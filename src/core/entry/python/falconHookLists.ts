// The hooks Falcon middleware runs, read where the app is made (falconFacts.ts `wrappersIn`):
// `falcon.App(middleware=[FuncMiddleware(h) for h in self.before_hooks])` or Falcon 1's
// `falcon.App(before=self.before_hooks)`, the list a property of the class returns; each hook a
// function by reference, or a method of the class whose body is `return helpers.f(…)` (that function).
// falconWrappers.ts judges the runner and each hook once every module is read.
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import type { FalconWrapper } from './falconFacts';
import { all, kids } from '../treeUtil';

function enclosingDef(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

/** `middleware=[Runner(h) for h in <hooks>]`, or a name bound to that in the function: the runner class and the hooks. */
export function middlewareHooks(mw: Node, at: Node, refOf: (n: Node | undefined | null) => Ref | undefined): FalconWrapper['hooks'] {
  let expr: Node | null | undefined = mw;
  const scope = enclosingDef(at);
  if (mw.type === 'identifier' && scope) expr = all(scope, 'assignment').filter((a) => a.childForFieldName('left')?.text === mw.text && a.startIndex < at.startIndex).pop()?.childForFieldName('right');
  if (expr?.type !== 'list_comprehension') return undefined;
  const body = expr.childForFieldName('body');
  const loop = kids(expr).find((k) => k.type === 'for_in_clause');
  const v = loop?.childForFieldName('left')?.text;
  const src = loop?.childForFieldName('right');
  if (body?.type !== 'call' || !v || !src || body.childForFieldName('arguments')?.namedChildren.map((x) => x?.text).join(',') !== v) return undefined;
  const runner = refOf(body.childForFieldName('function'));
  const hooks = hookList(src, at, refOf);
  return runner && hooks ? { runner, refs: hooks.refs } : undefined;
}

/**
 * The hook functions a list names: a list literal, or `self.<property>` returning one in the class;
 * each `mod.f`/`f` by reference, each `self._m` through the method's body `return f(…)`.
 */
export function hookList(src: Node, at: Node, refOf: (n: Node | undefined | null) => Ref | undefined): FalconWrapper['hooks'] {
  let list: Node | null | undefined = src;
  let cls: Node | undefined;
  for (let p = at.parent; p; p = p.parent) if (p.type === 'class_definition') { cls = p; break; }
  const method = (name: string): Node | undefined => {
    for (const m of kids(cls?.childForFieldName('body'))) {
      const def = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
      if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name) return def;
    }
    return undefined;
  };
  const own = /^self\.(\w+)$/.exec(src.text);
  if (own) {
    const def = method(own[1]!);
    const ret = def ? kids(def.childForFieldName('body')).filter((s) => s.type === 'return_statement').pop() : undefined;
    list = ret?.namedChildren[0];
  }
  if (list?.type !== 'list') return undefined;
  const refs = kids(list).filter((e) => e.type !== 'comment').map((e): Ref | null => {
    const m = /^self\.(\w+)$/.exec(e.text);
    if (!m) return /^[\w.]+$/.test(e.text) ? refOf(e) ?? null : null;
    const def = method(m[1]!);
    const stmts = kids(def?.childForFieldName('body')).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
    const v = stmts.length === 1 && stmts[0]!.type === 'return_statement' ? stmts[0]!.namedChildren[0] : undefined;
    const fn = v?.type === 'call' ? v.childForFieldName('function') : undefined;
    return fn && /^[\w.]+$/.test(fn.text) && !fn.text.startsWith('self.') ? refOf(fn) ?? null : null;
  });
  return { refs };
}

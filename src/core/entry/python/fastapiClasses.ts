// FastAPI classes a file declares, recorded for the link pass (fastapiLink.ts), which follows
// them across modules:
// - router subclasses: `class UserAPIRouter(APIRouter)` whose `__init__` passes `prefix=` and a
//   fixed `dependencies=[Depends(get_current_user)]` on to `super().__init__`, so that
//   `router = UserAPIRouter(prefix="/users")` is a router with that prefix and guard;
// - class-based views (fastapi-utils `@cbv(router)`, any `@decorator(router)` on a class whose
//   methods are routes of that router): the class's attributes `user: User = Depends(...)` are
//   dependencies of every one of those routes, inherited from base classes in other modules too.
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate, Ref } from '../types';
import { callArgs, kids, line, rangeOf, stringValue } from '../treeUtil';
import { evalStr, type StrEnv } from './pyEval';
import type { PyArg, PyClass, PyFacts } from './pyFacts';
import { dict } from '../../ownKeys';

export interface ClassCtx {
  root: Node;
  py: PyFacts;
  moduleEnv: StrEnv;
  key: (name: string) => Ref;
  refOf: (n: Node | undefined | null) => Ref | undefined;
  dependencyGuard: (n: Node, via: string) => GuardCandidate | undefined;
}

const DEPENDS = /^(fastapi\.)?(Depends|Security)$/;

/** Top-level classes (bases, the forwarding of `__init__` to `super().__init__`, class attributes) and the controllers among them. */
export function detectFastapiClasses(c: ClassCtx): void {
  const classes: Record<string, PyClass> = dict();
  for (const st of kids(c.root)) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type !== 'class_definition') continue;
    const name = def.childForFieldName('name')?.text ?? '';
    const bases = kids(def.childForFieldName('superclasses'))
      .filter((b) => b.type !== 'keyword_argument')
      .map((b) => (b.type === 'subscript' ? b.childForFieldName('value') ?? b : b))
      .map((b) => ({ text: b.text, ...(c.refOf(b) ? { ref: c.refOf(b) } : {}) }));
    const cls: PyClass = { line: line(def), bases };
    const attrs: { name: string; guards: GuardCandidate[] }[] = [];
    for (const m of kids(def.childForFieldName('body'))) {
      const asg = m.type === 'expression_statement' ? m.namedChildren[0] : undefined;
      const left = asg?.type === 'assignment' ? asg.childForFieldName('left') : undefined;
      if (left?.type === 'identifier') {
        const right = asg!.childForFieldName('right');
        const deps = right?.type === 'call' && DEPENDS.test(right.childForFieldName('function')?.text ?? '') ? [right] : [];
        attrs.push({ name: left.text, guards: deps.map((d) => c.dependencyGuard(d, `class attribute ${name}.${left.text}`)).filter((g): g is GuardCandidate => !!g) });
      }
      const fn = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
      if (fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === '__init__') cls.init = initOf(fn, c);
    }
    if (attrs.length) cls.attrs = attrs;
    classes[name] = cls;
    // `@controller(router)` / `@cbv(router)`: a class decorator given the router its methods are routes of.
    if (st.type === 'decorated_definition') {
      for (const dec of kids(st).filter((k) => k.type === 'decorator')) {
        const call = dec.namedChildren[0];
        if (call?.type !== 'call') continue;
        const routers = callArgs(call).filter((a) => a.type === 'identifier' || a.type === 'attribute').map(c.refOf).filter((r): r is Ref => !!r);
        for (const router of routers) (c.py.controllers ??= []).push({ cls: name, router, range: rangeOf(def), decorator: call.childForFieldName('function')?.text ?? '' });
      }
    }
  }
  if (Object.keys(classes).length) c.py.classes = classes;
}

/** What `__init__` passes to `super().__init__(…)`, in terms of its own parameters. */
function initOf(fn: Node, c: ClassCtx): NonNullable<PyClass['init']> {
  const params: { name: string; default?: PyArg }[] = [];
  let kwargs: string | undefined;
  for (const p of kids(fn.childForFieldName('parameters'))) {
    if (p.type === 'dictionary_splat_pattern') kwargs = p.namedChildren[0]?.text;
    if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator' || p.type === 'positional_separator') continue;
    const nameNode = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren[0];
    const value = p.childForFieldName('value');
    params.push({ name: nameNode?.text ?? '', ...(value ? { default: argOf(value, new Set(), c) } : {}) });
  }
  params.shift(); // self
  const names = new Set(params.map((p) => p.name));
  const sup = fn.descendantsOfType('call').find((k) => /^super\(\s*(\w+\s*,\s*self)?\s*\)\.__init__$/.test(k?.childForFieldName('function')?.text ?? ''));
  if (!sup) return { params, ...(kwargs ? { kwargs } : {}) };
  const pos: PyArg[] = [];
  const kw: Record<string, PyArg> = dict();
  let spreadKwargs = false;
  for (const a of callArgs(sup)) {
    if (a.type === 'keyword_argument') kw[a.childForFieldName('name')?.text ?? ''] = argOf(a.childForFieldName('value'), names, c);
    else if (a.type === 'dictionary_splat') spreadKwargs = a.namedChildren[0]?.text === kwargs;
    else if (a.type !== 'list_splat') pos.push(argOf(a, names, c));
  }
  return { params, ...(kwargs ? { kwargs } : {}), superArgs: { pos, kw, ...(spreadKwargs ? { spreadKwargs } : {}) } };
}

/** An argument as the link pass can follow it: a string, one of the parameters, a dependency list, or unread text. */
function argOf(n: Node | null | undefined, params: ReadonlySet<string>, c: ClassCtx): PyArg {
  if (!n) return { text: '' };
  if (n.type === 'identifier' && params.has(n.text)) return { param: n.text };
  if (n.type === 'none') return { none: true };
  const s = stringValue(n) ?? evalStr(n, c.moduleEnv);
  if (s !== undefined) return { s };
  if (n.type === 'list') {
    const deps: GuardCandidate[] = [];
    const spread: string[] = [];
    for (const k of kids(n)) {
      if (k.type === 'list_splat' && params.has(k.namedChildren[0]?.text ?? '')) spread.push(k.namedChildren[0]!.text);
      else if (k.type === 'call' && DEPENDS.test(k.childForFieldName('function')?.text ?? '')) {
        const g = c.dependencyGuard(k, 'router class dependencies');
        if (g) deps.push(g);
      } else return { text: n.text };
    }
    return { deps, ...(spread.length ? { spread } : {}) };
  }
  return { text: n.text };
}

/** `router = UserAPIRouter(prefix="/users")`: a call of a class that may be a router class, followed by the link pass. */
export function routerCall(c: ClassCtx, name: string, call: Node): void {
  const callee = call.childForFieldName('function');
  const ref = callee && (callee.type === 'identifier' || callee.type === 'attribute') ? c.refOf(callee) : undefined;
  if (!ref) return;
  const pos: PyArg[] = [];
  const kw: Record<string, PyArg> = dict();
  for (const a of callArgs(call)) {
    if (a.type === 'keyword_argument') kw[a.childForFieldName('name')?.text ?? ''] = argOf(a.childForFieldName('value'), new Set(), c);
    else if (a.type === 'list_splat' || a.type === 'dictionary_splat') kw['**'] = { text: a.text };
    else pos.push(argOf(a, new Set(), c));
  }
  (c.py.routerCalls ??= []).push({ router: c.key(name), callee: ref, text: callee!.text, pos, kw, line: line(call) });
}

// FastAPI dependencies that are objects: FastAPI calls an instance through its class's `__call__`.
// Three ways services write them, each judged by the `__call__`'s code (fastapiDeps.ts):
//   class RoleChecker: def __call__(self, request): ... raise HTTPException(403)   -> Depends(RoleChecker("admin"))
//   _ItemsRead = Checker(allowed={User})  (a module-level instance)                 -> Depends(_ItemsRead)
//   def Checker(...): class _Signed(_Base): def __call__(...): return await super().__call__(...)
//                     return _Signed(...)   (a factory returning a subclass instance whose call is its base's)
// A class is a dependency entry of its own (its `__call__`'s facts, plus its bases when that call hands
// on to `super().__call__`); a function returning an instance calls the class; a module-level instance
// calls what built it. An instance of what we cannot read stays unread, as before.
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { kids, line } from '../treeUtil';
import { annotationAliasNode } from './fastapiTypeFactories';
import type { PyDepFacts } from './fastapiDeps';

/** A top-level (possibly decorated) class of the module by name. */
export function topClasses(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const st of kids(root)) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type === 'class_definition') out.set(def.childForFieldName('name')?.text ?? '', def);
  }
  return out;
}

/** The `def __call__` written in a class's body. */
function callMethod(cls: Node): Node | undefined {
  for (const st of kids(cls.childForFieldName('body'))) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === '__call__') return def;
  }
  return undefined;
}

/** A class's base classes, when its `__call__` hands the request on to `super().__call__`. */
function superCalls(cls: Node, call: Node, ref: (n: Node) => Ref | undefined): Ref[] {
  if (!/\bsuper\(\s*\)\s*\.\s*__call__\s*\(/.test(call.text)) return [];
  return kids(cls.childForFieldName('superclasses')).map((b) => ref(b)).filter((r): r is Ref => !!r);
}

/**
 * Adds the object dependencies of a module to `out` (function facts already there): classes with a
 * `__call__`, the classes functions return instances of, and module-level instances.
 * `factsOf` reads one function's code; `fnRef`/`refOf` name what a node points at.
 */
export function instanceDependencyFacts(root: Node, out: Record<string, PyDepFacts>, topDefs: ReadonlyMap<string, Node>, factsOf: (def: Node) => PyDepFacts, fnRef: (n: Node) => Ref | undefined, refOf: (n: Node) => Ref | undefined): void {
  const classes = topClasses(root);
  // A class of this module, or what fnRef accepts (a function of ours, an import).
  const ref = (n: Node): Ref | undefined => (n.type === 'identifier' && classes.has(n.text) ? refOf(n) : fnRef(n));
  // `WebUserSession = Annotated[AuthSubject[User], Depends(_web_user)]`: an alias depends on what its Depends name.
  const aliases = new Set<string>();
  for (const st of kids(root)) {
    const asg = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = asg?.type === 'assignment' ? asg.childForFieldName('left') : undefined;
    const right = asg?.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'subscript' || !/^(typing\.)?Annotated$/.test(right.childForFieldName('value')?.text ?? '') || out[left.text]) continue;
    const calls: Ref[] = [];
    for (const c of right.descendantsOfType('call')) {
      if (!c || !/^(fastapi\.)?(Depends|Security)$/.test(c.childForFieldName('function')?.text ?? '')) continue;
      const arg = c.childForFieldName('arguments')?.namedChildren[0];
      const target = arg?.type === 'call' ? arg.childForFieldName('function') : arg;
      const r = target && (target.type === 'identifier' || target.type === 'attribute') ? refOf(target) : undefined;
      if (r) calls.push(r);
    }
    if (calls.length) {
      aliases.add(left.text);
      out[left.text] = { line: line(asg!), calls };
    }
  }

  for (const [name, cls] of classes) {
    const call = callMethod(cls);
    if (!call || out[name]) continue;
    const f = factsOf(call);
    out[name] = { ...f, line: line(cls), calls: [...f.calls, ...superCalls(cls, call, ref)] };
  }
  for (const [name, def] of topDefs) {
    const f = out[name];
    if (!f) continue;
    const calls = new Set(f.calls);
    // A class written inside the factory: its call is its base's when it hands on to super().
    for (const cls of def.descendantsOfType('class_definition')) {
      const call = cls && callMethod(cls);
      if (cls && call) for (const r of superCalls(cls, call, ref)) calls.add(r);
    }
    // `return Checker(...)`: the dependency is an instance of a class of this module.
    for (const ret of def.descendantsOfType('return_statement')) {
      const v = ret?.namedChildren[0];
      const fn = v?.type === 'call' ? v.childForFieldName('function') : undefined;
      if (fn?.type === 'identifier' && classes.has(fn.text)) {
        const r = ref(fn);
        if (r) calls.add(r);
      }
    }
    if (calls.size !== f.calls.length) f.calls = [...calls];
  }
  // `def dependency(subject: WebUserSession)` inside a factory: a parameter typed with an alias that may
  // carry a guard (`WebUserSession = Annotated[User, Depends(_web_user)]`), judged only by read code.
  for (const [name, def] of topDefs) {
    const f = out[name];
    const typed = new Set<Ref>();
    for (const p of [...def.descendantsOfType('typed_parameter'), ...def.descendantsOfType('typed_default_parameter')]) {
      const t = annotationAliasNode(p?.childForFieldName('type'));
      const r = t && /^[A-Z]/.test(t.text.slice(t.text.lastIndexOf('.') + 1)) ? ref(t) ?? (aliases.has(t.text) ? refOf(t) : undefined) : undefined;
      if (r) typed.add(r);
    }
    if (f && typed.size) f.readOnly = [...new Set([...(f.readOnly ?? []), ...typed])];
  }
  // `_ItemsRead = Checker(allowed={User})`: an instance behaves as what built it.
  for (const st of kids(root)) {
    const asg = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = asg?.type === 'assignment' ? asg.childForFieldName('left') : undefined;
    const right = asg?.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call' || out[left.text]) continue;
    const fn = right.childForFieldName('function');
    const r = fn && (fn.type === 'identifier' || fn.type === 'attribute') ? ref(fn) : undefined;
    if (!r) continue;
    const members = literalMembers(right);
    out[left.text] = { line: line(asg!), calls: [r], instance: true, ...(members.length ? { members } : {}) };
  }
}

/** `X in self.allowed` (or `X in allowed`): the member X. */
function memberTest(cond: Node | null | undefined): string | undefined {
  const m = /^([A-Za-z_]\w*)\s+in\s+(self\.)?\w+$/.exec(cond?.text.trim() ?? '');
  return m?.[1];
}

/**
 * The name whose membership in a configured set skips a refusal: `if Anonymous in self.allowed: return s
 * else: raise Unauthorized()`, or the same `if` returning before the raise. The instance built with a
 * set holding that name lets anonymous callers through (optional).
 */
export function exemptingMember(raise: Node, def: Node): string | undefined {
  for (let p = raise.parent, child: Node = raise; p && p.id !== def.id; child = p, p = p.parent) {
    if (p.type === 'else_clause' && p.parent?.type === 'if_statement') return memberTest(p.parent.childForFieldName('condition'));
    if (p.type === 'block') {
      for (const sib of kids(p)) {
        if (sib.id === child.id) break;
        if (sib.type === 'if_statement' && sib.childForFieldName('consequence')?.descendantsOfType('return_statement').length) {
          const name = memberTest(sib.childForFieldName('condition'));
          if (name) return name;
        }
      }
    }
  }
  return undefined;
}

/** The names in the set, list or tuple literals a construction call is handed (`Checker(allowed={User, Anonymous})`). */
export function literalMembers(call: Node): string[] {
  const out: string[] = [];
  for (const t of ['set', 'list', 'tuple'] as const) for (const lit of call.descendantsOfType(t)) for (const k of kids(lit)) if (k.type === 'identifier') out.push(k.text);
  return out;
}

// What the functions a Go call hands in make, when each returns a literal of one type: a func
// literal argument (`RegisterFactory(g, func() Importer { return &csv.Importer{} })`) and the func
// fields of a receiver bound to a literal (`p := &Plugin{Make: func() Importer { … }}; p.Register(g)`).
// Link time calls a method of that type for a path segment (`factory().Name()`, MadeCall in types.ts).
import type { GoNode as Node } from './goNode';
import { all, kids } from '../treeUtil';
import { dict } from '../../ownKeys';
import type { TypeKey } from './scope';

/** The one type every `return` of a func literal gives as a literal (`return &todoist.Migration{}`). */
function returnedType(fl: Node, typeKey: TypeKey): string | undefined {
  const types = new Set<string>();
  const walk = (n: Node): void => {
    for (const k of n.namedChildren) {
      if (!k || k.type === 'func_literal') continue;
      if (k.type !== 'return_statement') {
        walk(k);
        continue;
      }
      const vals = kids(k.namedChildren[0]);
      let r: Node | undefined = vals.length === 1 ? vals[0] : undefined;
      if (r?.type === 'unary_expression') r = r.namedChildren[0] ?? undefined;
      const t = r?.type === 'composite_literal' ? typeKey(r.childForFieldName('type')) : undefined;
      types.add(t ?? '?');
    }
  };
  const body = fl.childForFieldName('body');
  if (body) walk(body);
  return types.size === 1 && !types.has('?') ? [...types][0] : undefined;
}

/**
 * What the functions a call hands in make (GoCall.made): a func literal argument, and the func
 * fields of the receiver when it is a literal bound in this function (`h := &Web{Make: func() M { … }}; h.Register(g)`).
 */
export function madeTypes(call: Node, fnNode: Node, args: Node[], typeKey: TypeKey, fnOf: (n: Node) => Node | undefined): Record<string, string> | undefined {
  const made = dict<string>();
  args.forEach((a, i) => {
    const t = a.type === 'func_literal' ? returnedType(a, typeKey) : undefined;
    if (t) made[String(i)] = t;
  });
  const recv = fnNode.type === 'selector_expression' ? fnNode.childForFieldName('operand') : undefined;
  const lit = recv?.type === 'identifier' ? literalBoundTo(fnOf(call), recv.text) : undefined;
  for (const el of lit ? kids(lit.childForFieldName('body')) : []) {
    if (el.type !== 'keyed_element') continue;
    const [k, v] = el.namedChildren.map((x) => (x?.type === 'literal_element' ? x.namedChildren[0] : x));
    const t = k?.type === 'field_identifier' || k?.type === 'identifier' ? (v?.type === 'func_literal' ? returnedType(v, typeKey) : undefined) : undefined;
    if (t) made[`-1.${k!.text}`] = t;
  }
  return Object.keys(made).length ? made : undefined;
}

// A function's `:=` declarations, read once per function: asked for at each call of a method on a
// local, and for each name a function returns (extract.ts typeOfName).
const declared = new WeakMap<Node['tree'], Map<number, Node[]>>();
function declarationsIn(fn: Node): Node[] {
  let byFn = declared.get(fn.tree);
  if (!byFn) declared.set(fn.tree, (byFn = new Map()));
  let ds = byFn.get(fn.startIndex);
  if (!ds) byFn.set(fn.startIndex, (ds = all(fn, 'short_var_declaration')));
  return ds;
}

/** The composite literal `name := &T{…}` (or `name := T{…}`) binds in `fn`, when that is its one binding. */
export function literalBoundTo(fn: Node | undefined, name: string): Node | undefined {
  if (!fn) return undefined;
  const found = declarationsIn(fn).filter((d) => kids(d.childForFieldName('left'))[0]?.text === name);
  let r: Node | undefined = found.length === 1 ? kids(found[0].childForFieldName('right'))[0] : undefined;
  if (r?.type === 'unary_expression') r = r.namedChildren[0] ?? undefined;
  return r?.type === 'composite_literal' ? r : undefined;
}


/** The struct type a local is declared with (`m := &csrfManager{…}`), as `dir#Type`. */
export function typeOfLocal(fn: Node, name: string, typeKey: TypeKey): string | undefined {
  for (const d of declarationsIn(fn)) {
    if (kids(d.childForFieldName('left'))[0]?.text !== name) continue;
    let r: Node | undefined = kids(d.childForFieldName('right'))[0];
    if (r?.type === 'unary_expression') r = r.namedChildren[0] ?? undefined;
    if (r?.type === 'composite_literal') return typeKey(r.childForFieldName('type'));
  }
  return undefined;
}

const BUILTIN = /^(error|string|bool|byte|rune|u?int\d*|float\d+|complex\d+|any|uintptr)$/;

/** The one declared result's type (`*Policy`, `(p *Policy)`) when it is a named type of the service. */
export function declaredResult(result: Node | null, typeKey: TypeKey): string | undefined {
  let t: Node | null | undefined = result;
  if (t?.type === 'parameter_list') {
    const ps = kids(t).filter((k) => k.type === 'parameter_declaration');
    t = ps.length === 1 && ps[0].childrenForFieldName('name').length <= 1 ? ps[0].childForFieldName('type') : undefined;
  }
  const named = t?.type === 'pointer_type' ? t.namedChildren[0] : t;
  if (!named || (named.type === 'type_identifier' && BUILTIN.test(named.text)) || !/^(type_identifier|qualified_type)$/.test(named.type)) return undefined;
  const k = typeKey(named);
  return k && !k.startsWith('ext:') ? k : undefined;
}

/** `serveEvent := new(core.ServeEvent)`: a value of that type of ours, as `&core.ServeEvent{}` is (its fields set one by one after). */
export function newOfType(call: Node, typeKey: TypeKey, root: Node): string | undefined {
  if (call.type !== 'call_expression' || call.childForFieldName('function')?.text !== 'new') return undefined;
  const args = kids(call.childForFieldName('arguments'));
  // `new(cfg)` may be a function of ours named `new` given a value (homebox): a bare name counts only as a type this file declares.
  const t = args.length === 1 ? args[0] : undefined;
  const named = t?.type === 'pointer_type' ? t.namedChildren[0] : t;
  if (named?.type === 'type_identifier' && !all(root, 'type_spec').some((sp) => sp.childForFieldName('name')?.text === named.text)) return undefined;
  const k = t ? typeKey(t) : undefined;
  return k && !k.startsWith('ext:') ? k : undefined;
}

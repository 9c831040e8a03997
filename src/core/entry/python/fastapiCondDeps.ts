// `FastAPI(dependencies=[Depends(require_admin())] if enforce_admin else [])`: dependencies a
// conditional expression gives (an app factory's switch, a setting). A condition naming a parameter
// of the enclosing function whose default is a literal True/False picks that branch: callers we do
// not follow get the default. Any other condition keeps the guards of both branches, each doubtful,
// so the route is unknown unless a required guard holds it anyway (never unguarded for want of
// reading the condition, never guarded on a guess).
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate } from '../types';
import { kids, line } from '../treeUtil';

interface Branch {
  list: Node | null | undefined;
  note?: string;
  doubt?: string;
}

/**
 * The guard candidates of a `dependencies=` value, through a conditional expression, a module-level
 * list of this file named there (`dependencies=ADMIN_DEPS`, `[*BASE, Depends(x)]`). A value not read
 * (a call, an import, a parameter) gives a doubtful candidate: the route is unknown, never unguarded.
 */
export function branchDeps(list: Node | undefined, via: string, guardOf: (n: Node, via: string) => GuardCandidate | undefined, depth = 0): GuardCandidate[] {
  return branches(list).flatMap((b) => {
    const at = b.list;
    const v = b.note ? `${via} (${b.note})` : via;
    let got: GuardCandidate[];
    if (!at || at.type === 'none') got = [];
    else if (at.type === 'list' || at.type === 'tuple')
      got = uncommented(at).flatMap((n) => {
        if (n.type === 'list_splat') return branchDeps(n.namedChildren[0] ?? undefined, v, guardOf, depth + 1);
        const g = guardOf(n, v);
        return g ? [g] : [];
      });
    else {
      const bound = at.type === 'identifier' && depth < 3 ? moduleValue(at) : undefined;
      // Stamped at the name's line: where the list is attached (a decorator's guards stay below its line).
      got = bound ? branchDeps(bound, `${v} (${at.text})`, guardOf, depth + 1).map((g) => ({ ...g, line: line(at) })) : [{ text: at.text, line: line(at), via: v, doubt: `${v}: ${at.text.length > 60 ? at.text.slice(0, 59) + '…' : at.text} not read` }];
    }
    return b.doubt ? got.map((g) => ({ ...g, doubt: b.doubt })) : got;
  });
}

/** The value of the last module-level `NAME = …` of this file. */
function moduleValue(name: Node): Node | undefined {
  let out: Node | undefined;
  for (const st of kids(name.tree.rootNode)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (a?.type === 'assignment' && a.childForFieldName('left')?.text === name.text) out = a.childForFieldName('right') ?? undefined;
  }
  return out;
}

function branches(list: Node | undefined): Branch[] {
  let n: Node | null | undefined = list;
  // Comments are named nodes here too (`(  # why` / `[…]  # default`): skipped, or one would take a part's place.
  while (n?.type === 'parenthesized_expression') n = uncommented(n)[0];
  if (n?.type !== 'conditional_expression') return [{ list: n ?? list }];
  const [yes, cond, no] = uncommented(n);
  if (!cond) return [{ list }];
  const pick = paramDefault(cond, n);
  if (pick !== undefined) return [{ list: pick ? yes : no, note: `${cond.text} defaults to ${pick ? 'True' : 'False'}` }];
  const doubt = `dependencies chosen by ${cond.text.length > 60 ? cond.text.slice(0, 59) + '…' : cond.text}, not read`;
  return [
    { list: yes, doubt },
    { list: no, doubt },
  ];
}

function uncommented(n: Node): Node[] {
  return kids(n).filter((c) => c.type !== 'comment');
}

/** `enforce` / `not enforce`, a parameter of the enclosing function defaulting to True/False: its truth by default. */
function paramDefault(cond: Node, at: Node): boolean | undefined {
  if (cond.type === 'not_operator') {
    const inner = cond.childForFieldName('argument');
    const v = inner ? paramDefault(inner, at) : undefined;
    return v === undefined ? undefined : !v;
  }
  if (cond.type !== 'identifier') return undefined;
  let fn: Node | null = at.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type !== 'default_parameter' && p?.type !== 'typed_default_parameter') continue;
    if (p.childForFieldName('name')?.text !== cond.text) continue;
    const v = p.childForFieldName('value')?.type;
    return v === 'true' ? true : v === 'false' ? false : undefined;
  }
  return undefined;
}

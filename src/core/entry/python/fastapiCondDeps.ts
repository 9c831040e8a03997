// `FastAPI(dependencies=[Depends(require_admin())] if enforce_admin else [])`: dependencies a
// conditional expression gives (an app factory's switch, a setting). A condition naming a parameter
// of the enclosing function whose default is a literal True/False picks that branch: callers we do
// not follow get the default. Any other condition keeps the guards of both branches, each doubtful,
// so the route is unknown unless a required guard holds it anyway (never unguarded for want of
// reading the condition, never guarded on a guess).
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate } from '../types';
import { kids } from '../treeUtil';

interface Branch {
  list: Node | null | undefined;
  note?: string;
  doubt?: string;
}

/** The guard candidates of a `dependencies=` value, through a conditional expression. */
export function branchDeps(list: Node | undefined, via: string, guardOf: (n: Node, via: string) => GuardCandidate | undefined): GuardCandidate[] {
  return branches(list).flatMap((b) =>
    kids(b.list ?? undefined)
      .map((n) => guardOf(n, b.note ? `${via} (${b.note})` : via))
      .filter((g): g is GuardCandidate => !!g)
      .map((g) => (b.doubt ? { ...g, doubt: b.doubt } : g)),
  );
}

function branches(list: Node | undefined): Branch[] {
  let n: Node | null | undefined = list;
  while (n?.type === 'parenthesized_expression') n = n.namedChildren[0];
  if (n?.type !== 'conditional_expression') return [{ list }];
  const [yes, cond, no] = n.namedChildren;
  if (!cond) return [{ list }];
  const pick = paramDefault(cond, n);
  if (pick !== undefined) return [{ list: pick ? yes : no, note: `${cond.text} defaults to ${pick ? 'True' : 'False'}` }];
  const doubt = `dependencies chosen by ${cond.text.length > 60 ? cond.text.slice(0, 59) + '…' : cond.text}, not read`;
  return [
    { list: yes, doubt },
    { list: no, doubt },
  ];
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

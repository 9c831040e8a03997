// A refusal whose status is held in a local variable: `status := http.StatusUnauthorized; if
// requestedBy != nil { status = http.StatusForbidden }; …; ctx.AbortWithError(status, err)`. The
// call names no status itself, but every value the variable is ever given is a constant status,
// so the call answers one of them as surely as if it were written there. A variable given anything
// else once (a computed status, a function's result) says nothing.
import type { GoNode as Node } from './goNode';
import { all, kids } from '../treeUtil';
import { statusCode } from './softChecks';

/** Local names in a function body → the statuses assigned to them, when every assignment is a constant status. */
export function statusVariables(body: Node): Map<string, number[]> {
  const codes = new Map<string, number[] | null>();
  const give = (name: Node | null | undefined, value: Node | null | undefined): void => {
    if (name?.type !== 'identifier' || name.text === '_') return;
    const code = value ? statusCode(value.text) : undefined;
    const had = codes.get(name.text);
    if (had === null) return;
    // A declaration without a value (`var status int`) is given its value later.
    if (!value) return void (had ?? codes.set(name.text, []));
    codes.set(name.text, code === undefined ? null : [...(had ?? []), code]);
  };
  for (const n of all(body, ['short_var_declaration', 'assignment_statement', 'var_spec'])) {
    if (n.type === 'var_spec') {
      const names = n.childrenForFieldName('name').filter((x): x is Node => !!x);
      const values = kids(n.childForFieldName('value'));
      names.forEach((x, i) => give(x, values[i]));
      continue;
    }
    const op = n.type === 'assignment_statement' ? n.childForFieldName('operator')?.text : ':=';
    const ls = kids(n.childForFieldName('left'));
    const rs = kids(n.childForFieldName('right'));
    ls.forEach((l, i) => {
      // `x += 1`, or `status, err := f()` (a call's results): not a constant any more.
      if ((op !== '=' && op !== ':=') || ls.length !== rs.length) return void (l.type === 'identifier' && codes.set(l.text, null));
      give(l, rs[i]);
    });
  }
  const out = new Map<string, number[]>();
  for (const [name, c] of codes) if (c?.length) out.set(name, c);
  return out;
}

/** `401` or `403` when the call is handed a variable that only ever holds those statuses (401 first: it refuses who is not known). */
export function refusalByVariable(call: Node, vars: Map<string, number[]>): { how: string; variable: string } | undefined {
  for (const a of kids(call.childForFieldName('arguments'))) {
    const c = a.type === 'identifier' ? vars.get(a.text) : undefined;
    if (!c || !c.every((x) => x === 401 || x === 403)) continue;
    return { how: c.includes(401) ? '401' : '403', variable: a.text };
  }
  return undefined;
}

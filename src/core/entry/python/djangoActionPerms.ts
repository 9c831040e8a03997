// A DRF viewset that picks its permissions per action in `get_permissions`:
//
//     def get_permissions(self):
//         if self.action == "shared":            # or: self.action in ("shared", "public")
//             return [AllowAny()]
//         return super().get_permissions()
//
// The named actions take the classes that branch returns; every other action keeps the class's
// own permission_classes (or the settings' defaults). Only that shape is read: a branch on
// anything else decides nothing, and the class's permissions stand.
import type { Node } from 'web-tree-sitter';
import { kids, line, stringValue } from '../treeUtil';

export interface ActionPermissions {
  actions: string[];
  /** The returned list with the instantiations dropped (`[AllowAny]`), as permission_classes is written. */
  text: string;
  line: number;
}

/** The `if self.action …: return [...]` branches at the top of a get_permissions body. */
export function actionPermissions(fn: Node): ActionPermissions[] {
  const out: ActionPermissions[] = [];
  for (const st of kids(fn.childForFieldName('body'))) {
    if (st.type !== 'if_statement' || st.childrenForFieldName('alternative').some((a) => a?.type === 'elif_clause')) continue;
    const cond = st.childForFieldName('condition');
    const actions = actionsTested(cond);
    const body = kids(st.childForFieldName('consequence')).filter((k) => k.type !== 'comment');
    const ret = body.length === 1 && body[0].type === 'return_statement' ? body[0].namedChildren[0] : undefined;
    if (!actions?.length || (ret?.type !== 'list' && ret?.type !== 'tuple')) continue;
    out.push({ actions, text: `[${kids(ret).map((k) => k.text.replace(/\(\s*\)$/, '')).join(', ')}]`, line: line(st) });
  }
  return out;
}

/** `self.action == "x"` → [x]; `self.action in ("x", "y")` → [x, y]; anything else → undefined. */
function actionsTested(cond: Node | null): string[] | undefined {
  if (cond?.type !== 'comparison_operator') return undefined;
  const [left, right] = cond.namedChildren;
  const op = cond.children.find((c) => c && !c.isNamed)?.text;
  if (left?.text.replace(/\s+/g, '') !== 'self.action' || !right) return undefined;
  if (op === '==') {
    const s = stringValue(right);
    return s === undefined ? undefined : [s];
  }
  if (op === 'in' && (right.type === 'tuple' || right.type === 'list' || right.type === 'set')) {
    const names = kids(right).map((k) => stringValue(k));
    return names.every((n): n is string => n !== undefined) ? names : undefined;
  }
  return undefined;
}

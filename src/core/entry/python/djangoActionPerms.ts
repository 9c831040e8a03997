// A DRF view that picks its permissions per action or per HTTP method in `get_permissions`:
//
//     def get_permissions(self):
//         if self.action == "shared":            # or: self.action in ("shared", "public")
//             return [AllowAny()]
//         return super().get_permissions()
//
//     def get_permissions(self):                 # by method, assigning then returning
//         if self.request.method == "GET":
//             permission_classes = [AllowAny]    # or self.permission_classes = [...]
//         else:
//             permission_classes = [IsAuthenticated]
//         return [p() for p in permission_classes]
//
// The named actions/methods take the classes that branch sets; an `else` branch, or a list the body
// returns after its branches (`return [AllowAny()]`), covers every other one (`others`). Anything else
// keeps the class's own permission_classes. A branch we cannot read leaves no `others`: what it would
// have set for the unnamed actions is unknown, and the class's permissions are the safer reading.
import type { Node } from 'web-tree-sitter';
import { kids, line, stringValue } from '../treeUtil';

export interface ActionPermissions {
  /** The actions (`self.action`) this branch names; empty when it names methods or covers the others. */
  actions: string[];
  /** The HTTP methods (`self.request.method`) this branch names. */
  methods?: string[];
  /** Covers every action and method no other branch names (an `else`, or the list returned after the branches). */
  others?: boolean;
  /** The returned list with the instantiations dropped (`[AllowAny]`), as permission_classes is written. */
  text: string;
  line: number;
}

const SAFE = ['GET', 'HEAD', 'OPTIONS'];

/** The branches at the top of a get_permissions body, each with the classes it returns or assigns. */
export function actionPermissions(fn: Node): ActionPermissions[] {
  const out: ActionPermissions[] = [];
  const stmts = kids(fn.childForFieldName('body')).filter((k) => k.type !== 'comment');
  let unread = false;
  let sawBranch = false;
  for (const [i, st] of stmts.entries()) {
    if (st.type === 'if_statement') {
      sawBranch = true;
      const alts = st.childrenForFieldName('alternative').filter((a): a is Node => !!a);
      const tested = tests(st.childForFieldName('condition'));
      const set = listSet(st.childForFieldName('consequence'));
      if (!tested || !set || alts.some((a) => a.type === 'elif_clause')) {
        unread = true;
        continue;
      }
      out.push({ ...tested, text: set, line: line(st) });
      const other = alts.find((a) => a.type === 'else_clause');
      if (other) {
        const otherSet = listSet(other.childForFieldName('body'));
        if (otherSet) out.push({ actions: [], others: true, text: otherSet, line: line(other) });
        else unread = true;
      }
    } else if (st.type === 'return_statement' && sawBranch && i === stmts.length - 1) {
      // `return [AllowAny()]` after the branches: the classes of every action they do not name.
      const ret = st.namedChildren[0];
      if (ret && (ret.type === 'list' || ret.type === 'tuple')) out.push({ actions: [], others: true, text: listText(ret), line: line(st) });
    } else if (st.type !== 'return_statement' && st.type !== 'expression_statement') {
      unread = true;
    }
  }
  return unread ? out.filter((p) => !p.others) : out;
}

/** The entry for this action or method: the branch naming it first, else the branch covering the others. */
export function pickPermissions(list: ActionPermissions[] | undefined, action: string | undefined, method: string): ActionPermissions | undefined {
  if (!list?.length) return undefined;
  const named = list.find((p) => (action && p.actions.includes(action)) || p.methods?.includes(method));
  if (named) return named;
  // A branch on the action says nothing of a route without one (an APIView), and the other way round.
  const byAction = list.some((p) => p.actions.length);
  const byMethod = list.some((p) => p.methods?.length);
  if ((byAction && !action) || (byAction && byMethod)) return undefined;
  return list.find((p) => p.others);
}

/** A branch body that is one `return [...]` or one `(self.)permission_classes = [...]`: the list's text. */
function listSet(body: Node | null): string | undefined {
  const b = kids(body).filter((k) => k.type !== 'comment');
  if (b.length !== 1) return undefined;
  let value: Node | null | undefined;
  if (b[0].type === 'return_statement') value = b[0].namedChildren[0];
  else if (b[0].type === 'expression_statement' && b[0].namedChildren[0]?.type === 'assignment') {
    const a = b[0].namedChildren[0];
    if (!/^(self\.)?permission_classes$/.test(a.childForFieldName('left')?.text.replace(/\s+/g, '') ?? '')) return undefined;
    value = a.childForFieldName('right');
  }
  return value && (value.type === 'list' || value.type === 'tuple') ? listText(value) : undefined;
}

function listText(n: Node): string {
  return `[${kids(n).map((k) => k.text.replace(/\(\s*\)$/, '')).join(', ')}]`;
}

/** `self.action == "x"` / `in (...)` → actions; `self.request.method == "GET"` / `in (...)` / `in SAFE_METHODS` → methods. */
function tests(cond: Node | null): Pick<ActionPermissions, 'actions' | 'methods'> | undefined {
  if (cond?.type !== 'comparison_operator') return undefined;
  const [left, right] = cond.namedChildren;
  const op = cond.children.find((c) => c && !c.isNamed)?.text;
  const subject = left?.text.replace(/\s+/g, '');
  if (!right || (subject !== 'self.action' && subject !== 'self.request.method' && subject !== 'request.method')) return undefined;
  let names: string[] | undefined;
  if (op === '==') {
    const s = stringValue(right);
    names = s === undefined ? undefined : [s];
  } else if (op === 'in' && (right.type === 'tuple' || right.type === 'list' || right.type === 'set')) {
    const all = kids(right).map((k) => stringValue(k));
    names = all.every((n): n is string => n !== undefined) ? all : undefined;
  } else if (op === 'in' && /^(permissions\.)?SAFE_METHODS$/.test(right.text) && subject !== 'self.action') {
    names = SAFE;
  }
  if (!names) return undefined;
  return subject === 'self.action' ? { actions: names } : { actions: [], methods: names.map((m) => m.toUpperCase()) };
}

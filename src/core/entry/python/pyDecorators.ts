// What a Python decorator on a route handler says about its guard, in one place: a Flask view's
// decorators, a Flask-RESTX/Flask-RESTful Resource method's decorators, its class's
// `method_decorators` and a Namespace's or Api's `decorators=` all go through here, so however
// decorators are judged, every route that carries one is judged alike.
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate } from '../types';
import { makeGuard } from '../guards';
import { kids, line, stringValue } from '../treeUtil';

/** The guard a decorator expression (`admins_only`, `login_required(role="x")`) stands for, if any. */
export function decoratorGuard(expr: Node, file: string): GuardCandidate | undefined {
  const g = makeGuard(expr.text, file, line(expr), `decorator @${expr.text.split('(')[0]}`);
  if (!g || !makeGuard(nameText(expr), file, line(expr), '')) return undefined;
  return { text: expr.text, line: line(expr), via: 'decorator', guard: g };
}

/**
 * What a decorator is named by: its callee and the arguments that are names or one word
 * (`roles_required("admin")`, `requires(["authenticated"])`, `permission(Perm.ADMIN)`). Prose and
 * schemas handed to documentation decorators (`@doc.response(401, {…}, description="Unauthorized:
 * …")`, `@doc.summary("Add a role")`) name no guard.
 */
function nameText(expr: Node): string {
  if (expr.type !== 'call') return expr.text;
  const parts = [expr.childForFieldName('function')?.text ?? ''];
  const word = (n: Node | null | undefined): void => {
    if (!n) return;
    if (n.type === 'identifier' || n.type === 'attribute') parts.push(n.text);
    else if (n.type === 'list' || n.type === 'tuple' || n.type === 'set') kids(n).forEach(word);
    else {
      const s = stringValue(n);
      if (s !== undefined && /^[\w:.-]+$/.test(s)) parts.push(s);
    }
  };
  for (const a of kids(expr.childForFieldName('arguments'))) word(a.type === 'keyword_argument' ? a.childForFieldName('value') : a);
  return parts.join(' ');
}

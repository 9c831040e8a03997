// What a Python decorator on a route handler says about its guard, in one place: a Flask view's
// decorators, a Flask-RESTX/Flask-RESTful Resource method's decorators, its class's
// `method_decorators` and a Namespace's or Api's `decorators=` all go through here, so however
// decorators are judged, every route that carries one is judged alike.
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate } from '../types';
import { makeGuard } from '../guards';
import { line } from '../treeUtil';

/** The guard a decorator expression (`admins_only`, `login_required(role="x")`) stands for, if any. */
export function decoratorGuard(expr: Node, file: string): GuardCandidate | undefined {
  const g = makeGuard(expr.text, file, line(expr), `decorator @${expr.text.split('(')[0]}`);
  return g ? { text: expr.text, line: line(expr), via: 'decorator', guard: g } : undefined;
}

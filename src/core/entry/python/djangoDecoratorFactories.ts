// A decorator factory of the service's own that hands back one of Django's auth decorators rather
// than a wrapper of its own (Tandoor's `group_required`):
//   def group_required(*groups_required):
//       def in_groups(u):
//           return has_group_permission(u, groups_required)
//       return user_passes_test(in_groups, login_url='view_no_perm')
// `@group_required('user')` is then Django's `user_passes_test`: a caller who fails the test (an
// anonymous one included, as the test reads the user) is sent to the login page, so the view is guarded.
import type { Node } from 'web-tree-sitter';
import type { Guard } from '../types';
import { kids, line } from '../treeUtil';
import { oneLine } from '../guards';

export interface ReturnedAuthDecorator {
  /** The Django decorator handed back (`user_passes_test`, `login_required`, …). */
  name: string;
  line: number;
}

const DJANGO_AUTH_DECORATORS = /^(user_passes_test|login_required|permission_required|staff_member_required)$/;

/** The Django auth decorator a function's own body returns (`return user_passes_test(test, …)`), if any. */
export function returnedAuthDecorator(fn: Node): ReturnedAuthDecorator | undefined {
  for (const st of kids(fn.childForFieldName('body'))) {
    if (st.type !== 'return_statement') continue;
    const call = st.namedChildren[0];
    if (call?.type !== 'call') continue;
    const name = (call.childForFieldName('function')?.text ?? '').split('.').pop() ?? '';
    if (DJANGO_AUTH_DECORATORS.test(name)) return { name, line: line(st) };
  }
  return undefined;
}

/** The guard a decorator (`group_required('user')`) stands for when it names such a factory of ours. */
export function factoryGuard(
  text: string,
  file: string,
  at: number,
  via: string,
  funcs: ReadonlyArray<{ name: string; file: string; returnsAuthDecorator?: ReturnedAuthDecorator }>,
): Guard | undefined {
  const name = text.replace(/\(.*$/s, '').split('.').pop() ?? '';
  const own = funcs.find((k) => k.name === name && k.returnsAuthDecorator);
  const r = own?.returnsAuthDecorator;
  if (!own || !r) return undefined;
  const kind = r.name === 'login_required' ? 'authentication' : 'authorization';
  return {
    name: oneLine(text),
    kind,
    reason: `${via}; ${name} returns Django's ${r.name} (${own.file}:${r.line}): callers who fail it are sent to the login page`,
    file,
    line: at,
    evidence: { how: `returns Django's ${r.name}`, text: oneLine(text), file: own.file, line: r.line },
  };
}

// Checks a Django class view (or a mixin of the repository) makes in its own methods: `dispatch`
// (or `get`/`post`) that refuses before handing the request on, as a staff-only mixin does:
//   def dispatch(self, request, *args, **kwargs):
//       if not request.user.is_staff:
//           return self.handle_no_permission()
// An anonymous user is never staff, superuser or holder of a permission: such a test refuses them too.
import type { Node } from 'web-tree-sitter';
import { kids, line } from '../treeUtil';

export interface ClassRefusal {
  text: string;
  line: number;
  kind: 'authentication' | 'authorization';
  /** `if settings.LOGIN_REQUIRED and not request.user.is_authenticated`: it refuses only while this setting holds (decided when linked). */
  setting?: string;
}

/** `settings.LOGIN_REQUIRED and <test>`: the setting a test is gated on, and the test. */
const GATED = /^((?:settings\.)?[A-Z][A-Z0-9_]*)\s+and\s+(.+)$/;

const USER = String.raw`(?:self\.)?request\.user`;
/** `not request.user.is_authenticated`, `request.user.is_anonymous`: who is calling. */
const ANONYMOUS = new RegExp(String.raw`^not\s+${USER}\.is_authenticated(\(\))?$|^${USER}\.is_anonymous(\(\))?$`);
/**
 * `not request.user.is_staff`, `not request.user.has_perm("x")`: what the caller may do (anonymous
 * fails it); and Django's own protocol for access mixins, `not self.has_permission()` (PermissionRequiredMixin)
 * or `not self.test_func()` (UserPassesTestMixin), which a mixin of the repository follows when it
 * answers the failure with `handle_no_permission()` (REFUSAL below).
 */
const LACKS_RIGHT = new RegExp(String.raw`^not\s+(${USER}\.(is_staff|is_superuser|has_perms?\s*\([^()]*\))|self\.(has_permission|test_func)\(\))$`);
/** An answer that turns the caller away: Django's AccessMixin refusal, 403, or the login page. */
const REFUSAL = /\b(handle_no_permission|PermissionDenied|HttpResponseForbidden|redirect_to_login|NotAuthenticated)\b|\bstatus\s*=\s*(401|403)\b/;
const LEADING = 4;

/** The leading test of the identity that refuses, in a method's first statements, or undefined. */
export function classRefusal(fn: Node): ClassRefusal | undefined {
  const stmts = kids(fn.childForFieldName('body')).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
  for (const st of stmts.slice(0, LEADING)) {
    if (st.type !== 'if_statement') continue;
    const cond = (st.childForFieldName('condition')?.text ?? '').replace(/\s+/g, ' ').trim();
    const then = st.childForFieldName('consequence');
    const stops = !!then && then.descendantsOfType(['return_statement', 'raise_statement']).length > 0;
    if (!stops || !REFUSAL.test(then.text)) continue;
    const gated = GATED.exec(cond);
    const test = gated ? gated[2] : cond;
    const setting = gated ? { setting: gated[1] } : {};
    if (ANONYMOUS.test(test)) return { text: `if ${cond}`, line: line(st), kind: 'authentication', ...setting };
    if (LACKS_RIGHT.test(test)) return { text: `if ${cond}`, line: line(st), kind: 'authorization', ...setting };
  }
  return undefined;
}

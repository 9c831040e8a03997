// A Django or DRF view that lets everyone in by its guards (`permission_classes = (AllowAny,)`, no
// decorator) but calls, first thing, a helper of the service's own that looks at who is calling and
// refuses (`project = get_and_check_project(request, pk)` raising PermissionDenied when the user may
// not see it): the view is not known open. Which callers the helper refuses is not read, so the
// route is `unknown` with the helper and the line of its refusal (djangoLink.ts), never "none refuses".
import type { Node } from 'web-tree-sitter';
import { kids, line } from '../treeUtil';

/**
 * A refusal of the caller: DRF's or Django's permission errors raised, a 401/403 answer (`status=401`,
 * `HttpResponseForbidden`), a redirect to the login page, a helper named for it (`deny()`). One
 * expression for a helper's body and a decorator's wrapper alike.
 */
const REFUSES = /\b(PermissionDenied|NotAuthenticated|AuthenticationFailed|Http403|HttpResponseForbidden|HttpResponseUnauthorized|Unauthori[sz]ed|Forbidden|redirect_to_login|login_url)\b|\bstatus(_code)?\s*=\s*(?:status\.)?(?:HTTP_)?40[13]\b|[(,]\s*40[13]\s*[,)]|\bdeny\s*\(/;
/** The helper looks at who is calling. */
const CALLER = /\brequest\.user\b|\buser\.(has_perm|is_authenticated|is_staff|is_superuser)\b|\bhas_perm\w*\s*\(|\bis_authenticated\b/;

/** A decorator (a function with one inside) whose wrapper refuses some requests: the line where it says so. */
export function wrapperRefuses(fn: Node): number | undefined {
  const inner = fn.childForFieldName('body')?.descendantsOfType('function_definition').find(Boolean);
  const m = inner ? REFUSES.exec(inner.text) : null;
  return inner && m ? line(inner) + inner.text.slice(0, m.index).split('\n').length - 1 : undefined;
}

/** Plain calls of names in the body (`get_and_check_project(...)`, `utils.check_access(...)`: its last name), at most 24. */
export function calledNames(fn: Node): string[] {
  const out = new Set<string>();
  for (const c of fn.childForFieldName('body')?.descendantsOfType('call') ?? []) {
    const callee = c?.childForFieldName('function');
    const name = callee?.type === 'identifier' ? callee.text : callee?.type === 'attribute' && callee.childForFieldName('object')?.text !== 'self' ? callee.childForFieldName('attribute')?.text : undefined;
    if (name && !/^(super|len|str|int|list|dict|get_object_or_404|Response|JsonResponse|HttpResponse|render|redirect|reverse)$/.test(name)) out.add(name);
    if (out.size >= 24) break;
  }
  return [...out];
}

/**
 * Where a function refuses a caller it looked at: an `if` of its own body (not one nested under
 * another test, which refuses only some requests: `if "save" in request.POST: if not
 * request.user.is_authenticated: …`) whose test reads the caller and whose arm refuses.
 */
export function refusesCaller(fn: Node): number | undefined {
  for (const st of kids(fn.childForFieldName('body'))) {
    if (st.type !== 'if_statement') continue;
    const cond = st.childForFieldName('condition')?.text ?? '';
    const arm = st.childForFieldName('consequence');
    const m = arm ? REFUSES.exec(arm.text) : null;
    if (arm && m && CALLER.test(cond)) return line(arm) + arm.text.slice(0, m.index).split('\n').length - 1;
  }
  return undefined;
}

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
  const known = starletteRequires(expr, file) ?? flaskAllowsRequires(expr, file);
  if (known) return known;
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

const STARLETTE_REQUIRES = /from\s+starlette\.authentication\s+import\s+(\([^)]*\brequires\b[^)]*\)|[^\n]*\brequires\b)/;
const STARLETTE_AUTH_MODULE = /\bimport\s+starlette\.authentication\b|from\s+starlette\s+import\s+[^\n]*\bauthentication\b/;

/**
 * Starlette's own decorator, on a FastAPI or Starlette view: `@requires("authenticated")`,
 * `@requires(["authenticated", "admin"], redirect="login_page")` (starlette.authentication) answers
 * 403, or redirects, unless the request's auth scopes hold every one named. Its name and its scope
 * words alone say nothing a name reading trusts, so it is known by where it comes from.
 */
function starletteRequires(expr: Node, file: string): GuardCandidate | undefined {
  if (expr.type !== 'call') return undefined;
  const fn = expr.childForFieldName('function')?.text ?? '';
  if (!/^((starlette\.)?authentication\.)?requires$/.test(fn)) return undefined;
  let root = expr;
  while (root.parent) root = root.parent;
  if (!(fn === 'requires' ? STARLETTE_REQUIRES : STARLETTE_AUTH_MODULE).test(root.text)) return undefined;
  const args = kids(expr.childForFieldName('arguments'));
  const first = args.find((a) => a.type !== 'keyword_argument') ?? args.find((a) => a.childForFieldName('name')?.text === 'scopes')?.childForFieldName('value');
  const scopeNodes = first && /^(list|tuple|set)$/.test(first.type) ? kids(first) : first ? [first] : [];
  const scopes = scopeNodes.map((n) => stringValue(n));
  const redirect = args.some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'redirect');
  if (!scopes.length) return undefined;
  // Scopes other than "authenticated" (or not read) still turn the anonymous caller away: authorization.
  const g = {
    name: expr.text.replace(/\s+/g, ' ').slice(0, 120),
    kind: scopes.includes('authenticated') ? ('authentication' as const) : ('authorization' as const),
    reason: `decorator @requires (starlette.authentication): ${redirect ? 'redirects' : 'answers 403'} unless the request's auth scopes hold ${scopes.map((x) => x ?? '?').join(', ')}`,
    file,
    line: line(expr),
  };
  return { text: expr.text, line: line(expr), via: 'decorator', guard: g };
}

const FLASK_ALLOWS_IMPORT = /^\s*(from\s+flask_allows2?\b|import\s+flask_allows2?\b)/m;

/**
 * Flask-Allows: `@allows.requires(IsAdmin, on_fail=FlashAndRedirect(…))` (also in a MethodView's or
 * Resource's `decorators` list) runs the view only when every requirement holds for the identity,
 * else `on_fail` (a redirect) or a 403. The requirements are the service's own objects whose names
 * need not read as auth (`IsAtleastModerator`), so it is known by the library: the module imports
 * flask_allows(2), or the object is the extension's usual `allows`. Requirements written all as
 * `Not(…)` let the anonymous through (an "anonymous only" view): no guard claimed.
 */
function flaskAllowsRequires(expr: Node, file: string): GuardCandidate | undefined {
  if (expr.type !== 'call') return undefined;
  const fn = expr.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'requires') return undefined;
  const obj = fn.childForFieldName('object')?.text ?? '';
  let root = expr;
  while (root.parent) root = root.parent;
  if (!/(^|\.)allows$/i.test(obj) && !FLASK_ALLOWS_IMPORT.test(root.text)) return undefined;
  const reqs = kids(expr.childForFieldName('arguments')).filter((a) => a.type !== 'keyword_argument');
  if (!reqs.length || reqs.every((r) => /^Not\s*\(/.test(r.text))) return undefined;
  const onFail = kids(expr.childForFieldName('arguments')).some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'on_fail');
  const g = {
    name: `${obj}.requires(${reqs.map((r) => r.text).join(', ')})`.replace(/\s+/g, ' ').slice(0, 120),
    kind: 'authorization' as const,
    reason: `decorator @${obj}.requires (Flask-Allows): runs the view only when ${reqs.map((r) => r.text.replace(/\s+/g, ' ')).join(' and ')} hold for the identity, else ${onFail ? 'its on_fail answer' : 'a 403'}`,
    file,
    line: line(expr),
  };
  return { text: expr.text, line: line(expr), via: 'decorator', guard: g };
}

// Checks a Django function view makes itself, at the start of its body: a refusal when the user is
// anonymous (`if not request.user.is_authenticated: return redirect(...)`), or a refusal when a
// helper that reads the identity returns nothing (`profile = getProfile(request,
// allowDefault=False); if not profile: return ...` / `assert profile`). Guards with their line.
// A view that reads the identity and refuses nobody is `optional`.
import type { Node } from 'web-tree-sitter';
import type { Guard } from '../types';
import { kids, line } from '../treeUtil';
import { oneLine } from '../guards';
import { paramNames } from './pyScope';

export interface HandlerCheck {
  /**
   * `refuses`: the view refuses anonymous users; `refusesWithout`: it refuses when `callee` returns
   * nothing; `refusesCredential`: it answers 401/403 on a test of what the request carries (a header,
   * a key in the URL); `reads`: it passes the request to `callee`.
   */
  kind: 'refuses' | 'refusesWithout' | 'refusesCredential' | 'reads';
  callee?: string;
  text: string;
  line: number;
}

const ANONYMOUS = /^not\s+(request\.user\.is_authenticated(\(\))?|\w*[Aa]uthenticated\s*\(\s*request\.user\s*\))$|^request\.user\.is_anonymous(\(\))?$/;
/**
 * `not request.user.is_superuser`, `not request.user.has_perm("x")`: a right the caller lacks. Django's
 * AnonymousUser is never staff or superuser and holds no permission, so a view stopping on it refuses
 * anonymous callers too (as the class-view reading in djangoClassChecks.ts).
 */
const LACKS_RIGHT = /^not\s+request\.user\.(is_staff|is_superuser|has_perms?\s*\([^()]*\))$/;
/** The body reads who is calling. */
const READS_IDENTITY = /\b(request\.user|is_authenticated|is_anonymous|isAuthenticated)\b/;
const LEADING = 8;
/** What the caller sends: a test of it that ends in 401/403 is a credential check. */
const REQUEST_INPUT = /\brequest\.(headers|META|GET|POST|COOKIES|body|data|query_params)\b/;
/** An answer that refuses the caller (not 400/404: those say the request is wrong, not who sent it). */
const REFUSAL = /\b(HttpResponseForbidden|HttpResponseUnauthorized|PermissionDenied|NotAuthenticated|AuthenticationFailed)\b|\bstatus\s*=\s*(401|403)\b|[(,]\s*(401|403)\s*\)/;

/**
 * The block always ends the view: its last statement returns or raises, or is an if/else whose every
 * branch does. A return only under a further test (`if not authenticated: if landing == SHARED:
 * return redirect(…)`, then on to the same page as everyone) refuses nobody for sure.
 */
function stops(block: Node | null | undefined): boolean {
  if (!block) return false;
  if (block.type === 'return_statement' || block.type === 'raise_statement') return true;
  const last = kids(block).filter((k) => k.type !== 'comment').pop();
  if (!last) return false;
  if (last.type === 'return_statement' || last.type === 'raise_statement') return true;
  if (last.type !== 'if_statement') return false;
  const alts = last.childrenForFieldName('alternative');
  const hasElse = alts.some((a) => a?.type === 'else_clause');
  return hasElse && stops(last.childForFieldName('consequence')) && alts.every((a) => !!a && stops(a.childForFieldName(a.type === 'else_clause' ? 'body' : 'consequence')));
}

export function handlerChecks(fn: Node): HandlerCheck[] {
  const out: HandlerCheck[] = [];
  const body = fn.childForFieldName('body');
  const stmts = kids(body).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
  const fromCall = new Map<string, string>(); // variable → the identity helper it came from
  // Names holding what the caller sent: the URL's parameters and values read from the request (or from those).
  const sent = new Set(paramNames(fn).slice(1).filter((n) => /^\w+$/.test(n)));
  const mentionsSent = (text: string): boolean => REQUEST_INPUT.test(text) || [...sent].some((n) => new RegExp(`\\b${n}\\b`).test(text));
  for (const st of stmts.slice(0, LEADING)) {
    if (st.type === 'if_statement') {
      const cond = (st.childForFieldName('condition')?.text ?? '').replace(/\s+/g, ' ').trim();
      const then = st.childForFieldName('consequence');
      if ((ANONYMOUS.test(cond) || LACKS_RIGHT.test(cond)) && stops(then)) out.push({ kind: 'refuses', text: `if ${cond}`, line: line(st) });
      // `if key != settings.METRICS_KEY: return HttpResponseForbidden()`; not a test of the identity
      // (`request.user`: the checks above), which may as well refuse a logged-in caller.
      else if (!READS_IDENTITY.test(cond) && mentionsSent(cond) && stops(then) && REFUSAL.test(then?.text ?? '')) out.push({ kind: 'refusesCredential', text: `if ${cond}`, line: line(st) });
      const v = /^not (\w+)$|^(\w+) is None$/.exec(cond);
      const name = v?.[1] ?? v?.[2];
      if (name && fromCall.has(name) && stops(then)) out.push({ kind: 'refusesWithout', callee: fromCall.get(name), text: `if ${cond}`, line: line(st) });
      continue;
    }
    if (st.type === 'assert_statement') {
      const name = st.namedChildren[0]?.type === 'identifier' ? st.namedChildren[0].text : undefined;
      if (name && fromCall.has(name)) out.push({ kind: 'refusesWithout', callee: fromCall.get(name), text: oneLine(st.text), line: line(st) });
      continue;
    }
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const right = a?.type === 'assignment' ? a.childForFieldName('right') : undefined;
    const left = a?.childForFieldName('left');
    if (right?.type === 'call' && left?.type === 'identifier' && passesRequest(right)) fromCall.set(left.text, calleeName(right));
    if (right && left?.type === 'identifier' && mentionsSent(right.text)) sent.add(left.text);
  }
  for (const c of fn.descendantsOfType('call')) if (c && passesRequest(c)) out.push({ kind: 'reads', callee: calleeName(c), text: oneLine(c.text, 80), line: line(c) });
  return out;
}

/** Django's sign-in (`login(request, user)`, `auth_login(request, …)`, `auth.login(request, …)`): request.user is then the user just signed in. */
const SIGNS_IN = /(?<![\w.])(?:auth\.)?(?:auth_|django_)?login\s*\(\s*request\b/;

/** The line where the body first reads who is calling, or undefined; a read after the body signs someone in reads that user, not the caller. */
export function readsIdentity(fn: Node): number | undefined {
  const body = fn.childForFieldName('body');
  const m = body ? READS_IDENTITY.exec(body.text) : null;
  const signIn = body ? SIGNS_IN.exec(body.text) : null;
  if (m && signIn && signIn.index < m.index) return undefined;
  return body && m ? line(body) + body.text.slice(0, m.index).split('\n').length - 1 : undefined;
}

function passesRequest(call: Node): boolean {
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  return first?.text === 'request' || first?.text === 'request.user';
}

function calleeName(call: Node): string {
  return (call.childForFieldName('function')?.text ?? '').split('.').pop() ?? '';
}

/**
 * Guards of a view from its own checks. `identityOf(name)` says whether a repository function of
 * that name reads the identity (and where), so a refusal on its result counts.
 */
export function checkGuards(
  checks: HandlerCheck[] | undefined,
  readsAt: number | undefined,
  file: string,
  identityOf: (name: string) => { file: string; line: number } | undefined,
  /** For the optional reading only: a helper that reads the identity, possibly a call further down. */
  readerOf: (name: string) => { file: string; line: number } | undefined = identityOf,
): Guard[] {
  const out: Guard[] = [];
  for (const c of checks ?? []) {
    if (c.kind === 'refusesCredential') out.push({ name: c.text, kind: 'authentication', reason: `in the handler: refuses (401/403) when what the request carries does not check out (${file}:${c.line})`, file, line: c.line, evidence: { how: 'answers 401/403 on a test of what the request carries', text: c.text, file, line: c.line } });
    else if (c.kind === 'refuses') out.push({ name: c.text, kind: 'authentication', reason: `in the handler: refuses anonymous users (${file}:${c.line})`, file, line: c.line, evidence: { how: 'returns early for anonymous users', text: c.text, file, line: c.line } });
    else if (c.kind === 'refusesWithout' && c.callee) {
      const at = identityOf(c.callee);
      if (at) out.push({ name: `${c.callee}(request) checked`, kind: 'authentication', reason: `in the handler: refuses when ${c.callee} (reads the identity, ${at.file}:${at.line}) returns nothing`, file, line: c.line, evidence: { how: `stops when ${c.callee}() gives nothing`, text: c.text, file, line: c.line } });
    }
  }
  if (out.length) return out;
  // Identity read but nobody refused: anonymous requests are served too.
  const reader = (checks ?? []).find((c) => c.kind === 'reads' && c.callee && readerOf(c.callee));
  if (reader) return [{ name: `${reader.callee}(request)`, kind: 'authentication', optional: true, reason: `in the handler: uses the identity when present (${file}:${reader.line}); anonymous requests served`, file, line: reader.line }];
  if (readsAt) return [{ name: 'request.user', kind: 'authentication', optional: true, reason: `in the handler: reads the identity (${file}:${readsAt}); anonymous requests served`, file, line: readsAt }];
  return [];
}

// A Spring interceptor's preHandle or a servlet filter's doFilter may refuse only callers that
// presented a credential of some kind: tolgee's AuthenticationInterceptor throws when an API key's
// handler lacks @AllowApiAccess (`if (authenticationFacade.isApiAuthentication) { … throw … }`) or a
// user's token is not "super" enough; an anonymous caller goes through every time. Such a class is
// not a guard for anonymous callers, so it must not make a route guarded, nor `unknown` (the route
// is decided by the other rules). A refusal counts as gated when a condition around it holds only
// for a caller with credentials:
//   * the authentication is of a token type: `auth is ApiKeyAuthentication`, `instanceof JwtToken`
//     (never Spring's AnonymousAuthenticationToken);
//   * a credential is there: `authentication != null`, `token != null`;
//   * a flag that names a token kind of authentication: `isApiAuthentication`, `isPatAuth()`;
//   * a property of the authenticated user or token is tested: `authenticatedUser.needsSuperJwt`;
// or an early exit before it lets every anonymous caller go (`if (!isApiKeyAuth) return true;`).
// A negated test (`!isUserSuperAuthenticated`) holds for anonymous callers too and gates nothing.
// Helpers of the class that refuse count where they are called; a foreign check call
// (`tokenService.verify(req)`) counts as a refusal that cannot be read. Any other condition: not
// gated, and the caller keeps its reading (`refuses` or `unknown`).
import { closeOf, closingAt } from './javaBrackets';
import { splitTop } from './springRuleConstants';

const TOKEN_TYPE = /^[\w.?()]*\s*(?:\bis|\binstanceof)\s+[\w.]*(?:ApiKey|Token|Jwt|Bearer|Pat|Key|Credential)\w*$/;
const PRESENT = /^[\w.?()]*\b(?:authentication|auth|token|jwt|apiKey|credentials?|bearer|authenticatedUser|currentUser)\w*(?:\(\))?\s*!=\s*null$|^null\s*!=\s*[\w.?()]*\b(?:authentication|auth|token|jwt|apiKey|credentials?|bearer|authenticatedUser|currentUser)\w*(?:\(\))?$/i;
const FLAG = /^[\w.?()]*\bis\w*(?:Api|Token|Pat|Jwt|Key)\w*Auth(?:entication|enticated)?(?:\(\))?$/;
const PROPERTY = /^[\w.?()]*\b(?:authenticatedUser|currentUser|apiKey|token|jwt|pat)\s*\??\.\s*(\w+)(?:\(\))?$/;
/** Properties whose test may hold for a missing or empty credential. */
const NOT_A_CREDENTIAL_PROPERTY = /empty|blank|null|expired|valid|missing|anonymous|present|length|size/i;
const FOREIGN_CHECK = /\.\s*(?:check|verify|validate|assert|require|authori[sz]e|authenticate|ensure|deny|reject)\w*\s*\(/gi;
const EARLY_EXIT = /^\s*\{?\s*(?:return\s+(?:true\b|super\.preHandle\s*\()|(?:filterChain|chain)\s*\.\s*doFilter\s*\()/;

/** Whether the method body (from its name to its closing brace) refuses, and only callers with credentials. */
export function everyRefusalNeedsCredential(body: string, refusal: RegExp, classText = ''): boolean {
  const at = refusalsIn(body, refusal, classText);
  if (!at.length) return false;
  const gates = credentialGates(body);
  return at.every((p) => gates.some(([s, e]) => p >= s && p < e));
}

/** Ranges of the body that run only for callers with credentials. */
function credentialGates(body: string): [number, number][] {
  const out: [number, number][] = [];
  const open = body.indexOf('{');
  for (const m of body.matchAll(/\bif\s*\(/g)) {
    const condAt = m.index + m[0].length;
    const condEnd = closingAt(body, condAt);
    if (condEnd < 0) continue;
    const cond = body.slice(condAt, condEnd);
    const after = body.slice(condEnd + 1);
    const brace = /^\s*\{/.exec(after);
    const stmtEnd = brace ? closeOf(body, condEnd + brace[0].length) : statementEnd(body, condEnd + 1);
    if (needsCredential(cond)) out.push([condEnd + 1, stmtEnd]);
    // `if (!isApiKeyAuth) return true;` at the method's top level: what follows needs credentials.
    else if (anonymousGoes(cond) && EARLY_EXIT.test(after) && depth(body, open, m.index) === 1) out.push([stmtEnd, body.length]);
  }
  return out;
}

function needsCredential(cond: string): boolean {
  return splitTop(cond, '||').every((d) => splitTop(d, '&&').some(credentialAtom));
}

function anonymousGoes(cond: string): boolean {
  return splitTop(cond, '||').some((d) => {
    const a = unwrap(d);
    if (a.startsWith('!') && !a.startsWith('!=')) return credentialAtom(a.slice(1)) && !PRESENT.test(unwrap(a.slice(1)));
    return /==\s*null$|^null\s*==/.test(a) && PRESENT.test(a.replace(/==/, '!='));
  });
}

function credentialAtom(atom: string): boolean {
  const a = unwrap(atom);
  if (a.startsWith('!') || /Anonymous/.test(a)) return false;
  if (TOKEN_TYPE.test(a) || PRESENT.test(a) || FLAG.test(a)) return true;
  const p = PROPERTY.exec(a);
  return !!p && !NOT_A_CREDENTIAL_PROPERTY.test(p[1]!);
}

/** Where the body refuses: its own refusals, calls of the class's refusing helpers, foreign check calls. */
function refusalsIn(body: string, refusal: RegExp, classText: string): number[] {
  const out: number[] = [];
  const once = new RegExp(refusal.source, refusal.flags.replace('g', ''));
  const self = /^\w+/.exec(body)?.[0];
  for (const m of body.matchAll(new RegExp(refusal.source, refusal.flags.includes('g') ? refusal.flags : `${refusal.flags}g`))) out.push(m.index);
  for (const m of body.matchAll(FOREIGN_CHECK)) out.push(m.index);
  for (const m of body.matchAll(/(?<![.\w])(\w+)\s*\(/g)) {
    if (m[1] === self || /^(?:if|for|while|when|switch|catch|return|super|this|synchronized)$/.test(m[1]!)) continue;
    const def = new RegExp(`\\bfun\\s+${m[1]}\\s*\\(|\\b[\\w<>\\[\\]]+\\s+${m[1]}\\s*\\([^)]*\\)\\s*(?:throws[^{]*)?\\{`).exec(classText);
    if (!def) continue;
    const open = classText.indexOf('{', def.index);
    const eq = classText.indexOf('=', def.index);
    // Kotlin's `fun f(…) = expr` has no braces: read to the line's end.
    const end = eq >= 0 && (open < 0 || eq < open) && /^\s*fun/.test(classText.slice(def.index)) ? statementEnd(classText, eq) : closeOf(classText, open);
    if (once.test(classText.slice(def.index, end))) out.push(m.index);
  }
  return out;
}

/** The atom without spaces at its ends and without brackets around the whole of it. */
function unwrap(s: string): string {
  let a = s.trim().replace(/\s+/g, ' ');
  while (a.startsWith('(') && closingAt(a, 1) === a.length - 1) a = a.slice(1, -1).trim();
  return a;
}

function statementEnd(text: string, from: number): number {
  const m = /[;\n]/.exec(text.slice(from).replace(/^\s+/, (w) => ' '.repeat(w.length)));
  return m ? from + m.index + 1 : text.length;
}

/** Braces open at `at`, counting from the method's own. */
function depth(body: string, open: number, at: number): number {
  if (open < 0 || at < open) return 0;
  let d = 0;
  for (let i = open; i < at; i++) {
    if (body[i] === '{') d++;
    else if (body[i] === '}') d--;
  }
  return d;
}

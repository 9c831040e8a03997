// Deciding whether a piece of middleware, a decorator or a dependency is an auth guard.
// Names are what a reader sees too: the reason says what matched, so a wrong call is easy to spot.
import type { Guard, GuardKind } from './types';

const AUTHZ = /(admin|roles?\b|roles?[A-Z_(]|hasRole|hasAuthority|permission|perms?\b|authori[sz]|\bcan[A-Z_]|policy|policies|\bacl\b|scopes?\b|owner|rbac|abac|grant|forbid|PreAuthorize|Secured|RolesAllowed|IsAdmin|superuser|staff_member)/i;
const AUTHN = /(auth|jwt|token|login|logged|session|passport|bearer|api_?key|signed_?in|current_?user|get_current|require_?user|verify_?user|protect|credential|principal|oauth|IsAuthenticated|firebase|cognito|clerk|guard)/i;
const OTHER = /(csrf|rate_?limit|ratelimit|throttl|captcha|hmac|signature|ip_?(allow|white)|allowlist|whitelist)/i;
const OPTIONAL = /(optional|maybe|soft|anonymous|allow_?any|AllowAny|permitAll|PermitAll|ReadOnly)/i;
/** `allow_any_authenticated()`, `AllowAnyLoggedIn`: any *signed-in* caller, a required check (not DRF's AllowAny). */
const ANY_SIGNED_IN = /allow_?any_?(authenticated|logged_?in|signed_?in|user)/gi;
/** Middleware that sets up sessions or authentication state but lets every request through. */
const SETUP_ONLY = /^(passport\.(initialize|session)|session|expressSession|cookieSession|session\.middleware)$/;
const NOT_GUARD = /(validat|serializ|parse|body|json|cors|logger|morgan|helmet|compression|static|multer|upload|cookie_?parser|urlencoded|handle_?error|error_?handler|cache)/i;

export interface GuardClass {
  kind: GuardKind;
  matched: string;
  optional?: boolean;
}

/** `passport.initialize()`, `session(opts)`: auth plumbing that rejects nobody. */
export function isSetupOnly(text: string): boolean {
  return SETUP_ONLY.test(text.replace(/\(([\s\S]*)\)\s*$/, '').trim());
}

/** Classifies the text of a middleware/decorator/dependency, or undefined when it is no guard. */
export function classifyGuardText(text: string): GuardClass | undefined {
  const t = text.length > 200 ? text.slice(0, 200) : text;
  // Only the callee part names the guard: `jwt({ secret })` → `jwt`, `auth.required` stays.
  const head = t.replace(/\(([\s\S]*)\)\s*$/, '').trim() || t;
  if (NOT_GUARD.test(head) && !AUTHN.test(head.replace(NOT_GUARD, ''))) return undefined;
  // `@login_not_required` (Django 5.1), `login_exempt`: a mark that a view needs no login, not a check.
  if (/login_not_required|login_exempt|no_login_required/i.test(head)) return undefined;
  if (isSetupOnly(t)) return undefined;
  const optional = OPTIONAL.test(t.replace(ANY_SIGNED_IN, '')) || isFalseFlagCall(t) ? true : undefined;
  const limiter = /(limit|throttl|captcha)/i.exec(head);
  if (limiter) return { kind: 'other', matched: limiter[0] };
  // `csrf_protect`, `csrfProtection`: a forged-request check, not an identity one ('protect' is no login).
  const csrf = /csrf|xsrf/i.exec(head);
  if (csrf) return { kind: 'other', matched: csrf[0] };
  let m = AUTHZ.exec(head) ?? AUTHZ.exec(t);
  if (m) return { kind: 'authorization', matched: m[0], optional };
  m = AUTHN.exec(head);
  if (m) return { kind: 'authentication', matched: m[0], optional };
  m = OTHER.exec(head);
  if (m) return { kind: 'other', matched: m[0] };
  return undefined;
}

/** `AuthMiddleware(false)`, `jwt({ credentialsRequired: false })`: the guard does not reject anonymous calls. */
function isFalseFlagCall(t: string): boolean {
  return /\(\s*(false|False)\s*\)\s*$/.test(t) || /(credentialsRequired|required|auto_error)\s*[:=]\s*(false|False)/.test(t);
}

export function makeGuard(text: string, file: string, line: number, via: string, cls?: GuardClass): Guard | undefined {
  const c = cls ?? classifyGuardText(text);
  if (!c) return undefined;
  const g: Guard = { name: oneLine(text), kind: c.kind, reason: `${via}; name matches '${c.matched}'`, file, line };
  if (c.optional) g.optional = true;
  return g;
}

export function oneLine(text: string, max = 120): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** A route is public when nothing required guards it. */
export function isPublic(guards: Guard[]): boolean {
  return !guards.some((g) => (g.kind === 'authentication' || g.kind === 'authorization') && !g.optional);
}

// Evidence that a function refuses a request: it answers 401/403, throws an authentication or
// permission error, or redirects to a login page. Shared by every language's extractor: the
// texts differ little (`res.status(401)`, `ctx.throw(403)`, `abort(401)`, `http.Error(w, …,
// http.StatusUnauthorized)`, `c.AbortWithStatus(403)`, `raise PermissionDenied`). This is what
// makes a middleware a guard: its code, not its name.
import type { Refusal } from './types';

const MADE_WITH_STATUS = /^(new\s+)?[\w$.]+\s*\(\s*(401|403)\s*[,)]/;
/**
 * Words of a refusal in a call whose form was not read (`respond(res, { code: 'UNAUTHENTICATED' })`, a
 * status chosen by a ternary `e.code === X ? 401 : 500`, a helper named `denyAccess`): kept on the
 * function (FnFact.refusalWords) so a middleware that reads credentials and answers through it is
 * not taken for one that refuses nobody. A promise's `reject(…)` is no such word.
 */
export const REFUSAL_WORDS = /\b40[13]\b|unauth|not_?authori[sz]|forbidden|denied|\bdeny|permission/i;
/** A predicate's call (`isDirectusError(err, ErrorCode.Forbidden)`) asks about an error: no words of a refusal. */
export const asksOnly = (callee: string): boolean => PREDICATE.test(lastName(callee));
const STATUS_NAME = /\b(Status)?(Unauthori[sz]ed|Forbidden|UNAUTHORI[SZ]ED|FORBIDDEN|HTTP_401\w*|HTTP_403\w*)\b/;
const ERROR_CLASS = /\b(\w*Unauthori[sz]ed\w*|\w*Forbidden\w*|\w*Unauthenticated\w*|NotAuthenticated\w*|Authentication_?(Error|Failed|Exception|Required)\w*|\w*AuthError|\w*AuthenticationError|NoPermission\w*|\w*Permission_?Denied\w*|PermissionError|InsufficientPermission\w*|AccessDenied\w*|Access_?Denied\w*|InvalidToken\w*|InvalidCredentials\w*|TokenExpired\w*|SessionNotFound\w*|LoginRequired\w*|NotAuthorized\w*|NotAllowed\w*|NotLoggedIn\w*|NotSignedIn\w*)\b/i;
/**
 * A word every match of ERROR_CLASS contains. ERROR_CLASS's `\w*` around each name backtracks
 * at every word of the text; this one scans once, and most call arguments have none of these words.
 */
const ERROR_WORD = /unauthori|forbidden|authenticat|autherror|permission|access|invalidtoken|invalidcredentials|tokenexpired|sessionnotfound|loginrequired|notauthorized|notallowed|notloggedin|notsignedin/i;
/** ERROR_CLASS.test, cheaper. */
function namesErrorClass(text: string): boolean {
  return ERROR_WORD.test(text) && ERROR_CLASS.test(text);
}
/**
 * An error class named by the status it answers (`new Error401('No authorization header')`, `Error403`,
 * `errors.Http401Error()`): the name, not its message, holds 401/403 with no digit beside it.
 */
const STATUS_IN_NAME = /^(?:new\s+)?(?:[\w$]+\.)*[A-Za-z_$][\w$]*?(?<!\d)(?:401|403)(?!\d)[\w$]*\s*(?:\(|$)/;
const BOOM = /\b(Boom|boom|createError|httpErrors|HttpErrors|createHttpError)\s*\.\s*(unauthorized|forbidden|Unauthorized|Forbidden)\b/;
// @fastify/sensible's reply decorators: `reply.unauthorized('not logged in')`, `res.forbidden()`.
const REPLY_ERROR = /\b(reply|rep|res|response)\s*\.\s*(unauthorized|forbidden)$/;
// A redirect away to a login page, or back with an authentication failure (`?notice=invalid-auth`).
const LOGIN_TARGET = /login|log-in|signin|sign-in|sign_in|\bauth\b|authenticate|logon|unauthori[sz]ed|access.?denied|forbidden/i;
const REDIRECT = /\b(redirect|Redirect|redirect_to_login|redirectToLogin|HttpResponseRedirect)\b/;
/**
 * AdonisJS's request-scoped auth and bouncer, which throw (401/redirect to login, 403) rather than
 * answer: `ctx.auth.authenticate()`, `auth.use('api').authenticate()`, `auth.authenticateUsing(guards)`,
 * `auth.getUserOrFail()`, `bouncer.authorize('edit', post)`, `bouncer.with(PostPolicy).authorize('edit')`.
 * The receiver must read as the context's `auth`/`bouncer`: passport's `authenticate(…)` makes a
 * middleware and refuses nothing itself, and an `auth.authenticate(name, password, cb)` given
 * arguments is a sign-in's credential check.
 */
const CONTEXT_AUTH = /(^|\.)auth(\.use\([^()]*\))?\.(authenticate|authenticateUsing|getUserOrFail)$/;
const CONTEXT_BOUNCER = /(^|\.)bouncer(\.with\([^()]*\))?\.authorize$/;
/** `isDirectusError`, `isHttpError`, `is_forbidden`, `hasErrorCode`: a test, named as one. */
const PREDICATE = /^(is|has)([A-Z_]|$)/;

/** What follows the last `.` or `:` of a callee (`res.status` → `status`, `Http::abort` → `abort`). */
function lastName(callee: string): string {
  return callee.slice(Math.max(callee.lastIndexOf('.'), callee.lastIndexOf(':')) + 1);
}

function shorten(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 100 ? s.slice(0, 99) + '…' : s;
}

/** A call: `res.status(401)`, `abort(403)`, `http.Error(w, "", http.StatusUnauthorized)`, `res.redirect('/login')`. */
export function callRefusal(callee: string, args: readonly string[], line: number): Refusal | undefined {
  // Written out only for a refusal: this runs for every call in every function.
  const text = (): string => `${callee}(${args.join(', ')})`;
  const last = lastName(callee);
  // A predicate asks about an error, it raises none: `isDirectusError(err, ErrorCode.InvalidToken)`
  // in a catch, `isHttpError(e, 403)`, tests what was thrown before deciding what to do with it.
  if (PREDICATE.test(last)) return undefined;
  const bare = callee.replace(/\s+/g, '');
  // Adonis's `authenticate()` and `getUserOrFail()` take nothing (a login's `auth.authenticate(name, password, cb)` checks a credential).
  if (CONTEXT_AUTH.test(bare) && (args.length === 0 || /authenticateUsing$/.test(bare))) return { how: '401', text: shorten(text()), line };
  if (CONTEXT_BOUNCER.test(bare)) return { how: '403', text: shorten(text()), line };
  if (BOOM.test(callee) || REPLY_ERROR.test(callee)) return { how: /forbid/i.test(callee) ? '403' : '401', text: shorten(text()), line };
  for (const a of args) {
    const t = a.trim();
    if (t === '401' || t === '403') return { how: t, text: shorten(text()), line };
    if (STATUS_NAME.test(t) && t.length < 60) return { how: /forbid|403/i.test(t) ? '403' : '401', text: shorten(text()), line };
  }
  // AdonisJS's redirect chain: `response.redirect().toRoute('auth.signin')`, `.toPath('/login')`.
  if (/redirect\(\)\.(toRoute|toPath)$/.test(callee.replace(/\s+/g, '')) && args[0] !== undefined && LOGIN_TARGET.test(args[0])) return { how: 'redirect-login', text: shorten(text()), line };
  if (REDIRECT.test(last) && args.some((a) => LOGIN_TARGET.test(a))) return { how: 'redirect-login', text: shorten(text()), line };
  if (/^(redirect_to_login|redirectToLogin|login_redirect)$/.test(last)) return { how: 'redirect-login', text: shorten(text()), line };
  // `next(new HttpError(401))`, `next(httpError(403, 'no'))`: an error made with the refusing status.
  if (args.some((a) => MADE_WITH_STATUS.test(a.trim()))) return { how: 'error', text: shorten(text()), line };
  // `next(new UnauthorizedError())`, `done(new ForbiddenError)`, `abort(Unauthorized())`, `next(errors.getUnauthorized())`.
  if (args.some((a) => namesErrorClass(a) && /^(new\s|[\w$]+(\.[\w$]+)*\(|\w+(\.\w+)*$)/.test(a.trim()))) return { how: 'error', text: shorten(text()), line };
  if (args.some((a) => STATUS_IN_NAME.test(a.trim()))) return { how: 'error', text: shorten(text()), line };
  return undefined;
}

/** `throw new UnauthorizedError()`, `raise PermissionDenied`, `throw errors.NoPermissionError(...)`. */
export function throwRefusal(thrown: string, line: number): Refusal | undefined {
  if (namesErrorClass(thrown) || BOOM.test(thrown) || /\b(401|403)\b/.test(thrown) || STATUS_NAME.test(thrown) || STATUS_IN_NAME.test(thrown.trim())) return { how: 'throw', text: shorten(`throw ${thrown}`), line };
  return undefined;
}

/**
 * `ctx.status = 401`, `res.statusCode = 403`, `response.status_code = 401`: the status of a response
 * object. A plain variable (`statusCode = 403` in a formatter's `switch (message)`, an error
 * handler's mapping) is a number the function may send later, for whatever error it was handed:
 * no refusal by itself.
 */
export function assignRefusal(target: string, value: string, line: number): Refusal | undefined {
  if (/\.\s*status(Code|_code)?$/i.test(target) && (/^(401|403)$/.test(value.trim()) || STATUS_NAME.test(value))) return { how: /403|forbid/i.test(value) ? '403' : '401', text: shorten(`${target} = ${value}`), line };
  return undefined;
}

const BAD_REQUEST = /^(400|(\w+\.)*(StatusBadRequest|BAD_REQUEST|HTTP_400_BAD_REQUEST))$/;
const BAD_REQUEST_ERROR = /\b\w*BadRequest\w*\b/;
/**
 * A condition about who is calling or the credentials they bring: the caller's password checked
 * (`!checkPassword(req.body.password)`), their session or user missing (`!session.user_id`).
 */
export const CALLER_CONDITION = /signature verified by|(check|verify|compare|validate|match)\w*(passw|credential)|(compare|verify)\w*\([^)]*passw|(verify|check|validate)\w*(token|auth(?!orit)|code|session|user)|\bsession\b[\w$?.]*\.user|remote_user|req(uest)?\.user\b|currentUser|isAuthenticated|timingSafe\w*Equal|constantTime\w*(Compare|Equal)/i;
/** Of those, the ones about the caller's session or user being there at all (`!session.user_id`, `!req.user`). */
export const SESSION_USER_CONDITION = /\bsession\b[\w$?.]*\.user|remote_user|req(uest)?\.user\b|currentUser|isAuthenticated/i;

/**
 * A 400 answer (`res.status(400)`, `throw new BadRequestError(…)`): a refusal only when it sits
 * under a condition about the caller (see CALLER_CONDITION), which the extractor checks — a 400
 * for a malformed body says nothing of who may call.
 */
export function badRequestRefusal(callee: string, args: readonly string[], line: number): Refusal | undefined {
  const last = lastName(callee);
  if (!/^(status|sendStatus|throw|abort|error|Error|send_error)$/.test(last)) return undefined;
  if (!args.some((a) => BAD_REQUEST.test(a.trim()))) return undefined;
  return { how: '400', text: shorten(`${callee}(${args.join(', ')})`), line };
}

/** `throw new BadRequestError(…)`: see badRequestRefusal. */
export function badRequestThrow(thrown: string, line: number): Refusal | undefined {
  return BAD_REQUEST_ERROR.test(thrown.split('(')[0] ?? '') ? { how: '400', text: shorten(`throw ${thrown}`), line } : undefined;
}

/**
 * `if (!workspaceId) throw new AppError(StatusCodes.NOT_FOUND, …)` with `workspaceId` bound to
 * `req.user?.activeWorkspaceId`: an error made and thrown when the caller's session or user is
 * missing ends the request for every anonymous caller, whatever status it carries (a 404 that hides
 * the resource is a refusal all the same), as `next(new X())` under the same test is. Only where
 * every test of the caller in the chain is of its absence (`!x [req.user…]`, `else of (req.user)`):
 * a throw for a signed-in caller's missing field (`req.user && !req.user.email`) refuses no anonymous one.
 */
export function callerMissingThrow(thrown: string, cond: string, line: number): Refusal | undefined {
  if (!/^new\s/.test(thrown.trim()) || !cond) return undefined;
  const parts = cond.split(' && ').map((p) => p.trim()).filter((p) => SESSION_USER_CONDITION.test(p));
  const missing = (p: string): boolean => {
    const elseOf = p.startsWith('else of ');
    const negated = /^\(?\s*!/.test(elseOf ? p.slice(8).trim() : p);
    return negated !== elseOf;
  };
  if (!parts.length || !parts.every(missing)) return undefined;
  return { how: 'throw', text: shorten(`throw ${thrown}`), line };
}

/** The caller's identity as a request carries it (`req.user`, `req.remote_user`, `ctx.state.user`), passed to a check. */
export const CALLER_IDENTITY = /\b(req|request|ctx)\s*\.\s*(state\s*\.\s*)?(user|remote_?user|account|principal|identity|currentUser|session)\b|\bremote_?user\b|\bcurrent_?user\b/i;

/** Code that reads who is calling: used to tell an identity decoder from unrelated middleware. */
export const IDENTITY = /\b(req|request|ctx|c|r)\s*\.\s*(user|member|account|session|auth|isAuthenticated|is_authenticated|currentUser|principal)\b|\b(authorization|Authorization|Bearer|bearer|jwt|JWT|verifyToken|verify_token|decode_token|decodeToken|getSession|get_session|current_user|currentUser|getUser|get_user|api_?key|apiKey|token)\b/;

/** Words that name a credential only when taken off the request: a `token` the code mints, an `apiKey` from settings, are not the caller's. */
const WEAK_IDENTITY = /^(getUser|get_user|api_?key|apiKey|token)$/;
/** The request (Express `req`, Koa `ctx`, Hono `c.req`) on the same line. */
const REQUEST_ON_LINE = /\b(req|request|ctx)\b|\bc\.req\b/;

/**
 * What in a function's body reads the caller's identity, if anything: `req.user`, an
 * Authorization header, a JWT… A bare credential word (`token`, `apiKey`) counts only on a line
 * that also reads the request — a middleware that mints a token, or compares a path against a
 * key from its settings, reads no caller.
 */
export function identityRead(body: string): string | undefined {
  // One scan of the whole body, line by line in effect: IDENTITY_IN_LINE cannot match across a
  // line break, so its matches are the ones IDENTITY finds in each line, in the same order.
  IDENTITY_IN_LINE.lastIndex = 0;
  for (let m = IDENTITY_IN_LINE.exec(body); m; m = IDENTITY_IN_LINE.exec(body)) {
    if (!WEAK_IDENTITY.test(m[0])) return m[0];
    const end = body.indexOf('\n', m.index);
    if (REQUEST_ON_LINE.test(body.slice(body.lastIndexOf('\n', m.index) + 1, end === -1 ? body.length : end))) return m[0];
  }
  return undefined;
}

/**
 * A word every match of IDENTITY contains: a body without one reads no identity. Comments and
 * prose taken out of a text (withoutProse) leave spaces or quotes where they were, so a word of
 * what is left is a word of the text.
 */
export const IDENTITY_WORD = /user|User|member|account|session|Session|auth|Auth|principal|[Bb]earer|jwt|JWT|[Tt]oken|api_?key|apiKey/;

/** IDENTITY whose spaces do not include a line break (a line of the source is where it reads). */
const IDENTITY_IN_LINE = new RegExp(IDENTITY.source.replaceAll('\\s', '[^\\S\\n]'), 'g');

/** A credential the request brings as a value (`req.query.api_token`, `req.body.secret`, `req.headers['x-api-key']`). */
export const REQUEST_SECRET_CONDITION = /\b(req|request|ctx)\s*\.\s*(query|body|headers|params)\b[\w$.'"[\]-]{0,40}?(token|secret|api[_-]?key|apikey|signature)/i;
/** The 'how' of an error answered under a test of a credential the request brings (errorAnswerRefusal). */
export const ERROR_ANSWER = 'error-answer';

/**
 * `return res.json({ error: 'invalid api_token value' })` when the token in the query does not match the stored
 * one: a body naming an error, answered instead of the work. A refusal only under a test of a credential the
 * request brings (REQUEST_SECRET_CONDITION), which the extractor checks — an `{ error }` for a bad field refuses nobody.
 */
export function errorAnswerRefusal(callee: string, args: readonly string[], line: number): Refusal | undefined {
  if (!/(^|\.)(json|send)$/.test(callee) || !/^\{\s*['"]?error['"]?\s*:/.test(args[0]?.trim() ?? '')) return undefined;
  // `reply.code(400).send({ error: 'Not a valid secret id' })`: a status of its own that is no 401/403 says what the error is.
  if (/\.(code|status)\(\s*(?!40[13]\b)\d{3}\s*\)/.test(callee)) return undefined;
  return { how: ERROR_ANSWER, text: shorten(`${callee}(${args.join(', ')})`), line };
}

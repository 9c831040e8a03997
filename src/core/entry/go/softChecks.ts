// Checks that end the request some other way than 401/403 (`if _, err := jws.Verify(jwk); err != nil
// { render.Error(w, …); return }`): we cannot tell whether they refuse callers, so they make a
// route `unknown`. Two shapes are not credential checks at all and are left out:
// - the credential word names what a call *returns* (`cert, err := store.Root(sum)` looks a
//   certificate up; it checks nothing): only the call itself and the condition are read;
// - a credential *passed on* to a call not named as a check (`store.Hosts(ctx, cert)`) whose failure
//   the handler answers with a server error (5xx, in the branch or through a helper that writes
//   only that status): the handler reports a failure of its own, not a refused caller. Whether the
//   helper writes a 5xx is known at link time only, so those branches are kept with their helper.
import type { GoNode as Node } from './goNode';
import type { Callee, NameTest } from './types';
import { all, callArgs, kids, line } from '../treeUtil';
import { nameConditions } from './routeNames';
import { table } from '../../ownKeys';
import { offeredOnly, presenceTest } from './credentialWords';
import { testsAddressedRecord } from './addressedRecords';

/** A cross-site request forgery token compared with the session's: a mismatch refuses a forged form, not a caller. */
export const CSRF = /csrf|xsrf/i;

const SOFT = /verif|signature|\bsig\b|\bjw[skt]\b|cert|token|auth(?!orit)|api_?key|session|credential|password|claims|login|challenge/i;
const SOFT_ALL = new RegExp(SOFT.source, 'gi');
/** Words about a signature only: such a check identifies nobody when the key is the request's own (signatureKeys.ts). */
const SIGNATURE = /^(verif|signature|sig|jw[skt])$/i;
// Also a helper of the handler that hands back a failure answer of its own protocol
// (`return h.createFailureResponse(…)`) instead of doing the work.
// `http.NotFound(w, r)` too: a route hidden from callers who fail a check (miniflux's metrics).
// gin's renderers with a client-error status (`c.String(http.StatusBadRequest, msg); return`) end it too.
const ENDS = /Error\(|Abort|WriteHeader|\bhttp\.NotFound\(|\bfail\(|\breturn\b[^\n;]*(?:Fail|Reject|Deny|Denied|Refuse)\w*\(|\.(?:String|JSON|IndentedJSON|XML|HTML|Data)\(\s*(?:http\.Status(?:BadRequest|NotFound|PreconditionFailed|UnprocessableEntity|Conflict|TooManyRequests)\b|4\d\d\b)/;
/**
 * A predicate of the caller's permission handed the request itself (`!isAllowedToAccessMetricsEndpoint(r)`,
 * `canAccess(req)`): what it checks is not read here, so a request it ends is a doubt, not a guard.
 */
const PERMITS_REQUEST = /\b\w*(?:[Aa]llow|[Pp]ermi[st]|[Aa]uthori[sz]|[Aa]ccess)\w*\(\s*(?:r|req|request)\s*[,)]/;
/** A method that looks a record up (`h.auth.LoadProvisionerByName(name)`): a credential word on its receiver names the object, not what is checked. */
export const LOOKUP = /^(Get|Find|Load|Lookup|Fetch|Read|Query|Select)[A-Z]?/;
/**
 * A method that makes one (`a.captcha.GenerateChallenge()`, `NewToken(user)`, `newWebAuthn()`): the credential word names what it makes, nothing is checked.
 * So does one that begins a sign-in flow (`web.BeginDiscoverableLogin()`, `StartLogin(…)`): it makes the challenge the caller will answer.
 */
const MAKE = /^([Gg]enerate|[Cc]reate|[Ii]ssue|[Mm]ake|[Bb]uild|[Nn]ew|[Bb]egin|[Ss]tart)[A-Z]/;
/** A function that builds a link (`GetAuthURL`, `loginURL`, `AuthCodeURL`). */
const LINK = /(?:URL|Url|URI|Uri)$/;
/** A logger's `Error(` (`log.Error(r, "…")`) writes a log line, not an answer. */
const LOGGED = /\b(?:log|logger|slog|logrus|klog|glog|zap)\.Error[fw]?\(/g;
const SERVER_ERROR = /StatusInternalServerError|StatusServiceUnavailable|StatusBadGateway|InternalServerErr|ErrorISE\b|WrapErrorISE|\b50[0-3]\b/;

/** A credential passed on to a call whose failure ends the request through `helper` (a 5xx helper dismisses it). */
export interface SoftPass {
  line: number;
  helper?: Callee;
}

/** A soft check that only routes of some names reach (gorilla `GetName()` tests around it, routeNames.ts). */
export interface SoftNamed {
  line: number;
  names: NameTest[];
}

export function softChecks(body: Node, callee: (n: Node) => Callee | undefined): { lines: number[]; passedOn: SoftPass[]; sig: number[]; named: SoftNamed[] } {
  const lines: number[] = [];
  const named: SoftNamed[] = [];
  const sig: number[] = [];
  const passedOn: SoftPass[] = [];
  for (const st of all(body, 'if_statement')) {
    const thenNode = st.childForFieldName('consequence');
    const then = thenNode?.text ?? '';
    // `if verify(r.Header.Get("Authorization")) { next.ServeHTTP(w, r); return }` then an answer of its
    // own: the request goes on only past the check, and what it gets otherwise was not read as a refusal.
    if (gatedPass(st, then)) {
      lines.push(line(st));
      continue;
    }
    if (!/\breturn\b/.test(then) || !ENDS.test((thenNode ? outsideNestedIfs(thenNode) : then).replace(LOGGED, 'logged('))) continue;
    const init = st.childForFieldName('initializer');
    const cond = st.childForFieldName('condition')?.text ?? '';
    // A CSRF mismatch refuses a forged form; a check only a caller offering a credential reaches lets anonymous ones through;
    // a settings switch (`!app.Conf().Auth.Enabled`) says whether a feature is on for everyone, not who calls.
    // A test of the record the path names (`!collection.IsAuth()` after a lookup by the path's `collection`) refuses every caller alike.
    // So does one whose own test needs the credential there (`clientAuth != nil && !isSameAuth(…)`), as refusalTests.ts reads a 401 under it.
    if (CSRF.test(cond) || offeredOnly(st) || presenceOwn(st) || featureSwitch(st.childForFieldName('condition')) || testsAddressedRecord(st, SOFT, LOOKUP)) continue;
    // `if SetWebAuthnSession(data, r, w) != nil { 500 }`: storing something failed — the server's own failure, not a refused caller.
    if (SERVER_ERROR.test(then) && writeTested(st)) continue;
    // `len(p.Password) < 6` validates a form's input; `err == nil` ends the request when the call succeeded (a record already there), not when a check failed.
    if (LENGTH_TEST.test(cond) || SUCCEEDED.test(cond)) continue;
    // The statement before feeds the test only when it binds the `err` tested (not when the `if` binds its own).
    const prev = !init && /\berr\b/.test(cond) && bindsErr(st.previousNamedSibling) ? st.previousNamedSibling : null;
    const reads = [read(init, false), read(prev, true)];
    if (SOFT.test(cond) || PERMITS_REQUEST.test(cond) || reads.includes('check')) {
      lines.push(line(st));
      const names = thenNode ? nameConditions(thenNode, callee) : [];
      if (names.length) named.push({ line: line(st), names });
      const words = [...`${cond} ${init?.text ?? ''} ${reads.includes('check') && prev ? prev.text.split('\n')[0] : ''}`.matchAll(SOFT_ALL)].map((m) => m[0]);
      if (words.length && words.every((w) => SIGNATURE.test(w))) sig.push(line(st));
    }
    else if (reads.includes('passed') && !SERVER_ERROR.test(then)) {
      const first = thenNode ? all(thenNode, 'call_expression')[0] : undefined;
      const helper = first ? callee(first.childForFieldName('function')!) : undefined;
      if (helper) passedOn.push({ line: line(st), helper });
      else lines.push(line(st));
    }
  }
  return { lines, passedOn, sig, named };
}

/** The `if`'s own test holds only when a credential is there (credentialWords.ts presenceTest). */
function presenceOwn(st: Node): boolean {
  const cond = st.childForFieldName('condition');
  return !!cond && presenceTest(cond);
}

/** Passing the request on to what the middleware wraps. */
const PASSES_ON = /\b(next|h|handler|inner|wrapped)\.ServeHTTP\(|\bnext\(\s*w\s*,|\bc\.Next\(\)|\breturn\s+next\(\s*c\s*\)/;

/** An `if` on a credential check (not a negated one) whose arm passes the request on and returns, with nothing after it passing it on. */
function gatedPass(st: Node, then: string): boolean {
  const cond = st.childForFieldName('condition')?.text ?? '';
  if (!PASSES_ON.test(then) || !/\breturn\b/.test(then) || !SOFT.test(cond) || /^\s*!/.test(cond) || CSRF.test(cond) || offeredOnly(st)) return false;
  if (st.childrenForFieldName('alternative').some(Boolean)) return false;
  let after = false;
  for (let s = st.nextNamedSibling; s; s = s.nextNamedSibling) {
    if (PASSES_ON.test(s.text)) return false;
    after = true;
  }
  return after;
}

const LENGTH_TEST = /^\s*len\((?:[^()]|\([^()]*\))*\)\s*[<>]=?\s*\d+\s*$/;
const SUCCEEDED = /^\s*err\s*==\s*nil\s*$/;
/** A field written `Enabled`/`Disabled` (`Enable`, `Disable`, `DisableWebAuthn`, `EnableSignup`) of a settings value: a feature switch. */
const SWITCH = /\.(?:Enabled?|Disabled?|(?:Disable|Enable)[A-Z]\w*)$/;

/**
 * A condition made only of feature switches read from the service's settings, negated or not,
 * joined by `||` or `&&` (`!app.Conf().Auth.Enabled || !app.Conf().Auth.SSO.Enabled`): it reads
 * nothing the caller sends, so it checks no credential, whatever the setting is called.
 */
function featureSwitch(n: Node | null): boolean {
  if (!n) return false;
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return featureSwitch(n.namedChildren[0]);
  if (n.type === 'unary_expression' && n.text.startsWith('!') && n.namedChildren[0]) return featureSwitch(n.namedChildren[0]);
  if (n.type === 'binary_expression' && /^(\|\||&&)$/.test(n.childForFieldName('operator')?.text ?? '')) return featureSwitch(n.childForFieldName('left')) && featureSwitch(n.childForFieldName('right'));
  return (n.type === 'selector_expression' && SWITCH.test(n.text) && !all(n, 'call_expression').some((c) => callArgs(c).length > 0)) || settingCompared(n);
}

/** A settings value by its way in: a field read through the service's configuration (`l.svcCtx.Config.ProjectConf.LoginVerify`). */
const SETTINGS_HOP = /^(?:\w*Conf(?:ig)?|conf(?:ig)?|cfg|Cfg|[Ss]ettings?|[Oo]ptions|[Oo]pts)$/;

/**
 * `l.svcCtx.Config.ProjectConf.LoginVerify != "email"`: a setting compared with a constant picks the
 * sign-in kinds a deployment offers, for every caller alike (the configuration's, not the caller's).
 */
function settingCompared(n: Node): boolean {
  if (n.type !== 'binary_expression' || !/^[!=]=$/.test(n.childForFieldName('operator')?.text ?? '')) return false;
  const sides = [n.childForFieldName('left'), n.childForFieldName('right')];
  const constant = sides.find((x) => x && /^(interpreted_string_literal|raw_string_literal|int_literal|true|false)$/.test(x.type));
  const other = sides.find((x) => x && x !== constant);
  if (!constant || other?.type !== 'selector_expression' || all(other, 'call_expression').length) return false;
  const hops = other.text.split('.').slice(1, -1);
  return hops.some((h) => SETTINGS_HOP.test(h));
}

/** A call that stores something (`SetWebAuthnSession`, `session.Save`, `store.PutToken`): its error is a write's failure. */
const WRITE = /^(?:[Ss]et|[Ss]ave|[Ss]tore|[Pp]ut|[Ww]rite|[Pp]ersist)(?:[A-Z]\w*)?$/;

/** The `if` tests the error of a write: the call in its condition, in its initializer, or bound just before it. */
function writeTested(st: Node): boolean {
  const cond = st.childForFieldName('condition');
  const init = st.childForFieldName('initializer');
  const prev = /\berr\b/.test(cond?.text ?? '') && bindsErr(st.previousNamedSibling) ? st.previousNamedSibling : null;
  const calls = [cond, init, prev].flatMap((n) => (n ? (n.type === 'call_expression' ? [n, ...all(n, 'call_expression')] : all(n, 'call_expression')) : []));
  // The outermost calls only: `s.Store().Put(x)` is a `Put`, whatever gives its receiver.
  const top = calls.filter((c) => !calls.some((o) => o !== c && o.startIndex <= c.startIndex && o.endIndex >= c.endIndex));
  return top.length > 0 && top.every((c) => WRITE.test(c.childForFieldName('function')?.text.replace(/^.*\./, '') ?? ''));
}

function bindsErr(s: Node | null): boolean {
  return !!s && (s.type === 'short_var_declaration' || s.type === 'assignment_statement') && kids(s.childForFieldName('left')).some((k) => k.text === 'err');
}

/**
 * A branch's text without the `if`s nested in it: `if request.IsAuthenticated(r) { u, err :=
 * lookup(); if err != nil { ServerError(…); return } }` ends the request only in the inner `if`,
 * which is judged on its own; the outer one is the path of a caller who is there, no refusal.
 */
function outsideNestedIfs(block: Node): string {
  let text = block.text;
  const nested = all(block, 'if_statement').filter((n) => n.startIndex > block.startIndex).sort((a, b) => b.startIndex - a.startIndex);
  for (const n of nested) {
    const from = n.startIndex - block.startIndex;
    const to = n.endIndex - block.startIndex;
    if (from >= 0 && to <= text.length) text = text.slice(0, from) + text.slice(to);
  }
  return text;
}

/**
 * What a statement feeding the check reads: `check` when a credential word is in the call's name
 * (or in a statement that is no call), `passed` when only in its arguments. Of the statement
 * before the `if`, its first line only (a long call's later arguments are not what is checked).
 */
function read(s: Node | null | undefined, firstLine: boolean): 'check' | 'passed' | undefined {
  if (!s) return undefined;
  const value = s.type === 'short_var_declaration' || s.type === 'assignment_statement' ? kids(s.childForFieldName('right'))[0] : undefined;
  // A record's type in a query (`DB().Where(entity.UserEmailVerify{…})`) names a table, not a check.
  const text = (n: Node): string => (firstLine ? n.text.split('\n')[0] : n.text).replace(/&?[\w.]+\{/g, '{');
  if (!value) return SOFT.test(text(s)) ? 'check' : undefined;
  if (!SOFT.test(text(value))) return undefined;
  if (value.type !== 'call_expression') return 'check';
  const fn = value.childForFieldName('function');
  const method = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text ?? '' : '';
  const name = method || (fn?.type === 'identifier' ? fn.text : '');
  // A link built for the caller (`GetAuthURL(ctx)`, `loginURL(r)`): the credential word names where it leads, nothing is checked.
  if (LINK.test(name)) return undefined;
  if (MAKE.test(name)) {
    // Made from the credential (a token issued for a user): passed on, a 5xx answer dismisses it.
    const args = kids(value.childForFieldName('arguments'));
    return args.some((a) => SOFT.test(a.text)) ? 'passed' : undefined;
  }
  if (LOOKUP.test(method) && !SOFT.test(method)) {
    // Looked up by a name: not a check. Handed the credential or the whole request: it may check.
    const args = kids(value.childForFieldName('arguments'));
    return args.some((a) => SOFT.test(a.text)) ? 'passed' : args.some((a) => a.type === 'identifier' && /^(r|req|request)$/.test(a.text)) ? 'check' : undefined;
  }
  return SOFT.test(fn?.text ?? '') ? 'check' : 'passed';
}

const STATUS: Record<string, number> = table({
  OK: 200, Created: 201, Accepted: 202, NoContent: 204, BadRequest: 400, Unauthorized: 401, Forbidden: 403, NotFound: 404, MethodNotAllowed: 405, Conflict: 409,
  PreconditionFailed: 412, UnprocessableEntity: 422, TooManyRequests: 429, InternalServerError: 500, NotImplemented: 501, BadGateway: 502, ServiceUnavailable: 503,
});

/** The status a constant expression names (`http.StatusForbidden`, `403`), if it is one. */
export function statusCode(text: string): number | undefined {
  const m = /^(?:http\.Status(\w+)|([1-5]\d\d))$/.exec(text.trim());
  return m ? (m[1] ? STATUS[m[1]] : Number(m[2])) : undefined;
}

/** The one HTTP status a function writes (`http.Error(w, err.Error(), http.StatusInternalServerError)`), if it writes exactly one. */
export function statusWritten(body: Node): number | undefined {
  const seen = new Set<number>();
  for (const m of body.text.matchAll(/\bhttp\.Status(\w+)|WriteHeader\((\d{3})\)|\bhttp\.Error\([^)]*,\s*(\d{3})\)/g)) {
    const code = m[1] ? STATUS[m[1]] : Number(m[2] ?? m[3]);
    if (!code) return undefined;
    seen.add(code);
  }
  return seen.size === 1 ? [...seen][0] : undefined;
}

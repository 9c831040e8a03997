// A Nest handler that checks a credential the request carries before doing anything: a parameter
// bound from the query or a header and named as one (`@Query('jwt') token`, `@Headers('x-api-key')
// key`, `@Headers('stripe-signature') signature`), handed to a check whose failure ends the request —
// `try { payload = await this.tokens.verifyJwt(token, …) } catch { throw new BadRequestException() }`,
// `const ok = await this.keys.check(key); if (!ok) throw new UnauthorizedException()`, or
// `if (!token) throw new UnauthorizedException()`. Without the credential the caller is refused,
// whatever the status says, so the route is guarded by the handler itself (a signed download link, a
// webhook's signature). What the client sends in the body counts only outside the ways in (a sign-in or
// a reset refusing a wrong password or token is the way in, not a guard on it): a body field named as a
// credential (`body.jwt`, `@Body('apiKey')`), or any body value handed to a JWT/token verification
// (`AuthService.verifyJWT(params)`), a body or `req.headers[…]` credential compared with a secret of
// the environment (`body.apiKey !== process.env.AGENT_API_KEY`). A `try` ending the method whose
// catch is empty ends the request too. A header credential handed to a call of ours with no refusal
// in the handler (`return this.oauth.getUserInfo(authorization)`) may be checked there: unknown.
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate } from './types';
import { callArgs, kids, line, stringValue } from './treeUtil';
import { makeGuard } from './guards';
import { handedOnCall, OWN_MEMBER_CALL } from './nestHandedCredential';

/** The query key or header that names a credential (`jwt`, `token`, `x-api-key`, `stripe-signature`; a signature with its hash after it: `x-hub-signature-256`, `x-shopify-hmac-sha256`). */
const CREDENTIAL_KEY = /(^|[-_])(token|jwt|api[-_]?key|apikey|secret|(signature|sig|hmac)([-_](sha[-_]?)?\d+|[-_]sha\d*)?|authorization|access[-_]?key)$/i;
/** A parameter named as one (`jwtToken`, `apiKey`, `signature`). */
const CREDENTIAL_NAME = /(token|jwt|api_?key|apikey|secret|signature|hmac)$/i;
/** How many leading statements are read: a check of the credential comes first. */
const LEADING = 4;
/** A refusal of the caller: an exception thrown or a status set. */
const ENDS = /^(throw\b|return\b)/;

/** A call that verifies a signed token: what it is handed is a credential whatever its name. */
const VERIFY_CALL = /(^|\.)(verify\w*(jwt|token|signature)|verify)$|(^|\.)jwt\w*\.(verify|decode)\w*$/i;
/** What marks a guard as a check in a call we did not read (applyNestGuards makes its route unknown). */
export const UNREAD_CHECK = 'a check we did not read: ';

/** The leading statements' member reads of a credential from a whole-object parameter (`body.jwt`, `req.headers['stripe-signature']`). */
function credentialMembers(stmts: Node[], obj: string, headers: boolean): string[] {
  const out = new Set<string>();
  for (const s of stmts) {
    for (const n of s.descendantsOfType(['member_expression', 'subscript_expression'])) {
      if (!n) continue;
      const m = headers
        ? new RegExp(`^${obj}\\.headers(?:\\.([\\w$]+)|\\[\\s*['"]([^'"]+)['"]\\s*\\])$`).exec(n.text)
        : new RegExp(`^${obj}\\.([\\w$]+)$`).exec(n.text);
      const key = m?.[1] ?? m?.[2];
      if (key && CREDENTIAL_KEY.test(key)) out.add(n.text);
    }
  }
  return [...out];
}

/**
 * Names of the handler's parameters bound from a credential in the query or a header (or the body, `body`; or
 * the path, `path`), with where from.
 */
function carriedParams(method: Node, stmts: Node[], body: boolean, path: boolean): Map<string, string> {
  const out = new Map<string, string>();
  const verified = (name: string) => stmts.some((s) => s.descendantsOfType('call_expression').some((c) => !!c && VERIFY_CALL.test(c.childForFieldName('function')?.text ?? '') && callArgs(c).some((a) => a.text === name)));
  for (const p of kids(method.childForFieldName('parameters'))) {
    const name = p.childForFieldName('pattern')?.text;
    if (!name) continue;
    for (const d of kids(p).filter((k) => k.type === 'decorator')) {
      const call = d.namedChildren[0];
      const fn = call?.type === 'call_expression' ? call.childForFieldName('function')?.text : undefined;
      const key = call?.type === 'call_expression' ? stringValue(callArgs(call)[0]) : undefined;
      if (fn === 'Req' || fn === 'Request') for (const t of credentialMembers(stmts, name, true)) out.set(t, `@${fn}() ${t}`);
      if (fn === 'Headers' && key === undefined) for (const t of credentialMembers(stmts, name, false)) out.set(t, `@Headers() ${t}`);
      if (fn === 'Body' && body) {
        if (key === undefined) for (const t of credentialMembers(stmts, name, false)) out.set(t, `@Body() ${t}`);
        else if (CREDENTIAL_KEY.test(key) || CREDENTIAL_NAME.test(name) || verified(name)) out.set(name, `@Body('${key}')`);
      }
      if (fn === 'Param' && path && key !== undefined && CREDENTIAL_KEY.test(key)) out.set(name, `@Param('${key}')`);
      if (fn !== 'Query' && fn !== 'Headers') continue;
      if (key !== undefined && (CREDENTIAL_KEY.test(key) || CREDENTIAL_NAME.test(name))) out.set(name, `@${fn}('${key}')`);
    }
  }
  return out;
}

const escaped = (name: string) => name.replace(/[$.[\]'"()]/g, '\\$&');
/** The condition compares the credential with a secret of the environment or configuration. */
const comparesWithSecret = (cond: string, name: string) => {
  const env = String.raw`(process\.env\.[\w$]+|process\.env\[[^\]]+\]|this\.[\w$.]*(config|secret|key)[\w$.]*(\([^)]*\))?)`;
  return new RegExp(`${escaped(name)}\\s*!==?\\s*${env}|${env}\\s*!==?\\s*${escaped(name)}`, 'i').test(cond);
};

const mentions = (n: Node | null | undefined, name: string): boolean => !!n && new RegExp(`(^|[^\\w$.])${escaped(name)}\\b`).test(n.text);

/** The last statement of a block ends the request (throws or returns). */
function leaves(block: Node | null | undefined): boolean {
  const last = kids(block).filter((k) => k.type !== 'comment').at(-1);
  return !!last && ENDS.test(last.text);
}

/** The first call of the node that is handed the name, with its callee. */
function checkCall(n: Node, name: string): Node | undefined {
  // `x as string`, `x!`: the value itself is handed on.
  const bare = (a: Node): string => (a.type === 'as_expression' || a.type === 'non_null_expression' ? bare(a.namedChildren[0]!) : a.text);
  return n.descendantsOfType('call_expression').find((c) => !!c && callArgs(c).some((a) => bare(a) === name)) ?? undefined;
}

/** Paths of a sign-in, sign-up, reset, confirmation or invitation: their token is the way in. */
const WAY_IN = /(log-?in|sign-?in|sign-?up|register|password|reset|verif|confirm|activat|invit|accept|magic|callback|oauth|(^|\/)(auth|tokens?|session|jwt|access)\/refresh|refresh[-_]?token|unsubscribe)/i;
/** What an OAuth server serves to a token's bearer (`/oauth/userinfo`): a resource, not a way in. */
const BEARER_RESOURCE = /\/(userinfo|user-info|introspect)\/?$/i;
/** A webhook's endpoint (`/invites/webhook`, `/stripe-hook`): what it carries is a sender's signature, never a way in, whatever path it sits under. */
const WEBHOOK = /(^|[/_-])(web)?hooks?\/?$/i;

/** A parameter decorator that hands the handler its caller (`@RequestUserId()`, `@CurrentUser()`, `@AuthUser()`). */
const CALLER_DECORATOR = /^(?!(Param|Query|Body|Headers|Req|Request|Res|Response|Ip|HostParam|UploadedFiles?|Session)$)[\w$]*(user|caller|account|principal|identity|member)[\w$]*$/i;
/** A call that asks whether someone may reach something (`canUserAccessUpload`, `hasPermission`, `checkAccess`). */
const ACCESS_CALL = /^this\.[\w$]+\.(can|may|has|is\w*(Allowed|Authori[sz]ed|Owner|Member))\w*$|^this\.[\w$]+\.check\w*(Permission|Access)\w*$/i;

/**
 * A leading `if (!(await this.media.canUserAccessUpload(userId, uuid))) throw …` with the caller a
 * parameter decorator hands on: whether an anonymous caller gets through is up to that call's code,
 * which this reading does not follow — unknown, never open (a resource check may let anyone read a public one).
 */
function callerAccessCheck(method: Node, stmts: Node[], file: string): GuardCandidate | undefined {
  const callers = new Map<string, string>();
  for (const p of kids(method.childForFieldName('parameters'))) {
    const dec = kids(p).find((k) => k.type === 'decorator');
    const fn = dec?.namedChildren[0]?.type === 'call_expression' ? dec.namedChildren[0].childForFieldName('function')?.text : dec?.namedChildren[0]?.text;
    const name = p.childForFieldName('pattern')?.text;
    if (fn && name && CALLER_DECORATOR.test(fn)) callers.set(name, `@${fn}()`);
  }
  if (!callers.size) return undefined;
  for (const s of stmts) {
    if (s.type !== 'if_statement') continue;
    const cond = s.childForFieldName('condition');
    const then = s.childForFieldName('consequence');
    if (!cond || !/^\(\s*!/.test(cond.text) || !then || !(ENDS.test(then.text) || leaves(then))) continue;
    for (const c of cond.descendantsOfType('call_expression')) {
      const callee = c?.childForFieldName('function')?.text ?? '';
      const who = c && ACCESS_CALL.test(callee) ? callArgs(c).map((a) => a.text).find((a) => callers.has(a)) : undefined;
      if (!who) continue;
      return { text: callee, line: line(c!), via: 'handler', guard: { name: callee, kind: 'other', reason: `${UNREAD_CHECK}the handler refuses unless ${callee}() grants '${who}' (${callers.get(who)}, the caller when signed in) access (line ${line(s)})`, file, line: line(c!) } };
    }
  }
  return undefined;
}

/**
 * The guard a Nest handler's leading statements make of a credential it carries, if any. A path parameter
 * named as one counts on a write only (`PUT /upload/:token`, an upload URL signed for one file): a read
 * keyed by `:token` is as often a public link's or a record's id (guardState.ts).
 */
export function nestHandlerChecks(method: Node, file: string, routePath: string, httpMethod = 'GET'): GuardCandidate[] {
  if (WAY_IN.test(routePath) && !BEARER_RESOURCE.test(routePath) && !WEBHOOK.test(routePath)) return [];
  const all = kids(method.childForFieldName('body')).filter((k) => k.type !== 'comment');
  const stmts = all.slice(0, LEADING);
  const carried = carriedParams(method, stmts, true, !/^(GET|HEAD|OPTIONS)$/.test(httpMethod));
  if (!carried.size) {
    const access = callerAccessCheck(method, stmts, file);
    return access ? [access] : [];
  }
  let handedOn: GuardCandidate | undefined;
  for (const [i, s] of stmts.entries()) {
    for (const [name, from] of carried) {
      let call: Node | undefined;
      let how: string | undefined;
      if (s.type === 'try_statement' && (call = checkCall(s.childForFieldName('body') ?? s, name))) {
        const handler = s.childForFieldName('handler');
        const catchBody = handler?.childForFieldName('body');
        if (leaves(catchBody)) how = `the request ends when it fails (catch at line ${line(handler!)})`;
        else if (s === all.at(-1) && !kids(catchBody).some((k) => k.type !== 'comment')) how = `the request ends when it fails (empty catch ending the handler, line ${line(handler!)})`;
      } else if (s.type === 'lexical_declaration' || s.type === 'variable_declaration') {
        const d = kids(s).find((k) => k.type === 'variable_declarator');
        const bound = d?.childForFieldName('name')?.text;
        call = d ? checkCall(d, name) : undefined;
        const next = bound ? stmts.slice(i + 1, i + 3).find((n) => n.type === 'if_statement' && /^\(\s*!/.test(n.childForFieldName('condition')?.text ?? '') && mentions(n.childForFieldName('condition'), bound)) : undefined;
        const then = next?.childForFieldName('consequence');
        if (call && then && (ENDS.test(then.text) || leaves(then))) how = `the request ends without a result (line ${line(next!)})`;
      } else if (s.type === 'if_statement' && comparesWithSecret(s.childForFieldName('condition')?.text ?? '', name)) {
        const then = s.childForFieldName('consequence');
        if (then && (ENDS.test(then.text) || leaves(then))) {
          const why = `the handler ends the request unless '${name}' (${from}) equals a configured secret (line ${line(s)})`;
          const g = makeGuard(name, file, line(s), why, { kind: 'authentication', matched: 'credential' });
          return g ? [{ text: name, line: line(s), via: why, guard: g }] : [];
        }
      } else if (s.type === 'if_statement' && new RegExp(`^\\(\\s*!\\s*${escaped(name)}\\b`).test(s.childForFieldName('condition')?.text ?? '')) {
        const then = s.childForFieldName('consequence');
        if (then && /Unauthori[sz]ed|Forbidden|\b40[13]\b/.test(then.text) && (then.type === 'throw_statement' || then.type === 'return_statement' || leaves(then))) {
          const why = `the handler refuses a request without '${name}' (${from}, line ${line(s)})`;
          const g = makeGuard(name, file, line(s), why, { kind: 'authentication', matched: 'credential' });
          return g ? [{ text: name, line: line(s), via: why, guard: g }] : [];
        }
      }
      if (!how && !handedOn && /^@(Headers|Req|Request|Param)\b/.test(from)) {
        // Handed to a call of ours that may check it: the refusal, if any, is in code this reading does not follow.
        const bare = call ?? checkCall(s, name);
        // Bare, else wrapped in an argument or a command object handed on next (nestHandedCredential.ts).
        const c = bare && OWN_MEMBER_CALL.test(bare.childForFieldName('function')?.text ?? '') ? bare : handedOnCall(s, name, stmts.slice(i + 1));
        const callee = c?.childForFieldName('function')?.text ?? '';
        if (c && OWN_MEMBER_CALL.test(callee)) handedOn = { text: callee, line: line(c), via: 'handler', guard: { name: callee, kind: 'other', reason: `${UNREAD_CHECK}${callee}() is handed '${name}', a credential the request carries (${from})`, file, line: line(c) } };
      }
      if (!call || !how) continue;
      const callee = call.childForFieldName('function')?.text ?? '';
      const why = `${callee}() checks '${name}', a credential the request carries (${from}); ${how}`;
      const g = makeGuard(callee, file, line(call), why, { kind: 'authentication', matched: 'credential' });
      if (g) return [{ text: callee, line: line(call), via: why, guard: g }];
    }
  }
  return handedOn ? [handedOn] : [];
}

// A Nest handler that checks a credential the request carries before doing anything: a parameter
// bound from the query or a header and named as one (`@Query('jwt') token`, `@Headers('x-api-key')
// key`, `@Headers('stripe-signature') signature`), handed to a check whose failure ends the request —
// `try { payload = await this.tokens.verifyJwt(token, …) } catch { throw new BadRequestException() }`,
// `const ok = await this.keys.check(key); if (!ok) throw new UnauthorizedException()`, or
// `if (!token) throw new UnauthorizedException()`. Without the credential the caller is refused,
// whatever the status says, so the route is guarded by the handler itself (a signed download link, a
// webhook's signature). What the client sends in the body is not read here: a sign-in or a reset
// refusing a wrong password or token is the way in, not a guard on it.
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate } from './types';
import { callArgs, kids, line, stringValue } from './treeUtil';
import { makeGuard } from './guards';

/** The query key or header that names a credential (`jwt`, `token`, `x-api-key`, `stripe-signature`). */
const CREDENTIAL_KEY = /(^|[-_])(token|jwt|api[-_]?key|apikey|secret|signature|sig|hmac|authorization|access[-_]?key)$/i;
/** A parameter named as one (`jwtToken`, `apiKey`, `signature`). */
const CREDENTIAL_NAME = /(token|jwt|api_?key|apikey|secret|signature|hmac)$/i;
/** How many leading statements are read: a check of the credential comes first. */
const LEADING = 4;
/** A refusal of the caller: an exception thrown or a status set. */
const ENDS = /^(throw\b|return\b)/;

/** Names of the handler's parameters bound from a credential in the query or a header, with where from. */
function carriedParams(method: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of kids(method.childForFieldName('parameters'))) {
    const name = p.childForFieldName('pattern')?.text;
    if (!name) continue;
    for (const d of kids(p).filter((k) => k.type === 'decorator')) {
      const call = d.namedChildren[0];
      const fn = call?.type === 'call_expression' ? call.childForFieldName('function')?.text : undefined;
      if (fn !== 'Query' && fn !== 'Headers') continue;
      const key = stringValue(callArgs(call!)[0]);
      if (key !== undefined && (CREDENTIAL_KEY.test(key) || CREDENTIAL_NAME.test(name))) out.set(name, `@${fn}('${key}')`);
    }
  }
  return out;
}

const mentions = (n: Node | null | undefined, name: string): boolean => !!n && new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\b`).test(n.text);

/** The last statement of a block ends the request (throws or returns). */
function leaves(block: Node | null | undefined): boolean {
  const last = kids(block).filter((k) => k.type !== 'comment').at(-1);
  return !!last && ENDS.test(last.text);
}

/** The first call of the node that is handed the name, with its callee. */
function checkCall(n: Node, name: string): Node | undefined {
  return n.descendantsOfType('call_expression').find((c) => !!c && callArgs(c).some((a) => a.text === name)) ?? undefined;
}

/** Paths of a sign-in, sign-up, reset, confirmation or invitation: their token is the way in. */
const WAY_IN = /(log-?in|sign-?in|sign-?up|register|password|reset|verif|confirm|activat|invit|accept|magic|callback|oauth|refresh|unsubscribe)/i;

/** The guard a Nest handler's leading statements make of a credential it carries, if any. */
export function nestHandlerChecks(method: Node, file: string, routePath: string): GuardCandidate[] {
  if (WAY_IN.test(routePath)) return [];
  const carried = carriedParams(method);
  if (!carried.size) return [];
  const stmts = kids(method.childForFieldName('body')).filter((k) => k.type !== 'comment').slice(0, LEADING);
  for (const [i, s] of stmts.entries()) {
    for (const [name, from] of carried) {
      let call: Node | undefined;
      let how: string | undefined;
      if (s.type === 'try_statement' && (call = checkCall(s.childForFieldName('body') ?? s, name))) {
        const handler = s.childForFieldName('handler');
        if (leaves(handler?.childForFieldName('body'))) how = `the request ends when it fails (catch at line ${line(handler!)})`;
      } else if (s.type === 'lexical_declaration' || s.type === 'variable_declaration') {
        const d = kids(s).find((k) => k.type === 'variable_declarator');
        const bound = d?.childForFieldName('name')?.text;
        call = d ? checkCall(d, name) : undefined;
        const next = bound ? stmts.slice(i + 1, i + 3).find((n) => n.type === 'if_statement' && /^\(\s*!/.test(n.childForFieldName('condition')?.text ?? '') && mentions(n.childForFieldName('condition'), bound)) : undefined;
        const then = next?.childForFieldName('consequence');
        if (call && then && (ENDS.test(then.text) || leaves(then))) how = `the request ends without a result (line ${line(next!)})`;
      } else if (s.type === 'if_statement' && new RegExp(`^\\(\\s*!\\s*${name.replace(/\$/g, '\\$')}\\b`).test(s.childForFieldName('condition')?.text ?? '')) {
        const then = s.childForFieldName('consequence');
        if (then && /Unauthori[sz]ed|Forbidden|\b40[13]\b/.test(then.text) && (then.type === 'throw_statement' || then.type === 'return_statement' || leaves(then))) {
          const why = `the handler refuses a request without '${name}' (${from}, line ${line(s)})`;
          const g = makeGuard(name, file, line(s), why, { kind: 'authentication', matched: 'credential' });
          return g ? [{ text: name, line: line(s), via: why, guard: g }] : [];
        }
      }
      if (!call || !how) continue;
      const callee = call.childForFieldName('function')?.text ?? '';
      const why = `${callee}() checks '${name}', a credential the request carries (${from}); ${how}`;
      const g = makeGuard(callee, file, line(call), why, { kind: 'authentication', matched: 'credential' });
      if (g) return [{ text: callee, line: line(call), via: why, guard: g }];
    }
  }
  return [];
}

// A Nest guard whose answer compares two values the request itself carries — the OAuth flow's `state`
// in the query with the cookie the flow set (`return request.query.state ===
// request.cookies[`oauth_${provider}_state`]`), a double-submitted CSRF token — checks that the request
// belongs to a flow the same browser started, not who calls: every caller, signed in or not, sends both.
// Only a strict or loose equality of two reads of the request's own parts (query, cookies, headers, body,
// path parameters); a value read from anywhere else (a store, a signed secret, the caller) is no echo.
import type { Node } from 'web-tree-sitter';
import { all, line } from './treeUtil';

const CLIENT_PARTS = /^(query|cookies|signedCookies|headers|body|params)$/;

/** `request.query.state`, `req.cookies[\`oauth_${p}_state\`]`: a part of the request the client wrote. */
function clientRead(n: Node, requests: Set<string>): boolean {
  let e: Node | null = n;
  const chain: string[] = [];
  while (e && (e.type === 'member_expression' || e.type === 'subscript_expression')) {
    chain.unshift(e.type === 'member_expression' ? e.childForFieldName('property')?.text ?? '' : '[]');
    e = e.childForFieldName('object');
  }
  if (e?.type !== 'identifier' || !requests.has(e.text) || chain.length < 2 || !CLIENT_PARTS.test(chain[0])) return false;
  // What indexes it names nothing but the request's own parts and literals.
  return all(n, 'call_expression').length === 0;
}

/** Why `return <e>` compares two values the request carries, if it does. */
export function requestEcho(e: Node, requests: Set<string>): string | undefined {
  if (e.type !== 'binary_expression' || !/^={2,3}$/.test(e.childForFieldName('operator')?.text ?? '')) return undefined;
  const l = e.childForFieldName('left');
  const r = e.childForFieldName('right');
  if (!l || !r || !clientRead(l, requests) || !clientRead(r, requests)) return undefined;
  const t = e.text.replace(/\s+/g, ' ');
  return `returns ${t.length > 80 ? t.slice(0, 79) + '…' : t} (line ${line(e)}): two values the request itself carries compared, a check of the flow (a forged request), not of who calls`;
}

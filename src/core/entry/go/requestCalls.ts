// Calls a handler hands its `*http.Request` to (`provider.NewRevocationRequest(ctx, req)`), or what a
// call reads from it (`IntrospectToken(ctx, AccessTokenFromRequest(r), …)`), for a
// library known to authenticate the caller while it reads the request (frameworks.ts
// knownExternal): the OAuth 2.0 token, introspection, revocation, pushed-authorization and device
// endpoints of fosite and its forks authenticate the client before anything else and answer
// invalid_client (401) to one that fails. Whatever the handler does with the error afterwards, the
// library has refused the caller (verdict.ts judgeHandler).
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line } from '../treeUtil';
import type { Callee } from './types';

/** Calls in the function's own body (not in literals inside it) given one of its `*http.Request` parameters, or a call's reading of one. */
export function requestCalls(fn: Node, body: Node, callee: (n: Node) => Callee | undefined): { callee: Callee; line: number }[] {
  const reqs = new Set<string>();
  for (const decl of kids(fn.childForFieldName('parameters'))) {
    if (decl.childForFieldName('type')?.text !== '*http.Request') continue;
    for (const n of decl.childrenForFieldName('name')) if (n) reqs.add(n.text);
  }
  if (!reqs.size) return [];
  const out: { callee: Callee; line: number }[] = [];
  for (const call of all(body, 'call_expression')) {
    let up: Node | null = call.parent;
    while (up && up.startIndex !== fn.startIndex && up.type !== 'func_literal') up = up.parent;
    if (up?.startIndex !== fn.startIndex) continue;
    // The request itself, or what a call reads from it (`AccessTokenFromRequest(r)`, the bearer token).
    const given = (a: Node): boolean => (a.type === 'identifier' && reqs.has(a.text)) || (a.type === 'call_expression' && callArgs(a).some((b) => b.type === 'identifier' && reqs.has(b.text)));
    if (!callArgs(call).some(given)) continue;
    const c = callee(call.childForFieldName('function')!);
    if (c) out.push({ callee: c, line: line(call) });
  }
  return out;
}

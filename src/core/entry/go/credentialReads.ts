// A handler that asks who calls without requiring an answer (`optional`): it branches on a helper
// of the service that reads the caller's credential from the request itself (`user, err :=
// GetUserByReq(app, c); if errors.Is(err, ErrTokenNotProvided) { …anonymous… }`, where
// GetUserByReq reaches `c.Get(fiber.HeaderAuthorization)` / `c.Query("token")` through the
// helpers it hands the request to). No middleware puts the identity anywhere (identityUse.ts
// covers that shape); the handler fetches it. Read from the code: the credential read and the
// request handed on, never a function's name. A helper whose result the handler only passes on
// (a captcha keyed by the user's id) is no branch on who calls, and stays unguarded; one whose
// result the handler puts in its answer (`IsLogin: CheckIsAdminReq(app, c)`) tells the caller who they are.
import type { GoNode as Node } from './goNode';
import type { Guard } from '../types';
import type { GoIndex } from './resolve';
import type { Callee, GoCandidate, GoFunc } from './types';
import { all, callArgs, line } from '../treeUtil';
import { enclosingFn } from './goStatements';

/** A parameter that is the request (or the framework's context around it). */
const REQUEST_TYPE = /^\*?(fiber\.Ctx|http\.Request|gin\.Context|echo\.Context)$/;
/** Reads of the request's headers, query, form or cookies. */
const READER = /^(Get|GetHeader|Query|QueryParam|FormValue|PostFormValue|Cookie|Cookies)$/;
/** What a request carries to prove who sends it. */
const PROOF = /Authorization|bearer|\btoken\b|api[_-]?key|apikey|\bjwt\b|\bsession/i;
const MAX_DEPTH = 4;
/** A session store's readers, handed the request (`store.Get(r, name)`, `sessions.Default(c)`). */
const STORE_READER = /^(Get|New|Default)$/;
const SESSION_STORE = /\bsessions?\b/i;
/** A session value that names who is signed in. */
const SESSION_USER = /\b(user|users|uid|user_?id|account|member|principal|identity)\b/i;

/** A name's words, for PROOF: `header.XAuthToken` → `header.X Auth Token`, `XSessionID` → `X Session ID`. */
const words = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
const MAX_HANDED = 16;

/** Fills `readsProof` and `handsRequest` of a function's facts. */
export function credentialReadFacts(fn: Node, f: GoFunc, callee: (n: Node) => Callee | undefined): void {
  const body = fn.childForFieldName('body');
  const made = body ? madeHandler(fn, body) : undefined;
  const madeKey = made ? callee(made) : undefined;
  if (madeKey) f.makesHandler = madeKey;
  const requests = requestParams(fn);
  if (!body || !requests.size) return;
  const handed: Callee[] = [];
  for (const call of all(body, 'call_expression')) {
    const fnNode = call.childForFieldName('function')!;
    const args = callArgs(call);
    const field = fnNode.type === 'selector_expression' ? fnNode.childForFieldName('field')?.text ?? '' : '';
    const root = /^\w+/.exec(fnNode.text)?.[0] ?? '';
    if (!f.readsProof && READER.test(field) && requests.has(root) && args[0] && PROOF.test(words(args[0].text))) f.readsProof = { line: line(call) };
    // `app.sessionStore.Get(r, cookieName)`, `sessions.Default(c)`: a session store handed the
    // request reads its session cookie (gorilla/sessions, gin-contrib/sessions) — who calls only
    // when the function then reads a user out of it (a flash message or an OAuth state is no one).
    else if (!f.readsProof && STORE_READER.test(field) && args[0]?.type === 'identifier' && requests.has(args[0].text) && fnNode.type === 'selector_expression' && SESSION_STORE.test(words(fnNode.childForFieldName('operand')?.text ?? '')) && readsSessionUser(body)) f.readsProof = { line: line(call) };
    if (handed.length < MAX_HANDED && args.some((a) => a.type === 'identifier' && requests.has(a.text))) {
      const c = callee(fnNode);
      if (c && !c.startsWith('ext:') && !handed.includes(c)) handed.push(c);
    }
  }
  if (handed.length) f.handsRequest = handed;
  // `tokens, ok := r.Header["Authorization"]`: the header map indexed by a credential's name reads it as `Get` does.
  for (const ix of f.readsProof ? [] : all(body, 'index_expression')) {
    const op = ix.childForFieldName('operand');
    const base = op?.type === 'selector_expression' ? op.childForFieldName('operand') : null;
    const index = ix.childForFieldName('index');
    if (op?.type !== 'selector_expression' || op.childForFieldName('field')?.text !== 'Header' || base?.type !== 'identifier' || !requests.has(base.text)) continue;
    if (index?.type !== 'interpreted_string_literal' || !PROOF.test(words(index.text))) continue;
    f.readsProof = { line: line(ix) };
    break;
  }
  // `IsLogin: common.CheckIsAdminReq(app, c)`: a call of ours whose result is a field of a literal (the answer).
  const fields: Callee[] = [];
  for (const el of all(body, 'keyed_element')) {
    const v = el.namedChildren[el.namedChildren.length - 1];
    const call = v?.type === 'literal_element' ? v.namedChildren[0] : v;
    const c = call?.type === 'call_expression' && callArgs(call).some((a) => a.type === 'identifier' && requests.has(a.text)) ? callee(call.childForFieldName('function')!) : undefined;
    if (c && !c.startsWith('ext:') && !fields.includes(c)) fields.push(c);
  }
  if (fields.length) f.answersWith = fields.slice(0, MAX_HANDED);
}

/** The handler literal a function returns as it is or through one call (`return http.HandlerFunc(func(w, r) {…})`). */
function madeHandler(fn: Node, body: Node): Node | undefined {
  for (const ret of all(body, 'return_statement')) {
    if (enclosingFn(ret)?.startIndex !== fn.startIndex) continue;
    const expr = ret.namedChildren[0]?.namedChildren[0];
    const args = expr?.type === 'call_expression' ? callArgs(expr) : [];
    const lit = expr?.type === 'func_literal' ? expr : args.length === 1 && args[0].type === 'func_literal' ? args[0] : undefined;
    if (lit && requestParams(lit).size) return lit;
  }
  return undefined;
}

/** A user read out of a session: `session.Values[cookieUserVal]`, `session.Get("user_id")`. */
function readsSessionUser(body: Node): boolean {
  for (const ix of all(body, 'index_expression')) {
    const operand = ix.childForFieldName('operand');
    if (operand?.type === 'selector_expression' && operand.childForFieldName('field')?.text === 'Values' && SESSION_USER.test(words(ix.childForFieldName('index')?.text ?? ''))) return true;
  }
  for (const call of all(body, 'call_expression')) {
    const fnNode = call.childForFieldName('function')!;
    const args = callArgs(call);
    if (fnNode.type === 'selector_expression' && fnNode.childForFieldName('field')?.text === 'Get' && args.length === 1 && SESSION_USER.test(words(args[0].text))) return true;
  }
  return false;
}

function requestParams(fn: Node): Set<string> {
  const out = new Set<string>();
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type !== 'parameter_declaration' || !REQUEST_TYPE.test(p.childForFieldName('type')?.text ?? '')) continue;
    for (const n of p.childrenForFieldName('name')) if (n) out.add(n.text);
  }
  return out;
}

/**
 * The optional-identity mark of an otherwise unguarded route: a test in the handler (or in a
 * helper it hands the request to) of a call that reads the caller's credential from the request.
 */
export function credentialTested(ix: GoIndex, handler: GoFunc | undefined, answersOnly = false): Guard | undefined {
  const seen = new Set<string>();
  const visit = (fn: GoFunc | undefined, depth: number): Guard | undefined => {
    if (!fn || seen.has(fn.key) || depth > 2) return undefined;
    seen.add(fn.key);
    for (const t of answersOnly ? [] : fn.tests ?? []) {
      // `if err != nil { return …, err }` in a reader passes its failure on: no use of who calls.
      if (t.errNil) continue;
      const tested = ix.fnOf(t.callee);
      // In a helper, testing what reads the request itself (`if t := tokenOf(c); t == ""`) is part of reading it, not a use.
      if (depth > 0 && tested?.readsProof) continue;
      const reader = readerOf(ix, tested, new Set(), 0);
      if (!reader) continue;
      const name = t.callee.replace(/^.*[#.|]/, '');
      return {
        name,
        kind: 'authentication',
        optional: true,
        reason: `the handler branches on ${name} (${fn.file}:${t.line}), which reads the caller's credential from the request (${reader.file}:${reader.readsProof!.line}) when there is one; anonymous requests go on`,
        file: fn.file,
        line: t.line,
        evidence: { how: 'the handler reads the identity when there is one', text: name, file: fn.file, line: t.line },
      };
    }
    // The handler tells the caller who they are: a field of its answer is a reader's result.
    for (const c of depth === 0 ? fn.answersWith ?? [] : []) {
      const reader = readerOf(ix, ix.fnOf(c), new Set(), 0);
      if (!reader) continue;
      const name = c.replace(/^.*[#.|]/, '');
      return {
        name,
        kind: 'authentication',
        optional: true,
        reason: `the handler answers with ${name}, which reads the caller's credential from the request (${reader.file}:${reader.readsProof!.line}) when there is one; anonymous requests go on`,
        file: fn.file,
        line: fn.line,
        evidence: { how: 'the handler reads the identity when there is one', text: name, file: fn.file, line: fn.line },
      };
    }
    for (const c of answersOnly ? [] : fn.handsRequest ?? []) {
      const found = visit(ix.fnOf(c), depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(handler, 0);
}

/**
 * The optional-identity mark of a route whose handler a wrapper of ours answers for (`scoped(h)`,
 * statping-ng): the handler literal the wrapper makes answers with a reader of the caller's
 * credential (`scope{data: h(r), scope: ScopeName(r)}`), refusing nobody. Only its answer: a wrapper
 * that merely branches on such a reader (a captcha skipped for admins, a private-instance gate off on
 * a fresh install: artalk's LimiterGuard, writefreely's AllReader) serves anonymous callers the same.
 */
export function wrapperCredentialTested(ix: GoIndex, wrappers: GoCandidate[]): Guard | undefined {
  for (const c of wrappers) {
    if (!/^(wraps the handler at |wrapper around the handler)/.test(c.via)) continue;
    const made = ix.fnOf(c.callee)?.makesHandler;
    const g = made ? credentialTested(ix, ix.fnOf(made), true) : undefined;
    if (g) return { ...g, reason: `${c.text.replace(/\(.*$/s, '')} answers for the handler: ${g.reason.replace(/^the handler /, 'it ')}` };
  }
  return undefined;
}

export function readerOf(ix: GoIndex, fn: GoFunc | undefined, seen: Set<string>, depth: number): GoFunc | undefined {
  if (!fn || seen.has(fn.key) || depth > MAX_DEPTH) return undefined;
  seen.add(fn.key);
  if (fn.readsProof) return fn;
  for (const c of fn.handsRequest ?? []) {
    const found = readerOf(ix, ix.fnOf(c), seen, depth + 1);
    if (found) return found;
  }
  return undefined;
}

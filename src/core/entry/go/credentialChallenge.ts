// A handler that parses the caller's credential through a helper of ours and, when the parse
// fails, answers through another helper that challenges for credentials
// (`user, pass, err := parseAuthHeader(ctx); if err != nil { return basicAuth(ctx) }`, where
// basicAuth sets `WWW-Authenticate` and answers 401): every caller without a credential is
// refused. A call's error alone is no credential test (bodies.ts skips `err != nil`); here both
// ends are read from the code once linked: the parser reads the Authorization header (or basic
// auth), the answer carries a challenge — never the helpers' names.
import type { GoNode as Node } from './goNode';
import type { Guard } from '../types';
import type { GoIndex } from './resolve';
import type { Callee, GoFunc } from './types';
import { all, callArgs, kids, line } from '../treeUtil';
import { statements } from './goStatements';

/** A header that asks the caller for credentials. */
const CHALLENGE = /^(["`]WWW-Authenticate["`]|\w+\.HeaderWWWAuthenticate)$/i;
/** A read of the request's credential header, or the basic-auth pair. */
const AUTH_HEADER = /^(["`]Authorization["`]|\w+\.HeaderAuthorization)$/i;

/** `challenge`: a call sets WWW-Authenticate; `authRead`: a call reads the Authorization header or `BasicAuth()`. */
export function challengeFacts(body: Node, f: GoFunc): void {
  for (const call of all(body, 'call_expression')) {
    const fnNode = call.childForFieldName('function');
    const field = fnNode?.type === 'selector_expression' ? (fnNode.childForFieldName('field')?.text ?? '') : '';
    const first = callArgs(call)[0]?.text ?? '';
    if (!f.challenge && (field === 'Set' || field === 'Add') && CHALLENGE.test(first)) f.challenge = { line: line(call), text: call.text.replace(/\s+/g, ' ').slice(0, 120) };
    if (!f.authRead && ((/^(Get|GetHeader|Header|Values)$/.test(field) && AUTH_HEADER.test(first)) || field === 'BasicAuth')) f.authRead = { line: line(call) };
  }
}

/** `a, b, err := parse(x); if err != nil { return answer(x) }` (or `{ answer(x); return }`): the parse and the answer. */
export function errAnswerCalls(body: Node, callee: (n: Node) => Callee | undefined): { parse: Callee; answer: Callee; line: number }[] {
  const out: { parse: Callee; answer: Callee; line: number }[] = [];
  for (const st of all(body, 'if_statement')) {
    if (!/^\s*err\s*!=\s*nil\s*$/.test(st.childForFieldName('condition')?.text ?? '')) continue;
    const before = st.previousNamedSibling;
    if (!before || (before.type !== 'short_var_declaration' && before.type !== 'assignment_statement')) continue;
    const names = kids(before.childForFieldName('left')).map((k) => k.text);
    const value = kids(before.childForFieldName('right'))[0];
    if (names[names.length - 1] !== 'err' || value?.type !== 'call_expression') continue;
    const parse = callee(value.childForFieldName('function')!);
    const sts = statements(st.childForFieldName('consequence'));
    const last = sts[sts.length - 1];
    if (last?.type !== 'return_statement') continue;
    // `return answer(x)`, or `answer(x); return`.
    const returned = kids(last)[0]?.namedChildren[0];
    const call = returned?.type === 'call_expression' ? returned : sts.length >= 2 && sts[sts.length - 2].type === 'expression_statement' ? sts[sts.length - 2].namedChildren[0] : undefined;
    const answer = call?.type === 'call_expression' ? callee(call.childForFieldName('function')!) : undefined;
    if (parse?.startsWith('fn:') && answer?.startsWith('fn:')) out.push({ parse, answer, line: line(call!) });
  }
  return out;
}

/** The handler's guard when a credential parse's failure is answered with a challenge. */
export function challengeGuard(ix: GoIndex, fn: GoFunc): Guard | undefined {
  for (const e of fn.errAnswers ?? []) {
    const parse = ix.fnOf(e.parse);
    const answer = ix.fnOf(e.answer);
    if (!parse?.authRead || !answer?.challenge) continue;
    const how = 'asks for credentials (WWW-Authenticate) when the credential cannot be read';
    return {
      name: e.answer.replace(/^.*[#.|]/, ''),
      kind: 'authentication',
      reason: `${e.answer.replace(/^.*[#.|]/, '')}() at ${fn.file}:${e.line}, called when ${e.parse.replace(/^.*[#.|]/, '')}() fails to read the credential; refuses requests (${how})`,
      file: fn.file,
      line: fn.line,
      evidence: { how, text: answer.challenge.text, file: answer.file, line: answer.challenge.line },
    };
  }
  return undefined;
}

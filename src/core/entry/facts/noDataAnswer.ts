// A handler whose only data is behind a test of the caller, answering anyone else a fixed body
// (`if (req.isAuthenticated()) { …the user's data… } else { res.send({ status: 'forbidden' }) }`,
// `if (!req.user) return res.json({ signedIn: false })`): whatever the status, an anonymous caller
// gets nothing but a literal, so the test refuses them as a 401 would. Read off the syntax, as a
// refusal (`how: 'no-data'`) under the test, only in the shapes where that answer is all an
// anonymous caller can get: nothing before the test answers or hands the response on, and the
// test is the request's own caller (`req.user`, `req.isAuthenticated()`, `req.session.user`).
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { Refusal } from './types';
import { leaves } from './conditions';
import { isLiteralValue, line, named, short } from './jsNodes';

/** Response methods that answer with their arguments and nothing else. */
const ANSWER = new Set(['send', 'json', 'jsonp', 'end', 'status', 'sendStatus', 'type', 'set']);

/** The refusal of a caller who fails the test, when the body has one of the shapes above. */
export function noDataAnswer(params: string[], stmts: Node[]): Refusal | undefined {
  // AdonisJS's context taken apart (`{ response, auth }`): the caller is `auth.user`, and a bare
  // `return` answers an empty body.
  const ctx = params[0] ? contextParts(params[0]) : undefined;
  const [req, res] = ctx ? [undefined, ctx.response] : params;
  if ((!ctx && (!req || !/^[\w$]+$/.test(req))) || !res || !/^[\w$]+$/.test(res)) return undefined;
  // Only a test of the caller can refuse: a body with none is not scanned statement by statement
  // (each statement's whole text, again for every function it is nested in).
  const caller = ctx ? new RegExp(`^${ctx.auth.replace(/\$/g, '\\$')}\\.(user|isAuthenticated)$`) : callerPattern(req!);
  const bareAnswers = !!ctx;
  if (!stmts.some((s) => s.type === 'if_statement' && callerTestOf(s.childForFieldName('condition')?.text, caller))) return undefined;
  const mentions = new RegExp(`(^|[^\\w$.])${res.replace(/\$/g, '\\$')}\\b`);
  for (const [i, s] of stmts.entries()) {
    if (s.type === 'if_statement') {
      const found = gate(s, caller, res, i === stmts.length - 1, bareAnswers);
      if (found) return found;
    }
    // An answer, or the response handed on, before the test: anonymous callers may get data there.
    if (s.type === 'return_statement' || s.type === 'throw_statement' || mentions.test(s.text)) return undefined;
  }
  return undefined;
}

/** `if (T) {…} else {literal}` as the last statement, `if (!T) {literal}` then more, `if (!T) return literal`. */
function gate(s: Node, caller: RegExp, res: string, last: boolean, bareAnswers: boolean): Refusal | undefined {
  const cond = s.childForFieldName('condition');
  const cons = s.childForFieldName('consequence');
  const alt = s.childForFieldName('alternative');
  const test = callerTestOf(cond?.text, caller);
  if (!cond || !cons || !test) return undefined;
  const text = short(cond.text.replace(/^\((.*)\)$/s, '$1').trim());
  if (test === 'present') {
    // The anonymous arm is the else; with no else, an anonymous caller runs what follows.
    const answer = alt && last ? literalAnswers(armOf(alt), res, bareAnswers) : undefined;
    return answer ? { how: 'no-data', text: answer.text, line: answer.line, cond: `else of ${text}` } : undefined;
  }
  // `if (!T)`: the anonymous arm is the consequence; it must leave, unless nothing follows.
  if (!alt && !leaves(cons) && !last) return undefined;
  const answer = literalAnswers(armOf(cons), res, bareAnswers);
  return answer ? { how: 'no-data', text: answer.text, line: answer.line, cond: text } : undefined;
}

/** The statements of an arm: a block's, an `else` clause's (`else { … }`, `else res.send(…)`), or the one statement. */
function armOf(n: Node): Node[] {
  const inner = n.type === 'else_clause' ? named(n) : [n];
  return inner.length === 1 && inner[0]!.type === 'statement_block' ? named(inner[0]) : inner;
}

/** `{ response, auth }` (or renamed, `{ auth: a }`): the locals of an AdonisJS context's authenticator and response. */
function contextParts(param: string): { auth: string; response: string } | undefined {
  if (!param.startsWith('{')) return undefined;
  const local = new Map<string, string>();
  for (const pair of param.slice(1, -1).split(',')) {
    const [key, as = key] = pair.split(':').map((t) => t.trim());
    if (key && as) local.set(key, as);
  }
  const auth = local.get('auth');
  const response = local.get('response');
  return auth && response ? { auth, response } : undefined;
}

/** What a test of the caller reads, for a request named `req`: `req.user`, `req.isAuthenticated()`, `req.session.userId`. */
function callerPattern(req: string): RegExp {
  let re = callerPatterns.get(req);
  if (!re) {
    if (callerPatterns.size > 100) callerPatterns.clear();
    const r = req.replace(/\$/g, '\\$');
    re = new RegExp(`^${r}\\.(user|isAuthenticated\\(\\)|session\\??\\.(user(_?id)?|userId|passport))$`);
    callerPatterns.set(req, re);
  }
  return re;
}

/** Per request name (no flags, so no state between tests): most handlers name it `req`. */
const callerPatterns = new Map<string, RegExp>();

/** A condition testing the caller (callerPattern) or its negation: which way. */
function callerTestOf(cond: string | undefined, caller: RegExp): 'present' | 'missing' | undefined {
  if (cond === undefined) return undefined;
  let t = cond.replace(/\s+/g, '');
  while (/^\(.*\)$/.test(t)) t = t.slice(1, -1);
  const negated = t.startsWith('!');
  if (negated) t = t.slice(1).replace(/^\((.*)\)$/, '$1');
  if (!caller.test(t)) return undefined;
  return negated ? 'missing' : 'present';
}

/** Statements that only answer with literals (`res.status(200).send({ status: 'forbidden' })`, `return`): the first answer. */
function literalAnswers(stmts: Node[], res: string, bareAnswers = false): { text: string; line: number } | undefined {
  let first: { text: string; line: number } | undefined;
  for (const s of stmts) {
    const e = s.type === 'expression_statement' || s.type === 'return_statement' ? named(s)[0] : undefined;
    if (s.type === 'return_statement' && !e) {
      if (bareAnswers) first ??= { text: 'return (an empty answer)', line: line(s) };
      continue;
    }
    if (!e || !answerCall(e, res)) return undefined;
    first ??= { text: short(e.text), line: line(e) };
  }
  return first;
}

/** A chain of response calls from `res`, every argument a literal. */
function answerCall(e: Node, res: string): boolean {
  for (let n: Node | null = e, i = 0; n && i < 8; i++) {
    if (n.type !== 'call_expression') return false;
    const fn = n.childForFieldName('function');
    const args = named(n.childForFieldName('arguments'));
    if (fn?.type !== 'member_expression' || !ANSWER.has(fn.childForFieldName('property')?.text ?? '') || !args.every((a) => isLiteralValue(a))) return false;
    const obj = fn.childForFieldName('object');
    if (obj?.type === 'identifier') return obj.text === res;
    n = obj;
  }
  return false;
}

// A Koa handler that runs its work only when an object it made says the caller signed in, and
// answers anyone else a fixed error body (YApi's one handler for every route:
// `await inst.init(ctx); if (inst.$auth === true) await inst[action](ctx); else ctx.body =
// resReturn(null, 40011, 'please log in')`): whatever the status, a caller who fails the flag gets
// nothing but that answer, so the test refuses them as a 401 would (`how: 'no-data'`, as
// noDataAnswer.ts for Express's `req`). Read off the syntax, only where the flag is named for
// sign-in (`$auth`, `authenticated`, `isLogin`, …), the other arm answers with literals only (or a
// call given only literals, the service's error-body helper), and nothing before the test answers.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { Refusal } from './types';
import { isLiteralValue, line, named, short } from './jsNodes';

const AUTH_FLAG = /^\$?(auth|authed|authenticated|isAuthenticated|isAuthed|loggedIn|isLoggedIn|isLogin|signedIn|isSignedIn)$/;
const MAX_DEPTH = 6;

/** The refusal of a caller who fails the flag, for a one-parameter handler `(ctx) => { … }`. */
export function authFlagGate(params: string[], stmts: Node[]): Refusal | undefined {
  const ctx = params[0];
  if (params.length !== 1 || !ctx || !/^[\w$]+$/.test(ctx)) return undefined;
  // The work wrapped in a `try` whose `catch` logs: the gate is the try block's.
  const last = stmts[stmts.length - 1];
  const body = last?.type === 'try_statement' ? [...stmts.slice(0, -1), ...named(last.childForFieldName('body'))] : stmts;
  for (const [i, s] of body.entries()) {
    if (s.type === 'if_statement') {
      const found = gate(s, ctx, i === body.length - 1);
      if (found) return found;
      continue;
    }
    // An answer before the test: a caller may get something there.
    if (s.type === 'return_statement' || s.type === 'throw_statement' || answers(s, ctx)) return undefined;
  }
  return undefined;
}

function gate(s: Node, ctx: string, last: boolean): Refusal | undefined {
  const cond = s.childForFieldName('condition');
  const cons = s.childForFieldName('consequence');
  const alt = s.childForFieldName('alternative');
  const test = flagTest(cond?.text);
  if (!cond || !cons || !test) return undefined;
  const text = short(cond.text.replace(/^\((.*)\)$/s, '$1').trim());
  if (test === 'present') {
    // The caller without the flag takes the else; with none, they run what follows.
    const answer = alt && last ? literalArm(armOf(alt), ctx, 0) : undefined;
    return answer ? { how: 'no-data', text: answer.text, line: answer.line, cond: `else of ${text}` } : undefined;
  }
  const answer = literalArm(armOf(cons), ctx, 0);
  return answer && (last || answer.leaves) ? { how: 'no-data', text: answer.text, line: answer.line, cond: text } : undefined;
}

/** `x.$auth === true`, `x.authenticated`, `!x.isLogin`, `x.loggedIn !== true`: which way, or undefined. */
function flagTest(cond: string | undefined): 'present' | 'missing' | undefined {
  if (cond === undefined) return undefined;
  let t = cond.replace(/\s+/g, '');
  while (/^\(.*\)$/.test(t)) t = t.slice(1, -1);
  let negated = false;
  if (t.startsWith('!') && !t.startsWith('!=')) {
    negated = true;
    t = t.slice(1).replace(/^\((.*)\)$/, '$1');
  }
  const m = /^[\w$]+(?:\.[\w$]+)*\.([\w$]+)(?:(===?|!==?)true)?$/.exec(t);
  if (!m || !AUTH_FLAG.test(m[1]!)) return undefined;
  if (m[2]?.startsWith('!')) negated = !negated;
  return negated ? 'missing' : 'present';
}

function armOf(n: Node): Node[] {
  const inner = n.type === 'else_clause' ? named(n) : [n];
  return inner.length === 1 && inner[0]!.type === 'statement_block' ? named(inner[0]) : inner;
}

/**
 * Statements that only answer fixed text: `ctx.body = <literal or f(literals)>`, `ctx.status = 401`,
 * `ctx.ws.send('…')`, `return`, or an `if`/`else` both of whose arms do: the first answer.
 */
function literalArm(stmts: Node[], ctx: string, depth: number): { text: string; line: number; leaves: boolean } | undefined {
  if (depth > MAX_DEPTH || !stmts.length) return undefined;
  let first: { text: string; line: number } | undefined;
  let leaves = false;
  for (const s of stmts) {
    if (s.type === 'comment') continue;
    if (s.type === 'if_statement') {
      const cons = s.childForFieldName('consequence');
      const alt = s.childForFieldName('alternative');
      const a = cons ? literalArm(armOf(cons), ctx, depth + 1) : undefined;
      const b = alt ? literalArm(armOf(alt), ctx, depth + 1) : undefined;
      if (!a || !b) return undefined;
      first ??= a;
      leaves ||= a.leaves && b.leaves;
      continue;
    }
    const e = s.type === 'expression_statement' || s.type === 'return_statement' ? named(s)[0] : undefined;
    if (s.type === 'return_statement') leaves = true;
    if (!e) {
      if (s.type === 'return_statement') continue;
      return undefined;
    }
    if (!fixedAnswer(e, ctx)) return undefined;
    first ??= { text: short(e.text), line: line(e) };
  }
  return first ? { ...first, leaves } : undefined;
}

/** `ctx.body = …`/`ctx.status = …` with a fixed value, or `ctx.ws.send(literal)` / `ctx.websocket.send(literal)`. */
function fixedAnswer(e: Node, ctx: string): boolean {
  let n = e;
  while (n.type === 'parenthesized_expression' && named(n).length === 1) n = named(n)[0]!;
  if (n.type === 'assignment_expression') {
    const left = n.childForFieldName('left')?.text.replace(/\s+/g, '');
    const right = n.childForFieldName('right');
    return (left === `${ctx}.body` || left === `${ctx}.status`) && !!right && fixedValue(right);
  }
  if (n.type === 'call_expression') {
    const fn = n.childForFieldName('function')?.text.replace(/\s+/g, '');
    return (fn === `${ctx}.ws.send` || fn === `${ctx}.websocket.send`) && named(n.childForFieldName('arguments')).every((a) => isLiteralValue(a));
  }
  return false;
}

/** A literal, or a call of ours given only literals (`resReturn(null, 40011, '请登录...')`). */
function fixedValue(n: Node): boolean {
  if (isLiteralValue(n)) return true;
  return n.type === 'call_expression' && named(n.childForFieldName('arguments')).every((a) => isLiteralValue(a));
}

/** `ctx.body = …` or `ctx.status = …` as a statement: an answer. */
function answers(s: Node, ctx: string): boolean {
  const e = s.type === 'expression_statement' ? named(s)[0] : undefined;
  const left = e?.type === 'assignment_expression' ? e.childForFieldName('left')?.text.replace(/\s+/g, '') : undefined;
  return left === `${ctx}.body` || left === `${ctx}.status`;
}

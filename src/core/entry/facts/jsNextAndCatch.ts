// What a JS function's text says about the request it handles, beyond its calls: whether every
// next() waits for a known caller, whether a catch swallows what its try calls, and its code
// without prose (for the "reads who is calling" test). Used by jsFacts.ts.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { Refusal } from './types';

/**
 * Code without its prose: string literals with a space in them are messages and header values
 * written out (`WWW-Authenticate: Bearer resource_metadata=…` on an error), not reads of who is
 * calling; a header name (`'authorization'`) has no space and stays.
 */
export function withoutProse(text: string): string {
  // Comments and literals in one left-to-right scan: a literal is matched from its opening quote
  // (a closing quote never opens the next one) and an apostrophe in a comment opens nothing.
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|(["'`])(?:\\.|(?!\1)[^\\])*\1/g, (tok, quote?: string) => (!quote ? ' ' : /\s/.test(tok) ? '""' : tok));
}

/**
 * A `catch` that swallows the error: it neither throws, nor answers the request, nor passes the
 * error on (`catch { return undefined; }`, `catch (err) { Logger.warn(err); }`).
 */
export function swallows(handler: Node): boolean {
  const t = withoutProse(handler.text);
  return !/\bthrow\b|\b(next|reject|done|cb|callback)\s*\(\s*\w|\.(status|sendStatus|send|json|redirect|end|writeHead|throw|abort)\s*\(|\bstatus(Code)?\s*=|\babort\s*\(|\bredirect\s*\(/.test(t);
}

/** A condition that holds only when the caller is known: `(user)`, `(ctx.state.auth.user)`, `(req.isAuthenticated())`. */
const CALLER_KNOWN = /^\(?\s*[\w$.?]*\b(user|currentUser|principal|session\.user\w*|isAuthenticated\(\)|is_authenticated|isLoggedIn\(\)|loggedIn)\s*\)?$/;

/**
 * A middleware that calls `next()` only when the caller is known (`if (user) return next();`)
 * and otherwise answers by itself (a redirect, an error page) never lets an anonymous request
 * reach the handler: a refusal, whatever the answer is.
 */
export function gatedNext(nexts: { cond: string; line: number; bound?: string }[]): Refusal | undefined {
  if (!nexts.length || !nexts.every((n) => CALLER_KNOWN.test(n.cond) || afterCallerMissing(n.cond) || verifiedName(n))) return undefined;
  const first = nexts[0]!;
  // Past `if (!ctx.user.is_admin) return …`: the refusal sits under that test.
  if (first.cond.startsWith('else of ')) return { how: 'no-next', text: `next() only past ${first.cond.slice(8)}`, line: first.line, cond: first.cond.slice(8) };
  return { how: 'no-next', text: `next() only when ${first.cond}`, line: first.line, cond: `else of ${first.cond}` };
}

/**
 * `if (u) { req.user = u; next() } else …` with `u` bound to `verify(req.headers.authorization)`: a
 * name holding what a check of the request's credentials answered, tested as it is.
 */
function verifiedName(n: { cond: string; bound?: string }): boolean {
  const m = /^\(?\s*([\w$]+)\s*\)?\s*(\[.*\])?$/s.exec(n.cond.trim());
  return !!m && !!n.bound && VERIFY_CALL.test(n.bound) && CREDENTIAL_READ.test(n.bound);
}
const VERIFY_CALL = /\b(verify|authenticate|decode|validate|check)\w*\s*\(|\bjwt\./i;
const CREDENTIAL_READ = /authori[sz]ation|token|cookie|session|api_?key|credential|x-api|bearer/i;

/** A negated read through the caller: `!ctx.user`, `!ctx.user.is_admin`, `!req.session.userId`. */
const NOT_CALLER = /^!\s*\(?\s*[\w$.?]*\b(user|currentUser|principal|session\.user\w*)\b[\w$.?]*\s*\)?$/;

/**
 * `else of (!ctx.user || !ctx.user._id)`, `else of (!ctx.user.is_admin)`: what follows `if (…) return` whose test
 * fails for a missing caller (reading a property of the user needs the user, in JS a missing one throws or is
 * falsy): the caller is known there. A test joined by `&&` may be false with no caller at all: not this.
 */
export function afterCallerMissing(cond: string): boolean {
  const m = /^else of \((.*)\)$/s.exec(cond.trim());
  if (!m || m[1]!.includes('&&')) return false;
  return m[1]!.split('||').some((part) => NOT_CALLER.test(part.trim()));
}

/** A check of the request's credentials that throws when they do not verify (`jwt.verify(token, key)`, `verifyToken(req.headers.authorization)`). */
// `decodeURIComponent(req.query.token)` throws on a malformed string, not on a bad credential: only decoders of tokens count.
const CREDENTIAL_CHECK = /^(?:[\w$]+\.)*(verify\w*|authenticate\w*|decode(?:Token|Jwt|JWT|IdToken|AccessToken))\s*\(/;
const CREDENTIAL_ARG = /authori[sz]ation|token|cookie|session|api_?key|credential|bearer|jwt/i;

/**
 * `try { req.user = jwt.verify(token, key) } catch (e) { return next(e) }`: the check throws for a
 * request without good credentials (no token at all included), and the catch ends the request with
 * that error (`next(e)`, `throw e`): a refusal, where the error handler answers for it.
 */
export function caughtCheckRefusal(clause: Node): Refusal | undefined {
  const param = clause.childForFieldName('parameter');
  const body = clause.namedChildren.find((c) => c?.type === 'statement_block');
  const tried = clause.parent?.childForFieldName('body');
  if (param?.type !== 'identifier' || !body || !tried) return undefined;
  const passed = body.descendantsOfType(['call_expression', 'throw_statement']).find((c) => {
    if (!c) return false;
    if (c.type === 'throw_statement') return c.namedChildren[0]?.text === param.text;
    const fn = c.childForFieldName('function');
    const args = c.childForFieldName('arguments')?.namedChildren ?? [];
    return fn?.type === 'identifier' && /^_?next$/.test(fn.text) && args.length === 1 && args[0]?.text === param.text;
  });
  if (!passed) return undefined;
  const check = tried.descendantsOfType('call_expression').find((c) => !!c && CREDENTIAL_CHECK.test(c.text) && CREDENTIAL_ARG.test(c.childForFieldName('arguments')?.text ?? ''));
  if (!check) return undefined;
  return { how: 'error', text: `${passed.text.slice(0, 40)} when ${check.text.slice(0, 60)} throws`, line: passed.startPosition.row + 1 };
}

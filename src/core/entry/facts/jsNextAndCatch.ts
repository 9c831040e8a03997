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
export function gatedNext(nexts: { cond: string; line: number }[]): Refusal | undefined {
  if (!nexts.length || !nexts.every((n) => CALLER_KNOWN.test(n.cond) || afterCallerMissing(n.cond))) return undefined;
  const first = nexts[0]!;
  // Past `if (!ctx.user.is_admin) return …`: the refusal sits under that test.
  if (first.cond.startsWith('else of ')) return { how: 'no-next', text: `next() only past ${first.cond.slice(8)}`, line: first.line, cond: first.cond.slice(8) };
  return { how: 'no-next', text: `next() only when ${first.cond}`, line: first.line, cond: `else of ${first.cond}` };
}

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

// A middleware factory of ours that hands out a value rather than code: `func (s *Server)
// requireUser() func(http.Handler) http.Handler { return s.auth.Middleware }`, `return
// mws["session"]`, `return p.(func(http.Handler) http.Handler)`. Its own body refuses nobody, but
// the middleware it returns may: a method value of ours is followed like a returned call (its
// refusals are the factory's); one we cannot read (an interface field with no one implementation,
// a map entry, a type assertion) leaves the route `unknown` when either name reads as auth — not
// "none" because the factory's own lines refuse nobody.
import type { GoNode as Node } from './goNode';
import type { Callee, GoFunc } from './types';
import type { GoIndex } from './resolve';
import { AUTHISH } from '../frameworks/knownGuards';

/** What a function returns that is not a call: a method value or field (with the callee it names, when one), an index, an assertion. */
export interface ValueReturn {
  text: string;
  line: number;
  callee?: Callee;
}

const VALUE = new Set(['selector_expression', 'index_expression', 'type_assertion_expression']);

/** Declared results that can be middleware or a handler: a func type, or a type named like one. */
const HANDLER_RESULT = /^\(?\s*(func\b|[\w.*]*(Handler|HandlerFunc|Middleware|MiddlewareFunc|Filter|Interceptor)\b)/;

/** The value a return hands out, when the function's result can be middleware and the value is no call or literal. */
export function valueReturn(fn: Node, expr: Node, callee: (n: Node) => Callee | undefined): ValueReturn | undefined {
  if (!VALUE.has(expr.type)) return undefined;
  if (!HANDLER_RESULT.test(fn.childForFieldName('result')?.text ?? '')) return undefined;
  const c = expr.type === 'selector_expression' ? callee(expr) : undefined;
  return { text: expr.text.replace(/\s+/g, ' ').slice(0, 120), line: expr.startPosition.row + 1, ...(c && !c.startsWith('meth:') ? { callee: c } : {}) };
}

/** A returned value that is no function of ours we can read, when either name reads as auth: why the route is unknown. */
export function unreadValueReturn(ix: GoIndex, fn: GoFunc, text: string): string | undefined {
  for (const v of fn.valueReturns ?? []) {
    // A method value of ours is followed as a returned call (bodies.ts); a library's is as unread as any.
    if (v.callee && ix.fnOf(v.callee)) continue;
    if (!AUTHISH.test(text.replace(/\(.*$/s, '')) && !AUTHISH.test(v.text)) continue;
    return `${text.replace(/\s+/g, ' ').slice(0, 120)} hands out \`${v.text}\` (${fn.file}:${v.line}), a middleware whose code could not be read`;
  }
  return undefined;
}

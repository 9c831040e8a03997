// A handler that hands a credential the caller sent (`request.headers['x-…-signature']`, the
// Authorization header) to a function whose code is not at hand (Dittofeed's
// `handleSendgridEvents({ webhookSignature: request.headers[…] })` from its sister package
// backend-lib, opened one package at a time): that function checks the credential and the
// handler refuses on its answer, for all we can tell. The route cannot be called unguarded:
// unknown, with the function named ("say unknown rather than guess").
import { builtinModules } from 'node:module';
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { handedCalls } from './handoff';
import { subExprs } from './opWalk';
import { exprText } from './exprText';

/** A header that carries the caller's proof: a signature, a token, a key, the Authorization header. */
const CREDENTIAL_HEADER = /signature|authorization|token|secret|hmac|api[-_]?key/i;

/** `handleSendgridEvents(…) of backend-lib/src/destinations/sendgrid` for the first such call, else undefined. */
export function credentialHandoff(x: Interp, f: FnValue): string | undefined {
  const fact = x.fnFact(f);
  const req = fact?.params[0];
  if (!fact || !req || !/^[\w$]+$/.test(req)) return undefined;
  // `req.headers[…]` / `req.headers.authorization` with a credential's name, anywhere in an argument.
  const isHeaders = (e: Expr): boolean => e[0] === 'm' && e[2] === 'headers' && e[1][0] === 'id' && e[1][1] === req;
  const carries = (a: Expr, depth = 0): boolean => {
    if (depth > 8) return false;
    if (a[0] === 'm' && isHeaders(a[1]) && CREDENTIAL_HEADER.test(a[2])) return true;
    if (a[0] === 'ix' && isHeaders(a[1]) && a[2][0] === 's' && CREDENTIAL_HEADER.test(a[2][1])) return true;
    return subExprs(a).some((s) => carries(s, depth + 1));
  };
  for (const { callee, v } of handedCalls(x, f, carries)) {
    // A package's function, not Node's own (`crypto`, `node:crypto`: the handler's own compare is read as a check).
    if (v.k === 'ext' && !v.spec.startsWith('node:') && !builtinModules.includes(v.spec.split('/')[0]!)) return `${exprText(callee)}(…) of ${v.spec}, given the caller's credential header, whose code is not in the folder`;
  }
  return undefined;
}

// A middleware that says it does not read the request (`isMultiUserSetup(_request, response, next)`,
// `simpleSSOEnabled(_, response, next)`: AnythingLLM's mode and feature switches) cannot tell one
// caller from another: what it refuses, it refuses to everyone, by the install's settings. Its
// refusal is a switch, not a check of the caller, unless its test reads an identity an earlier
// middleware left beside the request (`response.locals.user`). Only a first parameter named as
// unused (`_`, `_req`), and never named in the code: the author said so and the code agrees.
import type { Refusal } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { withClosures } from './opWalk';
import { contextAsParam } from './thisContext';

/** Who is calling, as a test may read it off the response's locals or a call. */
const IDENTITY_TEST = /\blocals\b[\w$?.]*\.\s*(user|account|member|principal|identity|session|auth\w*|token|jwt|api_?key)|current_?user|authenticat|logged_?in|signed_?in|session|credential|principal/i;

/** Does the Express middleware `f` (`(req, res, next)`) refuse by `r` whoever calls? */
export function refusesWhoeverCalls(x: Interp, f: FnValue, r: Refusal): boolean {
  const fact = x.fnFact(f);
  if (!fact) return false;
  const params = contextAsParam(fact).params;
  const req = params[0];
  if (params.length !== 3 || !req || !/^_[\w$]*$/.test(req)) return false;
  if (IDENTITY_TEST.test(r.cond ?? '') || IDENTITY_TEST.test(r.text)) return false;
  const named = new RegExp(`(?<![\\w$])${req.replace(/\$/g, '\\$')}(?![\\w$])`);
  return withClosures(x, f).every(({ fact: g, roots }) => !roots.has(req) || !named.test(JSON.stringify(g.ops)));
}

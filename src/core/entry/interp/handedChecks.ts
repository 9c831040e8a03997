// A handler that hands a check of ours to code we cannot follow: `validateSamlAssertion({ body },
// getSession, setSession)` on a connector loaded at run time, where `getSession` looks up the
// session the request names and refuses when there is none. Whether that code calls it, and so
// whether the route refuses a caller, is not known: the route is `unknown`, never "open".
import type { Interp } from './interpreter';
import type { FnValue, KnownGuard } from './values';
import { liveRefusals } from './liveRefusals';
import { receiverKey } from './libraryRegistrations';

/** Functions of ours read below one handed over (what they call, as a probe runs them). */
const MAX_READ = 60;

/**
 * `getSession (refuses: throw … at file:line) to validateSamlAssertion(…)` for the first function
 * the handler hands to a call Deep Dive could not resolve that refuses (itself, or code it calls),
 * or undefined.
 */
export function handedCheck(x: Interp, handler: FnValue): string | undefined {
  const { handed } = x.probeCalls(handler);
  // A call on a library's object that functions of ours were registered on (libraryRegistrations.ts): it calls them.
  const registered = registeredCalls(x, handler).flatMap((c) => c.fns.map((fn) => ({ fn, to: c.to })));
  for (const h of [...handed, ...registered]) {
    const below = x.probeCalls(h.fn).fns.slice(0, MAX_READ);
    for (const g of [h.fn, ...below]) {
      const r = liveRefusals(x, g)[0];
      if (!r) continue;
      const name = x.fnFact(h.fn)?.name.replace(/^<anon@\d+>$/, 'a function') ?? 'a function';
      return `${name} (which refuses: ${r.text}, ${g.file}:${r.line}) to ${h.to}`;
    }
  }
  return undefined;
}

/**
 * The handler's calls on a library's object that functions of ours were registered on
 * (`api.handleRequest(req, req, res)` after `api.register('getText', handler)`): per call, the
 * object as written and the functions it may run for the request.
 */
export function registeredCalls(x: Interp, handler: FnValue): { to: string; fns: FnValue[] }[] {
  const out: { to: string; fns: FnValue[] }[] = [];
  const seen = new Set<string>();
  const req = x.fnFact(handler)?.params[0];
  for (const e of x.probeCalls(handler).exts) {
    // Only a call handed the request itself (`api.handleRequest(req, …)`), not any use of the object.
    if (!req || !e.args?.some((a) => a.k === 'unknown' && a.text === req)) continue;
    const key = receiverKey(e);
    // Not the callback handed with the request in that same call (`form.parse(req, (err, fields) => …)`):
    // a continuation of the handler, not a function the object picks for the request.
    const fns = (key ? x.registeredOn.get(key) ?? [] : []).filter((r) => r.at !== `${e.site?.file}@${e.site?.offset}`).map((r) => r.fn);
    if (!key || !fns.length || seen.has(key)) continue;
    seen.add(key);
    out.push({ to: `${e.path.join('.').replace(/\.\(\)/g, '()')} (${e.spec})`, fns });
  }
  return out;
}

/** An error thrown for a caller without credentials (`new createHTTPError.Unauthorized(…)`, `HttpError(401, …)`). */
const UNAUTHENTICATED = /Unauthori[sz]ed|Unauthenticated|\b401\b/;

/**
 * A 401 ("who are you?") that a function registered on a library's object meets, itself or in the
 * code it calls (`handler` → `apiHandler.handle`, which throws Unauthorized without the API key or a
 * bearer token), and that the run does not decide against: the caller without credentials is refused.
 */
export function unauthenticatedBelow(x: Interp, f: FnValue): KnownGuard | undefined {
  for (const g of [f, ...x.probeCalls(f).fns.slice(0, MAX_READ)]) {
    const r = liveRefusals(x, g).find((k) => k.how === '401' || (k.how === 'throw' && UNAUTHENTICATED.test(k.text)));
    if (!r) continue;
    const name = x.fnFact(g)?.name.replace(/^<anon@\d+>$/, 'a function') ?? 'a function';
    return { name: `check in ${name}`, kind: 'authentication', reason: `refuses${r.cond ? ` when ${r.cond}` : ''}: ${r.text}`, file: g.file, line: r.line, evidence: { how: r.how, text: r.text, file: g.file, line: r.line } };
  }
  return undefined;
}

// A handler that hands a check of ours to code we cannot follow: `validateSamlAssertion({ body },
// getSession, setSession)` on a connector loaded at run time, where `getSession` looks up the
// session the request names and refuses when there is none. Whether that code calls it, and so
// whether the route refuses a caller, is not known: the route is `unknown`, never "open".
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { liveRefusals } from './liveRefusals';

/** Functions of ours read below one handed over (what they call, as a probe runs them). */
const MAX_READ = 60;

/**
 * `getSession (refuses: throw … at file:line) to validateSamlAssertion(…)` for the first function
 * the handler hands to a call Deep Dive could not resolve that refuses (itself, or code it calls),
 * or undefined.
 */
export function handedCheck(x: Interp, handler: FnValue): string | undefined {
  const { handed } = x.probeCalls(handler);
  for (const h of handed) {
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

// A refusal that its function's closure decides against refuses no one. A middleware factory
// that makes a strict and a loose variant of one check (`authenticate('jwt', …, isStrict)`, its
// callback throwing 401 under `if (!user && isStrict)`) refuses anonymous callers only in the
// variant made with `isStrict` true: the test is decided on the values the closure holds, as an
// operation's is (whenEval.ts), with the call's arguments bound to the function's parameters.
import type { Refusal } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, FnValue, Value } from './values';
import { UNKNOWN } from './values';
import { decide } from './whenEval';
import { bindSettled, settledLocals } from './settledLocals';

/**
 * `fn`'s refusals that may still happen when it is called with `args` (unknown where not given):
 * those no test of which its closure and the arguments decide against. A setting read at its
 * default decides nothing (as for an operation's test: what the code does under configuration is
 * still what it does).
 */
export function liveRefusals(x: Interp, fn: FnValue, args: readonly Value[] = []): Refusal[] {
  const fact = x.fnFact(fn);
  const all = fact?.refusals ?? [];
  if (!fact || !all.some((r) => r.when?.length)) return all;
  const env: Env = { vars: new Map(), parent: fn.env, file: fn.file, ...(fn.self ? { self: fn.self } : {}) };
  // Every parameter is bound, to its argument or to an unknown: a name the closure also has
  // (`user` outside) is not the one the test reads.
  fact.params.forEach((p, i) => {
    if (/^[A-Za-z_$][\w$]*$/.test(p)) env.vars.set(p, args[i] ?? UNKNOWN(p));
  });
  // Locals the tests read, where nothing could have changed them before the test (settledLocals.ts):
  // `if (!list.length) return next()` after `const list = [needed].filter((n) => n !== OPEN)`.
  const locals = settledLocals(x, fn);
  const decided = new Map<number, boolean | undefined>();
  const off = (w: NonNullable<Refusal['when']>[number]): boolean => {
    if (!decided.has(w.offset)) decided.set(w.offset, decide(w.cond, bindSettled(x, locals, env, w.offset), (e, en) => x.evalExpr(e, en), (v) => x.guessed.get(v) ?? (x.configured.has(v) ? 'any' : undefined)));
    const d = decided.get(w.offset);
    return d !== undefined && d !== w.holds;
  };
  return all.filter((r) => !r.when?.some(off));
}

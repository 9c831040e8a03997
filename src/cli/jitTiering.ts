// How eagerly V8 optimizes this process's functions. A `deepdive` command is one short run over
// code that is cold when it starts: the route interpreter (src/core/entry/interp) runs each of its
// many small, polymorphic functions over values of every shape, so V8's optimizing compiler
// (TurboFan) compiled them early, and deoptimized some of that code as new shapes came (238
// deoptimizations in one pass on Ghost).
// Measured on Ghost (cold entry-point pass, map already built, one process, a loaded 2-core
// machine): 3.7–4.0 s of CPU with V8's defaults, 2.4–2.8 s with a 16 times larger interrupt
// budget, the same routes; a second pass in the same process (everything compiled) takes 1.2–1.6 s
// either way, so a run long enough to profit from the compiler still gets it, later. The map's
// workers, started after this, are no slower with it (their CPU slightly lower). Whole cold
// `deepdive routes`, load 2.5–2.9: Ghost 7.2 → 5.7 s, the 1M-line corpus 18.7 → 16.8 s.
//
// Only for a process that is `deepdive` itself: V8's flags belong to the whole process, and an
// editor host that imports the CLI must keep its own.
import { setFlagsFromString } from 'node:v8';

/** V8's default interrupt budget (V8 11, Node 20), in bytecode executed between tiering decisions. */
const DEFAULT_INTERRUPT_BUDGET = 67_584;
/** How many times V8's default budget a function runs before it is considered for optimization. */
export const BUDGET_FACTOR = 16;

/** Optimize later: for a one-shot CLI process, before any of its work runs. */
export function tuneJitForOneShot(): void {
  setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET * BUDGET_FACTOR}`);
}

// Entry points from entry facts: interpret, link, judge guards. Pure over facts.
import type { EntryWarning } from '../types';
import type { Framework } from '../frameworks/types';
import { GuardJudge } from './guardEval';
import { Interp } from './interpreter';
import type { LinkedRoute } from './routeEntry';
import { linkRoutes } from './link';
import type { Program } from './program';

export interface InterpretedEntries {
  routes: LinkedRoute[];
  warnings: EntryWarning[];
  /** The string a name holds in a file's module scope (Interp.constantIn). */
  constantIn: (file: string, expr: string) => string | undefined;
}

/** `asked`: files whose module constants the caller reads afterwards (`constantIn`). */
export function interpretEntries(program: Program, frameworks: Framework[], asked: readonly string[] = []): InterpretedEntries {
  const x = new Interp(program, frameworks);
  x.reachSeeds = asked;
  x.run();
  const judge = new GuardJudge(x, frameworks);
  const routes = linkRoutes(x, judge);
  return { routes, warnings: x.warnings.map((w) => ({ file: w.file, ...(w.line !== undefined ? { line: w.line } : {}), reason: w.reason })), constantIn: (file, expr) => x.constantIn(file, expr) };
}

// A route handler written in one of the service's own installed packages (verdaccio's web UI
// routes in node_modules/@verdaccio/middleware, read by ownPackages.ts for their routes): the map
// leaves node_modules out, so the call graph has no calls for that file and the route's flow
// would stop at its handler. The interpreter has the file's facts, so it names here the functions
// of ours the handler calls itself (a callee resolved the way handoff.ts resolves one: the
// closure's names, imports, `this`), in the order written: the flow's first steps. Calls of
// packages, of values we cannot resolve and of functions the handler only defines stay out, as
// the call graph leaves them out of a flow.
import type { Expr, Site } from '../facts/types';
import type { InstalledCall } from '../types';
import type { Interp } from './interpreter';
import type { FnValue, Value } from './values';
import { calleeValue } from './handoff';
import { opExprs, subExprs, walkOps } from './opWalk';
import { exprText } from './exprText';

/** A file the map does not hold: installed packages live under node_modules. */
const INSTALLED = /(^|\/)node_modules\//;
/** Calls listed at most (a flow shows a handler's first calls). */
const MAX_CALLS = 20;

export function inInstalledPackage(file: string): boolean {
  return INSTALLED.test(file);
}

/** The functions of ours `fn` calls in its own body (not in the closures it writes), in source order. */
export function installedHandlerCalls(x: Interp, fn: FnValue): InstalledCall[] {
  const fact = x.fnFact(fn);
  if (!fact) return [];
  const calls: [Expr, Site][] = [];
  const collect = (e: Expr, depth: number): void => {
    if (depth > 12) return;
    if ((e[0] === 'c' || e[0] === 'new') && calls.length < MAX_CALLS) calls.push([e[1], e[3]]);
    for (const s of subExprs(e)) collect(s, depth + 1);
  };
  walkOps(fact.ops, (op) => {
    for (const e of opExprs(op)) collect(e, 0);
  });
  const env = { vars: new Map<string, Value>(), parent: fn.env, file: fn.file, ...(fn.self ? { self: fn.self } : {}) };
  const out: InstalledCall[] = [];
  const seen = new Set<string>();
  for (const [callee, site] of calls.sort((a, b) => a[1][1] - b[1][1])) {
    // Only names and members: evaluating a callee that is itself a call would run code.
    if (!plainCallee(callee)) continue;
    let v: Value | undefined;
    try {
      v = calleeValue(x, callee, env);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
    if (v?.k === 'kw') v = v.v;
    if (v?.k !== 'fn') continue;
    const target = x.fnFact(v);
    if (!target || /^<anon@/.test(target.name)) continue;
    const key = `${v.file}:${v.fn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: target.name, file: v.file, range: { start: target.start, end: target.end }, callee: exprText(callee), line: site[0] });
  }
  return out;
}

function plainCallee(e: Expr): boolean {
  for (let i = 0; i < 12; i++) {
    if (e[0] === 'id' || e[0] === 'this') return true;
    if (e[0] !== 'm') return false;
    e = e[1];
  }
  return false;
}

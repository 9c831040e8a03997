// Judges the wrappers of ours around file-route handlers (fileRouting/handlerWrappers.ts) by their
// code, over the entry facts of every file: `withWorkspace(handler, opts)` returns a function (often
// handed to another wrapper, `withAxiomBodyLog(async (req) => { … })`) that refuses the request —
// `throw new DubApiError({ code: "unauthorized" })`, `return new Response('…', { status: 401 })` —
// before it calls the handler. A refusal read anywhere in the wrapper's functions makes it a guard,
// with the refusal as evidence; a wrapper that reads the caller but shows no refusal we can read, or
// one of ours we cannot find, leaves the route `unknown`; a wrapper with neither (a logger) is no guard.
import type { EntryFacts, FnFact, Refusal } from './facts/types';
import type { Program } from './interp/program';
import type { FileDecls, Guard, RouteDecl, WrapperCall } from './types';

/** How many `export * from` / `export { x } from` hops are followed to the wrapper's definition. */
const DEPTH = 4;
/** Refusals that turn a caller away (not a 400 for bad input, nor a fixed empty answer). */
const REFUSING = new Set(['401', '403', 'throw', 'error', 'redirect-login', 'signature']);

interface Found {
  file: string;
  facts: EntryFacts;
  index: number;
}

type Verdict = { guard: Guard } | { doubt: string } | { none: true };

export function applyWrapperChecks(decls: FileDecls[], program: Program): void {
  for (const d of decls) {
    if (!d.routes.some((r) => r.wrappers?.length)) continue;
    // New records: a file's routes may be the cached facts of its last read.
    d.routes = d.routes.map((r): RouteDecl => {
      let out = r;
      for (const w of r.wrappers ?? []) {
        const v = judgeWrapper(program, d.file, w);
        if ('guard' in v) out = { ...out, guards: [...out.guards, { text: v.guard.name, line: v.guard.line, via: v.guard.reason, guard: v.guard }] };
        else if ('doubt' in v && !out.doubt) out = { ...out, doubt: v.doubt };
      }
      return out;
    });
  }
}

export function judgeWrapper(program: Program, file: string, w: WrapperCall): Verdict {
  const target = w.spec === '' ? file : program.resolve(file, w.spec);
  // A package's wrapper (a logger, a framework's factory): not ours to read, as before.
  if (!target || !program.facts.has(target)) return { none: true };
  const found = w.spec === '' ? localFn(program, target, w.imported, 0) : exportedFn(program, target, w.imported, 0);
  if (!found) return { doubt: `the handler is wrapped by ${w.callee}(…), whose code Deep Dive could not find` };
  const fns = [found.index, ...nested(found.facts, found.index)].map((i) => found.facts.fns[i]!);
  const refusal = fns.flatMap((f) => f.refusals ?? []).find((x: Refusal) => REFUSING.has(x.how));
  if (refusal) {
    const fn = found.facts.fns[found.index]!;
    return {
      guard: {
        name: `${w.callee}(…)`,
        kind: 'authentication',
        reason: `wrapper ${w.callee}(…) around the exported handler (${found.file}:${fn.start}); its code refuses: ${refusal.text}`,
        file,
        line: w.line,
        evidence: { how: refusal.how, text: refusal.text, file: found.file, line: refusal.line },
      },
    };
  }
  const reads = fns.find((f) => f.readsIdentity)?.readsIdentity;
  if (reads) return { doubt: `the handler is wrapped by ${w.callee}(…), which reads the caller (${reads}) but shows no refusal Deep Dive could read` };
  return { none: true };
}

/** The functions written inside function `index` of the file, at any depth. */
function nested(facts: EntryFacts, index: number): number[] {
  const out: number[] = [];
  facts.fns.forEach((f: FnFact, i: number) => {
    for (let p = f.parent, n = 0; p !== undefined && n < 20; p = facts.fns[p]?.parent, n++) {
      if (p === index) {
        out.push(i);
        break;
      }
    }
  });
  return out;
}

/** What a file exports under `name`: a function of its own, or one it re-exports (`export * from './workspace'`). */
function exportedFn(program: Program, file: string, name: string, depth: number): Found | undefined {
  const facts = program.facts.get(file);
  if (!facts || depth > DEPTH) return undefined;
  const e = facts.exports.find(([n]) => n === name)?.[1];
  if (e?.[0] === 'f') return facts.fns[e[1]] ? { file, facts, index: e[1] } : undefined;
  if (e?.[0] === 'id') return localFn(program, file, e[1], depth);
  if (e?.[0] === 'imp') {
    const t = program.resolve(file, e[1]);
    return t && t !== file ? exportedFn(program, t, e[2], depth + 1) : undefined;
  }
  for (const [n, x] of facts.exports) {
    if (n !== '*' || x[0] !== 'imp') continue;
    const t = program.resolve(file, x[1]);
    const got = t && t !== file ? exportedFn(program, t, name, depth + 1) : undefined;
    if (got) return got;
  }
  return undefined;
}

/** A name of a file's module scope that is a function: declared there (`export const withWorkspace = (…) => …`) or imported. */
function localFn(program: Program, file: string, name: string, depth: number): Found | undefined {
  const facts = program.facts.get(file);
  if (!facts) return undefined;
  const own = facts.fns.findIndex((f) => f.name === name && f.parent === undefined && !f.owner);
  if (own >= 0) return { file, facts, index: own };
  const imp = facts.imports.find((i) => i.local === name);
  if (!imp || imp.name === '*') return undefined;
  const t = program.resolve(file, imp.spec);
  return t && t !== file ? exportedFn(program, t, imp.name, depth + 1) : undefined;
}

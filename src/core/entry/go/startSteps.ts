// Start-up programs share their beginnings. Every write of a setting is computed from the
// statements before it in its function (startValues.ts), and a setup function writes dozens of
// settings one after another (woodpecker's server command: a fifth of its files' extraction time
// re-reading the statements above each write). Here each statement's program is read once for the
// locals declared before it: a trie of statement sequences per function, whose steps keep the
// program and the locals after it. The same answers, each copied out (no two facts share arrays).
import type { GoNode as Node } from './goNode';
import type { VStmt } from './startValues';

interface Step {
  out: VStmt[];
  locals: Set<string>;
  next: Map<string, Step>;
}

/** One file's steps, by function. */
export type StartMemo = Map<string, Step>;

/** The programs of `stmts` in order from `params`, and the locals after them, as `run` makes them one by one. */
export function memoSteps(memo: StartMemo, fn: Node, stmts: Node[], params: Set<string>, run: (s: Node, locals: Set<string>) => VStmt[]): { body: VStmt[]; locals: Set<string> } {
  const key = `${fn.startIndex}:${fn.endIndex}`;
  let at: Step = memo.get(key) ?? { out: [], locals: params, next: new Map() };
  memo.set(key, at);
  const body: VStmt[] = [];
  for (const s of stmts) {
    const k = `${s.type}@${s.startIndex}:${s.endIndex}`;
    let step: Step | undefined = at.next.get(k);
    if (!step) {
      const locals = new Set(at.locals);
      step = { out: run(s, locals), locals, next: new Map() };
      at.next.set(k, step);
    }
    body.push(...structuredClone(step.out));
    at = step;
  }
  return { body, locals: new Set(at.locals) };
}

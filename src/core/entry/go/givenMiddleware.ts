// A middleware factory of ours that runs the middleware it is given: `authMw :=
// jwtOrPAT(patMw, jwtMw)` with `func jwtOrPAT(patMw, jwtMw gin.HandlerFunc) gin.HandlerFunc {
// return func(c *gin.Context) { patMw(c); if c.IsAborted() { return }; if tokenFrom(c) != nil {
// return }; jwtMw(c) } }`. The factory's own code refuses nobody; what it runs does. A caller
// without credentials reaches every member the returned function calls unconditionally, except
// past a pass: one on a credential the caller offered (`tokenFrom(c) != nil`, another way in) or
// after a member already refused (`c.IsAborted()`) keeps the members after it guarding; a pass
// on anything else (`c.GetHeader("X-Internal") == "1"`) may let anyone by, so the member after it
// leaves the route unknown. The members are the arguments written where the factory was called
// (routerValues.ts `given`), each judged as middleware of its own.
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';
import { statements } from './goStatements';
import { isCredential } from './credentialWords';
import type { GoCandidate, GoFunc } from './types';
import type { GoIndex } from './resolve';
import type { Verdict } from './verdict';
import { topArgs } from './verdict';

/** A parameter the returned middleware calls with the request, and the conditions it returns on before. */
export interface GivenRun {
  index: number;
  line: number;
  passes: string[];
}

/** `return func(c) { p(c); …; q(c) }`: the parameters `p`, `q` it runs, in order. */
export function givenRuns(fn: Node, params: string[]): GivenRun[] | undefined {
  if (!params.length) return undefined;
  const ret = statements(fn.childForFieldName('body')).find((s) => s.type === 'return_statement');
  const lit = kids(ret)[0]?.namedChildren[0];
  if (lit?.type !== 'func_literal') return undefined;
  const own = kids(lit.childForFieldName('parameters')).map((d) => d.childForFieldName('name')?.text);
  const out: GivenRun[] = [];
  const passes: string[] = [];
  for (const st of statements(lit.childForFieldName('body'))) {
    if (st.type === 'if_statement') {
      const then = statements(st.childForFieldName('consequence'));
      if (then[then.length - 1]?.type === 'return_statement') passes.push(st.childForFieldName('condition')?.text ?? '');
      continue;
    }
    const call = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (call?.type !== 'call_expression') continue;
    const index = params.indexOf(call.childForFieldName('function')?.text ?? '');
    const args = kids(call.childForFieldName('arguments')).map((a) => a.text);
    // It hands the request on as it got it (`p(c)`, `p(w, r)`).
    if (index < 0 || !args.length || !args.every((a, i) => a === own[i])) continue;
    out.push({ index, line: call.startPosition.row + 1, passes: [...passes] });
  }
  return out.length ? out : undefined;
}

/**
 * `func IfOr[T any](a bool, x, y T) T { if a { return x }; return y }`: which parameter is the test
 * and which value each way, so `IfOr(conf.ForceAuth, authMw, optMw)` is judged by the one the test's
 * value picks (its fresh-install value when it is a setting we read), or by both when they agree.
 */
export function givenPick(fn: Node, params: string[]): GivenPick | undefined {
  const sts = statements(fn.childForFieldName('body'));
  if (sts.length !== 2 || sts[0].type !== 'if_statement' || sts[1].type !== 'return_statement' || sts[0].childForFieldName('alternative')) return undefined;
  const then = statements(sts[0].childForFieldName('consequence'));
  const cond = sts[0].childForFieldName('condition')?.text ?? '';
  const returned = (r: Node | undefined): number => (r?.type === 'return_statement' && kids(r)[0]?.namedChildren.length === 1 ? params.indexOf(kids(r)[0].namedChildren[0]!.text) : -1);
  const test = params.indexOf(cond);
  const yes = then.length === 1 ? returned(then[0]) : -1;
  const no = returned(sts[1]);
  return test >= 0 && yes >= 0 && no >= 0 ? { test, then: yes, else: no } : undefined;
}

export interface GivenPick {
  test: number;
  then: number;
  else: number;
}

/** The members a pick may hand out: the one its test's value picks, else both. */
function picked(ix: GoIndex, fn: GoFunc, c: GoCandidate): { members: (GoCandidate | null)[]; test: string } | undefined {
  const p = fn.picksGiven;
  if (!p || !c.given) return undefined;
  const test = topArgs(c.made ?? c.text)[p.test] ?? '';
  const value = /^(true|false)$/.test(test) ? test : ix.settingOfExpr(c.file, test);
  const members = value === 'true' ? [c.given[p.then]] : value === 'false' ? [c.given[p.else]] : [c.given[p.then], c.given[p.else]];
  return { members: members.map((m) => m ?? null), test };
}

/** The middleware a candidate runs or hands out, through factories that run or pick what they are given. */
export function membersOf(ix: GoIndex, c: GoCandidate, depth = 0): GoCandidate[] {
  const fn = ix.fnOf(c.callee);
  if (!fn || depth > 4) return [];
  const direct = [...(fn.runsGiven ?? []).map((r) => c.given?.[r.index]), ...(picked(ix, fn, c)?.members ?? [])].filter((m): m is GoCandidate => !!m);
  return direct.flatMap((m) => [m, ...membersOf(ix, m, depth + 1)]);
}

const ABORTED = /\.IsAborted\(\)$/;

/** The verdict of a factory call from the members it runs; undefined when it runs none we were given. */
export function givenVerdict(ix: GoIndex, fn: GoFunc, c: GoCandidate, judge: (ix: GoIndex, c: GoCandidate) => Verdict): Verdict | undefined {
  const pick = picked(ix, fn, c);
  if (pick) {
    const vs = pick.members.map((m) => (m ? judge(ix, m) : undefined));
    const [a, b] = vs;
    if (vs.length === 1 && a) return a;
    if (a && b && a.verdict === b.verdict && a.verdict !== 'unknown') return a;
    return { verdict: 'unknown', why: `${c.text} (${c.file}:${c.line}) hands out one of two middleware by \`${pick.test}\` (${fn.file}:${fn.line}), whose value on a fresh install is not known, and they differ` };
  }
  if (!fn.runsGiven || !c.given) return undefined;
  let unknown: string | undefined;
  for (const run of fn.runsGiven) {
    const m = c.given[run.index];
    if (!m) {
      unknown ??= `${c.text} (${c.file}:${c.line}) runs a middleware it is given (${fn.file}:${run.line}) that could not be read`;
      continue;
    }
    const v = judge(ix, m);
    if (v.verdict === 'unknown') unknown ??= v.why;
    if (v.verdict !== 'guard') continue;
    const open = run.passes.find((p) => !ABORTED.test(p) && !isCredential(p));
    if (open !== undefined) {
      unknown ??= `${c.text} (${c.file}:${c.line}) runs ${m.text}, which refuses, only when \`${open}\` does not hold (${fn.file}:${run.line}); who that lets by is not known`;
      continue;
    }
    return { ...v, guard: { ...v.guard, name: c.text.replace(/\s+/g, ' ').slice(0, 120), reason: `${c.via}; runs ${m.text} it is given (${fn.file}:${run.line}): ${v.guard.reason}`, file: c.file, line: c.line } };
  }
  return unknown ? { verdict: 'unknown', why: unknown } : undefined;
}

// Feathers hooks as a route's middleware. A hooks object (`{ before: { all: [...], create: [...] } }`,
// Feathers 5's `around` alike) gives each service method the hooks that run before it; what they are
// worth for one REST route is decided here with the context that route's calls have (its service
// path, its method, provider 'rest'), so that a hook made for every service but stepping aside for one
// (`if (context.path === 'analytics') return context;` before its authentication) is no hook there.
import type { Interp } from '../interp/interpreter';
import type { Env, ObjValue, Value } from '../interp/values';
import type { Expr, When } from '../facts/types';
import { AUTHISH } from './knownGuards';
import { decide } from '../interp/whenEval';
import { opExprs, subExprs, walkOps } from '../interp/opWalk';
import { liveRefusals } from '../interp/liveRefusals';

/** The hooks run before each method (`all` under its own key), in the order written. */
export interface HookLists {
  before: Map<string, Value[]>;
  /** The value they were read from: the same object given twice (a function run again) counts once. */
  source: Value;
}

const flat = (v: Value | undefined): Value[] => (!v ? [] : v.k === 'arr' ? v.items.flatMap(flat) : [v]);

/** `{ before: { all, find, … }, around: { … } }` (or Feathers 5's array of around hooks for every method). */
export function hookListsOf(x: Interp, v: Value): HookLists | undefined {
  const before = new Map<string, Value[]>();
  const add = (key: string, vs: Value[]): void => {
    if (vs.length) before.set(key, [...(before.get(key) ?? []), ...vs]);
  };
  if (v.k === 'arr') add('all', flat(v));
  if (v.k !== 'obj') return before.size ? { before, source: v } : undefined;
  for (const kind of ['around', 'before']) {
    const table = x.member(v, kind);
    if (table.k === 'obj') for (const [k, hooks] of table.props) add(k, flat(hooks));
    else if (table.k === 'fn' || table.k === 'arr') add('all', flat(table));
  }
  return { before, source: v };
}

/** What a REST call of one service method sees as its hook context. */
export interface HookContextInfo {
  path: string;
  method: string;
  app: Value;
}

function contextOf(info: HookContextInfo): ObjValue {
  const str = (v: string): Value => ({ k: 'str', v });
  const params: ObjValue = { k: 'obj', props: new Map([['provider', str('rest')]]) };
  return { k: 'obj', props: new Map<string, Value>([['path', str(info.path)], ['method', str(info.method)], ['type', str('before')], ['params', params], ['app', info.app]]) };
}

const HOOKS_COMMON = /^feathers-hooks-common$/;

/**
 * The hooks that run before one route's method, in order (the lists given app first), or
 * `disallowed` when one of them takes the method off the REST transport: feathers-hooks-common's
 * `disallow()` (every provider) or `disallow('external' | 'rest')`, also inside `when(test, …)` /
 * `iff(test, …)` whose test this context decides.
 */
export function feathersHooksFor(x: Interp, lists: readonly HookLists[], info: HookContextInfo): Value[] | 'disallowed' {
  const ctx = contextOf(info);
  const out: Value[] = [];
  const visit = (hooks: Value[], depth: number): boolean => {
    for (const h of hooks) {
      if (h.k === 'ext' && HOOKS_COMMON.test(h.spec)) {
        const name = h.path.filter((p) => p !== '()').join('.');
        if (name === 'disallow') {
          const providers = (h.args ?? []).map((a) => x.str(a));
          if (!providers.length || providers.some((p) => p === 'external' || p === 'rest')) return false;
          continue;
        }
        if ((name === 'when' || name === 'iff') && depth < 4) {
          const test = h.args?.[0];
          const holds = test?.k === 'bool' ? test : test?.k === 'fn' ? x.callValue(test, [ctx], { file: test.file, line: 0, offset: -8 }) : undefined;
          if (holds?.k === 'bool') {
            if (holds.v && !visit(h.args!.slice(1).flatMap(flat), depth + 1)) return false;
            continue;
          }
        }
        out.push(h);
        continue;
      }
      if (h.k === 'fn' && stepsAside(x, h, ctx)) continue;
      out.push(h);
    }
    return true;
  };
  for (const l of lists) {
    if (!visit(l.before.get('all') ?? [], 0)) return 'disallowed';
    if (!visit(l.before.get(info.method) ?? [], 0)) return 'disallowed';
  }
  return out;
}

/**
 * A hook of ours that does nothing for this context: every refusal of its own sits under a test the
 * context decides against, and so does every call it makes that could refuse (a package's, or one of
 * ours that refuses or is named for authentication): `if (context.path === 'analytics') return context;`
 * before `return authenticate('jwt')(context)` steps aside for the analytics service only.
 */
function stepsAside(x: Interp, h: Extract<Value, { k: 'fn' }>, ctx: ObjValue): boolean {
  const fact = x.fnFact(h);
  const param = fact?.params[0];
  if (!fact?.refusals?.length || !param || liveRefusals(x, h, [ctx]).length) return false;
  const env: Env = { vars: new Map([[param, ctx]]), parent: h.env, file: h.file, ...(h.self ? { self: h.self } : {}) };
  const decided = new Map<number, boolean | undefined>();
  const off = (w: When['w'][number]): boolean => {
    if (!decided.has(w.offset)) decided.set(w.offset, decide(w.cond, env, (e, en) => x.evalExpr(e, en), (v) => x.guessed.get(v) ?? (x.configured.has(v) ? 'any' : undefined)));
    const d = decided.get(w.offset);
    return d !== undefined && d !== w.holds;
  };
  let acts = false;
  walkOps(fact.ops, (op) => {
    const when = (op[op.length - 1] as When | undefined)?.w;
    if (acts || when?.some(off)) return;
    const visit = (e: Expr, d: number): void => {
      if (acts || d > 30) return;
      if (e[0] === 'c' && !harmlessCall(x, e, env)) acts = true;
      for (const sub of subExprs(e)) visit(sub, d + 1);
    };
    for (const e of opExprs(op)) visit(e, 0);
  });
  return !acts;
}

/** A call of a function of ours that refuses nothing and is not named for authentication (the test `isInternal(context)`). */
function harmlessCall(x: Interp, e: Expr, env: Env): boolean {
  if (e[0] !== 'c') return false;
  const callee = x.evalExpr(e[1], env);
  const fact = callee.k === 'fn' ? x.fnFact(callee) : undefined;
  return !!fact && !fact.refusals?.length && !AUTHISH.test(fact.name);
}

// Judges the helper a file-route handler ends with (handlerHelperCall.ts) by the helper's code, over
// the entry facts of every file: `parseRequest(request, schema, options)` guards the handler when the
// value the handler returns on (`error`) is set, for a caller without credentials, to an answer that
// refuses — `error = () => unauthorized()` under `if (!auth)`, `auth = await checkAuth(request)`,
// `unauthorized()` answering `Response.json(…, { status: 401 })`. The other tests the refusal sits
// under are read with the call's own arguments: `if (!options?.skipAuth && !error)` holds for
// `parseRequest(request, schema)` and not for `parseRequest(request, schema, { skipAuth: true })`
// (then no guard); a test we cannot decide leaves the route `unknown`, naming it. Never by a name
// alone: the helper's name says nothing, the identity check must read credentials (or be named for
// it) and the refusal must be a 401/403 the code writes.
import type { Cond, EntryFacts, Expr, FnFact, Op, When } from './facts/types';
import type { Program } from './interp/program';
import type { FileDecls, Guard, HelperCall, RouteDecl } from './types';
import { classifyGuardText } from './guards';
import { exprText } from './interp/exprText';

/** How many functions deep a refusing answer is looked for (`() => unauthorized()` → `Response.json(…, 401)`). */
const DEPTH = 3;

interface Fn {
  file: string;
  facts: EntryFacts;
  fn: FnFact;
}

interface Refusing {
  how: string;
  text: string;
  file: string;
  line: number;
}

type Verdict = { guard: Guard } | { doubt: string } | { none: string };

/** Adds the verdict on each route's helper call: a guard, or the doubt that makes it `unknown`. */
export function applyHelperChecks(decls: FileDecls[], program: Program): void {
  for (const d of decls) {
    if (!d.routes.some((r) => r.helperCall)) continue;
    // New records: a file's routes may be the cached facts of its last read.
    d.routes = d.routes.map((r): RouteDecl => {
      const v = r.helperCall ? judgeHelperCall(program, d.file, r.helperCall) : undefined;
      if (!v || 'none' in v) return r;
      if ('guard' in v) return { ...r, guards: [...r.guards, { text: v.guard.name, line: v.guard.line, via: v.guard.reason, guard: v.guard }] };
      return r.doubt ? r : { ...r, doubt: v.doubt };
    });
  }
}

export function judgeHelperCall(program: Program, file: string, call: HelperCall): Verdict | undefined {
  const target = program.resolve(file, call.spec);
  const helper = target ? exportedFn(program, target, call.imported) : undefined;
  if (call.refusedBy) return refusedWithout(program, file, call, helper);
  if (!helper) return undefined;
  const { fn } = helper;
  // The helper's variable the handler gets back: `return { …, error }` → `error`; or the result itself.
  const results = new Set<string>();
  const direct: { value: Expr; when?: When }[] = [];
  for (const op of fn.ops) {
    if (op[0] !== 'ret') continue;
    const v = call.field === undefined ? op[1] : objectValue(op[1], call.field);
    if (!v) continue;
    if (v[0] === 'id') results.add(v[1]);
    else direct.push({ value: v, when: op[2] });
  }
  const given: { value: Expr; when?: When; line: number }[] = direct.map((d) => ({ ...d, line: fn.start }));
  for (const op of fn.ops) {
    if (op[0] === 'set' && op[1][0] === 'id' && results.has(op[1][1])) given.push({ value: op[2], when: op[3], line: lineOf(op[2], helper.facts) ?? fn.start });
    else if (op[0] === 'let' && results.has(op[1]) && op[2][0] !== 'null') given.push({ value: op[2], when: op[3], line: lineOf(op[2], helper.facts) ?? fn.start });
  }
  const identity = identityLocals(program, helper);
  let doubt: string | undefined;
  let skipped: string | undefined;
  for (const g of given) {
    const refusing = refuses(program, helper, g.value, 0);
    if (!refusing) continue;
    const tests = g.when?.w ?? [];
    let checker: string | undefined;
    let undecided: Cond | undefined;
    let against: Cond | undefined;
    for (const t of tests) {
      const ctx: CondCtx = { fn, call, results, identity };
      const v = decide(t.cond, ctx);
      checker ??= ctx.sawIdentity;
      if (v === undefined) undecided ??= undecidedPart(t.cond, ctx);
      else if (v !== t.holds) against ??= t.cond;
    }
    if (!checker) continue;
    if (against) {
      skipped ??= `${call.callee}() (${helper.file}:${fn.start}) refuses a caller without credentials only when ${condText(against)}, which this call's arguments decide against`;
      continue;
    }
    if (undecided) {
      doubt ??= `depends on ${condText(undecided)}: ${call.callee}() (${helper.file}:${fn.start}) refuses a caller without credentials (${refusing.text}, ${refusing.file}:${refusing.line}) only under it`;
      continue;
    }
    const what = call.field !== undefined ? `the '${call.field}' ${call.callee}() gives back` : `what ${call.callee}() gives back`;
    const guard: Guard = {
      name: call.callee,
      kind: 'authentication',
      reason: `the handler returns ${what} when it is set: ${fn.name} (${helper.file}:${fn.start}) sets it to ${refusing.text} (${refusing.how}, ${refusing.file}:${refusing.line}) at ${helper.file}:${g.line} when ${checker}() finds no caller`,
      file,
      line: call.line,
      evidence: { how: refusing.how, text: refusing.text, file: refusing.file, line: refusing.line },
    };
    return { guard };
  }
  if (doubt) return { doubt };
  return skipped ? { none: skipped } : undefined;
}

/**
 * `const user = await getUserFromRequest(req); if (!user) return unauthorized();`: a guard when the
 * helper reads the caller's credentials (so nothing back means no caller) and what the handler answers
 * then refuses.
 */
function refusedWithout(program: Program, file: string, call: HelperCall, helper: Fn | undefined): Verdict | undefined {
  const by = call.refusedBy!;
  let refusing: Refusing | undefined;
  if ('how' in by) refusing = { how: by.how, text: by.text, file, line: by.line };
  else {
    const target = program.resolve(file, by.spec);
    const g = target ? exportedFn(program, target, by.imported) : undefined;
    const r = g ? returnsRefusal(program, g, 1) : undefined;
    if (r) refusing = { ...r, text: `${by.callee}()` };
  }
  if (!refusing) return undefined;
  const reads = helper ? readsCredentials(helper) : undefined;
  // A refusal under a test of a value we cannot tell is the caller's (a cookie read another way, a
  // package's function): it may be the guard, or a check of something else. Never open.
  if (!helper || !reads) return { doubt: `the handler answers ${refusing.text} (${refusing.how}, ${refusing.file}:${refusing.line}) when ${call.callee}() gives back nothing, and ${helper ? `${helper.file}:${helper.fn.start}` : `'${call.spec}'`} shows no read of the caller's credentials` };
  const guard: Guard = {
    name: call.callee,
    kind: 'authentication',
    reason: `the handler answers ${refusing.text} (${refusing.how}, ${refusing.file}:${refusing.line}) when ${helper.fn.name}() (${helper.file}:${helper.fn.start}, reads ${reads}) finds no caller`,
    file,
    line: call.line,
    evidence: { how: refusing.how, text: refusing.text, file: refusing.file, line: refusing.line },
  };
  return { guard };
}

/** A function a module exports under `name` (`export function x`, `export { x }`, `export default x`). */
function exportedFn(program: Program, file: string, name: string): Fn | undefined {
  const facts = program.facts.get(file);
  const e = facts?.exports.find(([n]) => n === name)?.[1];
  if (!facts || !e) return undefined;
  if (e[0] === 'f') return facts.fns[e[1]] ? { file, facts, fn: facts.fns[e[1]] } : undefined;
  if (e[0] === 'id') return localFn(program, { file, facts }, e[1], 0);
  return undefined;
}

/** A name in a file's module scope that is a function: declared there, or imported from a file of ours. */
function localFn(program: Program, at: { file: string; facts: EntryFacts }, name: string, depth: number): Fn | undefined {
  const own = at.facts.fns.find((f) => f.name === name && f.parent === undefined && !f.owner);
  if (own) return { file: at.file, facts: at.facts, fn: own };
  const imp = at.facts.imports.find((i) => i.local === name);
  if (!imp || depth > DEPTH || imp.name === '*') return undefined;
  const target = program.resolve(at.file, imp.spec);
  return target && target !== at.file ? exportedFn(program, target, imp.name) : undefined;
}

/** `{ url, query, auth, error }` → the value under `key`. */
function objectValue(e: Expr, key: string): Expr | undefined {
  if (e[0] !== 'o') return undefined;
  for (const [k, v] of e[1]) if (k === key) return v;
  return undefined;
}

/** Where a value is written: a call's line, a function literal's first line. */
function lineOf(e: Expr, facts: EntryFacts): number | undefined {
  if (e[0] === 'f') return facts.fns[e[1]]?.start;
  return e[0] === 'c' || e[0] === 'new' ? e[3][0] : undefined;
}

/**
 * Whether a value is an answer that refuses: a Web Response made with status 401/403
 * (`Response.json(body, { status: 401 })`, `new NextResponse(body, { status: 403 })`), a function
 * that gives one back when called (`() => unauthorized()`), or a call of a function of ours whose
 * every return is one (`unauthorized()`), a few functions deep.
 */
function refuses(program: Program, at: Fn, e: Expr, depth: number): Refusing | undefined {
  if (depth > DEPTH) return undefined;
  if (e[0] === 'f') {
    const f = at.facts.fns[e[1]];
    return f ? returnsRefusal(program, { ...at, fn: f }, depth + 1) : undefined;
  }
  if (e[0] !== 'c' && e[0] !== 'new') return undefined;
  const status = webStatus(e);
  if (status) return { how: status, text: exprText(e).slice(0, 100), file: at.file, line: e[3][0] };
  const callee = e[1];
  if (e[0] !== 'c' || callee[0] !== 'id') return undefined;
  const g = localFn(program, at, callee[1], depth);
  const r = g ? returnsRefusal(program, g, depth + 1) : undefined;
  return r ? { ...r, text: `${callee[1]}()` } : undefined;
}

/** Every return of the function refuses (the first one's evidence), or its own code answers 401/403 whatever happens. */
function returnsRefusal(program: Program, g: Fn, depth: number): Refusing | undefined {
  const own = g.fn.refusals?.find((r) => !r.cond && (r.how === '401' || r.how === '403'));
  if (own) return { how: own.how, text: own.text, file: g.file, line: own.line };
  const rets = g.fn.ops.filter((op): op is ['ret', Expr, When?] => op[0] === 'ret');
  if (!rets.length) return undefined;
  let first: Refusing | undefined;
  for (const r of rets) {
    const hit = refuses(program, g, r[1], depth);
    if (!hit) return undefined;
    first ??= hit;
  }
  return first;
}

/** `Response.json(…, { status: 401 })`, `NextResponse.json(…)`, `new Response(…, { status: 403 })`: the status. */
function webStatus(e: Expr): string | undefined {
  if (e[0] !== 'c' && e[0] !== 'new') return undefined;
  const callee = e[1];
  const isWeb = e[0] === 'new' ? callee[0] === 'id' && /^(Next)?Response$/.test(callee[1]) : callee[0] === 'm' && callee[1][0] === 'id' && /^(Next)?Response$/.test(callee[1][1]) && (callee[2] === 'json' || callee[2] === 'error');
  if (!isWeb) return undefined;
  for (const a of e[2]) {
    const s = objectValue(a, 'status');
    if (s?.[0] === 'n' && (s[1] === 401 || s[1] === 403)) return String(s[1]);
  }
  return undefined;
}

/**
 * The helper's locals that hold the caller found from the request's credentials:
 * `auth = await checkAuth(request)`, where the function reads credentials (FnFact.readsIdentity, in
 * it or a function of its file it calls) or is named for checking them.
 */
function identityLocals(program: Program, at: Fn): Map<string, string> {
  const out = new Map<string, string>();
  for (const op of at.fn.ops) {
    const [name, value] = op[0] === 'let' ? [op[1], op[2]] : op[0] === 'set' && op[1][0] === 'id' ? [op[1][1], op[2]] : [undefined, undefined];
    if (!name || !value || value[0] !== 'c') continue;
    const callee = value[1];
    if (callee[0] !== 'id') continue;
    if (identityFn(program, at, callee[1])) out.set(name, callee[1]);
  }
  return out;
}

function identityFn(program: Program, at: Fn, name: string): boolean {
  const cls = classifyGuardText(name);
  if (cls && cls.kind !== 'other' && !cls.optional) return true;
  const g = localFn(program, at, name, 0);
  return !!g && readsCredentials(g) !== undefined;
}

/**
 * What of the caller's credentials a function reads (FnFact.readsIdentity: the Authorization header,
 * `req.user`, a session…), in it or one call down in its file (`checkAuth(request) { const token =
 * getBearerToken(request); … }`); undefined when it reads none.
 */
function readsCredentials(g: Fn): string | undefined {
  if (g.fn.readsIdentity) return g.fn.readsIdentity;
  const readers = new Map(g.facts.fns.filter((f) => f.parent === undefined && f.readsIdentity).map((f) => [f.name, f.readsIdentity!]));
  for (const op of g.fn.ops) for (const callee of callsIn(op)) if (callee[0] === 'id' && readers.has(callee[1])) return `${readers.get(callee[1])} (through ${callee[1]}())`;
  return undefined;
}

/** The callees of the calls an operation makes (in its value, its arguments, an object's values). */
function callsIn(op: Op): Expr[] {
  const out: Expr[] = [];
  const walk = (e: Expr | undefined): void => {
    if (!e) return;
    if (e[0] === 'c') {
      out.push(e[1]);
      e[2].forEach(walk);
    } else if (e[0] === 'or') {
      walk(e[1]);
      walk(e[2]);
    } else if (e[0] === 'o') for (const [, v] of e[1]) walk(v);
  };
  if (op[0] === 'let' || op[0] === 'set') walk(op[2]);
  else if (op[0] === 'ret' || op[0] === 'call') walk(op[1]);
  return out;
}

interface CondCtx {
  fn: FnFact;
  call: HelperCall;
  /** The helper's variables the handler gets back: not set yet where they are tested (were they set, the handler would return them anyway). */
  results: Set<string>;
  identity: Map<string, string>;
  /** The function whose result a test read (`checkAuth` for `!auth`). */
  sawIdentity?: string;
}

/** A test for a caller without credentials, with the call's arguments; undefined when it cannot be told. */
function decide(c: Cond, ctx: CondCtx): boolean | undefined {
  switch (c[0]) {
    case 't':
      return truthy(c[1], ctx);
    case 'not': {
      const v = decide(c[1], ctx);
      return v === undefined ? undefined : !v;
    }
    case 'and': {
      const a = decide(c[1], ctx);
      const b = decide(c[2], ctx);
      return a === false || b === false ? false : a === true && b === true ? true : undefined;
    }
    case 'or': {
      const a = decide(c[1], ctx);
      const b = decide(c[2], ctx);
      return a === true || b === true ? true : a === false && b === false ? false : undefined;
    }
    default:
      return undefined;
  }
}

function truthy(e: Expr, ctx: CondCtx): boolean | undefined {
  // `auth`, `auth.user`, `auth?.user.id`: no caller was found.
  let base = e;
  const props: string[] = [];
  while (base[0] === 'm') {
    props.unshift(base[2]);
    base = base[1];
  }
  if (base[0] !== 'id') return undefined;
  const name = base[1];
  const checker = ctx.identity.get(name);
  if (checker !== undefined) {
    ctx.sawIdentity ??= checker;
    return false;
  }
  if (!props.length && ctx.results.has(name)) return false;
  const i = ctx.fn.params.indexOf(name);
  if (i < 0) return undefined;
  // A parameter: the call's argument (absent: undefined, so `options?.skipAuth` is falsy).
  let v: Expr | undefined = ctx.call.args[i];
  for (const p of props) {
    if (v === undefined || v[0] === 'null') return false;
    if (v[0] !== 'o') return undefined;
    v = objectValue(v, p);
  }
  if (v === undefined) return false;
  switch (v[0]) {
    case 'null':
      return false;
    case 'b':
      return v[1];
    case 'n':
      return v[1] !== 0;
    case 's':
      return v[1] !== '';
    case 'o':
    case 'a':
    case 'f':
      return true;
    default:
      return undefined;
  }
}

/** The part of a test that cannot be told (`options.skipAuth` of `!options.skipAuth && !error`). */
function undecidedPart(c: Cond, ctx: CondCtx): Cond {
  if (c[0] === 'not') return undecidedPart(c[1], ctx);
  if (c[0] === 'and' || c[0] === 'or') return decide(c[1], ctx) === undefined ? undecidedPart(c[1], ctx) : undecidedPart(c[2], ctx);
  return c;
}

function condText(c: Cond): string {
  switch (c[0]) {
    case 't':
      return exprText(c[1]);
    case 'not':
      return `!(${condText(c[1])})`;
    case 'and':
      return `${condText(c[1])} && ${condText(c[2])}`;
    case 'or':
      return `(${condText(c[1])} || ${condText(c[2])})`;
    case 'eq':
      return `${c[2][0] === 'v' ? exprText(c[2][1]) : `typeof ${exprText(c[2][1])}`} ${c[1]} ${c[3][0] === 'v' ? exprText(c[3][1]) : `typeof ${exprText(c[3][1])}`}`;
    default:
      return 'a test that cannot be read';
  }
}

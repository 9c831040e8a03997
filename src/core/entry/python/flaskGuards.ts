// What a Flask service's own functions do with the caller's identity, read per file for the Python
// link pass (flaskGuardJudge.ts judges it once every file is read). A custom decorator is judged by
// its wrapper, not its name: for each place the wrapper calls the function it wraps, the conditions
// that lead there (an `if` arm taken, an earlier `if C: abort(403)` passed). A view is judged by
// the refusals at the start of its body (`if not authed(): return redirect(url_for("auth.login"))`,
// `if is_admin(): return …` then a redirect to login, `if C: … else: abort(403)`). Which called
// helper reads the identity (`authed()` reading `session`) is only known across files, so
// conditions keep the references of the functions they call.
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { kids, line } from '../treeUtil';
import { oneLine } from '../guards';
import { paramNames } from './pyScope';
import { refusalOf, refusalKind } from './flaskHooks';
import { helperErrorIn, notFoundIn, refusalIn, refusalOfStatement } from './statementRefusals';
import { defaultsFrom, settingTest, type SettingTest } from './settingDefaults';
import { andParts, orParts, routeTestsOf, viewParams, type RouteTest } from './routeTests';
import { comparedCredentials, comparesCredentials, mentions, NO_WAY_CTX, verifiesCredentials, wayCtx, type WayCtx } from './wayFacts';
import { columnTest, exemptParts } from './settingColumns';
import { userLookupStop } from './userLookups';
import { verifierCallOf } from './verifierCalls';
import { receiverCalls } from './unresolvedMethods';
import { keyedGate } from './keyedSettings';
import { alwaysStops, boundOrAbort, chainWays, handsOn, lookupCall, nestedStop, onlyReturnsCalls, triedChecks, viewCall } from './flaskDelegates';
import type { PyAtom, PyFuncFacts, PyRefusal, ViewCheck, WrapperFacts } from './flaskGuardTypes';

export type { PyAtom, PyFuncFacts, PyRefusal, ViewCheck, WrapperFacts } from './flaskGuardTypes';

/** Reads of who is calling, written out (Sanic's `request.token`/`request.credentials`, the bearer token; flask_login's `current_user`, the session, `g.user`; Pyramid's `request.authenticated_userid`, `request.has_permission(…)`; Django's `aget_user(request)`; a getter of the request's bearer token). */
// A session key names the user or the user's role (`session["id"]`, `session.get("user_id")`,
// `"user" not in session`, `session.get("admin")`, a user id kept under a longer key: `"welcome_user_id" in
// session`, set once the password was checked); `session["nonce"]` is no identity.
const IDENTITY = /\bsession\s*(\.get\s*\(\s*|\[\s*)["'](id|user|(?:\w+_)?user_?id|uid|username|email|_user_id|admin|is_admin|roles?)["']\s*[,)\]](?!\s*=[^=])|["'](id|user|(?:\w+_)?user_?id|uid|username|_user_id|admin|is_admin|roles?)["']\s+(?:not\s+)?in\s+session\b|\bcurrent_user\.(is_authenticated|is_anonymous|is_active|get_id|id)\b|\bg\.user\b|\brequest\.user\b|\bget_jwt_identity\s*\(|\bverify_jwt_in_request\s*\(|\brequest\.(authenticated_userid|is_authenticated|identity)\b|\brequest\.has_permission\s*\(|\bget_\w*bearer\w*\s*\(|\ba?get_user\s*\(\s*request\s*\)|\brequest\.(token|credentials)\b/;
/** The text reads who is calling (IDENTITY): a Pyramid class view's code, not judged method by method (pyramidFacts.ts). */
export const readsIdentity = (text: string): boolean => IDENTITY.test(text);
const SIGN_IN = /\bsession\s*\[\s*["'](id|user|user_?id|uid|username|_user_id)["']\s*\]\s*=[^=]|\blogin_user\s*\(/;
const LEADING = 8;

type RefOf = (n: Node | null | undefined) => Ref | undefined;

/** Facts of one function of the module; `moduleNames` are local names bound to modules (not objects). */
export function funcFacts(fn: Node, refOf: RefOf, moduleNames: ReadonlySet<string>): PyFuncFacts {
  const body = fn.childForFieldName('body');
  const out: PyFuncFacts = { line: line(fn), calls: [] };
  if (!body) return out;
  const m = IDENTITY.exec(body.text);
  if (m) out.identity = { line: line(body) + body.text.slice(0, m.index).split('\n').length - 1 };
  // A helper comparing the credentials the request sent with a stored secret reads who is calling too.
  const compared = m ? undefined : comparedCredentials(fn);
  if (compared) out.identity = { line: line(compared) };
  const calls = new Map<Ref, number>();
  for (const c of body.descendantsOfType('call')) {
    const r = c && refOf(c.childForFieldName('function'));
    // Functions by name (`authed`, `user.authed` of a module), not methods of local objects.
    if (r && /#\w+$/.test(r) && !calls.has(r)) calls.set(r, line(c!));
  }
  out.calls = [...calls].map(([ref, at]) => ({ ref, line: at }));
  const wrapper = wrapperOf(fn);
  if (wrapper) out.wrapper = wrapperFacts(wrapper.def, wrapper.param, refOf, moduleNames);
  const vars = assignedCalls(fn);
  const tests: PyAtom[] = [];
  const params = viewParams(fn);
  for (const c of body.descendantsOfType(['if_statement', 'elif_clause', 'conditional_expression'])) {
    const cond = c?.type === 'conditional_expression' ? c.namedChildren[1] : c?.childForFieldName('condition');
    if (!cond || enclosingDef(cond)?.id !== fn.id) continue;
    const from = tests.length;
    conjuncts(cond, true, tests, refOf, vars, moduleNames);
    // A test on one method's branch, or joined by `and` to a method test, changes what that method's routes get only.
    const only = [...branchTests(c!, fn, params), ...andParts(cond).flatMap((p) => routeTestsOf(p, true, params) ?? [])];
    if (only.length) for (const a of tests.slice(from)) a.onlyIf = only;
  }
  if (tests.length) out.tests = tests;
  const signIn = SIGN_IN.exec(body.text);
  if (signIn) out.signIn = { line: line(body) + body.text.slice(0, signIn.index).split('\n').length - 1 };
  const checks = viewChecks(fn, refOf, moduleNames);
  if (checks.length) out.checks = checks;
  const defaults = defaultsFrom(fn);
  if (defaults) out.defaults = defaults;
  const refusal = refusalOf(fn);
  if (refusal) out.refuses = { line: refusal.line, how: refusal.how };
  const delegates = onlyReturnsCalls(fn, refOf);
  if (delegates) out.delegates = delegates;
  const lookup = userLookupStop(fn, refOf);
  if (lookup) out.userLookup = lookup;
  const verifies = verifierCallOf(fn);
  if (verifies) out.verifies = verifies;
  const onObjects = receiverCalls(fn, refOf, moduleNames);
  if (onObjects.length) out.receiverCalls = onObjects;
  return out;
}

/** The nested function that calls a parameter of the function around it: `def deco(f): def wrapper(*a): … f(*a)`. */
function wrapperOf(fn: Node): { def: Node; param: string } | undefined {
  for (const inner of fn.descendantsOfType('function_definition')) {
    if (!inner || inner.id === fn.id) continue;
    const outer = enclosingDef(inner);
    if (!outer) continue;
    const params = paramNames(outer);
    for (const c of inner.descendantsOfType('call')) {
      const callee = c?.childForFieldName('function');
      if (callee?.type === 'identifier' && params.includes(callee.text) && enclosingDef(c!)?.id === inner.id) return { def: inner, param: callee.text };
      // `return login_required(f)(*a, **kw)`: the view handed on to another decorator.
      if (c && handsOn(c, params) && enclosingDef(c)?.id === inner.id) return { def: inner, param: callee!.childForFieldName('arguments')!.namedChildren[0]!.text };
    }
  }
  return undefined;
}

/** The route tests of the `if` arms around `n` in `fn` (`if request.method == "POST": …`, its `else`). */
function branchTests(n: Node, fn: Node, params: ReadonlyMap<string, boolean>): RouteTest[] {
  const out: RouteTest[] = [];
  let child: Node = n;
  for (let p = n.parent; p && p.id !== fn.id; child = p, p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    const cons = p.childForFieldName('consequence');
    const alts = p.childrenForFieldName('alternative').filter((x): x is Node => !!x);
    if (!cond || within(child, cond)) continue;
    const inThen = !!cons && within(child, cons);
    // An `elif` arm holds more than the `if` being false: only the plain `else` is read.
    const inElse = !inThen && alts.length === 1 && alts[0].type === 'else_clause' && within(child, alts[0]);
    const t = inThen || inElse ? routeTestsOf(cond, inThen, params) : undefined;
    if (t) out.push(...t);
  }
  return out;
}

function enclosingDef(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

function wrapperFacts(def: Node, param: string, refOf: RefOf, moduleNames: ReadonlySet<string>): WrapperFacts {
  const r = refusalOf(def);
  const out: WrapperFacts = { passes: [], ...(r ? { refusal: { how: r.how, text: r.text, line: r.line } } : {}) };
  const vars = assignedCalls(def);
  const ctx = wayCtx(def);
  for (const c of def.descendantsOfType('call')) {
    const call = c && enclosingDef(c)?.id === def.id ? viewCall(c, param) : undefined;
    if (!c || !call) continue;
    const ways = waysTo(c, def, refOf, vars, moduleNames, ctx, false);
    const alts = waysTo(c, def, refOf, vars, moduleNames, ctx, true);
    const via = call.via ? { via: { ...(refOf(call.via) ? { ref: refOf(call.via) } : {}), text: call.via.text } } : {};
    for (const tests of ways) out.passes.push({ line: line(c), tests, ...(alts.length > 1 && ways.length === 1 ? { alts } : {}), ...via });
  }
  // `g.user = load_user(…) or abort(404)` before the view is called: the caller was found.
  for (const { left, abort } of boundOrAbort(def.childForFieldName('body'), (n) => IDENTITY.test(n.text))) {
    out.refusal ??= { how: `${oneLine(abort.text, 60)} when ${left.text} is not found`, text: oneLine(abort.text, 100), line: line(abort) };
    const found = refOf(lookupCall(left)?.childForFieldName('function'));
    if (found) (out.finds ??= []).push(found);
    for (const p of out.passes) if (p.line > line(left)) p.tests.push({ text: left.text, truth: true, line: line(left), callees: [], direct: true });
  }
  if (!out.refusal && out.passes.length) {
    const stop = stopOf(def, param);
    if (stop) out.stop = stop;
  }
  return out;
}

/** Words of a refusal whose form was not read (a helper's `deny()`, a status from a table `ERRORS["unauth"]`). */
const REFUSAL_WORDS = /\b40[13]\b|unauth|not_?authori|forbidden|denied|deny|refuse|reject|login|sign_?in|permission/i;

/** The first `return`/`raise` of the wrapper (not of a function inside it) that does not call the view. */
function stopOf(def: Node, param: string): WrapperFacts['stop'] {
  let first: WrapperFacts['stop'];
  for (const n of def.descendantsOfType(['return_statement', 'raise_statement'])) {
    if (!n || enclosingDef(n)?.id !== def.id) continue;
    if (n.descendantsOfType('call').some((c) => !!c && !!viewCall(c, param))) continue;
    const stop = { line: line(n), text: oneLine(n.text, 100), refusalWords: REFUSAL_WORDS.test(n.text) };
    if (stop.refusalWords) return stop;
    first ??= stop;
  }
  return first;
}

/** `team = get_current_team()`: names bound to a call's result in the function (the last binding wins). */
function assignedCalls(def: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const a of def.descendantsOfType('assignment')) {
    const left = a?.childForFieldName('left');
    const right = a?.childForFieldName('right');
    // `user = await aget_user(request)`: the awaited call is the value.
    const call = right?.type === 'await' ? right.namedChildren[0] : right;
    if (left?.type === 'identifier' && call?.type === 'call') out.set(left.text, call);
    // `is_valid, error = validate_token(store, request)`: each name holds part of the call's answer.
    if ((left?.type === 'pattern_list' || left?.type === 'tuple_pattern') && call?.type === 'call') for (const x of kids(left)) if (x.type === 'identifier') out.set(x.text, call);
  }
  return out;
}

/**
 * The tests that hold wherever `n` runs: the `if` arms it sits in, and the earlier `if C: <stop>` it
 * got past; with `split`, an arm taken when `A or B` holds is two ways (`if is_admin or bypassed: return f()`).
 */
function waysTo(n: Node, def: Node, refOf: RefOf, vars: Map<string, Node>, moduleNames: ReadonlySet<string>, ctx: WayCtx, split: boolean): PyAtom[][] {
  let ways: PyAtom[][] = [[]];
  const add = (cond: Node | null | undefined, truth: boolean): void => {
    if (!cond) return;
    const alts = truth && split ? orParts(cond) : [cond];
    if (alts.length > 1 && alts.length <= 4 && ways.length * alts.length <= 16) {
      ways = ways.flatMap((w) => alts.map((a) => {
        const out = [...w];
        conjuncts(a, true, out, refOf, vars, moduleNames, ctx);
        return out;
      }));
    } else for (const out of ways) conjuncts(cond, truth, out, refOf, vars, moduleNames, ctx);
  };
  let child: Node = n;
  for (let p = n.parent; p && p.id !== def.id; child = p, p = p.parent) {
    if (p.type === 'block') {
      for (const st of kids(p)) {
        if (st.startIndex >= child.startIndex) break;
        if (st.type === 'if_statement' && !st.childrenForFieldName('alternative').some(Boolean) && alwaysStops(st.childForFieldName('consequence'))) add(st.childForFieldName('condition'), false);
        // `if enabled:` / `if key != stored: return refuse()`: passed with enabled false, or with it and the key right.
        const nested = nestedStop(st);
        if (nested && ways.length * 2 <= 16) ways = ways.flatMap((w) => [[{ c: nested.outer, t: false }], [{ c: nested.outer, t: true }, { c: nested.inner, t: false }]].map((cw) => {
          const out = [...w];
          for (const x of cw) conjuncts(x.c, x.t, out, refOf, vars, moduleNames, ctx);
          return out;
        }));
        // `try: verify(token)` / `except BadSignature: raise Unauthorized()`: each call of the try passed.
        for (const c of triedChecks(st, (x) => !!refusalKind(x))) add(c, true);
        // `if exempt: pass` / `elif not authed: return refuse()`: one way per arm that goes on.
        const chain = st.type === 'if_statement' ? chainWays(st, (x) => !!refusalKind(x)) : undefined;
        if (chain && ways.length * chain.length <= 16) ways = ways.flatMap((w) => chain.map((cw) => {
          const out = [...w];
          for (const t of cw) conjuncts(t.cond, t.truth, out, refOf, vars, moduleNames, ctx);
          return out;
        }));
      }
    }
    if (p.type === 'if_statement') {
      const cons = p.childForFieldName('consequence');
      const alts = p.childrenForFieldName('alternative').filter((x): x is Node => !!x);
      if (cons && within(child, cons)) add(p.childForFieldName('condition'), true);
      else {
        add(p.childForFieldName('condition'), false);
        // In an `else`/`elif` arm: every earlier `elif` test was false, and its own test true.
        for (const a of alts) {
          if (within(child, a)) {
            if (a.type === 'elif_clause') add(a.childForFieldName('condition'), true);
            break;
          }
          if (a.type === 'elif_clause') add(a.childForFieldName('condition'), false);
        }
      }
    }
  }
  return ways;
}

/** The tests that must all hold when `cond` has the value `truth`; a test that does not split stays whole. */
export function conjuncts(cond: Node, truth: boolean, out: PyAtom[], refOf: RefOf, vars: Map<string, Node>, moduleNames: ReadonlySet<string>, ctx: WayCtx = NO_WAY_CTX): void {
  let n = cond;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  // `ok = True` under `if C:`: testing the flag is testing C.
  const flag = n.type === 'identifier' ? ctx.flags.get(n.text) : undefined;
  if (flag) return conjuncts(flag, truth, out, refOf, vars, moduleNames, { ...ctx, flags: new Map([...ctx.flags].filter(([k]) => k !== n.text)) });
  if (n.type === 'not_operator') {
    const arg = n.childForFieldName('argument');
    if (arg) conjuncts(arg, !truth, out, refOf, vars, moduleNames, ctx);
    return;
  }
  if (n.type === 'boolean_operator') {
    const op = n.childForFieldName('operator')?.text;
    if ((op === 'and' && truth) || (op === 'or' && !truth)) {
      for (const side of [n.childForFieldName('left'), n.childForFieldName('right')]) if (side) conjuncts(side, truth, out, refOf, vars, moduleNames, ctx);
      return;
    }
  }
  let setting: SettingTest | undefined;
  if (n.type === 'comparison_operator') {
    const parts = kids(n);
    const op = n.text.slice(parts[0].endIndex - n.startIndex, (parts[1]?.startIndex ?? n.endIndex) - n.startIndex).trim().replace(/\s+/g, ' ');
    const other = parts[1]?.text;
    if (parts.length === 2 && /^(True|False|None)$/.test(other ?? '') && /^(is|is not|==|!=)$/.test(op)) {
      const negated = op === 'is not' || op === '!=';
      // `x is False`, `x is None`: x is falsy; `x is True`, `x is not None`: x is truthy.
      const same = other === 'True' ? !negated : negated;
      conjuncts(parts[0], same ? truth : !truth, out, refOf, vars, moduleNames, ctx);
      return;
    }
    // `"user" not in session` holds when `"user" in session` does not.
    if (parts.length === 2 && op === 'not in') {
      const text = `${parts[0].text} in ${parts[1].text}`;
      const direct = IDENTITY.test(text);
      const called = n.descendantsOfType('call').flatMap((c) => refOf(c?.childForFieldName('function')) ?? []);
      out.push({ text: oneLine(text, 80), truth: !truth, line: line(n), callees: [...new Set(called)], ...(direct ? { direct } : {}) });
      return;
    }
    setting = settingTest(n, op, vars, refOf);
  }
  const bound = n.type === 'identifier' ? vars.get(n.text) : undefined;
  const callNode = n.type === 'call' ? n : bound;
  const callees = [...(callNode ? [callNode] : []), ...n.descendantsOfType('call').filter((x): x is Node => !!x)].map((c) => refOf(c.childForFieldName('function'))).filter((r): r is Ref => !!r);
  const receiver = /^(\w+)\./.exec(n.text)?.[1];
  // `is_admin = session.get("is_admin")` then `if is_admin:` reads the identity as the call does.
  const credential = (!!callNode && verifiesCredentials(callNode, ctx.creds)) || mentions(n, ctx.verified) || comparesCredentials(n, ctx.creds);
  const given = callNode ? (callNode.childForFieldName('arguments')?.descendantsOfType('call') ?? []).map((c) => refOf(c?.childForFieldName('function'))).filter((r): r is Ref => !!r) : [];
  // `user = await aget_user(request)` then `if user.is_authenticated:` reads the identity too.
  const obj = n.type === 'attribute' ? n.childForFieldName('object') : undefined;
  const boundObj = obj?.type === 'identifier' ? vars.get(obj.text) : undefined;
  const direct = IDENTITY.test(n.text) || (!!bound && IDENTITY.test(bound.text)) || (!!boundObj && IDENTITY.test(boundObj.text)) || (/^current_user\.\w+(\(\))?$/.test(n.text) && !moduleNames.has('current_user') && receiver === 'current_user') || credential;
  // `pid != project.id` false is `pid == project.id` true: the check passed.
  const negated = credential && n.type === 'comparison_operator' && kids(n).length === 2 && /^\s*!=\s*$/.test(n.text.slice(kids(n)[0].endIndex - n.startIndex, kids(n)[1].startIndex - n.startIndex));
  const text = negated ? `${kids(n)[0].text} == ${kids(n)[1].text}` : n.text;
  const noneParam = n.type === 'identifier' && ctx.noneParams.has(n.text) ? n.text : undefined;
  const column = direct ? undefined : columnTest(n, refOf);
  const exempt = direct ? undefined : exemptParts(n, refOf);
  const keyed = direct || setting || column ? undefined : keyedGate(n, enclosingDef(n));
  out.push({ text: oneLine(text, 80), truth: negated ? !truth : truth, line: line(n), callees: [...new Set(callees)], ...(callNode ? { call: refOf(callNode.childForFieldName('function')) } : {}), ...(given.length ? { given: [...new Set(given)] } : {}), ...(direct ? { direct } : {}), ...(credential ? { credential } : {}), ...(noneParam ? { noneParam } : {}), ...(setting ? { setting } : {}), ...(column ? { column } : {}), ...(exempt ? { exempt } : {}), ...(keyed ? { keyed } : {}) });
}


/** Refusals among the first statements of a view, with what a caller must pass to get beyond them. */
function viewChecks(fn: Node, refOf: RefOf, moduleNames: ReadonlySet<string>): ViewCheck[] {
  const out: ViewCheck[] = [];
  const vars = assignedCalls(fn);
  const params = viewParams(fn);
  const ctx = wayCtx(fn, [...params.keys()]);
  // A block's leading statements; inside an `if` made of route tests, what they say is kept with
  // each refusal (the route's method or rule decides whether it is met).
  const walk = (block: Node | null | undefined, onlyIf: RouteTest[], skipIf: RouteTest[][]): void => {
    const stmts = kids(block).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
    const skips = [...skipIf];
    stmts.slice(0, LEADING).forEach((st, i) => {
      if (st.type !== 'if_statement') return;
      const cond = st.childForFieldName('condition');
      const then = st.childForFieldName('consequence');
      const alts = st.childrenForFieldName('alternative').filter((x): x is Node => !!x);
      if (!cond) return;
      const push = (refusal: PyRefusal | undefined, test: Node, passWhen: boolean, only: RouteTest[]): void => {
        if (!refusal) return;
        const past: PyAtom[] = [];
        conjuncts(test, passWhen, past, refOf, vars, moduleNames, ctx);
        // `abort(404)` refuses only where it answers a failed check of credentials (a URL's token), not a missing row.
        // So does a failed permission check answered 404 (Pyramid's `request.has_permission(…)`, hiding the item).
        if (/\b404\b/.test(refusal.how) && !past.some((a) => a.truth && (a.credential || (a.direct && /\bhas_permission\s*\(/.test(a.text))))) return;
        const all = [...onlyIf, ...only];
        out.push({ refusal, cond: oneLine(test.text, 100), past, line: line(st), ...(all.length ? { onlyIf: all } : {}), ...(skips.length ? { skipIf: [...skips] } : {}) });
      };
      // `if request.method == "POST": …`: the refusals in it reach only the routes of that method.
      const routeOnly = routeTestsOf(cond, true, params);
      if (routeOnly) {
        walk(then, [...onlyIf, ...routeOnly], skips);
        const elseArm = alts.length === 1 && alts[0].type === 'else_clause' ? alts[0].childForFieldName('body') : undefined;
        const otherwise = elseArm && routeTestsOf(cond, false, params);
        if (otherwise) walk(elseArm, [...onlyIf, ...otherwise], skips);
        // `if data and request.method == "GET": … return`: the routes it holds for go no further.
        if (!alts.length && alwaysStops(then)) skips.push([...onlyIf, ...routeOnly]);
        return;
      }
      // `if request.method == "POST" and not authed(): abort(403)`: the one other test is the check, for POST routes.
      const parts = andParts(cond);
      const routeParts = parts.map((p) => routeTestsOf(p, true, params));
      const rest = parts.filter((_, j) => !routeParts[j]);
      const only = rest.length === 1 && rest.length < parts.length ? routeParts.flatMap((t) => t ?? []) : [];
      const test = only.length ? rest[0] : cond;
      // `if not authed(): return redirect(url_for("auth.login"))`
      const own = refusalIn(then) ?? notFoundIn(then) ?? helperErrorIn(then, vars);
      if (own && alwaysStops(then)) return push(own, test, false, only);
      // `if is_admin(): … else: abort(403)`
      const elseArm = alts.length === 1 && alts[0].type === 'else_clause' ? alts[0].childForFieldName('body') : undefined;
      if (elseArm) return push(refusalIn(elseArm), cond, true, []);
      // `if is_admin(): return redirect(…)` then `return redirect(url_for("auth.login"))`
      const next = stmts[i + 1];
      if (!alts.length && alwaysStops(then) && next) push(refusalOfStatement(next), cond, true, []);
    });
  };
  walk(fn.childForFieldName('body'), [], []);
  return out;
}

function within(n: Node, outer: Node): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

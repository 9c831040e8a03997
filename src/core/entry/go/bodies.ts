// What a Go function's body says about refusing requests: where it answers 401/403 or redirects
// to a login page, which paths it lets through unchecked, which calls it returns (middleware
// built from middleware) and which checks at its top end the request on error. Read once per
// function at extraction; the verdicts are decided at link time with every package known.
import type { GoNode as Node } from './goNode';
import { servedParams } from './redispatch';
import type { Callee, GoFunc, PathPass, Refusal, StrPart } from './types';
import { all, callArgs, kids, line, rangeOf } from '../treeUtil';
import { strFunction, type StrFnContext } from './strFuncs';
import { missingCredentialRefusals } from './missingCredential';
import { pathCases } from './pathSwitch';
import { upgradeLine } from './upgrades';
import { servesIn } from './servesFiles';
import { softChecks, statusWritten } from './softChecks';
import { flagCalls, literalFields } from './flaggedHandlers';
import { signatureKeyFacts } from './signatureKeys';
import { nameConditions, trueForNames } from './routeNames';
import { identityFacts } from './identityUse';
import { contextFieldFacts } from './contextFields';
import { identityFieldFacts } from './identityFields';
import { credentialReadFacts } from './credentialReads';
import { keyedLookups } from './keyedLookups';
import { refusalByVariable, statusVariables } from './statusVars';
import { returnsAnswer, takesRequest } from './packageFuncs';
import { settingAbove } from './settings';
import { optionAbove } from './optionTests';
import { secretChecks } from './secretChecks';
import { absentPass } from './absentPasses';
import { givenPick, givenRuns } from './givenMiddleware';
import { chainShape, delegatedField } from './middlewareChain';
import { handsOn } from './handsOn';
import { rewrappingCalls } from './rewrappedReturns';
import { requestCalls } from './requestCalls';
import { declaredResult, literalBoundTo } from './madeTypes';
import { sessionSignIn } from './sessionSignIn';
import { fieldSetters, optionalGates, optionalLists } from './optionalFor';
import { resultChecksIn, testedMaker } from './resultChecks';
import { checksIn, errCallsIn, madeHandlerBody } from './checkCalls';
import { errorsReturned } from './closureChecks';
import { credentialCondition, underCsrfTest, underStatusKind } from './refusalTests';
import { underVerifiedError } from './verifiedErrors';
import { requirementGate } from './requirementGates';
import { boolReturn, condReturns, passExpr } from './storedSettings';
import { statements, enclosingFn } from './goStatements';
import { errHandOffs, panicsOnError } from './panicChecks';
import { listPasses } from './listPasses';
import { constReturns, errVarReturns } from './statusErrs';
import { optionPassesIn } from './optionPasses';
import { valueReturn } from './valueReturns';

import { identityGateRefusals } from './identityGates';
import { challengeFacts, errAnswerCalls } from './credentialChallenge';
import { answeredErrFields, errRecords } from './contextErrs';

// Also an answer carrying an error a protocol names for the refused caller (Subsonic's
// `newError(responses.ErrorAuthenticationFail)`, sent with status 200): it says who is turned away.
const UNAUTHORIZED = /StatusUnauthorized|\b401\b|Unauthori[sz]ed|\w*AuthenticationFail\w*/;
// `bcode.ReturnHTTPError(req, res, bcode.ErrNotAuthorized)` (VelaUX) answers the same; a test of an
// error by that name (`errors.Is(err, model.ErrNotAuthorized)`, navidrome's shares) answers nothing.
const NOT_AUTHORIZED = /NotAuthori[sz]ed/;
const ERROR_TEST = /^errors\.(Is|As)\(/;
const FORBIDDEN = /StatusForbidden|\b403\b|Forbidden|\w*AuthorizationFail\w*/;
// Not the sign-in's own redirect to the identity provider (`ctx.Redirect(conf.AuthCodeURL(state))`, whose `oauth2` says auth).
const LOGIN_REDIRECT = /Redirect\((?![^)]*AuthCodeURL)[^)]*(login|signin|sign-in|auth)/i;
/**
 * What a body's text has wherever one of the four above matches a part of it (the same words,
 * their `\b` and `\w*` dropped, case ignored): a body without any refuses nothing by its words,
 * and its calls need not each be tested (nested calls and closures made that quadratic).
 */
const MAY_REFUSE = /StatusUnauthorized|401|Unauthori[sz]ed|NotAuthori[sz]ed|AuthenticationFail|StatusForbidden|403|Forbidden|AuthorizationFail|Redirect\(/i;
/**
 * A call that signs the caller in (`h.store.CreateUserSessionFromUsername(…)`, `signIn(w, user)`):
 * the handler that makes it is a sign-in, whose refusals of bad credentials are the sign-in itself
 * (as the JavaScript detector's signsCallerIn).
 */
// `a.auth.SaveSession(user, oidcToken, c)` after an identity provider's code exchange is one too.
// So is minting the caller's token at sign-in (`LoginGetUserToken(user, key, ttl)`).
const SIGN_IN_CALL = /^((?:do_?|perform_?)?sign_?in|(?:do_?|perform_?)?log_?in|create_?\w*session(With\w*|From\w*)?|start_?session|establish_?session|set_?session_?cookie|issue_?session|save_?session|(log_?in|sign_?in)\w*token)$/i;

export interface BodyContext {
  callee: (n: Node) => Callee | undefined;
  str: (n: Node) => StrPart[];
  typeOfLiteral: (n: Node) => string | undefined;
  typeOfName?: (fn: Node, name: string) => string | undefined;
  typeKey?: (t: Node | null | undefined) => string | undefined;
  strFn?: StrFnContext;
  /** What a `for _, v := range X` gives `v`: a package list's marker (rangeLists.ts). */
  rangeOver?: (over: Node) => StrPart | undefined;
  /** A setting an expression names (scope.ts `setting`, viperKeys.ts), for the tests above a returned error (statusErrs.ts). */
  setting?: (n: Node) => string | undefined;
}

export function functionFacts(fn: Node, key: string, file: string, ctx: BodyContext): GoFunc {
  const body = fn.childForFieldName('body');
  const params: string[] = [];
  for (const decl of kids(fn.childForFieldName('parameters'))) {
    const names = decl.childrenForFieldName('name').filter(Boolean) as Node[];
    if (names.length === 0) params.push('_');
    for (const n of names) params.push(n.text);
  }
  const f: GoFunc = { key, file, line: line(fn), params, refusals: [], passes: [], returns: [], checks: [], soft: [] };
  if (basicResults(fn.childForFieldName('result'))) f.basicResults = true;
  if (takesRequest(fn)) f.servesRequest = true;
  // A literal has no name a flow can find it by (`var usersGetHandler = withAdmin(func(…){…})`): its lines locate it.
  if (fn.type === 'func_literal') f.inline = rangeOf(fn);
  if (!body) return f;
  f.refusals = refusalsIn(body, ctx.callee);
  const via = refusingCalls(body, ctx.callee);
  if (via.length) f.refusesVia = via;
  const errAnswers = errAnswerCalls(body, ctx.callee);
  if (errAnswers.length) f.errAnswers = errAnswers;
  challengeFacts(body, f);
  const recorded = errRecords(fn, body, ctx.callee);
  if (recorded.length) f.errRecords = recorded;
  const answersErr = answeredErrFields(body);
  if (answersErr.length) f.answersErr = answersErr;
  // A literal handed the request whose returned error a wrapper answers (`auth.Filter(func(w, r) error {…})`): each non-nil return ends the request.
  if (returnsAnswer(fn)) for (const r of answeredReturns(fn, body)) if (!f.refusals.some((x) => x.line === r.line)) f.refusals.push(r);
  for (const r of missingCredentialRefusals(body)) if (!f.refusals.some((x) => x.line === r.line)) f.refusals.push(r);
  for (const r of identityGateRefusals(body)) if (!f.refusals.some((x) => x.line === r.line)) f.refusals.push(r);
  const errs = ctx.strFn ? errVarReturns(fn, body, ctx.strFn.dir, ctx.strFn.importDir, ctx.setting) : [];
  if (errs.length) f.errReturns = errs;
  const consts = constReturns(fn, body);
  if (consts) f.constReturns = consts;
  const bool = boolReturn(fn, ctx.callee);
  if (bool) f.boolReturn = bool;
  const conds = consts ? condReturns(fn, ctx.callee) : undefined;
  if (conds) f.condReturns = conds;
  const optionPasses = optionPassesIn(fn);
  if (optionPasses.length) f.optionPasses = optionPasses;
  f.passes = [...passesIn(body, ctx), ...listPasses(fn, body, ctx.rangeOver)];
  for (const ret of all(body, 'return_statement')) {
    if (enclosingFn(ret)?.startIndex !== fn.startIndex) continue;
    const expr = kids(ret)[0]?.namedChildren[0];
    if (!expr) continue;
    const lit = expr.type === 'unary_expression' ? expr.namedChildren[0] : expr;
    if (lit?.type === 'composite_literal' && !f.returnsType) {
      f.returnsType = ctx.typeOfLiteral(lit);
      const fields = f.returnsType ? literalFields(lit) : undefined;
      if (fields) f.returnsFields = fields;
    }
    if (lit?.type === 'identifier') f.returnsType ??= ctx.typeOfName?.(fn, lit.text);
    // `h = b.mwAuthenticatedUser(h); return h`: each wrapper the name was rebound to (rewrappedReturns.ts).
    if (lit?.type === 'identifier') for (const w of rewrappingCalls(fn, lit.text)) { const c = ctx.callee(w); if (c && !/HandlerFunc$/.test(c)) f.returns.push(c); }
    // `handler := &web.Handler{RequireSession: true}; …; return handler`: the fields of the literal the name is bound to.
    const bound = lit?.type === 'identifier' && f.returnsType && !f.returnsFields ? literalBoundTo(fn, lit.text) : undefined;
    const boundFields = bound ? literalFields(bound) : undefined;
    if (boundFields) f.returnsFields = boundFields;
    const value = valueReturn(fn, expr, ctx.callee);
    if (value) (f.valueReturns ??= []).push(value);
    // `return s.requireAuth`: a method value of ours is the middleware handed out, followed like a returned call.
    if (value?.callee) f.returns.push(value.callee);
    const top = expr.type === 'call_expression' ? ctx.callee(expr.childForFieldName('function')!) : undefined;
    if (top?.startsWith('ext:')) (f.returnsExt ??= []).push(top);
    for (const call of [expr, ...all(expr, 'call_expression')]) {
      if (call.type !== 'call_expression') continue;
      const c = ctx.callee(call.childForFieldName('function')!);
      if (c && !/HandlerFunc$/.test(c)) f.returns.push(c);
    }
    // `return auth.Filter(func(w, r) error {…})`: the middleware made is that literal (packageFuncs.ts).
    if (expr.type === 'call_expression') for (const a of callArgs(expr)) if (a.type === 'func_literal' && returnsAnswer(a)) f.returns.push(`fn:${file}@${a.startIndex}`);
  }
  // `func (b *Builder) With(x) *Builder { …; return b }`, `func (b *Builder) Build() (p *Policy) { p = &Policy{…}; return }`:
  // the declared result when it is one type of ours, so a chain of calls on a builder reaches its methods (resolve.ts `ret:`).
  if (!f.returnsType && ctx.typeKey) f.returnsType = declaredResult(fn.childForFieldName('result'), ctx.typeKey);
  const flagged = flagCalls(fn, body, ctx.callee);
  if (flagged.length) f.flagCalls = flagged;
  f.checks = checksIn(madeHandlerBody(body) ?? body, ctx);
  const resultChecks = resultChecksIn(body, statements, ctx.callee);
  if (resultChecks.length) f.resultChecks = resultChecks;
  const handOffs = errHandOffs(statements(body), ctx.callee);
  if (handOffs.length) f.errPanics = handOffs;
  if (panicsOnError(fn)) f.panicsOnError = true;
  const later = errCallsIn(body, ctx).filter((c) => !f.checks.some((x) => x.line === c.line));
  if (later.length) f.errCalls = later;
  const errFrom = fn.type === 'func_literal' ? errorsReturned(fn, ctx.callee) : [];
  if (errFrom.length) f.errFrom = errFrom;
  const upgrades = upgradeLine(body, ctx.callee);
  if (upgrades) f.upgrades = upgrades;
  const serves = servesIn(body, ctx.callee);
  if (serves.line) f.serves = serves.line;
  if (serves.via) f.servesVia = serves.via;
  const soft = softChecks(body, ctx.callee);
  // A record looked up by a key-named path parameter, the request ended when none matches: a doubt too (keyedLookups.ts).
  f.soft = [...soft.lines, ...keyedLookups(body)];
  if (soft.sig.length) f.softSig = soft.sig;
  if (soft.passedOn.length) f.softPassedOn = soft.passedOn;
  if (soft.named.length) f.softNamed = soft.named;
  const secrets = secretChecks(body);
  if (secrets.length) f.secrets = secrets;
  const signIn = all(body, 'call_expression').find((c) => SIGN_IN_CALL.test(c.childForFieldName('function')?.text.replace(/^.*\./, '') ?? ''));
  const signedInAt = signIn ? line(signIn) : sessionSignIn(body);
  if (signedInAt) f.signsIn = signedInAt;
  const named = trueForNames(body);
  if (named) f.trueForNames = named;
  const cases = pathCases(fn);
  if (cases.length) f.pathCases = cases;
  const status = statusWritten(body);
  if (status) f.status = status;
  const program = ctx.strFn ? strFunction(fn, ctx.strFn) : undefined;
  if (program) f.str = program;
  signatureKeyFacts(fn, f, { callee: ctx.callee, keyName: (n) => contextKeyName(n, ctx.strFn) });
  identityFacts(fn, f, { callee: ctx.callee, keyName: (n) => contextKeyName(n, ctx.strFn) });
  credentialReadFacts(fn, f, ctx.callee);
  if (ctx.typeKey) {
    contextFieldFacts(fn, f, { typeKey: ctx.typeKey, typeOfName: ctx.typeOfName, callee: ctx.callee });
    identityFieldFacts(fn, f, { callee: ctx.callee, types: { typeKey: ctx.typeKey, typeOfName: ctx.typeOfName } });
  }
  const chain = chainShape(fn, params);
  if (chain) f.chain = chain;
  const reqCalls = requestCalls(fn, body, ctx.callee);
  if (reqCalls.length) f.requestCalls = reqCalls;
  const handed = handsOn(body, params, ctx.callee);
  if (handed.length) f.handsOn = handed;
  const delegated = delegatedField(fn);
  if (delegated) f.delegatesTo = delegated;
  const served = servedParams(fn, params);
  if (served.length) f.servesParams = served;
  const gates = optionalGates(body, ctx.callee);
  if (gates.length) f.optionalGates = gates;
  const by = optionalLists(fn, body);
  if (by) f.optionalBy = by;
  const sets = fieldSetters(fn, body, params);
  if (sets) f.fieldSets = sets;
  const pass = absentPass(body);
  if (pass) f.absentPass = pass;
  const given = givenRuns(fn, params);
  if (given) f.runsGiven = given;
  const pick = givenPick(fn, params);
  if (pick) f.picksGiven = pick;
  return f;
}

/** `jwkContextKey` → `dir#jwkContextKey`; `pkg.Key` → the imported package's `dir#Key`. */
function contextKeyName(n: Node, s: StrFnContext | undefined): string | undefined {
  if (!s) return undefined;
  if (n.type === 'identifier') return `${s.dir}#${n.text}`;
  if (n.type !== 'selector_expression') return undefined;
  const dir = s.importDir(n.childForFieldName('operand')!.text);
  return dir === undefined ? n.text : `${dir}#${n.childForFieldName('field')!.text}`;
}

/** The non-nil returns of a literal whose returned error a wrapper answers: each ends the request, with the status the error carries when it names one. */
function answeredReturns(fn: Node, body: Node): Refusal[] {
  const out: Refusal[] = [];
  for (const ret of all(body, 'return_statement')) {
    if (enclosingFn(ret)?.startIndex !== fn.startIndex) continue;
    const vals = kids(kids(ret)[0]);
    if (vals.length !== 1 || vals[0].text === 'nil') continue;
    const first = vals[0].type === 'call_expression' ? callArgs(vals[0])[0]?.text : undefined;
    const status = first && /^[1-5]\d\d$/.test(first) ? first : undefined;
    const how = status === '401' || status === '403' ? status : `an error returned to the middleware that wraps it${status ? ` (status ${status})` : ''}, which ends the request`;
    out.push({ how, text: ret.text.replace(/\s+/g, ' ').slice(0, 120), line: line(ret), credential: credentialCondition(ret) });
  }
  return out;
}

function refusalsIn(body: Node, callee: BodyContext['callee']): Refusal[] {
  const out: Refusal[] = [];
  const seen = new Set<number>();
  const vars = statusVariables(body);
  if (!vars.size && !MAY_REFUSE.test(body.text)) return out;
  for (const n of all(body, ['call_expression', 'return_statement'])) {
    const text = n.text;
    let how: string | undefined;
    if (LOGIN_REDIRECT.test(text) && n.type === 'call_expression') how = 'redirect to login';
    else if (UNAUTHORIZED.test(text) || (n.type === 'call_expression' && NOT_AUTHORIZED.test(text) && !ERROR_TEST.test(text))) how = '401';
    else if (FORBIDDEN.test(text)) how = '403';
    // `ctx.AbortWithError(status, err)` with `status` only ever 401/403.
    else if (n.type === 'call_expression' && vars.size) how = refusalByVariable(n, vars)?.how;
    if (!how) continue;
    // The innermost expression that says it, once per line.
    if (n.type === 'call_expression' && all(n, 'call_expression').some((c) => (c.startIndex !== n.startIndex || c.endIndex !== n.endIndex) && (UNAUTHORIZED.test(c.text) || FORBIDDEN.test(c.text)))) continue;
    if (n.type === 'return_statement' && all(n, 'call_expression').some((c) => UNAUTHORIZED.test(c.text) || FORBIDDEN.test(c.text))) continue;
    // `return http.HandlerFunc(func(…) { … html.Redirect(w, r, loginURL) … })`: the redirect, not the closure around it.
    if (how === 'redirect to login' && all(n, 'call_expression').some((c) => (c.startIndex !== n.startIndex || c.endIndex !== n.endIndex) && LOGIN_REDIRECT.test(c.text))) continue;
    const l = line(n);
    if (seen.has(l) || underCsrfTest(n)) continue;
    seen.add(l);
    const names = nameConditions(n, callee);
    const setting = settingAbove(n);
    const option = optionAbove(n);
    // A 401 answering a failed verification (a signed link's) is a credential check too (verifiedErrors.ts).
    const credential = credentialCondition(n) || (how === '401' && underVerifiedError(n));
    const madeBy = testedMaker(n, callee);
    const switched = credential ? undefined : featureSwitchAbove(n);
    const gate = credential ? requirementGate(n) : undefined;
    const requires = gate?.text;
    // What the pass before it reads, for the stored settings' seeds to decide once linked (storedSettings.ts).
    const requiresExpr = gate ? passExpr(gate.test, callee) : undefined;
    const mapped = !credential && underStatusKind(n);
    out.push({ ...(mapped ? { mapped } : {}), how, text: text.replace(/\s+/g, ' ').slice(0, 120), line: l, credential, ...(names.length ? { names } : {}), ...(setting ? { setting } : {}), ...(option ? { option } : {}), ...(madeBy ? { madeBy } : {}), ...(switched ? { switched } : {}), ...(requires ? { requires } : {}), ...(requiresExpr ? { requiresExpr } : {}) });
  }
  return out;
}

/**
 * `if !loggedIn(c) { promptLogin(c); return }`: a call of ours, ending the branch of an `if` that
 * reads a credential, which may answer the refusal itself (judged once linked, verdict.ts).
 */
function refusingCalls(body: Node, callee: BodyContext['callee']): { callee: string; line: number }[] {
  const out: { callee: string; line: number }[] = [];
  for (const st of all(body, 'if_statement')) {
    const sts = statements(st.childForFieldName('consequence'));
    if (sts.length < 2 || sts[sts.length - 1].type !== 'return_statement') continue;
    const call = sts[sts.length - 2].type === 'expression_statement' ? sts[sts.length - 2].namedChildren[0] : undefined;
    const c = call?.type === 'call_expression' ? callee(call.childForFieldName('function')!) : undefined;
    // A call's error (`if err != nil`) is no failed credential test, whatever the call before read.
    if (/^\s*err\s*!=\s*nil\s*$/.test(st.childForFieldName('condition')?.text ?? '')) continue;
    // A CSRF mismatch answered by the helper turns away a forged form, not a caller.
    if (c?.startsWith('fn:') && credentialCondition(call!) && !underCsrfTest(call!)) out.push({ callee: c, line: line(call!) });
  }
  return out;
}

/** `if strings.HasPrefix(r.URL.Path, X) { next.ServeHTTP(w, r); return }`: paths that pass unchecked. */
function passesIn(body: Node, ctx: BodyContext): PathPass[] {
  const out: PathPass[] = [];
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition');
    const then = st.childForFieldName('consequence');
    if (!cond || !then || !/ServeHTTP\(|\bnext\(|\.Next\(\)/.test(then.text) || !/\breturn\b/.test(then.text)) continue;
    let c = cond;
    let under = true;
    if (c.type === 'unary_expression' && c.text.startsWith('!')) {
      under = false;
      c = c.namedChildren[0]!;
    }
    if (c.type !== 'call_expression' || !/HasPrefix$/.test(c.childForFieldName('function')?.text ?? '')) continue;
    const args = kids(c.childForFieldName('arguments'));
    if (args.length !== 2 || !/URL\.Path|\.Path\b|RequestURI/.test(args[0].text)) continue;
    out.push({ under, prefix: ctx.str(args[1]) });
  }
  return out;
}

/** Go's basic types, and slices of them: what a function declared to return only these cannot hand back as a handler. */
const BASIC = /^(\[\])?(string|bool|error|byte|rune|u?int(8|16|32|64)?|float(32|64)|uintptr)$/;

/** `(fileName string)`, `bool`, `(int, error)`: every declared result a basic value. */
function basicResults(result: Node | null): boolean {
  if (!result) return false;
  if (result.type !== 'parameter_list') return BASIC.test(result.text);
  const types = kids(result).map((p) => p.childForFieldName('type')?.text ?? '');
  return types.length > 0 && types.every((t) => BASIC.test(t));
}

/** A switch of the application's settings (`e.App.Settings().Batch.Enabled`), read where it is tested. */
const FEATURE_SWITCH = /\bSettings\(\)(?:\.\w+)*\.(?:Enabled|Disabled|Enable\w*|Disable\w*|Allow\w*)\b/;

/**
 * `if !e.App.Settings().Batch.Enabled { return e.ForbiddenError(…) }`: a refusal of every caller
 * while a feature of the settings is off. Whether the route is open once the feature is on is
 * decided by what it then runs (pocketbase's batch runs each sub-request's own rules): the route
 * depends on configuration, never open (verdict.ts handlerDoubt).
 */
function featureSwitchAbove(n: Node): string | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return undefined;
    const cond = p.type === 'if_statement' ? p.childForFieldName('condition')?.text : undefined;
    if (cond && FEATURE_SWITCH.test(cond)) return cond.replace(/\s+/g, ' ').slice(0, 100);
  }
  return undefined;
}

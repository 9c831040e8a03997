// Facts the Go detector reads from one file (the tree is gone by the time files are linked), and
// the symbolic references that tie them together across files and packages.
//
// References (strings, so they can be compared and stored):
// - `R:file@offset`       a router made at that expression (a constructor, a group, a wrapper);
// - `P:fn(i)`             the i-th parameter of a function (`dir#Name`, `dir#Type.Method`, `file@offset` for a closure);
// - `F:dir#Type.Field`    a struct field;
// - `V:dir#Type`          a value of a struct type used as a router (its embedded router, once linked);
// - `M:Name(i)`           the i-th parameter of a method named Name on a value whose type is unknown;
// - `G:DefaultServeMux`   net/http's package-level mux;
// - `D:fn`               a function that routes by itself (dispatchChain.ts), its branches its routes.
// - `N:dir#Name`         a package-level variable (packageVars.ts): a router once one is assigned to it.
import type { AbsentFieldEnd } from './identityFields';
import type { SoftNamed, SoftPass } from './softChecks';
import type { SecretCheck } from './secretChecks';
import type { StrFn } from './strFuncs';
import type { LibraryConfig } from './libraryCallbacks';
import type { HumaFacts } from './huma';
import type { BeegoFacts } from './beego';
import type { SkipFacts } from './skipperPaths';
import type { ValueReturn } from './valueReturns';
import type { FnArg } from './funcParams';
import type { ErrRecord } from './contextErrs';
import type { SettingExpr, StoredSeed } from './storedSettings';
import type { DefaultLiteral } from './defaultLiterals';
import type { ConfigFacts, SettingCond } from './configValues';
import type { ChainShape } from './middlewareChain';
import type { ResultCheck } from './resultChecks';
import type { GivenPick, GivenRun } from './givenMiddleware';
import type { GoCandidate, GoEdge, CallSite, ParamTest, GoUse, GoRoute, GoCall, GoHanded } from './routeTypes';

export type { GoCandidate, GoEdge, CallSite, ParamTest, GoUse, GoRoute, GoCall, GoHanded };

export type GoRef = string;

/** A callable as written, resolved at link time: `fn:dir#Name`, `fn:file@off`, `ext:import/path#Name`, `sel:dir#Type|a.b|M`, `meth:M`. */
export type Callee = string;

/**
 * A string as written: literal pieces and parameters of the enclosing function, joined; a call
 * (`getPath(NewOrderLinkType, "{id}")`) is computed at link time when its callee is a small pure
 * string function (evalStr.ts), else shown as written.
 */
export type StrPart = { lit: string } | { param: string; index: number; rest?: boolean; then?: MadeCall } | { dyn: string } | { call: Callee; args: StrPart[][]; text: string };

/**
 * A string got by calling a method on what a function handed in makes (`factory().Name()`,
 * `ms := mw.MigrationStruct(); ms.Name()`): on a `param` part, whose `index` is the parameter
 * (-1: the receiver, whose func `field` is called). Each call site says what concrete type that
 * function returns (GoCall.made); the method's literal answer for it is the string.
 */
export interface MadeCall {
  field?: string;
  method: string;
}

/** A call of ours a method makes only while a flag of its receiver is set (flaggedHandlers.ts). */
export interface FlagCall {
  field: string;
  callee: Callee;
  line: number;
}

export interface Refusal {
  /** Under a test of the error kind a shared responder is handed (`case IsErrUnauthorized(err):`, refusalTests.ts). */
  mapped?: boolean;
  /** `401`, `403`, `redirect to login`. */
  how: string;
  text: string;
  line: number;
  /** The condition of the `if` around it reads a credential (token, key, session, user …). */
  credential: boolean;
  /** The route-name tests it sits under (routeNames.ts): it is reached only by routes that pass all. */
  names?: NameTest[];
  /** The test of a receiver's field it sits under (`if !a.Registration`): it runs only while the setting is `when` (settings.ts). */
  setting?: SettingTest;
  /** The test of a factory's option it sits under (`if options.SignInRequired`, optionTests.ts): the options given decide. */
  option?: string;
  /** The call that made the local its `if` tests (`s := Auth(c, …); if s.Invalid()`, resultChecks.ts). */
  madeBy?: Callee;
  /** Set when linked: that call reads the caller's credential, so this refusal is a credential check (a 403 included). */
  fromReader?: boolean;
  /** The test of a settings switch it sits under (`!e.App.Settings().Batch.Enabled`): it refuses every caller while the feature is off (bodies.ts). */
  switched?: string;
  /** An earlier pass of every caller while a stored requirement is off (`if !mustLogin { ctx.Next(); return }`, requirementGates.ts): the refusal depends on configuration. */
  requires?: string;
  /** What that pass reads (`!mustLogin` ← `siteInfo.LoginRequired`), for the stored settings' seeds to decide (storedSettings.ts). */
  requiresExpr?: SettingExpr;
}

/** `if !a.Registration { … }`: the receiver's field path tested, and the value under which the branch runs. */
export interface SettingTest {
  path: string[];
  when: boolean;
  text: string;
  line: number;
}

/** `T{Field: conf.Field}` (from `conf`'s type `from`, through `path`), `T{Field: true}` (value), or set some other way (neither). */
export interface FieldSet {
  type: string;
  field: string;
  file: string;
  line: number;
  value?: string;
  from?: string;
  path?: string[];
}

/** A test of the matched route's name (gorilla `GetName()`): true for `names`, or for what helper `via` is true for; `negated`: must be false. */
export interface NameTest {
  names?: string[];
  via?: Callee;
  negated: boolean;
}

/** `if strings.HasPrefix(r.URL.Path, X) { next.ServeHTTP(w, r); return }` before the refusal. */
export interface PathPass {
  /** The request passes unchecked when its path is (true) or is not (false) under X. */
  under: boolean;
  prefix: StrPart[];
  /** Exact paths under the prefix that stay checked (an exception list the middleware tests, listPasses.ts). */
  except?: StrPart[];
}

import type { ErrReturn } from './statusErrs';

/** A call whose error ends the request, and the func literals it is handed (`UpdateTx(func(tx) error {…})`), which it runs. */
export interface CheckCall {
  callee: Callee;
  line: number;
  runs?: Callee[];
}

export interface GoFunc {
  key: string;
  file: string;
  line: number;
  /** A func literal's lines: where a route whose handler it is points (it has no name to look up). */
  inline?: { start: number; end: number };
  params: string[];
  /** It takes an `http.ResponseWriter` and an `*http.Request`: it can serve a request (a handler's alternative, handlerWrappers.ts). */
  servesRequest?: true;
  refusals: Refusal[];
  /** Package error variables a handler answering with its returned error returns under a credential test (statusErrs.ts), as `dir#Name`. */
  errReturns?: ErrReturn[];
  /** Each return one name (`return UserLevelUserType`): those names (statusErrs.ts constReturns), for a factory's parameter test. */
  constReturns?: string[];
  /** `return !require || (single && allow), nil` of a `(bool, error)` function: the stored settings it reads (storedSettings.ts). */
  boolReturn?: SettingExpr;
  /** `if cfg.App.Private { return UserLevelUserType }; return UserLevelOptionalType`: each name with the settings test it is returned under (storedSettings.ts). */
  condReturns?: { value: string; when: SettingExpr }[];
  passes: PathPass[];
  /** Calls whose result the function returns (middleware built from other middleware). */
  returns: Callee[];
  /** Values it returns that are no call (`return s.auth.Middleware`), when its result can be middleware (valueReturns.ts). */
  valueReturns?: ValueReturn[];
  /** A library's function whose call is the whole of a return (`return echojwt.WithConfig(cfg)`): the middleware it hands out (returnedGuard.ts). */
  returnsExt?: Callee[];
  /** The line where the function upgrades the connection to a WebSocket (upgrades.ts): what it serves after is decided in the protocol. */
  upgrades?: number;
  /** The line where the function answers with a file (`http.ServeContent`, servesFiles.ts). */
  serves?: number;
  /** A middleware factory's calls of ours, one of which may answer with a file (servesFiles.ts). */
  servesVia?: Callee[];
  /** The struct type a constructor returns (`return &csrfManager{…}`), as `dir#Type`. */
  returnsType?: string;
  /** The fields that returned literal writes (`&web.Handler{RequireSession: true}`): field → value text (flaggedHandlers.ts). */
  returnsFields?: Record<string, string>;
  /** `if h.RequireSession { c.SessionRequired() }` in a method: calls of ours run only while a receiver flag is set (flaggedHandlers.ts). */
  flagCalls?: FlagCall[];
  /** Its declared results are only basic values (`(fileName string)`, `(bool, error)`): a call of it hands no handler back. */
  basicResults?: true;
  /** `if !loggedIn(c) { promptLogin(c); return }`: calls of ours ending a credential test's branch (bodies.ts). */
  refusesVia?: { callee: Callee; line: number }[];
  /** `c.Err = c.App.MakePermissionError(…)`: errors it records on a context field (contextErrs.ts). */
  errRecords?: ErrRecord[];
  /** `w.WriteHeader(c.Err.StatusCode)`: the context fields whose status it answers (contextErrs.ts). */
  answersErr?: string[];
  /** `a, b, err := parse(ctx); if err != nil { return answer(ctx) }`: calls of ours (credentialChallenge.ts). */
  errAnswers?: { parse: Callee; answer: Callee; line: number }[];
  /** Where it sets `WWW-Authenticate`, asking for credentials (credentialChallenge.ts). */
  challenge?: { line: number; text: string };
  /** Where it reads the Authorization header or basic auth of the request (credentialChallenge.ts). */
  authRead?: { line: number };
  /** Calls given the function's `*http.Request` (requestCalls.ts): a library known to authenticate while reading it refuses there. */
  requestCalls?: { callee: Callee; line: number }[];
  /** A handler that only hands its request to functions of ours (handsOn.ts): those functions. */
  handsOn?: Callee[];
  /** `err := f(r); checkError(err)`: calls at the top whose error is handed to a function of ours (panicChecks.ts). */
  errPanics?: { callee: Callee; via: Callee; line: number }[];
  /** It panics on the one error it is handed (`func checkError(err error) { …; panic(err) }`, panicChecks.ts). */
  panicsOnError?: true;
  /** Calls at the top of the body whose error ends the request (`x, err := f(); if err != nil { …; return }`); `runs`: the func literals handed to it (closureChecks.ts). */
  checks: CheckCall[];
  /** `if m.options.SuccessOptional { c.Next(); return }` in a middleware builder's method: the options whose test lets the request on (optionPasses.ts). */
  optionPasses?: { field: string; line: number }[];
  /** `s := Auth(c, …); if s.Abort(c) { return }`: a value made from the request tested by a method that ends the request (resultChecks.ts). */
  resultChecks?: ResultCheck[];
  /** Calls deeper in the body whose error ends the request later (`res, err = h.op(ctx, req)` in a switch, then `if err != nil { …; return }`). */
  errCalls?: CheckCall[];
  /** A func literal's calls of ours whose error it returns as its own (`stack, err = h.update(tx, r); return err`, closureChecks.ts). */
  errFrom?: { callee: Callee; line: number }[];
  /** Lines that end the request, with a status other than 401/403, when a credential check fails (`jws.Verify(jwk)`). */
  soft: number[];
  /** Like `soft`, but the credential is only passed on to a call; dismissed when the helper ending the request writes a 5xx (softChecks.ts). */
  softPassedOn?: SoftPass[];
  /** Of `soft`, the lines only some route names reach. */
  softNamed?: SoftNamed[];
  /** The one HTTP status the function writes, when it writes exactly one (an error helper). */
  status?: number;
  /** `switch r.URL.Path { case "/x": … }`: exact paths the handler answers itself (pathSwitch.ts). */
  pathCases?: PathCase[];
  /** It routes by itself: its branches are the routes of `D:<key>` (dispatchChain.ts); exhaustive when nothing but a not-found follows. */
  dispatch?: { exhaustive: boolean };
  /** The functions of ours it hands its request to (a dispatcher one call down: `s.handle` → `s.handleInternal`). */
  handsRequestTo?: Callee[];
  /** The function as a small string program, when it computes one string from its arguments (strFuncs.ts). */
  str?: StrFn;
  /** Lines of `soft` whose credential words are only about a signature (`jws`, `signature`, `verify`). */
  softSig?: number[];
  /** The context key this function reads (`jwkFromContext` → `ctx.Value(jwkContextKey)`), see signatureKeys.ts. */
  ctxGet?: string;
  /** Where it ends the request when a secret the caller offers does not match (secretChecks.ts): a refusal whatever the status. */
  secrets?: SecretCheck[];
  /** The line of a call that signs the caller in (a session made): the function is a sign-in. */
  signsIn?: number;
  /** A helper true for these route names (routeNames.ts `trueForNames`). */
  trueForNames?: string[];
  /** Values it puts in the request context: `context.WithValue(ctx, key, value)`. */
  ctxSets?: { key: string; origin: KeyOrigin; line: number }[];
  /** Context keys it sets only in an arm of an `if` or `switch`: for the callers it identifies (identityUse.ts). */
  ctxSetsWhenFound?: string[];
  /** Fields of a request context struct of ours it sets only in a branch, for the callers it identifies (contextFields.ts): `dir#Type.Field`. */
  fieldSetsWhenFound?: string[];
  /** Fields of such a struct its `if`s test (contextFields.ts). */
  fieldTests?: { key: string; line: number; owner?: true }[];
  /** Calls of ours handed a parameter of a type of ours (a request context of ours, contextFields.ts). */
  ctxHandOffs?: Callee[];
  /** Tests that such a field is empty whose branch ends the request (identityFields.ts). */
  absentEnds?: AbsentFieldEnd[];
  /** Fields whose presence it answers (`return c.Member != nil && c.Member.MemberId > 0`). */
  presenceOf?: string[];
  /** It never returns: it ends in a call that unwinds (beego's StopRun), or in a call of ours that may (`unwindsVia`). */
  unwinds?: boolean;
  unwindsVia?: Callee;
  /** Members of such a field it reads without ever testing the field (`c.Member.MemberId`). */
  /** `deref`: a field of it read (not called) where every caller reaching the body reaches it; `elseOf`: in the `else` of that method of the field (nilReads.ts). */
  fieldReads?: { key: string; line: number; deref?: true; elseOf?: Callee; derefLine?: number; calledBefore?: Callee[] }[];
  /** A method answering false for a nil receiver (`if m == nil { return false }` first, nilReads.ts). */
  nilFalse?: true;
  /** Context keys it hands to a call (`ctx.Value(k)`, `getContextBoolValue(r, k)`). */
  ctxReads?: string[];
  /** Calls in the conditions of its `if`s: what it branches on. */
  tests?: { callee: Callee; line: number; errNil?: boolean }[];
  /** Where it reads a credential from the request it is given (`c.Get(fiber.HeaderAuthorization)`, credentialReads.ts). */
  readsProof?: { line: number };
  /** Calls of ours it hands the request to (`GetUserByReq(app, c)`): where such a read may be. */
  handsRequest?: Callee[];
  /** Calls of ours handed the request whose result is a field of a literal it builds (its answer, credentialReads.ts). */
  answersWith?: Callee[];
  /** The handler literal it returns (`return http.HandlerFunc(func(w, r) {…})`): what a wrapper of ours makes (credentialReads.ts). */
  makesHandler?: Callee;
  /** Signatures it verifies, ending the request when they do not verify: where the key comes from. */
  verifies?: { line: number; text: string; key: KeyOrigin }[];
  /** A helper stacking the middleware of its variadic parameter around a handler parameter (middlewareChain.ts). */
  chain?: ChainShape;
  /** `ServeHTTP` handing every request to one field of its receiver (`s.handler.ServeHTTP(w, r)`): that field. */
  delegatesTo?: string;
  /** Parameters it serves a request with (`router.ServeHTTP(w, r)`), by index (redispatch.ts). */
  servesParams?: number[];
  /** `if m.isOptional(r) { next(w, r); return }`: calls of ours whose truth hands the request on unchecked (optionalFor.ts). */
  optionalGates?: Callee[];
  /** A method true for requests whose path is under an element of these receiver fields, or whose method is one of those (optionalFor.ts). */
  optionalBy?: { paths: { field: string; prefix: boolean }[]; methods: string[] };
  /** Receiver fields a builder method sets from a whole parameter (`m.optionalForPaths = paths`). */
  fieldSets?: { field: string; param: number; variadic?: true }[];
  /** A pass for callers offering no credential, before refusals that then guard nobody (absentPasses.ts). */
  absentPass?: { line: number; end: number; handsOn: boolean };
  /** The parameters its returned middleware runs on the request, in order, and the passes before each (givenMiddleware.ts). */
  runsGiven?: GivenRun[];
  /** `if a { return x }; return y` over its parameters: which it hands out by which (givenMiddleware.ts). */
  picksGiven?: GivenPick;
  /** Keys it sets in a request store of ours outside any branch (keyedStore.ts): set for some callers when it is called in one. */
  storeSets?: string[];
  /** Calls of ours handed the request, and whether made in an arm for some callers only (keyedStore.ts). */
  handOffs?: { callee: Callee; branch?: true }[];
}

/**
 * Where a value comes from (signatureKeys.ts): the request itself, a record looked up in storage
 * whose failed lookup ends the request, a call of the service's own code resolved at link time
 * (a context getter), or not known.
 */
export type KeyOrigin = { request: true } | { stored: true; line: number } | { call: Callee; fromRequest: boolean } | { unknown: true };

export interface PathCase {
  path: string;
  line: number;
  range: { start: number; end: number };
}

export interface GoStruct {
  fields: Record<string, GoField>;
}

export interface GoField {
  type: string;
  embedded: boolean;
  /** The default its tag gives (`default:"false"`) and the tag's line (settings.ts). */
  default?: string;
  line?: number;
  /** The key a configuration file gives it (`yaml:"api_base_url"`, `mapstructure:"…"`; yamlSettings.ts). */
  cfgKey?: string;
}

export interface GoFileFacts {
  file: string;
  dir: string;
  /**
   * Package-level variables that hold a function of ours: a literal (`var redirect = func(w, r) error
   * {…}`) or one a library call wraps (`var loggedIn = auth.Filter(func(w, r) error {…})`), by name →
   * the literal's key; or a library's middleware (`var keyAuth = auth.Add(load)`) → its callee (packageFuncs.ts).
   */
  pkgFuncs?: Record<string, string>;
  /** `type Context = web.Context`: a package's alias name → the aliased type of ours (contextErrs.ts). */
  typeAliases?: Record<string, string>;
  /** Handlers wrapped by functions of ours where they are defined (definedWrappers.ts): the variable's or making function's key (`dir#name`) → the wrappers, outermost first. */
  definedWrappers?: Record<string, GoCandidate[]>;
  /** Package-level error variables that answer 401/403 or say a credential is required (statusErrs.ts): name → how. */
  statusErrs?: Record<string, string>;
  /** Middleware handed beside a router to a function of ours (`m.RegisterRoutes(api, auth.Add())`, handedMiddleware.ts). */
  handed?: GoHanded[];
  imports: Record<string, { path: string; dir?: string }>;
  funcs: GoFunc[];
  structs: Record<string, GoStruct>;
  /** Interfaces the file declares, name → their own method names (interfaceImpls.ts). */
  interfaces?: Record<string, string[]>;
  consts: Record<string, string>;
  /** Package-level constants of a named type (`NewOrderLinkType LinkType = iota`): name → `dir#Type`. */
  constTypes: Record<string, string>;
  routers: Record<GoRef, string>;
  /** Fixed lists of strings a loop may range over (rangeLists.ts): package-level `var x = []string{…}` by name, one written in place by `@file:offset`. */
  stringLists?: Record<string, string[]>;
  /** Package-level `var x = regexp.MustCompile("…")`: the pattern by name (a dispatcher's path tests, dispatchChain.ts). */
  regexes?: Record<string, string>;
  edges: GoEdge[];
  uses: GoUse[];
  routes: GoRoute[];
  calls: GoCall[];
  /** Functions of the service set in a library's configuration struct (libraryCallbacks.ts). */
  configs?: LibraryConfig[];
  /** Struct literals that wire a typed value's fields into another struct (settings.ts). */
  fieldSets?: FieldSet[];
  /** Access settings written by name where the code seeds or migrates them (storedSettings.ts). */
  storedSeeds?: StoredSeed[];
  /** Defaults constructors' literals (`func New() *Config { return &Config{…} }`, defaultLiterals.ts). */
  defaultLiterals?: DefaultLiteral[];
  /** Struct fields set to a function in a literal of their type, `dir#Type.Field` → its callee; `''` when literals disagree (funcFields.ts). */
  funcFields?: Record<string, Callee>;
  /** Huma operations, adapters, configurations and AutoPatch calls (huma.ts). */
  huma?: HumaFacts;
  /** beego filters by path pattern (beego.ts). */
  beego?: BeegoFacts;
  /** Path sets and guard skippers that exempt exact paths (skipperPaths.ts). */
  skip?: SkipFacts;
  /** viper defaults, writes to package-level settings, package-level values' types (configValues.ts). */
  config?: ConfigFacts;
  /** Functions of ours a call hands in by name, for the routers the callee hands them (funcParams.ts). */
  fnArgs?: FnArg[];
  /** Places serving http.DefaultServeMux, each with the settings tests above it, null where one is not read (defaultMuxServes.ts). */
  defaultMuxServes?: (SettingCond[] | null)[];
  /** `P:`/`M:` refs a call passes a router to: parent router → callee parameter. */
  passes: { router: GoRef; callee: Callee; index: number; file: string; line: number; order: number; settings?: SettingCond[] }[];
}

// Entry facts: what one file says about routes, routers and guards, extracted once in the map's
// worker pass and cached with the map by content hash. A small language-neutral program summary:
// expressions, the functions that hold them, and the operations (calls, bindings, assignments,
// returns) in order. Linking (src/core/entry/interp) runs over these facts only: nothing is
// re-parsed. Everything here is plain JSON (it crosses threads and lands in the cache).

/** Bumped whenever the shape or the extraction changes: cached facts of another version are re-extracted. */
export const ENTRY_FACTS_VERSION = 158;

/**
 * An expression, as compact tuples:
 * - `['s', text]` string literal; `['n', number]`; `['b', bool]`; `['null']`
 * - `['id', name]` a name in scope; `['this']` the receiver (`this`, `self`, a Go receiver is a param)
 * - `['m', obj, prop]` member; `['ix', obj, index]` computed member
 * - `['c', callee, args, site]` call; `['new', callee, args, site]`
 * - `['cat', parts]` template literal, f-string, `+` of strings
 * - `['o', [key, value][], site?, keySites?]` object/dict/struct literal (`['...', e]` entries spread; the site only on
 *   a route written as data, with `method` and `path` or `url` keys, or on a table keyed by route, `'GET /x'`,
 *   whose route keys then have `[key, line, offset]` each); `['a', items]` array/list/tuple
 * - `['f', fnIndex]` a function literal (index into the file's functions); `['k', classIndex]` a class
 * - `['or', a, b]` `a || b`, `a ?? b`, `a or b`: the second when the first is unknown
 * - `['alt', a, b, cond?]` `c ? a : b`, with the test when some part of it could be decided (whenConds.ts)
 * - `['kw', name, value]` a keyword argument (Python `url_prefix='/x'`, Java annotation `value = "/x"`)
 * - `['imp', spec, name]` a lazy import: `require('./x')` inside a function, `import('./x')`
 * - `['re', text]` a regular-expression literal
 * - `['?', text]` anything else, kept as written (shortened) for `dynamic` and evidence; a comparison
 *   of plain reads and literals (`p !== NONE`) also keeps its test (`['?', text, cond]`), which the
 *   interpreter decides where it knows the values (a `.filter` callback's answer)
 */
export type Expr =
  | ['s', string]
  | ['n', number]
  | ['b', boolean]
  | ['null']
  | ['id', string]
  | ['this']
  | ['m', Expr, string]
  | ['ix', Expr, Expr]
  | ['c', Expr, Expr[], Site]
  | ['new', Expr, Expr[], Site]
  | ['cat', Expr[]]
  | ['o', [string | Expr, Expr][], Site?, [string, number, number][]?]
  | ['a', Expr[]]
  | ['f', number]
  | ['k', number]
  | ['or', Expr, Expr]
  | ['alt', Expr, Expr, Cond?]
  | ['kw', string, Expr]
  | ['imp', string, string]
  | ['re', string]
  | ['?', string, Cond?];

/** Where something is written: 1-based line, and the character offset (unique within the file). */
export type Site = [line: number, offset: number];

/**
 * One operation in a function body or at module level, in source order. Branches and loops are
 * flattened (both arms run, each operation of an arm carrying its test: `When`); `for` binds each element of an array value in turn.
 * - `['call', expr]` an expression statement that is a call (or anything with calls in it)
 * - `['let', name, expr]` a binding (`const x = …`, `x := …`, `x = …` for a plain name)
 * - `['pat', names, expr]` a destructuring binding: `[local, key][]` pairs
 * - `['set', target, expr]` an assignment (`this.router = …`, `module.exports.x = …`, `app = …` to a name bound outside)
 * - `['ret', expr]` a return
 * - `['for', name, iterable, ops]` a loop over an iterable
 * - `['deco', decorators, fnIndex]` decorators applied to a function or method (Python, TS)
 */
export type Op =
  | ['call', Expr, When?]
  | ['let', string, Expr, When?]
  | ['pat', [string, string][], Expr, When?]
  | ['set', Expr, Expr, When?]
  | ['ret', Expr, When?]
  | ['for', string, Expr, Op[], When?]
  | ['deco', Expr[], number, When?]
  /** The body of a `try` whose `catch` swallows the error (no throw, no answer, no next(err)): what it calls cannot refuse the request. */
  | ['quiet', Op[], When?]
  /**
   * `if (arguments.length === 1) { … } else { … }`: an overload on the number of arguments (`use(router)`
   * or `use(path, router)`), decided by the call; the arms reassign parameters, so running both would mix them.
   */
  | ['argc', cmp: '===' | '!==' | '<' | '<=' | '>' | '>=', n: number, then: Op[], otherwise: Op[], When?];

/**
 * The `if` tests an operation sits under (its last element, when any; `whenConds.ts`): each is
 * the test's offset (one test decides all the operations it guards, once), whether the operation runs
 * when the test holds (then-arm, `true`) or when it fails (else-arm, or after `if (C) return`),
 * and the test. An operation whose test is known to go the other way does not run.
 */
export interface When {
  /** `offset` is the test's (a position, named so that a one-file edit that moves code renames it). */
  w: { offset: number; holds: boolean; cond: Cond }[];
  /**
   * Tests only interp/anonymousGrant.ts reads (`['own', call]`, `['sw', test]`), kept apart so that every other
   * reader sees the operation exactly as before they were kept.
   */
  g?: When['w'];
}

/**
 * A condition of plain reads and literals: `['eq', op, a, b]` a comparison (`===`, `!==`, `==`, `!=`),
 * `['t', e]` the truth of a value, `['arr', e]` `Array.isArray(e)`, `['not', c]`, `['and', a, b]`, `['or', a, b]`, `['?']` a part that
 * cannot be decided (a call, arithmetic). Two kinds of test call are kept, each decided only by a reader that knows the
 * request's URL for one route and undecided to every other: `['url', e]` a pure test that reads the request's URL itself
 * (`re.test(req.path)`, `list.some((u) => req.path.startsWith(u))`: facts/urlConds.ts), and `['call', e]` any other string
 * or list test made by a method call on plain reads (`PUBLIC.some((r) => url.includes(r))` on a local: whenConds.ts).
 * interp/pathAllowList.ts (Express/Koa middleware) decides `url`; interp/hookUrlTests.ts (Fastify hooks) both.
 * `['own', e]` is a call of a function by its bare name with no argument (`await authorize()`), the answer of a
 * closure of ours: decided only by interp/anonymousGrant.ts, for an anonymous request to one route; so is
 * `['sw', c]`, the test of a `switch` arm (facts/switchCases.ts).
 */
export type Cond = ['eq', '===' | '!==' | '==' | '!=', CondArg, CondArg] | ['t', Expr] | ['arr', Expr] | ['url', Expr] | ['call', Expr] | ['own', Expr] | ['sw', Cond] | ['not', Cond] | ['and', Cond, Cond] | ['or', Cond, Cond] | ['?'];

/** A comparison's operand: a value, or `typeof` of one. */
export type CondArg = ['v', Expr] | ['typeof', Expr];

/** What a function's own code does to a request that it refuses (evidence for guards). */
export interface Refusal {
  /** `401`, `403`, `throw`, `redirect-login`, `abort`, `no-data` (a fixed body for a caller who fails the test: noDataAnswer.ts) … */
  how: string;
  /** As written, shortened: `res.status(401)`, `throw new UnauthorizedError()`. */
  text: string;
  line: number;
  /** The conditions under which it refuses, outermost first, joined by ` && ` (`catch && else of options.optional`), shortened. */
  cond?: string;
  /**
   * The same tests in a form the interpreter may decide (`When`), where they could be written so: a
   * refusal under a test its function's closure decides against (`if (!user && isStrict)` in a
   * middleware made with `isStrict` false) refuses no one (interp/liveRefusals.ts).
   */
  when?: When['w'];
  /** Its tests that only interp/anonymousGrant.ts reads (When.g). */
  grants?: When['w'];
}

/** A call given the response (`errors.errorForbidden(res)`), with the conditions it sits under, as a refusal has them. */
export interface ResponseCall {
  callee: Expr;
  /** As written, shortened. */
  text: string;
  line: number;
  /** The call's character offset (its site's). */
  offset: number;
  cond?: string;
}

export interface FnFact {
  /** Declared name, or a name from context (`register`, `Server.routes`, `<anon@12>`). */
  name: string;
  /** Class or struct the function is a method of. */
  owner?: string;
  params: string[];
  /** Default values, by parameter position (null where none). */
  defaults?: (Expr | null)[];
  /** An arrow function: `this` is the one where it was written, whatever it is called on. */
  arrow?: boolean;
  /** Enclosing function (for closures), by index. */
  parent?: number;
  ops: Op[];
  /** Lines of the whole definition. */
  start: number;
  end: number;
  /** Decorators / annotations on the function, as call or name expressions. */
  decorators?: Expr[];
  refusals?: Refusal[];
  /** Calls that hand the response to another function (`errors.errorForbidden(res)`), which may answer for this one. */
  responseCalls?: ResponseCall[];
  /** The function reads auth state (a user, a token, a session) without necessarily refusing. */
  readsIdentity?: string;
  /** Options its conditions test that let anonymous requests through (`if (options.optional …)`). */
  anonOptions?: string[];
  /**
   * The condition under which it calls `next()` early when the request carries no credentials
   * (`if (_.isNil(authorization)) return next();`): a token decoder, not a gate. Anonymous
   * requests pass; only bad credentials are refused.
   */
  passesWithout?: string;
  /** A call whose text speaks of refusing though no refusal was read in it (refusal.ts REFUSAL_WORDS): its text and line. */
  refusalWords?: { text: string; line: number };
  /** It calls a bare `next()` outside any condition: a middleware that always passes the request on. */
  nextAlways?: boolean;
  /**
   * Every way on (`next()`) is under "the request carries no credential"
   * (`if (!req.url.includes('token=')) return next();`), and `next` is used nowhere else: a request
   * that brings one is answered here (a magic-link login that sets a session cookie and
   * redirects), so the route behind only ever sees requests without one. The condition.
   */
  continuesOnlyWithout?: string;
  /**
   * Its first statement passes the request on unless the request's path is one path
   * (`if (!req.path.match(/^\/[a-f0-9]{32}\.txt$/)) return next();`, `if (req.path !== '/robots.txt')
   * return next();`): what follows answers that path only. `re` is an anchored regular expression's
   * source, `s` a literal path.
   */
  answersPath?: { re: string } | { s: string };
  /** Its first test passes every request outside this path prefix on untouched (facts/pathScope.ts). */
  onlyUnder?: string;
  /** Comment text right above the definition or the registration (for "public on purpose"). */
  comment?: string;
  /**
   * Errors thrown with a literal message (`throw new Error('[[error:no-privileges]]')`), with the
   * tests they sit under as a refusal has them: a refusal only where a function of the service maps
   * that message to 401/403 (`statusByMessage`; interp/keyedRefusal.ts).
   */
  keyedThrows?: KeyedThrow[];
  /** Callees a `catch` of this function hands its error to (`catch (err) { handler(err, res) }`). */
  errorHandoffs?: Expr[];
  /** Error messages (and classes, `class:Refused`) this function sends as 401/403 (`switch (err.message) { case 'x': statusCode = 403 }`, `if (err instanceof Refused)`): [key, status, line]. */
  statusByMessage?: [string, string, number][];
  /**
   * Its first statement answers a falsy literal under a test of parameter `param` that holds for the
   * ids `ids` (of 0 and -1): `if (!(parseInt(uid, 10) > 0)) return false;`.
   */
  guestFalse?: { param: number; ids: number[]; line: number };
}

/** A throw of an error made with a literal message (see FnFact.keyedThrows). */
export interface KeyedThrow {
  /** The literal message (`[[error:no-privileges]]`), or the class as `class:Refused` when there is none. */
  key: string;
  /** The class as `class:Refused`, beside a message. */
  cls?: string;
  /** As written, shortened. */
  text: string;
  line: number;
  cond?: string;
  /**
   * The tests it sits under, outermost first, with `When`'s offsets; a call tested is kept as the value
   * tested (`!await can(uid)`). Absent where more than tests decides whether it is thrown (a `try`
   * around it, a `catch`, a loop, a `switch`).
   */
  tests?: When['w'];
}

export interface ClassFact {
  name: string;
  /** Decorators / annotations on the class. */
  decorators?: Expr[];
  /** Base classes / mixins / embedded types, as written. */
  bases?: Expr[];
  /** Methods: name → function index. */
  methods: [string, number][];
  /** Static or class-level fields: name → value. */
  fields?: [string, Expr][];
  /** Methods that are getters (`get providers() { … }`): reading the name runs them. */
  getters?: string[];
  start: number;
  end: number;
}

export interface ImportFact {
  /** The local name it binds (`*` entries bind the whole module under `local`). */
  local: string;
  spec: string;
  /** `default`, `*` (namespace), or the exported name. */
  name: string;
  line: number;
  /** Go: a blank import (`import _ "net/http/pprof"`) run for its side effects. */
  sideEffect?: boolean;
}

export interface EntryFacts {
  v: number;
  imports: ImportFact[];
  /** Module-level operations (for Go: package-level `var` initialisers). */
  top: Op[];
  fns: FnFact[];
  classes: ClassFact[];
  /** Export name → expression (`default` for a default export). */
  exports: [string, Expr][];
  /** Go `package x`, Java `package a.b`. */
  pkg?: string;
  /** Comments that say a route is public on purpose, by line. */
  publicComments?: number[];
  /** Extraction stopped early on this file (too big, too deep): the reason. */
  truncated?: string;
}

export function emptyEntryFacts(): EntryFacts {
  return { v: ENTRY_FACTS_VERSION, imports: [], top: [], fns: [], classes: [], exports: [] };
}

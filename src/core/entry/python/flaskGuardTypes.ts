// The facts flaskGuards.ts reads from a Flask-family module's functions (decorator wrappers, views'
// leading checks) and flaskGuardJudge.ts judges once every file is read: plain data, kept per file.
import type { Ref } from '../types';
import type { DefaultsFrom, SettingTest } from './settingDefaults';
import type { RouteTest } from './routeTests';
import type { ColumnTest, ExemptPart } from './settingColumns';
import type { UserLookup } from './userLookups';
import type { ReceiverCall } from './unresolvedMethods';
import type { KeyedGate } from './keyedSettings';

/** One test on the way to a place, with the value it must have there (`authed()` true). */
export interface PyAtom {
  text: string;
  truth: boolean;
  line: number;
  /** The function the test calls, when the test is a call (or a name holding one's result). */
  call?: Ref;
  /** Every function the test calls (`is_admin() or is_setup() is False`). */
  callees: Ref[];
  /** Functions called in the arguments of the test's call (`verify(extract_token(request))`): what they read, the call checks. */
  given?: Ref[];
  /** The test reads the identity itself (`current_user.is_authenticated`, `session.get("id")`). */
  direct?: boolean;
  /** The test compares a setting read by a getter (`v == PUBLIC`, `v = get_config(K)`): settingDefaults.ts. */
  setting?: SettingTest;
  /** The test sits in the branch of `if request.method == "POST":` (routeTests.ts): only those routes run it. */
  onlyIf?: RouteTest[];
  /** The test checks the request's credentials (wayFacts.ts); `direct` is set too. */
  credential?: true;
  /** The test is that a decorator factory's parameter, None by default, was given (wayFacts.ts). */
  noneParam?: string;
  /** The test reads a setting kept in a model column (`config.config_anonbrowse == 1`): settingColumns.ts. */
  column?: ColumnTest;
  /** The test is an `or` of method tests and app config flags a fresh install may never pass: settingColumns.ts. */
  exempt?: ExemptPart[];
  /** The test reads settings whose fresh-install values are a dictionary literal of ours (keyedSettings.ts). */
  keyed?: KeyedGate;
}

export interface PyRefusal {
  how: string;
  text: string;
  line: number;
}

/** A decorator's wrapper: how it refuses, and the tests on each way to the wrapped function. */
export interface WrapperFacts {
  refusal?: PyRefusal;
  /** `alts`: the same way split at its `or`s (`if staff or skipped:`), to close the ones a factory's defaults shut. */
  passes: { line: number; tests: PyAtom[]; alts?: PyAtom[][]; via?: { ref?: Ref; text: string } }[];
  /** Functions of ours that find the caller for `g.user = find(…) or abort(…)` (flaskDelegates.ts boundOrAbort). */
  finds?: Ref[];
  /**
   * With no refusal read: the first way out that does not call the view (`return deny()`, `return
   * jsonify(m), code`), and whether its text speaks of refusing (`unauth`, `denied`, 401 …) —
   * where the anonymous caller goes when every way to the view needs an identity.
   */
  stop?: { line: number; text: string; refusalWords: boolean };
}

/** A refusal at the start of a view, with the tests a caller who gets past it has passed. */
export interface ViewCheck {
  refusal: PyRefusal;
  cond: string;
  past: PyAtom[];
  line: number;
  /** The refusal is met only by routes these hold for (`if request.method == "POST": if not authed(): abort(403)`): routeTests.ts. */
  onlyIf?: RouteTest[];
  /** Earlier `if`s on route tests that end the request: a route all of one holds for never meets the refusal. */
  skipIf?: RouteTest[][];
}

export interface PyFuncFacts {
  line: number;
  /** Where the body reads the identity itself (positions are kept under `line`: entryShift.ts renames them). */
  identity?: { line: number };
  /** Functions the body calls, each where it is first called (to find the identity readers among them). */
  calls: { ref: Ref; line: number }[];
  wrapper?: WrapperFacts;
  checks?: ViewCheck[];
  /** The tests of the body's `if`s (does the view change what it serves by who calls?). */
  tests?: PyAtom[];
  /** The body signs the caller in (writes the session's user, `login_user()`): on a sign-in path its reads are the sign-in. */
  signIn?: { line: number };
  /** A settings getter: what it returns when nothing is stored (`return DEFAULTS.get(key)`). */
  defaults?: DefaultsFrom;
  /** The body refuses somewhere (a helper's `raise Forbidden(…)`), for a view that calls it (flaskGuardJudge.ts). */
  refuses?: { line: number; how: string };
  /** Every way out returns what one of these functions of ours answers (`return await pay_invoice()`). */
  delegates?: { ref: Ref; line: number }[];
  /** The decorators of a decorated top-level function (pyRoutes.ts), judged where a view delegates to it. */
  decorators?: { ref: Ref; text: string; line: number }[];
  /** `user = get_user(request.args.get("usr"))` then `if not user: <stop>` (userLookups.ts). */
  userLookup?: UserLookup;
  /** A class decorator's calls of functions handed to it (`self.function(…)`), by `__init__` parameter (classDecorators.ts). */
  handed?: { index: number; name: string; line: number; afterView: boolean }[];
  /** A call that verifies the request's credential for its effect (`x.check_challenge_response(params)`): verifierCalls.ts. */
  verifies?: { line: number; text: string };
  /** Calls `x.m(v)` on local objects whose class is not read (unresolvedMethods.ts). */
  receiverCalls?: ReceiverCall[];
}

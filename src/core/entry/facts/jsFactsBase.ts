// The JS/TS fact extractor's state while it walks a file (the function being read, the
// conditions around the statement, the names bound in the function, the callbacks of identity
// checks) and what it records from that state: refusals with their conditions, anonymous options,
// `next()` pass-throughs, errors forwarded to `next`. Separate from the syntax walk
// (jsFactsStatements → jsFactsDeclarations → jsFacts) because these are the guard facts, not the
// shape of the code.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { EntryFacts, Expr, KeyedThrow, Refusal, ResponseCall, When } from './types';
import { clip } from './conditions';
import type { callRefusal } from './refusal';
import { asksOnly, CALLER_CONDITION, CALLER_IDENTITY, ERROR_ANSWER, REFUSAL_WORDS, REQUEST_SECRET_CONDITION } from './refusal';
import { SOCKET_CLOSE } from './socketRefusal';
import { grantOnly } from './whenConds';
import { FUNCTION_TYPES, named, short } from './jsNodes';

/** What names the response a handler answers through: Express's `res`, Fastify's `reply`, Koa's `ctx`. */
const RESPONSE = /^(res|resp|response|reply|ctx)$/;

/** Option names that let anonymous requests through when true. */
export const ANON_OPTION = /\b(optional|allowAnonymous|allow_anonymous|anonymous|allowGuest|allowUnauthenticated)\b/;

/** What carries a caller's credentials on a request. */
const CREDENTIAL = String.raw`(authorization|auth_?header|token|jwt|bearer|cookie|credentials?|api_?key|session_?id)`;
/** A condition that holds when the request carries none: `!token`, `_.isNil(authorization)`, `header == null`, the else of `if (token)`. */
const NO_CREDENTIALS = new RegExp(
  String.raw`^\(?\s*!\s*[\w$.\[\]'"]*${CREDENTIAL}\w*\s*\)?$|^\(?\s*[\w$.]*(isNil|isEmpty|isUndefined)\(\s*[\w$.\[\]'"]*${CREDENTIAL}\w*\s*\)\s*\)?$|^\(?\s*[\w$.\[\]'"]*${CREDENTIAL}\w*\s*={2,3}\s*(null|undefined)\s*\)?$|^else of \(?\s*[\w$.\[\]'"]*${CREDENTIAL}\w*\s*\)?$`,
  'i',
);
/**
 * A condition that holds only when the request lacks a credential, written any way: `!token`,
 * `!req.url.includes('token=')`, `!req.headers.authorization`, `_.isNil(authorization)`.
 */
const LACKS_CREDENTIAL = new RegExp(String.raw`^\(?\s*!\s*[^&|?]*${CREDENTIAL}`, 'i');

export function lacksCredential(cond: string): boolean {
  return LACKS_CREDENTIAL.test(cond) || NO_CREDENTIALS.test(cond);
}

/** A call that decides whether the caller may go on (`auth.allow_publish`, `acl.check`, `authenticate`). */
const CHECK_CALL = /allow|authori[sz]|authenticat|permi(t|ssion)|\bcan[A-Z_(]|\bmay[A-Z_]|may_|access|verif|check|\bauth\b/i;

export abstract class JsFactsBase {
  /** Index of the function whose body is being read; -1 at module level. */
  protected fn = -1;
  protected depth = 0;
  /** Conditions of the `if`s (and `catch`es) around the statement being read, innermost last. */
  protected conds: string[] = [];
  /** For each of `conds`: what the bare names it tests were bound to (`verified = await verifyAuthCode(req)`), or ''. */
  protected bound: string[] = [];
  /** For each of `conds`: the test as a `Cond` with the arm it is in (whenConds.ts), or null where it cannot be written so. */
  protected whens: (When['w'][number] | null)[] = [];
  /** Bindings of plain names in the function being read: name → the value's text, shortened. */
  protected bindings = new Map<string, string>();
  /** Function literals passed as the callback of a call that is given the caller's identity: node id → that call's callee. */
  protected readonly hosts = new Map<number, string>();
  /** The function being read is such a callback: the callee it was given to (see `hosts`). */
  protected host: string | undefined;
  /** The bare `next()` calls of the function being read: the condition right around each ('' when none), and the line. */
  protected nexts: { cond: string; line: number; name?: string; bound?: string }[] = [];

  constructor(protected readonly facts: EntryFacts) {}

  /** `if (options.optional && …)`: remember the option, so `auth({ optional: true })` reads as anonymous allowed. */
  protected anonOption(cond: string): void {
    if (this.fn < 0) return;
    const m = ANON_OPTION.exec(cond);
    if (!m) return;
    const f = this.facts.fns[this.fn];
    if (!(f.anonOptions ??= []).includes(m[1])) f.anonOptions.push(m[1]);
  }

  /** A call that speaks of refusing in a form not read (see REFUSAL_WORDS): the first one of the function. */
  protected refusalWords(callee: string, args: readonly string[], at: number): void {
    const f = this.facts.fns[this.fn];
    if (f.refusalWords || /^(reject|[\w$.]*\.reject)$/.test(callee) || asksOnly(callee)) return;
    // Tested part by part: this runs for every call of every function, and most say nothing.
    if (REFUSAL_WORDS.test(callee) || args.some((a) => REFUSAL_WORDS.test(a))) f.refusalWords = { text: clip(`${callee}(${args.join(', ')})`), line: at };
  }

  /** `next()` under "no credentials here": the request goes on anonymous (see FnFact.passesWithout). */
  protected passThrough(at: number, name?: string): void {
    const cond = this.conds.at(-1);
    const bound = cond ? this.boundText(cond) : '';
    this.nexts.push({ cond: cond ?? '', line: at, ...(name ? { name } : {}), ...(bound ? { bound } : {}) });
    if (!cond || !NO_CREDENTIALS.test(cond)) return;
    this.facts.fns[this.fn].passesWithout ??= cond;
  }

  /** `verified` in `if (verified)`, bound earlier to `await verifyAuthCodeForUser(req, res)`: that call, as text. */
  protected boundText(cond: string): string {
    if (!this.bindings.size) return '';
    const names = cond.match(/[A-Za-z_$][\w$]*/g) ?? [];
    return names.map((n) => this.bindings.get(n)).filter((t): t is string => !!t).map((t) => `[${t}]`).join(' ');
  }

  /**
   * The whole chain of conditions around the statement (`catch && else of options.optional`): an
   * option that turns a refusal off (`auth({ optional: true })`) may sit in any of them. A tested
   * name carries what it was bound to, so `else of verified` still says what was verified.
   */
  protected condChain(): string {
    return this.conds.map((c, i) => (this.bound[i] ? `${c} ${this.bound[i]}` : c)).join(' && ');
  }

  protected refusal(r: ReturnType<typeof callRefusal>): void {
    if (!r || this.fn < 0) return;
    const f = this.facts.fns[this.fn];
    const cond = this.condChain();
    // A 400 counts only when what is tested is the caller (their password, their session).
    // So does a websocket closed (socketRefusal.ts).
    if ((r.how === '400' || r.how === SOCKET_CLOSE) && !CALLER_CONDITION.test(cond)) return;
    if (r.how === ERROR_ANSWER && !REQUEST_SECRET_CONDITION.test(cond)) return;
    if (cond) r.cond = clip(cond);
    const all = this.whens.filter((w): w is When['w'][number] => !!w);
    const when = all.filter((w) => !grantOnly(w.cond));
    const grants = all.filter((w) => grantOnly(w.cond));
    if (when.length) r.when = when;
    if (grants.length) r.grants = grants;
    (f.refusals ??= []).push(r);
  }

  /** `throw new Error('[[error:no-privileges]]')`: kept with its tests (see FnFact.keyedThrows). */
  protected keyedThrow(key: string, cls: string | undefined, text: string, at: number, tests: When['w'] | undefined): void {
    if (this.fn < 0) return;
    const t: KeyedThrow = { key, text: short(text), line: at };
    if (cls) t.cls = cls;
    const cond = this.condChain();
    if (cond) t.cond = clip(cond);
    if (tests) t.tests = tests;
    (this.facts.fns[this.fn].keyedThrows ??= []).push(t);
  }

  /**
   * `errors.errorForbidden(res)`: a call that hands the response (`res`, `reply`, Koa's `ctx`), a
   * parameter of this function or one around it, to a function that may answer for this one.
   * Whether that function refuses is read where its code is known (interp/helperRefusal.ts).
   */
  protected responseHandoff(fn: Node, callee: Expr, argNodes: Node[], at: number, offset: number): void {
    if (this.fn < 0 || (fn.type === 'identifier' && /^_?next$/.test(fn.text))) return;
    const given = argNodes.find((a) => a.type === 'identifier' && RESPONSE.test(a.text) && this.isParam(a.text));
    // A method of the response itself (`res.send(res)`) is the framework's, not a function of ours.
    if (!given || fn.text === given.text || fn.text.startsWith(`${given.text}.`)) return;
    const call: ResponseCall = { callee, text: short(`${fn.text.slice(0, 80)}(${argNodes.map((a) => a.text.slice(0, 30)).join(', ')})`), line: at, offset };
    const cond = this.condChain();
    if (cond) call.cond = clip(cond);
    (this.facts.fns[this.fn].responseCalls ??= []).push(call);
  }

  /** `name` is a parameter of the function being read or of one it is nested in. */
  private isParam(name: string): boolean {
    for (let i: number | undefined = this.fn; i !== undefined && i >= 0; i = this.facts.fns[i].parent) {
      if (this.facts.fns[i].params.includes(name)) return true;
    }
    return false;
  }

  /**
   * `store.mayWrite(pkg, req.user, (err, ok) => …)`: a call given the caller's identity and a
   * callback. What the callback does with its error is the answer of that check.
   */
  protected noteCallbackHost(fn: Node, argNodes: Node[]): void {
    const callbacks = argNodes.filter((a) => FUNCTION_TYPES.has(a.type));
    // Only a check: `User.findById(req.user.id, (err, u) => { if (err) return next(err) })` is a
    // lookup whose failure is a server error, not a refusal.
    if (!callbacks.length || !CHECK_CALL.test(fn.text.slice(0, 80))) return;
    const identity = argNodes.some((a) => !FUNCTION_TYPES.has(a.type) && (CALLER_IDENTITY.test(a.text.slice(0, 200)) || (a.type === 'identifier' && CALLER_IDENTITY.test(this.bindings.get(a.text) ?? ''))));
    if (!identity) return;
    for (const c of callbacks) this.hosts.set(c.id, short(fn.text));
  }

  /**
   * `next(err)` in such a callback, with the callback's own error: Express ends the request with
   * that error (anything but 'route'/'router'), so the middleware whose `next` it is refuses the
   * request when the check fails. Recorded on that middleware, not on the callback.
   */
  protected forwardedError(nextName: string, arg: Node, at: number): void {
    const own = this.facts.fns[this.fn];
    const error = own.params[0];
    if (!this.host || !error || own.params.includes(nextName)) return;
    // The error itself, or one built from it (`next(errors.of(err.status, err.message))`).
    const fromError = arg.type === 'identifier' ? arg.text === error : arg.type === 'call_expression' && named(arg.childForFieldName('arguments')).some((a) => new RegExp(`^${error.replace(/\$/g, '\\$')}\\b`).test(a.text));
    if (!fromError) return;
    let mw: number | undefined = own.parent;
    while (mw !== undefined && !this.facts.fns[mw].params.includes(nextName)) mw = this.facts.fns[mw].parent;
    if (mw === undefined) return;
    const cond = this.conds.join(' && ');
    const r: Refusal = { how: 'error to next', text: short(`${nextName}(${arg.text.slice(0, 40)}) when ${this.host}(…) fails`), line: at };
    if (cond) r.cond = clip(cond);
    (this.facts.fns[mw].refusals ??= []).push(r);
  }

  /** An expression as a tuple; `hint` names a function literal after where it is bound. */
  abstract expr(n: Node, hint?: string): Expr;
}

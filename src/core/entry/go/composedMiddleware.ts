// Middleware composed into a value before it wraps handlers: `userChain := handlerutil.Chain(base,
// withUserSession(db))`, then `mux.Handle("GET /home", userChain(h))`. The variable is a call's
// result, so its own callee (the composer) holds no check; what refuses is among the middleware it
// was given. A variable bound to a call keeps those arguments (`members`), expanded through
// variables composed the same way, and a wrapper named by such a variable stands for the call and
// every member, each judged by its code. Only arguments that can be middleware are members: a
// function (`mw.Logged`, `withParams`), a factory call (`withUser(dbc)`), a func literal or another
// composed variable; values bound in the function (`store`, `sessDB`) are not.
//
// The same composed value may wrap a sub-router made by a function of ours (`mux.Handle("/rest/",
// http.StripPrefix("/rest", chain(ctrl)))` with `ctrl, err := ctrlsubsonic.New(…)`): the call's
// result is kept as a possible router (`O:`, routerResults.ts), mounted under the stripped prefix
// behind the wrappers on the way; link.ts keeps the mount only when the result is a router.
import type { GoNode as Node } from './goNode';
import { callArgs } from '../treeUtil';
import { resultRefOf } from './routerResults';
import type { GoScope } from './scope';
import type { GoCandidate, GoRef, StrPart } from './types';

type Candidate = (n: Node, via: string, condition?: string) => GoCandidate;

/** The middleware a composing call was given (`Chain(a, b(x), c)`), composed variables expanded. */
export function chainMembers(call: Node, sc: GoScope, candidate: Candidate): GoCandidate[] {
  const out: GoCandidate[] = [];
  const at = `${call.childForFieldName('function')!.text.slice(0, 60)} at line ${call.startPosition.row + 1}`;
  // A builder's chain (`NewBridgeBuilder(cfg).WithPreMiddlewares(a).WithPostMiddlewares(b).Build()`):
  // what each link is given composes into the value the last one makes.
  const links: Node[] = [];
  for (let link: Node | null | undefined = call; link?.type === 'call_expression'; link = chainedOn(link)) links.unshift(link);
  for (const a of links.flatMap((l) => callArgs(l))) out.push(...memberOf(a.type === 'variadic_argument' ? a.namedChildren[0] : a, at, sc, candidate));
  return out;
}

/** What one argument composes: a function, a factory call, a composed variable's members, `append(list, more…)`'s elements. */
function memberOf(arg: Node | null | undefined, at: string, sc: GoScope, candidate: Candidate, spread = false): GoCandidate[] {
  if (!arg) return [];
  if (arg.type === 'identifier') {
    const v = sc.lookup(arg);
    if (v && 'members' in v && v.members) return v.members;
    // A spread list we cannot see (`mws...` handed in) still names middleware: a candidate, judged unknown unless resolved.
    if (!v || 'fn' in v || spread) return [{ ...candidate(arg, `composed by ${at}`), composed: true, ...(spread && (!v || !('fn' in v)) ? { spread: true } : {}) }];
    return [];
  }
  if (arg.type === 'call_expression' && arg.childForFieldName('function')?.text === 'append') {
    return callArgs(arg).flatMap((a) => memberOf(a.type === 'variadic_argument' ? a.namedChildren[0] : a, at, sc, candidate, spread));
  }
  if (arg.type === 'selector_expression' || arg.type === 'call_expression' || arg.type === 'func_literal') return [{ ...candidate(arg, `composed by ${at}`), composed: true }];
  // `append(mws, []model.HttpMiddleware{NewAuth(deps), …}...)`: the list literal's members.
  if (arg.type === 'composite_literal') return middlewareList(arg, sc, candidate)?.members ?? [];
  return [];
}

/**
 * `chain.ToHandlerFunc(v1Ctrl.HandleX(), userMW...)`: an adapter handed the handler and a spread list of middleware
 * (errchain, alice-like helpers of a service's own): each listed middleware wraps the handler.
 */
export function spreadMembers(call: Node, sc: GoScope, candidate: Candidate): GoCandidate[] {
  const at = `${call.childForFieldName('function')!.text.slice(0, 60)} at line ${call.startPosition.row + 1}`;
  return callArgs(call).filter((a) => a.type === 'variadic_argument').flatMap((a) => memberOf(a.namedChildren[0], at, sc, candidate, true));
}

// Element types a list of middleware is written with: `[]errchain.Middleware`, `[]func(http.Handler) http.Handler`,
// `[]gin.HandlerFunc`, `[]alice.Constructor`.
const MIDDLEWARE_ELEMENT = /Middleware|Handler|Constructor|^func\(/;

/** `[]errchain.Middleware{a.mwAuthToken, a.mwRoles(…)}`: the middleware a slice literal lists, or undefined. */
export function middlewareList(lit: Node, sc: GoScope, candidate: Candidate): { list: string; members: GoCandidate[] } | undefined {
  const t = lit.childForFieldName('type');
  if (t?.type !== 'slice_type' || !MIDDLEWARE_ELEMENT.test(t.childForFieldName('element')?.text ?? '')) return undefined;
  const els = (lit.childForFieldName('body')?.namedChildren ?? []).map((e) => (e?.type === 'literal_element' ? e.namedChildren[0] : e)).filter((e): e is Node => !!e);
  if (!els.length || !els.every((e) => /^(identifier|selector_expression|call_expression|func_literal)$/.test(e.type))) return undefined;
  const at = `${t.text.slice(0, 60)} list at line ${lit.startPosition.row + 1}`;
  const members = els.flatMap((e) => memberOf(e, at, sc, candidate));
  return members.length ? { list: t.text, members } : undefined;
}

/** The call a method is called on (`b.With(x)` on `New()`), or undefined. */
function chainedOn(call: Node): Node | null | undefined {
  const f = call.childForFieldName('function');
  return f?.type === 'selector_expression' ? f.childForFieldName('operand') : undefined;
}

/**
 * The candidates a wrapper call stands for: the call itself, and, when its function is a variable
 * bound to a composing call, every middleware composed into it.
 */
export function wrapperCandidates(call: Node, via: string, sc: GoScope, candidate: Candidate, condition?: string): GoCandidate[] {
  const f = call.childForFieldName('function')!;
  const v = f.type === 'identifier' ? sc.lookup(f) : undefined;
  const own = candidate(call, via, condition);
  if (!v || !('members' in v) || !v.members?.length) return [own];
  return [own, ...v.members.map((m) => ({ ...m, via: `${m.via}, in ${f.text} ${via}`, ...(condition ? { condition } : {}) }))];
}

/**
 * `http.StripPrefix("/rest", chain(trim(ctrl)))` where `ctrl` holds a call's result of ours (or the
 * call is written there): that result as a possible router, the prefix stripped before it and the
 * wrappers around it, outermost first. Undefined when the bottom is no such result.
 */
export function mountedResult(handler: Node, sc: GoScope, candidate: Candidate, callResult: (n: Node) => GoRef | undefined): { ref: GoRef; strip: StrPart[]; guards: GoCandidate[] } | undefined {
  let strip: StrPart[] = [];
  const guards: GoCandidate[] = [];
  let h: Node = handler;
  for (let depth = 0; depth < 8; depth++) {
    if (h.type === 'identifier') {
      const ref = resultRefOf(sc.lookup(h));
      return ref ? { ref, strip, guards } : undefined;
    }
    if (h.type !== 'call_expression') return undefined;
    const f = h.childForFieldName('function')!;
    const args = callArgs(h);
    if (f.text === 'http.StripPrefix' && args.length === 2) {
      if (!strip.length) strip = sc.str(args[0]);
      h = args[1];
      continue;
    }
    // A wrapper takes the handler as its one argument (`chain(x)`, `auth(x)`); anything else is the bottom.
    if (args.length !== 1 || !/^(identifier|call_expression)$/.test(args[0].type)) {
      const ref = callResult(h);
      return ref ? { ref, strip, guards } : undefined;
    }
    const inner = args[0].type === 'identifier' ? resultRefOf(sc.lookup(args[0])) : undefined;
    const innerCall = args[0].type === 'call_expression' ? args[0] : undefined;
    if (!inner && !innerCall) {
      const ref = callResult(h);
      return ref ? { ref, strip, guards } : undefined;
    }
    if (!/^http\.(HandlerFunc|TimeoutHandler|MaxBytesHandler)$/.test(f.text)) guards.push(...wrapperCandidates(h, `wraps the mounted router at line ${h.startPosition.row + 1}`, sc, candidate));
    h = args[0];
  }
  return undefined;
}

// The handler a route registration names inside its wrappers (`auth(h.List)`,
// `http.HandlerFunc(f)`), and the wrappers as middleware candidates (extract.ts).
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids } from '../treeUtil';
import { FN } from './scope';
import { chainMembers, spreadMembers, wrapperCandidates } from './composedMiddleware';
import type { GoScope } from './scope';
import type { Callee, GoCandidate } from './types';

export interface Unwrapped {
  wrappers: GoCandidate[];
  inner: Node;
  /** The function of ours whose call (`renewHandler(ttl)`) made the handler: it holds the handler's code. */
  made?: Callee;
  /**
   * `handler.Web(viewHome, UserLevelOptional)`: the wrapper's last argument was taken for the handler, and an
   * earlier one is a function too; link.ts takes this one when it serves the request and the last does not.
   */
  alt?: Node;
}

export interface UnwrapDeps {
  sc: GoScope;
  callee: (n: Node) => Callee | undefined;
  candidate: Parameters<typeof wrapperCandidates>[3];
  /** A field of a struct declared here (`s.ds`): a handler made from the service's values. */
  isFieldValue: (n: Node) => boolean;
}

/** A function named by an argument (`viewHome`, `h.List`). */
const FN_NAME = new Set(['identifier', 'selector_expression']);

export function handlerUnwrapper({ sc, callee, candidate, isFieldValue }: UnwrapDeps): (handler: Node) => Unwrapped {
  /**
   * The handler inside its wrappers (`auth(h.List)`, `http.HandlerFunc(f)`), and the wrappers as
   * middleware. A wrapper may wrap another (`extractPayloadByKid(h.isPostAsGet(h.GetOrder))`): the
   * walk goes down a call argument only when a function is found at its bottom, so a handler built
   * from values (`handlers.New(store.Open(cfg))`) keeps the call as its handler, as before.
   */
  const unwrapHandler = (handler: Node): Unwrapped => {
    const wrappers: GoCandidate[] = [];
    let alt: Node | undefined;
    // `authorizationGET := mw.Wrap(metrics, cors.Middleware(bridge(h)))`, then `r.GET(path, authorizationGET)`:
    // the handler held in a local is the call that made it, wrappers and all.
    let inner = heldCall(handler, sc) ?? handler;
    while (inner.type === 'call_expression' && callArgs(inner).length > 0) {
      const f = inner.childForFieldName('function')!;
      // `login(s.ds)`: a handler made from the service's values (a field of a struct declared here), not a wrapper of one.
      if (callArgs(inner).every(isFieldValue)) break;
      if (!/^(http\.(HandlerFunc|StripPrefix|TimeoutHandler|MaxBytesHandler)|gin\.Wrap[FH])$/.test(f.text)) {
        // A variable composed of middleware (`userChain(h)`) stands for each of them (composedMiddleware.ts).
        const [own, ...members] = wrapperCandidates(inner, `wrapper around the handler`, sc, candidate);
        // `NewBridgeBuilder().WithPostMiddlewares(Require1FA).Build()(h)`: what the builder was given wraps the handler.
        const built = f.type === 'call_expression' ? chainMembers(f, sc, candidate) : [];
        // `made`: the call with its arguments, which a wrapper's parameter tests read (verdict.ts errGate).
        // `chain.ToHandlerFunc(h, userMW...)`: the spread list of middleware the adapter is handed wraps the handler too.
        wrappers.push({ ...own, text: f.text, made: own.made ?? inner.text }, ...members, ...built, ...spreadMembers(inner, sc, candidate));
      }
      // `ToHTTPHandler(deps, handlers.HandleX, globalMiddleware...)`: a spread list is middleware (spreadMembers
      // above), never the handler, so the handler is looked for among the other arguments.
      const as = callArgs(inner).filter((a) => a.type !== 'variadic_argument');
      if (as.length === 0) break;
      const last = as[as.length - 1];
      const fnArg = as.find((a) => a.type === 'func_literal' || a.type === 'selector_expression' || a.type === 'identifier');
      let next = fnArg && last.type !== 'interpreted_string_literal' ? last : fnArg;
      alt = fnArg && next === last && fnArg !== last && FN_NAME.has(fnArg.type) && FN_NAME.has(last.type) ? fnArg : undefined;
      let nested: { wrappers: GoCandidate[]; inner: Node } | undefined;
      // The wrapped handler may be a call among option strings (`pm(hasID(a.Get), "subs:get")`,
      // `hasUUID(hasSub(a.Page), "subUUID")`): the last argument that is a call, if not the last one.
      const callArg = fnArg ? undefined : [...as].reverse().find((a) => a.type === 'call_expression');
      if (callArg) {
        nested = unwrapHandler(callArg);
        // `adapt(renewHandler(ttl), "")`: a function of ours handed only values makes the handler: the function
        // holds its code (`return func(w, r, d) …`, or `return withUser(func…)`, definedWrappers.ts).
        const made = callee(callArg.childForFieldName('function')!);
        if (made?.startsWith('fn:') && !callArgs(callArg).some((a) => a.type === 'func_literal') && (nested.inner.type === 'call_expression' || !callee(nested.inner)?.startsWith('fn:'))) {
          return { wrappers, inner: callArg, made };
        }
        if (nested.inner.type === 'call_expression' || !callee(nested.inner)?.startsWith('fn:')) nested = undefined;
        next = nested?.inner;
      }
      if (!next || next.startIndex === inner.startIndex) break;
      if (nested) {
        wrappers.push(...nested.wrappers);
        return { wrappers, inner: nested.inner };
      }
      inner = next;
    }
    return { wrappers, inner, ...(alt && alt !== inner ? { alt } : {}) };
  };
  return unwrapHandler;
}

/**
 * The call a local handler was bound to, once, in the function that uses it (`h := wrap(x)`), when
 * the scope says it holds a call's result; undefined for anything else (a parameter, a reassigned name).
 */
function heldCall(id: Node, sc: GoScope): Node | undefined {
  if (id.type !== 'identifier') return undefined;
  const v = sc.lookup(id);
  if (!v || !('ret' in v)) return undefined;
  let fn: Node | null = id.parent;
  while (fn && !FN.includes(fn.type)) fn = fn.parent;
  if (!fn) return undefined;
  const inits = all(fn, ['short_var_declaration', 'assignment_statement']).filter((d) => {
    const left = kids(d.childForFieldName('left'));
    return left.length === 1 && left[0].text === id.text;
  });
  const right = inits.length === 1 && inits[0].startIndex < id.startIndex ? kids(inits[0].childForFieldName('right')) : [];
  return right.length === 1 && right[0].type === 'call_expression' ? right[0] : undefined;
}

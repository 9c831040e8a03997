// The handler a route registration names inside its wrappers (`auth(h.List)`,
// `http.HandlerFunc(f)`), and the wrappers as middleware candidates (extract.ts).
import type { Node } from 'web-tree-sitter';
import { callArgs } from '../treeUtil';
import { wrapperCandidates } from './composedMiddleware';
import type { GoScope } from './scope';
import type { Callee, GoCandidate } from './types';

export interface Unwrapped {
  wrappers: GoCandidate[];
  inner: Node;
}

export interface UnwrapDeps {
  sc: GoScope;
  callee: (n: Node) => Callee | undefined;
  candidate: Parameters<typeof wrapperCandidates>[3];
  /** A field of a struct declared here (`s.ds`): a handler made from the service's values. */
  isFieldValue: (n: Node) => boolean;
}

export function handlerUnwrapper({ sc, callee, candidate, isFieldValue }: UnwrapDeps): (handler: Node) => Unwrapped {
  /**
   * The handler inside its wrappers (`auth(h.List)`, `http.HandlerFunc(f)`), and the wrappers as
   * middleware. A wrapper may wrap another (`extractPayloadByKid(h.isPostAsGet(h.GetOrder))`): the
   * walk goes down a call argument only when a function is found at its bottom, so a handler built
   * from values (`handlers.New(store.Open(cfg))`) keeps the call as its handler, as before.
   */
  const unwrapHandler = (handler: Node): Unwrapped => {
    const wrappers: GoCandidate[] = [];
    let inner = handler;
    while (inner.type === 'call_expression' && callArgs(inner).length > 0) {
      const f = inner.childForFieldName('function')!;
      // `login(s.ds)`: a handler made from the service's values (a field of a struct declared here), not a wrapper of one.
      if (callArgs(inner).every(isFieldValue)) break;
      if (!/^(http\.(HandlerFunc|StripPrefix|TimeoutHandler|MaxBytesHandler)|gin\.Wrap[FH])$/.test(f.text)) {
        // A variable composed of middleware (`userChain(h)`) stands for each of them (composedMiddleware.ts).
        const [own, ...members] = wrapperCandidates(inner, `wrapper around the handler`, sc, candidate);
        wrappers.push({ ...own, text: f.text }, ...members);
      }
      const as = callArgs(inner);
      const last = as[as.length - 1];
      const fnArg = as.find((a) => a.type === 'func_literal' || a.type === 'selector_expression' || a.type === 'identifier');
      let next = fnArg && last.type !== 'interpreted_string_literal' ? last : fnArg;
      let nested: { wrappers: GoCandidate[]; inner: Node } | undefined;
      // The wrapped handler may be a call among option strings (`pm(hasID(a.Get), "subs:get")`,
      // `hasUUID(hasSub(a.Page), "subUUID")`): the last argument that is a call, if not the last one.
      const callArg = fnArg ? undefined : [...as].reverse().find((a) => a.type === 'call_expression');
      if (callArg) {
        nested = unwrapHandler(callArg);
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
    return { wrappers, inner };
  };
  return unwrapHandler;
}

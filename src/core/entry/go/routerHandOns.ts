// A helper that receives a router: `users.Register(v1.Group("/users"))`, `h.Route(r)`, `setupRoutes(r)`;
// `route(s.rootRoute)` on a parameter goes to the functions callers hand in there (funcParams.ts).
// Each router argument becomes a pass that link.ts follows into the callee's parameter.
import type { GoNode as Node } from './goNode';
import { line } from '../treeUtil';
import { fnArgsOf, paramCallee } from './funcParams';
import { isPackageVarRef } from './packageVars';
import type { GoScope } from './scope';
import type { Callee, GoFileFacts, GoRef } from './types';
import { condsAbove, type SettingCond } from './configValues';
import { viperSetting } from './viperKeys';

const SERVES = /^ext:net\/http#(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$/;

export interface HandOnContext {
  facts: GoFileFacts;
  sc: GoScope;
  evalRouter: (n: Node | null | undefined, asValue?: boolean) => GoRef | undefined;
  /** The router an argument holds when it is no router expression: a maker's result, a call's. */
  heldRouter: (a: Node) => GoRef | undefined;
}

export function routerHandOns(cx: HandOnContext): (call: Node, c: Callee | undefined, args: Node[]) => void {
  const { facts, sc, evalRouter, heldRouter } = cx;
  return (call, c, args) => {
    const viaParam = c ? undefined : paramCallee(call, sc);
    if (!c && !viaParam) return;
    const to = (c ?? viaParam)!;
    if (c) for (const a of fnArgsOf(c, args, sc.callee)) (facts.fnArgs ??= []).push(a);
    // `http.ListenAndServe(addr, auth(mux))`: what serves is the handler as written, wrappers and all.
    if (SERVES.test(to)) evalRouter(args[args.length - 1]);
    let settings: SettingCond[] | null | undefined;
    args.forEach((a, i) => {
      const r = evalRouter(a, false) ?? heldRouter(a);
      // A package-level name handed to a package's function is no router we follow.
      if (!r || (isPackageVarRef(r) && to.startsWith('ext:'))) return;
      // `if cfg.App.SingleUser { … } else { RouteCollections(handler, sub) }`: handed on only under these settings tests (configValues.ts).
      settings ??= condsAbove(call, (x) => sc.setting(x) ?? viperSetting(x));
      facts.passes.push({ router: r, callee: to, index: i, file: facts.file, line: line(call), order: call.startIndex, ...(settings?.length ? { settings } : {}) });
    });
  };
}

// What a framework module tells the interpreter: which calls create routers, register routes,
// mount and attach middleware, which values are known guards, and any declarative routes
// (annotations, decorators, file-system routing). One file per framework in this folder; the
// registry (index.ts) lists them. Languages share the interpreter, the value evaluator and the
// router graph.
import type { Interp } from '../interp/interpreter';
import type { ExtValue, KnownGuard, RouterNode, SiteRef, Value } from '../interp/values';

export type LanguageFamily = 'js' | 'python' | 'go' | 'java';

/** What a middleware value is, as far as one framework can tell from its identity alone. */
export interface GuardVerdict {
  verdict: 'guard' | 'optional' | 'none';
  guard?: Omit<KnownGuard, 'file' | 'line'> & { file?: string; line?: number };
}

export interface Framework {
  /** As shown in `framework` of each entry: `express`, `koa`, `flask` … */
  name: string;
  language: LanguageFamily;
  /** Import specifiers of its packages. */
  packages: RegExp;
  /** A call (or `new`) of one of its packages' values; return the result, or undefined to let the interpreter carry an external value on. */
  callExt?(x: Interp, callee: ExtValue, args: Value[], site: SiteRef, isNew: boolean): Value | undefined;
  /** A method called on one of its routers. */
  callRouter?(x: Interp, r: RouterNode, method: string, args: Value[], site: SiteRef): Value | undefined;
  /** A property read off one of its routers (not called). */
  routerMember?(x: Interp, r: RouterNode, prop: string): Value | undefined;
  /** Known guards among its values: `passport.authenticate('jwt')`, `login_required`. */
  guard?(x: Interp, v: Value): GuardVerdict | undefined;
  /** After every module ran: routes declared rather than called (annotations, file-system routes). */
  finalize?(x: Interp): void;
}

// A before_request-style hook of a Flask/Quart/Sanic router, recorded for the link pass: one that
// refuses itself (flaskHooks.ts) guards its router's routes; one registered already wrapped by
// decorators is judged by them (pyLink.ts); one that refuses through a function of ours in another
// module is judged at link time (hookCalls.ts).
import type { Node } from 'web-tree-sitter';
import type { Guard, Ref } from '../types';
import type { PyFacts } from './pyFacts';
import { line } from '../treeUtil';
import { paramNames } from './pyScope';
import { hookGuard, refusalOf, wrappedHookGuard } from './flaskHooks';
import { hookCalls } from './hookCalls';

export type WrappedBy = { ref: Ref; text: string; line: number; guard?: Guard }[];

export function recordHook(def: Node, router: Ref, routerText: string, kind: string, wrappedBy: WrappedBy, ctx: { py: PyFacts; file: string; fnRef: (n: Node | undefined | null) => Ref | undefined }): void {
  const { py, file, fnRef } = ctx;
  // A url_value_preprocessor is called with the endpoint and the URL's values.
  const [endpoint, values] = kind === 'url_value_preprocessor' ? paramNames(def) : [];
  const refusal = refusalOf(def, { endpoint, values });
  const name = def.childForFieldName('name')?.text ?? '<hook>';
  const guard = refusal && hookGuard(name, routerText, refusal, file, line(def), kind);
  if (refusal && guard) py.hooks.push({ router, guard, exempt: refusal.exempt, ...(refusal.needs ? { needs: refusal.needs } : {}), ...(refusal.gate ? { gate: refusal.gate } : {}) });
  else if (wrappedBy.length) (py.wrappedHooks ??= []).push({ router, name, line: line(def), decorators: wrappedBy.map((w) => ({ ...w, ...(w.guard ? { guard: wrappedHookGuard(name, routerText, w.guard, kind) } : {}) })) });
  else {
    // Refusing through a function of ours (another module's `verify_auth_token`): judged at link time.
    const calls = hookCalls(def, fnRef);
    if (calls.length) (py.callingHooks ??= []).push({ router, name, line: line(def), file, routerText, kind, calls });
  }
}

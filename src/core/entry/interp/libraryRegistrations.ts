// Functions of ours registered on an object a library made, which calls them when a request is
// handed to it: `api.register('getTextUsingGET', handler)` on `const api = new OpenAPIBackend(…)`, then
// `app.use(root, (req, res) => api.handleRequest(req, req, res))`. The route's handler is the
// wrapper; what refuses a caller is in the registered functions (handedChecks.ts reads them).
import type { ExtValue, FnValue, SiteRef, Value } from './values';

/** A function registered on a library's object, and the call that registered it (`file@offset`). */
export interface Registered {
  fn: FnValue;
  at: string;
}

/** Methods that call a function now (a list's, a promise's), not register it for later. */
const COLLECTION_METHOD = /^(map|filter|forEach|flatMap|reduce|find|findIndex|some|every|sort|then|catch|finally)$/;

/** The registry key of the object a method call is made on: its package and member path without the method. */
export function receiverKey(callee: ExtValue): string | undefined {
  return callee.path.length > 1 ? `${callee.spec}|${callee.path.slice(0, -1).join('.')}` : undefined;
}

/** A method call on a library's object with functions of ours among its arguments (or as the values of an object argument): they are registered there. */
export function registerOnLibrary(registry: Map<string, Registered[]>, callee: ExtValue, args: readonly Value[], site: SiteRef): void {
  // Only an object the library made (`new OpenAPIBackend(…)`, `createRouter()`): not a package's own functions.
  if (!callee.path.slice(0, -1).includes('()') || COLLECTION_METHOD.test(callee.path.at(-1) ?? '')) return;
  const fns: FnValue[] = [];
  for (const a of args) {
    if (a.k === 'fn') fns.push(a);
    else if (a.k === 'obj') for (const v of a.props.values()) if (v.k === 'fn') fns.push(v);
  }
  const key = receiverKey(callee);
  if (!fns.length || !key) return;
  const known = registry.get(key) ?? [];
  const at = `${site.file}@${site.offset}`;
  for (const f of fns) if (known.length < 200 && !known.some((k) => k.fn.file === f.file && k.fn.fn === f.fn)) known.push({ fn: f, at });
  registry.set(key, known);
}

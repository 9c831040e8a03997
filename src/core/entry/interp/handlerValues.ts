// What a route's handler value is made of: the function under its wrappers, the chain of wrappers,
// whether a function takes a request, and the name a reader sees for it (routeEntry.ts).
import type { Interp } from './interpreter';
import type { FnValue, Value } from './values';
import { valueText } from './values';

/** The function that really handles the request, through wrappers (`asyncHandler(h)`, `http(api.x)`). */
export function innermostFn(v: Value | undefined): FnValue | undefined {
  for (let i = 0; v && i < 8; i++) {
    if (v.k === 'fn') {
      if (v.wraps && (v.wraps.k === 'fn' || v.wraps.k === 'ext')) {
        v = v.wraps;
        continue;
      }
      return v;
    }
    if (v.k === 'ext' && v.args?.length) {
      v = v.args.find((a) => a.k === 'fn' || a.k === 'obj') ?? v.args[0];
      continue;
    }
    if (v.k === 'kw') {
      v = v.v;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** The functions a route's handler value is made of, the outermost wrapper first (`tryRoute(controller)` → controller). */
export function wrapChain(v: Value | undefined): FnValue[] {
  const out: FnValue[] = [];
  for (let i = 0; v && i < 8; i++) {
    if (v.k === 'fn') out.push(v);
    v = v.k === 'fn' ? v.wraps : v.k === 'ext' ? v.args?.find((a) => a.k === 'fn') : v.k === 'kw' ? v.v : undefined;
  }
  return out;
}

/** Parameters of a request handler (`req, res`, `ctx`, `request, reply`), not of an action called with the framework's own arguments. */
export function takesRequest(params: string[]): boolean {
  return params.length >= 2 || (params.length === 1 && /^_?(req|request|ctx|context|c|event|evt|r)$/i.test(params[0]!));
}

/** The handler's name as a reader sees it: its maker's text, its function's name, or `<inline>`. */
export function handlerText(x: Interp, v: Value | undefined): string {
  if (!v) return '<none>';
  if (v.k === 'fn') {
    if (v.madeBy) return v.madeBy.text;
    const name = x.fnFact(v)?.name ?? '<function>';
    return /^<anon@/.test(name) ? '<inline>' : name;
  }
  return valueText(v);
}

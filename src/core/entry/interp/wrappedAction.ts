// Where a framework-wrapped handler does its work: ghost's `http(api.posts.browse)` reaches the
// `query(frame)` of an action object of ours; `http(api.session.add)` hands over the method itself.
// Used for the handler's location (the flow's first call) and for the checks down the action.
import type { FnValue, Value } from './values';

/** `http(api.session.add)` whose one argument is that method, read off its object: `session.add`. */
export function methodVia(v: Value & { k: 'ext' }, fn: FnValue): string | undefined {
  const arg = v.args?.length === 1 ? v.args[0] : undefined;
  if (arg?.k !== 'fn' || arg.file !== fn.file || arg.fn !== fn.fn || arg.self?.k !== 'obj') return undefined;
  const written = /^[\w$.]+\(\s*([\w$]+(?:\.[\w$]+)+)\s*\)$/.exec(v.text ?? '')?.[1];
  return written?.split('.').slice(-2).join('.');
}

/** Names of an action object's function that does the work, when it has several (`{ permissions, validation, query }`). */
const WORK_PROP = /^(query|handler|handle|run|execute|action|resolve|process)$/;

/**
 * A member of one of our objects reached through a framework wrapper: ghost's `http(api.posts.browse)`
 * where `api.posts` is `pipeline(controller)` and `browse` is `{ permissions, query() {…} }`. The
 * function doing the work, and the member as the registration names it (`posts.browse`).
 */
export function wrappedAction(v: Value | undefined): { fn: FnValue; via: string } | undefined {
  for (let i = 0; v && v.k === 'ext' && v.args?.length && i < 8; i++) {
    const inner = v.args.find((a) => a.k === 'ext' || a.k === 'obj' || a.k === 'fn');
    if (!inner) return undefined;
    if (inner.k === 'ext') {
      const target = inner.args?.length === 1 ? inner.args[0] : undefined;
      const via = inner.text?.split('.').slice(-2).join('.');
      if (target && via && /^[\w$.]+$/.test(via)) {
        if (target.k === 'fn') return { fn: target, via };
        if (target.k === 'obj') {
          const fns = [...target.props].filter((p): p is [string, FnValue] => p[1].k === 'fn');
          const work = fns.length === 1 ? fns[0] : fns.find(([k]) => WORK_PROP.test(k));
          return work ? { fn: work[1], via } : undefined;
        }
      }
    }
    v = inner;
  }
  return undefined;
}

// What the call layer (interpCalls.ts) asks of values: whether one carries or owns a router, the
// module TypeScript's `__importDefault` makes of one, and the short texts of arguments and calls
// that reasons and unknown values quote.
import type { Value } from './values';
import { valueText } from './values';

/**
 * The `__importDefault(mod)` helper TypeScript emits for `import x from 'm'` in CommonJS output: a
 * module marked `__esModule` as it is, anything else as `{ default: mod }`. Its own code tests the
 * marker, which is absent (not unknown) on a CommonJS module's exports; run by this rule instead,
 * `x_1.default` is the module's `module.exports`. A package's value stays as it is (its `.default`
 * is read as a member path).
 */
export function importDefault(mod: Value): Value {
  if (mod.k === 'ext' || mod.k === 'unknown') return mod;
  if (mod.k === 'obj' && mod.props.get('__esModule')?.k === 'bool') return mod;
  return { k: 'obj', props: new Map([['default', mod]]) };
}

/** A router, or an object or array holding one (two levels down at most). */
export function carriesRouter(v: Value, depth = 0): boolean {
  if (v.k === 'router') return true;
  if (depth >= 2) return false;
  if (v.k === 'arr') return v.items.slice(0, 50).some((i) => carriesRouter(i, depth + 1));
  if (v.k === 'obj' && !v.module) return [...v.props.values()].slice(0, 50).some((i) => carriesRouter(i, depth + 1));
  return false;
}

/** An instance with a router in one of its fields (`this.app = Router()` in its constructor). */
export function ownsRouter(self: Value | undefined): boolean {
  return self?.k === 'inst' && [...self.fields.values()].slice(0, 50).some((v) => v.k === 'router');
}

/** A router, or a module whose default export is one. */
export function routerIn(v: Value): Value | undefined {
  if (v.k === 'router') return v;
  if (v.k === 'obj' && v.module) {
    const d = v.props.get('default');
    if (d?.k === 'router') return d;
  }
  return undefined;
}

/** A function or a router: what a route or mount hands the request to. */
export function isHandlerish(v: Value): boolean {
  return v.k === 'fn' || v.k === 'router';
}

/** An argument as a short text (30 characters), for a call's identity in a reason. */
export function shortArg(v: Value): string {
  const t = v.k === 'fn' ? (v.madeBy?.text ?? 'fn') : valueText(v);
  return t.length > 30 ? t.slice(0, 29) + '…' : t;
}

/** A call as written, cut to 80 characters, for a value that stays unknown. */
export function shortText(text: string): string {
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}

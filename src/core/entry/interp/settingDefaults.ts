// Settings at the values a fresh install runs with, where the code itself shows them: an environment
// variable nobody set (`process.env.BASE_PATH`, undefined until an operator sets it), a defaults
// object merged under options (`deepmerge.all([defaults, options])`, lodash's `merge`), and the parts
// of a known URL (`new URL(url).pathname`, `url.parse(url).pathname`) a base path is cut from. Each
// value keeps the note of the settings it came from (Interp.configured), so a route path made from
// it says what it depends on; anything that cannot be followed to a literal stays unknown.
import type { Interp } from './interpreter';
import type { ExtValue, NativeValue, ObjValue, Value } from './values';
import { NULL, STR, UNKNOWN } from './values';
import { isRuntimeVar } from '../runtimeMode';

const MAX_MERGE_DEPTH = 12;

/** `process.env.NAME`: unset in a fresh install, so the code's own fallback answers; the note names it. */
export function envSetting(x: Interp, name: string, file: string): Value {
  return x.configure({ k: 'unknown', text: `process.env.${name}`, unset: true }, `${name}: environment variable, unset by default${file ? ` (read in ${file})` : ''}`);
}


/** `process.env` itself, read for a variable an operator sets (not the runtime's mode, NODE_ENV: runtimeMode.ts, unknown as a value). */
export function isProcessEnv(v: Value, name?: string): boolean {
  return v.k === 'ext' && v.spec === 'process' && v.path.length === 1 && v.path[0] === 'env' && !(name !== undefined && isRuntimeVar(name));
}

/**
 * A deep merge of objects given in order, later ones winning (`deepmerge(a, b)`, `deepmerge.all([a, b])`,
 * lodash `merge(target, …sources)`, which writes into its target): undefined when the call is none of
 * these; unknown when a part is not an object we know (its keys could override anything).
 */
export function mergeCall(ext: ExtValue, args: Value[]): Value | undefined {
  const fn = ext.path.filter((p) => p !== 'default').join('.');
  let parts: Value[] | undefined;
  let target: ObjValue | undefined;
  if (ext.spec === 'deepmerge' && (fn === '' || fn === 'all')) parts = fn === 'all' ? (args[0]?.k === 'arr' ? args[0].items : undefined) : args.slice(0, 2);
  else if (((ext.spec === 'lodash' || ext.spec === 'lodash-es') && fn === 'merge') || (ext.spec === 'lodash.merge' && fn === '')) {
    parts = args;
    target = args[0]?.k === 'obj' ? args[0] : undefined;
  }
  if (!parts) return undefined;
  const given = parts.filter((p) => p.k !== 'null');
  if (!given.length || given.some((p) => p.k !== 'obj' || p.module !== undefined || p.coll !== undefined || p.getters?.size)) return UNKNOWN(`${ext.spec}(…)`);
  const merged = given.reduce<ObjValue>((acc, o) => mergeInto(acc, o as ObjValue, 0), { k: 'obj', props: new Map() });
  if (!target) return merged;
  target.props.clear();
  for (const [k, v] of merged.props) target.props.set(k, v);
  return target;
}

function mergeInto(base: ObjValue, over: ObjValue, depth: number): ObjValue {
  const out: ObjValue = { k: 'obj', props: new Map(base.props) };
  for (const [k, v] of over.props) {
    const b = out.props.get(k);
    // A key the later object holds undefined replaces the default, as deepmerge does.
    out.props.set(k, b?.k === 'obj' && v.k === 'obj' && depth < MAX_MERGE_DEPTH ? mergeInto(b, v, depth + 1) : v);
  }
  return out;
}

/** `new URL(s[, base])`, `url.parse(s)` of a known string: its parts, each carrying the string's note. */
export function urlCall(x: Interp, ext: ExtValue, args: Value[], isNew: boolean, written: string | undefined): Value | undefined {
  const fn = ext.path.filter((p) => p !== 'default').join('.');
  const global = ext.spec === 'URL' && fn === '';
  const isUrl = (global && isNew) || ((ext.spec === 'url' || ext.spec === 'node:url') && (fn === 'parse' || (isNew && fn === 'URL')));
  // `URL` of anything else (not a string we know, called without `new`): not followed, as before it was a global.
  if (!isUrl) return global ? UNKNOWN(written ?? 'URL(…)') : undefined;
  const [s, base] = args;
  if (s?.k !== 'str' || (base !== undefined && base.k !== 'str' && base.k !== 'null')) return global ? UNKNOWN(written ?? 'new URL(…)') : undefined;
  let u: URL;
  try {
    u = base?.k === 'str' ? new URL(s.v, base.v) : new URL(s.v);
  } catch {
    // `new URL('/x')` throws; `url.parse('/x')` answers a path: not modelled, so unknown.
    return UNKNOWN(`${fn === 'parse' ? 'url.parse' : 'new URL'}(${JSON.stringify(s.v)})`);
  }
  const note = x.configuredNotes([s, ...(base ? [base] : [])]);
  const mark = (v: Value): Value => (note ? x.configure(v, note) : v);
  const obj: ObjValue = { k: 'obj', props: new Map() };
  const parts: [string, string][] = [
    ['href', u.href],
    ['origin', u.origin],
    ['protocol', u.protocol],
    ['host', u.host],
    ['hostname', u.hostname],
    ['port', u.port],
    ['pathname', u.pathname],
    ['search', u.search],
    ['hash', u.hash],
  ];
  // url.parse: `path` is pathname and search; an empty port is null there.
  if (fn === 'parse') parts.push(['path', u.pathname + u.search]);
  for (const [k, v] of parts) obj.props.set(k, fn === 'parse' && k === 'port' && v === '' ? mark(NULL) : mark(STR(v)));
  const text: NativeValue = { k: 'native', name: 'URL.toString', call: () => mark(STR(u.href)) };
  obj.props.set('toString', text);
  obj.props.set('toJSON', text);
  return obj;
}

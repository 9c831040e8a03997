// Collections a registry is made of, followed in both directions of time. A plugin or hook
// registry stores routers in a `Map` of arrays in one module (`registry.get(type).push({ value: router })`)
// and another module iterates it and mounts each (`getHooks(type).forEach((h) => router.use(h.value.routes()))`).
// Modules run in file order, so the iteration may run before the plugins register: an array
// remembers the loops that read it and runs them again for items appended later, and a `Map`
// entry read before it was stored (`map.get(type) || []`) is the array stored later.
// Entries live in the object's props by their key's text; a key we cannot evaluate is not stored
// (its reads stay unknown), never guessed.
import type { Interp } from './interpreter';
import type { ArrValue, ObjValue, SiteRef, Value } from './values';
import { textOf, type LazyText } from './exprText';
import { NULL, UNKNOWN } from './values';

/** Past this many items an array stops telling its readers (a loop appending to what it reads). */
const MAX_ITEMS = 1000;
const MAX_WATCHERS = 64;

/** Appends items, and runs the loops that already read the array (and the arrays made from it) on them. */
export function appendItems(arr: ArrValue, items: Value[], depth = 0): void {
  if (arr.items.length >= MAX_ITEMS || depth > 8) return;
  const start = arr.items.length;
  arr.items.push(...items);
  if (!arr.later) return;
  items.forEach((v, j) => {
    for (const w of [...arr.later!.watchers]) w(v, start + j);
  });
  for (const f of [...arr.later.forward]) appendItems(f, items, depth + 1);
}

/** `watch` runs on every item appended from now on. */
export function onLater(arr: ArrValue, watch: (item: Value, index: number) => void): void {
  const later = (arr.later ??= { watchers: [], forward: [] });
  if (later.watchers.length < MAX_WATCHERS) later.watchers.push(watch);
}

/** Items appended to `from` from now on are appended to `to` too. */
export function forwardTo(from: ArrValue, to: ArrValue): void {
  if (from === to) return;
  const later = (from.later ??= { watchers: [], forward: [] });
  if (!later.forward.includes(to) && later.forward.length < MAX_WATCHERS) later.forward.push(to);
}

/** A copy of an array that still receives what is appended to the original. */
export function derived(arr: ArrValue): ArrValue {
  const out: ArrValue = { k: 'arr', items: [...arr.items] };
  forwardTo(arr, out);
  return out;
}

/** A `Map` made by `new Map(entries?)`. */
export function newMap(args: Value[]): ObjValue {
  const m: ObjValue = { k: 'obj', props: new Map(), coll: 'map' };
  const init = args[0];
  if (init?.k === 'arr')
    for (const e of init.items) {
      const key = e.k === 'arr' ? keyOf(e.items[0]) : undefined;
      if (e.k === 'arr' && key !== undefined) m.props.set(key, e.items[1] ?? NULL);
    }
  return m;
}

/**
 * A `Set` made by `new Set(items?)`, kept as the array of its distinct items (what code reads back
 * is `Array.from(set)`, `[...set]`, `for (const x of set)`): repeated strings and numbers appear once.
 */
export function newSet(args: Value[]): ArrValue {
  const init = args[0];
  const items: Value[] = [];
  const seen = new Set<string>();
  for (const v of init?.k === 'arr' ? init.items : []) {
    const key = keyOf(v);
    if (key !== undefined) {
      if (seen.has(`${v.k}:${key}`)) continue;
      seen.add(`${v.k}:${key}`);
    }
    items.push(v);
  }
  return { k: 'arr', items };
}

function keyOf(v: Value | undefined): string | undefined {
  if (v?.k === 'str') return v.v;
  if (v?.k === 'num' || v?.k === 'bool') return String(v.v);
  return undefined;
}

/** `map.get/set/has/delete/keys/values/entries/forEach`; undefined for anything else. */
export function mapMethod(x: Interp, m: ObjValue, prop: string, args: Value[], site: SiteRef, written: LazyText): Value | undefined {
  const key = keyOf(args[0]);
  switch (prop) {
    case 'get': {
      const v = key !== undefined ? m.props.get(key) : undefined;
      if (v) return v;
      const text = textOf(written);
      return key !== undefined ? { ...UNKNOWN(text), slot: { map: m, key } } : UNKNOWN(text);
    }
    case 'set': {
      if (key === undefined) return m;
      const v = args[1] ?? NULL;
      const before = m.props.get(key);
      // An array over an array (`if (!map.has(k)) map.set(k, [])`, run whatever the condition, or
      // an entry read and defaulted before it was stored): the entry keeps both's items, and
      // what is appended to the new one reaches it, so one list holds everything registered.
      if (before?.k === 'arr' && v.k === 'arr' && before !== v) {
        appendItems(before, v.items);
        forwardTo(v, before);
        return m;
      }
      m.props.set(key, v);
      return m;
    }
    case 'has':
    case 'delete':
      // Branches run every arm once: whether it has the key does not change what is followed.
      return UNKNOWN(textOf(written));
    case 'keys':
      return { k: 'arr', items: [...m.props.keys()].map((k) => ({ k: 'str', v: k }) as Value) };
    case 'values':
      return { k: 'arr', items: [...m.props.values()] };
    case 'entries':
      return { k: 'arr', items: [...m.props].map(([k, v]) => ({ k: 'arr', items: [{ k: 'str', v: k }, v] }) as Value) };
    case 'forEach': {
      const cb = args[0];
      if (cb && (cb.k === 'fn' || cb.k === 'native')) for (const [k, v] of [...m.props].slice(0, 500)) x.callValue(cb, [v, { k: 'str', v: k }, m], site);
      return NULL;
    }
    default:
      return undefined;
  }
}

/**
 * `map.get(key) || []` (or `??`) before anything was stored under the key: the empty array is
 * the entry from now on, so what is stored and appended later reaches whoever iterates it.
 */
export function defaultedSlot(a: Value, b: Value): Value | undefined {
  if (a.k !== 'unknown' || !a.slot || b.k !== 'arr') return undefined;
  const { map, key } = a.slot;
  const now = map.props.get(key);
  if (now) return now;
  map.props.set(key, b);
  return b;
}

/** Lodash-style libraries whose collection functions take the array first. */
const COLLECTION_LIBS = /^(lodash(-es)?|lodash\/.*|lodash\.\w+|es-toolkit(\/.*)?|underscore|remeda)$/;
/** Functions of those that return the same items, reordered or deduplicated. */
const SAME_ITEMS = new Set(['sortBy', 'sortby', 'orderBy', 'orderby', 'uniq', 'uniqBy', 'uniqby', 'compact', 'toArray', 'reverse', 'clone', 'cloneDeep']);

/** `sortBy(list, 'priority')` and its like: the items of the list (their order does not matter to routes). */
export function collectionCall(spec: string, fn: string, args: Value[]): Value | undefined {
  const name = fn || spec.replace(/^.*[/.]/, '');
  if (!COLLECTION_LIBS.test(spec) || !SAME_ITEMS.has(name)) return undefined;
  const list = args[0];
  return list?.k === 'arr' ? derived(list) : undefined;
}

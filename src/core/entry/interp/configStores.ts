// Layered configuration (nconf): a provider reads JSON files in priority order (overrides first,
// the shipped defaults last) and `get('a:b')` answers from the first store that has the key,
// merging objects across stores. Services keep their defaults in a JSON file of the repository
// (`config/defaults.json`) and choose adapters, paths and features by it, so a value read there is
// what a fresh install runs with. The installation's own stores (command line, environment, a
// config file beside the process, a file we cannot name) hold nothing under the default
// configuration, so they add nothing here; what only they could say stays unknown.
import type { Interp } from './interpreter';
import type { NativeValue, ObjValue, SiteRef, Value } from './values';
import { NULL, UNKNOWN } from './values';
import { parseData } from './dataValues';

const MAX_MERGE_DEPTH = 12;

/** Whether a call makes a configuration provider: `new nconf.Provider()`. */
export function isConfigProvider(spec: string, fnPath: string[], isNew: boolean): boolean {
  const path = fnPath.filter((p) => p !== 'default' && p !== '()');
  return spec === 'nconf' && isNew && path.length === 1 && path[0] === 'Provider';
}

/** Methods of a provider (and of the module itself, which is one). */
const PROVIDER_METHODS = new Set(['file', 'add', 'overrides', 'defaults', 'argv', 'env', 'use', 'required', 'load', 'remove', 'reset', 'get', 'set']);

/**
 * The method of the module's own provider a call names (`nconf.file(…)`, `nconf.get('a')`), or
 * undefined: `require('nconf')` is itself a provider, one per program (Node loads a module once),
 * so every file that requires it reads what any file stored in it.
 */
export function configModuleMethod(spec: string, fnPath: string[], isNew: boolean): string | undefined {
  const path = fnPath.filter((p) => p !== 'default');
  const name = path[0];
  return spec === 'nconf' && !isNew && path.length === 1 && name !== undefined && PROVIDER_METHODS.has(name) ? name : undefined;
}

/** A provider: an object whose methods read and write its stores (so code can add its own methods to it). */
export function newConfigProvider(x: Interp): ObjValue {
  /** Stores in priority order; `set` writes to the first. */
  const stores: ObjValue[] = [{ k: 'obj', props: new Map() }];
  const defaults: ObjValue[] = [];
  const provider: ObjValue = { k: 'obj', props: new Map() };
  const chain = (): Value => provider;
  const method = (name: string, call: (args: Value[], site: SiteRef) => Value): void => {
    const v: NativeValue = { k: 'native', name: `nconf.${name}`, call: (args, site) => call(args, site) };
    provider.props.set(name, v);
  };
  method('file', (args) => {
    // `file(path)`, `file(name, path)`, `file(name, { file: path })`: a JSON file of the repository.
    const target = args.length > 1 ? args[1] : args[0];
    const p = target?.k === 'obj' ? target.props.get('file') : target;
    const data = p ? repositoryJson(x, p) : undefined;
    if (data?.k === 'obj') stores.push(data);
    return provider;
  });
  method('add', (args) => {
    // `add(name, { type: 'literal', store })`: an object given in code.
    if (x.offAtDefaults > 0) return provider;
    const opts = args[1];
    const store = opts?.k === 'obj' ? (opts.props.get('store') ?? opts.props.get('data')) : undefined;
    if (store?.k === 'obj') stores.push(store);
    return provider;
  });
  method('overrides', (args) => {
    // Given only on a way a fresh install's server does not take (a setup command's answers): not its settings.
    if (x.offAtDefaults > 0) return provider;
    if (args[0]?.k === 'obj') stores.splice(1, 0, args[0]);
    return provider;
  });
  method('defaults', (args) => {
    if (args[0]?.k === 'obj') defaults.push(args[0]);
    return provider;
  });
  for (const name of ['argv', 'env', 'use', 'required', 'load', 'remove', 'reset']) method(name, chain);
  method('get', (args, site) => {
    const key = args[0];
    if (key && key.k !== 'str' && key.k !== 'null') return UNKNOWN('config.get(…)');
    const v = lookup([...stores, ...defaults], key?.k === 'str' ? key.v.split(':').filter(Boolean) : []);
    // A key no store of a fresh install gives: unset, which the code's own fallback then answers
    // (`get('mount') || '/'`), a path made from it saying so.
    return v.k === 'null' && key?.k === 'str' ? x.configure(v, `${key.v}: not set by default (${site.file}:${site.line})`) : v;
  });
  method('set', (args) => {
    const key = args[0];
    if (key?.k !== 'str' || !args[1]) return NULL;
    // Written under a test a fresh install's settings go against: not what such an install holds.
    if (x.offAtDefaults > 0) return provider;
    setPath(stores[0]!, key.v.split(':').filter(Boolean), args[1]);
    return provider;
  });
  return provider;
}

/** The parsed content of a JSON file of the repository, when the path names one that was read. */
function repositoryJson(x: Interp, p: Value): Value | undefined {
  const file = p.k === 'unknown' ? p.file : undefined;
  if (file === undefined || !/\.json$/i.test(file)) return undefined;
  const text = x.program.dataFile?.(file);
  return text !== undefined ? parseData(text, 'json') : undefined;
}

/** nconf's `get`: the first store with a value; objects merged across stores, earlier ones winning. */
function lookup(stores: ObjValue[], keys: string[]): Value {
  const found: ObjValue[] = [];
  for (const s of stores) {
    let v: Value | undefined = s;
    for (const k of keys) v = v?.k === 'obj' ? v.props.get(k) : undefined;
    if (v === undefined || v.k === 'null') continue;
    if (v.k !== 'obj') {
      if (!found.length) return v;
      break;
    }
    found.push(v);
  }
  if (!found.length) return NULL;
  return found.length === 1 ? copy(found[0]!, 0) : found.reduceRight<ObjValue>((acc, o) => merge(acc, o, 0), { k: 'obj', props: new Map() });
}

/** A copy, so that what code does to a value it read does not change the store. */
function copy(v: Value, depth: number): Value {
  if (v.k !== 'obj' || depth > MAX_MERGE_DEPTH) return v;
  const out: ObjValue = { k: 'obj', props: new Map() };
  for (const [k, x] of v.props) out.props.set(k, copy(x, depth + 1));
  return out;
}

/** `over` laid onto `base` (a new object): objects merged key by key, anything else replaced. */
function merge(base: ObjValue, over: ObjValue, depth: number): ObjValue {
  const out = copy(base, depth) as ObjValue;
  for (const [k, v] of over.props) {
    const b = out.props.get(k);
    out.props.set(k, b?.k === 'obj' && v.k === 'obj' && depth < MAX_MERGE_DEPTH ? merge(b, v, depth + 1) : copy(v, depth + 1));
  }
  return out;
}

function setPath(store: ObjValue, keys: string[], v: Value): void {
  let o = store;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) {
      o.props.set(k, v);
      return;
    }
    let next = o.props.get(k);
    if (next?.k !== 'obj') o.props.set(k, (next = { k: 'obj', props: new Map() }));
    o = next;
  });
}

// The defaults a validation schema gives configuration (zod): `z.object({ files: z.object({ route:
// z.string().default('/u') }) }).parse(raw)` answers `files.route` with '/u' when `raw` does not
// say it (a key that is undefined, or configuration we cannot read: the environment, a database
// row). That is what a fresh install runs with, so the value is the default, marked as a setting at
// its default (Interp.configured: a path made from it carries the note, and it decides no
// statement). A schema is a value whose methods build schemas as zod's do; the checks themselves
// (`min`, `url`, `superRefine`) are not evaluated, a `.transform(fn)` runs the code's function, and
// what the model does not know (`.pick`, `.or`, unions) parses as before: the input, as it is.
import type { Interp } from './interpreter';
import type { FnValue, NativeValue, ObjValue, SiteRef, Value } from './values';
import { NULL } from './values';

type Step = { t: 'default'; v: Value; site: SiteRef } | { t: 'transform'; fn: Value };

interface Schema {
  /** `object`: the shape's keys parsed each by its schema; `leaf`: the value itself; `opaque`: what the model does not follow. */
  base: 'object' | 'leaf' | 'opaque';
  shape?: Map<string, ObjValue>;
  /** Wrappers, innermost first (`.transform(f).default(d)`: the default, then f on it, as zod does). */
  steps: Step[];
}

/** Schema builders of the `z` namespace. */
const BUILDERS = new Set(['object', 'string', 'number', 'boolean', 'bigint', 'date', 'enum', 'nativeEnum', 'literal', 'any', 'unknown', 'array', 'record', 'union', 'discriminatedUnion', 'tuple', 'null', 'undefined', 'strictObject', 'looseObject']);
/** Methods that change what a schema accepts, not what it answers for a valid value. */
const CHECKS = new Set(['optional', 'nullable', 'nullish', 'min', 'max', 'length', 'email', 'url', 'uuid', 'cuid', 'regex', 'startsWith', 'endsWith', 'includes', 'trim', 'toLowerCase', 'toUpperCase', 'int', 'positive', 'negative', 'nonnegative', 'nonpositive', 'gt', 'gte', 'lt', 'lte', 'multipleOf', 'finite', 'datetime', 'ip', 'refine', 'superRefine', 'describe', 'strict', 'passthrough', 'strip', 'nonempty', 'readonly', 'brand']);

const schemas = new WeakMap<ObjValue, Schema>();

/** A schema made by a builder of the `z` namespace (`z.object(shape)`, `z.string()`), or undefined. */
export function schemaBuilder(x: Interp, fnPath: string[], args: Value[]): ObjValue | undefined {
  if (fnPath.includes('()')) return undefined;
  const fn = fnPath[fnPath.length - 1];
  if (!fn || !BUILDERS.has(fn) || fnPath.length > 3) return undefined;
  if (fn === 'object' || fn === 'strictObject' || fn === 'looseObject') {
    const shape = args[0];
    if (shape?.k !== 'obj') return schemaValue(x, { base: 'opaque', steps: [] });
    const fields = new Map<string, ObjValue>();
    for (const [k, v] of shape.props) if (v.k === 'obj' && schemas.has(v)) fields.set(k, v);
    return schemaValue(x, { base: 'object', shape: fields, steps: [] });
  }
  return schemaValue(x, { base: fn === 'array' || fn === 'record' || fn === 'union' || fn === 'discriminatedUnion' || fn === 'tuple' ? 'opaque' : 'leaf', steps: [] });
}

function schemaValue(x: Interp, s: Schema): ObjValue {
  const obj: ObjValue = { k: 'obj', props: new Map() };
  const method = (name: string, call: (args: Value[], site: SiteRef) => Value): void => {
    const v: NativeValue = { k: 'native', name: `schema.${name}`, call };
    obj.props.set(name, v);
  };
  const derived = (t: Partial<Schema>): ObjValue => schemaValue(x, { ...s, ...t });
  method('default', (args, site) => derived({ steps: [...s.steps, { t: 'default', v: args[0] ?? NULL, site }] }));
  method('transform', (args) => (args[0]?.k === 'fn' ? derived({ steps: [...s.steps, { t: 'transform', fn: args[0] }] }) : derived({ base: 'opaque', steps: [] })));
  method('parse', (args) => parse(x, s, args[0] ?? NULL, ''));
  method('parseAsync', (args) => parse(x, s, args[0] ?? NULL, ''));
  method('safeParse', (args) => success(parse(x, s, args[0] ?? NULL, '')));
  method('safeParseAsync', (args) => success(parse(x, s, args[0] ?? NULL, '')));
  method('extend', (args) => {
    const more = args[0];
    if (s.base !== 'object' || more?.k !== 'obj') return derived({ base: 'opaque', steps: [] });
    const shape = new Map(s.shape);
    for (const [k, v] of more.props) if (v.k === 'obj' && schemas.has(v)) shape.set(k, v);
    return derived({ shape });
  });
  for (const name of CHECKS) method(name, () => obj);
  schemas.set(obj, s);
  return obj;
}

/** What `s.parse(raw)` answers at `key` (a dotted path of the configuration, for the note). */
function parse(x: Interp, s: Schema, raw: Value, key: string): Value {
  const run = (i: number, v: Value): Value => {
    if (i < 0) return parseBase(x, s, v, key);
    const step = s.steps[i]!;
    if (step.t === 'default') {
      // Not given: the default (`undefined` and `null` are one value here), or configuration we cannot read.
      const absent = v.k === 'null' || (v.k === 'unknown' && v.file === undefined);
      if (!absent || step.v.k === 'unknown') return run(i - 1, v);
      const d = step.v.k === 'fn' ? x.callValue(step.v, [], step.site) : step.v;
      return run(i - 1, x.configure(d, `${key || 'the setting'}: the default ${shown(d)} (${step.site.file}:${step.site.line})`));
    }
    const inner = run(i - 1, v);
    const out = x.callValue(step.fn as FnValue, [inner], { file: '', line: 0, offset: -9 });
    const note = x.configured.get(inner);
    return note && out.k !== 'unknown' ? x.configure(out, note) : out;
  };
  return run(s.steps.length - 1, raw);
}

function parseBase(x: Interp, s: Schema, v: Value, key: string): Value {
  if (s.base !== 'object' || !s.shape) return v;
  // An object of configuration we cannot read, or none: each key at what its schema gives it.
  if (v.k !== 'obj' && !(v.k === 'unknown' && v.file === undefined) && v.k !== 'null') return v;
  // Keys the shape does not name are kept (zod would strip them; nothing here depends on their absence).
  const out: ObjValue = { k: 'obj', props: new Map(v.k === 'obj' ? v.props : []) };
  for (const [k, field] of s.shape) {
    const given = v.k === 'obj' ? (v.props.get(k) ?? NULL) : v.k === 'null' ? NULL : { k: 'unknown' as const, text: `${(v as { text: string }).text}.${k}` };
    const fs = schemas.get(field);
    out.props.set(k, fs ? parse(x, fs, given, key ? `${key}.${k}` : k) : given);
  }
  return out;
}

function shown(v: Value): string {
  if (v.k === 'str') return JSON.stringify(v.v);
  if (v.k === 'num' || v.k === 'bool') return String(v.v);
  if (v.k === 'null') return 'null';
  return v.k === 'arr' ? '[…]' : v.k === 'obj' ? '{…}' : 'value';
}

function success(data: Value): ObjValue {
  return {
    k: 'obj',
    props: new Map<string, Value>([
      ['success', { k: 'bool', v: true }],
      ['data', data],
    ]),
  };
}

// Validation schemas (zod) that code parses its configuration with: `schema.safeParse(raw)` is
// `{ success: true, data: raw }` and `schema.parse(raw)` is `raw` for configuration that is valid
// (what a service ships as its default is), and a `.transform(fn)` on a schema reshapes what it
// parses with the code's own function, which the interpreter runs. The checks themselves are not
// evaluated: a value a check would reject is still taken as it is. Schemas built here with the `z`
// namespace (`z.object`, `z.string().default('/u')`) are modelled with their defaults by schemaDefaults.ts.
import type { Interp } from './interpreter';
import type { ExtValue, NativeValue, ObjValue, SiteRef, Value } from './values';
import { schemaBuilder } from './schemaDefaults';

const SCHEMA_PACKAGES = /^(zod|zod\/.*)$/;

export function schemaCall(x: Interp, callee: ExtValue, args: Value[]): Value | undefined {
  if (!SCHEMA_PACKAGES.test(callee.spec)) return undefined;
  const built = schemaBuilder(x, callee.path, args);
  if (built) return built;
  const fn = callee.path.filter((p) => p !== '()').pop();
  const site: SiteRef = callee.site ?? { file: '', line: 0, offset: -8 };
  if (fn === 'transform' && args[0]?.k === 'fn') {
    const t = args[0];
    return parser((v) => x.callValue(t, [v], site));
  }
  if (fn === 'safeParse' || fn === 'safeParseAsync') return success(args[0]);
  if (fn === 'parse' || fn === 'parseAsync') return args[0];
  return undefined;
}

function success(data: Value | undefined): ObjValue {
  return {
    k: 'obj',
    props: new Map<string, Value>([
      ['success', { k: 'bool', v: true }],
      ['data', data ?? { k: 'null' }],
    ]),
  };
}

/** A schema whose parse runs `reshape` (a `.transform(fn)`): its `safeParse`/`parse`. */
function parser(reshape: (v: Value) => Value): ObjValue {
  const method = (name: string, call: (v: Value) => Value): [string, NativeValue] => [name, { k: 'native', name: `schema.${name}`, call: (a) => call(a[0] ?? { k: 'null' }) }];
  return {
    k: 'obj',
    props: new Map<string, Value>([
      method('safeParse', (v) => success(reshape(v))),
      method('safeParseAsync', (v) => success(reshape(v))),
      method('parse', reshape),
      method('parseAsync', reshape),
    ]),
  };
}

// Small libraries that read the environment for the code, modelled by name as the frameworks are
// (their code is not the service's and is not read): `getEnv('PATH_BASED', '')` is
// `process.env.PATH_BASED ?? ''`, `yes(v)` is whether `v` reads as a truthy word. Through them a
// setting a fresh install leaves unset reaches the code at its default, saying so
// (settingDefaults.ts), as `process.env.X || ''` written out does.
import type { Interp } from './interpreter';
import type { ExtValue, Value } from './values';
import { NULL, STR, UNKNOWN } from './values';
import { envSetting } from './settingDefaults';
import { isRuntimeVar } from '../runtimeMode';

/** Packages whose helpers are modelled here. */
const ESSENTIALS = /^@silverhand\/essentials$/;
/** Words `yes()` takes for true (@silverhand/essentials). */
const YES = new Set(['1', 'true', 'yes', 'y']);

/** A call of such a helper, or undefined when `ext` is none of them. */
export function envLibraryCall(x: Interp, ext: ExtValue, args: Value[]): Value | undefined {
  if (!ESSENTIALS.test(ext.spec)) return undefined;
  const fn = ext.path.filter((p) => p !== 'default').join('.');
  const [first, second] = args;
  switch (fn) {
    case 'getEnv': {
      // `getEnv(key, fallback = '')`: the variable, or the fallback when it is unset.
      if (first?.k !== 'str' || isRuntimeVar(first.v)) return UNKNOWN(`getEnv(${first?.k === 'str' ? JSON.stringify(first.v) : '…'})`);
      const unset = envSetting(x, first.v, x.currentFile);
      const fallback = second === undefined || second.k === 'null' ? STR('') : second;
      return x.configure(fallback, x.configured.get(unset) ?? `${first.v}: environment variable, unset by default`);
    }
    case 'yes': {
      // `yes(value)`: a truthy word; a value we cannot read stays unknown.
      const note = first ? x.configured.get(first) : undefined;
      const read = first?.k === 'str' ? YES.has(first.v.trim().toLowerCase()) : first?.k === 'null' || (first?.k === 'unknown' && first.unset) ? false : undefined;
      if (read === undefined) return UNKNOWN('yes(…)');
      const v: Value = { k: 'bool', v: read };
      return note ? x.configure(v, note) : v;
    }
    case 'trySafe': {
      // `trySafe(promise, onError)`: the promise's value (a function: what it returns), or nothing when it throws.
      if (!first) return NULL;
      if (first.k === 'fn') return x.callValue(first, [], { file: first.file, line: 0, offset: -8 });
      return first;
    }
    default:
      return undefined;
  }
}

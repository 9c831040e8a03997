// A middleware factory of ours that hands out a library's guard (`func tokenAuth() echo.MiddlewareFunc {
// cfg := echojwt.Config{…}; return echojwt.WithConfig(cfg) }`): its own code refuses nobody, the
// middleware it returns does. Followed through factories of ours that return such a factory's result.
import type { KnownGuard } from './frameworks';
import { knownExternal } from './frameworks';
import type { GoIndex } from './resolve';
import type { GoFunc } from './types';

/** The library guard a function returns (directly or through functions of ours it returns the result of), or undefined. */
export function returnedGuard(ix: GoIndex, fn: GoFunc, seen = new Set<string>()): { guard: KnownGuard; callee: string } | undefined {
  if (seen.has(fn.key) || seen.size > 6) return undefined;
  seen.add(fn.key);
  for (const c of fn.returnsExt ?? []) {
    const r = ix.resolve(c);
    const k = r && 'ext' in r ? knownExternal(r.ext, r.name) : undefined;
    if (k && k !== 'none') return { guard: k, callee: r && 'ext' in r ? `${r.ext.replace(/^.*\//, '')}.${r.name}` : c };
  }
  for (const c of fn.returns) {
    const inner = ix.fnOf(c);
    const found = inner ? returnedGuard(ix, inner, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}

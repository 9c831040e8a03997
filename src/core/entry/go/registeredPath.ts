// The method and path a registration's own pattern gives, before any mount prefix: Go 1.22
// ServeMux writes the method and a host into the pattern ("GET example.com/users/{id}") and its
// rest wildcard as `{path...}` (written `*` here, as every other router's subtree); iris has its own
// parameter syntax; a net/http pattern (or a subtree mount) ending in `/` serves everything under it.
import { IRIS, irisPath } from './iris';
import type { StrPart } from './types';

export function registeredPath(given: StrPart[], method: string, framework: string, subtree: boolean): { method: string; parts: StrPart[] } {
  let parts = given;
  if (parts.length && 'lit' in parts[0]) {
    const m = /^([A-Z]+)\s+(\S*)$/.exec(parts[0].lit);
    if (m) {
      method = m[1];
      parts = [{ lit: m[2].replace(/^[^/]+(?=\/)/, '') }, ...parts.slice(1)];
    }
  }
  const tail = parts[parts.length - 1];
  if (tail && 'lit' in tail && /\{\w*\.\.\.\}$/.test(tail.lit)) parts = [...parts.slice(0, -1), { lit: tail.lit.replace(/\{\w*\.\.\.\}$/, '*') }];
  const last = parts[parts.length - 1];
  if (framework === IRIS) parts = irisPath(parts);
  if ((framework === 'net/http' || subtree) && last && 'lit' in last && last.lit.endsWith('/')) parts = [...parts.slice(0, -1), { lit: last.lit + '*' }];
  return { method, parts };
}

// Go values whose type comes from a package outside the repository (`dec zhttp.Decoder`,
// `o := otp.New(…)`): their methods are that package's code, never the service's. Without this,
// a method name that happens to be declared once in the repository (`Decode` of a vendored
// decoder) was taken for the callee, and the flow walked into code the handler never runs.
// Also: which call a method is called on the result of (`app.Dao().DB().Model` → `app.Dao().DB`),
// so that the method is looked for in the type that call's function declares it returns.
import type { FileInfo } from '../map/types';
import type { Callee } from './callGraph';
import { classifyByName, classifyPackage } from './classify';
import { getOwn } from '../ownKeys';

/** The external import a Go or Python file binds to `name` (the package part of `pkg.T` or `pkg.New`; a Python class imported by name). */
function externalImport(f: FileInfo, name: string): string | undefined {
  if (f.language !== 'go' && f.language !== 'python') return undefined;
  const imp = f.importDetails.find((i) => i.names && getOwn(i.names, name) !== undefined);
  return imp?.kind === 'external' ? imp.specifier : undefined;
}

/**
 * A call of `method` on `receiver` (as written) whose value is of the external type `type`
 * (`zhttp.Decoder`) or was made by the external function `type` (`otp.New`): the store or service
 * the package is, else what the receiver's name says (`db.Get` on a third-party database wrapper
 * stays the store), else a library call. Undefined when `type` is not qualified by an external import.
 */
export function goExternalValueCall(f: FileInfo, type: string, receiver: string, method: string): Callee | undefined {
  const dot = type.indexOf('.');
  const spec = dot > 0 ? externalImport(f, type.slice(0, dot)) : f.language === 'python' ? externalImport(f, type) : undefined;
  if (!spec) return undefined;
  const pkg = classifyPackage(spec);
  // net/http and aiohttp are servers as much as clients: only their clients call another service.
  if (pkg === 'store' || (pkg === 'external' && ((spec !== 'net/http' && spec !== 'aiohttp') || /Client\w*$/.test(type)))) return { kind: pkg, package: spec };
  const byName = classifyByName(`${receiver}.${method}`);
  return byName ? { kind: byName, package: spec } : { kind: 'library', package: spec };
}

/**
 * `app.Dao().DB().Model` → the call whose result the method is called on (`app.Dao().DB`) and the
 * method (`Model`); undefined for a callee that is not a method on a call's result.
 */
export function goCallOnResult(callee: string): { inner: string; method: string } | undefined {
  const m = /^(.*\))\.(\w+)$/s.exec(callee);
  if (!m) return undefined;
  // The call's own argument list: back from its closing parenthesis to the one that opens it.
  let depth = 0;
  for (let i = m[1].length - 1; i >= 0; i--) {
    const ch = m[1][i];
    if (ch === ')') depth++;
    else if (ch === '(' && --depth === 0) return i > 0 ? { inner: m[1].slice(0, i), method: m[2] } : undefined;
  }
  return undefined;
}

// The code a route hands its request to, for identityUse.ts: a handler that passes the request to
// a helper (`getTeamFromContext(ctx)`, `getUIOptions(config, req, res)`) reads the decoder's
// identity only if that helper does. Koa handlers hand `ctx` to half their calls, so without
// following them every route behind an optional decoder would read as "anonymous allowed".
// A callee is resolved the way handoff.ts does (the closure's module names, imports, `this`); a
// method called on a local (`user.getEmailSigninToken(ctx)`) by its name, when every function of
// that name in the program can be read. Anything else the request reaches is out of sight.
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue, Value } from './values';
import { calleeValue } from './handoff';

/** More functions of one name than this: too common a name to say which one runs. */
const MAX_SAME_NAME = 6;

const byName = new WeakMap<Interp, Map<string, { file: string; fn: number }[]>>();

/** Every JavaScript/TypeScript function of the program by its own name (`Team.findByDomain` → findByDomain). */
function nameIndex(x: Interp): Map<string, { file: string; fn: number }[]> {
  let idx = byName.get(x);
  if (idx) return idx;
  idx = new Map();
  for (const [file, facts] of x.program.facts) {
    if (x.program.language(file) !== 'js') continue;
    facts.fns.forEach((g, fn) => {
      if (g.name.startsWith('<')) return;
      const name = g.name.slice(g.name.lastIndexOf('.') + 1);
      const list = idx!.get(name);
      if (list) list.push({ file, fn });
      else idx!.set(name, [{ file, fn }]);
    });
  }
  byName.set(x, idx);
  return idx;
}

/**
 * The functions a call in `from` may run, or undefined when one of them is out of sight (a
 * package's function, a callee held in a local, a method name no code of ours declares or too
 * many declare).
 */
export function calleesOf(x: Interp, from: FnValue, callee: Expr): FnValue[] | undefined {
  const v = resolved(x, from, callee);
  if (v?.k === 'fn') return [v];
  // Resolved to something that is not code of ours (a package's function, a router): out of sight.
  if (v && v.k !== 'unknown') return undefined;
  if (callee[0] !== 'm') return undefined;
  const found = nameIndex(x).get(callee[2]);
  if (!found?.length || found.length > MAX_SAME_NAME) return undefined;
  const out: FnValue[] = [];
  for (const { file, fn } of found) {
    // A module the run never loaded: its code is not part of the service as linked.
    const env = x.loadedFileEnv(file);
    if (!env) return undefined;
    out.push({ k: 'fn', file, fn, env });
  }
  return out;
}

function resolved(x: Interp, from: FnValue, callee: Expr): Value | undefined {
  let v: Value | undefined;
  try {
    v = calleeValue(x, callee, { vars: new Map(), parent: from.env, file: from.file, ...(from.self ? { self: from.self } : {}) });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
  }
  return v?.k === 'kw' ? v.v : v;
}

/** The package a call in `from` runs a function of (`proxyAddr(req, trust)` → proxy-addr), when it resolves to one. */
export function calleePackage(x: Interp, from: FnValue, callee: Expr): string | undefined {
  const v = resolved(x, from, callee);
  return v?.k === 'ext' ? v.spec : undefined;
}

/**
 * Whether `name`, read in `from`, is a binding of its module or a package's value (`prisma` imported
 * from the service's client module): `prisma.user` is then a store's model, not `req.user`.
 */
export function moduleBound(x: Interp, from: FnValue, name: string): boolean {
  const v = resolved(x, from, ['id', name]);
  return !!v && v.k !== 'unknown';
}

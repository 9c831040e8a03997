// A refusal only a setting decides: `const { authMode } = backendConfig(); if (authMode !==
// 'single-tenant') return reply.status(404).send()` answers every caller alike while the install is
// so configured — a route the configuration switches off, not a check of who calls (a closed
// sign-up, settingPolicy.ts, is the same thing one call down). Every test the refusal sits under
// reads the service's configuration and nothing the request carries: a comparison of such a read with
// a literal, or its truth. A read counts as configuration only when it is named for it — a call of a
// function so named (`backendConfig()`, `getConfig()`, `loadSettings()`), `config.get('k')`, a member of
// an object so named (`config.auth.mode`, `this.settings.mode`) or an environment variable — never a
// value merely read from outside the handler (`getCurrentUser()` is who calls).
import type { Cond, Expr, FnFact, Refusal } from '../facts/types';

/** A function or holder named for configuration: `config`, `settings`, `backendConfig`, `getAppSettings`, `env`. */
const CONFIG_NAME = /^(?:config|configuration|settings?|conf|env)$|^[a-z][\w$]*(?:Config|Configuration|Settings?)$/;
/** What reads a key of a configuration holder: `config.get('k')`. */
const GETTER = new Set(['get', 'getOrThrow', 'has', 'value']);
const MAX_DEPTH = 12;

/** Whether every test `r` sits under reads only the configuration (and there is at least one). */
export function refusesOnlyBySetting(fact: FnFact | undefined, r: Refusal): boolean {
  if (!fact || !r.when?.length) return false;
  const params = new Set(fact.params);
  const locals = new Map<string, Expr>();
  // Bindings made whatever the request (no test above them): `const { authMode } = backendConfig()`.
  for (const op of fact.ops) {
    if (op[0] === 'let' && !op[3]) locals.set(op[1], op[2]);
    else if (op[0] === 'pat' && !op[3]) for (const [local, key] of op[1]) locals.set(local, ['m', op[2], key]);
  }
  return r.when.every((w) => settingCond(w.cond, params, locals));
}

function settingCond(c: Cond, params: Set<string>, locals: Map<string, Expr>): boolean {
  switch (c[0]) {
    case 'eq': {
      const lit = (s: (typeof c)[2]): boolean => s[0] === 'v' && (s[1][0] === 's' || s[1][0] === 'n' || s[1][0] === 'b' || s[1][0] === 'null');
      const read = lit(c[2]) ? c[3] : lit(c[3]) ? c[2] : undefined;
      return !!read && read[0] === 'v' && configRead(read[1], params, locals, 0);
    }
    case 't':
      return configRead(c[1], params, locals, 0);
    case 'not':
      return settingCond(c[1], params, locals);
    case 'and':
    case 'or':
      return settingCond(c[1], params, locals) && settingCond(c[2], params, locals);
    default:
      return false;
  }
}

function configRead(e: Expr, params: Set<string>, locals: Map<string, Expr>, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (e[0]) {
    case 'id': {
      if (params.has(e[1])) return false;
      const bound = locals.get(e[1]);
      if (bound) return configRead(bound, params, new Map([...locals].filter(([k]) => k !== e[1])), depth + 1);
      return CONFIG_NAME.test(e[1]);
    }
    case 'm':
      // `process.env.AUTH_MODE`; `config.auth.mode`, `this.config.mode`.
      if (e[1][0] === 'id' && e[1][1] === 'process' && e[2] === 'env') return true;
      if (e[1][0] === 'this') return CONFIG_NAME.test(e[2]);
      return configRead(e[1], params, locals, depth + 1);
    case 'ix':
      return e[2][0] === 's' && configRead(e[1], params, locals, depth + 1);
    case 'c': {
      const [, callee, args] = e;
      if (args.some((a) => !plain(a, params))) return false;
      const name = callee[0] === 'id' ? callee[1] : callee[0] === 'm' ? callee[2] : undefined;
      if (name === undefined) return false;
      // `config.get('k')`: a key of a configuration holder; `backendConfig()`, `this.getSettings()`: a function named for it.
      if (callee[0] === 'm' && GETTER.has(name)) return configRead(callee[1], params, locals, depth + 1);
      return CONFIG_NAME.test(name) || /^(?:get|load|read)(?:[A-Z]\w*)?(?:Config|Configuration|Settings?)$/.test(name);
    }
    default:
      return false;
  }
}

/** An argument that is a literal (a key, a default), not something the request carries. */
function plain(e: Expr, params: Set<string>): boolean {
  if (e[0] === 's' || e[0] === 'n' || e[0] === 'b' || e[0] === 'null') return true;
  return e[0] === 'id' && !params.has(e[1]) && CONFIG_NAME.test(e[1]);
}

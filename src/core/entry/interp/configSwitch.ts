// A guard switched on by the configuration: `if (res.isPrivateBlog && !hasAccess(req)) return
// next(new NoPermissionError())` refuses only while a flag an earlier middleware set on the request
// is on, and that middleware sets it from a setting (`const isPrivateBlog =
// settingsCache.get('is_private'); if (!isPrivateBlog) { res.isPrivateBlog = false; return next() }`).
// What it refuses depends on the configuration of the install: when the setting cannot be
// evaluated, the route is `unknown` ("depends on configuration"), never guarded by guess.
import type { Expr, FnFact, Refusal } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { exprText } from './exprText';
import { condExprs, walkOps, whenOf } from './opWalk';

/** A flag on the request or response a refusal sits under: the parameter's position and the property. */
export interface Flag {
  param: number;
  prop: string;
}

/** What a request carries by itself, or who is calling: not a flag another middleware set. */
const NOT_A_FLAG = /^(user|member|account|principal|session|auth|remote_?user|currentUser|identity|params|query|body|headers|cookies|url|originalUrl|path|method|hostname|ip|protocol|locals|state)$/;

/** A read of a configuration or settings store: `settingsCache.get('is_private')`, `config.get('x')`, `settings.x`. */
const SETTINGS_READ = /\b(settings?\w*|config\w*|conf|options|flags?|labs)\b/i;

/** The flags (`res.isPrivateBlog`) the refusal's condition tests, for a middleware with parameters `params`. */
export function flagsOf(r: Refusal, params: string[]): Flag[] {
  const out: Flag[] = [];
  for (const [i, p] of params.slice(0, 2).entries()) {
    if (!p || !/^[\w$]+$/.test(p)) continue;
    for (const m of (r.cond ?? '').matchAll(new RegExp(`(?<![\\w$.])${p.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)\\b(?!\\s*\\()`, 'g'))) {
      const prop = m[1]!;
      if (!NOT_A_FLAG.test(prop) && !out.some((f) => f.param === i && f.prop === prop)) out.push({ param: i, prop });
    }
  }
  return out;
}

/**
 * Where an earlier middleware sets one of the flags from a setting: the reason "depends on
 * configuration" with the setter and the setting it reads, or undefined when none does (the
 * guard is then judged as before).
 */
export function configSwitch(x: Interp, flags: Flag[], earlier: FnValue[]): string | undefined {
  for (const f of earlier) {
    const fact = x.fnFact(f);
    if (!fact) continue;
    for (const flag of flags) {
      const name = fact.params[flag.param];
      if (!name || !/^[\w$]+$/.test(name)) continue;
      const setting = settingBehind(fact, name, flag.prop);
      if (setting) return `depends on configuration: refuses only while ${name}.${flag.prop} is on, which ${fact.name.replace(/^<anon@\d+>$/, 'a middleware')} (${f.file}:${fact.start}) sets by ${setting}`;
    }
  }
  return undefined;
}

/** The setting read by the tests the assignments `<obj>.<prop> = …` sit under, as written. */
function settingBehind(fact: FnFact, obj: string, prop: string): string | undefined {
  const locals = new Map<string, Expr>();
  let found: string | undefined;
  walkOps(fact.ops, (op) => {
    if (found) return;
    if (op[0] === 'let') locals.set(op[1], op[2]);
    if (op[0] !== 'set' || op[1][0] !== 'm' || op[1][2] !== prop || op[1][1][0] !== 'id' || op[1][1][1] !== obj) return;
    for (const t of whenOf(op)?.w ?? []) {
      for (const e of condExprs(t.cond)) {
        // A tested name carries what it was bound to (`const isPrivateBlog = settingsCache.get(…)`).
        const bound = e[0] === 'id' ? locals.get(e[1]) : undefined;
        const read = bound ?? e;
        const text = exprText(read);
        if (read[0] === 'c' || read[0] === 'm' ? SETTINGS_READ.test(text) : false) {
          found = text;
          return;
        }
      }
    }
  });
  return found;
}

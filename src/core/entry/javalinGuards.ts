// The filters a Javalin (Java) app runs before its endpoint handlers, judged by their code:
//   config.accessManager((handler, ctx, roles) -> { … handler.handle(ctx); })     (Javalin 4/5)
//   app.beforeMatched(this::manageAccess);  app.before("/api/*", ctx -> { … })    (Javalin 6, any)
// A filter whose code refuses with 401/403 (UnauthorizedResponse, HttpCode/HttpStatus.UNAUTHORIZED,
// status(401)) guards every route of the app, except the paths its code lets through before the
// refusal (`ctx.path().equals("/")`, `.startsWith("/docs")`). A filter registered inside
// `if (Config.getBoolean("auth", false))` is off under default settings (the literal default
// decides); under another condition it is unknown. One whose code we cannot read (`new X()`, a
// method of another file) leaves the routes unknown, never open. One that reads the route's roles:
// its let-through checks at the top (`if (roles.isEmpty()) return;`, `if (roles.contains(Role.ANYONE))
// { handler.handle(ctx); return; }`) open the routes they match; a route given other roles meets
// the refusal (guarded); a route without roles does only when the roles are read nowhere else,
// otherwise it is unknown (what the rest does with no roles is the app's). Facts are per file;
// linking applies every file's filters to every Javalin route (one app, configured in one place).
import type { GuardCandidate, RouteDecl } from './types';
import { closeOf, lineOf, maskKotlin, splitArgs } from './kotlinText';

export interface JavalinFilter {
  file: string;
  line: number;
  text: string;
  /** `before("/api/*", …)`: the filter's own path pattern. */
  path?: string;
  /** Whether its code refuses with 401/403; undefined when the code was not found. */
  refuses?: boolean;
  /** Its code reads the route's roles. */
  usesRoles: boolean;
  /**
   * The roles check at its top that lets a route through before anything refuses: `if (roles.isEmpty()) return;`
   * (`empty`), `if (roles.contains(Role.ANYONE)) { handler.handle(ctx); return; }` (the role's name); `complete`
   * when the roles are read nowhere else (a route without roles then meets the refusal for sure).
   */
  letThrough?: { empty: boolean; roles: string[]; complete: boolean };
  /** Paths let through before any refusal: exact (`=`) or prefix (`^`). */
  exempt: string[];
  /** Registered under `if (…)`: the condition, and whether it holds by default when that is written down. */
  condition?: { text: string; defaultOn?: boolean };
}

const REFUSES = /\bUnauthorizedResponse\b|\bForbiddenResponse\b|\b(?:HttpCode|HttpStatus)\s*\.\s*(?:UNAUTHORIZED|FORBIDDEN)\b|\bstatus\s*\(\s*40[13]\b|\bSC_(?:UNAUTHORIZED|FORBIDDEN)\b/;

/** The app-wide filters registered in a Java or Kotlin file that uses Javalin. */
export function javalinFilters(text: string, file: string): JavalinFilter[] {
  if (!/\bio\.javalin\b/.test(text) || !/\b(?:accessManager|beforeMatched|before)\s*[({]/.test(text)) return [];
  const m = maskKotlin(text);
  const out: JavalinFilter[] = [];
  const kotlin = file.endsWith('.kt');
  for (const c of m.matchAll(/\.\s*(accessManager|beforeMatched|before)\s*([({])/g)) {
    const open = c.index + c[0].length - 1;
    if (kotlin) {
      const f = kotlinFilter(text, m, file, c[1], c.index, open);
      if (f) out.push(f);
      continue;
    }
    if (c[2] !== '(') continue;
    const args = splitArgs(m, open + 1, closeOf(m, open) - 1);
    if (!args.length || args.length > 2) continue;
    const pathArg = args.length === 2 ? /^"([^"]*)"$/.exec(text.slice(args[0].start, args[0].end).trim())?.[1] : undefined;
    if (args.length === 2 && pathArg === undefined) continue;
    const h = args[args.length - 1];
    const raw = m.slice(h.start, h.end).trim();
    const shown = text.slice(h.start, h.end).trim().replace(/\s+/g, ' ');
    let body: string | undefined;
    let params = '';
    const arrow = /^(\w+|\([^)]*\))\s*->/.exec(raw);
    if (arrow) {
      body = raw;
      params = arrow[1];
    } else {
      const ref = /^(?:this|[A-Z]\w*)?::(\w+)$/.exec(raw);
      // A value that is neither a lambda nor a method reference: an instance for the access manager; for before(…) not a filter (`date.before(d)`).
      if (!ref && !(c[1] === 'accessManager' || /^new\s/.test(raw))) continue;
      const found = ref ? methodOf(m, ref[1]) : undefined;
      if (found) [params, body] = found;
    }
    const roleParam = params.replace(/[()]/g, '').split(',').map((p) => p.trim().split(/\s+/).pop() ?? '')[2];
    const usesRoles = !!body && (/\brouteRoles\s*\(/.test(body) || (!!roleParam && new RegExp(`\\b${roleParam}\\b`).test(body.slice(body.indexOf('->') + 2))));
    out.push({
      file,
      line: lineOf(text, c.index),
      text: `${c[1]}(${arrow ? `${arrow[1]} -> …` : shown.slice(0, 60)})`,
      ...(pathArg !== undefined ? { path: pathArg } : {}),
      ...(body !== undefined ? { refuses: REFUSES.test(body) } : {}),
      usesRoles,
      ...(usesRoles && body ? letThroughOf(body, roleParam) : {}),
      exempt: body ? exemptPaths(text, m, body) : [],
      ...conditionOf(text, m, c.index),
    });
  }
  return out;
}

/**
 * A Kotlin registration: `app.before { ctx -> … }`, `before("/api/*") { … }`, `config.accessManager { handler, ctx, roles -> … }`
 * (a trailing lambda, its parameters before `->`, `it` when none), or `beforeMatched(::check)` / `before(this::check)` naming
 * a function of the file. Anything else given (an instance, a value) is a filter whose code is not read here.
 */
function kotlinFilter(text: string, m: string, file: string, kind: string, at: number, open: number): JavalinFilter | undefined {
  let pathArg: string | undefined;
  let lambda = open;
  let given: string | undefined;
  if (m[open] === '(') {
    const close = closeOf(m, open);
    const args = splitArgs(m, open + 1, close - 1);
    const trailing = /^[ \t]*\{/.exec(m.slice(close));
    if (trailing) {
      // `before("/api/*") { … }`: the path, then the lambda.
      if (args.length !== 1) return undefined;
      pathArg = /^"([^"$]*)"$/.exec(text.slice(args[0].start, args[0].end).trim())?.[1];
      if (pathArg === undefined) return undefined;
      lambda = close + trailing[0].length - 1;
    } else {
      if (!args.length || args.length > 2) return undefined;
      if (args.length === 2) {
        pathArg = /^"([^"$]*)"$/.exec(text.slice(args[0].start, args[0].end).trim())?.[1];
        if (pathArg === undefined) return undefined;
      }
      const last = args[args.length - 1];
      given = m.slice(last.start, last.end).trim();
      if (given.startsWith('{')) {
        lambda = m.indexOf('{', last.start);
        given = undefined;
      }
      // `date.before(other)`: a value that names no function is no filter, except for the access manager.
      else if (!/^(?:this|[A-Z]\w*)?::\w+$/.test(given) && kind !== 'accessManager') return undefined;
    }
  }
  let body: string | undefined;
  let params = '';
  if (given === undefined) {
    body = m.slice(lambda, closeOf(m, lambda));
    params = /^\{\s*([\w\s,:<>?]*?)\s*->/.exec(body)?.[1] ?? 'it';
  } else {
    const ref = /::(\w+)$/.exec(given)?.[1];
    const fn = ref ? new RegExp(`\\bfun\\s+${ref}\\s*\\(([^()]*)\\)[^{=]*\\{`).exec(m) : null;
    if (fn) {
      const o = fn.index + fn[0].length - 1;
      body = m.slice(o, closeOf(m, o));
      params = fn[1];
    }
  }
  // The access manager's third parameter is the route's roles (`handler, ctx, roles ->`, `(h: Handler, ctx: Context, roles: Set<RouteRole>)`).
  const roleParam = params.split(',').map((p) => p.split(':')[0].trim())[2];
  const usesRoles = !!body && (/\brouteRoles\b/.test(body) || (!!roleParam && new RegExp(`\\b${roleParam}\\b`).test(body.slice(body.indexOf('->') + 2))));
  return {
    file,
    line: lineOf(text, at),
    text: given !== undefined ? `${kind}(${pathArg !== undefined ? `"${pathArg}", ` : ''}${given.slice(0, 60)})` : `${kind}${pathArg !== undefined ? `("${pathArg}")` : ''} { … }`,
    ...(pathArg !== undefined ? { path: pathArg } : {}),
    ...(body !== undefined ? { refuses: REFUSES.test(body) } : {}),
    // The let-through shapes are read from Java's syntax; in Kotlin a filter that reads the roles is judged by its roles alone.
    usesRoles,
    exempt: body ? exemptPaths(text, m, body) : [],
    ...conditionOf(text, m, at),
  };
}

/** The let-through checks of a filter that reads the route's roles (see JavalinFilter.letThrough). */
function letThroughOf(body: string, roleParam: string | undefined): { letThrough?: JavalinFilter['letThrough'] } {
  // The roles: the access manager's parameter, `ctx.routeRoles()`, or a local holding it (`Set<RouteRole> r = ctx.routeRoles();`).
  const aliases = [...body.matchAll(/(\w+)\s*=\s*\w+\s*\.\s*routeRoles\s*\(\s*\)/g)].map((x) => x[1]);
  const names = [...(roleParam ? [roleParam] : []), ...aliases];
  const roles = `(?:${names.length ? `(?<![\\w.])(?:${names.join('|')})\\b|` : ''}\\b\\w+\\s*\\.\\s*routeRoles\\s*\\(\\s*\\))`;
  const declared = (roleParam && new RegExp(`\\b${roleParam}\\s*\\)\\s*->`).test(body) ? 1 : 0) + 2 * aliases.length;
  const uses = [...body.matchAll(new RegExp(roles, 'g'))].length - declared;
  const out = { empty: false, roles: [] as string[] };
  let checks = 0;
  const check = new RegExp(`\\bif\\s*\\(\\s*${roles}\\s*\\.\\s*(?:isEmpty\\s*\\(\\s*\\)|contains\\s*\\(\\s*([\\w.]+)\\s*\\))\\s*\\)\\s*(\\{[^{}]*\\}|[^;{}]*;)`, 'g');
  for (const c of body.matchAll(check)) {
    // The branch must end the filter letting the request on: `return;` or the access manager's `handler.handle(ctx)`.
    if (!/\breturn\b|\.\s*handle\s*\(/.test(c[2]) || REFUSES.test(c[2])) return {};
    checks++;
    if (c[1]) out.roles.push(c[1].split('.').pop()!);
    else out.empty = true;
  }
  return checks ? { letThrough: { ...out, complete: checks === uses } } : {};
}

/** A method of the file by name: its parameter list and body (masked text), if there is exactly one. */
function methodOf(m: string, name: string): [string, string] | undefined {
  const found = [...m.matchAll(new RegExp(`\\b[\\w<>\\[\\]]+\\s+${name}\\s*\\(([^()]*)\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{`, 'g'))];
  if (found.length !== 1) return undefined;
  const o = found[0].index + found[0][0].length - 1;
  return [found[0][1], m.slice(o, closeOf(m, o))];
}

/** Paths the filter's code compares the request path with (`ctx.path().equals("/")`, `.startsWith("/docs")`). */
function exemptPaths(text: string, m: string, body: string): string[] {
  const out: string[] = [];
  const at = m.indexOf(body);
  for (const e of body.matchAll(/\b(?:path|matchedPath|getPathInfo|getRequestURI)\s*\(\s*\)\s*\.\s*(equals|startsWith)\s*\(\s*"/g)) {
    const from = at + e.index + e[0].length;
    const lit = /^([^"]*)"/.exec(text.slice(from))?.[1];
    if (lit !== undefined) out.push(`${e[1] === 'equals' ? '=' : '^'}${lit}`);
  }
  return out;
}

/** The innermost `if (…)` the registration at `at` sits in, and its default when it reads a config flag with a literal default. */
function conditionOf(text: string, m: string, at: number): { condition?: JavalinFilter['condition'] } {
  // `if (cond) app.beforeMatched(…);` without braces: the statement's own head.
  const stmt = Math.max(m.lastIndexOf(';', at), m.lastIndexOf('{', at), m.lastIndexOf('}', at)) + 1;
  const bare = /^\s*if\s*\((.*)\)\s*[\w.]*$/s.exec(m.slice(stmt, at));
  if (bare) return { condition: judgeCondition(text.slice(stmt, at).replace(/^\s*if\s*\(/, '').replace(/\)\s*[\w.]*$/, '').trim()) };
  let depth = 0;
  for (let j = at - 1; j >= 0; j--) {
    const ch = m[j];
    if (ch === '}') depth++;
    else if (ch === '{') {
      if (depth === 0) {
        const head = /\bif\s*\(([^{}]*)\)\s*$/.exec(m.slice(Math.max(0, j - 300), j));
        if (!head) {
          // A lambda or a method body: stop at the method (a class or method body ends the search).
          if (/\)\s*(?:throws\s+[\w.,\s]+)?$/.test(m.slice(Math.max(0, j - 200), j)) && !/->\s*$/.test(m.slice(Math.max(0, j - 10), j))) return {};
          continue;
        }
        const start = j - head[0].length + head[0].indexOf('(') + 1;
        return { condition: judgeCondition(text.slice(start, start + head[1].length).trim()) };
      }
      depth--;
    }
  }
  return {};
}

/** A condition that reads a config flag with a literal default (`Cfg.getBoolean("auth", false)`, negated or not) holds by default when that default says so. */
function judgeCondition(cond: string): NonNullable<JavalinFilter['condition']> {
  const flag = /^(!?)\s*[\w.]+\s*\.\s*get(?:Boolean|Bool)\s*\(\s*"[^"]*"\s*,\s*(true|false)\s*\)$/.exec(cond);
  return { text: cond, ...(flag ? { defaultOn: (flag[2] === 'true') !== (flag[1] === '!') } : {}) };
}

/** Applies the app's filters (every file's) to the Javalin routes read from Java and Kotlin files. */
export function resolveJavalinGuards(routes: RouteDecl[], filters: JavalinFilter[]): void {
  for (const r of routes) {
    if (!r.javalin) continue;
    for (const f of filters) {
      if (f.path !== undefined && !pathMatches(f.path, r.path)) continue;
      const where = `${f.file}:${f.line}`;
      const note = (n: string) => (r.openNote = r.openNote ? `${r.openNote}; ${n}` : n);
      const exempt = f.exempt.find((e) => (e[0] === '=' ? r.path === e.slice(1) : r.path.startsWith(e.slice(1))));
      if (exempt) {
        if (f.refuses) note(`Javalin filter ${f.text} (${where}) lets ${exempt[0] === '=' ? 'the path' : 'paths under'} ${exempt.slice(1)} through`);
        continue;
      }
      if (f.refuses === undefined) {
        r.doubt ??= `Javalin filter ${f.text} (${where}): its code is not read here`;
        continue;
      }
      if (!f.refuses) continue;
      if (f.condition && f.condition.defaultOn === false) {
        note(`Javalin filter ${f.text} (${where}) is registered only when ${f.condition.text}, off by default`);
        continue;
      }
      if (f.condition && f.condition.defaultOn === undefined) {
        r.doubt ??= `Javalin filter ${f.text} (${where}) is registered only when ${f.condition.text}`;
        continue;
      }
      const roles = (r.javalin.roles ?? []).map((x) => x.split('.').pop()!);
      const through = f.letThrough && ((f.letThrough.empty && !roles.length) || roles.find((x) => f.letThrough!.roles.includes(x)));
      if (through) {
        note(`Javalin filter ${f.text} (${where}) lets ${roles.length ? `routes with role ${through}` : 'routes without roles'} through`);
        continue;
      }
      // A route given roles that are not let through meets the role check; one without roles, only when the roles are read nowhere else.
      if (f.usesRoles && (!f.letThrough || (!roles.length && !f.letThrough.complete))) {
        r.doubt ??= `Javalin filter ${f.text} (${where}) decides by the route's roles${r.javalin.roles?.length ? ` (${r.javalin.roles.join(', ')})` : ''}: not read here`;
        continue;
      }
      const g: GuardCandidate = {
        text: f.text,
        line: f.line,
        via: 'app',
        guard: { name: f.text, kind: 'authentication', reason: `Javalin ${f.text.split('(')[0]} filter (${where}): its code answers 401/403 before the endpoint handler${f.usesRoles && roles.length ? ` (the route's roles: ${roles.join(', ')})` : ''}`, file: f.file, line: f.line },
      };
      r.guards.push(g);
    }
  }
}

function pathMatches(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '/*') return true;
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1)) || path === pattern.slice(0, -1).replace(/\/$/, '');
  return pattern === path;
}

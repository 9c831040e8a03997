// Ktor's routing DSL, read per file (the facts are linked across files by ktorLink.ts):
//   routing { route("/api") { authenticate("jwt") { get("/x") { … } } } }
//   fun Route.userRoutes() { route("users") { get { … } } }      // called from routing { userRoutes() }
// A route's place is the verb call; its context is what encloses it in its own file: the
// route(prefix) segments (as written: a literal, a template, a constant's name), the
// authenticate(...) blocks (providers, optional = true / AuthenticationStrategy.Optional) and any
// other block a route sits in (`rateLimit { }`, an application's own `adminOnly { }`), which
// the link resolves when it is a Route function of ours. Routes written in a Route extension
// function get the context of every place that calls it (a "mount"). Scopes start at each
// `routing { }` (the application's root) and at each `fun Route.name(…)` / `fun Routing.name(…)`.
// A function with a Route-receiver lambda parameter (`fun Route.adminOnly(build: Route.() -> Unit)`)
// records where it runs that lambda (its "slot"): `adminOnly { get(…) }` puts the routes there.
// The handler lambda itself is not walked for routes: `put("k", v)` on a map inside it is no route.
import { table } from '../ownKeys';
import { closeOf, lineOf, maskKotlin, splitArgs } from './kotlinText';
import { handlerCheckOf, ktorChecks, type KtorChecks, type KtorHandlerCheck } from './ktorChecks';

export interface KtorAuth {
  /** Provider names as written (a literal's value or a constant's name), empty for the default provider. */
  names: string[];
  optional: boolean;
  line: number;
  text: string;
}

export interface KtorCtx {
  /** Path segments as written (raw expression text), outermost first. */
  segs: string[];
  auth: KtorAuth[];
  /** Blocks of other names the route sits in, outermost first: resolved by the link. */
  wraps: { name: string; line: number; segAt: number; authAt: number }[];
  /** `route("x", HttpMethod.Post) { handle { } }` / `method(HttpMethod.Post) { handle { } }`. */
  method?: string;
}

export interface KtorRoute {
  method: string;
  /** The path argument as written; '' when none. */
  path: string;
  /** `get<Articles.New> { }`: the resource class (Resources / Locations plugins). */
  resource?: string;
  line: number;
  handler: { start: number; end: number };
  ctx: KtorCtx;
  check?: KtorHandlerCheck;
}

export interface KtorScope {
  /** The Route function's name; absent for a `routing { }` block (the root). */
  fn?: string;
  line: number;
  routes: KtorRoute[];
  /** Calls that may be Route functions of ours (`userRoutes()`, `adminOnly { }`), with where they are. */
  mounts: { name: string; line: number; ctx: KtorCtx; lambda: boolean; args?: string[] }[];
  /** A Route function's parameters, and its top-level `val x = …` (a path piece made from one: `type.name.lowercase()`). */
  params?: string[];
  locals?: [string, string][];
  /** Where a Route function runs its Route-receiver lambda parameter. */
  slot?: KtorCtx;
}

export interface KtorFileFacts {
  file: string;
  /** The file's package, and the functions it imports by name (`org.x.routes.userRoutes`): which of two same-named Route functions a call means. */
  pkg?: string;
  imports?: string[];
  scopes: KtorScope[];
  /** `const val NAME = "…"` of the file. */
  consts: [string, string][];
  /** `@Resource("/path") class Name` (and `@Location`): name (Outer.Inner for a nested one), path, parent class if any. */
  resources: { name: string; path: string; parent?: string; line: number }[];
  checks?: KtorChecks;
}

const VERBS: Record<string, string> = table({ get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS', webSocket: 'GET', webSocketRaw: 'GET', sse: 'GET' });
/** A segment written as a resource class (`resource<Articles> { }`, `get<Articles.New> { }`): the class's @Resource path. */
export const RESOURCE = 'resource:';
const KEYWORDS = new Set(['if', 'else', 'when', 'try', 'catch', 'finally', 'for', 'while', 'do']);
/** Blocks that only run their lambda here: the routes in them are the enclosing block's. */
const TRANSPARENT = new Set(['with', 'run', 'apply', 'also', 'let', 'forEach', 'rateLimit', 'routing', 'accept', 'contentType', 'header', 'param', 'optionalParam', 'host', 'port', 'static', 'trace']);
const SKIP_WORDS = new Set(['val', 'var', 'fun', 'return', 'object', 'class', 'is', 'as', 'in', 'by', 'this', 'super', 'null', 'true', 'false']);

/** Whether a Kotlin file may hold Ktor routing (cheap test before reading). */
export function mayHoldKtor(text: string): boolean {
  return /\bio\.ktor\.server\b|\bimport\s+io\.ktor\.(?:routing|auth|locations|resources|application)\b/.test(text);
}

export function ktorFileFacts(text: string, file: string): KtorFileFacts | undefined {
  if (!mayHoldKtor(text) && !/\bconst\s+val\b/.test(text)) return undefined;
  const m = maskKotlin(text);
  const facts: KtorFileFacts = { file, scopes: [], consts: [], resources: [] };
  // A path constant may live in a file of constants that names no Ktor at all.
  for (const c of text.matchAll(/\bconst\s+val\s+(\w+)\s*(?::\s*String\s*)?=\s*"((?:[^"\\\n]|\\.)*)"/g)) if (m[c.index] === 'c' && !c[2].includes('$')) facts.consts.push([c[1], c[2].replace(/\\(.)/g, '$1')]);
  if (!mayHoldKtor(text)) return facts.consts.length ? facts : undefined;
  const pkg = /^\s*package\s+([\w.]+)/m.exec(m)?.[1];
  if (pkg) facts.pkg = pkg;
  const imports = [...m.matchAll(/^\s*import\s+([\w.]+\.[a-z]\w*)\s*$/gm)].map((i) => i[1]);
  if (imports.length) facts.imports = imports;
  // The application's root: every routing { } (and the older install(Routing) { }).
  for (const r of m.matchAll(/(?<![\w])routing\s*\{|\binstall\s*\(\s*Routing\s*\)\s*\{/g)) {
    const open = r.index + r[0].length - 1;
    const scope: KtorScope = { line: lineOf(text, r.index), routes: [], mounts: [] };
    walk(text, m, open + 1, closeOf(m, open) - 1, { segs: [], auth: [], wraps: [] }, scope, undefined);
    facts.scopes.push(scope);
  }
  // Route functions: `fun Route.name(…) { … }`, `fun Routing.name(…) = route("x") { … }`.
  for (const f of m.matchAll(/\bfun\s+(?:<[^>\n]*>\s*)?(?:io\.ktor\.server\.routing\.)?(Route|Routing)\s*\.\s*(\w+)\s*\(/g)) {
    const open = f.index + f[0].length - 1;
    const close = closeOf(m, open);
    const params = m.slice(open + 1, close - 1);
    const lambda = /(?:^|,)\s*(?:crossinline\s+|noinline\s+)?(\w+)\s*:\s*(?:suspend\s+)?(?:Route|Routing)\s*\.\s*\(\s*\)\s*->\s*Unit/.exec(params)?.[1];
    const rest = /^\s*(?::\s*[\w.<>?, ]+)?\s*([={])/.exec(m.slice(close));
    if (!rest) continue;
    const at = close + rest[0].length - 1;
    const scope: KtorScope = { fn: f[2], line: lineOf(text, f.index), routes: [], mounts: [] };
    const names = splitArgs(m, open + 1, close - 1).map((a) => /^\s*(?:vararg\s+|crossinline\s+|noinline\s+)?(\w+)\s*:/.exec(m.slice(a.start, a.end))?.[1] ?? '');
    if (names.some((n) => n && n !== lambda)) scope.params = names;
    if (rest[1] === '{') {
      const locals = topVals(text, m, at + 1, closeOf(m, at) - 1);
      if (locals.length) scope.locals = locals;
    }
    if (rest[1] === '{') walk(text, m, at + 1, closeOf(m, at) - 1, { segs: [], auth: [], wraps: [] }, scope, lambda);
    else walk(text, m, at + 1, expressionEnd(m, at + 1), { segs: [], auth: [], wraps: [] }, scope, lambda);
    facts.scopes.push(scope);
  }
  for (const r of m.matchAll(/@(?:Resource|Location)\s*\(/g)) {
    const open = r.index + r[0].length - 1;
    const arg = /^\s*(?:path\s*=\s*)?"((?:[^"\\]|\\.)*)"\s*$/.exec(text.slice(open + 1, closeOf(m, open) - 1));
    const cls = /^[\s\S]*?\b(?:class|object)\s+(\w+)\s*(\()?/.exec(m.slice(closeOf(m, open), closeOf(m, open) + 300));
    if (!arg || !cls) continue;
    const clsAt = closeOf(m, open) + cls.index + cls[0].length - (cls[2] ? 1 : 0);
    // A parent resource is a constructor property typed as another resource class (`val parent: Articles = Articles()`).
    const params = cls[2] ? m.slice(clsAt + 1, closeOf(m, clsAt) - 1) : '';
    const parent = /\bval\s+\w+\s*:\s*([\w.]+)\s*(?:=|,|$)/.exec(params)?.[1];
    facts.resources.push({ name: cls[1], path: arg[1], ...(parent ? { parent } : {}), line: lineOf(text, r.index) });
  }
  const checks = ktorChecks(text, m);
  if (checks) facts.checks = checks;
  return facts.scopes.length || facts.consts.length || facts.resources.length || checks ? facts : undefined;
}

/** `val name = value` at the top level of a body (masked between from and to; the value's text from the original). */
function topVals(t: string, m: string, from: number, to: number): [string, string][] {
  const out: [string, string][] = [];
  let depth = 0;
  for (let j = from; j < to; j++) {
    const c = m[j];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === 'v' && !/\w/.test(m[j - 1] ?? '')) {
      const v = /^val\s+(\w+)\s*=(?!=)\s*([^\n]+)/.exec(m.slice(j, Math.min(to, j + 300)));
      if (v) out.push([v[1], t.slice(j + v[0].length - v[2].length, j + v[0].length).trim()]);
    }
  }
  return out;
}

/** End of an expression body that starts with one call (`= route("x") { … }`): past its arguments and trailing lambda. */
function expressionEnd(m: string, from: number): number {
  const w = /^\s*\w+\s*(?:<[^<>\n]*>)?\s*/.exec(m.slice(from));
  if (!w) return from;
  let k = from + w[0].length;
  if (m[k] === '(') k = closeOf(m, k);
  const sp = /^[ \t]*/.exec(m.slice(k))![0].length;
  if (m[k + sp] === '{') k = closeOf(m, k + sp);
  return k;
}

interface Call {
  name: string;
  at: number;
  typeArg?: string;
  args: { start: number; end: number }[];
  lambda?: { open: number; close: number };
  end: number;
}

/** Walks a block's statements at depth 0, adding routes and mounts to the scope. */
function walk(t: string, m: string, from: number, to: number, ctx: KtorCtx, scope: KtorScope, lambdaParam: string | undefined): void {
  for (let j = from; j < to; ) {
    const c = m[j];
    if (c === '(' || c === '[' || c === '{') {
      j = closeOf(m, j);
      continue;
    }
    if (!/[A-Za-z_]/.test(c) || /[\w@$:]/.test(m[j - 1] ?? '')) {
      j++;
      continue;
    }
    if (m[j - 1] === '.') {
      // `controllers.forEach { it.apply { routes() } }`: a scope function's lambda on a value still registers on this route.
      const q = /^(\w+)[ \t]*\{/.exec(m.slice(j, j + 40));
      if (q && TRANSPARENT.has(q[1])) {
        const open = j + q[0].length - 1;
        const close = closeOf(m, open);
        walk(t, m, open + 1, close - 1, ctx, scope, lambdaParam);
        j = close;
      } else j += /^\w+/.exec(m.slice(j))![0].length;
      continue;
    }
    const w = /^\w+/.exec(m.slice(j, j + 80))![0];
    let k = j + w.length;
    if (KEYWORDS.has(w)) {
      // if (…) { … } else { … }, try { … }: routes registered in a branch are still routes.
      let p = k + /^\s*/.exec(m.slice(k))![0].length;
      if (m[p] === '(') p = closeOf(m, p);
      p += /^\s*/.exec(m.slice(p))![0].length;
      if (m[p] === '{') {
        const close = closeOf(m, p);
        walk(t, m, p + 1, close - 1, ctx, scope, lambdaParam);
        j = close;
      } else j = k;
      continue;
    }
    if (SKIP_WORDS.has(w)) {
      j = k;
      continue;
    }
    const typeArg = /^<([\w.<>?, ]+)>/.exec(m.slice(k, k + 120));
    if (typeArg) k += typeArg[0].length;
    const sp = /^[ \t]*/.exec(m.slice(k))![0].length;
    if (m[k + sp] !== '(' && m[k + sp] !== '{') {
      j = k;
      continue;
    }
    k += sp;
    let args: Call['args'] = [];
    if (m[k] === '(') {
      const close = closeOf(m, k);
      args = splitArgs(m, k + 1, close - 1);
      k = close;
    }
    const sp2 = /^[ \t]*/.exec(m.slice(k))![0].length;
    let lambda: Call['lambda'];
    if (m[k + sp2] === '{') {
      lambda = { open: k + sp2, close: closeOf(m, k + sp2) };
      k = lambda.close;
    }
    handle(t, m, { name: w, at: j, ...(typeArg ? { typeArg: typeArg[1] } : {}), args, ...(lambda ? { lambda } : {}), end: k }, ctx, scope, lambdaParam);
    j = k;
  }
}

const raw = (t: string, a: { start: number; end: number }): string => t.slice(a.start, a.end).trim();
const named = (t: string, args: Call['args'], name: string): string | undefined => {
  for (const a of args) {
    const n = new RegExp(`^\\s*${name}\\s*=(?!=)\\s*([\\s\\S]*)$`).exec(t.slice(a.start, a.end));
    if (n) return n[1].trim();
  }
  return undefined;
};
const positional = (t: string, args: Call['args']) => args.filter((a) => !/^\s*\w+\s*=(?!=)/.test(t.slice(a.start, a.end)));

/** A call that may be a Route function of ours, with its arguments as written (a path piece it is given). */
function mount(t: string, m: string, call: Call, ctx: KtorCtx, scope: KtorScope, line: number): void {
  const args = positional(t, call.args).filter((a) => !m.slice(a.start, a.end).trim().startsWith('{')).map((a) => raw(t, a));
  scope.mounts.push({ name: call.name, line, ctx, lambda: !!call.lambda, ...(args.length && args.length === call.args.length ? { args } : {}) });
}

function routeOf(t: string, m: string, method: string, path: string, call: Call, ctx: KtorCtx): KtorRoute {
  const lambda = call.lambda!;
  const route: KtorRoute = { method, path, ...(call.typeArg ? { resource: call.typeArg } : {}), line: lineOf(t, call.at), handler: { start: lineOf(t, lambda.open), end: lineOf(t, lambda.close - 1) }, ctx };
  const check = handlerCheckOf(t, m, lambda.open, lambda.close);
  if (check) route.check = check;
  return route;
}

function handle(t: string, m: string, call: Call, ctx: KtorCtx, scope: KtorScope, lambdaParam: string | undefined): void {
  const line = lineOf(t, call.at);
  const inner = (next: KtorCtx) => {
    if (call.lambda) walk(t, m, call.lambda.open + 1, call.lambda.close - 1, next, scope, lambdaParam);
  };
  if (lambdaParam && call.name === lambdaParam) {
    scope.slot ??= ctx;
    return;
  }
  if (call.name === 'route' || call.name === 'method') {
    const pos = positional(t, call.args);
    const verb = pos.map((a) => /^(?:io\.ktor\.http\.)?HttpMethod\.(\w+)$/.exec(raw(t, a))?.[1]).find((x) => x);
    const p = call.name === 'method' ? undefined : (named(t, call.args, 'path') ?? (pos[0] ? raw(t, pos[0]) : ''));
    inner({ ...ctx, segs: p === undefined ? ctx.segs : [...ctx.segs, p], ...(verb ? { method: verb.toUpperCase() } : {}) });
    return;
  }
  if (call.name === 'resource' && call.typeArg) {
    inner({ ...ctx, segs: [...ctx.segs, RESOURCE + call.typeArg] });
    return;
  }
  if (call.name === 'handle' && ctx.method && call.lambda) {
    // `handle<Login> { }` under resource<Login> types the call's parameters: no path of its own.
    scope.routes.push(routeOf(t, m, ctx.method, '', { ...call, typeArg: undefined }, ctx));
    return;
  }
  if (call.name === 'authenticate') {
    const pos = positional(t, call.args).filter((a) => !m.slice(a.start, a.end).trim().startsWith('{'));
    const names = pos.map((a) => raw(t, a)).filter((a) => !/^(?:true|false)$/.test(a));
    const optional = /^true$/.test(named(t, call.args, 'optional') ?? '') || /\bOptional$/.test(named(t, call.args, 'strategy') ?? '');
    const auth: KtorAuth = { names: names.map((n) => /^"(.*)"$/.exec(n)?.[1] ?? n), optional, line, text: t.slice(call.at, call.args.length ? t.indexOf(')', call.args[call.args.length - 1].end) + 1 : call.at + call.name.length).replace(/\s+/g, ' ') };
    const next = { ...ctx, auth: [...ctx.auth, auth] };
    // `authenticate(NAME, build = build)`: the function's own lambda runs in the block.
    const build = named(t, call.args, 'build');
    if (lambdaParam && (build === lambdaParam || (pos.length && raw(t, pos[pos.length - 1]) === lambdaParam))) scope.slot ??= next;
    inner(next);
    return;
  }
  const verb = VERBS[call.name];
  if (verb) {
    // The handler is the trailing lambda (a lambda argument before it is documentation: `get("/x", { summary = … }) { … }`).
    // Without one it is no route: a Route function of ours named so (`delete(dao, hash)`), or a map's `put("k", v)`.
    if (!call.lambda) {
      mount(t, m, call, ctx, scope, line);
      return;
    }
    const pos = positional(t, call.args).filter((a) => !m.slice(a.start, a.end).trim().startsWith('{'));
    const p = named(t, call.args, 'path') ?? (pos[0] ? raw(t, pos[0]) : '');
    scope.routes.push(routeOf(t, m, verb, p, call, ctx));
    return;
  }
  if (TRANSPARENT.has(call.name)) {
    inner(ctx);
    return;
  }
  mount(t, m, call, ctx, scope, line);
  if (call.lambda) inner({ ...ctx, wraps: [...ctx.wraps, { name: call.name, line, segAt: ctx.segs.length, authAt: ctx.auth.length }] });
}

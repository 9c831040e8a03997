// Vert.x Web routes, Java or Kotlin, read from the text of a file that uses io.vertx.ext.web:
//   router.get("/api/x").handler(BodyHandler.create()).handler(this::getX)     (Java)
//   get("/:db").coroutineHandler { Auth(kc, authz, VIEW).handle(it); it.next() }.coroutineHandler { … }
//                                                        (Kotlin, inside Router.router(vertx).apply { … })
// A route is a verb call followed by a chain holding a handler. Vert.x runs, for a request, every
// matching route in registration order, so a `route()` / `route("/api/*")` registered before a route
// on the same router applies to it: an authentication handler there guards what follows. In a
// route's own chain every handler but the last runs first. Each handler is judged:
// - Vert.x's own authentication/authorization handlers (imported from io.vertx.ext.web.handler, or
//   a value typed AuthenticationHandler) are guards; its plain handlers (BodyHandler, CorsHandler…)
//   are not;
// - a handler of ours is judged by its code: a lambda or a method of the file that fails the
//   request with 401/403 guards; one that calls something of ours (`Auth(…).handle(it)`) is judged
//   across files when linking (vertxWebChecks.ts); one we cannot read leaves the route unknown.
// A router mounted under a prefix in the same file (`mountSubRouter("/api", sub)`,
// `route("/api/*").subRouter(sub)`) gives its routes the prefix and the parent's handlers before it.
import type { GuardCandidate, RouteDecl } from './types';
import { table } from '../ownKeys';
import { closeOf, lineOf, maskKotlin, splitArgs, topCalls } from './kotlinText';

const VERB: Readonly<Record<string, string>> = table({ get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS', trace: 'TRACE', route: 'ANY' });
const AUTH = /^(?:JWTAuthHandler|BasicAuthHandler|OAuth2AuthHandler|DigestAuthHandler|RedirectAuthHandler|ChainAuthHandler|APIKeyHandler|WebAuthnHandler|WebAuthn4JHandler|OtpAuthHandler|SimpleAuthenticationHandler|AuthorizationHandler|AuthenticationHandler|AuthHandler)$/;
const PLAIN = /^(?:BodyHandler|CorsHandler|LoggerHandler|ResponseContentTypeHandler|TimeoutHandler|ResponseTimeHandler|FaviconHandler|SessionHandler|CSRFHandler|HSTSHandler|CSPHandler|XFrameHandler|ErrorHandler|SecurityAuditLoggerHandler|StaticHandler|TemplateHandler|HealthCheckHandler|MultiTenantHandler|MethodOverrideHandler|CookieHandler|UserSessionHandler|LoggerFormat)$/;
/** Calls in a handler that check nothing (logging, scope functions). */
const NOT_CHECKS = /^(?:println|print|require|check|log|launch|runBlocking|let|also|apply|run|with|repeat|synchronized)$/;
const HANDLER_SEG = /^(?:handler|blockingHandler|coroutineHandler|respond|suspendHandler)$/;
/** A handler's code that ends the request as unauthenticated or forbidden. */
export const VERTX_REFUSES = /\bUNAUTHORIZED\b|\bFORBIDDEN\b|\bfail\s*\(\s*40[13]\b|\bsetStatusCode\s*\(\s*40[13]\b|\bHttpException\s*\(\s*40[13]\b/;

type Item =
  | { kind: 'auth'; text: string; line: number }
  | { kind: 'plain'; text: string; line: number }
  | { kind: 'lambda'; text: string; line: number; start: number; end: number }
  | { kind: 'ref'; text: string; line: number; name: string }
  | { kind: 'own'; text: string; line: number; cls: string }
  | { kind: 'value'; text: string; line: number };

interface Reg {
  at: number;
  line: number;
  recv: string;
  verb: string;
  path?: string;
  dynamic?: string;
  items: Item[];
  sub?: string;
}

/** Cheap test before reading. */
export function mayHoldVertxWeb(text: string): boolean {
  return /\bio\.vertx\.ext\.web\b/.test(text) && /\.\s*(?:handler|blockingHandler|coroutineHandler|respond|subRouter)\s*[({]|mountSubRouter/.test(text);
}

export function detectVertxWebRoutes(text: string, file: string): RouteDecl[] {
  if (!mayHoldVertxWeb(text)) return [];
  const m = maskKotlin(text);
  // Vert.x's own handler classes only when the file takes them from Vert.x (an application may name its own AuthenticationHandler).
  const vertxNames = new Set<string>();
  const wildcard = /^import\s+io\.vertx\.ext\.web\.handler\.\*/m.test(text);
  for (const i of text.matchAll(/^import\s+io\.vertx\.(?:ext\.web\.handler|ext\.web\.handler\.\w+)\.(\w+)/gm)) vertxNames.add(i[1]);
  const fromVertx = (name: string) => vertxNames.has(name) || (wildcard && !new RegExp(`\\bclass\\s+${name}\\b`).test(m) && !new RegExp(`^import\\s+[\\w.]+\\.${name}\\s*;?$`, 'm').test(text));
  const regs: Reg[] = [];
  const mounts: { at: number; parent: string; prefix: string; child: string }[] = [];
  for (const c of m.matchAll(/(?:\b([A-Za-z_]\w*)\s*\.\s*|(?<![\w.$]))(get|post|put|patch|delete|head|options|trace|route|mountSubRouter)\s*\(/g)) {
    const open = c.index + c[0].length - 1;
    const close = closeOf(m, open);
    const args = splitArgs(m, open + 1, close - 1);
    const recv = !c[1] || c[1] === 'this' ? '' : c[1];
    if (c[2] === 'mountSubRouter') {
      const prefix = /^"([^"$]*)"$/.exec(text.slice(args[0]?.start ?? 0, args[0]?.end ?? 0).trim())?.[1];
      const child = args[1] ? /^\s*(\w+)\s*$/.exec(m.slice(args[1].start, args[1].end))?.[1] : undefined;
      if (prefix !== undefined && child) mounts.push({ at: c.index, parent: recv, prefix, child });
      continue;
    }
    if (args.length > 1) continue;
    const segs = chain(m, close);
    const handlers = segs.filter((s) => HANDLER_SEG.test(s.name));
    const sub = segs.find((s) => s.name === 'subRouter' && s.args);
    if (!handlers.length && !sub) continue;
    const reg: Reg = { at: c.index, line: lineOf(text, c.index), recv, verb: VERB[c[2]], items: [] };
    if (args.length === 1) {
      const raw = text.slice(args[0].start, args[0].end).trim();
      const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(raw)?.[1];
      if (lit !== undefined && !lit.includes('$')) reg.path = lit;
      else {
        reg.path = '{dynamic}';
        reg.dynamic = raw;
      }
    } else if (c[2] !== 'route') continue; // `router.get()`: every path of a method, no route of its own
    for (const h of handlers) reg.items.push(item(text, m, h, fromVertx));
    if (sub) {
      const child = /^\s*(\w+)\s*$/.exec(m.slice(sub.args!.start, sub.args!.end))?.[1];
      if (child && reg.path !== undefined && !reg.dynamic) mounts.push({ at: c.index, parent: recv, prefix: reg.path.replace(/\/?\*$/, ''), child });
      continue;
    }
    regs.push(reg);
  }
  const out: RouteDecl[] = [];
  for (const r of regs) {
    if (isFilter(r)) continue;
    // The handlers that run before this one: filters of its router registered before it, then those of the router it is mounted on.
    const before: { reg: Reg; item: Item }[] = [];
    let recv = r.recv;
    let at = r.at;
    let path = r.path!;
    for (let depth = 0; depth < 4; depth++) {
      for (const f of regs) if (f.recv === recv && f.at < at && isFilter(f) && matches(f.path, path)) for (const it of f.items) before.unshift({ reg: f, item: it });
      const mount = mounts.find((x) => x.child === recv && x.child !== x.parent);
      if (!mount) break;
      path = joinPath(mount.prefix, path);
      recv = mount.parent;
      at = mount.at;
    }
    const own = r.items.slice(0, -1).map((item) => ({ reg: r, item }));
    const last = r.items[r.items.length - 1];
    const route: RouteDecl = {
      method: r.verb,
      path,
      ...(r.dynamic ? { dynamic: r.dynamic } : {}),
      handler: handlerName(text, m, last),
      ...(last.kind === 'lambda' ? { inlineRange: { start: lineOf(text, last.start), end: lineOf(text, last.end - 1) } } : {}),
      guards: [],
      file,
      line: r.line,
      order: r.line,
      framework: 'vertx-web',
    };
    judge(route, [...before.sort((a, b) => a.reg.at - b.reg.at), ...own], text, m, file);
    // Routes of one method and path told apart by consumes/produces are one endpoint when they are guarded alike.
    const twin = out.find((o) => o.method === route.method && o.path === route.path && signature(o) === signature(route));
    if (!twin) out.push(route);
  }
  return out;
}

/** What decides a route's guard state, for telling twins apart. */
function signature(r: RouteDecl): string {
  return JSON.stringify([r.guards.map((g) => g.guard?.reason ?? g.text), (r.vertxChecks ?? []).map((c) => `${c.cls ?? ''}.${c.name}`), r.doubt ?? '']);
}

/** A `route()` / `route("/api/*")` whose handlers run for the routes after it, not a route itself. */
function isFilter(r: Reg): boolean {
  if (r.verb !== 'ANY') return false;
  if (r.path === undefined || r.path.endsWith('*')) return true;
  // `route("/x").handler(CorsHandler…)` alone: a handler for the path's routes, not an endpoint.
  return r.items.every((i) => i.kind === 'plain' || i.kind === 'auth');
}

function matches(pattern: string | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  if (!pattern.endsWith('*')) return pattern === path;
  const base = pattern.slice(0, -1);
  return path.startsWith(base) || path === base.replace(/\/$/, '');
}

function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  return `${prefix.replace(/\/$/, '')}${path.startsWith('/') ? '' : '/'}${path}`.replace(/\/$/, '') || '/';
}

interface Seg {
  name: string;
  args?: { start: number; end: number };
  lambda?: { start: number; end: number };
}

/** The `.name(args) { lambda }` segments chained after a call's closing bracket. */
function chain(m: string, from: number): Seg[] {
  const out: Seg[] = [];
  let j = from;
  for (;;) {
    const dot = /^\s*\.\s*(\w+)\s*/.exec(m.slice(j, j + 200));
    if (!dot) break;
    j += dot[0].length;
    const seg: Seg = { name: dot[1] };
    if (m[j] === '(') {
      const close = closeOf(m, j);
      seg.args = { start: j + 1, end: close - 1 };
      j = close;
      const trailing = /^[ \t]*\{/.exec(m.slice(j));
      if (trailing) {
        const o = j + trailing[0].length - 1;
        seg.lambda = { start: o, end: closeOf(m, o) };
        j = seg.lambda.end;
      }
    } else if (m[j] === '{') {
      seg.lambda = { start: j, end: closeOf(m, j) };
      j = seg.lambda.end;
    } else break;
    out.push(seg);
  }
  return out;
}

function item(text: string, m: string, s: Seg, fromVertx: (name: string) => boolean): Item {
  const line = lineOf(text, s.lambda?.start ?? s.args?.start ?? 0);
  if (s.lambda) return { kind: 'lambda', text: `${s.name} {…}`, line, start: s.lambda.start, end: s.lambda.end };
  const a = s.args!;
  const raw = m.slice(a.start, a.end).trim();
  const shown = text.slice(a.start, a.end).trim().replace(/\s+/g, ' ').slice(0, 100);
  // A Java lambda: `ctx -> { … }`, `(RoutingContext rc) -> rc.next()`.
  const arrow = /^(?:\w+|\([^)]*\))\s*->\s*/.exec(raw);
  if (arrow) return { kind: 'lambda', text: shown, line, start: a.start + raw.length - raw.trimStart().length + arrow[0].length, end: a.end };
  const lam = /^\{/.test(raw);
  if (lam) return { kind: 'lambda', text: shown, line, start: a.start + m.slice(a.start).indexOf('{'), end: a.end };
  const ref = /^(?:this|[A-Za-z_][\w.]*)?::(\w+)$/.exec(raw);
  if (ref) return { kind: 'ref', text: shown, line, name: ref[1] };
  const made = /^(?:new\s+)?(?:[\w.]+\.)?([A-Z]\w*)\s*(?:\.\s*\w+\s*)?\(/.exec(raw);
  if (made) {
    const cls = made[1];
    if (fromVertx(cls) && AUTH.test(cls)) return { kind: 'auth', text: shown, line };
    if (fromVertx(cls) && PLAIN.test(cls)) return { kind: 'plain', text: shown, line };
    return { kind: 'own', text: shown, line, cls };
  }
  const name = /^(\w+)$/.exec(raw)?.[1];
  if (name) {
    // A value of the file: what it is made of, or the type it is declared with.
    const decl = new RegExp(`(?:\\b([A-Z]\\w*)(?:<[^>\\n]*>)?\\s+${name}|\\b${name}\\s*:\\s*([A-Z]\\w*))\\s*=\\s*(?:new\\s+)?(?:[\\w.]+\\.)?([A-Z]\\w*)?`).exec(m);
    const types = decl ? [decl[3], decl[1] ?? decl[2]].filter((t): t is string => !!t) : [];
    if (types.some((t) => fromVertx(t) && AUTH.test(t)) || (decl && /^(?:AuthenticationHandler|AuthHandler)$/.test(decl[1] ?? decl[2] ?? '') && fromVertx(decl[1] ?? decl[2]))) return { kind: 'auth', text: shown, line };
    if (types.length && fromVertx(types[0]) && PLAIN.test(types[0])) return { kind: 'plain', text: shown, line };
  }
  return { kind: 'value', text: shown, line };
}

function handlerName(text: string, m: string, last: Item): string {
  if (last.kind === 'ref') return last.name;
  if (last.kind === 'own') return last.cls;
  if (last.kind !== 'lambda') return last.text;
  const first = topCalls(text, m, last.start + 1, last.end - 1).find((c) => c.name !== 'it' && !/^(?:ctx|rc|it)$/.test(c.name));
  return first?.name ?? '<inline>';
}

/** The guard (or the doubt) of a route, from the handlers that run before its last one. */
function judge(route: RouteDecl, before: { reg: Reg; item: Item }[], text: string, m: string, file: string): void {
  const guard = (g: { reg: Reg; item: Item }, reason: string): GuardCandidate => ({
    text: g.item.text,
    line: g.item.line,
    via: g.reg.line === route.line ? 'handler' : 'route',
    guard: { name: g.item.text, kind: 'authentication', reason, file, line: g.item.line },
  });
  for (const b of before) {
    const it = b.item;
    const where = b.reg.line === route.line ? 'in the route\'s own chain' : `registered before it on the same router (${file}:${b.reg.line})`;
    if (it.kind === 'plain') continue;
    if (it.kind === 'auth') {
      route.guards.push(guard(b, `Vert.x authentication/authorization handler ${where}: answers 401/403 without valid credentials`));
      return;
    }
    if (it.kind === 'value') {
      route.doubt ??= `handler ${it.text} ${where} is a value not read here`;
      continue;
    }
    if (it.kind === 'own') {
      (route.vertxChecks ??= []).push({ cls: it.cls, name: 'handle', line: it.line, text: it.text });
      continue;
    }
    const body = it.kind === 'ref' ? methodBody(m, it.name) : m.slice(it.start, it.end);
    if (body === undefined) {
      route.doubt ??= `handler ${it.text} ${where}: its code was not found in ${file}`;
      continue;
    }
    if (VERTX_REFUSES.test(body)) {
      route.guards.push(guard(b, `handler ${it.text} ${where}: its code fails the request with 401/403`));
      return;
    }
    // The handler's own calls at its top level: one of ours may refuse (judged across files when linking).
    const from = it.kind === 'lambda' ? it.start + (m[it.start] === '{' ? 1 : 0) : m.indexOf(body);
    const to = it.kind === 'lambda' ? it.end - (m[it.end - 1] === '}' ? 1 : 0) : from + body.length;
    for (const c of topCalls(text, m, from, to)) {
      const method = /^\s*\.\s*(\w+)\s*\(/.exec(c.after)?.[1];
      if (/^[A-Z]/.test(c.name) && method) (route.vertxChecks ??= []).push({ cls: c.name, name: method, line: c.line, text: `${c.name}(…).${method}(…)` });
      else if (/^[A-Z]/.test(c.name) || NOT_CHECKS.test(c.name)) continue;
      else {
        // A function of this file is read here; another's when linking.
        const called = methodBody(m, c.name);
        if (called === undefined) (route.vertxChecks ??= []).push({ name: c.name, line: c.line, text: `${c.name}(…)` });
        else if (VERTX_REFUSES.test(called)) {
          route.guards.push(guard(b, `handler ${it.text} ${where} calls ${c.name} (${file}), whose code fails the request with 401/403`));
          return;
        }
      }
    }
  }
}

/** The body of a method or function of the file named `name` (masked text), if there is exactly one. */
function methodBody(m: string, name: string): string | undefined {
  const found = [...m.matchAll(new RegExp(`(?:\\bfun\\s+|\\b[\\w<>\\[\\]]+\\s+)${name}\\s*\\(`, 'g'))];
  if (found.length !== 1) return undefined;
  const open = found[0].index + found[0][0].length - 1;
  const close = closeOf(m, open);
  const brace = /^[^;{=]*([{=])/.exec(m.slice(close));
  if (!brace || brace[1] !== '{') return undefined;
  const o = close + brace[0].length - 1;
  return m.slice(o, closeOf(m, o));
}

// Javalin routes written in Kotlin, two ways:
// - a route object of the application's own DSL, built with a path and HTTP methods and a handler
//   lambda (Reposilite: `ReposiliteRoute<T>("/api/tokens", GET) { managerOnly { … } }`, or
//   `ReposiliteRoute("/api/x", GET, handler = findDetails)` naming a lambda `val` of the class);
//   what makes it a route is the shape — a constructor call whose first argument is a path string
//   and whose other positional arguments are all HTTP method names (`GET`, `Route.GET`,
//   `HandlerType.POST`). A filter of the same shape (`BEFORE`, `AFTER`) is no route.
// - Javalin's own registrations in a file that uses Javalin: `app.get("/x") { ctx -> … }`,
//   `config.routes.ws("/sock", handler)`, `.sse(…)` (the WebSocket / event-stream request is a GET).
// The handler lambda's top-level calls are kept (`dslCalls`); kotlinGuardBlocks.ts judges the
// blocks they call by their code (a block that refuses with 401/403 guards the route). A handler
// given as a value (`client::handleSseLiveLog`, an instance) is not read: unknown, never open.
import type { RouteDecl } from './types';
import { table } from '../ownKeys';
import { classAt, closeOf, ktClassSpans, lineOf, maskKotlin, splitArgs, topCalls } from './kotlinText';

const HTTP = /^(?:[A-Z]\w*\.)*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
/** An upper-case name that is no HTTP method (`BEFORE`, `AFTER`, `Route.BEFORE_MATCHED`): a filter, not a route. */
const OTHER_METHOD = /^(?:[A-Z]\w*\.)*[A-Z][A-Z_]+$/;
const JAVALIN_VERB: Record<string, string> = table({ get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS', ws: 'GET', sse: 'GET' });

/** Whether the file may hold such routes (cheap test before reading). */
export function mayHoldKotlinDslRoutes(text: string): boolean {
  return /\(\s*"\/[^"]*"\s*,\s*(?:[A-Z]\w*\.)*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/.test(text) || (/\bio\.javalin\b/.test(text) && /\.(?:get|post|put|patch|delete|head|options|ws|sse)\s*\(\s*"\//.test(text));
}

export function detectKotlinDslRoutes(text: string, file: string): RouteDecl[] {
  if (!mayHoldKotlinDslRoutes(text)) return [];
  const m = maskKotlin(text);
  const spans = ktClassSpans(m);
  const out: RouteDecl[] = [];
  const lambdaVal = (name: string): { start: number; end: number } | undefined => {
    const v = new RegExp(`\\bval\\s+${name}\\s*(?::[^=\\n]*)?=\\s*\\{`).exec(m);
    if (!v) return undefined;
    const open = v.index + v[0].length - 1;
    return { start: open, end: closeOf(m, open) };
  };
  const push = (at: number, methods: string[], pathArg: { start: number; end: number }, handler: string, body: { start: number; end: number } | undefined, doubt: string | undefined, javalin?: { roles: string[] }) => {
    const raw = text.slice(pathArg.start, pathArg.end).trim();
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(raw)?.[1];
    if (literal === undefined) return;
    const dynamic = literal.includes('$') ? raw : undefined;
    const cls = classAt(spans, at);
    const line = lineOf(text, at);
    const calls = body ? topCalls(text, m, body.start + 1, body.end - 1) : [];
    for (const method of methods) {
      out.push({
        method,
        path: dynamic ? literal.replace(/\$\{[^}]*\}|\$\w+/g, '{dynamic}') : literal,
        ...(dynamic ? { dynamic } : {}),
        handler: cls ? `${cls}.${handler}` : handler,
        // The handler is a lambda (no symbol of the map): its calls are read from its lines.
        ...(body ? {} : { handlerSymbol: cls ? `${cls}.${handler}` : handler }),
        ...(body ? { inlineRange: { start: lineOf(text, body.start), end: lineOf(text, body.end - 1) } } : {}),
        guards: [],
        ...(body ? { dslCalls: calls } : {}),
        ...(doubt ? { doubt } : {}),
        ...(javalin ? { javalin } : {}),
        file,
        line,
        order: line,
        framework: 'javalin',
      });
    }
  };
  // The route objects of a DSL.
  for (const c of m.matchAll(/\b([A-Z]\w*)\s*(?:<[^()\n]*>)?\s*\(\s*"/g)) {
    const open = m.indexOf('(', c.index + c[1].length);
    const close = closeOf(m, open);
    const args = splitArgs(m, open + 1, close - 1);
    const positional = args.slice(1).filter((a) => !/^\s*\w+\s*=(?!=)/.test(m.slice(a.start, a.end)));
    const words = positional.map((a) => m.slice(a.start, a.end).trim()).filter((w) => !w.startsWith('{'));
    if (!words.length || !words.every((w) => HTTP.test(w) || OTHER_METHOD.test(w)) || !words.every((w) => HTTP.test(w))) continue;
    const methods = words.map((w) => HTTP.exec(w)![1]);
    let body: { start: number; end: number } | undefined;
    const named = args.map((a) => /^\s*handler\s*=\s*(\w+)\s*$/.exec(m.slice(a.start, a.end))?.[1]).find((x) => x);
    const lambdaArg = args.slice(1).find((a) => m.slice(a.start, a.end).trim().startsWith('{'));
    const trailing = /^[ \t]*\{/.exec(m.slice(close));
    if (trailing) {
      const o = close + trailing[0].length - 1;
      body = { start: o, end: closeOf(m, o) };
    } else if (lambdaArg) {
      const o = m.indexOf('{', lambdaArg.start);
      body = { start: o, end: closeOf(m, o) };
    } else if (named) body = lambdaVal(named);
    else continue;
    const lineStart = m.lastIndexOf('\n', c.index - 1) + 1;
    const owner = /\b(?:val|fun)\s+(\w+)[^=\n]*=\s*$/.exec(m.slice(lineStart, c.index))?.[1];
    const handler = named ?? owner ?? '<inline>';
    push(c.index, methods, args[0], handler, body, body ? undefined : `handler ${named} not found in ${file}: not read`);
  }
  // Javalin's own registrations.
  if (/\bio\.javalin\b/.test(text)) {
    for (const c of m.matchAll(/\.(get|post|put|patch|delete|head|options|ws|sse)\s*\(\s*"/g)) {
      // A path begins with `/` (read in the text: strings are masked): `cache.put("key", v)` in the same file is no route.
      if (text[c.index + c[0].length] !== '/') continue;
      const open = m.indexOf('(', c.index);
      const close = closeOf(m, open);
      const args = splitArgs(m, open + 1, close - 1);
      const trailing = /^[ \t]*\{/.exec(m.slice(close));
      let body: { start: number; end: number } | undefined;
      if (trailing && args.length === 1) {
        const o = close + trailing[0].length - 1;
        body = { start: o, end: closeOf(m, o) };
      } else if (args.length === 2 && m.slice(args[1].start, args[1].end).trim().startsWith('{')) {
        const o = m.indexOf('{', args[1].start);
        body = { start: o, end: closeOf(m, o) };
      }
      const given = args[1] ? text.slice(args[1].start, args[1].end).trim().replace(/\s+/g, ' ') : '';
      const handler = body ? '<inline>' : (/^(?:[\w.]+)?::(\w+)$/.exec(given)?.[1] ?? /^([A-Z]\w*)\s*\(/.exec(given)?.[1] ?? given.slice(0, 60));
      // A handler given as a value, or roles after it (an access manager decides): its code is not read here.
      const doubt = !body ? `handler ${given.slice(0, 80)} given as a value: its code is not read here` : args.length > 2 ? 'roles given to the access manager: not read here' : undefined;
      const before = out.length;
      // Javalin's own: the app's filters apply to it when linking (javalinGuards.ts), with the roles given after the handler.
      const roles = args.slice(2).map((a) => text.slice(a.start, a.end).trim());
      push(c.index, [JAVALIN_VERB[c[1]]], args[0], handler, body, doubt, { roles });
      const ref = /^(?:[\w.]+)?::(\w+)$/.exec(given)?.[1];
      if (ref && !body && args.length === 2) for (const r of out.slice(before)) r.dslHandlerRef = ref;
    }
  }
  return out;
}

// Javalin routes written in Java, read from the text of a file that uses io.javalin:
//   app.get("/health", ctx -> …);  app.post("/x", this::create, Role.ADMIN);     (on the instance)
//   app.routes(() -> { path("user", () -> { get("lookup", c::lookup); post(c::create); }); })
//                                       (the static ApiBuilder verbs, Javalin 4; `config.router.apiBuilder` in 6)
// An ApiBuilder verb's path is the enclosing `path(…)` groups' prefixes joined with its own (a verb
// without a path string is the group itself); a verb inside a method of the file is mounted where
// that method is called, each call site giving its own prefix (LuckPerms calls one
// `setupControllerRoutes(controller)` per group). Overloads of such a method are told apart by the
// call site argument's declared type; when no overload takes that type exactly, the one overload
// no call site names exactly (the supertype's, e.g. an interface the controllers implement) is
// the one Java picks — otherwise the call site is not followed (no route rather than a wrong path).
// Guards are the app's filters (javalinGuards.ts): they are kept as file facts and applied to every
// Javalin route of the service when linking, since the Javalin instance is configured in one place
// and its routes registered in others.
import type { RouteDecl } from './types';
import { table } from '../ownKeys';
import { closeOf, ktClassSpans, classAt, lineOf, maskKotlin, splitArgs } from './kotlinText';

const VERB: Readonly<Record<string, string>> = table({ get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS', ws: 'GET', sse: 'GET' });
const VERB_NAMES = 'get|post|put|patch|delete|head|options|ws|sse';

interface Span {
  start: number;
  end: number;
}
interface PathGroup extends Span {
  prefix: string;
}
interface Method extends Span {
  name: string;
  paramType?: string;
  paramName?: string;
}
/** Where a verb is mounted: its prefix and, for a helper's parameter, the call site's argument type. */
interface Mount {
  prefix: string;
  types: Map<string, string>;
}

/** Cheap test before reading. */
export function mayHoldJavalinJava(text: string): boolean {
  return /\bio\.javalin\b/.test(text) && new RegExp(`\\b(?:${VERB_NAMES})\\s*\\(`).test(text);
}

export function detectJavalinJavaRoutes(text: string, file: string): RouteDecl[] {
  if (!mayHoldJavalinJava(text)) return [];
  const m = maskKotlin(text);
  const spans = ktClassSpans(m);
  const apiBuilder = /^import\s+static\s+io\.javalin\.apibuilder\.ApiBuilder\.(?:\*|(?:get|post|put|patch|delete|head|options|ws|sse|path))\s*;/m.test(text);
  const groups: PathGroup[] = [];
  for (const c of m.matchAll(/(?<![\w.])(?:ApiBuilder\s*\.\s*)?path\s*\(/g)) {
    if (!apiBuilder && !c[0].startsWith('ApiBuilder')) continue;
    const open = c.index + c[0].length - 1;
    const close = closeOf(m, open);
    const args = splitArgs(m, open + 1, close - 1);
    const lit = args.length === 2 ? literal(text, args[0]) : undefined;
    if (lit === undefined) continue;
    groups.push({ start: args[1].start, end: args[1].end, prefix: lit });
  }
  const methods = javaMethods(m);
  const out: RouteDecl[] = [];
  const verbs = new RegExp(`(?:\\b([A-Za-z_]\\w*)\\s*\\.\\s*|(?<![\\w.$]))(${VERB_NAMES})\\s*\\(`, 'g');
  for (const c of m.matchAll(verbs)) {
    const recv = c[1];
    const isStatic = !recv || recv === 'ApiBuilder';
    if (isStatic && !apiBuilder && recv !== 'ApiBuilder') continue;
    if (!isStatic && /^(?:ctx|context|req|request|res|response|map|list|this|super|Optional|System|config|headers?)$/i.test(recv)) continue;
    const open = c.index + c[0].length - 1;
    // A method declaration (`public void get(Context ctx)`) is no call.
    if (/\b(?:void|public|private|protected|static|[A-Z]\w*(?:<[^>]*>)?)\s+$/.test(m.slice(Math.max(0, c.index - 40), c.index)) && !recv) continue;
    const close = closeOf(m, open);
    const args = splitArgs(m, open + 1, close - 1);
    if (!args.length) continue;
    const path = literal(text, args[0]);
    if (!isStatic && path === undefined) continue;
    const rest = path === undefined ? args : args.slice(1);
    if (!rest.length) continue;
    const handlerArg = rest[0];
    const handlerText = text.slice(handlerArg.start, handlerArg.end).trim().replace(/\s+/g, ' ');
    // On an instance, a handler written as a lambda or a method reference, or a receiver declared Javalin (`cache.put("k", v)` is no route).
    if (!isStatic && !/->|::/.test(m.slice(handlerArg.start, handlerArg.end)) && declaredType(m, recv) !== 'Javalin') continue;
    const roles = rest.slice(1).map((a) => text.slice(a.start, a.end).trim());
    const mounts: Mount[] = isStatic ? mountsAt(c.index, m, groups, methods, 0) : [{ prefix: '', types: new Map() }];
    const cls = classAt(spans, c.index);
    const line = lineOf(text, c.index);
    for (const mount of mounts) {
      const full = joinPaths([mount.prefix, path ?? '']);
      const lambda = /^(?:\w+|\([^)]*\))\s*->/.test(m.slice(handlerArg.start, handlerArg.end).trim());
      const ref = /^([A-Za-z_]\w*)?::(\w+)$/.exec(handlerText);
      let handler = lambda ? '<inline>' : handlerText.slice(0, 80);
      let symbol: string | undefined;
      if (ref) {
        const owner = !ref[1] || ref[1] === 'this' ? cls : /^[A-Z]/.test(ref[1]) ? ref[1] : (mount.types.get(ref[1]) ?? declaredType(m, ref[1]));
        handler = owner ? `${owner}.${ref[2]}` : ref[2];
        if (owner) symbol = handler;
      }
      const body = lambda ? { start: handlerArg.start, end: handlerArg.end } : undefined;
      out.push({
        method: VERB[c[2]],
        path: full,
        handler,
        ...(symbol ? { handlerSymbol: symbol } : {}),
        ...(body ? { inlineRange: { start: lineOf(text, body.start), end: lineOf(text, body.end - 1) } } : {}),
        guards: [],
        javalin: roles.length ? { roles } : { roles: [] },
        file,
        line,
        order: line,
        framework: 'javalin',
      });
    }
  }
  return out;
}

function literal(text: string, a: Span): string | undefined {
  return /^"((?:[^"\\]|\\.)*)"$/.exec(text.slice(a.start, a.end).trim())?.[1];
}

/** Javalin joins a group's prefix and a path with one slash; an empty path is the prefix itself. */
export function joinPaths(parts: string[]): string {
  const segs = parts.flatMap((p) => p.split('/')).filter((s) => s !== '');
  return '/' + segs.join('/');
}

/** The file's methods with one parameter (masked text): their bodies' spans. */
function javaMethods(m: string): Method[] {
  const out: Method[] = [];
  for (const d of m.matchAll(/\b(?:void|[A-Z]\w*(?:<[^>()]*>)?)\s+([a-z]\w*)\s*\(([^()]*)\)\s*(?:throws\s+[\w.,\s]+)?\{/g)) {
    if (/^(?:if|for|while|switch|catch|return|new)$/.test(d[1])) continue;
    const open = d.index + d[0].length - 1;
    const params = d[2].split(',').map((p) => p.trim()).filter(Boolean);
    const one = params.length === 1 ? /(?:final\s+)?([A-Z]\w*)(?:<[^>]*>)?\s+(\w+)$/.exec(params[0]) : null;
    out.push({ name: d[1], start: open, end: closeOf(m, open), ...(one ? { paramType: one[1], paramName: one[2] } : {}) });
  }
  return out;
}

/** Where a static verb at `at` is mounted: its enclosing groups, and those of its method's call sites. */
function mountsAt(at: number, m: string, groups: PathGroup[], methods: Method[], depth: number): Mount[] {
  const method = methods.filter((x) => x.start < at && at < x.end).sort((a, b) => b.start - a.start)[0];
  const local = groups.filter((g) => g.start < at && at < g.end && (!method || g.start > method.start)).sort((a, b) => a.start - b.start).map((g) => g.prefix);
  if (!method || depth > 3) return [{ prefix: joinPaths(local), types: new Map() }];
  // Call sites of the method (not its declaration, not a call on another object).
  const sites = [...m.matchAll(new RegExp(`(?<![\\w.])${method.name}\\s*\\(`, 'g'))].filter((s) => !methods.some((x) => x.name === method.name && x.start > s.index && x.start - s.index < 300 && !/[;{}]/.test(m.slice(s.index, x.start))));
  if (!sites.length) return [{ prefix: joinPaths(local), types: new Map() }];
  const overloads = methods.filter((x) => x.name === method.name);
  const argTypes = sites.map((s) => {
    const open = s.index + s[0].length - 1;
    const args = splitArgs(m, open + 1, closeOf(m, open) - 1);
    const name = args.length === 1 ? /^\s*(\w+)\s*$/.exec(m.slice(args[0].start, args[0].end))?.[1] : undefined;
    return name ? declaredType(m, name) : undefined;
  });
  const out: Mount[] = [];
  sites.forEach((s, i) => {
    const type = argTypes[i];
    if (overloads.length > 1) {
      const exact = overloads.find((o) => o.paramType === type);
      const unclaimed = overloads.filter((o) => !argTypes.includes(o.paramType));
      const chosen = exact ?? (unclaimed.length === 1 ? unclaimed[0] : undefined);
      if (chosen !== method) return;
    }
    for (const outer of mountsAt(s.index, m, groups, methods, depth + 1)) {
      const types = new Map(outer.types);
      if (method.paramName && type) types.set(method.paramName, type);
      out.push({ prefix: joinPaths([outer.prefix, ...local]), types });
    }
  });
  return out;
}

/** The type a local, field or parameter of the file is declared with (`UserController userController = …`). */
function declaredType(m: string, name: string): string | undefined {
  return new RegExp(`\\b([A-Z]\\w*)(?:<[^>\\n]*>)?\\s+${name}\\s*[=;,)]`).exec(m)?.[1];
}

// Litestar, per file: what litestarLink.ts needs to make routes across modules. Route handlers are
// functions decorated with Litestar's own `@get`/`@post`/…/`@route(http_method=…)` (imported from
// `litestar`), standalone or methods of a `Controller` class (its `path` and `guards` class
// attributes apply to every handler); `Router(path=…, route_handlers=[…])` and
// `Litestar(route_handlers=[…])` list them. Guards are functions `(connection, handler)` that raise
// NotAuthorizedException/PermissionDeniedException: the file records which of its top-level
// functions raise one. An authentication backend (`OAuth2PasswordBearerAuth`, `JWTAuth`,
// `JWTCookieAuth`, `SessionAuth`) refuses every request its `exclude` regexes and
// `exclude_from_auth` handlers do not spare, once the application installs it (`on_app_init`,
// `middleware`): the file records the backends it builds and the names whose `.on_app_init` or
// `.middleware` it reads. So does a middleware class of ours extending AbstractAuthenticationMiddleware
// whose `authenticate_request` raises, listed in a `middleware=[…]` (as `DefineMiddleware(cls, exclude=…)` or bare).
import type { Node } from 'web-tree-sitter';
import type { LineRange } from '../../model/types';
import type { Ref } from '../types';
import { all, callArgs, kids, line, rangeOf, stringValue } from '../treeUtil';
import { evalStr, evalStrList, type StrEnv } from './pyEval';
import { kwArg, positionalArgs } from './pyScope';
import { dict } from '../../ownKeys';

/** A name as written where a guard or a handler is listed, with what it refers to. */
export interface LsName {
  ref?: Ref;
  text: string;
  line: number;
}

export interface LsHandler {
  fn: string;
  /** The class the handler is a method of. */
  cls?: string;
  methods: string[];
  /** Paths as written (Litestar's `{name:type}`), or undefined with `pathText` when not read. */
  paths?: string[];
  pathText?: string;
  /** The path is a name not read here (another module's constant). */
  pathRef?: Ref;
  guards: LsName[];
  /** `exclude_from_auth=True` (or that key in `opt`): authentication backends skip it. */
  excluded?: true;
  line: number;
  order: number;
  range: LineRange;
}

export interface LsController {
  line: number;
  bases: LsName[];
  /** `path = "/api/x"`; absent when the class sets none (a base's, or "/"). */
  path?: string;
  /** `path = urls.ADMIN_USERS`: a name not read here, another module's constant (litestarLink.ts reads it there). */
  pathRef?: Ref;
  /** A path written otherwise and not read. */
  pathText?: string;
  guards?: LsName[];
  excluded?: true;
}

/** `Router(path=…, route_handlers=[…])` or `Litestar(route_handlers=[…])` bound to a name, or written inline. */
export interface LsRouter {
  name?: string;
  app: boolean;
  path: string;
  handlers: LsName[];
  guards: LsName[];
  /** Its `middleware=[…]`: a class, a name bound to `DefineMiddleware(…)`, or such a call written there. */
  middleware: LsMiddleware[];
  /** `opt={"exclude_from_auth": True}`: every route under it is marked. */
  excluded?: true;
  line: number;
}

/** A middleware as listed: `DefineMiddleware(JWTMiddleware, exclude=[…])` read, or a name (a class, or a name bound to such a call). */
export type LsMiddleware = { define: LsDefine } | { name: LsName };

/** `DefineMiddleware(cls, exclude=…, exclude_from_auth_key=…)`. */
export interface LsDefine {
  cls: LsName;
  exclude?: string[];
  excludeText?: string;
  optKey: string;
  line: number;
}

export interface LsAuth {
  /** The module-level name it is bound to; empty when it has none (its installation cannot be followed). */
  name: string;
  cls: string;
  line: number;
  /** The exclude regexes, or undefined when the list is not read (`excludeText`). */
  exclude?: string[];
  excludeText?: string;
  optKey: string;
}

export interface LitestarFacts {
  handlers: LsHandler[];
  controllers: Record<string, LsController>;
  routers: LsRouter[];
  auths: LsAuth[];
  /** Names whose `.on_app_init` or `.middleware` the file reads: an auth backend installed under that name. */
  installs: string[];
  /** Top-level functions that raise a 401/403 exception: the raise, and whether it is 401 (authentication). */
  refusers: Record<string, { text: string; line: number; authn: boolean }>;
  /** Classes extending Litestar's AbstractAuthenticationMiddleware whose `authenticate_request` raises a 401/403 exception. */
  authMiddlewares: Record<string, { text: string; line: number }>;
  /** Module-level `name = DefineMiddleware(…)`. */
  defines: Record<string, LsDefine>;
}

const ROUTE_DECORATORS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'route', 'websocket']);
const AUTH_BACKENDS = /^(OAuth2PasswordBearerAuth|JWTAuth|JWTCookieAuth|SessionAuth)$/;
const REFUSAL = /^(NotAuthorizedException|PermissionDeniedException)$/;

/** The names a file imports from `litestar` (and its submodules), local name → imported name. */
function litestarNames(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const imp of all(root, 'import_from_statement')) {
    if (!/^litestar(\.|$)/.test(imp.childForFieldName('module_name')?.text ?? '')) continue;
    for (const n of imp.childrenForFieldName('name')) {
      if (!n) continue;
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      out.set(n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : n.text, name);
    }
  }
  return out;
}

/** `Foo`, `litestar.Foo`, `Foo[User]` → `Foo` when it is Litestar's (imported from it, or written on the module). */
function litestarCallee(fn: Node | null | undefined, names: ReadonlyMap<string, string>): string | undefined {
  const f = fn?.type === 'subscript' ? fn.childForFieldName('value') : fn;
  if (f?.type === 'identifier') return names.get(f.text);
  if (f?.type === 'attribute' && /^litestar(\.\w+)*$/.test(f.childForFieldName('object')?.text ?? '')) return f.childForFieldName('attribute')?.text;
  return undefined;
}

export function litestarFacts(root: Node, refOf: (n: Node | undefined | null) => Ref | undefined, env: StrEnv): LitestarFacts | undefined {
  const names = litestarNames(root);
  if (!names.size && !/\blitestar\./.test(root.text)) return undefined;
  const facts: LitestarFacts = { handlers: [], controllers: dict(), routers: [], auths: [], installs: [], refusers: dict(), authMiddlewares: dict(), defines: dict() };
  // Module-level lists (`API_HANDLERS = [UserController, *admin_handlers]`) a `route_handlers=` or `guards=` may name.
  const lists = new Map<string, Node>();
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const right = a?.type === 'assignment' ? a.childForFieldName('right') : undefined;
    if (a?.childForFieldName('left')?.type === 'identifier' && (right?.type === 'list' || right?.type === 'tuple')) lists.set(a.childForFieldName('left')!.text, right);
  }
  const items = (n: Node | undefined, depth = 0): Node[] => {
    if (!n || depth > 5) return [];
    const list = n.type === 'identifier' ? lists.get(n.text) : n.type === 'list' || n.type === 'tuple' ? n : undefined;
    return kids(list).flatMap((x) => (x.type === 'list_splat' ? items(x.namedChildren[0] ?? undefined, depth + 1) : [x]));
  };
  const nameList = (n: Node | undefined): LsName[] => items(n).map((x) => ({ ...(refOf(x) ? { ref: refOf(x) } : {}), text: x.text, line: line(x) }));
  const optExcludes = (n: Node | undefined): boolean => !!n && /["']exclude_from_auth["']\s*:\s*True\b/.test(n.text);
  const nameOf = (x: Node): LsName => ({ ...(refOf(x) ? { ref: refOf(x) } : {}), text: x.text, line: line(x) });
  const excludeOf = (ex: Node | undefined): { exclude: string[] } | { excludeText: string } => {
    const one = ex ? evalStr(ex, env) : undefined;
    const list = one !== undefined ? [one] : ex ? evalStrList(ex, env) : [];
    return list ? { exclude: list } : { excludeText: ex!.text };
  };
  const defineOf = (call: Node): LsDefine => {
    const cls = positionalArgs(call)[0] ?? kwArg(call, 'middleware');
    return { cls: cls ? nameOf(cls) : { text: '', line: line(call) }, ...excludeOf(kwArg(call, 'exclude')), optKey: stringValue(kwArg(call, 'exclude_from_auth_key')) ?? 'exclude_from_auth', line: line(call) };
  };

  for (const cls of all(root, 'class_definition')) {
    const bases = kids(cls.childForFieldName('superclasses')).filter((b) => b.type === 'identifier' || b.type === 'attribute');
    const c: LsController = { line: line(cls), bases: bases.map((b) => ({ ...(litestarCallee(b, names) === 'Controller' ? {} : refOf(b) ? { ref: refOf(b) } : {}), text: litestarCallee(b, names) === 'Controller' ? 'litestar.Controller' : b.text, line: line(b) })) };
    for (const st of kids(cls.childForFieldName('body'))) {
      const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
      const right = a?.childForFieldName('right') ?? undefined;
      if (left?.type !== 'identifier' || !right) continue;
      if (left.text === 'path') {
        c.path = evalStr(right, env);
        const ref = c.path === undefined && (right.type === 'identifier' || right.type === 'attribute') ? refOf(right) : undefined;
        if (c.path === undefined) c.pathText = right.text;
        if (ref) c.pathRef = ref;
      }
      else if (left.text === 'guards') c.guards = nameList(right);
      else if (left.text === 'opt' && optExcludes(right)) c.excluded = true;
    }
    facts.controllers[cls.childForFieldName('name')?.text ?? ''] = c;
    if (bases.some((b) => litestarCallee(b, names) === 'AbstractAuthenticationMiddleware')) {
      const method = all(cls, 'function_definition').find((f) => f.childForFieldName('name')?.text === 'authenticate_request');
      const r = method && refusalIn(method);
      if (r) facts.authMiddlewares[cls.childForFieldName('name')?.text ?? ''] = { text: r.text, line: r.line };
    }
  }

  for (const def of all(root, 'function_definition')) {
    const dd = def.parent?.type === 'decorated_definition' ? def.parent : undefined;
    const fn = def.childForFieldName('name')?.text ?? '';
    for (const dec of kids(dd).filter((k) => k.type === 'decorator')) {
      const call = dec.namedChildren[0];
      if (call?.type !== 'call') continue;
      const kind = litestarCallee(call.childForFieldName('function'), names);
      if (!kind || !ROUTE_DECORATORS.has(kind)) continue;
      const pathNode = kwArg(call, 'path') ?? positionalArgs(call)[0];
      const one = pathNode ? evalStr(pathNode, env) : '/';
      const paths = one !== undefined ? [one] : evalStrList(pathNode, env);
      const methods = kind === 'route' ? httpMethods(kwArg(call, 'http_method')) : [kind === 'websocket' ? 'GET' : kind.toUpperCase()];
      const cls = def.parent?.parent?.type === 'block' || dd?.parent?.type === 'block' ? ownerClass(dd ?? def) : undefined;
      const ex = /^True$/.test(kwArg(call, 'exclude_from_auth')?.text ?? '') || optExcludes(kwArg(call, 'opt'));
      facts.handlers.push({
        fn,
        ...(cls ? { cls } : {}),
        methods,
        ...(paths ? { paths } : { pathText: pathNode!.text, ...(pathNode!.type === 'identifier' || pathNode!.type === 'attribute' ? { pathRef: refOf(pathNode) } : {}) }),
        guards: nameList(kwArg(call, 'guards')),
        ...(ex ? { excluded: true as const } : {}),
        line: line(call),
        order: (dd ?? def).startIndex,
        range: rangeOf(dd ?? def),
      });
    }
    if (def.parent?.type === 'module' || dd?.parent?.type === 'module') {
      const r = refusalIn(def);
      if (r) facts.refusers[fn] = r;
    }
  }

  for (const call of all(root, 'call')) {
    const kind = litestarCallee(call.childForFieldName('function'), names);
    const parent = call.parent;
    const bound = parent?.type === 'assignment' && parent.childForFieldName('left')?.type === 'identifier' ? parent.childForFieldName('left')!.text : undefined;
    if (kind === 'Router' || kind === 'Litestar') {
      const mw = kwArg(call, 'middleware');
      const middleware = items(mw).map((x): LsMiddleware => (x.type === 'call' && litestarCallee(x.childForFieldName('function'), names) === 'DefineMiddleware' ? { define: defineOf(x) } : { name: nameOf(x) }));
      facts.routers.push({ ...(bound ? { name: bound } : {}), app: kind === 'Litestar', path: evalStr(kwArg(call, 'path') ?? positionalArgs(call)[0], env) ?? '', handlers: nameList(kwArg(call, 'route_handlers')), guards: nameList(kwArg(call, 'guards')), middleware, ...(optExcludes(kwArg(call, 'opt')) ? { excluded: true as const } : {}), line: line(call) });
    } else if (kind === 'DefineMiddleware' && bound) {
      facts.defines[bound] = defineOf(call);
    } else if (kind && AUTH_BACKENDS.test(kind)) {
      // One built without a module-level name (returned by a factory, passed inline) is recorded unnamed: where it is installed is not read.
      facts.auths.push({ name: bound && (parent?.parent?.parent?.type === 'module') ? bound : '', cls: kind, line: line(call), ...excludeOf(kwArg(call, 'exclude')), optKey: stringValue(kwArg(call, 'exclude_opt_key')) ?? 'exclude_from_auth' });
    }
  }
  for (const a of all(root, 'attribute')) {
    const obj = a.childForFieldName('object');
    if (obj?.type === 'identifier' && /^(on_app_init|middleware)$/.test(a.childForFieldName('attribute')?.text ?? '') && !facts.installs.includes(obj.text)) facts.installs.push(obj.text);
  }
  return facts;
}

/** `http_method=HttpMethod.GET`, `"POST"`, `[HttpMethod.GET, "HEAD"]` → the method names; unread → ANY. */
function httpMethods(n: Node | undefined): string[] {
  const items = n?.type === 'list' || n?.type === 'tuple' ? kids(n) : n ? [n] : [];
  const out = items.map((x) => (stringValue(x) ?? x.text.replace(/^.*\./, '')).toUpperCase()).filter((m) => /^[A-Z]+$/.test(m));
  return out.length && out.length === items.length ? out : ['ANY'];
}

function ownerClass(n: Node): string | undefined {
  const body = n.parent;
  const cls = body?.parent;
  return body?.type === 'block' && cls?.type === 'class_definition' ? cls.childForFieldName('name')?.text : undefined;
}

/** The first `raise NotAuthorizedException(…)` / `PermissionDeniedException` / `HTTPException(status_code=401|403)` of a function. */
function refusalIn(def: Node): { text: string; line: number; authn: boolean } | undefined {
  for (const r of all(def, 'raise_statement')) {
    const x = r.namedChildren[0];
    const callee = x?.type === 'call' ? x.childForFieldName('function') : x;
    const name = callee?.text.replace(/^.*\./, '') ?? '';
    if (REFUSAL.test(name)) return { text: r.text.split('\n')[0], line: line(r), authn: name === 'NotAuthorizedException' };
    if (name === 'HTTPException' && x?.type === 'call') {
      const code = (kwArg(x, 'status_code') ?? callArgs(x)[0])?.text ?? '';
      if (/\b(401|403)\b|UNAUTHORIZED|FORBIDDEN/.test(code)) return { text: r.text.split('\n')[0], line: line(r), authn: /401|UNAUTHORIZED/.test(code) };
    }
  }
  return undefined;
}

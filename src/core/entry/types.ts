// Entry points and their guards: what `deepdive routes` prints and what flows start from.
// The JSON shape is a public contract (issue 4): add fields, never rename or drop one.
import type { LineRange } from '../model/types';
import type { PyFacts } from './python/pyFacts';
import type { PyGate } from './python/envFlags';
import type { Expr } from './facts/types';
import type { MicronautRouteFacts } from './micronautRoutes';
import { dict } from '../ownKeys';

export type EntryKind = 'http' | 'consumer' | 'job' | 'cli' | 'graphql';

export type GuardKind = 'authentication' | 'authorization' | 'other';

export interface Guard {
  /** The guard as written: `auth.required`, `Depends(get_current_user)`, `@PreAuthorize("hasRole('ADMIN')")`. */
  name: string;
  kind: GuardKind;
  /** Why Deep Dive believes it applies: where it was attached and what matched. */
  reason: string;
  file: string;
  line: number;
  /** The guard lets anonymous requests through (`auth.optional`, `AuthMiddleware(false)`, `permitAll`). */
  optional?: boolean;
  /** Where its code refuses a request (401/403, a throw, a redirect to login), when that was seen. */
  evidence?: { how: string; text: string; file: string; line: number };
}

/** Where the handler's code is, when it resolved to a symbol or an inline function. */
export interface HandlerLocation {
  file: string;
  /** Enclosing-symbol path, or `<inline>` for a function written in the registration. */
  symbol: string;
  range: LineRange;
  /**
   * The name the registration reaches this function by, when a framework wrapper stands between
   * them (ghost `http(api.posts.browse)`, `api.posts` being `pipeline(controller)`: `posts.browse`,
   * whose `query` is this function). Flows show it as the handler's first call.
   */
  via?: string;
  /**
   * A handler in one of the service's own installed packages (node_modules, which the map leaves
   * out, so the call graph has no calls for it): the functions of ours it calls itself, in order
   * (interp/installedCalls.ts). Flows list them as the handler's first calls.
   */
  calls?: InstalledCall[];
}

/** A call a handler outside the map makes to a function of ours: where that function is, the call as written and its line. */
export interface InstalledCall {
  name: string;
  file: string;
  range: LineRange;
  callee: string;
  line: number;
}

/**
 * What is known of a route's protection:
 * - `guarded`: a required authentication or authorization check applies (see `guards` for each,
 *   with where it is attached and the evidence that it refuses requests);
 * - `optional`: identity is read when present, anonymous requests are let through;
 * - `unguarded`: every mount and middleware from the root is known and none refuses;
 * - `unknown`: something on the way could not be resolved (a mount, a middleware, a prefix):
 *   never read as "public".
 */
export type GuardState = 'guarded' | 'optional' | 'unguarded' | 'unknown';

export interface EntryPoint {
  /** Stable, readable id: `GET /api/users/:id`, `job cleanupSessions`, `consumer orders`. */
  id: string;
  kind: EntryKind;
  /** HTTP method in capitals, `ANY` when every method reaches the handler; for other kinds, what triggers it. */
  method: string;
  /** Full path with every mount prefix resolved; parameters as `:name`. For other kinds, the queue/schedule/command. */
  path: string;
  /** The handler as written at the registration. */
  handler: string;
  handlerLocation?: HandlerLocation;
  /** Functions the framework runs before the handler for its data (FastAPI `Depends(load_item)`), in parameter order. */
  dependencies?: HandlerLocation[];
  /** File and line of the registration. */
  file: string;
  line: number;
  guards: Guard[];
  /**
   * Known to have no required authentication/authorization guard (`guardState` is `unguarded` or
   * `optional`). False for `guarded` and for `unknown`: a route whose protection could not be
   * resolved is never reported as public.
   */
  public?: boolean;
  /** See GuardState. Every route carries it; other entry kinds when known. */
  guardState?: GuardState;
  /** One line: why the state is what it is (the guard and its evidence, or what could not be resolved). */
  guardReason?: string;
  /**
   * An unguarded or optional route that looks public on purpose (a login or health path, a
   * comment saying so): the evidence. Decided once in core so that every surface agrees.
   */
  publicOnPurpose?: string;
  /** The path (or a mount prefix) is not a static string: the expression as written. */
  dynamic?: { expression: string };
  /**
   * The path (or a mount prefix) is made from settings read at the defaults the code gives them
   * (a fresh install sets none): which, each default and where (`files.route: the default "/u"
   * (src/lib/config/validate.ts:90)`). Another configuration moves the route.
   */
  pathDependsOn?: string;
  /** Django re_path()/url(): the regular expression `path` was read from (an include chain's joined). */
  pattern?: string;
  framework?: string;
}

/** A detector that could not finish on a file, or a part of the answer that is incomplete. */
export interface EntryWarning {
  file: string;
  line?: number;
  reason: string;
}

export interface EntryPointsResult {
  entries: EntryPoint[];
  /** Files a detector failed on or gave up on, with the reason: never a silent empty answer. */
  warnings?: EntryWarning[];
  /** Files whose routes were left out because they are compiled copies (dist/, build/) of sources. */
  skippedCompiled: string[];
  /** Files that did not parse cleanly; what parsed was still used. */
  parseErrors: string[];
  /** Data files the code reads by a fixed path and the answer read as values (interp/dataFiles.ts): a change to one changes the answer. */
  dataFiles?: DataFileStamp[];
  /** Folders the answer listed (`path` the folder, `hash` of its sorted entry names): an added or removed file changes the answer. */
  dataFolders?: DataFileStamp[];
  /** Files of the monorepo's sister packages read for the service's own packages (ownPackages.ts), by their paths from the root (`../shared/src/index.ts`). */
  siblingFiles?: DataFileStamp[];
}

/** A data file as an answer depended on it: its path and the hash of its text (`-` when absent or too big). */
export interface DataFileStamp {
  path: string;
  hash: string;
}

// ---- Declarations a per-language detector emits; routeGraph.ts links them across files. ----

/**
 * A reference to a router-like object: `file#name` for a binding, `file#fn(i)` for the i-th
 * parameter of a function, `file#<anon@offset>` for an expression; `import:file#name` until linked.
 */
export type Ref = string;

export interface GuardCandidate {
  text: string;
  line: number;
  /** The attachment point, for the guard's reason. */
  via: string;
  /** A local reference that may turn out to be a router (then this is a mount, not middleware). */
  ref?: Ref;
  /** A type alias that may carry guards (`CurrentUser = Annotated[User, Depends(...)]`), linked later. */
  aliasRef?: Ref;
  /** Already classified by the detector (decorators, Depends, Spring rules). */
  guard?: Guard;
  /** FastAPI `Depends(fn)`: the function, judged by its code at link time (python/fastapiDeps.ts). */
  depends?: Ref;
  /** Its name says nothing of auth: a guard only if its code is read to refuse (python/fastapiDeps.ts). */
  byCode?: true;
  /** `Depends(SortingGetter(GrantSort, …))`: only its arguments' words say auth; its code decides when read (python/fastapiDeps.ts). */
  argWords?: true;
  /** Its code could not be judged: the route is unknown unless a required guard holds it (routeGraph.ts). */
  doubt?: string;
  /** `Depends(require_admin())` kept by its name: the factory, read only for the paths it lets through. */
  factory?: Ref;
  /** Paths its code lets through before refusing (python/fastapiPathExempt.ts): no guard on those routes. */
  exemptPaths?: { eq: string[]; prefix: string[] };
}

export interface RouteDecl {
  router?: Ref;
  method: string;
  path: string;
  dynamic?: string;
  /**
   * The path is `before` + the string a name of the file's module scope holds + `after` (a prefix
   * held in an imported constant: `route: BULL_BOARD_ROUTE`), for the JavaScript interpreter to
   * evaluate before linking; until then `dynamic` shows the name. `tail` is written right after the
   * string, in the same segment (Swagger's document at `${path}-json`).
   */
  pathConst?: { expr: string; before: string; after: string; tail?: string };
  /**
   * The path's trailing slash is part of it: the same mapping also declares it without one
   * (Spring `{"/assets", "/assets/"}`, matched apart since Spring 6), so the two stay two routes.
   */
  trailingSlash?: true;
  /**
   * Written with an annotation the application declares (Spring `@AnonymousGetMapping`), not yet
   * known to be a mapping: springComposedMappings.ts gives the method (and, with no path of its
   * own, `base` + the declaration's path) or drops the route.
   */
  composed?: { name: string; base?: string };
  /**
   * Read from a class under annotations of the application's own that may be a controller stereotype
   * (`@RestApi("/x")` meta-annotated @RestController): `controller` is the reading as such a controller
   * (its path from that annotation; `bare` when the use gives none), the other the plain class's.
   * springComposedControllers.ts keeps the reading the annotation's declaration calls for.
   */
  stereotype?: { names: string[]; controller: boolean; bare?: true };
  /**
   * Spring MVC mappings declared on an interface's abstract method (no controller annotation on the
   * interface) and the unmapped methods of a controller implementing interfaces: springInterfaceMappings.ts
   * gives each implementing method the mapping it overrides (a `default` method not overridden serves
   * through the class: `arity` -1), and drops both kinds once every file is known.
   */
  javaIface?: { type: string; method: string; arity: number; params: string; defaulted?: true };
  javaImpl?: { types: string[]; method: string; arity: number; params: string };
  /**
   * A Spring controller with no type-level @RequestMapping of its own that extends this class: Spring
   * takes the nearest one up its superclasses, which springInheritedClassPaths.ts puts before the path.
   */
  springBase?: string;
  /**
   * The path is `before` + the string constant `type.name` of another Java class + `after`
   * (springResourceHandlers.ts); `at`: the qualified names `type` may mean in the route's file, in
   * Java's order (javaConstantExprs.ts typeCandidates), to pick among several classes of that name.
   */
  javaConst?: { type: string; name: string; before: string; after: string; at?: string[] };
  /**
   * A JAX-RS resource method: its class (with or without a @Path of its own), name and arity, its
   * own path and security annotations, for jaxrsResources.ts (inherited resource methods, the
   * application path, request filters).
   */
  jaxrs?: { cls: string; rooted: boolean; method: string; arity: number; path?: string; annotations: string[]; security: { name: string; text: string; line: number }[] };
  /**
   * A Spring functional route built by a method that is no bean (`endpoint()` of a class a collector
   * gathers): mounted where that method's router is used, which springFunctionalMounts.ts resolves.
   */
  functional?: { cls: string; method: string };
  /** A Micronaut controller method: what micronautSecurity.ts needs to judge it against the configuration. */
  micronaut?: MicronautRouteFacts;
  /**
   * The unqualified calls at the top of a route object's handler lambda (Kotlin DSL, kotlinDslRoutes.ts),
   * in order: kotlinGuardBlocks.ts judges the blocks among them by their code.
   */
  dslCalls?: { name: string; line: number; block: boolean; after: string; assigned?: string }[];
  /** A Python route defined inside a module-level `if` over settings (python/envFlags.ts): dropped when false by default. */
  pyGate?: PyGate;
  /** A Javalin handler given as a function reference (`client::handleSseLiveLog`): its name, judged by kotlinGuardBlocks.ts. */
  dslHandlerRef?: string;
  /** A Javalin route read from Java (javalinRoutes.ts): the roles given to the access manager; the app's filters apply when linking (javalinGuards.ts). */
  javalin?: { roles?: string[] };
  /** A Spark Java route (sparkRoutes.ts): its path's prefix parameter, resolved at the method's call sites, and an inline handler's calls (sparkLink.ts). */
  spark?: { param?: { cls: string; method: string; index: number; rest: string }; inline?: { cls?: string; name: string }[] };
  /** A Spring WebSocket endpoint's handler class of ours (springWebSockets.ts), judged by its code across files (springWebSocketHandlers.ts). */
  wsHandler?: string;
  /** Calls of ours in a Vert.x Web handler that runs before the route's own (vertxWebRoutes.ts): `Auth(…).handle(it)`, judged across files by vertxWebChecks.ts. */
  vertxChecks?: { cls?: string; name: string; line: number; text: string }[];
  handler: string;
  /** Handler written inline in the registration. */
  inlineRange?: LineRange;
  /** Symbol path of a handler found at the registration (decorated functions, annotated methods). */
  handlerSymbol?: string;
  /** Handler binding to resolve: a local name or `import:` ref. */
  handlerRef?: Ref;
  /** Dependencies that are not guards (FastAPI `Depends(load_item)`), to resolve like the handler. */
  dependencyRefs?: Ref[];
  guards: GuardCandidate[];
  /** Why a route with no guard is open although a check exists (a filter off by default, a path it lets through): shown in its reason. */
  openNote?: string;
  /** Why the guard state cannot be told (`unknown`) unless a required guard applies anyway. */
  doubt?: string;
  /** A handler that returns early on what a helper of ours gives back (handlerHelperCall.ts), judged across files by helperChecks.ts. */
  helperCall?: HelperCall;
  /** `import webhook from '../webhooks/stripe'; export default webhook`: the module whose file route's handler this one is (fileRouting/reexportedHandlers.ts). */
  reexportOf?: string;
  /** `export * from '../../links/route'` in a route file: that file's method handlers serve this path too (fileRouting/reexportedHandlers.ts). */
  reexportAll?: string;
  /** Wrappers of ours around the handler whose names say nothing of auth (`withWorkspace(h, opts)`), judged by their code (wrapperChecks.ts). */
  wrappers?: WrapperCall[];
  file: string;
  line: number;
  order: number;
  framework: string;
  kind?: EntryKind;
}

/**
 * `const { auth, error } = await parseRequest(request, schema); if (error) return error();` at the
 * start of a file-route handler: the request ends with what the imported helper gives back, so the
 * helper's code says whether anonymous callers are refused.
 */
export interface HelperCall {
  /** The callee as written (a plain name) and where it comes from: `import { name } from 'spec'`. */
  callee: string;
  spec: string;
  /** The name the module exports it under (`default` for a default import). */
  imported: string;
  /** The arguments: literals, object literals of literals, `['?', text]` for anything else. */
  args: Expr[];
  /** The key of the helper's result the handler returns when it is set (`error` of `{ error }`); absent: the result itself. */
  field?: string;
  /**
   * `const user = await getUserFromRequest(req); if (!user) return unauthorized();`: the handler
   * refuses by itself when the helper gives back nothing — a Web Response with 401/403 written
   * there, or a call of an imported function (judged by its code). The helper must read credentials.
   */
  refusedBy?: { how: string; text: string; line: number } | { callee: string; spec: string; imported: string; line: number };
  line: number;
}

/** `export const GET = withWorkspace(async (…) => …)`: a wrapper call around a file route's handler and where the wrapper comes from (`spec` '' = this file). */
export interface WrapperCall {
  callee: string;
  spec: string;
  imported: string;
  line: number;
}

/** `parent.use(prefix?, ...args)`, a group, an include: args that are routers are mounts, the rest middleware. */
export interface UseDecl {
  parent: Ref;
  prefix: string;
  dynamic?: string;
  args: GuardCandidate[];
  /** Children known at detection time (groups, include_router). */
  children?: Ref[];
  /** The mount's prefix replaces the child's own (Flask `register_blueprint(bp, url_prefix=)`). */
  replacesOwnPrefix?: boolean;
  file: string;
  line: number;
  order: number;
}

export interface FileDecls {
  file: string;
  routes: RouteDecl[];
  uses: UseDecl[];
  /** Routers with their own prefix (`new Router({prefix})`, `APIRouter(prefix=)`, `Blueprint(url_prefix=)`). */
  prefixes: Record<Ref, { prefix: string; guards: GuardCandidate[] }>;
  /** Export name → local ref (`default`, `router`, function names). */
  exports: Record<string, Ref>;
  /** Local ref → what it stands for (`import:` refs, or another local ref). */
  aliases: Record<Ref, Ref>;
  /** Type aliases that carry guards: `CurrentUser = Annotated[User, Depends(get_current_user)]`. */
  guardAliases?: Record<Ref, GuardCandidate[]>;
  /** Module- and class-level string constants (`API_PREFIX = "/api"`), for prefixes written as names. */
  constants?: Record<string, string>;
  /** Refs known to be routers or apps (so `use(x)` with them is a mount). */
  routers: Set<Ref>;
  /** Python only: route factories, refusing hooks, router frameworks (linked by python/pyLink.ts). */
  py?: PyFacts;
}

export function emptyDecls(file: string): FileDecls {
  return { file, routes: [], uses: [], prefixes: dict(), exports: dict(), aliases: dict(), routers: new Set() };
}

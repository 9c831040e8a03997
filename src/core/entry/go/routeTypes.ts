// The route side of a Go file's facts (types.ts): what a router call registers (GoRoute), mounts
// (GoEdge), adds as middleware (GoUse), the guards they carry (GoCandidate), and the calls that hand
// strings and routers down (GoCall, CallSite, ParamTest). Kept apart from the function facts so that
// each file stays readable; types.ts re-exports them, so callers import from one place.
import type { SettingCond } from './configValues';
import type { AppliedCall } from './middlewareChain';
import type { BuildCall } from './optionalFor';
import type { GoRef, Callee, StrPart } from './types';

export interface GoCandidate {
  text: string;
  file: string;
  line: number;
  via: string;
  callee?: Callee;
  /** Arguments as strings (for constructor parameters like a protected prefix). */
  args?: StrPart[][];
  /** Applied only when this condition holds (`if cfg.AuthEnabled { h = auth(h) }`). */
  condition?: string;
  /** A wrapper around a router that may be a chain helper (`mid.Use(r.ServeHTTP, mid.RequireLogin)`): its arguments as middleware (middlewareChain.ts). */
  stack?: GoCandidate[];
  /** An argument of a composing call (`Chain(a, b)`, composedMiddleware.ts): maybe a value, not middleware. */
  composed?: boolean;
  /** A spread list of middleware we could not see (`…, mws...)` with `mws` handed in): unknown unless resolved. */
  spread?: boolean;
  /** A local's candidate: the call that made the middleware it holds (`Toggle(&ToggleOptions{SignInRequired: true})`). */
  made?: string;
  /** Builder calls the middleware value went through before its handler was taken (optionalFor.ts). */
  builds?: BuildCall[];
  /** The arguments of the factory call that made it, as middleware, null where one is no function (givenMiddleware.ts). */
  given?: (GoCandidate | null)[];
  /** `callee` is the composer of a local bound to a composing call: judged only by what it was given. */
  composer?: true;
  /** A parameter of the function registering the route (`RegisterRoutes(g, auth gin.HandlerFunc)`): what its callers hand in decides (handedMiddleware.ts). */
  param?: { fn: string; index: number };
}

/** What a call handing a router to a function of ours hands in beside it, as middleware (handedMiddleware.ts). */
export interface GoHanded {
  callee: Callee;
  index: number;
  given: GoCandidate;
}

export interface GoEdge {
  parent: GoRef;
  child: GoRef;
  prefix: StrPart[];
  guards: GoCandidate[];
  /** Only this method reaches the child (`httprouter.Handler("GET", "/x/*p", sub)`). */
  method?: string;
  file: string;
  line: number;
  order: number;
  /** A `Handle(path, x)` whose handler may turn out to be a router (then it is a mount, not a route). */
  mount?: boolean;
  /** Not a mount: the child is the same router under another name (`&Server{router: r}`, `s.router = r`). */
  alias?: boolean;
  /** gorilla `r.PathPrefix(p).Handler(sub)`: the child matches the whole path with its own templates, prefixes and all (gorillaMounts.ts). */
  keepsPath?: boolean;
  /** A router handed to a function (`RX(r, "/user", true)`): the call, whose strings and flags are that parameter's on this way (link.ts). */
  site?: CallSite;
  /** A group made only under these settings tests (`if bPath != "" { r = r.PathPrefix(…).Subrouter() }`). */
  settings?: SettingCond[];
}

/** One call of a function of the service: the function's key and where the call is. */
export interface CallSite {
  fn: string;
  file: string;
  order: number;
}

/** `if persistable { r.Post(…) }`: the route exists only when the function's boolean parameter `index` is `value`. */
export interface ParamTest {
  fn: string;
  index: number;
  value: boolean;
}

export interface GoUse {
  router: GoRef;
  candidate: GoCandidate;
  file: string;
  order: number;
  /** gin, and echo groups (echoOrder.ts): Use applies only to routes and groups added after it. */
  ordered: boolean;
  /** The settings tests it is added under (`if conf.Server.Prometheus.Password != ""`); null: a test we cannot read. */
  settings?: SettingCond[] | null;
}

export interface GoRoute {
  router: GoRef;
  /** The settings tests it is registered under (`if conf.Debug { r.GET("/swagger/*any", …) }`), as for a Use. */
  settings?: SettingCond[];
  method: string;
  path: StrPart[];
  /** The function whose parameters the path may use. */
  fnKey: string;
  /** A call of ours in the handler handed the registering router itself (redispatch.ts). */
  handsRouter?: { callee: Callee; index: number };
  handler: string;
  /** The method called to register it, as written (`Post`, `HandleFunc`). */
  registrar?: string;
  handlerCallee?: Callee;
  /** Another function the wrapper is given (`handler.Web(viewHome, UserLevelOptional)`): the handler when it serves the request and `handlerCallee` does not (handlerWrappers.ts). */
  handlerAlt?: Callee;
  /**
   * The handler is made by a call with constant arguments (`s.makeDevicePauseHandler(true)`):
   * the function called, whose returned closure is what runs. For locating the code only.
   */
  factory?: Callee;
  inline?: { start: number; end: number };
  guards: GoCandidate[];
  file: string;
  line: number;
  order: number;
  framework: string;
  /** The handler may be a router mounted here (see GoEdge.mount). */
  mount?: GoRef;
  /** gorilla/mux `.Name("login")`: middleware may let routes through by name (GoFunc.namePasses). */
  name?: string;
  /** The boolean parameters of enclosing functions it is registered under (`if persistable { … }`). */
  when?: ParamTest[];
  /** Answered by a middleware (chi's Heartbeat) at its `Use`: only middleware `Use`d before it applies. */
  early?: boolean;
  /** The handler is a call (`mid.Use(h.List, mid.RequireLogin)`): what a chain helper would make of it (middlewareChain.ts). */
  applied?: AppliedCall;
  /** A method argument not known where it is written (a constant of another file, a parameter): computed when linked (methodArgs.ts). */
  methodExpr?: StrPart[];
  /** beego `web.Router(path, &X{}, "get:Show")`: the controller type (`dir#X`), whose Prepare runs first (beego.ts). */
  controller?: string;
  /** Registered in a loop over the router's own routes, its path each one's pattern (routeLoops.ts). */
  eachRoute?: true;
  /** Registered by a side-effect import on http.DefaultServeMux: answers only where the program serves that mux (defaultMuxServes.ts). */
  imported?: true;
  /** gorilla: a matcher beyond path and method was chained on it (`.Queries(…)`): it serves only some requests of its path (shadowedRoutes.ts). */
  matched?: true;
}

/** A call that passes strings to a function (prefixes and paths passed down as parameters). */
export interface GoCall {
  callee: Callee;
  args: StrPart[][];
  file: string;
  /** The call's start offset: a pass of a router at the same call (GoEdge.site) picks these arguments. */
  order?: number;
  /**
   * The concrete type a function handed in returns (`func() Migrator { return &todoist.Migration{} }`):
   * by argument position (`"2"`), or `"-1.Field"` for a func field of the receiver's literal (MadeCall).
   */
  made?: Record<string, string>;
}

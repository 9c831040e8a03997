// What the Python route detector records per file beyond routes and mounts, for the Python link
// pass (pyLink.ts): route decorator factories and their uses, before_request hooks that refuse,
// which framework created each router, and the Flask endpoint name of each route.
import type { LineRange } from '../../model/types';
import type { HookCall } from './hookCalls';
import type { Guard, GuardCandidate, Ref, RouteDecl } from '../types';
import { dict } from '../../ownKeys';
import type { PyFuncFacts } from './flaskGuards';
import type { PyConst, PyTable } from './settingDefaults';
import type { ColumnDefault } from './settingColumns';
import type { RefusingMethod } from './unresolvedMethods';
import type { KeyedDefault, KeyedGate } from './keyedSettings';
import type { PyDepFacts } from './fastapiDeps';
import type { PathHelper } from './pathHelpers';
import type { TornadoFacts } from './tornadoFacts';
import type { AiohttpFacts } from './aiohttpFacts';
import type { LitestarFacts } from './litestarFacts';
import type { PyramidFacts } from './pyramidFacts';
import type { FalconFacts } from './falconFacts';
import type { PolicyFacts } from './osloPolicy';
import type { WsgiFacts } from './wsgiWrappers';
import type { NinjaFacts } from './ninjaFacts';
import type { ConnexionFacts } from './connexionFacts';
import type { BlueprintLoopFacts } from './blueprintLoops';

/** Placeholder for the i-th argument of a factory call inside a path template. */
export const ARG = (i: number): string => `\u0001${i}\u0001`;
export const ARG_RE = /\u0001(\d+)\u0001/g;

/**
 * `def api_routing(endpoint): def decorator(func): api.add_url_rule(endpoint, view_func=func, …);
 * api.add_url_rule(endpoint + ".view", …)`: a function that registers routes from its arguments.
 */
export interface RouteFactory {
  name: string;
  line: number;
  /** The view: the function the factory's result decorates, or the argument at this index. */
  view: { decorated: true } | { param: number } | { fixed: string };
  /** Positional parameter names, so that a keyword argument at a use fills its placeholder. */
  params: string[];
  /** `routerParam`: the router is this parameter (`def register(app, base): app.add_url_rule(…)`), the argument at each use. */
  regs: { router: Ref; routerParam?: number; path: string; methods: string[]; framework: string; line: number; view?: string; guards?: GuardCandidate[]; each?: number }[];
}

/** `@api_routing("/getUser")` above a function: a call of a (possibly imported) factory. */
export interface FactoryUse {
  callee: Ref;
  /** Positional arguments evaluated to strings where possible. */
  args: (string | undefined)[];
  /** A plain call (`register_assets(app, base_path="/x/")`), not a decorator: routes only from a factory whose view it fixes. */
  call?: true;
  /** What names a router at a plain call: refs of its positional and keyword arguments. */
  argRefs?: (Ref | undefined)[];
  kwargRefs?: Record<string, Ref>;
  /** Keyword arguments evaluated to strings, and string lists (`methods=[…]`, `routes=[…]`). */
  kwargs: Record<string, string | string[]>;
  /** Positional arguments that are string lists (a factory walking one registers each element). */
  argLists?: (string[] | undefined)[];
  /** Class-based views handed in (`view_func=Settings.as_view("settings")`), by position or keyword (methodViews.ts). */
  viewArgs?: (ViewArg | undefined)[];
  kwViews?: Record<string, ViewArg>;
  handler: string;
  handlerSymbol?: string;
  inlineRange?: LineRange;
  dependencyRefs?: Ref[];
  guards: GuardCandidate[];
  file: string;
  line: number;
  order: number;
}

/** A class-based view handed to a call: the class and the endpoint `as_view` names. */
export interface ViewArg {
  cls: Ref;
  endpoint?: string;
}

/** A `before_request` hook (or `url_value_preprocessor`) whose code refuses requests. */
export interface RefusingHook {
  router: Ref;
  guard: Guard;
  /** Endpoints let through (`frontend.login`, or a bare function name). */
  exempt: string[];
  /** URL values the refusal needs (a `url_value_preprocessor`'s `values.pop("project_id")`): routes without them are not met. */
  needs?: string[];
  /** The refusal is met only while this setting test holds; decided by its fresh-install value at link time (keyedSettings.ts). */
  gate?: KeyedGate;
}

/** A Flask-RESTX/Flask-RESTful Resource class: each HTTP method it defines is one route. */
export interface ResourceClass {
  line: number;
  /**
   * By HTTP method (`GET`): the method's own range, the guards of its decorators and the class's
   * `method_decorators`, and those decorators as written (ref, text, line), for judging by their code.
   */
  methods: { method: string; name: string; range: LineRange; guards: GuardCandidate[]; decorators: { ref: Ref; text: string; line: number }[] }[];
  /** A base in another module whose class-level decorators every method also gets (pyLink.ts). */
  inheritFrom?: Ref;
}

/** `api.add_resource(Users, "/users", "/users/<int:id>")` of a class defined in another module, expanded by pyLink.ts. */
export interface ResourceReg {
  router: Ref;
  cls: Ref;
  /** Each path as evaluated, or undefined with its expression in `pathTexts`. */
  paths: (string | undefined)[];
  pathTexts: string[];
  endpoint?: string;
  file: string;
  line: number;
  order: number;
}

export interface PyFacts {
  factories: Record<string, RouteFactory>;
  /** Resource classes of this file, by class name. */
  resources: Record<string, ResourceClass>;
  resourceRegs: ResourceReg[];
  uses: FactoryUse[];
  hooks: RefusingHook[];
  /**
   * Hooks registered already wrapped by decorators of ours (`@bp.before_request` above `@user_required`):
   * the decorators below the registration, judged at link time as if they were on every view the hook runs before.
   */
  /** Hooks that refuse nobody themselves but call functions of ours (hookCalls.ts): judged at link time. */
  callingHooks?: { router: Ref; name: string; line: number; file: string; routerText: string; kind: string; calls: HookCall[] }[];
  wrappedHooks?: { router: Ref; name: string; line: number; decorators: { ref: Ref; text: string; line: number; guard?: Guard }[] }[];
  /** Router/app refs created in this file, by the framework that created them. */
  routerFrameworks: Record<Ref, 'flask' | 'fastapi' | 'aiohttp' | 'sanic' | 'quart'>;
  /** Flask blueprint names (`Blueprint("frontend", …)`): endpoints are `<name>.<view>`. */
  blueprintNames: Record<Ref, string>;
  /** The framework this file's imports point to, for routes on routers created elsewhere. */
  importsFramework?: 'flask' | 'fastapi';
  /** Flask endpoint of each route (the view function name or `endpoint=`). */
  endpoints: Map<RouteDecl, string>;
  /** The module's top-level functions: what they do with the identity (flaskGuards.ts). */
  funcs: Record<string, PyFuncFacts>;
  /** Each decorated route's view function and its other decorators, judged by their code (flaskGuardJudge.ts). */
  views: Map<RouteDecl, PyView>;
  /** Module-level dictionary literals (a settings getter's defaults) and string constants of the module and its classes. */
  tables?: Record<string, PyTable>;
  consts?: Record<string, PyConst>;
  /** Model columns' defaults by attribute name, module-level string sets, app config keys the file may set (settingColumns.ts). */
  columns?: Record<string, ColumnDefault>;
  strSets?: Record<string, string[]>;
  /** Methods of the module's classes that refuse, by method name (unresolvedMethods.ts). */
  refusingMethods?: Record<string, RefusingMethod[]>;
  /** Leaves of nested dictionary literals, by last key: settings' fresh-install values (keyedSettings.ts). */
  keyedDefaults?: Record<string, KeyedDefault[]>;
  configKeys?: string[];
  /** Top-level classes (fastapiClasses.ts): router subclasses and class-based views are followed through them. */
  classes?: Record<string, PyClass>;
  /** `router = SomeRouter(prefix=…)` of a name that is no known router creator: a router when its class is one. */
  routerCalls?: RouterCall[];
  /** Classes decorated with a call given a router (`@controller(router)`, `@cbv(router)`): class-based views. */
  controllers?: { cls: string; router: Ref; range: LineRange; decorator: string }[];
  /** What each top-level function does with credentials, for judging it as a FastAPI dependency (fastapiDeps.ts). */
  deps?: Record<string, PyDepFacts>;
  /** Modules imported whole (`from .base import *`), whose names this module re-exports. */
  /** Module-level names holding an environment variable's default, as truthiness (envFlags.ts). */
  envFlags?: Record<string, boolean>;
  starImports?: string[];
  /** Tornado handler classes, handler lists and refusing functions (tornadoFacts.ts). */
  tornado?: TornadoFacts;
  /** aiohttp applications, mounts, middlewares and what functions refuse (aiohttpFacts.ts). */
  aiohttp?: AiohttpFacts;
  /** Litestar handlers, controllers, routers, auth backends and refusing guard functions (litestarFacts.ts). */
  litestar?: LitestarFacts;
  /** Pyramid routes by name (`add_route`) and the views bound to them (pyramidFacts.ts). */
  pyramid?: PyramidFacts;
  /** Falcon resources (classes with `on_<method>` responders), route tables and add_route mounts (falconFacts.ts). */
  falcon?: FalconFacts;
  /** Django Ninja APIs, routers, add_router mounts, operations' auth and the auth callables' code (ninjaFacts.ts). */
  ninja?: NinjaFacts;
  /** Connexion `add_api` calls and their app's specification_dir (connexionFacts.ts; connexionLink.ts reads the documents). */
  connexion?: ConnexionFacts;
  /** oslo.config options declared here, by name, with their defaults' truth (`cfg.BoolOpt('admin_mode', default=False)`, a StrOpt defaulting to ''): osloOptions.ts. */
  osloBools?: Record<string, { value: boolean; line: number }>;
  /** oslo.policy rule defaults, policy decorators and pass-through decorators (osloPolicy.ts). */
  policy?: PolicyFacts;
  /** WSGI wrappers, factories, Falcon hook runners and hook functions of ours (wsgiWrappers.ts). */
  wsgi?: WsgiFacts;
  /** Module-level names bound to a path string as evaluated (`ADMIN_USERS = f"{ADMIN}/users"`), for a Litestar path written as another module's constant. */
  pathConsts?: Record<string, string>;
  /** Functions a rule is written through (`org_scoped_rule("/x")`) and boolean settings' defaults (pathHelpers.ts). */
  pathHelpers?: Record<string, PathHelper>;
  boolSettings?: Record<string, boolean>;
  /** Class-level `decorators`/`method_decorators` of every class with bases, for subclasses in other modules (restx.ts). */
  classDecorators?: Record<string, ClassDecorators>;
  /** Routes of this file's Resource classes whose class-level decorators come from a base in another module. */
  resourceInherits?: { route: RouteDecl; from: Ref }[];
  /** Blueprints registered in a loop over a parameter, and module lists of blueprints handed to calls (blueprintLoops.ts). */
  blueprintLoops?: BlueprintLoopFacts;
  /** Routers that are a parameter of the module-level function whose views use them (`def add_routes(bp, …): @bp.route(…)`): routerFactories.ts. */
  paramRouters?: Record<Ref, { fn: string; index: number }>;
}

/** A class's `decorators`/`method_decorators` as its subclasses see them; `inheritFrom`: a base in another module whose list it keeps or extends. */
export interface ClassDecorators {
  guards: GuardCandidate[];
  decorators: { ref: Ref; text: string; line: number }[];
  inheritFrom?: Ref;
}

/** An argument of a call or a default, as far as it can be read: a string, a parameter, `None`, a dependency list, or unread text. */
export type PyArg = { s: string } | { param: string } | { none: true } | { deps: GuardCandidate[]; spread?: string[] } | { text: string };

/** A top-level class: its bases, what `__init__` forwards to `super().__init__`, and its class attributes' guards. */
export interface PyClass {
  line: number;
  bases: { ref?: Ref; text: string }[];
  /** `superArgs` absent: `__init__` does not call `super().__init__` (as far as read). */
  init?: { params: { name: string; default?: PyArg }[]; kwargs?: string; superArgs?: { pos: PyArg[]; kw: Record<string, PyArg>; spreadKwargs?: boolean } };
  /** Class attributes in order; `guards` empty for one that is no guard dependency (it still overrides a base's). */
  attrs?: { name: string; guards: GuardCandidate[] }[];
}

export interface RouterCall {
  router: Ref;
  callee: Ref;
  text: string;
  pos: PyArg[];
  kw: Record<string, PyArg>;
  line: number;
}

/** A route's view (a top-level function of the file) and the decorators on it that are not routes. */
export interface PyView {
  fn: string;
  /** `file`: where the decorator is written, when not in the route's file (a Resource class imported by `add_resource`). */
  decorators: { ref: Ref; text: string; line: number; file?: string }[];
}

export function emptyPyFacts(): PyFacts {
  return { factories: dict(), resources: dict(), resourceRegs: [], uses: [], hooks: [], routerFrameworks: dict(), blueprintNames: dict(), endpoints: new Map(), funcs: dict(), views: new Map() };
}

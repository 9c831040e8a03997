// What the Python route detector records per file beyond routes and mounts, for the Python link
// pass (pyLink.ts): route decorator factories and their uses, before_request hooks that refuse,
// which framework created each router, and the Flask endpoint name of each route.
import type { LineRange } from '../../model/types';
import type { Guard, GuardCandidate, Ref, RouteDecl } from '../types';
import { dict } from '../../ownKeys';
import type { PyFuncFacts } from './flaskGuards';
import type { PyConst, PyTable } from './settingDefaults';

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
  regs: { router: Ref; routerParam?: number; path: string; methods: string[]; framework: string; line: number }[];
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
  /** Keyword arguments evaluated to strings, and string lists (`methods=[…]`). */
  kwargs: Record<string, string | string[]>;
  handler: string;
  handlerSymbol?: string;
  inlineRange?: LineRange;
  dependencyRefs?: Ref[];
  guards: GuardCandidate[];
  file: string;
  line: number;
  order: number;
}

/** A `before_request` hook whose code refuses requests. */
export interface RefusingHook {
  router: Ref;
  guard: Guard;
  /** Endpoints let through (`frontend.login`, or a bare function name). */
  exempt: string[];
}

/** A Flask-RESTX/Flask-RESTful Resource class: each HTTP method it defines is one route. */
export interface ResourceClass {
  line: number;
  /**
   * By HTTP method (`GET`): the method's own range, the guards of its decorators and the class's
   * `method_decorators`, and those decorators as written (ref, text, line), for judging by their code.
   */
  methods: { method: string; name: string; range: LineRange; guards: GuardCandidate[]; decorators: { ref: Ref; text: string; line: number }[] }[];
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
  /** Router/app refs created in this file, by the framework that created them. */
  routerFrameworks: Record<Ref, 'flask' | 'fastapi'>;
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
}

/** A route's view (a top-level function of the file) and the decorators on it that are not routes. */
export interface PyView {
  fn: string;
  decorators: { ref: Ref; text: string; line: number }[];
}

export function emptyPyFacts(): PyFacts {
  return { factories: dict(), resources: dict(), resourceRegs: [], uses: [], hooks: [], routerFrameworks: dict(), blueprintNames: dict(), endpoints: new Map(), funcs: dict(), views: new Map() };
}

// The values the entry interpreter computes with: just enough of a dynamic language to follow
// strings, objects, functions, classes and routers across files. Anything it cannot follow is
// `unknown`, carrying the expression as written so that it can be shown (`dynamic`).

/** A place in the repository: root-relative file and 1-based line (offset makes it unique). */
export interface SiteRef {
  file: string;
  line: number;
  offset: number;
}

export interface Env {
  vars: Map<string, Value>;
  parent?: Env;
  file: string;
  /** `this` inside a method or a function called as one. */
  self?: Value;
  /** The file whose imports this scope sees (a module's or a file's own scope). */
  imports?: string;
}

export type Value =
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'null' }
  | ObjValue
  | ArrValue
  | FnValue
  | ClsValue
  | InstValue
  | RouterValue
  | ExtValue
  | NativeValue
  | { k: 'kw'; name: string; v: Value }
  | UnknownValue;

export interface ArrValue {
  k: 'arr';
  items: Value[];
  /** Who sees items appended after they read it (collections.ts): a registry filled after it is iterated. */
  later?: ArrLater;
}

export interface ArrLater {
  /** Loops and callbacks that iterated the array: run again for each later item. */
  watchers: ((item: Value, index: number) => void)[];
  /** Arrays made from this one (`sortBy(list)`, `list.filter(…)`, a registry's placeholder): later items reach them too. */
  forward: ArrValue[];
}

export interface ObjValue {
  k: 'obj';
  props: Map<string, Value>;
  /** A module's namespace: the file it is the exports of. */
  module?: string;
  /** Getters (`get posts() { … }`): evaluated when read. */
  getters?: Map<string, FnValue>;
  /** A `Map`: props are its entries, and its methods read and write them (collections.ts). */
  coll?: 'map';
  /** Where a route written as data (`{ method, path, handler }`) is written (facts/types.ts `'o'`). */
  site?: SiteRef;
  /** An object literal of ours whose every key is known (no spread of an unknown value, no key we could not evaluate). */
  lit?: true;
  /** Where each route key of a table keyed by route (`'GET /x': target`) is written. */
  keySites?: Map<string, SiteRef>;
}

export interface FnValue {
  k: 'fn';
  file: string;
  fn: number;
  env: Env;
  /** Bound receiver (`obj.method` read off an object, `fn.bind(x)`). */
  self?: Value;
  /** This function wraps these values (`asyncHandler(h)`, `auth(h)`): the innermost is the real handler. */
  wraps?: Value;
  /** The call that produced it (a factory's result, a wrapper), for evidence. */
  madeBy?: { fn: FnValue | ExtValue; site: SiteRef; text: string };
}

export interface ClsValue {
  k: 'cls';
  file: string;
  cls: number;
  env: Env;
  statics: Map<string, Value>;
}

export interface InstValue {
  k: 'inst';
  cls: ClsValue | { k: 'type'; name: string; file: string };
  fields: Map<string, Value>;
}

export interface RouterValue {
  k: 'router';
  r: RouterNode;
}

/** A value of an external package: `express` is `{spec:'express', path:[]}`, `express.Router()` would be `['Router','()']`. */
export interface ExtValue {
  k: 'ext';
  spec: string;
  path: string[];
  /** Arguments of the last call in the path, for guards and options (`passport.authenticate('jwt', …)`). */
  args?: Value[];
  site?: SiteRef;
  /** The call as written, when this value is a call's result. */
  text?: string;
  /** `mw.unless` / `mw.unless(…)` (express-unless, koa-unless): the middleware it was read off (unlessOption.ts). */
  unlessOf?: ExtValue;
}

/** A callable that a framework module implements in TypeScript (a decorator Flask returns, say). */
export interface NativeValue {
  k: 'native';
  name: string;
  call: (args: Value[], site: SiteRef) => Value;
}

export interface UnknownValue {
  k: 'unknown';
  text: string;
  /** A `Map` entry read before anything was stored under its key (collections.ts). */
  slot?: { map: ObjValue; key: string };
  /**
   * The repository path this value names, root-relative (`__dirname`, `path.join(__dirname, 'x.yaml')`):
   * still unknown as a string (the absolute path is the machine's), but a read of it is the file's text.
   */
  file?: string;
  /** Evaluating it throws (a read of a repository file that is not there): a `return` of it returns nothing. */
  throws?: true;
  /** A property an object literal of ours did not have when it was read (`config.prefix` of `{ path, action }`): `x || fallback` is the fallback. */
  absent?: true;
  /**
   * A setting nobody sets in a fresh install (`process.env.BASE_PATH`): undefined there, so a test
   * of it is decided at defaults and `x || fallback` is the fallback (settingDefaults.ts); used as
   * it is, it stays the expression.
   */
  unset?: true;
}

/** A path: a string (`cfg`: it holds settings read at their defaults, see Interp.configured), or `dynamic` with the expression. */
export type PathPart = { s: string; cfg?: string } | { dyn: string };

export interface RouteItem {
  t: 'route';
  method: string;
  path: PathPart;
  /** Middleware and handler values in order; the handler is the last unless `handlerIndex` says. */
  handlers: Value[];
  site: SiteRef;
  seq: number;
  /** The calls that led to the registration (the interpreter's call-site chain, `>file:offset`, innermost last). */
  reachedBy?: string;
  framework: string;
  /** Handler source text as written at the registration. */
  handlerText?: string;
  /** Guards the framework already knows apply (decorators, annotations, security rules). */
  guards?: KnownGuard[];
  /** The route is declared by a file's location (file-system routing). */
  fileRoute?: boolean;
}

export interface UseItem {
  t: 'use';
  path?: PathPart;
  /** Middleware values and/or routers mounted at `path`. */
  args: Value[];
  site: SiteRef;
  seq: number;
  /** The child's own prefix is replaced by this mount's path (Flask `register_blueprint(url_prefix=)`). */
  replacesPrefix?: boolean;
  /** Middleware that applies to every route of the router whatever the order (Koa-style, hooks). */
  always?: boolean;
  /**
   * Routers handed to a verb as its handler (Express `app.all('/entries*', router)`): they see the
   * URL unchanged, so no prefix is added, and only their routes this method and path pattern let
   * through are reached (expressVerbMount.ts).
   */
  through?: { method: string; pattern: string };
  /** Middleware whose path matches that path alone, not what is under it (Hono `use('/x', mw)`, unlike `use('/x/*', mw)`). */
  exact?: boolean;
}

export type RouterItem = RouteItem | UseItem;

export interface KnownGuard {
  name: string;
  kind: 'authentication' | 'authorization' | 'other';
  optional?: boolean;
  reason: string;
  file: string;
  line: number;
  evidence?: { how: string; text: string; file: string; line: number };
}

export interface RouterNode {
  id: number;
  framework: string;
  /** An application serves requests by itself; a router must be mounted to be reached. */
  kind: 'app' | 'router';
  site: SiteRef;
  /** Own prefix (`new Router({prefix})`, `APIRouter(prefix=)`, `Blueprint(url_prefix=)`). */
  prefix?: PathPart;
  items: RouterItem[];
  /** Properties user code assigned to it (`app.lazyUse = …`). */
  extra: Map<string, Value>;
  /** Wrapped as a whole by a handler that may refuse (`handler = auth(mux)`). */
  wrappers: Value[];
  /** Framework-specific state (middleware ordering rules, RPC naming). */
  opts: Record<string, unknown>;
  /** Made in the body of a function run with unknown arguments because no call reached it (runUncalled). */
  uncalled?: boolean;
  /**
   * The settings at their defaults that chose this router among others (`flag ? mount('/' + id, app)
   * : mount(app)` with the flag unset): its routes' paths depend on them (EntryPoint.pathDependsOn).
   */
  cfg?: string;
  /** Made while probing a function (registrations are off there): it stands for its twin made at the same place. */
  probed?: boolean;
}

/** `/pattern/flags`, as the facts keep a regular-expression literal. */
export const REGEX_LITERAL = /^\/((?:\\.|[^\\\n])+)\/[a-z]*$/s;

export const UNKNOWN = (text: string): UnknownValue => ({ k: 'unknown', text });
export const STR = (v: string): Value => ({ k: 'str', v });
export const NULL: Value = { k: 'null' };

export function isRouter(v: Value | undefined): v is RouterValue {
  return v?.k === 'router';
}

/** Source-like text of a value, for `dynamic` paths and guard names. */
export function valueText(v: Value): string {
  switch (v.k) {
    case 'str':
      return JSON.stringify(v.v);
    case 'num':
      return String(v.v);
    case 'bool':
      return String(v.v);
    case 'null':
      return 'null';
    case 'unknown':
      return v.text;
    case 'ext':
      return v.text ?? [v.spec.replace(/^.*\//, ''), ...v.path].join('.').replace(/\.\(\)/g, '()');
    case 'fn':
      return v.madeBy?.text ?? `<function>`;
    case 'router':
      return `<router ${v.r.framework}@${v.r.site.file}:${v.r.site.line}>`;
    case 'native':
      return v.name;
    case 'kw':
      return `${v.name}=${valueText(v.v)}`;
    case 'arr':
      return `[${v.items.map(valueText).join(', ')}]`;
    case 'obj':
      return v.module ? `<module ${v.module}>` : '{…}';
    case 'cls':
      return '<class>';
    case 'inst':
      return '<instance>';
  }
}

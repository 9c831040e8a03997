// Pyramid, per file: what pyramidLink.ts needs to make routes across modules. Pyramid names each
// route where it declares its pattern (`config.add_route("api.users", "/api/users/{id}")`, often
// in one `includeme` module) and binds views to it by that name elsewhere: a decorator with a
// `route_name=` keyword (`@view_config(…)`, or a wrapper of the service's own named `*_config`,
// which hands its keywords to `config.add_view`), or `@view_defaults(route_name=…)` on a class
// whose methods carry `@view_config`. The keywords may come spread from a module-level dict
// (`@api_config(**LIST_CONFIG)`). A view's `permission=` is checked by the security policy before
// the view runs (denied: 403, or what the forbidden view makes of it); `is_authenticated=True` is a
// predicate no anonymous request meets (no view matches: 404). A class view's methods are not judged
// by their code (`self._authorize()` may refuse): one whose class reads the identity stays unknown.
import type { Node } from 'web-tree-sitter';
import type { LineRange } from '../../model/types';
import { all, callArgs, kids, line, rangeOf, stringValue } from '../treeUtil';
import { evalStr, evalStrList, type StrEnv } from './pyEval';
import { kwArg, positionalArgs } from './pyScope';
import { readsIdentity } from './flaskGuards';

export interface PyrRoute {
  name: string;
  /** The pattern as written (`/api/annotations/{id:[A-Za-z0-9_-]{20,22}}`). */
  pattern: string;
  /** `request_method=` of the route: only these methods reach its views. */
  methods?: string[];
  line: number;
}

export interface PyrView {
  fn: string;
  /** The class the view is a method of. */
  cls?: string;
  routeName: string;
  /** `request_method=`; `['ANY']` when the view takes every method. */
  methods: string[];
  /** `permission=…` as written (absent, `None` or NO_PERMISSION_REQUIRED: none). */
  permission?: { text: string; line: number };
  /** `is_authenticated=True`. */
  authenticated?: { line: number };
  /** The view is a method of a class whose code reads who is calling (not judged method by method): its state stays unknown unless a guard applies. */
  classReads?: { line: number };
  line: number;
  order: number;
  range: LineRange;
}

export interface PyramidFacts {
  routes: PyrRoute[];
  views: PyrView[];
}

/** Decorators that bind a view to a route by name: Pyramid's own and a service's wrappers of it. */
const VIEW_DECORATOR = /(^|\.)(\w*_config|view_config)$/;
const NO_PERMISSION = /^(None|(\w+\.)*NO_PERMISSION_REQUIRED|["']__no_permission_required__["'])$/;

/** Keyword arguments of a call, with `**NAME` spread from a module-level dict literal of string keys. */
function keywords(call: Node, dicts: ReadonlyMap<string, Map<string, Node>>): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const a of callArgs(call)) {
    if (a.type === 'dictionary_splat') {
      const spread = dicts.get(a.namedChildren[0]?.text ?? '');
      for (const [k, v] of spread ?? []) out.set(k, v);
    } else if (a.type === 'keyword_argument') {
      const v = a.childForFieldName('value');
      if (v) out.set(a.childForFieldName('name')?.text ?? '', v);
    }
  }
  return out;
}

/** Module-level `NAME = {"key": value, …}` with string keys. */
function moduleDicts(root: Node): Map<string, Map<string, Node>> {
  const out = new Map<string, Map<string, Node>>();
  for (const st of kids(root)) {
    const asg = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = asg?.type === 'assignment' ? asg.childForFieldName('left') : undefined;
    const right = asg?.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'dictionary') continue;
    const m = new Map<string, Node>();
    for (const p of kids(right)) {
      const k = p.type === 'pair' ? stringValue(p.childForFieldName('key')) : undefined;
      const v = p.childForFieldName('value');
      if (k !== undefined && v) m.set(k, v);
    }
    out.set(left.text, m);
  }
  return out;
}

function methodsOf(n: Node | undefined, env: StrEnv): string[] | undefined {
  if (!n) return undefined;
  const one = evalStr(n, env);
  const list = one !== undefined ? [one] : evalStrList(n, env);
  return list?.map((m) => m.toUpperCase());
}

export function pyramidFacts(root: Node, env: StrEnv): PyramidFacts | undefined {
  const routes: PyrRoute[] = [];
  const views: PyrView[] = [];
  // `config.add_route(name, pattern)`: two positional strings (aiohttp's `add_route(method, path, handler)` has three).
  if (!/\baiohttp\b/.test(root.text)) {
    for (const call of all(root, 'call')) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'add_route') continue;
      const pos = positionalArgs(call);
      const name = evalStr(pos[0], env);
      const pattern = evalStr(pos[1] ?? kwArg(call, 'pattern'), env);
      if (name === undefined || pattern === undefined || pos.length > 2) continue;
      const methods = methodsOf(kwArg(call, 'request_method'), env);
      routes.push({ name, pattern, ...(methods ? { methods } : {}), line: line(call) });
    }
  }
  const dicts = moduleDicts(root);
  for (const dd of all(root, 'decorated_definition')) {
    const def = dd.childForFieldName('definition');
    if (def?.type !== 'function_definition') continue;
    const cls = enclosingClass(dd);
    const defaults = cls ? classDefaults(cls, dicts) : undefined;
    for (const dec of kids(dd).filter((k) => k.type === 'decorator')) {
      const call = dec.namedChildren[0];
      if (call?.type !== 'call' || !VIEW_DECORATOR.test(call.childForFieldName('function')?.text ?? '')) continue;
      const kw = new Map([...(defaults ?? []), ...keywords(call, dicts)]);
      const routeName = evalStr(kw.get('route_name'), env);
      // No route name: an exception view (`context=…`) or a view found by traversal, no route of its own.
      if (routeName === undefined) continue;
      const perm = kw.get('permission');
      const authed = kw.get('is_authenticated');
      views.push({
        fn: def.childForFieldName('name')?.text ?? '',
        ...(cls ? { cls: cls.childForFieldName('name')?.text ?? '' } : {}),
        routeName,
        methods: methodsOf(kw.get('request_method'), env) ?? ['ANY'],
        ...(perm && !NO_PERMISSION.test(perm.text) ? { permission: { text: perm.text, line: line(perm) } } : {}),
        ...(authed?.text === 'True' ? { authenticated: { line: line(authed) } } : {}),
        ...(cls && readsIdentity(cls.text) ? { classReads: { line: line(cls) } } : {}),
        line: line(dec),
        order: dec.startIndex,
        range: rangeOf(def),
      });
    }
  }
  return routes.length || views.length ? { routes, views } : undefined;
}

function enclosingClass(n: Node): Node | undefined {
  const block = n.parent;
  const cls = block?.type === 'block' ? block.parent : undefined;
  return cls?.type === 'class_definition' ? cls : undefined;
}

/** `@view_defaults(route_name=…, permission=…)` on the class: keywords every view of it starts from. */
function classDefaults(cls: Node, dicts: ReadonlyMap<string, Map<string, Node>>): Map<string, Node> | undefined {
  const dd = cls.parent?.type === 'decorated_definition' ? cls.parent : undefined;
  for (const dec of kids(dd).filter((k) => k.type === 'decorator')) {
    const call = dec.namedChildren[0];
    if (call?.type === 'call' && /(^|\.)view_defaults$/.test(call.childForFieldName('function')?.text ?? '')) return keywords(call, dicts);
  }
  return undefined;
}

/**
 * A Pyramid pattern written readably: `{id:[0-9]{2,4}}` → `:id` (a replacement marker's regex may
 * hold braces of its own), `*subpath` at the end → `*`.
 */
export function readablePattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '{') {
      out += pattern[i];
      continue;
    }
    let depth = 1;
    let j = i + 1;
    while (j < pattern.length && depth) {
      if (pattern[j] === '{') depth++;
      else if (pattern[j] === '}') depth--;
      j++;
    }
    const name = /^\s*(\w+)/.exec(pattern.slice(i + 1, j - 1))?.[1] ?? '';
    out += `:${name}`;
    i = j - 1;
  }
  out = out.replace(/\*\w*$/, '*');
  return out.startsWith('/') ? out : `/${out}`;
}

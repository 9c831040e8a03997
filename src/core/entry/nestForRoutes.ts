// What a Nest middleware binding names: `consumer.apply(A, B).exclude(…).forRoutes(…)`. Nest takes a
// route as a path string, a `{ path, method }` object or a controller class, and services often keep
// the list in a constant of the module's file (`const authenticated = [UsersController, …]`,
// `.forRoutes(...authenticated)`; `.exclude(...excludedRoutes)`), so a spread of a file's constant
// array is read element by element. A spread we cannot read (an imported list, a call) is kept as
// `unread`: the middleware may apply to any route, which the caller must not take for "none".
import type { Node } from 'web-tree-sitter';
import type { EntryPoint } from './types';
import type { NestGuardJudge } from './nestGuardJudge';
import { callArgs, kids, stringValue } from './treeUtil';
import { nestPatternMatches } from './nestVersioning';

/** One route a binding names: a path pattern (with a method), a controller class, or what we could not read. */
export interface NestRouteRef {
  path?: string;
  method?: string;
  controller?: string;
  unread?: string;
  /** For an unread spread of a name: the name, looked up among other files' exported lists (`controllerLists`). */
  list?: string;
}

/** An exported constant array of class names (`export const publicControllers = [A, B]`), for bindings in other files. */
export interface NestControllerList {
  name: string;
  file: string;
  classes: string[];
}

export interface NestMiddlewareBinding {
  /** The middleware classes or functions `apply` names. */
  middleware: Node[];
  routes: NestRouteRef[];
  /** Routes `exclude(…)` takes out of the binding. */
  exclude: NestRouteRef[];
}

/** How deep spreads of constants holding spreads are followed. */
const MAX_DEPTH = 4;

/** The array a top-level `const NAME = [...]` (exported or not) of the file holds. */
function constArray(root: Node, name: string): Node | undefined {
  for (const top of kids(root)) {
    const decl = top.type === 'export_statement' ? top.childForFieldName('declaration') : top;
    if (decl?.type !== 'lexical_declaration' && decl?.type !== 'variable_declaration') continue;
    for (const d of kids(decl)) {
      if (d.type !== 'variable_declarator' || d.childForFieldName('name')?.text !== name) continue;
      let v = d.childForFieldName('value');
      while (v && (v.type === 'as_expression' || v.type === 'satisfies_expression' || v.type === 'parenthesized_expression')) v = v.namedChildren[0];
      return v?.type === 'array' ? v : undefined;
    }
  }
  return undefined;
}

function refsOf(n: Node, root: Node, depth: number): NestRouteRef[] {
  if (n.type === 'spread_element') {
    const inner = n.namedChildren[0];
    const arr = inner?.type === 'array' ? inner : inner?.type === 'identifier' && depth < MAX_DEPTH ? constArray(root, inner.text) : undefined;
    if (!arr) return [{ unread: n.text, ...(inner?.type === 'identifier' ? { list: inner.text } : {}) }];
    return kids(arr).filter((k) => k.type !== 'comment').flatMap((k) => refsOf(k, root, depth + 1));
  }
  if (n.type === 'object') {
    const v = (k: string) => kids(n).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text === k)?.childForFieldName('value');
    return [{ path: stringValue(v('path')), method: v('method')?.text.split('.').pop() }];
  }
  const s = stringValue(n);
  if (s !== undefined) return [{ path: s }];
  // A class name (or `Ns.Controller`): Nest binds each of its routes.
  if (n.type === 'identifier' || n.type === 'member_expression') return [{ controller: n.text.split('.').pop()! }];
  return [{ unread: n.text }];
}

/** The file's exported constant arrays that hold class names only. */
export function findControllerLists(root: Node, file: string, text: string): NestControllerList[] {
  if (!/export\s+const\s+[\w$]+[^=\n]*=\s*\[/.test(text)) return [];
  const out: NestControllerList[] = [];
  for (const top of kids(root)) {
    const decl = top.type === 'export_statement' ? top.childForFieldName('declaration') : undefined;
    if (decl?.type !== 'lexical_declaration') continue;
    for (const d of kids(decl)) {
      const name = d.type === 'variable_declarator' ? d.childForFieldName('name')?.text : undefined;
      const arr = name ? constArray(root, name) : undefined;
      const items = kids(arr).filter((k) => k.type !== 'comment');
      if (name && items.length && items.every((k) => k.type === 'identifier' && /^[A-Z]/.test(k.text))) out.push({ name, file, classes: items.map((k) => k.text) });
    }
  }
  return out;
}

/** Unread spreads of a name one other file exports as a list of classes become those classes. */
export function resolveLists(refs: NestRouteRef[], lists: NestControllerList[]): NestRouteRef[] {
  return refs.flatMap((r) => {
    const found = r.list ? lists.filter((l) => l.name === r.list) : [];
    return found.length === 1 ? found[0].classes.map((c) => ({ controller: c })) : [r];
  });
}

/** The binding a `.forRoutes(…)` call ends, when its chain starts at `.apply(…)`. */
export function readForRoutes(call: Node, root: Node): NestMiddlewareBinding | undefined {
  const routes = callArgs(call).flatMap((a) => refsOf(a, root, 0));
  const exclude: NestRouteRef[] = [];
  let obj = call.childForFieldName('function')?.childForFieldName('object');
  for (let i = 0; i < 8 && obj?.type === 'call_expression'; i++) {
    const fn = obj.childForFieldName('function');
    const prop = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
    if (prop === 'apply') return { middleware: callArgs(obj), routes, exclude };
    if (prop !== 'exclude') return undefined;
    exclude.push(...callArgs(obj).flatMap((a) => refsOf(a, root, 0)));
    obj = fn!.childForFieldName('object');
  }
  return undefined;
}

/** A one-line description of a ref, for a guard's reason. */
export function refText(r: NestRouteRef): string {
  return r.unread ?? r.controller ?? `${r.method ? r.method + ' ' : ''}${r.path ?? '?'}`;
}

/** The ref names this route (`local`: its path under its controller, before the global prefix). */
export function refMatches(r: NestRouteRef, e: EntryPoint, local: string): boolean {
  if (r.unread !== undefined) return false;
  if (r.controller) return e.handler.startsWith(r.controller + '.');
  if (r.method && r.method !== 'ALL' && r.method !== e.method) return false;
  return r.path !== undefined && nestPatternMatches(r.path, local);
}

/**
 * A binding we could not read all of (`forRoutes(...imported)`) may cover a route none of its read
 * refs names: a middleware that refuses requests makes such a route unknown, never unguarded.
 */
export function judgeUnreadBinding(e: EntryPoint, text: string, file: string, ln: number, unread: string, judge: NestGuardJudge): void {
  const v = judge.judge(text);
  if (v.verdict !== 'guard') return;
  e.guards.push({ name: text, kind: 'other', reason: `consumer.apply(${text}).forRoutes(${unread}): a list we could not read may hold this route; ${v.why}`, file, line: ln });
  if (!e.guards.some((g) => g.kind !== 'other' && !g.optional)) e.guardState = 'unknown';
}

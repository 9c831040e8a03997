// The paths a Nest route decorator declares, from its controller's path and its own: each may be a
// string, an array of strings (Nest registers the route at every one: `@Controller(['a', 'b'])`,
// `@Get(['list', 'all'])`), or a name (`@Controller(USERS_PATH)`, `@Get(ROUTES.admin)`) that the
// JavaScript interpreter evaluates once the program ran (RouteDecl.pathConst, as nestMountedApps.ts
// does for a module's prefix). What cannot be read is `dynamic` with the expressions as written —
// never a path without the part we could not read (a constant prefix taken for none).
import type { Node } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { joinPaths } from './routePath';
import { stringValue } from './treeUtil';
import { CONSTANT_NAME } from './nestMountedApps';

type Part = { kind: 'text'; values: string[] } | { kind: 'name'; expr: string } | { kind: 'other'; expr: string };

/** One decorator argument: absent (no path), strings, a name the interpreter may evaluate, or neither. */
export function pathPart(node: Node | null | undefined): Part {
  if (!node) return { kind: 'text', values: [''] };
  const s = stringValue(node);
  if (s !== undefined) return { kind: 'text', values: [s] };
  if (node.type === 'array') {
    const values = node.namedChildren.map((c) => stringValue(c));
    if (values.length && values.every((v): v is string => v !== undefined)) return { kind: 'text', values };
  }
  if (CONSTANT_NAME.test(node.text)) return { kind: 'name', expr: node.text };
  return { kind: 'other', expr: node.text };
}

/** Every path the controller's part and the method's declare together, with what resolves each. */
export function routePaths(prefix: Part, sub: Part): Pick<RouteDecl, 'path' | 'dynamic' | 'pathConst'>[] {
  if (prefix.kind === 'text' && sub.kind === 'text') return prefix.values.flatMap((p) => sub.values.map((s) => ({ path: joinPaths(p, s) })));
  // One name between strings: the interpreter may give its value (findEntryPoints.ts resolvePathConstants).
  if (prefix.kind === 'name' && sub.kind === 'text') return sub.values.map((s) => named(prefix.expr, '', s));
  if (prefix.kind === 'text' && sub.kind === 'name') return prefix.values.map((p) => named(sub.expr, p, ''));
  const text = (x: Part) => (x.kind === 'text' ? (x.values.length === 1 ? x.values[0] : `[${x.values.join(', ')}]`) : x.expr);
  const expression = [text(prefix), text(sub)].filter((t) => t !== '').join('/');
  return [{ path: '/', dynamic: expression }];
}

function named(expr: string, before: string, after: string): Pick<RouteDecl, 'path' | 'dynamic' | 'pathConst'> {
  return { path: joinPaths(before, after), dynamic: [before, expr, after].filter((t) => t !== '').join('/'), pathConst: { expr, before, after } };
}

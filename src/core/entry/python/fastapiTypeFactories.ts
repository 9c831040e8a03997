// FastAPI dependencies written as a type that a function of ours builds. A factory returning an
// Annotated type (`def require_scopes(*s): return Annotated[User, Security(get_current_user,
// scopes=list(s))]`) is called right in a parameter's annotation (`user: require_scopes(X)`) or
// once at module level into a type alias (`ViewNode = require_scopes(X)`, used as
// `user: scopes.ViewNode` from another module). Python evaluates the annotation, so the route
// depends on whatever the factory's return holds: its Depends/Security calls are guard aliases of
// the factory, the alias names the factory, and routeGraph.ts expands the chain where it is used.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, GuardCandidate, Ref } from '../types';
import { line } from '../treeUtil';
import { dict } from '../../ownKeys';

/** What a parameter's annotation may name as a guard alias: `CurrentUser`, `scopes.ViewNode`, or the factory of `require_scopes(X)`. */
export function annotationAliasNode(type: Node | null | undefined): Node | undefined {
  const t = type?.type === 'type' && type.namedChildren.length === 1 ? type.namedChildren[0] : type;
  if (!t) return undefined;
  if (t.type === 'identifier' || t.type === 'attribute') return t;
  const fn = t.type === 'call' ? t.childForFieldName('function') : undefined;
  return fn && (fn.type === 'identifier' || fn.type === 'attribute') && !/^(fastapi\.)?(Depends|Security)$/.test(fn.text) ? fn : undefined;
}

/** Top-level functions whose `return` builds a type carrying dependencies: each is a guard alias of what it returns. */
export function factoryGuardAliases(d: FileDecls, topDefs: ReadonlyMap<string, Node>, key: (name: string) => Ref, dependencyGuard: (n: Node, via: string) => GuardCandidate | undefined): void {
  for (const [name, def] of topDefs) {
    const gs: GuardCandidate[] = [];
    for (const ret of def.descendantsOfType('return_statement')) {
      for (const c of ret?.descendantsOfType('call') ?? []) {
        const g = c && dependencyGuard(c, `type returned by ${name}()`);
        if (g) gs.push(g);
      }
    }
    if (gs.length) (d.guardAliases ??= dict())[key(name)] = gs;
  }
}

/**
 * `ViewNode = require_scopes(X)` at module level: a CapWords name (a type alias, as PEP 8 writes
 * them) given the call of a function of ours or an import carries that function's guard aliases.
 */
export function callGuardAlias(d: FileDecls, left: Node, right: Node, key: (name: string) => Ref, refOf: (n: Node) => Ref | undefined): void {
  if (left.type !== 'identifier' || !/^[A-Z][a-z]\w*$/.test(left.text) || right.type !== 'call' || d.guardAliases?.[key(left.text)]) return;
  const fn = annotationAliasNode(right);
  const ref = fn && refOf(fn);
  if (ref) (d.guardAliases ??= dict())[key(left.text)] = [{ text: right.text, line: line(right), via: `type alias ${left.text}`, aliasRef: ref }];
}

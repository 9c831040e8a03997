// Spring MVC mappings declared on an interface and served by the controller implementing it:
//   public interface TargetRestApi {                       // no annotation on the type (a Feign client may share it)
//       String TARGETS_V1 = RestConstants.REST_V1 + "/targets";
//       @GetMapping(TARGETS_V1 + "/{id}") ResponseEntity<Target> getTarget(@PathVariable Long id);
//   }
//   @RestController public class TargetResource implements TargetRestApi {
//       @Override public ResponseEntity<Target> getTarget(Long id) { … }
//   }
// Spring merges the interface method's mapping into the overriding method: GET /rest/v1/targets/{id}
// is served by TargetResource.getTarget. The two are often in different files, so javaRoutes.ts keeps
// the interface's mapped methods (`javaIface`) and the controller's unmapped methods (`javaImpl`), and
// this file, once every file is known, gives each implementing method the mappings it overrides (same
// name and arity) — at the implementing method, with its own guards added — and drops the rest: an
// interface no controller implements serves nothing. A plain base class's mapped methods (no
// controller annotation, no path: `abstract class CrudController<T> { @GetMapping("/{id}") … }`) are
// read the same way, for the controllers that extend it.
import type { Node, Tree } from 'web-tree-sitter';
import type { FileDecls, RouteDecl } from './types';
import { all, kids } from './treeUtil';

/** The interfaces a class declares it implements, by simple name (`implements a.b.Api<T>, Other` → Api, Other). */
export function implementedTypes(cls: Node): string[] {
  const sup = kids(cls).find((k) => k.type === 'super_interfaces');
  if (!sup) return [];
  return all(sup, ['type_identifier', 'scoped_type_identifier'])
    .filter((t) => t.parent?.type !== 'scoped_type_identifier' && t.parent?.type !== 'type_arguments' && !hasGenericAncestor(t, sup))
    .map((t) => t.text.replace(/<.*$/s, '').split('.').pop()!)
    .filter(Boolean);
}

/**
 * The class a controller extends, by simple name (`extends CrudController<Team>` → CrudController): Spring
 * registers the mapped methods it inherits from a plain base class as the controller's own, as it does
 * an interface's default methods, so the base's mapped methods are read as an interface's are.
 */
export function superclassOf(cls: Node): string[] {
  const t = cls.childForFieldName('superclass')?.namedChildren[0];
  const name = t?.text.replace(/<.*$/s, '').split('.').pop();
  return name ? [name] : [];
}

/** A type named inside another's type arguments (`Api<Target>`'s Target) is not implemented. */
function hasGenericAncestor(t: Node, stop: Node): boolean {
  for (let p = t.parent; p && p.id !== stop.id; p = p.parent) if (p.type === 'type_arguments') return true;
  return false;
}

/** A method's parameter types as overriding compares them, erased and unqualified (`final List<String> ids` → List). */
export function paramTypes(m: Node): string {
  return kids(m.childForFieldName('parameters'))
    .filter((p) => p.type === 'formal_parameter' || p.type === 'spread_parameter')
    .map((p) => (p.childForFieldName('type') ?? p.namedChildren.find((k) => k?.type !== 'modifiers'))?.text.replace(/<.*>/s, '').split('.').pop() ?? '')
    .join(',');
}

/** The String constants an interface body declares as expressions (implicitly static final), by name. */
export function interfaceConstants(tree: Tree): Map<string, Node> {
  const out = new Map<string, Node>();
  if (!/\binterface\b/.test(tree.rootNode.text)) return out;
  for (const body of all(tree.rootNode, 'interface_body')) {
    for (const c of kids(body).filter((k) => k.type === 'constant_declaration' || k.type === 'field_declaration')) {
      if (c.childForFieldName('type')?.text !== 'String') continue;
      for (const d of kids(c).filter((k) => k.type === 'variable_declarator')) {
        const name = d.childForFieldName('name')?.text;
        const value = d.childForFieldName('value');
        if (name && value) out.set(name, value);
      }
    }
  }
  return out;
}

/** Joins the implementing class's own path (`@RequestMapping` on the controller) before an interface route's. */
function underBase(base: string, r: RouteDecl): Pick<RouteDecl, 'path' | 'javaConst'> {
  if (!base) return { path: r.path, ...(r.javaConst ? { javaConst: r.javaConst } : {}) };
  return { path: `${base}/${r.path}`, ...(r.javaConst ? { javaConst: { ...r.javaConst, before: `${base}/${r.javaConst.before}` } } : {}) };
}

/**
 * The mapped `default` methods of the interfaces a controller class implements that it does not
 * override (openapi-generator's `PetApi` with `PetApiController implements PetApi`): served by the
 * controller, running the interface's code, under the class's own path and security annotations.
 */
function defaultMethods(cls: RouteDecl, routes: RouteDecl[], byType: Map<string, RouteDecl[]>): RouteDecl[] {
  const own = routes.filter((o) => o.javaImpl && o.javaImpl.arity >= 0 && o.handler.startsWith(`${cls.handler}.`));
  const out: RouteDecl[] = [];
  for (const i of cls.javaImpl!.types.flatMap((t) => byType.get(t) ?? [])) {
    const f = i.javaIface!;
    if (!f.defaulted || own.some((o) => o.javaImpl!.method === f.method && o.javaImpl!.arity === f.arity)) continue;
    const { javaIface: _, ...iface } = i;
    const dynamic = cls.dynamic !== undefined ? `${cls.dynamic} ${i.dynamic ?? i.path}` : i.dynamic;
    out.push({ ...iface, ...underBase(cls.dynamic !== undefined ? '' : cls.path, i), ...(dynamic !== undefined ? { dynamic } : {}), handler: `${cls.handler}.${f.method}`, handlerSymbol: i.handlerSymbol, guards: [...i.guards, ...cls.guards] });
  }
  return out;
}

/**
 * Each controller method that overrides a mapped interface method gets that mapping; interface
 * routes and unmatched candidates are dropped. Routes are replaced, not edited: a file's routes may
 * be the cached facts of its last read.
 */
export function resolveInterfaceMappings(decls: FileDecls[]): void {
  const byType = new Map<string, RouteDecl[]>();
  for (const d of decls) for (const r of d.routes) if (r.javaIface) byType.set(r.javaIface.type, [...(byType.get(r.javaIface.type) ?? []), r]);
  for (const d of decls) {
    if (!d.routes.some((r) => r.javaIface || r.javaImpl)) continue;
    const out: RouteDecl[] = [];
    for (const r of d.routes) {
      if (r.javaIface) continue;
      if (!r.javaImpl) {
        out.push(r);
        continue;
      }
      const impl = r.javaImpl;
      if (impl.arity < 0) {
        out.push(...defaultMethods(r, d.routes, byType));
        continue;
      }
      const named = impl.types.flatMap((t) => byType.get(t) ?? []).filter((i) => i.javaIface!.method === impl.method && i.javaIface!.arity === impl.arity);
      // Overloads of one arity are told apart by their parameter types; a generic parameter may be
      // written differently in the two, so with no exact match, the name and arity decide.
      const exact = named.filter((i) => i.javaIface!.params === impl.params);
      const mapped = exact.length ? exact : named;
      for (const i of mapped) {
        const { javaIface: _, ...iface } = i;
        // A base path we could not read leaves the route dynamic, as a class path would.
        const dynamic = r.dynamic !== undefined ? `${r.dynamic} ${i.dynamic ?? i.path}` : i.dynamic;
        out.push({ ...iface, ...underBase(r.dynamic !== undefined ? '' : r.path, i), ...(dynamic !== undefined ? { dynamic } : {}), handler: r.handler, handlerSymbol: r.handlerSymbol, inlineRange: r.inlineRange, guards: [...i.guards, ...r.guards], file: r.file, line: r.line, order: r.order });
      }
    }
    d.routes = out;
  }
}

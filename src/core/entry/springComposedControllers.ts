// Spring controllers declared with an annotation the application declares itself:
//   @RestController @RequestMapping
//   public @interface RestApi { @AliasFor(attribute = "path", annotation = RequestMapping.class) String[] value() default {}; }
//   …
//   @RestApi("/plugin") public class PluginController { @GetMapping("/{id}") … }
// Spring merges the meta-annotations: the class is a @RestController whose type-level path is the
// value given to @RestApi. The declaration is in another file, so javaRoutes.ts reads such a class
// both ways (as that controller, and as a plain class whose mappings serve only through a controller
// implementing it); once every file's annotation types are known, this keeps the reading the
// annotation's declaration calls for and drops the other.
import type { FileDecls, RouteDecl } from './types';
import type { TypeLike } from './springComposedMappings';

/** The declaration of `name` when it is a controller stereotype (meta-annotated @RestController or @Controller, a few levels deep). */
function controllerType(name: string, types: TypeLike[], depth = 0): TypeLike | undefined {
  if (depth > 4) return undefined;
  const found = types.filter((t) => t.name === name);
  // Two declarations of that name: which one the class imports is not read here.
  if (found.length !== 1) return undefined;
  const t = found[0]!;
  return t.names.some((n) => n === 'RestController' || n === 'Controller' || (n !== name && controllerType(n, types, depth + 1))) ? t : undefined;
}

/** Each file's two readings of such classes resolved to one (routes replaced, not edited: they may be cached facts). */
export function resolveComposedControllers(decls: FileDecls[], types: TypeLike[]): void {
  for (const d of decls) {
    if (!d.routes.some((r) => r.stereotype)) continue;
    const out: RouteDecl[] = [];
    for (const r of d.routes) {
      if (!r.stereotype) {
        out.push(r);
        continue;
      }
      const { stereotype, ...rest } = r;
      const controllers = stereotype.names.map((n) => controllerType(n, types));
      if (!stereotype.controller) {
        if (!controllers.some(Boolean)) out.push(rest);
        continue;
      }
      const t = controllers[0];
      if (!t) continue;
      // No path at the use: the declaration's own @RequestMapping path, if it fixes one, is the class's.
      const base = stereotype.bare ? t.mapping?.path : undefined;
      out.push(base ? { ...rest, path: [base, rest.path].join('/') } : rest);
    }
    d.routes = out;
  }
}

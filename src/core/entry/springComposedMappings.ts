// Spring mappings written with an annotation the application declares itself:
//   @AnonymousAccess @RequestMapping(method = RequestMethod.GET)
//   public @interface AnonymousGetMapping { @AliasFor(annotation = RequestMapping.class) String[] value() default {}; }
//   …
//   @AnonymousGetMapping("/code") public ResponseEntity<Object> getCode() { … }
// Spring merges the meta-annotation: the method answers GET /code. The declaration and the use are
// in different files, so javaRoutes.ts keeps every unknown annotation of an unmapped controller
// method as a candidate route, and this file, once every file's annotation types are known, gives
// each candidate the methods (and, when the use names no path, the path) of the @RequestMapping /
// @GetMapping… its type carries, directly or through another composed annotation — or drops it.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, RouteDecl } from './types';
import { kids, stringValue } from './treeUtil';

/** The mapping an annotation type carries: its HTTP methods (empty: every method) and the path it fixes, if any. */
export interface TypeMapping {
  methods: string[];
  path?: string;
}

const SHORTCUT = new Map([
  ['GetMapping', 'GET'],
  ['PostMapping', 'POST'],
  ['PutMapping', 'PUT'],
  ['DeleteMapping', 'DELETE'],
  ['PatchMapping', 'PATCH'],
]);

/** The mapping meta-annotation on an `@interface` declaration (its modifiers), or undefined. */
export function typeMappingOf(modifiers: Node | undefined): TypeMapping | undefined {
  for (const a of kids(modifiers).filter((k) => k.type === 'annotation' || k.type === 'marker_annotation')) {
    const name = (a.childForFieldName('name')?.text ?? '').split('.').pop() ?? '';
    if (name !== 'RequestMapping' && !SHORTCUT.has(name)) continue;
    const values = new Map<string, Node[]>();
    for (const arg of kids(a.childForFieldName('arguments'))) {
      const [key, v] = arg.type === 'element_value_pair' ? [arg.childForFieldName('key')?.text ?? '', arg.childForFieldName('value')] : ['value', arg];
      if (v) values.set(key, v.type === 'element_value_array_initializer' ? kids(v) : [v]);
    }
    const paths = (values.get('value') ?? values.get('path') ?? []).map((n) => stringValue(n));
    // A path we cannot read (a constant of another file) or several paths: not a mapping we can place.
    if (paths.length > 1 || paths.some((p) => p === undefined)) return undefined;
    const methods = name === 'RequestMapping' ? (values.get('method') ?? []).map((n) => n.text.split('.').pop()!.toUpperCase()) : [SHORTCUT.get(name)!];
    return { methods, ...(paths[0] ? { path: paths[0] } : {}) };
  }
  return undefined;
}

/** An annotation type as this file needs it (springAnnotationPermits.ts's AnnotationType). */
export interface TypeLike {
  name: string;
  names: string[];
  mapping?: TypeMapping;
}

/** The mapping of `name`: its own, or that of a composed annotation on it (a few levels deep). */
function mappingOf(name: string, types: TypeLike[], depth = 0): TypeMapping | undefined {
  if (depth > 4) return undefined;
  const found = types.filter((t) => t.name === name);
  const each = found.map((t) => t.mapping ?? t.names.map((n) => (n === name ? undefined : mappingOf(n, types, depth + 1))).find(Boolean));
  // Two declarations of that name that disagree: which one the use imports is not read here.
  const distinct = new Set(each.map((m) => JSON.stringify(m ?? null)));
  return distinct.size === 1 ? each[0] : undefined;
}

/**
 * Each file's candidate routes resolved: given the methods and path of their annotation's type,
 * or dropped when that annotation is no mapping. Routes are replaced, not edited: a file's routes
 * may be the cached facts of its last read.
 */
export function resolveComposedMappings(decls: FileDecls[], types: TypeLike[]): void {
  for (const d of decls) {
    if (!d.routes.some((r) => r.composed)) continue;
    const out: RouteDecl[] = [];
    for (const r of d.routes) {
      if (!r.composed) {
        out.push(r);
        continue;
      }
      const mapping = mappingOf(r.composed.name, types);
      if (!mapping) continue;
      const { composed, ...rest } = r;
      // Joined as javaRoutes.ts joins a class path and a method path.
      const path = composed.base !== undefined ? [composed.base, mapping.path ?? ''].join('/') : r.path;
      for (const method of mapping.methods.length ? mapping.methods : ['ANY']) out.push({ ...rest, method, path });
    }
    d.routes = out;
  }
}

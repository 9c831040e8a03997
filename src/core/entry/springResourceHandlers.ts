// Spring MVC resource handlers: files the application serves with no controller,
//   public void addResourceHandlers(ResourceHandlerRegistry registry) {
//       registry.addResourceHandler("/avatar/**").addResourceLocations("file:" + path);
//       registry.addResourceHandler(Constants.RESOURCE_PREFIX + "/**").addResourceLocations(…);
// Each pattern is a GET route (`/avatar/**` → `/avatar/*`) under the SecurityFilterChain's URL
// rules, like a controller's. A path held in a constant of the file is read here; one held in a
// constant of another class (`Constants.RESOURCE_PREFIX`) is read once every file is known, from
// that class's own file (`Constants.java`), stamped so that editing it computes the answer again;
// a path not read either way stays `dynamic`, with its expression. View controllers
// (`registry.addViewController("/").setViewName("forward:/index")` in `addViewControllers`) are GET
// routes of the same kind.
import type { Node, Tree } from 'web-tree-sitter';
import type { DataFileStamp, FileDecls, RouteDecl } from './types';
import { all, kids, line, stringValue } from './treeUtil';
import { stampOf } from './interp/dataFiles';
import { kotlinConstants } from './kotlinScan';
import { ARRAY_SEP, declaredTypes, foreignLookup, joinedConstants, referencedTypes, splitConstRef, staticImports, topLevelOf, typeCandidates } from './javaConstantExprs';
import { classRanges, declaredClassNames, FileConstants, ownClass, scopedConstants } from './javaConstantScopes';

type ReadOptional = (rel: string) => Promise<string | undefined>;

/**
 * `/avatar/**` → `/avatar/*` (every file under it), as routes write a wildcard tail; so is a last segment
 * that only narrows the files by name (`/cdr/**.log`, `/js/*.js`).
 */
const servedPath = (p: string): string => p.replace(/\/\*\*$/, '/*').replace(/\/[^/{}:]*\*[^/{}:]*$/, '/*');

/** `static final String NAME = "…"` of a Java text. */
function stringConstants(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\bfinal\s+(?:(?:public|protected|private|static)\s+)*String\s+(\w+)\s*=\s*"((?:[^"\\\n]|\\.)*)"\s*;/g)) out.set(m[1]!, m[2]!);
  return joinedConstants(text, out);
}

/** The path of one argument: literal parts and constants of the file; `Type.NAME` of another class kept to resolve. */
export function pathOf(n: Node, consts: Map<string, string>, inline?: Map<string, Node>, statics?: Map<string, string>, fields?: Map<string, string>, ownClasses?: { has(name: string): boolean }): { path?: string; other?: { type: string; name: string; before: string; after: string } } {
  const parts: Node[] = [];
  // `inline`: constants of the file written as expressions (an interface's `String TARGETS = Api.V1 + "/targets"`), read in place.
  const flatten = (x: Node, depth = 0): void => {
    const named = x.type === 'identifier' && !consts.has(x.text) ? inline?.get(x.text) : undefined;
    if (named && depth < 8) flatten(named, depth + 1);
    else if (x.type === 'parenthesized_expression' && x.namedChildren[0]) flatten(x.namedChildren[0], depth);
    else if (x.type === 'binary_expression' && x.childForFieldName('operator')?.text === '+') {
      flatten(x.childForFieldName('left')!, depth);
      flatten(x.childForFieldName('right')!, depth);
    } else parts.push(x);
  };
  flatten(n);
  let before = '';
  let other: { type: string; name: string } | undefined;
  let after = '';
  for (const p of parts) {
    // A getter answering a constant (javaConstantExprs GETTER): of this class (`getPath()`), or of a bean field's class (`config.getPath()`).
    const getter = p.type === 'method_invocation' && /^get\w*$/.test(p.childForFieldName('name')?.text ?? '') && !kids(p.childForFieldName('arguments')).some((a) => a.isNamed) ? p : undefined;
    const receiver = getter?.childForFieldName('object');
    const own = getter && (!receiver || receiver.type === 'this') ? consts.get(`${getter.childForFieldName('name')!.text}()`) : undefined;
    // `Type.NAME` of a class of this file (qualified keys, javaConstantScopes.ts withQualifiedConstants), never a namesake.
    const s = stringValue(p) ?? (p.type === 'identifier' ? consts.get(p.text) : p.type === 'field_access' ? consts.get(p.text.replace(/\s+/g, '')) : own);
    const bean = getter && receiver?.type === 'identifier' ? fields?.get(receiver.text) : undefined;
    if (s === undefined && getter && bean) {
      if (other) return {};
      other = { type: bean, name: `${getter.childForFieldName('name')!.text}()` };
      continue;
    }
    // A String array's elements (javaConstantExprs.ts) are no one path.
    if (s?.includes(ARRAY_SEP)) return {};
    if (s !== undefined) {
      if (other) after += s;
      else before += s;
      continue;
    }
    // A constant imported statically (`import static …RestConstants.REST_V1`) is that class's.
    const imported = p.type === 'identifier' ? statics?.get(p.text) : undefined;
    const field = p.type === 'field_access' ? p.childForFieldName('field')?.text : imported ? p.text : undefined;
    // The class as written, package and nesting kept (`com.x.Constants`, `Constants.Auth`): resolved as Java would, not by its last name.
    const type = p.type === 'field_access' ? p.childForFieldName('object')?.text?.replace(/\s+/g, '') : imported;
    if (other || !field || !type || !splitConstRef(`${type}.${field}`)) return {};
    // A class of this file whose constant is not read here is not another file's namesake.
    if (!imported && ownClasses?.has(type.split('.')[0]!)) return {};
    other = { type, name: field };
  }
  return other ? { other: { ...other, before, after } } : { path: before };
}

/** The resource handlers an `addResourceHandlers` method of the file registers. */
export function resourceHandlerRoutes(tree: Tree, file: string, text: string): RouteDecl[] {
  if (!/\b(addResourceHandler|addViewController|addRedirectViewController|addStatusController)\s*\(/.test(text)) return [];
  const consts = new FileConstants(text, stringConstants(text), (v) => v);
  const own = declaredClassNames(text);
  const fields = declaredTypes(text);
  const out: RouteDecl[] = [];
  for (const m of all(tree.rootNode, 'method_declaration')) {
    if (m.childForFieldName('name')?.text === 'addViewControllers') out.push(...viewControllers(m, file, consts, fields, own));
    if (m.childForFieldName('name')?.text !== 'addResourceHandlers') continue;
    const cls = m.parent?.parent?.childForFieldName('name')?.text ?? '';
    for (const call of all(m, 'method_invocation')) {
      if (call.childForFieldName('name')?.text !== 'addResourceHandler') continue;
      const locations = call.parent?.type === 'method_invocation' && call.parent.childForFieldName('name')?.text === 'addResourceLocations' ? call.parent.childForFieldName('arguments')?.text ?? '' : '';
      for (const arg of kids(call.childForFieldName('arguments')).filter((a) => a.isNamed)) {
        const { path, other } = pathOf(arg, consts, undefined, undefined, fields, own);
        const handler = `${cls}.addResourceHandlers (resource handler ${locations.replace(/\s+/g, ' ').slice(0, 80)})`.replace(' ()', '');
        out.push({
          ...getRoute(call, file, servedPath(path ?? (other ? `${other.before}{${other.type}.${other.name}}${other.after}` : arg.text)), path === undefined ? arg.text : undefined, handler),
          ...(other ? { javaConst: other } : {}),
        });
      }
    }
  }
  return out;
}

/**
 * `registry.addViewController("/").setViewName("forward:/index")` (and the redirect and status
 * forms) in `addViewControllers`: a GET route the application answers with no controller of its
 * own, under the same URL rules as a controller's.
 */
function viewControllers(m: Node, file: string, consts: Map<string, string>, fields: Map<string, string>, own: { has(name: string): boolean }): RouteDecl[] {
  const cls = m.parent?.parent?.childForFieldName('name')?.text ?? '';
  const out: RouteDecl[] = [];
  for (const call of all(m, 'method_invocation')) {
    const kind = call.childForFieldName('name')?.text;
    if (kind !== 'addViewController' && kind !== 'addRedirectViewController' && kind !== 'addStatusController') continue;
    const arg = kids(call.childForFieldName('arguments')).find((a) => a.isNamed);
    if (!arg) continue;
    const { path, other } = pathOf(arg, consts, undefined, undefined, fields, own);
    const then = call.parent?.type === 'method_invocation' ? call.parent.text.slice(call.text.length).replace(/\s+/g, ' ').slice(0, 60) : '';
    out.push({ ...getRoute(call, file, path ?? arg.text, path === undefined ? arg.text : undefined, `${cls}.addViewControllers (${kind}${then ? ' ' + then.replace(/^\s*\.\s*/, '') : ''})`), ...(other ? { javaConst: other } : {}) });
  }
  return out;
}

/** A GET route the application answers itself at the registering call (no controller, no guard of its own). */
function getRoute(call: Node, file: string, path: string, dynamic: string | undefined, handler: string): RouteDecl {
  return { method: 'GET', path, ...(dynamic !== undefined ? { dynamic } : {}), handler, guards: [], file, line: line(call), order: call.startIndex, framework: 'spring' };
}

/**
 * The string constants of a class, read from its own file (`Type.java`, the one file of that name;
 * among several, the one `at` names first — the qualified names the referring file may mean, see
 * javaConstantExprs.ts typeCandidates — whose path ends as its package says; else undefined), each
 * file read once and stamped into the answer's data files.
 */
export function javaClassConstants(javaFiles: string[], readOptional: ReadOptional, dataFiles: DataFileStamp[]): (type: string, at?: readonly string[]) => Promise<Map<string, string> | undefined> {
  // Each file's classes (javaConstantScopes.ts): `Constants` and its nested `Constants.Auth` hold their own constants.
  const texts = new Map<string, Map<string, Map<string, string>> | undefined>();
  // A Kotlin `object Type { const val NAME = "…" }` in `Type.kt` holds them as well.
  const named = (files: string[], tail: string): string[] => files.filter((f) => f.endsWith(`/${tail}.java`) || f === `${tail}.java` || f.endsWith(`/${tail}.kt`) || f === `${tail}.kt`);
  const fileOf = (type: string, at?: readonly string[]): string | undefined => {
    const { qualified, simple } = topLevelOf(type);
    const files = named(javaFiles, simple);
    // A qualified name (`com.x.Constants.API`) means the file its package says, never another of that name.
    if (files.length <= 1 && !qualified) return files[0];
    for (const q of qualified ? [qualified] : at ?? []) {
      const hit = named(files, q.replace(/\./g, '/'));
      if (hit.length === 1) return hit[0];
    }
    return undefined;
  };
  const scopesOf = async (file: string): Promise<Map<string, Map<string, string>> | undefined> => {
    if (texts.has(file)) return texts.get(file);
    texts.set(file, undefined);
    const text = await readOptional(file);
    dataFiles.push(stampOf(file, text));
    if (text === undefined) return undefined;
    if (file.endsWith('.kt')) {
      const name = file.slice(file.lastIndexOf('/') + 1, -3);
      texts.set(file, new Map([[name, kotlinConstants(text)]]));
      return texts.get(file);
    }
    // Held before the classes it names are read: a cycle of constants reads as unread, not forever.
    texts.set(file, scopedConstants(text));
    const statics = staticImports(text);
    const candidates = typeCandidates(text);
    const maps = new Map<string, Map<string, string> | undefined>();
    const own = new Set(classRanges(text).map((r) => r.name));
    const unread = new Map<string, string>();
    for (const values of texts.get(file)!.values()) for (const [k, v] of values) unread.set(k, v);
    for (const t of referencedTypes(text, unread, statics)) {
      if (ownClass(own, topLevelOf(t).qualified ? '' : t.split('.')[0]!)) continue;
      maps.set(t, await constantsOf(t, candidates(t)));
    }
    if (maps.size) texts.set(file, scopedConstants(text, foreignLookup(maps, statics)));
    return texts.get(file);
  };
  const constantsOf = async (type: string, at?: readonly string[]): Promise<Map<string, string> | undefined> => {
    const file = fileOf(type, at);
    if (file === undefined) return undefined;
    const scopes = await scopesOf(file);
    // The class as written below its top-level one: `Constants.Auth` (or `com.x.Constants.Auth`) → `Constants.Auth`.
    const segs = type.replace(/\s+/g, '').split('.');
    const cls = segs.slice(segs.findIndex((s) => /^[A-Z]/.test(s))).join('.');
    return scopes?.get(cls);
  };
  return constantsOf;
}

/**
 * Resource paths held in another class's constant, read from that class's file (`Type.java`, the
 * one file of that name): the route's path is made whole, or stays dynamic when it is not found.
 * Routes are replaced, not edited: a file's routes may be the cached facts of its last read.
 */
export async function resolveJavaConstants(decls: FileDecls[], javaFiles: string[], readOptional: ReadOptional, dataFiles: DataFileStamp[]): Promise<void> {
  const constantsOf = javaClassConstants(javaFiles, readOptional, dataFiles);
  for (const d of decls) {
    if (!d.routes.some((r) => r.javaConst)) continue;
    const routes: RouteDecl[] = [];
    for (const r of d.routes) {
      const c = r.javaConst;
      const value = c ? (await constantsOf(c.type, c.at))?.get(c.name) : undefined;
      if (!c || value === undefined || value.includes(ARRAY_SEP)) {
        routes.push(r);
        continue;
      }
      const { javaConst: _, dynamic: __, ...rest } = r;
      routes.push({ ...rest, path: servedPath(c.before + value + c.after) });
    }
    d.routes = routes;
  }
}

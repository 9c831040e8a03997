// A Spring controller without a type-level @RequestMapping of its own takes the nearest one up its
// superclasses: Spring looks the class's mapping up with AnnotatedElementUtils.findMergedAnnotation,
// which searches the hierarchy, so
//   @RequestMapping("/api/v1") public abstract class BaseApiController { … }
//   @RestController public class ItemController extends BaseApiController { @GetMapping("/items") … }
// serves GET /api/v1/items. The base is usually in another file, so javaRoutes.ts and kotlinRoutes.ts
// mark such routes with `springBase` and this pass, once every file is known, reads the base's
// annotation (up to three classes up): string literals only; a path held in a constant or anything
// else leaves the route dynamic. A base not in the service (a library's) adds nothing.
import type { FileDecls, RouteDecl } from './types';
import { closingAt } from './javaBrackets';
import { superclassOf } from './springInterceptorBases';

/** The prefixes a class's own type-level @RequestMapping gives: [] for none, undefined when not read. */
export function typeLevelPaths(text: string, cls: string): { paths: string[]; text: string } | 'none' | undefined {
  const decl = new RegExp(`\\bclass\\s+${cls}\\b`).exec(text);
  if (!decl) return undefined;
  // The last @RequestMapping before the declaration, if only annotations and modifiers lie between.
  const before = text.slice(0, decl.index);
  const all = [...before.matchAll(/@(?:org\.springframework\.web\.bind\.annotation\.)?RequestMapping\b(\s*\()?/g)];
  const m = all[all.length - 1];
  if (!m) return 'none';
  const open = m.index + m[0].length;
  const i = m[1] ? closingAt(before, open) + 1 : open;
  if (i <= 0) return undefined;
  if (!onlyAnnotations(before.slice(i))) return 'none';
  if (!m[1]) return { paths: [''], text: m[0] };
  const args = before.slice(open, i - 1);
  const whole = before.slice(m.index, i);
  // Only the path attributes count; the others (method, produces…) narrow, they do not prefix.
  const pathArgs = args.replace(/\b(?:method|produces|consumes|headers|params|name)\s*=\s*(?:\[[^\]]*\]|\{[^}]*\}|arrayOf\([^)]*\)|[^,]+)/g, '');
  const paths = [...pathArgs.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((p) => p[1]!);
  const rest = pathArgs.replace(/"(?:[^"\\\n]|\\.)*"/g, '').replace(/\b(?:value|path)\s*=|arrayOf\s*\(|[[\]{}(),\s]/g, '');
  if (rest || !paths.length) return undefined;
  return { paths, text: whole };
}

/** Annotations (their arguments balanced), modifiers and comments only. */
function onlyAnnotations(between: string): boolean {
  let t = between.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  for (let k = t.indexOf('('); k >= 0; k = t.indexOf('(')) {
    const close = closingAt(t, k + 1);
    if (close < 0) return false;
    t = t.slice(0, k) + t.slice(close + 1);
  }
  return /^[\s@\w.]*$/.test(t) && !/\b(?:class|interface|fun|val|var|return|import|package)\b/.test(t);
}

/** Puts the inherited type-level path before each `springBase` route's; routes are replaced, not edited (they may be cached facts). */
export async function resolveInheritedClassPaths(decls: FileDecls[], jvmFiles: string[], read: (rel: string) => Promise<string | undefined>): Promise<void> {
  if (!decls.some((d) => d.routes.some((r) => r.springBase))) return;
  const base = (f: string) => f.slice(f.lastIndexOf('/') + 1);
  const prefixes = new Map<string, { paths: string[]; text: string } | undefined | null>();
  const classText = async (cls: string): Promise<string | undefined> => {
    for (const rel of jvmFiles.filter((f) => base(f) === `${cls}.java` || base(f) === `${cls}.kt`)) {
      const text = await read(rel);
      if (text && new RegExp(`\\bclass\\s+${cls}\\b`).test(text)) return text;
    }
    return undefined;
  };
  // null: no mapping up the hierarchy (or a base not in the service); undefined: one not read.
  const inherited = async (cls: string): Promise<{ paths: string[]; text: string } | undefined | null> => {
    if (prefixes.has(cls)) return prefixes.get(cls);
    let out: { paths: string[]; text: string } | undefined | null = null;
    let name: string | undefined = cls;
    for (let i = 0; i < 3 && name; i++) {
      const text = await classText(name);
      if (!text) break;
      const own = typeLevelPaths(text, name);
      if (own !== 'none') {
        out = own;
        break;
      }
      name = superclassOf(text, name);
    }
    prefixes.set(cls, out);
    return out;
  };
  for (const d of decls) {
    if (!d.routes.some((r) => r.springBase)) continue;
    const out: RouteDecl[] = [];
    for (const r of d.routes) {
      const { springBase, ...rest } = r;
      if (!springBase) {
        out.push(r);
        continue;
      }
      const got = await inherited(springBase);
      if (got === null) out.push(rest);
      else if (got === undefined) out.push({ ...rest, dynamic: `${springBase}'s @RequestMapping ${(r.dynamic ?? r.path).replace(/\/+/g, '/')}` });
      else {
        for (const p of got.paths) {
          out.push({ ...rest, path: `${p}/${r.path}`, ...(r.javaConst ? { javaConst: { ...r.javaConst, before: `${p}/${r.javaConst.before}` } } : {}) });
        }
      }
    }
    d.routes = out;
  }
}

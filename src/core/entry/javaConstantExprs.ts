// Java String constants written as expressions, not literals:
//   public static final String REST_V1 = REST + "/" + API_VERSION_1;        // the file's own constants
//   String TARGETS_V1 = MgmtRestConstants.REST_V1 + "/targets";            // an interface's implicit constant
//   import static org.example.MgmtRestConstants.REST_V1; … REST_V1 + "/autoassignments"
// read as `+` of literals, the file's constants and (given a lookup) another class's constants,
// named `Type.NAME` or imported statically. Anything else leaves the constant unread. A String
// array (`String[] PUBLIC = { API + "/auth/**", "/health" }`) is held as its elements joined by
// ARRAY_SEP: a Security rule's matchers take each (springRuleConstants.ts); a path takes none.

const EXPR = /(?:^|[;{}]\s*|\n\s*)(?:(?:public|protected|private|static|final)\s+)*String\s+(\w+)\s*=\s*((?:"(?:[^"\\\n]|\\.)*"|[\w.]+)(?:\s*\+\s*(?:"(?:[^"\\\n]|\\.)*"|[\w.]+))*)\s*;/g;
/**
 * A getter that answers a constant (`public String getFrontendPath() { return RequestMappings.FRONTEND; }`): held
 * as `getFrontendPath()`, so a path read through the bean that has it (`config.getFrontendPath()`) is read too.
 */
const GETTER = /(?:^|[;{}]\s*|\n\s*)(?:(?:public|protected|private|static|final)\s+)*String\s+(get\w*)\s*\(\s*\)\s*\{\s*return\s+((?:"(?:[^"\\\n]|\\.)*"|[\w.]+)(?:\s*\+\s*(?:"(?:[^"\\\n]|\\.)*"|[\w.]+))*)\s*;\s*\}/g;
/** A getter's part that is a constant: a literal, or a name written as constants are (`FRONTEND_CE`, `RequestMappings.API`), not a field the bean fills. */
const CONSTANT_PART = /^(?:"(?:[^"\\\n]|\\.)*"|(?:[\w]+\.)*[A-Z][A-Z0-9_]*)$/;
/** `EXPR` and `GETTER` matches, a getter named with its parentheses. */
function constantExprs(text: string): [string, string][] {
  const getters = [...text.matchAll(GETTER)].filter((m) => (m[2]!.match(PART) ?? []).every((p) => CONSTANT_PART.test(p)));
  return [...[...text.matchAll(EXPR)].map((m): [string, string] => [m[1]!, m[2]!]), ...getters.map((m): [string, string] => [`${m[1]!}()`, m[2]!])];
}
const PART = /"(?:[^"\\\n]|\\.)*"|[\w.]+/g;
const ARRAY = /(?:^|[;{}]\s*|\n\s*)(?:(?:public|protected|private|static|final)\s+)*String\s*\[\s*\]\s+(\w+)\s*=\s*(?:new\s+String\s*\[\s*\]\s*)?\{([^{};]*)\}\s*;/g;

const ELEMENT = /^(?:"(?:[^"\\\n]|\\.)*"|[\w.]+)(?:\s*\+\s*(?:"(?:[^"\\\n]|\\.)*"|[\w.]+))*$/;

/** Between the elements of a String array constant's value. */
export const ARRAY_SEP = '\u0002';

/** `com.x.Constants.Auth.NAME` → package `com.x`, class `Constants.Auth`, name `NAME`; undefined when no class is named. */
export function splitConstRef(ref: string): { pkg: string; cls: string; name: string } | undefined {
  const m = /^((?:[a-z_$][\w$]*\.)*)([A-Z][\w$]*(?:\.[A-Z][\w$]*)*)\.([\w$]+)$/.exec(ref.replace(/\s+/g, ''));
  return m ? { pkg: m[1]!.replace(/\.$/, ''), cls: m[2]!, name: m[3]! } : undefined;
}

/** `com.x.Constants.Auth` → `com.x.Constants` (the top-level class, the one a file is named after) and `Constants` its simple name. */
export function topLevelOf(type: string): { qualified?: string; simple: string } {
  const segs = type.replace(/\s+/g, '').split('.');
  const i = segs.findIndex((s) => /^[A-Z]/.test(s));
  if (i < 0) return { simple: segs[segs.length - 1] ?? type };
  return { ...(i > 0 ? { qualified: segs.slice(0, i + 1).join('.') } : {}), simple: segs[i]! };
}

/** `import static a.b.Type.NAME;` → NAME → Type. */
export function staticImports(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\s*import\s+static\s+(?:[\w]+\.)*([A-Z]\w*)\.(\w+)\s*;/gm)) out.set(m[2]!, m[1]!);
  return out;
}

/**
 * `known` completed with the constants written as `+` of literals and names it (or `foreign`, for a
 * name it does not hold) can read, in a few rounds (a constant may use one declared below it).
 */
export function joinedConstants(text: string, known: Map<string, string>, foreign?: (ref: string) => string | undefined): Map<string, string> {
  const exprs = constantExprs(text);
  for (let round = 0; round < 4; round++) {
    for (const [name, expr] of exprs) {
      if (known.has(name)) continue;
      const vals = (expr.match(PART) ?? []).map((p) => (p.startsWith('"') ? p.slice(1, -1) : known.get(p) ?? foreign?.(p)));
      if (vals.every((v) => v !== undefined)) known.set(name, vals.join(''));
    }
  }
  for (const [, name, body] of text.matchAll(ARRAY)) {
    if (known.has(name!)) continue;
    // Each element `+` of literals and names only (ELEMENT), else the array stays unread.
    const pieces = elementsOf(body!);
    if (!pieces.every((e) => ELEMENT.test(e))) continue;
    const elems = pieces.map((e) => (e.match(PART) ?? []).map((p) => (p.startsWith('"') ? p.slice(1, -1) : known.get(p) ?? foreign?.(p))));
    if (elems.length && elems.every((vals) => vals.length && vals.every((v) => v !== undefined && !v.includes(ARRAY_SEP)))) known.set(name!, elems.map((vals) => vals.join('')).join(ARRAY_SEP));
  }
  return known;
}

/** An array initializer's elements, split at commas outside strings. */
function elementsOf(body: string): string[] {
  return (body.match(/(?:"(?:[^"\\\n]|\\.)*"|[^,"])+/g) ?? []).map((e) => e.trim()).filter(Boolean);
}

/** `com.x.Constants.Auth` of a reference split by splitConstRef: the class as written, package and nesting kept. */
const qualifierOf = (r: { pkg: string; cls: string }): string => (r.pkg ? `${r.pkg}.${r.cls}` : r.cls);

/** The classes whose constants the file's unread constant expressions name (`Type.NAME`, `Outer.Nested.NAME`, `a.b.Type.NAME`, or a static import), as written. */
export function referencedTypes(text: string, known: Map<string, string>, statics: Map<string, string>): string[] {
  const out = new Set<string>();
  for (const [name, expr] of [...constantExprs(text), ...[...text.matchAll(ARRAY)].map((m): [string, string] => [m[1]!, m[2]!])]) {
    if (known.has(name)) continue;
    for (const p of expr.match(PART) ?? []) {
      if (p.startsWith('"') || known.has(p)) continue;
      const dotted = splitConstRef(p);
      const type = dotted ? qualifierOf(dotted) : statics.get(p);
      if (type) out.add(type);
    }
  }
  return [...out];
}

/** A lookup of `Type.NAME` or a statically imported NAME in the given classes' constants. */
export function foreignLookup(maps: Map<string, Map<string, string> | undefined>, statics: Map<string, string>): (ref: string) => string | undefined {
  return (ref) => {
    const dotted = splitConstRef(ref);
    const [type, name] = dotted ? [qualifierOf(dotted), dotted.name] : [statics.get(ref), ref];
    return type ? maps.get(type)?.get(name) : undefined;
  };
}

/**
 * The qualified names a simple class name may mean in a Java file, in the order Java looks: a
 * single-type import (`import a.b.Constants;`, or a static import of one of its members), the
 * file's own package, then its on-demand imports (`import a.b.*;`). For choosing among several
 * classes of one name in a repository (three `Constants.java`): the one the file means.
 */
export function typeCandidates(text: string): (type: string) => string[] {
  const single = new Map<string, string>();
  const onDemand: string[] = [];
  for (const m of text.matchAll(/^\s*import\s+(static\s+)?([\w.]+(?:\.\*)?)\s*;/gm)) {
    const parts = m[2]!.split('.');
    if (m[1]) parts.pop(); // a static import names a member (or `*`): the class is what precedes it
    else if (parts[parts.length - 1] === '*') {
      parts.pop();
      // `import a.b.Outer.*` brings Outer's nested classes, no top-level class of a file: left out.
      if (parts.length && !/^[A-Z]/.test(parts[parts.length - 1]!)) onDemand.push(parts.join('.'));
      continue;
    }
    const simple = parts[parts.length - 1];
    if (simple && /^[A-Z]/.test(simple) && !single.has(simple)) single.set(simple, parts.join('.'));
  }
  const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(text)?.[1];
  return (written) => {
    // A qualified name (`com.x.Constants`, `com.x.Constants.Auth`) means that top-level class alone;
    // a nested one (`Constants.Auth`) is looked up by its top-level class's simple name.
    const { qualified, simple: type } = topLevelOf(written);
    if (qualified) return [qualified];
    const out = [single.get(type), pkg ? `${pkg}.${type}` : type, ...onDemand.map((p) => `${p}.${type}`)];
    return out.filter((q): q is string => q !== undefined);
  };
}

/** Routes whose path names another class's constant, told which classes that name may mean in their file (`javaConst.at`). */
export function withTypeCandidates<R extends { javaConst?: { type: string; at?: string[] } }>(routes: R[], text: string): R[] {
  if (!routes.some((r) => r.javaConst)) return routes;
  const of = typeCandidates(text);
  return routes.map((r) => (r.javaConst ? { ...r, javaConst: { ...r.javaConst, at: of(r.javaConst.type) } } : r));
}

/** `OpenviduConfig openviduConfig;`, `private final Config config = …`: a field's (or local's) name → its declared type. */
export function declaredTypes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/(?:^|[;{}(,]\s*|\n\s*)(?:(?:public|protected|private|static|final)\s+)*([A-Z]\w*)\s+([a-z]\w*)\s*[;=,)]/g)) if (!out.has(m[2]!)) out.set(m[2]!, m[1]!);
  return out;
}

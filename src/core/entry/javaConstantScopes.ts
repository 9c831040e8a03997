// Java constants by the class that declares them. A constant is named by its class, and a nested
// class's constants are not its outer class's:
//   class Constants { static final String API = "/api";
//     static class Auth { static final String API = "/auth"; } }      // Constants.API ≠ Constants.Auth.API
//   @RequestMapping(com.example.Constants.API)                         // qualified: that package's class only
// Reading every constant of a file by its simple name gave a namesake's value (`Constants.Auth.API`
// read as `/api`, `Other.PATH` as the file's own PATH). Here each class of a file (its dotted name
// inside the file: `Constants`, `Constants.Auth`) holds its own constants; a reference is read from
// the class it names or left unread.
import { joinedConstants, splitConstRef } from './javaConstantExprs';

/** A class, interface, enum or record body of a Java text: its dotted name in the file and its braces. */
export type ClassRange = { name: string; start: number; end: number };

/** What a class scan steps over or on: text blocks, strings, characters, comments, braces, `;`, and a class keyword with its name (Kotlin's `object` too). */
const TOKEN = /"""[\s\S]*?(?:"""|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|[{};]|(?<![\w$.])(?:class|interface|enum|record|object)\s+([A-Za-z_$][\w$]*)/g;

/** Every class body of a Java text (strings, characters and comments skipped), outer classes first by position. */
export function classRanges(text: string): ClassRange[] {
  const out: ClassRange[] = [];
  const stack: (string | null)[] = [];
  const open: number[] = [];
  let pending: string | undefined;
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    if (m[1] !== undefined) pending = m[1];
    else if (t === '{') {
      const outer = [...stack].reverse().find((s) => s !== null);
      stack.push(pending === undefined ? null : outer ? `${outer}.${pending}` : pending);
      open.push(m.index!);
      pending = undefined;
    } else if (t === '}') {
      const name = stack.pop();
      const start = open.pop();
      if (name && start !== undefined) out.push({ name, start, end: m.index! });
    } else if (t === ';') pending = undefined;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** `static final String NAME = "…"` (or an interface's `String NAME = "…"`, read by joinedConstants). */
const LITERAL = /\bfinal\s+(?:(?:public|protected|private|static)\s+)*String\s+(\w+)\s*=\s*"((?:[^"\\\n]|\\.)*)"\s*;/g;

/** The text of one class body with the bodies of the classes nested in it blanked (lines kept). */
function ownText(text: string, r: ClassRange, ranges: ClassRange[]): string {
  const chars = text.slice(r.start, r.end + 1).split('');
  for (const n of ranges) {
    if (n === r || n.start <= r.start || n.end >= r.end) continue;
    for (let i = n.start; i <= n.end; i++) if (chars[i - r.start] !== '\n') chars[i - r.start] = ' ';
  }
  return chars.join('');
}

const parentOf = (name: string): string | undefined => (name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : undefined);

/** The one class of the file a written class name means (`Auth` for `Constants.Auth` inside its file, or the dotted name itself). */
export function ownClass(names: Iterable<string>, cls: string): string | undefined {
  const hits = [...names].filter((n) => n === cls || n.endsWith(`.${cls}`));
  return hits.length === 1 ? hits[0] : hits.find((n) => n === cls);
}

/**
 * The String constants of each class of a Java text, by the class's dotted name in the file. A
 * constant's `+` parts are read from its own class, then the enclosing ones (Java's scope), a
 * qualified name from the file's class it names, and only then from `foreign` (another class's file);
 * a name that means one of the file's classes is never looked up elsewhere.
 */
export function scopedConstants(text: string, foreign?: (ref: string) => string | undefined): Map<string, Map<string, string>> {
  const ranges = classRanges(text);
  const scopes = new Map<string, Map<string, string>>();
  const names = new Set(ranges.map((r) => r.name));
  const lookup =
    (scope: string) =>
    (ref: string): string | undefined => {
      if (!ref.includes('.')) {
        for (let s = parentOf(scope); s; s = parentOf(s)) {
          const v = scopes.get(s)?.get(ref);
          if (v !== undefined) return v;
        }
        return foreign?.(ref);
      }
      const parts = splitConstRef(ref);
      if (!parts) return undefined;
      const own = parts.pkg ? undefined : ownClass(names, parts.cls);
      if (own) return scopes.get(own)?.get(parts.name);
      const first = parts.cls.split('.')[0]!;
      if (!parts.pkg && ownClass(names, first)) return undefined;
      return foreign?.(ref);
    };
  const byDepth = [...ranges].sort((a, b) => a.name.split('.').length - b.name.split('.').length || a.start - b.start);
  const texts = new Map(byDepth.map((r) => [r, ownText(text, r, ranges)]));
  // Two rounds: an outer constant may be written with a nested class's one.
  for (let round = 0; round < 2; round++) {
    for (const r of byDepth) {
      const t = texts.get(r)!;
      const known = scopes.get(r.name) ?? new Map<string, string>();
      for (const m of t.matchAll(LITERAL)) if (!known.has(m[1]!)) known.set(m[1]!, m[2]!);
      scopes.set(r.name, joinedConstants(t, known, lookup(r.name)));
    }
  }
  return scopes;
}

/**
 * `consts` (a file's constants by simple name) with each class's constants also under their
 * qualified names as the file may write them (`Constants.Auth.API` and `Auth.API`); a name two
 * classes would give different values is left out.
 */
export function withQualifiedConstants<V>(text: string, consts: Map<string, V>, wrap: (v: string) => V): Map<string, V> {
  const ranges = classRanges(text);
  // One class: its constants are the file's (read as the caller read them), named by that class.
  if (ranges.length <= 1) {
    for (const [k, v] of [...consts]) if (ranges[0] && !k.includes('.')) consts.set(`${ranges[0].name}.${k}`, v);
    return consts;
  }
  const scopes = scopedConstants(text);
  const seen = new Map<string, string | null>();
  for (const [scope, values] of scopes) {
    const segs = scope.split('.');
    for (const [name, v] of values) {
      for (let i = 0; i < segs.length; i++) {
        const key = `${segs.slice(i).join('.')}.${name}`;
        seen.set(key, seen.has(key) && seen.get(key) !== v ? null : v);
      }
    }
  }
  for (const [key, v] of seen) if (v !== null && !consts.has(key)) consts.set(key, wrap(v));
  return consts;
}

/** The simple names of the classes a Java text declares (`Constants`, `Auth`), scanned the first time one is asked. */
export function declaredClassNames(text: string): { has(name: string): boolean } {
  let names: Set<string> | undefined;
  return { has: (name) => (names ??= new Set(classRanges(text).map((r) => r.name.split('.').pop()!))).has(name) };
}

/**
 * A file's constants by simple name (as its reader found them) that answer a dotted name
 * (`Constants.Auth.API`) from the class it names (withQualifiedConstants), worked out the first time
 * one is asked: most files never name a constant through a class, and scanning every file's classes
 * up front cost a large service (4,000 Java files) a second.
 */
export class FileConstants<V> extends Map<string, V> {
  private qualified: Map<string, V> | undefined;
  constructor(
    private readonly text: string,
    entries: Iterable<readonly [string, V]>,
    private readonly wrap: (v: string) => V,
  ) {
    super(entries);
  }
  private dotted(): Map<string, V> {
    this.qualified ??= withQualifiedConstants(this.text, new Map([...super.entries()].filter(([k]) => !k.includes('.'))), this.wrap);
    return this.qualified;
  }
  override get(key: string): V | undefined {
    return super.has(key) || !key.includes('.') ? super.get(key) : this.dotted().get(key);
  }
  override has(key: string): boolean {
    return super.has(key) || (key.includes('.') && this.dotted().has(key));
  }
}

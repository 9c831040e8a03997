// Paths of Spring Security rules written with another class's constants:
//   auth.requestMatchers(HttpMethod.GET, RequestMappings.API + "/config/openvidu-publicurl").permitAll()
// The file's own rules are read per file (springSecurity.ts), where `RequestMappings.API` is not
// known: such a path is kept with a marker naming the constant, and resolved once every file is
// known, from that class's own file (`RequestMappings.java`, stamped so that editing it computes
// the answer again). A constant not found there leaves the rule unread (its matcher could be
// anything), never a path made of the literal parts alone (`"/**"` would take every request).
import type { DataFileStamp } from './types';
import { javaClassConstants } from './springResourceHandlers';
import { ARRAY_SEP, typeCandidates } from './javaConstantExprs';

type ReadOptional = (rel: string) => Promise<string | undefined>;

/** The classes a file declares, for the constants springRuleSources.ts constantsOf read from it (concatPattern tells `Own.NAME` from `Other.NAME`). */
export const declaredIn = new WeakMap<Map<string, string[]>, { has(name: string): boolean }>();

/** Marks `Type.NAME` inside a pattern until the class's file is read. */
export const JAVA_CONST = '\u0001';

/** `s` split at `sep` (`,`, `+`, `&&`, `||`) outside brackets and double-quoted strings. */
export function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      out.push(s.slice(from, i));
      from = i + sep.length;
      i += sep.length - 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

const marker = (type: string, name: string): string => `${JAVA_CONST}${type}.${name}${JAVA_CONST}`;
/** `Type.NAME`, `Outer.Nested.NAME` or `com.x.Type.NAME`: the class as written and the constant's name. */
const CLASS_CONST = /^((?:[a-z_$][\w$]*\.)*[A-Z][\w$]*(?:\.[A-Z][\w$]*)*)\.([A-Za-z_$][\w$]*)$/;
/** Between a marked constant and the qualified classes its file may mean by it (typeCandidates). */
const AT = '\u0004';

/**
 * A file's rules with each marked constant told which classes its name may mean in that file, in
 * Java's order (javaConstantExprs.ts typeCandidates), as routes' `javaConst.at` are: among several
 * `Constants.java` the one the file imports is read.
 */
export function withRuleCandidates<R extends { patterns: string[]; chain?: C }, C extends { matchers: string[] }>(rules: R[], text: string): R[] {
  const marked = (ps: string[] | undefined) => !!ps?.some((p) => p.includes(JAVA_CONST));
  if (!rules.some((r) => marked(r.patterns) || marked(r.chain?.matchers))) return rules;
  const of = typeCandidates(text);
  const told = (ps: string[]): string[] =>
    ps.map((p) => p.split(JAVA_CONST).map((part, i) => (i % 2 === 1 && !part.includes(AT) ? [part, ...of(part.slice(0, part.lastIndexOf('.')))].join(AT) : part)).join(JAVA_CONST));
  const chains = new Map<C, C>();
  return rules.map((r) => {
    let chain = r.chain;
    if (chain && marked(chain.matchers)) {
      if (!chains.has(chain)) chains.set(chain, { ...chain, matchers: told(chain.matchers) });
      chain = chains.get(chain);
    }
    return marked(r.patterns) || chain !== r.chain ? { ...r, patterns: told(r.patterns), ...(chain ? { chain } : {}) } : r;
  });
}

/**
 * One matcher argument that is a concatenation (`A + "/**"`) or another class's constant
 * (`RequestMappings.API`): its pattern (markers for other classes' constants), `null` when a part
 * cannot be read, undefined when the argument is neither (the caller reads it as before).
 */
export function concatPattern(piece: string, consts: Map<string, string[]>): string | null | undefined {
  const parts = splitTop(piece, '+').map((p) => p.trim());
  // `Own.NAME` is the file's constant; `Other.NAME` another class's even when the file has a NAME of its own.
  const ownClass = (q: string | undefined): boolean => q === undefined || !!declaredIn.get(consts)?.has(q.split('.').pop()!);
  if (parts.length === 1) {
    const m = CLASS_CONST.exec(piece.replace(/\s+/g, ''));
    return m && !/(?:^|\.)HttpMethod$/.test(m[1]!) && !(consts.has(m[2]!) && ownClass(m[1])) ? marker(m[1]!, m[2]!) : undefined;
  }
  let s = '';
  for (const p of parts) {
    const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(p);
    const own = /^(?:([A-Z]\w*)\s*\.\s*)?([A-Za-z_]\w*)$/.exec(p);
    const other = CLASS_CONST.exec(p.replace(/\s+/g, ''));
    if (lit) s += lit[1];
    else if (own && consts.get(own[2]!)?.length === 1 && ownClass(own[1])) s += consts.get(own[2]!)![0];
    else if (other) s += marker(other[1]!, other[2]!);
    else return null;
  }
  return s;
}

/** Rules whose patterns name other classes' constants, made whole from those classes' files (or unread). */
export async function resolveRuleConstants<R extends { patterns: string[]; chain?: C }, C extends { matchers: string[] }>(rules: R[], javaFiles: string[], readOptional: ReadOptional, dataFiles: DataFileStamp[], unread: string): Promise<R[]> {
  const marked = (ps: string[] | undefined) => !!ps?.some((p) => p.includes(JAVA_CONST));
  if (!rules.some((r) => marked(r.patterns) || marked(r.chain?.matchers))) return rules;
  const constantsOf = javaClassConstants(javaFiles, readOptional, dataFiles);
  const resolve = async (ps: string[]): Promise<string[]> => {
    const patterns: string[] = [];
    for (const p of ps) {
      let whole: string | undefined = '';
      for (const [i, part] of p.split(JAVA_CONST).entries()) {
        if (i % 2 === 0) whole += part;
        else {
          const [ref, ...at] = part.split(AT);
          const dot = ref!.lastIndexOf('.');
          const value = (await constantsOf(ref!.slice(0, dot), at))?.get(ref!.slice(dot + 1));
          if (value === undefined) {
            whole = undefined;
            break;
          }
          whole += value;
        }
      }
      // `requestMatchers(Paths.PUBLIC)` with `String[] PUBLIC = {…}`: each element a pattern of the rule.
      patterns.push(...(whole ?? unread).split(ARRAY_SEP));
    }
    return patterns;
  };
  // A chain's securityMatcher may name another class's constant too; the chain is copied, one copy per chain.
  const chains = new Map<C, C>();
  const out: R[] = [];
  for (const r of rules) {
    let chain = r.chain;
    if (chain && marked(chain.matchers)) {
      if (!chains.has(chain)) chains.set(chain, { ...chain, matchers: await resolve(chain.matchers) });
      chain = chains.get(chain);
    }
    if (!marked(r.patterns) && chain === r.chain) {
      out.push(r);
      continue;
    }
    out.push({ ...r, patterns: marked(r.patterns) ? await resolve(r.patterns) : r.patterns, ...(chain ? { chain } : {}) });
  }
  return out;
}

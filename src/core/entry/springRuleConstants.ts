// Paths of Spring Security rules written with another class's constants:
//   auth.requestMatchers(HttpMethod.GET, RequestMappings.API + "/config/openvidu-publicurl").permitAll()
// The file's own rules are read per file (springSecurity.ts), where `RequestMappings.API` is not
// known: such a path is kept with a marker naming the constant, and resolved once every file is
// known, from that class's own file (`RequestMappings.java`, stamped so that editing it computes
// the answer again). A constant not found there leaves the rule unread (its matcher could be
// anything), never a path made of the literal parts alone (`"/**"` would take every request).
import type { DataFileStamp } from './types';
import { javaClassConstants } from './springResourceHandlers';
import { ARRAY_SEP } from './javaConstantExprs';

type ReadOptional = (rel: string) => Promise<string | undefined>;

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

/**
 * One matcher argument that is a concatenation (`A + "/**"`) or another class's constant
 * (`RequestMappings.API`): its pattern (markers for other classes' constants), `null` when a part
 * cannot be read, undefined when the argument is neither (the caller reads it as before).
 */
export function concatPattern(piece: string, consts: Map<string, string[]>): string | null | undefined {
  const parts = splitTop(piece, '+').map((p) => p.trim());
  if (parts.length === 1) {
    const m = /^([A-Z]\w*)\.([A-Za-z_]\w*)$/.exec(piece);
    return m && m[1] !== 'HttpMethod' && !consts.has(m[2]!) ? marker(m[1]!, m[2]!) : undefined;
  }
  let s = '';
  for (const p of parts) {
    const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(p);
    const own = /^(?:[A-Z]\w*\s*\.\s*)?([A-Za-z_]\w*)$/.exec(p);
    const other = /^([A-Z]\w*)\s*\.\s*([A-Za-z_]\w*)$/.exec(p);
    if (lit) s += lit[1];
    else if (own && consts.get(own[1]!)?.length === 1) s += consts.get(own[1]!)![0];
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
          const dot = part.indexOf('.');
          const value = (await constantsOf(part.slice(0, dot)))?.get(part.slice(dot + 1));
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

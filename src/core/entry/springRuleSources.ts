// Where a Spring Security rule's path patterns come from when they are not written in place:
// constants of the file (`static final String[] AUTH_WHITELIST = {…}`, written with another class's
// constant), a loop over a configuration class's list (`for (String url : ignoreUrlsConfig.getUrls())`),
// and a map of lists per HTTP method that a method of the code fills (`anonymousUrls.get(GET)`).
// springSecurity.ts reads the rules; what is not read here stays UNREAD, never a guess.
import { CONFIG_LIST } from './springConfigLists';
import { closeOf } from './javaBrackets';
import { concatPattern, declaredIn, splitTop } from './springRuleConstants';
import { declaredClassNames } from './javaConstantScopes';

/** A matcher whose paths could not be read (a custom RequestMatcher, a computed list). */
export const UNREAD = '<unread matcher>';

/** `static final String X = "…"`, `String[] X = {…}`, Kotlin `const val X = "…"` or `val X = arrayOf(…)`: name → values. */
export function constantsOf(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  declaredIn.set(out, declaredClassNames(text));
  for (const m of text.matchAll(/\b(?:final\s+(?:(?:public|protected|private|static)\s+)*String|const\s+val)\s+(\w+)\s*(?::\s*String\s*)?=\s*"([^"]*)"/g)) out.set(m[1], [m[2]]);
  for (const m of text.matchAll(/\bString\s*\[\]\s*(\w+)\s*=\s*(?:new\s+String\s*\[\]\s*)?\{([^}]*)\}/g)) out.set(m[1], [...m[2].matchAll(/"([^"]*)"/g)].map((x) => x[1]));
  // Written with another class's constant (`DDI = Api.CONTROLLER_V1 + "/**"`, or an array of such): kept
  // marked for springRuleConstants.ts to read; a part not read leaves the whole unread.
  for (const m of text.matchAll(/\bfinal\s+(?:(?:public|protected|private|static)\s+)*String\s+([A-Z][A-Z0-9_]*)\s*=\s*([^;"{][^;]*|"[^";]*"\s*\+[^;]*);/g)) {
    if (!out.has(m[1]) && /[A-Z]\w*\s*\.\s*\w+/.test(m[2])) out.set(m[1], [concatPattern(m[2].trim(), out) ?? UNREAD]);
  }
  for (const m of text.matchAll(/\bString\s*\[\]\s*(\w+)\s*=\s*(?:new\s+String\s*\[\]\s*)?\{([^}]*)\}/g)) {
    const items = splitTop(m[2], ',').map((x) => x.trim()).filter(Boolean);
    if (!items.some((x) => /^[A-Z]\w*\s*\.\s*\w+|\+/.test(x))) continue;
    out.set(m[1], items.map((x) => /^"([^"]*)"$/.exec(x)?.[1] ?? concatPattern(x, out) ?? UNREAD));
  }
  // Kotlin `private val PUBLIC_ENDPOINTS = arrayOf("/api/public/**", …)` (a companion object's, spread
  // into `requestMatchers(*PUBLIC_ENDPOINTS)`): each element a pattern; one not a literal is unread.
  for (const m of text.matchAll(/\b(?:const\s+)?val\s+([A-Z][A-Z0-9_]*)\s*(?::\s*[\w<>?]+\s*)?=\s*(?:arrayOf|listOf|setOf|mutableListOf|arrayListOf)\s*(?:<\s*String\s*>\s*)?\(/g)) {
    const open = m.index + m[0].length - 1;
    const items = splitTop(text.slice(open + 1, closeOf(text, open) - 1).replace(/\/\/[^\n]*/g, ''), ',').map((x) => x.trim()).filter(Boolean);
    if (!out.has(m[1]!)) out.set(m[1]!, items.map((x) => /^"([^"$]*)"$/.exec(x)?.[1] ?? concatPattern(x, out) ?? UNREAD));
  }
  return out;
}

/** Strings and constant names in an argument list, in order. */
export function patternsIn(args: string, consts: Map<string, string[]>): string[] {
  const out: string[] = [];
  const clean = args.replace(/\/\/[^\n]*/g, '');
  for (const piece of splitTop(clean, ',')) {
    // `RequestMappings.API + "/**"`: one path, whose parts are read together (springRuleConstants.ts).
    const joined = concatPattern(piece.trim(), consts);
    if (joined !== undefined) {
      out.push(joined ?? UNREAD);
      continue;
    }
    for (const m of piece.matchAll(/"([^"]*)"|\b([A-Z][A-Z0-9_]+)\b/g)) {
      if (m[1] !== undefined) out.push(m[1]);
      else out.push(...(consts.get(m[2]) ?? []));
    }
  }
  return out;
}



/**
 * `for (String url : ignoreUrlsConfig.getUrls())` or `ignoreUrlsConfig.getUrls().forEach(url -> …)`
 * with `IgnoreUrlsConfig ignoreUrlsConfig` a field of the file, or a parameter of the @Bean method
 * that loops (`shiroFilterFactoryBean(final ShiroProperties shiroProperties)`): loop variable →
 * `<config>IgnoreUrlsConfig.urls`, resolved from the list the code builds from an annotation
 * (springAnnotationPermits.ts) or from the application's configuration (springConfigLists.ts).
 */
export function configLoops(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const loops = [
    ...text.matchAll(/\bfor\s*\(\s*(?:final\s+)?[\w.<>]+\s+(\w+)\s*:\s*(\w+)\s*\.\s*get(\w+)\s*\(\s*\)\s*\)/g),
    ...[...text.matchAll(/\b(\w+)\s*\.\s*get(\w+)\s*\(\s*\)\s*\.\s*forEach\s*\(\s*\(?\s*(?:final\s+)?(?:String\s+)?(\w+)\s*\)?\s*->/g)].map((m) => [m[0], m[3], m[1], m[2]]),
  ];
  for (const m of loops) {
    const type = new RegExp(`\\b([A-Z]\\w*)\\s+${m[2]}\\s*[;=,)]`).exec(text)?.[1];
    if (type) out.set(m[1]!, `${CONFIG_LIST}${type}.${m[3]![0]!.toLowerCase()}${m[3]!.slice(1)}`);
  }
  return out;
}

/**
 * `Map<String, Set<String>> anonymousUrls = AnonTagUtils.getAnonymousUrl(applicationContext);`:
 * a local map of path lists filled by a method of the code → `Type.method`
 * (springAnnotationPermits.ts reads what that method collects).
 */
export function keyedMaps(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\bMap\s*<[^;=]*>\s+(\w+)\s*=\s*([A-Z]\w*)\s*\.\s*(\w+)\s*\([^;]*\)\s*;/g)) out.set(m[1]!, `${m[2]}.${m[3]}`);
  return out;
}

/**
 * `anonymousUrls.get(RequestMethodEnum.GET.getType()).toArray(new String[0])` over such a map:
 * `<config>Type.method#GET`, the list of that HTTP method (ALL for the one without a method).
 * A key that names no method is not read here (the rule stays unread).
 */
export function keyedList(args: string, maps: Map<string, string>): string | undefined {
  const m = /^(\w+)\s*\.\s*get\s*\(/.exec(args);
  if (!m || !maps.has(m[1]!)) return undefined;
  const open = m[0].length - 1;
  const close = closeOf(args, open);
  const rest = args.slice(close).trim();
  if (rest && !/^\.\s*(toArray\s*\([^()]*(\([^()]*\))?[^()]*\)|stream\s*\(\s*\)\s*\.\s*toArray\s*\([^()]*\))$/.test(rest)) return UNREAD;
  const words = [...args.slice(open, close).matchAll(/\b(GET|POST|PUT|PATCH|DELETE|ALL)\b/g)].map((w) => w[1]);
  return words.length === 1 ? `${CONFIG_LIST}${maps.get(m[1]!)}#${words[0]}` : UNREAD;
}

// Which requests a servlet filter of ours hands on before it refuses, when it says so in code:
//   boolean excluded = excludeUrls.stream().anyMatch(u -> PATH_MATCHER.match(u, servletPath));
//   if (excluded) { chain.doFilter(request, response); return; }
//   for (String suffix : excludeSuffixes) { … if (servletPath.endsWith(suffix)) { chain.doFilter(…); return; } }
// (sentinel-dashboard's DefaultLoginAuthenticationFilter). Each early `chain.doFilter` before the
// refusal is one pass; its test must compare the request's path (getServletPath/getRequestURI) with
// a literal or a list: a field filled by @Value from the application's configuration
// (`@Value("#{'${auth.filter.exclude-urls}'.split(',')}")`, `@Value("${x.open-paths}")`) or a literal
// list of the class. Any other test is a pass that is not read (`unread`): the caller says `unknown`
// for the routes the readable passes do not take, never "refused".
import { closeOf, closingAt } from './javaBrackets';
import { constantsOf, UNREAD } from './springRuleSources';
import { lookup, stringList } from './springConfigFiles';

export type PassHow = 'ant' | 'exact' | 'prefix' | 'suffix';
/** A pass the filter makes before refusing: paths of a list (how compared), or a test not read. */
export type FilterPass = { how: PassHow; list: string[]; source: string } | { how: 'unread'; text: string };

const CHAIN_ON = /\b(?:filterChain|chain)\s*\.\s*doFilter\s*\(/g;
const PATH_CALL = /\.\s*(?:getServletPath|getRequestURI|getPathInfo)\s*\(\s*\)/;

/** The passes in `body` (a doFilter method) before `refusalAt`; `configValue` gives a configuration key's value. */
export function filterPasses(body: string, refusalAt: number, classText: string, configValue: (key: string) => string[] | undefined): FilterPass[] {
  const out: FilterPass[] = [];
  for (const m of body.slice(0, refusalAt).matchAll(CHAIN_ON)) {
    const cond = enclosingTest(body, m.index);
    out.push(cond === undefined ? { how: 'unread', text: 'an unconditional chain.doFilter' } : readTest(cond, body, classText, configValue));
  }
  return out;
}

/** The test of the innermost `if (…) { … }` whose block holds `at`. */
function enclosingTest(body: string, at: number): string | undefined {
  let best: { start: number; cond: string } | undefined;
  for (const m of body.slice(0, at).matchAll(/\bif\s*\(/g)) {
    const open = m.index + m[0].length;
    const close = closingAt(body, open);
    if (close < 0) continue;
    const brace = /^\s*\{/.exec(body.slice(close + 1));
    if (!brace) continue;
    const b = close + 1 + brace[0].length - 1;
    if (b < at && closeOf(body, b) > at && (!best || b > best.start)) best = { start: b, cond: body.slice(open, close).trim() };
  }
  return best?.cond;
}

function readTest(cond: string, body: string, classText: string, configValue: (key: string) => string[] | undefined): FilterPass {
  const unread: FilterPass = { how: 'unread', text: cond };
  // `if (excluded)`: the boolean computed before.
  const local = /^\w+$/.test(cond) ? new RegExp(`\\b(?:boolean|var|val)\\s+${cond}\\s*=\\s*([^;]+);`).exec(body) : null;
  const expr = (local ? local[1]! : cond).replace(/\s+/g, ' ').trim();
  let how: PassHow | undefined;
  let subject: string | undefined;
  let listName: string | undefined;
  let literal: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\w+)\.stream\(\) ?\.anyMatch\( ?\(?(\w+)\)? ?-> ?[\w.]*\.match\( ?\2 ?, ?(\w+) ?\) ?\)$/.exec(expr))) [how, listName, subject] = ['ant', m[1], m[3]];
  else if ((m = /^(\w+)\.stream\(\) ?\.anyMatch\( ?\(?(\w+)\)? ?-> ?(\w+)\.(startsWith|equals)\( ?\2 ?\) ?\)$/.exec(expr))) [how, listName, subject] = [m[4] === 'equals' ? 'exact' : 'prefix', m[1], m[3]];
  else if ((m = /^(\w+)\.stream\(\) ?\.anyMatch\( ?(\w+)::(startsWith|equals) ?\)$/.exec(expr))) [how, listName, subject] = [m[3] === 'equals' ? 'exact' : 'prefix', m[1], m[2]];
  else if ((m = /^(\w+)\.contains\( ?(\w+) ?\)$/.exec(expr))) [how, listName, subject] = ['exact', m[1], m[2]];
  else if ((m = /^(\w+)\.(startsWith|endsWith|equals)\( ?"([^"]*)" ?\)$/.exec(expr))) [how, subject, literal] = [m[2] === 'equals' ? 'exact' : m[2] === 'endsWith' ? 'suffix' : 'prefix', m[1], m[3]];
  else if ((m = /^"([^"]*)"\.equals\( ?(\w+) ?\)$/.exec(expr))) [how, subject, literal] = ['exact', m[2], m[1]];
  else if ((m = /^(\w+)\.(startsWith|endsWith|equals)\( ?(\w+) ?\)$/.exec(expr))) {
    // `for (String suffix : excludeSuffixes) { … if (path.endsWith(suffix)) … }`
    const loop = new RegExp(`\\bfor\\s*\\(\\s*(?:final\\s+)?String\\s+${m[3]}\\s*:\\s*(\\w+)\\s*\\)`).exec(body);
    if (loop) [how, subject, listName] = [m[2] === 'equals' ? 'exact' : m[2] === 'endsWith' ? 'suffix' : 'prefix', m[1], loop[1]];
  }
  if (!how || !subject || !isRequestPath(subject, body)) return unread;
  if (literal !== undefined) return { how, list: [literal], source: `"${literal}"` };
  const list = listName ? listOf(listName, classText, configValue) : undefined;
  return list ? { how, list: list.values, source: list.source } : unread;
}

/** `servletPath` assigned from the request's path, or the call itself. */
function isRequestPath(name: string, body: string): boolean {
  return new RegExp(`\\b${name}\\s*=\\s*[^;]*${PATH_CALL.source}`).test(body);
}

/** A list field of the class: @Value from the configuration, or literal strings. */
function listOf(name: string, classText: string, configValue: (key: string) => string[] | undefined): { values: string[]; source: string } | undefined {
  const field = new RegExp(`@Value\\s*\\(\\s*"([^"]*)"\\s*\\)\\s*(?:(?:private|protected|public|final)\\s+)*(?:(?:java\\.util\\.)?(?:List|Set|Collection)\\s*<\\s*String\\s*>|String\\s*\\[\\s*\\])\\s+${name}\\s*;`).exec(classText);
  if (field) {
    const v = /^\$\{([\w.-]+)(?::([^}]*))?\}$/.exec(field[1]!) ?? /^#\{\s*'\$\{([\w.-]+)(?::([^}]*))?\}'\s*\.split\(\s*','\s*\)\s*\}$/.exec(field[1]!);
    if (!v) return undefined;
    const values = configValue(v[1]!) ?? (v[2] !== undefined ? v[2].split(',').map((s) => s.trim()).filter(Boolean) : undefined);
    return values ? { values, source: `@Value("${field[1]}")` } : undefined;
  }
  const lit = new RegExp(`\\b${name}\\s*=\\s*(?:Arrays\\.asList|List\\.of|Set\\.of)\\s*\\(([^)]*)\\)\\s*;`).exec(classText);
  if (lit) {
    const items = lit[1]!.split(',').map((s) => s.trim()).filter(Boolean);
    return items.every((s) => /^"[^"]*"$/.test(s)) ? { values: items.map((s) => s.slice(1, -1)), source: name } : undefined;
  }
  const c = constantsOf(classText).get(name);
  return c && !c.includes(UNREAD) ? { values: c, source: name } : undefined;
}

/** A configuration value as a string list, the later layer winning. */
export function configList(layers: unknown[], key: string): string[] | undefined {
  let v: string[] | undefined;
  for (const d of layers) v = stringList(lookup(d, key)) ?? v;
  return v;
}

/** Whether the pass takes `path` (`:x` parameters filled): true, false, or undefined when it cannot be told. */
export function passTakes(p: FilterPass, path: string, ant: (pattern: string, path: string) => boolean): boolean | undefined {
  if (p.how === 'unread') return undefined;
  if (p.how === 'ant') return p.list.some((x) => ant(x, path));
  if (p.how === 'exact') return p.list.includes(path);
  if (p.how === 'prefix') return p.list.some((x) => path.startsWith(x));
  // A suffix the filter may prefix with a dot (`"js"` → `".js"`): a path ending in the bare text only is not told.
  if (p.list.some((x) => path.endsWith(`.${x.replace(/^\./, '')}`))) return true;
  return p.list.some((x) => path.endsWith(x)) ? undefined : false;
}

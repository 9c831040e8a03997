// Apache Shiro URL rules, read statically from the filter chain definitions of a Java file:
//   Map<String, String> chains = new LinkedHashMap<>();
//   chains.put("/login", "anon");                       // ShiroFilterFactoryBean
//   chains.put("/**", "user,kickout");
//   factory.setFilterChainDefinitionMap(chains);
//   definition.addPathDefinition("/api/**", "authc");   // DefaultShiroFilterChainDefinition (the starter)
//   factory.setFilterChainDefinitions("/login = anon\n/** = authc");
// Shiro tries the patterns in the order they were put (a LinkedHashMap) and the first that matches
// the request path picks the chain of filters that runs; a path no pattern takes passes no Shiro
// filter. The rules are given in Spring Security's form (springSecurity.ts applies both the same
// way: first match decides, method security on the handler still counts):
//   - Shiro's own authenticating filters (authc, authcBasic, authcBearer, user) → authenticated;
//     perms[…], roles[…], rest[…] → an authorization rule;
//   - anon, or only filters of Shiro's that check no identity (noSessionCreation, ssl, port,
//     invalidRequest, logout) → permitAll: anyone in (a filter of the service's own beside `anon`,
//     a captcha check, is no sign-in);
//   - a chain of filters of the service's own only (`jwt`, `oauth2`) → decided by code we do not
//     judge here: the rule says so, and the route is `unknown` unless method security guards it.
// A chain with the `logout` filter answers its path itself (the filter logs out whoever is there and
// redirects): that path is a route of its own, anonymous allowed.
import type { EntryPoint } from './types';
import type { SecurityRule } from './springSecurity';
import { configLoops, constantsOf, UNREAD } from './springRuleSources';
import { closeOf } from './javaBrackets';
import { shiroFilterClasses } from './shiroOwnFilters';

const AUTHN = new Set(['authc', 'authcBasic', 'authcBearer', 'user']);
const AUTHZ = new Set(['perms', 'roles', 'rest']);
const NO_IDENTITY = new Set(['anon', 'noSessionCreation', 'ssl', 'port', 'invalidRequest', 'logout']);

/** A Shiro chain written in a rule: `authenticated`, `hasAuthority(perms[a:b])`, `permitAll`, or `shiro(jwt)` for filters of the service's own. */
export function shiroRule(chain: string): string {
  const filters = splitChain(chain);
  const names = filters.map((f) => f.replace(/\[.*$/s, '').trim());
  const authz = filters.filter((f, i) => AUTHZ.has(names[i]!));
  if (authz.length) return `hasAuthority(${authz.join(',')})`;
  if (names.some((n) => AUTHN.has(n))) return 'authenticated';
  if (names.includes('anon') || names.every((n) => NO_IDENTITY.has(n))) return 'permitAll';
  return `shiro(${names.filter((n) => !NO_IDENTITY.has(n)).join(',')})`;
}

/** `user, perms["a:b,c"]` → filters, commas inside brackets kept. */
function splitChain(chain: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of chain) {
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const lineAt = (text: string, i: number): number => text.slice(0, i).split('\n').length;

/** The string a Java argument holds: a literal, a constant of the file, or a loop variable over a configured list. */
function argValue(arg: string, consts: Map<string, string[]>, loops: Map<string, string>): string[] | undefined {
  const a = arg.trim();
  const lit = /^"((?:[^"\\]|\\.)*)"$/.exec(a);
  if (lit) return [lit[1]!];
  if (loops.has(a)) return [loops.get(a)!];
  const name = a.split('.').pop()!;
  return /^[A-Za-z_]\w*$/.test(name) ? consts.get(name) : undefined;
}

/** Top-level arguments of a call whose `(` is at `open`. */
function argsAt(text: string, open: number): string[] {
  const inner = text.slice(open + 1, closeOf(text, open) - 1);
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  let quote = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (quote) {
      if (c === '\\') cur += inner[i++] ?? '';
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

/** The Shiro URL rules of a Java file, in the order Shiro tries them. */
export function parseShiroChains(text: string, file: string): SecurityRule[] {
  if (!/\b(setFilterChainDefinitionMap|addPathDefinitions?|setFilterChainDefinitions)\s*\(/.test(text)) return [];
  const h = { consts: constantsOf(text), loops: configLoops(text) };
  // Filters of ours registered by name in this file (`filters.put("jwt", new JwtFilter())`): judged by their class later.
  const classes = shiroFilterClasses(text);
  const found: (SecurityRule & { i: number })[] = [];
  const add = (i: number, pattern: string[] | undefined, chain: string[] | undefined): void => {
    if (!chain || chain.length !== 1) return;
    const rule = shiroRule(chain[0]!);
    const own = /^shiro\(/.test(rule) ? splitChain(chain[0]!).map((f) => f.replace(/\[.*$/s, '').trim()).filter((n) => classes.has(n)).map((name) => ({ name, cls: classes.get(name)! })) : [];
    found.push({ patterns: pattern?.length ? pattern : [UNREAD], rule, via: `Shiro filters "${chain[0]}"`, file, line: lineAt(text, i), ...(own.length ? { ownFilters: own } : {}), i });
  };
  // The maps handed to the factory: their `put`s, in the order written (a LinkedHashMap keeps it).
  const maps = new Set([...text.matchAll(/\bsetFilterChainDefinitionMap\s*\(\s*(\w+)\s*\)/g)].map((m) => m[1]!));
  for (const m of text.matchAll(/\b(\w+)\s*\.\s*(put|addPathDefinition)\s*\(/g)) {
    if (m[2] === 'put' && !maps.has(m[1]!)) continue;
    const args = argsAt(text, m.index! + m[0].length - 1);
    if (args.length === 2) add(m.index!, argValue(args[0]!, h.consts, h.loops), argValue(args[1]!, h.consts, h.loops));
  }
  // The INI form: one `pattern = chain` a line, in a string (literal pieces joined).
  for (const m of text.matchAll(/\bsetFilterChainDefinitions\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const body = [...text.slice(open, closeOf(text, open)).matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((s) => s[1]).join('');
    for (const ln of body.split(/\\n|\n/)) {
      const d = /^\s*(\/\S*)\s*=\s*(.+?)\s*$/.exec(ln);
      if (d) add(m.index!, [d[1]!], [d[2]!]);
    }
  }
  found.sort((a, b) => a.i - b.i);
  return found.map(({ i: _, ...r }) => r);
}

/** The paths Shiro's logout filter answers (`put("/logout", "logout")`): routes of their own, anonymous allowed. */
export function shiroLogoutRoutes(rules: SecurityRule[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const r of rules) {
    if (!r.via || !/"(?:[^"]*,\s*)?logout\s*(?:,[^"]*)?"$/.test(r.via)) continue;
    for (const path of r.patterns.filter((p) => p.startsWith('/') && !p.includes('*'))) {
      out.push({
        id: `ANY ${path}`,
        kind: 'http',
        method: 'ANY',
        path,
        handler: 'Shiro LogoutFilter',
        file: r.file,
        line: r.line,
        guards: [{ name: 'LogoutFilter', kind: 'authentication', optional: true, reason: 'Shiro logout filter: logs out the subject if there is one and redirects, for anyone', file: r.file, line: r.line }],
        public: true,
        guardState: 'optional',
        guardReason: `Shiro logout filter (${r.file}:${r.line}) answers this path for anyone; it logs out the subject if there is one`,
        framework: 'shiro',
      });
    }
  }
  return out;
}

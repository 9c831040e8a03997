// Spring Security URL rules, read statically from the SecurityFilterChain beans of a file (Java
// chained and lambda DSL, Kotlin `it.requestMatchers(…)` and the `authorize(…)` DSL) and from
// older `configure(HttpSecurity)` adapters. As in Spring: the first chain whose securityMatcher(s)
// match the request handles it (chains ordered by @Order, then as declared; a chain without
// matchers takes every request), and inside it the first matching rule decides. A path no chain
// takes passes no security filter. Paths may be constants of the file (`static final String`,
// `String[] … = {…}`, Kotlin `const val`). A configuration class switched off under default
// settings (`@ConditionalOnExpression("'${service.type:null}'=='tb-rule-engine'")`) is left out.
import type { EntryPoint, Guard } from './types';
import { isPublic } from './guards';
import { closeOf } from './javaBrackets';
import type { ManagerDecision } from './springRbac';
import { chainSegments, localMethods } from './springChainMethods';
import { profileDoubt, profileOf } from './springProfiles';
import { configLoops, constantsOf, keyedList, keyedMaps, patternsIn, UNREAD } from './springRuleSources';

export interface SecurityChain {
  name: string;
  file: string;
  line: number;
  /**
   * @Order value; undefined sorts last, as Spring's default lowest precedence. Not named `order`:
   * in the entry facts that name holds a character offset (entryShift.ts renames it after an edit).
   */
  priority?: number;
  /** securityMatcher patterns; empty means every request. */
  matchers: string[];
  /** The @Profile-style condition it is declared under (springProfiles.ts), if any. */
  profile?: string;
}

export interface SecurityRule {
  method?: string;
  patterns: string[];
  /** permitAll, authenticated, hasRole('X'), denyAll, anonymous, access(...); '' for a chain's placeholder. */
  rule: string;
  file: string;
  line: number;
  chain?: SecurityChain;
  /** How the code wrote the rule when it is not Spring Security's own (`Shiro filters "user,kickout"`). */
  via?: string;
  /** The condition of the `if` (or `else`) block the rule is written in: it applies only when that holds. */
  when?: string;
  /** A Shiro chain's filters of the service's own with their classes (`statelessAuth` → StatelessAuthFilter), judged by shiroOwnFilters.ts. */
  ownFilters?: { name: string; cls: string }[];
}


// WebFlux's ServerHttpSecurity: `pathMatchers(…)`, `anyExchange()`, `matchers(<a ServerWebExchangeMatcher>)` (not read).
const MATCHER_CALL = /\.\s*(antMatchers|requestMatchers|mvcMatchers|regexMatchers|anyRequest|pathMatchers|anyExchange|matchers)\s*\(/g;
const RULE_CALL = /^\s*\.\s*(permitAll|authenticated|fullyAuthenticated|denyAll|anonymous|rememberMe|hasRole|hasAnyRole|hasAuthority|hasAnyAuthority|access|hasIpAddress)\s*\(/;

/**
 * `.antMatchers(…).permitAll()` and the like, their arguments read to the matching bracket (a
 * computed list nests calls: `urls.get(RequestMethodEnum.GET.getType()).toArray(new String[0])`).
 */
function matcherCalls(body: string): { index: number; kind: string; args: string; rule: string; ruleArgs: string }[] {
  const out: { index: number; kind: string; args: string; rule: string; ruleArgs: string }[] = [];
  for (const m of body.matchAll(MATCHER_CALL)) {
    const open = m.index! + m[0].length - 1;
    const close = closeOf(body, open);
    const r = RULE_CALL.exec(body.slice(close));
    if (!r) continue;
    const ruleOpen = close + r[0].length - 1;
    out.push({ index: m.index!, kind: m[1]!, args: body.slice(open + 1, close - 1), rule: r[1]!, ruleArgs: body.slice(ruleOpen + 1, closeOf(body, ruleOpen) - 1) });
  }
  return out;
}
/** Kotlin DSL: `authorize("/x", permitAll)`, `authorize(HttpMethod.GET, "/x", hasRole("A"))`, `authorize(anyRequest, authenticated)`. */
const KOTLIN_AUTHORIZE = /\bauthorize\s*\(\s*(?:HttpMethod\.(\w+)\s*,\s*)?("[^"]*"|anyRequest|[\w.]+)\s*,\s*(permitAll|authenticated|fullyAuthenticated|denyAll|anonymous|rememberMe|hasRole|hasAnyRole|hasAuthority|hasAnyAuthority|access)\b\s*(?:\(([^()]*)\))?\s*\)/g;

/** A class-level condition that is false under default settings: `'${key:default}'=='value'` with default ≠ value. */
function offByDefault(text: string): boolean {
  const cls = text.slice(0, text.search(/\bclass\s+\w+/) + 1 || text.length);
  const m = /@ConditionalOnExpression\(\s*"\s*'\$\{[\w.-]+:([^}]*)\}'\s*==\s*'([^']*)'\s*"\s*\)/.exec(cls);
  return !!m && m[1] !== m[2];
}

const lineAt = (text: string, i: number) => text.slice(0, i).split('\n').length;

export function parseSpringSecurity(text: string, file: string): SecurityRule[] {
  if (!/authorize(Http)?Requests|authorizeExchange/.test(text) || offByDefault(text)) return [];
  const consts = constantsOf(text);
  const loops = configLoops(text);
  const maps = keyedMaps(text);
  const bodies: { chain?: SecurityChain; start: number; end: number }[] = [];
  for (const m of text.matchAll(/Security(?:Web)?FilterChain\s+(\w+)\s*\([^)]*\)[^{;]*\{|\bfun\s+(\w+)\s*\([^)]*\)\s*:\s*Security(?:Web)?FilterChain\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    const end = closeOf(text, open);
    const body = text.slice(open, end);
    const before = text.slice(Math.max(text.lastIndexOf('}', m.index!), text.lastIndexOf(';', m.index!), 0), m.index!);
    const order = /@Order\(\s*(-?\d+)\s*\)/.exec(before);
    const matchers: string[] = [];
    for (const s of body.matchAll(/\b(securityMatchers?|antMatcher|requestMatchers\(\)\s*\.\s*antMatchers)\s*([({])/g)) {
      const at = s.index! + s[0].length - 1;
      // Inside the brackets: `(Api.REST + "/**")` read whole is one concatenation, not the literal `"/**"` alone.
      const args = body.slice(at, closeOf(body, at));
      const got = patternsIn(args.slice(1, -1), consts);
      // A matcher written with something not read (a constant of unknown value) is not "every request".
      matchers.push(...(got.length || !/\w/.test(args.slice(1, -1)) || /^\(\s*\w+\s*->/.test(args) ? got : [UNREAD]));
    }
    const profile = profileOf(text, m.index!);
    bodies.push({ chain: { name: m[1] ?? m[2], file, line: lineAt(text, m.index!), priority: order ? Number(order[1]) : undefined, matchers, ...(profile ? { profile } : {}) }, start: open, end });
  }
  if (!bodies.length) bodies.push({ start: 0, end: text.length });
  const rules: SecurityRule[] = [];
  const methods = localMethods(text);
  // A method returning the chain that a bean method calls (`return buildFilterChain(http)`) is part of that chain, not one of its own.
  const calledByAnother = (b: (typeof bodies)[number]) => !!b.chain && bodies.some((o) => o !== b && o.chain && new RegExp(`(?<![.\\w])${b.chain!.name}\\s*\\(`).test(text.slice(o.start, o.end)));
  for (const b of bodies.filter((x) => !calledByAnother(x))) {
    // A chain whose rules are written in helper methods it calls is read through them, in call order.
    const segments = b.chain ? chainSegments(text, b, methods) : [b];
    const before = rules.length;
    for (const seg of segments) rules.push(...segmentRules(text, file, seg, b.chain, { consts, loops, maps }));
    if (rules.length === before && b.chain) rules.push({ patterns: [], rule: '', file, line: b.chain.line, chain: b.chain });
  }
  return rules;
}

/**
 * `if (cond) { … }` and `else { … }` blocks of a text, outermost first: a rule written in one
 * applies only under a condition (a setting) this reading does not evaluate.
 */
function conditionalBlocks(body: string): { start: number; end: number; when: string }[] {
  const out: { start: number; end: number; when: string }[] = [];
  for (const m of body.matchAll(/\bif\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = closeOf(body, open);
    const brace = /^\s*\{/.exec(body.slice(close));
    if (!brace) continue;
    const start = close + brace[0].length - 1;
    const end = closeOf(body, start);
    const when = body.slice(open + 1, close - 1).replace(/\s+/g, ' ').trim();
    out.push({ start, end, when });
    const other = /^\s*else\s*\{/.exec(body.slice(end));
    if (other) {
      const elseStart = end + other[0].length - 1;
      out.push({ start: elseStart, end: closeOf(body, elseStart), when: `!(${when})` });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** The rules written in one stretch of a configuration's text, in order. */
function segmentRules(text: string, file: string, b: { start: number; end: number }, chain: SecurityChain | undefined, known: { consts: Map<string, string[]>; loops: Map<string, string>; maps: Map<string, string> }): SecurityRule[] {
  const { consts, loops, maps } = known;
  const body = text.slice(b.start, b.end);
  const found: SecurityRule[] = [];
  const at = (i: number) => lineAt(text, b.start + i);
  const blocks = conditionalBlocks(body);
  const whenAt = (i: number) => blocks.filter((k) => k.start < i && i < k.end).pop()?.when;
  for (const m of matcherCalls(body)) {
    const args = m.args.replace(/HttpMethod\.\w+\s*,?/, '').trim();
    // Actuator matchers (EndpointRequest.…) take no application route; another matcher we cannot read is unknown.
    if (/^EndpointRequest\./.test(args)) continue;
    const keyed = keyedList(args, maps);
    const patterns = m.kind === 'anyRequest' || m.kind === 'anyExchange' || args === '' ? ['/**'] : m.kind === 'matchers' ? [UNREAD] : loops.has(args) ? [loops.get(args)!] : keyed ? [keyed] : patternsIn(args, consts);
    found.push({ method: /HttpMethod\.(\w+)/.exec(m.args)?.[1], patterns: patterns.length ? patterns : [UNREAD], rule: m.ruleArgs ? `${m.rule}(${m.ruleArgs})` : m.rule, file, line: at(m.index), chain, ...(whenAt(m.index) ? { when: whenAt(m.index) } : {}), i: m.index } as SecurityRule & { i: number });
  }
  for (const m of body.matchAll(KOTLIN_AUTHORIZE)) {
    const patterns = m[2] === 'anyRequest' ? ['/**'] : m[2].startsWith('"') ? [m[2].slice(1, -1)] : consts.get(m[2].split('.').pop()!) ?? [];
    if (!patterns.length) continue;
    found.push({ method: m[1], patterns, rule: m[4] !== undefined ? `${m[3]}(${m[4]})` : m[3], file, line: at(m.index!), chain, i: m.index! } as SecurityRule & { i: number });
  }
  found.sort((x, y) => (x as SecurityRule & { i: number }).i - (y as SecurityRule & { i: number }).i);
  for (const r of found) delete (r as Partial<SecurityRule & { i: number }>).i;
  return found;
}

function antToRegex(pattern: string): RegExp {
  const p = pattern.replace(/\{[^}]+\}/g, '*');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  // `/articles/**` also matches `/articles`.
  re = re.replace(/\/\.\*$/, '(/.*)?');
  return new RegExp(`^${re}/?$`);
}

const matches = (patterns: string[], path: string) => patterns.some((p) => p.startsWith('/') && antToRegex(p).test(path));

/** Adds the deciding rule to each Spring/JAX-RS route as a guard (or notes that permitAll lets everyone in). */
export function applySpringSecurity(entries: EntryPoint[], rules: SecurityRule[], manager?: ManagerDecision): void {
  if (!rules.length) return;
  const chains = [...new Set(rules.map((r) => r.chain).filter((c): c is SecurityChain => !!c))];
  const declared = new Map(chains.map((c, i) => [c, i]));
  chains.sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity) || declared.get(a)! - declared.get(b)!);
  const doubts = new Map<EntryPoint, SecurityChain>();
  for (const e of entries) {
    if (e.kind !== 'http' || (e.framework !== 'spring' && e.framework !== 'jaxrs')) continue;
    const concrete = e.path.replace(/:(\w+)/g, 'x');
    let inChain = rules.filter((r) => !r.chain);
    const takes = (c: SecurityChain) => !c.matchers.length || matches(c.matchers, concrete);
    const chain = chains.find(takes);
    if (chains.length) {
      // An earlier chain whose securityMatcher could not be read may take this path first.
      const maybe = chains.slice(0, chain ? chains.indexOf(chain) : chains.length).find((c) => c.matchers.includes(UNREAD));
      if (maybe) doubts.set(e, maybe);
      if (!chain) {
        e.guardReason = `no SecurityFilterChain takes this path (${chains.map((c) => `${c.name}: ${c.matchers.join(', ') || 'every path'}`).join('; ')})`;
        continue;
      }
      inChain = rules.filter((r) => r.chain === chain);
    }
    // A route of every method meets the rules of each method, but not an OPTIONS-only one: Spring MVC
    // answers OPTIONS itself for a handler that does not declare it (the CORS preflight idiom
    // `.antMatchers(HttpMethod.OPTIONS, "/**").permitAll()` lets no caller into the handler).
    const forMethod = (r: SecurityRule) => !r.method || r.method === e.method || (e.method === 'ANY' && r.method !== 'OPTIONS');
    const first = inChain.find((r) => r.rule && forMethod(r) && (r.patterns.includes(UNREAD) || matches(r.patterns, concrete)));
    // A route that serves a whole subtree (`/files/*`, a resource handler) is open where an earlier
    // permitAll rule opens part of it (`/files/**/*.png`): some of its paths let anyone in.
    const tail = /\/\*$/.test(e.path) ? e.path.slice(0, -1) : undefined;
    const partly = tail !== undefined ? inChain.slice(0, first ? inChain.indexOf(first) : inChain.length).find((r) => /^(permitAll|anonymous)/.test(r.rule) && forMethod(r) && r.patterns.some((p) => p.startsWith(tail) || (p.startsWith('/') && antToRegex(p).test(`${tail}x`)))) : undefined;
    const rule = partly ?? first;
    // A chain whose authorization rules could not be read at all (built somewhere we do not follow) may refuse this request.
    if (!rule && chains.length && !inChain.some((r) => r.rule)) {
      const placeholder = inChain[0];
      e.guardState = 'unknown';
      e.guardReason = `the SecurityFilterChain that takes this path (${placeholder ? `${placeholder.chain?.name ?? ''} at ${placeholder.file}:${placeholder.line}` : 'declared'}) builds its rules where they could not be read`;
      continue;
    }
    // A path we could not read may be one any rule takes, or none.
    if (!rule && e.dynamic) {
      e.guardState = 'unknown';
      e.guardReason = `its path could not be read (${e.dynamic.expression}), so which Spring Security rule decides is not known`;
      continue;
    }
    if (!rule) continue;
    // A rule that opens the path only under a condition (`if (publicAccess) …permitAll()`), with a
    // later rule that would refuse it otherwise: which one decides depends on a setting not read here.
    if (rule.when && /^(permitAll|anonymous)/.test(rule.rule)) {
      const later = inChain.slice(inChain.indexOf(rule) + 1).find((r) => r.rule && !/^(permitAll|anonymous)/.test(r.rule) && forMethod(r) && (r.patterns.includes(UNREAD) || matches(r.patterns, concrete)));
      if (later) {
        e.guardState = 'unknown';
        e.guardReason = `open only when ${rule.when} (${rule.file}:${rule.line} → ${rule.rule}); otherwise ${later.file}:${later.line} → ${later.rule} decides`;
        continue;
      }
    }
    if (rule.patterns.includes(UNREAD)) {
      // Method security outranks the URL rules: whatever the unread rule decides, a request it lets
      // through still meets the handler's @PreAuthorize/@Secured/@RolesAllowed, which refuses a
      // caller without the identity it asks for (and a rule that refuses refuses too).
      if (e.guards.some((g) => g.kind !== 'other' && !g.optional)) {
        e.guardReason = `${e.guards
          .filter((g) => g.kind !== 'other' && !g.optional)
          .map((g) => `${g.name} (${g.file}:${g.line})`)
          .join(', ')}; an earlier Spring Security rule whose matcher could not be read (${rule.file}:${rule.line} → ${rule.rule}) cannot let a caller past method security`;
        continue;
      }
      e.guardState = 'unknown';
      e.guardReason = `a Spring Security rule whose matcher could not be read may decide first (${rule.file}:${rule.line} → ${rule.rule})`;
      continue;
    }
    const doubt = chain && profileDoubt(chain, rule, chains, takes, (c) => rules.find((r) => r.chain === c && r.rule && forMethod(r) && matches(r.patterns, concrete)));
    if (doubt) {
      e.guardState = 'unknown';
      e.guardReason = doubt;
      continue;
    }
    const name = `${rule.method ? rule.method + ' ' : ''}${rule.patterns.join(', ')} → ${rule.via ?? rule.rule}`;
    // A Shiro chain of filters of the service's own (`jwt`): their code decides, which this rule does not read.
    if (/^shiro\(/.test(rule.rule) && !e.guards.some((g) => g.kind !== 'other' && !g.optional)) {
      e.guardState = 'unknown';
      e.guardReason = `decided by Shiro filters of the service's own (${rule.file}:${rule.line} → ${rule.via ?? rule.rule})`;
      continue;
    }
    // `access(new RequestInfoAuthorizationManager(…))`, `access((authentication, context) -> …)`: an
    // authorization manager of the service's own decides, by code (and data) of its own — it may let
    // anonymous callers in, so the rule alone says neither guarded nor open.
    // One that decides by Kubernetes-style RBAC over role templates the service declares is read (springRbac.ts).
    if (/^access\(\s*(new\s|\(?\s*\w+\s*(,\s*\w+\s*)?\)?\s*->)/.test(rule.rule) && !e.guards.some((g) => g.kind !== 'other' && !g.optional)) {
      const decided = manager?.(e, rule);
      if (decided && typeof decided !== 'string') {
        e.guards.push(decided);
        e.public = isPublic(e.guards);
        continue;
      }
      e.guardState = 'unknown';
      e.guardReason = decided ?? `decided by an authorization manager of the service's own (${rule.file}:${rule.line} → ${rule.rule.slice(0, 80)})`;
      continue;
    }
    const base = { name, file: rule.file, line: rule.line, reason: `${rule.via ? 'Shiro filter chain' : 'Spring Security'} rule${rule.chain ? ` of ${rule.chain.name}` : ''} (${rule === partly ? 'opens part of' : 'first match for'} ${e.method} ${e.path})` };
    let g: Guard | undefined;
    if (/^(authenticated|fullyAuthenticated|rememberMe)/.test(rule.rule)) g = { ...base, kind: 'authentication' };
    else if (/^(has|access|denyAll)/.test(rule.rule)) g = { ...base, kind: 'authorization' };
    // permitAll lets every caller in; it reads no identity by itself, so it is no guard of either kind.
    else if (/^(permitAll|anonymous)/.test(rule.rule)) g = { ...base, kind: 'other', optional: true };
    if (g) {
      e.guards.push(g);
      e.public = isPublic(e.guards);
      // A rule that refuses settles a doubt about what lies behind it (a WebSocket's message code).
      if (g.kind !== 'other' && e.guardState === 'unknown') {
        delete e.guardState;
        delete e.guardReason;
      }
    }
  }
  settleDoubts(doubts, rules);
}

/**
 * A route an earlier chain with an unread securityMatcher may take: refused either way when that
 * chain's every rule refuses and the route is guarded without it; otherwise which chain decides is not known.
 */
function settleDoubts(doubts: Map<EntryPoint, SecurityChain>, rules: SecurityRule[]): void {
  for (const [e, chain] of doubts) {
    const own = rules.filter((r) => r.chain === chain);
    const refuses = own.length > 0 && own.every((r) => /^(authenticated|fullyAuthenticated|has|denyAll)/.test(r.rule) && !r.when);
    if (refuses && e.guardState !== 'unknown' && e.guards.some((g) => g.kind !== 'other' && !g.optional)) continue;
    e.guardState = 'unknown';
    e.guardReason = `the SecurityFilterChain ${chain.name} (${chain.file}:${chain.line}), whose securityMatcher could not be read, may take this path first`;
  }
}

// Spring Security URL rules, read statically from `authorizeRequests()` / `authorizeHttpRequests()`
// chains (both the chained and the lambda DSL): the first matching rule decides, as in Spring.
import type { EntryPoint, Guard } from './types';
import { isPublic } from './guards';

export interface SecurityRule {
  method?: string;
  patterns: string[];
  /** permitAll, authenticated, hasRole('X'), denyAll, anonymous, access(...) */
  rule: string;
  file: string;
  line: number;
}

const MATCHER = /\.(antMatchers|requestMatchers|mvcMatchers|regexMatchers|anyRequest)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*\.\s*(permitAll|authenticated|fullyAuthenticated|denyAll|anonymous|rememberMe|hasRole|hasAnyRole|hasAuthority|hasAnyAuthority|access|hasIpAddress)\s*\(([^()]*)\)/g;

export function parseSpringSecurity(text: string, file: string): SecurityRule[] {
  if (!/authorize(Http)?Requests|authorizeExchange/.test(text)) return [];
  const rules: SecurityRule[] = [];
  MATCHER.lastIndex = 0;
  for (let m = MATCHER.exec(text); m; m = MATCHER.exec(text)) {
    const args = m[2];
    const method = /HttpMethod\.(\w+)/.exec(args)?.[1];
    const patterns = m[1] === 'anyRequest' ? ['/**'] : [...args.matchAll(/"([^"]*)"/g)].map((x) => x[1]);
    const line = text.slice(0, m.index).split('\n').length;
    rules.push({ method, patterns: patterns.length ? patterns : ['/**'], rule: m[4] ? `${m[3]}(${m[4]})` : m[3], file, line });
  }
  return rules;
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

/** Adds the deciding rule to each Spring/JAX-RS route as a guard (or marks it public by permitAll). */
export function applySpringSecurity(entries: EntryPoint[], rules: SecurityRule[]): void {
  if (!rules.length) return;
  for (const e of entries) {
    if (e.kind !== 'http' || (e.framework !== 'spring' && e.framework !== 'jaxrs')) continue;
    const concrete = e.path.replace(/:(\w+)/g, 'x');
    const rule = rules.find((r) => (!r.method || r.method === e.method || e.method === 'ANY') && r.patterns.some((p) => antToRegex(p).test(concrete)));
    if (!rule) continue;
    const name = `${rule.method ? rule.method + ' ' : ''}${rule.patterns.join(', ')} → ${rule.rule}`;
    const base = { name, file: rule.file, line: rule.line, reason: `Spring Security rule (first match for ${e.method} ${e.path})` };
    let g: Guard | undefined;
    if (/^(authenticated|fullyAuthenticated|rememberMe)/.test(rule.rule)) g = { ...base, kind: 'authentication' };
    else if (/^(has|access|denyAll)/.test(rule.rule)) g = { ...base, kind: 'authorization' };
    else if (/^(permitAll|anonymous)/.test(rule.rule)) g = { ...base, kind: 'authentication', optional: true };
    if (g) {
      e.guards.push(g);
      e.public = isPublic(e.guards);
    }
  }
}

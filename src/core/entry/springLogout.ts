// The route Spring Security's LogoutFilter answers when a SecurityFilterChain configures it:
//   .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(h))   Java lambda DSL
//   .logout().logoutUrl("/logout")                                           older chained DSL
//   .logout { it.logoutUrl("/api/logout") } / logout { logoutUrl = "/x" }    Kotlin
// `.logout(withDefaults())` or no logoutUrl answers `/logout`. The filter runs before the
// authorization rules, so none of them applies: anyone may call it and it logs out the caller it
// identifies, if any (anonymous allowed). With CSRF protection on it matches POST only; with CSRF
// disabled, any method. A chain that disables logout, or names a custom request matcher we do
// not read, adds no route here. (A chain built from Spring Boot's HttpSecurity has the filter even
// without `.logout(…)`; it is only listed when the code configures it, where a reader sees it.)
import type { EntryPoint } from './types';
import { closeOf } from './javaBrackets';


const lineAt = (text: string, i: number): number => text.slice(0, i).split('\n').length;

/** CSRF protection switched off anywhere in the file's security configuration. */
function csrfDisabled(text: string): boolean {
  for (const m of text.matchAll(/\bcsrf\s*(\(|\{)/g)) {
    const open = m.index! + m[0].length - 1;
    const args = text.slice(open, closeOf(text, open));
    if (/\bdisable\s*\(\s*\)|::disable\b/.test(args)) return true;
    // `.csrf().disable()`
    if (args.replace(/\s/g, '') === '()' && /^\s*\.\s*disable\s*\(/.test(text.slice(open + args.length))) return true;
  }
  return false;
}

/** The logout routes a Java or Kotlin security configuration file configures. */
export function springLogoutRoutes(text: string, file: string): EntryPoint[] {
  if (!/\bHttpSecurity\b|\bSecurityFilterChain\b/.test(text) || !/\blogout\s*[({]/.test(text)) return [];
  const out: EntryPoint[] = [];
  const method = csrfDisabled(text) ? 'ANY' : 'POST';
  for (const m of text.matchAll(/(?:\.\s*|\n\s*)logout\s*(\(|\{)/g)) {
    const open = m.index! + m[0].length - 1;
    const end = closeOf(text, open);
    let conf = text.slice(open, end);
    // `.logout()` with its settings chained after it, up to `.and()` or the end of the statement.
    if (conf.replace(/\s/g, '') === '()') {
      const rest = text.slice(end);
      const stop = rest.search(/\.\s*and\s*\(\s*\)|;/);
      conf = rest.slice(0, stop < 0 ? rest.length : stop);
    }
    if (/\bdisable\s*\(\s*\)|::disable\b|\blogoutRequestMatcher\b/.test(conf)) continue;
    const url = /\blogoutUrl\s*(?:\(\s*|=\s*)"([^"]*)"/.exec(conf);
    if (/\blogoutUrl\b/.test(conf) && !url) continue;
    const path = url ? url[1]! : '/logout';
    const line = lineAt(text, m.index! + m[0].indexOf('logout'));
    out.push({
      id: `${method} ${path}`,
      kind: 'http',
      method,
      path,
      handler: 'Spring Security LogoutFilter',
      file,
      line,
      guards: [{ name: 'LogoutFilter', kind: 'authentication', optional: true, reason: 'Spring Security LogoutFilter: runs before the authorization rules and logs out the caller it identifies, if any', file, line }],
      public: true,
      guardState: 'optional',
      guardReason: `Spring Security LogoutFilter (${file}:${line}) runs before the authorization rules: anyone may call it; it logs out the caller it identifies, if any`,
      framework: 'spring-security',
    });
  }
  return out;
}

/**
 * A controller handler mapped where a configured LogoutFilter listens (`@GetMapping("/user/logout")`
 * beside `.logoutUrl("/user/logout")` with CSRF off) is never reached: the filter answers the request
 * before the authorization rules and before the dispatcher, for any caller. The route is the
 * filter's, so it takes the filter's state (optional) instead of the URL rule or method security it
 * would otherwise meet. Only a method the filter matches is shadowed (POST alone while CSRF is on).
 */
export function shadowByLogout(entries: EntryPoint[], others: readonly EntryPoint[]): void {
  const filters = others.filter((o) => o.kind === 'http' && o.handler === 'Spring Security LogoutFilter');
  if (!filters.length) return;
  for (const e of entries) {
    if (e.kind !== 'http' || e.framework !== 'spring' || e.dynamic) continue;
    // Spring Security 6 matches GET, POST, PUT and DELETE on the logout URL when CSRF is off.
    const f = filters.find((o) => o.path === e.path && (o.method === e.method || (o.method === 'ANY' && /^(GET|POST|PUT|DELETE)$/.test(e.method))));
    if (!f) continue;
    e.guards = f.guards.map((g) => ({ ...g }));
    e.public = true;
    e.guardState = 'optional';
    e.guardReason = `answered by the Spring Security LogoutFilter (${f.file}:${f.line}) before the authorization rules and before this handler: anyone may call it; it logs out the caller it identifies, if any`;
  }
}

// Security chains switched by Spring profile: `@Profile("auth") class AuthConfig { @Bean SecurityFilterChain … }`
// beside `@Profile("dev")` or `@ConditionalOnMissingProfile({"auth"})` ones (Apollo's portal declares four). Only one
// is active in a deployment, and which one is a setting we do not evaluate; the chains are read as Spring orders
// several (the first declared first). A route that chain opens while another profile's chain would refuse it is
// therefore not known to be open: it is `unknown`. A refusal by the first chain stands (the other reading opens no
// route we would call guarded without a refusal we read).
import type { SecurityChain, SecurityRule } from './springSecurity';
import { closeOf } from './javaBrackets';

const PROFILE = /@(Profile|ConditionalOnMissingProfile|ConditionalOnProfile)\s*\(([^)]*)\)/;

/** The annotations written just before index `at`: back to the previous statement, member or block start. */
function annotationsBefore(text: string, at: number): string {
  const window = text.slice(Math.max(0, at - 600), at);
  let cut = 0;
  for (const m of window.matchAll(/;|\}\s*\n|\{\s*\n/g)) cut = m.index! + m[0].length;
  return window.slice(cut);
}

/** The profile condition a chain's bean method (at `at`) is declared under, on itself or an enclosing class. */
export function profileOf(text: string, at: number): string | undefined {
  const own = PROFILE.exec(annotationsBefore(text, at));
  if (own) return own[0].replace(/\s+/g, ' ');
  let found: string | undefined;
  for (const m of text.slice(0, at).matchAll(/\bclass\s+\w+[^{;]*\{/g)) {
    const open = m.index! + m[0].length - 1;
    if (closeOf(text, open) <= at) continue;
    const p = PROFILE.exec(annotationsBefore(text, m.index!));
    // The innermost enclosing class that carries one decides.
    if (p) found = p[0].replace(/\s+/g, ' ');
  }
  return found;
}

const REFUSES = /^(authenticated|fullyAuthenticated|rememberMe|has|access|denyAll)/;

/**
 * Why a route the taken chain opens is not known to be open: another profile's chain that would take
 * it refuses it. `takes` says whether a chain takes the route, `first` gives a chain's deciding rule.
 */
export function profileDoubt(taken: SecurityChain, rule: SecurityRule, chains: readonly SecurityChain[], takes: (c: SecurityChain) => boolean, first: (c: SecurityChain) => SecurityRule | undefined): string | undefined {
  if (!taken.profile || !/^(permitAll|anonymous)/.test(rule.rule)) return undefined;
  for (const c of chains) {
    if (c === taken || !c.profile || c.profile === taken.profile || !takes(c)) continue;
    const r = first(c);
    if (r && REFUSES.test(r.rule) && !r.when) {
      return `open under ${taken.profile} (${rule.file}:${rule.line} → ${rule.rule}) but refused under ${c.profile} (${r.file}:${r.line} → ${r.rule}); which profile is active is a deployment setting`;
    }
  }
  return undefined;
}

// A servlet filter of the service's own, registered for every request (`@Component` on a
// `OncePerRequestFilter`, `@WebFilter`), whose code refuses (`response.sendError(401)`,
// `setStatus(SC_FORBIDDEN)`, a status constant of ours, a helper it calls) stands in front of every
// Spring MVC and JAX-RS route, Spring Security or not. Which requests it lets through (its own path
// tests, `shouldNotFilter`) is not read, so a route nothing else guards is `unknown`, never "none
// refuses". A filter that passes a request without credentials on first (`if (header == null) {
// chain.doFilter(…); return; }`: a token decoder) refuses only bad credentials and changes nothing;
// so does one whose every refusal sits under a condition that needs a credential (credentialGatedRefusals.ts).
import { everyRefusalNeedsCredential } from './credentialGatedRefusals';
import { closeOf } from './javaBrackets';
import type { EntryPoint } from './types';

export interface ServletFilter {
  name: string;
  file: string;
  line: number;
  /** Where its filtering method speaks of refusing. */
  refuses: number;
}

const FILTER_CLASS = /\bclass\s+(\w+)\s+extends\s+(OncePerRequestFilter|GenericFilterBean|HttpFilter)\b|\bclass\s+(\w+)\s+implements\s+(?:[\w.]+\s*,\s*)*(?:jakarta\.servlet\.|javax\.servlet\.)?Filter\b/;
const REGISTERED = /@(Component|WebFilter|Service)\b/;
const FILTER_METHOD = /\b(doFilterInternal|doFilter)\s*\(/;
export const FILTER_REFUSAL = /sendError\s*\(|setStatus\s*\(\s*(?:HttpServletResponse\.)?(SC_UNAUTHORIZED|SC_FORBIDDEN|40[13]\b)|HttpStatus\.(UNAUTHORIZED|FORBIDDEN)|throw\s+new\s+\w*(AccessDenied|Unauthori[sz]ed|Forbidden|Authentication\w*)Exception|\b(unauthori[sz]ed|forbidden|reject|deny)\w*\s*\(\s*\w*(res|response)\b/i;
/** `if (token == null) { chain.doFilter(request, response); return; }`: requests without credentials go on. */
export const FILTER_PASSES_WITHOUT = /if\s*\([^)]*(==\s*null|isEmpty\(\)|!\s*StringUtils\.hasText|StringUtils\.isBlank|!\s*\w+\.startsWith\(\s*"Bearer)[^)]*\)\s*\{?\s*(filterChain|chain)\.doFilter\s*\(/;

/** The filter a Java file declares and registers for every request, when its filtering method speaks of refusing. */
export function servletFilterOf(file: string, text: string): ServletFilter | undefined {
  if (!text.includes('Filter')) return undefined;
  const cls = FILTER_CLASS.exec(text);
  if (!cls || !REGISTERED.test(text.slice(0, cls.index))) return undefined;
  const at = FILTER_METHOD.exec(text.slice(cls.index));
  if (!at) return undefined;
  const body = text.slice(cls.index + at.index);
  if (FILTER_PASSES_WITHOUT.test(body)) return undefined;
  // Refusing only callers with credentials (a token of the wrong kind): no guard for the anonymous.
  const open = body.indexOf('{');
  if (open >= 0 && everyRefusalNeedsCredential(body.slice(0, closeOf(body, open)), FILTER_REFUSAL, text)) return undefined;
  const m = FILTER_REFUSAL.exec(body);
  if (!m) return undefined;
  const lineAt = (i: number): number => text.slice(0, i).split('\n').length;
  return { name: cls[1] ?? cls[3]!, file, line: lineAt(cls.index), refuses: lineAt(cls.index + at.index + m.index) };
}

/** Routes of Spring and JAX-RS that nothing guards, behind such a filter: unknown. */
export function applyServletFilters(entries: EntryPoint[], filters: ServletFilter[]): void {
  if (!filters.length) return;
  const f = filters[0];
  for (const e of entries) {
    if (e.kind !== 'http' || (e.framework !== 'spring' && e.framework !== 'jaxrs') || e.guardState === 'guarded' || e.guardState === 'unknown') continue;
    if (e.guards.some((g) => g.kind !== 'other' && !g.optional)) continue;
    e.guardState = 'unknown';
    e.guardReason = `the servlet filter ${f.name} (${f.file}:${f.line}) runs before every request and refuses some (${f.file}:${f.refuses}); which it lets through is not read`;
  }
}

/** Every such filter of the Java files (named `*Filter*.java` or holding `Filter`: read only those whose name says so first). */
export async function servletFilters(javaFiles: string[], read: (rel: string) => Promise<string | undefined>): Promise<ServletFilter[]> {
  const out: ServletFilter[] = [];
  for (const rel of javaFiles.filter((f) => /filter/i.test(f.slice(f.lastIndexOf('/') + 1)))) {
    const text = await read(rel);
    const f = text ? servletFilterOf(rel, text) : undefined;
    if (f) out.push(f);
  }
  return out;
}

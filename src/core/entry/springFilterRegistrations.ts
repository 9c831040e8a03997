// Servlet filters of ours registered by a FilterRegistrationBean rather than by @Component:
//   @Bean public FilterRegistrationBean authenticationFilterRegistration() {
//       FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
//       registration.setFilter(loginAuthenticationFilter);   // a field, `new X(…)`, a bean method's result
//       registration.addUrlPatterns("/*");
// (sentinel-dashboard's WebConfig). The filter's class is ours, or the one class of ours implementing
// an interface of ours extending Filter (javaImplementations.ts). When its doFilter refuses
// (springServletFilters' FILTER_REFUSAL) and does not hand requests without credentials on first, it
// guards every route under its URL patterns but those its early `chain.doFilter` passes take
// (filterPassLists.ts: path lists from literals or the application's configuration). A pass whose
// test is not read leaves the routes the others do not take `unknown`. Only a filter that speaks of
// auth counts (its name, or a doFilter reading the caller: a session, a token, a principal): ruoyi's
// RefererFilter and CryptoFilter refuse too, for other reasons. A registration under
// @ConditionalOnProperty (on its @Bean method or its class) counts only when the application's
// configuration turns it on (`havingValue`, `matchIfMissing`). Java only.
import type { DataFileStamp, EntryPoint } from './types';
import { everyRefusalNeedsCredential } from './credentialGatedRefusals';
import { closeOf, closingAt } from './javaBrackets';
import { ownImplementation } from './javaImplementations';
import type { OwnClass } from './javaImplementations';
import { configList, filterPasses, passTakes } from './filterPassLists';
import type { FilterPass } from './filterPassLists';
import { layersOf } from './springConfigLists';
import { antMatch } from './springInterceptors';
import { FILTER_PASSES_WITHOUT, FILTER_REFUSAL } from './springServletFilters';

export interface FilterRegistration {
  file: string;
  line: number;
  expr: string;
  cls?: string;
  /** Servlet URL patterns ("/*", "/api/*", "*.do"); undefined when not all literal. */
  patterns: string[] | undefined;
  /** @ConditionalOnProperty arguments on its @Bean method or its class, when there are. */
  conditions: string[];
}

export interface RegisteredFilter {
  reg: FilterRegistration;
  name: string;
  file: string;
  refusesLine: number;
  refusal: string;
  passes: FilterPass[];
}

const base = (f: string): string => f.slice(f.lastIndexOf('/') + 1);

/** The FilterRegistrationBean registrations of a Java file, one per `setFilter(…)` or `new FilterRegistrationBean<>(filter)`. */
export function filterRegistrations(file: string, text: string): FilterRegistration[] {
  if (!text.includes('FilterRegistrationBean')) return [];
  const out: FilterRegistration[] = [];
  for (const m of text.matchAll(/\.\s*setFilter\s*\(|\bnew\s+FilterRegistrationBean\s*(?:<[^>]*>)?\s*\(/g)) {
    const open = m.index + m[0].length;
    const close = closingAt(text, open);
    if (close < 0) continue;
    const expr = text.slice(open, close).split(',')[0]!.trim();
    if (!expr) continue;
    // The registration's own method: from the @Bean before it to the next one.
    const from = text.lastIndexOf('@Bean', m.index);
    const next = text.indexOf('@Bean', open);
    const scope = text.slice(from < 0 ? 0 : from, next < 0 ? text.length : next);
    const head = text.slice(0, Math.max(0, /\bclass\s+\w+/.exec(text)?.index ?? 0));
    const conditions = [...`${head}\n${scope.slice(0, scope.indexOf('{'))}`.matchAll(/@ConditionalOnProperty\s*\(([^)]*)\)/g)].map((c) => c[1]!);
    out.push({ file, line: text.slice(0, m.index).split('\n').length, expr, cls: classOf(expr, text), patterns: urlPatterns(scope), conditions });
  }
  return out;
}

function urlPatterns(scope: string): string[] | undefined {
  const out: string[] = [];
  for (const m of scope.matchAll(/\.\s*(?:addUrlPatterns|setUrlPatterns)\s*\(/g)) {
    const open = m.index + m[0].length;
    const args = scope.slice(open, Math.max(open, closingAt(scope, open))).trim().replace(/^(?:Arrays\.asList|List\.of|Set\.of|Collections\.singletonList)\s*\(([\s\S]*)\)$|^new\s+String\s*\[\s*\]\s*\{([\s\S]*)\}$/, '$1$2');
    const items = args.split(',').map((s) => s.trim()).filter(Boolean);
    if (!items.every((s) => /^"[^"]*"$/.test(s))) return undefined;
    out.push(...items.map((s) => s.slice(1, -1)));
  }
  // A FilterRegistrationBean without URL patterns maps "/*".
  return out.length ? out : ['/*'];
}

/** `new X(…)`, a field, parameter or local `X name`, a bean method `X name()`. */
function classOf(expr: string, text: string): string | undefined {
  const n = /^new\s+([\w.]+)\s*[(<]/.exec(expr);
  if (n) return n[1]!.split('.').pop();
  const call = /^(?:this\.)?(\w+)\s*\(\s*\)$/.exec(expr);
  if (call) return new RegExp(`\\b([A-Z]\\w*)(?:<[^>]*>)?\\s+${call[1]}\\s*\\(`).exec(text)?.[1];
  const id = /^(?:this\.)?(\w+)$/.exec(expr);
  return id ? new RegExp(`\\b([A-Z]\\w*)(?:<[^>]*>)?\\s+${id[1]}\\s*[;=,)]`).exec(text)?.[1] : undefined;
}

/** The class's doFilter body (from its name to its closing brace). */
function doFilterBody(text: string): { body: string; at: number } | undefined {
  const m = /\b(?:doFilterInternal|doFilter)\s*\([^)]*\)[^{;]*\{/.exec(text);
  if (!m) return undefined;
  return { body: text.slice(m.index, closeOf(text, m.index + m[0].length - 1)), at: m.index };
}

const AUTH_NAME = /auth|login|logon|token|jwt|sso|session|permission|security|signature|credential|api_?key|privilege/i;
const CALLER_READ = /token|authoriz|getSession\s*\(|principal|jwt|credential|api_?key|getRemoteUser|login|current_?user|getAuthUser|getUser\w*\(/i;

/** Whether @ConditionalOnProperty arguments hold under the configuration (`undefined` value: the key is not set). */
export function conditionHolds(args: string, configValue: (key: string) => string[] | undefined): boolean {
  const str = (k: string): string | undefined => new RegExp(`\\b${k}\\s*=\\s*"([^"]*)"`).exec(args)?.[1];
  const name = str('name') ?? str('value') ?? /^\s*"([^"]*)"\s*$/.exec(args)?.[1];
  if (!name) return false;
  const prefix = str('prefix');
  const set = configValue(prefix ? `${prefix}.${name}` : name)?.join(',');
  if (set === undefined) return /\bmatchIfMissing\s*=\s*true\b/.test(args);
  const having = str('havingValue');
  return having !== undefined && having !== '' ? set.toLowerCase() === having.toLowerCase() : set.toLowerCase() !== 'false';
}

/** The registered filter when its class is ours and its doFilter refuses callers without credentials. */
export function judgeFilter(reg: FilterRegistration, own: OwnClass, configValue: (key: string) => string[] | undefined): RegisteredFilter | undefined {
  const f = doFilterBody(own.text);
  if (!f || FILTER_PASSES_WITHOUT.test(f.body)) return undefined;
  if (!AUTH_NAME.test(own.name) && !CALLER_READ.test(f.body)) return undefined;
  if (!reg.conditions.every((c) => conditionHolds(c, configValue))) return undefined;
  if (everyRefusalNeedsCredential(f.body, FILTER_REFUSAL, own.text)) return undefined;
  const r = FILTER_REFUSAL.exec(f.body);
  if (!r) return undefined;
  const refusesLine = own.text.slice(0, f.at + r.index).split('\n').length;
  return { reg, name: own.name, file: own.file, refusesLine, refusal: r[0], passes: filterPasses(f.body, r.index, own.text, configValue) };
}

/** Every refusing filter a FilterRegistrationBean of the Java files registers. */
export async function registeredFilters(javaFiles: string[], read: (rel: string) => Promise<string | undefined>, dataFiles: DataFileStamp[]): Promise<RegisteredFilter[]> {
  const out: RegisteredFilter[] = [];
  const java = javaFiles.filter((f) => f.endsWith('.java'));
  let configValue: ((key: string) => string[] | undefined) | undefined;
  for (const rel of java.filter((f) => /config|web|filter|security|app/i.test(base(f)))) {
    const text = await read(rel);
    for (const reg of text ? filterRegistrations(rel, text) : []) {
      if (!reg.cls) continue;
      const own = (await ownClass(reg.cls, java, read)) ?? (await ownImplementation(reg.cls, /(?:javax\.servlet\.|jakarta\.servlet\.)?Filter\b/, /filter/i, java, read));
      if (!own) continue;
      configValue ??= await applicationsConfig(java, read, dataFiles);
      const judged = judgeFilter(reg, own, configValue);
      if (judged) out.push(judged);
    }
  }
  return out;
}

/**
 * A key's value in the configuration of the repository's applications (every module's
 * `src/main/resources/application*`): the value when those that set it agree, else undefined.
 */
async function applicationsConfig(java: string[], read: (rel: string) => Promise<string | undefined>, dataFiles: DataFileStamp[]): Promise<(key: string) => string[] | undefined> {
  const roots = [...new Set(java.map((f) => /^(.*?)src\/main\/java\//.exec(f)?.[1]).filter((r): r is string => r !== undefined))].sort();
  const apps: unknown[][] = [];
  for (const root of roots) {
    const layers = await layersOf(`${root}src/main/resources/`, read, dataFiles);
    if (layers.length) apps.push(layers);
  }
  return (key) => {
    const found = new Set(apps.map((layers) => configList(layers, key)).filter((v): v is string[] => v !== undefined).map((v) => JSON.stringify(v)));
    return found.size === 1 ? (JSON.parse([...found][0]!) as string[]) : undefined;
  };
}

async function ownClass(cls: string, java: string[], read: (rel: string) => Promise<string | undefined>): Promise<OwnClass | undefined> {
  for (const rel of java.filter((f) => base(f) === `${cls}.java`)) {
    const text = await read(rel);
    if (text && new RegExp(`\\bclass\\s+${cls}\\b`).test(text)) return { file: rel, text, name: cls };
  }
  return undefined;
}

/** Servlet URL pattern matching: "/*" every path, "/a/*" a prefix, "*.x" an extension, else exact. */
function servletMatch(pattern: string, path: string): boolean {
  if (pattern === '/*' || pattern === '/') return true;
  if (pattern.endsWith('/*')) return path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*.')) return path.endsWith(pattern.slice(1));
  return path === pattern;
}

/** Guards the Spring and JAX-RS routes each filter refuses; `unknown` where a pass not read may take them. */
export function applyRegisteredFilters(entries: EntryPoint[], filters: RegisteredFilter[]): void {
  for (const e of entries) {
    if (e.kind !== 'http' || (e.framework !== 'spring' && e.framework !== 'jaxrs') || e.guardState === 'guarded') continue;
    if (e.guards.some((g) => g.kind !== 'other' && !g.optional)) continue;
    const concrete = e.path.replace(/:(\w+)/g, 'x');
    for (const f of filters) {
      const where = `${f.reg.file}:${f.reg.line}`;
      if (f.reg.patterns === undefined) {
        e.guardState = 'unknown';
        e.guardReason = `the servlet filter ${f.name} (${where}) is registered for URL patterns that could not be read`;
        break;
      }
      if (!f.reg.patterns.some((p) => servletMatch(p, concrete))) continue;
      const takes = f.passes.map((p) => passTakes(p, concrete, antMatch));
      if (takes.includes(true)) continue;
      if (takes.includes(undefined)) {
        e.guardState = 'unknown';
        e.guardReason = `the servlet filter ${f.name} (${f.file}) refuses (line ${f.refusesLine}) but hands some requests on by a test not read; registered at ${where}`;
        break;
      }
      const lets = f.passes.map((p) => (p.how === 'unread' ? '' : `${p.how} ${p.source}`)).filter(Boolean).join('; ');
      e.guards.push({
        name: `${f.name} (servlet filter)`,
        kind: 'authentication',
        reason: `servlet filter ${f.name} registered by a FilterRegistrationBean at ${where} for ${f.reg.patterns.join(', ')}; its doFilter refuses (${f.file}:${f.refusesLine})${lets ? ` and lets through only ${lets}` : ''}`,
        file: f.reg.file,
        line: f.reg.line,
        evidence: { how: 'doFilter refuses', text: f.refusal, file: f.file, line: f.refusesLine },
      });
      e.public = false;
      if (e.guardState === 'unguarded' || e.guardState === 'unknown') {
        delete e.guardState;
        delete e.guardReason;
      }
      break;
    }
  }
}

// What a Micronaut application's configuration says about its controllers, read from the module's
// `src/main/resources/application.yml` (or `.yaml`, `.properties`) as the default environment sees
// it (`application-<env>.*` files count for nothing):
// - `micronaut.server.context-path`: every route is served under it;
// - `micronaut.security.enabled` (true by default once micronaut-security is on the classpath): with
//   `false` no security filter runs and no rule is asked;
// - `micronaut.security.intercept-url-map`: `{pattern, access, http-method}` entries deciding for a
//   route that carries no security annotation (micronautSecurity.ts), matched against the whole path
//   unless `intercept-url-map-prepend-pattern-with-context-path` puts them under the context path;
// - every other key, for the controllers' `@Requires(property = …)` conditions.
// Whether micronaut-security is on the classpath: a source file imports it, or the module's (or the
// root's) build file names it. `${NAME:default}` reads as its default; a placeholder without one is
// unread, never guessed. Every file looked at is stamped, so editing it computes the answer again.
import type { DataFileStamp } from './types';
import { stampOf } from './interp/dataFiles';
import { applicationConfig, lookup } from './springConfigFiles';

type ReadOptional = (rel: string) => Promise<string | undefined>;

const BUILD_FILES = ['build.gradle', 'build.gradle.kts', 'pom.xml'];
/** An unread value: a placeholder with no default. */
export const UNREAD = Symbol('unread');

export interface ConfigPlace {
  file: string;
  line: number;
}

export interface InterceptEntry extends ConfigPlace {
  pattern: string;
  access: string[];
  method?: string;
  unread?: boolean;
}

export interface MicronautConfig {
  /** Where the module's configuration lives (for the reasons' places). */
  file: string;
  /** No configuration file was found for the module. */
  none?: true;
  contextPath: string;
  contextUnread?: boolean;
  /** micronaut-security is on the classpath. */
  security: boolean;
  /** `micronaut.security.enabled`: false, true (also by default), or a placeholder we cannot read. */
  enabled: boolean | typeof UNREAD;
  enabledAt?: ConfigPlace;
  intercept: InterceptEntry[];
  /** `micronaut.security.intercept-url-map-prepend-pattern-with-context-path`: patterns are read under the context path. */
  prependContext?: true;
  /** The intercept-url-map is written in a form we do not read (indexed properties). */
  interceptUnread?: boolean;
  /** A setting's value by its dotted key (`UNREAD` for a placeholder without a default); undefined when not set. */
  setting(key: string): string | typeof UNREAD | undefined;
}

/** `${A:x}` → `x`; `${A}` → UNREAD; anything else as it is. */
export function settled(v: unknown): string | typeof UNREAD | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return UNREAD;
  const s = String(v).trim();
  if (!s.includes('${')) return s;
  const whole = /^\$\{[^:}]+:([^}]*)\}$/.exec(s);
  return whole ? whole[1].trim() : UNREAD;
}

/** The line of a nested YAML key (`a:` then, indented below it, `b:` …; a flat `a.b:` also counts), -1 when not found. */
function yamlLine(lines: string[], parts: string[]): number {
  let from = 0;
  let indent = -1;
  let i = 0;
  while (i < parts.length) {
    let found = -1;
    for (let j = i + 1; j <= parts.length && found < 0; j++) {
      const head = parts.slice(i, j).join('.');
      for (let k = from; k < lines.length; k++) {
        const m = /^(\s*)([^\s#:][^:]*?)\s*:/.exec(lines[k]);
        if (!m) continue;
        if (m[1].length <= indent) break;
        if (m[2].replace(/^["']|["']$/g, '') === head) {
          found = k;
          indent = m[1].length;
          i = j;
          break;
        }
      }
    }
    if (found < 0) return -1;
    from = found + 1;
    if (i === parts.length) return found;
  }
  return -1;
}

/** The module folder (`webserver/`) of a source file under `src/main/java|kotlin`, or '' at the root. */
export function moduleOf(file: string): string {
  return /^(.*?)src\/main\/(?:java|kotlin|groovy)\//.exec(file)?.[1] ?? '';
}

export async function micronautConfig(module: string, securityImport: boolean, readOptional: ReadOptional, dataFiles: DataFileStamp[]): Promise<MicronautConfig> {
  const { docs, texts } = await applicationConfig(module, readOptional, dataFiles);
  let security = securityImport;
  for (const dir of module ? [module, ''] : ['']) {
    for (const b of BUILD_FILES) {
      if (security) break;
      const text = await readOptional(`${dir}${b}`);
      dataFiles.push(stampOf(`${dir}${b}`, text));
      if (text && /micronaut-security/.test(text)) security = true;
    }
  }
  // The last file read wins (YAML over properties), as the list above orders them.
  const raw = (key: string): unknown => {
    for (let i = docs.length - 1; i >= 0; i--) {
      const v = lookup(docs[i], key);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const placeOf = (key: string): ConfigPlace => {
    for (const { file, text } of texts.slice().reverse()) {
      const lines = text.split(/\r?\n/);
      const at = file.endsWith('.properties') ? lines.findIndex((l) => l.trimStart().startsWith(`${key}`)) : yamlLine(lines, key.split('.'));
      if (at >= 0) return { file, line: at + 1 };
    }
    return { file: texts[0]?.file ?? `${module}src/main/resources/application.yml`, line: 1 };
  };
  const setting = (key: string): string | typeof UNREAD | undefined => settled(raw(key));
  const enabledValue = setting('micronaut.security.enabled');
  const enabled = enabledValue === undefined ? true : enabledValue === UNREAD ? UNREAD : enabledValue.toLowerCase() !== 'false';
  const context = setting('micronaut.server.context-path');
  const intercept: InterceptEntry[] = [];
  const map = raw('micronaut.security.intercept-url-map');
  const at = placeOf('micronaut.security.intercept-url-map');
  if (Array.isArray(map)) {
    for (const e of map) {
      const pattern = settled(lookup(e, 'pattern'));
      const accessRaw = lookup(e, 'access');
      const access = (Array.isArray(accessRaw) ? accessRaw : [accessRaw]).map(settled);
      const method = settled(lookup(e, 'http-method') ?? lookup(e, 'httpMethod'));
      const unread = pattern === undefined || pattern === UNREAD || access.some((a) => a === UNREAD || a === undefined) || method === UNREAD;
      intercept.push({ pattern: typeof pattern === 'string' ? pattern : '', access: access.filter((a): a is string => typeof a === 'string'), ...(typeof method === 'string' ? { method: method.toUpperCase() } : {}), ...(unread ? { unread } : {}), ...at });
    }
  }
  const indexed = docs.some((d) => d && typeof d === 'object' && Object.keys(d).some((k) => k.startsWith('micronaut.security.intercept-url-map[')));
  return {
    file: texts[0]?.file ?? `${module}src/main/resources/application.yml`,
    ...(texts.length ? {} : { none: true as const }),
    contextPath: typeof context === 'string' ? context : '',
    ...(context === UNREAD ? { contextUnread: true } : {}),
    security,
    enabled,
    ...(enabledValue !== undefined ? { enabledAt: placeOf('micronaut.security.enabled') } : {}),
    intercept,
    ...(setting('micronaut.security.intercept-url-map-prepend-pattern-with-context-path') === 'true' ? { prependContext: true as const } : {}),
    ...(indexed || (map !== undefined && !Array.isArray(map)) ? { interceptUnread: true } : {}),
    setting,
  };
}

// What a Quarkus application's configuration says about its JAX-RS resources: where they are served
// and which security it applies before their annotations. Read from the module's
// `src/main/resources/application.properties` (or `.yaml`/`.yml`; each module holding a root
// resource class) as the `prod` profile (Quarkus' default at run time) sees it: a `%prod.` key wins
// over the plain one, other profiles' keys (`%dev.`, `%test.`) count for nothing.
// - Paths: every root resource is served under `quarkus.rest.path` (older names:
//   `quarkus.resteasy-reactive.path`, `quarkus.resteasy.path`) unless an `@ApplicationPath` class
//   names one, and all of it under `quarkus.http.root-path` (jaxrsResources.ts joins them).
// - Security (quarkusSecurity.ts applies it): `quarkus.security.jaxrs.deny-unannotated-endpoints`,
//   `quarkus.security.jaxrs.default-roles-allowed`, the `quarkus.http.auth.permission.<name>.*`
//   sets and the role policies they name (`quarkus.http.auth.policy.<name>.roles-allowed`).
// A value we cannot read (`${other.key}`) is kept as unread, never guessed; modules configured
// differently decide nothing. Every file looked at is stamped, so editing it computes the answer again.
import type { DataFileStamp } from './types';
import type { JaxrsFileFacts } from './jaxrsFacts';
import { applicationConfig } from './springConfigFiles';

type ReadOptional = (rel: string) => Promise<string | undefined>;

/** Weakest first: Quarkus ranks `application.yaml` (with quarkus-config-yaml) over `application.properties`, unlike Spring. */
const REST_PATH_KEYS = ['quarkus.rest.path', 'quarkus.resteasy-reactive.path', 'quarkus.resteasy.path'];
const PERMISSION = /^quarkus\.http\.auth\.permission\.("[^"]+"|[^.]+)\.(paths|policy|methods|enabled)$/;
const POLICY_ROLES = /^quarkus\.http\.auth\.policy\.("[^"]+"|[^.]+)\.roles-allowed$/;

/** Where a setting is written: the configuration file and the key's line (1 when not found as written). */
export interface ConfigPlace {
  file: string;
  line: number;
}

export interface QuarkusPermission extends ConfigPlace {
  name: string;
  paths: string[];
  policy: string;
  methods?: string[];
  /** The roles of the named policy it refers to, when the configuration defines them. */
  roles?: string[];
  /** A value of it is an expression we do not follow. */
  unread?: boolean;
}

export interface QuarkusConfig {
  rootPath: string;
  restPath?: string;
  /** A path key is an expression we do not follow: the paths stay as the code writes them. */
  pathUnread?: boolean;
  /** Modules configured differently: neither their paths nor their security are applied, and unannotated methods are unknown. */
  mixed?: boolean;
  denyUnannotated?: ConfigPlace;
  defaultRoles?: ConfigPlace & { roles: string[] };
  permissions: QuarkusPermission[];
}

/** A parsed document as flat dotted keys (`quarkus.http.root-path`), lists joined with commas. */
function flatten(doc: unknown, prefix: string, out: Map<string, string>): void {
  if (doc === null || doc === undefined) return;
  if (Array.isArray(doc)) {
    if (doc.every((x) => typeof x !== 'object')) out.set(prefix, doc.map(String).join(','));
    return;
  }
  if (typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix, String(doc));
}

/** The prod profile's settings of one module: plain keys, then `%prod.` keys over them. */
function prodSettings(docs: unknown[]): Map<string, string> {
  const flat = new Map<string, string>();
  for (const d of docs) flatten(d, '', flat);
  const out = new Map<string, string>();
  for (const [k, v] of flat) if (!k.startsWith('%')) out.set(k, v.trim());
  for (const [k, v] of flat) if (k.startsWith('%prod.')) out.set(k.slice('%prod.'.length), v.trim());
  return out;
}

const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);
const unquote = (s: string): string => s.replace(/^"|"$/g, '');
const unread = (v: string | undefined): boolean => v !== undefined && v.includes('${');

/** The module folders (`backend/`) whose `src/main/java|kotlin` holds a root resource class. */
function modulesOf(facts: JaxrsFileFacts[]): string[] {
  const out = new Set<string>();
  for (const f of facts) {
    for (const c of f.classes) {
      if (c.path === undefined) continue;
      const m = /^(.*?)src\/main\/(?:java|kotlin)\//.exec(c.file);
      if (m) out.add(m[1]);
    }
  }
  return [...out].sort();
}

function configOf(settings: Map<string, string>, placeOf: (key: string) => ConfigPlace): QuarkusConfig | undefined {
  const rootPath = settings.get('quarkus.http.root-path');
  const restKey = REST_PATH_KEYS.find((k) => settings.has(k));
  const restPath = restKey ? settings.get(restKey) : undefined;
  const deny = settings.get('quarkus.security.jaxrs.deny-unannotated-endpoints');
  const roles = settings.get('quarkus.security.jaxrs.default-roles-allowed');
  const byName = new Map<string, Partial<Record<'paths' | 'policy' | 'methods' | 'enabled', string>> & { key: string }>();
  const policyRoles = new Map<string, string>();
  for (const [k, v] of settings) {
    const p = PERMISSION.exec(k);
    if (p) {
      const name = unquote(p[1]);
      const rec = byName.get(name) ?? { key: k };
      rec[p[2] as 'paths'] = v;
      byName.set(name, rec);
    }
    const r = POLICY_ROLES.exec(k);
    if (r) policyRoles.set(unquote(r[1]), v);
  }
  const permissions: QuarkusPermission[] = [];
  for (const [name, rec] of byName) {
    if (rec.enabled?.toLowerCase() === 'false' || rec.paths === undefined) continue;
    const policy = rec.policy ?? 'permit';
    const named = policyRoles.get(policy);
    permissions.push({
      name,
      paths: list(rec.paths),
      policy,
      ...(rec.methods ? { methods: list(rec.methods).map((m) => m.toUpperCase()) } : {}),
      ...(named !== undefined ? { roles: list(named) } : {}),
      ...([rec.paths, rec.policy, rec.methods, named].some(unread) ? { unread: true } : {}),
      ...placeOf(rec.key),
    });
  }
  if (rootPath === undefined && restPath === undefined && deny === undefined && roles === undefined && !permissions.length) return undefined;
  return {
    rootPath: rootPath ?? '/',
    ...(restPath !== undefined ? { restPath } : {}),
    ...(unread(rootPath) || unread(restPath) ? { pathUnread: true } : {}),
    ...(deny?.toLowerCase() === 'true' ? { denyUnannotated: placeOf('quarkus.security.jaxrs.deny-unannotated-endpoints') } : {}),
    ...(roles ? { defaultRoles: { roles: list(roles), ...placeOf('quarkus.security.jaxrs.default-roles-allowed') } } : {}),
    permissions: permissions.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** What a module's settings decide, without where they are written. */
function signature(c: QuarkusConfig): string {
  return JSON.stringify([c.rootPath, c.restPath, c.pathUnread, !!c.denyUnannotated, c.defaultRoles?.roles, c.permissions.map((p) => [p.name, p.paths, p.policy, p.methods, p.roles, p.unread])]);
}

export async function quarkusConfig(facts: JaxrsFileFacts[], readOptional: ReadOptional, dataFiles: DataFileStamp[]): Promise<QuarkusConfig | undefined> {
  const found: QuarkusConfig[] = [];
  for (const module of modulesOf(facts)) {
    const { docs, texts } = await applicationConfig(module, readOptional, dataFiles);
    // The line of a key as the properties file writes it (`%prod.` or not); a YAML key's last segment.
    const placeOf = (key: string): ConfigPlace => {
      for (const { file, text } of texts.slice().reverse()) {
        const lines = text.split(/\r?\n/);
        const tail = key.split('.').pop()!;
        const at = file.endsWith('.properties') ? lines.findIndex((l) => new RegExp(`^\\s*(%prod\\.)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[=:]`).test(l)) : lines.findIndex((l) => l.trim().startsWith(`${tail}:`));
        if (at >= 0) return { file, line: at + 1 };
      }
      return { file: texts[0]?.file ?? `${module}src/main/resources/application.properties`, line: 1 };
    };
    const cfg = configOf(prodSettings(docs), placeOf);
    if (cfg) found.push(cfg);
  }
  if (!found.length) return undefined;
  // Two applications configured differently: which one a resource belongs to is not followed.
  if (found.some((c) => signature(c) !== signature(found[0]))) return { rootPath: '/', pathUnread: true, mixed: true, permissions: [] };
  return found[0];
}

// Connexion, the OpenAPI document: a Connexion service declares its routes in YAML (or JSON), not in
// Python. Each operation's `operationId` (after the `x-openapi-router-controller` /
// `x-swagger-router-controller` prefix, when one is set on the operation or its path) is the dotted
// name of the handler function; the full path is the document's base path (Swagger 2 `basePath`,
// OpenAPI 3 the path of the first `servers` url with its variables' defaults) and the operation's
// path. Security: the operation's `security` list, or the document's when it has none. Connexion
// runs the scheme's info function before the handler (`x-bearerInfoFunc`, `x-basicInfoFunc`,
// `x-apikeyInfoFunc`, `x-tokenInfoFunc`/`x-tokenInfoUrl`) and answers 401 unless it returns a
// user: a requirement every alternative of which names such a scheme is a required
// authentication. A scheme without one is checked only if an environment variable names a function
// (or not at all): not known either way. An empty alternative (`- {}`) lets anonymous calls in.
import { parse } from 'yaml';
import { indentQuoted } from '../../apispec/lenientYaml';
import type { Guard } from '../types';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const INFO_KEYS = ['x-bearerInfoFunc', 'x-basicInfoFunc', 'x-apikeyInfoFunc', 'x-tokenInfoFunc', 'x-tokenInfoUrl'];

export interface ConnexionOperation {
  method: string;
  /** The operation's path with the document's base path, `{id}` written `:id`. */
  path: string;
  /** The handler's dotted name (controller prefix applied); absent when the operation names none. */
  target?: string;
  line: number;
  /** A required (or optional) authentication, when the security requirement is known to check. */
  guard?: Guard;
  /** Why the state cannot be told: a scheme Connexion may not check. */
  doubt?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The operations of an OpenAPI/Swagger document, or undefined when the text is no such document. */
export function connexionOperations(text: string, file: string, basePathArg?: string): ConnexionOperation[] | undefined {
  const doc = readDocument(text);
  if (!isObj(doc) || !isObj(doc.paths) || !(doc.openapi || doc.swagger)) return undefined;
  const lines = text.split(/\r?\n/);
  const lineOf = (re: RegExp, from = 0): number => {
    const i = lines.findIndex((l, k) => k >= from && re.test(l));
    return i >= 0 ? i + 1 : 1;
  };
  const base = trimSlash(basePathArg ?? basePathOf(doc));
  const schemes = (isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : isObj(doc.securityDefinitions) ? doc.securityDefinitions : {}) as Obj;
  const topSecurity = doc.security;
  const topLine = lineOf(/^security:/);
  const out: ConnexionOperation[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!isObj(item)) continue;
    const pathLine = lineOf(new RegExp(`^\\s+['"]?${escape(p)}['"]?:\\s*$`));
    for (const m of METHODS) {
      const op = item[m];
      if (!isObj(op)) continue;
      const id = typeof op.operationId === 'string' ? op.operationId : undefined;
      const controller = op['x-openapi-router-controller'] ?? item['x-openapi-router-controller'] ?? op['x-swagger-router-controller'] ?? item['x-swagger-router-controller'];
      const target = id === undefined ? undefined : typeof controller === 'string' && !id.startsWith(`${controller}.`) ? `${controller}.${id}` : id;
      const line = id !== undefined ? lineOf(new RegExp(`operationId:\\s*['"]?${escape(id)}['"]?\\s*$`), pathLine - 1) : lineOf(new RegExp(`^\\s+${m}:\\s*$`), pathLine);
      const own = op.security !== undefined;
      const judged = judge(own ? op.security : topSecurity, schemes, own ? `the operation's security (${file}:${line})` : `the document's security (${file}:${topLine})`, file, own ? line : topLine, lineOf);
      out.push({ method: m.toUpperCase(), path: readable(base + (p.startsWith('/') ? p : `/${p}`)), ...(target ? { target } : {}), line, ...judged });
    }
  }
  return out;
}

/** What a security requirement list means for the route: a guard, a doubt, or nothing (open). */
function judge(req: unknown, schemes: Obj, where: string, file: string, line: number, lineOf: (re: RegExp) => number): Pick<ConnexionOperation, 'guard' | 'doubt'> {
  if (!Array.isArray(req) || !req.length) return {};
  const alts = req.filter(isObj);
  if (!alts.length) return {};
  const checks = (a: Obj): boolean => Object.keys(a).some((n) => infoOf(schemes[n]));
  // `- {}`: anonymous calls satisfy that alternative; identity is used when another one is met.
  if (alts.some((a) => !Object.keys(a).length)) return alts.some(checks) ? { guard: guardOf(alts, schemes, where, file, line, lineOf, true) } : {};
  const unchecked = alts.filter((a) => !checks(a)).flatMap((a) => Object.keys(a));
  if (unchecked.length) return { doubt: `depends on the security scheme${unchecked.length > 1 ? 's' : ''} ${unchecked.join(', ')} of ${where}, which names no x-*InfoFunc: Connexion checks it only if an environment variable names one` };
  return { guard: guardOf(alts, schemes, where, file, line, lineOf, false) };
}

function guardOf(alts: Obj[], schemes: Obj, where: string, file: string, line: number, lineOf: (re: RegExp) => number, optional: boolean): Guard {
  const names = [...new Set(alts.flatMap((a) => Object.keys(a)))];
  const infos = names.map((n) => ({ n, info: infoOf(schemes[n]) })).filter((x) => x.info);
  const first = infos[0];
  return {
    name: `security: ${names.join(' | ') || '{}'}`,
    kind: 'authentication',
    reason: `Connexion security from ${where}: ${infos.map((x) => `${x.n} → ${x.info!.key} ${x.info!.value}`).join('; ')}${optional ? '; an empty alternative lets anonymous calls in' : ''}`,
    file,
    line,
    ...(optional ? { optional: true } : {}),
    ...(first ? { evidence: { how: `Connexion answers 401 unless ${first.info!.key} gives a user`, text: `${first.info!.key}: ${first.info!.value}`, file, line: lineOf(new RegExp(`${first.info!.key}:\\s*['"]?${escape(first.info!.value)}`)) } } : {}),
  };
}

function infoOf(scheme: unknown): { key: string; value: string } | undefined {
  if (!isObj(scheme)) return undefined;
  for (const key of INFO_KEYS) if (typeof scheme[key] === 'string') return { key, value: scheme[key] as string };
  // An OAuth2/OpenID scheme's flows are no check by themselves; a scheme pointing elsewhere is read there.
  return undefined;
}

/** Swagger 2 `basePath`; OpenAPI 3: the first server url's path, its `{variables}` at their defaults. */
function basePathOf(doc: Obj): string {
  if (typeof doc.basePath === 'string') return doc.basePath;
  const server = Array.isArray(doc.servers) && isObj(doc.servers[0]) ? doc.servers[0] : undefined;
  if (!server || typeof server.url !== 'string') return '';
  const vars = isObj(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{(\w+)\}/g, (_, v: string) => {
    const d = isObj(vars[v]) ? (vars[v] as Obj).default : undefined;
    return typeof d === 'string' || typeof d === 'number' ? String(d) : '';
  });
  const m = /^(?:[a-z][\w+.-]*:)?\/\/[^/]*(\/.*)?$/i.exec(url);
  return m ? (m[1] ?? '') : url.startsWith('/') ? url : '';
}

function trimSlash(p: string): string {
  return p.replace(/\/+$/, '');
}

/** `{agent_id}` → `:agent_id`; no trailing slash but the root. */
function readable(p: string): string {
  const out = p.replace(/\{([^}]+)\}/g, ':$1').replace(/\/+/g, '/');
  return out.length > 1 ? out.replace(/\/$/, '') : out || '/';
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The document as data. PyYAML, which Connexion loads it with, accepts a quoted scalar whose next
 * lines are indented no deeper than its key, which a strict YAML 1.2 parser refuses: such lines are
 * indented under the key first (their folded value is the same).
 */
function readDocument(text: string): unknown {
  for (const t of [text, indentQuoted(text)]) {
    try {
      return parse(t, { maxAliasCount: 1000 });
    } catch {
      // next reading
    }
  }
  return undefined;
}

// The guards micronaut-security puts on a Micronaut route (micronautRoutes.ts), with the module's
// configuration (micronautConfig.ts). When micronaut-security is on the classpath and enabled (its
// default), its filter asks the security rules in turn and refuses a request that no rule allows:
// - a `@Secured` (or JSR-250) annotation on the method, else on its class, decides:
//   `isAnonymous()` (SecurityRule.IS_ANONYMOUS, @PermitAll) lets everyone in, `isAuthenticated()`
//   asks for a signed-in caller, `denyAll()` and role names for more;
// - without one, the first `intercept-url-map` entry whose pattern (and `http-method`) matches
//   the path decides the same way;
// - without either, no rule allows the request: default deny, a guard.
// A security rule of the service's own (a class implementing SecurityRule) may allow or refuse by
// what it reads: a route carrying an annotation it reads (`hasAnnotation(X.class)`), or one that no
// annotation or entry decides, is a doubt. `micronaut.security.enabled: false` turns all of it
// off (no guard from micronaut-security at all); a placeholder we cannot read is a doubt.
// A controller whose `@Requires` the default configuration does not meet is no bean: its routes are
// dropped (`env = …` needs an environment the default run does not have; an unread value keeps them).
// An HTTP filter of the service's own (`@Filter("/api/**")`, `@ServerFilter`) whose code answers
// 401/403 makes the routes it runs for a doubt, unless a guard applies anyway: when it refuses is
// in its code (often behind a setting), which we do not follow; its `@Requires` drops it only when
// the configuration surely fails it (a property set to another value, an environment).
import type { DataFileStamp, FileDecls, GuardCandidate, GuardKind, RouteDecl } from './types';
import type { MicronautFileFacts, MicronautFilter, MicronautRequires, MicronautSecurity } from './micronautRoutes';
import { micronautConfig, moduleOf, UNREAD, type ConfigPlace, type InterceptEntry, type MicronautConfig } from './micronautConfig';

type ReadOptional = (rel: string) => Promise<string | undefined>;

interface Verdict {
  guards: GuardCandidate[];
  doubt?: string;
}

function candidate(name: string, kind: GuardKind, reason: string, at: ConfigPlace): GuardCandidate {
  return { text: name, line: at.line, via: 'configuration', guard: { name, kind, reason, file: at.file, line: at.line } };
}

/** What a list of access values (an annotation's or an intercept entry's) asks for; `open` when it lets anonymous callers in. */
function judgeAccess(values: string[], name: string, reason: string, at: ConfigPlace): Verdict | 'open' {
  if (values.includes('isAnonymous()')) return 'open';
  const unread = values.find((v) => v.startsWith('?'));
  if (unread) return { guards: [], doubt: `${name} names ${unread.slice(1)}, a value we do not read` };
  if (!values.length) return { guards: [], doubt: `${name} lists no access value` };
  const authn = values.every((v) => v === 'isAuthenticated()');
  return { guards: [candidate(name, authn ? 'authentication' : 'authorization', reason, at)] };
}

function fromAnnotation(sec: MicronautSecurity[], file: string, where: string): Verdict | 'open' {
  const a = sec[0];
  return judgeAccess(
    sec.flatMap((s) => s.values),
    a.text,
    `micronaut-security's SecuredAnnotationRule reads @${a.name} on the ${a.where === 'method' ? 'method' : 'class'} ${where}`,
    { file, line: a.line },
  );
}

/** An Ant-style pattern (`/api/**`, `/x/*`, `?`) as a regular expression over a path. */
function antRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `/**` also matches the bare prefix.
      if (re.endsWith('/')) re = re.slice(0, -1) + '(?:/.*)?';
      else re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}/?$`);
}

/** The route's path with each `{name}`/`:name` segment a sample value, as a request would spell it. */
function samplePath(path: string): string {
  return '/' + path.split('/').filter(Boolean).map((s) => (/^\{.*\}$|^:/.test(s) ? 'x0' : s)).join('/');
}

/**
 * The entry that decides for a request: InterceptUrlMapRule first looks for one whose pattern and
 * `http-method` both match, then for the first whose pattern matches with no method or the same.
 * `path` is the request's whole path (context path included, as the rule reads it).
 */
function fromIntercept(entries: InterceptEntry[], method: string, path: string): Verdict | 'open' | undefined {
  const sample = samplePath(path);
  const unread = entries.find((e) => e.unread);
  if (unread) return { guards: [], doubt: `an intercept-url-map entry (${unread.file}:${unread.line}) has a value we do not read` };
  const matching = entries.filter((e) => antRegex(e.pattern).test(sample));
  if (method === 'ANY' && matching.some((e) => e.method)) return { guards: [], doubt: `an intercept-url-map entry for ${path} applies to some methods only, of a route that answers every method` };
  const e = matching.find((x) => x.method === method) ?? matching.find((x) => !x.method);
  if (!e) return undefined;
  const name = `intercept-url-map ${e.pattern}${e.method ? ` ${e.method}` : ''} → ${e.access.join(', ')}`;
  return judgeAccess(e.access, name, `micronaut.security.intercept-url-map (${e.file}:${e.line}) matches ${path}`, e);
}

function verdictFor(r: RouteDecl, cfg: MicronautConfig, rules: MicronautFileFacts['rules']): Verdict {
  const m = r.micronaut!;
  if (cfg.enabled === UNREAD) return { guards: [], doubt: `micronaut.security.enabled is a placeholder without a default (${cfg.enabledAt?.file}:${cfg.enabledAt?.line})` };
  if (!cfg.security || !cfg.enabled) return { guards: [] };
  const reader = rules.find((x) => x.reads.some((a) => m.annotations.includes(a)));
  if (reader) {
    const read = reader.reads.find((a) => m.annotations.includes(a));
    return { guards: [], doubt: `the service's own security rule ${reader.name} (${reader.file}:${reader.line}) reads @${read}, which this route carries` };
  }
  if (m.security.length) {
    const v = fromAnnotation(m.security, r.file, m.cls);
    return v === 'open' ? { guards: [] } : v;
  }
  if (cfg.interceptUnread) return { guards: [], doubt: `micronaut.security.intercept-url-map is written in a form we do not read (${cfg.file})` };
  // The rule matches the request's whole path: a pattern written without the context path only
  // matches under it when the configuration prepends it (micronaut-security issue 825).
  const i = fromIntercept(cfg.intercept, r.method, cfg.prependContext || !cfg.contextPath ? r.path : `${cfg.contextPath}/${r.path}`);
  if (i) return i === 'open' ? { guards: [] } : i;
  if (rules.length) return { guards: [], doubt: `no @Secured or intercept-url-map entry decides, and the service's own security rule ${rules[0].name} (${rules[0].file}:${rules[0].line}) may` };
  const at = cfg.enabledAt ?? { file: cfg.file, line: 1 };
  return { guards: [candidate('micronaut-security (default deny)', 'authorization', `micronaut-security is on the classpath and enabled${cfg.enabledAt ? '' : ' (its default)'}; no @Secured annotation or intercept-url-map entry allows this route, so its filter refuses it`, at)] };
}

/** Whether the default configuration meets a controller's `@Requires` conditions (true when it cannot tell). */
function meets(req: MicronautRequires[], cfg: MicronautConfig): boolean {
  for (const q of req) {
    if (q.env?.length) return false;
    if (q.missingProperty !== undefined && cfg.setting(q.missingProperty) !== undefined) return false;
    if (q.property === undefined) continue;
    const got = cfg.setting(q.property) ?? q.defaultValue;
    if (got === UNREAD) continue;
    if (q.notEquals !== undefined) {
      if (got === q.notEquals) return false;
      continue;
    }
    if (got === undefined) return false;
    if (q.value !== undefined && got !== q.value) return false;
    // Only a plain alternation (`(WEBSERVER|STANDALONE)`) is read: a repository's regular
    // expression is never run (it may backtrack without end); anything else keeps the routes.
    const alternatives = q.pattern === undefined ? undefined : /^\(?([\w.-]+(?:\|[\w.-]+)*)\)?$/.exec(q.pattern)?.[1].split('|');
    if (alternatives && !alternatives.includes(got)) return false;
  }
  return true;
}

/** A filter's `@Requires` surely unmet by the default configuration: an environment, or a property set to a value the condition refuses. */
function surelyOff(req: MicronautRequires[], cfg: MicronautConfig): boolean {
  return req.some((q) => {
    if (q.env?.length) return true;
    if (q.missingProperty !== undefined) return typeof cfg.setting(q.missingProperty) === 'string';
    const got = q.property === undefined ? undefined : cfg.setting(q.property);
    if (typeof got !== 'string') return false;
    return !meets([q], cfg);
  });
}

/** A filter of the service's own that answers 401/403 and runs for the route: a doubt (whether it refuses this request is in its code). */
function filterDoubt(filters: MicronautFilter[], r: RouteDecl, cfg: MicronautConfig): string | undefined {
  const sample = samplePath(r.path);
  const full = samplePath(`${cfg.contextPath}/${r.path}`);
  for (const f of filters) {
    if (f.methods && r.method !== 'ANY' && !f.methods.includes(r.method)) continue;
    if (!f.patterns.some((p) => antRegex(p).test(sample) || antRegex(p).test(full))) continue;
    if (surelyOff(f.requires, cfg)) continue;
    return `the HTTP filter ${f.name} (${f.file}:${f.line}, ${f.patterns.join(', ')}) answers ${f.refusal.text} (line ${f.refusal.line}) for some requests; when it does is in its code`;
  }
  return undefined;
}

/**
 * `files`: every source file, for the modules of a multi-module build: a controller's module without
 * a configuration file of its own takes the one other module's that has one (the application module
 * that packs the web module: kestra's `cli/` for `webserver/`); with several, none is chosen.
 */
export async function resolveMicronaut(decls: FileDecls[], facts: MicronautFileFacts[], files: readonly string[], readOptional: ReadOptional, dataFiles: DataFileStamp[]): Promise<void> {
  if (!decls.some((d) => d.routes.some((r) => r.micronaut))) return;
  const rules = facts.flatMap((f) => f.rules);
  const filters = facts.flatMap((f) => f.filters ?? []);
  const securityImport = facts.some((f) => f.securityImport);
  const read = new Map<string, MicronautConfig>();
  const configOf = async (module: string): Promise<MicronautConfig> => {
    let c = read.get(module);
    if (!c) {
      c = await micronautConfig(module, securityImport, readOptional, dataFiles);
      read.set(module, c);
    }
    return c;
  };
  const configs = new Map<string, MicronautConfig>();
  for (const d of decls) {
    if (!d.routes.some((r) => r.micronaut)) continue;
    const module = moduleOf(d.file);
    let cfg = configs.get(module);
    if (!cfg) {
      cfg = await configOf(module);
      if (cfg.none) {
        const others: MicronautConfig[] = [];
        for (const m of [...new Set(files.filter((f) => /\.(java|kt)$/.test(f)).map(moduleOf))].sort()) {
          if (m === module) continue;
          const c = await configOf(m);
          if (!c.none) others.push(c);
        }
        // micronaut-security may be named by the web module's build file, the configuration by the application's.
        if (others.length === 1) cfg = { ...others[0], security: cfg.security || others[0].security };
      }
      configs.set(module, cfg);
    }
    const kept: RouteDecl[] = [];
    for (const r of d.routes) {
      if (!r.micronaut) {
        kept.push(r);
        continue;
      }
      if (!meets(r.micronaut.requires, cfg)) continue;
      const v = verdictFor(r, cfg, rules);
      const path = cfg.contextPath && !cfg.contextUnread ? `${cfg.contextPath}/${r.path}` : r.path;
      const doubt = r.doubt ?? v.doubt ?? filterDoubt(filters, r, cfg);
      kept.push({
        ...r,
        path,
        ...(cfg.contextUnread ? { dynamic: r.dynamic ?? `micronaut.server.context-path (${cfg.file}) + ${r.path}` } : {}),
        guards: [...r.guards, ...v.guards],
        ...(doubt ? { doubt } : {}),
      });
    }
    d.routes = kept;
  }
}

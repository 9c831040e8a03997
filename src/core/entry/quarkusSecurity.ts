// The security a Quarkus application's configuration (quarkusConfig.ts) puts on a JAX-RS resource
// method, besides its annotations:
// - `quarkus.security.jaxrs.deny-unannotated-endpoints=true` refuses every method that neither it
//   nor its class carries a security annotation (@RolesAllowed, @PermitAll, @DenyAll, @Authenticated);
//   `quarkus.security.jaxrs.default-roles-allowed` asks those for the roles it lists (`**`: any
//   signed-in caller);
// - the HTTP permission sets (`quarkus.http.auth.permission.<name>.paths/methods/policy`) run before
//   the annotations and both must pass, so @PermitAll does not open a path they close. The most
//   specific matching path decides (its longer literal part; an exact path over `/x/*`), a set that
//   names the request's method over one that names none; `permit` adds nothing, `deny`,
//   `authenticated` and a role policy (`quarkus.http.auth.policy.<name>.roles-allowed`) guard.
// What we cannot tell is a doubt (the route `unknown`), never a guess: a policy of the code's own
// (an HttpSecurityPolicy bean), a value we cannot read, a pattern with an inner `*`, sets by method
// for a route that answers every method, and a permission path whose reading depends on whether it
// is taken under `quarkus.http.root-path` (the two readings disagree).
import type { Guard, GuardCandidate, RouteDecl } from './types';
import type { ConfigPlace, QuarkusConfig, QuarkusPermission } from './quarkusConfig';

const JSR250 = /^(RolesAllowed|PermitAll|DenyAll|Authenticated)$/;

export interface ConfigSecurity {
  guards: GuardCandidate[];
  doubt?: string;
}

function candidate(name: string, kind: Guard['kind'], reason: string, at: ConfigPlace): GuardCandidate {
  return { text: name, line: at.line, via: 'configuration', guard: { name, kind, reason, file: at.file, line: at.line } };
}

/** `/a//b/` → `/a/b`; `{id}` and `:id` segments become `:`. */
function segments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => (/^\{.*\}$|^:/.test(s) ? ':' : s));
}

interface Match {
  perm: QuarkusPermission;
  /** Literal segments matched, and whether the pattern is exact: the rank of specificity. */
  rank: number;
}

/** How `pattern` matches the route's segments; 'doubt' for patterns we do not read. */
function matchOf(pattern: string, route: string[]): number | undefined | 'doubt' {
  const wild = pattern.endsWith('/*') || pattern === '*';
  const base = wild ? pattern.replace(/\/?\*$/, '') : pattern;
  if (base.includes('*')) return 'doubt';
  const want = segments(base);
  if (!wild && want.length !== route.length) return undefined;
  if (want.length > route.length) return undefined;
  for (let i = 0; i < want.length; i++) if (want[i] !== route[i]) return undefined;
  return want.length * 2 + (wild ? 0 : 1);
}

/** The permission sets that decide for a method and path: a list, nothing, or why it cannot be told. */
function deciding(perms: QuarkusPermission[], method: string, route: string[]): QuarkusPermission[] | string {
  const matches: Match[] = [];
  for (const perm of perms) {
    let best: number | undefined;
    for (const p of perm.paths) {
      const m = matchOf(p, route);
      if (m === 'doubt') return `the permission set ${perm.name} has a path pattern (${p}) we do not read`;
      if (m !== undefined && (best === undefined || m > best)) best = m;
    }
    if (best === undefined) continue;
    if (perm.methods && method === 'ANY') return `the permission set ${perm.name} applies to some methods (${perm.methods.join(', ')}) of a route that answers every method`;
    if (perm.methods && !perm.methods.includes(method)) continue;
    matches.push({ perm, rank: best });
  }
  if (!matches.length) return [];
  const top = Math.max(...matches.map((m) => m.rank));
  const winners = matches.filter((m) => m.rank === top).map((m) => m.perm);
  const byMethod = winners.filter((p) => p.methods);
  return byMethod.length ? byMethod : winners;
}

function permissionGuards(perms: QuarkusPermission[]): ConfigSecurity {
  const guards: GuardCandidate[] = [];
  for (const p of perms) {
    if (p.unread) return { guards: [], doubt: `the permission set ${p.name} (${p.file}:${p.line}) has a value we do not read` };
    const where = `HTTP permission set ${p.name} (${p.file}:${p.line}, paths ${p.paths.join(', ')}${p.methods ? `, methods ${p.methods.join(', ')}` : ''})`;
    if (p.policy === 'permit') continue;
    if (p.policy === 'deny') guards.push(candidate(`quarkus.http.auth.permission.${p.name} (deny)`, 'authorization', `${where} denies every caller`, p));
    else if (p.policy === 'authenticated') guards.push(candidate(`quarkus.http.auth.permission.${p.name} (authenticated)`, 'authentication', `${where} lets only signed-in callers through`, p));
    else if (p.roles) guards.push(candidate(`quarkus.http.auth.permission.${p.name} (${p.policy}: ${p.roles.join(', ')})`, 'authorization', `${where} asks for the roles of policy ${p.policy}`, p));
    else return { guards: [], doubt: `the permission set ${p.name} (${p.file}:${p.line}) names policy ${p.policy}, which the configuration does not define (a policy bean of the code's own)` };
  }
  return { guards };
}

/** `r`: a rooted JAX-RS route with its full path; `classSecurity`: its class's security annotations. */
export function quarkusSecurity(r: RouteDecl, classSecurity: { name: string }[], cfg: QuarkusConfig): ConfigSecurity {
  const guards: GuardCandidate[] = [];
  const annotated = [...(r.jaxrs?.security ?? []), ...classSecurity].some((a) => JSR250.test(a.name));
  if (cfg.mixed && !annotated) return { guards, doubt: 'the Quarkus modules of this repository configure their security differently; which applies to this resource is not followed' };
  if (!annotated && cfg.denyUnannotated) guards.push(candidate('quarkus.security.jaxrs.deny-unannotated-endpoints', 'authorization', `configuration (${cfg.denyUnannotated.file}:${cfg.denyUnannotated.line}) denies resource methods without a security annotation`, cfg.denyUnannotated));
  else if (!annotated && cfg.defaultRoles) {
    const any = cfg.defaultRoles.roles.includes('**');
    guards.push(candidate(`quarkus.security.jaxrs.default-roles-allowed=${cfg.defaultRoles.roles.join(',')}`, any ? 'authentication' : 'authorization', `configuration (${cfg.defaultRoles.file}:${cfg.defaultRoles.line}) asks resource methods without a security annotation for ${any ? 'a signed-in caller' : `the roles ${cfg.defaultRoles.roles.join(', ')}`}`, cfg.defaultRoles));
  }
  if (!cfg.permissions.length) return { guards };
  const full = segments(r.path);
  const root = segments(cfg.rootPath);
  const underRoot = root.length && root.every((s, i) => full[i] === s) ? full.slice(root.length) : full;
  const readings = [deciding(cfg.permissions, r.method, full), deciding(cfg.permissions, r.method, underRoot)];
  for (const d of readings) if (typeof d === 'string') return { guards, doubt: d };
  const [a, b] = readings as QuarkusPermission[][];
  const one = permissionGuards(a);
  if (b !== a && JSON.stringify(b.map((p) => p.name)) !== JSON.stringify(a.map((p) => p.name))) {
    const other = permissionGuards(b);
    if (one.guards.length !== other.guards.length || one.doubt !== other.doubt) return { guards, doubt: `the HTTP permission sets match this route differently with and without the root path ${cfg.rootPath}` };
  }
  return { guards: [...guards, ...one.guards], ...(one.doubt ? { doubt: one.doubt } : {}) };
}

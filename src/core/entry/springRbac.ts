// A Spring Security rule `access(new X(…))` whose X is the service's own authorization manager
// deciding by Kubernetes-style RBAC (k8sRbac.ts): X implements (Reactive)AuthorizationManager and
// turns the request into request info (a resolver in the code maps HTTP methods to the verbs
// `create`/`list`/…, with its API prefixes), then asks the caller's roles, which the service
// declares as data — role templates in YAML under the folders it loads resources from
// (`classpath:/extensions/*.yaml` → `src/main/resources/extensions/`, k8sRoles.ts). An anonymous
// caller holds the role the security chain gives it (`.anonymous(spec -> spec.authorities(…))`,
// the template named `anonymous`), so per route: a rule of that role (or the roles it takes in)
// matching the route's request → anonymous allowed; none → guarded (some role is needed); a match
// that depends on a path parameter's value, or no manager/templates/anonymous role we can read → unknown.
import type { DataFileStamp, EntryPoint, Guard } from './types';
import { stampOf } from './interp/dataFiles';
import { allowingRule, describeAttributes, K8S_PREFIXES, requestAttributes, type ApiPrefixes, type PolicyRule } from './k8sRbac';
import { parseRoleTemplates, roleClosure, type RoleTemplate } from './k8sRoles';
import type { SecurityRule } from './springSecurity';

/** What one Java file tells about RBAC. */
export interface RbacFileFacts {
  /** Classes implementing (Reactive)AuthorizationManager that resolve the request to request info and check rules. */
  managers?: { name: string; line: number }[];
  /** A request-info resolver: maps methods to Kubernetes verbs; its API prefixes when it names them. */
  resolver?: ApiPrefixes & { line: number };
  /** Folders the code loads YAML resources from (`classpath:/extensions/*.yaml` → `extensions`). */
  classpathFolders?: string[];
  /** Line of `.anonymous(…authorities(…))`: anonymous callers get an authority of the service's choosing. */
  anonymousLine?: number;
  /** The roles those authorities name when written as literals (`"ROLE_guest"` → `guest`). */
  anonymousRoles?: string[];
}

const lineAt = (text: string, i: number) => text.slice(0, i).split('\n').length;
const quoted = (s: string) => [...s.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);

export function parseRbacFacts(text: string): RbacFileFacts | undefined {
  const managers: NonNullable<RbacFileFacts['managers']> = [];
  // A manager that resolves request info and asks the caller's roles (their rules) for it.
  if (/AuthorizationManager\b/.test(text) && /RequestInfo\b/.test(text) && /rule|role/i.test(text)) {
    for (const m of text.matchAll(/\bclass\s+(\w+)[^{]*?\bimplements\b[^{]*?\b(?:Reactive)?AuthorizationManager\b/g)) managers.push({ name: m[1]!, line: lineAt(text, m.index!) });
  }
  // RequestInfoFactory's verb table: `case "POST" -> "create"`, `"GET", "HEAD" -> "get"`, … and a list verb.
  let resolver: RbacFileFacts['resolver'];
  if (/\bapiGroup\b/.test(text) && /"POST"[\s\S]{0,80}?"create"/.test(text) && /"DELETE"[\s\S]{0,80}?"delete"/.test(text) && /"list"/.test(text)) {
    const m = /\bnew\s+\w+\s*\(\s*(?:Set|List)\.of\(([^)]*)\)\s*,\s*(?:Set|List)\.of\(([^)]*)\)/.exec(text);
    resolver = m ? { prefixes: quoted(m[1]!), groupless: quoted(m[2]!), line: lineAt(text, m.index) } : { ...K8S_PREFIXES, line: lineAt(text, text.indexOf('"POST"')) };
  }
  const folders = [...text.matchAll(/"classpath\*?:\/?([\w\-/]+?)\/\*\.(?:ya?ml|\{[^}"]*\})"/g)].map((m) => m[1]!).filter((f) => !f.includes('..'));
  const anon = /\.\s*anonymous\s*\(/.exec(text);
  const granted = anon ? /\bauthorities\s*\(([^;]*?)\)\s*[;)]/.exec(text.slice(anon.index, anon.index + 400)) : null;
  // Only a whole literal names the role; `ROLE_PREFIX + Const.Role` is left to the conventional names.
  const literal = granted ? /^\s*"([^"]+)"\s*$/.exec(granted[1]!) : null;
  if (!managers.length && !resolver && !folders.length && !granted) return undefined;
  return {
    ...(managers.length ? { managers } : {}),
    ...(resolver ? { resolver } : {}),
    ...(folders.length ? { classpathFolders: folders } : {}),
    ...(anon && granted ? { anonymousLine: lineAt(text, anon.index) } : {}),
    ...(literal ? { anonymousRoles: [literal[1]!.replace(/^ROLE_/, '')] } : {}),
  };
}

/** Names the role templates give an anonymous caller's role when the code does not name it in a literal. */
const ANONYMOUS_ROLES = ['anonymous', 'system:anonymous', 'system:unauthenticated'];
const MAX_TEMPLATE_FILES = 200;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Decides a route under `access(new X(…))`: a guard (anonymous allowed or not), or why it stays unknown. */
export type ManagerDecision = (e: EntryPoint, rule: SecurityRule) => Guard | string | undefined;

type ReadOptional = (rel: string) => Promise<string | undefined>;
/** A folder's entry names, or undefined when it is not one (or cannot be listed). */
export type ListDir = (rel: string) => string[] | undefined;

/**
 * Reads the role templates when some file has an RBAC manager, a resolver and an anonymous
 * authority; every template file read is stamped in `dataFiles` and every folder listed in `dataFolders`.
 */
export async function resolveRbac(
  facts: { file: string; facts: RbacFileFacts }[],
  javaFiles: string[],
  readOptional: ReadOptional,
  listDir: ListDir | undefined,
  dataFiles: DataFileStamp[],
  dataFolders: DataFileStamp[],
): Promise<ManagerDecision | undefined> {
  const managers = new Map(facts.flatMap((f) => (f.facts.managers ?? []).map((m) => [m.name, { ...m, file: f.file }] as const)));
  const resolvers = facts.filter((f) => f.facts.resolver);
  const anonymous = facts.find((f) => f.facts.anonymousLine);
  if (!managers.size || resolvers.length !== 1 || !anonymous || !listDir) return undefined;
  const api = resolvers[0]!.facts.resolver!;
  const roots = new Set(javaFiles.map((f) => /^(.*?)src\/main\/(?:java|kotlin)\//.exec(f)?.[1]).filter((r): r is string => r !== undefined).map((r) => `${r}src/main/resources/`));
  const folders = new Set(facts.flatMap((f) => f.facts.classpathFolders ?? []));
  const roles: RoleTemplate[] = [];
  let read = 0;
  for (const root of [...roots].sort())
    for (const folder of [...folders].sort()) {
      const dir = `${root}${folder}`;
      const names = listDir(dir);
      dataFolders.push(stampOf(dir, names?.join('\n')));
      for (const name of (names ?? []).filter((n) => /\.ya?ml$/.test(n)).sort()) {
        if (read++ >= MAX_TEMPLATE_FILES) break;
        const file = `${dir}/${name}`;
        const text = await readOptional(file);
        dataFiles.push(stampOf(file, text));
        if (text !== undefined) roles.push(...parseRoleTemplates(text, file));
      }
    }
  const names = anonymous.facts.anonymousRoles ?? ANONYMOUS_ROLES;
  const held = roleClosure(roles, names);
  const own = held.find((r) => names.includes(r.name));
  if (!own) return undefined;
  const rules: PolicyRule[] = held.flatMap((r) => r.rules);
  const roleOf = new Map(held.flatMap((r) => r.rules.map((x) => [x, r] as const)));
  return (e, rule) => {
    const m = /^access\(\s*new\s+(\w+)\s*\(/.exec(rule.rule);
    const manager = m ? managers.get(m[1]!) : undefined;
    if (!manager) return undefined;
    const at = `${manager.name} (${manager.file}:${manager.line}) via ${rule.file}:${rule.line}`;
    const answers = (e.method === 'ANY' ? METHODS : [e.method]).map((method) => {
      const a = requestAttributes(method, e.path, api);
      return { a, found: allowingRule(rules, a) };
    });
    if (answers.some((x) => x.found === 'depends') || new Set(answers.map((x) => x.found === undefined)).size > 1)
      return `Kubernetes-style RBAC of ${at}: whether the anonymous role (${own.file}:${own.line}) lets ${e.method} ${e.path} in depends on a path parameter's value or on the method`;
    const { a, found } = answers[0]!;
    const request = describeAttributes(a);
    if (found && found !== 'depends') {
      const role = roleOf.get(found)!;
      return { name: `RBAC role ${role.name} allows ${request}`, kind: 'other', optional: true, file: rule.file, line: rule.line, reason: `Kubernetes-style RBAC of ${at}: the anonymous role's rule at ${found.file}:${found.line} (role ${role.name}) lets anonymous callers in` };
    }
    return {
      name: `RBAC ${manager.name}: no anonymous rule for ${request}`,
      kind: 'authorization',
      file: rule.file,
      line: rule.line,
      reason: `Kubernetes-style RBAC of ${at}: the anonymous role (${own.file}:${own.line}) and the roles it takes in have no rule for ${request}; a role holding one is needed`,
      evidence: { how: 'RBAC role templates', text: `no anonymous rule for ${request}`, file: own.file, line: own.line },
    };
  };
}

// Kubernetes-style RBAC as a service's authorization manager applies it (halo's
// RequestInfoAuthorizationManager, a port of Kubernetes' RequestInfoFactory and RBAC authorizer):
// the request becomes attributes — API group, resource[/subresource], name, verb — and is allowed
// when one rule of the caller's roles matches them. Here a route (method + path with `:params`)
// is turned into those attributes and matched against the rules of the roles an anonymous caller
// holds: what anonymous may do is open, what it may not needs a role. A part of the path that is
// a parameter where the answer depends on its value leaves the match undecided, never guessed.

/** A path parameter in the attributes: the route serves every value. */
export const ANY_VALUE = '\0param';

export type RequestAttributes =
  | { resourceRequest: true; group: string; version: string; resource: string; name: string; subresource: string; subName: string; verb: string }
  | { resourceRequest: false; path: string; verb: string };

/** One rule of a role, as written in its YAML (`rules:`), with where it is. */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  verbs: string[];
  nonResourceURLs: string[];
  file: string;
  line: number;
}

/** How a resolver splits a path: the API prefixes (`api`, `apis`) and those without a group (`api`). */
export interface ApiPrefixes {
  prefixes: string[];
  groupless: string[];
}

/** Kubernetes' own: `/api/{version}/…` (the core group) and `/apis/{group}/{version}/…`. */
export const K8S_PREFIXES: ApiPrefixes = { prefixes: ['api', 'apis'], groupless: ['api'] };

const VERB_OF_METHOD = new Map([
  ['POST', 'create'],
  ['GET', 'get'],
  ['HEAD', 'get'],
  ['PUT', 'update'],
  ['PATCH', 'patch'],
  ['DELETE', 'delete'],
]);
const SPECIAL_VERBS = new Set(['proxy', 'watch']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const segmentOf = (s: string): string => (s.startsWith(':') || s.startsWith('*') || /^\{.*\}$/.test(s) ? ANY_VALUE : s);

/**
 * The attributes of `METHOD path` as RequestInfoFactory makes them: fewer than three parts or
 * another prefix → a non-resource request; `/namespaces/{ns}/…` moves to the resource after it; a
 * GET without a name is `list`; a `create` of a name without a subresource is a non-resource request.
 * (The query's `watch=true`/`all=true` and a WebSocket upgrade, which change the verb, are not
 * part of a route.)
 */
export function requestAttributes(method: string, path: string, api: ApiPrefixes = K8S_PREFIXES): RequestAttributes {
  const verb = VERB_OF_METHOD.get(method) ?? '';
  const nonResource: RequestAttributes = { resourceRequest: false, path, verb };
  let parts = path.split('/').filter(Boolean).map(segmentOf);
  if (parts.length < 3 || !api.prefixes.includes(parts[0]!)) return nonResource;
  const prefix = parts[0]!;
  parts = parts.slice(1);
  let group = '';
  if (!api.groupless.includes(prefix)) {
    if (parts.length < 3) return nonResource;
    group = parts[0]!;
    parts = parts.slice(1);
  }
  const version = parts[0]!;
  parts = parts.slice(1);
  let v = verb;
  if (SPECIAL_VERBS.has(parts[0] ?? '')) {
    v = parts[0]!;
    parts = parts.slice(1);
  }
  if (parts[0] === 'namespaces' && parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
  const special = SPECIAL_VERBS.has(v);
  const info = { resourceRequest: true as const, group, version, resource: parts[0] ?? '', name: parts[1] ?? '', subresource: special ? '' : (parts[2] ?? ''), subName: special ? '' : (parts[3] ?? ''), verb: v };
  if (info.name && !info.subresource && v === 'create') return nonResource;
  if (!info.name && v === 'get') info.verb = 'list';
  return info;
}

/** true: the rule matches; false: it does not; undefined: it depends on a parameter's value. */
type Match = boolean | undefined;

const and = (...ms: Match[]): Match => (ms.includes(false) ? false : ms.includes(undefined) ? undefined : true);
const anyOf = (ms: Match[]): Match => (ms.includes(true) ? true : ms.includes(undefined) ? undefined : false);

function wordMatch(list: string[], value: string): Match {
  if (list.includes('*')) return true;
  if (value === ANY_VALUE) return list.length ? undefined : false;
  return list.includes(value);
}

function resourceMatch(rule: PolicyRule, a: Extract<RequestAttributes, { resourceRequest: true }>): Match {
  if (rule.resources.includes('*')) return true;
  if (a.resource === ANY_VALUE) return rule.resources.length ? undefined : false;
  if (a.subresource === ANY_VALUE) return rule.resources.some((r) => r.startsWith(`${a.resource}/`) || r.startsWith('*/')) ? undefined : false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return rule.resources.some((r) => r === combined || (!!a.subresource && r === `*/${a.subresource}`));
}

/**
 * `resourceNames` narrows a rule to some names: a route whose name is a parameter serves every
 * name, so a rule for some of them does not open the route (only `*` does).
 */
function nameMatch(rule: PolicyRule, name: string, subName: string): Match {
  if (!rule.resourceNames.length) return true;
  const requested = (name ? (subName ? `${name}/${subName}` : name) : subName).split('/').filter(Boolean);
  return anyOf(
    rule.resourceNames.map((pattern) => {
      const parts = pattern.split('/');
      return and(
        ...parts.map((p, i) => {
          const text = requested[i] ?? '';
          if (p === '*') return true;
          if (text === ANY_VALUE) return false;
          if (p.startsWith('*')) return text.endsWith(p.slice(1));
          if (p.endsWith('*')) return text.startsWith(p.slice(0, -1));
          return p === text;
        }),
      );
    }),
  );
}

function urlMatch(rule: PolicyRule, path: string): Match {
  return anyOf(
    rule.nonResourceURLs.map((u) => {
      if (u === '*') return true;
      const concrete = !path.split('/').some((s) => segmentOf(s) === ANY_VALUE);
      if (u === path && concrete) return true;
      if (!u.endsWith('*')) {
        if (concrete) return false;
        // `/a/:x` may be `/a/b` for one value of x: undecided where every written segment agrees.
        const us = u.split('/');
        const ps = path.split('/');
        return us.length === ps.length && ps.every((s, i) => segmentOf(s) === ANY_VALUE || s === us[i]) ? undefined : false;
      }
      const stem = u.slice(0, -1);
      // The part of the path the stem covers must be written out; a parameter there may or may not match.
      const covered = path.slice(0, stem.length);
      if (covered.split('/').some((s) => segmentOf(s) === ANY_VALUE)) return undefined;
      return path.startsWith(stem);
    }),
  );
}

/** Whether one rule lets the request in. */
export function ruleAllows(rule: PolicyRule, a: RequestAttributes): Match {
  const verb = wordMatch(rule.verbs, a.verb);
  if (!a.resourceRequest) return rule.nonResourceURLs.length ? and(verb, urlMatch(rule, a.path)) : false;
  if (!rule.apiGroups.length && !rule.resources.length) return false;
  return and(verb, wordMatch(rule.apiGroups, a.group), resourceMatch(rule, a), nameMatch(rule, a.name, a.subName));
}

/** The first rule that lets the request in; `undefined` when none; `'depends'` when one may, by a parameter's value. */
export function allowingRule(rules: PolicyRule[], a: RequestAttributes): PolicyRule | 'depends' | undefined {
  let depends = false;
  for (const r of rules) {
    const m = ruleAllows(r, a);
    if (m === true) return r;
    if (m === undefined) depends = true;
  }
  return depends ? 'depends' : undefined;
}

/** A route's request in words: `api.console.halo.run comments list`, `POST /apis/x/v1/trackers/:name (non-resource create)`. */
export function describeAttributes(a: RequestAttributes): string {
  const show = (s: string) => (s === ANY_VALUE ? '{name}' : s);
  if (!a.resourceRequest) return `${a.path} (non-resource URL, verb ${a.verb})`;
  const res = a.subresource ? `${show(a.resource)}/${show(a.subresource)}` : show(a.resource);
  const name = a.name && a.name !== ANY_VALUE ? ` name "${a.name}"` : '';
  return `${a.group || '""'} ${res}${name} ${a.verb}`;
}

// Kubernetes-style role templates declared as data: YAML documents `kind: Role` (or ClusterRole)
// with `metadata.name`, `rules:` of apiGroups/resources/resourceNames/verbs/nonResourceURLs, and
// the ways a role takes in others' rules — a `…/dependencies` annotation holding a JSON list of
// role names (halo's `rbac.authorization.halo.run/dependencies`), a label `…/aggregate-to-<role>:
// "true"` on the role aggregated, and Kubernetes' `aggregationRule.clusterRoleSelectors`. Read
// with their lines, so that a decision cites the rule that made it.
import { LineCounter, parseAllDocuments } from 'yaml';
import type { PolicyRule } from './k8sRbac';

export interface RoleTemplate {
  name: string;
  file: string;
  line: number;
  labels: Map<string, string>;
  /** Roles whose rules this one includes (its dependencies annotation). */
  dependencies: string[];
  /** Label selectors of an aggregation rule: roles carrying all of one selector's labels are included. */
  selectors: Map<string, string>[];
  rules: PolicyRule[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function stringMap(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') out.set(k, x);
  return out;
}

/** A JSON list of names in an annotation; none when it is not one. */
function nameList(text: string): string[] {
  try {
    return strings(JSON.parse(text));
  } catch {
    return [];
  }
}

/** The roles of one YAML file; none when it is not YAML or holds no role. */
export function parseRoleTemplates(text: string, file: string): RoleTemplate[] {
  if (!/^kind:\s*["']?(Cluster)?Role["']?\s*$/m.test(text)) return [];
  const lc = new LineCounter();
  const out: RoleTemplate[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lc });
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    if (doc.errors.length) continue;
    const v = doc.toJS() as Record<string, unknown> | null;
    if (!v || typeof v !== 'object' || (v.kind !== 'Role' && v.kind !== 'ClusterRole')) continue;
    const meta = (v.metadata ?? {}) as Record<string, unknown>;
    if (typeof meta.name !== 'string') continue;
    const lineOf = (node: unknown): number => {
      const range = (node as { range?: [number, number, number] } | null)?.range;
      return range ? lc.linePos(range[0]).line : 1;
    };
    const annotations = stringMap(meta.annotations);
    const dependencies = [...annotations].filter(([k]) => /(^|\/)dependencies$/.test(k)).flatMap(([, x]) => nameList(x));
    const agg = (v.aggregationRule ?? {}) as Record<string, unknown>;
    const selectors = (Array.isArray(agg.clusterRoleSelectors) ? agg.clusterRoleSelectors : []).map((s: unknown) => stringMap((s as Record<string, unknown> | null)?.matchLabels));
    const rules: PolicyRule[] = [];
    (Array.isArray(v.rules) ? v.rules : []).forEach((r: unknown, i: number) => {
      const rule = (r ?? {}) as Record<string, unknown>;
      rules.push({
        apiGroups: strings(rule.apiGroups),
        resources: strings(rule.resources),
        resourceNames: strings(rule.resourceNames),
        verbs: strings(rule.verbs),
        nonResourceURLs: strings(rule.nonResourceURLs),
        file,
        line: lineOf(doc.getIn(['rules', i], true)),
      });
    });
    out.push({ name: meta.name, file, line: lineOf(doc.getIn(['metadata', 'name'], true)), labels: stringMap(meta.labels), dependencies, selectors, rules });
  }
  return out;
}

/**
 * The roles a holder of `names` has, with everything they take in (dependencies, aggregation), each
 * once; a name no template declares adds nothing.
 */
export function roleClosure(roles: RoleTemplate[], names: string[]): RoleTemplate[] {
  const byName = new Map<string, RoleTemplate[]>();
  for (const r of roles) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const seen = new Set<RoleTemplate>();
  const todo = names.flatMap((n) => byName.get(n) ?? []);
  while (todo.length) {
    const r = todo.pop()!;
    if (seen.has(r)) continue;
    seen.add(r);
    for (const d of r.dependencies) todo.push(...(byName.get(d) ?? []));
    for (const o of roles) {
      const aggregated = o.labels.get([...o.labels.keys()].find((k) => k.endsWith(`/aggregate-to-${r.name}`)) ?? '') === 'true';
      const selected = r.selectors.some((s) => s.size > 0 && [...s].every(([k, x]) => o.labels.get(k) === x));
      if (aggregated || selected) todo.push(o);
    }
  }
  return [...seen];
}

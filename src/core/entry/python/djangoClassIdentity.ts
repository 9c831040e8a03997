// Where a Django class view reads who is calling (`request.user`) in code a given method may run: a
// view nothing guards that reads it serves anonymous requests with the identity when present (optional).
import type { ViewClass } from '../djangoViews';
import type { ViewIndex } from '../djangoViewIndex';

type Reader = { name: string; file: string; line: number };

/**
 * A method of the class's lineage that reads request.user and may run for this HTTP method (a GET runs no form or
 * other verb's handler); a method whose read is a refusal's test (a mixin's dispatch gated on a setting) is no use.
 */
export function plainIdentityUse(index: ViewIndex, cls: ViewClass, method: string): Reader | undefined {
  // Another verb's handler never runs for this one (a POST runs post, not the sign-in page's get).
  const others = ['get', 'post', 'put', 'patch', 'delete'].includes(method.toLowerCase()) ? ['get', 'post', 'put', 'patch', 'delete'].filter((v) => v !== method.toLowerCase()).join('|') : '';
  const skip = method === 'GET' ? new RegExp(`^(${others}|form_valid|form_invalid|get_form\\w*|get_success_url)$`) : new RegExp(`^(${others})$`);
  for (const k of index.lineage(cls)) for (const [n, m] of Object.entries(k.methods)) if (m.reads && !m.refuses && !skip.test(n)) return { name: `${k.name}.${n}`, file: k.file, line: m.reads };
  return undefined;
}

/** The first of these methods (nearest in the lineage) that reads request.user. */
export function identityUse(index: ViewIndex, cls: ViewClass, names: string[]): Reader | undefined {
  for (const n of names) {
    const k = index.lineage(cls).find((x) => x.methods[n]);
    const at = k?.methods[n].reads;
    if (k && at) return { name: `${k.name}.${n}`, file: k.file, line: at };
  }
  return undefined;
}

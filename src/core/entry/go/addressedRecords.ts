// A test of the record a request addresses, not of its caller: `collection, err :=
// app.FindCollectionByNameOrId(e.Request.PathValue("collection")); if err != nil ||
// !collection.IsAuth() { return e.NotFoundError(…) }` ends the request when the path names no
// collection of that kind — every caller alike. The credential word (`IsAuth`) names what kind of
// record it is. Only a record looked up by a path parameter whose name is no credential: a token
// or key in the path (`/verify/:token`) is the caller's proof, and stays a doubt (keyedLookups.ts).
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';
import { isCredential } from './credentialWords';

/** A path parameter read by name: `r.PathValue("x")`, `c.Param("x")`, `chi.URLParam(r, "x")`, `ps.ByName("x")`, `mux.Vars(r)["x"]`. */
const PATH_PARAM = /\b(?:PathValue|Param|ParamValue|URLParam|ByName)\((?:[^()"]*,\s*)?"([^"]+)"\)|\bVars\([^()]*\)\["([^"]+)"\]/g;
const MAX_BACK = 3;

/** The names a statement binds from a lookup (`Find…`, `Get…`, `Load…`) by path parameters, none a credential. */
function lookedUpByPath(s: Node, lookup: RegExp): string[] {
  if (s.type !== 'short_var_declaration' && s.type !== 'assignment_statement') return [];
  const value = kids(s.childForFieldName('right'))[0];
  if (value?.type !== 'call_expression') return [];
  const fn = value.childForFieldName('function');
  const method = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text ?? '' : fn?.text ?? '';
  if (!lookup.test(method) || isCredential(method)) return [];
  const keys = [...value.text.matchAll(PATH_PARAM)].map((m) => m[1] ?? m[2]);
  if (!keys.length || keys.some((k) => isCredential(k))) return [];
  return kids(s.childForFieldName('left')).map((k) => k.text).filter((n) => /^\w+$/.test(n) && n !== '_' && n !== 'err');
}

/** Whether every credential word of the `if`'s test is a member of a record looked up by a path parameter just before. */
export function testsAddressedRecord(st: Node, soft: RegExp, lookup: RegExp): boolean {
  const cond = st.childForFieldName('condition')?.text ?? '';
  const bound = new Set<string>();
  for (let s = st.previousNamedSibling, i = 0; s && i < MAX_BACK; s = s.previousNamedSibling, i++) for (const n of lookedUpByPath(s, lookup)) bound.add(n);
  if (!bound.size) return false;
  let rest = cond;
  for (const n of bound) rest = rest.replace(new RegExp(`\\b${n}(?:\\.\\w+)+(?:\\(\\s*\\))?`, 'g'), '_');
  return rest !== cond && !soft.test(rest);
}

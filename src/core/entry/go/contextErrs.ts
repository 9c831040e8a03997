// A refusal recorded on the request's context instead of written: mattermost's handlers end with
// `c.SetPermissionError(perm); return` (a method of its own Context whose body is
// `c.Err = c.App.MakePermissionError(…)`, itself `return model.NewAppError(…, http.StatusForbidden)`),
// and its handler type's ServeHTTP answers what the handler left there: `w.WriteHeader(c.Err.StatusCode)`.
// The call writes no status, so it read as a check ending the request some other way (unknown).
// It counts as a refusal only when both halves are there: the helper records an error whose status
// is a literal 401/403 (directly or made by a function of ours that returns it), and some function
// of the service answers that field's status. Anything else stays as before (unknown, never open).
import type { GoNode as Node } from './goNode';
import { all, kids, line } from '../treeUtil';
import { enclosingFn } from './goStatements';
import type { Callee, GoFunc, Refusal } from './types';
import type { GoIndex } from './resolve';
import { dict } from '../../ownKeys';

/** `c.Err = <value>`: the field of the context written, and what the status of the error is known from. */
export interface ErrRecord {
  field: string;
  line: number;
  /** The status the recorded error names in its own text (`model.NewAppError(…, http.StatusUnauthorized)`). */
  how?: '401' | '403';
  /** The call of ours that makes the recorded error (`c.App.MakePermissionError(…)`): its returned status decides. */
  callee?: Callee;
  text: string;
}

const STATUS_401 = /\bhttp\.StatusUnauthorized\b|,\s*401\s*\)/;
const STATUS_403 = /\bhttp\.StatusForbidden\b|,\s*403\s*\)/;

/** The errors a function records on a field of a value it is handed (`c.Err = …`), the value being a call. */
export function errRecords(fn: Node, body: Node, callee: (n: Node) => Callee | undefined): ErrRecord[] {
  const out: ErrRecord[] = [];
  for (const st of all(body, 'assignment_statement')) {
    if (enclosingFn(st)?.startIndex !== fn.startIndex || st.childForFieldName('operator')?.text !== '=') continue;
    const left = kids(st.childForFieldName('left'));
    const right = kids(st.childForFieldName('right'));
    if (left.length !== 1 || right.length !== 1 || left[0].type !== 'selector_expression' || right[0].type !== 'call_expression') continue;
    // Only a field of a plain name (`c.Err`), never a deeper path (`c.Err.StatusCode = 500`).
    if (left[0].childForFieldName('operand')?.type !== 'identifier') continue;
    const field = left[0].childForFieldName('field')?.text;
    if (!field || !/Err(or)?$/.test(field)) continue;
    const text = right[0].text;
    const how = STATUS_401.test(text) ? '401' : STATUS_403.test(text) ? '403' : undefined;
    const c = how ? undefined : callee(right[0].childForFieldName('function')!);
    if (!how && (!c || c.startsWith('ext:'))) continue;
    out.push({ field, line: line(st), ...(how ? { how } : { callee: c }), text: st.text.replace(/\s+/g, ' ').slice(0, 120) });
  }
  return out;
}

/** The context fields whose status a function writes as the answer (`w.WriteHeader(c.Err.StatusCode)`). */
export function answeredErrFields(body: Node): string[] {
  const out = new Set<string>();
  for (const m of body.text.matchAll(/WriteHeader\(\s*\w+\.(\w*Err(?:or)?)\.(?:StatusCode|Status|Code)\s*\)/g)) out.add(m[1]);
  return [...out];
}

const answered = new WeakMap<GoIndex, Set<string>>();

/** Every context field some function of the service answers with its status (once per index). */
function answeredFields(ix: GoIndex): Set<string> {
  let s = answered.get(ix);
  if (!s) {
    s = new Set<string>();
    for (const f of ix.funcs.values()) for (const x of f.answersErr ?? []) s.add(x);
    answered.set(ix, s);
  }
  return s;
}

/**
 * The refusal a helper records on the context (`c.SetPermissionError(…)` called at the end of a
 * credential test's branch): a 401/403 whose field the service answers. Undefined otherwise.
 */
export function recordedRefusal(ix: GoIndex, fn: GoFunc): Refusal | undefined {
  if (!fn.errRecords?.length) return undefined;
  const fields = answeredFields(ix);
  for (const r of fn.errRecords) {
    if (!fields.has(r.field)) continue;
    let how = r.how;
    // The maker's own status: the one status its body names, a 401/403 it refuses with (`return model.NewAppError(…, http.StatusForbidden)`).
    if (!how && r.callee) {
      const maker = ix.fnOf(r.callee);
      const returned = (maker?.refusals ?? []).find((x) => x.how === String(maker?.status));
      if (returned && (maker?.status === 401 || maker?.status === 403)) how = returned.how as '401' | '403';
    }
    if (how) return { how: `${how}, recorded on the context's ${r.field} and answered by the handler's wrapper`, text: r.text, line: r.line, credential: true };
  }
  return undefined;
}

/**
 * `type Context = web.Context` (mattermost's api4): a package's alias of a type of ours, so that a
 * method called on the alias (`c.SetPermissionError` in api4, `fn:api4#Context.SetPermissionError`)
 * is the aliased type's own (resolved in goIndexCore.ts).
 */
export function typeAliases(root: Node, typeKey: (t: Node | null | undefined) => string | undefined): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const a of all(root, 'type_alias')) {
    if (a.parent?.parent?.type !== 'source_file') continue;
    const name = a.childForFieldName('name')?.text;
    const key = typeKey(a.childForFieldName('type'));
    if (name && key && !key.startsWith('ext:')) (out ??= dict<string>())[name] = key;
  }
  return out;
}

// A path parameter named as a key, token or secret (`/notifies/:comment_id/:notify_key`) that the
// handler looks a record up by, ending the request when none matches (`n := dao.FindNotify(id,
// key); if n.IsEmpty() { return 404 }`): only a caller who knows the key gets through, or the key
// is merely a record's name; which one, the code does not say. A doubt (`unknown`), as for a
// credential check that ends the request without 401/403 (softChecks.ts), never a guard and never
// `open`. Names only as the route's own parameter, read from the request in this function.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line } from '../treeUtil';

/** `notify_key`, `shareToken`, `key`, `secret`: a parameter named as what proves access. */
const KEY_PARAM = /(^|[_-])(key|token|secret)$|[a-z](Key|Token|Secret)$/;
/** fiber `c.Params("x")` / `c.ParamsInt("x")`, gin and echo `c.Param("x")`, chi `chi.URLParam(r, "x")`, Iris's query `ctx.URLParam("x")`. */
const PARAM_READ = /^(Params|ParamsInt|Param|URLParam)$/;
/** The branch ends the request with a refusal or an error, not an answer. */
const ENDS = /\breturn\b/;
// Iris sets the status and stops (`ctx.StatusCode(…); return`, `ctx.StopWithStatus(…)`).
const REFUSES = /Error\(|Abort|NotFound|Forbidden|Unauthorized|\b4\d\d\b|\.StatusCode\(|\.StopWith\w*\(/;

export function keyedLookups(body: Node): number[] {
  const keys = new Set<string>();
  for (const d of all(body, 'short_var_declaration')) {
    const [left] = kids(d.childForFieldName('left'));
    const [right] = kids(d.childForFieldName('right'));
    if (left?.type === 'identifier' && right && isKeyParam(right)) keys.add(left.text);
  }
  // Locals a call gave from a key (`notify := app.Dao().FindNotifyForComment(id, notifyKey)`).
  const found = new Set<string>();
  for (const d of all(body, 'short_var_declaration')) {
    const [right] = kids(d.childForFieldName('right'));
    if (right?.type !== 'call_expression' || !callArgs(right).some((a) => (a.type === 'identifier' && keys.has(a.text)) || isKeyParam(a))) continue;
    for (const l of kids(d.childForFieldName('left'))) if (l.type === 'identifier' && l.text !== '_' && l.text !== 'err') found.add(l.text);
  }
  if (!found.size) return [];
  const lines: number[] = [];
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition');
    // The branch that ends it may be the else: `if sess != nil { … } else { ctx.StatusCode(500); return }`.
    const ends = [st.childForFieldName('consequence'), st.childForFieldName('alternative')].some((b) => !!b && ENDS.test(b.text) && REFUSES.test(b.text));
    if (!cond || !ends) continue;
    if ([cond, ...all(cond, 'identifier')].some((id) => id.type === 'identifier' && found.has(id.text))) lines.push(line(st));
  }
  return lines;
}

function isKeyParam(n: Node): boolean {
  if (n.type !== 'call_expression') return false;
  const fn = n.childForFieldName('function');
  const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
  if (!name || !PARAM_READ.test(name)) return false;
  const lit = callArgs(n).find((a) => a.type === 'interpreted_string_literal');
  return !!lit && KEY_PARAM.test(lit.text.slice(1, -1));
}

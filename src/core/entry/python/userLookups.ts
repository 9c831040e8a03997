// A view that looks up the user the request names and stops when there is none:
//   user = await get_user(request.args.get("usr"))
//   if not user:
//       return jsonify({"status": "ERROR", …})
// Services that carry the account's id in the URL as its secret (a wallet's link) refuse everyone
// else this way; a public profile page looks the same. Which it is depends on whether the value is
// a secret, which the code does not say: the route is left `unknown` with the lookup named
// (flaskGuardJudge.ts), never unguarded — unless a guard decorator of the service finds its caller
// with the same function (`g.user = await get_user(request.args.get("usr")) or abort(404)`): then
// the service itself says that lookup identifies the caller, and the view refuses as the guard does.
import type { Node } from 'web-tree-sitter';
import { kids, line } from '../treeUtil';
import { oneLine } from '../guards';
import { paramNames } from './pyScope';
import { alwaysStops } from './flaskDelegates';

/** A lookup of a user or account by name (`get_user`, `load_account`, `users.find_user_by_id`). */
const USER_LOOKUP = /(^|[._])(get|load|find|fetch|lookup)_?(user|account)(_\w+)?$/i;
const LEADING = 8;

export interface UserLookup {
  line: number;
  /** The lookup call, as written. */
  text: string;
  /** The function it calls, when it is ours. */
  ref?: string;
}

/** The first leading `if not user: <stop>` past `user = get_user(<what the request carries>)`. */
export function userLookupStop(fn: Node, refOf: (n: Node | null | undefined) => string | undefined): UserLookup | undefined {
  const body = fn.childForFieldName('body');
  const params = new Set(paramNames(fn));
  const bound = new Map<string, Node>();
  for (const st of kids(body).slice(0, LEADING)) {
    const e = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (e?.type === 'assignment') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      const call = right?.type === 'await' ? right.namedChildren[0] : right;
      const args = call?.type === 'call' ? call.childForFieldName('arguments') : undefined;
      const fromRequest = !!args && (/\brequest\.(args|values|view_args|form)\b/.test(args.text) || args.descendantsOfType('identifier').some((x) => !!x && params.has(x.text)));
      if (left?.type === 'identifier' && call && fromRequest && USER_LOOKUP.test(call.childForFieldName('function')?.text ?? '')) bound.set(left.text, call);
      continue;
    }
    if (st.type !== 'if_statement' || st.childrenForFieldName('alternative').some(Boolean)) continue;
    const cond = st.childForFieldName('condition');
    const name = cond?.type === 'not_operator' ? cond.childForFieldName('argument')?.text : /^(\w+) is None$/.exec(cond?.text ?? '')?.[1];
    const call = name ? bound.get(name) : undefined;
    const ref = call && refOf(call.childForFieldName('function'));
    if (call && alwaysStops(st.childForFieldName('consequence'))) return { line: line(st), text: oneLine(call.text, 80), ...(ref ? { ref } : {}) };
  }
  return undefined;
}

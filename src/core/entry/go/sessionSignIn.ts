// gorilla/sessions signs a caller in by writing who they are into the session's Values map
// (`session.Values["user"] = user.ID`, then `session.Save(r, w)`, often through a helper): the
// handler doing so is a sign-in, whose refusals of bad credentials are the sign-in itself, not a
// guard of its route (as SIGN_IN_CALL in bodies.ts). Clearing the key (`= nil`) signs out.
import type { GoNode as Node } from './goNode';
import { all, kids, line, stringValue } from '../treeUtil';

/** A key of the session that names the signed-in identity. */
const IDENTITY_KEY = /^(user(_?id|name)?|uid|account(_?id)?|authenticated|logged_?in|identity|principal)$/i;

/** The line of the first write of an identity into a session's Values map, if any. */
export function sessionSignIn(body: Node): number | undefined {
  for (const st of all(body, 'assignment_statement')) {
    const left = kids(st.childForFieldName('left'));
    const right = kids(st.childForFieldName('right'));
    if (left.length !== 1 || right.length !== 1 || right[0].text === 'nil' || right[0].text === 'false') continue;
    const target = left[0];
    if (target.type !== 'index_expression') continue;
    const map = target.childForFieldName('operand');
    const key = target.childForFieldName('index');
    if (map?.type !== 'selector_expression' || map.childForFieldName('field')?.text !== 'Values' || !key) continue;
    const k = stringValue(key);
    if (k !== undefined && IDENTITY_KEY.test(k)) return line(st);
  }
  return undefined;
}

// A Spring handler that checks a credential header itself:
//   public Object api(@RequestHeader(value = Const.XXL_JOB_ACCESS_TOKEN, required = false) String accessToken, …) {
//       if (!(group != null && accessToken.equals(group.getAccessToken()))) { return Response.ofFail("invalid"); }
// The route may be outside every interceptor and security rule (an open API for machines), yet a
// caller without the right token gets nothing: the comparison, with its line, is the route's guard.
// Only a parameter bound from a request header whose name or header says token/secret/signature/
// API key counts, compared with `equals` (or `==`) in an `if` whose branch ends the request.
// A password (a login form's) is no credential of this kind: checking it is the login itself.
import type { Node } from 'web-tree-sitter';
import type { Guard } from './types';
import { all, kids, line } from './treeUtil';
import { oneLine } from './guards';

const CREDENTIAL = /token|secret|signature|api_?key|access_?key/i;

export function credentialHeaderCheck(method: Node, file: string, where: string): Guard | undefined {
  const names = new Set<string>();
  for (const p of kids(method.childForFieldName('parameters'))) {
    if (p.type !== 'formal_parameter') continue;
    const mods = kids(p).find((k) => k.type === 'modifiers')?.text ?? '';
    const name = p.childForFieldName('name')?.text ?? '';
    const header = /@RequestHeader\b([\s\S]*)/.exec(mods);
    if (header && (CREDENTIAL.test(name) || CREDENTIAL.test(header[1] ?? ''))) names.add(name);
  }
  const body = method.childForFieldName('body');
  if (!names.size || !body) return undefined;
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition')?.text ?? '';
    const tested = [...names].find((n) => {
      const e = n.replace(/\$/g, '\\$');
      return new RegExp(`(?<![\\w$])${e}\\s*\\.\\s*equals(?:IgnoreCase)?\\s*\\(|\\.equals(?:IgnoreCase)?\\s*\\(\\s*${e}\\s*\\)|(?:Objects\\.equals|MessageDigest\\.isEqual)\\s*\\([^)]*(?<![\\w$])${e}(?![\\w$])|(?<![\\w$])${e}\\s*[!=]=\\s*(?!null\\b)\\w|\\w\\s*[!=]=\\s*${e}(?![\\w$])`).test(cond);
    });
    if (!tested) continue;
    const branch = [st.childForFieldName('consequence'), st.childForFieldName('alternative')].find((b) => b && (b.type === 'return_statement' || b.type === 'throw_statement' || all(b, ['return_statement', 'throw_statement']).length > 0));
    if (!branch) continue;
    return {
      name: `credential check in ${where}`,
      kind: 'authentication',
      reason: `check in the handler: refuses a request whose ${tested} header does not match (${file}:${line(st)})`,
      file,
      line: line(st),
      evidence: { how: `compares ${tested}`, text: oneLine(cond, 80), file, line: line(st) },
    };
  }
  return undefined;
}

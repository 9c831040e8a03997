// A Spring handler that refuses a caller without an identity itself:
//   public CommonResult getAdminInfo(Principal principal) {
//       if (principal == null) { return CommonResult.unauthorized(null); }
// The path may be `permitAll` in the security chain (mall's `/admin/info`), yet anonymous callers
// get nothing: the check, with its line, is the route's guard. Only an identity parameter (a
// `Principal`, an `Authentication`, an `@AuthenticationPrincipal` one) tested for null, whose branch
// ends the request (a return or a throw), counts.
import type { Node } from 'web-tree-sitter';
import type { Guard } from './types';
import { all, kids, line } from './treeUtil';
import { oneLine } from './guards';

const IDENTITY_TYPE = /^(?:java\.security\.)?(?:Principal|Authentication|\w*AuthenticationToken|OAuth2User|UserDetails|Jwt)$/;

export function principalCheck(method: Node, file: string, where: string): Guard | undefined {
  const names = new Set<string>();
  for (const p of kids(method.childForFieldName('parameters'))) {
    if (p.type !== 'formal_parameter') continue;
    const type = p.childForFieldName('type')?.text ?? '';
    const annotated = /@AuthenticationPrincipal\b/.test(kids(p).find((k) => k.type === 'modifiers')?.text ?? '');
    const name = p.childForFieldName('name')?.text;
    if (name && (IDENTITY_TYPE.test(type) || annotated)) names.add(name);
  }
  const body = method.childForFieldName('body');
  if (!names.size || !body) return undefined;
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition')?.text ?? '';
    const tested = [...names].find((n) => {
      // A Java name may hold `$`.
      const e = n.replace(/\$/g, '\\$');
      return new RegExp(`(?<![\\w$])${e}\\s*==\\s*null\\b|\\bnull\\s*==\\s*${e}(?![\\w$])|Objects\\.isNull\\(\\s*${e}\\s*\\)`).test(cond);
    });
    const then = st.childForFieldName('consequence');
    if (!tested || !then || !all(then, ['return_statement', 'throw_statement']).length) continue;
    return {
      name: `check in ${where}`,
      kind: 'authentication',
      reason: `check in the handler: refuses a caller without ${tested} (${file}:${line(st)})`,
      file,
      line: line(st),
      evidence: { how: `no ${tested}: ${oneLine(then.text, 60)}`, text: oneLine(st.text), file, line: line(st) },
    };
  }
  return undefined;
}

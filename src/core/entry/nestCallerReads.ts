// Whether a Nest handler reads its caller, for a guard that lets anonymous requests through but
// hands on the identity it found (passport's AuthGuard whose handleRequest returns the user and never
// throws: an "optional" guard). Such a route is `optional` when the handler reads who calls — through
// a parameter decorator of the repository built with createParamDecorator that reads `request.user`
// (`@User('id') userId`, `@CurrentUser() user`), or `@Req() req` and `req.user` in its body — and open
// when it does not (the guard then changes nothing the route does).
import type { Node } from 'web-tree-sitter';
import type { ComposedDecorator } from './nestComposedGuards';
import { all, callArgs, kids, line } from './treeUtil';

/** What a parameter decorator reads when the handler's own body reads `req.user` off `@Req()`. */
export const REQ_USER = 'Req.user';
/** `where` of a parameter decorator's use, set apart from the method's and class's decorators. */
export const PARAM_WHERE = 'parameter of ';

const FUNCTIONS = new Set(['function_expression', 'arrow_function']);

/**
 * `export const User = createParamDecorator((data, ctx) => { … request.user … })`: decorators of the
 * file that hand the handler its caller, kept beside the composed decorators (no guards of their own).
 */
export function findIdentityParamDecorators(root: Node, file: string, text: string): ComposedDecorator[] {
  if (!text.includes('createParamDecorator')) return [];
  const out: ComposedDecorator[] = [];
  for (const call of all(root, 'call_expression')) {
    if (!/(?:^|\.)createParamDecorator$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    const fn = callArgs(call)[0];
    if (!fn || !FUNCTIONS.has(fn.type)) continue;
    if (!/\.user\b|\['user'\]|\["user"\]/.test(fn.text)) continue;
    let p = call.parent;
    while (p && p.type !== 'variable_declarator') p = p.parent;
    const name = p?.childForFieldName('name')?.text;
    if (name) out.push({ name, file, line: line(call), guards: [], identity: true });
  }
  return out;
}

/** The decorators on a method's parameters, as uses; `Req.user` for a `@Req()` parameter whose `.user` the body reads. */
export function paramDecoratorUses(m: Node, where: string): { name: string; line: number; where: string }[] {
  const out: { name: string; line: number; where: string }[] = [];
  const body = m.childForFieldName('body')?.text ?? '';
  for (const p of kids(m.childForFieldName('parameters'))) {
    for (const d of kids(p).filter((k) => k.type === 'decorator')) {
      const e = d.namedChildren[0];
      const name = e?.type === 'call_expression' ? e.childForFieldName('function')?.text : e?.text;
      if (!name) continue;
      out.push({ name, line: line(d), where: `${PARAM_WHERE}${where}` });
      const id = kids(p).find((k) => k.type === 'identifier')?.text;
      if (/^(Req|Request)$/.test(name) && id && new RegExp(`\\b${id}\\.user\\b`).test(body)) out.push({ name: REQ_USER, line: line(d), where: `${PARAM_WHERE}${where}` });
    }
  }
  return out;
}

/** The parameter decorator through which the handler reads its caller, if any. */
export function callerRead(uses: { name: string; where: string }[], composed: Map<string, ComposedDecorator>): string | undefined {
  const u = uses.find((x) => x.where.startsWith(PARAM_WHERE) && (x.name === REQ_USER || composed.get(x.name)?.identity));
  return u ? (u.name === REQ_USER ? '@Req() req.user' : `@${u.name}()`) : undefined;
}

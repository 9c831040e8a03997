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
    const then = st.childForFieldName('consequence') ?? undefined;
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

// A handler that refuses any request whose signature does not verify, before doing anything:
//   AlipayConfig alipay = alipayService.find();
//   if (alipayUtils.rsaCheck(request, alipay)) { …; return ok; }
//   return new ResponseEntity<>(HttpStatus.BAD_REQUEST);
// (or `if (!verifySignature(request, …)) { throw … }`). A payment provider's callback is permitted in
// the security chain, yet only the provider, who holds the key, gets past the check: the check, with
// its line, is the route's guard. Only a call named as a signature check, given the request (a
// parameter of the handler), as a statement of the handler's body that only declarations precede,
// whose failing branch ends the request with a refusal, counts.
const SIGNATURE_CALL = /^(?:rsa|sign|signature|hmac)\w*(?:check|verify|valid)\w*$|^(?:verify|check|validate|isValid)\w*(?:sign|signature|hmac)\w*$/i;
const REFUSAL = /\bthrow\b|BAD_REQUEST|UNAUTHORIZED|FORBIDDEN|\b40[013]\b|badRequest|unauthorized|forbidden/;

export function signatureCheck(method: Node, file: string, where: string): Guard | undefined {
  const formal = kids(method.childForFieldName('parameters')).filter((p) => p.type === 'formal_parameter');
  const params = new Set(formal.map((p) => p.childForFieldName('name')?.text ?? ''));
  // Setting up the response (`response.setContentType(…)`) before the check does nothing yet.
  const responses = new Set(formal.filter((p) => /ServletResponse$/.test(p.childForFieldName('type')?.text ?? '')).map((p) => p.childForFieldName('name')?.text ?? ''));
  const setsUp = (st: Node) => st.type === 'expression_statement' && [...responses].some((r) => new RegExp(`^${r}\\s*\\.\\s*set\\w*\\s*\\(`).test(st.text));
  const body = method.childForFieldName('body');
  if (!params.size || !body) return undefined;
  const statements = body.namedChildren.filter((s): s is Node => !!s && s.type !== 'line_comment' && s.type !== 'block_comment');
  for (const [i, st] of statements.entries()) {
    if (st.type === 'local_variable_declaration' || setsUp(st)) continue;
    if (st.type !== 'if_statement') return undefined;
    let cond = st.childForFieldName('condition')?.namedChildren[0] ?? undefined;
    const negated = cond?.type === 'unary_expression' && cond.childForFieldName('operator')?.text === '!';
    if (negated) cond = cond!.childForFieldName('operand') ?? undefined;
    if (cond?.type !== 'method_invocation' || !SIGNATURE_CALL.test(cond.childForFieldName('name')?.text ?? '')) return undefined;
    const args = kids(cond.childForFieldName('arguments')).filter((a) => a.isNamed);
    if (!args.some((a) => a.type === 'identifier' && params.has(a.text))) return undefined;
    const then = st.childForFieldName('consequence') ?? undefined;
    const otherwise = st.childForFieldName('alternative') ?? (negated ? undefined : statements[i + 1]) ?? undefined;
    const refusal = negated ? then : otherwise;
    const ends = refusal && (refusal.type === 'return_statement' || refusal.type === 'throw_statement' || all(refusal, ['return_statement', 'throw_statement']).length > 0);
    if (!ends || !REFUSAL.test(refusal!.text)) return undefined;
    return {
      name: `signature check in ${where}`,
      kind: 'authentication',
      reason: `check in the handler: refuses a request whose signature ${oneLine(cond.text, 60)} does not verify (${file}:${line(st)})`,
      file,
      line: line(st),
      evidence: { how: `unverified: ${oneLine(refusal!.text, 60)}`, text: oneLine(cond.text), file, line: line(st) },
    };
  }
  return undefined;
}

// Dropwizard's @Auth on a resource method's parameter (`@Auth User user`): Jersey resolves the
// caller before the method runs — Dropwizard's AuthValueFactoryProvider, or an application's own
// resolver for the annotation — and answers 401 when there is none, so the parameter is the
// route's guard. `@Auth Optional<User>` hands the method an empty value instead: anonymous callers
// get in. Only the annotation of io.dropwizard.auth counts (the file imports it, or names it in
// full): an application's own `@Auth` may mean anything.
export function authParameter(method: Node, file: string, where: string, imported: boolean): Guard | undefined {
  for (const p of kids(method.childForFieldName('parameters'))) {
    if (p.type !== 'formal_parameter') continue;
    const mods = kids(kids(p).find((k) => k.type === 'modifiers'));
    const ann = mods.find((a) => (a.type === 'marker_annotation' || a.type === 'annotation') && (a.childForFieldName('name')?.text === 'io.dropwizard.auth.Auth' || (imported && a.childForFieldName('name')?.text === 'Auth')));
    if (!ann) continue;
    const type = p.childForFieldName('type')?.text ?? '';
    const name = p.childForFieldName('name')?.text ?? '';
    const optional = /^(?:java\.util\.)?Optional\s*</.test(type);
    return {
      name: `@Auth ${type} ${name}`,
      kind: 'authentication',
      ...(optional ? { optional: true } : {}),
      reason: optional
        ? `@Auth ${type} parameter of ${where} (${file}:${line(p)}): the caller is resolved when there is one, anonymous callers get an empty value`
        : `@Auth ${type} parameter of ${where} (${file}:${line(p)}): Dropwizard resolves the caller before the method runs and answers 401 without one`,
      file,
      line: line(p),
      evidence: { how: optional ? 'caller if any' : 'no caller: 401', text: oneLine(p.text), file, line: line(p) },
    };
  }
  return undefined;
}

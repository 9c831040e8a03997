// Guards of handlers that have no router to hang middleware on (file-system routes: Next.js,
// Nitro/Nuxt, SvelteKit): a wrapper around the exported handler (`export default withAuth(h)`),
// or an auth call at the start of the handler body that rejects the request
// (`await requireSession(req)`, `const session = await auth(); if (!session) return 401`).
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate } from './types';
import { callArgs, kids, line } from './treeUtil';
import { classifyGuardText, makeGuard } from './guards';

const FUNCTION = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function', 'generator_function_declaration']);
/** A call named like this rejects by itself (throws or responds 401) rather than just reading. */
const REJECTS = /^(require|ensure|assert|verify|check|authori[sz]e|authenticate|protect|guard|must)/i;
/** How many leading statements of a handler are searched: guards come first. */
const LEADING = 6;
/** Reading the request's body: what the client sent, not who it is. */
const BODY_READ = /^(await\s+)?\w+\.(json|formData)\(\)$/;

/** Guards of the handler exported by `exp` (an export statement or the exported value). */
export function handlerGuards(exp: Node, file: string): GuardCandidate[] {
  const out: GuardCandidate[] = [];
  let value: Node | null | undefined = exp;
  if (exp.type === 'export_statement') {
    const decl = exp.childForFieldName('declaration');
    value = decl?.type === 'lexical_declaration' || decl?.type === 'variable_declaration' ? kids(decl)[0]?.childForFieldName('value') : decl ?? exp.childForFieldName('value');
  }
  for (let depth = 0; value && depth < 5; depth++) {
    if (value.type === 'parenthesized_expression' || value.type === 'as_expression' || value.type === 'satisfies_expression') {
      value = value.namedChildren[0];
      continue;
    }
    if (value.type === 'call_expression') {
      const callee = value.childForFieldName('function')?.text ?? '';
      const g = makeGuard(callee, file, line(value), `wrapper ${callee}(…) around the exported handler`);
      if (g && g.kind !== 'other') out.push({ text: callee, line: line(value), via: 'wrapper', guard: g });
      // defineEventHandler(fn), withAuth(fn), withAuth(fn, opts): the handler is the function argument.
      value = callArgs(value).find((a) => FUNCTION.has(a.type)) ?? undefined;
      continue;
    }
    if (FUNCTION.has(value.type)) out.push(...bodyGuards(value, file));
    break;
  }
  return out;
}

function bodyGuards(fn: Node, file: string): GuardCandidate[] {
  const body = fn.childForFieldName('body');
  if (body?.type !== 'statement_block') return [];
  const stmts = kids(body).filter((s) => s.type !== 'comment');
  const out: GuardCandidate[] = [];
  const params = new Set(kids(fn.childForFieldName('parameters')).map((p) => (p.childForFieldName('pattern') ?? p).text));
  // Names bound from what the client sent in the body (`const { receivedToken } = await request.json()`).
  const sent = new Set<string>();
  stmts.slice(0, LEADING).forEach((stmt, i) => {
    const declared = stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration' ? kids(stmt)[0] : undefined;
    const init = declared?.childForFieldName('value');
    if (init && (BODY_READ.test(init.text) || (init.type === 'identifier' && sent.has(init.text)) || (init.type === 'member_expression' && sent.has(init.childForFieldName('object')?.text ?? '')))) {
      for (const b of boundNames(declared?.childForFieldName('name'))) sent.add(b);
    }
    const call = firstCall(stmt);
    if (!call) return;
    // A check of a token the client sent in the body (a password-reset or invitation link's token)
    // checks that token, not the caller: a step of a sign-in flow, not a guard on the route.
    const args = callArgs(call);
    if (args.length && args.every((a) => sent.has(a.text))) return;
    const callee = call.childForFieldName('function')?.text ?? '';
    const last = callee.split('.').pop() ?? callee;
    const cls = classifyGuardText(callee);
    if (!cls || cls.kind === 'other' || cls.optional) return;
    const bound = stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration' ? boundNames(kids(stmt)[0]?.childForFieldName('name')) : [];
    let why: string | undefined;
    let missing: string | undefined;
    // `requireSession(request)`, `requireAuth()`: a check on this request. `authService.authenticate(provider, data)`
    // is a method of a service given other data: a login the handler performs, not a guard on it.
    if (REJECTS.test(last) && (!callee.includes('.') || callArgs(call).some((a) => params.has(a.text)))) why = `${callee}() called at the start of the handler`;
    else if ((missing = bound.find((b) => stmts.slice(i + 1, i + 3).some((s) => rejectsWithout(s, b))))) why = `${callee}() at the start of the handler, request rejected when '${missing}' is missing`;
    if (!why) return;
    const g = makeGuard(callee, file, line(call), why, cls);
    if (g) out.push({ text: callee, line: line(call), via: why, guard: g });
  });
  return out;
}

/** `session` of `const session = …`; `userId`, `orgId` of `const { userId, orgId: org } = …` (Clerk's `auth()`). */
function boundNames(pattern: Node | null | undefined): string[] {
  if (pattern?.type === 'identifier') return [pattern.text];
  if (pattern?.type !== 'object_pattern') return [];
  return kids(pattern).flatMap((p) => (p.type === 'shorthand_property_identifier_pattern' ? [p.text] : p.type === 'pair_pattern' && p.childForFieldName('value')?.type === 'identifier' ? [p.childForFieldName('value')!.text] : []));
}

function firstCall(stmt: Node): Node | undefined {
  if (!['lexical_declaration', 'variable_declaration', 'expression_statement'].includes(stmt.type)) return undefined;
  let n: Node | null | undefined = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : kids(stmt)[0]?.childForFieldName('value');
  while (n && (n.type === 'await_expression' || n.type === 'parenthesized_expression')) n = n.namedChildren[0];
  return n?.type === 'call_expression' ? n : undefined;
}

/** `if (!session) return …` / `if (!session?.user) throw …`. */
function rejectsWithout(stmt: Node, name: string): boolean {
  if (stmt.type !== 'if_statement') return false;
  const cond = stmt.childForFieldName('condition')?.text ?? '';
  if (!new RegExp(`!\\s*${name.replace(/[$]/g, '\\$')}\\b`).test(cond)) return false;
  const then = stmt.childForFieldName('consequence');
  return !!then && (then.type === 'return_statement' || then.type === 'throw_statement' || then.descendantsOfType(['return_statement', 'throw_statement']).length > 0);
}

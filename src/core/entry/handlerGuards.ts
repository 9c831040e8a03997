// Guards of handlers that have no router to hang middleware on (file-system routes: Next.js,
// Nitro/Nuxt, SvelteKit): a wrapper around the exported handler (`export default withAuth(h)`),
// or an auth call at the start of the handler body that rejects the request
// (`await requireSession(req)`, `const session = await auth(); if (!session) return 401`).
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate } from './types';
import { callArgs, kids, line } from './treeUtil';
import { classifyGuardText, makeGuard } from './guards';
import { exportedValue, moduleValue } from './fileRouting/handlerWrappers';

const FUNCTION = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function', 'generator_function_declaration']);
/** A call named like this rejects by itself (throws or responds 401) rather than just reading. */
const REJECTS = /^(require|ensure|assert|verify|check|authori[sz]e|authenticate|protect|guard|must)/i;
/** Named like a question (`verifyToken`, `checkAuth`): may give back a verdict instead of refusing — its use decides. */
const VERDICT = /^(verify|check)/i;
/** How many leading statements of a handler are searched: guards come first. */
const LEADING = 6;
/** Reading the request's body: what the client sent, not who it is. */
const BODY_READ = /^(await\s+)?\w+\.(json|formData)\(\)$/;
/** A helper of the service named for reading the body (`parseRequestBody`, `getJsonBody`, `readBody`). */
const BODY_HELPER = /[\w$]*(?:Body|body)[\w$]*/;
/** h3's readers of the body and query (`getQuery(event)`, `await readValidatedBody(event, schema.parse)`): what the client sent. */
const H3_SENT = /(getQuery|getValidatedQuery|readBody|readValidatedBody|readRawBody|readFormData|readMultipartFormData)/;

/** Guards of the handler exported by `exp` (an export statement or the exported value). */
export function handlerGuards(exp: Node, file: string): GuardCandidate[] {
  const out: GuardCandidate[] = [];
  let value: Node | null | undefined = exportedValue(exp);
  for (let depth = 0; value && depth < 5; depth++) {
    if (value.type === 'parenthesized_expression' || value.type === 'as_expression' || value.type === 'satisfies_expression') {
      value = value.namedChildren[0];
      continue;
    }
    // `export const PUT = PATCH`, `export default handler`: what the name of this file stands for.
    if (value.type === 'identifier') {
      value = moduleValue(exp, value.text);
      continue;
    }
    if (value.type === 'call_expression') {
      const callee = value.childForFieldName('function')?.text ?? '';
      const g = signInFlow(value) ? undefined : makeGuard(callee, file, line(value), `wrapper ${callee}(…) around the exported handler`);
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

/**
 * `defineOAuthGitHubEventHandler({ config, async onSuccess(event, { user }) {…} })`: a handler made
 * from options whose `onSuccess` runs once the provider has vouched for the caller is the sign-in
 * itself — the way in, not a guard on it — whatever its name says (OAuth).
 */
function signInFlow(call: Node): boolean {
  return callArgs(call).some((a) => a.type === 'object' && kids(a).some((p) => (p.type === 'method_definition' || p.type === 'pair') && (p.childForFieldName('name') ?? p.childForFieldName('key'))?.text === 'onSuccess'));
}

function bodyGuards(fn: Node, file: string): GuardCandidate[] {
  const body = fn.childForFieldName('body');
  if (body?.type !== 'statement_block') return [];
  return statementGuards(kids(body).filter((s) => s.type !== 'comment'), paramsOf(fn), file);
}

function paramsOf(fn: Node): Set<string> {
  return new Set(kids(fn.childForFieldName('parameters')).map((p) => (p.childForFieldName('pattern') ?? p).text));
}

/**
 * Guards of the statements one method of a handler runs (a pages/api `if (req.method === 'GET')`
 * arm): the same leading checks as at the start of a handler, `fn` giving the request's name. An
 * arm that hands the request to a function of this file (`case 'POST': await handlePost(req, res)`)
 * is that function's statements.
 */
export function branchGuards(fn: Node, stmts: Node[], file: string): GuardCandidate[] {
  const first = stmts[0];
  const call = first ? firstCall(first) ?? returnedCall(first) : undefined;
  const callee = call?.childForFieldName('function');
  const params = paramsOf(fn);
  if (call && callee?.type === 'identifier' && callArgs(call).some((a) => params.has(a.text))) {
    const local = localFunction(fn, callee.text);
    const body = local?.childForFieldName('body');
    if (local && body?.type === 'statement_block') return statementGuards(kids(body).filter((s) => s.type !== 'comment'), paramsOf(local), file);
  }
  return statementGuards(stmts, params, file);
}

function returnedCall(stmt: Node): Node | undefined {
  let n: Node | null | undefined = stmt.type === 'return_statement' ? stmt.namedChildren[0] : undefined;
  while (n && (n.type === 'await_expression' || n.type === 'parenthesized_expression')) n = n.namedChildren[0];
  return n?.type === 'call_expression' ? n : undefined;
}

/** A function declared at the top of the file the handler is in (`async function handlePost(req, res) {…}`). */
function localFunction(from: Node, name: string): Node | undefined {
  let root: Node | null = from;
  while (root?.parent) root = root.parent;
  for (let st of kids(root)) {
    if (st.type === 'export_statement') st = st.childForFieldName('declaration') ?? st;
    if (st.type === 'function_declaration' && st.childForFieldName('name')?.text === name) return st;
    if (st.type !== 'lexical_declaration' && st.type !== 'variable_declaration') continue;
    const value = kids(st).find((v) => v.type === 'variable_declarator' && v.childForFieldName('name')?.text === name)?.childForFieldName('value');
    if (value && FUNCTION.has(value.type)) return value;
  }
  return undefined;
}

/**
 * The leading statements searched for a guard: guards come first, after the early exits on input
 * or configuration (`if (!suffix) return res.status(400)…`), which do not count against the window.
 */
function leadingStatements(stmts: Node[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < stmts.length && out.length < LEADING; i++) if (!(stmts[i].type === 'if_statement' && exitsEarly(stmts[i]))) out.push(i);
  // The early exits themselves are read too: `if (!isAuthorized(req)) return 401` is one.
  for (let i = 0, seen = 0; i < stmts.length && seen < LEADING; i++) {
    if (stmts[i].type === 'if_statement' && exitsEarly(stmts[i])) out.push(i);
    else seen++;
  }
  return out.sort((a, b) => a - b);
}

function exitsEarly(stmt: Node): boolean {
  const then = stmt.childForFieldName('consequence');
  return !stmt.childForFieldName('alternative') && !!then && (then.type === 'return_statement' || then.type === 'throw_statement' || (then.type === 'statement_block' && ['return_statement', 'throw_statement'].includes(kids(then).filter((k) => k.type !== 'comment').at(-1)?.type ?? '')));
}

function statementGuards(written: Node[], params: Set<string>, file: string): GuardCandidate[] {
  const out: GuardCandidate[] = [];
  // A `try { … }` around the handler's work: its leading statements are the handler's (the try itself is
  // kept for a signature check whose catch ends the request).
  const stmts = written.flatMap((s) => (s.type === 'try_statement' ? [s, ...kids(s.childForFieldName('body')).filter((k) => k.type !== 'comment')] : [s]));
  // Names bound from what the client sent in the body (`const { receivedToken } = await request.json()`,
  // pages/api `const token = req.body.token`, `const parsed = Schema.safeParse(req.body)`).
  const sent = new Set<string>();
  // …or by a helper named for the body handed the request (`schema.parse(await parseRequestBody(req))`).
  const sentRead = (n: Node): boolean => [...params].some((p) => new RegExp(`(^|[^\\w$.])${p.replace(/\$/g, '\\$')}\\??\\.(body|query)\\b`).test(n.text) || new RegExp(`(^|[^\\w$.])(${H3_SENT.source}|${BODY_HELPER.source})\\(\\s*${p.replace(/\$/g, '\\$')}\\b`).test(n.text));
  // Names bound from a credential the URL or headers carry (`const signed = req.query.token`): a 401
  // when it is missing or does not verify refuses the caller — the token is the credential.
  const carried = new Set<string>();
  const carriedRead = (n: Node): boolean => [...params].some((p) => new RegExp(`(^|[^\\w$.])${p.replace(/\$/g, '\\$')}\\??\\.(query|headers|cookies)\\b[^;]*?${CARRIED_CREDENTIAL.source}`, 'i').test(n.text));
  for (const i of leadingStatements(stmts)) {
    const stmt = stmts[i];
    const declared = stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration' ? kids(stmt)[0] : undefined;
    const init = declared?.childForFieldName('value');
    if (init && (BODY_READ.test(init.text) || sentRead(init) || (init.type === 'identifier' && sent.has(init.text)) || (init.type === 'member_expression' && sent.has(init.childForFieldName('object')?.text ?? '')))) {
      for (const b of boundNames(declared?.childForFieldName('name'))) sent.add(b);
    }
    if (init && carriedRead(init)) for (const b of boundNames(declared?.childForFieldName('name'))) carried.add(b);
    const bearer = stmt.type === 'if_statement' && carried.size ? carriedCheck(stmt, carried, file) : undefined;
    if (bearer) {
      out.push(bearer);
      continue;
    }
    const secret = stmt.type === 'if_statement' ? refusedCheck(stmt, params, file) ?? undefined : stmt.type === 'try_statement' ? signatureCheck(stmt, file) : undefined;
    if (secret) {
      out.push(secret);
      continue;
    }
    const call = firstCall(stmt);
    if (!call) continue;
    // A check of what the client sent in the body or query (a password-reset or invitation link's token,
    // a schema parse of the body, a lookup by the e-mail and token sent) checks that, not the caller:
    // a step of a sign-in flow or input validation, not a guard on the route.
    const args = callArgs(call);
    if (args.length && onlySent(args, sent, params)) continue;
    const callee = call.childForFieldName('function')?.text ?? '';
    const last = callee.split('.').pop() ?? callee;
    const cls = classifyGuardText(callee);
    if (!cls || cls.kind === 'other' || cls.optional) continue;
    const bound = stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration' ? boundNames(kids(stmt)[0]?.childForFieldName('name')) : [];
    let why: string | undefined;
    let missing: string | undefined;
    // `requireSession(request)`, `requireAuth()`: a check on this request. `authService.authenticate(provider, data)`
    // is a method of a service given other data: a login the handler performs, not a guard on it.
    const verdict = bound.length ? verdictUse(stmts, i, bound) : undefined;
    if (verdict === 'refused') why = `${callee}() at the start of the handler; its result tested and the request refused with 401/403`;
    else if (verdict !== undefined && VERDICT.test(last)) {
      // `const token = await verifyToken({ req }); const userId = typeof token === 'string' ? undefined : token.id`:
      // a check whose result is tested without a refusal gives back a verdict, it does not refuse by itself.
      // The handler reads the caller when what it derives is used after; otherwise it reads nothing.
      if (verdict !== 'used') continue;
      const reason = `${callee}() at the start of the handler: its result is tested but no request is refused; the caller is read when present`;
      const g = makeGuard(callee, file, line(call), reason, { ...cls, optional: true });
      if (g) out.push({ text: callee, line: line(call), via: reason, guard: g });
      continue;
    } else if (REJECTS.test(last) && (!callee.includes('.') || callArgs(call).some((a) => params.has(a.text)))) why = `${callee}() called at the start of the handler`;
    else if ((missing = bound.find((b) => nextStatements(stmts, i).some((s) => rejectsWithout(s, b))))) why = `${callee}() at the start of the handler, request rejected when '${missing}' is missing`;
    if (!why) continue;
    const g = makeGuard(callee, file, line(call), why, cls);
    if (g) out.push({ text: callee, line: line(call), via: why, guard: g });
  }
  return out;
}

const escapeName = (n: string): string => n.replace(/[$]/g, '\\$');

/**
 * What the statements after the i-th do with the names it bound, when they test them: 'refused' (an
 * `if` testing one ends the request with 401/403, or `if (!x) return` right after), 'used' (tested
 * without a refusal, and it or a value derived from it read later), 'unused' (tested, derived, never
 * read); undefined when no statement tests them (`const user = await requireUser(req)`).
 */
function verdictUse(stmts: Node[], i: number, bound: string[]): 'refused' | 'used' | 'unused' | undefined {
  if (bound.some((b) => nextStatements(stmts, i).some((s) => rejectsWithout(s, b)))) return 'refused';
  const names = new Set(bound);
  const mentions = (n: Node | null | undefined): boolean => !!n && [...names].some((b) => new RegExp(`(^|[^\\w$.])${escapeName(b)}\\b`).test(n.text));
  let tested = false;
  let used = false;
  for (const s of stmts.slice(i + 1)) {
    if (s.type === 'if_statement' && mentions(s.childForFieldName('condition'))) {
      tested = true;
      const then = s.childForFieldName('consequence');
      if (exitsEarly(s) && then && DENIED.test(then.text)) return 'refused';
      continue;
    }
    const declared = s.type === 'lexical_declaration' || s.type === 'variable_declaration' ? kids(s)[0] : undefined;
    const init = declared?.childForFieldName('value');
    if (init && mentions(init)) {
      // `const userId = typeof token === 'string' ? undefined : token?.id`: a value derived from the verdict;
      // handed to a call (`resolveAccess({ userId })`), it is read.
      if (/\btypeof\b|\?/.test(init.text)) tested = true;
      if (init.descendantsOfType('call_expression').length || init.type === 'call_expression') used = true;
      for (const b of boundNames(declared?.childForFieldName('name'))) names.add(b);
      continue;
    }
    if (mentions(s)) used = true;
  }
  if (!tested) return undefined;
  return used ? 'used' : 'unused';
}

/** The two statements after the i-th, logging left out (`console.log(token)` between a read and its test). */
function nextStatements(stmts: Node[], i: number): Node[] {
  return stmts.slice(i + 1).filter((s) => !(s.type === 'expression_statement' && /^console\.\w+\(/.test(s.text))).slice(0, 2);
}

/** Every name the arguments use is one bound from what the client sent (or its body/query itself), none the request. */
function onlySent(args: Node[], sent: Set<string>, params: Set<string>): boolean {
  let some = false;
  for (const a of args) {
    for (const id of [a, ...a.descendantsOfType(['identifier', 'shorthand_property_identifier'])]) {
      if (!id || (id.type !== 'identifier' && id.type !== 'shorthand_property_identifier')) continue;
      if (params.has(id.text)) {
        // `req.body`, `req.query.token`: what the client sent, not the request's credentials.
        const up = id.parent;
        if (up?.type === 'member_expression' && up.childForFieldName('object')?.startIndex === id.startIndex && /^(body|query)$/.test(up.childForFieldName('property')?.text ?? '')) some = true;
        else return false;
      } else if (sent.has(id.text)) some = true;
    }
  }
  return some;
}

/** 401/403 written in a refusal: `res.status(401)`, `{ status: 403 }`, `.sendStatus(401)`. */
const DENIED = /\b(status|sendStatus|statusCode)\b\s*(\(|:|=)\s*(401|403)\b/;

/**
 * `if (!isAuthorized(req)) return res.status(401)…`: a check of ours handed the request whose failure
 * ends it with 401/403 — the status shows it refuses the caller, whatever the check is named.
 */
function refusedCheck(stmt: Node, params: Set<string>, file: string): GuardCandidate | undefined {
  let cond = stmt.childForFieldName('condition');
  while (cond?.type === 'parenthesized_expression') cond = cond.namedChildren[0];
  if (cond?.type !== 'unary_expression' || cond.childForFieldName('operator')?.text !== '!') return undefined;
  let call = cond.childForFieldName('argument');
  while (call && (call.type === 'await_expression' || call.type === 'parenthesized_expression')) call = call.namedChildren[0];
  if (call?.type !== 'call_expression' || !callArgs(call).some((a) => params.has(a.text))) return undefined;
  const then = stmt.childForFieldName('consequence');
  if (!then || !exitsEarly(stmt) || !DENIED.test(then.text)) return undefined;
  const callee = call.childForFieldName('function')?.text ?? '';
  // A check of this file that passes everyone while a setting is unset, as in a fresh install: no guard then.
  const local = /^[\w$]+$/.test(callee) ? localFunction(stmt, callee) : undefined;
  if (local && passesWhileUnset(local)) return undefined;
  const why = `${callee}() fails -> the handler answers ${DENIED.exec(then.text)![3]}`;
  const g = makeGuard(callee, file, line(call), why, classifyGuardText(callee) ?? { kind: 'authentication', matched: DENIED.exec(then.text)![3] });
  if (!g || g.kind === 'other') return undefined;
  delete g.optional;
  return { text: callee, line: line(call), via: why, guard: g };
}

/**
 * `const secret = process.env.WEBHOOK_TOKEN; if (!secret) return true;` among a check's first
 * statements: unset (a fresh install's environment, settingDefaults.ts), the check lets every request
 * through.
 */
function passesWhileUnset(fn: Node): boolean {
  const body = fn.childForFieldName('body');
  if (body?.type !== 'statement_block') return false;
  const env = new Set<string>();
  for (const st of kids(body).slice(0, 4)) {
    if (st.type === 'lexical_declaration' || st.type === 'variable_declaration') {
      for (const d of kids(st)) if (d.type === 'variable_declarator' && /^process\.env\.[\w$]+$/.test(d.childForFieldName('value')?.text ?? '')) env.add(d.childForFieldName('name')?.text ?? '');
      continue;
    }
    if (st.type !== 'if_statement') return false;
    const m = /^\(\s*!\s*([\w$.]+)\s*\)$/.exec(st.childForFieldName('condition')?.text ?? '');
    const then = st.childForFieldName('consequence');
    const answer = then?.type === 'statement_block' && kids(then).length === 1 ? kids(then)[0] : then;
    if (m && (env.has(m[1]!) || /^process\.env\.[\w$]+$/.test(m[1]!)) && answer?.type === 'return_statement' && kids(answer)[0]?.text === 'true') return true;
  }
  return false;
}

/** What names a credential carried in a query, header or cookie: `req.query.token`, `headers['x-api-key']`. */
const CARRIED_CREDENTIAL = /\b(token|api_?key|x-api-key|secret|signature|sig|hmac|jwt|bearer|authorization)\b/;
/** A 401 written in a refusal: "who are you?", not bad input (400) or a forbidden host (403). */
const UNAUTHORIZED = /\b(status|sendStatus|statusCode)\b\s*(\(|:|=)\s*401\b/;

/**
 * `if (!signed) return res.status(401)…` where `signed` was read from the query or headers: the
 * caller without that credential is refused. A sign-in's password sent in the body is not read
 * here (the sign-in refusing bad credentials is the way in, not a guard in front of it).
 */
function carriedCheck(stmt: Node, carried: Set<string>, file: string): GuardCandidate | undefined {
  const cond = stmt.childForFieldName('condition');
  const then = stmt.childForFieldName('consequence');
  if (!cond || !then || !exitsEarly(stmt) || !UNAUTHORIZED.test(then.text)) return undefined;
  const name = [...carried].find((b) => new RegExp(`(^|[^\\w$.])${escapeName(b)}\\b`).test(cond.text));
  if (!name) return undefined;
  const why = `the request is refused with 401 without a valid '${name}', a credential it carries (${cond.text.replace(/^\((.*)\)$/s, '$1').slice(0, 80)})`;
  const g = makeGuard(name, file, line(stmt), why, { kind: 'authentication', matched: '401' });
  if (!g || g.kind === 'other') return undefined;
  delete g.optional;
  return { text: name, line: line(stmt), via: why, guard: g };
}

/** A secret or signature handed to a check: `constructEvent(body, signature, endpointSecret)`. */
const SIGNED_ARG = /signature|secret|hmac/i;

/**
 * `try { event = stripe.webhooks.constructEvent(body, signature, secret) } catch { return res.status(400)… }`:
 * a webhook's signature verified with a secret, the request ended when it fails — who sent it is checked.
 */
function signatureCheck(stmt: Node, file: string): GuardCandidate | undefined {
  const handler = stmt.childForFieldName('handler');
  if (!handler || !leavesBlock(handler.childForFieldName('body'))) return undefined;
  const calls = kids(stmt.childForFieldName('body')).flatMap((s) => s.descendantsOfType('call_expression')).filter((c): c is Node => !!c);
  const call = calls.find((c) => callArgs(c).length >= 2 && callArgs(c).some((a) => a.type === 'identifier' && SIGNED_ARG.test(a.text)));
  if (!call) return undefined;
  const callee = call.childForFieldName('function')?.text ?? '';
  const why = `${callee}() verifies a signature with a secret; the request ends when it fails`;
  const g = makeGuard(callee, file, line(call), why, { kind: 'authentication', matched: 'signature' });
  return g ? { text: callee, line: line(call), via: why, guard: g } : undefined;
}

function leavesBlock(block: Node | null | undefined): boolean {
  const last = kids(block).filter((k) => k.type !== 'comment').at(-1);
  return last?.type === 'return_statement' || last?.type === 'throw_statement';
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

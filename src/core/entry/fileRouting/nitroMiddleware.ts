// Nitro's server middleware: each file of a Nuxt/Nitro `server/middleware/` default-exports an h3
// handler that runs before every request of that server, `server/api/**` and `server/routes/**`
// alike. One that ends the request for the caller — `throw createError({ statusCode: 401 })` (or
// 403, or `sendRedirect(event, '/login')`) under a test of the caller's credentials (the session
// nuxt-auth-utils reads, the Authorization header, a cookie, `event.context.user`), or a call of
// nuxt-auth-utils' `requireUserSession(event)`, which throws 401 by itself — guards the routes whose
// path passes the path tests that answer sits under (`if (!event.path.startsWith('/api/admin'))
// return`; hookConditions.ts, decided per route by pathTests.ts). One that refuses nobody (it turns
// a token into a session and lets every request on) guards nothing: judged by its code, not its name.
import type { Node, Tree } from 'web-tree-sitter';
import type { EntryPoint } from '../types';
import { callArgs, kids, line } from '../treeUtil';
import { oneLine } from '../guards';
import { conditionsOf, moduleScope, pathTestOf, type Scope } from './hookConditions';
import { applyHookRefusals, type HookRefusal } from './svelteKitHooks';
import { defaultExport } from './shared';
import { H3_HANDLER } from './nitro';

export const NITRO_MIDDLEWARE_FILE = /(?:^|\/)server\/middleware\/(?:[^/]+\/)*[^/]+\.[cm]?[jt]s$/;

export interface NitroMiddleware {
  file: string;
  refusals: HookRefusal[];
}

const FUNCTION = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function']);
/** h3 and its auth modules' reads of what a caller brings to prove who they are. */
const CREDENTIAL = /\b(getUserSession|getServerSession|getToken|useSession)\s*\(|\b(getHeader|getRequestHeader)\s*\(\s*[\w$]+\s*,\s*['"`](authorization|cookie|x-[\w-]*(key|token|auth)[\w-]*)['"`]|\b(getCookie|parseCookies)\s*\(|\.context\.(user|auth|session)\b/i;
/** nuxt-auth-utils: throws 401 when the session holds no user. */
const REQUIRES_SESSION = /^requireUserSession$/;
const LOGIN = /log_?in|sign_?in|sign-in|\bauth\b/i;

/** The middleware's refusals, or undefined when the file's default export is no h3 handler. */
export function parseNitroMiddleware(tree: Tree, file: string): NitroMiddleware | undefined {
  const fn = handlerFunction(tree);
  if (!fn) return undefined;
  const body = fn.childForFieldName('body');
  if (body?.type !== 'statement_block') return { file, refusals: [] };
  const name = file.replace(/^.*\//, '').replace(/\.[cm]?[jt]s$/, '');
  const local = bindings(fn, moduleScope(tree.rootNode));
  const refusals: HookRefusal[] = [];
  const visit = (n: Node): void => {
    if (n !== body && FUNCTION.has(n.type)) return;
    const r = refusal(n, local);
    if (r) {
      const conds = conditionsOf(n, body, local);
      const identity = r.identity ?? conds.find((c) => !c.path && mentions(c.node, local));
      if (identity) {
        const paths = conds.flatMap((c) => (c.path ? [c.path] : []));
        const said = typeof identity === 'string' ? identity : oneLine((identity.holds ? '' : 'not ') + identity.node.text, 80);
        refusals.push({ hook: name, how: r.how, text: oneLine(n.text, 80), line: line(n), identity: said, ...(paths.length ? { path: paths.length === 1 ? paths[0] : ['and', paths] } : {}) });
      }
      return;
    }
    for (const k of kids(n)) visit(k);
  };
  visit(body);
  return { file, refusals };
}

/** `export default defineEventHandler(async (event) => {…})`, `eventHandler(fn)`, or the function itself. */
function handlerFunction(tree: Tree): Node | undefined {
  const def = defaultExport(tree);
  let v: Node | null | undefined = def?.childForFieldName('value') ?? def?.childForFieldName('declaration');
  while (v && (v.type === 'parenthesized_expression' || v.type === 'as_expression' || v.type === 'satisfies_expression')) v = v.namedChildren[0];
  if (v?.type === 'call_expression' && H3_HANDLER.test((v.childForFieldName('function')?.text ?? '').split('.').pop() ?? '')) v = callArgs(v).find((a) => FUNCTION.has(a.type));
  return v && FUNCTION.has(v.type) ? v : undefined;
}

/** The handler's event, the request path and URL under its names, and the names bound from a credential read. */
function bindings(fn: Node, scope: Scope): Scope {
  const local: Scope = { ...scope, values: new Map(scope.values), credentials: new Set(scope.credentials) };
  const first = kids(fn.childForFieldName('parameters'))[0] ?? fn.childForFieldName('parameter');
  const event = (first?.childForFieldName('pattern') ?? first)?.text;
  if (event && /^[\w$]+$/.test(event)) local.values.set(event, { k: 'event' });
  for (const d of fn.descendantsOfType('variable_declarator')) {
    const value = d?.childForFieldName('value');
    const target = d?.childForFieldName('name');
    if (!value || !target) continue;
    const v = pathTestOf.value(value, local);
    const credential = mentions(value, local);
    if (target.type === 'identifier') {
      if (v) local.values.set(target.text, v);
      if (credential) local.credentials.add(target.text);
      continue;
    }
    for (const p of target.type === 'object_pattern' ? kids(target) : []) {
      const key = p.type === 'shorthand_property_identifier_pattern' ? p.text : p.type === 'pair_pattern' ? p.childForFieldName('key')?.text : undefined;
      const bound = p.type === 'shorthand_property_identifier_pattern' ? p.text : p.childForFieldName('value')?.text;
      if (!key || !bound) continue;
      const field = v ? pathTestOf.member(v, key) : undefined;
      if (field) local.values.set(bound, field);
      if (credential) local.credentials.add(bound);
    }
  }
  return local;
}

function mentions(n: Node, scope: Scope): boolean {
  if (CREDENTIAL.test(n.text)) return true;
  const ids = n.type === 'identifier' ? [n] : n.descendantsOfType('identifier');
  return ids.some((i) => !!i && scope.credentials.has(i.text));
}

/**
 * `throw createError({ statusCode: 401 })`, `return sendError(event, createError({ status: 403 }))`,
 * `return sendRedirect(event, '/login')`, and `await requireUserSession(event)`, which is its own
 * test of the caller (its `identity`).
 */
function refusal(n: Node, scope: Scope): { how: string; identity?: string } | undefined {
  if (!['return_statement', 'throw_statement', 'expression_statement', 'lexical_declaration', 'variable_declaration'].includes(n.type)) return undefined;
  let e: Node | null | undefined = n.type === 'lexical_declaration' || n.type === 'variable_declaration' ? kids(n)[0]?.childForFieldName('value') : n.namedChildren[0];
  while (e && (e.type === 'await_expression' || e.type === 'parenthesized_expression')) e = e.namedChildren[0];
  if (e?.type !== 'call_expression') return undefined;
  const callee = (e.childForFieldName('function')?.text ?? '').split('.').pop() ?? '';
  const args = callArgs(e);
  if (REQUIRES_SESSION.test(callee) && args.some((a) => scope.values.get(a.text)?.k === 'event')) return { how: `${callee}(…) (401 without a session)`, identity: `${callee}(${args[0]?.text ?? ''}) finds no user in the session` };
  if (n.type === 'lexical_declaration' || n.type === 'variable_declaration') return undefined;
  if (callee === 'sendRedirect' && args[1]) {
    const to = pathTestOf.value(args[1], scope);
    return LOGIN.test(to?.k === 's' ? to.v : args[1].text) ? { how: 'redirect-login' } : undefined;
  }
  const error = callee === 'createError' ? e : callee === 'sendError' ? args.find((a) => a.type === 'call_expression' && /(^|\.)createError$/.test(a.childForFieldName('function')?.text ?? '')) : undefined;
  if (!error || (callee === 'createError' && n.type !== 'throw_statement')) return undefined;
  for (const a of callArgs(error).filter((x) => x.type === 'object')) {
    const status = kids(a).find((p) => p.type === 'pair' && /^(statusCode|status)$/.test(p.childForFieldName('key')?.text ?? ''))?.childForFieldName('value')?.text;
    if (status && /^40[13]$/.test(status)) return { how: status };
  }
  return undefined;
}

/** Adds each middleware's guards to the Nitro routes of its own server (the folder holding its `middleware/`). */
export function applyNitroMiddleware(entries: EntryPoint[], middleware: Iterable<NitroMiddleware>): void {
  for (const m of middleware) {
    const base = m.file.replace(/middleware\/.*$/, '');
    applyHookRefusals(entries, m.refusals, { file: m.file, framework: 'nitro', base, runs: () => `Nitro runs the server middleware ${m.file} before every request` });
  }
}

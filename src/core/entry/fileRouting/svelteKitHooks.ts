// SvelteKit's server hook: `src/hooks.server.ts` exports `handle` (often `sequence(a, b, …)`), which
// runs before every endpoint of `src/routes/`. A hook that answers 401/403 (or redirects to a login
// page) under a test of the caller's credentials guards the endpoints whose path passes the path
// tests that answer sits under (`if (isApiRoute(pathname) && !isPublicApiPath(pathname)) { … if
// (!token) return json(…, { status: 401 }) }`). Judged by the hook's code: the refusal must be one
// the code writes, and the test it sits under must read a credential (the Authorization header, a
// cookie, `locals.user`, …); path tests are read into JSON here (pathTests.ts) and decided per route.
import type { Node, Tree } from 'web-tree-sitter';
import type { EntryPoint } from '../types';
import { callArgs, kids, line } from '../treeUtil';
import { oneLine } from '../guards';
import { conditionsOf, moduleScope, pathTestOf, type Scope } from './hookConditions';
import { decidePathTest, pathTestText, type PathTest } from './pathTests';

export const SVELTEKIT_HOOKS_FILE = /(?:^|\/)src\/hooks\.server\.[cm]?[jt]s$/;

export interface HookRefusal {
  /** The hook function as named in the file (`apiAuthHandle`, `handle`). */
  hook: string;
  how: string;
  text: string;
  line: number;
  /** The path tests the refusal sits under, all of which hold; absent when it sits under none. */
  path?: PathTest;
  /** The test of the caller's credentials it sits under, as written. */
  identity: string;
}

export interface SvelteKitHooks {
  file: string;
  refusals: HookRefusal[];
}

const FUNCTION = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function']);
/** Reads of what a caller brings to prove who they are. */
const CREDENTIAL = /headers\.get\(\s*['"`](authorization|cookie|x-[\w-]*(key|token|auth)[\w-]*)['"`]|cookies\.get(All)?\(|locals\.(user|session|auth)\b|\.getSession\(|\bauth\(\)/i;

export function parseSvelteKitHooks(tree: Tree, file: string): SvelteKitHooks {
  const scope = moduleScope(tree.rootNode);
  const refusals: HookRefusal[] = [];
  for (const [name, fn] of handleFunctions(tree.rootNode, scope)) refusals.push(...refusalsOf(fn, name, scope));
  return { file, refusals };
}

/** The functions `handle` runs: itself, or each argument of `sequence(…)` (nested too) that is a function of this file. */
function handleFunctions(root: Node, scope: Scope): [string, Node][] {
  const out: [string, Node][] = [];
  const add = (name: string, v: Node | null | undefined, depth = 0): void => {
    if (!v || depth > 4) return;
    if (FUNCTION.has(v.type)) out.push([name, v]);
    else if (v.type === 'identifier') add(v.text, scope.fns.get(v.text), depth + 1);
    else if (v.type === 'call_expression' && /(^|\.)sequence$/.test(v.childForFieldName('function')?.text ?? '')) for (const a of callArgs(v)) add(a.text, a, depth + 1);
    else if (v.type === 'parenthesized_expression' || v.type === 'as_expression' || v.type === 'satisfies_expression') add(name, v.namedChildren[0], depth + 1);
  };
  for (const ex of kids(root).filter((k) => k.type === 'export_statement')) {
    const decl = ex.childForFieldName('declaration');
    if (decl?.type === 'function_declaration' && decl.childForFieldName('name')?.text === 'handle') add('handle', decl);
    for (const v of decl?.type === 'lexical_declaration' || decl?.type === 'variable_declaration' ? kids(decl) : []) {
      if (v.type === 'variable_declarator' && v.childForFieldName('name')?.text === 'handle') add('handle', v.childForFieldName('value'));
    }
  }
  return out;
}

function refusalsOf(fn: Node, name: string, scope: Scope): HookRefusal[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const local = localScope(fn, scope);
  const out: HookRefusal[] = [];
  const visit = (n: Node): void => {
    if (n !== body && FUNCTION.has(n.type)) return;
    const how = refusalHow(n, local);
    if (how) {
      const conds = conditionsOf(n, body, local);
      const identity = conds.find((c) => !c.path && mentionsCredential(c.node, local));
      if (identity) {
        const paths = conds.flatMap((c) => (c.path ? [c.path] : []));
        out.push({ hook: name, how, text: oneLine(n.text, 80), line: line(n), identity: oneLine((identity.holds ? '' : 'not ') + identity.node.text, 80), ...(paths.length ? { path: paths.length === 1 ? paths[0] : ['and', paths] } : {}) });
      }
      return;
    }
    for (const k of kids(n)) visit(k);
  };
  visit(body);
  return out;
}

/** The function's bindings added to the module's: credentials it reads, and the request path under its names. */
function localScope(fn: Node, scope: Scope): Scope {
  const local: Scope = { ...scope, values: new Map(scope.values), credentials: new Set(scope.credentials) };
  const param = kids(fn.childForFieldName('parameters'))[0];
  const pattern = param?.childForFieldName('pattern') ?? param;
  if (pattern?.type === 'object_pattern') {
    for (const p of kids(pattern)) {
      if (p.type === 'shorthand_property_identifier_pattern' && p.text === 'event') local.values.set('event', { k: 'event' });
      if (p.type === 'pair_pattern' && p.childForFieldName('key')?.text === 'event') local.values.set(p.childForFieldName('value')?.text ?? '', { k: 'event' });
    }
  } else if (pattern?.type === 'identifier') local.values.set(pattern.text, { k: 'input' });
  for (const d of fn.descendantsOfType('variable_declarator')) {
    if (!d) continue;
    const value = d.childForFieldName('value');
    const target = d.childForFieldName('name');
    if (!value || !target) continue;
    const v = pathTestOf.value(value, local);
    if (target.type === 'identifier') {
      if (v) local.values.set(target.text, v);
      if (mentionsCredential(value, local)) local.credentials.add(target.text);
    } else if (target.type === 'object_pattern') {
      for (const p of kids(target)) {
        const key = p.type === 'shorthand_property_identifier_pattern' ? p.text : p.type === 'pair_pattern' ? p.childForFieldName('key')?.text : undefined;
        const bound = p.type === 'shorthand_property_identifier_pattern' ? p.text : p.childForFieldName('value')?.text;
        if (!key || !bound) continue;
        const field = v ? pathTestOf.member(v, key) : undefined;
        if (field) local.values.set(bound, field);
        if (mentionsCredential(value, local) || CREDENTIAL.test(`${value.text}.${key}`)) local.credentials.add(bound);
      }
    }
  }
  return local;
}

function mentionsCredential(n: Node, scope: Scope): boolean {
  if (CREDENTIAL.test(n.text)) return true;
  if (n.type === 'identifier') return scope.credentials.has(n.text);
  return n.descendantsOfType('identifier').some((i) => !!i && scope.credentials.has(i.text));
}

/** `return json(…, { status: 401 })`, `new Response(…, { status: 403 })`, `error(401, …)`, `redirect(303, '/login')`. */
function refusalHow(n: Node, scope: Scope): string | undefined {
  if (n.type !== 'return_statement' && n.type !== 'throw_statement' && n.type !== 'expression_statement') return undefined;
  let e = n.namedChildren[0];
  while (e && (e.type === 'await_expression' || e.type === 'parenthesized_expression')) e = e.namedChildren[0];
  if (!e || (e.type !== 'call_expression' && e.type !== 'new_expression')) return undefined;
  const callee = (e.childForFieldName('function') ?? e.childForFieldName('constructor'))?.text ?? '';
  const args = e.type === 'call_expression' ? callArgs(e) : kids(e.childForFieldName('arguments')).filter((a) => a.type !== 'comment');
  const last = callee.split('.').pop() ?? '';
  if (last === 'error' && args[0] && /^40[13]$/.test(args[0].text)) return args[0].text;
  if (last === 'redirect' && args[1]) {
    const to = pathTestOf.value(args[1], scope);
    const target = to?.k === 's' ? to.v : args[1].text;
    return /log_?in|sign_?in|sign-in|\bauth\b/i.test(target) ? 'redirect-login' : undefined;
  }
  if (!['json', 'text', 'Response', 'error'].includes(last)) return undefined;
  for (const a of args.filter((x) => x.type === 'object')) {
    const status = kids(a).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text === 'status')?.childForFieldName('value')?.text;
    if (status && /^40[13]$/.test(status)) return status;
  }
  return undefined;
}

/** Adds the hook's guards to the SvelteKit endpoints of the same `src/routes/`, or leaves a route `unknown` where a path test depends on its parameters. */
export function applySvelteKitHooks(entries: EntryPoint[], hooks: SvelteKitHooks): void {
  const base = hooks.file.replace(/hooks\.server\.[cm]?[jt]s$/, 'routes/');
  applyHookRefusals(entries, hooks.refusals, { file: hooks.file, framework: 'sveltekit', base, runs: (r) => `${hooks.file} handle runs ${r.hook} before this endpoint` });
}

/**
 * The refusals of a hook that runs before every route of `framework` under `base` (SvelteKit's
 * handle, Nitro's server middleware): a guard on each route whose path passes the refusal's path
 * tests, `unknown` where a test depends on the route's parameters.
 */
export function applyHookRefusals(entries: EntryPoint[], refusals: HookRefusal[], at: { file: string; framework: string; base: string; runs: (r: HookRefusal) => string }): void {
  if (!refusals.length) return;
  for (const e of entries) {
    if (e.framework !== at.framework || !e.file.startsWith(at.base)) continue;
    let undecided: HookRefusal | undefined;
    let guarded = false;
    for (const r of refusals) {
      const v = r.path ? decidePathTest(r.path, e.path) : true;
      if (v === undefined) undecided ??= r;
      if (v !== true) continue;
      guarded = true;
      const where = r.path ? ` on paths where ${pathTestText(r.path)}` : ' on every path';
      e.guards.push({
        name: r.hook,
        kind: 'authentication',
        reason: `${at.runs(r)}; it answers ${r.how} when ${r.identity}${where}`,
        file: at.file,
        line: r.line,
        evidence: { how: r.how, text: r.text, file: at.file, line: r.line },
      });
    }
    if (guarded) {
      if (e.guardState === 'unknown' || e.guardState === 'unguarded') delete e.guardState;
      delete e.guardReason;
      e.public = false;
    } else if (undecided && e.guardState !== 'guarded') {
      e.guardState = 'unknown';
      e.guardReason = `depends on the path: ${at.file}:${undecided.line} ${undecided.hook} answers ${undecided.how} only where ${pathTestText(undecided.path!)}`;
    }
  }
}

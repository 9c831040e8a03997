// The guard blocks of a Kotlin route DSL, judged by their code, not their names. A handler lambda
// calls blocks on its context (Reposilite's ContextDsl):
//   fun authenticated(init: AccessTokenDto.() -> Unit) {
//       authenticationResult.value.peek { init(it) }.onError { response = it.asError() }
//   }
//   fun managerOnly(block: AccessTokenDto.() -> Unit) { authenticated { isManager().peek { block(this) }.onError { … } } }
//   fun accessed(init: AccessTokenDto?.() -> Unit) { init(authenticationResult.value.orNull()) }
// where `authenticationResult` is given the credentials of the request's Authorization header
// (`authenticationResult = javalinLazy { extractFromHeader(header(Header.AUTHORIZATION))… }`), and
// the function that reads the header answers 401 without them. So:
// - a credential value: a property assigned from an expression that reads the Authorization
//   header and calls a function of ours whose code answers 401/403;
// - a refusing block: its lambda parameter is run only inside a branch (never at its top level),
//   the other branch ends the request (`.onError { response = … }`, a throw, a status), and it
//   reads a credential value (or calls a function that does), or wraps another refusing block;
// - an optional block: runs its lambda at its top level, handing it a nullable receiver built from
//   a credential value (the caller if any);
// - any other block (`requireGav { … }`) guards nothing.
// A route's handler is guarded by the first such block among its top-level calls; a block found
// nowhere, or defined twice with different verdicts, leaves it unknown. A handler whose response
// is the credential value's own Result (`response = authentication().flatMap { … }`) answers its
// error (401) to an anonymous caller: guarded too.
import type { Guard, RouteDecl } from './types';
import { classAt, closeOf, ktClassSpans, lineOf, maskKotlin } from './kotlinText';

export interface KtFn {
  name: string;
  cls?: string;
  file: string;
  line: number;
  /** The function-typed parameter (a block's lambda), and whether what it is given may be null. */
  lambda?: { name: string; nullable: boolean };
  /** The body, masked (strings blanked). */
  body: string;
}

export interface KtGuardFacts {
  /** Functions of a file that declares blocks: every block, and the short functions beside them. */
  fns: KtFn[];
  /** Properties given the Authorization header's credentials, with the functions their value calls. */
  credentials: { name: string; file: string; line: number; text: string; calls: string[] }[];
  /** Functions whose own code answers 401/403. */
  refusers: { name: string; file: string; line: number; cls?: string }[];
}

const REFUSES = /\bUNAUTHORIZED\b|\bFORBIDDEN\b|\b(?:unauthorized|forbidden)\w*\s*\(|\bstatus\s*\(\s*40[13]\b|\bHttpStatus\.(?:UNAUTHORIZED|FORBIDDEN)\b/;
const AUTH_HEADER = /\bheader\s*\(\s*(?:(?:[\w.]*\.)?AUTHORIZATION|"Authorization")\s*\)/gi;

export function ktGuardFacts(text: string, file: string): KtGuardFacts | undefined {
  const hasBlock = /\bfun\b[^\n]*\(\s*\w+\s*:\s*[\w.<>?, ]*\(\s*[^)]*\)\s*->\s*Unit/.test(text);
  const hasHeader = /authorization/i.test(text);
  const refusing = REFUSES.test(text);
  if (!hasBlock && !hasHeader && !refusing) return undefined;
  const m = maskKotlin(text);
  const spans = ktClassSpans(m);
  const facts: KtGuardFacts = { fns: [], credentials: [], refusers: [] };
  for (const f of m.matchAll(/\bfun\s+(?:<[^>\n]*>\s*)?(?:([\w.]+(?:<[^>\n]*>)?)\.)?(\w+)\s*\(/g)) {
    const open = f.index + f[0].length - 1;
    const close = closeOf(m, open);
    const params = m.slice(open + 1, close - 1);
    const rest = /^\s*(?::\s*[^={\n]+)?\s*([={])/.exec(m.slice(close));
    if (!rest) continue;
    const bodyStart = close + rest[0].length - 1;
    let bodyEnd: number;
    if (rest[1] === '{') bodyEnd = closeOf(m, bodyStart);
    else {
      // An expression body: to the end of its last line at depth 0.
      let depth = 0;
      let j = bodyStart + 1;
      for (; j < m.length; j++) {
        const c = m[j];
        if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') {
          if (depth === 0) break;
          depth--;
        } else if (c === '\n' && depth === 0 && !/^\s*[.?:]|^\s*$/.test(m.slice(j + 1, m.indexOf('\n', j + 1) < 0 ? m.length : m.indexOf('\n', j + 1))) && !/[=(,.+\-*&|]\s*$/.test(m.slice(bodyStart, j))) break;
      }
      bodyEnd = j;
    }
    const body = m.slice(bodyStart, bodyEnd);
    const name = f[2];
    const line = lineOf(text, f.index);
    const cls = f[1] ? f[1].replace(/<.*$/, '') : classAt(spans, f.index);
    if (REFUSES.test(body)) facts.refusers.push({ name, file, line, ...(cls ? { cls } : {}) });
    const lam = /(?:^|,)\s*(\w+)\s*:\s*(?:([\w.<>, ]+?)(\?)?\s*\.\s*)?\(\s*([^)]*)\)\s*->\s*Unit\b/.exec(params);
    const lambda = lam ? { name: lam[1], nullable: !!lam[3] || /\?\s*$/.test(lam[4].trim()) } : undefined;
    if (lambda || (hasBlock && body.length <= 600) || (hasHeader && body.length <= 3000)) facts.fns.push({ name, ...(f[1] ? { cls: f[1].replace(/<.*$/, '') } : classAt(spans, f.index) ? { cls: classAt(spans, f.index) } : {}), file, line, ...(lambda ? { lambda } : {}), body });
  }
  for (const h of text.matchAll(AUTH_HEADER)) {
    const cred = enclosingAssignment(m, h.index);
    if (!cred) continue;
    // The value: from the `=` to the close of the first bracket it opens (the lambda or call holding the header's read).
    const first = m.slice(cred.valueAt, h.index).search(/[({]/);
    const value = first < 0 ? m.slice(cred.valueAt, h.index) : m.slice(cred.valueAt, closeOf(m, cred.valueAt + first));
    facts.credentials.push({ name: cred.name, file, line: lineOf(text, cred.at), text: text.slice(cred.at, h.index + h[0].length).replace(/\s+/g, ' ').slice(0, 160), calls: [...new Set([...value.matchAll(/(?<![\w.])(\w+)\s*\(|\.(\w+)\s*[({]/g)].map((c) => c[1] ?? c[2]))] });
  }
  return facts.fns.length || facts.credentials.length || facts.refusers.length ? facts : undefined;
}

/** `name = …` whose value holds the offset (walking out of the brackets around it); none past a `fun`, `return` or statement start. */
function enclosingAssignment(m: string, at: number): { name: string; at: number; valueAt: number } | undefined {
  let depth = 0;
  for (let j = at - 1; j >= 0 && at - j < 600; j--) {
    const c = m[j];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth > 0) depth--;
    } else if (depth === 0 && c === '=' && m[j - 1] !== '=' && m[j + 1] !== '=' && m[j - 1] !== '!' && m[j + 1] !== '>' && m[j - 1] !== '<' && m[j - 1] !== '>') {
      const lineBefore = m.slice(m.lastIndexOf('\n', j - 1) + 1, j);
      // A function's expression body (`fun check(ctx: Context) = readCredentials(…)`) is no value held.
      if (/\bfun\b/.test(lineBefore)) return undefined;
      const n = /(\w+)\s*(?::[^=\n()]*)?$/.exec(m.slice(Math.max(0, j - 120), j));
      return n ? { name: n[1], at: j - (m.slice(Math.max(0, j - 120), j).length - n.index), valueAt: j + 1 } : undefined;
    } else if (depth === 0 && /\b(?:fun|return|class)\s$/.test(m.slice(Math.max(0, j - 7), j + 1))) return undefined;
  }
  return undefined;
}

type Kind = 'guard' | 'optional' | 'plain';
type Verdict = { kind: Kind; fn: KtFn; why?: string; cred?: KtGuardFacts['credentials'][number] } | { kind: 'doubt'; why: string };

/** Judges every block of the repository, then the route objects' handlers. */
export function resolveKotlinDslGuards(routes: RouteDecl[], all: KtGuardFacts[]): void {
  const withCalls = routes.filter((r) => r.dslCalls);
  if (!withCalls.length && !routes.some((r) => r.dslHandlerRef)) return;
  const refusers = new Map<string, { file: string; line: number }>();
  for (const f of all) for (const r of f.refusers) if (!refusers.has(r.name)) refusers.set(r.name, r);
  // A credential value counts when its value calls a function of ours that answers 401/403.
  const creds = new Map<string, KtGuardFacts['credentials'][number] & { refuser?: { name: string; file: string; line: number } }>();
  for (const f of all)
    for (const c of f.credentials) {
      const r = c.calls.find((n) => refusers.has(n));
      if (!creds.has(c.name) || r) creds.set(c.name, { ...c, ...(r ? { refuser: { name: r, ...refusers.get(r)! } } : {}) });
    }
  const fns = all.flatMap((f) => f.fns);
  const mentions = (body: string, name: string) => new RegExp(`(?<![\\w.])${name}\\b`).test(body);
  const credOf = (body: string) => [...creds.values()].find((c) => mentions(body, c.name));
  const readers = new Map<string, KtFn>();
  for (const f of fns) if (!f.lambda && credOf(f.body)) readers.set(f.name, f);
  const readsCred = (body: string) => credOf(body) ?? [...readers.values()].map((r) => (new RegExp(`(?<![\\w.])${r.name}\\s*\\(`).test(body) ? credOf(r.body) : undefined)).find((x) => x);
  const verdicts = new Map<string, Verdict[]>();
  const blocks = fns.filter((f) => f.lambda);
  const judge = (f: KtFn, guards: Set<string>): Kind => {
    const p = f.lambda!.name;
    const calls = [...f.body.matchAll(new RegExp(`(?<![\\w.])${p}\\s*\\(|(?<![\\w.])${p}\\.invoke\\s*\\(`, 'g'))].map((c) => c.index);
    if (!calls.length) return 'plain';
    const top = calls.some((at) => depthAt(f.body, at) <= 1);
    const cred = readsCred(f.body);
    if (top) return f.lambda!.nullable && cred ? 'optional' : 'plain';
    const refusal = /\.onError\s*\{|\bthrow\b|\.status\s*\(|\bresponse\s*=/.test(f.body);
    const wraps = [...guards].some((g) => new RegExp(`(?<![\\w.])${g}\\s*(?:\\([^)]*\\))?\\s*\\{`).test(f.body));
    return refusal && (cred || wraps) ? 'guard' : 'plain';
  };
  // Blocks that wrap a refusing block refuse too: judged until nothing changes.
  const guards = new Set<string>();
  for (let round = 0; round < 4; round++) {
    const before = guards.size;
    for (const f of blocks) if (judge(f, guards) === 'guard') guards.add(f.name);
    if (guards.size === before) break;
  }
  for (const f of blocks) {
    const kind = judge(f, guards);
    const cred = readsCred(f.body);
    verdicts.set(f.name, [...(verdicts.get(f.name) ?? []), { kind, fn: f, ...(cred ? { cred } : {}) }]);
  }
  const verdictOf = (name: string): Verdict | undefined => {
    const vs = verdicts.get(name);
    if (!vs) return undefined;
    const kinds = new Set(vs.map((v) => v.kind));
    return kinds.size === 1 ? vs[0] : { kind: 'doubt', why: `${name} {} is defined ${vs.length} times with different code: not told apart` };
  };
  const credOfBlock = (f: KtFn) => readsCred(f.body) ?? [...guards].map((g) => verdictOf(g)).map((v) => (v && 'fn' in v ? readsCred(v.fn.body) : undefined)).find((x) => x);
  /** Where the refusal's 401/403 is written: the credential value's check, or the block's own code. */
  const refusedBy = (f: KtFn): string | undefined => {
    const c = credOfBlock(f);
    const refuser = c ? creds.get(c.name)?.refuser : undefined;
    return refuser ? `${refuser.name} (${refuser.file}:${refuser.line})` : REFUSES.test(f.body) ? `${f.name} (${f.file}:${f.line})` : undefined;
  };
  const credText = (f: KtFn, refusing: boolean): string => {
    const c = credOfBlock(f);
    const by = refusing ? refusedBy(f) : undefined;
    return c ? `; ${c.name} holds the Authorization header's credentials (${c.file}:${c.line})${by ? `, refused with 401/403 by ${by}` : ''}` : '';
  };
  for (const r of routes) if (r.dslHandlerRef && !r.guards.length) handlerRefGuard(r, r.dslHandlerRef, fns);
  for (const r of withCalls) {
    for (const call of r.dslCalls!) {
      if (!call.block) {
        const reader = readers.get(call.name);
        if (reader && call.assigned && /^\s*(?:$|\.(?:flatMap|map|peek|filter)\b)/.test(call.after)) {
          if (refusedBy(reader)) r.guards.push({ text: `${call.name}()`, line: call.line, via: 'handler', guard: guardOf(`${call.name}()`, r, call.line, `the handler answers the Result of ${call.name}() (${reader.file}:${reader.line}), whose error is the credential check's${credText(reader, true)}`) });
          else r.doubt ??= `the handler answers the Result of ${call.name}() (${reader.file}:${reader.line}): its error's status was not read`;
          break;
        }
        continue;
      }
      const v = verdictOf(call.name);
      if (!v) {
        if (!r.doubt) r.doubt = `block ${call.name} {} not found in the code read: not judged`;
        continue;
      }
      if (v.kind === 'doubt') {
        r.doubt ??= v.why;
        break;
      }
      if (v.kind === 'plain') continue;
      if (v.kind === 'guard' && !refusedBy(v.fn)) {
        r.doubt ??= `${call.name} {} (${v.fn.file}:${v.fn.line}) ends the request on a failed credential check, with a status not read`;
        break;
      }
      const where = `${v.fn.cls ? `${v.fn.cls}.` : ''}${v.fn.name} (${v.fn.file}:${v.fn.line})`;
      const reason =
        v.kind === 'guard'
          ? `${call.name} {} runs the handler only for an authenticated caller and answers an error otherwise: ${where}${credText(v.fn, true)}`
          : `${call.name} {} hands the handler the caller or null (anonymous allowed): ${where}${credText(v.fn, false)}`;
      r.guards.push({ text: `${call.name} {}`, line: call.line, via: 'handler', guard: { ...guardOf(`${call.name} {}`, r, call.line, reason), ...(v.kind === 'optional' ? { optional: true } : {}) } });
      break;
    }
  }
}

/**
 * A handler given as a function reference (`client::handleSseLiveLog`) whose work runs only when a
 * check of the request's credentials succeeds: `authenticateContext(ctx).peek { … }.onError { …close() }`,
 * the check (a function beside it) reading the Authorization header and answering 401/403.
 */
function handlerRefGuard(r: RouteDecl, name: string, fns: KtFn[]): void {
  const cands = fns.filter((f) => f.name === name && !f.lambda);
  if (cands.length !== 1) return;
  const f = cands[0];
  for (const c of f.body.matchAll(/(?<![\w.])(\w+)\s*\(/g)) {
    if (depthAt(f.body, c.index) > 1) continue;
    const check = fns.find((g) => g.name === c[1] && g.file === f.file && g.cls === f.cls && g !== f);
    if (!check || !new RegExp(AUTH_HEADER.source, 'i').test(check.body) || !REFUSES.test(check.body)) continue;
    const chain = f.body.slice(closeOf(f.body, f.body.indexOf('(', c.index)));
    const ok = /^\s*\.\s*(?:peek|onSuccess)\s*\{/.test(chain);
    const fail = /\.\s*onError\s*\{/.exec(chain);
    const ends = fail && /\b(?:close|disconnect|status|throw|response\s*=)/.test(chain.slice(fail.index, closeOf(chain, chain.indexOf('{', fail.index))));
    if (!ok || !ends) continue;
    delete r.doubt;
    const reason = `${name} (${f.file}:${f.line}) runs only when ${check.name} (${check.file}:${check.line}), which reads the Authorization header and answers 401/403, succeeds; otherwise it ends the request`;
    r.guards.push({ text: `${check.name}()`, line: r.line, via: 'handler', guard: guardOf(`${check.name}()`, r, r.line, reason) });
    return;
  }
}

function guardOf(name: string, r: RouteDecl, line: number, reason: string): Guard {
  return { name, kind: 'authentication', reason, file: r.file, line };
}

/** Bracket depth at an offset of a body (the body's own brace is depth 1). */
function depthAt(body: string, at: number): number {
  let d = 0;
  for (let j = 0; j < at; j++) {
    const c = body[j];
    if (c === '(' || c === '[' || c === '{') d++;
    else if (c === ')' || c === ']' || c === '}') d--;
  }
  return d;
}

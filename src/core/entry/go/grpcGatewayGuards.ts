// Whether a grpc-gateway route is guarded: the middleware given to its mux
// (`runtime.NewServeMux(runtime.WithMiddlewares(authMw))`) runs before every route's handler. When
// the code it reaches (its body and the functions of its package it calls, a few calls deep)
// refuses with 401/403, every rpc is guarded except those named in a list of public procedures
// (`var PublicMethods = map[string]struct{}{"/pkg.Service/Method": {}}`) that code consults. A
// procedure named in every such list is let through (unguarded); named in some only (a narrower
// list for some instance mode), which one applies is decided at run time: `unknown`. No middleware
// in sight (a gRPC interceptor behind `…HandlerFromEndpoint`, a guard on the mount): `unknown`.
import type { Guard, GuardState } from '../types';
import type { GatewayRegistration } from './grpcGateway';
import { blankGo, closeParen, goFuncs, splitArgs, type GoFuncText } from './goText';

export interface GatewayGuard {
  judge(procedure: string): { state: GuardState; guards: Guard[]; reason: string };
}

type FuncIndex = Map<string, Map<string, (GoFuncText & { file: string })[]>>;

const REFUSES = /\bStatus(Unauthorized|Forbidden)\b|\bcodes\.(Unauthenticated|PermissionDenied)\b|\bCode(Unauthenticated|PermissionDenied)\b/;
const PROCEDURE = /^\/[\w.]+\/\w+$/;
const MAX_REACHED = 60;

/** The functions and methods of each folder (a Go package), by bare name. */
export function goFuncIndex(texts: Map<string, string>): FuncIndex {
  const out: FuncIndex = new Map();
  for (const [file, text] of texts) {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    const byName = out.get(dir) ?? new Map<string, (GoFuncText & { file: string })[]>();
    out.set(dir, byName);
    for (const f of goFuncs(text)) byName.set(f.name, [...(byName.get(f.name) ?? []), { ...f, file }]);
  }
  return out;
}

interface ProcList {
  name: string;
  file: string;
  line: number;
  procedures: Set<string>;
}

/** Package-level collections of procedure strings in the folder's files: `Name = map[string]…{ "/a.B/C": … }`, `[]string{…}`. */
const listsOf = new WeakMap<Map<string, string>, Map<string, ProcList[]>>();

function procedureLists(dir: string, texts: Map<string, string>): ProcList[] {
  const byDir = listsOf.get(texts) ?? new Map<string, ProcList[]>();
  listsOf.set(texts, byDir);
  const known = byDir.get(dir);
  if (known) return known;
  const out: ProcList[] = [];
  byDir.set(dir, out);
  for (const [file, text] of texts) {
    if ((file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '') !== dir) continue;
    const src = blankGo(text);
    for (const m of src.matchAll(/\b(\w+)\s*:?=\s*(?:map\[string\](?:struct\s*\{\s*\}|[\w.*]+)|\[\]string)\s*\{/g)) {
      const open = m.index + m[0].length - 1;
      const end = closeParen(src, open);
      const procedures = new Set<string>();
      for (const s of text.slice(open, end).matchAll(/"([^"\n]*)"/g)) if (PROCEDURE.test(s[1])) procedures.add(s[1]);
      if (procedures.size) out.push({ name: m[1], file, line: text.slice(0, m.index).split('\n').length, procedures });
    }
  }
  return out;
}

/** The middleware names given to the mux the registration uses, and where. */
function muxMiddleware(reg: GatewayRegistration): { names: string[]; line: number } | undefined {
  const mux = reg.args[1]?.trim();
  if (!mux || !/^\w+$/.test(mux)) return undefined;
  const src = blankGo(reg.body);
  const made = new RegExp(`\\b${mux}\\s*:?=\\s*(?:\\w+\\.)?NewServeMux\\s*\\(`).exec(src);
  if (!made) return undefined;
  const open = made.index + made[0].length - 1;
  const call = src.slice(open, closeParen(src, open) + 1);
  const w = /\bWithMiddlewares\s*\(/.exec(call);
  if (!w) return { names: [], line: reg.bodyLine + reg.body.slice(0, made.index).split('\n').length - 1 };
  const wOpen = open + w.index + w[0].length - 1;
  const names = splitArgs(reg.body.slice(wOpen + 1, closeParen(src, wOpen)));
  return { names, line: reg.bodyLine + reg.body.slice(0, open + w.index).split('\n').length - 1 };
}

/** The code a middleware runs: a closure of the registering function, or a function of its package; and what it calls there, a few calls deep. */
function reachedCode(name: string, within: string, funcs: FuncIndex, dir: string): string[] {
  const src = blankGo(within);
  const out: string[] = [];
  const local = new RegExp(`\\b${name}\\s*:?=\\s*func\\s*\\(`).exec(src);
  if (local) {
    const open = src.indexOf('{', closeParen(src, local.index + local[0].length - 1));
    if (open >= 0) out.push(within.slice(open, closeParen(src, open) + 1));
  }
  const pkg = funcs.get(dir);
  const seen = new Set<string>();
  const queue = local ? [] : [name.split('.').pop()!];
  // A value made by `&T{…}` or `T{…}` is handed in: its methods run.
  if (!local && pkg && !pkg.has(name.split('.').pop()!)) for (const m of methodsOf(pkg, name.split('.').pop()!)) {
    out.push(m.body);
    queue.push(...calledNames(m.body));
  }
  for (const body of out) queue.push(...calledNames(body));
  while (queue.length && out.length < MAX_REACHED) {
    const n = queue.shift()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const f of pkg?.get(n) ?? []) {
      out.push(f.body);
      queue.push(...calledNames(f.body));
      // A constructor (`return &AuthInterceptor{…}`): the methods of the type it makes run later.
      for (const t of blankGo(f.body).matchAll(/\breturn\s+&?(\w+)\s*\{/g)) for (const m of methodsOf(pkg!, t[1])) if (!out.includes(m.body)) { out.push(m.body); queue.push(...calledNames(m.body)); }
    }
  }
  return out;
}

function methodsOf(pkg: Map<string, (GoFuncText & { file: string })[]>, type: string): GoFuncText[] {
  return [...pkg.values()].flat().filter((f) => f.recv?.type === type);
}

function calledNames(body: string): string[] {
  return [...blankGo(body).matchAll(/\b(\w+)\s*\(/g)].map((m) => m[1]);
}

export function gatewayGuard(reg: GatewayRegistration, texts: Map<string, string>, funcs: FuncIndex): GatewayGuard {
  const dir = dirOf(reg.file);
  const mw = muxMiddleware(reg);
  if (!mw || !mw.names.length) {
    const reason = `the grpc-gateway mux ${reg.args[1]?.trim() ?? ''} (${reg.file}:${reg.line}) has no middleware in sight (runtime.WithMiddlewares): a gRPC interceptor or the router it is mounted in may guard it`;
    return { judge: () => ({ state: 'unknown', guards: [], reason }) };
  }
  const code = mw.names.map((n) => ({ name: n, code: reachedCode(n, reg.body, funcs, dir) }));
  return judgeBy(code, `runtime.WithMiddlewares(%s) on the grpc-gateway mux`, { file: reg.file, line: mw.line }, texts, dir);
}

/**
 * Connect handlers (`apiv1connect.NewMemoServiceHandler(srv, opts...)`): the interceptors of a
 * `connect.WithInterceptors(…)` in the registering function, or, when it takes its options as a
 * parameter, in the functions of its package that call it.
 */
export function connectGuard(reg: GatewayRegistration, fnName: string | undefined, texts: Map<string, string>, funcs: FuncIndex): GatewayGuard {
  const dir = dirOf(reg.file);
  const bodies: { body: string; file: string; line: number }[] = [{ body: reg.body, file: reg.file, line: reg.bodyLine }];
  if (fnName) {
    const calls = new RegExp(`\\b${fnName}\\s*\\(`);
    for (const fs of funcs.get(dir)?.values() ?? []) for (const f of fs) if (f.body !== reg.body && calls.test(blankGo(f.body))) bodies.push({ body: f.body, file: f.file, line: f.line });
  }
  const found: { name: string; code: string[] }[] = [];
  let where: { file: string; line: number } | undefined;
  for (const b of bodies) {
    const src = blankGo(b.body);
    for (const m of src.matchAll(/\bWithInterceptors\s*\(/g)) {
      const open = m.index + m[0].length - 1;
      where ??= { file: b.file, line: b.line + b.body.slice(0, m.index).split('\n').length - 1 };
      for (const arg of splitArgs(b.body.slice(open + 1, closeParen(src, open)))) {
        const callee = /^&?([\w.]+)\s*[({]/.exec(arg)?.[1] ?? (/^\w+$/.test(arg) ? arg : undefined);
        if (callee) found.push({ name: arg.replace(/\s+/g, ' '), code: reachedCode(callee, b.body, funcs, dir) });
      }
    }
  }
  if (!where || !found.length) {
    const reason = `the Connect handler (${reg.file}:${reg.line}) has no interceptor in sight (connect.WithInterceptors): the router it is mounted in may guard it`;
    return { judge: () => ({ state: 'unknown', guards: [], reason }) };
  }
  return judgeBy(found, `connect.WithInterceptors(%s)`, where, texts, dir);
}

function dirOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
}

/** The state of each procedure from the code of the middleware (or interceptors) in front of it: those that refuse, and the public lists their code reads. */
function judgeBy(mws: { name: string; code: string[] }[], how: string, where: { file: string; line: number }, texts: Map<string, string>, dir: string): GatewayGuard {
  const at0 = `${where.file}:${where.line}`;
  const refusing = mws.filter((m) => m.code.some((c) => REFUSES.test(blankGo(c))));
  if (!refusing.length) {
    const reason = `${how.replace('%s', mws.map((m) => m.name).join(', '))} (${at0}): no refusal (401/403) seen in its code`;
    return { judge: () => ({ state: 'unknown', guards: [], reason }) };
  }
  const name = refusing.map((m) => m.name).join(', ');
  const joined = refusing.flatMap((m) => m.code).join('\n');
  const lists = procedureLists(dir, texts).filter((l) => new RegExp(`\\b${l.name}\\b`).test(joined));
  const at = (l: ProcList): string => `${l.name} (${l.file}:${l.line})`;
  const guard: Guard = { name, kind: 'authentication', reason: `${how.replace('%s', name)} (${at0}) runs before every procedure and refuses (401/403)`, file: where.file, line: where.line };
  return {
    judge(procedure) {
      const named = lists.filter((l) => l.procedures.has(procedure));
      if (!named.length) return { state: 'guarded', guards: [guard], reason: lists.length ? `${name} (${at0}): ${procedure} is not in ${lists.map(at).join(' or ')}` : `${name} (${at0})` };
      if (named.length === lists.length) return { state: 'unguarded', guards: [], reason: `${procedure} is in ${named.map(at).join(' and ')}, which ${name} (${at0}) lets through without a caller` };
      const not = lists.filter((l) => !named.includes(l));
      return { state: 'unknown', guards: [], reason: `${procedure} is in ${named.map(at).join(', ')} but not in ${not.map(at).join(', ')}: whether ${name} (${at0}) lets anonymous callers in depends on which list applies at run time` };
    },
  };
}

// aiohttp, per file, for the link pass (aiohttpLink.ts). Routes written on a `web.RouteTableDef()`
// (`@routes.get("/x")`, `@routes.view` for every method) are read by pyRoutes.ts like Flask's
// decorators; here: the applications (`web.Application(middlewares=[auth])`), what they take in
// (`app.add_routes(routes)`, `app.add_subapp("/api", api)`), an application handed in as a parameter
// and mounted there (`MaubotServer(api)` whose `__init__` does `self.app.add_subapp(prefix, api)`),
// the function that builds and returns one, and what each middleware and top-level function does:
// the paths a middleware lets through before it checks anything (`if path.startswith("/auth/"):
// return await handler(request)`), and how a function refuses — a 401/403 written out, the attribute of
// a module-level object whose class answers 401/403 there (`return resp.no_token`), or what a helper of
// ours it calls gives back (`err = check_token(request); if err is not None: return err`).
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { callArgs, kids, line, stringValue } from '../treeUtil';
import { dict } from '../../ownKeys';
import { oneLine } from '../guards';
import { refusalKind } from './flaskHooks';
import { paramNames } from './pyScope';

/** A test of the request's path a middleware lets through: `S.startswith(value)` / `S == value` on the path less `strip`. */
export interface AioPathTest {
  op: 'prefix' | 'eq';
  value: string;
  strip: string;
}

export interface AioRefusal {
  how: string;
  text: string;
  line: number;
}

/** What a top-level function (a middleware, a helper, a view) gives back and calls. */
export interface AioFunc {
  line: number;
  /** A 401/403 written in its body (returned or raised). */
  refusal?: AioRefusal;
  /** Attributes of other objects it returns (`resp.no_token`): a refusal when the object's class answers 401/403 there. */
  attrs?: { obj: Ref; attr: string; line: number }[];
  /** It returns what a function of ours called with these arguments gives back (`err = check_token(request) … return err`). */
  handsBack?: { ref: Ref; line: number }[];
  /** Functions of ours it calls with arguments (a credential check is handed the request or the token). */
  calls?: Ref[];
  /**
   * A websocket handler that sends anything but literals only under `if check(msg.data):` — the
   * functions those tests call (the caller proves itself on the socket, not on the request).
   */
  inBand?: { refs: Ref[]; line: number };
}

export interface AioMiddleware {
  line: number;
  /** Paths let through unchecked; absent with `unread` when a test could not be read. */
  exempt: AioPathTest[];
  unread?: string;
}

export interface AiohttpFacts {
  /** Applications created here with their middlewares, in order. */
  apps: { ref: Ref; line: number; middlewares: { ref: Ref; text: string }[] }[];
  /**
   * `app.add_routes(routes)`, `app.add_subapp(prefix, child)`; `param`: the child is that parameter of
   * `fn` (a class stands for its `__init__`; `index` counts without `self`), found where `fn` is called.
   */
  mounts: { parent: Ref; prefix?: string; prefixText: string; child?: Ref; param?: { fn: Ref; index: number }; line: number; order: number }[];
  /** Functions that return an application they build: name → its ref. */
  returnsApp: Record<string, Ref>;
  /** Calls handing a function or class, at each position, what another call of ours gave back (`MaubotServer(init_api(cfg))`). */
  handOffs: { callee: Ref; args: (Ref | null)[] }[];
  /** Middlewares of this module by name. */
  middlewares: Record<string, AioMiddleware>;
  /** Top-level functions of this module by name. */
  funcs: Record<string, AioFunc>;
  /** Module-level objects of a class (`resp = _Response()`): name → the class's ref. */
  instances: Record<string, Ref>;
  /** `Class.attr` → a method or property of this module's class answering 401/403. */
  refusingAttrs: Record<string, AioRefusal>;
}

const APP_CALL = /^(web\.|aiohttp\.web\.)?Application$/;
const STATUS_REFUSAL = /\bstatus\s*=\s*(401|403|HTTPStatus\.(UNAUTHORIZED|FORBIDDEN)|web\.HTTPUnauthorized\.status_code)\b/;
const AIO_REFUSAL = /^(web\.|aiohttp\.web\.)?HTTP(Unauthorized|Forbidden)$/;

interface Ctx {
  root: Node;
  file: string;
  key: (name: string) => Ref;
  refOf: (n: Node | null | undefined) => Ref | undefined;
  /** A name of the service's own: imported from one of its modules or defined at this module's top. */
  ours: (r: Ref) => boolean;
}

/** The aiohttp facts of a file that imports aiohttp or may serve one (a module building a server from parts). */
export function aiohttpFacts(ctx: Ctx, full: boolean): AiohttpFacts | undefined {
  const { root, key, refOf } = ctx;
  const out: AiohttpFacts = { apps: [], mounts: [], returnsApp: dict(), handOffs: [], middlewares: dict(), funcs: dict(), instances: dict(), refusingAttrs: dict() };
  if (!full) {
    // A module that imports no aiohttp may still hand an application it built to the class that mounts it.
    const bindings = new Map<number, Map<string, Node>>();
    for (const call of root.descendantsOfType('call')) {
      const fn = call?.childForFieldName('function');
      if (call && fn) handOff(call, fn, ctx, out, bindings);
    }
    return out.handOffs.length ? out : undefined;
  }
  const apps = new Set<Ref>();
  for (const asg of root.descendantsOfType('assignment')) {
    const left = asg?.childForFieldName('left');
    const right = asg?.childForFieldName('right');
    if (!asg || !left || right?.type !== 'call') continue;
    const fn = right.childForFieldName('function')?.text ?? '';
    if (APP_CALL.test(fn)) {
      const ref = key(left.text);
      apps.add(ref);
      const mw = callArgs(right).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'middlewares')?.childForFieldName('value');
      const middlewares = kids(mw).map((m) => ({ ref: refOf(m), text: m.text })).filter((m): m is { ref: Ref; text: string } => !!m.ref);
      out.apps.push({ ref, line: line(asg), middlewares });
    } else if (asg.parent?.parent?.type === 'module' && left.type === 'identifier' && /^([\w.]+\.)?_?[A-Z]\w*$/.test(fn) && !callArgs(right).length) {
      const cls = refOf(right.childForFieldName('function'));
      if (cls) out.instances[left.text] = cls;
    }
  }
  for (const st of kids(root)) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type === 'function_definition') {
      const name = def.childForFieldName('name')?.text ?? '';
      out.funcs[name] = funcOf(def, ctx);
      const ret = kids(def.childForFieldName('body')).find((s) => s.type === 'return_statement')?.namedChildren[0];
      if (ret?.type === 'identifier' && apps.has(key(ret.text))) out.returnsApp[name] = key(ret.text);
      const mw = isMiddleware(st, def) ? middlewareOf(def) : undefined;
      if (mw) out.middlewares[name] = mw;
    } else if (def?.type === 'class_definition') classRefusals(def, out.refusingAttrs);
  }
  const bindings = new Map<number, Map<string, Node>>();
  for (const call of root.descendantsOfType('call')) {
    const fn = call?.childForFieldName('function');
    if (!call || fn?.type !== 'attribute') {
      if (call && fn) handOff(call, fn, ctx, out, bindings);
      continue;
    }
    const method = fn.childForFieldName('attribute')?.text;
    const obj = fn.childForFieldName('object');
    const parent = refOf(obj);
    if (!parent || (method !== 'add_subapp' && method !== 'add_routes')) continue;
    if (method === 'add_routes') {
      const child = refOf(callArgs(call)[0]);
      if (child) out.mounts.push({ parent, prefix: '', prefixText: '', child, line: line(call), order: call.startIndex });
      continue;
    }
    const [prefixNode, sub] = callArgs(call);
    if (!prefixNode || !sub) continue;
    const prefix = stringValue(prefixNode);
    const def = enclosingDef(call);
    const params = def ? paramNames(def) : [];
    const cls = def && def.childForFieldName('name')?.text === '__init__' ? enclosingClass(def) : undefined;
    const own = sub.type === 'identifier' ? params.indexOf(sub.text) : -1;
    const at = { parent, ...(prefix !== undefined ? { prefix } : {}), prefixText: prefixNode.text, line: line(call), order: call.startIndex };
    if (own >= 0 && def) {
      const index = cls || params[0] === 'self' ? own - 1 : own;
      const fnName = cls ? cls.childForFieldName('name')?.text : def.childForFieldName('name')?.text;
      if (fnName) out.mounts.push({ ...at, param: { fn: key(fnName), index } });
    } else {
      const child = refOf(sub);
      if (child) out.mounts.push({ ...at, child });
    }
  }
  const empty = !out.apps.length && !out.mounts.length && !out.handOffs.length && !Object.keys(out.middlewares).length && !Object.keys(out.refusingAttrs).length && !Object.keys(out.instances).length;
  return empty && !Object.values(out.funcs).some((f) => f.refusal || f.attrs || f.handsBack) ? undefined : out;
}

/** `@web.middleware async def auth(request, handler)`, or a function of that shape. */
function isMiddleware(st: Node, def: Node): boolean {
  const decorated = st.type === 'decorated_definition' && kids(st).some((k) => k.type === 'decorator' && /^(web\.)?middleware$/.test(k.namedChildren[0]?.text ?? ''));
  const params = paramNames(def);
  return decorated || (params.length === 2 && params[1] === 'handler');
}

/** `return await handler(request)` (or without `await`): the middleware lets the request through. */
function passesOn(st: Node | undefined, handler: string): boolean {
  let v = st?.type === 'return_statement' ? st.namedChildren[0] : undefined;
  if (v?.type === 'await') v = v.namedChildren[0];
  return v?.type === 'call' && v.childForFieldName('function')?.text === handler;
}

/** The paths a middleware lets through before anything else: `if <path tests>: return await handler(request)` at its start. */
function middlewareOf(def: Node): AioMiddleware {
  const handler = paramNames(def)[1] ?? 'handler';
  const request = paramNames(def)[0] ?? 'request';
  const out: AioMiddleware = { line: line(def), exempt: [] };
  const paths = new Map<string, string>();
  for (const st of kids(def.childForFieldName('body'))) {
    // `subpath = request.path[len("/api"):]`: the path below a mount.
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (a?.type === 'assignment' && a.childForFieldName('left')?.type === 'identifier') {
      const strip = pathRead(a.childForFieldName('right'), request, paths);
      if (strip !== undefined) paths.set(a.childForFieldName('left')!.text, strip);
      continue;
    }
    if (st.type !== 'if_statement') break;
    const then = kids(st.childForFieldName('consequence'));
    if (then.length !== 1 || !passesOn(then[0], handler) || st.childrenForFieldName('alternative').some(Boolean)) break;
    for (const part of orParts(st.childForFieldName('condition'))) {
      const t = pathTest(part, request, paths);
      if (t) out.exempt.push(t);
      else out.unread = oneLine(part.text, 80);
    }
  }
  return out;
}

function orParts(n: Node | null): Node[] {
  if (!n) return [];
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return orParts(n.namedChildren[0]);
  if (n.type === 'boolean_operator' && n.children.some((c) => c?.type === 'or')) return [...orParts(n.childForFieldName('left')), ...orParts(n.childForFieldName('right'))];
  return [n];
}

/** `request.path` (strip '') or `request.path[len("/x"):]` (strip "/x"); a name bound to one of them. */
function pathRead(n: Node | null | undefined, request: string, paths: Map<string, string>): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return paths.get(n.text);
  if (n.text === `${request}.path` || n.text === `${request}.rel_url.path`) return '';
  if (n.type !== 'subscript' || pathRead(n.childForFieldName('value'), request, paths) !== '') return undefined;
  const slice = n.childForFieldName('subscript');
  const start = slice?.type === 'slice' ? slice.namedChildren[0] : undefined;
  if (!slice || slice.namedChildren.length !== 1 || start?.type !== 'call' || start.childForFieldName('function')?.text !== 'len') return undefined;
  return stringValue(callArgs(start)[0]);
}

function pathTest(n: Node, request: string, paths: Map<string, string>): AioPathTest | undefined {
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const strip = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'startswith' ? pathRead(fn.childForFieldName('object'), request, paths) : undefined;
    const value = stringValue(callArgs(n)[0]);
    return strip !== undefined && value !== undefined && callArgs(n).length === 1 ? { op: 'prefix', value, strip } : undefined;
  }
  if (n.type === 'comparison_operator') {
    const [l, r] = kids(n);
    const strip = pathRead(l, request, paths);
    const value = stringValue(r);
    return strip !== undefined && value !== undefined && n.children.some((c) => c?.type === '==') ? { op: 'eq', value, strip } : undefined;
  }
  return undefined;
}

/** How a function refuses and what it hands back. */
function funcOf(def: Node, ctx: Ctx): AioFunc {
  const out: AioFunc = { line: line(def) };
  const bound = new Map<string, Node>();
  for (const a of def.descendantsOfType('assignment')) {
    const left = a?.childForFieldName('left');
    let right = a?.childForFieldName('right');
    if (right?.type === 'await') right = right.namedChildren[0];
    if (left?.type === 'identifier' && right?.type === 'call') bound.set(left.text, right);
  }
  const calls = new Set<Ref>();
  for (const n of def.descendantsOfType(['return_statement', 'raise_statement', 'call'])) {
    if (!n || enclosingDef(n)?.id !== def.id) continue;
    if (n.type === 'call') {
      const r = callArgs(n).length ? ctx.refOf(n.childForFieldName('function')) : undefined;
      if (r && n.childForFieldName('function')?.type === 'identifier') calls.add(r);
      continue;
    }
    const how = refusalOf(n);
    if (how) {
      out.refusal ??= { how, text: oneLine(n.text, 100), line: line(n) };
      continue;
    }
    let v = n.type === 'return_statement' ? n.namedChildren[0] : undefined;
    if (v?.type === 'await') v = v.namedChildren[0];
    if (v?.type === 'attribute' && v.childForFieldName('object')?.type === 'identifier') {
      const obj = ctx.refOf(v.childForFieldName('object'));
      if (obj) (out.attrs ??= []).push({ obj, attr: v.childForFieldName('attribute')?.text ?? '', line: line(n) });
    } else if (v?.type === 'identifier' && bound.has(v.text)) {
      const callee = bound.get(v.text)!.childForFieldName('function');
      const ref = callee?.type === 'identifier' ? ctx.refOf(callee) : undefined;
      if (ref) (out.handsBack ??= []).push({ ref, line: line(n) });
    }
  }
  if (calls.size) out.calls = [...calls];
  const inBand = socketChecks(def, ctx);
  if (inBand) out.inBand = inBand;
  return out;
}

const SOCKET = /^(web\.|aiohttp\.web\.)?WebSocketResponse$/;
const SENDS = /^(send_json|send_str|send_bytes)$/;

/** `ws = web.WebSocketResponse()` whose every send of more than literals sits under an `if` calling a function of ours on what came in. */
function socketChecks(def: Node, ctx: Ctx): AioFunc['inBand'] {
  const socket = def.descendantsOfType('assignment').find((a) => SOCKET.test(a?.childForFieldName('right')?.childForFieldName('function')?.text ?? ''));
  const name = socket?.childForFieldName('left')?.text;
  if (!socket || !name) return undefined;
  const refs = new Set<Ref>();
  let data = 0;
  for (const c of def.descendantsOfType('call')) {
    const fn = c?.childForFieldName('function');
    if (!c || fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== name || !SENDS.test(fn.childForFieldName('attribute')?.text ?? '')) continue;
    if (enclosingDef(c)?.id !== def.id || callArgs(c).every(literal)) continue;
    data++;
    const check = checkAbove(c, def, ctx);
    if (!check) return undefined;
    refs.add(check);
  }
  return data ? { refs: [...refs], line: line(socket) } : undefined;
}

/** The function of ours called, with arguments, by an `if` whose true arm holds `n`. */
function checkAbove(n: Node, def: Node, ctx: Ctx): Ref | undefined {
  for (let child = n, p = n.parent; p && p.id !== def.id; child = p, p = p.parent) {
    const cons = p.type === 'if_statement' || p.type === 'elif_clause' ? p.childForFieldName('consequence') : undefined;
    if (!cons || child.id !== cons.id) continue;
    let cond = p.childForFieldName('condition');
    if (cond?.type === 'await') cond = cond.namedChildren[0];
    const callee = cond?.type === 'call' && callArgs(cond).length ? cond.childForFieldName('function') : undefined;
    const ref = callee?.type === 'identifier' ? ctx.refOf(callee) : undefined;
    if (ref && ctx.ours(ref)) return ref;
  }
  return undefined;
}

function literal(n: Node): boolean {
  if (/^(string|integer|float|true|false|none)$/.test(n.type)) return n.type !== 'string' || stringValue(n) !== undefined;
  if (n.type === 'dictionary') return kids(n).every((p) => p.type === 'pair' && literal(p.childForFieldName('key')!) && literal(p.childForFieldName('value')!));
  if (n.type === 'list' || n.type === 'tuple') return kids(n).every(literal);
  return false;
}

/** A 401/403 written out: flask's and aiohttp's exceptions, `status=HTTPStatus.UNAUTHORIZED`. */
function refusalOf(n: Node): string | undefined {
  const how = refusalKind(n);
  if (how) return how;
  let v = n.namedChildren[0];
  if (v?.type === 'await') v = v.namedChildren[0];
  if (v?.type !== 'call') return undefined;
  const callee = v.childForFieldName('function')?.text ?? '';
  if (AIO_REFUSAL.test(callee)) return `${n.type === 'raise_statement' ? 'raises' : 'answers'} ${callee}`;
  return n.type === 'return_statement' && STATUS_REFUSAL.test(v.childForFieldName('arguments')?.text ?? '') ? 'answers 401/403' : undefined;
}

/** Methods and properties of a class that answer 401/403 (`def no_token(self): return web.json_response(…, status=HTTPStatus.UNAUTHORIZED)`). */
function classRefusals(cls: Node, into: Record<string, AioRefusal>): void {
  const name = cls.childForFieldName('name')?.text ?? '';
  for (const m of kids(cls.childForFieldName('body'))) {
    const def = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
    if (def?.type !== 'function_definition') continue;
    for (const n of def.descendantsOfType(['return_statement', 'raise_statement'])) {
      const how = n && enclosingDef(n)?.id === def.id ? refusalOf(n) : undefined;
      if (how) {
        into[`${name}.${def.childForFieldName('name')?.text ?? ''}`] = { how, text: oneLine(n!.text, 100), line: line(n!) };
        break;
      }
    }
  }
}

/** `server = Server(api)` where `api = build_api(cfg)`: which call's result each argument is. */
function handOff(call: Node, fn: Node, ctx: Ctx, out: AiohttpFacts, bindings: Map<number, Map<string, Node>>): void {
  const callee = fn.type === 'identifier' ? ctx.refOf(fn) : undefined;
  if (!callee || !ctx.ours(callee)) return;
  const def = enclosingDef(call);
  const refs = callArgs(call).filter((a) => a.type !== 'keyword_argument').map((a): Ref | null => {
    const v = a.type === 'identifier' && def ? callsBound(def, bindings).get(a.text) : a;
    const inner = v?.type === 'call' ? v.childForFieldName('function') : undefined;
    const r = inner?.type === 'identifier' ? ctx.refOf(inner) : undefined;
    return r && ctx.ours(r) ? r : null;
  });
  if (refs.some(Boolean)) out.handOffs.push({ callee, args: refs });
}

/** A function's names bound to a call's result (the last binding wins), read once per function. */
function callsBound(def: Node, cache: Map<number, Map<string, Node>>): Map<string, Node> {
  let out = cache.get(def.id);
  if (out) return out;
  out = new Map();
  for (const a of def.descendantsOfType('assignment')) {
    const right = a?.childForFieldName('right');
    if (a?.childForFieldName('left')?.type === 'identifier' && right?.type === 'call') out.set(a.childForFieldName('left')!.text, right);
  }
  cache.set(def.id, out);
  return out;
}

function enclosingDef(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

function enclosingClass(def: Node): Node | undefined {
  for (let p = def.parent; p; p = p.parent) if (p.type === 'class_definition') return p;
  return undefined;
}

// Django Ninja, per file: what ninjaLink.ts needs to give each operation its full path and its
// authentication. A `NinjaAPI(auth=…)` (or ninja-extra's `NinjaExtraAPI`) and `Router(auth=…)`
// are routers (their `@x.get(path)`… decorators are read as routes by pyRoutes.ts); `parent.add_router(prefix,
// child)` mounts one under another (the child may be a dotted string, `"apps.users.api.router"`).
// An operation's `auth=` (None included) replaces its router's, a router's replaces the one above
// it, up to the API's. An auth is a callable Ninja runs on the request: a falsy answer is a 401.
// So the file records its classes and functions that may be one — what their code answers (a
// `return None`, a conditional with a None arm, a raise, falling off the end: it refuses someone;
// only truthy objects: it lets everyone in) — and a `__call__` override that answers before the
// check for some URL names (`if request.resolver_match.url_name in ["setup_wizard_hash"]: return …`).
import type { Node } from 'web-tree-sitter';
import type { FileDecls, Ref } from '../types';
import { all, kids, line, stringValue } from '../treeUtil';
import { evalStr, evalStrList, type StrEnv } from './pyEval';
import { kwArg, positionalArgs } from './pyScope';
import { dict } from '../../ownKeys';

/** One callable of an `auth=` value: `TokenAuth()` (called), `django_auth` (a name). */
export interface NinjaAuthItem {
  text: string;
  line: number;
  ref?: Ref;
  called: boolean;
}

/** An `auth=` as written: `None`, one callable or a list of them (any one passing lets the request in), or unread. */
export type NinjaAuth = { none: true; line: number } | { items: NinjaAuthItem[]; text: string; line: number } | { unread: string; line: number };

/** What an auth callable's code answers: where it refuses, and whether every answer is a truthy object (no refusal at all). */
export interface NinjaAuthCode {
  line: number;
  refuses?: { how: string; text: string; line: number };
  /** Every way out returns an object or a literal that is truthy: nobody is refused. */
  alwaysPasses?: true;
  /** `__call__` answers before any check for these URL names (Django's resolver_match.url_name). */
  exempt?: { names: string[]; line: number };
  /** `__call__` hands the request on to the base class's (`super().__call__(request)`). */
  callsSuper?: true;
  /** Functions it calls, when its own code shows no refusal: one of them may refuse for it. */
  calls?: { ref: Ref; line: number }[];
}

export interface NinjaClass {
  line: number;
  bases: { ref?: Ref; text: string }[];
  authenticate?: NinjaAuthCode;
  call?: NinjaAuthCode;
}

export interface NinjaFacts {
  /** Routers of this file by name: `NinjaAPI(…)` (`api: true`) or `Router(…)`, with their `auth=`. */
  routers: Record<string, { api: boolean; line: number; auth?: NinjaAuth }>;
  /** `parent.add_router(prefix, child, auth=…)`. */
  mounts: { parent: Ref; child?: Ref; childText: string; prefix?: string; prefixText: string; auth?: NinjaAuth; line: number }[];
  /** Operation decorators by their line: `auth=` and `url_name=` when written. */
  ops: Record<string, { auth?: NinjaAuth; urlName?: string }>;
  /** Top-level classes and functions that may be auth callables, and names bound to an instance (`auth_bearer = AuthBearer()`). */
  classes: Record<string, NinjaClass>;
  funcs: Record<string, NinjaAuthCode>;
  instances: Record<string, { ref: Ref; text: string; line: number }>;
  /** Names imported from Ninja's (and its known add-ons') security modules: local name → imported name. */
  builtins: Record<string, string>;
}

const API_CLASS = /^(NinjaAPI|NinjaExtraAPI)$/;
const NINJA_MODULE = /^(ninja|ninja_extra|ninja_jwt)(\.|$)/;
const OP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'api_operation']);

/** The names a file imports from Ninja and its add-ons: local name → imported name. */
function ninjaNames(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const imp of all(root, 'import_from_statement')) {
    if (!NINJA_MODULE.test(imp.childForFieldName('module_name')?.text ?? '')) continue;
    for (const n of imp.childrenForFieldName('name')) {
      if (!n) continue;
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text;
      out.set(n.type === 'aliased_import' ? n.childForFieldName('alias')!.text : name, name);
    }
  }
  return out;
}

export function ninjaFacts(root: Node, d: FileDecls, refOf: (n: Node | null | undefined) => Ref | undefined, env: StrEnv, moduleOf: (dotted: string) => string | undefined): NinjaFacts | undefined {
  const names = ninjaNames(root);
  const key = (name: string): Ref => `${d.file}#${name}`;
  const f: NinjaFacts = { routers: dict(), mounts: [], ops: dict(), classes: dict(), funcs: dict(), instances: dict(), builtins: dict() };
  for (const [local, name] of names) f.builtins[local] = name;
  const imported = (fn: string): string | undefined => (fn.startsWith('ninja.') ? fn.slice('ninja.'.length) : names.get(fn));

  const authOf = (n: Node | undefined): NinjaAuth | undefined => {
    if (!n) return undefined;
    if (n.type === 'none') return { none: true, line: line(n) };
    const one = (x: Node): NinjaAuthItem | undefined => {
      const called = x.type === 'call';
      const target = called ? x.childForFieldName('function') : x;
      if (!target || (target.type !== 'identifier' && target.type !== 'attribute')) return undefined;
      return { text: x.text.replace(/\s+/g, ' '), line: line(x), ref: refOf(target), called };
    };
    const xs = n.type === 'list' || n.type === 'tuple' ? kids(n).filter((k) => k.type !== 'comment') : [n];
    const items = xs.map(one);
    if (items.some((i) => !i)) return { unread: n.text.replace(/\s+/g, ' '), line: line(n) };
    return { items: items as NinjaAuthItem[], text: n.text.replace(/\s+/g, ' '), line: line(n) };
  };

  for (const st of kids(root)) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type === 'class_definition') {
      const name = def.childForFieldName('name')?.text ?? '';
      const bases = kids(def.childForFieldName('superclasses')).filter((b) => b.type === 'identifier' || b.type === 'attribute').map((b) => ({ ref: refOf(b), text: b.text }));
      const c: NinjaClass = { line: line(def), bases };
      for (const m of kids(def.childForFieldName('body'))) {
        const fn = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
        if (fn?.type !== 'function_definition') continue;
        const mname = fn.childForFieldName('name')?.text;
        if (mname === 'authenticate') c.authenticate = authCode(fn, refOf);
        if (mname === '__call__') c.call = authCode(fn, refOf, true);
      }
      if (bases.length) f.classes[name] = c;
    } else if (def?.type === 'function_definition') {
      // An auth function takes the request; a helper it calls may take more.
      if (kids(def.childForFieldName('parameters')).length) f.funcs[def.childForFieldName('name')?.text ?? ''] = authCode(def, refOf);
    }
  }

  for (const asg of all(root, 'assignment')) {
    const left = asg.childForFieldName('left');
    const right = asg.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    const fnNode = right.childForFieldName('function');
    const fn = fnNode?.text ?? '';
    const cls = imported(fn);
    if (cls && (API_CLASS.test(cls) || cls === 'Router')) {
      f.routers[left.text] = { api: API_CLASS.test(cls), line: line(asg), ...(kwArg(right, 'auth') ? { auth: authOf(kwArg(right, 'auth')) } : {}) };
      d.routers.add(key(left.text));
    } else if (asg.parent?.parent?.type === 'module' && (fnNode?.type === 'identifier' || fnNode?.type === 'attribute')) {
      const ref = refOf(fnNode);
      if (ref) f.instances[left.text] = { ref, text: right.text.replace(/\s+/g, ' '), line: line(asg) };
    }
  }

  for (const call of all(root, 'call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const obj = fn.childForFieldName('object');
    if (method === 'add_router') {
      const parent = refOf(obj);
      const [prefixNode, childNode] = [kwArg(call, 'prefix') ?? positionalArgs(call)[0], kwArg(call, 'router') ?? positionalArgs(call)[1]];
      if (!parent || !childNode) continue;
      const dotted = stringValue(childNode);
      let child: Ref | undefined;
      if (dotted !== undefined) {
        // `api.add_router("/users", "apps.users.api.router")`: the module's name, imported by Ninja.
        const at = dotted.lastIndexOf('.');
        const mod = at > 0 ? moduleOf(dotted.slice(0, at)) : undefined;
        if (mod) child = `${mod}#${dotted.slice(at + 1)}`;
      } else child = refOf(childNode);
      const prefix = prefixNode ? evalStr(prefixNode, env) : '';
      const auth = kwArg(call, 'auth');
      f.mounts.push({ parent, ...(child ? { child } : {}), childText: childNode.text, ...(prefix !== undefined ? { prefix } : {}), prefixText: prefixNode?.text ?? '', ...(auth ? { auth: authOf(auth) } : {}), line: line(call) });
      d.routers.add(parent);
      if (child) {
        d.routers.add(child);
        d.uses.push({ parent, prefix: prefix ?? '', ...(prefix === undefined ? { dynamic: prefixNode!.text } : {}), args: [], children: [child], file: d.file, line: line(call), order: call.startIndex });
      }
    } else if (OP_METHODS.has(method) && call.parent?.type === 'decorator') {
      const auth = kwArg(call, 'auth');
      const urlName = stringValue(kwArg(call, 'url_name'));
      if (auth || urlName !== undefined) f.ops[String(line(call))] = { ...(auth ? { auth: authOf(auth) } : {}), ...(urlName !== undefined ? { urlName } : {}) };
    }
  }
  return f;
}

/** `@router.api_operation(["GET", "POST"], "/path")`: its methods and its path node. */
export function apiOperation(call: Node, env: StrEnv): { methods: string[]; pathNode?: Node } {
  const args = positionalArgs(call);
  const methods = (evalStrList(kwArg(call, 'methods') ?? args[0], env) ?? []).map((m) => m.toUpperCase());
  return { methods, pathNode: kwArg(call, 'path') ?? args[1] };
}

/** A raise that refuses the caller: an authentication/permission error, or an HttpError of 401/403. */
const AUTH_RAISE = /^raise\s+(?:[\w.]+\.)?(?:\w*(?:Authenticat|Authoriz|Unauthori[sz]ed|Forbidden|PermissionDenied|NotAuthenticated)\w*\s*(?:\(|$)|HttpError\(\s*(?:401|403)\b|Http401|Http403)/;

/** What a function's code answers when Ninja calls it as an auth: see NinjaAuthCode. */
function authCode(def: Node, refOf: (n: Node | null | undefined) => Ref | undefined, isCall = false): NinjaAuthCode {
  const body = def.childForFieldName('body');
  const out: NinjaAuthCode = { line: line(def) };
  const own = (n: Node): boolean => {
    for (let p = n.parent; p && p.id !== def.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return false;
    return true;
  };
  const returns = all(body!, 'return_statement').filter(own);
  const raises = all(body!, 'raise_statement').filter(own).filter((r) => AUTH_RAISE.test(r.text));
  if (isCall) {
    // `if request.resolver_match.url_name in ["x"]: … return …` at the top: those URL names are let in before any check.
    for (const st of kids(body)) {
      if (st.type !== 'if_statement') continue;
      const test = st.childForFieldName('condition');
      if (!test || !/\burl_name\b/.test(test.text)) continue;
      const rets = all(st.childForFieldName('consequence')!, 'return_statement');
      if (!rets.length || rets.some((r) => refusingReturn(r))) continue;
      const lits = all(test, 'string').map((s) => stringValue(s)).filter((s): s is string => s !== undefined);
      if (lits.length) out.exempt = { names: lits, line: line(st) };
    }
    if (returns.some((r) => /\bsuper\(\)\.__call__\(/.test(r.text))) out.callsSuper = true;
  }
  const refusing = returns.find(refusingReturn);
  if (refusing) out.refuses = { how: 'returns None, which Ninja answers with 401', text: refusing.text.replace(/\s+/g, ' '), line: line(refusing) };
  else if (raises.length) out.refuses = { how: 'raises', text: raises[0].text.replace(/\s+/g, ' '), line: line(raises[0]) };
  else if (!endsInReturn(body!)) out.refuses = { how: 'falls off its end (None), which Ninja answers with 401', text: def.childForFieldName('name')?.text ?? '', line: line(def) };
  else if (returns.every((r) => truthyReturn(r))) out.alwaysPasses = true;
  if (!out.refuses) {
    // A helper of ours may refuse for it (`return get_project(request)`, which calls one that raises AuthenticationError).
    const calls = all(body!, 'call').filter(own).map((c) => ({ ref: refOf(c.childForFieldName('function')), line: line(c) })).filter((c): c is { ref: Ref; line: number } => !!c.ref);
    if (calls.length) out.calls = calls.slice(0, 20);
  }
  return out;
}

/** `return`, `return None`, `return False`, `return x if c else None`. */
function refusingReturn(r: Node): boolean {
  const v = r.namedChildren[0];
  if (!v) return true;
  if (v.type === 'none' || v.type === 'false') return true;
  if (v.type === 'conditional_expression') return v.namedChildren.some((c) => c?.type === 'none' || c?.type === 'false');
  return false;
}

/** An object built there (`AnonymousUser()`, `Auth(…)`), `True`, or a non-empty string. */
function truthyReturn(r: Node): boolean {
  const v = r.namedChildren[0];
  if (!v) return false;
  if (v.type === 'true') return true;
  if (v.type === 'string') return (stringValue(v) ?? '') !== '';
  if (v.type === 'call') return /^([\w.]+\.)?[A-Z]\w*$/.test(v.childForFieldName('function')?.text ?? '');
  return false;
}

/** The body's last statement returns or raises (no way falls off the end), as far as plain statements show. */
function endsInReturn(body: Node): boolean {
  const last = kids(body).filter((k) => k.type !== 'comment').pop();
  if (!last) return false;
  if (last.type === 'return_statement' || last.type === 'raise_statement') return true;
  if (last.type === 'try_statement') {
    const parts = kids(last).filter((k) => k.type === 'block' || k.type === 'except_clause' || k.type === 'else_clause');
    return parts.every((p) => endsInReturn(p.type === 'block' ? p : kids(p).find((k) => k.type === 'block') ?? p));
  }
  if (last.type === 'if_statement') {
    const alt = kids(last).filter((k) => k.type === 'else_clause' || k.type === 'elif_clause');
    if (!alt.some((a) => a.type === 'else_clause')) return false;
    return endsInReturn(last.childForFieldName('consequence')!) && alt.every((a) => endsInReturn(a.childForFieldName('body') ?? a.childForFieldName('consequence') ?? a));
  }
  return false;
}

// A `before_request` hook that refuses through a function of ours in another module:
//
//     @container_blueprint.before_request
//     def before_container_request():
//         free = ["/container/register/finalize", "/container/challenge"]
//         is_auth_free = request.path in free
//         if not is_auth_free:
//             verify_auth_token(get_auth_token_from_request(), ["user", "admin"])   # raises AuthError
//
// The hook's own body refuses nobody (flaskHooks.ts finds nothing), so each call to a function of the
// service is kept with the requests that skip it: `exact:/path` entries for a path test the call
// sits under. pyLink.ts makes the hook a guard when the callee raises a refusal (or, unread, is named
// as verifying a token); a call under a test that is not read leaves the hook's routes `unknown`.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, Guard, Ref } from '../types';
import type { PyFacts } from './pyFacts';
import { kids, line, stringValue } from '../treeUtil';
import { oneLine } from '../guards';
import { exemptionHolds, moduleStrings } from './hookExemptions';

export interface HookCall {
  ref: Ref;
  text: string;
  line: number;
  /** Requests the call is skipped for; undefined when a test around it is not read. */
  exempt?: string[];
}

const PATH = /^(flask\.)?request\.path$/;

/** The calls of the hook's own body to functions `refOf` resolves, each with what skips it. */
export function hookCalls(fn: Node, refOf: (n: Node | null | undefined) => Ref | undefined): HookCall[] {
  const out: HookCall[] = [];
  for (const c of fn.descendantsOfType('call')) {
    if (!c || nested(c, fn)) continue;
    const ref = refOf(c.childForFieldName('function'));
    if (!ref) continue;
    out.push({ ref, text: oneLine(c.text, 100), line: line(c), exempt: skippedFor(c, fn) });
  }
  return out;
}

function nested(n: Node, fn: Node): boolean {
  for (let p = n.parent; p && p.id !== fn.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return true;
  return false;
}

/** `if not is_free:` / `if request.path not in FREE:` around the call: the listed paths skip it. Other tests: undefined. */
function skippedFor(c: Node, fn: Node): string[] | undefined {
  const out: string[] = [];
  for (let p = c.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type === 'elif_clause' || p.type === 'else_clause') return undefined;
    if (p.type !== 'if_statement') continue;
    const cons = p.childForFieldName('consequence');
    const cond = p.childForFieldName('condition');
    // Under the test itself (`if verify(...)`): runs for every request.
    if (cond && c.startIndex >= cond.startIndex && c.endIndex <= cond.endIndex) continue;
    if (!cond || !cons || c.startIndex < cons.startIndex || c.endIndex > cons.endIndex) return undefined;
    const paths = pathsLetThrough(cond, fn);
    if (!paths) return undefined;
    out.push(...paths.map((x) => `exact:${x}`));
  }
  return out;
}

/** The paths for which `cond` is false: `not <path in L>`, `request.path not in L`, `request.path != "/x"`. */
function pathsLetThrough(cond: Node, fn: Node): string[] | undefined {
  let n = cond;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type === 'not_operator') {
    const arg = n.childForFieldName('argument');
    return arg ? pathsIn(arg, fn, 'in') : undefined;
  }
  return pathsIn(n, fn, 'not in');
}

/** `request.path <op> L` (L a list, a local or module list, `!=`/`==` a string), or a local flag bound to `request.path in L`. */
function pathsIn(n: Node, fn: Node, want: 'in' | 'not in'): string[] | undefined {
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type === 'identifier' && want === 'in') {
    const bound = localRight(n.text, fn);
    return bound ? pathsIn(bound, fn, want) : undefined;
  }
  if (n.type !== 'comparison_operator') return undefined;
  const [l, r] = kids(n);
  if (!l || !r || !PATH.test(l.text)) return undefined;
  const op = n.text.slice(l.endIndex - n.startIndex, r.startIndex - n.startIndex).trim().replace(/\s+/g, ' ');
  const single = stringValue(r);
  if (single !== undefined) return op === (want === 'in' ? '==' : '!=') ? [single] : undefined;
  if (op !== want) return undefined;
  return stringsOf(r, fn);
}

function stringsOf(n: Node, fn: Node): string[] | undefined {
  if (/^(list|tuple|set)$/.test(n.type)) {
    const items = kids(n).map((x) => stringValue(x));
    return items.every((x): x is string => x !== undefined) ? (items as string[]) : undefined;
  }
  if (n.type !== 'identifier') return undefined;
  const local = localRight(n.text, fn);
  return local ? stringsOf(local, fn) : moduleStrings(n);
}

/** The right side of the hook's one assignment to `name`; undefined when it is bound more than once or not at all. */
function localRight(name: string, fn: Node): Node | undefined {
  const found = fn.descendantsOfType('assignment').filter((a) => !!a && a.childForFieldName('left')?.text === name && !nested(a, fn));
  return found.length === 1 ? found[0]!.childForFieldName('right') ?? undefined : undefined;
}

/** Named as checking a token or the caller's credentials: read as refusing when its code is not ours to read. */
const VERIFIES_TOKEN = /^(verify|check|validate|require)_?\w*(token|jwt|auth|credential)|^authenticate(_request)?$/i;
/** The call is handed the caller's credential (`verify(auth_token)`, `check(request.headers[…])`). */
const CREDENTIAL = /token|jwt|auth|credential|api_?key|request\.headers/i;

type PyOf = (ref: Ref) => PyFacts | undefined;

/** How a call of the hook refuses: its callee (or one it calls, two deep) raises a refusal, or is unread and named as verifying a token. */
export function callRefusal(call: HookCall, resolve: (r: Ref) => Ref, pyOf: PyOf): { how: string; file: string; line: number } | undefined {
  const target = resolve(call.ref);
  const name = target.slice(target.lastIndexOf('#') + 1);
  const f = pyOf(target)?.funcs[name];
  if (!f) return VERIFIES_TOKEN.test(name) ? { how: `calls ${name} (not read; named as verifying a token)`, file: '', line: call.line } : undefined;
  // A raise deep in a helper refuses some requests; it checks the caller only when handed the credential or reading it.
  if (!CREDENTIAL.test(call.text) && !f.identity) return undefined;
  const raiser = (ref: Ref, depth: number, seen: Set<Ref>): { how: string; file: string; line: number } | undefined => {
    const t = resolve(ref);
    const g = pyOf(t)?.funcs[t.slice(t.lastIndexOf('#') + 1)];
    if (!g || depth > 2 || seen.has(t)) return undefined;
    seen.add(t);
    if (g.refuses && /^(raises|abort)/.test(g.refuses.how)) return { how: g.refuses.how, file: t.slice(0, t.lastIndexOf('#')), line: g.refuses.line };
    for (const c of g.calls) {
      const at = raiser(c.ref, depth + 1, seen);
      if (at) return at;
    }
    return undefined;
  };
  return raiser(call.ref, 0, new Set());
}

/**
 * Each calling hook's refusing calls, onto the routes of its router (`scope`: router → path prefix):
 * a route no refusing call lets through is guarded; one whose way past a call is not read is in doubt.
 */
export function linkCallingHooks(pys: FileDecls[], resolve: (r: Ref) => Ref, pyOf: PyOf, under: (root: Ref) => Map<Ref, string>): void {
  for (const d of pys) {
    for (const h of d.py!.callingHooks ?? []) {
      const refusing = h.calls.flatMap((c) => {
        const r = callRefusal(c, resolve, pyOf);
        return r ? [{ c, r }] : [];
      });
      if (!refusing.length) continue;
      const root = resolve(h.router);
      const scope = under(root);
      for (const e of pys) {
        for (const r of e.routes) {
          const target = r.router ? resolve(r.router) : undefined;
          if (!target || !scope.has(target)) continue;
          const endpoint = e.py!.endpoints.get(r) ?? r.handler;
          const bp = pyOf(target)?.blueprintNames[target];
          const own = `${scope.get(target)}${r.path}`;
          const prefixes = [...new Set(pys.flatMap((u) => u.uses.filter((m) => !m.dynamic && [...(m.children ?? []), ...m.args.flatMap((a) => (a.ref ? [a.ref] : []))].some((c) => resolve(c) === root)).map((m) => m.prefix)))];
          // Flask joins `url_prefix` and the rule with one slash; the hook's list holds whole request paths.
          const path = prefixes.length === 1 ? `${prefixes[0].replace(/\/+$/, '')}/${own.replace(/^\/+/, '')}` : undefined;
          const at = { full: bp ? `${bp}.${endpoint}` : endpoint, endpoint, bp, path: path ?? own };
          // The mount's prefix not known: a listed path ending in the route's own may be it.
          const maybe = (c: HookCall): boolean => !path && !!c.exempt?.some((x) => x.startsWith('exact:') && `${x.slice('exact:'.length).replace(/\/+$/, '')}/`.endsWith(`/${own.replace(/^\/+|\/+$/g, '')}/`));
          const hit = refusing.find(({ c }) => c.exempt && !maybe(c) && !c.exempt.some((x) => exemptionHolds(x, at)));
          if (hit) {
            const { c, r: how } = hit;
            const guard: Guard = {
              name: h.name,
              kind: 'authentication',
              reason: `${h.kind} hook on ${h.routerText} calls ${c.text} (${h.file}:${c.line}): ${how.how}${how.file ? ` (${how.file}:${how.line})` : ''}${c.exempt!.length ? `; exempt: ${c.exempt!.join(', ')}` : ''}`,
              file: h.file,
              line: h.line,
              evidence: { how: how.how, text: c.text, file: how.file || h.file, line: how.file ? how.line : c.line },
            };
            r.guards = [...r.guards, { text: h.name, line: h.line, via: 'before_request hook', guard }];
          } else if (refusing.some(({ c }) => !c.exempt || maybe(c))) {
            const { c } = refusing.find(({ c }) => !c.exempt || maybe(c))!;
            r.doubt ??= `${h.kind} hook ${h.name} on ${h.routerText} calls ${c.text} (${h.file}:${c.line}), which refuses, ${c.exempt ? 'except for listed paths the route may be one of (its mount prefix not known)' : 'under a test that was not read'}`;
          }
        }
      }
    }
  }
}

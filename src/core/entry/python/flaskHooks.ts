// Flask `before_request` hooks as guards. A hook runs before every route of the blueprint (or app)
// it is attached to; it is a guard only when its own code refuses a request — raises an
// Unauthorized/Forbidden-like error, aborts with 401/403, answers 401/403, or redirects to a login
// page. A name alone is not enough. Endpoints the hook lets through (`request.endpoint !=
// "frontend.login"`, `request.endpoint in (...)` followed by an early return) are exempt.
// A `url_value_preprocessor` runs at the same time with the endpoint and the URL's values as
// parameters: its endpoint parameter is read as `request.endpoint` is, a flag holding an endpoint
// test (`is_feed = endpoint == "main.feed"`) as the test itself where it is one of the `or`-ed ways
// past the refusal, and a refusal that runs only when a URL value is there (`pid =
// values.pop("project_id", None)`, `if pid: … raise …`) is met only by routes whose rule has it.
import { allRefusalsExempt, chainExemptions, moduleStrings, pathGateExemptions } from './hookExemptions';
import type { Node } from 'web-tree-sitter';
import type { Guard } from '../types';
import { kids, line, stringValue } from '../treeUtil';
import { classifyGuardText, oneLine } from '../guards';
import { andParts, orParts } from './routeTests';
import { refusalGate, type KeyedGate } from './keyedSettings';

/** Exceptions whose raising refuses a request for want of identity or permission. */
// The service's own `AuthError`/`AuthenticationError`/`ApiAuthException` (raised for an error handler
// to answer 401) refuses as the framework's own do: its name says what failed.
const REFUSING_ERROR = /(Unauthori[sz]ed|Forbidden|PermissionDenied|NotAuthenticated|AuthenticationFailed|Unauthenticated|LoginRequired|AccessDenied|NotAuthorized|OAuth\w*TokenError|InvalidToken)\w*$|(^|\.)\w*Auth(entication|orization)?(Error|Exception)$/;
const LOGIN_TARGET = /(login|log_in|signin|sign_in|auth)/i;
/** `url_for(".admin", goto=request.path)`: a redirect that hands over where to come back, as a sign-in page is sent. */
const COME_BACK = /\b\w+\s*=\s*(flask\.)?request\.(path|url|full_path)\b/;
const toSignIn = (args: string): boolean => LOGIN_TARGET.test(args) || COME_BACK.test(args);

export interface Refusal {
  how: string;
  text: string;
  line: number;
  /** Endpoints this refusal does not apply to. */
  exempt: string[];
  /** URL values the refusal needs (a `url_value_preprocessor`'s): only routes whose rule has them meet it. */
  needs?: string[];
  /** A setting test the refusal sits under, its fresh-install value in the code (keyedSettings.ts). */
  gate?: KeyedGate;
}

/** A `url_value_preprocessor(endpoint, values)`: the names its two parameters go by. */
export interface HookParams {
  endpoint?: string;
  values?: string;
}

/** How the function refuses requests (first refusal found), or undefined when it lets every request through. */
export function refusalOf(fn: Node, params: HookParams = {}): Refusal | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  const ctx: HookCtx = { endpoint: params.endpoint, values: params.values, flags: new Map(), urlValues: new Map() };
  if (params.endpoint || params.values) bindings(fn, ctx);
  const early = earlyExemptions(body, ctx);
  const found: (Refusal & { node: Node })[] = [];
  let gated = false;
  for (const n of body.descendantsOfType(['raise_statement', 'return_statement', 'call'])) {
    if (!n || insideNestedFunction(n, fn)) continue;
    const how = refusalKind(n);
    if (!how) continue;
    const needs = urlValuesNeeded(n, fn, ctx);
    const gates = pathGateExemptions(n, fn);
    if (gates.length) gated = true;
    found.push({ node: n, how, text: oneLine(n.text, 100), line: line(n), exempt: [...early, ...conditionExemptions(n, fn, ctx), ...gates], ...(needs.length ? { needs } : {}) });
  }
  const gate = found[0] && found.length === 1 ? refusalGate(found[0].node, fn) : undefined;
  const [first] = found.map(({ node: _node, ...r }) => (gate ? { ...r, gate } : r));
  // Refusals split by the request's path (an `/api/` arm that aborts 403, another that redirects to
  // login): a route is let through only when each refusal lets it through. Without a path split the
  // first refusal stands for the hook, as before (a later one's own tests are not all read).
  if (!first || found.length === 1 || !gated || found.some((r) => r.needs)) return first;
  const lists = [...new Map(found.map((r) => [JSON.stringify([...r.exempt].sort()), r.exempt])).values()];
  const exempt = lists.length === 1 ? lists[0] : allRefusalsExempt(lists);
  return exempt ? { ...first, exempt } : first;
}

interface HookCtx {
  endpoint?: string;
  values?: string;
  /** `is_feed = endpoint == "main.feed"`: names bound to an endpoint comparison. */
  flags: Map<string, Node>;
  /** `pid = values.pop("project_id", None)`: names bound to a URL value. */
  urlValues: Map<string, string>;
}

/** The hook's own assignments of endpoint tests and URL values to plain names. */
function bindings(fn: Node, ctx: HookCtx): void {
  for (const a of fn.descendantsOfType('assignment')) {
    const left = a?.childForFieldName('left');
    const right = a?.childForFieldName('right');
    if (!a || left?.type !== 'identifier' || !right || insideNestedFunction(a, fn)) continue;
    if (right.type === 'comparison_operator' && endpointTest(right, ctx).length) ctx.flags.set(left.text, right);
    const key = urlValueKey(right, ctx);
    if (key) ctx.urlValues.set(left.text, key);
  }
}

/** `values.pop("x", None)`, `values.get("x")`, `values["x"]`: the URL value read, when `values` is the hook's parameter. */
function urlValueKey(n: Node, ctx: HookCtx): string | undefined {
  if (!ctx.values) return undefined;
  if (n.type === 'call') {
    const callee = n.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('object')?.text !== ctx.values || !/^(pop|get)$/.test(callee.childForFieldName('attribute')?.text ?? '')) return undefined;
    return stringValue(n.childForFieldName('arguments')?.namedChildren[0]);
  }
  if (n.type === 'subscript' && n.childForFieldName('value')?.text === ctx.values) return stringValue(n.childForFieldName('subscript'));
  return undefined;
}

/** The URL values that must be there for `n` to run: `if pid:` / `if "x" in values:` arms around it. */
function urlValuesNeeded(n: Node, fn: Node, ctx: HookCtx): string[] {
  const out: string[] = [];
  if (!ctx.values) return out;
  for (let p = n.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    const cons = p.childForFieldName('consequence');
    if (!cond || !cons || !within(n, cons)) continue;
    for (const part of andParts(cond)) {
      const bound = part.type === 'identifier' ? ctx.urlValues.get(part.text) : urlValueKey(part, ctx);
      if (bound) out.push(bound);
      const parts = part.type === 'comparison_operator' ? kids(part) : [];
      const op = parts.length === 2 ? part.text.slice(parts[0].endIndex - part.startIndex, parts[1].startIndex - part.startIndex).trim() : '';
      const key = op === 'in' && parts[1].text === ctx.values ? stringValue(parts[0]) : undefined;
      if (key) out.push(key);
    }
  }
  return out;
}

/** 401/403 named by the standard library's `http.HTTPStatus`. */
const HTTP_STATUS_40X = /^(http\.)?HTTPStatus\.(UNAUTHORIZED|FORBIDDEN)$/;

export function refusalKind(n: Node): string | undefined {
  if (n.type === 'raise_statement') {
    const x = n.namedChildren[0];
    const name = (x?.type === 'call' ? x.childForFieldName('function')?.text : x?.text) ?? '';
    if (REFUSING_ERROR.test(name)) return `raises ${name}`;
    if (/HTTPException/.test(name) && /\b40[13]\b|HTTP_40[13]/.test(x?.text ?? '')) return `raises ${name} with 401/403`;
    // `raise Redirect303(url_for(".authenticate"))`: an HTTP redirect raised as an exception, to the login page.
    if (/Redirect\w*$/.test(name) && x?.type === 'call' && toSignIn(x.childForFieldName('arguments')?.text ?? '')) return `raises ${name} to login`;
    return undefined;
  }
  if (n.type === 'call') {
    const callee = n.childForFieldName('function')?.text ?? '';
    const first = n.childForFieldName('arguments')?.namedChildren[0]?.text ?? '';
    if (/^((flask|quart)\.)?abort$/.test(callee) && (/^(401|403)$|HTTP_40[13]/.test(first) || HTTP_STATUS_40X.test(first))) return `abort(${first})`;
    return undefined;
  }
  // return_statement
  const value = n.namedChildren[0];
  if (!value) return undefined;
  const first = value.type === 'expression_list' ? value.namedChildren[0] : value;
  // `return body, 401`, `return jsonify(…), HTTPStatus.UNAUTHORIZED` (the standard library's enum).
  if (value.type === 'expression_list' && (/^(401|403)$/.test(value.namedChildren[1]?.text ?? '') || HTTP_STATUS_40X.test(value.namedChildren[1]?.text ?? ''))) return `answers ${value.namedChildren[1]!.text}`;
  if (first?.type === 'call') {
    const callee = first.childForFieldName('function')?.text ?? '';
    if (/^((flask|quart)\.)?abort$/.test(callee)) return refusalKind(first);
    // Flask-Login's `current_app.login_manager.needs_refresh()`: the re-authentication page (or 401) for a login that is not fresh.
    if (/(^|\.)login_manager\.needs_refresh$/.test(callee)) return 'answers login_manager.needs_refresh()';
    if (/(^|\.)redirect$/.test(callee) && toSignIn(first.childForFieldName('arguments')?.text ?? '')) return 'redirects to login';
    if (/status(_code)?\s*=\s*(401|403)\b/.test(first.text)) return 'answers 401/403';
    // `return make_response(body, 401)`, `return fail(HTTPStatus.UNAUTHORIZED, "no")`: the refusing
    // status handed to a response maker, ours or Flask's, as a plain argument.
    const status = first.childForFieldName('arguments')?.namedChildren.find((a) => !!a && (/^(401|403)$/.test(a.text) || HTTP_STATUS_40X.test(a.text)));
    if (status) return `answers ${status.text} (${oneLine(callee, 40)})`;
    // flask-login's refusal: 401, or a redirect to its login view.
    if (/(^|\.)login_manager\.unauthorized$/.test(callee)) return 'login_manager.unauthorized() (401 or redirect to login)';
  }
  return undefined;
}

function insideNestedFunction(n: Node, fn: Node): boolean {
  for (let p = n.parent; p && p.id !== fn.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return true;
  return false;
}

/** Endpoint names compared with `request.endpoint` in a condition, split by the comparison. */
function endpointTest(cond: Node, ctx?: HookCtx): { op: 'eq' | 'ne'; names: string[] }[] {
  const out: { op: 'eq' | 'ne'; names: string[] }[] = [];
  for (const c of [cond, ...cond.descendantsOfType('comparison_operator').filter((x): x is Node => !!x)]) {
    if (c.type !== 'comparison_operator') continue;
    const parts = kids(c);
    if (parts.length !== 2 || !(/^(flask\.)?request\.endpoint$/.test(parts[0].text) || (!!ctx?.endpoint && parts[0].text === ctx.endpoint))) continue;
    const o = c.text.slice(parts[0].endIndex - c.startIndex, parts[1].startIndex - c.startIndex).trim().replace(/\s+/g, ' ');
    // A module-level list of endpoint names (`request.endpoint not in _insecure_views`) as the list itself.
    const names = parts[1].type === 'tuple' || parts[1].type === 'list' || parts[1].type === 'set' ? kids(parts[1]).map((x) => stringValue(x)).filter((x): x is string => !!x) : (moduleStrings(parts[1]) ?? [stringValue(parts[1])].filter((x): x is string => !!x));
    if (!names.length) continue;
    if (o === '!=' || o === 'not in') out.push({ op: 'ne', names });
    else if (o === '==' || o === 'in') out.push({ op: 'eq', names });
  }
  return out;
}

/** `if request.endpoint != "x": <refuse>`: x is exempt (the refusal only runs for other endpoints). */
function conditionExemptions(n: Node, fn: Node, ctx: HookCtx): string[] {
  const out: string[] = [];
  for (let p = n.parent; p && p.id !== fn.id; p = p.parent) {
    // `elif request.endpoint not in _insecure_views and …: <refuse>`: the elif's own test, as an if's.
    const elifCond = p.type === 'elif_clause' ? p.childForFieldName('condition') : undefined;
    if (elifCond && within(n, p.childForFieldName('consequence') ?? p)) for (const t of endpointTest(elifCond, ctx)) if (t.op === 'ne') out.push(...t.names);
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    const inThen = !!p.childForFieldName('consequence') && within(n, p.childForFieldName('consequence')!);
    if (!cond) continue;
    for (const t of endpointTest(cond, ctx)) if ((t.op === 'ne') === inThen) out.push(...t.names);
    // `elif request.blueprint == 'rss': return None` … `else: <refuse>`: the arms passed on the way (hookExemptions.ts).
    if (!inThen) out.push(...chainExemptions(p, n, (c) => endpointTest(c, ctx).flatMap((t) => (t.op === 'eq' ? t.names : []))));
    // `if allowed or is_feed: … else: <refuse>`: a flag that is one of the ways past lets its endpoints through.
    if (!inThen) for (const part of orParts(cond)) if (part.type === 'identifier' && ctx.flags.has(part.text)) for (const t of endpointTest(ctx.flags.get(part.text)!, ctx)) if (t.op === 'eq') out.push(...t.names);
  }
  return out;
}


/** `if request.endpoint in ("login", "static"): return` at the top of the hook: those are exempt. */
function earlyExemptions(body: Node, ctx: HookCtx): string[] {
  const out: string[] = [];
  for (const st of kids(body)) {
    if (st.type !== 'if_statement') continue;
    const then = st.childForFieldName('consequence');
    const stmts = kids(then);
    if (stmts.length !== 1 || stmts[0].type !== 'return_statement' || stmts[0].namedChildren.length) continue;
    for (const t of endpointTest(st.childForFieldName('condition')!, ctx)) if (t.op === 'eq') out.push(...t.names);
  }
  return out;
}

function within(n: Node, outer: Node): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

/** The guard a refusing hook stands for. */
export function hookGuard(name: string, routerText: string, r: Refusal, file: string, hookLine: number, kind = 'before_request'): Guard | undefined {
  const cls = classifyGuardText(name);
  if (cls?.kind === 'other') return undefined;
  return {
    name,
    kind: cls?.kind ?? 'authentication',
    reason: `${kind} hook on ${routerText}: ${r.how} (${file}:${r.line})${r.needs?.length ? `; only routes with <${r.needs.join('>, <')}>` : ''}${r.exempt.length ? `; exempt: ${r.exempt.join(', ')}` : ''}`,
    file,
    line: hookLine,
    evidence: { how: r.how, text: r.text, file, line: r.line },
  };
}

/**
 * A hook registered already wrapped by a guard decorator (`@bp.before_request` above `@user_required
 * def before_user_request(): …`): decorators apply bottom-up, so what Flask calls before each route is
 * the wrapper, which refuses as the decorator does on a view, whatever the hook's own body does.
 */
export function wrappedHookGuard(name: string, routerText: string, by: Guard, kind = 'before_request'): Guard {
  return { ...by, reason: `${kind} hook ${name} on ${routerText}, wrapped in @${by.name}: ${by.reason}` };
}

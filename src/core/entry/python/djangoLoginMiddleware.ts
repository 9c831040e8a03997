// A project's own "login required" middleware listed in Django's MIDDLEWARE setting: a class whose
// __call__ / process_request / process_view answers an anonymous caller with a redirect or a
// refusal, except for the paths an exemption list lets through (DefectDojo's LoginRequiredMiddleware:
// `if not request.user.is_authenticated: if not any(m.match(path) for m in EXEMPT_URLS): return
// HttpResponseRedirect(...)`, EXEMPT_URLS compiled from settings.LOGIN_EXEMPT_URLS). Every route
// whose path no exemption matches is behind it. An exemption we cannot read makes the routes it
// might let through unknown, never guarded; the login page itself (settings.LOGIN_URL, often from
// the environment) is let through when its value cannot be read.
import type { Node } from 'web-tree-sitter';
import type { EntryPoint, Guard } from '../types';
import type { DjangoFacts } from './djangoFacts';
import { isPublic } from '../guards';
import { kids, line, stringValue } from '../treeUtil';
import { dict } from '../../ownKeys';

/** One entry of the exemption list: a regular expression (Python, matched at the path's start), a setting's list of them, the login URL, or something unread. */
export type ExemptSource = { regex: string } | { setting: string } | { loginUrl: true } | { unread: string };

export interface LoginMiddleware {
  /** Dotted name as MIDDLEWARE lists it: module file and class name. */
  file: string;
  name: string;
  line: number;
  /** The statement that turns the anonymous caller away. */
  refusal: { line: number; text: string };
  /** Undefined: no exemption (every path). */
  exempt?: ExemptSource[];
}

export interface MiddlewareSetting {
  file: string;
  line: number;
  /** Each entry as written, with the module file it resolves to when it is one of ours. */
  names: { text: string; file?: string; name: string }[];
}

const ANON = /\bnot\s+request\.user\.is_authenticated\b|\brequest\.user\.is_anonymous\b/;
const REFUSE = /^(return\s+(HttpResponseRedirect|redirect|redirect_to_login|HttpResponseForbidden|HttpResponse|JsonResponse)\b|raise\s+(PermissionDenied|Http404)\b)/;
const HOOKS = new Set(['__call__', 'process_request', 'process_view']);

/** Python string literal with its interpolations as \0NAME\0 (resolved from settings at link time). */
function rawString(n: Node): string | undefined {
  if (n.type !== 'string') return undefined;
  let out = '';
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content') out += c.text;
    else if (c.type === 'interpolation') {
      const e = c.namedChildren.find((x) => x && x.type !== 'format_specifier' && x.type !== 'type_conversion');
      if (!e || !/^\w+$/.test(e.text)) return undefined;
      out += `\u0000${e.text}\u0000`;
    } else if (c.type === 'escape_sequence') out += c.text;
  }
  return out;
}

/** Module-level `NAME = [...]` / `NAME += (...)` entries read as exemption sources. */
function moduleList(root: Node, name: string): ExemptSource[] | undefined {
  let found = false;
  const out: ExemptSource[] = [];
  // Module level, `if hasattr(settings, "X"):` blocks included: a conditional addition only lets more paths through.
  for (const st of root.descendantsOfType('expression_statement')) {
    if (!st || insideDef(st)) continue;
    const a = st.namedChild(0);
    if (!a || (a.type !== 'assignment' && a.type !== 'augmented_assignment') || a.childForFieldName('left')?.text !== name) continue;
    found = true;
    const right = a.childForFieldName('right');
    const parts = right?.type === 'binary_operator' ? [right.childForFieldName('left'), right.childForFieldName('right')] : [right];
    for (const p of parts) out.push(...listEntries(p));
  }
  return found ? out : undefined;
}

function insideDef(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'class_definition') return true;
  return false;
}

function listEntries(n: Node | null | undefined): ExemptSource[] {
  if (!n) return [{ unread: '?' }];
  if (n.type === 'list' || n.type === 'tuple') return kids(n).flatMap((e) => entry(e));
  if (n.type === 'list_comprehension' || n.type === 'generator_expression') {
    // [re.compile(expr) for expr in settings.LOGIN_EXEMPT_URLS]
    const inClause = kids(n).find((c) => c.type === 'for_in_clause');
    const src = inClause?.childForFieldName('right')?.text ?? '';
    const m = /^settings\.(\w+)$/.exec(src);
    return [m ? { setting: m[1] } : { unread: n.text.slice(0, 80) }];
  }
  return [{ unread: n.text.slice(0, 80) }];
}

function entry(e: Node): ExemptSource[] {
  let n = e;
  if (n.type === 'call' && /^(re\.)?compile$/.test(n.childForFieldName('function')?.text ?? '')) n = kids(n.childForFieldName('arguments'))[0] ?? n;
  const s = rawString(n);
  if (s !== undefined) return [{ regex: s }];
  if (/^settings\.LOGIN_URL\b/.test(n.text)) return [{ loginUrl: true }];
  return [{ unread: e.text.slice(0, 80) }];
}

/** The project's login-required middleware classes in this module. */
export function loginMiddlewares(root: Node, file: string): LoginMiddleware[] {
  if (!ANON.test(root.text)) return [];
  const out: LoginMiddleware[] = [];
  for (const cls of kids(root).filter((c) => c.type === 'class_definition')) {
    for (const fn of kids(cls.childForFieldName('body')).filter((f) => f.type === 'function_definition')) {
      if (!HOOKS.has(fn.childForFieldName('name')?.text ?? '')) continue;
      for (const iff of fn.descendantsOfType('if_statement')) {
        if (!iff || !ANON.test(iff.childForFieldName('condition')?.text ?? '')) continue;
        const r = refusalIn(iff, root);
        if (r) out.push({ file, name: cls.childForFieldName('name')!.text, line: line(cls), refusal: r.at, ...(r.exempt ? { exempt: r.exempt } : {}) });
      }
    }
  }
  return out;
}

/** The refusal under the anonymous test and what it leaves out: conditions between are read as exemptions. */
function refusalIn(iff: Node, root: Node): { at: { line: number; text: string }; exempt?: ExemptSource[] } | undefined {
  const cond = iff.childForFieldName('condition')!.text;
  const extra = cond.replace(ANON, '').replace(/^\s*(and\s+)?|\s*(and\s*)?$/g, '');
  const exempt: ExemptSource[] = [];
  if (extra) exempt.push(...namesRead(extra, root));
  const walk = (block: Node | null, depth: number): { line: number; text: string } | undefined => {
    for (const st of kids(block)) {
      if (REFUSE.test(st.text)) return { line: line(st), text: st.text.split('\n')[0].slice(0, 100) };
      if (st.type === 'if_statement' && depth < 2) {
        const r = walk(st.childForFieldName('consequence'), depth + 1);
        if (r) {
          exempt.push(...namesRead(st.childForFieldName('condition')?.text ?? '', root));
          return r;
        }
      }
    }
    return undefined;
  };
  const at = walk(iff.childForFieldName('consequence'), 0);
  if (!at) return undefined;
  return { at, ...(exempt.length ? { exempt } : {}) };
}

/** A condition that lets some paths through: the module-level lists it reads, else unread. */
function namesRead(cond: string, root: Node): ExemptSource[] {
  const out: ExemptSource[] = [];
  for (const name of new Set(cond.match(/\b[A-Z][A-Z0-9_]+\b/g) ?? [])) {
    const l = moduleList(root, name);
    if (l) out.push(...l);
  }
  return out.length ? out : [{ unread: cond.slice(0, 80) }];
}

/** `MIDDLEWARE = [...]` (or `= NAME`, a list of the same module) in a settings module. */
export function middlewareSetting(root: Node, file: string, resolve: (spec: string) => string | undefined): MiddlewareSetting | undefined {
  const lists = new Map<string, Node>();
  let found: MiddlewareSetting | undefined;
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left')?.text ?? '';
    let right = a.childForFieldName('right');
    if (right?.type === 'list' || right?.type === 'tuple') lists.set(left, right);
    if (left !== 'MIDDLEWARE' && left !== 'MIDDLEWARE_CLASSES') continue;
    if (right?.type === 'identifier') right = lists.get(right.text) ?? null;
    if (right?.type !== 'list' && right?.type !== 'tuple') continue;
    const names = kids(right).map((e) => stringValue(e)).filter((s): s is string => !!s);
    found = { file, line: line(st), names: names.map((text) => ({ text, name: text.split('.').pop()!, file: resolve(text.split('.').slice(0, -1).join('.')) })) };
  }
  return found;
}

/** String lists a settings module assigns (`LOGIN_EXEMPT_URLS = (rf"^{URL_PREFIX}static/", …)`, `+=` included). */
export function settingLists(root: Node): Record<string, string[]> {
  const out = dict<string[]>();
  for (const st of root.descendantsOfType('expression_statement')) {
    const a = st?.namedChild(0);
    if (!a || (a.type !== 'assignment' && a.type !== 'augmented_assignment')) continue;
    const left = a.childForFieldName('left')?.text ?? '';
    const right = a.childForFieldName('right');
    if (!/^[A-Z][A-Z0-9_]*$/.test(left) || (right?.type !== 'list' && right?.type !== 'tuple')) continue;
    const items = kids(right).map(rawString);
    if (!items.length || items.some((s) => s === undefined)) continue;
    out[left] = [...(a.type === 'augmented_assignment' ? (out[left] ?? []) : []), ...(items as string[])];
  }
  return out;
}

/**
 * The middleware's verdict for one route path: a guard when no exemption lets the path through,
 * `unknown` (why) when an exemption we could not read might, undefined when one does.
 */
export function loginMiddlewareGuard(mw: LoginMiddleware, routePath: string, lists: Record<string, string[]>, settings: ReadonlyMap<string, string | boolean>): Guard | { unknown: string } | undefined {
  // Django matches path_info without its leading slash here; a parameter stands for a value.
  const path = routePath.replace(/^\//, '').replace(/:\w+/g, '1').replace(/\*/g, 'x');
  let unread: string | undefined;
  const matches = (re: string): boolean | undefined => {
    // An interpolated setting we cannot read is read as empty: the URL prefix the URL conf was read with.
    const src = re.replace(/\u0000(\w+)\u0000/g, (_m, k: string) => (typeof settings.get(k) === 'string' ? String(settings.get(k)) : '')).replace(/\(\?P</g, '(?<');
    try {
      // Routes are written without their trailing slash; Django's path may have one.
      const r = new RegExp(`^(?:${src})`);
      return r.test(path) || r.test(`${path}/`);
    } catch {
      return undefined;
    }
  };
  for (const x of mw.exempt ?? []) {
    if ('regex' in x) {
      const m = matches(x.regex);
      if (m) return undefined;
      if (m === undefined) unread ??= x.regex;
    } else if ('setting' in x) {
      const l = lists[x.setting];
      if (!l) unread ??= `settings.${x.setting}`;
      else for (const re of l) {
        const m = matches(re);
        if (m) return undefined;
        if (m === undefined) unread ??= re;
      }
    } else if ('loginUrl' in x) {
      const v = settings.get('LOGIN_URL');
      if (typeof v === 'string' ? matches(v.replace(/^\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : /(^|\/)(accounts\/)?log_?in\b/.test(path)) return undefined;
    } else unread ??= x.unread;
  }
  if (unread) return { unknown: `${mw.name} (${mw.file}:${mw.line}) turns anonymous callers away unless an exemption it reads lets the path through, and ${unread} could not be read` };
  return {
    name: mw.name,
    kind: 'authentication',
    reason: `${mw.name} in MIDDLEWARE (${mw.file}:${mw.line}) turns anonymous callers away${mw.exempt ? ' and no exemption it reads matches this path' : ''}`,
    file: mw.file,
    line: mw.line,
    evidence: { how: 'redirects or refuses an anonymous caller', text: mw.refusal.text, file: mw.file, line: mw.refusal.line },
  };
}

/**
 * Puts the login middleware every MIDDLEWARE setting lists before each Django route it does not
 * exempt. Listed by some settings modules only: which one runs is not read, so the routes it would
 * guard are unknown, never unguarded.
 */
export function applyLoginMiddleware(entries: EntryPoint[], facts: Pick<DjangoFacts, 'loginMiddlewares' | 'middleware' | 'settingLists'>, settings: ReadonlyMap<string, string | boolean>): void {
  const defs = facts.middleware ?? [];
  for (const mw of facts.loginMiddlewares ?? []) {
    const listing = defs.filter((d) => d.names.some((n) => n.file === mw.file && n.name === mw.name));
    if (!listing.length) continue;
    const partial = listing.length < defs.length ? defs.find((d) => !listing.includes(d)) : undefined;
    for (const e of entries) {
      if (e.kind !== 'http') continue;
      const v = loginMiddlewareGuard(mw, e.path, facts.settingLists ?? dict(), settings);
      if (!v) continue;
      const open = e.guardState === 'unguarded' || e.guardState === 'optional' || (!e.guardState && isPublic(e.guards));
      if ('unknown' in v || partial) {
        if (!open) continue;
        e.guardState = 'unknown';
        e.guardReason = 'unknown' in v ? v.unknown : `${mw.name} is in MIDDLEWARE at ${listing[0].file}:${listing[0].line} but not at ${partial!.file}:${partial!.line}; which settings run is not read`;
        e.public = false;
        continue;
      }
      e.guards = [...e.guards, v];
      e.public = false;
      // A state decided before (open, optional, unknown) gives way: the middleware refuses first.
      delete e.guardState;
      delete e.guardReason;
    }
  }
}

const DJANGO_LOGIN_REQUIRED = 'django.contrib.auth.middleware.LoginRequiredMiddleware';
const NOT_REQUIRED = /\blogin_not_required\b/;

/**
 * Django 5.1's own LoginRequiredMiddleware: every view needs a signed-in user unless it is marked
 * `@login_not_required` (a function's decorator, a class's or its method's `method_decorator`).
 * A route whose view we cannot see (a package's) is unknown when nothing else guards it.
 */
export function applyDjangoLoginRequired(entries: EntryPoint[], facts: Pick<DjangoFacts, 'middleware' | 'funcs' | 'classes'>): void {
  const defs = facts.middleware ?? [];
  const listing = defs.filter((d) => d.names.some((n) => n.text === DJANGO_LOGIN_REQUIRED));
  if (!listing.length) return;
  const partial = listing.length < defs.length;
  const at = `${listing[0].file}:${listing[0].line}`;
  const marked = (loc: NonNullable<EntryPoint['handlerLocation']>): boolean => {
    const f = facts.funcs.find((x) => x.file === loc.file && x.range.start === loc.range.start);
    if (f) return f.decorators.some((d) => NOT_REQUIRED.test(d.text));
    const [cls, method] = loc.symbol.split('.');
    const c = facts.classes.find((x) => x.file === loc.file && x.name === cls);
    return !!c && (c.decorators.some((d) => NOT_REQUIRED.test(d.text)) || !!c.methods[method ?? '']?.decorators.some((d) => NOT_REQUIRED.test(d.text)));
  };
  for (const e of entries) {
    if (e.kind !== 'http' || (e.handlerLocation && marked(e.handlerLocation))) continue;
    const open = e.guardState === 'unguarded' || e.guardState === 'optional' || (!e.guardState && isPublic(e.guards));
    if (!e.handlerLocation || partial) {
      if (!open) continue;
      e.guardState = 'unknown';
      e.guardReason = partial ? `LoginRequiredMiddleware is in MIDDLEWARE at ${at} but not in every settings module's; which runs is not read` : `LoginRequiredMiddleware (MIDDLEWARE at ${at}) guards it unless its view, out of sight, is marked login_not_required`;
      e.public = false;
      continue;
    }
    e.guards = [...e.guards, { name: 'LoginRequiredMiddleware', kind: 'authentication', reason: `django.contrib.auth LoginRequiredMiddleware in MIDDLEWARE (${at}); the view is not marked @login_not_required`, file: listing[0].file, line: listing[0].line }];
    e.public = false;
    delete e.guardState;
    delete e.guardReason;
  }
}

// NestJS guard classes read by their code, as Express middleware is (interp/guardEval.ts): a class
// with `canActivate(context)` guards a route only when an anonymous request can reach a refusal in
// it (returns false, throws Unauthorized/Forbidden/HttpException 401/403), or when it hands the
// request to a guard that does (`super.canActivate` of passport's `AuthGuard('jwt')`). One that
// lets every request without a header or identity through before refusing anything is no guard,
// whatever its name. Passport strategies are read too: `AuthGuard('google')` over a strategy built
// on an OAuth/OpenID redirect package starts a login, it refuses nobody.
import type { Node } from 'web-tree-sitter';
import { all, callArgs, kids, line, stringValue } from './treeUtil';
import { readMetadataSkips, type MetaSkip } from './nestMetadataSkip';
import { readsOnlyRouteParams } from './nestParamGuards';
import { table } from '../ownKeys';
import { handsCredential, itemPasswordGate, newGateScope, noteItem, type GateScope } from './nestItemGates';
import { requestEcho } from './nestRequestEcho';

export interface NestGuardDef {
  /** The class's name, or the factory function's that makes it (`OAuthCallbackGuard(strategy)` returning `mixin(Class)`). */
  names: string[];
  file: string;
  line: number;
  /** What an anonymous request meets in its code. */
  outcome: 'refuses' | 'passes' | 'delegates';
  /** `refuses`: 401 (authentication) or 403 (authorization), when a thrown error says; a `false` returned says neither. */
  how?: '401' | '403';
  /** The parent class's text, for `delegates` (`AuthGuard('jwt')`). */
  parent?: string;
  /** What was read, for the guard's reason. */
  why: string;
  /** Route metadata its canActivate lets through before anything else (`if (isPublic) return true`; nestMetadataSkip.ts). */
  skips?: MetaSkip[];
  /** `passes`, but hands on the caller it found: passport's handleRequest returning the user (nestCallerReads.ts). */
  identity?: boolean;
}

export interface NestStrategyDef {
  /** The name passport knows it by (`PassportStrategy(Strategy, 'google')`), or the package's default. */
  name?: string;
  /** The package its Strategy class is imported from. */
  pkg: string;
  file: string;
  line: number;
}

/** Packages whose strategy sends the browser to an identity provider: a login flow, not a guard. */
export const REDIRECT_STRATEGY = /^(@[\w.-]+\/)?passport-(oauth2?|google-oauth(20|2)?|openidconnect|openid|github2?|gitlab2|facebook|twitter|microsoft|azure-ad|auth0|discord|apple|linkedin-oauth2|slack(-oauth2)?|saml|okta-oauth|keycloak-oauth2-oidc)$|^@node-saml\/passport-saml$|^openid-client(\/passport)?$/;

/** The name passport knows a strategy by when `PassportStrategy(Strategy)` gives none: its package's own. */
const DEFAULT_STRATEGY_NAME = table({
  'passport-local': 'local', 'passport-jwt': 'jwt', 'passport-http-bearer': 'bearer', 'passport-github2': 'github', 'passport-github': 'github',
  'passport-google-oauth20': 'google', 'passport-google-oauth2': 'google', 'passport-microsoft': 'microsoft', 'passport-facebook': 'facebook',
  'passport-twitter': 'twitter', 'passport-discord': 'discord', 'passport-gitlab2': 'gitlab', 'passport-linkedin-oauth2': 'linkedin',
  'passport-oauth2': 'oauth2', 'passport-openidconnect': 'openidconnect', 'passport-auth0': 'auth0', 'passport-saml': 'saml', '@node-saml/passport-saml': 'saml',
  'passport-oauth2-client-password': 'oauth2-client-password',
});

/**
 * Packages whose strategy checks the credentials of a sign-in (a login form's user and password): the way in, not a guard on it.
 * passport-oauth2-client-password checks an OAuth client's id and secret at the token endpoint, where they are exchanged for a token.
 */
export const SIGN_IN_STRATEGY = /^passport-(local|oauth2-client-password)$/;

/** `handleRequest(err, user) { return user; }`: what passport sets as request.user is the caller it found, or nothing. */
function returnsUser(handle: Node): boolean {
  const params = kids(handle.childForFieldName('parameters')).map((p) => (p.childForFieldName('pattern') ?? p).text);
  return all(handle, 'return_statement').some((r) => {
    const v = r.namedChildren[0]?.text;
    return !!v && params.slice(1).includes(v);
  });
}

/** What names a request's credential or caller: a test of its absence lets anonymous requests through. */
const CREDENTIAL = /headers?\b|header\(|cookies?\b|authorization|token|api_?key|apikey|credential|session|\buser\b|principal|identity|bearer|jwt/i;
const AUTH_THROW = /Unauthori[sz]ed|Forbidden|\b40[13]\b|UNAUTHORI[SZ]ED|FORBIDDEN/;

/** Guard classes and passport strategies of one file. */
export function findNestGuardDefs(root: Node, file: string, text: string): { guards: NestGuardDef[]; strategies: NestStrategyDef[] } {
  const guards: NestGuardDef[] = [];
  const strategies: NestStrategyDef[] = [];
  if (!/canActivate|AuthGuard|PassportStrategy|NestMiddleware|MiddlewareInterface/.test(text)) return { guards, strategies };
  for (const cls of all(root, ['class_declaration', 'class'])) {
    const name = cls.childForFieldName('name')?.text;
    const heritage = kids(cls).find((k) => k.type === 'class_heritage');
    const ext = heritage ? kids(heritage).find((k) => k.type === 'extends_clause') : undefined;
    const parent = ext?.namedChildren[0];
    const parentText = parent?.text ?? '';
    if (/^PassportStrategy\s*\(/.test(parentText) && parent?.type === 'call_expression') {
      const args = callArgs(parent);
      const pkg = importSource(root, args[0]?.text.split('.')[0] ?? '');
      if (pkg) strategies.push({ name: args[1] ? stringValue(args[1]) : DEFAULT_STRATEGY_NAME[pkg], pkg, file, line: line(cls) });
      continue;
    }
    const methods = kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_definition');
    const can = methods.find((m) => m.childForFieldName('name')?.text === 'canActivate');
    const handle = methods.find((m) => m.childForFieldName('name')?.text === 'handleRequest');
    const names = [name, factoryName(cls)].filter((n): n is string => !!n);
    if (!names.length) continue;
    const at = { names, file, line: line(cls) };
    const use = methods.find((m) => m.childForFieldName('name')?.text === 'use');
    // routing-controllers' middleware classes implement (Express|Koa)MiddlewareInterface.
    if (!can && use && /\b(NestMiddleware|ExpressMiddlewareInterface|KoaMiddlewareInterface)\b/.test(heritage?.text ?? '')) {
      const body = use.childForFieldName('body');
      const o = body ? readBlock(kids(body), new Set(), 'middleware') : undefined;
      // A middleware that neither calls next() nor refuses in a way we read: we cannot tell.
      guards.push({ ...at, ...(o ?? { outcome: 'delegates', why: 'its use() could not be read' }) });
      continue;
    }
    if (can) {
      const body = can.childForFieldName('body');
      const sc = newGateScope(methods);
      const read = body ? readBlock(kids(body), new Set(), 'guard', sc) : undefined;
      const o = read?.outcome === 'passes' && sc.gates.length ? { ...read, why: `${read.why}; ${sc.gates.map((g) => g.why).join('; ')}` } : read;
      const skips = body ? readMetadataSkips(root, body) : [];
      const on = { ...at, ...(skips.length ? { skips } : {}) };
      const blind = readsNoRequest(can, methods) ?? readsOnlyRouteParams(can, methods);
      if (blind) guards.push({ ...on, outcome: 'passes', why: blind });
      // A credential handed to a call we did not read: unknown (no parent to judge), whatever the class extends.
      else if (o?.outcome === 'delegates') guards.push({ ...on, outcome: 'delegates', parent: o.unread ? undefined : parentText || undefined, why: o.why });
      else if (o) guards.push({ ...on, ...o });
      // Falling off the end of canActivate returns undefined: Nest refuses it (403).
      else guards.push({ ...on, outcome: 'refuses', why: 'canActivate ends without returning true' });
    } else if (/^AuthGuard\s*\(/.test(parentText)) {
      // passport's AuthGuard refuses through handleRequest; one that never throws lets everyone on.
      if (handle && !all(handle, 'throw_statement').length) guards.push({ ...at, outcome: 'passes', why: `handleRequest never throws (${file}:${line(handle)}): a failed or missing login goes on to the route`, parent: parentText, ...(returnsUser(handle) ? { identity: true } : {}) });
      else guards.push({ ...at, outcome: 'delegates', parent: parentText, why: `extends ${parentText}` });
    }
  }
  return { guards, strategies };
}

/**
 * `canActivate()` with no ExecutionContext, in a class given nothing request-scoped (REQUEST, a
 * CLS store, a context): it cannot see who calls, so what it refuses on is the server's state (a
 * setup already done, a mode), the same for every caller — not an authentication or authorization.
 */
function readsNoRequest(can: Node, methods: Node[]): string | undefined {
  if (kids(can.childForFieldName('parameters')).length) return undefined;
  const ctor = methods.find((m) => m.childForFieldName('name')?.text === 'constructor');
  if (/REQUEST|request|Cls|cls|[Cc]ontext|[Ss]ession|[Uu]ser|[Aa]uth/.test(ctor?.childForFieldName('parameters')?.text ?? '')) return undefined;
  if (/\b(request|req|context|ctx)\b|AsyncLocalStorage|getStore\(/.test(can.childForFieldName('body')?.text ?? '')) return undefined;
  return `canActivate() takes no ExecutionContext (line ${line(can)}): it cannot read who calls, so it refuses no caller for being anonymous`;
}

/** `unread`: it hands the request's credential to a call whose code is not read here (unknownAuthCall). */
type Read = Pick<NestGuardDef, 'outcome' | 'how' | 'why'> & { unread?: boolean };

/** A method that checks a credential it is given (`this.authService.authenticate({ headers: request.headers })`). */
const AUTH_CALL = /^(authenticat\w*|authori[sz]e\w*|verify\w*|validate\w*|check\w*)$/i;

/**
 * `request.user = await this.authService.authenticate({ headers: request.headers, … })`: the guard
 * hands the request's credential to a method of another class, which may throw for an anonymous
 * request — we do not read it here, so the guard is unknown, not passing. A call whose failure is
 * caught on the spot (`.catch(…)`) is not.
 */
function unknownAuthCall(s: Node, creds: Set<string>): Read | undefined {
  if (/\.catch\s*\(/.test(s.text)) return undefined;
  for (const c of all(s, 'call_expression')) {
    const fn = c.childForFieldName('function');
    if (fn?.type !== 'member_expression' || !/^this\./.test(fn.text) || !AUTH_CALL.test(fn.childForFieldName('property')?.text ?? '')) continue;
    const args = c.childForFieldName('arguments')?.text ?? '';
    if (CREDENTIAL.test(args) || [...creds].some((v) => new RegExp(`\\b${v.replace(/\$/g, '\\$')}\\b`).test(args))) {
      return { outcome: 'delegates', unread: true, why: `hands the request's credential to ${fn.text}() (line ${line(s)}), whose code is not read here` };
    }
  }
  return undefined;
}
/** A guard's canActivate, or a middleware class's use(req, res, next). */
type Mode = 'guard' | 'middleware';

/** An error that answers 401/403 handed on or thrown, or the status set on the response. */
const MIDDLEWARE_REFUSAL = /\bnext\s*\(\s*new\s+\w*(Unauthori[sz]ed|Forbidden)\w*|\bthrow\s+new\s+\w*(Unauthori[sz]ed|Forbidden)\w*|\.(status|sendStatus)\s*\(\s*(401|403|HttpStatus\.(UNAUTHORIZED|FORBIDDEN))\s*\)/;

/**
 * One statement of a middleware's use(): `next()` lets the request on; a 401/403 in it (thrown,
 * handed to next, or set on the response, also inside a callback such as passport's) refuses.
 */
function readMiddlewareStep(s: Node): Read | undefined {
  const t = s.text.replace(/^return\s+/, '').replace(/;$/, '').trim();
  if (/^next\s*\(\s*\)$/.test(t)) return { outcome: 'passes', why: `calls next() (line ${line(s)}) before refusing anything` };
  const m = MIDDLEWARE_REFUSAL.exec(s.text);
  if (m) return { outcome: 'refuses', how: /Unauthori|401|UNAUTHORI/.test(m[0]) ? '401' : '403', why: `${oneLineOf(m[0])}… (line ${line(s)})` };
  return undefined;
}

/** The first thing an anonymous request meets in these statements, or undefined when it falls through. */
function readBlock(stmts: Node[], creds: Set<string>, mode: Mode = 'guard', sc: GateScope = newGateScope([])): Read | undefined {
  for (const s of stmts) {
    const o = readStatement(s, creds, mode, sc);
    if (o) return o;
  }
  return undefined;
}

function readStatement(s: Node, creds: Set<string>, mode: Mode, sc: GateScope): Read | undefined {
  if (mode === 'middleware' && (s.type === 'expression_statement' || s.type === 'return_statement')) return readMiddlewareStep(s);
  switch (s.type) {
    case 'lexical_declaration':
    case 'variable_declaration':
      for (const d of kids(s).filter((k) => k.type === 'variable_declarator')) {
        const init = d.childForFieldName('value')?.text ?? '';
        if (/super\.canActivate\s*\(/.test(init)) return { outcome: 'delegates', why: `calls super.canActivate (line ${line(s)})` };
        const call = mode === 'guard' ? unknownAuthCall(d, creds) : undefined;
        if (call) return call;
        // `const token = request.headers.authorization`: testing `token` tests the header.
        if (CREDENTIAL.test(init) || [...creds].some((c) => new RegExp(`\\b${c}\\b`).test(init))) for (const n of all(d.childForFieldName('name')!, ['identifier', 'shorthand_property_identifier_pattern'])) creds.add(n.text);
        else noteItem(d, creds, CREDENTIAL, sc);
      }
      return undefined;
    case 'statement_block':
      return readBlock(kids(s), creds, mode, sc);
    case 'return_statement': {
      const e = s.namedChildren[0];
      const t = e?.text.replace(/^await\s+/, '') ?? '';
      if (/super\.canActivate\s*\(/.test(t)) return { outcome: 'delegates', why: `returns super.canActivate (line ${line(s)})` };
      if (t === 'true') return { outcome: 'passes', why: `returns true (line ${line(s)}) before refusing anything` };
      if (t === 'false' || t === '') return { outcome: 'refuses', why: `returns ${t || 'nothing'} (line ${line(s)}): Nest answers 403` };
      const own = mode === 'guard' ? ownMethodReturn(e!, creds, sc) : undefined;
      if (own) return own;
      const echo = mode === 'guard' && e ? requestEcho(e, sc.requests) : undefined;
      if (echo) return { outcome: 'passes', why: echo };
      return { outcome: 'refuses', why: `returns ${oneLineOf(t)} (line ${line(s)}), which may be false: Nest answers 403` };
    }
    case 'throw_statement': {
      const t = s.text;
      if (AUTH_THROW.test(t)) return { outcome: 'refuses', how: /Unauthori|401|UNAUTHORI/.test(t) ? '401' : '403', why: `${oneLineOf(t)} (line ${line(s)})` };
      return undefined;
    }
    case 'try_statement': {
      const body = s.childForFieldName('body');
      const gated = sc.gates.length;
      const o = body ? readBlock(kids(body), creds, mode, sc) : undefined;
      // A refusal in the catch: what the try checks fails for an anonymous request too.
      const handler = s.childForFieldName('handler');
      const c = handler ? readBlock(kids(handler.childForFieldName('body')), creds, mode, sc) : undefined;
      // Past an item's password gate (nestItemGates.ts), with no credential handed on elsewhere: the catch
      // answers the item's lookup failing or the gated check, not an anonymous caller.
      if (o?.outcome === 'passes' && sc.gates.length > gated && c?.outcome === 'refuses' && body && !handsCredential(body, creds, CREDENTIAL, sc)) return o;
      // A call we did not read whose failure the catch swallows lets the request on.
      if (o?.unread) return c?.outcome === 'refuses' ? c : undefined;
      if (o && o.outcome !== 'passes') return o;
      if (c?.outcome === 'refuses') return c;
      return o;
    }
    case 'if_statement': {
      const cond = (s.childForFieldName('condition')?.text ?? '').replace(/^\(([\s\S]*)\)$/, '$1').trim();
      const then = s.childForFieldName('consequence');
      const o = then ? readStatement(then, creds, mode, sc) : undefined;
      const alt = s.childForFieldName('alternative');
      const a = alt ? readBlock(kids(alt), creds, mode, sc) : undefined;
      // The caller's credential asked only of items with a password of their own: read on past it.
      const gate = (o?.outcome === 'refuses' || o?.outcome === 'delegates') && mode === 'guard' ? itemPasswordGate(s.childForFieldName('condition')!, creds, CREDENTIAL, sc) : undefined;
      if (gate) {
        sc.gates.push({ why: gate, node: s });
        return a;
      }
      if (o?.outcome === 'passes' && absence(cond, creds)) return { outcome: 'passes', why: `lets requests through when ${oneLineOf(cond)} (line ${line(s)}): it refuses only requests that carry it` };
      // `if (!token) throw new BadRequestException(…)`: whatever a guard throws stops the request, and
      // here it is thrown for the missing credential — the anonymous request is refused (not 401/403).
      const thrown = !o && mode === 'guard' && then ? firstThrow(then) : undefined;
      if (thrown && absence(cond, creds)) return { outcome: 'refuses', why: `${oneLineOf(thrown.text)} (line ${line(thrown)}), when ${oneLineOf(cond)}` };
      if (o?.outcome === 'refuses' && !presence(cond, creds)) return { ...o, why: `${o.why}, when ${oneLineOf(cond)}` };
      if (o?.outcome === 'delegates') return o;
      // A pass under any other condition (another method, a route's metadata) or a refusal only of
      // a credential that was given: the request goes on to what follows.
      if (a && a.outcome !== 'passes') return a;
      return undefined;
    }
    default: {
      if (/super\.canActivate\s*\(/.test(s.text)) return { outcome: 'delegates', why: `calls super.canActivate (line ${line(s)})` };
      // `throwHTTPErr({ message, statusCode: 401 })`: a helper named to throw, handed a 401/403, throws one.
      if (mode === 'guard' && throwingCall(s) && AUTH_THROW.test(s.text)) return { outcome: 'refuses', how: /Unauthori|401|UNAUTHORI/.test(s.text) ? '401' : '403', why: `${oneLineOf(s.text)} (line ${line(s)})` };
      return mode === 'guard' && s.type === 'expression_statement' ? unknownAuthCall(s, creds) : undefined;
    }
  }
}

/**
 * `return this.validate(context, shareId)`, a method of the guard's own class: what its body meets is what
 * canActivate returns (a parameter handed a credential is one). Two levels down at most.
 */
function ownMethodReturn(e: Node, creds: Set<string>, sc: GateScope): Read | undefined {
  const call = e.type === 'await_expression' ? e.namedChildren[0] : e;
  const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
  const name = fn?.type === 'member_expression' && fn.childForFieldName('object')?.type === 'this' ? fn.childForFieldName('property')?.text : undefined;
  const m = name && name !== 'canActivate' && sc.depth < 2 ? sc.methods.find((x) => x.childForFieldName('name')?.text === name) : undefined;
  const body = m?.childForFieldName('body');
  if (!m || !body || !call) return undefined;
  const inner = new Set<string>();
  const params = kids(m.childForFieldName('parameters')).map((p) => (p.childForFieldName('pattern') ?? p).text);
  callArgs(call).forEach((a, i) => {
    if (params[i] && (CREDENTIAL.test(a.text) || creds.has(a.text))) inner.add(params[i]);
  });
  // The gates it passes over are the caller's too (one list).
  const o = readBlock(kids(body), inner, 'guard', { ...sc, items: new Set(sc.items), depth: sc.depth + 1 });
  if (!o) return { outcome: 'refuses', why: `returns this.${name}() (line ${line(e)}), which ends without returning true: Nest answers 403` };
  return { ...o, why: `returns this.${name}() (line ${line(e)}), which ${o.why}` };
}

/** The throw a branch starts with (`throw …` or `{ throw …; }`, or a call of a helper named to throw). */
function firstThrow(n: Node): Node | undefined {
  const first = n.type === 'statement_block' ? n.namedChildren.find((k) => k && k.type !== 'comment') : n;
  return first?.type === 'throw_statement' || (first && throwingCall(first)) ? first : undefined;
}

/** A helper whose name says it throws (`throwHTTPErr(…)`, `raiseForbidden(…)`), called as a statement: it ends the request. */
const THROWING_HELPER = /^(?:this\.)?(?:[\w$]+\.)*(throw|raise)[A-Z_]\w*$/;

function throwingCall(s: Node): boolean {
  const e = s.type === 'expression_statement' ? s.namedChildren[0] : undefined;
  const call = e?.type === 'await_expression' ? e.namedChildren[0] : e;
  return call?.type === 'call_expression' && THROWING_HELPER.test(call.childForFieldName('function')?.text ?? '');
}

const conjuncts = (cond: string): string[] => cond.split(/\s*\|\|\s*/)[0].split(/\s*&&\s*/);

/** `!request.headers[X]`, `!token`, `token == null`: the request carries no credential. */
function absence(cond: string, creds: Set<string>): boolean {
  if (/\|\|/.test(cond) && cond.split(/\s*\|\|\s*/).every((c) => absence(c, creds))) return true;
  if (/&&/.test(cond)) return false;
  const m = /^!\s*\(?([\s\S]+?)\)?$/.exec(cond) ?? /^([\s\S]+?)\s*(===?\s*(undefined|null)|==\s*null)$/.exec(cond);
  return !!m && names(m[1], creds);
}

/** `token && …`, `request.headers.authorization`: refused only when a credential was given. */
function presence(cond: string, creds: Set<string>): boolean {
  const first = conjuncts(cond)[0].replace(/^\(|\)$/g, '');
  if (/[!=<>]/.test(first.replace(/\?\./g, '.').replace(/=>/g, ''))) return /^([\w$.?[\]()'"`]+)\s*!==?\s*(undefined|null)$/.test(first) && names(first, creds);
  return names(first, creds);
}

function names(expr: string, creds: Set<string>): boolean {
  return CREDENTIAL.test(expr) || [...creds].some((c) => new RegExp(`^${c.replace(/\$/g, '\\$')}\\b`).test(expr.trim()));
}

/** The function that makes the class, when it returns it (`mixin(Class)` or the class itself). */
function factoryName(cls: Node): string | undefined {
  for (let p = cls.parent; p; p = p.parent) {
    if (p.type === 'function_declaration') return p.childForFieldName('name')?.text;
    if (p.type === 'arrow_function' || p.type === 'function_expression') return p.parent?.type === 'variable_declarator' ? p.parent.childForFieldName('name')?.text : undefined;
    if (p.type === 'class_body') return undefined;
  }
  return undefined;
}

/** The module a name is imported from in this file. */
function importSource(root: Node, name: string): string | undefined {
  if (!name) return undefined;
  for (const imp of kids(root).filter((k) => k.type === 'import_statement')) {
    const clause = kids(imp).find((k) => k.type === 'import_clause');
    if (!clause) continue;
    // The names the file uses: `{ Strategy as Base }` binds `Base`, not `Strategy`.
    const local = [...kids(clause).filter((k) => k.type === 'identifier'), ...all(clause, ['namespace_import']).flatMap((n) => all(n, ['identifier'])), ...all(clause, ['import_specifier']).map((s) => s.childForFieldName('alias') ?? s.childForFieldName('name')!)];
    if (!local.some((i) => i?.text === name)) continue;
    return stringValue(imp.childForFieldName('source'));
  }
  return undefined;
}

function oneLineOf(t: string): string {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}

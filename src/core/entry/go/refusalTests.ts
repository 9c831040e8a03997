// The tests a refusal in a Go body sits under (bodies.ts): whether the `if` (or switch case) around
// it reads a caller's credential, so that the refusal is a required check of the caller, and
// whether it is a CSRF comparison, whose refusal turns away a forged form rather than a caller.
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';
import { isCredential, offeredOnly } from './credentialWords';
import { CSRF, LOOKUP } from './softChecks';
import { statements } from './goStatements';
import { requestFreeTest } from './requestFree';

/** A boolean switch of a configuration object (`x.PasswordAuth.Enabled`, `h.config.Security.DisableWebAuthn`), as a field path of its own. */
const SWITCH_FIELD = /[\w.]+\.(?:Enabled|Disabled|(?:Disable|Enable)[A-Z]\w*)\b(?!\s*\()/g;

/**
 * The `if` around a refusal reads a credential, directly or through the statement before it
 * (`x, err := verify(tok); if err != nil`). A lookup by a name that is no credential checks nobody,
 * whatever the names it binds say (`authProvider, err := m.FindProvider(name)`). A
 * refusal inside `if username != "" { … }` refuses only a caller who offers one: whoever offers
 * none goes on, so it is no required check (a sign-in that looks the name up, a passkey's begin).
 */
export function credentialCondition(n: Node): boolean {
  if (offeredOnly(n)) return false;
  let tested = false;
  for (let p: Node | null = n; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return false;
    // A `switch` case tests like an `if`: `switch user { case nil: … }` is `user == nil`,
    // `switch { case !user.Admin: … }` its own test.
    const sw = p.type === 'expression_case' ? p.parent : null;
    const test = p.type === 'if_statement' ? p : sw?.type === 'expression_switch_statement' ? sw : null;
    if (test && testReadsCredential(test, p, sw)) return true;
    // What follows `if u != nil && u.ID > 0 { return nil }` runs only when the test failed: it sits under that test too —
    // unless a nearer test decides it (`if limiter.IsPass(ip) {…} else { 403 }` after an admin's early pass is the limiter's).
    if (test || p.type === 'expression_case' || p.type === 'default_case') tested = true;
    for (let s = p.previousNamedSibling, i = 0; !tested && s && i < 8 && (p.parent?.type === 'block' || p.parent?.type === 'statement_list'); s = s.previousNamedSibling, i++) {
      if (s.type === 'if_statement' && !s.childForFieldName('alternative') && endsInReturn(s.childForFieldName('consequence')) && testReadsCredential(s, s, null)) return true;
    }
  }
  return false;
}

/**
 * Under a test of an error kind naming a refusal (`case model.IsErrUnauthorized(err):`): a shared responder
 * mapping the error it is handed to a status, whose refusal is the caller's when a credential test ends in it.
 */
export function underStatusKind(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return false;
    const cond = p.type === 'if_statement' ? p.childForFieldName('condition')?.text : p.type === 'expression_case' ? p.childForFieldName('value')?.text : undefined;
    if (cond && new RegExp(STATUS_KIND.source).test(cond)) return true;
  }
  return false;
}

/** A test of where the caller connects from: a unix-socket connection, a loopback address. */
const ORIGIN = /\*net\.UnixConn\b|\.IsLoopback\(\)/;

/** An identifier naming an error kind or status of refusal: `ErrUnauthorized`, `IsErrUnauthorized`, `StatusUnauthorized`, `UnauthenticatedError`. */
const STATUS_KIND = /\b\w*(?:Err|Status|Code)\w*Un(?:authori[sz]ed|authenticated)\w*|\b\w*Un(?:authori[sz]ed|authenticated)\w*(?:Err|Error|Exception)\b/g;

/** Whether a block's last statement returns. */
function endsInReturn(block: Node | null): boolean {
  const sts = statements(block);
  return sts[sts.length - 1]?.type === 'return_statement';
}

/** The test of an `if` (or a switch's case `p`) reads a credential, or the statement before it does. */
function testReadsCredential(test: Node, p: Node, sw: Node | null): boolean {
  // A test of what calls given nothing of the request answer (an installed plugin's switch) refuses every caller alike.
  if (p.type === 'if_statement' && requestFreeTest(p)) return false;
  const init = test.childForFieldName('initializer')?.text ?? '';
  const tag = sw?.childForFieldName('value')?.text;
  const cases = p.type === 'expression_case' ? (p.childForFieldName('value')?.text ?? '') : '';
  const cond = p.type === 'if_statement' ? (p.childForFieldName('condition')?.text ?? '') : tag ? `${tag} == ${cases}` : cases;
  // `!collection.PasswordAuth.Enabled`: whether a sign-in method is switched on reads no caller's credential.
  // `case model.IsErrUnauthorized(err):`, `errors.Is(err, ErrUnauthorized)`: the name of an error kind or status (a shared
  // responder choosing its status from the error it is handed) says what answer to give, it reads no caller's credential.
  const read = cond.replace(SWITCH_FIELD, '').replace(STATUS_KIND, '');
  if (isCredential(read) || isCredential(init)) return true;
  // Where the caller connects from (`if _, isUnix := conn.(*net.UnixConn); !isUnix { 401 }`, `!ip.IsLoopback()`): only local callers pass.
  if (ORIGIN.test(read) || ORIGIN.test(init)) return true;
  const prev = test.previousNamedSibling;
  if (/\berr\b/.test(cond) && prev && readsCredential(prev)) return true;
  // Also a credential read a few statements before (`token := r.Header.Get(…)`); not the
  // call's error, which the statement just before answers for.
  let s = prev;
  for (let i = 0; s && i < 3; i++, s = s.previousNamedSibling) {
    // `req := &schema.UserVerifyEmailReq{}`: an empty value the function makes names a type, it reads no credential.
    if (emptyLiteral(s)) continue;
    // `enabled := setting.GetBool(conf.PasskeyLoginEnabled)`: a feature switch read into a local names a sign-in method, it reads no credential.
    if (switchRead(s)) continue;
    const names = (s.type === 'short_var_declaration' ? s.childForFieldName('left')?.text : '') ?? '';
    const bound = names.split(',').map((v) => v.trim()).filter((v) => v && v !== 'err' && v !== '_');
    if (bound.length && isCredential(s.text) && bound.some((v) => new RegExp(`\\b${v}\\b`).test(read))) return true;
  }
  return false;
}

/** A local bound from one setting named as a switch: `setting.GetBool(conf.WebauthnLoginEnabled)`, `cfg.Auth.SSO.Enabled`. */
const SWITCH_READ = /^(?:[\w.]+\(\s*[\w.]*(?:Enabled|Disabled)\s*\)|[\w.]+\.(?:Enabled|Disabled|(?:Disable|Enable)[A-Z]\w*))$/;

function switchRead(s: Node): boolean {
  if (s.type !== 'short_var_declaration') return false;
  const right = kids(s.childForFieldName('right'));
  return right.length === 1 && SWITCH_READ.test(right[0].text);
}

/** `x := &T{}` / `x := T{}`: a value made empty here. */
function emptyLiteral(s: Node): boolean {
  if (s.type !== 'short_var_declaration') return false;
  let v: Node | null | undefined = kids(s.childForFieldName('right'))[0];
  if (v?.type === 'unary_expression' && v.text.startsWith('&')) v = v.namedChildren[0];
  return v?.type === 'composite_literal' && kids(v.childForFieldName('body')).length === 0;
}

/** The request a handler is given, as handlers name it (`r`, `req`, gin/echo's `c`, `c.Request`). */
const REQUEST = /^(?:r|req|request|c|\w+\.Request(?:\(\))?)$/;

/** What a statement before an `err` test checks: a lookup by a name that is no credential checks nothing, whatever it binds; else all of it. */
function readsCredential(s: Node): boolean {
  const value = s.type === 'short_var_declaration' || s.type === 'assignment_statement' ? kids(s.childForFieldName('right'))[0] : undefined;
  if (value?.type !== 'call_expression') return isCredential(s.text);
  const fn = value.childForFieldName('function');
  const args = kids(value.childForFieldName('arguments'));
  // A method, or a function of the package not handed the request (`_, oauth, err := getOidcProvider(pid, ctx, next)`:
  // a sign-in provider's settings found by the name in the path; `token, err := getBearer(r)` reads the request), its
  // name read as exported: a lookup by what is no credential.
  const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text ?? '' : fn?.type === 'identifier' && !args.some((a) => REQUEST.test(a.text)) ? fn.text : '';
  const method = name.charAt(0).toUpperCase() + name.slice(1);
  if (LOOKUP.test(method) && !isCredential(method)) return args.some((a) => isCredential(a.text));
  // What it binds counts otherwise: `claims, err := v.Verify(raw)` verifies a credential.
  return isCredential(s.text);
}

/**
 * Inside an `if` (of the same function) whose test is a CSRF comparison, or the error of a CSRF
 * check made just before (`err = token.CheckCsrf(r, fn); if err != nil { 401 }`): a mismatch
 * refuses a forged form, not a caller.
 */
export function underCsrfTest(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return false;
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition')?.text ?? '';
    if (CSRF.test(cond) || (/\berr\b/.test(cond) && CSRF.test(p.childForFieldName('initializer')?.text ?? ''))) return true;
    if (testsCsrfValue(p, cond)) return true;
    let prev = p.previousNamedSibling;
    while (prev?.type === 'comment') prev = prev.previousNamedSibling;
    if (/\berr\b/.test(cond) && (prev?.type === 'assignment_statement' || prev?.type === 'short_var_declaration') && /\berr\b/.test(prev.childForFieldName('left')?.text ?? '') && CSRF.test(prev.childForFieldName('right')?.text ?? '')) return true;
  }
  return false;
}

/**
 * `token := c.Input.Query("_xsrf"); …; if token == "" { 403 }`: the name tested for emptiness was bound,
 * earlier in the same block, from a CSRF field (beego's XSRF check in a controller's Prepare): the missing
 * half of a CSRF comparison (`if xsrfToken != token`, already one by its name).
 */
function testsCsrfValue(test: Node, cond: string): boolean {
  // Only a missing token (`token == ""`): a test of the token's worth (syncthing's `!m.validToken(token)`) may be the guard itself.
  const m = /^\s*(\w+)\s*==\s*""\s*$/.exec(cond);
  if (!m) return false;
  cond = m[1];
  for (let s = test.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type !== 'short_var_declaration' && s.type !== 'assignment_statement') continue;
    const names = (s.childForFieldName('left')?.text ?? '').split(',').map((v) => v.trim()).filter((v) => /^\w+$/.test(v) && v !== '_' && v !== 'err');
    if (CSRF.test(s.childForFieldName('right')?.text ?? '') && names.some((v) => new RegExp(`\\b${v}\\b`).test(cond))) return true;
  }
  return false;
}

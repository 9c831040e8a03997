// A handler that answers with the error it returns (`func(app *App, w http.ResponseWriter, r *http.Request) error`,
// writefreely's `handler.All(newPost)`): the wrapper writes the status the error carries. Returning a
// package error declared with 401/403 (`ErrNotLoggedIn = impart.HTTPError{http.StatusUnauthorized, "Not logged in."}`)
// under a credential test (`if userID == -1 { return ErrNotLoggedIn }`) refuses the caller as surely as
// writing 401 in place; so does one whose own message says a credential is required, whatever its status
// (`ErrNoAccessToken = impart.HTTPError{http.StatusBadRequest, "Authorization token required."}`), as a
// missing credential's 400 does in missingCredential.ts. The variable is in another file of the package:
// each file records its status errors by name, each function the error variables it returns, and the
// verdict joins them once every file is in (verdict.ts judgeHandler).
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line } from '../treeUtil';
import { takesRequest } from './packageFuncs';
import { statements, enclosingFn } from './goStatements';
import { credentialCondition } from './refusalTests';
import type { GoFileFacts } from './types';
import { readableCondsAbove, type SettingCond } from './configValues';
import { dict } from '../../ownKeys';

const UNAUTHORIZED = /StatusUnauthorized|\b401\b/;
const FORBIDDEN = /StatusForbidden|\b403\b/;
/** A client error whose message says the request lacks a credential ("Authorization token required."). */
const CLIENT_ERROR = /Status(BadRequest|NotFound|PreconditionFailed)\b|\b4\d\d\b/;
const NEEDS_CREDENTIAL = /"[^"]*\b(token|auth\w*|log(ged)? ?in|session|credentials?|api ?key)\b[^"]*\brequired\b[^"]*"|"[^"]*\b(required|missing)\b[^"]*\b(token|authorization|credentials?|api ?key)\b[^"]*"/i;

/** `var ErrNotLoggedIn = impart.HTTPError{http.StatusUnauthorized, "…"}` at package level: name → the status it answers. */
export function statusErrVar(spec: Node, facts: GoFileFacts): void {
  for (let p = spec.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return;
  const names = spec.childrenForFieldName('name').filter((x): x is Node => !!x);
  const values = kids(spec.childForFieldName('value'));
  names.forEach((name, i) => {
    const v = values[i];
    if (v?.type !== 'composite_literal' && v?.type !== 'call_expression') return;
    const status = UNAUTHORIZED.test(v.text) ? '401' : FORBIDDEN.test(v.text) ? '403' : CLIENT_ERROR.test(v.text) && NEEDS_CREDENTIAL.test(v.text) ? 'a client error saying a credential is required' : undefined;
    if (status) (facts.statusErrs ??= dict())[name.text] = status;
  });
}

/**
 * `func NotSignedIn() *Error { return New(CodeNotSignedIn, http.StatusUnauthorized, "…") }` at package level: a
 * constructor of an error answering 401/403, recorded as `NotSignedIn()` → the status (pocket-id's apperror package);
 * a function returning it under a credential test (`return "", apperror.NotSignedIn()`) gives it as `dir#NotSignedIn()`.
 * Only a function taking nothing whose one statement returns one value: a constructor handed the status decides nothing.
 */
export function statusErrCtor(fn: Node, facts: GoFileFacts): void {
  if (fn.type !== 'function_declaration' || kids(fn.childForFieldName('parameters')).length) return;
  const body = statements(fn.childForFieldName('body'));
  const vals = body.length === 1 && body[0].type === 'return_statement' ? kids(kids(body[0])[0]) : [];
  const v = vals.length === 1 ? (vals[0].type === 'unary_expression' ? vals[0].namedChildren[0] : vals[0]) : undefined;
  if (v?.type !== 'call_expression' && v?.type !== 'composite_literal') return;
  const status = UNAUTHORIZED.test(v.text) ? '401' : FORBIDDEN.test(v.text) ? '403' : undefined;
  if (status) (facts.statusErrs ??= dict())[`${fn.childForFieldName('name')!.text}()`] = status;
}

export interface ErrReturn {
  name: string;
  line: number;
  text: string;
  /** Under a test of what a parameter of the factory answers (`ul(cfg) == UserLevelUserType`): the argument given decides (verdict.ts). */
  paramTest?: { index: number; op: string; value: string };
  /** The settings tests above it (`if h.app.App().cfg.App.Private { … return err }`): returned only while they hold (verdict.ts refusingIn). */
  settings?: SettingCond[];
}

/**
 * The package error variables a function answering with its returned error gives back under a
 * credential test, as `dir#Name`: a request-taking function returning an error, or a `func() error`
 * literal it runs in place and hands to its error writer (`h.handleHTTPError(w, r, func() error { …
 * if u == nil { err := ErrNotLoggedIn; return err } … }())`, a wrapper's own check).
 */
export function errVarReturns(fn: Node, body: Node, dir: string, importDir: (name: string) => string | undefined, setting?: (n: Node) => string | undefined): ErrReturn[] {
  const answers = resultIsError(fn) && (takesRequest(fn) || takesContext(fn));
  const params = paramNames(fn);
  const out: ErrReturn[] = [];
  for (const ret of all(body, 'return_statement')) {
    const own = enclosingFn(ret);
    if (!own || (own.startIndex === fn.startIndex ? !answers : !runInPlace(own))) continue;
    let v = kids(kids(ret)[0]).pop();
    // `err := ErrNotLoggedIn; status = err.Status; return err`: the variable the local was given just before.
    if (v?.type === 'identifier') v = localValue(ret, v.text) ?? v;
    let name: string | undefined;
    // `err := impart.HTTPError{http.StatusUnauthorized, "…"}` written in place: its status, as `lit#401` / `lit#403` (verdict.ts errGate).
    const lit = v?.type === 'unary_expression' ? v.namedChildren[0] : v;
    if (lit?.type === 'composite_literal') name = UNAUTHORIZED.test(lit.text) ? 'lit#401' : FORBIDDEN.test(lit.text) ? 'lit#403' : undefined;
    else if (v?.type === 'call_expression' && !callArgs(v).length) name = ctorName(v.childForFieldName('function'), dir, importDir);
    else if (v?.type === 'identifier') name = `${dir}#${v.text}`;
    else if (v?.type === 'selector_expression') {
      const d = importDir(v.childForFieldName('operand')?.text ?? '');
      if (d !== undefined) name = `${d}#${v.childForFieldName('field')?.text}`;
    }
    if (!name || !/^lit#|#Err\w*$|#\w*Err(or)?$|\(\)$/i.test(name) || !credentialCondition(ret)) continue;
    const paramTest = own.startIndex === fn.startIndex ? undefined : testedParam(ret, params);
    const settings = setting ? readableCondsAbove(ret, setting) : [];
    out.push({ name, line: line(ret), text: ret.text.replace(/\s+/g, ' ').slice(0, 120), ...(paramTest ? { paramTest } : {}), ...(settings.length ? { settings } : {}) });
  }
  return out;
}

/** `NotSignedIn()` / `apperror.NotSignedIn()`: the constructor as `dir#NotSignedIn()`, matched with statusErrCtor's records. */
function ctorName(f: Node | null, dir: string, importDir: (name: string) => string | undefined): string | undefined {
  if (f?.type === 'identifier') return `${dir}#${f.text}()`;
  if (f?.type !== 'selector_expression') return undefined;
  const d = importDir(f.childForFieldName('operand')?.text ?? '');
  return d !== undefined ? `${d}#${f.childForFieldName('field')?.text}()` : undefined;
}

/** The values a function returns when each of its returns is one name (`return UserLevelUserType`), else undefined. */
export function constReturns(fn: Node, body: Node): string[] | undefined {
  const out = new Set<string>();
  for (const ret of all(body, 'return_statement')) {
    if (enclosingFn(ret)?.startIndex !== fn.startIndex) continue;
    const vals = kids(kids(ret)[0]);
    if (vals.length !== 1 || (vals[0].type !== 'identifier' && vals[0].type !== 'selector_expression') || /^(nil|err|true|false)$/.test(vals[0].text)) return undefined;
    out.add(vals[0].text.replace(/^.*\./, ''));
  }
  return out.size ? [...out] : undefined;
}

/** A framework's request context (`c *gin.Context`, `c echo.Context`, `c *fiber.Ctx`): a verifier handed it returns the caller's error. */
function takesContext(fn: Node): boolean {
  return kids(fn.childForFieldName('parameters')).some((d) => /^\*?(?:gin\.Context|echo\.Context|fiber\.Ctx)$/.test(d.childForFieldName('type')?.text ?? ''));
}

function resultIsError(fn: Node): boolean {
  const result = fn.childForFieldName('result');
  // Named results (`(subject string, err error)`): the last one's type.
  const last = result?.type === 'parameter_list' ? kids(result).pop() : result;
  return (last?.type === 'parameter_declaration' ? last.childForFieldName('type')?.text : last?.text) === 'error';
}

/** `func() error { … }()` handed on as an argument: its returned error is what the call it is given to answers. */
function runInPlace(lit: Node): boolean {
  const call = lit.parent;
  return lit.type === 'func_literal' && resultIsError(lit) && call?.type === 'call_expression' && call.childForFieldName('function')?.startIndex === lit.startIndex && call.parent?.type === 'argument_list';
}

function paramNames(fn: Node): string[] {
  const out: string[] = [];
  for (const decl of kids(fn.childForFieldName('parameters'))) {
    const names = decl.childrenForFieldName('name').filter(Boolean) as Node[];
    if (!names.length) out.push('_');
    for (const n of names) out.push(n.text);
  }
  return out;
}

/** `err := X` among the statements before the return in its block. */
function localValue(ret: Node, name: string): Node | undefined {
  for (let s = ret.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type !== 'short_var_declaration' && s.type !== 'assignment_statement') continue;
    const left = kids(s.childForFieldName('left'));
    const right = kids(s.childForFieldName('right'));
    if (left.length === 1 && right.length === 1 && left[0].text === name) return right[0];
  }
  return undefined;
}

/** The nearest `if` test around `n` comparing what a parameter of the factory answers: `ul(h.cfg) == UserLevelUserType`. */
function testedParam(n: Node, params: string[]): ErrReturn['paramTest'] {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration') return undefined;
    const cond = p.type === 'if_statement' ? p.childForFieldName('condition')?.text : undefined;
    const m = cond ? /\b(\w+)\((?:[^()]|\([^()]*\))*\)\s*(==|!=)\s*([\w.]+)/.exec(cond) : null;
    if (m && params.includes(m[1])) return { index: params.indexOf(m[1]), op: m[2], value: m[3].replace(/^.*\./, '') };
    if (cond) return undefined;
  }
  return undefined;
}


// A stored setting's fresh-install value deciding whether a refusal runs. Go services keep
// site-wide requirements in their database and seed them where the code installs or migrates it:
//
//     "login_required": false,                               // apache/answer internal/migrations/v5.go
//     initAdminSettings(map[string]string{SettingRequireLogin: "0", …})   // opengist internal/db/db.go
//
// and read them back through a field or a getter of the same name (`siteInfo.LoginRequired`,
// `prov.RequireLogin()`), before a refusal that only runs while the requirement is on
// (requirementGates.ts). The seed and the read are matched by the setting's name with case and
// separators dropped (`login_required` = `LoginRequired`, `require-login` = `RequireLogin`; a map
// key written as a constant counts by the constant's string). What a fresh install holds is the one
// literal every seed of that name writes; a seed copying the same-named field of another value
// (`LoginRequired: oldSiteLogin.LoginRequired`) adds nothing, a seed computed any other way, or two
// different literals, leave it not known — the route then stays `unknown`, never open.
import type { GoNode as Node } from './goNode';
import { all, kids, line } from '../treeUtil';
import type { Callee } from './types';
import type { GoIndex } from './resolve';
import { getOwn } from '../../ownKeys';
import { defaultByPath } from './defaultLiterals';

/** A test of stored settings: literals, setting reads by name, functions of ours returning one, and what is not known. */
export type SettingExpr =
  | { lit: boolean }
  | { read: string; path?: string[] }
  | { call: Callee; name?: string }
  | { not: SettingExpr }
  | { and: SettingExpr[] }
  | { or: SettingExpr[] }
  | { unknown: true };

/** A write of a setting by its name where the code seeds or migrates it: the literal, or none when computed. */
export interface StoredSeed {
  key: string;
  /** The key is a constant's name (`SettingRequireLogin`), counted by its string. */
  byConst?: true;
  value?: string;
  line: number;
}

/** Names of site-wide access requirements and allowances (the only seeds kept: facts stay small). */
const ACCESS_NAME = /login|signin|auth|anonym|guest|public|private|requir|allow/i;
const LITERAL = /^(true|false|-?\d+|"[^"]*"|`[^`]*`)$/;
const FN = new Set(['func_literal', 'function_declaration', 'method_declaration']);
const MAX_DEPTH = 4;

export const settingName = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const unquote = (s: string): string => s.replace(/^["`]|["`]$/g, '');

/** The seeds a file writes: keyed elements of map and struct literals and field assignments, to a literal or computed. */
export function storedSeeds(root: Node): StoredSeed[] {
  const out: StoredSeed[] = [];
  const add = (key: string, v: Node, at: Node, byConst: boolean): void => {
    if (!ACCESS_NAME.test(key)) return;
    // A copy of the same-named field of another value (`oldSiteLogin.LoginRequired`) is the same setting.
    if (v.type === 'selector_expression' && settingName(v.childForFieldName('field')?.text ?? '') === settingName(key)) return;
    out.push({ key, ...(byConst ? { byConst: true as const } : {}), ...(LITERAL.test(v.text) ? { value: unquote(v.text) } : {}), line: line(at) });
  };
  for (const lit of all(root, 'composite_literal')) {
    const isMap = lit.childForFieldName('type')?.type === 'map_type';
    for (const ke of kids(lit.childForFieldName('body')).filter((k) => k.type === 'keyed_element')) {
      const [k, v] = kids(ke).map((x) => (x.type === 'literal_element' ? x.namedChildren[0] ?? x : x));
      if (!k || !v) continue;
      if (k.type === 'interpreted_string_literal' || k.type === 'raw_string_literal') add(unquote(k.text), v, ke, false);
      else if (k.type === 'identifier' || k.type === 'field_identifier') add(k.text, v, ke, isMap && k.type === 'identifier');
      // `site.SettingRequireLogin: "0"`: another package's constant.
      else if (isMap && k.type === 'selector_expression') add(k.childForFieldName('field')?.text ?? '', v, ke, true);
    }
  }
  for (const a of all(root, 'assignment_statement')) {
    const [l] = kids(a.childForFieldName('left'));
    const [r, more] = kids(a.childForFieldName('right'));
    if (l?.type === 'selector_expression' && r && !more && a.text.includes('=') && !/^[^=]*[-+*/|&^%]=/.test(a.text)) add(l.childForFieldName('field')?.text ?? '', r, a, false);
  }
  return out;
}

/** `x.Name()` with no arguments, or a call of ours (`auth.ShouldAllow…(info, single)`). */
function callExpr(n: Node, callee: (n: Node) => Callee | undefined): SettingExpr {
  const f = n.childForFieldName('function');
  const args = kids(n.childForFieldName('arguments'));
  const own = f ? callee(f) : undefined;
  // A getter with no arguments (`prov.RequireLogin()`, through an interface or not) reads the setting of its name.
  const name = f?.type === 'selector_expression' && !args.length ? f.childForFieldName('field')?.text : undefined;
  if (own) return { call: own, ...(name ? { name } : {}) };
  if (name) return { read: name };
  return { unknown: true };
}

/** The test `n` in function `fn` as a setting expression; a local stands for what its bindings before `before` give. */
export function settingExpr(n: Node | null | undefined, fn: Node, callee: (n: Node) => Callee | undefined, before = n?.startIndex ?? 0, depth = 0): SettingExpr {
  if (!n || depth > MAX_DEPTH) return { unknown: true };
  const t = n.type;
  if (t === 'true' || t === 'false') return { lit: t === 'true' };
  if (t === 'parenthesized_expression') return settingExpr(n.namedChildren[0], fn, callee, before, depth + 1);
  if (t === 'unary_expression' && n.text.startsWith('!')) return { not: settingExpr(n.namedChildren[0], fn, callee, before, depth + 1) };
  if (t === 'binary_expression') {
    const op = n.childForFieldName('operator')?.text;
    const parts = [n.childForFieldName('left'), n.childForFieldName('right')].map((x) => settingExpr(x, fn, callee, before, depth + 1));
    return op === '&&' ? { and: parts } : op === '||' ? { or: parts } : { unknown: true };
  }
  if (t === 'selector_expression') {
    // `cfg.App.Private`: the fields below the root value, for a defaults literal's paths (defaultLiterals.ts).
    const path: string[] = [];
    let c: Node | null = n;
    for (; c?.type === 'selector_expression'; c = c.childForFieldName('operand')) path.unshift(c.childForFieldName('field')?.text ?? '');
    return { read: path[path.length - 1], ...(c?.type === 'identifier' && path.length <= 4 ? { path } : {}) };
  }
  if (t === 'call_expression') return callExpr(n, callee);
  if (t !== 'identifier') return { unknown: true };
  // A local: every value bound to it before the test (`mustLogin := false; … mustLogin = siteInfo.LoginRequired`).
  const values: SettingExpr[] = [];
  for (const s of all(fn, ['short_var_declaration', 'assignment_statement', 'var_spec'])) {
    if (s.startIndex >= before || enclosing(s)?.startIndex !== fn.startIndex) continue;
    const lhs = s.type === 'var_spec' ? kids(s).filter((k) => k.type === 'identifier') : kids(s.childForFieldName('left'));
    const i = lhs.findIndex((k) => k.text === n.text);
    if (i < 0) continue;
    const right = kids(s.type === 'var_spec' ? s.childForFieldName('value') : s.childForFieldName('right'));
    // `require, err := prov.RequireLogin()`: the first result of a single call.
    const v = right.length === lhs.length ? right[i] : right.length === 1 && i === 0 && right[0].type === 'call_expression' ? right[0] : undefined;
    values.push(v ? settingExpr(v, fn, callee, s.startIndex, depth + 1) : { unknown: true });
  }
  // A parameter or a value bound nowhere here is the caller's.
  return values.length === 1 ? values[0] : values.length ? { or: values } : { unknown: true };
}

/** The pass condition `test` (`!mustLogin`, `allow`) of the function around it, as a setting expression; undefined when it reads none. */
export function passExpr(test: Node, callee: (n: Node) => Callee | undefined): SettingExpr | undefined {
  const fn = enclosing(test);
  const e = fn ? settingExpr(test, fn, callee) : undefined;
  return e && readsSetting(e) ? e : undefined;
}

function enclosing(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (FN.has(p.type)) return p;
  return undefined;
}

/** Whether an expression reads a stored setting at all (else there is nothing for the seeds to decide). */
export function readsSetting(e: SettingExpr): boolean {
  if ('read' in e || 'call' in e) return true;
  if ('not' in e) return readsSetting(e.not);
  if ('and' in e) return e.and.some(readsSetting);
  if ('or' in e) return e.or.some(readsSetting);
  return false;
}

/** `func … (bool, error) { …; return !require || (single && allow), nil }`: the one return's first value, when it reads a setting. */
export function boolReturn(fn: Node, callee: (n: Node) => Callee | undefined): SettingExpr | undefined {
  const results = fn.childForFieldName('result');
  if (!results || !/^\(?\s*bool\b/.test(results.text)) return undefined;
  const rets = all(fn, 'return_statement').filter((r) => enclosing(r)?.startIndex === fn.startIndex);
  const last = rets[rets.length - 1];
  const first = kids(kids(last)[0])[0];
  if (!last || !first || first.type === 'true' || first.type === 'false') return undefined;
  // Earlier returns answer errors (`return false, err`): what a fresh install gets is the last one.
  if (rets.slice(0, -1).some((r) => !/\berr\b/.test(r.text))) return undefined;
  const e = settingExpr(first, fn, callee, last.startIndex);
  return readsSetting(e) ? e : undefined;
}

/** A setting's fresh-install value, its literal and where written; undefined when no seed or seeds disagree or one is computed. */
export function seededValue(ix: GoIndex, name: string): { value: string; file: string; line: number } | undefined {
  const want = settingName(name);
  let found: { value: string; file: string; line: number } | undefined;
  for (const f of ix.files) {
    // A test seeds what its own run needs.
    if (/_test\.go$/.test(f.file)) continue;
    for (const s of f.storedSeeds ?? []) {
      const key = s.byConst ? constString(ix, f.dir, s.key) : s.key;
      if (settingName(key) !== want) continue;
      if (s.value === undefined) return undefined;
      if (found && found.value !== s.value) return undefined;
      found ??= { value: s.value, file: f.file, line: s.line };
    }
  }
  return found;
}

/** A constant key's string: this package's, else the one constant of that name in the repository; else its name. */
function constString(ix: GoIndex, dir: string, name: string): string {
  const own = ix.constant(`${dir}#${name}`);
  if (own !== undefined) return own;
  const found = new Set(ix.files.map((f) => getOwn(f.consts, name)).filter((v): v is string => v !== undefined));
  return found.size === 1 ? [...found][0] : name;
}

const truthy = (v: string): boolean | undefined => (/^(true|1|on|yes)$/i.test(v) ? true : /^(false|0|off|no|)$/i.test(v) ? false : undefined);

/** The expression on a fresh install (true/false, undefined when not known) with where each value read is written. */
export function freshValue(ix: GoIndex, e: SettingExpr, at: string[] = [], depth = 0): boolean | undefined {
  if ('lit' in e) return e.lit;
  if ('unknown' in e) return undefined;
  if ('not' in e) {
    const v = freshValue(ix, e.not, at, depth);
    return v === undefined ? undefined : !v;
  }
  if ('read' in e) {
    // A defaults constructor's literal says it first (defaultLiterals.ts); else the seeds of its name.
    const s = (e.path ? defaultByPath(ix, e.path) : undefined) ?? seededValue(ix, e.read);
    const v = s ? truthy(s.value) : undefined;
    if (s && v !== undefined) at.push(`${e.read} = ${JSON.stringify(s.value)} (${s.file}:${s.line})`);
    return v;
  }
  if ('call' in e) {
    const r = depth < MAX_DEPTH ? ix.fnOf(e.call)?.boolReturn : undefined;
    if (r) return freshValue(ix, r, at, depth + 1);
    return e.name ? freshValue(ix, { read: e.name }, at, depth) : undefined;
  }
  // Three-valued: one decided part can settle the whole.
  const parts = ('and' in e ? e.and : e.or).map((p) => freshValue(ix, p, at, depth));
  const settles = 'and' in e ? false : true;
  if (parts.includes(settles)) return settles;
  return parts.every((p) => p !== undefined) ? !settles : undefined;
}

/**
 * `func UserLevelReader(cfg *config.Config) UserLevel { if cfg.App.Private { return UserLevelUserType }; return
 * UserLevelOptionalType }`: each returned name with the test under which it is returned, when the body is only
 * `if <test> { return A }` statements and a last `return B`; undefined otherwise or when no test reads a setting.
 */
export function condReturns(fn: Node, callee: (n: Node) => Callee | undefined): { value: string; when: SettingExpr }[] | undefined {
  const body = fn.childForFieldName('body');
  const sts = kids(body).filter((k) => k.type !== 'comment');
  const stmts = sts.length === 1 && sts[0].type === 'statement_list' ? kids(sts[0]).filter((k) => k.type !== 'comment') : sts;
  const name = (ret: Node | undefined): string | undefined => {
    const vals = ret?.type === 'return_statement' ? kids(kids(ret)[0]) : [];
    return vals.length === 1 && (vals[0].type === 'identifier' || vals[0].type === 'selector_expression') ? vals[0].text.replace(/^.*\./, '') : undefined;
  };
  const out: { value: string; when: SettingExpr }[] = [];
  const earlier: SettingExpr[] = [];
  for (const [i, st] of stmts.entries()) {
    if (i === stmts.length - 1) {
      const v = name(st);
      if (!v) return undefined;
      out.push({ value: v, when: earlier.length ? { and: earlier.map((x) => ({ not: x })) } : { lit: true } });
      break;
    }
    const then = st.type === 'if_statement' && !st.childForFieldName('alternative') && !st.childForFieldName('initializer') ? st.childForFieldName('consequence') : undefined;
    const inner = then ? kids(then).filter((k) => k.type !== 'comment') : [];
    const only = inner.length === 1 && inner[0].type === 'statement_list' ? kids(inner[0]).filter((k) => k.type !== 'comment') : inner;
    const v = only.length === 1 ? name(only[0]) : undefined;
    if (!v) return undefined;
    const test = settingExpr(st.childForFieldName('condition'), fn, callee);
    out.push({ value: v, when: earlier.length ? { and: [...earlier.map((x) => ({ not: x })), test] } : test });
    earlier.push(test);
  }
  return out.length > 1 && earlier.some(readsSetting) ? out : undefined;
}

// The value a fresh install gives a setting held in a package-level configuration struct that
// viper fills (`var Server = &configOptions{}`; `viper.SetDefault("baseurl", "")`;
// `viper.Unmarshal(&Server)`), for a route path built from it (`path.Join(conf.Server.BasePath,
// "/auth")`). A field with a viper default has that default — unless code writes the field on a
// way the defaults do not rule out. A string field without one is Go's empty string when every
// write to it sits under a test of other settings that their defaults decide against (navidrome
// derives BasePath from BaseURL only `if Server.BaseURL != ""`). Anything else is not known: the
// path stays dynamic, never guessed.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line, stringValue } from '../treeUtil';
import type { StrPart } from './types';
import { dict, getOwn } from '../../ownKeys';
import { expr, type SExpr, type StrFnContext } from './strFuncs';
import { flagDefinition, importsFlags, pointerEffects, startValue, urfaveFlags, type FlagDecl, type PointerEffect, type StartValue } from './startValues';
import type { StartMemo } from './startSteps';
import type { GoScope } from './scope';
import { iniFacts, type IniFacts } from './iniDefaults';
import { VIPER_KEY } from './viperKeys';

/** A test of a setting above a write: `Server.BaseURL != ""` (`ne`), `== ""` (`eq`), `Server.X` (`on`), `!Server.X` (`off`). */
export interface SettingCond {
  setting: string;
  test: 'ne' | 'eq' | 'on' | 'off';
  /** `App.ShowSwagger == 1`: the literal compared with (`eq`/`ne` then test against it instead of the empty string). */
  value?: string;
}

export interface ConfigFacts {
  /** `viper.SetDefault("key", value)`: the lower-case key and the value as written. */
  defaults?: Record<string, StrPart[]>;
  /**
   * Writes to a field of a package-level value (`Server.BasePath = u.Path`) or a package-level
   * variable: the setting, its line, the tests above it (null: one we cannot read), and the value
   * written as a start-up program (startValues.ts; none: not known).
   */
  writes?: { setting: string; line: number; conds: SettingCond[] | null; value?: StartValue; test?: SExpr }[];
  /** Command-line flags declared here, with their defaults (startValues.ts). */
  flags?: FlagDecl[];
  /** Package-level variables and the struct type they hold (`Server` → `conf#configOptions`). */
  vars?: Record<string, string>;
  /** Reads of a local a route string is built from (`cmd/app@40#c.BasePath`, scope.ts), as start-up programs over flags at their defaults. */
  locals?: Record<string, StartValue>;
  /** What functions of ours do to strings handed to them by address, by function key and parameter index (startValues.ts). */
  pointers?: Record<string, Record<number, PointerEffect>>;
  /** INI sections mapped onto package-level structs and the INI files loaded (iniDefaults.ts). */
  ini?: IniFacts;
}

const SET_DEFAULT = /^viper\.SetDefault$/;
/** A field of another package's package-level value as scope.ts's `str` names it (`server#Config.Server.RootPath`). */
export const SETTING_KEY = /^[\w/.-]*#\w+(\.\w+)+$/;

/**
 * The settings of one file. `setting(n)` names a selector chain rooted at a package-level value
 * (`Server.BasePath` in its package, `conf.Server.BasePath` elsewhere) as `dir#Server.BasePath`.
 */
export function configFacts(root: Node, str: (n: Node) => StrPart[], setting: (n: Node) => string | undefined, typeOf: (n: Node | null) => string | undefined, ctx: StrFnContext, imports: Record<string, { path: string }>, sc?: Pick<GoScope, 'localReads' | 'keyOf'>): ConfigFacts {
  const out: ConfigFacts = dict();
  const target = settingTarget(setting, ctx.importDir);
  const c: StrFnContext = { ...ctx, setting };
  const write = (s: string, at: Node, value: StartValue | undefined): void => {
    const conds = condsAbove(at, setting);
    // Tests that are no plain setting test (`!strings.Contains(conf.SiteURL, "://")`) kept as a program over settings (resolve.ts).
    const test = conds === null ? testAbove(at, c) : undefined;
    (out.writes ??= []).push({ setting: s, line: line(at), conds, ...(value ? { value } : {}), ...(test ? { test } : {}) });
  };
  // Each statement before the writes read once per function (startSteps.ts).
  const memo: StartMemo = new Map();
  const importsViper = Object.values(imports).some((i) => i.path === 'github.com/spf13/viper');
  const ini = iniFacts(root, ctx.dir, ctx.importDir, (alias) => getOwn(imports, alias)?.path);
  if (ini) out.ini = ini;
  for (const call of all(root, 'call_expression')) {
    const fnText = call.childForFieldName('function')?.text ?? '';
    // `Params.SetDefault(…)` on a viper instance of ours counts in a file that imports viper.
    if (!SET_DEFAULT.test(fnText) && !(importsViper && /^\w+\.SetDefault$/.test(fnText))) continue;
    const [k, v] = callArgs(call);
    const key = k ? stringValue(k) : undefined;
    if (key === undefined || !v) continue;
    (out.defaults ??= dict())[key.toLowerCase()] = str(v);
  }
  for (const st of all(root, 'assignment_statement')) {
    const lefts = kids(st.childForFieldName('left'));
    const rights = kids(st.childForFieldName('right'));
    lefts.forEach((left, i) => {
      const s = target(left);
      const rhs = lefts.length === rights.length && st.childForFieldName('operator')?.text === '=' ? rights[i] : undefined;
      if (s) write(s, st, rhs ? startValue(st, rhs, c, memo) : undefined);
    });
  }
  // A flag whose value goes into a setting: `flag.StringVar(&conf.BasePath, "base", "/", …)`, urfave/cli's `Destination: &x`.
  const flags = importsFlags(imports);
  const defs = new Set<number>();
  for (const call of flags ? all(root, 'call_expression') : []) {
    const fn = call.childForFieldName('function');
    const d = flagDefinition(call, fn ? ctx.callee(fn) : undefined);
    if (!d) continue;
    (out.flags ??= []).push({ name: d.name, value: expr(d.def, c, new Set()), line: line(call) });
    const s = d.target ? target(d.target) : undefined;
    if (s && d.target) defs.add(d.target.startIndex);
    if (s) write(s, call, { body: [], value: ['f', d.name, expr(d.def, c, new Set())] });
  }
  for (const f of urfaveFlags(root, typeOf, c)) {
    (out.flags ??= []).push(f.decl);
    const s = f.target ? target(f.target) : undefined;
    if (s && f.target) defs.add(f.target.startIndex);
    if (s) write(s, f.target!, { body: [], value: ['f', f.decl.name, f.decl.value] });
  }
  // Any other setting handed out by its address may be written there: its value is not known.
  for (const u of all(root, 'unary_expression')) {
    const o = u.childForFieldName('operand');
    if (u.childForFieldName('operator')?.text !== '&' || !o || defs.has(o.startIndex)) continue;
    const s = o.type === 'identifier' || o.type === 'selector_expression' ? target(o) : undefined;
    if (s) write(s, u, undefined);
  }
  // A local read in a path whose value start-up code computes from flags (`c.BasePath = base.String()`).
  for (const [key, n] of sc?.localReads ?? []) {
    let st: Node = n;
    while (st.parent && st.parent.type !== 'block' && st.parent.type !== 'statement_list') st = st.parent;
    const sv = st.parent ? startValue(st, n, c, memo) : undefined;
    if (sv && /\["(f|c|k)",|"ptr"/.test(JSON.stringify(sv))) (out.locals ??= dict())[key] = sv;
  }
  for (const fn of sc ? all(root, 'function_declaration') : []) {
    const eff = pointerEffects(fn, c);
    if (eff) (out.pointers ??= dict())[sc!.keyOf(fn)] = eff;
  }
  for (const spec of all(root, 'var_spec')) {
    let p = spec.parent;
    while (p && p.type !== 'source_file' && p.type !== 'function_declaration' && p.type !== 'method_declaration' && p.type !== 'func_literal') p = p.parent;
    if (p?.type !== 'source_file') continue;
    const name = spec.childForFieldName('name')?.text;
    let v = spec.childForFieldName('value')?.namedChildren[0] ?? null;
    if (v?.type === 'unary_expression') v = v.namedChildren[0] ?? null;
    const t = v?.type === 'composite_literal' ? typeOf(v.childForFieldName('type')) : typeOf(spec.childForFieldName('type'));
    if (name && t) (out.vars ??= dict())[name] = t;
  }
  return out;
}

/**
 * What an assignment's or address's target names as a setting: a selector chain rooted at a
 * package-level value (`conf.Server.Host`), or a package-level variable (`basePath`) where no
 * enclosing function declares that name.
 */
function settingTarget(setting: (n: Node) => string | undefined, importDir: (name: string) => string | undefined): (n: Node) => string | undefined {
  const declared = new Map<number, Set<string>>();
  const locals = (fn: Node): Set<string> => {
    let s = declared.get(fn.startIndex);
    if (!s) {
      s = new Set();
      for (const p of all(fn, ['parameter_declaration', 'variadic_parameter_declaration', 'var_spec', 'const_spec'])) for (const id of p.childrenForFieldName('name')) if (id) s.add(id.text);
      for (const d of all(fn, ['short_var_declaration', 'range_clause'])) for (const id of kids(d.childForFieldName('left'))) s.add(id.text);
      for (const r of kids(fn.childForFieldName('receiver'))) {
        const id = r.childForFieldName('name');
        if (id) s.add(id.text);
      }
      declared.set(fn.startIndex, s);
    }
    return s;
  };
  return (n) => {
    const op = n.type === 'selector_expression' ? n.childForFieldName('operand') : null;
    // `conf.WebPrefix`: a package-level variable of another package of ours.
    const dir = op?.type === 'identifier' ? importDir(op.text) : undefined;
    if (dir !== undefined) return `${dir}#${n.childForFieldName('field')!.text}`;
    if (n.type === 'selector_expression') return setting(n);
    if (n.type !== 'identifier' || n.text === '_') return undefined;
    for (let p = n.parent; p; p = p.parent) if ((p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') && locals(p).has(n.text)) return undefined;
    return setting(n);
  };
}

/** The tests of settings in the `if`s above a statement, in its function; null when one is not such a test. */
export function condsAbove(n: Node, setting: (n: Node) => string | undefined): SettingCond[] | null {
  return testsAbove(n, setting, false);
}

/**
 * The settings tests above a node that can be read, the others left out (`if err != nil` inside `if cfg.App.Private`):
 * enough to rule the node out when one of them is decided against it, never to say it runs.
 */
export function readableCondsAbove(n: Node, setting: (n: Node) => string | undefined): SettingCond[] {
  return testsAbove(n, setting, true) ?? [];
}

function testsAbove(n: Node, setting: (n: Node) => string | undefined, lenient: boolean): SettingCond[] | null {
  const out: SettingCond[] = [];
  let inside: Node = n;
  for (let p = n.parent; p; inside = p, p = p.parent) {
    // A literal called where it is written (`go func() { http.ListenAndServe(…) }()`) runs under the tests around it.
    if (p.type === 'func_literal' && p.parent?.type === 'call_expression' && p.parent.childForFieldName('function')?.startIndex === p.startIndex) continue;
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') break;
    if (p.type !== 'if_statement') continue;
    const then = inside.startIndex === p.childForFieldName('consequence')?.startIndex;
    // Leniently, only the arms count (the condition's own expression runs either way).
    if (lenient && !then && inside.startIndex !== p.childForFieldName('alternative')?.startIndex) continue;
    // `if a != "" && b != "" { … }`: inside, every part holds (outside, only their disjunction fails: not one test).
    const parts = then ? conjuncts(p.childForFieldName('condition')) : [p.childForFieldName('condition')];
    for (const part of parts) {
      const c = settingCond(part, setting);
      if (!c && !lenient) return null;
      if (c) out.push(then ? c : { ...c, test: FLIP[c.test] });
    }
  }
  return out;
}

/**
 * The tests of the `if`s above a statement in its function as one program over settings and
 * constants (`else` negated); none when one has an initializer or reads a name the function
 * declares (a local is not a setting).
 */
function testAbove(n: Node, ctx: StrFnContext): SExpr | undefined {
  const parts: SExpr[] = [];
  const conds: Node[] = [];
  let inside: Node = n;
  let fn: Node | undefined;
  for (let p = n.parent; p; inside = p, p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') {
      fn = p;
      break;
    }
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    if (!cond || p.childForFieldName('initializer') || inside.startIndex === cond.startIndex) return undefined;
    const then = inside.startIndex === p.childForFieldName('consequence')?.startIndex;
    conds.push(cond);
    parts.push(then ? expr(cond, ctx, new Set()) : ['!', expr(cond, ctx, new Set())]);
  }
  if (!fn || !parts.length) return undefined;
  const declared = new Set<string>();
  for (const d of all(fn, ['parameter_declaration', 'variadic_parameter_declaration', 'var_spec', 'const_spec'])) for (const id of d.childrenForFieldName('name')) if (id) declared.add(id.text);
  for (const d of all(fn, ['short_var_declaration', 'range_clause'])) for (const id of kids(d.childForFieldName('left'))) declared.add(id.text);
  for (const r of kids(fn.childForFieldName('receiver'))) declared.add(r.childForFieldName('name')?.text ?? '');
  if (conds.some((cd) => all(cd, 'identifier').some((id) => declared.has(id.text)))) return undefined;
  if (JSON.stringify(parts).includes('["?"]')) return undefined;
  return parts.reduce((a, b) => ['&&', a, b]);
}

const FLIP = { ne: 'eq', eq: 'ne', on: 'off', off: 'on' } as const;

function conjuncts(c: Node | null): (Node | null)[] {
  while (c?.type === 'parenthesized_expression') c = c.namedChildren[0] ?? null;
  if (c?.type !== 'binary_expression' || c.childForFieldName('operator')?.text !== '&&') return [c];
  return [...conjuncts(c.childForFieldName('left')), ...conjuncts(c.childForFieldName('right'))];
}

/** A local or a call reading viper (viperKeys.ts) names its key; other locals and calls are no setting here. */
function named(n: Node, setting: (n: Node) => string | undefined): string | undefined {
  if (n.type === 'selector_expression') return setting(n) ?? fieldsKey(n);
  const s = n.type === 'identifier' || n.type === 'call_expression' ? setting(n) : undefined;
  return s && VIPER_KEY.test(s) ? s : undefined;
}

/**
 * A chain of fields read off a value of ours that is no package-level setting (`apper.App().cfg.App.SingleUser`,
 * `app.cfg.App.Private`): `fields:cfg.App.SingleUser`, whose fresh-install value a defaults constructor's
 * literal may give (defaultLiterals.ts `defaultByPath`); otherwise it stays not known.
 */
export const FIELDS_KEY = /^fields:(\w+(?:\.\w+)+)$/;
function fieldsKey(n: Node): string | undefined {
  const chain: string[] = [];
  let b: Node | null = n;
  for (; b?.type === 'selector_expression'; b = b.childForFieldName('operand')) chain.unshift(b.childForFieldName('field')?.text ?? '');
  return chain.length >= 2 && (b?.type === 'identifier' || b?.type === 'call_expression') ? `fields:${chain.join('.')}` : undefined;
}

function settingCond(c: Node | null, setting: (n: Node) => string | undefined): SettingCond | undefined {
  while (c?.type === 'parenthesized_expression') c = c.namedChildren[0] ?? null;
  if (!c) return undefined;
  if (c.type === 'selector_expression' || c.type === 'identifier' || c.type === 'call_expression') {
    const s = named(c, setting);
    return s ? { setting: s, test: 'on' } : undefined;
  }
  if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') {
    const inner = settingCond(c.childForFieldName('operand'), setting);
    return inner && (inner.test === 'on' || inner.test === 'off') ? { ...inner, test: FLIP[inner.test] } : undefined;
  }
  if (c.type !== 'binary_expression') return undefined;
  const op = c.childForFieldName('operator')?.text;
  const l = c.childForFieldName('left');
  const r = c.childForFieldName('right');
  if (!l || !r || (op !== '!=' && op !== '==')) return undefined;
  // `Config.App.WebClient == 1`, `Mode != "release"`: a comparison with another literal keeps it to test the default against.
  const other = r.text !== '""' && (r.type === 'int_literal' || r.type === 'interpreted_string_literal') ? r.text.replace(/^"(.*)"$/, '$1') : undefined;
  if (r.text !== '""' && other === undefined) return undefined;
  const s = named(l, setting);
  return s ? { setting: s, test: op === '!=' ? 'ne' : 'eq', ...(other !== undefined ? { value: other } : {}) } : undefined;
}

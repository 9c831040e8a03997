// A decorator that lets everyone through when a setting says so (`v = get_config(K)` then
// `if v == PUBLIC: return f(…)`) guards or not by that setting's value. When the service's own
// getter falls back to a literal table of defaults (`return DEFAULTS.get(key)` when nothing is
// stored), the value of a fresh install is in the code:
//
//     DEFAULTS = {"account_visibility": AccountVisibilityTypes.PUBLIC, …}   # constants/setup.py
//     class ConfigTypes(str, RawEnum): ACCOUNT_VISIBILITY = "account_visibility"
//
// Here are the per-file facts this needs (the getter's table, module tables, string constants of
// modules and classes) and the evaluation of one test under the default. Every link is read from
// the code (the key, the table, the entry, the compared value); one that cannot be read decides
// nothing, and the judge keeps its "depends on …".
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { callArgs, kids, line, stringValue } from '../treeUtil';
import { dict } from '../../ownKeys';
import { paramNames } from './pyScope';

/** A value written in the code: a string literal, or a name (`PUBLIC`, `Types.PUBLIC`) to resolve. */
export type PyValue = { lit: string } | { name: string };

/** `<getter>(KEY) == VALUE` (or `!=`), the getter called with the key alone. */
export interface SettingTest {
  getter: Ref;
  key: PyValue;
  value: PyValue;
  equal: boolean;
}

/** A module-level dictionary literal: its entries in order. */
export interface PyTable {
  line: number;
  entries: { key: PyValue; value: PyValue; line: number }[];
}

/** A string constant: a module's `NAME = "x"` or a class's `NAME = "x"` (keyed `Cls.NAME`). */
export interface PyConst {
  value: string;
  line: number;
  /** The class it belongs to compares equal to its string (`str` mixed in, or no Enum at all). */
  strLike: boolean;
  cls?: string;
}

/** What a settings getter returns when nothing is stored: `TABLE.get(<first param>)`. */
export interface DefaultsFrom {
  table: string;
  line: number;
}

function valueOf(n: Node | null | undefined): PyValue | undefined {
  if (!n) return undefined;
  const s = n.type === 'string' ? stringValue(n) : undefined;
  if (s !== undefined) return { lit: s };
  if (n.type === 'identifier' || (n.type === 'attribute' && /^\w+\.\w+$/.test(n.text))) return { name: n.text };
  return undefined;
}

/** `v == X` with `v` bound to `getter(KEY)` (or the call written in place). */
export function settingTest(n: Node, op: string, vars: ReadonlyMap<string, Node>, refOf: (n: Node | null | undefined) => Ref | undefined): SettingTest | undefined {
  if (op !== '==' && op !== '!=') return undefined;
  const parts = kids(n);
  if (parts.length !== 2) return undefined;
  for (const [a, b] of [[parts[0], parts[1]], [parts[1], parts[0]]]) {
    const call = a.type === 'call' ? a : a.type === 'identifier' ? vars.get(a.text) : undefined;
    if (!call) continue;
    const args = callArgs(call);
    // A second argument is the caller's own default, not the table's.
    if (args.length !== 1) continue;
    const getter = refOf(call.childForFieldName('function'));
    const key = valueOf(args[0]);
    const value = valueOf(b);
    if (getter && key && value) return { getter, key, value, equal: op === '==' };
  }
  return undefined;
}

/** `return TABLE.get(key)` (or `TABLE.get(key, …)`) in a function whose first parameter is `key`. */
export function defaultsFrom(fn: Node): DefaultsFrom | undefined {
  const first = paramNames(fn)[0];
  if (!first) return undefined;
  for (const r of fn.descendantsOfType('return_statement')) {
    const call = r?.namedChildren[0];
    if (call?.type !== 'call') continue;
    const callee = call.childForFieldName('function');
    const args = callArgs(call);
    if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'get' && callee.childForFieldName('object')?.type === 'identifier' && args[0]?.text === first) {
      return { table: callee.childForFieldName('object')!.text, line: line(r!) };
    }
  }
  return undefined;
}

/** Module-level dictionary literals and string constants of the module and its classes. */
export function moduleConstants(root: Node): { tables: Record<string, PyTable>; consts: Record<string, PyConst> } {
  const tables = dict<PyTable>();
  const consts = dict<PyConst>();
  for (const st of kids(root)) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type === 'class_definition') {
      const cls = def.childForFieldName('name')?.text ?? '';
      const bases = def.childForFieldName('superclasses')?.text ?? '';
      const strLike = !/Enum/.test(bases) || /\bstr\b|StrEnum/.test(bases);
      for (const m of kids(def.childForFieldName('body'))) {
        const a = m.type === 'expression_statement' ? m.namedChildren[0] : undefined;
        const v = a?.type === 'assignment' && a.childForFieldName('left')?.type === 'identifier' ? stringValue(a.childForFieldName('right')) : undefined;
        if (a && v !== undefined && a.childForFieldName('right')?.type === 'string') consts[`${cls}.${a.childForFieldName('left')!.text}`] = { value: v, line: line(a), strLike, cls };
      }
      continue;
    }
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    const right = a?.childForFieldName('right');
    if (!a || left?.type !== 'identifier' || !right) continue;
    if (right.type === 'string' && stringValue(right) !== undefined) consts[left.text] = { value: stringValue(right)!, line: line(a), strLike: true };
    if (right.type === 'dictionary') {
      const entries: PyTable['entries'] = [];
      for (const p of right.namedChildren) {
        if (p?.type !== 'pair') continue;
        const key = valueOf(p.childForFieldName('key'));
        const value = valueOf(p.childForFieldName('value'));
        // An entry we cannot read is kept unread: a later lookup of its key decides nothing.
        entries.push({ key: key ?? { name: '\u0000' }, value: value ?? { name: '\u0000' }, line: line(p) });
      }
      tables[left.text] = { line: line(a), entries };
    }
  }
  return { tables, consts };
}

/** What the judge needs to read values across modules. */
export interface ConstReader {
  resolve: (ref: Ref) => Ref;
  consts: (file: string) => Record<string, PyConst> | undefined;
  tables: (file: string) => Record<string, PyTable> | undefined;
  defaults: (ref: Ref) => { file: string; from: DefaultsFrom } | undefined;
}

/** A key of a record read back from the cache (plain JSON): its own keys only, never `toString`. */
function own<T>(rec: Record<string, T> | undefined, key: string): T | undefined {
  return rec && Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

type Known = { value: string; strLike: boolean; cls?: string };

/** The string a value written in `file` stands for, when the code says it. */
function known(v: PyValue, file: string, r: ConstReader): Known | undefined {
  if ('lit' in v) return { value: v.lit, strLike: true };
  const [head, member] = v.name.split('.');
  const target = r.resolve(`${file}#${head}`);
  const i = target.lastIndexOf('#');
  const c = own(r.consts(target.slice(0, i)), member ? `${target.slice(i + 1)}.${member}` : target.slice(i + 1));
  return c ? { value: c.value, strLike: c.strLike, ...(c.cls ? { cls: `${target.slice(0, i)}#${c.cls}` } : {}) } : undefined;
}

/** Python's `==` of two known values; undefined when it depends on more than their strings. */
function same(a: Known, b: Known): boolean | undefined {
  if (a.cls && a.cls === b.cls) return a.value === b.value;
  if (a.strLike && b.strLike) return a.value === b.value;
  return undefined;
}

/** The test's value under the setting's default, with where that default is written. */
export function underDefault(t: SettingTest, file: string, r: ConstReader): { holds: boolean; key: string; file: string; line: number } | undefined {
  const getter = r.defaults(r.resolve(t.getter));
  if (!getter) return undefined;
  const tableRef = r.resolve(`${getter.file}#${getter.from.table}`);
  const i = tableRef.lastIndexOf('#');
  const tableFile = tableRef.slice(0, i);
  const table = own(r.tables(tableFile), tableRef.slice(i + 1));
  const key = known(t.key, file, r);
  const wanted = known(t.value, file, r);
  if (!table || !key || !wanted) return undefined;
  for (const e of table.entries) {
    const k = known(e.key, tableFile, r);
    const match = k && same(k, key);
    if (match === undefined) return undefined;
    if (!match) continue;
    const v = known(e.value, tableFile, r);
    const eq = v && same(v, wanted);
    if (eq === undefined) return undefined;
    return { holds: eq === t.equal, key: key.value, file: tableFile, line: e.line };
  }
  // No default for the key: the getter returns None (or its own default), not read here.
  return undefined;
}

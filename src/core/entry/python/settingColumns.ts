// Two kinds of test a decorator's way to its view may pass without an identity, decided from
// the code of a fresh install:
// - a setting kept in a database row, read as an attribute (`if config.config_anonbrowse == 1:
//   return f(…)`): the model's column says its value before anyone changes it
//   (`config_anonbrowse = Column(SmallInteger, default=0)`). The attribute is found by name across
//   the service's models; a name two columns declare with different defaults decides nothing;
// - a request no listed route receives, or a switch nobody turns on (flask-login's
//   `if request.method in EXEMPT_METHODS or current_app.config.get("LOGIN_DISABLED"): pass`):
//   a method set of only OPTIONS (the preflight Flask answers itself; rules list the methods they
//   serve), and an app config key the service never sets (no `config["K"] = …`, no `K=` given to
//   `update`/`from_mapping`, no upper-case `K = …` a `from_object` could load).
// Per-file facts here (pyRoutes.ts records them), judged across files in flaskGuardJudge.ts.
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { callArgs, kids, line, stringValue } from '../treeUtil';
import { dict } from '../../ownKeys';
import { orParts } from './routeTests';

/** `X.attr` tested for truth, or compared with a literal. */
export interface ColumnTest {
  attr: string;
  op?: '==' | '!=';
  value?: string;
}

/** One part of an `or` that no request of a listed route passes on a fresh install. */
export type ExemptPart = { methodsIn: { ref?: Ref; lits?: string[] } } | { configKey: string };

export interface ColumnDefault {
  value: string;
  line: number;
}

const COLUMN = /^(\w+\.)?(Column|mapped_column)$/;

/** A Python literal as comparable text: numbers by value, `True`/`False`/`None`, strings quoted. */
export function literal(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'integer' || n.type === 'float') return Number.isFinite(Number(n.text)) ? String(Number(n.text)) : undefined;
  if (n.type === 'true' || n.type === 'false' || n.type === 'none') return n.text;
  if (n.type === 'unary_operator' && n.text.startsWith('-')) return literal(n.namedChildren[0]) ? String(-Number(n.namedChildren[0]!.text)) : undefined;
  const s = n.type === 'string' ? stringValue(n) : undefined;
  return s !== undefined ? JSON.stringify(s) : undefined;
}

/** `name = Column(…, default=LIT)` in the body of a top-level class. */
export function columnDefaults(root: Node): Record<string, ColumnDefault> {
  const out = dict<ColumnDefault>();
  for (const st of kids(root)) {
    const cls = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (cls?.type !== 'class_definition') continue;
    for (const m of kids(cls.childForFieldName('body'))) {
      const a = m.type === 'expression_statement' ? m.namedChildren[0] : undefined;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
      const right = a?.childForFieldName('right');
      if (left?.type !== 'identifier' || right?.type !== 'call' || !COLUMN.test(right.childForFieldName('function')?.text ?? '')) continue;
      const kw = callArgs(right).find((x) => x.type === 'keyword_argument' && x.childForFieldName('name')?.text === 'default');
      const value = literal(kw?.childForFieldName('value'));
      if (value !== undefined) out[left.text] = { value, line: line(a!) };
    }
  }
  return out;
}

/** Module-level `NAME = {"OPTIONS"}` (a set, list or tuple of strings). */
export function stringSets(root: Node): Record<string, string[]> {
  const out = dict<string[]>();
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    const right = a?.childForFieldName('right');
    if (left?.type !== 'identifier' || !right || !['set', 'list', 'tuple'].includes(right.type)) continue;
    const items = right.namedChildren.map((x) => (x?.type === 'string' ? stringValue(x) : undefined));
    if (items.length && items.every((x) => x !== undefined)) out[left.text] = items as string[];
  }
  return out;
}

/** App config keys the file may set: `config["K"] = …`, `update(K=…)`/`update({"K": …})`, `setdefault("K", …)`, upper-case `K = …`. */
export function configKeysSet(root: Node): string[] {
  const keys = new Set<string>();
  const text = root.text;
  for (const m of text.matchAll(/\bconfig\s*\[\s*["'](\w+)["']\s*\]\s*=(?!=)/g)) keys.add(m[1]);
  for (const m of text.matchAll(/\bconfig\.setdefault\(\s*["'](\w+)["']/g)) keys.add(m[1]);
  for (const m of text.matchAll(/\bconfig\.(?:update|from_mapping)\(([^)]*)\)/g)) for (const k of m[1].matchAll(/(?:["'](\w+)["']\s*:|\b([A-Z][A-Z0-9_]*)\s*=(?!=))/g)) keys.add(k[1] ?? k[2]);
  // `from_object`/`from_pyfile` load upper-case names of modules and classes.
  for (const m of text.matchAll(/^[ \t]*([A-Z][A-Z0-9_]*)\s*(?::[^=\n]*)?=(?!=)/gm)) keys.add(m[1]);
  return [...keys];
}

/**
 * `config.config_anonbrowse == 1`, `config.config_allow_x` (truth), as a column test: of a
 * module-level object only (`config` imported), not of a local row (`user.is_admin`).
 */
export function columnTest(n: Node, refOf: (n: Node | null | undefined) => Ref | undefined): ColumnTest | undefined {
  const attrOf = (a: Node): string | undefined => {
    const obj = a.type === 'attribute' ? a.childForFieldName('object') : undefined;
    return obj?.type === 'identifier' && refOf(obj) ? a.childForFieldName('attribute')?.text : undefined;
  };
  if (n.type === 'attribute') {
    const attr = attrOf(n);
    return attr ? { attr } : undefined;
  }
  if (n.type !== 'comparison_operator') return undefined;
  const parts = kids(n);
  if (parts.length !== 2) return undefined;
  const op = n.text.slice(parts[0].endIndex - n.startIndex, parts[1].startIndex - n.startIndex).trim();
  if (op !== '==' && op !== '!=') return undefined;
  for (const [a, b] of [[parts[0], parts[1]], [parts[1], parts[0]]]) {
    const value = literal(b);
    const attr = attrOf(a);
    if (attr && value !== undefined) return { attr, op, value };
  }
  return undefined;
}

/** Every part of the `or` is a method test or an app config flag (else undefined). */
export function exemptParts(n: Node, refOf: (n: Node | null | undefined) => Ref | undefined): ExemptPart[] | undefined {
  const out: ExemptPart[] = [];
  for (const p of orParts(n)) {
    const parts = kids(p);
    if (p.type === 'comparison_operator' && parts.length === 2 && /^(flask\.)?request\.method$/.test(parts[0].text) && /^\s*in\s*$/.test(p.text.slice(parts[0].endIndex - p.startIndex, parts[1].startIndex - p.startIndex))) {
      const set = parts[1];
      const lits = ['set', 'list', 'tuple'].includes(set.type) ? set.namedChildren.map((x) => (x?.type === 'string' ? stringValue(x) : undefined)) : undefined;
      if (lits && lits.every((x) => x !== undefined)) out.push({ methodsIn: { lits: lits as string[] } });
      else if (set.type === 'identifier') out.push({ methodsIn: { ref: refOf(set) } });
      else return undefined;
      continue;
    }
    // `current_app.config.get("K")` (no default of its own), `app.config["K"]`.
    const key = /^\w+(\.\w+)?\.config(?:\.get\(\s*["'](\w+)["']\s*\)|\[\s*["'](\w+)["']\s*\])$/.exec(p.text);
    if (key) out.push({ configKey: key[2] ?? key[3] });
    else return undefined;
  }
  return out.length ? out : undefined;
}

function truthy(v: string): boolean {
  return !['0', 'False', 'None', '""'].includes(v);
}

/** Python's `==` of two literals as written (`True == 1`). */
function equal(a: string, b: string): boolean {
  const n = (v: string): string => (v === 'True' ? '1' : v === 'False' ? '0' : v);
  return n(a) === n(b);
}

/** Whether the test holds under the column's default, or undefined when no single default is known. */
export function columnHolds(t: ColumnTest, defaults: ReadonlyMap<string, (ColumnDefault & { file: string }) | null>): { holds: boolean; at: string } | undefined {
  const d = defaults.get(t.attr);
  if (!d) return undefined;
  const holds = t.op ? equal(d.value, t.value!) === (t.op === '==') : truthy(d.value);
  return { holds, at: `DEFAULT ${t.attr} = ${d.value} (${d.file}:${d.line})` };
}

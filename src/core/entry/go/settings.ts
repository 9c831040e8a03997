// A refusal that runs only while a setting is off (or on): `if !a.Registration { ctx.AbortWithError(status, …) }`
// in a handler whose struct is built from the configuration (`api.UserAPI{Registration: conf.Registration}`).
// Whether it refuses on a fresh install is the setting's default, which a Go configuration
// struct often says in a tag (`Registration bool \`default:"false"\``, read by configor,
// envconfig, caarlos0/env's `envDefault`). We follow the field back through the struct literals
// that set it to a field with such a default: the same default on every way → the refusal is
// decided by it; none readable → the route depends on configuration (`unknown`), never open.
import type { GoNode as Node } from './goNode';
import { all, kids, line } from '../treeUtil';
import type { TypeKey, Value } from './scope';
import type { FieldSet, SettingTest } from './types';
import type { GoIndex } from './resolve';
import { getOwn } from '../../ownKeys';

/** `default:"false"`, `envDefault:"…"`: the value a configuration loader gives a field nobody set. */
const DEFAULT_TAG = /(?:^|[\s`])(?:default|envDefault):"([^"]*)"/;

/** The default a struct field's tag gives it. */
export function tagDefault(fd: Node): string | undefined {
  const tag = fd.childForFieldName('tag')?.text;
  const m = tag ? DEFAULT_TAG.exec(tag) : null;
  return m ? m[1] : undefined;
}

/**
 * The innermost `if` above a refusal (in the same method) that tests a boolean field of the
 * method's receiver (`a.Registration`, `!s.cfg.AllowSignup`): the refusal runs only while the
 * field is `when` (an `else` arm flips it).
 */
export function settingAbove(n: Node): SettingTest | undefined {
  let inside: Node = n;
  for (let p = n.parent; p; inside = p, p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration') return undefined;
    if (p.type === 'method_declaration') return undefined;
    if (p.type !== 'if_statement') continue;
    const arm = inside.startIndex === p.childForFieldName('consequence')?.startIndex ? 'then' : inside.startIndex === p.childForFieldName('alternative')?.startIndex ? 'else' : undefined;
    const cond = p.childForFieldName('condition');
    const recv = receiverName(p);
    if (!arm || !cond || !recv) continue;
    let c: Node = cond;
    let negated = false;
    for (let inner = c.namedChildren[0]; inner && (c.type === 'parenthesized_expression' || (c.type === 'unary_expression' && c.text.startsWith('!'))); inner = c.namedChildren[0]) {
      if (c.type === 'unary_expression') negated = !negated;
      c = inner;
    }
    const path = fieldPath(c, recv);
    if (path) return { path, when: arm === 'then' ? !negated : negated, text: cond.text, line: line(p) };
  }
  return undefined;
}

/** The receiver's name of the method around n. */
function receiverName(n: Node): string | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration') return undefined;
    if (p.type === 'method_declaration') return kids(p.childForFieldName('receiver'))[0]?.childForFieldName('name')?.text;
  }
  return undefined;
}

/** `a.cfg.Registration` with `a` the receiver → `['cfg', 'Registration']`. */
function fieldPath(n: Node, recv: string): string[] | undefined {
  const out: string[] = [];
  let c: Node | null = n;
  while (c?.type === 'selector_expression') {
    out.unshift(c.childForFieldName('field')?.text ?? '');
    c = c.childForFieldName('operand');
  }
  return c?.type === 'identifier' && c.text === recv && out.length > 0 && out.length <= 3 ? out : undefined;
}

/**
 * Struct literals that set a field from a field of a typed value (`api.UserAPI{Registration:
 * conf.Registration}` with `conf *config.Configuration`) or from a constant (`true`, `"x"`).
 */
export function fieldSets(root: Node, file: string, typeKey: TypeKey, scopeOf: (n: Node) => Map<string, Value>): FieldSet[] {
  const out: FieldSet[] = [];
  for (const lit of all(root, 'composite_literal')) {
    const type = typeKey(lit.childForFieldName('type'));
    if (!type) continue;
    const sets: FieldSet[] = [];
    for (const ke of kids(lit.childForFieldName('body')).filter((k) => k.type === 'keyed_element')) {
      const [k, v] = kids(ke).map((x) => (x.type === 'literal_element' ? x.namedChildren[0] ?? x : x));
      if (k?.type !== 'field_identifier' && k?.type !== 'identifier') continue;
      if (!v) continue;
      const at = { type, field: k.text, file, line: line(ke) };
      if (/^(true|false|-?\d+|"[^"]*")$/.test(v.text)) {
        sets.push({ ...at, value: v.text.replace(/^"|"$/g, '') });
        continue;
      }
      const path: string[] = [];
      let c: Node | null = v;
      while (c?.type === 'selector_expression') {
        path.unshift(c.childForFieldName('field')?.text ?? '');
        c = c.childForFieldName('operand');
      }
      const bound = c?.type === 'identifier' ? scopeOf(lit).get(c.text) : undefined;
      const from = bound && 'type' in bound && bound.type ? bound.type : undefined;
      // Anything else (a call, a local computed here) has no default we can read: the set is kept, undecided.
      sets.push(from && path.length ? { ...at, from, path } : at);
    }
    // Only literals that wire a value's fields in (the configuration handed to a handler's struct)
    // are kept: the facts stay small, and a field set nowhere else is undecided anyway.
    if (sets.some((x) => x.from)) out.push(...sets);
  }
  return out;
}

/** What a fresh install gives a setting: its value and where the default is written, or why it cannot be told. */
export type SettingDefault = { value: string; file: string; line: number } | { undecided: string };

/**
 * The default of the field reached from type `t` through `path`: its own tag, else the one value
 * every struct literal that sets it gives (through the fields they copy, a few steps deep).
 */
export function settingDefault(ix: GoIndex, t: string, path: string[], depth = 0): SettingDefault {
  let type = t;
  for (const f of path.slice(0, -1)) {
    const next = ix.fieldType(type, f)?.replace(/^\*/, '');
    if (!next) return { undecided: `the type of ${f} is not known` };
    type = next;
  }
  const name = path[path.length - 1];
  const found = ix.field(type, name);
  if (!found) return { undecided: `${type.replace(/^.*#/, '')}.${name} is not declared in the repository` };
  const fileOf = (owner: string): string => ix.files.find((f) => f.dir === owner.replace(/#.*$/, '') && getOwn(f.structs, owner.replace(/^.*#/, '')))?.file ?? owner.replace(/#.*$/, '');
  if (found.decl.default !== undefined) return { value: found.decl.default, file: fileOf(found.owner), line: found.decl.line ?? 0 };
  const sets = ix.fieldSets.get(`${found.owner}.${name}`) ?? [];
  const field = `${found.owner.replace(/^.*#/, '')}.${name}`;
  if (!sets.length || depth > 3) return { undecided: `${field} has no default we can read` };
  let agreed: SettingDefault | undefined;
  for (const s of sets) {
    const d: SettingDefault = s.value !== undefined ? { value: s.value, file: s.file, line: s.line } : s.from && s.path ? settingDefault(ix, s.from, s.path, depth + 1) : { undecided: `${field} is set from a value computed at ${s.file}:${s.line}` };
    if ('undecided' in d) return d;
    if (agreed && 'value' in agreed && agreed.value !== d.value) return { undecided: `${field} is given different values (${agreed.file}:${agreed.line}, ${d.file}:${d.line})` };
    agreed ??= d;
  }
  return agreed!;
}

/** Whether a refusal under a setting's test runs on a fresh install: `on`, `off`, or `undecided` with why. */
export function settingState(ix: GoIndex, fnKey: string, test: SettingTest): { state: 'on' | 'off'; why: string } | { state: 'undecided'; why: string } {
  const recv = fnKey.replace(/\.\w+$/, '');
  const d = settingDefault(ix, recv, test.path);
  if ('undecided' in d) return { state: 'undecided', why: `it refuses only when ${test.text} (line ${test.line}), which depends on configuration: ${d.undecided}` };
  const on = (d.value === 'true') === test.when && /^(true|false)$/.test(d.value);
  if (!/^(true|false)$/.test(d.value)) return { state: 'undecided', why: `it refuses only when ${test.text} (line ${test.line}), which depends on configuration: its default is ${JSON.stringify(d.value)}` };
  return { state: on ? 'on' : 'off', why: `${test.text} holds with the default configuration (${test.path[test.path.length - 1]} = ${d.value}, ${d.file}:${d.line})`.replace(' holds ', on ? ' holds ' : ' does not hold ') };
}

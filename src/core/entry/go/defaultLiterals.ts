// A configuration struct's defaults written as one literal in a constructor of ours
// (`func New() *Config { c := &Config{App: AppCfg{SingleUser: true, …}}; …; return c }`,
// writefreely config/config.go, what `writefreely config generate` writes): what a fresh install
// runs with is that literal's value for a field, and Go's zero value for a field of a struct
// literal it leaves out (`App.Private`, a bool → false). A setting read by its field path
// (`cfg.App.Private`) is matched against the literals' paths; two constructors that disagree
// decide nothing. Only constructors named as defaults (`New`, `NewConfig`, `Default…`) count:
// any other literal of the struct is one run's values, not the fresh install's.
import type { GoNode as Node } from './goNode';
import { all, kids, line } from '../treeUtil';
import type { GoIndex } from './resolve';
import { dict, getOwn } from '../../ownKeys';

/** A defaults constructor's literal: leaf values by dotted field path, and the struct literals it holds by path (`''` the top) with their types. */
export interface DefaultLiteral {
  fn: string;
  line: number;
  leaves: Record<string, string>;
  blocks: Record<string, string>;
}

const CTOR = /^(?:New|NewConfig|NewDefault\w*|Default\w*|default\w*)$/;
const LITERAL = /^(true|false|-?\d+(\.\d+)?|"[^"]*"|`[^`]*`)$/;
const MAX_LEAVES = 200;

/** The defaults literals of a file's constructors. */
export function defaultLiterals(root: Node, typeKey: (t: Node | null | undefined) => string | undefined): DefaultLiteral[] {
  const out: DefaultLiteral[] = [];
  for (const fn of all(root, 'function_declaration')) {
    const name = fn.childForFieldName('name')?.text ?? '';
    if (!CTOR.test(name)) continue;
    // `return &Config{…}` or `c := &Config{…}; …; return c`.
    const rets = all(fn, 'return_statement');
    const ret = kids(kids(rets[rets.length - 1])[0])[0];
    let lit = literalOf(ret);
    if (!lit && ret?.type === 'identifier') {
      const bound = all(fn, 'short_var_declaration').filter((d) => kids(d.childForFieldName('left'))[0]?.text === ret.text);
      lit = bound.length === 1 ? literalOf(kids(bound[0].childForFieldName('right'))[0]) : undefined;
    }
    const type = lit ? typeKey(lit.childForFieldName('type')) : undefined;
    if (!lit || !type) continue;
    const d: DefaultLiteral = { fn: name, line: line(fn), leaves: dict<string>(), blocks: dict<string>() };
    d.blocks[''] = type;
    let count = 0;
    const walk = (l: Node, prefix: string): void => {
      for (const ke of kids(l.childForFieldName('body')).filter((k) => k.type === 'keyed_element')) {
        const [k, v] = kids(ke).map((x) => (x.type === 'literal_element' ? x.namedChildren[0] ?? x : x));
        if (!k || !v || (k.type !== 'field_identifier' && k.type !== 'identifier') || count >= MAX_LEAVES) continue;
        const path = prefix ? `${prefix}.${k.text}` : k.text;
        const inner = literalOf(v);
        const t = inner ? typeKey(inner.childForFieldName('type')) : undefined;
        if (inner && t) {
          d.blocks[path] = t;
          walk(inner, path);
        } else {
          d.leaves[path] = LITERAL.test(v.text) ? v.text.replace(/^["`]|["`]$/g, '') : '\u0000computed';
          count++;
        }
      }
    };
    walk(lit, '');
    out.push(d);
  }
  return out;
}

function literalOf(n: Node | undefined | null): Node | undefined {
  const x = n?.type === 'unary_expression' && n.text.startsWith('&') ? n.namedChildren[0] : n;
  return x?.type === 'composite_literal' ? x : undefined;
}

/** Go's zero values of the basic types a setting holds. */
const ZERO = new Map([['bool', 'false'], ['string', ''], ['int', '0'], ['int64', '0'], ['uint', '0']]);

/**
 * The value a field path read as `x.App.Private` (path `['App', 'Private']`) has in every defaults
 * literal whose paths end so — set there, or left out of a struct literal that holds the field
 * (Go's zero value); undefined when none holds it, one computes it, or they disagree.
 */
export function defaultByPath(ix: GoIndex, path: string[]): { value: string; file: string; line: number } | undefined {
  if (!path.length) return undefined;
  let found: { value: string; file: string; line: number } | undefined;
  for (const f of ix.files) {
    if (/_test\.go$/.test(f.file)) continue;
    for (const d of f.defaultLiterals ?? []) {
      for (const [blockPath, type] of Object.entries(d.blocks)) {
        // The read's struct path (`App`, `app.cfg.App`) ends with the block's (`App`); the top only for a read of its own field.
        const structPath = path.slice(0, -1).join('.');
        if (blockPath ? structPath !== blockPath && !structPath.endsWith(`.${blockPath}`) : structPath !== '') continue;
        const full = blockPath ? `${blockPath}.${path[path.length - 1]}` : path[0];
        const leaf = getOwn(d.leaves, full);
        let value: string | undefined;
        if (leaf !== undefined) value = leaf;
        else {
          const decl = ix.field(type, path[path.length - 1])?.decl;
          value = decl ? ZERO.get(decl.type.replace(/^.*#/, '')) : undefined;
        }
        if (value === undefined) continue;
        if (value === '\u0000computed') return undefined;
        if (found && found.value !== value) return undefined;
        found ??= { value, file: f.file, line: d.line };
      }
    }
  }
  return found;
}

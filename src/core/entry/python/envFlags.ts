// Routes a module registers only when a setting read from the environment says so:
//
//     OPEN_REGISTRATION = os.getenv("OPEN_REGISTRATION", "False").lower() == "true"   # app/config.py
//     from app.config import OPEN_REGISTRATION                                          # the controller
//     if OPEN_REGISTRATION and not DISABLE_USERNAME_PASSWORD_LOGIN:
//         @auth.route("signup", methods=["POST"])
//         def signup(args): …
//
// A fresh install sets no variable, so each flag holds what the code makes of its default; a
// module-level `if` made of such flags (`not`, `and`, `or`) that is false there registers nothing
// (the labelling convention: settings at their shipped defaults). Anything else in the test — a
// call, a comparison of something else, a name that is no such flag — leaves it undecided and the
// route stays. Per-file facts here; the test is decided across files in pyLink.ts.
import type { Node } from 'web-tree-sitter';
import { kids, stringValue } from '../treeUtil';
import { dict } from '../../ownKeys';
import { envRead } from './envReads';
import type { FileDecls, Ref } from '../types';

/** A module-level test over names: a name, or `not`/`and`/`or` of tests; `u` for a part not read. */
export type PyGate = { n: string } | { not: PyGate } | { and: PyGate[] } | { or: PyGate[] } | { u: string };

/** A value a fresh install gives: a string, None, or a boolean. */
type Fresh = { s: string } | { none: true } | { b: boolean };

/** What `os.getenv("K", "lit").lower() == "true"`-like expressions hold with the variable unset. */
function fresh(n: Node | null | undefined, depth = 0): Fresh | undefined {
  if (!n || depth > 8) return undefined;
  switch (n.type) {
    case 'parenthesized_expression':
      return fresh(n.namedChildren[0], depth + 1);
    case 'true':
      return { b: true };
    case 'false':
      return { b: false };
    case 'none':
      return { none: true };
    case 'string': {
      const s = stringValue(n);
      return s === undefined ? undefined : { s };
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      const args = kids(n.childForFieldName('arguments')).filter((a) => a.type !== 'comment');
      const read = envRead(n);
      if (read) return read.fallback ? fresh(read.fallback, depth + 1) : { none: true };
      // `.lower()`, `.upper()`, `.strip()` of a string we know.
      if (fn?.type === 'attribute' && !args.length) {
        const m = fn.childForFieldName('attribute')?.text;
        const inner = fresh(fn.childForFieldName('object'), depth + 1);
        if (!inner || !('s' in inner)) return undefined;
        if (m === 'lower') return { s: inner.s.toLowerCase() };
        if (m === 'upper') return { s: inner.s.toUpperCase() };
        if (m === 'strip') return { s: inner.s.trim() };
      }
      return undefined;
    }
    case 'comparison_operator': {
      const ops = n.children.filter((c) => !!c && !c.isNamed).map((c) => c!.text);
      const [a, b] = n.namedChildren;
      if (ops.length !== 1 || (ops[0] !== '==' && ops[0] !== '!=')) return undefined;
      const x = fresh(a, depth + 1);
      const y = fresh(b, depth + 1);
      if (!x || !y || !('s' in x) || !('s' in y)) return undefined;
      return { b: (x.s === y.s) === (ops[0] === '==') };
    }
    default:
      return undefined;
  }
}

const truthy = (f: Fresh): boolean => ('b' in f ? f.b : 's' in f ? f.s.length > 0 : false);

/** Module-level names whose fresh-install value is an environment variable's default, as truthiness. */
export function envFlags(root: Node): Record<string, boolean> {
  const out = dict<boolean>();
  const bound = new Map<string, number>();
  // Every binding at module level, inside `if`/`try` blocks too: a name bound twice keeps neither
  // reading (which one holds depends on what runs).
  const walk = (n: Node, depth: number): void => {
    if (depth > 6) return;
    for (const c of kids(n)) {
      if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'decorated_definition') continue;
      if (c.type === 'assignment' || c.type === 'augmented_assignment') {
        const left = c.childForFieldName('left');
        if (left?.type === 'identifier') bound.set(left.text, (bound.get(left.text) ?? 0) + 1);
      }
      walk(c, depth + 1);
    }
  };
  walk(root, 0);
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    if (left?.type !== 'identifier' || bound.get(left.text) !== 1) continue;
    const f = fresh(a.childForFieldName('right'));
    if (f) out[left.text] = truthy(f);
  }
  return out;
}

function gateOf(n: Node | null | undefined, depth = 0): PyGate {
  if (!n || depth > 12) return { u: n?.text ?? '' };
  if (n.type === 'parenthesized_expression') return gateOf(n.namedChildren[0], depth + 1);
  if (n.type === 'identifier') return { n: n.text };
  if (n.type === 'not_operator') return { not: gateOf(n.childForFieldName('argument'), depth + 1) };
  if (n.type === 'boolean_operator') {
    const op = n.childForFieldName('operator')?.text;
    const parts = [gateOf(n.childForFieldName('left'), depth + 1), gateOf(n.childForFieldName('right'), depth + 1)];
    if (op === 'and') return { and: parts };
    if (op === 'or') return { or: parts };
  }
  return { u: n.text };
}

/**
 * The test of the module-level `if` whose first branch holds this definition (a decorated function
 * written inside `if FLAG:`), or undefined when the definition is not directly under one.
 */
export function moduleGate(def: Node): PyGate | undefined {
  const block = def.parent;
  const stmt = block?.type === 'block' ? block.parent : undefined;
  if (stmt?.type !== 'if_statement' || stmt.parent?.type !== 'module') return undefined;
  if (stmt.childForFieldName('consequence')?.id !== block!.id) return undefined;
  return gateOf(stmt.childForFieldName('condition'));
}

/** The test's value with each flag's fresh-install value (`flag` answers undefined for a name it does not know). */
export function gateValue(g: PyGate, flag: (name: string) => boolean | undefined): boolean | undefined {
  if ('n' in g) return flag(g.n);
  if ('not' in g) {
    const v = gateValue(g.not, flag);
    return v === undefined ? undefined : !v;
  }
  if ('and' in g) {
    const vs = g.and.map((x) => gateValue(x, flag));
    return vs.includes(false) ? false : vs.every((v) => v === true) ? true : undefined;
  }
  if ('or' in g) {
    const vs = g.or.map((x) => gateValue(x, flag));
    return vs.includes(true) ? true : vs.every((v) => v === false) ? false : undefined;
  }
  return undefined;
}

/**
 * Drops the routes whose module-level test is false with every flag at its fresh-install value; a
 * flag is the route's module's own, or the one its name is imported from (`resolve` follows imports).
 */
export function dropSwitchedOffRoutes(pys: FileDecls[], resolve: (r: Ref) => Ref, flagsOf: (r: Ref) => Record<string, boolean> | undefined): void {
  for (const d of pys) {
    if (!d.routes.some((r) => r.pyGate)) continue;
    const flag = (name: string): boolean | undefined => {
      const ref = `${d.file}#${name}`;
      const to = resolve(ref);
      if (to !== ref) return flagsOf(to)?.[to.slice(to.lastIndexOf('#') + 1)];
      return d.py?.envFlags?.[name];
    };
    d.routes = d.routes.filter((r) => !r.pyGate || gateValue(r.pyGate, flag) !== false);
  }
}

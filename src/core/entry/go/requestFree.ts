// A test that reads nothing of the request: `uc, ok := plugin.GetUserCenter(); if !ok { return }`
// then `if !uc.Description().EnabledOriginalUserSystem { 403 }` (apache/answer's BanAPIForUserCenter).
// Every value it tests comes from calls given no argument — the process's own state (an installed
// plugin, a package setting) — so whatever it refuses, it refuses every caller alike: a feature
// switched off, not a check of who calls. Its words (`User`) made it read as a credential test.
// A Go function cannot see the request unless it is handed it (or a value made from it), so a value
// is request-free when no call on its way takes an argument and no name it starts from is a
// parameter or receiver of the function around the test.
import type { GoNode as Node } from './goNode';
import { all, kids } from '../treeUtil';

const FUNC = new Set(['func_literal', 'function_declaration', 'method_declaration']);
const MAX_DEPTH = 4;

/** Whether the condition of `test` (an `if`) reads only request-free values; false when it reads nothing we can name. */
export function requestFreeTest(test: Node): boolean {
  if (test.type !== 'if_statement' || test.childForFieldName('initializer')) return false;
  const cond = test.childForFieldName('condition');
  return !!cond && freeExpr(cond, test, 0);
}

function freeExpr(e: Node, at: Node, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (all(e, 'call_expression').some((c) => kids(c.childForFieldName('arguments')).length > 0) || (e.type === 'call_expression' && kids(e.childForFieldName('arguments')).length > 0)) return false;
  const names = [...(e.type === 'identifier' ? [e] : []), ...all(e, 'identifier')].map((n) => n.text).filter((n) => !/^(true|false|nil|_)$/.test(n));
  if (!names.length) return false;
  const fn = enclosingFunc(at);
  if (!fn) return false;
  const params = paramNames(fn);
  for (const name of new Set(names)) {
    if (params.has(name)) return false;
    const bound = bindingOf(name, at, fn);
    // Not bound in the function: a package (an import alias) or a package value, the process's own state.
    if (bound === 'none') continue;
    if (bound === 'unreadable' || !freeExpr(bound, bound, depth + 1)) return false;
  }
  return true;
}

function enclosingFunc(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (FUNC.has(p.type)) return p;
  return undefined;
}

/** The names of the function's parameters and receiver, and of every function literal around it (a closure sees them). */
function paramNames(fn: Node): Set<string> {
  const out = new Set<string>();
  for (let f: Node | null = fn; f; f = f.parent) {
    if (!FUNC.has(f.type)) continue;
    for (const list of [f.childForFieldName('parameters'), f.childForFieldName('receiver')]) {
      for (const d of kids(list)) for (const id of all(d, 'identifier')) out.add(id.text);
    }
  }
  return out;
}

/**
 * What the nearest earlier statement of the function binding `name` gives it (`x := f()`, `x = y`, `var x = …`):
 * the value bound, 'none' when nothing in the function binds it, 'unreadable' for a binding of another shape
 * (a range, a type switch, several values from several expressions).
 */
function bindingOf(name: string, at: Node, fn: Node): Node | 'none' | 'unreadable' {
  let found: Node | 'unreadable' | undefined;
  for (const s of [...all(fn, ['short_var_declaration', 'assignment_statement', 'var_spec', 'range_clause', 'type_switch_statement'])]) {
    if (s.startIndex >= at.startIndex) continue;
    const left = s.type === 'var_spec' ? s : s.childForFieldName('left');
    const lhs = s.type === 'var_spec' ? kids(s).filter((k) => k.type === 'identifier') : kids(left);
    if (!lhs.some((k) => k.text === name)) continue;
    if (s.type === 'range_clause' || s.type === 'type_switch_statement') return 'unreadable';
    const right = kids(s.type === 'var_spec' ? s.childForFieldName('value') : s.childForFieldName('right'));
    // `a, ok := f()`: every name comes from the one call; `a, b := x, y`: the value in its place.
    found = right.length === 1 ? right[0] : right.length === lhs.length ? right[lhs.findIndex((k) => k.text === name)] : 'unreadable';
  }
  return found ?? 'none';
}

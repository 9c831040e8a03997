// A small evaluator for the Python string expressions that route paths and prefixes are written
// with: literals, f-strings, `+`, `%`, `"{}".format(...)`, names bound to strings (module
// constants, loop variables, a factory's parameters). Anything else is undefined: the caller keeps
// the expression as written and calls it dynamic, never a guess.
import type { Node } from 'web-tree-sitter';
import { callArgs, kids, stringValue } from '../treeUtil';

/** A value holding a function parameter's placeholder (pyScope.ts `param`), known only at its calls. */
const HOLDS_PARAM = /\u0002/;

/** Names (or dotted names, `settings.URL_PREFIX`) bound to known strings. */
export type StrEnv = ReadonlyMap<string, string>;

export function evalStr(n: Node | null | undefined, env: StrEnv, depth = 0): string | undefined {
  if (!n || depth > 20) return undefined;
  const lit = stringValue(n);
  if (lit !== undefined) return lit;
  const ev = (x: Node | null | undefined): string | undefined => evalStr(x, env, depth + 1);
  switch (n.type) {
    case 'identifier':
    case 'attribute':
      return env.get(n.text);
    case 'parenthesized_expression':
      return ev(n.namedChildren[0]);
    case 'string': {
      // An f-string: every field must be known.
      let out = '';
      const parts = n.children.filter(Boolean) as Node[];
      for (const c of parts) {
        if (c.type === 'string_start' || c.type === 'string_end') continue;
        if (c.type === 'interpolation') {
          if (c.childForFieldName('format_specifier') || c.childForFieldName('type_conversion')) return undefined;
          const v = ev(c.childForFieldName('expression'));
          if (v === undefined) return undefined;
          out += v;
        } else out += c.text;
      }
      return out;
    }
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text;
      const l = ev(n.childForFieldName('left'));
      if (l === undefined) return undefined;
      const right = n.childForFieldName('right');
      if (op === '+') {
        const r = ev(right);
        return r === undefined ? undefined : l + r;
      }
      if (op === '%' && right) {
        const vals = (right.type === 'tuple' ? kids(right) : [right]).map(ev);
        if (vals.some((v) => v === undefined)) return undefined;
        let i = 0;
        const out = l.replace(/%[sdr]/g, () => vals[i++] ?? '');
        return i === vals.length ? out : undefined;
      }
      return undefined;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      if (fn?.type !== 'attribute') return undefined;
      const attr = fn.childForFieldName('attribute')?.text;
      const base = ev(fn.childForFieldName('object'));
      if (base === undefined) return undefined;
      const args = callArgs(n);
      if (attr === 'format') {
        const pos = args.filter((a) => a.type !== 'keyword_argument').map(ev);
        const named = new Map(args.filter((a) => a.type === 'keyword_argument').map((a) => [a.childForFieldName('name')?.text ?? '', ev(a.childForFieldName('value'))]));
        let i = 0;
        let ok = true;
        const out = base.replace(/\{([^{}]*)\}/g, (_, key: string) => {
          const v = key === '' ? pos[i++] : /^\d+$/.test(key) ? pos[Number(key)] : named.get(key);
          if (v === undefined) ok = false;
          return v ?? '';
        });
        return ok ? out : undefined;
      }
      if ((attr === 'strip' || attr === 'rstrip' || attr === 'lstrip') && args.length <= 1) {
        const chars = args.length ? ev(args[0]) : ' \t\n';
        if (chars === undefined) return undefined;
        // A function's parameter (a placeholder, pyScope.ts) is only known where it is called:
        // slashes stripped from it are slashes a route path joins away; other characters are not.
        if (HOLDS_PARAM.test(base) && !/^\/+$/.test(chars)) return undefined;
        const cls = `[${chars.replace(/[\\\]^-]/g, '\\$&')}]*`;
        const re = attr === 'strip' ? new RegExp(`^${cls}|${cls}$`, 'g') : attr === 'rstrip' ? new RegExp(`${cls}$`) : new RegExp(`^${cls}`);
        return base.replace(re, '');
      }
      if ((attr === 'lower' || attr === 'upper') && args.length === 0 && !HOLDS_PARAM.test(base)) return attr === 'lower' ? base.toLowerCase() : base.toUpperCase();
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The strings of a list or tuple literal of strings (`("a", "b")`), or undefined. */
export function evalStrList(n: Node | null | undefined, env: StrEnv): string[] | undefined {
  if (!n || (n.type !== 'list' && n.type !== 'tuple')) return undefined;
  // A comment among the items (`"POST",  # deprecated`) is a node of the list, not an item.
  const vals = kids(n)
    .filter((x) => x.type !== 'comment')
    .map((x) => evalStr(x, env));
  return vals.every((v): v is string => v !== undefined) ? vals : undefined;
}

/** Module-level `NAME = <string expression>` bindings, in order (later ones may use earlier ones). */
export function moduleStrings(root: Node, seed?: StrEnv): Map<string, string> {
  const env = new Map<string, string>(seed ?? []);
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    const v = evalStr(a.childForFieldName('right'), env);
    if (v !== undefined) env.set(left.text, v);
    else env.delete(left.text);
  }
  return env;
}

/** Module-level `NAME = ("a", "b")` bindings. */
export function moduleStringLists(root: Node, env: StrEnv): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    const list = evalStrList(a.childForFieldName('right'), env);
    if (left?.type === 'identifier' && list) out.set(left.text, list);
  }
  return out;
}

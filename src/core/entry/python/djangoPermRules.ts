// A DRF permission class of the repository read by its `has_permission`: whether it lets a request
// of a given method to a given view through without looking at the caller. wger's default
// `WgerPermission` returns `request.user.is_authenticated` only when the view sets
// `is_private = True` and True otherwise; exercise permissions answer True to GET/HEAD/OPTIONS and
// check the user for writes. Counting every such class as a guard calls open routes protected.
// The body is kept as a small decision list (facts are cached as JSON) and judged per route:
// `open` only when every path the request can take returns True; anything not read is a refusal.
import type { Node } from 'web-tree-sitter';
import { kids, stringValue } from '../treeUtil';

/** A condition of has_permission, reduced to what the route decides: the method and the view's class attributes. */
export type PermCond =
  | { t: 'const'; v: boolean }
  | { t: 'methods'; list: string[] }
  | { t: 'has'; name: string }
  | { t: 'attr'; name: string }
  | { t: 'and' | 'or'; a: PermCond; b: PermCond }
  | { t: 'not'; a: PermCond }
  | { t: 'other' };

export type PermStep = { if: PermCond; then: PermStep[]; else?: PermStep[] } | { ret: PermCond };

/** A class attribute as the judge needs it: truthy or not when a literal, present otherwise. */
export type ClassAttr = boolean | string[] | null;

const SAFE = ['GET', 'HEAD', 'OPTIONS'];

/** Class-level `NAME = <literal>` assignments: booleans, lists of strings, anything else as present. */
export function classAttr(right: Node): ClassAttr {
  if (right.type === 'true' || right.type === 'false') return right.type === 'true';
  if (right.type === 'list' || right.type === 'tuple') {
    const items = kids(right).map((k) => stringValue(k));
    if (items.every((s): s is string => s !== undefined)) return items.map((s) => s.toUpperCase());
  }
  return null;
}

/** The statements of `has_permission(self, request, view)` as a decision list; `lists`: the class's list attributes (`self.SAFE_METHODS`). */
export function permSteps(fn: Node, lists: Record<string, string[]>): PermStep[] {
  const params = kids(fn.childForFieldName('parameters')).map((p) => p.text.replace(/[:=].*$/s, '').trim());
  const req = params[1] ?? 'request';
  const view = params[2] ?? 'view';
  const methodList = (n: Node): string[] | undefined => {
    const t = n.text.replace(/\s+/g, '');
    if (/^(\w+\.)*SAFE_METHODS$/.test(t) && !t.startsWith('self.')) return SAFE;
    const own = /^self\.(\w+)$/.exec(t)?.[1];
    if (own) return lists[own] ?? (own === 'SAFE_METHODS' ? SAFE : undefined);
    if (n.type === 'list' || n.type === 'tuple' || n.type === 'set') {
      const items = kids(n).map((k) => stringValue(k)?.toUpperCase());
      return items.every((s): s is string => !!s) ? items : undefined;
    }
    return undefined;
  };
  const isMethod = (n: Node | null | undefined): boolean => !!n && n.text.replace(/\s+/g, '') === `${req}.method`;
  const cond = (n: Node | null | undefined): PermCond => {
    if (!n) return { t: 'other' };
    if (n.type === 'true' || n.type === 'false') return { t: 'const', v: n.type === 'true' };
    if (n.type === 'parenthesized_expression') return cond(n.namedChildren[0]);
    if (n.type === 'not_operator') return { t: 'not', a: cond(n.childForFieldName('argument')) };
    if (n.type === 'boolean_operator') {
      const op = n.childForFieldName('operator')?.text ?? n.children[1]?.text;
      return { t: op === 'or' ? 'or' : 'and', a: cond(n.childForFieldName('left')), b: cond(n.childForFieldName('right')) };
    }
    if (n.type === 'comparison_operator' && n.namedChildren.length === 2 && isMethod(n.namedChildren[0])) {
      const op = n.children.slice(1, -1).map((c) => c?.text ?? '').join(' ');
      const other = n.namedChildren[1];
      if (!other) return { t: 'other' };
      const list = op === 'in' || op === 'not in' ? methodList(other) : [stringValue(other)?.toUpperCase()].filter((s): s is string => !!s);
      if (!list?.length) return { t: 'other' };
      const c: PermCond = { t: 'methods', list };
      return op === 'not in' || op === '!=' ? { t: 'not', a: c } : op === 'in' || op === '==' ? c : { t: 'other' };
    }
    if (n.type === 'call') {
      const f = n.childForFieldName('function')?.text;
      const args = kids(n.childForFieldName('arguments'));
      const name = args[1] ? stringValue(args[1]) : undefined;
      if ((f === 'hasattr' || f === 'getattr') && args[0]?.text === view && name) return f === 'hasattr' ? { t: 'has', name } : { t: 'attr', name };
    }
    const attr = new RegExp(`^${view}\\.(\\w+)$`).exec(n.text)?.[1];
    if (attr) return { t: 'attr', name: attr };
    return { t: 'other' };
  };
  const block = (body: Node | null | undefined): PermStep[] => {
    const out: PermStep[] = [];
    for (const s of kids(body)) {
      if (s.type === 'return_statement') {
        out.push({ ret: s.namedChildren[0] ? cond(s.namedChildren[0]) : { t: 'const', v: false } });
        return out;
      }
      if (s.type === 'raise_statement') {
        out.push({ ret: { t: 'const', v: false } });
        return out;
      }
      if (s.type === 'if_statement') {
        // elif chains: each alternative an if nested in the else.
        const alts = kids(s).filter((k) => k.type === 'elif_clause' || k.type === 'else_clause');
        const tail = (i: number): PermStep[] | undefined => {
          const a = alts[i];
          if (!a) return undefined;
          if (a.type === 'else_clause') return block(a.childForFieldName('body'));
          return [{ if: cond(a.childForFieldName('condition')), then: block(a.childForFieldName('consequence')), ...(alts[i + 1] ? { else: tail(i + 1) } : {}) }];
        };
        const els = tail(0);
        out.push({ if: cond(s.childForFieldName('condition')), then: block(s.childForFieldName('consequence')), ...(els ? { else: els } : {}) });
        continue;
      }
      // Anything else that could branch or loop is not read: the class may refuse there.
      if (/^(for|while|try|with|match)_statement$/.test(s.type)) {
        out.push({ ret: { t: 'other' } });
        return out;
      }
    }
    return out;
  };
  return block(fn.childForFieldName('body'));
}

type Tri = 'T' | 'F' | 'M';

function val(c: PermCond, method: string, attrs: Map<string, ClassAttr>): Tri {
  switch (c.t) {
    case 'const':
      return c.v ? 'T' : 'F';
    case 'methods':
      return method === 'ANY' ? 'M' : c.list.includes(method) ? 'T' : 'F';
    case 'has':
      return attrs.has(c.name) ? 'T' : 'F';
    case 'attr': {
      if (!attrs.has(c.name)) return 'F';
      const v = attrs.get(c.name);
      return typeof v === 'boolean' ? (v ? 'T' : 'F') : Array.isArray(v) ? (v.length ? 'T' : 'F') : 'M';
    }
    case 'not': {
      const a = val(c.a, method, attrs);
      return a === 'M' ? 'M' : a === 'T' ? 'F' : 'T';
    }
    case 'and': {
      const a = val(c.a, method, attrs);
      if (a === 'F') return 'F';
      const b = val(c.b, method, attrs);
      return a === 'T' ? b : b === 'F' ? 'F' : 'M';
    }
    case 'or': {
      const a = val(c.a, method, attrs);
      if (a === 'T') return 'T';
      const b = val(c.b, method, attrs);
      return a === 'F' ? b : b === 'T' ? 'T' : 'M';
    }
    default:
      return 'M';
  }
}

/** What the steps return for this method and view: T only when every way through returns True. */
function run(steps: PermStep[], method: string, attrs: Map<string, ClassAttr>): Tri {
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if ('ret' in s) return val(s.ret, method, attrs);
    const rest = steps.slice(i + 1);
    const c = val(s.if, method, attrs);
    const taken = (branch: PermStep[] | undefined): Tri => run([...(branch ?? []), ...rest], method, attrs);
    if (c === 'T') return taken(s.then);
    if (c === 'F') {
      if (s.else) return taken(s.else);
      continue;
    }
    const a = taken(s.then);
    const b = taken(s.else);
    return a === b ? a : 'M';
  }
  // Falling off the end returns None: refused.
  return 'F';
}

/** True when has_permission lets this method through to a view with these class attributes whoever calls. */
export function letsThrough(steps: PermStep[], method: string, attrs: Map<string, ClassAttr>): boolean {
  return run(steps, method, attrs) === 'T';
}

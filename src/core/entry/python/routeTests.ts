// Tests in a Flask view that each of its routes decides on its own: the request's method
// (`request.method == "POST"`) and whether a view parameter is bound by the route's rule (a view
// registered under `/confirm` and `/confirm/<data>` with `def confirm(data=None)`). A view serving
// several methods or rules takes different branches per route, so a refusal under such a test, or
// after an `if` on it that always ends the request, reaches only the routes the test lets through:
// GET /confirm/<data> returns inside `if data and request.method == "GET": …` and never meets the
// login redirect below it that POST /confirm/<data> meets.
import type { Node } from 'web-tree-sitter';
import { kids } from '../treeUtil';

/** One test a route decides: holds when the route's method is one of `methods`, or when `param` is truthy. */
export interface RouteTest {
  methods?: string[];
  /** A parameter of the view; `absentFalsy`: its default (None, "", 0, False) is falsy when the rule does not bind it. */
  param?: { name: string; absentFalsy: boolean };
  truth: boolean;
}

/** The view's parameters with whether each one's default is falsy (`data=None`). */
export function viewParams(def: Node): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const p of kids(def.childForFieldName('parameters'))) {
    if (p.type === 'identifier') out.set(p.text, false);
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const name = p.childForFieldName('name')?.text;
      if (name) out.set(name, /^(None|False|0|""|''|)$/.test(p.childForFieldName('value')?.text ?? ''));
    } else if (p.type === 'typed_parameter') out.set(p.namedChildren[0]?.text ?? '', false);
  }
  return out;
}

const unwrap = (n: Node): Node => {
  let x = n;
  while (x.type === 'parenthesized_expression' && x.namedChildren[0]) x = x.namedChildren[0];
  return x;
};

/** The operands of `a and b and c` (one operand for anything else). */
export function andParts(cond: Node): Node[] {
  const n = unwrap(cond);
  if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'and') {
    return [n.childForFieldName('left'), n.childForFieldName('right')].flatMap((s) => (s ? andParts(s) : []));
  }
  return [n];
}

/** The operands of `a or b or c` (one operand for anything else). */
export function orParts(cond: Node): Node[] {
  const n = unwrap(cond);
  if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'or') {
    return [n.childForFieldName('left'), n.childForFieldName('right')].flatMap((s) => (s ? orParts(s) : []));
  }
  return [n];
}

const METHOD = /^(flask\.)?request\.method$/;

/** The methods a literal names: `"POST"`, `("GET", "HEAD")`. */
function methodsOf(n: Node): string[] | undefined {
  const one = (x: Node): string | undefined => (x.type === 'string' && /^["'][A-Z]+["']$/.test(x.text) ? x.text.slice(1, -1) : undefined);
  if (n.type === 'string') return one(n) ? [one(n)!] : undefined;
  if (n.type === 'tuple' || n.type === 'list' || n.type === 'set') {
    const all = n.namedChildren.map((x) => (x ? one(x) : undefined));
    return all.every(Boolean) ? (all as string[]) : undefined;
  }
  return undefined;
}

/**
 * The route tests that must all hold for `cond` to have the value `truth`, when `cond` is made of
 * route tests only (undefined as soon as a part is anything else).
 */
export function routeTestsOf(cond: Node, truth: boolean, params: ReadonlyMap<string, boolean>): RouteTest[] | undefined {
  const n = unwrap(cond);
  if (n.type === 'not_operator') {
    const arg = n.childForFieldName('argument');
    return arg ? routeTestsOf(arg, !truth, params) : undefined;
  }
  if (n.type === 'boolean_operator') {
    const op = n.childForFieldName('operator')?.text;
    // Only a conjunction splits: `a and b` true, `a or b` false.
    if ((op === 'and' && truth) || (op === 'or' && !truth)) {
      const out: RouteTest[] = [];
      for (const side of [n.childForFieldName('left'), n.childForFieldName('right')]) {
        const t = side && routeTestsOf(side, truth, params);
        if (!t) return undefined;
        out.push(...t);
      }
      return out;
    }
    return undefined;
  }
  if (n.type === 'identifier' && params.has(n.text)) return [{ param: { name: n.text, absentFalsy: params.get(n.text)! }, truth }];
  if (n.type === 'comparison_operator') {
    const parts = kids(n);
    if (parts.length !== 2) return undefined;
    const op = n.text.slice(parts[0].endIndex - n.startIndex, parts[1].startIndex - n.startIndex).trim().replace(/\s+/g, ' ');
    const negated = op === '!=' || op === 'not in' || op === 'is not';
    if (METHOD.test(parts[0].text) && /^(==|!=|in|not in)$/.test(op)) {
      const methods = methodsOf(parts[1]);
      if (!methods || (/^(==|!=)$/.test(op) && parts[1].type !== 'string')) return undefined;
      return [{ methods, truth: negated ? !truth : truth }];
    }
    // `data is None`: data is falsy.
    if (/^(is|is not|==|!=)$/.test(op) && parts[1].text === 'None' && parts[0].type === 'identifier') return routeTestsOf(parts[0], negated ? truth : !truth, params);
  }
  return undefined;
}

/** Does the route decide every test to hold (true), one to fail (false), or leave one open (undefined)? */
export function routeTestsHold(tests: readonly RouteTest[], route: { method: string; path: string }): boolean | undefined {
  let open = false;
  for (const t of tests) {
    const v = valueFor(t, route);
    if (v === undefined) open = true;
    else if (v !== t.truth) return false;
  }
  return open ? undefined : true;
}

function valueFor(t: RouteTest, route: { method: string; path: string }): boolean | undefined {
  if (t.methods) return /^[A-Z]+$/.test(route.method) && route.method !== 'ANY' ? t.methods.includes(route.method) : undefined;
  if (!t.param) return undefined;
  const name = t.param.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const bound = new RegExp(`<(?:(\\w+)(?:\\([^)]*\\))?:)?${name}>|:${name}\\b|\\{${name}\\}`).exec(route.path);
  if (!bound) return t.param.absentFalsy ? false : undefined;
  // A string or path segment is never empty; a number may be 0.
  return !bound[1] || /^(string|path|any|uuid)$/.test(bound[1]) ? true : undefined;
}

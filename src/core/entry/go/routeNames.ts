// gorilla/mux middleware may decide by the matched route's name (`mux.CurrentRoute(r).GetName()`):
// miniflux's session middleware lets the routes of `isPublicRoute` through and redirects the rest
// to the login page; a metrics middleware refuses only the route named "metrics". What a
// refusal's surrounding `if`s say about the route name, read at extraction, is decided per route
// at link time (`appliesTo`), with helpers that test the name (`switch route.GetName() { case
// "login", …: return true }`) resolved by then.
import type { GoNode as Node } from './goNode';
import { all, kids } from '../treeUtil';
import type { Callee, NameTest } from './types';

const GET_NAME = /\.GetName\(\)$/;
const FN = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const HANDS_ON = /ServeHTTP\(|\bnext\(|\.Next\(\)/;

/** The names a comparison tests (`x.GetName() == "a" || x.GetName() == "b"`), or undefined. */
function namesCompared(c: Node): string[] | undefined {
  if (c.type === 'parenthesized_expression') return namesCompared(c.namedChildren[0]!);
  if (c.type !== 'binary_expression') return undefined;
  const op = c.childForFieldName('operator')?.text;
  const l = c.childForFieldName('left')!;
  const r = c.childForFieldName('right')!;
  if (op === '||') {
    const a = namesCompared(l);
    const b = namesCompared(r);
    return a && b ? [...a, ...b] : undefined;
  }
  if (op !== '==') return undefined;
  const [call, lit] = GET_NAME.test(l.text) ? [l, r] : GET_NAME.test(r.text) ? [r, l] : [];
  if (!call || lit?.type !== 'interpreted_string_literal') return undefined;
  return [lit.text.slice(1, -1)];
}

/** What a condition says about the route name: a list of names, a helper to resolve, negated by `!`. */
function nameTest(c: Node, callee: (n: Node) => Callee | undefined, inThen: boolean): NameTest | undefined {
  let cond = c;
  let negated = false;
  while (cond.type === 'parenthesized_expression') cond = cond.namedChildren[0]!;
  if (cond.type === 'unary_expression' && cond.text.startsWith('!')) {
    negated = true;
    cond = cond.namedChildren[0]!;
  }
  // `name == "metrics" && !allowed(r)`: in the then-branch, the name must match.
  if (!negated && inThen && cond.type === 'binary_expression' && cond.childForFieldName('operator')?.text === '&&') {
    const parts = [cond.childForFieldName('left')!, cond.childForFieldName('right')!];
    for (const p of parts) {
      const t = nameTest(p, callee, true);
      if (t) return t;
    }
    return undefined;
  }
  const names = namesCompared(cond);
  if (names) return { names, negated };
  if (cond.type === 'call_expression') {
    const via = callee(cond.childForFieldName('function')!);
    if (via && !via.startsWith('ext:')) return { via, negated };
  }
  return undefined;
}

/**
 * The name tests a refusal sits under, up to its function: in the then-branch of `if C` the route
 * must pass C; in the else-branch, or after an earlier `if C { next.ServeHTTP(w, r); return }`
 * in a block around it, it must not.
 */
export function nameConditions(n: Node, callee: (n: Node) => Callee | undefined): NameTest[] {
  const out: NameTest[] = [];
  let child = n;
  for (let p = n.parent; p && !FN.has(p.type); child = p, p = p.parent) {
    if (p.type === 'if_statement') {
      const cond = p.childForFieldName('condition');
      const then = p.childForFieldName('consequence');
      if (!cond || child.startIndex === cond.startIndex) continue;
      const inThen = !!then && child.startIndex === then.startIndex;
      const t = nameTest(cond, callee, inThen);
      if (t) out.push(inThen ? t : { ...t, negated: !t.negated });
    }
    if (p.type === 'block' || p.type === 'statement_list') {
      for (const s of kids(p)) {
        if (s.startIndex >= child.startIndex) break;
        if (s.type !== 'if_statement' || s.childForFieldName('alternative')) continue;
        const then = s.childForFieldName('consequence');
        const cond = s.childForFieldName('condition');
        if (!then || !cond || !HANDS_ON.test(then.text) || !/\breturn\b/.test(then.text)) continue;
        const t = nameTest(cond, callee, true);
        if (t) out.push({ ...t, negated: !t.negated });
      }
    }
  }
  return out;
}

/** `switch route.GetName() { case "login", …: return true }` or `return x.GetName() == "a" || …`: the names it is true for. */
export function trueForNames(body: Node): string[] | undefined {
  for (const sw of all(body, 'expression_switch_statement')) {
    if (!GET_NAME.test(sw.childForFieldName('value')?.text ?? '')) continue;
    const names: string[] = [];
    for (const c of kids(sw).filter((k) => k.type === 'expression_case')) {
      const returnsTrue = all(c, 'return_statement').some((r) => r.namedChildren[0]?.text === 'true');
      if (!returnsTrue) continue;
      for (const v of kids(c.childForFieldName('value'))) if (v.type === 'interpreted_string_literal') names.push(v.text.slice(1, -1));
    }
    if (names.length) return names;
  }
  for (const r of all(body, 'return_statement')) {
    const names = r.namedChildren[0]?.namedChildren[0] && namesCompared(r.namedChildren[0].namedChildren[0]);
    if (names) return names;
  }
  return undefined;
}

/** Whether a refusal under these tests can reach a route of this name; a test we cannot read leaves it reachable. */
export function appliesTo(tests: NameTest[] | undefined, name: string | undefined, resolve: (via: Callee) => string[] | undefined): boolean {
  for (const t of tests ?? []) {
    const names = t.names ?? (t.via ? resolve(t.via) : undefined);
    if (!names) continue;
    const inSet = name !== undefined && names.includes(name);
    if (inSet === t.negated) return false;
  }
  return true;
}

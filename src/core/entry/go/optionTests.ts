// A refusal a middleware factory makes only when the options it was given say so:
// `func Toggle(options *ToggleOptions) Handler { return func(c *Context) { if options.SignInRequired
// { if !c.IsLogged { c.JSON(403, …) } } } }`. The same factory makes a gate (`Toggle(&ToggleOptions
// {SignInRequired: true})`) and a pass (`{SignOutRequired: true}`), so its refusal alone does not
// make what it returns a guard: the options given decide, and until they are read, the middleware
// is `unknown` (verdict.ts), never a guard nor open.
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';
import { FN } from './scope';

/** The test of an enclosing function's parameter field (`options.SignInRequired`) the refusal at `n` sits under, if any; the innermost function's own parameters (the request) do not count. */
export function optionAbove(n: Node): string | undefined {
  const tests: Node[] = [];
  let innermost = true;
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'if_statement') {
      const cond = p.childForFieldName('condition');
      if (cond) tests.push(cond);
    }
    if (!FN.includes(p.type)) continue;
    if (innermost) {
      innermost = false;
      continue;
    }
    const params = new Set<string>();
    for (const decl of kids(p.childForFieldName('parameters'))) for (const id of decl.childrenForFieldName('name')) if (id) params.add(id.text);
    for (const t of tests) {
      const m = /^[!(\s]*([A-Za-z_]\w*)\.(\w+)/.exec(t.text);
      if (m && params.has(m[1]!)) return t.text.replace(/\s+/g, ' ').slice(0, 80);
    }
  }
  return undefined;
}

/**
 * Whether an option test holds for the options written at the call that made the middleware
 * (`Toggle(&ToggleOptions{SignInRequired: true})`): `options.SignInRequired` holds when the literal
 * sets that field to `true`, fails when it sets `false` or leaves it out (Go's zero value); a setting
 * (`conf.Auth.RequireSigninView`) counts by its fresh-install value, when `setting` knows it; any
 * other value, or options not written as a literal: undefined.
 */
export function optionHolds(test: string, made: string, setting?: (expr: string) => string | undefined): boolean | undefined {
  const m = /^\s*(!?)\s*\(?\s*[A-Za-z_]\w*\.(\w+)\s*\)?\s*$/.exec(test);
  const lit = /\{([^{}]*)\}\s*\)\s*$/.exec(made);
  if (!m || !lit) return undefined;
  const field = new RegExp(`(?:^|[,\\s])${m[2]}\\s*:\\s*([^,]+?)\\s*(?:,|$)`).exec(lit[1]!);
  // A setting's fresh-install value (`SignInRequired: conf.Auth.RequireSigninView`, resolve.ts settingOfExpr).
  const written = field && field[1] !== 'true' && field[1] !== 'false' ? setting?.(field[1]) : field?.[1];
  const value = !field ? false : written === 'true' ? true : written === 'false' ? false : undefined;
  if (value === undefined) return undefined;
  return m[1] ? !value : value;
}

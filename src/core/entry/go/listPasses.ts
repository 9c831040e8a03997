// A gin middleware that lets paths through by a list it ranges over:
// `for _, v := range noLogin { if strings.HasPrefix(c.Request.URL.Path, v) { return } }` with
// `var noLogin = []string{"/auth/", "/api/config"}` at package level. In gin a middleware that
// returns without aborting hands the request on, so routes under those prefixes pass unchecked.
// An exception list tested inside the branch (`for _, o := range override { if o == path { skip =
// true } }; if !skip { return }`) keeps those exact paths checked. Any other condition on the
// return, or an exception list we cannot read, records no pass: the guard stands.
import type { GoNode as Node } from './goNode';
import { all, kids } from '../treeUtil';
import { statements } from './goStatements';
import type { PathPass, StrPart } from './types';
import { normalizeRoutePath } from '../routePath';

const REQUEST_PATH = /URL\.Path|RequestURI|FullPath\(\)/;
// A branch that answers (aborts, writes a status or a body, redirects) is a refusal, not a pass.
const ANSWERS = /Abort|\.JSON\(|\.String\(|\.Status\(|Redirect|Error\(|\.Data\(/;
const EACH = /^each:(.+)$/;

/** The loop whose value variable is `name`, around `n`, and what it ranges over. */
function rangeOf(n: Node, name: string): Node | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return undefined;
    if (p.type !== 'for_statement') continue;
    const rc = kids(p).find((k) => k.type === 'range_clause');
    const vals = kids(rc?.childForFieldName('left'));
    if (vals.length === 2 && vals[1].text === name) return rc?.childForFieldName('right') ?? undefined;
  }
  return undefined;
}

/** `for _, o := range list { if o == path { … } }` inside `branch`: the list, as `rangeOver` gives it. */
function exceptionList(branch: Node, rangeOver: (over: Node) => StrPart | undefined): StrPart | undefined {
  for (const iff of all(branch, 'if_statement')) {
    const cond = iff.childForFieldName('condition');
    if (cond?.type !== 'binary_expression' || cond.childForFieldName('operator')?.text !== '==') continue;
    const [l, r] = [cond.childForFieldName('left'), cond.childForFieldName('right')];
    const v = REQUEST_PATH.test(l?.text ?? '') && r?.type === 'identifier' ? r : REQUEST_PATH.test(r?.text ?? '') && l?.type === 'identifier' ? l : undefined;
    const over = v ? rangeOf(iff, v.text) : undefined;
    if (over) return rangeOver(over);
  }
  return undefined;
}

/** The passes of a gin middleware (`fn` takes a `*gin.Context`) that returns early for the paths of a list. */
export function listPasses(fn: Node, body: Node, rangeOver: ((over: Node) => StrPart | undefined) | undefined): PathPass[] {
  if (!rangeOver || !/\*gin\.Context\b/.test(fn.childForFieldName('parameters')?.text ?? '')) return [];
  const out: PathPass[] = [];
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition');
    const then = st.childForFieldName('consequence');
    if (cond?.type !== 'call_expression' || !then || !/HasPrefix$/.test(cond.childForFieldName('function')?.text ?? '') || ANSWERS.test(then.text)) continue;
    const args = kids(cond.childForFieldName('arguments'));
    if (args.length !== 2 || !REQUEST_PATH.test(args[0].text) || args[1].type !== 'identifier') continue;
    const over = rangeOf(st, args[1].text);
    const prefix = over ? rangeOver(over) : undefined;
    if (!prefix) continue;
    const sts = statements(then);
    if (sts.some((s) => s.type === 'return_statement')) {
      out.push({ under: true, prefix: [prefix] });
      continue;
    }
    // `if !skip { return }` after an exception loop: the exact paths of that list stay checked.
    const gated = sts.find((s) => s.type === 'if_statement' && s.childForFieldName('condition')?.type === 'unary_expression' && statements(s.childForFieldName('consequence')).every((x) => x.type === 'return_statement'));
    const except = gated ? exceptionList(then, rangeOver) : undefined;
    if (except) out.push({ under: true, prefix: [prefix], except: [except] });
  }
  return out;
}

/**
 * Passes over package lists (`each:dir#name` markers) made one per element; an exception list made
 * into its literals. A prefix list we do not know stays a marker (no path matches it); an exception
 * list we do not know drops the pass, so the guard stands.
 */
export function expandPassLists(passes: PathPass[], lists: ReadonlyMap<string, string[]>): PathPass[] {
  if (!passes.some((p) => p.prefix.some(isEach) || p.except)) return passes;
  const out: PathPass[] = [];
  for (const p of passes) {
    let except: StrPart[] | undefined;
    if (p.except) {
      const known = p.except.map((x) => ('dyn' in x && EACH.test(x.dyn) ? lists.get(EACH.exec(x.dyn)![1]) : 'lit' in x ? [x.lit] : undefined));
      if (known.some((k) => !k)) continue;
      except = known.flat().map((lit) => ({ lit: normalizeRoutePath(lit!) }));
    }
    const each = p.prefix.length === 1 && isEach(p.prefix[0]) ? lists.get(EACH.exec((p.prefix[0] as { dyn: string }).dyn)![1]) : undefined;
    for (const prefix of each ? each.map((lit) => [{ lit }]) : [p.prefix]) out.push({ ...p, prefix, ...(except ? { except } : {}) });
  }
  return out;
}

const isEach = (x: StrPart): boolean => 'dyn' in x && EACH.test(x.dyn);

// A guard's configured skipper (echo-jwt, echo's KeyAuth/BasicAuth, any library config with a
// `Skipper` func): `Skipper: func(c) bool { if publicPaths[c.Path()] { return true } … }` lets the
// routes whose path pattern is a key of that map (or compared equal to the matched path) through
// without the check. Only these exact-path exemptions are read; any other way the skipper returns
// true (a valid API token it checks itself) is a check, not an exemption.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line, stringValue } from '../treeUtil';
import { normalizeRoutePath } from '../routePath';
import { dict } from '../../ownKeys';
import type { GoScope } from './scope';
import type { GoFileFacts } from './types';

export interface SkipFacts {
  /** Package-level `var name = map[string]bool{"/x": true, …}`: name → the keys set to true. */
  sets: Record<string, string[]>;
  skippers: Skipper[];
}

export interface Skipper {
  /** The function the config is written in (its middleware, once called). */
  fnKey: string;
  /** The call whose argument holds the config (`echojwt.WithConfig(…)`), when the candidate is that call. */
  file: string;
  callLine: number;
  line: number;
  /** `dir#name` of the maps it looks the matched path up in. */
  sets: string[];
  paths: string[];
  /** Prefixes it lets through (`strings.HasPrefix(c.Path(), "/public")`), literal or `list:dir#name` of a package list ranged over. */
  prefixes?: string[];
  /** The variable the config literal is bound to, when it is not written in the call. */
  held?: string;
}

// The matched route pattern (`c.Path()`, gin's `c.FullPath()`) or the request's path, which equals it on a static route.
const MATCHED_PATH = /^\w+\.(Path\(\)|FullPath\(\)|Request\(\)\.URL\.Path)$/;

/** Whether a block (an if's consequence, a switch case) starts with `return true`. */
function returnsTrue(body: Node | null | undefined): boolean {
  let first = kids(body).find((k) => k.type !== 'comment' && k.type !== 'expression_list');
  if (first?.type === 'statement_list') first = kids(first)[0];
  return first?.type === 'return_statement' && kids(first)[0]?.text === 'true';
}

function skipOf(facts: GoFileFacts): SkipFacts {
  return (facts.skip ??= { sets: dict(), skippers: [] });
}

/** `var publicPaths = map[string]bool{…}` at package level. */
export function pathSet(spec: Node, facts: GoFileFacts): void {
  let decl = spec.parent;
  if (decl?.type === 'var_spec_list') decl = decl.parent;
  if (decl?.parent?.type !== 'source_file') return;
  const name = spec.childForFieldName('name')?.text;
  const lit = spec.childForFieldName('value')?.namedChildren[0];
  if (!name || lit?.type !== 'composite_literal' || !/^map\[string\]bool$/.test(lit.childForFieldName('type')?.text ?? '')) return;
  const keys: string[] = [];
  for (const ke of kids(lit.childForFieldName('body'))) {
    if (ke.type !== 'keyed_element') continue;
    const [k, v] = ke.namedChildren;
    const key = stringValue(k?.namedChildren[0] ?? k);
    if (key !== undefined && (v?.namedChildren[0] ?? v)?.text === 'true') keys.push(key);
  }
  if (keys.length) skipOf(facts).sets[name] = keys;
}

/** `Skipper: func(c …) bool { if set[c.Path()] { return true } … }` in a config literal. */
export function skipperOf(ke: Node, facts: GoFileFacts, sc: GoScope): void {
  const [k, v] = ke.namedChildren;
  if ((k?.namedChildren[0] ?? k)?.text !== 'Skipper') return;
  let fn: Node | null | undefined = v?.namedChildren[0] ?? v;
  // `Skipper: skipAuth`: a function of the same file, read like a literal.
  if (fn?.type === 'identifier') fn = declaredFunc(fn, fn.text);
  if (fn?.type !== 'func_literal' && fn?.type !== 'function_declaration') return;
  const sets: string[] = [];
  const paths: string[] = [];
  const prefixes: string[] = [];
  // One exemption test: `set[c.Path()]` or `c.Path() == "/x"`; an `||` of them is each of them.
  const exempts = (cond: Node | null | undefined): void => {
    while (cond?.type === 'parenthesized_expression') cond = cond.namedChildren[0];
    if (cond?.type === 'index_expression' && MATCHED_PATH.test(cond.childForFieldName('index')?.text ?? '')) {
      const op = cond.childForFieldName('operand');
      if (op?.type === 'identifier') sets.push(`${facts.dir}#${op.text}`);
    } else if (cond?.type === 'binary_expression' && cond.childForFieldName('operator')?.text === '||') {
      exempts(cond.childForFieldName('left'));
      exempts(cond.childForFieldName('right'));
    } else if (cond?.type === 'call_expression' && /^strings\.HasPrefix$/.test(cond.childForFieldName('function')?.text ?? '')) {
      const [subject, prefix] = callArgs(cond);
      if (!MATCHED_PATH.test(subject?.text ?? '')) return;
      const lit = prefix ? stringValue(prefix) : undefined;
      const list = prefix?.type === 'identifier' ? rangedList(prefix, facts.dir) : undefined;
      if (lit !== undefined) prefixes.push(lit);
      else if (list) prefixes.push(`list:${list}`);
    } else if (cond?.type === 'binary_expression' && cond.childForFieldName('operator')?.text === '==') {
      const [l, r] = [cond.childForFieldName('left'), cond.childForFieldName('right')];
      const lit = MATCHED_PATH.test(l?.text ?? '') ? stringValue(r) : MATCHED_PATH.test(r?.text ?? '') ? stringValue(l) : undefined;
      if (lit !== undefined) paths.push(lit);
    }
  };
  for (const iff of all(fn, 'if_statement')) if (returnsTrue(iff.childForFieldName('consequence'))) exempts(iff.childForFieldName('condition'));
  // `return c.Path() == "/health" || c.Path() == "/version"`: the paths compared are let through.
  for (const ret of all(fn, 'return_statement')) {
    const e = kids(ret)[0];
    const v = e?.type === 'expression_list' ? e.namedChildren[0] : e;
    if (v?.type === 'binary_expression') exempts(v);
  }
  // `switch c.Path() { case "/login", "/register": return true }`.
  for (const sw of all(fn, 'expression_switch_statement')) {
    if (!MATCHED_PATH.test(sw.childForFieldName('value')?.text ?? '')) continue;
    for (const cs of kids(sw)) {
      if (cs.type !== 'expression_case' || !returnsTrue(cs)) continue;
      for (const v of kids(cs.childForFieldName('value'))) {
        const lit = stringValue(v);
        if (lit !== undefined) paths.push(lit);
      }
    }
  }
  if (!sets.length && !paths.length && !prefixes.length) return;
  let call: Node | null = ke.parent;
  let held: string | undefined;
  for (; call && call.type !== 'call_expression'; call = call.parent) {
    // `cfg := middleware.JWTConfig{Skipper: …}` then `middleware.JWTWithConfig(cfg)`: the config is held by a name.
    if (call.type === 'short_var_declaration' || call.type === 'var_spec' || call.type === 'assignment_statement') {
      const left = call.type === 'var_spec' ? call.childForFieldName('name') : kids(call.childForFieldName('left'))[0];
      held = left?.type === 'identifier' ? left.text : undefined;
      call = null;
      break;
    }
  }
  skipOf(facts).skippers.push({ fnKey: sc.keyOf(sc.fnOf(ke)), file: facts.file, callLine: call ? line(call) : line(ke), line: line(ke), sets, paths, ...(prefixes.length ? { prefixes } : {}), ...(held ? { held } : {}) });
}

export interface SkipExemptions {
  paths: Set<string>;
  prefixes: string[];
  where: string;
}

/** The exemptions of the config a guard call is given by name (`JWTWithConfig(cfg)`), written in the same file. */
export function heldSkipper(byHeld: Map<string, SkipExemptions>, file: string, text: string): SkipExemptions | undefined {
  const m = /\(\s*&?(\w+)\s*\)\s*$/.exec(text);
  return m ? byHeld.get(`${file}#${m[1]}`) : undefined;
}

/** Whether a skipper lets a route's path through: an exact pattern or a prefix it tests. */
export function skipsPath(s: SkipExemptions, path: string): boolean {
  return s.paths.has(path) || s.prefixes.some((p) => path.startsWith(p));
}

/** The exemptions of every skipper, by the function it is written in and by the call it configures. */
export function skipperIndex(files: GoFileFacts[]): { byFn: Map<string, SkipExemptions>; byCall: Map<string, SkipExemptions>; byHeld: Map<string, SkipExemptions> } {
  const sets = new Map<string, string[]>();
  const lists = new Map<string, string[]>();
  for (const f of files) for (const [n, keys] of Object.entries(f.skip?.sets ?? {})) sets.set(`${f.dir}#${n}`, keys);
  for (const f of files) for (const [n, vals] of Object.entries(f.stringLists ?? {})) if (!n.startsWith('@')) lists.set(`${f.dir}#${n}`, vals);
  const byFn = new Map<string, SkipExemptions>();
  const byCall = new Map<string, SkipExemptions>();
  const byHeld = new Map<string, SkipExemptions>();
  for (const f of files) for (const s of f.skip?.skippers ?? []) {
    const paths = new Set([...s.paths, ...s.sets.flatMap((k) => sets.get(k) ?? [])].map((p) => normalizeRoutePath(p)));
    // A prefix list we cannot read exempts nothing we could name: the guard stays on those routes.
    const prefixes = (s.prefixes ?? []).flatMap((p) => (p.startsWith('list:') ? (lists.get(p.slice(5)) ?? []) : [p])).filter((p) => p.length > 1);
    if (!paths.size && !prefixes.length) continue;
    const v = { paths, prefixes, where: `${s.file}:${s.line}` };
    // The function the config is written in makes the guard either way (`func tokenAuth() … { cfg := …; return WithConfig(cfg) }`).
    byFn.set(s.fnKey, v);
    if (s.held) byHeld.set(`${s.file}#${s.held}`, v);
    else byCall.set(`${s.file}:${s.callLine}`, v);
  }
  return { byFn, byCall, byHeld };
}

/** The top-level `func name(…)` of the file `at` is in. */
function declaredFunc(at: Node, name: string): Node | undefined {
  let root: Node | null = at;
  while (root?.parent) root = root.parent;
  return kids(root).find((d) => d.type === 'function_declaration' && d.childForFieldName('name')?.text === name);
}

/** `for _, p := range list { … p … }` around `v`, list a package-level name: `dir#list`. */
function rangedList(v: Node, dir: string): string | undefined {
  for (let p = v.parent; p; p = p.parent) {
    if (p.type !== 'for_statement') continue;
    const rc = kids(p).find((k) => k.type === 'range_clause');
    const left = kids(rc?.childForFieldName('left'));
    const over = rc?.childForFieldName('right');
    if (left[left.length - 1]?.text === v.text && over?.type === 'identifier') return `${dir}#${over.text}`;
  }
  return undefined;
}

// An auth middleware configured by builder methods, whose lists make it optional:
// `NewAuthenticateMiddleware(users).WithOptionalFor("/api/badge/").Handler`, where
// `WithOptionalFor(paths ...string)` sets `m.optionalForPaths = paths`, the middleware hands on
// before refusing when `if m.isOptional(r) { next(w, r); return }`, and `isOptional` is true for a
// request path under one of those prefixes (`strings.HasPrefix(r.URL.Path, p)`) or a method of the
// other list. A route whose full path (chi's `r.URL.Path` is the whole request path) or method the
// configured lists take passes that middleware anonymously; every other route is refused by it.
// A builder call under an `if` we cannot settle leaves the route `unknown` (depends on
// configuration), never open; lists we cannot read exempt nothing.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line } from '../treeUtil';
import { statements } from './goStatements';
import type { Callee, GoCandidate, GoFunc, SettingTest, StrPart } from './types';
import { settingAbove, settingState } from './settings';
import type { GoIndex } from './resolve';

/** A builder call applied to the middleware value before its handler is taken. */
export interface BuildCall {
  callee: Callee;
  /** Each argument: its string parts (a literal, a constant, `http.MethodOptions` as its value). */
  args: StrPart[][];
  /** The `if` condition it runs under, in the function that builds the middleware. */
  cond?: string;
  /** That condition as a test of a setting on the builder method's receiver (settings.ts), and that method's key. */
  setting?: SettingTest;
  fnKey?: string;
  line: number;
}

const HANDS_ON = /ServeHTTP\(|\bnext\(|\.Next\(\)/;
const HTTP_METHOD = /^http\.Method(Get|Head|Post|Put|Patch|Delete|Connect|Options|Trace)$/;

/** `if recv.isOptional(r) { next(w, r); return }`: the calls of ours whose truth hands the request on unchecked. */
export function optionalGates(body: Node, callee: (n: Node) => Callee | undefined): Callee[] {
  const out: Callee[] = [];
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition');
    const then = st.childForFieldName('consequence');
    if (cond?.type !== 'call_expression' || !then || !HANDS_ON.test(then.text)) continue;
    const sts = statements(then);
    if (sts[sts.length - 1]?.type !== 'return_statement') continue;
    const c = callee(cond.childForFieldName('function')!);
    if (c?.startsWith('fn:') && !out.includes(c)) out.push(c);
  }
  return out;
}

function receiverName(fn: Node): string | undefined {
  const decl = kids(fn.childForFieldName('receiver')).find((k) => k.type === 'parameter_declaration');
  return decl?.childForFieldName('name')?.text;
}

/**
 * A method true for the request when its path is under (or is) an element of a receiver field, or its
 * method one of another's: `for _, p := range m.paths { if strings.HasPrefix(r.URL.Path, p) { return true } }`.
 */
export function optionalLists(fn: Node, body: Node): GoFunc['optionalBy'] {
  const recv = fn.type === 'method_declaration' ? receiverName(fn) : undefined;
  if (!recv) return undefined;
  const paths: { field: string; prefix: boolean }[] = [];
  const methods: string[] = [];
  for (const loop of all(body, 'for_statement')) {
    const rc = kids(loop).find((k) => k.type === 'range_clause');
    const vals = kids(rc?.childForFieldName('left'));
    const over = rc?.childForFieldName('right');
    const m = over ? new RegExp(`^${recv}\\.(\\w+)$`).exec(over.text) : null;
    const v = vals.length === 2 ? vals[1].text : undefined;
    if (!m || !v) continue;
    for (const iff of all(loop, 'if_statement')) {
      const cond = iff.childForFieldName('condition')?.text ?? '';
      const sts = statements(iff.childForFieldName('consequence'));
      if (sts.length !== 1 || !/^return\s+true$/.test(sts[0].text)) continue;
      if (new RegExp(`HasPrefix\\(\\s*\\w+\\.URL\\.Path\\s*,\\s*${v}\\s*\\)`).test(cond)) paths.push({ field: m[1], prefix: true });
      else if (new RegExp(`\\w+\\.URL\\.Path\\s*==\\s*${v}\\b|\\b${v}\\s*==\\s*\\w+\\.URL\\.Path`).test(cond)) paths.push({ field: m[1], prefix: false });
      else if (new RegExp(`\\w+\\.Method\\s*==\\s*(strings\\.ToUpper\\(\\s*${v}\\s*\\)|${v}\\b)`).test(cond)) methods.push(m[1]);
    }
  }
  return paths.length || methods.length ? { paths, methods } : undefined;
}

/** `func (m *T) WithX(paths ...string) *T { m.field = paths; return m }`: the receiver fields set from whole parameters. */
export function fieldSetters(fn: Node, body: Node, params: string[]): GoFunc['fieldSets'] {
  const recv = fn.type === 'method_declaration' ? receiverName(fn) : undefined;
  if (!recv) return undefined;
  const out: NonNullable<GoFunc['fieldSets']> = [];
  for (const st of statements(body)) {
    if (st.type !== 'assignment_statement') continue;
    const m = new RegExp(`^${recv}\\.(\\w+)$`).exec(st.childForFieldName('left')?.text ?? '');
    const i = params.indexOf(st.childForFieldName('right')?.text ?? '');
    if (!m || i < 0) continue;
    const variadic = kids(fn.childForFieldName('parameters')).some((d) => d.type === 'variadic_parameter_declaration' && d.childForFieldName('name')?.text === params[i]);
    out.push({ field: m[1], param: i, ...(variadic ? { variadic } : {}) });
  }
  return out.length ? out : undefined;
}

/** The builder calls a middleware candidate's value went through: its chain, or the assignments of the local it is taken from. */
export function buildCalls(n: Node, callee: (n: Node) => Callee | undefined, str: (n: Node) => StrPart[], fnKey: (n: Node) => string): BuildCall[] {
  let base = n.type === 'selector_expression' ? n.childForFieldName('operand') : null;
  if (!base) return [];
  const arg = (a: Node): StrPart[] => {
    const m = HTTP_METHOD.exec(a.text);
    return m ? [{ lit: m[1].toUpperCase() }] : str(a);
  };
  const chain = (x: Node | null, cond?: string, setting?: SettingTest): { calls: BuildCall[]; root: Node | null } => {
    const calls: BuildCall[] = [];
    while (x?.type === 'call_expression') {
      const f = x.childForFieldName('function');
      if (f?.type !== 'selector_expression') break;
      const c = callee(f);
      if (c) calls.unshift({ callee: c, args: callArgs(x).map(arg), line: line(x), ...(cond ? { cond } : {}), ...(setting ? { setting, fnKey: fnKey(x) } : {}) });
      x = f.childForFieldName('operand');
    }
    return { calls, root: x };
  };
  const own = chain(base);
  base = own.root;
  if (base?.type !== 'identifier') return own.calls;
  // `auth := New().WithA(a); if c { auth = auth.WithB(b) }; r.Use(auth.Handler)`: the local's assignments before the use.
  const fn = enclosing(n);
  if (!fn) return own.calls;
  const out: BuildCall[] = [];
  for (const d of all(fn, ['short_var_declaration', 'assignment_statement'])) {
    if (d.startIndex > n.startIndex || enclosing(d)?.startIndex !== fn.startIndex) continue;
    const left = d.childForFieldName('left')?.namedChildren ?? [];
    const right = d.childForFieldName('right')?.namedChildren ?? [];
    if (left.length !== 1 || left[0]?.text !== base.text || !right[0]) continue;
    const cond = conditionOf(d, fn);
    out.push(...chain(right[0], cond, cond ? settingAbove(d) : undefined).calls);
  }
  return [...out, ...own.calls];
}

function enclosing(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return p;
  return undefined;
}

function conditionOf(n: Node, fn: Node): string | undefined {
  for (let p = n.parent; p && p.startIndex !== fn.startIndex; p = p.parent) if (p.type === 'if_statement') return p.childForFieldName('condition')?.text.replace(/\s+/g, ' ');
  return undefined;
}

/**
 * Whether the configured optional lists of a guard let this route through: a note for the route
 * (`exempt`), a doubt when a builder call that may set them runs under a condition we cannot settle.
 */
export function optionalSkip(ix: GoIndex, c: GoCandidate, gates: Callee[] | undefined, path: string, method: string): { exempt: string } | { unknown: string } | undefined {
  if (!gates?.length || !c.builds?.length) return undefined;
  for (const gate of gates) {
    const by = ix.fnOf(gate)?.optionalBy;
    if (!by) continue;
    // The last unconditional value of each list field; a conditional call whose list would take the route is a doubt.
    const values = new Map<string, { lits: string[]; at: BuildCall }>();
    const doubts: { field: string; lits: string[]; at: BuildCall }[] = [];
    for (const b of c.builds) {
      // A call under a setting's test (`if !h.config.App.LeaderboardRequireAuth { … }`) runs as the default configuration decides.
      const state = b.cond && b.setting && b.fnKey ? settingState(ix, b.fnKey, b.setting).state : undefined;
      if (state === 'off') continue;
      const cond = state === 'on' ? undefined : b.cond;
      for (const fs of ix.fnOf(b.callee)?.fieldSets ?? []) {
        const given = fs.variadic ? b.args.slice(fs.param) : b.args[fs.param] ? [b.args[fs.param]] : [];
        const lits = given.map((a) => ix.literal(a));
        const known = lits.every((x): x is string => x !== undefined);
        if (cond) {
          if (known) doubts.push({ field: fs.field, lits, at: b });
        } else if (known) values.set(fs.field, { lits, at: b });
        else values.delete(fs.field);
      }
    }
    const hit = (field: string, test: (lit: string) => boolean): string | { unknown: string } | undefined => {
      const d = doubts.find((x) => x.field === field && x.lits.some(test));
      if (d) return { unknown: `${c.text.slice(0, 60)} (${c.file}:${c.line}) lets it through anonymously only when ${d.at.cond} (${c.file}:${d.at.line}): depends on configuration` };
      const v = values.get(field);
      const lit = v?.lits.find(test);
      return lit === undefined || !v ? undefined : `lets ${lit} through anonymously (its optional list, set at ${c.file}:${v.at.line})`;
    };
    for (const p of by.paths) {
      const r = hit(p.field, (lit) => path === lit || (p.prefix && path.startsWith(lit)));
      if (r !== undefined) return typeof r === 'string' ? { exempt: r } : r;
    }
    for (const f of by.methods) {
      const r = hit(f, (lit) => lit.toUpperCase() === method);
      if (r !== undefined) return typeof r === 'string' ? { exempt: r } : r;
    }
  }
  return undefined;
}


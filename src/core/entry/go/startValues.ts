// The value start-up code writes into a setting (`server.Config.Server.RootPath = rootPath`), kept
// as a small program so that link time can compute it from the inputs at their defaults: the
// statements before the write in its function that bind the locals it reads (`u, _ :=
// url.Parse(…)`, `rootPath := strings.TrimSuffix(u.Path, "/")`, `if rootPath != "" { rootPath =
// "/" + rootPath }`), pruned to those it depends on. A statement we cannot read that may change one
// of those locals (a loop, a pointer handed out) makes it unknown, so the setting stays dynamic:
// the value is computed, never guessed. Command-line flags are declared here too: urfave/cli's
// `&cli.StringFlag{Name, Value, Destination}`, `flag`/pflag/cobra's `StringVar(&x, "name", "def", …)`
// and `String("name", "def", …)`; an unset string flag defaults to "", a required one to nothing.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line, stringValue } from '../treeUtil';
import { statements } from './goStatements';
import { value, type StrEnv, type SVal } from './evalStr';
import { dotted, expr, type SExpr, type StrFnContext } from './strFuncs';
import { FN } from './scope';
import { dict } from '../../ownKeys';
import type { Callee } from './types';
import { memoSteps, type StartMemo } from './startSteps';

/**
 * A statement of a start-up program: a binding, an assignment (to a local or a field of one,
 * `c.BasePath`), `if` (its test, then, else, initializer), a local handed by address to a function
 * of ours (`tidy(base.Pointer())`: what that function does to it, `pointerEffect`), a statement
 * that may change these locals in a way we do not follow (`x.` for what a local points at).
 */
export type VStmt = ['let' | 'set', string, SExpr] | ['if', SExpr, VStmt[], VStmt[], VStmt[]] | ['?', string[]] | ['ptr', Callee, number, string];

/** What a function of ours does to a string it is handed by address (`func tidy(p *string)`): the program from its parameter's value to the value it leaves. */
export interface PointerEffect extends StartValue {
  param: string;
}

export interface StartValue {
  body: VStmt[];
  value: SExpr;
}

/** A flag's declaration: its name, its default (`['?']` when it has none: required, or computed), its line. */
export interface FlagDecl {
  name: string;
  value: SExpr;
  line: number;
}

const FLAG_PACKAGES = /^(flag|github\.com\/spf13\/(pflag|cobra))$/;
const URFAVE = /(^|\/)urfave\/cli(\/v\d+)?$/;

/** Whether the file imports a flag package, so that `x.StringVar(&v, "name", "def", …)` is one. */
export function importsFlags(imports: Record<string, { path: string }>): boolean {
  return Object.values(imports).some((i) => FLAG_PACKAGES.test(i.path));
}

/**
 * Flag libraries whose methods take the default before the name, by the type the method is called
 * on (read from each library's own declaration): zgo.at/zli `func (f *Flags) String(def, name
 * string, aliases ...string) flagString`, whose value `.String()` reads and `.Pointer()` hands out.
 */
const DEFAULT_FIRST = /(?:^|:)zgo\.at\/zli#\*?Flags\.String$/;

/** A flag declared by a library that takes its default first: its names and default. */
export function defaultFirstFlag(call: Node, callee: Callee | undefined): { names: string[]; def: Node } | undefined {
  if (!callee || !DEFAULT_FIRST.test(callee)) return undefined;
  const [def, ...rest] = callArgs(call);
  const names = rest.map((a) => stringValue(a));
  if (!def || !names.length || names.some((n) => n === undefined)) return undefined;
  return { names: names as string[], def };
}

/** `StringVar(&v, "name", "def", …)`, `StringVarP(&v, "name", "n", "def", …)`, `String("name", "def", …)`, `StringP(…)`: the flag's name, default and target. */
export function flagDefinition(call: Node, callee?: Callee): { name: string; def: Node; target?: Node } | undefined {
  const f = call.childForFieldName('function');
  // A library that takes the default first is read its own way (`defaultFirstFlag`).
  if (callee && DEFAULT_FIRST.test(callee)) return undefined;
  const m = f?.type === 'selector_expression' ? /^String(Var)?(P)?$/.exec(f.childForFieldName('field')?.text ?? '') : null;
  if (!m) return undefined;
  const args = callArgs(call);
  const at = m[1] ? 1 : 0;
  const name = args[at] ? stringValue(args[at]) : undefined;
  const def = args[at + (m[2] ? 2 : 1)];
  if (name === undefined || !def || args.length !== at + (m[2] ? 4 : 3)) return undefined;
  const t = m[1] ? args[0] : undefined;
  if (m[1] && (t?.type !== 'unary_expression' || t.childForFieldName('operator')?.text !== '&')) return undefined;
  return { name, def, target: t?.childForFieldName('operand') ?? undefined };
}

/**
 * urfave/cli's string flags in a file (`&cli.StringFlag{Name: "server-host", Value: …}`), each
 * with the target of its `Destination` when it has one.
 */
export function urfaveFlags(root: Node, typeKey: (t: Node | null) => string | undefined, ctx: StrFnContext): { decl: FlagDecl; target?: Node }[] {
  const out: { decl: FlagDecl; target?: Node }[] = [];
  for (const lit of all(root, 'composite_literal')) {
    const t = typeKey(lit.childForFieldName('type'));
    const m = t ? /^ext:(.*)#(StringFlag|PathFlag)$/.exec(t) : null;
    if (!m || !URFAVE.test(m[1])) continue;
    let name: string | undefined;
    let def: SExpr = ['s', ''];
    let target: Node | undefined;
    for (const ke of kids(lit.childForFieldName('body')).filter((k) => k.type === 'keyed_element')) {
      const [k, v] = kids(ke).map((x) => (x.type === 'literal_element' ? x.namedChildren[0] ?? x : x));
      if (!k || !v) continue;
      if (k.text === 'Name') name = stringValue(v);
      else if (k.text === 'Value') def = expr(v, ctx, new Set());
      // A required flag has no default: a fresh install must give it.
      else if (k.text === 'Required' && v.text !== 'false') def = ['?'];
      else if (k.text === 'Destination' && v.type === 'unary_expression') target = v.childForFieldName('operand') ?? undefined;
    }
    // urfave/cli v1 names a flag with its aliases: `"server-host, s"`.
    for (const n of (name ?? '').split(',').map((x) => x.trim()).filter(Boolean)) out.push({ decl: { name: n, value: def, line: line(lit) }, target });
  }
  return out;
}

/** The program computing what `rhs` holds where statement `st` writes it, or undefined when the write sits in a loop or switch. */
export function startValue(st: Node, rhs: Node, ctx: StrFnContext, memo: StartMemo): StartValue | undefined {
  const levels: Node[][] = [];
  let fn: Node | undefined;
  for (let n: Node = st, p = st.parent; p; n = p, p = p.parent) {
    if (FN.includes(p.type)) {
      fn = p;
      break;
    }
    if (p.type === 'statement_list' || p.type === 'block') {
      const before = kids(p).filter((k) => k.type !== 'comment' && k.type !== 'statement_list' && k.endIndex <= n.startIndex);
      levels.unshift(before);
    } else if (p.type === 'if_statement') {
      const init = p.childForFieldName('initializer');
      if (init && n.startIndex !== init.startIndex) levels.unshift([init]);
    } else return undefined;
  }
  if (!fn) return undefined;
  const locals = new Set<string>();
  for (const decl of [...kids(fn.childForFieldName('receiver')), ...kids(fn.childForFieldName('parameters'))]) for (const id of decl.childrenForFieldName('name')) if (id) locals.add(id.text);
  // The statements' programs in order, each read once per function for all its writes (startSteps.ts).
  const run = (s: Node, set: Set<string>): VStmt[] => vstmt(s, { ...ctx, call: (n) => flagCall(n, ctx, set) }, set);
  const done = memoSteps(memo, fn, levels.flat(), locals, run);
  const v = expr(rhs, { ...ctx, call: (n) => flagCall(n, ctx, done.locals) }, done.locals);
  return { body: prune(done.body, vars(v, new Set())), value: v };
}

/**
 * What a function does to each string it is handed by address (`func tidy(p *string) { *p =
 * strings.Trim(*p, "/"); if *p != "" { *p = "/" + *p } }`), by the parameter's index. Only for a
 * function that returns nowhere but at its end: an early return would skip what follows.
 */
export function pointerEffects(fn: Node, ctx: StrFnContext): Record<number, PointerEffect> | undefined {
  const params: { name: string; ptr: boolean }[] = [];
  for (const decl of kids(fn.childForFieldName('parameters'))) {
    const ptr = decl.childForFieldName('type')?.text === '*string';
    for (const id of decl.childrenForFieldName('name')) if (id) params.push({ name: id.text, ptr });
  }
  if (!params.some((p) => p.ptr)) return undefined;
  const body = fn.childForFieldName('body');
  const sts = statements(body);
  const last = sts[sts.length - 1];
  if (!body || all(body, 'return_statement').some((r) => r.startIndex !== last?.startIndex)) return undefined;
  const out: Record<number, PointerEffect> = dict();
  params.forEach((p, i) => {
    if (!p.ptr) return;
    const locals = new Set(params.map((x) => x.name));
    const c: StrFnContext = { ...ctx, call: (n) => flagCall(n, ctx, locals) };
    const prog = sts.flatMap((s) => vstmt(s, c, locals));
    out[i] = { param: p.name, body: prune(prog, new Set([p.name])), value: ['v', p.name] };
  });
  return out;
}

/** A flag declared in an expression (`p := flag.String("base", "/", "…")`, zli's `f.String("/", "base")`): its value at its default; a flag value's `.String()`. */
function flagCall(n: Node, ctx: StrFnContext, locals: Set<string>): SExpr | undefined {
  const f = n.childForFieldName('function');
  const d = flagDefinition(n, f ? ctx.callee(f) : undefined);
  if (d) return d.target ? undefined : ['f', d.name, expr(d.def, ctx, locals)];
  const z = defaultFirstFlag(n, f ? ctx.callee(f) : undefined);
  if (z) return ['f', z.names[0], expr(z.def, ctx, locals)];
  // `base.String()` of a local: a flag value's string (a string itself has no methods; a parsed URL's stays unknown where a string is needed).
  const op = f?.type === 'selector_expression' ? f.childForFieldName('operand') : null;
  if (op?.type === 'identifier' && locals.has(op.text) && f!.childForFieldName('field')?.text === 'String' && !callArgs(n).length) return ['v', op.text];
  return undefined;
}

/** `c.BasePath` → `c.BasePath`, `*p` → `p`, `x` → `x`: a local or a field of one, as a program names it. */
function target(n: Node, locals: Set<string>): string | undefined {
  if (n.type === 'identifier') return n.text;
  if (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '*') {
    const o = n.childForFieldName('operand');
    return o?.type === 'identifier' && locals.has(o.text) ? o.text : undefined;
  }
  const names: string[] = [];
  let b: Node | null = n;
  while (b?.type === 'selector_expression') {
    names.unshift(b.childForFieldName('field')!.text);
    b = b.childForFieldName('operand');
  }
  return b?.type === 'identifier' && locals.has(b.text) && names.length ? [b.text, ...names].join('.') : undefined;
}

/**
 * Locals a call hands out: by address to a function of ours (`tidy(&s)`, a flag's `s.Pointer()`),
 * which we follow; by address elsewhere, or a local handed to a function of ours that may change
 * what it points at (`setup(c)`: its fields), which we do not.
 */
function handedOut(s: Node, ctx: StrFnContext, locals: Set<string>): VStmt[] {
  const out: VStmt[] = [];
  for (const call of all(s, 'call_expression')) {
    const f = call.childForFieldName('function');
    const c = f ? ctx.callee(f) : undefined;
    const own = !!c && !c.startsWith('ext:') && !c.startsWith('meth:');
    callArgs(call).forEach((a, i) => {
      let x: Node | null = null;
      if (a.type === 'unary_expression' && a.childForFieldName('operator')?.text === '&') x = a.childForFieldName('operand');
      const af = a.type === 'call_expression' ? a.childForFieldName('function') : null;
      if (af?.type === 'selector_expression' && af.childForFieldName('field')?.text === 'Pointer' && !callArgs(a).length) x = af.childForFieldName('operand');
      if (x?.type === 'identifier' && locals.has(x.text)) return void out.push(own ? ['ptr', c!, i, x.text] : ['?', [x.text]]);
      if (a.type === 'identifier' && locals.has(a.text) && own) out.push(['?', [`${a.text}.`]]);
    });
  }
  return out;
}

function vstmt(s: Node, ctx: StrFnContext, locals: Set<string>): VStmt[] {
  switch (s.type) {
    case 'short_var_declaration':
    case 'assignment_statement': {
      const decl = s.type === 'short_var_declaration';
      const l = kids(s.childForFieldName('left'));
      const r = kids(s.childForFieldName('right'));
      if (!decl && s.childForFieldName('operator')?.text !== '=') return unknown(s);
      const rs = r.map((x) => expr(x, ctx, locals));
      const out: VStmt[] = [];
      l.forEach((x, i) => {
        // `c.BasePath = base.String()`, `*p = "/" + *p`: a field of a local, what a parameter points at.
        const t = decl ? (x.type === 'identifier' ? x.text : undefined) : target(x, locals);
        if (t === undefined) return void out.push(...unknown(x));
        if (t === '_') return;
        // `u, _ := url.Parse(…)`: the first name is the call's first result; the others are not known.
        const v: SExpr = l.length === r.length ? rs[i] : i === 0 && r.length === 1 ? rs[0] : ['?'];
        out.push([decl ? 'let' : 'set', t, v]);
      });
      if (decl) for (const x of l) if (x.type === 'identifier') locals.add(x.text);
      // What the calls on the right do to locals handed to them by address, after the values are read.
      for (const x of r) out.push(...handedOut(x, ctx, locals));
      return out;
    }
    case 'var_declaration': {
      const out: VStmt[] = [];
      for (const spec of all(s, 'var_spec')) {
        const names = spec.childrenForFieldName('name').filter(Boolean) as Node[];
        const vals = kids(spec.childForFieldName('value'));
        names.forEach((n, i) => out.push(['let', n.text, vals[i] ? expr(vals[i], ctx, locals) : spec.childForFieldName('type')?.text === 'string' ? ['s', ''] : ['?']]));
        for (const n of names) locals.add(n.text);
      }
      return out;
    }
    case 'if_statement': {
      const inner = new Set(locals);
      const initNode = s.childForFieldName('initializer');
      const init = initNode ? vstmt(initNode, ctx, inner) : [];
      const cond = expr(s.childForFieldName('condition')!, ctx, inner);
      const alt = s.childForFieldName('alternative');
      const then = statements(s.childForFieldName('consequence')).flatMap((x) => vstmt(x, ctx, new Set(inner)));
      const otherwise = !alt ? [] : alt.type === 'if_statement' ? vstmt(alt, ctx, new Set(inner)) : statements(alt).flatMap((x) => vstmt(x, ctx, new Set(inner)));
      return [['if', cond, then, otherwise, init]];
    }
    case 'expression_statement': {
      const call = s.namedChildren[0];
      const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
      const d = call?.type === 'call_expression' ? flagDefinition(call, fn ? ctx.callee(fn) : undefined) : undefined;
      // `flag.StringVar(&base, "base", "/", "…")` into a local: the local holds the flag's value.
      if (d?.target?.type === 'identifier' && locals.has(d.target.text)) return [['set', d.target.text, ['f', d.name, expr(d.def, ctx, locals)]]];
      // `tidy(base.Pointer())`: what a function of ours does to the local (and nothing else it may write).
      if (call?.type === 'call_expression') return [...unknown(s, true), ...handedOut(s, ctx, locals)];
      return unknown(s);
    }
  }
  return unknown(s);
}

/** A statement we do not follow: the locals it may assign or hand out by address become unknown (`followed`: not those handedOut follows). */
function unknown(s: Node, followed = false): VStmt[] {
  const names = new Set<string>();
  const root = (n: Node | null): void => {
    while (n && (n.type === 'selector_expression' || n.type === 'index_expression' || n.type === 'parenthesized_expression' || (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '*'))) n = n.type === 'parenthesized_expression' ? n.namedChildren[0] ?? null : n.childForFieldName('operand');
    if (n?.type === 'identifier') names.add(n.text);
  };
  if (s.type === 'identifier' || s.type === 'selector_expression' || s.type === 'index_expression') root(s);
  for (const a of all(s, ['assignment_statement', 'short_var_declaration'])) for (const l of kids(a.childForFieldName('left'))) root(l);
  for (const a of all(s, ['inc_statement', 'dec_statement'])) root(a.namedChildren[0] ?? null);
  for (const a of all(s, 'unary_expression')) if (a.childForFieldName('operator')?.text === '&' && !(followed && a.parent?.type === 'argument_list')) root(a.childForFieldName('operand'));
  for (const a of all(s, 'range_clause')) for (const l of kids(a.childForFieldName('left'))) root(l);
  return names.size ? [['?', [...names]]] : [];
}

/** The locals an expression reads (`c.BasePath` both `c` and the field). */
function vars(e: SExpr | VStmt[] | SExpr[], out: Set<string>): Set<string> {
  if (e[0] === 'v') out.add(e[1] as string);
  else {
    const d = e[0] === '.' ? dotted(e as SExpr) : undefined;
    if (d) out.add(d);
    for (const x of e) if (Array.isArray(x)) vars(x as SExpr, out);
  }
  return out;
}

/** Whether a name, or a field of it, is needed (`c` for `c.BasePath`; `c.` for the fields alone). */
function touches(needed: Set<string>, name: string): boolean {
  if (name.endsWith('.')) return [...needed].some((n) => n.startsWith(name));
  return needed.has(name) || [...needed].some((n) => n.startsWith(`${name}.`));
}

/** Only the statements the needed locals depend on, in order. */
function prune(body: VStmt[], needed: Set<string>): VStmt[] {
  const out: VStmt[] = [];
  for (let i = body.length - 1; i >= 0; i--) {
    const st = body[i];
    if (st[0] === '?') {
      if (st[1].some((n) => touches(needed, n))) out.unshift(st);
    } else if (st[0] === 'ptr') {
      // Reads the local's value before the call and gives it a new one.
      if (needed.has(st[3])) out.unshift(st);
    } else if (st[0] === 'if') {
      const a = new Set(needed);
      const b = new Set(needed);
      const then = prune(st[2], a);
      const otherwise = prune(st[3], b);
      if (!then.length && !otherwise.length) continue;
      for (const n of [...a, ...b, ...vars(st[1], new Set()), ...vars(st[4], new Set())]) needed.add(n);
      out.unshift(['if', st[1], then, otherwise, st[4]]);
    } else if (touches(needed, st[1])) {
      // A declaration starts the local afresh, fields and all; an assignment to `c` leaves what `c.X` was given after it needed.
      needed.delete(st[1]);
      if (st[0] === 'let') for (const n of [...needed]) if (n.startsWith(`${st[1]}.`)) needed.delete(n);
      vars(st[2], needed);
      out.unshift(st);
    }
  }
  return out;
}

/** Runs a start-up program on the inputs at their defaults: the string written, or undefined. */
export function runStart(env: StrEnv, sv: StartValue, start?: Map<string, SVal>): string | undefined {
  const v = runStartValue(env, sv, start);
  return v && 's' in v ? v.s : undefined;
}

/** The value a start-up program computes (a parsed URL too), from `start`: settings at the value they held before it (`dir#Conf.SiteURL`). */
export function runStartValue(env: StrEnv, sv: StartValue, start?: Map<string, SVal>): SVal | undefined {
  const scopes: Map<string, SVal | null>[] = [new Map(start)];
  if (!exec(env, sv.body, scopes)) return undefined;
  return value(env, sv.value, flat(scopes), 0);
}

function flat(scopes: Map<string, SVal | null>[]): Map<string, SVal> {
  const out = new Map<string, SVal>();
  for (const s of scopes) for (const [k, v] of s) if (v) out.set(k, v);
  else out.delete(k);
  return out;
}

/** Runs statements; false when a test cannot be decided (the program's result is then not known). */
function exec(env: StrEnv, body: VStmt[], scopes: Map<string, SVal | null>[]): boolean {
  for (const st of body) {
    if (st[0] === '?') {
      for (const n of st[1]) {
        if (!n.endsWith('.')) assign(scopes, n, null);
        forget(scopes, n.endsWith('.') ? n : `${n}.`);
      }
    } else if (st[0] === 'ptr') {
      const eff = env.pointerEffect?.(st[1], st[2]);
      const was = flat(scopes).get(st[3]);
      const now = eff && was ? runEffect(env, eff, was) : undefined;
      assign(scopes, st[3], now ?? null);
    } else if (st[0] === 'if') {
      const inner = [...scopes, new Map<string, SVal | null>()];
      if (!exec(env, st[4], inner)) return false;
      const c = value(env, st[1], flat(inner), 0);
      if (!c || !('b' in c)) return false;
      if (!exec(env, c.b ? st[2] : st[3], [...inner, new Map()])) return false;
    } else {
      const v = value(env, st[2], flat(scopes), 0) ?? null;
      forget(scopes, `${st[1]}.`);
      if (st[0] === 'let') scopes[scopes.length - 1].set(st[1], v);
      else assign(scopes, st[1], v);
    }
  }
  return true;
}

/** Every field of a local (`prefix` is `c.`) becomes unknown. */
function forget(scopes: Map<string, SVal | null>[], prefix: string): void {
  for (const s of scopes) for (const k of s.keys()) if (k.startsWith(prefix)) assign(scopes, k, null);
}

/** Runs what a function does to a string handed by address, from the value it was handed. */
function runEffect(env: StrEnv, eff: PointerEffect, was: SVal): SVal | undefined {
  const scopes: Map<string, SVal | null>[] = [new Map([[eff.param, was]])];
  return exec(env, eff.body, scopes) ? value(env, eff.value, flat(scopes), 0) : undefined;
}

function assign(scopes: Map<string, SVal | null>[], name: string, v: SVal | null): void {
  for (let i = scopes.length - 1; i >= 0; i--) {
    if (scopes[i].has(name)) return void scopes[i].set(name, v);
  }
  scopes[0].set(name, v);
}

// Small pure Go functions that build strings (`GetUnescapedPathSuffix(typ, name, inputs...)`
// switching on a constant and returning `fmt.Sprintf("/%s/%s", name, typ)`, a `String()` method
// naming each constant of an enum-like type), kept as a tiny program so that a route path built by
// calling one can be computed at link time with the call's constant arguments. Only returns,
// switches on a value, `if` on a parameter and local bindings of such expressions are read; a
// function with anything else is not kept, and a path through it stays dynamic.
import type { GoNode as Node } from './goNode';
import { kids, stringValue } from '../treeUtil';
import { statements } from './goStatements';
import type { Callee } from './types';

/**
 * An expression: a literal, a local or parameter, a package-level name or setting (`dir#Name`,
 * `dir#Config.Server.Host`), `a[i]`, `a + b`, a call, a spread `xs...`, a comparison or logic, a
 * field of a local value (`u.Path`), and a command-line flag's value with its default (`['f', name,
 * default]`, startValues.ts).
 */
export type SExpr =
  | ['s', string] | ['v', string] | ['k', string] | ['i', SExpr, number] | ['+', SExpr, SExpr] | ['c', Callee, SExpr[]] | ['...', SExpr] | ['b', boolean] | ['?']
  | ['==' | '!=' | '&&' | '||', SExpr, SExpr] | ['!', SExpr] | ['.', SExpr, string] | ['f', string, SExpr];

/**
 * A statement: return, a switch on a value (a case's values `null` for default), `if` (its block
 * `null` when it cannot be read), a local binding (`:=`), an assignment to a local or parameter
 * declared outside the block (`path = "/" + path` in an `if`: seen after it).
 */
export type SStmt = ['ret', SExpr] | ['sw', SExpr | null, [SExpr[] | null, SStmt[]][]] | ['if', SExpr, SStmt[] | null] | ['let', string, SExpr] | ['set', string, SExpr];

export interface StrFn {
  /** The receiver's name (methods). */
  recv?: string;
  params: string[];
  /** The last parameter collects the rest (`inputs ...string`). */
  variadic: boolean;
  body: SStmt[];
}

export interface StrFnContext {
  dir: string;
  callee: (n: Node) => Callee | undefined;
  /** The package folder an import name stands for (`acme` → `acme`), when it is in this repository. */
  importDir: (name: string) => string | undefined;
  /** A selector chain rooted at a package-level value, as `dir#Var.Field` (scope.ts), for a setting read in start-up code. */
  setting?: (n: Node) => string | undefined;
  /** A call read its own way (a flag declared in an expression, startValues.ts). */
  call?: (n: Node) => SExpr | undefined;
}

/** The function as a string program, when it returns one string and its body is only what can be computed. */
export function strFunction(fn: Node, ctx: StrFnContext): StrFn | undefined {
  if (fn.type === 'func_literal' || fn.childForFieldName('result')?.text !== 'string') return undefined;
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  const out: StrFn = { params: [], variadic: false, body: [] };
  if (fn.type === 'method_declaration') out.recv = kids(fn.childForFieldName('receiver'))[0]?.childForFieldName('name')?.text;
  for (const decl of kids(fn.childForFieldName('parameters'))) {
    const names = decl.childrenForFieldName('name').filter(Boolean) as Node[];
    if (decl.type === 'variadic_parameter_declaration') out.variadic = true;
    if (names.length === 0) out.params.push('_');
    for (const n of names) out.params.push(n.text);
  }
  const locals = new Set([...(out.recv ? [out.recv] : []), ...out.params]);
  const stmts = block(statements(body), ctx, locals);
  if (!stmts) return undefined;
  out.body = stmts;
  return out;
}

function block(sts: Node[], ctx: StrFnContext, locals: Set<string>): SStmt[] | undefined {
  const out: SStmt[] = [];
  for (const s of sts) {
    const st = stmt(s, ctx, locals);
    if (!st) return undefined;
    out.push(st);
  }
  return out;
}

function stmt(s: Node, ctx: StrFnContext, locals: Set<string>): SStmt | undefined {
  switch (s.type) {
    case 'return_statement': {
      const vals = kids(kids(s)[0]);
      return vals.length === 1 ? ['ret', expr(vals[0], ctx, locals)] : undefined;
    }
    case 'short_var_declaration': {
      const l = kids(s.childForFieldName('left'));
      const r = kids(s.childForFieldName('right'));
      if (l.length !== 1 || r.length !== 1 || l[0].type !== 'identifier') return undefined;
      locals.add(l[0].text);
      return ['let', l[0].text, expr(r[0], ctx, locals)];
    }
    case 'assignment_statement': {
      // `path = strings.ReplaceAll(path, "\\", "/")`: a plain `=` to one local or parameter.
      const l = kids(s.childForFieldName('left'));
      const r = kids(s.childForFieldName('right'));
      if (s.childForFieldName('operator')?.text !== '=' || l.length !== 1 || r.length !== 1 || l[0].type !== 'identifier' || !locals.has(l[0].text)) return undefined;
      return ['set', l[0].text, expr(r[0], ctx, locals)];
    }
    case 'if_statement': {
      if (s.childForFieldName('initializer') || s.childForFieldName('alternative')) return undefined;
      // The block is read only if it has to be: `if abs { …url building… }` with abs false is skipped.
      return ['if', expr(s.childForFieldName('condition')!, ctx, locals), block(statements(s.childForFieldName('consequence')), ctx, new Set(locals)) ?? null];
    }
    case 'expression_switch_statement': {
      if (s.childForFieldName('initializer')) return undefined;
      const tag = s.childForFieldName('value');
      const cases: [SExpr[] | null, SStmt[]][] = [];
      for (const c of kids(s)) {
        if (c.type !== 'expression_case' && c.type !== 'default_case') continue;
        const values = c.type === 'expression_case' ? kids(c.childForFieldName('value')).map((v) => expr(v, ctx, locals)) : null;
        const body = block(kids(c).filter((k) => k.type !== 'expression_list' && k.type !== 'comment' && k !== c.childForFieldName('value')).flatMap((k) => (k.type === 'statement_list' ? statements(k) : [k])), ctx, new Set(locals));
        if (!body) return undefined;
        cases.push([values, body]);
      }
      return ['sw', tag ? expr(tag, ctx, locals) : null, cases];
    }
  }
  return undefined;
}

export function expr(n: Node, ctx: StrFnContext, locals: Set<string>): SExpr {
  const lit = stringValue(n);
  if (lit !== undefined) return ['s', lit];
  switch (n.type) {
    case 'parenthesized_expression':
      return expr(n.namedChildren[0]!, ctx, locals);
    case 'true':
    case 'false':
      return ['b', n.type === 'true'];
    case 'identifier':
      if (n.text === 'true' || n.text === 'false') return ['b', n.text === 'true'];
      return locals.has(n.text) ? ['v', n.text] : ['k', `${ctx.dir}#${n.text}`];
    case 'selector_expression': {
      const op = n.childForFieldName('operand');
      const field = n.childForFieldName('field')!.text;
      // `u.Path` of a local URL value; `conf.Server.Host`, a setting (read only where settings are asked for).
      if (op?.type === 'identifier' && locals.has(op.text)) return ['.', ['v', op.text], field];
      const dir = op?.type === 'identifier' ? ctx.importDir(op.text) : undefined;
      if (dir !== undefined) return ['k', `${dir}#${field}`];
      const s = ctx.setting?.(n);
      return s ? ['k', s] : ['?'];
    }
    case 'unary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const e = expr(n.childForFieldName('operand')!, ctx, locals);
      // `*p` of a flag's value (`p := flag.String(…)`) is the string itself.
      return op === '!' ? ['!', e] : op === '*' ? e : ['?'];
    }
    case 'index_expression': {
      const i = Number(n.childForFieldName('index')?.text);
      return Number.isInteger(i) ? ['i', expr(n.childForFieldName('operand')!, ctx, locals), i] : ['?'];
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const l = expr(n.childForFieldName('left')!, ctx, locals);
      const r = expr(n.childForFieldName('right')!, ctx, locals);
      return op === '+' ? ['+', l, r] : op === '==' || op === '!=' || op === '&&' || op === '||' ? [op, l, r] : ['?'];
    }
    case 'call_expression': {
      const own = ctx.call?.(n);
      if (own) return own;
      const c = ctx.callee(n.childForFieldName('function')!);
      if (!c) return ['?'];
      return ['c', c, kids(n.childForFieldName('arguments')).map((a): SExpr => (a.type === 'variadic_argument' ? ['...', expr(a.namedChildren[0]!, ctx, locals)] : expr(a, ctx, locals)))];
    }
  }
  return ['?'];
}

/** `['.', ['v', 'c'], 'BasePath']` → `c.BasePath`: a local or a field of one, as a start-up program names it (startValues.ts). */
export function dotted(e: SExpr): string | undefined {
  if (e[0] === 'v') return e[1];
  if (e[0] !== '.') return undefined;
  const b = dotted(e[1]);
  return b === undefined ? undefined : `${b}.${e[2]}`;
}

// A file-route handler that hands the request to a helper of ours first and ends with what the helper
// gives back: `const { auth, error } = await parseRequest(request, schema); if (error) { return error(); }`
// (or `const denied = await check(req); if (denied) return denied;`). The handler's own text shows no
// refusal and the helper's name says nothing; whether anonymous callers are refused is in the helper's
// code, another file, judged once every file's facts are known (helperChecks.ts). This file only finds
// the call, the import it comes from, its arguments and which part of the result the handler tests.
import type { Node } from 'web-tree-sitter';
import type { Expr } from './facts/types';
import { literalExpr } from './facts/jsNodes';
import type { HelperCall } from './types';
import { callArgs, kids, line, stringValue } from './treeUtil';

const FUNCTION = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function', 'generator_function_declaration']);
/** Guards come first: how many leading statements of a handler are searched for the call. */
const LEADING = 6;
/** How many statements after the call may come before the test of its result. */
const TEST_WITHIN = 2;

/** The helper call the handler exported by `exp` (an export statement or the exported value) returns on, if any. */
export function helperCallOf(exp: Node): HelperCall | undefined {
  const fn = handlerFunction(exp);
  const body = fn?.childForFieldName('body');
  if (body?.type !== 'statement_block') return undefined;
  const stmts = kids(body).filter((s) => s.type !== 'comment');
  for (let i = 0; i < Math.min(stmts.length, LEADING); i++) {
    const bound = boundCall(stmts[i]);
    if (!bound) continue;
    for (const s of stmts.slice(i + 1, i + 1 + TEST_WITHIN)) {
      const tested = returnsOn(s, bound.names);
      const refused = tested === undefined ? refusesWithout(exp, s, bound.names) : undefined;
      if (tested === undefined && !refused) continue;
      const from = importOf(exp, bound.callee);
      if (!from) return undefined;
      const field = tested !== undefined ? bound.names.get(tested) : undefined;
      return {
        callee: bound.callee,
        ...from,
        args: callArgs(bound.call).map(argExpr),
        ...(field !== undefined ? { field } : {}),
        ...(refused ? { refusedBy: refused } : {}),
        line: line(bound.call),
      };
    }
  }
  return undefined;
}

/** The exported function: a declaration, a variable's value, or the function a wrapper call is given. */
function handlerFunction(exp: Node): Node | undefined {
  let value: Node | null | undefined = exp;
  if (exp.type === 'export_statement') {
    const decl = exp.childForFieldName('declaration');
    value = decl?.type === 'lexical_declaration' || decl?.type === 'variable_declaration' ? kids(decl)[0]?.childForFieldName('value') : (decl ?? exp.childForFieldName('value'));
  }
  for (let depth = 0; value && depth < 5; depth++) {
    if (FUNCTION.has(value.type)) return value;
    if (value.type === 'parenthesized_expression' || value.type === 'as_expression' || value.type === 'satisfies_expression') value = value.namedChildren[0];
    else if (value.type === 'call_expression') value = callArgs(value).find((a) => FUNCTION.has(a.type));
    else return undefined;
  }
  return undefined;
}

/**
 * `const { auth, error: err } = await f(…)` → f, the call, local → key (`err` → `error`);
 * `const r = await f(…)` → local → '' (the whole result). Only a plain name is a callee we can follow.
 */
function boundCall(stmt: Node): { callee: string; call: Node; names: Map<string, string | undefined> } | undefined {
  if (stmt.type !== 'lexical_declaration' && stmt.type !== 'variable_declaration') return undefined;
  const decl = kids(stmt).find((k) => k.type === 'variable_declarator');
  let value = decl?.childForFieldName('value');
  while (value && (value.type === 'await_expression' || value.type === 'parenthesized_expression')) value = value.namedChildren[0];
  if (value?.type !== 'call_expression') return undefined;
  const callee = value.childForFieldName('function');
  if (callee?.type !== 'identifier') return undefined;
  const pattern = decl!.childForFieldName('name');
  const names = new Map<string, string | undefined>();
  if (pattern?.type === 'identifier') names.set(pattern.text, undefined);
  else if (pattern?.type === 'object_pattern') {
    for (const p of kids(pattern)) {
      if (p.type === 'shorthand_property_identifier_pattern') names.set(p.text, p.text);
      else if (p.type === 'pair_pattern') {
        const key = p.childForFieldName('key')?.text;
        const local = p.childForFieldName('value');
        if (key && local?.type === 'identifier') names.set(local.text, key);
      }
    }
  } else return undefined;
  return names.size ? { callee: callee.text, call: value, names } : undefined;
}

/**
 * `if (error) { return error(); }`, `if (denied) return denied;`: the handler ends there with the
 * helper's value when it is set. The name tested, or undefined.
 */
function returnsOn(stmt: Node, names: Map<string, string | undefined>): string | undefined {
  if (stmt.type !== 'if_statement') return undefined;
  let cond = stmt.childForFieldName('condition');
  while (cond?.type === 'parenthesized_expression') cond = cond.namedChildren[0];
  if (cond?.type !== 'identifier' || !names.has(cond.text)) return undefined;
  const then = stmt.childForFieldName('consequence');
  const ret = then?.type === 'return_statement' ? then : then?.type === 'statement_block' ? kids(then).find((s) => s.type !== 'comment') : undefined;
  const value = ret?.type === 'return_statement' ? ret.namedChildren[0] : undefined;
  // What it answers with is the helper's value: `return error()` (a response the helper prepared), `return error`.
  if (!value || !new RegExp(`^${cond.text.replace(/\$/g, '\\$')}\\b`).test(value.text)) return undefined;
  return cond.text;
}

/**
 * `if (!user) return unauthorized();`, `if (!session?.user) { return new Response(null, { status: 403 }); }`:
 * the handler refuses by itself when the helper's whole result (or a member of it) is missing.
 */
function refusesWithout(exp: Node, stmt: Node, names: Map<string, string | undefined>): HelperCall['refusedBy'] {
  if (stmt.type !== 'if_statement') return undefined;
  let cond = stmt.childForFieldName('condition');
  while (cond?.type === 'parenthesized_expression') cond = cond.namedChildren[0];
  if (cond?.type !== 'unary_expression' || cond.childForFieldName('operator')?.text !== '!') return undefined;
  let read = cond.childForFieldName('argument');
  while (read?.type === 'member_expression') read = read.childForFieldName('object');
  // The whole result: `const user = …` (a destructured key is a part the helper may fill for anyone).
  if (read?.type !== 'identifier' || names.get(read.text) !== undefined || !names.has(read.text)) return undefined;
  const then = stmt.childForFieldName('consequence');
  const ret = then?.type === 'return_statement' ? then : then?.type === 'statement_block' ? kids(then).find((s) => s.type !== 'comment') : undefined;
  let value = ret?.type === 'return_statement' ? ret.namedChildren[0] : undefined;
  while (value && (value.type === 'await_expression' || value.type === 'parenthesized_expression')) value = value.namedChildren[0];
  if (!value) return undefined;
  const how = webRefusal(value);
  if (how) return { how, text: value.text.replace(/\s+/g, ' ').slice(0, 100), line: line(value) };
  const callee = value.type === 'call_expression' ? value.childForFieldName('function') : undefined;
  if (callee?.type !== 'identifier') return undefined;
  const from = importOf(exp, callee.text);
  return from ? { callee: callee.text, ...from, line: line(value) } : undefined;
}

/** `new Response(body, { status: 401 })`, `NextResponse.json(body, { status: 403 })`: the status. */
function webRefusal(n: Node): string | undefined {
  const callee = n.type === 'new_expression' ? n.childForFieldName('constructor') : n.type === 'call_expression' ? n.childForFieldName('function') : undefined;
  if (!callee || !/^(Next)?Response(\.json)?$/.test(callee.text) || (n.type === 'call_expression') !== callee.text.endsWith('.json')) return undefined;
  for (const a of callArgs(n)) {
    const init = argExpr(a);
    if (init[0] !== 'o') continue;
    const status = init[1].find(([k]) => k === 'status')?.[1];
    if (status?.[0] === 'n' && (status[1] === 401 || status[1] === 403)) return String(status[1]);
  }
  return undefined;
}

/** `import { parseRequest } from '@/lib/request'`, `import check from './check'` binding `name`. */
export function importOf(exp: Node, name: string): { spec: string; imported: string } | undefined {
  let root: Node = exp;
  while (root.parent) root = root.parent;
  for (const imp of kids(root).filter((k) => k.type === 'import_statement')) {
    const spec = stringValue(imp.childForFieldName('source'));
    const clause = kids(imp).find((k) => k.type === 'import_clause');
    if (spec === undefined || !clause) continue;
    for (const part of kids(clause)) {
      if (part.type === 'identifier' && part.text === name) return { spec, imported: 'default' };
      if (part.type !== 'named_imports') continue;
      for (const s of kids(part).filter((k) => k.type === 'import_specifier')) {
        const imported = s.childForFieldName('name')?.text;
        const local = s.childForFieldName('alias')?.text ?? imported;
        if (local === name && imported) return { spec, imported };
      }
    }
  }
  return undefined;
}

/** An argument as the helper's conditions may read it: literals and object literals of literals; anything else unknown. */
function argExpr(n: Node): Expr {
  const literal = literalExpr(n);
  if (literal) return literal;
  switch (n.type) {
    case 'string':
    case 'template_string': {
      const s = stringValue(n);
      return s !== undefined ? ['s', s] : ['?', n.text.slice(0, 80)];
    }
    case 'object': {
      const pairs: [string, Expr][] = [];
      for (const p of kids(n)) {
        if (p.type === 'pair') {
          const key = p.childForFieldName('key');
          const k = key?.type === 'property_identifier' ? key.text : stringValue(key);
          const v = p.childForFieldName('value');
          if (k === undefined || !v) return ['?', n.text.slice(0, 80)];
          pairs.push([k, argExpr(v)]);
        } else if (p.type === 'shorthand_property_identifier') pairs.push([p.text, ['?', p.text]]);
        else if (p.type !== 'comment') return ['?', n.text.slice(0, 80)];
      }
      return ['o', pairs];
    }
    default:
      return ['?', n.text.slice(0, 80)];
  }
}

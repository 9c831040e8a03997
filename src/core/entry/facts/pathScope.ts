// A middleware whose first test passes every request outside one prefix on untouched (YApi's mock
// server: `let path = ctx.path; if (path.indexOf('/mock/') !== 0) { if (next) await next(); return
// true; }`, or `if (!req.path.startsWith('/hooks/')) return next();`): what it refuses after that
// test (a mock project not found, 403) is refused only under the prefix, never to a route outside it.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import { named, stringText } from './jsNodes';

/** The prefix (FnFact.onlyUnder), for a function `(ctx, next)` or `(req, res, next)` of that shape. */
export function onlyUnderPrefix(params: string[], stmts: Node[]): string | undefined {
  const req = params[0];
  const next = params[params.length - 1];
  if (params.length < 2 || !req || !next || !/^[\w$]+$/.test(req) || !/^_?next$/.test(next)) return undefined;
  // Locals read off the request first (`let path = ctx.path; let header = ctx.request.header;`).
  const aliases = new Set([`${req}.path`, `${req}.url`, `${req}.originalUrl`]);
  for (const s of stmts) {
    if (s.type === 'comment') continue;
    if (s.type === 'lexical_declaration' || s.type === 'variable_declaration') {
      for (const d of named(s)) {
        const name = d.childForFieldName('name');
        const value = d.childForFieldName('value')?.text.replace(/\s+/g, '');
        if (name?.type === 'identifier' && value && aliases.has(value)) aliases.add(name.text);
      }
      continue;
    }
    if (s.type !== 'if_statement' || s.childForFieldName('alternative')) return undefined;
    const prefix = outsidePrefix(s.childForFieldName('condition'), aliases);
    const cons = s.childForFieldName('consequence');
    return prefix && cons && passesOn(cons, next) ? prefix : undefined;
  }
  return undefined;
}

/** `P.indexOf('/x/') !== 0`, `P.indexOf('/x/') < 0`…, `!P.startsWith('/x/')` with P a path alias: the prefix. */
function outsidePrefix(cond: Node | null, aliases: Set<string>): string | undefined {
  let n: Node | null | undefined = cond;
  while (n && n.type === 'parenthesized_expression' && named(n).length === 1) n = named(n)[0];
  if (!n) return undefined;
  if (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '!') {
    const c = startsWithCall(named(n)[0], aliases);
    return c;
  }
  if (n.type !== 'binary_expression') return undefined;
  const op = n.childForFieldName('operator')?.text;
  const right = n.childForFieldName('right')?.text;
  if (!((op === '!==' || op === '!=') && right === '0')) return undefined;
  return indexOfCall(n.childForFieldName('left'), aliases);
}

function indexOfCall(n: Node | null | undefined, aliases: Set<string>): string | undefined {
  return callOn(n, aliases, 'indexOf');
}

function startsWithCall(n: Node | null | undefined, aliases: Set<string>): string | undefined {
  return callOn(n, aliases, 'startsWith');
}

function callOn(n: Node | null | undefined, aliases: Set<string>, method: string): string | undefined {
  if (n?.type !== 'call_expression') return undefined;
  const fn = n.childForFieldName('function');
  if (fn?.type !== 'member_expression' || fn.childForFieldName('property')?.text !== method) return undefined;
  if (!aliases.has(fn.childForFieldName('object')?.text.replace(/\s+/g, '') ?? '')) return undefined;
  const args = named(n.childForFieldName('arguments'));
  const s = args.length === 1 ? stringText(args[0]!) : undefined;
  // A prefix of at least one segment: `/` alone is every path.
  return s && /^\/[^/]+/.test(s) ? s : undefined;
}

/** The arm only hands the request on and leaves: `return next()`, `{ await next(); return true; }`, `if (next) await next()`. */
function passesOn(n: Node, next: string): boolean {
  const stmts = n.type === 'statement_block' ? named(n).filter((s) => s.type !== 'comment') : [n];
  let called = false;
  let left = false;
  const isNext = (t: string): boolean => new RegExp(`^(return\\s+)?(await\\s+)?${next}\\(\\s*\\);?$`).test(t.trim());
  for (const s of stmts) {
    const t = s.text.replace(/\s+/g, ' ').trim();
    if (isNext(t)) {
      called = true;
      if (s.type === 'return_statement') left = true;
    } else if (s.type === 'if_statement' && !s.childForFieldName('alternative') && s.childForFieldName('condition')?.text.replace(/[()\s]/g, '') === next && isNext(named(s.childForFieldName('consequence'))[0]?.text ?? s.childForFieldName('consequence')?.text ?? '')) {
      called = true;
    } else if (s.type === 'return_statement' && called) left = true;
    else return false;
  }
  return called && left;
}

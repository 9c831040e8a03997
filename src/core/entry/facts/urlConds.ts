// An `if` test that is a call is normally undecidable (whenConds.ts: the call runs as an operation of
// its own). One kind is kept: a pure test of the request's URL, which an app-wide middleware uses to
// let some paths through unchecked (`if (PUBLIC.some((u) => req.path.startsWith(u))) return next()`,
// `if (/\/api\/v1\//.test(req.path))`). Such a test reads nothing but the URL and constants, so the
// interpreter may decide it for each route's own path (interp/pathAllowList.ts); nothing else does.
import type { SyntaxNode as Node } from '../../parse/liteTree';

/** String, regex and array methods that only compare. */
const PURE_TESTS = new Set(['test', 'startsWith', 'endsWith', 'includes', 'some', 'every']);
/** A read of the request's URL: `req.path`, `ctx.originalUrl`, `request.url`. */
const URL_READ = /\b[A-Za-z_$][\w$]*\.(?:path|url|originalUrl)\b/;

export function urlTest(n: Node): boolean {
  const fn = n.childForFieldName('function');
  const prop = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
  if (!prop || !PURE_TESTS.has(prop) || n.text.length > 240 || !URL_READ.test(n.text)) return false;
  const args = n.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  return args.length === 1 && args.every((a) => !!a && (['identifier', 'member_expression', 'string'].includes(a.type) || (a.type === 'arrow_function' && (prop === 'some' || prop === 'every'))));
}

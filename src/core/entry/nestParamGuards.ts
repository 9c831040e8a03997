// A Nest guard that reads nothing of the request but its path parameters (`request.params.provider`)
// decides on what is asked for — a provider that is switched on, a resource that exists — never on
// who asks: every caller, signed in or not, sends the same path. Such a guard refuses no caller for
// being anonymous, as a canActivate() without an ExecutionContext does not (nestGuardCode.ts).
// Conservative: any other read of the request (headers, cookies, query, body, user, the request
// handed to a function), of the context, a parameter or text that names a credential, or a
// constructor given something request-scoped or auth-like, and the rule does not apply.
import type { Node } from 'web-tree-sitter';
import { all, kids, line } from './treeUtil';

/** Words of a credential: a path parameter (or any text of the guard) that names one may carry it. */
const CREDENTIAL_WORD = /headers?\b|header\(|cookies?\b|authori[sz]|token|api_?key|apikey|\bkey\b|secret|signature|passw|hash|otp|credential|session|\buser|principal|identity|bearer|jwt|\bsuper\b|AsyncLocalStorage|getStore\(/i;
/** Constructor parameters that could hand the guard the caller some other way. */
const REQUEST_SCOPED = /REQUEST|request|Cls|cls|[Cc]ontext|[Ss]ession|[Uu]ser|[Aa]uth|[Tt]oken|[Jj]wt/;
/** What a guard may read of its ExecutionContext besides the request: the route's own metadata. */
const CONTEXT_READ = /^\??\.(switchToHttp\(\)\.getRequest(<[^>]*>)?\(\)|getHandler\(\)|getClass\(\)|getType(<[^>]*>)?\(\))/;

/** Why this canActivate refuses nobody for being anonymous, when it reads the request only through its path parameters. */
export function readsOnlyRouteParams(can: Node, methods: Node[]): string | undefined {
  const body = can.childForFieldName('body');
  const ctxParam = kids(can.childForFieldName('parameters'))[0];
  const ctxName = (ctxParam?.childForFieldName('pattern') ?? ctxParam)?.text;
  if (!body || !ctxName || !/^[\w$]+$/.test(ctxName)) return undefined;
  const ctor = methods.find((m) => m.childForFieldName('name')?.text === 'constructor');
  if (REQUEST_SCOPED.test(ctor?.childForFieldName('parameters')?.text ?? '')) return undefined;
  if (CREDENTIAL_WORD.test(body.text)) return undefined;
  // Every use of the context is one of the reads above.
  const ctxUses = all(body, 'identifier').filter((i) => i.text === ctxName);
  for (const u of ctxUses) {
    const rest = body.text.slice(u.endIndex - body.startIndex, u.endIndex - body.startIndex + 160).replace(/\s+/g, '');
    if (!CONTEXT_READ.test(rest)) return undefined;
  }
  // The request: `const request = context.switchToHttp().getRequest()` (or `const { params } = …`).
  const reqNames = new Set<string>();
  const paramNames = new Set<string>();
  let read = false;
  for (const d of all(body, 'variable_declarator')) {
    const v = d.childForFieldName('value');
    if (!v || !/getRequest\s*(<[^>]*>)?\s*\(\s*\)$/.test(v.text.replace(/^await\s+/, ''))) continue;
    const n = d.childForFieldName('name');
    if (n?.type === 'identifier') reqNames.add(n.text);
    else if (n?.type === 'object_pattern' && kids(n).every((k) => k.type === 'shorthand_property_identifier_pattern' && k.text === 'params')) paramNames.add('params');
    else return undefined;
  }
  // Any getRequest() not bound by one of those declarations is read some other way.
  const gets = all(body, 'call_expression').filter((c) => /\.getRequest$/.test(c.childForFieldName('function')?.text ?? ''));
  if (gets.some((c) => c.parent?.type !== 'variable_declarator' && c.parent?.type !== 'await_expression')) return undefined;
  for (const i of all(body, 'identifier')) {
    const p = i.parent;
    if (!reqNames.has(i.text) || (p?.type === 'variable_declarator' && p.childForFieldName('name')?.id === i.id)) continue;
    if (p?.type !== 'member_expression' || p.childForFieldName('object')?.id !== i.id || p.childForFieldName('property')?.text !== 'params') return undefined;
    read = true;
  }
  if (paramNames.size) read = true;
  if (!read) return undefined;
  return `canActivate (line ${line(can)}) reads of the request only its path parameters (request.params): it decides on what is asked for, the same for every caller, so it refuses no caller for being anonymous`;
}

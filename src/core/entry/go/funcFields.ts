// Struct fields that hold a function of ours, set where the struct is built:
//
//   return &ServiceContext{
//     Authority: middleware.NewAuthorityMiddleware(cbn, rds).Handle,
//   }
//
// and used elsewhere as the function (`rest.WithMiddlewares([]rest.Middleware{serverCtx.Authority}, …)`,
// `r.Use(s.auth)`): the callee `fn:dir#ServiceContext.Authority` names no method, and the field is
// what every literal of the type sets it to (resolve.ts). go-zero's generated service context keeps
// each middleware this way. A field two literals set differently resolves to nothing (`unknown`).
// A constructor's parameter (`func NewHandler(auth gin.HandlerFunc) *Handler { return &Handler{auth:
// auth} }`) is what its callers hand in there (`NewHandler(mw.RequireLogin())`, funcParams.ts
// `fnArgs`), when they all hand in the same; a call's result (`auth: mw.RequireLogin()`) is judged as
// that call is where it is written.
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';
import type { TypeKey } from './scope';
import type { Callee, GoFileFacts } from './types';
import { dict } from '../../ownKeys';

/** The value kinds that name a function: `pkg.F`, `x.Method`, `New(…).Handle`, `f`, `func(…) {…}`. */
const FUNC_VALUE = new Set(['selector_expression', 'identifier', 'func_literal', 'call_expression']);

/** Records `Field: value` of a struct literal of a named type when the value names a function (its callee). */
export function funcField(ke: Node, facts: GoFileFacts, typeKey: TypeKey, callee: (n: Node) => Callee | undefined, paramOf: (n: Node) => Callee | undefined): void {
  const lit = ke.parent?.parent;
  if (lit?.type !== 'composite_literal') return;
  const [k, v] = kids(ke).map((x) => (x.type === 'literal_element' ? (x.namedChildren[0] ?? x) : x));
  if (k?.type !== 'identifier' && k?.type !== 'field_identifier') return;
  if (!v || !FUNC_VALUE.has(v.type)) return;
  const t = typeKey(lit.childForFieldName('type'));
  if (!t || t.startsWith('ext:')) return;
  const made = v.type === 'call_expression' ? callee(v.childForFieldName('function')!) : undefined;
  // A call's result is marked (`call:`): resolve.ts takes it only from a function of ours that builds no struct of ours (a middleware factory, not `newStaticsServer()`).
  const c = v.type === 'call_expression' ? (made && !made.startsWith('meth:') ? `call:${made}` : undefined) : v.type === 'identifier' ? (paramOf(v) ?? callee(v)) : callee(v);
  // A method of a value we cannot type (`meth:`) could be any type's: not recorded.
  if (!c || c.startsWith('meth:')) return;
  const key = `${t.replace(/\[.*$/, '')}.${k.text}`;
  const all = (facts.funcFields ??= dict());
  const prev = all[key];
  all[key] = prev === undefined || prev === c ? c : '';
}

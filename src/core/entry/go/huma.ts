// Huma (github.com/danielgtaylor/huma/v2): an API framework that sits on a router through an
// adapter (humaecho, humachi, humagin, humafiber, humamux, humago …). The adapter's router (an
// echo group, a chi router) gives the prefix and the middleware; each operation
// (`huma.Register(api, huma.Operation{Method, Path}, handler)`, `huma.Get(api, path, handler)`) is a
// route on it whose handler is the function handed in. Services wrap `huma.Register` in their own
// generic helper (`Register(api, op, handler)` that sets defaults then forwards): a function that
// hands its own Operation parameter on is followed, so each call of it with an Operation literal
// is a route. Huma also serves its OpenAPI documents, docs page and schemas from the API's
// configuration, and `autopatch.AutoPatch(api)` adds a PATCH to every path with a GET and a PUT.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line, rangeOf } from '../treeUtil';
import type { GoScope } from './scope';
import type { Callee, GoFileFacts, GoRef, StrPart } from './types';

const HUMA = 'github.com/danielgtaylor/huma/v2';
/** `huma.Get(api, path, handler)` and its siblings: one operation of that method. */
const SHORTHAND = /^ext:github\.com\/danielgtaylor\/huma\/v2#(Get|Post|Put|Patch|Delete)$/;
/** Adapter constructors: `humaecho.NewWithGroup(e, g, config)`, `humachi.New(r, config)`, `humago.NewWithPrefix(mux, "/api", config)`. */
const ADAPTER = /^ext:github\.com\/danielgtaylor\/huma\/v2\/adapters\/huma\w+#(New|NewWithGroup|NewWithPrefix)$/;

export interface HumaOp {
  /** What the Operation is handed to: `huma.Register` or a function of ours that may forward it there. */
  callee: Callee;
  /** The API named beside it (a router reference), when it is one. */
  api?: GoRef;
  method: StrPart[];
  path: StrPart[];
  handler: string;
  handlerCallee?: Callee;
  inline?: { start: number; end: number };
  fnKey: string;
  file: string;
  line: number;
  order: number;
}

/** A function that hands its own Operation parameter (index `op`) on to `callee`, with the API before it and the handler after. */
export interface HumaForward {
  fnKey: string;
  callee: Callee;
  op: number;
}

/** `cfg := huma.DefaultConfig(…)` and what the function then sets on it: the paths of Huma's own routes (undefined: Huma's default). */
export interface HumaConfig {
  fnKey: string;
  name: string;
  openAPIPath?: StrPart[];
  docsPath?: StrPart[];
  schemasPath?: StrPart[];
}

export interface HumaApi {
  ref: GoRef;
  fnKey: string;
  /** The configuration argument as written (an identifier). */
  config?: string;
  file: string;
  line: number;
  order: number;
}

export interface HumaFacts {
  ops: HumaOp[];
  forwards: HumaForward[];
  apis: HumaApi[];
  configs: HumaConfig[];
  autoPatch: { api?: GoRef; file: string; line: number; order: number }[];
}

function humaOf(facts: GoFileFacts): HumaFacts {
  return (facts.huma ??= { ops: [], forwards: [], apis: [], configs: [], autoPatch: [] });
}

/** Whether a file imports Huma at all (the only files whose calls are read here). */
export function importsHuma(facts: GoFileFacts): boolean {
  return Object.values(facts.imports).some((i) => i.path === HUMA || i.path.startsWith(HUMA + '/'));
}

/**
 * An adapter constructor call: a router node (the API) under the router it is given. Called by
 * routerValues.ts; returns the parent router and the prefix, or undefined when not an adapter.
 */
export function humaAdapter(n: Node, facts: GoFileFacts, sc: GoScope, evalRouter: (n: Node | null | undefined) => GoRef | undefined): { parent: GoRef; prefix: StrPart[] } | undefined {
  const c = sc.callee(n.childForFieldName('function')!);
  const m = c ? ADAPTER.exec(c) : undefined;
  if (!m) return undefined;
  const args = callArgs(n);
  // The router the operations go on: the group when given one (`NewWithGroup(e, g, cfg)`), else the first argument.
  const routers = args.slice(0, -1).map((a) => evalRouter(a));
  const parent = m[1] === 'NewWithGroup' ? routers[1] ?? routers[0] : routers[0];
  if (!parent) return undefined;
  const cfg = args[args.length - 1];
  humaOf(facts).apis.push({ ref: `R:${facts.file}@${n.startIndex}-${n.endIndex}`, fnKey: sc.keyOf(sc.fnOf(n)), ...(cfg?.type === 'identifier' ? { config: cfg.text } : {}), file: facts.file, line: line(n), order: n.startIndex });
  return { parent, prefix: m[1] === 'NewWithPrefix' ? sc.str(args[1]) : [] };
}

/** Reads one call of a file that imports Huma: an operation, a forward of one, a configuration, AutoPatch. */
export function humaCall(call: Node, facts: GoFileFacts, sc: GoScope, evalRouter: (n: Node | null | undefined, asValue?: boolean) => GoRef | undefined): void {
  const c = sc.callee(call.childForFieldName('function')!);
  if (!c) return;
  const args = callArgs(call);
  const fn = sc.fnOf(call);
  const fnKey = sc.keyOf(fn);
  const where = { fnKey, file: facts.file, line: line(call), order: call.startIndex };
  if (c === `ext:${HUMA}#DefaultConfig`) return configOf(call, fn, facts, sc);
  if (c === `ext:${HUMA}/autopatch#AutoPatch`) return void humaOf(facts).autoPatch.push({ ...(args[0] ? { api: evalRouter(args[0], false) } : {}), file: where.file, line: where.line, order: where.order });
  const short = SHORTHAND.exec(c);
  if (short && args.length >= 3) {
    humaOf(facts).ops.push({ callee: c, api: evalRouter(args[0], false), method: [{ lit: short[1].toUpperCase() }], path: sc.str(args[1]), ...handlerOf(args[2], sc), ...where });
    return;
  }
  const i = args.findIndex((a) => isOperationLiteral(a, facts) || operationParam(a, sc) !== undefined);
  if (i < 1) return;
  const op = args[i];
  if (op.type === 'identifier') return void humaOf(facts).forwards.push({ fnKey, callee: c, op: operationParam(op, sc)! });
  const lit = op.type === 'unary_expression' ? op.namedChildren[0]! : op;
  const field = (name: string): Node | undefined => all(lit, 'keyed_element').find((k) => k.parent?.parent?.startIndex === lit.startIndex && k.namedChildren[0]?.text === name)?.namedChildren[1]?.namedChildren[0] ?? undefined;
  const method = field('Method');
  const path = field('Path');
  if (!method || !path) return;
  humaOf(facts).ops.push({ callee: c, api: evalRouter(args[i - 1], false), method: sc.str(method), path: sc.str(path), ...(args[i + 1] ? handlerOf(args[i + 1], sc) : { handler: '?' }), ...where });
}

function handlerOf(h: Node, sc: GoScope): Pick<HumaOp, 'handler' | 'handlerCallee' | 'inline'> {
  if (h.type === 'func_literal') return { handler: '<inline>', inline: rangeOf(h) };
  return { handler: h.text.replace(/\s+/g, ' ').slice(0, 120), ...(sc.callee(h) ? { handlerCallee: sc.callee(h) } : {}) };
}

function isOperationLiteral(n: Node, facts: GoFileFacts): boolean {
  const lit = n.type === 'unary_expression' ? n.namedChildren[0] : n;
  const t = lit?.type === 'composite_literal' ? lit.childForFieldName('type')?.text : undefined;
  const m = t ? /^(\w+)\.Operation$/.exec(t) : undefined;
  return !!m && facts.imports[m[1]]?.path === HUMA;
}

/** The index of the enclosing function's parameter this identifier is, when that parameter is a `huma.Operation`. */
function operationParam(n: Node, sc: GoScope): number | undefined {
  if (n.type !== 'identifier') return undefined;
  const v = sc.lookup(n);
  return v && 'param' in v && /huma\/v2#Operation$/.test(v.type) ? v.param : undefined;
}

/** `cfg := huma.DefaultConfig(…)`; `cfg.OpenAPIPath = "/openapi"`; `cfg.DocsPath = ""` in the same function. */
function configOf(call: Node, fn: Node | undefined, facts: GoFileFacts, sc: GoScope): void {
  const decl = call.parent?.parent;
  if (decl?.type !== 'short_var_declaration' && decl?.type !== 'assignment_statement') return;
  const name = kids(decl.childForFieldName('left'))[0]?.text;
  if (!name || !fn) return;
  const cfg: HumaConfig = { fnKey: sc.keyOf(fn), name };
  for (const a of all(fn, 'assignment_statement')) {
    const l = kids(a.childForFieldName('left'))[0];
    const r = kids(a.childForFieldName('right'))[0];
    if (l?.type !== 'selector_expression' || l.childForFieldName('operand')?.text !== name || !r) continue;
    const f = l.childForFieldName('field')!.text;
    if (f === 'OpenAPIPath') cfg.openAPIPath = sc.str(r);
    else if (f === 'DocsPath') cfg.docsPath = sc.str(r);
    else if (f === 'SchemasPath') cfg.schemasPath = sc.str(r);
  }
  humaOf(facts).configs.push(cfg);
}

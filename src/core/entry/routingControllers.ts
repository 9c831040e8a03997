// routing-controllers (typestack): controller classes whose methods declare routes by decorators
// (`@JsonController('/users')`, `@Get('/:id')`), registered by `useExpressServer(app, { routePrefix,
// controllers, authorizationChecker, currentUserChecker, middlewares, defaults })` or its siblings.
// What one file tells: its actions (with the decorators that decide who may call them), the
// servers it sets up, the parameter decorators it defines with `createParamDecorator`, and the
// middleware classes it declares (`@Middleware({ type })`, judged by their use() through
// nestGuardCode.ts). routingControllersApply.ts puts them together once every file is read.
// Paths are what the package builds: the controller's route and the action's written one after the
// other (`'/contact'` + `'.csv'`), under the server's routePrefix.
import type { Node, Tree } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { all, callArgs, kids, line, rangeOf, stringValue } from './treeUtil';
import { optionValue } from './jsLiterals';
import { findNestGuardDefs, type NestGuardDef } from './nestGuardCode';
import { readParamDecorator, type RcParamDecorator } from './routingControllersParams';

/** A file that uses the package: nothing else is read for it. */
export const IMPORTS_ROUTING_CONTROLLERS = /(?:from\s*|require\s*\(\s*)['"]routing-controllers['"]/;

const METHODS: ReadonlyMap<string, string> = new Map([['Get', 'GET'], ['Post', 'POST'], ['Put', 'PUT'], ['Patch', 'PATCH'], ['Delete', 'DELETE'], ['Head', 'HEAD'], ['All', 'ANY']]);
const SERVER_CALL = /^(useExpressServer|createExpressServer|useKoaServer|createKoaServer|createServer)$/;

/** `@Authorized(roles?)` on the action's class or method. */
export interface RcAuthorized {
  /** The roles as written; undefined when they are not literals. */
  roles?: string[];
  line: number;
  where: string;
}

/** A parameter decorator of the action (`@CurrentUser({ required: true })`, a custom one). */
export interface RcParamUse {
  name: string;
  /** The literal boolean options written in its first argument (`{ required: true }`). */
  options: { key: string; value: boolean }[];
  line: number;
}

export interface RcAction {
  file: string;
  /** The route's registration line (the method decorator), as the RouteDecl's. */
  line: number;
  cls: string;
  authorized: RcAuthorized[];
  params: RcParamUse[];
  /** `@UseBefore(...)` arguments on the class and method, as written. */
  before: { text: string; line: number; where: string }[];
  /** The action reads the caller off the request it takes (`@Req() req`, `req.logout()`): where. */
  reads?: { text: string; line: number };
}

export interface RcServer {
  file: string;
  line: number;
  prefix?: string;
  /** Controller classes listed by name; undefined when the list is globs or not readable (then every controller). */
  controllers?: string[];
  /** How `authorizationChecker` treats an empty role list (a bare `@Authorized()`), when read. */
  checker?: { passesEmpty: boolean; why: string; line: number };
  currentUserChecker?: { line: number };
  /** `defaults.paramOptions.required`: parameters without `required` of their own are required. */
  paramRequired?: boolean;
  middlewares: string[];
  /** `middlewares` given as globs (`[__dirname + '/middlewares/*.js']`): every `@Middleware` class stands for them. */
  middlewareGlobs?: true;
}

export interface RcFacts {
  actions: RcAction[];
  servers: RcServer[];
  paramDecorators: RcParamDecorator[];
  /** Middleware classes' type (`@Middleware({ type: 'after' })`); before is the default. */
  middlewareTypes: { name: string; type: string }[];
  /** Middleware classes read by their use() (nestGuardCode.ts). */
  guardDefs: NestGuardDef[];
}

export function emptyRcFacts(): RcFacts {
  return { actions: [], servers: [], paramDecorators: [], middlewareTypes: [], guardDefs: [] };
}

export function hasRcFacts(f: RcFacts): boolean {
  return !!(f.actions.length || f.servers.length || f.paramDecorators.length || f.middlewareTypes.length || f.guardDefs.length);
}

export interface Deco {
  name: string;
  args: Node[];
  node: Node;
}

export function decoratorsOf(node: Node): Deco[] {
  const pool = kids(node).filter((k) => k.type === 'decorator');
  for (let p = node.previousNamedSibling; p && (p.type === 'decorator' || p.type === 'comment'); p = p.previousNamedSibling) if (p.type === 'decorator') pool.push(p);
  if (node.parent?.type === 'export_statement') pool.push(...kids(node.parent).filter((k) => k.type === 'decorator'));
  // A class inside `export` meets its decorators twice: as the statement's children and as its own siblings.
  const seen = new Set<number>();
  return pool.filter((d) => !seen.has(d.id) && !!seen.add(d.id)).flatMap((d) => {
    const e = d.namedChildren[0];
    if (!e) return [];
    return e.type === 'call_expression' ? [{ name: e.childForFieldName('function')?.text ?? '', args: callArgs(e), node: d }] : [{ name: e.text, args: [], node: d }];
  });
}

/** The package joins the two as strings; doubled slashes and a trailing one are spelled away. */
export function rcJoin(...parts: string[]): string {
  let p = parts.join('').replace(/\/{2,}/g, '/');
  if (!p.startsWith('/')) p = '/' + p;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

export function detectRoutingControllers(tree: Tree, file: string, facts: RcFacts, text: string): RouteDecl[] {
  if (!IMPORTS_ROUTING_CONTROLLERS.test(text)) return [];
  const root = tree.rootNode;
  const out: RouteDecl[] = [];
  for (const cls of all(root, ['class_declaration', 'class'])) {
    const decs = decoratorsOf(cls);
    const className = cls.childForFieldName('name')?.text ?? '';
    const mw = decs.find((d) => d.name === 'Middleware');
    if (mw && className) facts.middlewareTypes.push({ name: className, type: optionString(mw.args[0], 'type') ?? 'before' });
    const ctrl = decs.find((d) => d.name === 'JsonController' || d.name === 'Controller');
    if (!ctrl) continue;
    const prefixArg = ctrl.args[0];
    const prefix = prefixArg ? stringValue(prefixArg) : '';
    const clsAuth = authorizedOf(decs, `class ${className}`);
    const clsBefore = beforeOf(decs, `class ${className}`);
    for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_definition')) {
      const mdecs = decoratorsOf(m);
      const name = m.childForFieldName('name')?.text ?? '';
      const check = pathCheck(m, file);
      const reads = readsCaller(m);
      for (const d of mdecs) {
        let method = METHODS.get(d.name);
        let pathArg = d.args[0];
        if (d.name === 'Method') {
          method = stringValue(d.args[0])?.toUpperCase();
          pathArg = d.args[1];
        }
        if (!method) continue;
        const own = pathArg ? stringValue(pathArg) : '';
        const readable = prefix !== undefined && own !== undefined;
        const path = readable ? rcJoin(prefix, own) : rcJoin(prefix ?? `{${prefixArg!.text}}`, own ?? `{${pathArg!.text}}`);
        out.push({
          method: method === 'ALL' ? 'ANY' : method,
          path,
          // The linker shows an unread path as its expression in braces: the parts as written, not the path with braces already in it.
          ...(readable ? {} : { dynamic: [prefix ?? prefixArg!.text, own ?? pathArg!.text].filter((x) => x).join(' + ') }),
          handler: `${className}.${name}`,
          handlerSymbol: `${className}.${name}`,
          inlineRange: rangeOf(m),
          guards: [],
          file,
          line: line(d.node),
          order: m.startIndex,
          framework: 'routing-controllers',
          ...(check ? { doubt: check } : {}),
        });
        facts.actions.push({
          file,
          line: line(d.node),
          cls: className,
          authorized: [...clsAuth, ...authorizedOf(mdecs, `method ${className}.${name}`)],
          params: paramsOf(m),
          before: [...clsBefore, ...beforeOf(mdecs, `method ${className}.${name}`)],
          ...(reads ? { reads } : {}),
        });
      }
    }
  }
  for (const call of all(root, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'identifier' && SERVER_CALL.test(fn.text)) {
      const opts = callArgs(call).find((a) => a.type === 'object');
      if (opts) facts.servers.push(readServer(root, opts, file, line(call)));
    }
    if (fn?.text === 'createParamDecorator') {
      const d = readParamDecorator(call, file);
      if (d) facts.paramDecorators.push(d);
    }
  }
  if (/MiddlewareInterface/.test(text)) facts.guardDefs.push(...findNestGuardDefs(root, file, text).guards);
  return out;
}

function authorizedOf(decs: Deco[], where: string): RcAuthorized[] {
  return decs.filter((d) => d.name === 'Authorized').map((d) => {
    const a = d.args[0];
    const items = !a ? [] : a.type === 'array' ? kids(a) : [a];
    const roles = items.map((i) => stringValue(i));
    return { ...(roles.every((r) => r !== undefined) ? { roles: roles as string[] } : {}), line: line(d.node), where };
  });
}

function beforeOf(decs: Deco[], where: string): RcAction['before'] {
  return decs.filter((d) => d.name === 'UseBefore').flatMap((d) => d.args.map((a) => ({ text: a.text, line: line(d.node), where })));
}

function paramsOf(m: Node): RcParamUse[] {
  const params = m.childForFieldName('parameters');
  const out: RcParamUse[] = [];
  for (const p of kids(params)) {
    for (const d of kids(p).filter((k) => k.type === 'decorator')) {
      const e = d.namedChildren[0];
      if (e?.type !== 'call_expression') continue;
      const name = e.childForFieldName('function')?.text ?? '';
      const first = callArgs(e)[0];
      const options = first?.type === 'object' ? kids(first).flatMap((pair) => {
        const v = pair.childForFieldName('value')?.text;
        return pair.type === 'pair' && (v === 'true' || v === 'false') ? [{ key: pair.childForFieldName('key')?.text ?? '', value: v === 'true' }] : [];
      }) : [];
      out.push({ name, options, line: line(d) });
    }
  }
  return out;
}

function optionString(obj: Node | undefined, key: string): string | undefined {
  return stringValue(optionValue(obj, key));
}

function readServer(root: Node, opts: Node, file: string, ln: number): RcServer {
  const ctrls = optionValue(opts, 'controllers');
  const names = ctrls?.type === 'array' ? kids(ctrls) : [];
  const listed = names.length > 0 && names.every((n) => n.type === 'identifier');
  const mws = optionValue(opts, 'middlewares');
  const checkerNode = optionValue(opts, 'authorizationChecker');
  const userChecker = optionValue(opts, 'currentUserChecker');
  const required = optionValue(optionValue(optionValue(opts, 'defaults'), 'paramOptions'), 'required')?.text;
  const checkerFn = checkerNode ? functionOf(root, checkerNode) : undefined;
  return {
    file,
    line: ln,
    ...(optionValue(opts, 'routePrefix') ? { prefix: optionString(opts, 'routePrefix') ?? `{${optionValue(opts, 'routePrefix')!.text}}` } : {}),
    ...(listed ? { controllers: names.map((n) => n.text) } : {}),
    ...(checkerNode ? { checker: checkerFn ? readChecker(checkerFn) : { passesEmpty: false, why: `${checkerNode.text} could not be read`, line: line(checkerNode) } } : {}),
    ...(userChecker ? { currentUserChecker: { line: line(userChecker) } } : {}),
    ...(required === 'true' || required === 'false' ? { paramRequired: required === 'true' } : {}),
    middlewares: mws?.type === 'array' ? kids(mws).filter((n) => n.type === 'identifier').map((n) => n.text) : [],
    ...(mws && !(mws.type === 'array' && kids(mws).every((n) => n.type === 'identifier')) ? { middlewareGlobs: true as const } : {}),
  };
}

/** The function an option names: written there, or declared in the file under that name. */
function functionOf(root: Node, v: Node): Node | undefined {
  if (/^(arrow_function|function_expression|function)$/.test(v.type)) return v;
  if (v.type !== 'identifier' && v.type !== 'shorthand_property_identifier') return undefined;
  for (const f of all(root, 'function_declaration')) if (f.childForFieldName('name')?.text === v.text) return f;
  for (const d of all(root, 'variable_declarator')) {
    const val = d.childForFieldName('value');
    if (d.childForFieldName('name')?.text === v.text && val && /^(arrow_function|function_expression|function)$/.test(val.type)) return val;
  }
  return undefined;
}

/**
 * Whether the checker lets a bare `@Authorized()` (an empty role list) through for anyone: it
 * answers `roles.every(…)` (true for no roles), or returns true first thing when the list is empty.
 */
function readChecker(fn: Node): { passesEmpty: boolean; why: string; line: number } {
  const params = kids(fn.childForFieldName('parameters'));
  const roles = params[1]?.childForFieldName('pattern')?.text ?? params[1]?.text.split(':')[0].trim();
  const body = fn.childForFieldName('body');
  const at = { line: line(fn) };
  if (!roles || !body) return { passesEmpty: false, why: 'it does not read the role list', ...at };
  const esc = roles.replace(/\$/g, '\\$');
  const every = new RegExp(`^(await\\s+)?${esc}\\.every\\s*\\(`);
  const exprs = body.type === 'statement_block' ? [] : [body];
  const stmts = body.type === 'statement_block' ? kids(body) : [];
  if (stmts.length === 1 && stmts[0].type === 'return_statement' && stmts[0].namedChildren[0]) exprs.push(stmts[0].namedChildren[0]);
  if (exprs.some((e) => every.test(e.text.trim()))) return { passesEmpty: true, why: `it answers ${roles}.every(…), true for an empty list`, ...at };
  const first = stmts[0];
  const empty = new RegExp(`^\\(\\s*(!\\s*${esc}\\.length|${esc}\\.length\\s*===?\\s*0)\\s*\\)$`);
  if (first?.type === 'if_statement' && empty.test(first.childForFieldName('condition')?.text ?? '') && /^\{?\s*return\s+true\s*;?\s*\}?$/.test(first.childForFieldName('consequence')?.text ?? '')) {
    return { passesEmpty: true, why: 'it returns true first thing when the list is empty', ...at };
  }
  return { passesEmpty: false, why: 'an empty role list does not pass it by itself', ...at };
}

/** Parameters of the action bound by these decorators (`@Req() req`, `@Param('id') id`, `@Params() { id }`). */
function boundBy(m: Node, names: RegExp): string[] {
  const out: string[] = [];
  for (const p of kids(m.childForFieldName('parameters'))) {
    const d = kids(p).find((k) => k.type === 'decorator');
    const fn = d?.namedChildren[0]?.type === 'call_expression' ? d.namedChildren[0].childForFieldName('function')?.text : undefined;
    const pattern = p.childForFieldName('pattern');
    if (!fn || !names.test(fn) || !pattern) continue;
    out.push(...(pattern.type === 'identifier' ? [pattern.text] : all(pattern, ['shorthand_property_identifier_pattern', 'identifier']).map((n) => n.text)));
  }
  return out;
}

/** What reads who is calling off an Express/Koa request: passport's and express-session's own. */
const CALLER_READ = (req: string): RegExp => new RegExp(`\\b${req.replace(/\$/g, '\\$')}\\s*\\.\\s*(user\\b|isAuthenticated\\s*\\(|logout\\s*\\(|logOut\\s*\\(|state\\s*\\.\\s*user\\b|session\\s*\\.\\s*(user|userId|passport)\\b)`);

/** The action's own read of the caller off the request it takes: anonymous allowed, unless something refuses. */
function readsCaller(m: Node): RcAction['reads'] {
  const body = m.childForFieldName('body');
  if (!body) return undefined;
  for (const req of boundBy(m, /^(Req|Request|Ctx)$/)) {
    const hit = CALLER_READ(req).exec(body.text);
    if (hit) {
      const at = body.startPosition.row + 1 + body.text.slice(0, hit.index).split('\n').length - 1;
      return { text: hit[0].replace(/\s+/g, '').replace(/\($/, '()'), line: at };
    }
  }
  return undefined;
}

/** A check's name that says it judges what it is given (`UploadFlowService.validate(id)`, `verifyToken(token)`). */
const CHECK_CALL = /(^|\.)(validate|verify|check|consume|redeem)\w*$/i;
const REFUSE_THROW = /^throw\s+new\s+\w*(NotFound|Unauthori[sz]ed|Forbidden|AccessDenied)\w*\s*\(/;

/**
 * `if (!(await UploadFlowService.validate(id))) throw new NotFoundError()` first thing in the action,
 * `id` from the path: the route refuses unless a check of ours accepts the value the caller put in
 * the path. Whether that value is a credential (a one-time upload token) or a record's id was not
 * followed: the route is `unknown` unless a guard applies anyway (routeGraph.ts reads `doubt`).
 */
function pathCheck(m: Node, file: string): string | undefined {
  const first = kids(m.childForFieldName('body')).find((k) => k.type !== 'comment');
  if (first?.type !== 'if_statement') return undefined;
  const cond = (first.childForFieldName('condition')?.text ?? '').replace(/^\(([\s\S]*)\)$/, '$1').trim();
  const call = /^!\s*\(?\s*(?:await\s+)?([\w$.]+)\s*\(\s*([\w$.]+)\s*\)\s*\)?$/.exec(cond);
  const then = first.childForFieldName('consequence');
  const stmt = then?.type === 'statement_block' ? kids(then)[0] : then;
  if (!call || !CHECK_CALL.test(call[1]) || !stmt || !REFUSE_THROW.test(stmt.text)) return undefined;
  const params = boundBy(m, /^(Param|Params)$/);
  if (!params.includes(call[2])) return undefined;
  return `refuses (${file}:${line(stmt)}) unless ${call[1]}(${call[2]}) accepts the path's ${call[2]}: whether that is a credential was not followed`;
}

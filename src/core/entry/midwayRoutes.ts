// Midway.js (@midwayjs/core, @midwayjs/decorator, v1's `midway`): controller classes whose methods
// declare routes by decorators (`@Controller('/user', { middleware })`, `@Get('/:id', { middleware })`,
// `@Del`, v1's lowercase `@controller`/`@get`), under the framework's `globalPrefix` (koa/express/egg
// configuration) unless the controller says `ignoreGlobalPrefix: true`. What decides who may call a
// route is code of the service's own, met in other files, so one file only tells what it holds
// (midwayApply.ts judges once every file is read):
// - an action: its route's middleware (class and method options), `@UseGuard(...)` and the other
//   decorators on its method and class that the service imports from its own files;
// - a middleware class (a class with `resolve()`: v3's `@Middleware()`, v2's `@Provide()`): whether its
//   code refuses (401/403) or reads the caller's credentials;
// - a custom method decorator (`createCustomMethodDecorator(KEY, …)` in a function): whether the
//   implementation in the same file refuses; Midway runs it around the method
//   (`decoratorService.registerMethodHandler(KEY, impl)`), which is not followed across files;
// - the app-wide `useGuard(...)` / `useMiddleware(...)` calls and the `globalPrefix`.
import type { Node, Tree } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { all, kids, line, rangeOf, stringValue } from './treeUtil';
import { moduleStrings, optionValue } from './jsLiterals';
import { decoratorsOf, rcJoin, type Deco } from './routingControllers';

/** A file that uses Midway. */
export const IMPORTS_MIDWAY = /(?:from\s*|require\s*\(\s*)['"](?:@midwayjs\/[\w.-]+|midway)['"]/;

const METHODS: ReadonlyMap<string, string> = new Map([['get', 'GET'], ['post', 'POST'], ['put', 'PUT'], ['del', 'DELETE'], ['patch', 'PATCH'], ['options', 'OPTIONS'], ['head', 'HEAD'], ['all', 'ANY']]);

/** A middleware that reads these may turn callers away in ways not read here (`this.reject(ctx, …)`). */
const CREDENTIALS = /\b(?:authorization|token|jwt|session)\b/i;

/** A refusal written in code: Midway's httpError classes, `ctx.throw(401)`, `ctx.status = 403`. */
const REFUSAL = /\b(?:httpError\.)?(Unauthorized|Forbidden)Error\b|\bctx\.throw\(\s*(401|403)\b|\bstatus\s*=\s*(401|403)\b/;

export interface MidwayUse {
  text: string;
  line: number;
  where: string;
}

export interface MidwayAction {
  file: string;
  /** The route's registration line (the method decorator), as the RouteDecl's. */
  line: number;
  middleware: MidwayUse[];
  guards: MidwayUse[];
  /** Decorators imported from the service's own files (relative or `@/` paths), by name. */
  own: MidwayUse[];
  ignoreGlobalPrefix?: true;
}

/** A middleware class or custom decorator of the service, and the refusal its code shows. */
export interface MidwayDef {
  name: string;
  file: string;
  line: number;
  refusal?: { how: '401' | '403'; text: string; line: number };
  /** A middleware's resolve() reads the caller's credentials (the word it names). */
  readsCredentials?: string;
}

export interface MidwayFacts {
  actions: MidwayAction[];
  middlewares: MidwayDef[];
  decorators: MidwayDef[];
  /** `app.useGuard(...)` / `app.useMiddleware(...)` calls. */
  globalUses: { kind: 'guard' | 'middleware'; text: string; file: string; line: number }[];
  globalPrefix?: { prefix: string; file: string; line: number };
}

export function emptyMidwayFacts(): MidwayFacts {
  return { actions: [], middlewares: [], decorators: [], globalUses: [] };
}

export function hasMidwayFacts(f: MidwayFacts): boolean {
  return !!(f.actions.length || f.middlewares.length || f.decorators.length || f.globalUses.length || f.globalPrefix);
}

export function detectMidwayRoutes(tree: Tree, file: string, facts: MidwayFacts, text: string): RouteDecl[] {
  if (!IMPORTS_MIDWAY.test(text) && !/\bglobalPrefix\s*:/.test(text)) return [];
  const root = tree.rootNode;
  const prefix = /\bglobalPrefix\s*:\s*(['"`])(\/[^'"`]*)\1/.exec(text);
  if (prefix) facts.globalPrefix = { prefix: prefix[2]!, file, line: text.slice(0, prefix.index).split('\n').length };
  if (!IMPORTS_MIDWAY.test(text)) return [];
  const ownNames = ownImports(root);
  const out: RouteDecl[] = [];
  readDefs(root, file, text, facts);
  for (const call of all(root, 'call_expression')) {
    const fn = call.childForFieldName('function');
    const m = fn?.type === 'member_expression' ? /^(useGuard|useMiddleware)$/.exec(fn.childForFieldName('property')?.text ?? '') : null;
    if (m) facts.globalUses.push({ kind: m[1] === 'useGuard' ? 'guard' : 'middleware', text: oneLine(call.text), file, line: line(call) });
  }
  const consts = moduleStrings(root);
  for (const cls of all(root, ['class_declaration', 'class'])) {
    const decs = decoratorsOf(cls);
    const ctrl = decs.find((d) => d.name === 'Controller' || d.name === 'controller');
    if (!ctrl) continue;
    const className = cls.childForFieldName('name')?.text ?? '';
    const base = ctrl.args[0] && ctrl.args[0].type !== 'object' ? pathParts(ctrl.args[0], consts) : { text: '' };
    const clsWhere = `class ${className}`;
    const clsUses = usesOf(decs, ctrl.args[1], clsWhere, ownNames);
    const ignoreGlobalPrefix = optionValue(ctrl.args[1], 'ignoreGlobalPrefix')?.text === 'true';
    for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_definition')) {
      const name = m.childForFieldName('name')?.text ?? '';
      const mdecs = decoratorsOf(m);
      for (const d of mdecs) {
        const method = METHODS.get(d.name.charAt(0).toLowerCase() + d.name.slice(1));
        if (!method || d.name.slice(1) !== d.name.slice(1).toLowerCase()) continue;
        const own = d.args[0] && d.args[0].type !== 'object' ? pathParts(d.args[0], consts) : { text: '' };
        const readable = base.text !== undefined && own.text !== undefined;
        const path = readable ? rcJoin(base.text!, own.text!) : rcJoin(base.text ?? `{${ctrl.args[0]!.text}}`, own.text ?? `{${d.args[0]!.text}}`);
        // One name the module imports (`${ADMIN_PREFIX_URL}/sys/dept`): the interpreter gives its string before linking.
        const pathConst = base.text === undefined && base.expr && own.text !== undefined ? { expr: base.expr, before: base.before!, after: rcJoin(base.after!, own.text) } : undefined;
        const mine = usesOf(mdecs, d.args[0]?.type === 'object' ? d.args[0] : d.args[1], `method ${className}.${name}`, ownNames);
        facts.actions.push({
          file,
          line: line(d.node),
          middleware: [...clsUses.middleware, ...mine.middleware],
          guards: [...clsUses.guards, ...mine.guards],
          own: [...clsUses.own, ...mine.own],
          ...(ignoreGlobalPrefix ? { ignoreGlobalPrefix: true as const } : {}),
        });
        out.push({
          method,
          path,
          // The linker shows an unread path as its expression in braces: the two parts as written.
          ...(readable ? {} : { dynamic: [base.text ?? ctrl.args[0]!.text, own.text ?? d.args[0]!.text].filter((x) => x).join(' + ') }),
          ...(pathConst ? { pathConst } : {}),
          handler: `${className}.${name}`,
          handlerSymbol: `${className}.${name}`,
          inlineRange: rangeOf(m),
          guards: [],
          file,
          line: line(d.node),
          order: m.startIndex,
          framework: 'midway',
        });
      }
    }
  }
  return out;
}

/** The middleware (an options object's `middleware: [...]`), `@UseGuard` arguments and own decorators of a class or method. */
function usesOf(decs: Deco[], options: Node | undefined, where: string, ownNames: ReadonlySet<string>): { middleware: MidwayUse[]; guards: MidwayUse[]; own: MidwayUse[] } {
  const middleware: MidwayUse[] = [];
  const list = optionValue(options, 'middleware');
  for (const item of list?.type === 'array' ? kids(list) : list ? [list] : []) middleware.push({ text: item.text, line: line(item), where });
  const guards: MidwayUse[] = [];
  const own: MidwayUse[] = [];
  for (const d of decs) {
    if (d.name === 'UseGuard') {
      for (const a of d.args) for (const g of a.type === 'array' ? kids(a) : [a]) guards.push({ text: g.text, line: line(d.node), where });
    } else if (ownNames.has(d.name)) own.push({ text: d.name, line: line(d.node), where });
  }
  return { middleware, guards, own };
}

/** Names the file imports from the service's own files: relative paths and `@/`, `~/`, `src/` aliases. */
function ownImports(root: Node): Set<string> {
  const out = new Set<string>();
  for (const imp of kids(root).filter((k) => k.type === 'import_statement')) {
    const src = stringValue(imp.childForFieldName('source'));
    if (!src || !/^(?:\.|@\/|~\/|src\/)/.test(src)) continue;
    for (const id of all(imp, ['import_specifier', 'import_clause'])) {
      const name = id.type === 'import_specifier' ? (id.childForFieldName('alias') ?? id.childForFieldName('name'))?.text : kids(id).find((k) => k.type === 'identifier')?.text;
      if (name) out.add(name);
    }
  }
  return out;
}

/** Middleware classes and custom method decorators defined here, with the refusal their code shows. */
function readDefs(root: Node, file: string, text: string, facts: MidwayFacts): void {
  for (const cls of all(root, ['class_declaration', 'class'])) {
    const name = cls.childForFieldName('name')?.text;
    const resolve = kids(cls.childForFieldName('body')).find((k) => k.type === 'method_definition' && k.childForFieldName('name')?.text === 'resolve');
    if (!name || !resolve) continue;
    const reads = CREDENTIALS.exec(resolve.text);
    facts.middlewares.push({ name, file, line: line(cls), ...refusalIn(resolve), ...(reads ? { readsCredentials: reads[0] } : {}) });
  }
  if (!text.includes('createCustomMethodDecorator')) return;
  for (const fn of all(root, 'function_declaration')) {
    const name = fn.childForFieldName('name')?.text;
    if (!name || !fn.text.includes('createCustomMethodDecorator')) continue;
    // Its implementation is the file's other code (the `around`/`before` handler registered for the key).
    const impl = all(root, ['function_declaration', 'arrow_function', 'function_expression', 'method_definition']).find((f) => f.id !== fn.id && !f.text.includes('createCustomMethodDecorator') && REFUSAL.test(f.text));
    facts.decorators.push({ name, file, line: line(fn), ...(impl ? refusalIn(impl) : {}) });
  }
}

function refusalIn(node: Node): Pick<MidwayDef, 'refusal'> {
  const m = REFUSAL.exec(node.text);
  if (!m) return {};
  const how = m[1] === 'Forbidden' || m[2] === '403' || m[3] === '403' ? '403' : '401';
  return { refusal: { how, text: m[0], line: line(node) + node.text.slice(0, m.index).split('\n').length - 1 } };
}

interface PathParts {
  /** The string, when the file alone tells it. */
  text?: string;
  /** Else: the one name it leaves open, with the text around it. */
  expr?: string;
  before?: string;
  after?: string;
}

/** A path argument: a literal, a module constant, or a template over them with at most one other name. */
function pathParts(node: Node, consts: ReadonlyMap<string, string>): PathParts {
  const lit = stringValue(node);
  if (lit !== undefined) return { text: lit };
  if (node.type === 'identifier') return consts.has(node.text) ? { text: consts.get(node.text)! } : { expr: node.text, before: '', after: '' };
  if (node.type !== 'template_string') return {};
  let text = '';
  let open: PathParts | undefined;
  for (const part of node.children) {
    if (!part || part.type === '`') continue;
    const inner = part.type === 'template_substitution' ? part.namedChildren[0] : undefined;
    const v = part.type === 'template_substitution' ? (inner?.type === 'identifier' ? consts.get(inner.text) : undefined) : part.text;
    if (v !== undefined) {
      if (open) open.after += v;
      else text += v;
    } else if (!open && inner?.type === 'identifier') open = { expr: inner.text, before: text, after: '' };
    else return {};
  }
  return open ?? { text };
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ');
  return t.length > 120 ? t.slice(0, 119) + '…' : t;
}

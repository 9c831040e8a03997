// Nest's RouterModule (`RouterModule.register(routes)`, and `forRoutes` of the older nest-router):
// a tree of `{ path, module, children }` that puts every controller a module declares in its
// `@Module({ controllers: [...] })` under the module's path, a child's under its parent's too
// (`children: [CatsModule]` gives a module its parent's path). Nest builds a route's path as global
// prefix + version + module path + controller path + method path (RoutePathFactory), so the module
// path is joined before the controller's and the global prefix and version go before both
// (applyNestFacts). The tree may be written inline or in a constant (`const routes: Routes = [...]`,
// often in a file of its own): constants whose array holds `module:` objects are read wherever they
// are, and the register call names them. A path may name a string constant of the tree's file
// (`path: PUBLIC_API_PREFIX`). Modules and controllers are linked by class name, and by the file a
// module imports its controller from where it says (two controllers of one name, in two folders,
// each under its own module's path).
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { all, callArgs, kids, line, stringValue } from './treeUtil';
import { joinPaths } from './routePath';
import { dict } from '../ownKeys';
import { isRuntimeVar } from './runtimeMode';

/** A module class and the controllers its @Module declares. */
export interface NestModuleDecl {
  name: string;
  controllers: string[];
  /** Where a controller listed comes from (a relative import, or this file), without extension: only its routes take the module's path. */
  controllerFiles?: Record<string, string>;
  /** The modules its `imports` name (`A`, `B.forRoot(…)`, `forwardRef(() => C)`); nestApps.ts follows them from each app's root module. */
  imports?: string[];
  /** Its `imports` hold something not read as a module name (a spread, a variable, a call of a function): the graph may go on. */
  openImports?: boolean;
  /** Controllers listed only under a test of an environment variable that fails while it is unset (a fresh install). */
  offByDefault?: { name: string; why: string }[];
  /** Modules imported only under `ConditionalModule.registerWhen(M, test)` whose test fails while the variables are unset. */
  importsOffByDefault?: { name: string; why: string }[];
  file: string;
  line: number;
}

/** A module's path from a RouterModule tree: `path` when written as a string, else `expr` as written. */
export interface NestRouterPath {
  module: string;
  path?: string;
  expr?: string;
  file: string;
  line: number;
}

export interface NestRouterFacts {
  modules: NestModuleDecl[];
  /** Trees given to RouterModule inline. */
  routerPaths: NestRouterPath[];
  /** Names of the constants given to RouterModule. */
  routerRefs: string[];
  /** Constants holding a tree, by name. */
  routeTables: { name: string; paths: NestRouterPath[] }[];
}

export function findNestRouterFacts(root: Node, file: string, text: string): NestRouterFacts {
  const out: NestRouterFacts = { modules: [], routerPaths: [], routerRefs: [], routeTables: [] };
  if (text.includes('@Module')) {
    for (const cls of all(root, 'class_declaration')) {
      const name = cls.childForFieldName('name')?.text;
      const decorators = [...kids(cls).filter((k) => k.type === 'decorator'), ...(cls.parent?.type === 'export_statement' ? kids(cls.parent).filter((k) => k.type === 'decorator') : [])];
      for (const d of decorators) {
        const call = d.namedChildren[0];
        if (!name || call?.type !== 'call_expression' || call.childForFieldName('function')?.text !== 'Module') continue;
        const controllers = option(callArgs(call)[0], 'controllers');
        const imported = moduleImports(option(callArgs(call)[0], 'imports'));
        const off = controllers?.type === 'array' ? controllers.namedChildren.flatMap((c) => (c?.type === 'spread_element' ? envOff(c.namedChildren[0]) : [])) : [];
        const listed = controllers?.type === 'array' ? controllers.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text) : [];
        const from = controllerSources(root, file, listed);
        out.modules.push({ name, controllers: listed, ...(Object.keys(from).length ? { controllerFiles: from } : {}), ...(imported.names.length ? { imports: imported.names } : {}), ...(imported.open ? { openImports: true } : {}), ...(off.length ? { offByDefault: off } : {}), ...(imported.off.length ? { importsOffByDefault: imported.off } : {}), file, line: line(d) });
      }
    }
  }
  if (!text.includes('RouterModule') && !/\bmodule\s*:/.test(text)) return out;
  const consts = fileStrings(root);
  for (const call of text.includes('RouterModule') ? all(root, 'call_expression') : []) {
    if (!/(^|\.)RouterModule\.(register|forRoutes)$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    const arg = callArgs(call)[0];
    if (arg?.type === 'array') out.routerPaths.push(...readTree(arg, '', file, consts));
    else if (arg?.type === 'identifier') out.routerRefs.push(arg.text);
  }
  for (const decl of /\bmodule\s*:/.test(text) ? all(root, 'variable_declarator') : []) {
    const name = decl.childForFieldName('name');
    const value = decl.childForFieldName('value');
    if (name?.type !== 'identifier' || value?.type !== 'array') continue;
    if (!value.namedChildren.some((e) => e?.type === 'object' && option(e, 'module'))) continue;
    out.routeTables.push({ name: name.text, paths: readTree(value, '', file, consts) });
  }
  return out;
}

/**
 * The module names an `imports` array gives; `open` when an element is not read as one (or the option is not an array);
 * `off`: those imported under a ConditionalModule test that fails while the environment is unset.
 */
function moduleImports(arr: Node | undefined): { names: string[]; open: boolean; off: { name: string; why: string }[] } {
  if (!arr) return { names: [], open: false, off: [] };
  if (arr.type !== 'array') return { names: [], open: true, off: [] };
  const names: string[] = [];
  const off: { name: string; why: string }[] = [];
  let open = false;
  for (const el of arr.namedChildren) {
    const cond = el ? conditionalImport(el) : undefined;
    if (cond?.why) off.push({ name: cond.name, why: cond.why });
    const name = cond?.name ?? (el ? importedModule(el) : undefined);
    if (name) names.push(name);
    else if (el && el.type !== 'comment') open = true;
  }
  return { names, open, off };
}

/**
 * `ConditionalModule.registerWhen(M, (env) => test)` of @nestjs/config (or `registerWhen(M, 'VAR')`: set and not 'false'):
 * M, and why a fresh install leaves it out when the test fails while the variables are unset.
 */
function conditionalImport(el: Node): { name: string; why?: string } | undefined {
  if (el.type !== 'call_expression' || !/(^|\.)ConditionalModule\.registerWhen$/.test(el.childForFieldName('function')?.text ?? '')) return undefined;
  const [mod, test] = callArgs(el);
  if (mod?.type !== 'identifier') return undefined;
  const v = stringValue(test);
  if (v !== undefined) return { name: mod.text, why: `imported only when ${v} is set (ConditionalModule.registerWhen, line ${line(el)})` };
  if (test?.type !== 'arrow_function') return { name: mod.text };
  const param = test.childForFieldName('parameter') ?? test.childForFieldName('parameters')?.namedChildren[0];
  const env = param?.type === 'identifier' ? param.text : param?.childForFieldName('pattern')?.text;
  let body = test.childForFieldName('body');
  if (body?.type === 'statement_block') {
    const stmts = kids(body).filter((k) => k.type !== 'comment');
    body = stmts.length === 1 && stmts[0].type === 'return_statement' ? stmts[0].namedChildren[0] : null;
  }
  if (!env || !body) return { name: mod.text };
  const cond = body.text.replace(new RegExp(`(^|[^\\w$.])${env}(\\?)?\\.`, 'g'), '$1process.env.');
  return unsetValue(cond) === false ? { name: mod.text, why: `imported only when ${body.text.replace(/\s+/g, ' ')}, which is false while the variables are unset (ConditionalModule.registerWhen, line ${line(el)})` } : { name: mod.text };
}

/** `A`, `A.forRoot(…)` / `A.register(…)` (a dynamic module of A), `forwardRef(() => A)`. */
function importedModule(el: Node): string | undefined {
  if (el.type === 'identifier') return el.text;
  if (el.type !== 'call_expression') return undefined;
  const fn = el.childForFieldName('function');
  if (fn?.type === 'member_expression' && fn.childForFieldName('object')?.type === 'identifier') return fn.childForFieldName('object')!.text;
  if (fn?.text === 'forwardRef') {
    const body = callArgs(el)[0]?.childForFieldName('body');
    return body?.type === 'identifier' ? body.text : undefined;
  }
  return undefined;
}

/** `process.env.X`, `process.env.X?.toLowerCase()`, `process.env.X?.split(',')?.includes('a')`: the variable read (NODE_ENV is the runtime's, never unset: runtimeMode.ts). */
const ENV_READ = /^process\.env\.([A-Za-z_]\w*)(\?\.\w+\((\s*(['"`])[^'"`]*\4\s*)?\))*$/;

/** What a test of environment variables gives while they are unset: undefined when it is not one we read. */
function unsetValue(cond: string): boolean | undefined {
  const t = cond.trim().replace(/^\(([\s\S]*)\)$/, '$1').trim();
  const parts = t.split(/\s*&&\s*/);
  if (parts.length > 1) {
    const vs = parts.map(unsetValue);
    return vs.includes(false) ? false : vs.every((v) => v === true) ? true : undefined;
  }
  // `Boolean(x)`, `!!x`: x's truth.
  const truth = /^(?:Boolean\(([\s\S]+)\)|!!\s*([\s\S]+))$/.exec(t);
  if (truth) return unsetValue(truth[1] ?? truth[2]);
  const not = /^!\s*([\s\S]+)$/.exec(t);
  if (not) {
    const v = unsetValue(not[1]);
    return v === undefined ? undefined : !v;
  }
  const cmp = /^([\w$.?()]+)\s*(===|==|!==|!=)\s*(['"`])[^'"`]*\3$/.exec(t);
  const read = ENV_READ.exec(cmp ? cmp[1] : t);
  if (!read || isRuntimeVar(read[1])) return undefined;
  // Unset: undefined (a method called with ?. gives undefined too), equal to no string and falsy.
  return cmp ? cmp[2].startsWith('!') : false;
}

/** `...(process.env.X === 'true' ? [StatsController] : [])`: the controllers of the arm a fresh install does not take. */
function envOff(n: Node | null | undefined): { name: string; why: string }[] {
  while (n?.type === 'parenthesized_expression') n = n.namedChildren[0];
  if (n?.type !== 'ternary_expression') return [];
  const cond = n.childForFieldName('condition')?.text ?? '';
  const v = unsetValue(cond);
  if (v === undefined) return [];
  const arm = (x: Node | null) => (x?.type === 'array' ? x.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text) : []);
  const on = arm(n.childForFieldName(v ? 'consequence' : 'alternative'));
  const why = `listed only when ${cond.replace(/\s+/g, ' ')}, which is ${v ? 'true' : 'false'} while the variable is unset (line ${line(n)})`;
  return arm(n.childForFieldName(v ? 'alternative' : 'consequence')).filter((c) => !on.includes(c)).map((name) => ({ name, why }));
}

function option(obj: Node | null | undefined, key: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  return kids(obj).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text === key)?.childForFieldName('value') ?? undefined;
}

/** Every module of a tree with its full path; a path not written as a string makes its subtree's `expr`. */
function readTree(arr: Node, parent: string | { expr: string }, file: string, consts: Map<string, string>): NestRouterPath[] {
  const out: NestRouterPath[] = [];
  const at = (module: string, where: string | { expr: string }, n: Node): NestRouterPath => (typeof where === 'string' ? { module, path: where, file, line: line(n) } : { module, expr: where.expr, file, line: line(n) });
  for (const el of arr.namedChildren) {
    if (!el) continue;
    if (el.type === 'identifier') {
      out.push(at(el.text, parent, el));
      continue;
    }
    if (el.type !== 'object') continue;
    const p = option(el, 'path');
    const s = p ? (stringValue(p) ?? (p.type === 'identifier' ? consts.get(p.text) : undefined)) : '';
    const where = typeof parent === 'string' && s !== undefined ? joinPaths(parent, s) : { expr: [typeof parent === 'string' ? parent : parent.expr, p?.text ?? ''].filter(Boolean).join('/') };
    const module = option(el, 'module');
    if (module?.type === 'identifier') out.push(at(module.text, where, el));
    const children = option(el, 'children');
    if (children?.type === 'array') out.push(...readTree(children, where, file, consts));
  }
  return out;
}

/** The file's module-level string constants (`const PREFIX = '/api/v2'`, exported or not); a name declared twice is left out. */
function fileStrings(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  const twice = new Set<string>();
  for (const top of kids(root)) {
    const decl = top.type === 'export_statement' ? kids(top).find((k) => k.type === 'lexical_declaration') : top;
    if (decl?.type !== 'lexical_declaration' || !/^const\b/.test(decl.text)) continue;
    for (const d of kids(decl).filter((k) => k.type === 'variable_declarator')) {
      const n = d.childForFieldName('name');
      const v = stringValue(d.childForFieldName('value'));
      if (n?.type !== 'identifier' || v === undefined) continue;
      if (out.has(n.text)) twice.add(n.text);
      out.set(n.text, v);
    }
  }
  for (const t of twice) out.delete(t);
  return out;
}

/** Where each listed controller comes from: a relative import's file or this file's, without extension; names imported from a package are left out. */
function controllerSources(root: Node, file: string, names: string[]): Record<string, string> {
  const out = dict<string>();
  const wanted = new Set(names);
  for (const imp of kids(root).filter((k) => k.type === 'import_statement')) {
    const spec = stringValue(imp.childForFieldName('source'));
    if (!spec?.startsWith('.')) continue;
    for (const s of all(imp, 'import_specifier')) {
      const local = (s.childForFieldName('alias') ?? s.childForFieldName('name'))?.text;
      if (local && wanted.has(local)) out[local] = stem(path.posix.join(path.posix.dirname(file), spec));
    }
  }
  for (const cls of all(root, 'class_declaration')) {
    const n = cls.childForFieldName('name')?.text;
    if (n && wanted.has(n)) out[n] = stem(file);
  }
  return out;
}

/** A source file's path without its extension nor a trailing /index, to compare an import with a route's file. */
export function stem(file: string): string {
  return file.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
}

/**
 * Each controller's module paths (a controller of a module on no tree has none). Several paths
 * for one controller (its module under two trees, or two modules of one name) are all returned.
 */
export function controllerModulePaths(facts: NestRouterFacts): Map<string, (NestRouterPath & { controllerFile?: string })[]> {
  const tables = new Map(facts.routeTables.map((t) => [t.name, t.paths]));
  const paths = [...facts.routerPaths, ...facts.routerRefs.flatMap((r) => tables.get(r) ?? [])];
  const byModule = new Map<string, NestRouterPath[]>();
  for (const p of paths) byModule.set(p.module, [...(byModule.get(p.module) ?? []), p]);
  const out = new Map<string, (NestRouterPath & { controllerFile?: string })[]>();
  for (const m of facts.modules) {
    const ps = byModule.get(m.name);
    if (!ps) continue;
    for (const c of m.controllers) {
      const from = m.controllerFiles?.[c];
      out.set(c, [...(out.get(c) ?? []), ...ps.map((p) => (from ? { ...p, controllerFile: from } : p))]);
    }
  }
  return out;
}

/** Controllers a module lists only under an environment test that fails by default, and in no module plainly. */
export function controllersOffByDefault(facts: NestRouterFacts): Map<string, string> {
  const plain = new Set(facts.modules.flatMap((m) => m.controllers));
  const out = new Map<string, string>();
  for (const m of facts.modules) for (const o of m.offByDefault ?? []) if (!plain.has(o.name)) out.set(o.name, `${o.why} in ${m.name} (${m.file}:${m.line})`);
  // A module a fresh install does not import (ConditionalModule), and no module imports plainly: its controllers serve nothing.
  const plainImports = new Set(facts.modules.flatMap((m) => (m.imports ?? []).filter((i) => !m.importsOffByDefault?.some((o) => o.name === i))));
  const offModules = new Map(facts.modules.flatMap((m) => (m.importsOffByDefault ?? []).filter((o) => !plainImports.has(o.name)).map((o) => [o.name, `of ${o.name}, ${o.why} in ${m.name} (${m.file}:${m.line})`] as const)));
  for (const [name, why] of offModules) {
    for (const c of facts.modules.filter((x) => x.name === name).flatMap((x) => x.controllers)) {
      if (!out.has(c) && !facts.modules.some((x) => !offModules.has(x.name) && x.controllers.includes(c))) out.set(c, why);
    }
  }
  return out;
}

// A repository may bootstrap several Nest applications (a monorepo's apps, a second process such as
// a collaboration or admin server): each `NestFactory.create(RootModule)` serves the controllers of
// the modules its root module imports, directly or through other modules, and the global prefix and
// global guards set up in that bootstrap (`app.setGlobalPrefix`, `app.useGlobalGuards`, written in
// the same file) and the APP_GUARD providers of those modules apply to its routes only. Read as one
// pile, the last prefix read would win for every app and one app's global guard would guard the
// other's routes. With one app, or where the module graph cannot tell which apps serve a controller
// (an `imports` element not read as a module, a controller no module lists), everything applies as
// before: the scope here only ever narrows what was read.
import type { Node } from 'web-tree-sitter';
import type { GuardCandidate } from './types';
import type { NestModuleDecl } from './nestRouterModule';
import type { NestExclude } from './nestVersioning';
import { all, callArgs, line, stringValue } from './treeUtil';

/** `NestFactory.create(AppModule, …)`: an application and its root module. */
export interface NestAppDecl {
  module: string;
  file: string;
  line: number;
}

export interface NestGlobalPrefix {
  prefix: string;
  file: string;
  line: number;
  exclude?: NestExclude[];
}

/** What the scope needs of the repository's Nest facts. */
export interface NestAppFacts {
  apps?: NestAppDecl[];
  prefixes?: NestGlobalPrefix[];
  globalPrefix?: NestGlobalPrefix;
  globalGuards: GuardCandidate[];
  modules: NestModuleDecl[];
}

export function findNestApps(root: Node, file: string, text: string): NestAppDecl[] {
  if (!text.includes('NestFactory')) return [];
  const out: NestAppDecl[] = [];
  for (const call of all(root, 'call_expression')) {
    // Type arguments (`create<NestFastifyApplication>(…)`) are a child of their own, not part of the function.
    if (call.childForFieldName('function')?.text !== 'NestFactory.create') continue;
    const arg = callArgs(call)[0];
    if (arg?.type === 'identifier') out.push({ module: arg.text, file, line: line(call) });
  }
  return out;
}

/**
 * `setGlobalPrefix('api')`, or a name the bootstrap declared with a string just before
 * (`const globalPrefix = 'api'; app.setGlobalPrefix(globalPrefix)`, as Nx's Nest template writes
 * it): the `const` of that name nearest before the call. Anything else is not read.
 */
export function prefixValue(root: Node, call: Node, arg: Node | undefined): string | undefined {
  const s = stringValue(arg);
  if (s !== undefined || arg?.type !== 'identifier') return s;
  let found: string | undefined;
  for (const d of all(root, 'variable_declarator')) {
    if (d.startIndex > call.startIndex) break;
    if (d.childForFieldName('name')?.text !== arg.text || !/^const\b/.test(d.parent?.text ?? '')) continue;
    found = stringValue(d.childForFieldName('value'));
  }
  return found;
}

/** How one app (or several alike) serves a controller: under which global prefix, with which global guards. */
export interface NestAppView {
  prefix: NestGlobalPrefix | undefined;
  globalGuards: GuardCandidate[];
}

export interface NestAppScope {
  /**
   * One view per global prefix the controller is served under: apps under the same prefix make one
   * route, guarded only by the global guards every one of them applies. With one app, or where the
   * graph cannot tell which apps serve it, the one view of everything read.
   */
  views(controller: string): NestAppView[];
}

export function nestAppScope(facts: NestAppFacts): NestAppScope {
  const everywhere: NestAppView[] = [{ prefix: facts.globalPrefix, globalGuards: facts.globalGuards }];
  const apps = [...new Map((facts.apps ?? []).map((a) => [`${a.file}:${a.module}`, a])).values()];
  const appFiles = new Set(apps.map((a) => a.file));
  // A prefix written outside every bootstrap (a shared setup function) cannot be placed in an app.
  if (apps.length < 2 || (facts.prefixes ?? []).some((p) => !appFiles.has(p.file))) return { views: () => everywhere };
  const byName = new Map<string, NestModuleDecl[]>();
  for (const m of facts.modules) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const graphs = apps.map((a) => reachable(a.module, byName));
  const prefixOf = apps.map((a) => (facts.prefixes ?? []).filter((p) => p.file === a.file).pop());
  /** Whether a global guard applies in app i. */
  const appliesIn = (c: GuardCandidate, i: number): boolean => {
    const file = c.guard?.file;
    if (file === undefined) return true;
    if (appFiles.has(file) && c.via === 'app.useGlobalGuards') return apps[i].file === file;
    // An APP_GUARD provider guards the apps whose graph holds its module (the one module of its file).
    const owners = facts.modules.filter((m) => m.file === file);
    return owners.length !== 1 || graphs[i].names.has(owners[0].name);
  };
  const cache = new Map<string, NestAppView[]>();
  return {
    views(controller) {
      const known = cache.get(controller);
      if (known) return known;
      const homes = facts.modules.filter((m) => m.controllers.includes(controller)).map((m) => m.name);
      const hit = graphs.flatMap((g, i) => (homes.some((h) => g.names.has(h)) ? [i] : []));
      // An app that does not reach it, but whose graph goes on where we cannot read, may serve it too.
      const settled = hit.length > 0 && graphs.every((g, i) => hit.includes(i) || !g.open);
      const byPrefix = new Map<string, number[]>();
      for (const i of hit) byPrefix.set(prefixOf[i]?.prefix ?? '', [...(byPrefix.get(prefixOf[i]?.prefix ?? '') ?? []), i]);
      const out = settled ? [...byPrefix.values()].map((is) => ({ prefix: prefixOf[is[0]], globalGuards: facts.globalGuards.filter((c) => is.every((i) => appliesIn(c, i))) })) : everywhere;
      cache.set(controller, out);
      return out;
    },
  };
}

/** The modules an app's root module imports, transitively; `open` when some import could not be read. */
function reachable(rootModule: string, byName: Map<string, NestModuleDecl[]>): { names: Set<string>; open: boolean } {
  const names = new Set<string>([rootModule]);
  let open = !byName.has(rootModule);
  const todo = [rootModule];
  while (todo.length) {
    for (const m of byName.get(todo.pop()!) ?? []) {
      if (m.openImports) open = true;
      for (const i of m.imports ?? []) {
        if (names.has(i)) continue;
        names.add(i);
        todo.push(i);
      }
    }
  }
  return { names, open };
}

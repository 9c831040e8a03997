// NestJS: @Controller prefixes, @Get/@Post… methods, @UseGuards/@Roles on class or method,
// global guards (APP_GUARD, useGlobalGuards), `setGlobalPrefix` (and its `exclude`), URI
// versioning (`enableVersioning`, @Version; nestVersioning.ts), custom decorators that apply guards
// (applyDecorators(UseGuards(...)); nestComposedGuards.ts), and middleware bound with
// `consumer.apply(AuthMiddleware).forRoutes(...)`. The guard classes those name are judged by
// their code once every file has been read (nestGuardCode.ts, nestGuardJudge.ts).
import type { Node, Tree } from 'web-tree-sitter';
import type { EntryPoint, Guard, GuardCandidate, RouteDecl } from './types';
import { all, callArgs, kids, line, rangeOf } from './treeUtil';
import { classifyGuardText, isPublic, makeGuard } from './guards';
import { joinPaths } from './routePath';
import { nestRoutePaths, readExcludes, readVersioning, versionValue, type NestVersion, type NestVersioning } from './nestVersioning';
import { composedByName, findComposedDecorators, type ComposedDecorator } from './nestComposedGuards';
import { table } from '../ownKeys';
import { findNestGuardDefs, type NestGuardDef, type NestStrategyDef } from './nestGuardCode';
import { NestGuardJudge, judgeMiddleware } from './nestGuardJudge';
import { SIGN_IN_PATH } from './signInPaths';
import { detectNestMountedApps } from './nestMountedApps';
import { pathPart, routePaths } from './nestPaths';
import { controllerModulePaths, controllersOffByDefault, findNestRouterFacts, stem, type NestRouterFacts, type NestRouterPath } from './nestRouterModule';
import { detectNestAppMounts, SWAGGER_6, UNDER_GLOBAL_PREFIX } from './nestAppMounts';
import { IMPORTS_ROUTING_CONTROLLERS } from './routingControllers';
import { IMPORTS_MIDWAY } from './midwayRoutes';
import { nestHandlerChecks, UNREAD_CHECK } from './nestHandlerChecks';
import { findControllerLists, judgeUnreadBinding, readForRoutes, refMatches, resolveLists, type NestControllerList, type NestRouteRef } from './nestForRoutes';
import { findMetadataDecorators, keyOf, type MetaDecorator, type MetaMark } from './nestMetadataSkip';
import { findNestApps, nestAppScope, prefixValue, type NestAppDecl, type NestGlobalPrefix } from './nestApps';
import { callerRead, findIdentityParamDecorators, paramDecoratorUses } from './nestCallerReads';
import { findGuardImports, type NestGuardImport } from './nestGuardImports';
import { findMemberFactories, setupOnlyMember, thisMemberOf, type NestMemberFactory } from './nestMemberMiddleware';

const METHODS: Record<string, string> = table({ Get: 'GET', Post: 'POST', Put: 'PUT', Delete: 'DELETE', Patch: 'PATCH', Options: 'OPTIONS', Head: 'HEAD', All: 'ANY' });

export interface NestFacts extends NestRouterFacts {
  globalPrefix?: NestGlobalPrefix;
  /** Every file's global prefix (a repository may bootstrap several apps: nestApps.ts); `globalPrefix` is the last read. */
  prefixes?: NestGlobalPrefix[];
  /** The applications bootstrapped (`NestFactory.create(AppModule)`), with their root modules. */
  apps?: NestAppDecl[];
  /** `enableVersioning` with URI versioning. */
  versioning?: NestVersioning;
  /** Routes that declare their own version (method @Version, or their controller's), by registration. */
  versions: { file: string; line: number; version: NestVersion }[];
  /** Custom decorators whose body applies guards (applyDecorators(UseGuards(...))). */
  composed: ComposedDecorator[];
  /** Other decorators on each route (method and class), by registration, to look up in `composed` and `metaDecorators`. */
  decorated: { file: string; line: number; uses: DecoratorUse[] }[];
  /** Decorator factories that set route metadata (`Public = () => SetMetadata(IS_PUBLIC_KEY, true)`; nestMetadataSkip.ts). */
  metaDecorators: MetaDecorator[];
  globalGuards: GuardCandidate[];
  /** forRoutes bindings: middleware text → route patterns (or controller names). */
  middleware: { text: string; file: string; line: number; routes: NestRouteRef[]; exclude?: NestRouteRef[]; member?: { type: string; member: string } }[];
  /** Exported constant arrays of class names, which a binding in another file may spread (nestForRoutes.ts). */
  controllerLists?: NestControllerList[];
  /** Guard classes (canActivate, passport AuthGuard subclasses) read by their code (nestGuardCode.ts). */
  guardDefs: NestGuardDef[];
  /** Passport strategies (`extends PassportStrategy(Strategy, 'name')`) and the package of their Strategy. */
  strategies: NestStrategyDef[];
  /** Relative imports of class names in files that attach or define guards, to tell same-named guard classes apart (nestGuardImports.ts). */
  guardImports?: NestGuardImport[];
  /** Class members set to a package's middleware factory, for bindings of `this.service.member` (nestMemberMiddleware.ts). */
  memberFactories?: NestMemberFactory[];
}

/** A decorator on a route's method or class; `meta` for a `@SetMetadata(key, value)` written there. */
interface DecoratorUse {
  name: string;
  line: number;
  where: string;
  meta?: { key: string; keyValue?: string };
}

export function emptyNestFacts(): NestFacts {
  return { apps: [], versions: [], composed: [], decorated: [], globalGuards: [], middleware: [], guardDefs: [], strategies: [], modules: [], routerPaths: [], routerRefs: [], routeTables: [], metaDecorators: [] };
}

function decoratorsOf(node: Node): { name: string; args: Node[]; node: Node }[] {
  // Decorators are siblings before a class member, or children of the class declaration.
  const out: { name: string; args: Node[]; node: Node }[] = [];
  const pool = [...kids(node).filter((k) => k.type === 'decorator')];
  // A comment between them (`@UseInterceptors(…) // 1 MB max`) is no end of a member's decorators.
  for (let p = node.previousNamedSibling; p && (p.type === 'decorator' || p.type === 'comment'); p = p.previousNamedSibling) if (p.type === 'decorator') pool.push(p);
  if (node.parent?.type === 'export_statement') pool.push(...kids(node.parent).filter((k) => k.type === 'decorator'));
  for (const d of pool) {
    const e = d.namedChildren[0];
    if (!e) continue;
    if (e.type === 'call_expression') out.push({ name: e.childForFieldName('function')?.text ?? '', args: callArgs(e), node: d });
    else out.push({ name: e.text, args: [], node: d });
  }
  return out;
}

export function detectNestRoutes(tree: Tree, file: string, facts: NestFacts, text: string): RouteDecl[] {
  const root = tree.rootNode;
  const out: RouteDecl[] = [...detectNestMountedApps(root, file, text), ...detectNestAppMounts(root, file, text)];
  facts.composed.push(...findComposedDecorators(root, file, text), ...findIdentityParamDecorators(root, file, text));
  facts.metaDecorators.push(...findMetadataDecorators(root, file, text));
  const lists = findControllerLists(root, file, text);
  if (lists.length) (facts.controllerLists ??= []).push(...lists);
  const defs = findNestGuardDefs(root, file, text);
  facts.guardDefs.push(...defs.guards);
  facts.strategies.push(...defs.strategies);
  const imports = findGuardImports(root, file, text);
  if (imports.length) (facts.guardImports ??= []).push(...imports);
  const members = findMemberFactories(root, file, text);
  if (members.length) (facts.memberFactories ??= []).push(...members);
  const router = findNestRouterFacts(root, file, text);
  facts.modules.push(...router.modules);
  facts.routerPaths.push(...router.routerPaths);
  facts.routerRefs.push(...router.routerRefs);
  facts.routeTables.push(...router.routeTables);
  // Each walk below runs only where the file has its words: walking every class, call and object
  // of every file was a tenth of a large non-Nest server's entry-point pass.
  // A routing-controllers file's @Controller is that package's (routingControllers.ts).
  // A Midway file's too (midwayRoutes.ts).
  const otherControllers = (IMPORTS_ROUTING_CONTROLLERS.test(text) || IMPORTS_MIDWAY.test(text)) && !/['"]@nestjs\//.test(text);
  for (const cls of text.includes('Controller') && !otherControllers ? all(root, 'class_declaration') : []) {
    const decs = decoratorsOf(cls);
    const ctrl = decs.find((d) => d.name === 'Controller');
    const className = cls.childForFieldName('name')?.text ?? '';
    if (!ctrl) continue;
    const arg = ctrl.args[0];
    let prefix = pathPart(arg);
    let clsVersion = versionValue(decs.find((d) => d.name === 'Version')?.args[0]);
    if (arg?.type === 'object') {
      const value = (key: string) => kids(arg).find((k) => k.type === 'pair' && k.childForFieldName('key')?.text === key)?.childForFieldName('value');
      prefix = pathPart(value('path'));
      clsVersion = versionValue(value('version')) ?? clsVersion;
    }
    const clsGuards = guardDecorators(decs, file, `class ${className}`);
    const clsPublic = decs.some((d) => /^(Public|SkipAuth|AllowAnonymous|IsPublic)$/.test(d.name));
    for (const m of kids(cls.childForFieldName('body')).filter((k) => k.type === 'method_definition')) {
      const mdecs = decoratorsOf(m);
      const name = m.childForFieldName('name')?.text ?? '';
      const version = versionValue(mdecs.find((d) => d.name === 'Version')?.args[0]) ?? clsVersion;
      const uses = [...otherDecorators(root, decs, `class ${className}`), ...otherDecorators(root, mdecs, `method ${className}.${name}`), ...paramDecoratorUses(m, `${className}.${name}`)];
      for (const d of mdecs) {
        const method = METHODS[d.name];
        if (!method) continue;
        const publicMark = clsPublic || mdecs.some((x) => /^(Public|SkipAuth|AllowAnonymous|IsPublic)$/.test(x.name));
        for (const where of routePaths(prefix, pathPart(d.args[0]))) out.push({
          method,
          ...where,
          handler: `${className}.${name}`,
          handlerSymbol: `${className}.${name}`,
          inlineRange: rangeOf(m),
          guards: [...clsGuards, ...guardDecorators(mdecs, file, `method ${className}.${name}`), ...nestHandlerChecks(m, file, where.path, method)].concat(publicMark ? [{ text: '@Public()', line: line(m), via: 'decorator', guard: { name: '@Public()', kind: 'authentication', optional: true, reason: 'marked public: global guards skip it', file, line: line(m) } }] : []),
          file,
          line: line(d.node),
          order: m.startIndex,
          framework: 'nest',
        });
        if (version) facts.versions.push({ file, line: line(d.node), version });
        if (uses.length) facts.decorated.push({ file, line: line(d.node), uses });
      }
    }
  }
  // Facts that apply across files.
  facts.apps!.push(...findNestApps(root, file, text));
  for (const call of /setGlobalPrefix|useGlobalGuards|forRoutes|enableVersioning/.test(text) ? all(root, 'call_expression') : []) {
    const fn = call.childForFieldName('function');
    const prop = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
    const args = callArgs(call);
    const prefix = prop === 'setGlobalPrefix' ? prefixValue(root, call, args[0]) : undefined;
    if (prefix !== undefined) {
      const exclude = readExcludes(args[1]);
      facts.globalPrefix = { prefix, file, line: line(call), ...(exclude.length ? { exclude } : {}) };
    }
    if (prop === 'enableVersioning') {
      const v = readVersioning(args[0], file, line(call));
      if (v) facts.versioning = v;
    }
    if (prop === 'useGlobalGuards') for (const a of args) facts.globalGuards.push(guardCandidate(a.text, file, line(a), 'app.useGlobalGuards'));
    if (prop === 'forRoutes') {
      const b = readForRoutes(call, root);
      if (!b) continue;
      for (const mw of b.middleware) {
        const member = thisMemberOf(mw);
        facts.middleware.push({ text: mw.text, file, line: line(mw), routes: b.routes, ...(b.exclude.length ? { exclude: b.exclude } : {}), ...(member ? { member } : {}) });
      }
    }
  }
  for (const obj of text.includes('APP_GUARD') ? all(root, 'object') : []) {
    const provide = kids(obj).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text === 'provide');
    if (provide?.childForFieldName('value')?.text !== 'APP_GUARD') continue;
    const use = kids(obj).find((p) => p.type === 'pair' && /^use(Class|Existing)$/.test(p.childForFieldName('key')?.text ?? ''));
    const v = use?.childForFieldName('value');
    if (v) facts.globalGuards.push(guardCandidate(v.text, file, line(v), 'APP_GUARD provider'));
  }
  return out;
}

/** Decorators Nest does not define here, which may be custom ones that apply guards. */
const BUILT_IN = /^(Controller|Get|Post|Put|Delete|Patch|Options|Head|All|Version|UseGuards|UseInterceptors|UsePipes|UseFilters|HttpCode|Header|Redirect|Render|SetMetadata|Sse|Injectable|Inject)$/;

function otherDecorators(root: Node, decs: { name: string; args: Node[]; node: Node }[], where: string): DecoratorUse[] {
  const out: DecoratorUse[] = decs.filter((d) => /^[A-Z][\w$]*$/.test(d.name) && !BUILT_IN.test(d.name)).map((d) => ({ name: d.name, line: line(d.node), where }));
  // `@SetMetadata('isPublic', true)` written on the route: metadata a guard may let through.
  for (const d of decs) {
    if (!/(^|\.)SetMetadata$/.test(d.name) || !d.args[1] || /^(false|0|null|undefined)$/.test(d.args[1].text)) continue;
    const meta = keyOf(root, d.args[0]);
    if (meta) out.push({ name: 'SetMetadata', line: line(d.node), where, meta });
  }
  return out;
}

/** The metadata a route carries from its decorators: written with SetMetadata, or set by a factory of the repository. */
function metaMarks(e: EntryPoint, uses: DecoratorUse[], byName: Map<string, MetaDecorator>): MetaMark[] {
  const out: MetaMark[] = [];
  for (const u of uses) {
    const m = u.meta ?? byName.get(u.name);
    if (m) out.push({ key: m.key, ...(m.keyValue !== undefined ? { keyValue: m.keyValue } : {}), via: `@${u.name}(…) on ${u.where}`, where: u.where.startsWith('class ') ? 'class' : 'method', file: e.file, line: u.line });
  }
  return out;
}

/** Metadata decorators by name; a name defined with different keys in several places is left out. */
function metaByName(list: MetaDecorator[]): Map<string, MetaDecorator> {
  const out = new Map<string, MetaDecorator>();
  const bad = new Set<string>();
  for (const m of list) {
    const had = out.get(m.name);
    if (had && had.key !== m.key) bad.add(m.name);
    else out.set(m.name, m);
  }
  for (const b of bad) out.delete(b);
  return out;
}

function guardCandidate(text: string, file: string, ln: number, via: string): GuardCandidate {
  const cls = classifyGuardText(text) ?? { kind: 'other' as const, matched: 'guard' };
  return { text, line: ln, via, guard: makeGuard(text, file, ln, via, cls) };
}

function guardDecorators(decs: { name: string; args: Node[]; node: Node }[], file: string, where: string): GuardCandidate[] {
  const out: GuardCandidate[] = [];
  for (const d of decs) {
    if (d.name === 'UseGuards') {
      for (const a of d.args) out.push(guardCandidate(a.text, file, line(d.node), `@UseGuards on ${where}`));
    } else if (/^(Roles|Permissions|RequirePermissions|Scopes|Auth|Authorized|ApiBearerAuth)$/.test(d.name) && d.name !== 'ApiBearerAuth') {
      const text = d.node.text.replace(/^@/, '');
      const g = makeGuard(text, file, line(d.node), `@${d.name} on ${where}`, { kind: d.name === 'Auth' || d.name === 'Authorized' ? 'authentication' : 'authorization', matched: d.name });
      if (g) out.push({ text, line: line(d.node), via: 'decorator', guard: g });
    }
  }
  return out;
}

/** What the project's package.json tells of its Nest packages. */
export interface NestProject {
  /** Its @nestjs/swagger is 6 or later (nestAppMounts.ts: the routes of its documents). */
  swagger6: boolean;
}

/** Global prefix, versions, global guards and forRoutes middleware, once every file has been read. */
export function applyNestFacts(entries: EntryPoint[], facts: NestFacts, project: NestProject = { swagger6: true }): void {
  settleAppMounts(entries, facts, project);
  const scope = nestAppScope(facts);
  const versionAt = new Map(facts.versions.map((v) => [`${v.file}:${v.line}`, v.version]));
  const usesAt = new Map(facts.decorated.map((d) => [`${d.file}:${d.line}`, d.uses]));
  const composed = composedByName(facts.composed);
  const judge = new NestGuardJudge(facts.guardDefs, facts.strategies, facts.guardImports);
  const modulePaths = controllerModulePaths(facts);
  const metas = metaByName(facts.metaDecorators ?? []);
  for (const m of facts.metaDecorators ?? []) if (m.keyValue !== undefined && m.key !== m.keyValue) judge.keyValues.set(m.key, m.keyValue);
  // A controller a fresh install does not mount (its module lists it under an environment test) serves nothing.
  const off = controllersOffByDefault(facts);
  if (off.size) for (let i = entries.length - 1; i >= 0; i--) if (entries[i].framework === 'nest' && off.has(entries[i].handler.split('.')[0])) entries.splice(i, 1);
  for (const e of [...entries]) {
    if (e.framework === 'nest-static') applyMountedAppMiddleware(e, judge);
    if (e.framework !== 'nest') continue;
    const local = withModulePath(e, ownModulePaths(e, modulePaths.get(e.handler.split('.')[0])));
    // One route per app prefix (nestApps.ts) and per version (`@Version(['1', '2'])`); the copies are made before guards are added.
    const views = scope.views(e.handler.split('.')[0]);
    const paths = views.flatMap((view) => nestRoutePaths(local, e.method, { globalPrefix: view.prefix?.prefix, exclude: view.prefix?.exclude, versioning: facts.versioning, version: versionAt.get(`${e.file}:${e.line}`) }).map((p) => ({ ...p, view })));
    const before = { ...e, guards: [...e.guards] };
    for (const [i, p] of paths.entries()) {
      const x = i === 0 ? e : { ...before, guards: [...before.guards] };
      x.path = p.path;
      x.id = `${x.method} ${x.path}`;
      if (p.dynamic) x.dynamic = { expression: p.dynamic };
      if (i > 0) entries.push(x);
      const uses = usesAt.get(`${e.file}:${e.line}`) ?? [];
      applyNestGuards(x, local, facts, p.view.globalGuards, composedGuards(x, uses, composed), judge, metaMarks(x, uses, metas), callerRead(uses, composed));
    }
  }
}

/**
 * The module paths of the route's own class: a module that imports a controller of that name from
 * the route's file says so, and the modules importing one of that name from elsewhere are another
 * class's (two AliasControllers in two folders). No import naming the file (a barrel, an alias): all.
 */
function ownModulePaths(e: EntryPoint, paths: (NestRouterPath & { controllerFile?: string })[] | undefined): NestRouterPath[] | undefined {
  const mine = paths?.filter((p) => p.controllerFile === stem(e.file));
  return mine?.length ? [...mine, ...paths!.filter((p) => !p.controllerFile)] : paths;
}

/**
 * The route's path under its module's RouterModule path (nestRouterModule.ts). A path not written
 * as a string, or several for one controller, make the route dynamic with what picks it.
 */
function withModulePath(e: EntryPoint, paths: NestRouterPath[] | undefined): string {
  if (!paths?.length) return e.path;
  const alts = [...new Set(paths.map((p) => p.path ?? `{${p.expr}}`))];
  if (alts.length === 1 && paths[0].path !== undefined) {
    if (e.dynamic) e.dynamic = { expression: `${alts[0]}/${e.dynamic.expression}` };
    return joinPaths(alts[0], e.path);
  }
  const which = alts.length === 1 ? alts[0] : `{${alts.join(' | ')}}`;
  e.dynamic = { expression: `${which}/${e.dynamic?.expression ?? e.path}` };
  return joinPaths(which, e.path);
}

/** Routes set up on the application (nestAppMounts.ts): under the global prefix when asked, a Swagger document only where served. */
function settleAppMounts(entries: EntryPoint[], facts: NestFacts, project: NestProject): void {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (!e.framework?.startsWith('nest-static:')) continue;
    if (e.framework.includes(SWAGGER_6) && !project.swagger6) {
      entries.splice(i, 1);
      continue;
    }
    // The prefix set up beside the mount (the same bootstrap file), else the one read last.
    const prefix = (facts.prefixes ?? []).filter((p) => p.file === e.file).pop() ?? facts.globalPrefix;
    if (e.framework.includes(UNDER_GLOBAL_PREFIX) && prefix) {
      e.path = joinPaths(prefix.prefix, e.path);
      e.id = `${e.method} ${e.path}`;
      if (e.dynamic) e.dynamic = { expression: `${prefix.prefix}/${e.dynamic.expression}` };
    }
    e.framework = 'nest-static';
  }
}

/** The guards a route's custom decorators apply, attributed to where the decorator is used. */
function composedGuards(e: EntryPoint, uses: { name: string; line: number; where: string }[], composed: Map<string, ComposedDecorator>): Guard[] {
  const out: Guard[] = [];
  for (const u of uses) {
    const c = composed.get(u.name);
    for (const text of c?.guards ?? []) {
      const g = makeGuard(text, e.file, u.line, `@${u.name} on ${u.where} (applyDecorators(UseGuards(…)) at ${c!.file}:${c!.line})`, classifyGuardText(text) ?? { kind: 'other', matched: 'guard' });
      if (g) out.push(g);
    }
  }
  return out;
}

function applyNestGuards(e: EntryPoint, local: string, facts: NestFacts, globalGuards: GuardCandidate[], composed: Guard[], judge: NestGuardJudge, marks: MetaMark[], caller: string | undefined): void {
  e.guards.push(...composed);
  const publicMark = e.guards.some((g) => g.name === '@Public()');
  for (const c of globalGuards) if (c.guard) e.guards.push(publicMark ? { ...c.guard, optional: true, reason: c.guard.reason + ' (skipped: @Public)' } : c.guard);
  // A public mark with no guard to skip changes nothing: the route is open, not "anonymous allowed" (publicOnPurpose.ts reads the mark).
  if (publicMark && e.guards.every((g) => g.name === '@Public()')) e.guards = [];
  // Guard classes by their code; a name with no code that looks like auth leaves the route unknown.
  const state = judge.apply(e.guards, marks, caller, e.method === 'POST' && SIGN_IN_PATH.test(e.path));
  if (state) e.guardState = state;
  // The handler hands a credential it carries to a call of ours we did not read (nestHandlerChecks.ts).
  else if (e.guards.some((g) => g.reason.startsWith(UNREAD_CHECK)) && !e.guards.some((g) => g.kind !== 'other' && !g.optional)) e.guardState = 'unknown';
  for (const mw of facts.middleware) {
    if (mw.routes.some((r) => r.list) && facts.controllerLists?.length) mw.routes = resolveLists(mw.routes, facts.controllerLists);
    if (mw.exclude?.some((r) => refMatches(r, e, local))) continue;
    // A service member holding a session set-up (nestMemberMiddleware.ts) refuses nobody, wherever it is bound.
    const setup = setupOnlyMember(mw.member, facts.memberFactories);
    if (mw.routes.some((r) => refMatches(r, e, local))) {
      if (setup) e.guards.push({ name: mw.text, kind: 'other', reason: `consumer.apply(${mw.text}).forRoutes(…); not a guard: ${setup}`, file: mw.file, line: mw.line });
      else judgeMiddleware(e, mw.text, mw.file, mw.line, `consumer.apply(${mw.text}).forRoutes(…)`, judge);
    } else if (!setup) {
      const unread = mw.routes.find((r) => r.unread !== undefined);
      if (unread) judgeUnreadBinding(e, mw.text, mw.file, mw.line, unread.unread!, judge);
    }
  }
  settleMiddlewareState(e);
}

/** A mounted application's `middleware` option (nestMountedApps.ts), judged by its use() like a forRoutes binding. */
function applyMountedAppMiddleware(e: EntryPoint, judge: NestGuardJudge): void {
  const named = e.guards.filter((g) => g.reason.startsWith('middleware of '));
  if (!named.length) return;
  e.guards = e.guards.filter((g) => !named.includes(g));
  for (const g of named) judgeMiddleware(e, g.name, g.file, g.line, g.reason.replace(/; name matches '[^']*'$/, ''), judge);
  settleMiddlewareState(e);
}

function settleMiddlewareState(e: EntryPoint): void {
  // A guard class left the route unknown, but a middleware that refuses guards it anyway.
  if (e.guardState === 'unknown' && e.guards.some((g) => g.kind !== 'other' && !g.optional)) delete e.guardState;
  e.public = isPublic(e.guards);
}

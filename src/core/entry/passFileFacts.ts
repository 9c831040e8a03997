// What the entry-point pass takes from one file it reads itself (Go, Python, Java, Kotlin, and
// the JavaScript/TypeScript files the map's worker pass leaves to it: an editor's unsaved buffer,
// a file a routing convention claims, Next's middleware). Each detector used to add straight into
// the pass's shared lists; gathered per file first, the pass applies them in the same order, and
// the record can be kept: after a one-file edit, the file's record before and after is what
// entryFollow.ts compares to decide whether the last answer, its positions renamed, is the answer.
// So a record must hold everything the pass takes from the file's text, and nothing else.
import type { Tree } from 'web-tree-sitter';
import type { FileInfo } from '../map/types';
import type { LanguageId } from '../parse/languages';
import { createParser } from '../parse/languages';
import { textForGrammar } from '../parse/grammarGaps';
import type { ModuleIndex } from './resolveModule';
import { emptyDecls, type EntryPoint, type FileDecls } from './types';
import { detectPyRoutes } from './pyRoutes';
import { detectGoRoutes, type GoFileFacts } from './goRoutes';
import { detectJavaRoutes } from './javaRoutes';
import { serverEndpointRoutes } from './jsr356Endpoints';
import { withTypeCandidates } from './javaConstantExprs';
import { withRuleCandidates } from './springRuleConstants';
import { detectMicronautRoutes, micronautFileFacts, type MicronautFileFacts } from './micronautRoutes';
import { detectKotlinMicronautRoutes, kotlinMicronautFileFacts } from './micronautKotlin';
import { parseRbacFacts, type RbacFileFacts } from './springRbac';
import { detectFunctionalRoutes, type FunctionalFileFacts } from './springFunctionalRoutes';
import { resourceHandlerRoutes } from './springResourceHandlers';
import { webSocketRoutes } from './springWebSockets';
import { detectKotlinRoutes } from './kotlinRoutes';
import { detectKotlinDslRoutes } from './kotlinDslRoutes';
import { detectVertxWebRoutes } from './vertxWebRoutes';
import { detectJavalinJavaRoutes } from './javalinRoutes';
import { javalinFilters, type JavalinFilter } from './javalinGuards';
import { sparkFileFacts, usesSpark, type SparkFileFacts } from './sparkRoutes';
import { ktGuardFacts, type KtGuardFacts } from './kotlinGuardBlocks';
import { ktorFileFacts, type KtorFileFacts } from './ktorRoutes';
import { parseSpringSecurity, type SecurityRule } from './springSecurity';
import { parseConfigClasses, type ConfigClass } from './springConfigLists';
import { springLogoutRoutes } from './springLogout';
import { parseShiroChains, shiroLogoutRoutes } from './shiroFilterChains';
import { jaxrsFacts, mayHoldJaxrs, type JaxrsFileFacts } from './jaxrsFacts';
import { handlerAnnotationsOf, parseAnnotationLists, type AnnotationList, type AnnotationType, type HandlerAnnotations } from './springAnnotationPermits';
import { fileRouteFor, type fileRoutesContext } from './fileRoutes';
import { detectDjango, emptyDjangoFacts, type DjangoFacts } from './djangoRoutes';
import { detectOtherEntries } from './otherEntries';
import { NEXT_MIDDLEWARE_FILE, parseNextMiddleware, type NextMiddleware } from './nextMiddleware';
import { parseSvelteKitHooks, SVELTEKIT_HOOKS_FILE, type SvelteKitHooks } from './fileRouting/svelteKitHooks';
import { familyOf, INTERPRETED } from './facts/extract';
import { extractJsFileEntry, type JsFileEntry } from './jsFileEntry';
import { dict } from '../ownKeys';

/** One file's contribution to the pass; `{}` for a file that contributes nothing (not of interest, unreadable). */
export interface PassFileFacts {
  /** Counted among the files with syntax errors (a JS file's own flag is in `js`). */
  parseError?: true;
  js?: JsFileEntry;
  nextMiddleware?: NextMiddleware;
  /** SvelteKit's `src/hooks.server.ts`: the refusals its `handle` makes, and the path tests they sit under. */
  svelteKitHooks?: SvelteKitHooks;
  /** Declarations: Python routes, Java/Kotlin routes, file-system routes. */
  decls?: FileDecls;
  go?: GoFileFacts;
  rules?: SecurityRule[];
  /** `@ConfigurationProperties` classes (springConfigLists.ts). */
  configClasses?: ConfigClass[];
  /** Lists of paths the code collects from annotated handlers, their annotations, annotation types (springAnnotationPermits.ts). */
  annotationLists?: AnnotationList[];
  handlerAnnotations?: HandlerAnnotations[];
  annotationTypes?: AnnotationType[];
  /** JAX-RS classes, filters, application paths and registrations (jaxrsFacts.ts). */
  jaxrs?: JaxrsFileFacts;
  /** Micronaut: the file imports micronaut-security, and the security rules it declares (micronautRoutes.ts). */
  micronaut?: MicronautFileFacts;
  /** Kubernetes-style RBAC managers, request-info resolvers, resource folders, the anonymous authority (springRbac.ts). */
  rbac?: RbacFileFacts;
  /** Kotlin route DSLs' blocks, credential values and refusing functions (kotlinGuardBlocks.ts). */
  ktGuards?: KtGuardFacts;
  /** A Java file's Javalin filters (access manager, before handlers), applied to every Javalin route when linking. */
  javalinFilters?: JavalinFilter[];
  /** A Java file's Spark filters, methods and register call sites (its routes are in decls), linked by sparkLink.ts. */
  spark?: Omit<SparkFileFacts, 'routes'>;
  /** Ktor routing: scopes, constants, resources and the call checks of a file (ktorRoutes.ts). */
  ktor?: KtorFileFacts;
  /** Spring functional routers' collectors and the values classes give them (springFunctionalRoutes.ts). */
  functional?: FunctionalFileFacts;
  /** This file's Django facts alone (mergeDjango adds them to the repository's). */
  django?: DjangoFacts;
  /** The file named a ROOT_URLCONF (even one that does not resolve: it still replaces an earlier one). */
  djangoRoot?: true;
  others?: EntryPoint[];
  /** The file also added to the conventions' cross-file facts (Medusa's): not this record alone. */
  shared?: true;
}

/** The record of a file that contributes nothing (a record, not a dictionary: its keys are fixed). */
export function noFacts(): PassFileFacts {
  return {};
}

/** What reading one file needs from the pass: the module index, the routing conventions, parsers kept for the pass. */
export interface PassContext {
  modules: ModuleIndex;
  fileRoutes: ReturnType<typeof fileRoutesContext>;
  parsers: Map<LanguageId, Awaited<ReturnType<typeof createParser>>>;
  onParse?: (path: string) => void;
}

/** An import of one of tRPC's HTTP adapters. */
const TRPC_ADAPTER = /['"]@trpc\/server\/adapters\//;

/** Whether the pass parses this file at all: most files' text shows they cannot matter. */
export function parsesFile(f: Pick<FileInfo, 'path' | 'language'>, text: string): boolean {
  // Go: every file, since routers, middleware and handlers are linked through types declared anywhere.
  return INTERPRETED.has(familyOf(f.language)) || f.language === 'go' || quickInterest(f.language, text, f.path) || NEXT_MIDDLEWARE_FILE.test(f.path) || SVELTEKIT_HOOKS_FILE.test(f.path);
}

/** The record of one file as the pass reads it from `text`. */
export async function passFileFacts(f: Pick<FileInfo, 'path' | 'language'>, text: string, ctx: PassContext): Promise<PassFileFacts> {
  const rec = noFacts();
  if (!parsesFile(f, text)) return rec;
  let parser = ctx.parsers.get(f.language);
  if (!parser) {
    parser = await createParser(f.language);
    ctx.parsers.set(f.language, parser);
  }
  let tree: Tree | null;
  ctx.onParse?.(f.path);
  try {
    tree = parser.parse(textForGrammar(f.language, text));
  } catch {
    return { parseError: true };
  }
  if (!tree) return rec;
  try {
    if (tree.rootNode.hasError) rec.parseError = true;
    const others = (): EntryPoint[] => detectOtherEntries(tree!, f.path, f.language, text);
    switch (f.language) {
      case 'typescript':
      case 'tsx':
      case 'javascript': {
        if (NEXT_MIDDLEWARE_FILE.test(f.path)) rec.nextMiddleware = parseNextMiddleware(tree, f.path);
        if (SVELTEKIT_HOOKS_FILE.test(f.path)) rec.svelteKitHooks = parseSvelteKitHooks(tree, f.path);
        const before = sharedSize(ctx.fileRoutes);
        const fr = fileRouteFor(f.path, tree, text, ctx.fileRoutes);
        if (sharedSize(ctx.fileRoutes) !== before) rec.shared = true;
        if (fr.length) {
          const routed: PassFileFacts = { ...rec, decls: { ...emptyDecls(f.path), routes: fr } };
          // A file route that hands its requests to tRPC's adapter (`fetchRequestHandler({ endpoint,
          // router })`) is where the router's procedures answer: the interpreter reads it to mount them
          // (frameworks/trpc.ts).
          if (TRPC_ADAPTER.test(text)) routed.js = extractJsFileEntry(tree, f.language, f.path, text);
          return withOthers(routed, others());
        }
        // Its syntax errors are counted from `js.parseError`, as for the map's facts.
        delete rec.parseError;
        rec.js = extractJsFileEntry(tree, f.language, f.path, text);
        return rec;
      }
      case 'python': {
        rec.decls = detectPyRoutes(tree, f.path, ctx.modules);
        const dj = emptyDjangoFacts();
        detectDjango(tree, f.path, ctx.modules, dj);
        rec.django = dj;
        if ('rootUrlconf' in dj) rec.djangoRoot = true;
        break;
      }
      case 'go':
      case 'java':
      case 'kotlin':
        return treeRecord(tree, f, text, ctx.modules);
    }
    return withOthers(rec, others());
  } finally {
    tree.delete();
  }
}

/**
 * The record of a Go, Java or Kotlin file from its tree (`text` as read, not as given to the
 * grammar). The map's workers keep it beside the map's facts (passEntry.ts), so it depends on
 * nothing but the file, and for Go on the folders of the repository's Go files (through
 * `modules.resolveGoDir`).
 */
export function treeRecord(tree: Tree, f: Pick<FileInfo, 'path' | 'language'>, text: string, modules: ModuleIndex): PassFileFacts {
  const rec = noFacts();
  if (tree.rootNode.hasError) rec.parseError = true;
  const others = (): EntryPoint[] => detectOtherEntries(tree, f.path, f.language, text);
  switch (f.language) {
    case 'go':
      rec.go = detectGoRoutes(tree, f.path, modules);
      return withOthers(rec, others());
    case 'java':
      rec.decls = { ...emptyDecls(f.path), routes: withTypeCandidates([...detectJavaRoutes(tree, f.path), ...detectMicronautRoutes(tree, f.path), ...resourceHandlerRoutes(tree, f.path, text), ...webSocketRoutes(tree, f.path, text), ...serverEndpointRoutes(tree, f.path, text), ...detectVertxWebRoutes(text, f.path), ...detectJavalinJavaRoutes(text, f.path)], text) };
      const jf = javalinFilters(text, f.path);
      if (jf.length) rec.javalinFilters = jf;
      const spark = sparkFileFacts(text, f.path);
      if (spark) {
        const { routes, ...rest } = spark;
        rec.decls.routes.push(...routes);
        rec.spark = rest;
      }
      withMicronaut(rec, tree, f.path);
      withFunctional(rec, tree, f.path, text);
      const shiro = parseShiroChains(text, f.path);
      rec.rules = [...withRuleCandidates(parseSpringSecurity(text, f.path), text), ...shiro];
      withConfigClasses(rec, text);
      withAnnotations(rec, tree, text);
      withJaxrs(rec, tree, f.path, text);
      withRbac(rec, text);
      return withOthers(rec, [...others(), ...springLogoutRoutes(text, f.path), ...shiroLogoutRoutes(shiro)]);
    case 'kotlin':
      rec.decls = { ...emptyDecls(f.path), routes: [...detectKotlinRoutes(text, f.path), ...detectKotlinMicronautRoutes(text, f.path), ...detectKotlinDslRoutes(text, f.path), ...detectVertxWebRoutes(text, f.path)] };
      const mn = kotlinMicronautFileFacts(text, f.path);
      if (mn) rec.micronaut = mn;
      rec.rules = withRuleCandidates(parseSpringSecurity(text, f.path), text);
      const kt = ktGuardFacts(text, f.path);
      if (kt) rec.ktGuards = kt;
      const ktor = ktorFileFacts(text, f.path);
      if (ktor) rec.ktor = ktor;
      const kjf = javalinFilters(text, f.path);
      if (kjf.length) rec.javalinFilters = kjf;
      withConfigClasses(rec, text);
      return withOthers(rec, [...others(), ...springLogoutRoutes(text, f.path)]);
    default:
      throw new Error(`no tree record for ${f.language}`);
  }
}

function withRbac(rec: PassFileFacts, text: string): void {
  const rbac = parseRbacFacts(text);
  if (rbac) rec.rbac = rbac;
}

function sharedSize(ctx: PassContext['fileRoutes']): number {
  return ctx.medusa.authenticateOff.size + ctx.medusa.readsIdentity.size + ctx.medusaMiddlewares.size + ctx.nitroMiddleware.size;
}

function withOthers(rec: PassFileFacts, others: EntryPoint[]): PassFileFacts {
  if (others.length) rec.others = others;
  return rec;
}

/**
 * Adds one file's Django facts to the repository's, as detectDjango adding straight into them
 * did: lists in file order, the last ROOT_URLCONF and REST_FRAMEWORK defaults, each setting's first
 * place, and a setting given two values anywhere is conflicting.
 */
export function mergeDjango(into: DjangoFacts, one: DjangoFacts, root: boolean): void {
  into.files.push(...one.files);
  into.confs.push(...one.confs);
  into.classes.push(...one.classes);
  into.funcs.push(...one.funcs);
  if (one.defaults) into.defaults = one.defaults;
  into.servePermissions ??= one.servePermissions;
  if (one.adminSites) into.adminSites = [...(into.adminSites ?? []), ...one.adminSites];
  if (one.loginMiddlewares) into.loginMiddlewares = [...(into.loginMiddlewares ?? []), ...one.loginMiddlewares];
  if (one.middleware) into.middleware = [...(into.middleware ?? []), ...one.middleware];
  if (one.routerFactories) into.routerFactories = [...(into.routerFactories ?? []), ...one.routerFactories];
  if (one.constants) into.constants = Object.assign(dict<Record<string, string>>(), into.constants, one.constants);
  if (one.settingLists) into.settingLists = Object.assign(dict<string[]>(), into.settingLists, one.settingLists);
  if (root) into.rootUrlconf = one.rootUrlconf;
  if (one.settings) {
    const seen = (into.settings ??= new Map());
    const conflicting = (into.conflicting ??= new Set());
    for (const k of one.conflicting ?? []) conflicting.add(k);
    for (const [k, v] of one.settings) {
      if (seen.has(k) && seen.get(k) !== v) conflicting.add(k);
      seen.set(k, v);
    }
  }
  if (one.settingsAt) {
    const at = (into.settingsAt ??= new Map());
    for (const [k, v] of one.settingsAt) if (!at.has(k)) at.set(k, v);
  }
}

/**
 * A record as plain JSON, kept to compare with the file's next version: Maps and Sets become
 * their entries (so their content is compared too); undefined when it holds something that is
 * not data (then the file's edits are never followed).
 */
export function recordJson(rec: PassFileFacts): string | undefined {
  let plain = true;
  try {
    const json = JSON.stringify(rec, (_k, v: unknown) => {
      if (v instanceof Map) return { '\u0000map': [...v] };
      if (v instanceof Set) return { '\u0000set': [...v] };
      if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') plain = false;
      return v;
    });
    return plain ? json : undefined;
  } catch {
    return undefined; // a cycle
  }
}

/** A Java record (its string form may key a functional routes' collector). */
const FUNCTIONAL_RECORD = /\brecord\s+\w+\s*[(<]/;

/** `def f(rule): … return rule` at the top of a module: a path helper's shape (pathHelpers.ts). */
const PY_PATH_HELPER = /^def\s+\w+\(\s*(\w+)\s*\):(?:\n(?:[ \t].*)?)*?\n[ \t]+return\s+\1[ \t]*$/m;

/** Cheap text check so that files with no framework words are not parsed for nothing. */
function quickInterest(lang: LanguageId, text: string, file: string): boolean {
  if (/(^|\/)(app|pages)\/|(^|\/)(server|routes)\//.test(file) && lang !== 'python' && lang !== 'go' && lang !== 'java' && lang !== 'kotlin') return true;
  // A Django view module may name no route word at all (`@login_required def billing(request)`), yet
  // its decorators are the routes' guards: the urlconf that names the view is elsewhere. A module of
  // viewset mixins may import only DRF (`from rest_framework.response import Response`).
  if (lang === 'python' && /\b(django|rest_framework)\b/.test(text)) return true;
  // A Tornado handler module or a decorator that refuses with HTTPError (tornadoFacts.ts) may name no route word.
  if (lang === 'python' && /\btornado\b|HTTPError\(/.test(text)) return true;
  // An aiohttp module (a middleware, a class of responses) may name no route word (aiohttpFacts.ts).
  if (lang === 'python' && /\baiohttp\b/.test(text)) return true;
  // A Django Ninja auth module (an HttpBearer subclass, an auth function) may name no route word (ninjaFacts.ts).
  if (lang === 'python' && /\bninja\b/.test(text)) return true;
  // A Litestar guard module (functions raising PermissionDeniedException, an auth backend) may name no route word (litestarFacts.ts).
  if (lang === 'python' && /\blitestar\b/.test(text)) return true;
  // A Falcon route table (`('/queues', queues.CollectionResource(...))` rows a function returns) or an
  // oslo.config option (boolean, string or list) whose default switches one on (falconFacts.ts, osloOptions.ts) may name no route word.
  if (lang === 'python' && (/\(\s*['"]\/[^'"\n]*['"]\s*,\s*[\w.]+\(/.test(text) || /\b(?:BoolOpt|StrOpt|ListOpt)\(/.test(text))) return true;
  // oslo.policy rule defaults and policy decorators (osloPolicy.ts) and a Falcon app's hooks (wsgiWrappers.ts)
  // judge a Falcon route's guard and may name no route word (WSGI wrapper classes are read for their `__call__`).
  if (lang === 'python' && /RuleDefault\(|\boslo_policy\b|^\s*(?:import falcon|from falcon\b)/m.test(text)) return true;
  // A DRF router factory (`def add_x_urls(router): router.register(...)`) or a package's prefix constant (`path = "notes"`)
  // may name no framework word (python/djangoRouterFactories.ts).
  if (lang === 'python' && (/\.register\(/.test(text) || (/(^|\/)__init__\.py$/.test(file) && /^[a-z_]\w*\s*=\s*["'][\w./-]*["']/m.test(text)))) return true;
  // A Connexion app loads its routes from an OpenAPI document (`app.add_api('spec.yaml')`, connexionFacts.ts).
  if (lang === 'python' && /\bconnexion\b/.test(text) && /\.add_api\(/.test(text)) return true;
  // A module of path constants (`ADMIN_USERS = f"{ADMIN}/users"`) a Litestar controller's `path` may name.
  if (lang === 'python' && /^[A-Z][A-Z0-9_]*\s*=\s*f?["']\//m.test(text)) return true;
  // A store's nested dictionary of settings' fresh-install values (`'application': {'password': False}`,
  // keyedSettings.ts), or a class whose method refuses a failed credential its callers cannot see (unresolvedMethods.ts).
  if (lang === 'python' && (/["']\w+["']\s*:\s*\{[^}]*?["']\w+["']\s*:\s*(True|False|None|-?\d)/.test(text) || /\braise\s+\w*(Invalid\w*(Challenge|Signature|Token|Credential)|BadSignature|Signature\w*Error)/.test(text))) return true;
  // A table of settings' defaults (`DEFAULTS = {…}`) or a class of string constants naming them
  // (`class ConfigTypes(str, Enum)`) decides a decorator that tests a setting (settingDefaults.ts).
  if (lang === 'python' && /^[A-Z][A-Z0-9_]*\s*=\s*\{|^class\s+\w+\([^)]*\b(str|\w*Enum)\b/m.test(text)) return true;
  // A FastAPI dependency type made by a factory of ours (`ViewNode = require_scopes(X)`) or a module
  // re-exporting names (`__all__` beside imports) may name no route word (fastapiTypeFactories.ts).
  if (lang === 'python' && (/^[A-Z][a-z]\w*(?:[ \t]*:[^=\n]+)?[ \t]*=[ \t]*[a-z_][\w.]*\(/m.test(text) || (/^__all__\s*=/m.test(text) && /^from\s+\S+\s+import\s/m.test(text)))) return true;
  // A module of FastAPI dependency aliases (`ItemsRead = Annotated[User, Depends(_items_read)]`) or of a class
  // FastAPI calls as a dependency (`def __call__`) may name no route word (fastapiInstanceDeps.ts).
  if (lang === 'python' && /\b(Depends|Security)\(|\bdef __call__\(/.test(text)) return true;
  // `from .base import *` re-exports names (a router class, a controller base) another module imports from here.
  if (lang === 'python' && /^from\s+\S+\s+import\s+\*/m.test(text)) return true;
  // A package's `__init__.py` re-exports names (`from .utils import login_required`) other modules import from the package;
  // a model column's default (`Column(Integer, default=0)`) decides a decorator that tests the setting (settingColumns.ts).
  if (lang === 'python' && ((/(^|\/)__init__\.py$/.test(file) && /^from\s+\.\S*\s+import\s/m.test(text)) || /\b(Column|mapped_column)\([^)]*\bdefault\s*=/.test(text))) return true;
  // Flask-RESTful/RESTX registrations (`api.add_resource`, an Api subclass's forwarding method), a
  // path helper a rule is written through and a boolean setting's default (pathHelpers.ts) may name no route word.
  if (lang === 'python' && (/\bflask_rest(ful|x|plus)\b|\badd_(resource|namespace)\b/.test(text) || PY_PATH_HELPER.test(text) || /^[A-Z][A-Z0-9_]*\s*=\s*(True|False)\b/m.test(text))) return true;
  // A Kotlin route DSL's guard blocks, and where credentials are read or refused (kotlinGuardBlocks.ts), may name no route word.
  if (lang === 'kotlin' && /->\s*Unit|authorization|UNAUTHORIZED|FORBIDDEN|unauthorized|forbidden/i.test(text)) return true;
  // Ktor: a file of path constants, or of checks on the call (ktorRoutes.ts, ktorChecks.ts), may name no route word.
  if (lang === 'kotlin' && /\bio\.ktor\b|\bconst\s+val\b/.test(text)) return true;
  // A Javalin app's filter (`app.before { … }`, an access manager) may name no route word (javalinGuards.ts).
  if ((lang === 'kotlin' || lang === 'java') && /\bio\.javalin\b/.test(text)) return true;
  // A Spark Java filter, or a check of ours a filter or handler calls (sparkRoutes.ts), may name no route word.
  if (lang === 'java' && usesSpark(text)) return true;
  // A JAX-RS base resource, request filter or application class (jaxrsFacts.ts) may name no route word.
  if (lang === 'java' && mayHoldJaxrs(text)) return true;
  // A record with a string form of its own may be the key a functional routes' collector nests under (springFunctionalRoutes.ts).
  if (lang === 'java' && FUNCTIONAL_RECORD.test(text) && /\btoString\s*\(\s*\)/.test(text)) return true;
  // A JSR-356 endpoint (jsr356Endpoints.ts) may name no route word.
  if (lang === 'java' && text.includes('@ServerEndpoint')) return true;
  return /(get|post|put|delete|patch|use|route|Route|register|include|Blueprint|APIRouter|Router|prefix|urlpatterns|HandleFunc|Handle|GET|POST|Mapping|Path|Controller|main|setInterval|schedule|cron|Cron|Scheduled|consume|subscribe|Listener|task|Worker|process|Query|Mutation|Resolver|GlobalPrefix|APP_GUARD|forRoutes|authorize|Security|ROOT_URLCONF|DEFAULT_PERMISSION_CLASSES|permission_classes|PREFIX)/.test(text);
}

/** Functional routes only where a router function or a record (a collector's key) is written. */
function withFunctional(rec: PassFileFacts, tree: Tree, file: string, text: string): void {
  if (!/RouterFunction/.test(text) && !FUNCTIONAL_RECORD.test(text)) return;
  const { routes, facts } = detectFunctionalRoutes(tree, file);
  if (routes.length) rec.decls!.routes.push(...routes);
  if (facts) rec.functional = facts;
}

function withAnnotations(rec: PassFileFacts, tree: Tree, text: string): void {
  const lists = parseAnnotationLists(text);
  if (lists.length) rec.annotationLists = lists;
  const { handlers, types } = handlerAnnotationsOf(tree);
  if (handlers.length) rec.handlerAnnotations = handlers;
  if (types.length) rec.annotationTypes = types;
}

function withMicronaut(rec: PassFileFacts, tree: Tree, file: string): void {
  const facts = micronautFileFacts(tree, file);
  if (facts) rec.micronaut = facts;
}

function withJaxrs(rec: PassFileFacts, tree: Tree, file: string, text: string): void {
  const facts = jaxrsFacts(tree, file, text);
  if (facts) rec.jaxrs = facts;
}

function withConfigClasses(rec: PassFileFacts, text: string): void {
  const classes = parseConfigClasses(text);
  if (classes.length) rec.configClasses = classes;
}

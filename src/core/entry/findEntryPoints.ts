// The entry points of a repository: parses each source file once, runs the detectors for its
// language, links routers across files, then applies cross-file facts (Nest global prefix and
// guards, Spring Security rules). Compiled copies (dist/, build/) and tests are left out.
import { createHash } from 'node:crypto';
import { familyOf } from './facts/extract';
import type { RepoMap, FileInfo } from '../map/types';
import type { LanguageId } from '../parse/languages';
import { createParser } from '../parse/languages';
import { ModuleIndex } from './resolveModule';
import { emptyDecls, type EntryPoint, type DataFileStamp, type EntryPointsResult, type FileDecls } from './types';
import type { GoFileFacts } from './goRoutes';
import { applyNestFacts, emptyNestFacts } from './nestRoutes';
import { emptyRcFacts } from './routingControllers';
import { applyRcFacts, mergeRcFacts } from './routingControllersApply';
import { applyMidwayFacts, mergeMidwayFacts } from './midwayApply';
import { emptyMidwayFacts } from './midwayRoutes';
import { dependencyRange, swaggerSixOrLater } from './nestAppMounts';
import { applySpringSecurity, type SecurityRule } from './springSecurity';
import { UNREAD } from './springRuleSources';
import { shadowByLogout } from './springLogout';
import { applyServletFilters, servletFilters } from './springServletFilters';
import { applyInterceptors } from './springInterceptors';
import { applyRegisteredFilters, registeredFilters } from './springFilterRegistrations';
import { resolveRbac, type ListDir, type RbacFileFacts } from './springRbac';
import { resolveConfigLists, type ConfigClass } from './springConfigLists';
import { springStarterRoutes } from './springStarterRoutes';
import { resolveComposedMappings } from './springComposedMappings';
import { resolveInterfaceMappings } from './springInterfaceMappings';
import { resolveInheritedClassPaths } from './springInheritedClassPaths';
import { resolveJaxrs } from './jaxrsResources';
import { resolveMicronaut } from './micronautSecurity';
import type { MicronautFileFacts } from './micronautRoutes';
import { quarkusConfig } from './quarkusConfig';
import { resolveFunctionalMounts } from './springFunctionalMounts';
import { resolveEntityValues } from './springEntityValues';
import type { FunctionalFileFacts } from './springFunctionalRoutes';
import type { JaxrsFileFacts } from './jaxrsFacts';
import { resolveKotlinDslGuards, type KtGuardFacts } from './kotlinGuardBlocks';
import { resolveVertxChecks } from './vertxWebChecks';
import { resolveWebSocketHandlers } from './springWebSocketHandlers';
import type { KtorFileFacts } from './ktorRoutes';
import { linkKtor } from './ktorLink';
import { resolveJavalinGuards, type JavalinFilter } from './javalinGuards';
import { resolveSpark } from './sparkLink';
import type { SparkFileFacts } from './sparkRoutes';
import { resolveJavaConstants } from './springResourceHandlers';
import { resolveRuleConstants } from './springRuleConstants';
import { resolveRuleConditions } from './springRuleConditions';
import { resolveShiroOwnFilters } from './shiroOwnFilters';
import { resolveComposedControllers } from './springComposedControllers';
import { resolveAnnotationLists, type AnnotationList, type AnnotationType, type HandlerAnnotations } from './springAnnotationPermits';
import { linkRoutes } from './routeGraph';
import { linkPython } from './python/pyLink';
import { linkConnexion } from './python/connexionLink';
import { applyFileRouteFacts, fileRoutesContext, isTestFile } from './fileRoutes';
import { inTestPackageOnly, readReachedTestPackages } from './python/djangoReachedTests';
import { emptyDjangoFacts } from './djangoRoutes';
import { linkDjango } from './python/djangoLink';
import { ninjaDjangoMounts } from './python/ninjaLink';
import { applyNextMiddleware, type NextMiddleware } from './nextMiddleware';
import { applySvelteKitHooks, type SvelteKitHooks } from './fileRouting/svelteKitHooks';
import { settleGuardStates } from './guardState';
import type { EntryFacts } from './facts/types';
import { COMPILED_DIR } from './entryFiles';
import { JS_FILE_ENTRY_VERSION, mayHaveJsFileEntry, mergeNestFacts, type JsFileEntry } from './jsFileEntry';
import { passRecordFrom, wantsPassEntry, type PassEntry } from './passEntry';
import { goServiceEntries } from './go/goService';
import { stampOf } from './interp/dataFiles';
import { frameworksFor } from './frameworks';
import { importSpecs } from './interp/routeReach';
import { locateDependencies, locateHandlers } from './handlerLocations';
import { packageBins } from './packageBins';
import { ownScopes, readOwnPackages, type Siblings } from './ownPackages';
import { mergeDjango, type PassContext, type PassFileFacts } from './passFileFacts';
import { PassReader, type ReaderOptions } from './passReader';
import { runJsProgram } from './jsProgramRun';
import type { EntryWarning } from './types';

export type ReadFile = (rel: string) => string | Promise<string>;

const JS_FRAMEWORKS = frameworksFor(['js']);

/** What the detectors need from the map: the file list (symbols sharpen handler locations). */
export type MapLike = Pick<RepoMap, 'files'> | { files: Pick<FileInfo, 'path' | 'language'>[] };


export interface FindOptions {
  /** A JS/TS file's entry facts as the map's worker pass extracted them from the same content, when it did. */
  fileEntry?: (path: string) => JsFileEntry | undefined;
  /** A Go, Java or Kotlin file's pass record as the map's worker pass took it from the same content, when it did (passEntry.ts). */
  passEntry?: (path: string) => PassEntry | undefined;
  /** Told of every file this pass parses itself (tests, benchmarks). */
  onParse?: (path: string) => void;
  /** Told of what the pass took from each file it read itself (entryFollow.ts compares it with the file's next version). */
  onFileFacts?: (path: string, rec: PassFileFacts) => void;
  /** Lists a folder of the repository (role templates the code loads by a classpath pattern: springRbac.ts); without it they stay unread. */
  listDir?: ListDir;
  /** Threads reading Go, Python, Java and Kotlin files' records (passReader.ts); default one per core for a service with many. */
  threads?: ReaderOptions['threads'];
  /** The monorepo's sister packages the service's own packages may be read from (ownPackages.ts); without it only node_modules is. */
  siblings?: Siblings;
}

export async function findEntryPoints(map: MapLike, readFile: ReadFile, opts: FindOptions = {}): Promise<EntryPointsResult> {
  const files = map.files.map((f) => f.path);
  const modules = new ModuleIndex(files);
  const hasSourceTs = files.some((f) => /\.tsx?$/.test(f) && !COMPILED_DIR.test(f));
  const skippedCompiled: string[] = [];
  const parseErrors: string[] = [];
  const decls: FileDecls[] = [];
  const nest = emptyNestFacts();
  const rc = emptyRcFacts();
  const midway = emptyMidwayFacts();
  let rules: SecurityRule[] = [];
  const configClasses: ConfigClass[] = [];
  const annotationLists: AnnotationList[] = [];
  const annotationTypes: AnnotationType[] = [];
  const jaxrs: JaxrsFileFacts[] = [];
  const micronaut: MicronautFileFacts[] = [];
  const functional: FunctionalFileFacts[] = [];
  const ktGuards: KtGuardFacts[] = [];
  const javalin: JavalinFilter[] = [];
  const spark: Omit<SparkFileFacts, 'routes'>[] = [];
  const ktor: KtorFileFacts[] = [];
  const rbac: { file: string; facts: RbacFileFacts }[] = [];
  const handlerAnnotations = new Map<string, HandlerAnnotations[]>();
  const django = emptyDjangoFacts();
  const others: EntryPoint[] = [];
  const parsers = new Map<LanguageId, Awaited<ReturnType<typeof createParser>>>();
  const nextMiddleware: NextMiddleware[] = [];
  const svelteKitHooks: SvelteKitHooks[] = [];
  const facts = new Map<string, EntryFacts>();
  const warnings: EntryWarning[] = [];
  const packageJson = await readOptional(readFile, 'package.json');
  const fileRoutes = fileRoutesContext(packageJson);
  const goFacts: GoFileFacts[] = [];
  const dataFiles: DataFileStamp[] = [];
  const siblingFiles: DataFileStamp[] = [];
  const useJsFileEntry = (file: string, e: JsFileEntry): void => {
    if (e.parseError) parseErrors.push(file);
    if (e.facts) facts.set(file, e.facts);
    if (e.factsError !== undefined) warnings.push({ file, reason: `route facts could not be read: ${e.factsError}` });
    if (e.nestRoutes?.length) decls.push({ ...emptyDecls(file), routes: e.nestRoutes });
    if (e.nest) mergeNestFacts(nest, e.nest);
    if (e.rcRoutes?.length) decls.push({ ...emptyDecls(file), routes: e.rcRoutes });
    if (e.rc) mergeRcFacts(rc, e.rc);
    if (e.lbRoutes?.length) decls.push({ ...emptyDecls(file), routes: e.lbRoutes });
    if (e.midwayRoutes?.length) decls.push({ ...emptyDecls(file), routes: e.midwayRoutes });
    if (e.midway) mergeMidwayFacts(midway, e.midway);
    if (e.others) others.push(...e.others);
  };
  const ctx: PassContext = { modules, fileRoutes, parsers, ...(opts.onParse ? { onParse: opts.onParse } : {}) };
  // One file's record, added to the pass's lists in the order the detectors used to add them.
  const applyFileFacts = (file: string, rec: PassFileFacts): void => {
    if (rec.parseError) parseErrors.push(file);
    if (rec.nextMiddleware) nextMiddleware.push(rec.nextMiddleware);
    if (rec.svelteKitHooks) svelteKitHooks.push(rec.svelteKitHooks);
    if (rec.js) useJsFileEntry(file, rec.js);
    if (rec.decls) decls.push(rec.decls);
    if (rec.django) mergeDjango(django, rec.django, rec.djangoRoot === true);
    if (rec.go) goFacts.push(rec.go);
    if (rec.rules) rules.push(...rec.rules);
    if (rec.configClasses) configClasses.push(...rec.configClasses);
    if (rec.annotationLists) annotationLists.push(...rec.annotationLists);
    if (rec.annotationTypes) annotationTypes.push(...rec.annotationTypes);
    if (rec.jaxrs) jaxrs.push(rec.jaxrs);
    if (rec.micronaut) micronaut.push(rec.micronaut);
    if (rec.functional) functional.push(rec.functional);
    if (rec.ktGuards) ktGuards.push(rec.ktGuards);
    if (rec.javalinFilters) javalin.push(...rec.javalinFilters);
    if (rec.spark) spark.push(rec.spark);
    if (rec.ktor) ktor.push(rec.ktor);
    if (rec.rbac) rbac.push({ file, facts: rec.rbac });
    if (rec.handlerAnnotations) handlerAnnotations.set(file, rec.handlerAnnotations);
    if (rec.others) others.push(...rec.others);
  };
  // The root package's import path is the root go.mod's module path (resolveModule.ts); records the
  // workers made without it are read again here (passEntry.ts passRecordFrom).
  if (files.some((f) => !f.includes('/') && f.endsWith('.go'))) {
    const goMod = await readOptional(readFile, 'go.mod');
    modules.setGoModule(goMod);
    if (goMod !== undefined) dataFiles.push(stampOf('go.mod', goMod));
  }
  const candidates = map.files.filter((f) => !isTestFile(f.path));
  const reader = new PassReader(ctx, { readFile, ...(opts.onFileFacts ? { onFileFacts: opts.onFileFacts } : {}), ...(opts.threads ? { threads: opts.threads } : {}) }, files);
  // What the pass takes from each file, in the map's order; applied after the loop, once the
  // lazily extracted files (JsFileEntry.lazy) are read in full where the program needs them.
  const taken: { f: MapLike['files'][number]; js?: JsFileEntry; rec?: PassFileFacts; later?: Promise<PassFileFacts> }[] = [];
  try {
    for (const f of candidates) {
      if (COMPILED_DIR.test(f.path) && (f.language === 'javascript' || f.path.endsWith('.map'))) {
        // A compiled copy of TypeScript sources would count every route twice.
        if (hasSourceTs || files.some((o) => o !== f.path && !COMPILED_DIR.test(o) && o.replace(/\.[jt]sx?$/, '').endsWith(f.path.replace(COMPILED_DIR, '/').replace(/\.[jt]sx?$/, '')))) {
          skippedCompiled.push(f.path);
          continue;
        }
      }
      // Facts the map's worker pass already took from this file's tree (jsFileEntry.ts): no second parse.
      const known = mayHaveJsFileEntry(f.language, f.path) ? opts.fileEntry?.(f.path) : undefined;
      if (known?.v === JS_FILE_ENTRY_VERSION) {
        taken.push({ f, js: known });
        continue;
      }
      // A Go, Java or Kotlin file's record, a Go one when its imports still resolve as they did for the workers (passEntry.ts).
      const goRec = wantsPassEntry(f.language, f.path) ? passRecordFrom(opts.passEntry?.(f.path), modules) : undefined;
      if (goRec) {
        opts.onFileFacts?.(f.path, goRec);
        taken.push({ f, rec: goRec });
        continue;
      }
      taken.push({ f, ...(await reader.take(f)) });
    }
    await reader.flush();
    for (const t of taken) if (t.later) t.rec = await t.later;
  } finally {
    await reader.close();
  }
  const jsRouted = mayHoldJsRouters(taken, packageJson);
  for (const t of taken) {
    // A file whose router facts the workers left out, in a program that may hold a router: read here, as a file without them is.
    if (jsRouted && t.js?.lazy) t.rec = await reader.here(t.f);
    if (t.rec) applyFileFacts(t.f.path, t.rec);
    else useJsFileEntry(t.f.path, t.js!);
  }
  // A Python package named test/tests that the service's URL conf reaches is an app's, not tests (python/djangoReachedTests.ts).
  await readReachedTestPackages(
    map.files.filter((f) => f.language === 'python' && inTestPackageOnly(f.path)),
    django,
    async (f) => applyFileFacts(f.path, await reader.here(f)),
  );
  // The service's own installed packages (same npm scope) the JS files import: their guards and paths.
  const ownPackages = facts.size
    ? await readOwnPackages(
        packageJson,
        facts,
        readFile,
        async (language, text) => {
          let parser = parsers.get(language);
          if (!parser) {
            parser = await createParser(language);
            parsers.set(language, parser);
          }
          return parser.parse(text);
        },
        opts.siblings && stampedSiblings(opts.siblings, siblingFiles),
      )
    : undefined;
  for (const p of parsers.values()) p.delete();

  others.push(...(await packageBins(readFile, map)));
  // The interpreter runs first: it evaluates the constants other detectors' paths name. Its routes
  // come after the linked declarations, as they always have.
  const jsRoutes: EntryPoint[] = [];
  // No file imports a framework: no router, so nothing for the interpreter to find.
  if (facts.size && jsRouted) {
    jsRoutes.push(...(await runJsProgram({ map, facts, decls, readFile, ownPackages, dataFiles, warnings })));
  }
  // Interface mappings first: the routes they give a controller may name another class's constant.
  // Classes under a controller stereotype of the application's (`@RestApi("/x")`) first: the interfaces they implement serve through them.
  resolveComposedControllers(decls, annotationTypes);
  resolveInterfaceMappings(decls);
  await resolveInheritedClassPaths(decls, files.filter((f) => /\.(java|kt)$/.test(f)), (rel) => readOptional(readFile, rel));
  await resolveJavaConstants(decls, files.filter((f) => /\.(java|kt)$/.test(f)), (rel) => readOptional(readFile, rel), dataFiles);
  resolveComposedMappings(decls, annotationTypes);
  resolveJaxrs(decls, jaxrs, annotationTypes, jaxrs.length ? await quarkusConfig(jaxrs, (rel) => readOptional(readFile, rel), dataFiles) : undefined);
  await resolveMicronaut(decls, micronaut, files, (rel) => readOptional(readFile, rel), dataFiles);
  resolveFunctionalMounts(decls, await resolveEntityValues(functional, files.filter((f) => f.endsWith('.java')), (rel) => readOptional(readFile, rel)));
  resolveKotlinDslGuards(decls.flatMap((d) => d.routes), ktGuards);
  resolveVertxChecks(decls.flatMap((d) => d.routes), ktGuards);
  await resolveWebSocketHandlers(decls.flatMap((d) => d.routes), files.filter((f) => f.endsWith('.java')), (rel) => readOptional(readFile, rel), dataFiles);
  resolveJavalinGuards(decls.flatMap((d) => d.routes), javalin);
  if (spark.length) resolveSpark(decls, spark);
  // Django first: a urlconf mounting a Django Ninja API (`path("api/", api.urls)`) gives its operations their prefix.
  const djangoEntries = linkDjango(django, ninjaDjangoMounts(decls));
  decls.push(...linkKtor(ktor));
  // Connexion: the operations of the OpenAPI documents its add_api calls load (python/connexionLink.ts).
  await linkConnexion(decls, modules, files, (rel) => readOptional(readFile, rel), dataFiles);
  linkPython(decls);
  const { entries, handlerTargets, dependencyTargets } = linkRoutes(decls);
  // Go: routers linked, go-ini defaults and grpc-gateway's .proto routes read (go/goService.ts).
  const go = await goServiceEntries(goFacts, map.files, (rel) => readOptional(readFile, rel), opts.listDir, dataFiles);
  entries.push(...go.entries);
  for (const [e, ref] of go.handlerTargets) handlerTargets.set(e, ref);
  entries.push(...jsRoutes);
  entries.push(...djangoEntries);
  applyNestFacts(entries, nest, { swagger6: swaggerSixOrLater(dependencyRange(packageJson, '@nestjs/swagger')) });
  applyRcFacts(entries, rc);
  applyMidwayFacts(entries, midway);
  rules = resolveAnnotationLists(rules, annotationLists, handlerAnnotations, annotationTypes, entries);
  const javaFiles = files.filter((f) => /\.(java|kt)$/.test(f));
  rules = await resolveConfigLists(rules, configClasses, javaFiles, (rel) => readOptional(readFile, rel), dataFiles, UNREAD);
  rules = await resolveRuleConstants(rules, javaFiles, (rel) => readOptional(readFile, rel), dataFiles, UNREAD);
  rules = await resolveRuleConditions(rules, javaFiles, (rel) => readOptional(readFile, rel), dataFiles);
  rules = await resolveShiroOwnFilters(rules, javaFiles, (rel) => readOptional(readFile, rel));
  if (rules.length) entries.push(...(await springStarterRoutes(javaFiles, (rel) => readOptional(readFile, rel), dataFiles)));
  const dataFolders: DataFileStamp[] = [];
  const manager = rules.some((r) => r.rule.startsWith('access(')) ? await resolveRbac(rbac, javaFiles, (rel) => readOptional(readFile, rel), opts.listDir, dataFiles, dataFolders) : undefined;
  applySpringSecurity(entries, rules, manager);
  // Interceptors first: a route one of them guards is no doubt for the servlet filter step.
  if (entries.some((e) => e.framework === 'spring')) await applyInterceptors(entries, javaFiles, (rel) => readOptional(readFile, rel));
  // Filters a FilterRegistrationBean registers run before every interceptor: a route one refuses is guarded.
  if (entries.some((e) => e.framework === 'spring' || e.framework === 'jaxrs')) applyRegisteredFilters(entries, await registeredFilters(javaFiles, (rel) => readOptional(readFile, rel), dataFiles));
  // A handler at a configured logout URL is answered by the LogoutFilter, never reached: the URL rules,
  // method security and interceptors it would meet do not apply (servlet filters ahead of the chain still do).
  shadowByLogout(entries, others);
  if (entries.some((e) => e.framework === 'spring' || e.framework === 'jaxrs')) applyServletFilters(entries, await servletFilters(javaFiles.filter((f) => f.endsWith('.java')), (rel) => readOptional(readFile, rel)));
  for (const mw of nextMiddleware) applyNextMiddleware(entries, mw);
  for (const h of svelteKitHooks) applySvelteKitHooks(entries, h);
  applyFileRouteFacts(entries, fileRoutes);
  locateHandlers(map, entries, handlerTargets);
  for (const [e, via] of go.handlerVia) if (e.handlerLocation) e.handlerLocation.via = via;
  locateDependencies(map, dependencyTargets);
  const all = dedupe([...entries, ...others]);
  await settleGuardStates(all, readFile);
  return { entries: all, skippedCompiled, parseErrors, ...(warnings.length ? { warnings } : {}), ...(dataFiles.length ? { dataFiles } : {}), ...(dataFolders.length ? { dataFolders } : {}), ...(siblingFiles.length ? { siblingFiles } : {}) };
}

/**
 * Whether the JavaScript/TypeScript program may hold a router (frameworkPackages.ts): a file
 * imports a framework package (the interpreter hands a value to a framework only then), the service
 * has its own installed packages (read below, they may), or a route names a constant only the
 * interpreter evaluates. Files whose router facts were left out import no framework (their text
 * names none). The module-level imports first: where a framework is used, they almost always show it.
 */
function mayHoldJsRouters(taken: readonly { f: MapLike['files'][number]; js?: JsFileEntry; rec?: PassFileFacts }[], packageJson: string | undefined): boolean {
  if (ownScopes(packageJson).deps.length) return true;
  // A file-system route (Next, Nuxt, SvelteKit, Astro, Medusa) imports no framework, yet its
  // handler may refuse through a helper of ours (helperChecks.ts) whose facts a lazy pass left out.
  if (taken.some((t) => t.rec?.decls?.routes.length && familyOf(t.f.language) === 'js')) return true;
  const isFramework = (spec: string): boolean => JS_FRAMEWORKS.some((fw) => fw.packages.test(spec));
  const all = taken.map((t) => t.rec?.js ?? t.js);
  if (taken.some((t) => (t.rec?.js ?? t.js)?.nestRoutes?.some((r) => r.pathConst) || (t.rec?.js ?? t.js)?.midwayRoutes?.some((r) => r.pathConst) || t.rec?.decls?.routes.some((r) => r.pathConst))) return true;
  if (all.some((e) => e?.facts?.imports.some((i) => isFramework(i.spec)))) return true;
  return all.some((e) => e?.facts && [...importSpecs(e.facts)].some(isFramework));
}

async function readOptional(readFile: ReadFile, rel: string): Promise<string | undefined> {
  try {
    return await readFile(rel);
  } catch {
    return undefined;
  }
}

/** The same method and path twice (a route registered twice, or a copy) is kept once per file:line. */
function dedupe(entries: EntryPoint[]): EntryPoint[] {
  const seen = new Map<string, EntryPoint>();
  const out: EntryPoint[] = [];
  for (const e of entries) {
    const k = `${e.id}@${e.file}:${e.line}`;
    if (seen.has(k)) continue;
    seen.set(k, e);
    out.push(e);
  }
  const count = new Map<string, number>();
  for (const e of out) count.set(e.id, (count.get(e.id) ?? 0) + 1);
  for (const e of out) if ((count.get(e.id) ?? 0) > 1 && e.kind !== 'http') e.id = `${e.id} (${e.file}:${e.line})`;
  return out.sort((a, b) => kindOrder(a) - kindOrder(b) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function kindOrder(e: EntryPoint): number {
  return ['http', 'graphql', 'consumer', 'job', 'cli'].indexOf(e.kind);
}

/**
 * The sister packages' reader, stamping each file it reads (or finds absent) among the answer's
 * data files: they are not mapped, so the entry cache's key cannot hold them (entryCache.ts checks the stamps).
 */
function stampedSiblings(siblings: Siblings, stamps: DataFileStamp[]): Siblings {
  const seen = new Set<string>();
  return {
    packages: siblings.packages,
    read: (rel) => {
      const text = siblings.read(rel);
      // Each file read once stamped; the names tried and not found are not (a package's resolution tries a dozen per import).
      if (text !== undefined && !seen.has(rel)) {
        seen.add(rel);
        stamps.push(siblingStamp(rel, text));
      }
      return text;
    },
  };
}

/** The stamp of a sister package's file: its whole text's hash (`-` when absent). */
export function siblingStamp(p: string, text: string | undefined): DataFileStamp {
  return { path: p, hash: text === undefined ? '-' : createHash('sha1').update(text).digest('hex') };
}

// What the entry-point pass takes from one JavaScript/TypeScript file on its own: the router facts
// the interpreter links, Nest routes and Nest's cross-file facts, and the non-HTTP entry points.
// Plain data, so that the map's worker pass extracts it while it has the file's tree anyway and
// the map cache keeps it by content hash: a cold `deepdive routes` no longer parses every file a
// second time, and a warm one after an edit re-reads only the edited file.
//
// Not for files a file-system routing convention may claim (their routes depend on the project's
// dependencies) nor Next's middleware file: the entry-point pass reads those itself. A file a
// convention could claim by its path but not by its text (no `export` in it) is extracted here.
// Asked lazily (a repository that declares no web framework), a file whose text cannot import one
// gets no router facts: it cannot make a router, and on library code they were most of the cost.
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import { BUNDLE, TEST_FILE } from './entryFiles';
import { familyOf } from './facts/extract';
import { extractJsFacts } from './facts/jsFacts';
import { liteTree, type SyntaxNode } from '../parse/liteTree';
import { ENTRY_FACTS_VERSION, type EntryFacts } from './facts/types';
import { mayBeFileRoute, mayBeFileRouteWith } from './fileRoutes';
import { MEDUSA_MIDDLEWARES_FILE } from './fileRouting/medusaMiddlewares';
import { NEXT_MIDDLEWARE_FILE } from './nextMiddleware';
import { SVELTEKIT_HOOKS_FILE } from './fileRouting/svelteKitHooks';
import { detectNestRoutes, emptyNestFacts, type NestFacts } from './nestRoutes';
import { detectJsOthers } from './otherEntriesScript';
import { detectRoutingControllers, emptyRcFacts, hasRcFacts, type RcFacts } from './routingControllers';
import { detectLoopbackRoutes } from './loopbackRoutes';
import { detectMidwayRoutes, emptyMidwayFacts, hasMidwayFacts, type MidwayFacts } from './midwayRoutes';
import { mayImportFramework } from './frameworkPackages';
import type { EntryPoint, RouteDecl } from './types';

/** Bumped when what is kept per file changes (the facts' own version is part of it). */
export const JS_FILE_ENTRY_VERSION = `14.${ENTRY_FACTS_VERSION}`;

export interface JsFileEntry {
  v: string;
  /**
   * Router facts not extracted: asked for lazily (the repository declares no web framework:
   * frameworkPackages.ts) and the file's text cannot import one. The entry-point pass extracts
   * them itself when some other file turns out to import a framework (findEntryPoints.ts).
   */
  lazy?: true;
  /** The tree has syntax errors (the file is still read: the rest of it counts). */
  parseError?: true;
  /** Router facts for the interpreter; absent for front-end bundles. */
  facts?: EntryFacts;
  /** Why the router facts could not be read. */
  factsError?: string;
  nestRoutes?: RouteDecl[];
  /** Nest's global prefix, versioning, route versions, guard-applying decorators, global guards and forRoutes bindings found in this file. */
  nest?: NestFacts;
  /** routing-controllers actions (their routes are among rcRoutes) and the servers, parameter decorators and middleware classes of this file. */
  rcRoutes?: RouteDecl[];
  rc?: RcFacts;
  /** LoopBack 4 controller routes, their guards read off their decorators (loopbackRoutes.ts). */
  lbRoutes?: RouteDecl[];
  /** Midway.js controller routes, and what this file tells about who may call them (midwayRoutes.ts). */
  midwayRoutes?: RouteDecl[];
  midway?: MidwayFacts;
  others?: EntryPoint[];
}

/** Whether the map's worker pass extracts this file's entry facts whatever its text (see the header). */
export function wantsJsFileEntry(language: LanguageId, file: string): boolean {
  return familyOf(language) === 'js' && !TEST_FILE.test(file) && !NEXT_MIDDLEWARE_FILE.test(file) && !SVELTEKIT_HOOKS_FILE.test(file) && !mayBeFileRoute(file);
}

/**
 * Whether the map's worker pass may have extracted this file's entry facts: also a file a
 * convention could claim by its path, when its text shows it cannot (takesJsFileEntry).
 */
export function mayHaveJsFileEntry(language: LanguageId, file: string): boolean {
  return familyOf(language) === 'js' && !TEST_FILE.test(file) && !NEXT_MIDDLEWARE_FILE.test(file) && !SVELTEKIT_HOOKS_FILE.test(file) && !MEDUSA_MIDDLEWARES_FILE.test(file);
}

/**
 * Whether the map's worker pass extracts the entry facts of this file with this text. A CommonJS
 * file under `server/api/` or `pages/api/` exports nothing a routing convention reads: the pass
 * would parse it again on its own thread only to extract the same facts.
 */
export function takesJsFileEntry(language: LanguageId, file: string, text: string): boolean {
  return familyOf(language) === 'js' && !TEST_FILE.test(file) && !NEXT_MIDDLEWARE_FILE.test(file) && !SVELTEKIT_HOOKS_FILE.test(file) && !mayBeFileRouteWith(file, text);
}

/**
 * `text` is the string the tree was parsed from. `lazy`: leave out the router facts (the costly
 * part: a plain copy of the tree and a walk of all of it) when the text cannot import a framework.
 */
export function extractJsFileEntry(tree: Tree, language: LanguageId, file: string, text: string, lazy = false): JsFileEntry {
  const out: JsFileEntry = { v: JS_FILE_ENTRY_VERSION };
  // Not for a bundle: it never gets router facts, so there is nothing to leave out.
  const skipFacts = lazy && !BUNDLE.test(file) && !mayImportFramework(text);
  if (skipFacts) out.lazy = true;
  if (tree.rootNode.hasError) out.parseError = true;
  // The fact extractor and the non-HTTP detector visit most of the tree: both read one plain copy
  // of it (parse/liteTree.ts). A front-end bundle gets no facts, and its few top-level statements
  // are read from the tree itself.
  let root: SyntaxNode = tree.rootNode;
  let lite = false;
  if (!BUNDLE.test(file) && !skipFacts) {
    try {
      root = liteTree(tree, text);
      lite = true;
      out.facts = extractJsFacts(root);
    } catch (err) {
      out.factsError = err instanceof Error ? err.message : String(err);
    }
  }
  const nest = emptyNestFacts();
  const nestRoutes = detectNestRoutes(tree, file, nest, text);
  if (nestRoutes.length) out.nestRoutes = nestRoutes;
  if (nest.globalPrefix || nest.apps?.length || nest.versioning || nest.versions.length || nest.composed.length || nest.decorated.length || nest.globalGuards.length || nest.middleware.length || nest.guardDefs.length || nest.strategies.length || nest.modules.length || nest.routerPaths.length || nest.routerRefs.length || nest.routeTables.length || nest.metaDecorators.length || nest.controllerLists?.length || nest.guardImports?.length || nest.memberFactories?.length) out.nest = nest;
  const rc = emptyRcFacts();
  const rcRoutes = detectRoutingControllers(tree, file, rc, text);
  if (rcRoutes.length) out.rcRoutes = rcRoutes;
  if (hasRcFacts(rc)) out.rc = rc;
  const lbRoutes = detectLoopbackRoutes(tree, file, text);
  if (lbRoutes.length) out.lbRoutes = lbRoutes;
  const midway = emptyMidwayFacts();
  const midwayRoutes = detectMidwayRoutes(tree, file, midway, text);
  if (midwayRoutes.length) out.midwayRoutes = midwayRoutes;
  if (hasMidwayFacts(midway)) out.midway = midway;
  const others = detectJsOthers(root, file, text, lite ? undefined : tree);
  if (others.length) out.others = others;
  return out;
}

/** Adds one file's Nest facts to the repository's, as reading the files in order would. */
export function mergeNestFacts(into: NestFacts, from: NestFacts): void {
  if (from.globalPrefix) {
    into.globalPrefix = from.globalPrefix;
    (into.prefixes ??= []).push(from.globalPrefix);
  }
  if (from.apps?.length) (into.apps ??= []).push(...from.apps);
  if (from.versioning) into.versioning = from.versioning;
  into.versions.push(...from.versions);
  into.composed.push(...from.composed);
  into.decorated.push(...from.decorated);
  into.globalGuards.push(...from.globalGuards);
  into.middleware.push(...from.middleware);
  // Facts cached before these fields existed have none.
  into.guardDefs.push(...(from.guardDefs ?? []));
  into.strategies.push(...(from.strategies ?? []));
  into.modules.push(...(from.modules ?? []));
  into.routerPaths.push(...(from.routerPaths ?? []));
  into.routerRefs.push(...(from.routerRefs ?? []));
  into.routeTables.push(...(from.routeTables ?? []));
  into.metaDecorators.push(...(from.metaDecorators ?? []));
  if (from.controllerLists?.length) (into.controllerLists ??= []).push(...from.controllerLists);
  if (from.guardImports?.length) (into.guardImports ??= []).push(...from.guardImports);
  if (from.memberFactories?.length) (into.memberFactories ??= []).push(...from.memberFactories);
}

// What the Django detector keeps of each file (urlconfs, views, settings) for the link pass
// (djangoLink.ts): plain data, gathered per file by djangoRoutes.ts.
import type { FuncView, PyDecorator, ViewClass } from '../djangoViews';
import type { ListOp } from './djangoListOps';
import type { RouterFactory } from './djangoRouterFactories';
import type { LoginMiddleware, MiddlewareSetting } from './djangoLoginMiddleware';

export interface ViewRef {
  /** The view expression as written. */
  text: string;
  /** Class or function name, and the module file it was imported from when known. */
  name: string;
  module?: string;
  asView: boolean;
  /** `as_view({'get': 'list'})`. */
  actions?: Record<string, string>;
  wrappers: PyDecorator[];
  /** `Feed()`: an instance of the class answers (through its `__call__`). */
  instance?: boolean;
  /** Imported from a package, not the repository: a same-named class or function of ours is not it. */
  outside?: boolean;
}

export interface UrlEntry {
  line: number;
  prefix: string;
  /** re_path()/url(): the regular expression the prefix was read from. */
  regex?: string;
  dynamic?: string;
  /** include('app.urls') → the module file; include(mod.router.urls) → router and routerModule (the file of mod); include(router.urls) → router; include(list) → list name; include([...]) → its entries. */
  include?: { module?: string; router?: string; list?: string; entries?: UrlEntry[]; unresolved?: string; routerModule?: string };
  view?: ViewRef;
  /** Decorators a wrapping helper put around every view this include holds (python/djangoPatternWrappers.ts). */
  wrappers?: PyDecorator[];
}

export interface UrlConf {
  file: string;
  /** How the module builds its lists (settings conditions included), run at link time into `lists`. */
  ops: ListOp<UrlEntry>[];
  lists: Record<string, UrlEntry[]>;
  /** `cls`: a router class of the repository (a subclass, checked at link time), else a DRF router. */
  /** `from .intake import urlpatterns as intake_urls`: local name → the module file and the list's name there (djangoImportedLists.ts). */
  importedLists?: Record<string, { module: string; name: string }>;
  routers: Record<string, {
    trailing: string;
    root: boolean;
    line: number;
    /** `file`: a registration of a router factory (djangoRouterFactories.ts), in that module; `prefixFrom`: its prefix is that module's constant. */
    regs: { prefix: string; view: ViewRef; line: number; file?: string; prefixFrom?: { module: string; name: string } }[];
    cls?: string;
    nested?: { parent: string; prefix: string; param: string };
    /** Functions of ours the router was handed to (`v2_api = add_engagement_urls(v2_api)`), expanded at link time. */
    factoryCalls?: { module: string; name: string }[];
  }>;
}

export interface DjangoFacts {
  files: { file: string }[];
  confs: UrlConf[];
  classes: ViewClass[];
  funcs: FuncView[];
  defaults?: PyDecorator & { file: string };
  /** drf-spectacular's SERVE_PERMISSIONS from settings (djangoPackageViews.ts). */
  servePermissions?: PyDecorator & { file: string };
  rootUrlconf?: string;
  /** Values of settings modules, for urlconf conditions; a name set to different values is left out. */
  settings?: Map<string, string | boolean>;
  /** Where each setting is assigned (the first settings module that does). */
  settingsAt?: Map<string, { file: string; line: number }>;
  conflicting?: Set<string>;
  /** Module-level instances of an AdminSite class (`linkding_admin_site = LinkdingAdminSite()`): their names. */
  adminSites?: string[];
  /** The project's login-required middleware classes, each settings module's MIDDLEWARE and its string lists (djangoLoginMiddleware.ts). */
  loginMiddlewares?: LoginMiddleware[];
  middleware?: MiddlewareSetting[];
  settingLists?: Record<string, string[]>;
  /** Functions registering viewsets on the router they are handed, and module string constants (djangoRouterFactories.ts). */
  routerFactories?: RouterFactory[];
  constants?: Record<string, Record<string, string>>;
}

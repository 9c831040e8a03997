// Django and DRF views as the URL linker needs them: which HTTP methods a view answers (its own
// handler methods, the DRF generic/viewset classes it extends, `@api_view`, `@require_http_methods`),
// and what guards it (decorators, mixins, `permission_classes`, `@method_decorator`).
import type { Node } from 'web-tree-sitter';
import type { LineRange } from '../model/types';
import { kids, line, rangeOf, stringValue } from './treeUtil';
import { regexToPath } from './routePath';
import { paramNames } from './python/pyScope';
import { handlerChecks, readsIdentity, type HandlerCheck } from './python/djangoHandlerChecks';
import { earlySettingReturn, identityReads } from './python/settingGates';
import { methodDispatch, type MethodDispatch } from './python/djangoDispatch';
import { classRefusal, type ClassRefusal } from './python/djangoClassChecks';
import { actionPermissions, type ActionPermissions } from './python/djangoActionPerms';
import { dict, table } from '../ownKeys';
import { calledNames, refusesCaller, wrapperRefuses } from './python/djangoCalledRefusals';
import { returnedAuthDecorator, type ReturnedAuthDecorator } from './python/djangoDecoratorFactories';
import { anonymousGate, type AnonymousGate } from './python/djangoWrapperGates';
import { classAttr, permSteps, type ClassAttr, type PermStep } from './python/djangoPermRules';
import { routeMappingUpdates, type RouteMapping } from './python/drfExtraRoutes';
import { feedGetObject, type FeedGetObject } from './python/djangoFeeds';
import { routeTemplates, type RouteTemplate } from './python/drfRouteTables';

export interface PyDecorator {
  text: string;
  line: number;
}

export interface ViewAction {
  name: string;
  detail: boolean;
  methods: string[];
  urlPath: string;
  line: number;
  range: LineRange;
  permissions?: PyDecorator;
}

export interface ViewClass {
  name: string;
  file: string;
  line: number;
  range: LineRange;
  bases: string[];
  /** `notAllowed`: the method only answers 405 (an inherited action switched off). */
  methods: Record<string, { line: number; range: LineRange; decorators: PyDecorator[]; notAllowed?: boolean; refuses?: ClassRefusal; calls?: string[]; reads?: number; feed?: FeedGetObject }>;
  /** Class-level `NAME = literal` (`is_private = True`); `permSteps`: a permission class's has_permission (python/djangoPermRules.ts). */
  attrs?: Record<string, ClassAttr>;
  permSteps?: PermStep[];
  /** `http_method_names = ["post"]`: the only methods Django lets through (upper case). */
  httpMethodNames?: string[];
  decorators: PyDecorator[];
  permissions?: PyDecorator;
  /** `get_permissions` returning other classes for some actions (djangoActionPerms.ts); `readsIdentityAt`: a method reads request.user. */
  actionPermissions?: ActionPermissions[];
  readsIdentityAt?: number;
  lookup?: string;
  actions: ViewAction[];
  /** A router class's `__init__` adding methods to its routes (python/drfExtraRoutes.ts). */
  routeMappings?: RouteMapping[];
  /** A router class's `routes = [Route(...), DynamicRoute(...)]` (python/drfRouteTables.ts). */
  routeTable?: RouteTemplate[];
}

export interface FuncView {
  name: string;
  file: string;
  range: LineRange;
  decorators: PyDecorator[];
  /** Positional parameter names (`request` first): unnamed regex groups fill the last ones. */
  params?: string[];
  /** Methods the body accepts when it refuses the others itself (`if request.method != 'POST': return 405`). */
  bodyMethods?: string[];
  /** What the body checks of the caller (python/djangoHandlerChecks.ts). */
  checks?: HandlerCheck[];
  /** Where the body first reads the identity (`request.user`), if it does. */
  readsIdentityAt?: number;
  /** `if not settings.X: return …` before anything else returns (python/settingGates.ts). */
  settingReturn?: { cond: string; line: number };
  /** How many times the body reads the identity. */
  identityReads?: number;
  /** The body only hands each method to another function (python/djangoDispatch.ts). */
  dispatch?: MethodDispatch[];
  line?: number;
  /** Names the body calls, and where it refuses a caller it looked at (python/djangoCalledRefusals.ts). */
  calls?: string[];
  refusesCaller?: number;
  /** A decorator (a function with one inside) whose wrapper speaks of refusing (`status=401`, `PermissionDenied`): the line. */
  wrapperRefuses?: number;
  /** A decorator whose wrapper refuses anonymous callers, perhaps under settings (python/djangoWrapperGates.ts). */
  anonymousGate?: AnonymousGate;
  /** A decorator factory returning Django's `user_passes_test(...)` / `login_required` (python/djangoDecoratorFactories.ts). */
  returnsAuthDecorator?: ReturnedAuthDecorator;
}


export const HTTP = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** What DRF and Django generic classes answer, by base class name (methods → the action that runs). */
export const GENERIC: Record<string, Record<string, string>> = table<Record<string, string>>({
  ListAPIView: { GET: 'list' },
  CreateAPIView: { POST: 'create' },
  RetrieveAPIView: { GET: 'retrieve' },
  UpdateAPIView: { PUT: 'update', PATCH: 'partial_update' },
  DestroyAPIView: { DELETE: 'destroy' },
  ListCreateAPIView: { GET: 'list', POST: 'create' },
  RetrieveUpdateAPIView: { GET: 'retrieve', PUT: 'update', PATCH: 'partial_update' },
  RetrieveDestroyAPIView: { GET: 'retrieve', DELETE: 'destroy' },
  RetrieveUpdateDestroyAPIView: { GET: 'retrieve', PUT: 'update', PATCH: 'partial_update', DELETE: 'destroy' },
  TemplateView: { GET: 'get' },
  ListView: { GET: 'get' },
  BaseListView: { GET: 'get' },
  DetailView: { GET: 'get' },
  BaseDetailView: { GET: 'get' },
  // django-filter's list view with its filter form.
  FilterView: { GET: 'get' },
  FormView: { GET: 'get', POST: 'post' },
  CreateView: { GET: 'get', POST: 'post' },
  UpdateView: { GET: 'get', POST: 'post' },
  DeleteView: { GET: 'get', POST: 'post' },
  // django.contrib.auth.views: the sign-in, password reset and password change pages.
  LoginView: { GET: 'get', POST: 'post' },
  LogoutView: { POST: 'post' },
  PasswordResetView: { GET: 'get', POST: 'post' },
  PasswordResetDoneView: { GET: 'get' },
  PasswordResetConfirmView: { GET: 'get', POST: 'post' },
  PasswordResetCompleteView: { GET: 'get' },
  PasswordChangeView: { GET: 'get', POST: 'post' },
  PasswordChangeDoneView: { GET: 'get' },
  RedirectView: { ANY: 'get' },
  // django.views.i18n: the translation catalogs a page's scripts load, no sign-in.
  JavaScriptCatalog: { GET: 'get' },
  JSONCatalog: { GET: 'get' },
  // rest_framework.authtoken: the token sign-in answers POST only (its permission_classes are empty).
  ObtainAuthToken: { POST: 'post' },
});

/** Viewset actions by base class (mixins add theirs). */
export const VIEWSET_ACTIONS: Record<string, string[]> = table({
  ModelViewSet: ['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy'],
  ReadOnlyModelViewSet: ['list', 'retrieve'],
  ListModelMixin: ['list'],
  CreateModelMixin: ['create'],
  RetrieveModelMixin: ['retrieve'],
  UpdateModelMixin: ['update', 'partial_update'],
  DestroyModelMixin: ['destroy'],
});
export const ACTION_METHOD: Record<string, { method: string; detail: boolean }> = table({
  list: { method: 'GET', detail: false },
  create: { method: 'POST', detail: false },
  retrieve: { method: 'GET', detail: true },
  update: { method: 'PUT', detail: true },
  partial_update: { method: 'PATCH', detail: true },
  destroy: { method: 'DELETE', detail: true },
});
/** DRF's `@action` (old `@detail_route`/`@list_route`), bare or through its module (`from rest_framework import decorators`, `@decorators.action(...)`). */
export const ACTION_DECORATOR = /^(?:(?:rest_framework\.)?decorators\.)?(action|detail_route|list_route)\b/;
/** DRF's `@<action>.mapping.<method>` decorator. */
export const MAPPING = /^(\w+)\.mapping\.(get|post|put|patch|delete|head|options)$/;

export const DRF_BASES = /^(APIView|GenericAPIView|ViewSet|GenericViewSet|ViewSetMixin|ModelViewSet|ReadOnlyModelViewSet|\w+APIView)$/;
export const VIEWSET_BASES = /^(ViewSet|GenericViewSet|ModelViewSet|ReadOnlyModelViewSet|ViewSetMixin)$/;

/** DRF's decorators through their module (`from rest_framework import decorators`): read as the bare names. */
const DRF_MODULE = /^(?:rest_framework\.)?decorators\.(?=(api_view|permission_classes|authentication_classes|throttle_classes|renderer_classes|parser_classes|schema)\b)/;

function decoratorsOf(def: Node): PyDecorator[] {
  const d = def.parent?.type === 'decorated_definition' ? def.parent : undefined;
  return kids(d)
    .filter((k) => k.type === 'decorator')
    .map((k) => ({ text: k.text.replace(/^@\s*/, '').replace(/\s+/g, ' ').replace(DRF_MODULE, ''), line: line(k) }));
}

/** Class and function views of one file (module level; nested classes are not views). */
export function collectViews(root: Node, file: string): { classes: ViewClass[]; funcs: FuncView[] } {
  const classes: ViewClass[] = [];
  const funcs: FuncView[] = [];
  // Module-level functions by name: a body may hand the other methods to one of them.
  const defs = new Map<string, Node>();
  for (const k of kids(root)) {
    const d = k.type === 'decorated_definition' ? k.childForFieldName('definition') : k;
    const name = d?.type === 'function_definition' ? d.childForFieldName('name')?.text : undefined;
    if (d && name) defs.set(name, d);
  }
  for (let n of kids(root)) {
    if (n.type === 'decorated_definition') n = n.childForFieldName('definition') ?? n;
    if (n.type === 'function_definition') {
      const dispatch = methodDispatch(n);
      const refuses = wrapperRefuses(n);
      const calls = calledNames(n);
      const refusing = refusesCaller(n);
      const gate = anonymousGate(n);
      const returned = returnedAuthDecorator(n);
      funcs.push({ ...(returned ? { returnsAuthDecorator: returned } : {}), ...(refuses ? { wrapperRefuses: refuses } : {}), ...(gate ? { anonymousGate: gate } : {}), ...(calls.length ? { calls } : {}), ...(refusing ? { refusesCaller: refusing } : {}), name: n.childForFieldName('name')?.text ?? '', file, range: rangeOf(n), decorators: decoratorsOf(n), params: paramNames(n), bodyMethods: methodsFromBody(n, defs), checks: handlerChecks(n), readsIdentityAt: readsIdentity(n), settingReturn: earlySettingReturn(n), identityReads: identityReads(n), ...(dispatch ? { dispatch } : {}), line: line(n) });
    } else if (n.type === 'class_definition') {
      const c: ViewClass = {
        name: n.childForFieldName('name')?.text ?? '',
        file,
        line: line(n),
        range: rangeOf(n.parent?.type === 'decorated_definition' ? n.parent : n),
        // `ModelViewSet[Tag]`, `GenericAPIView[Any]` (typed stubs): the class is the subscript's value.
        bases: kids(n.childForFieldName('superclasses')).filter((b) => b.type !== 'keyword_argument').map((b) => (b.type === 'subscript' ? (b.childForFieldName('value') ?? b) : b).text.split('.').pop()!),
        methods: dict(),
        decorators: decoratorsOf(n),
        actions: [],
      };
      for (let m of kids(n.childForFieldName('body'))) {
        if (m.type === 'expression_statement' && m.namedChildren[0]?.type === 'assignment') {
          const a = m.namedChildren[0];
          const left = a.childForFieldName('left')?.text;
          const right = a.childForFieldName('right');
          if (left === 'permission_classes' && right) c.permissions = { text: right.text.replace(/\s+/g, ' '), line: line(a) };
          if ((left === 'lookup_url_kwarg' || (left === 'lookup_field' && !c.lookup)) && right) c.lookup = stringValue(right);
          if (left === 'http_method_names' && (right?.type === 'list' || right?.type === 'tuple')) c.httpMethodNames = kids(right).map((k) => stringValue(k)?.toUpperCase()).filter((x): x is string => !!x);
          if (left && /^\w+$/.test(left) && right) (c.attrs ??= dict())[left] = classAttr(right);
          const table = left === 'routes' && right ? routeTemplates(right) : undefined;
          if (table) c.routeTable = table;
          continue;
        }
        if (m.type === 'decorated_definition') m = m.childForFieldName('definition') ?? m;
        if (m.type !== 'function_definition') continue;
        const name = m.childForFieldName('name')?.text ?? '';
        const decorators = decoratorsOf(m);
        const refuses = classRefusal(m);
        if (name === 'get_permissions') c.actionPermissions = actionPermissions(m);
        const mappings = name === '__init__' ? routeMappingUpdates(m) : [];
        if (mappings.length) c.routeMappings = mappings;
        const reads = readsIdentity(m);
        c.readsIdentityAt ??= reads;
        if (name === 'has_permission') c.permSteps = permSteps(m, Object.fromEntries(Object.entries(c.attrs ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1]))));
        const calls = calledNames(m);
        c.methods[name] = { line: line(m), range: rangeOf(m), decorators, ...(onlyNotAllowed(m) ? { notAllowed: true } : {}), ...(refuses ? { refuses } : {}), ...(calls.length ? { calls } : {}), ...(reads ? { reads } : {}), ...(name === 'get_object' ? { feed: feedGetObject(m) } : {}) };
        const act = decorators.find((d) => ACTION_DECORATOR.test(d.text));
        if (act) c.actions.push(actionOf(name, act, m));
        // `@delete_version.mapping.patch`: another method on that action's route, with its options.
        for (const d of decorators) {
          const mapped = MAPPING.exec(d.text);
          const target = mapped && c.actions.find((a) => a.name === mapped[1]);
          if (target) c.actions.push({ ...target, name, methods: [mapped[2].toUpperCase()], line: d.line, range: rangeOf(m) });
        }
      }
      classes.push(c);
    }
  }
  return { classes, funcs };
}

/**
 * A method whose whole body answers 405 (`return Response(status=405)`, `raise MethodNotAllowed(…)`):
 * it switches off what a base class would answer (`ModelViewSet.create` on a singleton), so no route.
 */
function onlyNotAllowed(fn: Node): boolean {
  const stmts = kids(fn.childForFieldName('body')).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
  if (stmts.length !== 1) return false;
  const t = stmts[0].text.replace(/\s+/g, ' ');
  return /^return\b.*(\bstatus\s*=\s*(405\b|status\.HTTP_405_METHOD_NOT_ALLOWED)|HttpResponseNotAllowed\s*\()/.test(t) || /^raise\s+(\w+\.)*MethodNotAllowed\s*\(/.test(t);
}

function actionOf(name: string, dec: PyDecorator, m: Node): ViewAction {
  const t = dec.text;
  const detail = ACTION_DECORATOR.exec(t)?.[1] === 'detail_route' || /detail\s*=\s*True/.test(t);
  const methods = /methods\s*=\s*[[(]([^\])]*)[\])]/.exec(t)?.[1].split(',').map((s) => s.trim().replace(/['"]/g, '').toUpperCase()).filter(Boolean) ?? ['GET'];
  // url_path is a regular expression (`versions/(?P<version_id>\d+)`): read as a path where it is simple.
  const rawPath = /url_path\s*=\s*r?['"]([^'"]*)['"]/.exec(t)?.[1];
  const urlPath = rawPath === undefined ? name : (regexToPath(rawPath) ?? rawPath);
  const perm = /permission_classes\s*=\s*([[(][^\])]*[\])])/.exec(t)?.[1];
  return { name, detail, methods, urlPath, line: dec.line, range: rangeOf(m), ...(perm ? { permissions: { text: perm, line: dec.line } } : {}) };
}

export function frameworkViewMethods(name: string): Record<string, string> | undefined {
  return GENERIC[name];
}

/** Methods a function view answers: `@api_view([...])`, `@require_http_methods([...])`, `@require_GET`; else every method. */
export function funcMethods(f: FuncView): string[] {
  for (const d of f.decorators) {
    const m = /^(api_view|require_http_methods)\s*\(\s*[[(]?([^\])]*)/.exec(d.text);
    if (m) {
      const list = m[2].split(',').map((s) => s.trim().replace(/['"]/g, '').toUpperCase()).filter(Boolean);
      return list.length ? list : ['GET'];
    }
    if (/^require_GET\b/.test(d.text)) return ['GET'];
    if (/^require_POST\b/.test(d.text)) return ['POST'];
    if (/^require_safe\b/.test(d.text)) return ['GET'];
  }
  return f.bodyMethods ?? ['ANY'];
}

/** A body that answers other methods with 405 (or an "invalid method" error) says which methods it serves. */
const REFUSES_METHOD = /405|NotAllowed|[Ii]nvalid (request )?method|[Mm]ethod not allowed|[Uu]nsupported method/;

/**
 * `if request.method != 'POST': return HttpResponse(status=405)` → POST;
 * `if request.method == 'GET': … elif request.method == 'POST': … else: <invalid method>` → GET, POST;
 * `if request.method == 'GET': … else: return post_event(request)` → GET and what post_event answers.
 */
export function methodsFromBody(fn: Node, defs?: Map<string, Node>): string[] | undefined {
  const stmts = kids(fn.childForFieldName('body')).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
  const methodsOf = (cond: string, ops: RegExp): string[] | undefined => {
    const m = new RegExp(`^request\\.method\\s*(${ops.source})\\s*([\\s\\S]+)$`).exec(cond.trim());
    return m ? [...m[2].matchAll(/['"](\w+)['"]/g)].map((x) => x[1].toUpperCase()) : undefined;
  };
  for (const st of stmts.slice(0, 4)) {
    if (st.type !== 'if_statement') continue;
    const cond = st.childForFieldName('condition')?.text ?? '';
    const allowed = methodsOf(cond, /!=|not\s+in/);
    if (allowed?.length && REFUSES_METHOD.test(st.childForFieldName('consequence')?.text ?? '')) return allowed;
    const first = methodsOf(cond, /==|in/);
    if (!first?.length) continue;
    const all = [...first];
    for (const alt of st.childrenForFieldName('alternative')) {
      if (alt?.type === 'elif_clause') {
        const more = methodsOf(alt.childForFieldName('condition')?.text ?? '', /==|in/);
        if (!more?.length) return undefined;
        all.push(...more);
      } else if (alt?.type === 'else_clause') {
        if (REFUSES_METHOD.test(alt.text)) return all;
        // `else: return post_event(request)`: the methods that function answers (one step, no further).
        const to = /^return\s+(\w+)\s*\(\s*request\b[^()]*\)$/.exec(alt.childForFieldName('body')?.text.trim() ?? '');
        const target = to ? defs?.get(to[1]) : undefined;
        const more = target && target !== fn ? methodsFromBody(target) : undefined;
        return more?.length ? [...all, ...more.filter((m) => !all.includes(m))] : undefined;
      }
    }
    return undefined;
  }
  return undefined;
}

// The Python pass between per-file detection and the shared router linking (routeGraph.ts):
// expands route decorator factories where they are used (possibly from another module), gives
// each route the framework of the router it is registered on, and puts the guard of a refusing
// `before_request` hook on every route of its blueprint or app (and of blueprints registered under
// it), except the endpoints the hook lets through. Last, views and the service's own decorators
// are judged by their code (flaskGuardJudge.ts).
import { gateHolds, type KeyedDefault } from './keyedSettings';
import { acrossFiles } from './acrossFiles';
import type { FileDecls, GuardCandidate, Ref, RouteDecl } from '../types';
import type { PyView } from './pyFacts';
import { ARG_RE } from './pyFacts';
import { judgeFlaskViews } from './flaskGuardJudge';
import { linkFastapiClasses } from './fastapiLink';
import { cleanDependencies, dependencyJudge } from './fastapiDeps';
import { fastapiHandlerChecks } from './fastapiHandlerChecks';
import { starletteIdentityReads } from './starletteIdentity';
import { getOwn } from '../../ownKeys';
import { applyPathHelpers } from './pathHelpers';
import { linkTornado } from './tornadoLink';
import { linkAiohttp } from './aiohttpLink';
import { linkLitestar } from './litestarLink';
import { linkPyramid } from './pyramidLink';
import { linkFalcon } from './falconLink';
import { linkNinja } from './ninjaLink';
import { linkBlueprintLoops } from './blueprintLoops';
import { linkParamRouters } from './routerFactories';
import { exemptionHolds } from './hookExemptions';
import { linkCallingHooks } from './hookCalls';
import { factoryViewRegs } from './methodViews';
import { bindStarImports } from './starExports';
import { dropSwitchedOffRoutes } from './envFlags';

export function linkPython(all: FileDecls[]): void {
  const pys = all.filter((d) => d.py);
  if (!pys.length) return;
  // Names a package re-exports with `from .x import *`, bound before anything follows a reference through it.
  bindStarImports(pys);
  const byFile = new Map(all.map((d) => [d.file, d]));
  const fileOf = (ref: Ref): string => ref.slice(0, ref.lastIndexOf('#'));
  const resolve = (ref: Ref): Ref => {
    let cur = ref;
    for (let i = 0; i < 20; i++) {
      // `fn()`: what fn returns (routerFactories.ts); a name imported for fn keeps the `()`, as routeGraph.ts reads it.
      const call = cur.endsWith('()') && !cur.startsWith('import:') ? cur.slice(0, -2) : undefined;
      const aliases = byFile.get(fileOf(cur))?.aliases;
      const next = cur.startsWith('import:') ? cur.slice('import:'.length) : aliases?.[cur] ?? (call && aliases?.[call] ? `${aliases[call]}()` : undefined);
      if (!next || next === cur) return cur;
      cur = next;
    }
    return cur;
  };
  const pyOf = (ref: Ref) => byFile.get(fileOf(ref))?.py;
  // Routes under a module-level `if` that a fresh install's settings make false are never registered.
  dropSwitchedOffRoutes(pys, resolve, (r) => pyOf(r)?.envFlags);

  // 1. Factories: `@api_routing("/x")` → the routes the factory registers, with "/x" in place.
  for (const d of pys) {
    for (const use of d.py!.uses) {
      const target = resolve(use.callee);
      const f = pyOf(target)?.factories[target.slice(target.lastIndexOf('#') + 1)];
      // A class-based view handed to a factory that registers its view parameter (methodViews.ts).
      if (f && use.call && factoryViewRegs(use, f, d.py!)) continue;
      if (!f || !('decorated' in f.view || 'fixed' in f.view) || (use.call && !('fixed' in f.view))) continue;
      // An argument given by keyword fills the parameter of that name.
      const arg = (i: number): string | undefined => {
        const v = use.args[i] ?? use.kwargs[f.params?.[i] ?? ''];
        return typeof v === 'string' ? v : undefined;
      };
      for (const reg of f.regs) {
        let missing = false;
        const path = reg.path.replace(ARG_RE, (_, i: string) => {
          const v = arg(Number(i));
          if (v === undefined) missing = true;
          return v ?? '';
        });
        const methods = reg.methods.length ? reg.methods : [reg.framework === 'flask' || reg.framework === 'quart' ? 'GET' : 'ANY'];
        const view = reg.view !== undefined ? { fixed: reg.view } : f.view;
        for (const method of methods) {
          const p = reg.routerParam;
          const router = p === undefined ? reg.router : use.argRefs?.[p] ?? use.kwargRefs?.[f.params[p] ?? ''] ?? reg.router;
          const r: RouteDecl = {
            router,
            method,
            path: missing ? '' : path,
            ...(missing ? { dynamic: `${f.name}(…) at ${use.file}:${use.line}` } : {}),
            handler: 'fixed' in view ? view.fixed : use.handler,
            ...('fixed' in view ? { handlerRef: `${fileOf(target)}#${view.fixed}` } : { handlerSymbol: use.handlerSymbol, inlineRange: use.inlineRange }),
            dependencyRefs: use.dependencyRefs,
            guards: reg.guards ? [...use.guards, ...reg.guards] : use.guards,
            // A registration with its own view is placed where it is written, not where the factory is called.
            file: reg.view !== undefined ? fileOf(target) : use.file,
            line: reg.view !== undefined ? reg.line : use.line,
            order: use.order,
            framework: reg.framework,
          };
          d.routes.push(r);
          d.py!.endpoints.set(r, 'fixed' in view ? view.fixed : use.handler);
        }
      }
    }
  }

  /** The class-level decorators a Resource class gets from a base in another module (and its bases). */
  const inherited = (from: Ref | undefined): { guards: GuardCandidate[]; decorators: PyView['decorators'] } => {
    const out: { guards: GuardCandidate[]; decorators: PyView['decorators'] } = { guards: [], decorators: [] };
    for (let i = 0, at = from; at && i < 5; i++) {
      const target = resolve(at);
      const cd = pyOf(target)?.classDecorators?.[target.slice(target.lastIndexOf('#') + 1)];
      if (!cd) break;
      out.guards.unshift(...cd.guards);
      out.decorators.unshift(...cd.decorators.map((x) => ({ ...x, file: fileOf(target) })));
      at = cd.inheritFrom;
    }
    return out;
  };

  // 1b. Resources registered from another module (`api.add_resource(UserList, "/users")`).
  for (const d of pys) {
    for (const reg of d.py!.resourceRegs ?? []) {
      const target = resolve(reg.cls);
      const name = target.slice(target.lastIndexOf('#') + 1);
      const res = pyOf(target)?.resources?.[name];
      const up = inherited(res?.inheritFrom);
      reg.paths.forEach((path, i) => {
        for (const m of res?.methods ?? []) {
          const r: RouteDecl = { router: reg.router, method: m.method, path: path ?? '', ...(path === undefined ? { dynamic: reg.pathTexts[i] } : {}), handler: m.name, handlerRef: `${fileOf(target)}#${m.name}`, guards: [...m.guards, ...up.guards], file: reg.file, line: reg.line, order: reg.order, framework: 'flask' };
          d.routes.push(r);
          d.py!.endpoints.set(r, reg.endpoint ?? name.toLowerCase());
          // The decorators are judged by their code; the method's own body is in another file's facts.
          // A class of this module (a MethodView registered with `as_view`): its method's body is judged too.
          d.py!.views.set(r, { fn: fileOf(target) === d.file ? m.name : '', decorators: [...m.decorators.map((x) => ({ ...x, file: fileOf(target) })), ...up.decorators] });
        }
      });
    }
    // Resources registered in their own module whose class-level decorators come from another module.
    for (const { route, from } of d.py!.resourceInherits ?? []) {
      const up = inherited(from);
      route.guards = [...route.guards, ...up.guards];
      const view = d.py!.views.get(route);
      if (view) d.py!.views.set(route, { ...view, decorators: [...view.decorators, ...up.decorators] });
    }
  }
  // Routers handed to a module-level function whose views use them (routerFactories.ts).
  linkParamRouters(pys, resolve);
  // Blueprint lists handed to a function that registers them in a loop (blueprintLoops.ts).
  linkBlueprintLoops(pys, resolve, pyOf);
  // Rules written through a path helper (`org_scoped_rule("/login")`), with its setting's default.
  applyPathHelpers(pys, resolve, pyOf);

  // 1c. FastAPI router subclasses and class-based views (fastapiLink.ts).
  // Dependencies judged by their code first (a DB session is no guard), wherever they are attached.
  const clean = dependencyJudge(resolve, pyOf);
  linkFastapiClasses(pys, resolve, pyOf, clean);
  cleanDependencies(pys, clean);

  // 2. Frameworks: the one that created the router (a Blueprint's routes are Flask's).
  for (const d of pys) {
    for (const r of d.routes) {
      if (!r.router) continue;
      const target = resolve(r.router);
      const fw = pyOf(target)?.routerFrameworks[target];
      if (fw) r.framework = fw;
      else if (r.framework === 'python') r.framework = d.py!.importsFramework ?? 'python';
    }
  }

  // 2a. FastAPI handlers that call a refusing dependency function themselves (fastapiHandlerChecks.ts).
  fastapiHandlerChecks(pys, clean);
  // 2a'. FastAPI handlers that branch on Starlette's request.user, with no guard: optional (starletteIdentity.ts).
  starletteIdentityReads(pys);

  // 2b. Django Ninja: operations' paths and the auth Ninja runs for each (ninjaLink.ts).
  linkNinja(pys, resolve);

  // 3. Hooks: every route of the hooked router and of the routers registered under it.
  const children = new Map<Ref, Set<Ref>>();
  for (const d of pys) {
    for (const u of d.uses) {
      const p = resolve(u.parent);
      for (const c of u.children ?? []) children.set(p, (children.get(p) ?? new Set()).add(resolve(c)));
    }
  }
  const prefixesOf = new Map<Ref, Map<Ref, string>>();
  for (const d of pys) {
    for (const u of d.uses) {
      const p = resolve(u.parent);
      for (const c of u.children ?? []) (prefixesOf.get(p) ?? prefixesOf.set(p, new Map()).get(p)!).set(resolve(c), u.prefix);
    }
  }
  const ownPrefix = (ref: Ref): string => { const p = byFile.get(fileOf(ref))?.prefixes; return (p && getOwn(p, ref)?.prefix) ?? ''; };
  /** The routers under `root`, each with the prefixes written on the way down to it (to find a rule's parameters). */
  const under = (root: Ref): Map<Ref, string> => {
    const seen = new Map<Ref, string>([[root, ownPrefix(root)]]);
    const todo = [root];
    while (todo.length) {
      const at = todo.pop()!;
      for (const c of children.get(at) ?? []) {
        if (seen.has(c)) continue;
        seen.set(c, `${seen.get(at)}${prefixesOf.get(at)?.get(c) ?? ''}${ownPrefix(c)}`);
        todo.push(c);
      }
    }
    return seen;
  };
  const keyed = acrossFiles<KeyedDefault>(pys.map((d) => ({ file: d.file, py: d.py! })), (py) => py.keyedDefaults);
  for (const h of pys.flatMap((d) => d.py!.hooks)) {
    // A hook refusing only while a setting holds that a fresh install leaves off refuses nobody (keyedSettings.ts).
    if (h.gate && gateHolds(h.gate, keyed)?.holds === false) continue;
    const scope = under(resolve(h.router));
    for (const d of pys) {
      for (const r of d.routes) {
        if (!r.router) continue;
        const target = resolve(r.router);
        if (!scope.has(target)) continue;
        const endpoint = d.py!.endpoints.get(r) ?? r.handler;
        const bp = pyOf(target)?.blueprintNames[target];
        const full = bp ? `${bp}.${endpoint}` : endpoint;
        if (h.exempt.some((x) => exemptionHolds(x, { full, endpoint, bp, path: `${scope.get(target)}${r.path}` }))) continue;
        // A refusal that needs a URL value (`values.pop("project_id")`) is met only where the rule has that parameter.
        if (h.needs?.some((v) => !new RegExp(`<(?:[^:<>]+:)?${v}>`).test(`${scope.get(target)}${r.path}`))) continue;
        // Routes of one function share their guard list: give this one its own.
        r.guards = [...r.guards, { text: h.guard.name, line: h.guard.line, via: h.guard.reason.startsWith('url_value_preprocessor') ? 'url_value_preprocessor hook' : 'before_request hook', guard: h.guard }];
      }
    }
  }

  // A hook wrapped by decorators of ours: they are judged as if on each view the hook runs before (flaskGuardJudge.ts).
  for (const d of pys) {
    for (const h of d.py!.wrappedHooks ?? []) {
      const scope = under(resolve(h.router));
      for (const e of pys) {
        for (const r of e.routes) {
          const view = r.router && scope.has(resolve(r.router)) ? e.py!.views.get(r) : undefined;
          if (!view) continue;
          const extra = h.decorators.filter((w) => !view.decorators.some((v) => v.line === w.line && v.file === d.file));
          e.py!.views.set(r, { ...view, decorators: [...view.decorators, ...extra.map(({ ref, text, line }) => ({ ref, text, line, file: d.file }))] });
          // Named like a guard: kept unless the decorator's code is read (the judge replaces it by its verdict).
          r.guards = [...r.guards, ...extra.flatMap((w) => (w.guard ? [{ text: w.text, line: w.line, via: 'decorator', guard: w.guard }] : []))];
        }
      }
    }
  }

  // Hooks refusing through a function of ours they call (another module's `verify_auth_token`): hookCalls.ts.
  linkCallingHooks(pys, resolve, pyOf, under);

  // 3b. aiohttp: applications' mounts, their middlewares and handlers' own checks (aiohttpLink.ts).
  linkAiohttp(pys, resolve, pyOf);

  // 3c. Pyramid: views bound by route name to the patterns add_route declared (pyramidLink.ts).
  linkPyramid(pys);
  // 3d. Falcon: add_route mounts and route tables, one route per responder of the resource's class (falconLink.ts).
  linkFalcon(pys, resolve);

  // 4. Views and their decorators, by what their code does with the identity.
  judgeFlaskViews(pys.map((d) => ({ file: d.file, py: d.py!, routes: d.routes })), resolve, pyOf, keyed);
  // 5. Tornado's handler lists, gathered across modules (their guards are judged there).
  linkTornado(pys);
  // 6. Litestar's handlers, controllers, routers, guards and authentication backends (litestarLink.ts).
  linkLitestar(pys, resolve);
}

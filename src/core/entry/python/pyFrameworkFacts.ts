// The facts of the Python frameworks whose routes are made at link time from per-file facts
// (aiohttp, Litestar, Pyramid, Falcon, Django Ninja, Connexion) and the oslo.config booleans that gate Falcon
// route tables, each read only where the module's text names the framework.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, Ref } from '../types';
import type { ModuleIndex } from '../resolveModule';
import type { PyFacts } from './pyFacts';
import type { StrEnv } from './pyEval';
import { kids } from '../treeUtil';
import { aiohttpFacts } from './aiohttpFacts';
import { aiohttpCallRoutes } from './aiohttpRoutes';
import { litestarFacts } from './litestarFacts';
import { pyramidFacts } from './pyramidFacts';
import { falconFacts } from './falconFacts';
import { osloBools } from './osloOptions';
import { policyFacts } from './osloPolicy';
import { wsgiFacts } from './wsgiWrappers';
import { ninjaFacts } from './ninjaFacts';
import { connexionFacts } from './connexionFacts';
import { blueprintLoopFacts } from './blueprintLoops';

/** A Falcon responder, add_route, or a `(path, Resource(...))` row of a route table. */
const FALCON_WORDS = /\bdef on_[a-z]+\b|\badd_route\b|\(\s*['"][^'"\n]*['"]\s*,\s*[\w.]+\(/;

export interface FrameworkFactsCtx {
  root: Node;
  file: string;
  d: FileDecls;
  py: PyFacts;
  key: (name: string) => Ref;
  refOf: (n: Node | undefined | null) => Ref | undefined;
  moduleEnv: StrEnv;
  topDefs: Map<string, Node>;
  modules: ModuleIndex;
}

/** Adds the facts to `py` (and aiohttp's call-registered routes to `d`); whether the module names aiohttp. */
export function otherFrameworkFacts(c: FrameworkFactsCtx): boolean {
  const { root, file, d, py, key, refOf, moduleEnv, topDefs, modules } = c;
  // aiohttp applications, mounts and middlewares (aiohttpLink.ts); a module that builds none may still hand one on.
  const aio = /\baiohttp\b/.test(root.text);
  const topNames = new Set(kids(root).map((st) => (st.type === 'decorated_definition' ? st.childForFieldName('definition') : st)?.childForFieldName('name')?.text ?? ''));
  const aioFacts = aiohttpFacts({ root, file, key, refOf, ours: (r) => r.startsWith('import:') || d.aliases[r] !== undefined || topNames.has(r.slice(r.lastIndexOf('#') + 1)) }, aio);
  if (aioFacts) py.aiohttp = aioFacts;
  if (aio) d.routes.push(...aiohttpCallRoutes(root, file, refOf, moduleEnv, topDefs));
  // Litestar handlers, controllers, routers and auth backends (litestarLink.ts makes the routes).
  const litestar = /\blitestar\b/.test(root.text) ? litestarFacts(root, refOf, moduleEnv) : undefined;
  if (litestar) py.litestar = litestar;
  // Pyramid routes declared by name (`add_route`) and the views bound to them (pyramidLink.ts makes the routes).
  const pyramid = /\badd_route\b|\broute_name\s*=/.test(root.text) ? pyramidFacts(root, moduleEnv) : undefined;
  if (pyramid) py.pyramid = pyramid;
  // Falcon resources, route tables and add_route mounts (falconLink.ts makes the routes).
  const falcon = FALCON_WORDS.test(root.text) ? falconFacts(root, refOf, moduleEnv) : undefined;
  if (falcon) py.falcon = falcon;
  // Django Ninja APIs and routers, their add_router mounts and auths (ninjaLink.ts judges them).
  const ninja = /\bninja\b/.test(root.text) ? ninjaFacts(root, d, refOf, moduleEnv, (dotted) => modules.resolvePy(file, dotted)) : undefined;
  if (ninja) py.ninja = ninja;
  // Connexion's add_api calls: the OpenAPI documents that declare the routes (connexionLink.ts).
  const connexion = /\bconnexion\b/.test(root.text) && /\.add_api\(/.test(root.text) ? connexionFacts(root, moduleEnv) : undefined;
  if (connexion) py.connexion = connexion;
  // oslo.config booleans, whose defaults decide which Falcon route tables a fresh install mounts.
  const bools = /\b(BoolOpt|StrOpt|ListOpt)\(/.test(root.text) ? osloBools(root) : undefined;
  if (bools) py.osloBools = bools;
  // oslo.policy rule defaults and policy decorators, and decorators that only pass the call on (osloPolicy.ts, for falconLink.ts).
  const policy = /RuleDefault\s*\(|\boslo_policy\b|\bwraps\b|def __call__\s*\(/.test(root.text) ? policyFacts(root, moduleEnv, refOf) : undefined;
  if (policy) py.policy = policy;
  // WSGI wrappers, their factories, Falcon hook runners and hook functions of ours (wsgiWrappers.ts, for falconWrappers.ts).
  const wsgi = /def __call__\s*\(\s*self\s*,\s*(?:environ|request|req)\b|^\s*(?:import falcon|from falcon\b)|def process_(?:request|resource)\b/m.test(root.text) || /^def \w+\([^)]*\bapp\b/m.test(root.text) ? wsgiFacts(root, refOf, key) : undefined;
  if (wsgi) py.wsgi = wsgi;
  // Blueprints registered in a loop over a parameter, from a list the caller hands on (blueprintLoops.ts).
  const loops = blueprintLoopFacts(root, d, key, refOf);
  if (loops) py.blueprintLoops = loops;
  return aio;
}

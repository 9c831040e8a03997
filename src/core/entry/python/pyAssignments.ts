// A Python module's top-level assignments, read once for the route detectors: string constants
// (paths), type aliases that carry dependencies (`CurrentUser = Annotated[User, Depends(...)]`), and
// the routers a module creates (`bp = Blueprint("x", __name__, url_prefix="/x")`, `router =
// APIRouter(prefix=…, dependencies=[…])`, Sanic apps and blueprints, aiohttp route tables) with
// their prefixes and router-level guards. A class of the service's own called at module level may
// be a router class (fastapiLink.ts decides).
import type { Node } from 'web-tree-sitter';
import type { FileDecls, GuardCandidate } from '../types';
import { all, stringValue } from '../treeUtil';
import { evalStr } from './pyEval';
import { kwArg as kw, positionalArgs as positional } from './pyScope';
import { fastapiDocsRoutes } from './fastapiDocs';
import { routerCall, type ClassCtx } from './fastapiClasses';
import { sanicCreator } from './sanicRoutes';
import { quartCreator } from './quartRoutes';
import { callGuardAlias } from './fastapiTypeFactories';
import { dict, table } from '../../ownKeys';

const CREATORS: Record<string, 'fastapi' | 'flask'> = table({ APIRouter: 'fastapi', FastAPI: 'fastapi', Blueprint: 'flask', Flask: 'flask', 'fastapi.APIRouter': 'fastapi', 'fastapi.FastAPI': 'fastapi', 'flask.Blueprint': 'flask', 'flask.Flask': 'flask' });
/** aiohttp's route table (`routes = web.RouteTableDef()`): `@routes.view(path)` answers every method. */
const AIO_TABLE = /^(web\.|aiohttp\.web\.)?RouteTableDef$/;

export interface AssignmentCtx extends ClassCtx {
  d: FileDecls;
  file: string;
  /** The module imports aiohttp / sanic. */
  aio: boolean;
  sanic: boolean;
  quart?: boolean;
  depsOf: (list: Node | undefined, via: string) => GuardCandidate[];
}

export function moduleAssignments(classCtx: AssignmentCtx): void {
  const { root, d, py, key, dependencyGuard, moduleEnv, file, aio, sanic, quart, depsOf } = classCtx;
  d.constants = dict();
  for (const asg of all(root, 'assignment')) {
    const left = asg.childForFieldName('left');
    const right = asg.childForFieldName('right');
    const sv = stringValue(right);
    if (left?.type === 'identifier' && sv !== undefined && (sv === '' || sv.startsWith('/'))) d.constants[left.text] = sv;
    if (left?.type === 'identifier' && right && asg.parent?.parent?.type === 'module') {
      const gs = (right.descendantsOfType('call').filter(Boolean) as Node[]).map((c) => dependencyGuard(c, `type alias ${left.text}`)).filter((g): g is GuardCandidate => !!g);
      if (gs.length) (d.guardAliases ??= dict())[key(left.text)] = gs;
      else callGuardAlias(d, left, right, key, classCtx.refOf);
    }
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    const fn = right.childForFieldName('function')?.text ?? '';
    if (aio && AIO_TABLE.test(fn)) {
      d.routers.add(key(left.text));
      py.routerFrameworks[key(left.text)] = 'aiohttp';
      continue;
    }
    const framework = sanicCreator(fn, sanic) ? 'sanic' : quartCreator(fn, !!quart) ? 'quart' : CREATORS[fn];
    if (!framework) {
      // A class of the service's own (or imported) may be a router class (fastapiLink.ts decides).
      if (/^([\w.]+\.)?[A-Z]\w*$/.test(fn) && asg.parent?.parent?.type === 'module') routerCall(classCtx, left.text, right);
      continue;
    }
    const ref = key(left.text);
    d.routers.add(ref);
    py.routerFrameworks[ref] = framework;
    const bpName = framework !== 'fastapi' && /Blueprint$/.test(fn) ? stringValue(positional(right)[0]) : undefined;
    if (bpName) py.blueprintNames[ref] = bpName;
    const prefixNode = kw(right, 'prefix') ?? kw(right, 'url_prefix');
    const prefix = evalStr(prefixNode, moduleEnv) ?? '';
    d.prefixes[ref] = { prefix, guards: depsOf(kw(right, 'dependencies'), `dependencies of ${left.text} = ${fn}()`) };
    if (/^(fastapi\.)?FastAPI$/.test(fn)) {
      // `app = FastAPI(debug=True)` / `else: app = FastAPI(docs_url=None)`: one app, its docs routes once each.
      const had = new Set(d.routes.filter((r) => r.router === ref && r.handler.startsWith('FastAPI ')).map((r) => r.path));
      d.routes.push(...fastapiDocsRoutes(right, ref, file, moduleEnv, kw).filter((r) => r.dynamic || !had.has(r.path)));
    }
  }
}

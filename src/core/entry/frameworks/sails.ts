// Sails.js (`sails`): routes are data, not calls. An app's `config/routes.js` exports `routes`, an
// object keyed by route — `'GET /api/users': target`, `'/about': target` (every method), `'GET
// r|^/x/(\w+)$|id': target` (a regular expression and the names of its groups) — whose target is an
// action: its identity as a string (`'users/index'` is `api/controllers/users/index.js`, a
// standalone action: an actions2 object `{ inputs, exits, fn }` or a function `(req, res)`), a
// controller's action (`'UserController.find'`, `{ controller, action }`), `{ action }`, or `{ fn }`
// (a function written in the table). Authentication is data too: `config/policies.js` exports
// `policies`, mapping action identities (exact, `'users/*'`, `'*'` for the rest; legacy
// `UserController: { find: … }`) to policies — `true` (public), `false` (nobody), a policy name or a
// list of them, each `api/policies/<name>.js` exporting `(req, res, proceed)` — that Sails runs
// before the action, in order. They are middleware of the route, judged by their code. A `{ fn }`
// route and a view have no action: no policy applies. The app's hooks' `routes.before` functions (a
// hook reading the caller's token for `/api/*`) are not put on the routes: whether a public action
// uses what they set needs the helpers it hands the request to, which the interpreter does not follow. Blueprints (routes Sails makes from models)
// are not read: an app that keeps them on says so in `.sailsrc`/`config/blueprints.js`.
import type { Interp } from '../interp/interpreter';
import type { KnownGuard, ObjValue, PathPart, RouterNode, SiteRef, Value } from '../interp/values';
import type { Framework } from './types';
import { knownGuard } from './knownGuards';
import { importSpecs } from '../interp/routeReach';

const METHODS = /^(get|post|put|patch|delete|head|options|all)$/i;

/** `'GET /x'` → ['GET', '/x']; `'/x'` → ['ANY', '/x']; undefined for a key that is no route. */
export function sailsRouteKey(key: string): [string, string] | undefined {
  // A key is kept as written in the source: `\\w` in the quotes is the regex's `\w`.
  const m = /^\s*(?:(\w+)\s+)?((?:\/|r\|)\S*)\s*$/.exec(key.replace(/\\\\/g, '\\'));
  if (!m) return undefined;
  if (m[1] && !METHODS.test(m[1])) return undefined;
  const method = !m[1] || /^all$/i.test(m[1]) ? 'ANY' : m[1].toUpperCase();
  return [method, m[2]!];
}

/**
 * A Sails regex route `r|<regex>|<names>`: each capture group becomes the parameter its name gives,
 * anchors dropped (`r|^/a/(\w+)/t/([\w-]+).(\w+)$|id,name,ext` → `/a/:id/t/:name.:ext`); a regex
 * with anything else a reader cannot write as a path stays dynamic, as written.
 */
export function sailsPath(p: string): PathPart {
  const m = /^r\|(.*)\|([\w,\s]*)$/.exec(p);
  if (!m) return { s: p };
  const names = m[2]!.split(',').map((n) => n.trim()).filter(Boolean);
  let i = 0;
  let ok = true;
  const out = m[1]!
    .replace(/\\([./-])/g, '$1')
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\((?!\?)(?:[^()\\]|\\.)*\)/g, () => {
      const n = names[i++];
      if (!n) ok = false;
      return `:${n ?? ''}`;
    });
  // `.` between parts is read as the dot a reader means; other regex syntax is not a path.
  if (!ok || /[\\[\]*+?{}|()^$]/.test(out) || !out.startsWith('/')) return { dyn: p };
  return { s: out };
}

/** Where a Sails app's folders are: the folder holding `config/routes.js` ('' at the root). */
function appBases(x: Interp): string[] {
  const out: string[] = [];
  for (const f of x.program.facts.keys()) {
    const m = /^(.*?)config\/routes\.[cm]?[jt]s$/.exec(f);
    if (m && (m[1] === '' || m[1]!.endsWith('/'))) out.push(m[1]!);
  }
  return out;
}

/** The module a file of the app exports, by its path below the app without extension (case-insensitive, as Sails loads them). */
function moduleIndex(x: Interp, base: string, folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const pre = `${base}${folder}/`;
  for (const f of x.program.facts.keys()) {
    if (!f.startsWith(pre)) continue;
    const m = /^(.*)\.[cm]?[jt]s$/.exec(f.slice(pre.length));
    if (m) out.set(m[1]!.toLowerCase(), f);
  }
  return out;
}

/** `UserController` / `admin/UserController` → `user` / `admin/user`: the identity prefix of its actions. */
function controllerIdentity(name: string): string {
  return name.replace(/Controller$/, '').toLowerCase();
}

interface Action {
  handler: Value;
  identity: string;
  site: SiteRef;
}

/** The action a target names, with its identity (for the policies). */
function actionOf(x: Interp, target: Value, actions: Map<string, string>, site: SiteRef): Action | { fn: Value } | undefined {
  let identity: string | undefined;
  if (target.k === 'str') {
    const m = /^([\w/-]+Controller)\.(\w+)$/.exec(target.v);
    identity = m ? `${controllerIdentity(m[1]!)}/${m[2]!.toLowerCase()}` : target.v.toLowerCase().replace(/\./g, '/');
  } else if (target.k === 'obj') {
    const fn = target.props.get('fn');
    if (fn) return { fn };
    const action = x.str(target.props.get('action'));
    const controller = x.str(target.props.get('controller'));
    if (controller && action) identity = `${controllerIdentity(controller)}/${action.toLowerCase()}`;
    else if (action) identity = action.toLowerCase();
  }
  if (!identity) return undefined;
  // A standalone action (`api/controllers/users/index.js`) or a controller's method.
  const file = actions.get(identity);
  let exported: Value | undefined = file ? x.exportsOf(file) : undefined;
  if (!file) {
    const cut = identity.lastIndexOf('/');
    const ctl = cut > 0 ? actions.get(`${identity.slice(0, cut)}controller`) : undefined;
    const obj = ctl ? x.exportsOf(ctl) : undefined;
    const name = identity.slice(cut + 1);
    if (obj?.k === 'obj') for (const [k, v] of obj.props) if (k.toLowerCase() === name) exported = v;
  }
  // actions2: `{ inputs, exits, fn }` — fn is what runs.
  const handler = exported?.k === 'obj' ? exported.props.get('fn') : exported;
  if (!handler || (handler.k !== 'fn' && handler.k !== 'native')) return undefined;
  return { handler, identity, site };
}

type Policy = { names: string[]; deny?: boolean; key: string };

/** The policies config flattened to identity patterns (`users/*`, `*`), lower case. */
function policyTable(x: Interp, v: Value | undefined): Map<string, Policy> {
  const out = new Map<string, Policy>();
  if (v?.k !== 'obj') return out;
  const one = (key: string, val: Value): void => {
    const names = val.k === 'arr' ? val.items.map((i) => x.str(i)).filter((s): s is string => !!s) : val.k === 'str' ? [val.v] : [];
    out.set(key.toLowerCase(), { names, key, ...(val.k === 'bool' && !val.v ? { deny: true } : {}) });
  };
  for (const [k, val] of v.props) {
    // Legacy: `UserController: { '*': …, find: … }`.
    if (val.k === 'obj' && /Controller$/.test(k)) {
      const prefix = controllerIdentity(k);
      for (const [a, inner] of val.props) one(a === '*' ? `${prefix}/*` : `${prefix}/${a}`, inner);
    } else one(k, val);
  }
  return out;
}

/** Sails's lookup: the identity itself, then `a/b/*`, `a/*`, then `*`. */
function policyFor(table: Map<string, Policy>, identity: string): Policy | undefined {
  const exact = table.get(identity);
  if (exact) return exact;
  const parts = identity.split('/');
  for (let n = parts.length - 1; n >= 1; n--) {
    const p = table.get(`${parts.slice(0, n).join('/')}/*`);
    if (p) return p;
  }
  return table.get('*');
}

function denyGuard(p: Policy, file: string, line: number): KnownGuard {
  return { name: `policy false (${p.key})`, kind: 'authorization', reason: `config/policies.js maps ${p.key} to false: Sails answers 403 to every caller`, file, line };
}

function routesOf(x: Interp, base: string): void {
  const routesFile = [...x.program.facts.keys()].find((f) => f.startsWith(`${base}config/routes.`));
  const policiesFile = [...x.program.facts.keys()].find((f) => f.startsWith(`${base}config/policies.`));
  if (!routesFile) return;
  const routes = x.prop(x.exportsOf(routesFile), 'routes');
  if (routes?.k !== 'obj') return;
  const policies = policyTable(x, policiesFile ? x.prop(x.exportsOf(policiesFile), 'policies') : undefined);
  const actions = moduleIndex(x, base, 'api/controllers');
  const policyFiles = moduleIndex(x, base, 'api/policies');
  const at: SiteRef = { file: routesFile, line: 1, offset: 0 };
  const app: RouterNode = x.routerAt('sails', 'app', at);
  for (const [key, target] of (routes as ObjValue).props) {
    const parsed = sailsRouteKey(key);
    if (!parsed) continue;
    const site = routes.keySites?.get(key) ?? at;
    const [method, raw] = parsed;
    const path = sailsPath(raw);
    // A view (`{ view }`), a response, or an action no file defines: not read (no handler of ours to judge).
    const action = actionOf(x, target, actions, site);
    if (!action) continue;
    if ('fn' in action) {
      x.addRoute(app, method, path, [action.fn], site, { handlerText: '<inline fn>' });
      continue;
    }
    const policy = policyFor(policies, action.identity);
    const before: Value[] = [];
    for (const name of policy?.names ?? []) {
      const file = policyFiles.get(name.toLowerCase());
      const fn = file ? x.exportsOf(file) : undefined;
      // A policy we cannot read leaves the route to the judge's doubt, never public.
      before.push(fn?.k === 'fn' ? fn : { k: 'unknown', text: `policy ${name}` });
    }
    const guards = policy?.deny ? [denyGuard(policy, policiesFile ?? routesFile, 1)] : [];
    x.addRoute(app, method, path, [...before, action.handler], site, { handlerText: action.identity, ...(guards.length ? { guards } : {}) });
  }
}

export const sails: Framework = {
  name: 'sails',
  language: 'js',
  packages: /^(sails)$/,
  guard: knownGuard,
  finalize(x) {
    // A Sails app lifts Sails somewhere (`app.js`: `require('sails')`): a `config/routes.js` of anything else is not read.
    const lifts = (base: string): boolean => [...x.program.facts].some(([f, facts]) => f.startsWith(base) && importSpecs(facts).has('sails'));
    for (const base of appBases(x)) if (lifts(base)) routesOf(x, base);
  },
};

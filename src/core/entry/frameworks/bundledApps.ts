// Applications that packages bring along and a service mounts under a prefix: API docs, a
// GraphQL endpoint, a queue dashboard, a reverse proxy, a directory listing. Each answers every
// path under its mount, so the mount is one route of its own (`ANY /api-docs/*`), the way
// labellers write a framework's bundled application (one row for the mount, not its views) and
// the way `express.static` under a prefix already is. A leader needs to see them: a proxy or a
// dashboard reachable without auth is exactly the exposure a deep dive is for.
import type { Interp } from '../interp/interpreter';
import type { ObjValue, SiteRef, Value } from '../interp/values';
import { joinPaths } from '../routePath';

interface BundledApp {
  /** The package the handler comes from. */
  spec: RegExp;
  /** Its member path as the interpreter writes it (`setup.()` for `swaggerUi.setup(doc)`). */
  path: RegExp;
  what: string;
}

const BUNDLED: readonly BundledApp[] = [
  { spec: /^swagger-ui-express$/, path: /^(setup|serveFiles)\.\(\)$/, what: 'Swagger UI' },
  // `app.use('/api-docs', swaggerUi.serve)`: its static files (an array of middleware, not a call).
  { spec: /^swagger-ui-express$/, path: /^serve$/, what: 'Swagger UI files' },
  { spec: /^oidc-provider$/, path: /\.callback\.\(\)$/, what: 'OpenID Connect provider' },
  { spec: /^(express-graphql|graphql-http\/lib\/use\/express)$/, path: /^(graphqlHTTP|createHandler)\.\(\)$/, what: 'GraphQL endpoint' },
  { spec: /^(@apollo\/server\/express4|@as-integrations\/express\d*)$/, path: /^expressMiddleware\.\(\)$/, what: 'GraphQL endpoint (Apollo)' },
  { spec: /^http-proxy-middleware$/, path: /^(createProxyMiddleware|legacyCreateProxyMiddleware)\.\(\)$/, what: 'reverse proxy' },
  { spec: /^express-http-proxy$/, path: /^\(\)$/, what: 'reverse proxy' },
  { spec: /^@bull-board\/express$/, path: /^ExpressAdapter\.\(\)\.getRouter\.\(\)$/, what: 'Bull Board queue dashboard' },
  { spec: /^serve-index$/, path: /^\(\)$/, what: 'directory listing' },
];

/** What a package handler mounted under a prefix serves, when it is a bundled application we know. */
export function bundledApp(v: Value | undefined): string | undefined {
  if (v?.k !== 'ext') return undefined;
  const path = v.path.join('.');
  return BUNDLED.find((b) => b.spec.test(v.spec) && b.path.test(path))?.what;
}

/**
 * An adapter that mounts its application itself, under the base path it was given rather than a
 * prefix of the mount: Bull Board's Koa adapter (`adapter.setBasePath('/admin')`, then
 * `app.use(adapter.registerPlugin())` answers everything under `/admin`). The plugin is a router
 * with the one route `ANY <base>/*`; the application's default base path is the root.
 */
export function selfMountedAdapter(x: Interp, framework: string, what: string, plugin: string, handler: Value): ObjValue {
  let base: Value | undefined;
  const adapter: ObjValue = { k: 'obj', props: new Map() };
  adapter.props.set('setBasePath', {
    k: 'native',
    name: 'setBasePath',
    call: (args) => {
      base = args[0];
      return adapter;
    },
  });
  adapter.props.set(plugin, {
    k: 'native',
    name: plugin,
    call: (_args, site: SiteRef) => {
      const r = x.routerAt(framework, 'router', site);
      const p = base ? x.pathOf(base) : { s: '' };
      x.addRoute(r, 'ANY', 's' in p ? { s: joinPaths(p.s, '*') } : { dyn: `${p.dyn}/*` }, [handler], site, { handlerText: what });
      return { k: 'router', r };
    },
  });
  return adapter;
}

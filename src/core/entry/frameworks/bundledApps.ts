// Applications that packages bring along and a service mounts under a prefix: API docs, a
// GraphQL endpoint, a queue dashboard, a reverse proxy, a directory listing. Each answers every
// path under its mount, so the mount is one route of its own (`ANY /api-docs/*`), the way
// labellers write a framework's bundled application (one row for the mount, not its views) and
// the way `express.static` under a prefix already is. A leader needs to see them: a proxy or a
// dashboard reachable without auth is exactly the exposure a deep dive is for.
import type { Value } from '../interp/values';

interface BundledApp {
  /** The package the handler comes from. */
  spec: RegExp;
  /** Its member path as the interpreter writes it (`setup.()` for `swaggerUi.setup(doc)`). */
  path: RegExp;
  what: string;
}

const BUNDLED: readonly BundledApp[] = [
  { spec: /^swagger-ui-express$/, path: /^(setup|serveFiles)\.\(\)$/, what: 'Swagger UI' },
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

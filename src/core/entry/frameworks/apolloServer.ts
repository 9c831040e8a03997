// Apollo Server 2/3's integrations mount themselves: `server.applyMiddleware({ app, path })`
// (apollo-server-express, apollo-server-koa…) registers the GraphQL endpoint on the app it is handed,
// at `path` or `/graphql` by default (Wiki.js's server/core/servers.js). One route, `ANY <path>`, on
// that app — a bundled application, as Apollo 4's `app.use('/graphql', expressMiddleware(server))`
// already is (bundledApps.ts). An app we cannot follow adds nothing. Not a framework of its own
// (the registry's packages choose which files are read for routers): a call the interpreter meets
// on its way (interpCalls.ts), in a file it reads because the app's file imports it.
import type { Interp } from '../interp/interpreter';
import type { ExtValue, SiteRef, Value } from '../interp/values';

const WHAT = 'GraphQL endpoint (Apollo)';
const APOLLO_INTEGRATIONS = /^apollo-server-(express|koa|hapi|fastify)$/;

export function apolloSelfMount(x: Interp, callee: ExtValue, args: Value[], site: SiteRef): Value | undefined {
  if (!APOLLO_INTEGRATIONS.test(callee.spec)) return undefined;
  // `new ApolloServer(…).applyMiddleware(…)`: the member called on the server the class made.
  if (callee.path.at(-1) !== 'applyMiddleware' || callee.path.at(-2) !== '()') return undefined;
  const opts = args[0];
  if (opts?.k !== 'obj') return undefined;
  const app = opts.props.get('app');
  if (app?.k !== 'router') return undefined;
  const given = opts.props.get('path');
  const p = given === undefined ? { s: '/graphql' } : x.pathOf(given);
  x.addRoute(app.r, 'ANY', p, [callee], site, { handlerText: WHAT, framework: app.r.framework });
  return { k: 'unknown', text: 'applyMiddleware()' };
}

// Fastify as Dittofeed's API writes it (test/fixtures/routes/fastify-blocks): every route on
// `fastify.withTypeProvider<T>()` (the same instance, typed), controller plugins mounted under
// prefixes in blocks, and an auth hook plugin (fastify-plugin) registered on the outer instance
// from inside one block — avvio adds a plugin to the plugin being loaded, so the hook lands in
// that block and its siblings (and the index mounted before it) stay open; a webhook that hands its
// signature header to a function of a package not at hand is unknown.
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: Fastify typed instances and a hook plugin registered from inside a block', () => {
  const routes = httpRoutesOf('fastify-blocks');
  itHasStates(routes, [
    ['GET /api', 'unguarded'],
    ['GET /api/items', 'guarded'],
    ['DELETE /api/items/:id', 'guarded'],
    ['GET /api/public/links/:code', 'unguarded'],
    // The signature header handed to a sister package's function we cannot read (credentialHandoff.ts).
    ['POST /api/public/webhooks/sendgrid', 'unknown'],
  ]);
});

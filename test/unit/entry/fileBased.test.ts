// File-based routing beyond Next.js: one small fixture per convention (test/fixtures/routes/<dir>),
// every route with its method, full path, file:line, guard state and framework; and a project whose
// folders merely look like a file router yields no file routes.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint, GuardState } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { svelteKitPath } from '../../../src/core/entry/fileRouting/sveltekit';
import { medusaPath } from '../../../src/core/entry/fileRouting/medusa';
import { expressMatcher } from '../../../src/core/entry/fileRouting/medusaMiddlewares';
import { decidePathTest, pathTestText, type PathTest } from '../../../src/core/entry/fileRouting/pathTests';

const ROUTES = path.resolve(__dirname, '../../../../test/fixtures/routes');

type Row = [method: string, path: string, place: string, state: GuardState];
const CASES: { dir: string; framework: string; routes: Row[] }[] = [
  {
    dir: 'medusa',
    framework: 'medusa',
    routes: [
      // /admin: the RoutesLoader's authenticate("user", …) on every route file…
      ['GET', '/admin/products', 'src/api/admin/products/route.ts:4', 'guarded'],
      ['POST', '/admin/products', 'src/api/admin/products/route.ts:8', 'guarded'],
      ['GET', '/admin/products/:id', 'src/api/admin/products/[id]/route.ts:3', 'guarded'],
      ['DELETE', '/admin/products/:id', 'src/api/admin/products/[id]/route.ts:7', 'guarded'],
      ['GET', '/admin/uploads/*', 'src/api/admin/uploads/[...]/route.ts:3', 'guarded'],
      // …except a file that exports AUTHENTICATE = false and gets no authenticate() back from middlewares.ts.
      ['POST', '/admin/invites/accept', 'src/api/admin/invites/accept/route.ts:6', 'unguarded'],
      // /store: optional customer auth; it counts only where the handler reads req.auth_context.
      ['GET', '/store/products', 'src/api/store/products/route.ts:3', 'unguarded'],
      ['POST', '/store/carts', 'src/api/store/carts/route.ts:3', 'optional'],
      // middlewares.ts matcher "/store/customers/me*" with method ALL.
      ['GET', '/store/customers/me', 'src/api/store/customers/me/route.ts:3', 'guarded'],
      ['DELETE', '/store/customers/me/addresses/:address_id', 'src/api/store/customers/me/addresses/[address_id]/route.ts:3', 'guarded'],
      // store/return/middlewares.ts is not imported by src/api/middlewares.ts: never loaded.
      ['POST', '/store/return', 'src/api/store/return/route.ts:3', 'unguarded'],
      ['POST', '/hooks/payment/:provider', 'src/api/hooks/payment/[provider]/route.ts:3', 'unguarded'],
      // service.authenticate(provider, data) in the handler is the login itself, not a guard.
      ['POST', '/auth/:actor_type/:auth_provider', 'src/api/auth/[actor_type]/[auth_provider]/route.ts:4', 'unguarded'],
      // validateToken() is named like auth but is not the framework's guard: not trusted by its name.
      ['POST', '/auth/:actor_type/:auth_provider/update', 'src/api/auth/[actor_type]/[auth_provider]/update/route.ts:3', 'unknown'],
    ],
  },
  {
    dir: 'sveltekit',
    framework: 'sveltekit',
    routes: [
      ['GET', '/api/posts', 'src/routes/api/posts/+server.ts:4', 'unguarded'],
      ['POST', '/api/posts', 'src/routes/api/posts/+server.ts:8', 'guarded'],
      ['GET', '/api/posts/:slug', 'src/routes/api/posts/[slug=slug]/+server.ts:3', 'unguarded'],
      ['ANY', '/api/posts/:slug', 'src/routes/api/posts/[slug=slug]/+server.ts:6', 'unguarded'],
      ['GET', '/health', 'src/routes/(app)/health/+server.ts:1', 'unguarded'],
      ['GET', '/:lang?/files/:path*', 'src/routes/[[lang]]/files/[...path]/+server.ts:1', 'unguarded'],
    ],
  },
  {
    // src/hooks.server.ts: handle = sequence(timing, adminKeys, accountPages), each refusal judged by the
    // path tests it sits under and the credential test that makes it a guard.
    dir: 'sveltekit-hooks',
    framework: 'sveltekit',
    routes: [
      ['GET', '/admin/stats', 'src/routes/admin/stats/+server.ts:4', 'guarded'],
      // In OPEN_ADMIN: the key check's path test leaves it out.
      ['GET', '/admin/ping', 'src/routes/admin/ping/+server.ts:1', 'unguarded'],
      // A one-segment parameter is no word of the hook's: `/:slug/…` does not start with `/admin/`.
      ['GET', '/:slug/feed.xml', 'src/routes/[slug]/feed.xml/+server.ts:1', 'unguarded'],
      // Only `/files/private…` is refused without a session: it depends on the rest parameter.
      ['GET', '/files/:rest*', 'src/routes/files/[...rest]/+server.ts:1', 'unknown'],
      // A `spec/` folder under src/routes/ is a URL segment, not a test folder.
      ['GET', '/docs/spec', 'src/routes/docs/spec/+server.ts:1', 'unguarded'],
      // The token it checks is the one the client sent in the body: a reset link, not a guard.
      ['POST', '/reset', 'src/routes/reset/+server.ts:4', 'unguarded'],
      // accountPages redirects to /login without locals.user, past `if (!…startsWith('/account')) return`.
      ['GET', '/account/me', 'src/routes/account/me/+server.ts:1', 'guarded'],
      // Nothing on the way refuses, but the path carries a credential (guardState.ts): not known to be open.
      ['GET', '/beacon/:id/:secret', 'src/routes/beacon/[id]/[secret]/+server.ts:8', 'unknown'],
      ['POST', '/beacon/:id/:secret', 'src/routes/beacon/[id]/[secret]/+server.ts:9', 'unknown'],
    ],
  },
  {
    dir: 'astro',
    framework: 'astro',
    routes: [
      ['GET', '/api/posts.json', 'src/pages/api/posts.json.ts:3', 'unguarded'],
      ['POST', '/api/posts.json', 'src/pages/api/posts.json.ts:7', 'guarded'],
      ['GET', '/api/posts/:id', 'src/pages/api/posts/[id].ts:3', 'unguarded'],
      ['DELETE', '/api/posts/:id', 'src/pages/api/posts/[id].ts:5', 'unguarded'],
      ['GET', '/rss.xml', 'src/pages/rss.xml.js:2', 'unguarded'],
    ],
  },
  {
    // Handlers that end with the error a helper of ours gives back (`const { error } = await
    // readRequest(request); if (error) return error();`): the helper's code decides, with the call's
    // own arguments — umami's parseRequest(request, schema, { skipAuth }).
    dir: 'next-helper-checks',
    framework: 'next',
    routes: [
      // readRequest sets error = () => unauthorized() (Response.json 401) when lookupCaller finds no caller.
      ['GET', '/api/items', 'src/app/api/items/route.ts:3', 'guarded'],
      // { skipAuth: true } decides `!options?.skipAuth` against the check.
      ['POST', '/api/items', 'src/app/api/items/route.ts:14', 'unguarded'],
      // Imported under another name, the result renamed (`{ error: failed }`), { skipAuth: false }.
      ['DELETE', '/api/items/:id', 'src/app/api/items/[id]/route.ts:3', 'guarded'],
      // A helper whose only error is a 400 for everyone checks nobody.
      ['GET', '/api/config', 'src/app/api/config/route.ts:3', 'unguarded'],
      // Options we cannot read: the check may or may not run.
      ['GET', '/api/maybe', 'src/app/api/maybe/route.ts:5', 'unknown'],
      // The handler refuses itself (`if (!caller) return unauthorized()`) when a helper that reads the
      // Authorization header (one call down) gives back nothing; unauthorized() answers 401.
      ['GET', '/api/me', 'src/app/api/me/route.ts:4', 'guarded'],
      // The same refusal on a value no code of ours shows to be the caller's: unknown, never open.
      ['PUT', '/api/prefs', 'src/app/api/prefs/route.ts:3', 'unknown'],
      // Clerk's `const { userId } = await auth(); if (!userId) return 401`: a destructured identity.
      ['GET', '/api/session', 'src/app/api/session/route.ts:3', 'guarded'],
    ],
  },
  {
    // Handlers wrapped by higher-order functions of ours whose names say nothing of auth (Dub's
    // `withWorkspace(handler, { requiredPermissions })`, re-exported through `export *`): judged by their code.
    dir: 'next-wrappers',
    framework: 'next',
    routes: [
      // withWorkspace's inner function throws ApiError({ code: 'unauthorized' }) without a session.
      ['GET', '/api/links', 'app/api/links/route.ts:3', 'guarded'],
      ['POST', '/api/links', 'app/api/links/route.ts:10', 'guarded'],
      ['PATCH', '/api/links/:linkId', 'app/api/links/[linkId]/route.ts:3', 'guarded'],
      // `export const PUT = PATCH`: the same wrapped handler.
      ['PUT', '/api/links/:linkId', 'app/api/links/[linkId]/route.ts:5', 'guarded'],
      ['GET', '/api/tags', 'app/api/tags/route.ts:3', 'guarded'],
      ['GET', '/api/folders', 'app/api/folders/route.ts:8', 'guarded'],
      // A wrapper that only logs is no guard; one that reads the caller and refuses nobody we can see: unknown.
      ['GET', '/api/logs', 'app/api/logs/route.ts:3', 'unguarded'],
      ['GET', '/api/stats', 'app/api/stats/route.ts:3', 'unknown'],
      // The (old) route group: `export * from '../../../../links/route'` serves the same handlers, with their checks, at its own path.
      ['GET', '/api/projects/:slug/links', 'app/api/(old)/projects/[slug]/links/route.ts:1', 'guarded'],
      ['POST', '/api/projects/:slug/links', 'app/api/(old)/projects/[slug]/links/route.ts:1', 'guarded'],
      ['PATCH', '/api/projects/:slug/links/:linkId', 'app/api/(old)/projects/[slug]/links/[linkId]/route.ts:1', 'guarded'],
      ['PUT', '/api/projects/:slug/links/:linkId', 'app/api/(old)/projects/[slug]/links/[linkId]/route.ts:1', 'guarded'],
      ['GET', '/api/projects/:slug/tags', 'app/api/(old)/projects/[slug]/tags/route.ts:1', 'guarded'],
      // A wrapper named for the session is a guard by its name; `export const PUT = PATCH` has it too.
      ['PATCH', '/api/user', 'app/api/user/route.ts:3', 'guarded'],
      ['PUT', '/api/user', 'app/api/user/route.ts:5', 'guarded'],
      // A reset token sent in the body, read through a helper named for the body, looked up: the way in, no guard.
      ['POST', '/api/reset-password', 'app/api/reset-password/route.ts:5', 'unguarded'],
    ],
  },
  {
    // pages/api: one handler per file that every method reaches; the methods it serves are its
    // branches on req.method, each a route at its test with the guards of its own branch.
    dir: 'next-pages-methods',
    framework: 'next',
    routes: [
      // verifySession before an if / else-if on req.method: both branches behind it.
      ['GET', '/api/notes', 'pages/api/notes/index.ts:9', 'guarded'],
      ['POST', '/api/notes', 'pages/api/notes/index.ts:11', 'guarded'],
      // switch on `const { method } = req` inside a try; each case hands the request to a function of the file:
      // readNote tests verifyAccessToken's verdict and refuses nobody (optional), removeNote checks the session after
      // two early exits on input.
      ['GET', '/api/notes/:id', 'pages/api/notes/[id].ts:25', 'optional'],
      ['DELETE', '/api/notes/:id', 'pages/api/notes/[id].ts:27', 'guarded'],
      // A check inside the GET branch only; `req.method === 'PUT' || req.method === 'PATCH'` names two methods.
      ['GET', '/api/profile', 'pages/api/profile.ts:5', 'guarded'],
      ['PUT', '/api/profile', 'pages/api/profile.ts:9', 'unguarded'],
      ['PATCH', '/api/profile', 'pages/api/profile.ts:9', 'unguarded'],
      // `if (req.method !== 'POST') return 405`; a lookup of the invitation code the client sent is no guard.
      ['POST', '/api/join', 'pages/api/join.ts:5', 'unguarded'],
      // No method test: every method. A signature verified with a secret in a try whose catch ends the request.
      ['ANY', '/api/hooks/billing', 'pages/api/hooks/billing.ts:4', 'guarded'],
      // `if (!tokenMatches(req)) return res.status(401)…`: a check handed the request, refusing with 401.
      ['POST', '/api/hooks/store', 'pages/api/hooks/store.ts:6', 'guarded'],
      // `export default billingHook` imported from another file route: that route's checks (its signature).
      ['ANY', '/api/legacy-hook', 'pages/api/legacy-hook.ts:3', 'guarded'],
      // Imported from a file that is no route: its checks are not read here.
      ['ANY', '/api/lib-hook', 'pages/api/lib-hook.ts:3', 'unknown'],
      // `if (!isAllowed(req)) return 401`, where isAllowed returns true while MIRROR_HOOK_TOKEN is unset: no guard in a fresh install.
      ['POST', '/api/hooks/mirror', 'pages/api/hooks/mirror.ts:11', 'unguarded'],
      // `case 'GET': case 'HEAD':` share one body; `default` (405) is no method of its own.
      ['GET', '/api/feed', 'pages/api/feed.ts:5', 'unguarded'],
      ['HEAD', '/api/feed', 'pages/api/feed.ts:6', 'unguarded'],
      // The literal first, through `const verb = request.method`: the DELETE branch, and the rest of the handler
      // answers every other method (no 405): one more route, ANY, at the handler.
      ['DELETE', '/api/drafts', 'pages/api/drafts.ts:6', 'guarded'],
      ['ANY', '/api/drafts', 'pages/api/drafts.ts:4', 'unguarded'],
      // A token read from the query, the request refused 401 without it: the signed link's token is the credential.
      ['GET', '/api/files/view', 'pages/api/files/view.ts:6', 'guarded'],
      // A query term refused 400 when missing: bad input, no guard.
      ['ANY', '/api/files/search', 'pages/api/files/search.ts:5', 'unguarded'],
      // A password sent in the body refused 401: the sign-in itself, not a guard in front of it.
      ['POST', '/api/signin', 'pages/api/signin.ts:6', 'unguarded'],
    ],
  },
];

for (const c of CASES) {
  describe(`file routes: ${c.framework} (test/fixtures/routes/${c.dir})`, () => {
    let got: EntryPoint[] = [];
    before(async () => {
      got = (await entriesOf(path.join(ROUTES, c.dir))).filter((e) => e.kind === 'http');
    });
    it('finds exactly the expected routes', () => {
      assert.deepEqual(got.map((e) => `${e.id} ${e.file}:${e.line}`).sort(), c.routes.map(([m, p, place]) => `${m} ${p} ${place}`).sort());
    });
    for (const [method, p, place, state] of c.routes) {
      it(`${method} ${p}: ${state}, framework ${c.framework}`, () => {
        const e = got.find((x) => x.id === `${method} ${p}` && `${x.file}:${x.line}` === place);
        assert.ok(e, 'route missing');
        assert.equal(e.framework, c.framework);
        assert.equal(e.guardState, state, e.guardReason);
        assert.ok(e.guardReason && e.guardReason.length > 0);
        if (state === 'guarded') assert.ok(e.guards.some((g) => !g.optional && g.kind !== 'other' && g.reason.length > 0));
      });
    }
  });
}

describe('file routes: folders that only look like a file router', () => {
  it('a Koa server/routes/, src/pages/ without Astro and src/api/**/route.ts without Medusa yield no file routes', async () => {
    const got = (await entriesOf(path.join(ROUTES, 'lookalike'))).filter((e) => e.kind === 'http');
    assert.deepEqual(
      got.filter((e) => ['nitro', 'next', 'sveltekit', 'astro', 'medusa'].includes(e.framework ?? '')).map((e) => `${e.framework} ${e.id}`),
      [],
    );
  });
});

describe('file routes: path spelling per convention', () => {
  const table: [string, (s: string) => string | undefined, string, string | undefined][] = [
    ['sveltekit', svelteKitPath, 'blog/[slug]', '/blog/:slug'],
    ['sveltekit', svelteKitPath, '(marketing)/about', '/about'],
    ['sveltekit', svelteKitPath, 'items/[id=integer]', '/items/:id'],
    ['sveltekit', svelteKitPath, '[[lang]]/docs/[...rest]', '/:lang?/docs/:rest*'],
    ['medusa', medusaPath, 'admin/orders/[id]/items/[item_id]', '/admin/orders/:id/items/:item_id'],
    ['medusa', medusaPath, 'admin/uploads/[...]', '/admin/uploads/*'],
    ['medusa', medusaPath, 'store/_utils', undefined],
  ];
  for (const [name, fn, dir, want] of table) it(`${name}: ${dir} → ${want}`, () => assert.equal(fn(dir), want));
});

describe('file routes: request-path tests of a hook, decided per route path', () => {
  const table: [PathTest, string, boolean | undefined][] = [
    [['prefix', '/api/'], '/api/v4/items/:id', true],
    [['prefix', '/api/'], '/api', false],
    [['prefix', '/api/'], '/:page/rss.xml', false],
    [['prefix', '/files/private'], '/files/:rest*', undefined],
    [['eq', '/api/status'], '/api/status', true],
    [['eq', '/api/status'], '/api/:name', false],
    [['not', ['or', [['eq', '/a'], ['eq', '/a/']]]], '/a', false],
    [['re', '^/admin(/|$)', ''], '/admin/:id', true],
    [['re', '^/admin(/|$)', ''], '/:section/list', false],
    [['and', [['prefix', '/api/'], ['?', 'isOpen(pathname)']]], '/api/x', undefined],
  ];
  for (const [t, p, want] of table) it(`${pathTestText(t)} on ${p}: ${String(want)}`, () => assert.equal(decidePathTest(t, p), want));
});

describe('file routes: Medusa middleware matchers (Express router paths)', () => {
  const table: [string, string, boolean][] = [
    ['/store/customers/me*', '/store/customers/me', true],
    ['/store/customers/me*', '/store/customers/me/addresses/x', true],
    ['/store/customers/me*', '/store/customers', false],
    ['/admin/users/:id', '/admin/users/x', true],
    ['/admin/users/:id', '/admin/users/x/roles', false],
    ['/admin/users', '/admin/users/', true],
  ];
  for (const [matcher, p, want] of table) it(`${matcher} ${want ? 'matches' : 'does not match'} ${p}`, () => assert.equal(expressMatcher(matcher)!.test(p), want));
});

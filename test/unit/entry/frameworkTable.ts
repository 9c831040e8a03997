// Expected routes of the per-framework fixtures: [method, full path, file, line, required guards].
export type RouteRow = [method: string, path: string, file: string, line: number, guards: string[]];

export interface FrameworkCase {
  framework: string;
  dir: string;
  routes: RouteRow[];
}

export const FRAMEWORK_TABLE: FrameworkCase[] = [
  {
    framework: 'Django + DRF',
    dir: 'django',
    routes: [
      ['ANY', '/admin/*', 'mysite/urls.py', 8, ['admin.site']],
      ['ANY', '/about', 'mysite/urls.py', 11, []],
      ['ANY', '/dashboard', 'mysite/urls.py', 12, ['login_required']],
      ['GET', '/blog', 'blog/urls.py', 7, []],
      ['GET', '/blog/:pk', 'blog/urls.py', 8, []],
      ['GET', '/blog/:pk/edit', 'blog/urls.py', 9, ['LoginRequiredMixin']],
      ['POST', '/blog/:pk/edit', 'blog/urls.py', 9, ['LoginRequiredMixin']],
      ['GET', '/blog/new', 'blog/urls.py', 10, ['login_required', 'permission_required("blog.add_post")']],
      ['POST', '/blog/new', 'blog/urls.py', 10, ['login_required', 'permission_required("blog.add_post")']],
      ['GET', '/blog/feed', 'blog/urls.py', 11, []],
      ['GET', '/api/v1', 'api/urls.py', 6, ['IsAuthenticated']],
      // IsAuthenticatedOrReadOnly: reads are public, writes need a login.
      ['GET', '/api/v1/articles', 'api/urls.py', 7, []],
      ['POST', '/api/v1/articles', 'api/urls.py', 7, ['IsAuthenticatedOrReadOnly']],
      ['GET', '/api/v1/articles/:slug', 'api/urls.py', 7, []],
      ['PUT', '/api/v1/articles/:slug', 'api/urls.py', 7, ['IsAuthenticatedOrReadOnly']],
      ['PATCH', '/api/v1/articles/:slug', 'api/urls.py', 7, ['IsAuthenticatedOrReadOnly']],
      ['DELETE', '/api/v1/articles/:slug', 'api/urls.py', 7, ['IsAuthenticatedOrReadOnly']],
      ['POST', '/api/v1/articles/:slug/favorite', 'api/urls.py', 7, ['IsAuthenticated']],
      ['DELETE', '/api/v1/articles/:slug/favorite', 'api/urls.py', 7, ['IsAuthenticated']],
      ['GET', '/api/v1/articles/feed', 'api/urls.py', 7, []],
      // No permission_classes: the settings default applies.
      ['GET', '/api/v1/comments', 'api/urls.py', 8, ['IsAuthenticated']],
      ['POST', '/api/v1/comments', 'api/urls.py', 8, ['IsAuthenticated']],
      ['GET', '/api/v1/profiles/:username', 'api/urls.py', 12, []],
      ['GET', '/api/v1/health', 'api/urls.py', 13, []],
    ],
  },
  {
    // OpenAPIHono: routes from createRoute configurations handed to openapi() ({id} -> :id, the
    // route's own middleware), doc() serves the document; use('/*') after doc() and get('/') leaves
    // them open (Hono runs matched handlers in order); use('*') reaches a sub-app's root route.
    framework: 'Hono (@hono/zod-openapi, hono/factory createMiddleware)',
    dir: 'hono-openapi',
    routes: [
      ['GET', '/health', 'src/app.ts', 7, []],
      ['GET', '/api/openapi.json', 'src/api/index.ts', 9, []],
      ['GET', '/api', 'src/api/index.ts', 10, []],
      ['GET', '/api/items/:id', 'src/api/items.ts', 14, ['requireKey']],
      ['PUT', '/api/items/:id/name', 'src/api/items.ts', 18, ['requireKey']],
      // createMiddleware(fn) is fn: an arrow, shown as an inline middleware.
      ['ANY', '/hooks', 'src/hooks/index.ts', 8, ['inline middleware']],
    ],
  },
  {
    framework: 'Koa (@koa/router, nested routers, koa-jwt)',
    dir: 'koa',
    routes: [
      ['GET', '/api/health', 'src/app.js', 10, []],
      // Mounted before `api.use(jwt(...))`: only the route-level requireUser applies.
      ['GET', '/api/users', 'src/routes/users.js', 7, []],
      ['GET', '/api/users/:id', 'src/routes/users.js', 8, []],
      ['POST', '/api/users', 'src/routes/users.js', 9, ['requireUser']],
      ['DELETE', '/api/users/:id', 'src/routes/users.js', 10, ['requireUser']],
      ['GET', '/api/admin/stats', 'src/routes/admin.js', 6, ['jwt({ secret: process.env.JWT_SECRET })']],
      ['POST', '/api/admin/reindex', 'src/routes/admin.js', 7, ['jwt({ secret: process.env.JWT_SECRET })']],
    ],
  },
  {
    // URI versioning: default version, method and controller versions, arrays, VERSION_NEUTRAL, a
    // version that is not a literal; the global prefix's exclude keeps the version, not the prefix.
    // Custom decorators that apply guards with applyDecorators(UseGuards(...)) (src/auth.decorator.ts).
    framework: 'NestJS (setGlobalPrefix with exclude, enableVersioning URI, @Version, applyDecorators guards)',
    dir: 'nest-versioning',
    routes: [
      ['GET', '/api/v1/items', 'src/items.controller.ts', 8, []],
      ['GET', '/api/v2/items/:id', 'src/items.controller.ts', 11, ['AdminGuard']],
      ['POST', '/api/v1/items', 'src/items.controller.ts', 16, ["AuthGuard('jwt')"]],
      ['POST', '/api/v2/items', 'src/items.controller.ts', 16, ["AuthGuard('jwt')"]],
      // @Tagged composes metadata only.
      ['GET', '/api/items/feed', 'src/items.controller.ts', 21, []],
      // @Version(API_NEXT): a constant read from the environment, kept as written.
      ['GET', '/api/v:API_NEXT/items/next', 'src/items.controller.ts', 26, []],
      ['GET', '/api/v3/admin/stats', 'src/admin.controller.ts', 7, ["AuthGuard('jwt')"]],
      ['DELETE', '/api/admin/cache', 'src/admin.controller.ts', 10, ["AuthGuard('jwt')"]],
      ['DELETE', '/api/v4/admin/cache', 'src/admin.controller.ts', 10, ["AuthGuard('jwt')"]],
      ['GET', '/sitemap.xml', 'src/pages.controller.ts', 7, []],
      // Excluded from the prefix for GET only; the controller's version stays.
      ['GET', '/v5/health', 'src/pages.controller.ts', 11, []],
      ['POST', '/api/v5/health', 'src/pages.controller.ts', 14, ["Auth('admin')", "AuthGuard('jwt')", 'RolesGuard']],
    ],
  },
  {
    // Guard classes judged by their code, not their name (src/guards.ts, src/strategies.ts): the
    // global APP_GUARD refuses only requests that carry a header; UnauthorizedException without a
    // token, `return false` without a user and super.canActivate of AuthGuard('jwt') guard;
    // a refusal only of a signature that was given does not; AuthGuard('google') over
    // passport-google-oauth20 starts a login; a mixin whose handleRequest never throws refuses
    // nobody; a guard from a package not in the repository is unknown (nestGuards.test.ts).
    framework: 'NestJS guard classes (canActivate read by its code, passport strategies, OAuth redirects), ServeStaticModule',
    dir: 'nest-guards',
    routes: [
      ['GET', '/accounts', 'src/accounts.controller.ts', 7, []],
      ['POST', '/accounts', 'src/accounts.controller.ts', 10, ['BearerGuard']],
      ['GET', '/accounts/members', 'src/accounts.controller.ts', 14, ['OnlyMembers']],
      ['POST', '/accounts/webhook', 'src/accounts.controller.ts', 18, []],
      ['DELETE', '/accounts/:id', 'src/accounts.controller.ts', 22, ['JwtAuthGuard']],
      ['GET', '/accounts/clerk', 'src/accounts.controller.ts', 27, []],
      ['GET', '/auth/google', 'src/auth.controller.ts', 7, []],
      ['GET', '/auth/google/callback', 'src/auth.controller.ts', 11, []],
      ['GET', '/auth/me', 'src/auth.controller.ts', 15, ["AuthGuard('jwt')"]],
      // ServeStaticModule.forRoot: one route per mount, outside the guards (they apply to controllers).
      ['GET', '/*', 'src/app.module.ts', 12, []],
      ['GET', '/docs/*', 'src/app.module.ts', 13, []],
    ],
  },
  {
    framework: 'Fastify (register with prefix, preHandler, onRequest hook)',
    dir: 'fastify',
    routes: [
      ['GET', '/healthz', 'src/server.ts', 9, []],
      ['GET', '/api/articles', 'src/routes/articles.ts', 6, []],
      ['GET', '/api/articles/:slug', 'src/routes/articles.ts', 7, []],
      ['POST', '/api/articles', 'src/routes/articles.ts', 8, ['authenticate']],
      ['PUT', '/api/articles/:slug', 'src/routes/articles.ts', 9, ['authenticate']],
      ['PATCH', '/api/articles/:slug', 'src/routes/articles.ts', 9, ['authenticate']],
      ['DELETE', '/api/admin/articles/:slug', 'src/routes/admin.ts', 8, ['authenticate']],
      ['GET', '/api/admin/stats', 'src/routes/admin.ts', 9, ['authenticate']],
    ],
  },
  {
    // Route plugins wrapped by fastify-plugin that a glob loader registers (no register call names
    // them: the glob is matched against the program's files and each import()ed); one nothing
    // loads still declares its routes, at the paths written in it; @fastify/sensible's
    // reply.unauthorized()/forbidden() refuse; a decorated helper typed `this: FastifyInstance`
    // takes its arguments from `path` on, and a method list with every method is ANY.
    framework: 'Fastify (fastify-plugin route files loaded by a glob, sensible replies, a this-typed helper)',
    dir: 'fastify-plugins',
    routes: [
      // At the call that gives the decorated helper its path, not inside the helper.
      ['GET', '/about', 'src/server.ts', 14, []],
      ['POST', '/about', 'src/server.ts', 14, []],
      ['ANY', '/app/*', 'src/server.ts', 16, []],
      ['GET', '/api/health', 'src/routes/health.ts', 5, []],
      ['GET', '/metrics', 'src/extra/metrics.ts', 6, []],
      ['POST', '/api/auth/register', 'src/routes/api/register.ts', 8, []],
      ['GET', '/api/users', 'src/routes/api/users.ts', 8, ['userMiddleware']],
      ['PATCH', '/api/users/:id', 'src/routes/api/users.ts', 9, ['userMiddleware', 'adminMiddleware']],
      ['DELETE', '/api/users/:id', 'src/routes/api/users.ts', 9, ['userMiddleware', 'adminMiddleware']],
    ],
  },
  {
    framework: 'Next.js (app router, pages/api, middleware.ts matcher)',
    dir: 'nextjs',
    routes: [
      ['GET', '/api/posts', 'app/api/posts/route.ts', 5, []],
      ['POST', '/api/posts', 'app/api/posts/route.ts', 9, ['requireSession']],
      ['GET', '/api/posts/:id', 'app/api/posts/[id]/route.ts', 4, []],
      ['DELETE', '/api/posts/:id', 'app/api/posts/[id]/route.ts', 8, []],
      // (internal) is a route group: not part of the URL.
      ['GET', '/api/health', 'app/api/(internal)/health/route.ts', 1, []],
      // Guarded by middleware.ts (matcher /api/admin/:path*).
      ['GET', '/api/admin/users', 'app/api/admin/users/route.ts', 6, ['verifyAdminToken']],
      ['ANY', '/api/auth/login', 'pages/api/auth/login.ts', 4, []],
      ['ANY', '/api/me', 'pages/api/me.ts', 8, ['withAuth']],
    ],
  },
  {
    framework: 'Nitro/Nuxt (server/api, server/routes)',
    dir: 'nitro',
    routes: [
      ['GET', '/api/users', 'server/api/users/index.get.ts', 3, []],
      ['GET', '/api/users/:id', 'server/api/users/[id].get.ts', 3, []],
      ['POST', '/api/users', 'server/api/users/index.post.ts', 3, ['requireUserSession']],
      // getUserSession alone reads; the `if (!session.user) throw` after it is what rejects.
      ['DELETE', '/api/users/:id', 'server/api/users/[id].delete.ts', 3, ['getUserSession']],
      ['GET', '/api/files/:path*', 'server/api/files/[...path].get.ts', 3, []],
      ['ANY', '/healthz', 'server/routes/healthz.ts', 1, []],
      // An OAuth handler made from options with onSuccess is the sign-in, whatever its name says.
      ['GET', '/auth/github', 'server/routes/auth/github.get.ts', 2, []],
      // A magic link's token read with h3's getQuery is what the client sent: its check lets the caller in.
      ['GET', '/auth/link', 'server/routes/auth/link.get.ts', 4, []],
      ['GET', '/api/me', 'server/api/me.get.ts', 2, ['defineAuthedEventHandler']],
      // server/middleware/auth.ts throws 401 without a session user on paths under /api/admin only;
      // server/middleware/token.ts refuses nobody.
      ['GET', '/api/admin/stats', 'server/api/admin/stats.get.ts', 3, ['auth']],
    ],
  },
  {
    framework: 'Flask (blueprints, url_prefix, login_required)',
    dir: 'flask',
    routes: [
      ['GET', '/health', 'app/__init__.py', 12, []],
      // Blueprint(url_prefix="/auth") registered without one keeps its own prefix.
      ['POST', '/auth/login', 'app/auth/views.py', 9, []],
      ['POST', '/auth/logout', 'app/auth/views.py', 16, ['login_required']],
      // register_blueprint(url_prefix="/api/v1") replaces the blueprint's own "/api".
      ['GET', '/api/v1/notes', 'app/api/notes.py', 9, []],
      ['POST', '/api/v1/notes', 'app/api/notes.py', 14, ['login_required']],
      ['GET', '/api/v1/notes/:note_id', 'app/api/notes.py', 23, ['login_required']],
      ['DELETE', '/api/v1/notes/:note_id', 'app/api/notes.py', 23, ['login_required']],
      ['GET', '/api/v1/admin/notes', 'app/api/notes.py', 34, ['admin_required']],
    ],
  },
  {
    framework: 'chi (Route, Group, With)',
    dir: 'chi',
    routes: [
      ['GET', '/healthz', 'main.go', 17, []],
      ['GET', '/api/orders', 'main.go', 19, []],
      ['POST', '/api/orders', 'main.go', 20, ['RequireUser']],
      ['GET', '/api/orders/:orderID', 'main.go', 22, []],
      ['DELETE', '/api/orders/:orderID', 'main.go', 23, ['RequireUser']],
      // jwtauth.Verifier only reads the token; Authenticator is what refuses.
      ['GET', '/api/admin/stats', 'main.go', 29, ['jwtauth.Authenticator(tokenAuth)']],
    ],
  },
  {
    framework: 'echo (Group with middleware)',
    dir: 'echo',
    routes: [
      ['GET', '/ping', 'main.go', 15, []],
      ['POST', '/api/login', 'main.go', 17, []],
      ['GET', '/api/books', 'main.go', 20, []],
      ['GET', '/api/books/:id', 'main.go', 21, []],
      ['POST', '/api/admin/books', 'main.go', 24, ['echojwt.JWT([]byte("secret"))', 'handler.RequireAdmin']],
      ['DELETE', '/api/admin/books/:id', 'main.go', 25, ['echojwt.JWT([]byte("secret"))', 'handler.RequireAdmin']],
    ],
  },
  {
    framework: 'gorilla/mux (PathPrefix().Subrouter(), Use, Methods)',
    dir: 'gorilla',
    routes: [
      ['GET', '/status', 'main.go', 14, []],
      ['GET', '/api/v2/products', 'main.go', 17, []],
      ['GET', '/api/v2/products/:id', 'main.go', 18, []],
      ['POST', '/api/v2/manage/products', 'main.go', 22, ['authMiddleware']],
      ['PUT', '/api/v2/manage/products/:id', 'main.go', 23, ['authMiddleware']],
      ['PATCH', '/api/v2/manage/products/:id', 'main.go', 23, ['authMiddleware']],
    ],
  },
  {
    framework: 'net/http (Go 1.22 patterns, wrapping auth handler)',
    dir: 'nethttp',
    routes: [
      ['GET', '/healthz', 'main.go', 13, []],
      ['GET', '/items/:id', 'main.go', 14, []],
      ['POST', '/items', 'main.go', 15, ['requireAuth']],
      ['DELETE', '/items/:id', 'main.go', 16, ['requireAuth']],
      // "/static/" is a subtree pattern: every path under it.
      ['ANY', '/static/*', 'main.go', 17, []],
      ['ANY', '/metrics', 'main.go', 18, []],
    ],
  },
  {
    framework: 'Go server struct (router in a field, Route(r Router) across packages, prefix passed down, whole router wrapped, pprof import it does not serve)',
    dir: 'go-server',
    routes: [
      // requireToken wraps the whole router but lets /healthz through; basicAuth applies only when configured.
      ['GET', '/healthz', 'main.go', 28, []],
      ['GET', '/version', 'api/api.go', 19, ['requireToken(handler)']],
      ['POST', '/sign/:id', 'api/api.go', 20, ['requireToken(handler)']],
      ['GET', '/v1/version', 'api/api.go', 19, ['requireToken(handler)']],
      ['POST', '/v1/sign/:id', 'api/api.go', 20, ['requireToken(handler)']],
      ['GET', '/admin/users', 'admin/admin.go', 11, ['requireToken(handler)']],
      ['DELETE', '/admin/users/:id', 'admin/admin.go', 12, ['requireToken(handler)', 'withAdmin']],
      // import _ "net/http/pprof" registers on http.DefaultServeMux, which this server never serves (its handler is
      // the chi router): no routes (go/defaultMuxServes.ts; go-served-default-mux has the served case).
    ],
  },
  {
    framework: 'gin (engine in a struct field, groups, Use order, known and unreadable middleware, Match, static files, a chained Use)',
    dir: 'go-gin',
    routes: [
      ['POST', '/v1/login', 'main.go', 23, []],
      ['GET', '/v1/early', 'main.go', 25, []],
      ['GET', '/v1/items', 'main.go', 28, ['apiKey()']],
      ['DELETE', '/v1/items/:id', 'main.go', 29, ['apiKey()']],
      ['GET', '/v1/admin/stats', 'main.go', 32, ['gin.BasicAuth(gin.Accounts{"admin": "secret"})']],
      // authz.NewAuthorizer comes from a module that is not here: unknown (see goRoutes.test.ts).
      ['GET', '/v1/policy/rules', 'main.go', 35, []],
      // Match: one route per listed method; StaticFS/StaticFile: GET and HEAD (a folder under /*filepath).
      ['GET', '/v1/health', 'main.go', 36, []],
      ['HEAD', '/v1/health', 'main.go', 36, []],
      ['GET', '/v1/image/*', 'main.go', 37, []],
      ['HEAD', '/v1/image/*', 'main.go', 37, []],
      ['GET', '/v1/favicon.ico', 'main.go', 38, []],
      ['HEAD', '/v1/favicon.ico', 'main.go', 38, []],
      // A route chained on `Group(…).Use(mw)` is behind mw.
      ['POST', '/v1/user', 'main.go', 40, ['apiKey()']],
    ],
  },
  {
    framework: 'Huma on an echo group (a generic Register wrapper and a wrapper of it, registrars kept by init(), a helper with the name in the path, huma.Get, built-in OpenAPI/schema routes, AutoPatch, a Skipper map of public paths)',
    dir: 'go-huma',
    routes: [
      // Each operation is a route of the group humaecho.NewWithGroup is given: its middleware is theirs.
      ['GET', '/api/v2/items', 'api/items.go', 19, ['tokenAuth()']],
      ['GET', '/api/v2/items/:id', 'api/items.go', 24, ['tokenAuth()']],
      ['PUT', '/api/v2/items/:id', 'api/items.go', 25, ['tokenAuth()']],
      ['POST', '/api/v2/items', 'api/items.go', 26, ['tokenAuth()']],
      ['PUT', '/api/v2/items/:id/position', 'api/items.go', 27, ['tokenAuth()']],
      ['GET', '/api/v2/named/widgets', 'api/items.go', 35, ['tokenAuth()']],
      // tokenAuth's Skipper lets the paths of publicPaths through: no guard there.
      ['GET', '/api/v2/ping', 'api/items.go', 28, []],
      // AutoPatch: a PATCH where a path has a GET and a PUT (not /position: no GET there).
      ['PATCH', '/api/v2/items/:id', 'api/huma.go', 47, ['tokenAuth()']],
      // cfg.OpenAPIPath = "/spec", cfg.DocsPath = "" (no docs page), SchemasPath left at its default.
      ['GET', '/api/v2/spec.json', 'api/huma.go', 18, []],
      ['GET', '/api/v2/spec.yaml', 'api/huma.go', 18, ['tokenAuth()']],
      ['GET', '/api/v2/spec-3.0.json', 'api/huma.go', 18, ['tokenAuth()']],
      ['GET', '/api/v2/spec-3.0.yaml', 'api/huma.go', 18, ['tokenAuth()']],
      ['GET', '/api/v2/schemas/:schema', 'api/huma.go', 18, ['tokenAuth()']],
      ['GET', '/api/v2/ws', 'main.go', 61, ['tokenAuth()', 'requireUser']],
    ],
  },
  {
    framework: 'echo group middleware order (a group Use reaches only routes and groups added after it; the Echo\'s own Use is global)',
    dir: 'go-echo-order',
    routes: [
      ['GET', '/api/info', 'main.go', 24, []],
      ['GET', '/api/early', 'main.go', 25, []],
      ['GET', '/api/tasks', 'main.go', 27, ['requireUser']],
      ['GET', '/api/user/me', 'main.go', 29, ['requireUser']],
      // A route added later to a group made before the Use: the group copied its parent's middleware when it was made.
      // echo joins a group's prefix and the route's path as written: /api/user + s.
      ['GET', '/api/users', 'main.go', 31, ['requireUser']],
      ['GET', '/api/late', 'main.go', 32, []],
      ['GET', '/v2/first', 'main.go', 39, []],
      ['GET', '/v2/second', 'main.go', 41, ['requireUser']],
      ['GET', '/stats', 'main.go', 44, ['requireUser']],
    ],
  },
  {
    framework: 'httprouter + net/http (Handle(method, path, h), sub-muxes, StripPrefix, a guard wrapping the mux with path exemptions)',
    dir: 'go-httprouter',
    routes: [
      ['GET', '/rest/status', 'main.go', 13, ['newSessionGuard("/rest", mux)']],
      ['POST', '/rest/items/:id', 'main.go', 14, ['newSessionGuard("/rest", mux)']],
      // Mounted with Handler(GET, …) behind whenDebugging (a feature switch) and exempt from the guard.
      ['GET', '/rest/debug/heap', 'main.go', 17, []],
      ['ANY', '/files/list', 'main.go', 21, []],
      ['ANY', '/*', 'main.go', 26, []],
    ],
  },
  {
    framework: 'src/main/java/com/example/api/AX-RS (@Path on class and method, @RolesAllowed, @PermitAll)',
    dir: 'jaxrs',
    routes: [
      ['GET', '/orders', 'src/main/java/com/example/api/OrderResource.java', 22, ['@RolesAllowed("customer")']],
      ['GET', '/orders/:id', 'src/main/java/com/example/api/OrderResource.java', 27, ['@RolesAllowed("customer")']],
      ['POST', '/orders', 'src/main/java/com/example/api/OrderResource.java', 33, ['@RolesAllowed("customer")']],
      // A method-level annotation replaces the class-level one.
      ['DELETE', '/orders/:id', 'src/main/java/com/example/api/OrderResource.java', 38, ['@RolesAllowed({"admin"})']],
      ['GET', '/orders/public/count', 'src/main/java/com/example/api/OrderResource.java', 45, []],
      ['GET', '/status', 'src/main/java/com/example/api/StatusResource.java', 8, []],
      ['GET', '/status/version', 'src/main/java/com/example/api/StatusResource.java', 13, []],
    ],
  },
  {
    framework: 'FastAPI (APIRouter prefix, include_router prefix, Depends)',
    dir: 'fastapi',
    routes: [
      ['GET', '/health', 'app/main.py', 9, []],
      ['GET', '/api/items/:item_id', 'app/routers/items.py', 9, []],
      ['POST', '/api/items', 'app/routers/items.py', 14, ['Depends(get_current_user)']],
      ['DELETE', '/api/items/:item_id', 'app/routers/items.py', 19, ['Depends(get_current_user)']],
      // FastAPI's own documentation routes (defaults of FastAPI()).
      ['GET', '/openapi.json', 'app/main.py', 5, []],
      ['GET', '/docs', 'app/main.py', 5, []],
      ['GET', '/docs/oauth2-redirect', 'app/main.py', 5, []],
      ['GET', '/redoc', 'app/main.py', 5, []],
    ],
  },
  {
    framework: 'Express (trailing error handlers, regex paths, constrained params, passport, router factories)',
    dir: 'express',
    routes: [
      // passport.initialize() sets up; passport.authenticate('local') on the sign-in route is the sign-in, no guard of it.
      ['POST', '/login', 'src/app.js', 11, []],
      ['GET', '/status', 'src/app.js', 12, []],
      ['GET', '/context/:scope/:id', 'src/app.js', 13, ['needsPermission("context.read")']],
      // A regular-expression path is reported as dynamic, with its expression.
      ['GET', '/{^\\/files\\/(.+)$}', 'src/app.js', 14, ['needsPermission("files.read")']],
      ['DELETE', '/files/:name', 'src/app.js', 15, ['needsPermission("files.write")']],
      // The same strategy on a route that is no sign-in: a password asked on every call guards it.
      ['POST', '/wipe', 'src/app.js', 20, ['passport.authenticate("local")']],
      // Mounted as `admin.app()`: the router that function returns.
      ['GET', '/admin/users', 'src/admin.js', 6, ['needsPermission("admin")']],
    ],
  },
];

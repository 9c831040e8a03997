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
    ],
  },
];

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
];

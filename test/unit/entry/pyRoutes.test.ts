// Python route patterns seen in real services (issue 13, "5. Python"), one small fixture each
// under test/fixtures/routes/<pattern>/: every route's method, full path, registration place,
// guard state, required guards and framework.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROUTES = path.resolve(__dirname, '../../../../test/fixtures/routes');

type Row = [method: string, path: string, place: string, state: string, guards: string[], framework: string];

const CASES: { title: string; dir: string; routes: Row[] }[] = [
  {
    title: 'Flask: app factory, decorator factory, before_request hooks, loops, url_prefix constant',
    dir: 'flask-factory',
    routes: [
      // @api_route("/getSongs") registers the view under two paths, for GET and POST; the
      // blueprint's refusing before_request hook (authorize) guards every route of it.
      ['GET', '/rest/getSongs', 'app/api/songs.py:4', 'guarded', ['authorize'], 'flask'],
      ['POST', '/rest/getSongs', 'app/api/songs.py:4', 'guarded', ['authorize'], 'flask'],
      ['GET', '/rest/getSongs.view', 'app/api/songs.py:4', 'guarded', ['authorize'], 'flask'],
      ['POST', '/rest/getSongs.view', 'app/api/songs.py:4', 'guarded', ['authorize'], 'flask'],
      // A loop over a tuple of names: one route per name.
      ['GET', '/rest/getVideos', 'app/api/legacy.py:11', 'guarded', ['authorize'], 'flask'],
      ['GET', '/rest/getShares', 'app/api/legacy.py:11', 'guarded', ['authorize'], 'flask'],
      // login_check redirects to the login page, except for the login endpoint itself.
      ['GET', '/', 'app/web.py:12', 'guarded', ['login_check'], 'flask'],
      ['GET', '/about', 'app/web.py:17', 'guarded', ['login_check'], 'flask'],
      ['GET', '/login', 'app/web.py:22', 'unguarded', [], 'flask'],
      ['POST', '/login', 'app/web.py:22', 'unguarded', [], 'flask'],
    ],
  },
  {
    title: 'Flask: a url_value_preprocessor that refuses per URL value, credential checks, redirect exceptions, factory defaults',
    dir: 'flask-book-session',
    routes: [
      // load_book refuses (raises a redirect to sign-in) only when the rule has <book_id>, and lets
      // the shared endpoint through (`by_link = endpoint == "pages.shared"` is one way past).
      ['GET', '/signin', 'ledger/pages.py:46', 'unguarded', [], 'flask'],
      ['GET', '/:book_id/entries', 'ledger/pages.py:51', 'guarded', ['load_book'], 'flask'],
      ['POST', '/:book_id/entries', 'ledger/pages.py:51', 'guarded', ['load_book'], 'flask'],
      // 404 unless the URL's token checks out: a refusal; a 404 on a token's shape is none.
      ['GET', '/:book_id/shared/:link_token', 'ledger/pages.py:56', 'guarded', ['shared: owner != g.book.id'], 'flask'],
      ['GET', '/about/:token', 'ledger/pages.py:64', 'unguarded', [], 'flask'],
      // staff_only(skip_when=None): `staff or skipped`, skipped set only when skip_when is given: a
      // bare use is a guard; given a name, anyone adding that query argument passes.
      ['GET', '/staff', 'ledger/pages.py:71', 'guarded', ['staff_only()'], 'flask'],
      ['GET', '/new', 'ledger/pages.py:77', 'unguarded', [], 'flask'],
      ['GET', '/staff-login', 'ledger/pages.py:83', 'unguarded', [], 'flask'],
      // A magic link: the token it checks is the sign-in itself.
      ['GET', '/magic/:token', 'ledger/pages.py:88', 'unguarded', [], 'flask'],
      // HTTP Basic checked against the book's secret; a header merely present checks nothing.
      ['GET', '/api/entries', 'ledger/api.py:54', 'guarded', ['basic_auth'], 'flask'],
      ['POST', '/api/entries', 'ledger/api.py:54', 'guarded', ['basic_auth'], 'flask'],
      ['GET', '/api/ping', 'ledger/api.py:55', 'unguarded', [], 'flask'],
    ],
  },
  {
    title: "Flask: the service's own decorators and views judged by their code (identity helpers read across modules)",
    dir: 'flask-guards',
    routes: [
      // members_only calls the view only when authed() (reads the session), else redirects.
      ['GET', '/cart', 'shop/views.py:9', 'guarded', ['members_only'], 'flask'],
      ['GET', '/staff', 'shop/views.py:15', 'guarded', ['staff_area'], 'flask'],
      // auth_required lets anonymous callers through: no guard, whatever its name.
      ['GET', '/feed', 'shop/views.py:21', 'unguarded', [], 'flask'],
      // check_visibility lets everyone in while a setting says "public": depends on configuration.
      ['GET', '/catalog', 'shop/views.py:27', 'unknown', [], 'flask'],
      // during_sale_only decides by the clock (or for admins): no auth guard.
      ['GET', '/sale', 'shop/views.py:33', 'unguarded', [], 'flask'],
      // In-handler refusals of callers who fail an identity test.
      ['GET', '/admin', 'shop/views.py:39', 'guarded', ['admin: is_admin()'], 'flask'],
      ['GET', '/orders', 'shop/views.py:46', 'guarded', ['orders: authed() is False'], 'flask'],
      // Tests the identity, refuses nobody.
      ['GET', '/', 'shop/views.py:53', 'optional', [], 'flask'],
      // Signs the caller in on a sign-in path: its test of the identity is the sign-in.
      ['POST', '/login', 'shop/views.py:60', 'unguarded', [], 'flask'],
      ['GET', '/register', 'shop/views.py:68', 'unguarded', [], 'flask'],
      // Signs the new account in, elsewhere than a sign-in path: turning a signed-in caller away
      // reads the identity, anonymous served.
      ['GET', '/signup', 'shop/views.py:73', 'optional', [], 'flask'],
      ['POST', '/signup', 'shop/views.py:73', 'optional', [], 'flask'],
      // Judged per route: GET /verify/<token> returns in the token branch and never meets the
      // login redirect that /verify (token None) and POST /verify/<token> meet.
      ['GET', '/verify', 'shop/views.py:83', 'guarded', ['verify: authed() is False'], 'flask'],
      ['POST', '/verify', 'shop/views.py:83', 'guarded', ['verify: authed() is False'], 'flask'],
      ['GET', '/verify/:token', 'shop/views.py:84', 'optional', [], 'flask'],
      ['POST', '/verify/:token', 'shop/views.py:84', 'guarded', ['verify: authed() is False'], 'flask'],
      // A refusal on the POST branch guards POST only; GET reads nothing of the caller.
      ['GET', '/wishlist', 'shop/views.py:95', 'unguarded', [], 'flask'],
      ['POST', '/wishlist', 'shop/views.py:95', 'guarded', ['wishlist: not authed()'], 'flask'],
      // `if request.method == "POST" and not authed()`: the method's part says which routes meet it.
      ['GET', '/reviews', 'shop/views.py:104', 'unguarded', [], 'flask'],
      ['POST', '/reviews', 'shop/views.py:104', 'guarded', ['reviews: not authed()'], 'flask'],
    ],
  },
  {
    title: 'Flask: a decorator opening the way when a setting equals PUBLIC, judged under the default table of the service',
    dir: 'flask-setting-defaults',
    routes: [
      // DEFAULT member_visibility is Visibility.PUBLIC: the way is open to anonymous callers.
      ['GET', '/members', 'club/views.py:8', 'unguarded', [], 'flask'],
      // DEFAULT event_visibility is Visibility.PRIVATE: only the identified way is left.
      ['GET', '/events', 'club/views.py:14', 'guarded', ['check_event_visibility'], 'flask'],
      // news_visibility has no default in the table: the code does not say.
      ['GET', '/news', 'club/views.py:20', 'unknown', [], 'flask'],
    ],
  },
  {
    title: 'FastAPI: sub-app mounted with app=, routers across modules, include-level Depends, decorator applied by hand',
    dir: 'fastapi-mounts',
    routes: [
      ['GET', '/api/v1/healthcheck', 'app/api.py:15', 'unguarded', [], 'fastapi'],
      ['GET', '/api/v1/:organization/users', 'app/users.py:9', 'guarded', ['Depends(get_current_user)'], 'fastapi'],
      ['POST', '/api/v1/:organization/auth/login', 'app/users.py:14', 'unguarded', [], 'fastapi'],
      // `register = auth_router.post("/register")(register)` under a config flag.
      ['POST', '/api/v1/:organization/auth/register', 'app/users.py:24', 'unguarded', [], 'fastapi'],
      // FastAPI's own documentation routes, of the app and of the sub-app mounted at /api/v1.
      ['GET', '/openapi.json', 'app/main.py:5', 'unguarded', [], 'fastapi'],
      ['GET', '/docs', 'app/main.py:5', 'unguarded', [], 'fastapi'],
      ['GET', '/docs/oauth2-redirect', 'app/main.py:5', 'unguarded', [], 'fastapi'],
      ['GET', '/redoc', 'app/main.py:5', 'unguarded', [], 'fastapi'],
      ['GET', '/api/v1/openapi.json', 'app/main.py:6', 'unguarded', [], 'fastapi'],
      ['GET', '/api/v1/docs', 'app/main.py:6', 'unguarded', [], 'fastapi'],
      ['GET', '/api/v1/docs/oauth2-redirect', 'app/main.py:6', 'unguarded', [], 'fastapi'],
      ['GET', '/api/v1/redoc', 'app/main.py:6', 'unguarded', [], 'fastapi'],
    ],
  },
  {
    title: 'Django + DRF: include() of lists written in place, *router.urls spread, typed viewset bases, mapped and regex actions',
    dir: 'django-drf-nested',
    routes: [
      // include([...]) nested twice; the list's own path "^$" is the include's prefix.
      ['GET', '/api/search', 'core/urls.py:18', 'guarded', ['IsAuthenticated'], 'django'],
      // include((list, app_name), namespace=...): a third-party view, its methods out of sight.
      ['ANY', '/api/auth/login', 'core/urls.py:21', 'unguarded', [], 'django'],
      // No permission_classes and no DEFAULT_PERMISSION_CLASSES: DRF's AllowAny.
      ['GET', '/api/version', 'core/urls.py:23', 'unguarded', [], 'django'],
      // A package's urls module: one route for the mount, its guards out of sight.
      ['ANY', '/api/accounts/*', 'core/urls.py:24', 'unknown', [], 'django'],
      // "^$" before *router.urls: Django takes it first, DefaultRouter's API root never answers.
      ['ANY', '/api', 'core/urls.py:25', 'unguarded', [], 'django'],
      // DRF's ObtainAuthToken (the token sign-in) answers POST.
      ['POST', '/api/token', 'core/urls.py:26', 'unguarded', [], 'django'],
      // ModelViewSet[Note]: the subscript's class gives the actions.
      ['GET', '/api/notes', 'core/urls.py:10', 'guarded', ['IsAuthenticated'], 'django'],
      ['POST', '/api/notes', 'core/urls.py:10', 'guarded', ['IsAuthenticated'], 'django'],
      ['GET', '/api/notes/:pk', 'core/urls.py:10', 'guarded', ['IsAuthenticated'], 'django'],
      ['PUT', '/api/notes/:pk', 'core/urls.py:10', 'guarded', ['IsAuthenticated'], 'django'],
      ['PATCH', '/api/notes/:pk', 'core/urls.py:10', 'guarded', ['IsAuthenticated'], 'django'],
      ['DELETE', '/api/notes/:pk', 'core/urls.py:10', 'guarded', ['IsAuthenticated'], 'django'],
      // url_path is a regex; @delete_version.mapping.patch adds PATCH on the same route.
      ['DELETE', '/api/notes/:pk/versions/:version_id', 'core/urls.py:10', 'guarded', ['IsAuthenticated'], 'django'],
      ['PATCH', '/api/notes/:pk/versions/:version_id', 'core/urls.py:10', 'guarded', ['IsAuthenticated'], 'django'],
      // create overridden to answer 405: no POST /api/config.
      ['GET', '/api/config', 'core/urls.py:11', 'guarded', ['IsAuthenticated'], 'django'],
      ['GET', '/api/config/:pk', 'core/urls.py:11', 'guarded', ['IsAuthenticated'], 'django'],
      ['PUT', '/api/config/:pk', 'core/urls.py:11', 'guarded', ['IsAuthenticated'], 'django'],
      ['PATCH', '/api/config/:pk', 'core/urls.py:11', 'guarded', ['IsAuthenticated'], 'django'],
      ['DELETE', '/api/config/:pk', 'core/urls.py:11', 'guarded', ['IsAuthenticated'], 'django'],
      // An optional last segment is an optional parameter; ".*" is the catch-all.
      ['ANY', '/logo/:filename?', 'core/urls.py:31', 'unguarded', [], 'django'],
      ['GET', '/*', 'core/urls.py:32', 'guarded', ['login_required'], 'django'],
    ],
  },
  {
    title: 'Django: the root is the package, include() module strings, url() regexes, settings conditions, method_decorator',
    dir: 'django-regex',
    routes: [
      // urlpatterns = site_urls in the else branch: URL_PREFIX is '' in settings; DEBUG is False.
      ['ANY', '/', 'urls.py:12', 'unguarded', [], 'django'],
      ['ANY', '/render/local', 'render/urls.py:5', 'unguarded', [], 'django'],
      // `get_data?`: the optional letter is written; the view answers 405 to all but POST.
      ['POST', '/render/get_data', 'render/urls.py:6', 'unguarded', [], 'django'],
      // An unnamed group is named after the view parameter that receives it.
      ['ANY', '/render/:target', 'render/urls.py:7', 'unguarded', [], 'django'],
      ['ANY', '/blog', 'blog/urls.py:5', 'unguarded', [], 'django'],
      ['GET', '/blog/:pk/edit', 'blog/urls.py:6', 'guarded', ['login_required'], 'django'],
      ['POST', '/blog/:pk/edit', 'blog/urls.py:6', 'guarded', ['login_required'], 'django'],
      ['POST', '/blog/:pk/delete', 'blog/urls.py:7', 'guarded', ['login_required'], 'django'],
      // Checks in the view: refuses anonymous users itself; refuses when a helper that reads the
      // identity gives nothing (assert); reads the identity and serves anonymous users too.
      ['ANY', '/account/edit', 'account/urls.py:5', 'guarded', ['if not request.user.is_authenticated'], 'django'],
      ['ANY', '/account/mygraph', 'account/urls.py:6', 'guarded', ['getProfile(request) checked'], 'django'],
      ['ANY', '/account/header', 'account/urls.py:7', 'optional', [], 'django'],
      // The only identity read goes to a helper that returns before reading it while the
      // setting in settings.py is False: unguarded. A setting no module assigns decides nothing.
      ['ANY', '/boards/save/:name', 'boards/urls.py:5', 'unguarded', [], 'django'],
      ['ANY', '/boards/shared/:name', 'boards/urls.py:6', 'optional', [], 'django'],
      // GET in the view, the other methods handed to a function that answers POST only.
      ['GET', '/boards', 'boards/urls.py:7', 'unguarded', [], 'django'],
      ['POST', '/boards', 'boards/urls.py:7', 'unguarded', [], 'django'],
    ],
  },
  {
    title: 'Django: views that sort by method, credential checks in the view, a view module with no route word, an f-string prefix',
    dir: 'django-api-keys',
    routes: [
      // prefix = "" at module level, changed only under a setting: the path as the module starts it, kept dynamic.
      ['ANY', '/status', 'svc/urls.py:11', 'unguarded', [], 'django'],
      // `if request.method == "POST": return create_check(request)` then `return get_checks(request)`:
      // POST reaches create_check (@authorize), every other method get_checks (@authorize_read).
      ['POST', '/api/checks', 'svc/api/urls.py:6', 'guarded', ['authorize'], 'django'],
      ['ANY', '/api/checks', 'svc/api/urls.py:6', 'guarded', ['authorize_read'], 'django'],
      ['DELETE', '/api/checks/:code', 'svc/api/urls.py:7', 'guarded', ['authorize'], 'django'],
      ['ANY', '/api/checks/:code', 'svc/api/urls.py:7', 'guarded', ['authorize_read'], 'django'],
      // 403 on a header compared with a setting, and on a key from the URL that names no project.
      ['ANY', '/api/metrics', 'svc/api/urls.py:8', 'guarded', ['if key != settings.METRICS_KEY'], 'django'],
      ['ANY', '/api/export/:key', 'svc/api/urls.py:9', 'guarded', ['if project is None'], 'django'],
      // A 400 on a bad query refuses nobody; a 403 to logged-in callers is a use of the identity.
      ['ANY', '/api/lookup', 'svc/api/urls.py:10', 'unguarded', [], 'django'],
      ['ANY', '/signup', 'svc/api/urls.py:11', 'optional', [], 'django'],
      // billing/views.py names no route word (only django and login_required): still read for its decorators.
      ['ANY', '/billing', 'svc/billing/urls.py:6', 'guarded', ['login_required'], 'django'],
    ],
  },
];

for (const c of CASES) {
  describe(`python routes: ${c.title} (test/fixtures/routes/${c.dir})`, () => {
    let got: EntryPoint[] = [];
    before(async () => {
      got = (await entriesOf(path.join(ROUTES, c.dir))).filter((e) => e.kind === 'http');
    });
    it('finds exactly the expected routes', () => {
      assert.deepEqual(got.map((e) => e.id).sort(), c.routes.map(([m, p]) => `${m} ${p}`).sort());
    });
    for (const [method, p, place, state, guards, framework] of c.routes) {
      it(`${method} ${p}: ${place}, ${state} [${guards.join(', ')}], ${framework}`, () => {
        const e = got.find((x) => x.id === `${method} ${p}`);
        assert.ok(e, 'route missing');
        assert.equal(`${e.file}:${e.line}`, place);
        assert.equal(e.guardState, state, e.guardReason);
        assert.deepEqual(e.guards.filter((g) => g.kind !== 'other' && !g.optional).map((g) => g.name).sort(), [...guards].sort());
        assert.equal(e.framework, framework);
      });
    }
  });
}

describe('python routes: a refusing before_request hook carries its evidence', () => {
  it('names the refusal and where it is', async () => {
    const got = await entriesOf(path.join(ROUTES, 'flask-factory'));
    const g = got.find((e) => e.id === 'GET /rest/getSongs')?.guards.find((x) => x.name === 'authorize');
    assert.equal(g?.evidence?.how, 'raises Unauthorized');
    assert.equal(`${g?.evidence?.file}:${g?.evidence?.line}`, 'app/api/__init__.py:27');
    const web = got.find((e) => e.id === 'GET /')?.guards.find((x) => x.name === 'login_check');
    assert.equal(web?.evidence?.how, 'redirects to login');
    // set_format reads the request and refuses nothing: no guard.
    assert.ok(!got.some((e) => e.guards.some((x) => x.name === 'set_format')));
  });
});

describe('python routes: a Flask guard judged by its code carries its evidence', () => {
  it('names the refusal in the wrapper and the setting a doubt depends on', async () => {
    const got = await entriesOf(path.join(ROUTES, 'flask-guards'));
    const cart = got.find((e) => e.id === 'GET /cart')?.guards.find((x) => x.name === 'members_only');
    assert.equal(cart?.evidence?.how, 'abort(403)');
    assert.equal(`${cart?.evidence?.file}:${cart?.evidence?.line}`, 'shop/utils/decorators/__init__.py:17');
    assert.equal(got.find((e) => e.id === 'GET /staff')?.guards[0]?.kind, 'authorization');
    assert.match(got.find((e) => e.id === 'GET /catalog')?.guardReason ?? '', /^depends on v == "public": @check_visibility \(shop\/utils\/decorators\/__init__\.py:45\)/);
    assert.equal(got.find((e) => e.id === 'GET /orders')?.guards[0]?.evidence?.text, 'return redirect(url_for("views.login"))');
  });
});

describe('python routes: a decorator decided by a setting default cites the default', () => {
  it('names the DEFAULT entry that closes the way without an identity test', async () => {
    const got = await entriesOf(path.join(ROUTES, 'flask-setting-defaults'));
    const g = got.find((e) => e.id === 'GET /events')?.guards.find((x) => x.name === 'check_event_visibility');
    assert.match(g?.reason ?? '', /calls the view only when authed\(\), else abort\(403\) \(club\/utils\/decorators\.py:\d+\); the way without it is closed: v == Visibility\.PUBLIC is false under the DEFAULT event_visibility \(club\/constants\/setup\.py:5\)/);
    assert.match(got.find((e) => e.id === 'GET /news')?.guardReason ?? '', /^depends on v == Visibility\.PUBLIC: @check_news_visibility/);
  });
});

describe('python routes: a view unguarded because of a known setting says which', () => {
  it('names the helper, the condition and where the setting is assigned', async () => {
    const got = await entriesOf(path.join(ROUTES, 'django-regex'));
    const e = got.find((x) => x.id === 'ANY /boards/save/:name');
    assert.match(e?.guardReason ?? '', /permissions returns before reading the identity while not settings\.BOARD_REQUIRE_AUTHENTICATION \(boards\/views\.py:11\); BOARD_REQUIRE_AUTHENTICATION is False at settings\.py:4/);
  });
});

describe('python routes: a path read from a regex keeps the regex', () => {
  it('joins the include chain the way Django matches it', async () => {
    const got = await entriesOf(path.join(ROUTES, 'django-regex'));
    const byId = new Map(got.map((e) => [e.id, e]));
    assert.equal(byId.get('ANY /render/:target')?.pattern, '^render/(.+)$');
    assert.equal(byId.get('POST /render/get_data')?.pattern, '^render/get_data?$');
    assert.equal(byId.get('ANY /blog')?.pattern, undefined);
  });
});

describe('python routes: a Django path whose prefix is a module string stays dynamic', () => {
  it('writes the path the module starts with and keeps the expression', async () => {
    const got = await entriesOf(path.join(ROUTES, 'django-api-keys'));
    assert.equal(got.find((e) => e.id === 'ANY /status')?.dynamic?.expression, 'f"{prefix}status/"');
  });
});

describe('python routes: a DRF mapped action and a package urls module say what they are', () => {
  it('names the mapped method as the handler and the module whose guards are out of sight', async () => {
    const got = await entriesOf(path.join(ROUTES, 'django-drf-nested'));
    assert.equal(got.find((e) => e.id === 'PATCH /api/notes/:pk/versions/:version_id')?.handler, 'NoteViewSet.rename_version');
    assert.equal(got.find((e) => e.id === 'DELETE /api/notes/:pk/versions/:version_id')?.handler, 'NoteViewSet.delete_version');
    assert.match(got.find((e) => e.id === 'ANY /api/accounts/*')?.guardReason ?? '', /^allauth\.headless\.urls is a module outside the repository/);
  });
});

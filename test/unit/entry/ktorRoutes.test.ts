// Ktor's routing DSL (test/fixtures/routes/ktor-service): routes nested in route(prefix) blocks and
// in Route extension functions of other files called from routing { }, each getting the prefix and
// the authenticate blocks of the place that calls it. authenticate(…) { } guards what it encloses;
// optional = true (or AuthenticationStrategy.Optional) makes the identity optional; a Route function
// of ours that runs its lambda inside authenticate (`adminOnly { }`) guards too. Without a block,
// a check in the handler guards: a refusal (a redirect too) where the principal or a session is
// tested, or a function on the call that throws what StatusPages answers 401. A login that throws on a wrong password is no check of
// the caller. A block we cannot read (`withRole { }` of a library) and a Route function nobody calls
// are unknown. Paths written with constants (a file's private one, an object's) are evaluated, and
// type-safe routes (`get<Articles.Id> { }`, `resource<Archive> { }`) take their @Resource class's path.
// A Route function given a path piece (`listing("labels")`, `providerLogin(Provider.Google)` with
// `val slug = provider.name.lowercase()`) yields its routes once per call, with that call's value.
// Two Route functions of one name (`routes()` in two packages): a call means its own file's, else
// the one it imports, else its package's.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { textForGrammar } from '../../../src/core/parse/grammarGaps';
import { createParser } from '../../../src/core/parse/languages';

describe('routes: Ktor routing, its authenticate blocks and Route functions across files', () => {
  const routes = httpRoutesOf('ktor-service');
  itHasStates(
    routes,
    [
      ['GET /health', 'unguarded', 'Application.kt', /none refuses/],
      ['GET /api/notes', 'guarded', 'routes/NoteRoutes.kt', /authenticate\("jwt"\) \{ \}.*Application\.kt:\d+.*401/],
      ['GET /api/notes/:id', 'guarded', 'routes/NoteRoutes.kt', /authenticate\("jwt"\)/],
      ['DELETE /api/notes/:id', 'guarded', 'routes/NoteRoutes.kt', /authenticate\("jwt"\)/],
      ['POST /api/notes/:id/share', 'guarded', 'routes/NoteRoutes.kt', /authenticate\("jwt"\)/],
      ['GET /api/feed', 'optional', 'routes/PublicRoutes.kt', /optional = true/],
      ['GET /api/tags', 'optional', 'routes/PublicRoutes.kt', /AuthenticationStrategy\.Optional/],
      ['POST /api/login', 'unguarded', 'routes/PublicRoutes.kt', /none refuses/],
      ['POST /api/hooks/mail', 'guarded', 'routes/PublicRoutes.kt', /verifySignature .*AuthFailure \(StatusPages answers 401\)/],
      ['GET /api/votes', 'guarded', 'routes/PublicRoutes.kt', /check in the handler.*principal.*AuthFailure is answered 401/],
      ['GET /api/inbox', 'guarded', 'routes/PublicRoutes.kt', /check in the handler.*respondRedirect.*session/],
      ['GET /api/old-feed', 'unguarded', 'routes/PublicRoutes.kt', /none refuses/],
      ['GET /api/drafts', 'unknown', 'routes/PublicRoutes.kt', /withRole \{ \}/],
      ['GET /orphan', 'unknown', 'routes/PublicRoutes.kt', /orphanRoutes .* no routing \{ \}/],
      ['GET /api/teams/:team/members', 'unguarded', 'routes/MemberRoutes.kt', /none refuses/],
      ['GET /admin/stats', 'guarded', 'Application.kt', /authenticate\("admin", build = build\)/],
      ['GET /api/articles', 'unguarded', 'routes/ArticleRoutes.kt', /none refuses/],
      ['POST /api/articles/:id', 'guarded', 'routes/ArticleRoutes.kt', /authenticate\("jwt"\)/],
      ['GET /api/archive', 'unguarded', 'routes/ArticleRoutes.kt', /none refuses/],
      ['POST /api/login/google', 'unguarded', 'routes/LoginRoutes.kt', /none refuses/],
      ['POST /api/login/github', 'unguarded', 'routes/LoginRoutes.kt', /none refuses/],
      ['GET /api/labels', 'guarded', 'routes/LoginRoutes.kt', /authenticate\("jwt"\)/],
      ['GET /api/billing/invoices', 'guarded', 'billing/BillingRoutes.kt', /authenticate\("admin"\)/],
      ['GET /api/profile/card', 'unguarded', 'profile/Routes.kt', /none refuses/],
    ],
    (e, [, , file, reason]) => {
      assert.equal(e.file, `src/main/kotlin/org/example/notes/${file}`);
      assert.equal(e.framework, 'ktor');
      assert.match(reasonsOf(e), reason);
    },
  );
  it('a route keeps its handler lambda for the flow', () => {
    const e = routes.byId('DELETE /api/notes/:id');
    assert.equal(e.handlerLocation?.symbol, '<inline>');
    assert.deepEqual(e.handlerLocation?.range, { start: 23, end: 26 });
  });
});

describe('grammar gaps: a Ktor get/set call right after a property is a statement, not the property\'s accessor', () => {
  const cases: [title: string, src: string, fixed: boolean][] = [
    ['a get call with a path after a property', 'fun Route.r() {\n    val repo: Repo by inject()\n    get("/x") {\n        call.respond(repo.all())\n    }\n}\n', true],
    ['a get call with a lambda only', 'fun Route.r() {\n    val repo: Repo by inject()\n    get {\n        call.respond(repo.all())\n    }\n}\n', true],
    ['after a property spread over lines', 'fun Route.r() {\n    val repo: Repo = Repo(\n        db\n    )\n    get("/y") { }\n}\n', true],
    ['after another call', 'fun Route.r() {\n    val repo: Repo by inject()\n    post("/x") { }\n    get("/y") { }\n}\n', false],
    ['a real getter, indented under its property', 'class A {\n    val size: Int\n        get() = 3\n}\n', false],
    ['a real setter', 'class A {\n    var size: Int = 0\n    set(value) { field = value }\n}\n', false],
  ];
  for (const [title, src, fixed] of cases) {
    it(title, async () => {
      const out = textForGrammar('kotlin', src);
      assert.equal(out.length, src.length, 'every offset stays');
      assert.equal(out !== src, fixed);
      const parser = await createParser('kotlin');
      const tree = parser.parse(out)!;
      try {
        if (fixed) assert.equal(tree.rootNode.hasError, false);
      } finally {
        tree.delete();
        parser.delete();
      }
    });
  }
});

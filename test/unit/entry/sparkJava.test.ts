// Spark Java routes and filters (test/fixtures/routes/spark-java; sparkRoutes.ts, sparkLink.ts): controllers'
// static register(String apiPrefix) methods write their paths on the prefix a call site in another file gives
// (`NoteController.register(API_PREFIX)`), concatenated as Spark does; a before filter on `API_PREFIX + "secure/*"`
// whose code calls a check of ours halting 401 (through a helper named for halting) guards the routes it matches,
// except the OPTIONS route it lets through first; a filter that only sets headers guards nothing; a handler on a
// public path that calls a check of ours halting 403 is guarded by that check. The table below reads single texts.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { sparkFileFacts } from '../../../src/core/entry/sparkRoutes';
import { resolveSpark, sparkPatternMatches } from '../../../src/core/entry/sparkLink';
import { emptyDecls } from '../../../src/core/entry/types';

describe('routes: Spark Java register methods and before filters', () => {
  const routes = httpRoutesOf('spark-java');
  itHasStates(
    routes,
    [
      ['GET /health', 'unguarded', /none refuses/],
      ['GET /api/v1/secure/note', 'guarded', /Spark before filter .*App\.java:18.*Auth\.checkUser/, 'NoteController.getNotes'],
      ['POST /api/v1/secure/note', 'guarded', /Auth\.checkUser/, 'NoteController.createNote'],
      ['DELETE /api/v1/secure/note/:id', 'guarded', /Auth\.checkUser/, '<inline>'],
      ['OPTIONS /api/v1/secure/note', 'unguarded', /lets OPTIONS requests through/, '<inline>'],
      ['GET /api/v1/public/note', 'unguarded', /none refuses/, 'NoteController.publicNotes'],
      ['GET /api/v1/public/report/:owner', 'guarded', /check in the handler: ReportController\.sharedReport → Auth\.checkOwner halts/, 'ReportController.sharedReport'],
      ['GET /api/v1/public/report/:owner/summary', 'unguarded', /none refuses/, '<inline>'],
    ],
    (e, [, , reason, handler]) => {
      assert.equal(e.framework, 'spark');
      assert.match(reasonsOf(e), reason);
      if (handler) assert.equal(e.handler, handler);
    },
  );
});

describe('Spark Java texts', () => {
  const head = 'import static spark.Spark.*;\nclass S {\n';
  const cases: [title: string, body: string, want: Record<string, 'guarded' | 'open' | 'unknown'>][] = [
    ['a filter that halts 401 itself, on every path', 'void m() { before((req, res) -> { if (req.session().attribute("u") == null) halt(401); }); get("/a", (q, s) -> "a"); }', { 'GET /a': 'guarded' }],
    ['a halt written in a comment is no refusal', 'void m() { before((req, res) -> { /* halt(401); */ res.type("json"); }); get("/a", (q, s) -> "a"); }', { 'GET /a': 'open' }],
    ['a filter on another path guards nothing here', 'void m() { before("/admin/*", (req, res) -> halt(403)); get("/a", (q, s) -> "a"); get("/admin/x", (q, s) -> "x"); }', { 'GET /a': 'open', 'GET /admin/x': 'guarded' }],
    ['a filter calling a check named for authentication whose code is elsewhere: unknown', 'void m() { before("/*", (req, res) -> Security.authenticate(req)); get("/a", (q, s) -> "a"); }', { 'GET /a': 'unknown' }],
    ['a path group and a pattern with a parameter', 'void m() { path("/api", () -> { before("/:team/*", (req, res) -> halt(401)); get("/:team/x", (q, s) -> "x"); }); }', { 'GET /api/:team/x': 'guarded' }],
    ['a route whose path is not read, under a filter on some paths: unknown', 'void m() { before("/secure/*", (req, res) -> halt(401)); get(base() + "/x", (q, s) -> "x"); }', { 'GET /': 'unknown' }],
  ];
  for (const [title, body, want] of cases) {
    it(title, () => {
      const facts = sparkFileFacts(`${head}${body}\n}\n`, 'S.java')!;
      const decls = [{ ...emptyDecls('S.java'), routes: facts.routes }];
      resolveSpark(decls, [facts]);
      const got = Object.fromEntries(decls[0].routes.map((r) => [`${r.method} ${r.path || '/'}`, r.guards.length ? 'guarded' : r.doubt ? 'unknown' : 'open']));
      assert.deepEqual(got, want);
    });
  }

  it('reads no routes from a file that does not import spark', () => {
    assert.equal(sparkFileFacts('class S { void m() { get("/a", (q, s) -> "a"); } }', 'S.java'), undefined);
  });

  it('matches filter patterns as Spark does', () => {
    assert.ok(sparkPatternMatches('/api/secure/*', '/api/secure/x/:id'));
    assert.ok(sparkPatternMatches('/api/secure/*', '/api/secure'));
    assert.ok(sparkPatternMatches('/api/:v/x', '/api/:id/x'));
    assert.ok(!sparkPatternMatches('/api/secure/*', '/api/public/x'));
  });
});

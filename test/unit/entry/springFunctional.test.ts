// Spring functional routing (test/fixtures/routes/webflux-functional): routes a RouterFunction builds
// (`route().GET(…)`, `.nest(path(…), () -> …)`, `.path(…, b -> …)`, `RouterFunctions.route(GET(…), h)`
// `.andRoute(…)`), those of a router that is no bean mounted where a collector nests it (under a
// literal and the value the class, or its interface's default, gives: a record's string form, or one
// a static helper builds from an entity class's annotation), a computed value left dynamic; and WebFlux's `authorizeExchange` rules, where a rule handing the
// decision to an authorization manager of the service's own leaves the route unknown.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

const AT = 'src/main/java/com/example/notes/';

describe('routes: Spring functional routers (WebFlux) and authorizeExchange rules', () => {
  const svc = httpRoutesOf('webflux-functional');

  // [id, file, line, handler, state]
  const rows: [string, string, number, string, string][] = [
    ['GET /modules/core.notes/v1/notes', 'NoteModule.java', 24, 'NoteModule.list', 'unknown'],
    ['POST /modules/core.notes/v1/notes', 'NoteModule.java', 25, 'NoteModule.create', 'unknown'],
    // Nested: the builder's own path (a handler first, or "").
    ['GET /modules/core.notes/v1/notes/:id', 'NoteModule.java', 27, 'NoteModule.show', 'unknown'],
    ['DELETE /modules/core.notes/v1/notes/:id', 'NoteModule.java', 28, 'NoteModule.remove', 'unknown'],
    // Its own version (a record built of strings, read through the record's toString()).
    ['GET /modules/core.tags/v2/tags/:tag', 'TagModule.java', 15, '<inline>', 'unknown'],
    // Made by a static helper from the entity class's annotation (Label's @Kind, a constant of Areas).
    ['GET /modules/core.labels/v3/labels', 'LabelModule.java', 14, '<inline>', 'unknown'],
    ['GET /health', 'WebConfig.java', 30, '<inline>', 'unguarded'],
    ['POST /hooks/:name', 'WebConfig.java', 31, 'WebConfig.hook', 'guarded'],
  ];
  for (const [id, file, line, handler, state] of rows) {
    it(`${id}: ${handler}, ${state}`, () => {
      const e = svc.byId(id);
      assert.equal(`${e.file}:${e.line}`, `${AT}${file}:${line}`);
      assert.equal(e.handler, handler);
      assert.equal(e.guardState, state, e.guardReason);
      assert.equal(e.dynamic, undefined);
    });
  }

  it("says why a route behind the service's own authorization manager is unknown", () => {
    assert.match(svc.byId('GET /modules/core.notes/v1/notes').guardReason ?? '', /authorization manager of the service's own.*ModuleAccessManager/);
  });

  it('points a method-reference handler at its method', () => {
    const e = svc.byId('GET /modules/core.notes/v1/notes');
    assert.equal(e.handlerLocation?.symbol, 'NoteModule.list');
    assert.equal(e.handlerLocation?.range.start, 33);
  });

  it('leaves the path of a module whose version is computed dynamic, naming the expression', () => {
    const e = svc.all().find((x) => x.file === `${AT}ReportModule.java`);
    assert.ok(e, 'the report route is listed');
    assert.equal(e.method, 'GET');
    assert.match(e.dynamic?.expression ?? '', /ReportModule\.version\(\).*\/reports/);
  });

  it('lists only the routes above (no route for the collector or the bean that builds it)', () => {
    assert.deepEqual(svc.all().filter((e) => !e.dynamic).map((e) => e.id).sort(), rows.map((r) => r[0]).sort());
    assert.equal(svc.all().length, rows.length + 1);
  });
});

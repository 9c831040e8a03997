// Dropwizard's @Auth parameter (test/fixtures/routes/dropwizard-auth): Jersey resolves the caller
// before the resource method runs and answers 401 without one, so `@Auth Member member` guards
// the route; `@Auth Optional<Member>` lets anonymous callers in (optional); an application's own
// annotation that is also called Auth guards nothing. Routes sit under the url pattern the
// application sets (`environment.jersey().setUrlPattern("/api/*")`).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('routes: Dropwizard @Auth parameters', () => {
  const routes = httpRoutesOf('dropwizard-auth');
  const API = 'src/main/java/org/example/notes/api/';
  itHasStates(
    routes,
    [
      ['GET /api/notes', 'guarded', `${API}NoteResource.java`, 15],
      ['POST /api/notes/:id/share', 'guarded', `${API}NoteResource.java`, 20],
      ['GET /api/notes/public', 'optional', `${API}NoteResource.java`, 29],
      ['DELETE /api/notes/:id', 'unguarded', `${API}NoteResource.java`, 35],
      ['GET /api/ping', 'unguarded', `${API}PingResource.java`, 9],
    ],
    (e, [, state, file, line]) => {
      assert.equal(`${e.file}:${e.line}`, `${file}:${line}`);
      if (state !== 'unguarded') assert.match(reasonsOf(e), /@Auth/);
    },
  );
});

// FeathersJS (test/fixtures/routes/feathers): `app.use('/messages', service)` is one REST route per
// method the service has (an adapter's six, an object's or a class's own, Feathers 5's `methods`
// list), patch/remove also on the bare path where the adapter allows multi; guards are hooks, the
// app's registered last yet run for every service, judged per route: feathers-hooks-common's
// `disallow` takes a method off the transport (also under `when(test)` the route's context decides),
// a method that only throws NotImplemented is not served, and a hook of ours that hands back the
// context for one service path (`if (context.path === 'feedback') return context;`) is no guard there.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

type Row = [id: string, state: EntryPoint['guardState'], place: string, guard?: RegExp];

describe('routes: FeathersJS services and hooks', () => {
  const routes = httpRoutesOf('feathers');
  itHasStates<Row>(
    routes,
    [
      ['ANY /*', 'unguarded', 'src/app.js:10'],
      // feathers-swagger's document and UI under its docsPath.
      ['ANY /api-docs/*', 'unguarded', 'src/app.js:12'],
      // The authentication service: create and remove only, behind the app's hook like every write.
      ['POST /authentication', 'guarded', 'src/authentication.js:6', /authenticate\(\)/],
      ['DELETE /authentication/:__feathersId', 'guarded', 'src/authentication.js:6', /authenticate\(\)/],
      // An adapter: every method but remove (disallow('external')); multi patch on the bare path; no PUT there.
      ['GET /messages', 'guarded', 'src/services/messages.js:10', /authenticate\(['"]jwt['"]\)/],
      ['GET /messages/:__feathersId', 'guarded', 'src/services/messages.js:10', /authenticate\(['"]jwt['"]\)/],
      ['POST /messages', 'guarded', 'src/services/messages.js:10'],
      ['PUT /messages/:__feathersId', 'guarded', 'src/services/messages.js:10'],
      ['PATCH /messages/:__feathersId', 'guarded', 'src/services/messages.js:10'],
      ['PATCH /messages', 'guarded', 'src/services/messages.js:10'],
      ['GET /health', 'unguarded', 'src/services/health.js:3'],
      // The app's authenticate() returns the context for this path before authenticating.
      ['POST /feedback', 'unguarded', 'src/services/feedback.js:8'],
      // when(method !== 'remove', disallow('external')) leaves remove; find/update only throw NotImplemented.
      ['DELETE /tokens/:__feathersId', 'guarded', 'src/services/tokens.js:21', /authenticate\(\)/],
      ['GET /admin/:__feathersId', 'guarded', 'src/services/admin.js:5', /onlyInternal/],
      // feathers-blob's methods are all disallowed: only the static files are served.
      ['ANY /uploads/*', 'unguarded', 'src/services/uploads.js:7'],
      // Feathers 5: only the listed methods, around hooks.
      ['GET /notes', 'guarded', 'src/services/notes.js:19', /authenticate\(['"]jwt['"]\)/],
      ['POST /notes', 'guarded', 'src/services/notes.js:19'],
    ],
    (e, [, , place, guard]) => {
      assert.equal(`${e.file}:${e.line}`, place);
      if (guard) assert.match(reasonsOf(e), guard);
    },
  );

  it('names the service method as the handler', () => {
    assert.match(routes.byId('GET /health').handler, /health\.find|find/);
  });
});

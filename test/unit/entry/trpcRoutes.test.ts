// tRPC (test/fixtures/routes/trpc): procedures named in `t.router({ … })` answer at
// `<endpoint>/<dotted key path>` (a nested router's under `key.`, `mergeRouters` adding nothing),
// a query on GET and a mutation on POST, where the Next route file hands requests to
// `fetchRequestHandler({ endpoint, router })`. Guards are the builder's middleware
// (`t.procedure.use(mw)`, chained) that throw TRPCError UNAUTHORIZED/FORBIDDEN; a middleware that
// refuses only a caller who is there (a deleted user's mutation) guards nothing, nor does a rate
// limit; a handler that first hands `ctx.user` to a function of ours throwing UNAUTHORIZED is
// guarded by it, and one that reads `ctx.user` when present is anonymous allowed.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

type Row = [id: string, state: EntryPoint['guardState'], place: string, guard?: RegExp];

describe('routes: tRPC procedures', () => {
  const routes = httpRoutesOf('trpc');
  itHasStates<Row>(
    routes,
    [
      // The Next catch-all itself, a file route: it answers every procedure name, known or not.
      ['GET /api/trpc/:trpc', 'unguarded', 'src/app/api/trpc/[trpc]/route.ts:13'],
      ['POST /api/trpc/:trpc', 'unguarded', 'src/app/api/trpc/[trpc]/route.ts:13'],
      // publicProcedure: its middleware refuses only a caller who is there.
      ['GET /api/trpc/notes.list', 'unguarded', 'src/server/routers/notes.ts:8'],
      ['POST /api/trpc/notes.create', 'guarded', 'src/server/routers/notes.ts:11', /Login is required/],
      // A rate limit, then requireUser.
      ['POST /api/trpc/notes.draft', 'guarded', 'src/server/routers/notes.ts:16', /trpc\.ts:28/],
      // A nested router's procedures under `notes.comments.`.
      ['GET /api/trpc/notes.comments.recent', 'unguarded', 'src/server/routers/comments.ts:6'],
      ['POST /api/trpc/notes.comments.remove', 'guarded', 'src/server/routers/comments.ts:9', /resolveActor.*actor\.ts:7/],
      ['GET /api/trpc/notes.comments.mine', 'optional', 'src/server/routers/comments.ts:13', /ctx\.user/],
      // adminProcedure = protectedProcedure.use(role check): both.
      ['GET /api/trpc/admin.stats', 'guarded', 'src/server/routers/admin.ts:5', /FORBIDDEN/],
    ],
    (e, [, , place, guard]) => {
      assert.equal(`${e.file}:${e.line}`, place);
      if (guard) assert.match(reasonsOf(e), guard);
    },
  );
});

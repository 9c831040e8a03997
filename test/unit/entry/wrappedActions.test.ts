// The first hop of a route whose handler is a controller method handed to an external pipeline
// (test/fixtures/routes/express-actions): `http(api.session.add)` with `add(frame)` calls the
// method with the pipeline's own frame, so the method is the wrapped action (the flow's first
// call, `session.add`), as for a `{ query(frame) }` action object. A wrapped `(req, res)` function
// is the handler itself.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';


describe('routes: controller methods behind an external pipeline are wrapped actions', () => {
  const { byId } = httpRoutesOf('express-actions');

  const table: [id: string, symbol: string, via: string | undefined][] = [
    ['POST /session', 'add', 'session.add'],
    ['DELETE /session', 'destroy', 'session.destroy'],
    ['GET /posts', 'query', 'posts.browse'],
    ['PUT /session', 'add', 'session.add'],
    ['GET /health', '<inline>', undefined],
  ];
  for (const [id, symbol, via] of table) {
    it(`${id}: handler ${symbol}${via ? `, reached as ${via}` : ''}`, () => {
      const loc = byId(id).handlerLocation;
      assert.ok(loc, 'no handler location');
      assert.equal(loc.symbol, symbol);
      assert.equal(loc.via, via);
    });
  }
});

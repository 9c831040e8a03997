// Routers wrapped in a class hierarchy (test/fixtures/routes/express-router-class): a base class
// makes `this._router` (a function whose prototype is set to an Express router), subclasses
// register through its helper `addRoute(path, fn)` and are built at boot, held in fields and
// mounted through `router()`, which returns the inner router. Paths come from instance fields,
// constructor arguments and a library's `urlJoin`; a path part from settings the code does not
// know is `dynamic` with its expression, never dropped. A route is declared where the helper is
// called with its path.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: routers wrapped in classes', () => {
  const { all, byId } = httpRoutesOf('express-router-class');

  const expected: [id: string, file: string, line: number][] = [
    ['GET /preview/:id/:format?', 'routing/previewRouter.js', 16],
    ['POST /preview/:id/:format?', 'routing/previewRouter.js', 16],
    ['GET /news', 'routing/sectionRouter.js', 18],
    ['POST /news', 'routing/sectionRouter.js', 18],
    ['GET /news/page/:page', 'routing/sectionRouter.js', 19],
    ['GET /news/feed', 'routing/feedRouter.js', 15],
    ['POST /news/feed', 'routing/feedRouter.js', 15],
    ['GET /:slug/:format?', 'routing/pagesRouter.js', 24],
  ];
  for (const [id, file, line] of expected) {
    it(`${id} is found where the helper is called with its path (${file}:${line})`, () => {
      const e = byId(id);
      assert.equal(e.file, file);
      assert.equal(e.line, line);
    });
  }

  it('keeps the routes of a section whose path comes from settings, with a dynamic path', () => {
    const dyn = all().filter((e) => e.dynamic && e.file === 'routing/sectionRouter.js' && e.line === 18);
    assert.deepEqual(dyn.map((e) => e.method).sort(), ['GET', 'POST'], all().map((e) => e.id).join(', '));
    assert.match(dyn[0]!.dynamic!.expression, /section\.path/);
    const paged = all().filter((e) => e.dynamic && e.file === 'routing/sectionRouter.js' && e.line === 19);
    assert.deepEqual(paged.map((e) => e.method).sort(), ['GET', 'POST'], all().map((e) => e.id).join(', '));
    assert.match(paged[0]!.dynamic!.expression, /urlJoin\(section\.path, "page"/);
  });

  it('registers nothing at the helper itself, and each route once', () => {
    assert.equal(all().filter((e) => e.file === 'routing/baseRouter.js').length, 0);
    const ids = all().map((e) => `${e.id} ${e.file}:${e.line}`);
    assert.deepEqual(ids, [...new Set(ids)]);
    assert.equal(all().length, 16, ids.join(', '));
  });
});

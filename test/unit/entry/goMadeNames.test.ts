// A path segment named by a method of what a function handed in makes: a plugin struct whose func
// field returns a literal of an importer type (`p.Make().Name()` in its Register method), and a
// registration helper given such a factory (`name := factory().Name()`). Each call site's literal
// type decides the segment, through the type's own `Name()` returning a string literal:
// test/fixtures/routes/go-made-names.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go: a path segment from a method of what a handed-in function makes', () => {
  const routes = httpRoutesOf('go-made-names');
  it('one route per call site, each named by its literal type\'s Name()', () => {
    assert.deepEqual(
      routes.all().map((e) => e.id).sort(),
      [
        'DELETE /import/rss/cache',
        'DELETE /import/spreadsheet/cache',
        'GET /import/preview/rss',
        'GET /import/preview/spreadsheet',
        'GET /import/rss/status',
        'GET /import/spreadsheet/status',
        'POST /import/rss/run',
        'POST /import/spreadsheet/run',
      ],
    );
    for (const e of routes.all()) assert.equal(e.dynamic, undefined, e.id);
  });
});

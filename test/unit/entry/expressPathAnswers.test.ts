// A path-less middleware whose first statement passes on every request but one path's answers that
// path itself (test/fixtures/routes/express-path-answers): a key file matched by an anchored regular
// expression, robots.txt by a literal. One scoped to a path that passes the request on once the
// caller is known is a guard, not a route; one that always passes on is neither.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: path-less middleware that answers one path itself', () => {
  const { all, byId } = httpRoutesOf('express-path-answers');

  it('is a route at that path, besides the verb routes; the guard and the logger are not', () => {
    assert.deepEqual(all().map((e) => `${e.id} ${e.file}:${e.line}`).sort(), [
      'ANY /robots.txt app.js:29',
      'ANY /{^\\/[a-f0-9]{32}\\.txt$} app.js:28',
      'GET /health app.js:31',
    ]);
  });

  it('a regular expression is kept as written, as the dynamic expression of the path', () => {
    const e = byId('ANY /{^\\/[a-f0-9]{32}\\.txt$}');
    assert.equal(e.dynamic?.expression, '^\\/[a-f0-9]{32}\\.txt$');
    assert.equal(e.handlerLocation?.file, 'keyFile.js');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });
});

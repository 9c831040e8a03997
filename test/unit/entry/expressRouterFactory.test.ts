// A router factory called once per routes file (`require('../lib/router-async').create()`, an
// express.Router with added `getAsync` verbs), mounts through a local helper, a guard registered by a
// verb with a wildcard (`app.all('/u/*', passport.byToken)`), a guard handing a made error to `next`
// when the caller has no user, and a token compared in the handler that answers `{ error }`
// (test/fixtures/routes/express-router-factory).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { errorAnswerRefusal, REQUEST_SECRET_CONDITION } from '../../../src/core/entry/facts/refusal';

describe('routes: Express router factories, wildcard-verb guards and error answers', () => {
  const { all, byId } = httpRoutesOf('express-router-factory');

  it('gives each call of the router factory its own router: every mount serves its own file only', () => {
    assert.deepEqual(all().map((e) => e.id).sort(), ['GET /cpgs/preview/:id', 'GET /docs/*', 'GET /lists/lists', 'GET /u/users/:id', 'POST /hooks/sender/:cid', 'POST /hooks/validate', 'POST /u/need', 'POST /u/open']);
  });

  it('applies a wildcard verb whose handler is middleware to the later routes it matches, and makes no route of it', () => {
    assert.equal(byId('GET /docs/*').file, 'app.js');
    assert.equal(byId('POST /u/open').guardState, 'guarded', byId('POST /u/open').guardReason);
    assert.equal(byId('GET /lists/lists').guardState, 'unguarded', byId('GET /lists/lists').guardReason);
  });

  it('reads `next(new NotLoggedInError())` and any error made for `next` under `!req.user` as refusals', () => {
    assert.equal(byId('GET /cpgs/preview/:id').guardState, 'guarded', byId('GET /cpgs/preview/:id').guardReason);
    assert.equal(byId('POST /u/need').guardState, 'guarded', byId('POST /u/need').guardReason);
  });

  it('reads an `{ error }` answered under a test of a token from the query as a refusal, and not one under a plain field test', () => {
    assert.equal(byId('POST /hooks/sender/:cid').guardState, 'guarded', byId('POST /hooks/sender/:cid').guardReason);
    assert.equal(byId('POST /hooks/validate').guardState, 'unguarded', byId('POST /hooks/validate').guardReason);
  });

  const conds: [cond: string, secret: boolean][] = [
    ['!req.query.api_token', true],
    ['cfg.apiKey !== req.query.api_token', true],
    ["req.headers['x-api-key'] !== key", true],
    ['!req.body.email', false],
    ['!token', false],
  ];
  for (const [cond, secret] of conds) {
    it(`${secret ? 'tests' : 'does not test'} a credential the request brings: ${cond}`, () => {
      assert.equal(REQUEST_SECRET_CONDITION.test(cond), secret);
    });
  }
  it('takes only an answer whose body names an error', () => {
    assert.ok(errorAnswerRefusal('res.json', ["{ error: 'invalid api_token value' }"], 1));
    assert.equal(errorAnswerRefusal('res.json', ['{ data: [] }'], 1), undefined);
    assert.equal(errorAnswerRefusal('log.error', ["{ error: 'x' }"], 1), undefined);
    // A status of its own says which error: a validation's 400 refuses nobody, a 401 does (hemmelig's download).
    assert.equal(errorAnswerRefusal('reply.code(400).send', ["{ error: 'Not a valid secret id' }"], 1), undefined);
    assert.ok(errorAnswerRefusal('res.status(401).json', ["{ error: 'bad token' }"], 1));
  });
});

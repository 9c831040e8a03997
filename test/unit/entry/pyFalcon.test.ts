// Falcon (test/fixtures/routes/falcon): one route per `on_<method>` responder of the resource an
// `add_route` mounts (`suffix="item"`: the `on_<method>_item` ones); route tables a function of
// another module returns, iterated into add_route under the prefixes of an outer list; a table
// added under `if conf.admin_mode:` left out while that oslo.config option defaults to False, a row
// under `if conf.public_ping:` (default True) kept; a WSGI wrapper put around the app under an `if` whose
// options default off (`if conf.auth_strategy:`, a StrOpt defaulting to '') is not there. Guards: nothing here refuses, but a responder's
// decorator, the app's middleware and an app built in another file are not judged: unknown; only a
// bare app its own file creates, with undecorated responders (its own or its bases'), is unguarded.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';
import { osloBools } from '../../../src/core/entry/python/osloOptions';
import { createParser } from '../../../src/core/parse/languages';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/falcon');
const V1 = 'app/wsgi/v1/__init__.py';
const SIMPLE = 'app/simple.py';

const ROUTES: PyRouteRow[] = [
  ['GET', '/', 'app/wsgi/driver.py:21', 'unknown', [], 'app/wsgi/version.py Resource.on_get 2'],
  ['GET', '/v1/queues', `${V1}:7`, 'unknown', [], 'app/wsgi/v1/queues.py CollectionResource.on_get 9'],
  ['GET', '/v1/queues/:queue_name', `${V1}:8`, 'unknown', []],
  ['PUT', '/v1/queues/:queue_name', `${V1}:8`, 'unknown', []],
  ['GET', '/v1/ping', `${V1}:11`, 'unknown', []],
  ['HEAD', '/v1/ping', `${V1}:11`, 'unknown', []],
  ['GET', '/things', `${SIMPLE}:17`, 'unguarded', [], `${SIMPLE} ThingsResource.on_get 5`],
  ['POST', '/things', `${SIMPLE}:17`, 'unguarded', []],
  ['GET', '/things/:thing_id', `${SIMPLE}:18`, 'unguarded', [], `${SIMPLE} ThingsResource.on_get_item 11`],
  ['DELETE', '/other', 'app/elsewhere.py:7', 'unknown', []],
  // Responders inherited from a base class; a class decorator (`@falcon.before(hook)`) is not judged.
  ['GET', '/notes', 'app/hooked.py:25', 'unguarded', [], 'app/hooked.py BaseCollection.on_get 10'],
  ['POST', '/notes', 'app/hooked.py:25', 'unguarded', []],
  ['GET', '/secrets', 'app/hooked.py:26', 'unknown', []],
  // An app wrapped by a call kept as the WSGI application, and one given add_middleware.
  ['GET', '/items', 'app/wrapped.py:17', 'unknown', []],
  ['GET', '/docs', 'app/wrapped.py:22', 'unknown', []],
  // WSGI wrappers put around the app only under options off by default (a StrOpt defaulting to '', an `and`
  // with a BoolOpt defaulting to False) are not there on a fresh install; one under an option on by default
  // (a ListOpt of ['*']) or in the else of an off test is, and is not judged.
  ['GET', '/status', 'app/gated.py:16', 'unguarded', []],
  ['GET', '/board', 'app/gated_on.py:16', 'unknown', []],
];

describe('python routes: Falcon resources, route tables and add_route (test/fixtures/routes/falcon)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'falcon' });
  it('says why a route behind middleware or a decorator is unknown', () => {
    const q = found().find((x) => x.id === 'GET /v1/queues');
    assert.match(q?.guardReason ?? '', /acl\.enforce/);
    assert.match(q?.guardReason ?? '', /middleware/);
    assert.match(found().find((x) => x.id === 'DELETE /other')?.guardReason ?? '', /built elsewhere/);
    const board = found().find((x) => x.id === 'GET /board')?.guardReason ?? '';
    assert.match(board, /cors\.install\(app, CONF\.cors_origins\)/);
    assert.match(board, /enforce\(app\)/);
  });
  it('reads oslo.config defaults as an `if` tests them', async () => {
    const parser = await createParser('python');
    try {
      const src = [
        "a = cfg.BoolOpt('a', default=True)",
        "b = cfg.StrOpt('b', default='')",
        "c = cfg.StrOpt('c')",
        "d = cfg.StrOpt('d', default='keystone')",
        "e = cfg.StrOpt('e', default=DEFAULT_E)",
        "f = cfg.ListOpt('f', default=[])",
        "g = cfg.BoolOpt('g')",
      ].join('\n');
      const got = Object.entries(osloBools(parser.parse(src)!.rootNode) ?? {}).map(([k, v]) => [k, v.value]);
      assert.deepEqual(got, [['a', true], ['b', false], ['c', false], ['d', true], ['f', false]]);
    } finally {
      parser.delete();
    }
  });
});

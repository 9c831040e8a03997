// Falcon the OpenStack way (test/fixtures/routes/falcon-openstack, after zaqar): responders under
// `@acl.enforce("things:get")`, an oslo.policy decorator of ours, whose rule defaults in code
// (`DocumentedRuleDefault(name=THINGS % 'get', check_str=base.UNPROTECTED)`) decide — '' or '@' lets
// everyone in, 'role:admin' is a guard, a rule with no default stays unknown; a logging class
// decorator passes the call on; Falcon middleware running hooks that only validate (400/406) or check
// a signature only when one is sent, and WSGI wrappers of ours that hand the request to the app itself
// under the default settings (keystone's auth_token installed only under `if conf.auth_strategy:`),
// refuse no one. A hook raising 401 and a wrapper answering 401 itself leave their routes unknown.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/falcon-openstack');
const D = 'svc/driver.py';

const ROUTES: PyRouteRow[] = [
  ['GET', '/things', `${D}:41`, 'unguarded', []],
  ['POST', '/things', `${D}:41`, 'guarded', ["@acl.enforce('things:create')"]],
  ['HEAD', '/things', `${D}:41`, 'unguarded', []],
  ['GET', '/odd', `${D}:42`, 'unknown', []],
  ['DELETE', '/odd', `${D}:42`, 'unknown', []],
  ['GET', '/strict/ping', 'svc/strict.py:13', 'unknown', []],
  ['GET', '/gate/board', 'svc/gate.py:13', 'unknown', []],
  ['GET', '/checked/profile', 'svc/checked.py:13', 'unknown', []],
];

describe('python routes: Falcon with oslo.policy, hooks and WSGI wrappers (test/fixtures/routes/falcon-openstack)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'falcon' });
  const byId = (id: string) => {
    const e = found().find((x) => x.id === id);
    assert.ok(e, id);
    return e;
  };
  it('says which rule default opened a route and which wrappers refuse no one', () => {
    const r = byId('GET /things').guardReason ?? '';
    assert.match(r, /things:get defaults to ''/);
    assert.match(r, /SwitchAuth\(…\).*install_cors\(…\).*refuse no one/);
    assert.match(byId('HEAD /things').guardReason ?? '', /things:open defaults to '@'/);
  });
  it('names the rule and its default on a guarded route', () => {
    const e = byId('POST /things');
    assert.match(e.guards.map((g) => g.reason).join(' | '), /things:create, default 'role:admin' \(svc\/policies\/things\.py:14\)/);
  });
  it('keeps the doubt of what it could not judge', () => {
    assert.match(byId('GET /odd').guardReason ?? '', /acl\.enforce\('odd:get'\)/);
    assert.match(byId('DELETE /odd').guardReason ?? '', /decorators\.checked/);
    assert.match(byId('GET /strict/ping').guardReason ?? '', /falcon\.App\(before=/);
    assert.match(byId('GET /gate/board').guardReason ?? '', /Gatekeeper/);
    assert.match(byId('GET /checked/profile').guardReason ?? '', /falcon\.App\(before=/);
  });
});

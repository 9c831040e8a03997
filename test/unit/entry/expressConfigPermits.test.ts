// A permission check whose outcome is read from configuration (test/fixtures/routes/express-config-permits):
// `allow(auth)(action)` hands the caller to `auth['allow_' + action]`, which decides by the rule of
// `this.config.packages` the package matches. The configuration a fresh install runs with is a YAML
// file shipped beside the code and read by a path fixed in it: its rules decide the route — every
// rule lets `$all` in → anonymous callers go on (optional); none does → guarded; rules that differ
// by package, or a setting the file does not hold → unknown, "depends on configuration". Which
// groups let an anonymous caller in is read from the code that makes its identity.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';


describe('routes: permission checks decided by the default configuration (Express)', () => {
  const routes = httpRoutesOf('express-config-permits');
  const expected: [string, EntryPoint['guardState'], RegExp][] = [
    // The groups an anonymous caller is in are the code's own (createAnonymousUser, run).
    ['GET /pkg/:name', 'optional', /allow_access .*decides by config\.packages.*lets anonymous callers through \(src\/conf\/default\.yaml:5: '@\*\/\*' access: \$all; '\*\*' access: \$all\); an anonymous caller is in \$all \$anonymous \(createAnonymousUser \(src\/auth\.js:6\)\)/],
    ['GET /readme/:name', 'optional', /src\/conf\/default\.yaml:5/],
    ['PUT /pkg/:name', 'guarded', /allow_publish .*asks for a signed-in caller or a group \(src\/conf\/default\.yaml:6/],
    ['DELETE /pkg/:name', 'unknown', /depends on configuration: .*allow_manage.*differ by package/],
    ['GET /pkg/:name/audit', 'unknown', /depends on configuration: .*allow_audit.*config\.audits.*no configuration the code reads sets audits/],
  ];
  itHasStates(routes, expected, (e, [, , why]) => assert.match(reasonsOf(e), why));
});

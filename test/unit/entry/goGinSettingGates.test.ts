// gin middleware whose refusals are not checks of the caller, or wait for a stored setting
// (test/fixtures/routes/go-gin-setting-gates, after apache/answer): a 403 under a test of what a
// call given nothing of the request answers (an installed plugin's switch) refuses every caller
// alike — no guard; a 401 reached only past `if !mustLogin { ctx.Next(); return }`, mustLogin read
// from the stored site settings, depends on configuration — unknown; a refusal before that pass,
// or a middleware testing what the caller sends, stays a guard. A handler's 403 for a mailed code,
// tested on a request struct made empty (`req := &UserVerifyEmailReq{}`), is no credential check by
// its type's name. The paths join a parameter's
// configuration field (`uiConf.APIBaseURL`, tagged `yaml:"api_base_url"`, the struct held by
// `AllConfig.UI` tagged `yaml:"ui"`) read from the shipped configs/config.yaml.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('gin middleware gated by process state or stored settings: test/fixtures/routes/go-gin-setting-gates', () => {
  const routes = httpRoutesOf('go-gin-setting-gates');
  itHasStates(routes, [
    ['POST /api/login', 'unguarded'],
    ['POST /api/register', 'unguarded'],
    ['GET /api/whoami', 'guarded'],
    ['POST /api/email/verification', 'unguarded'],
    ['GET /api/questions', 'unknown'],
    ['POST /api/questions', 'guarded'],
    ['GET /admin/users', 'guarded'],
    ['GET /m/ping', 'unguarded'],
    ['GET /theme', 'unguarded'],
  ]);
  it('reads the prefixes from the configuration file the structs are filled from', () => {
    for (const id of ['POST /api/login', 'GET /admin/users', 'GET /m/ping']) assert.equal(routes.byId(id).dynamic, undefined, id);
  });
  it('says which stored setting the refusal waits for', () => {
    assert.match(routes.byId('GET /api/questions').guardReason ?? '', /EjectUnlessPublic.*only while a stored setting requires it.*!mustLogin/);
  });
});

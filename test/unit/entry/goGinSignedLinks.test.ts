// gin middleware and handlers written like alist's (test/fixtures/routes/go-gin-signed-links): a
// download middleware that verifies the link's signature (`err := links.Verify(p, s); if err != nil {
// common.ErrorResp(c, err, 401) }`) refuses with the service's own 401, a guard even though the
// verification's words are only a signature's; a handler refusing 403 while a sign-in method's switch,
// read into a local (`enabled := settings.GetBool(settings.PasskeyLoginEnabled)`), is off refuses every
// caller alike — no credential check by the switch's name.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('gin signed links and sign-in switches: test/fixtures/routes/go-gin-signed-links', () => {
  const routes = httpRoutesOf('go-gin-signed-links');
  itHasStates(routes, [
    ['GET /d/*', 'guarded'],
    ['GET /passkey/begin', 'unguarded'],
  ]);
  it('names the signature check as the refusal', () => {
    assert.match(routes.byId('GET /d/*').guardReason ?? '', /mw\.Down .*links\.go:17/);
  });
});

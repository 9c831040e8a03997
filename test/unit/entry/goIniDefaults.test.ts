// go-ini settings (src/core/entry/go/iniDefaults.ts): the INI file a Go program loads first, found
// through the package its loading call names, and each mapped section's keys in any of go-ini's
// spellings. The route-level behaviour is in goMacaron.test.ts (the go-macaron-app fixture).
import * as assert from 'node:assert/strict';
import { iniDefaults, iniName, parseIni } from '../../../src/core/entry/go/iniDefaults';

const reader = (files: Record<string, string>) => async (rel: string): Promise<string | undefined> => files[rel];

describe('go-ini defaults', () => {
  it('reads sections and keys case- and underscore-blind, quotes and comments aside', () => {
    const ini = parseIni('; top\nAPP_NAME = "Shop"\n[Auth]\n# comment\nREQUIRE_SIGNIN_VIEW = false\nmax_tries: 3\n');
    assert.equal(ini.get('')?.get(iniName('AppName')), 'Shop');
    assert.equal(ini.get('auth')?.get(iniName('RequireSigninView')), 'false');
    assert.equal(ini.get('auth')?.get(iniName('MaxTries')), '3');
  });
  it('maps a section onto its variable from the file in the folder of the package the load names', async () => {
    const stamped: string[] = [];
    const got = await iniDefaults(
      [{ maps: [{ section: 'auth', target: 'internal/conf#Auth' }] }, { files: [{ name: 'app.ini', dir: 'conf' }] }],
      reader({ 'conf/app.ini': '[auth]\nREQUIRE_SIGNIN_VIEW = true\n', 'app.ini': '[auth]\nREQUIRE_SIGNIN_VIEW = false\n' }),
      (file) => stamped.push(file),
    );
    assert.deepEqual(stamped, ['conf/app.ini']);
    assert.equal(got.get('internal/conf#Auth.requiresigninview'), 'true');
  });
  it('places a package with no Go file we map by its import path under the module go.mod declares', async () => {
    const got = await iniDefaults(
      [{ maps: [{ section: 'auth', target: 'internal/conf#Auth' }], files: [{ name: 'app.ini', pkg: 'gogs.io/gogs/conf' }] }],
      reader({ 'go.mod': 'module gogs.io/gogs\n\ngo 1.22\n', 'conf/app.ini': '[auth]\nREQUIRE_SIGNIN_VIEW = false\n' }),
    );
    assert.equal(got.get('internal/conf#Auth.requiresigninview'), 'false');
  });
  it('reads a path a loader opens from the root, never a file embedded in a package outside the module', async () => {
    const maps = { maps: [{ section: 'auth', target: 'c#Auth' }] };
    const files = { 'go.mod': 'module example.com/app\n', 'app.ini': '[auth]\nX = 1\n', 'conf/app.ini': '[auth]\nX = 2\n' };
    const loaded = await iniDefaults([maps, { files: [{ name: 'conf/app.ini' }] }], reader(files));
    assert.equal(loaded.get('c#Auth.x'), '2');
    const foreign = await iniDefaults([maps, { files: [{ name: 'app.ini', pkg: 'github.com/other/lib' }] }], reader(files));
    assert.equal(foreign.size, 0);
  });
  it('takes nothing when two loads find different files, or the file is not there', async () => {
    const maps = { maps: [{ section: 'auth', target: 'c#Auth' }] };
    const two = await iniDefaults([maps, { files: [{ name: 'a.ini', dir: '' }, { name: 'b.ini', dir: '' }] }], reader({ 'a.ini': '[auth]\nX = 1\n', 'b.ini': '[auth]\nX = 2\n' }));
    assert.equal(two.size, 0);
    const stamped: string[] = [];
    const none = await iniDefaults([maps, { files: [{ name: 'app.ini', dir: 'conf' }] }], reader({}), (file) => stamped.push(file));
    assert.equal(none.size, 0);
    assert.deepEqual(stamped, []);
  });
});

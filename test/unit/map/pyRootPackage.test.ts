// A folder that is itself the top Python package (a Debian dist-packages/<pkg>/), whose code
// imports itself by the package's name: the map learns that name from the imports and resolves
// `name.a.b` as a/b, while a third-party package's lookalike submodules stay external.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { MapSession } from '../../../src/core/map/mapSession';
import { FIXTURES, importOf, makeRepo } from './helpers';

/** A root package imported as `svc`: api.py imports each of `subs` (root modules) as `svc.<sub>`. */
function svcRepo(subs: string[], opts: { init?: boolean; gone?: boolean } = {}): Record<string, string> {
  const lines = subs.map((s) => `from svc.${s} import run_${s}`);
  if (opts.gone) lines.push('from svc.gone import nothing');
  const files: Record<string, string> = { 'api.py': lines.join('\n') + '\n' };
  if (opts.init !== false) files['__init__.py'] = '';
  for (const s of subs) files[`${s}.py`] = `def run_${s}():\n    pass\n`;
  return files;
}

describe('map: a root that is itself the top Python package, imported by its own name', () => {
  it('resolves `storefront.a.b` as a/b in the fixture, and `from storefront import views` as views.py', async () => {
    const map = await buildMap({ root: path.join(FIXTURES, 'flows', 'root-package'), cache: false, workers: 0 });
    assert.equal(importOf(map, 'orders/views.py', 'storefront.user_util').resolved, 'user_util.py');
    assert.equal(importOf(map, 'orders/views.py', 'storefront.orders.store').resolved, 'orders/store.py');
    assert.equal(importOf(map, 'account/views.py', 'storefront.utils').resolved, 'utils.py');
    assert.equal(importOf(map, 'user_util.py', 'storefront.account.models').resolved, 'account/models.py');
    assert.equal(importOf(map, 'orders/urls.py', 'storefront.orders').resolved, 'orders/views.py');
    assert.equal(importOf(map, 'urls.py', 'storefront').resolved, 'views.py');
  });

  it("leaves a third-party package's submodules external although the root has files of their names", async () => {
    const map = await buildMap({ root: path.join(FIXTURES, 'flows', 'root-package'), cache: false, workers: 0 });
    // urls.py, views.py and utils.py are the root's own; django.urls, .views and .utils are not them.
    for (const [file, spec] of [
      ['orders/urls.py', 'django.urls'],
      ['urls.py', 'django.urls'],
      ['orders/views.py', 'django.views'],
      ['orders/views.py', 'django.utils'],
      ['orders/views.py', 'django.http'],
    ]) {
      const i = importOf(map, file, spec);
      assert.equal(i.kind, 'external', `${spec} in ${file}: ${JSON.stringify(i)}`);
    }
  });

  it('takes no third-party package for the root: most of its imports name nothing here', async () => {
    // The root imports itself relatively only; django.urls, .views and .utils match root files.
    const root = makeRepo({
      '__init__.py': '',
      'urls.py': 'from django.urls import path\nfrom . import views\nurlpatterns = [path("", views.home)]\n',
      'views.py': 'from django.http import HttpResponse\nfrom django.views import View\nfrom .utils import greet\n\ndef home(request):\n    return HttpResponse(greet())\n',
      'utils.py': 'from django.utils import timezone\nfrom django.conf import settings\n\ndef greet():\n    return str(timezone.now())\n',
      'models.py': 'from django.db import models\n',
    });
    const map = await buildMap({ root, cache: false, workers: 0 });
    assert.equal(importOf(map, 'urls.py', 'django.urls').kind, 'external');
    assert.equal(importOf(map, 'views.py', 'django.views').kind, 'external');
    assert.equal(importOf(map, 'utils.py', 'django.utils').kind, 'external');
    assert.equal(importOf(map, 'views.py', '.utils').resolved, 'utils.py');
  });

  it('a missing module of the root package is unresolved (ours, not found), not external', async () => {
    // Nine of ten imports name root modules: nearly all (an optional local_settings is often missing).
    const subs = ['db', 'auth', 'mail', 'cache', 'users', 'orders', 'billing', 'search', 'audit'];
    const map = await buildMap({ root: makeRepo(svcRepo(subs, { gone: true })), cache: false, workers: 0 });
    assert.equal(importOf(map, 'api.py', 'svc.db').resolved, 'db.py');
    assert.equal(importOf(map, 'api.py', 'svc.mail').resolved, 'mail.py');
    assert.equal(importOf(map, 'api.py', 'svc.gone').kind, 'unresolved');
  });

  it('learns no name from two submodules (a coincidence of names), nor when the root is no package', async () => {
    const few = await buildMap({ root: makeRepo(svcRepo(['db', 'auth'])), cache: false, workers: 0 });
    assert.equal(importOf(few, 'api.py', 'svc.db').kind, 'external');
    const three = await buildMap({ root: makeRepo(svcRepo(['db', 'auth', 'mail'])), cache: false, workers: 0 });
    assert.equal(importOf(three, 'api.py', 'svc.db').resolved, 'db.py', 'three are enough');
    const noInit = await buildMap({ root: makeRepo(svcRepo(['db', 'auth', 'mail'], { init: false })), cache: false, workers: 0 });
    assert.equal(importOf(noInit, 'api.py', 'svc.db').kind, 'external');
  });

  it('an edit that changes what the imports say re-resolves the files that did not change', async () => {
    const root = makeRepo({ ...svcRepo(['db', 'auth']), 'jobs.py': 'from svc.db import run_db\n' });
    const session = new MapSession({ root, cache: false, workers: 0 });
    try {
      const before = await session.build();
      assert.equal(importOf(before, 'jobs.py', 'svc.db').kind, 'external');
      fs.writeFileSync(path.join(root, 'api.py'), 'from svc.db import run_db\nfrom svc.auth import run_auth\nfrom svc.jobs import run_db\n');
      const after = await session.update(['api.py']);
      assert.equal(after.stats.filesParsed, 1);
      assert.equal(importOf(after, 'jobs.py', 'svc.db').resolved, 'db.py');
      assert.deepEqual(after.files.find((f) => f.path === 'jobs.py')!.imports, ['db.py']);
    } finally {
      session.dispose();
    }
  });
});

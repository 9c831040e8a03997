// One program holding its setup and its server (test/fixtures/routes/express-setup-branch): a
// commander `setup` subcommand writes the operator's answers into the nconf store the server reads
// (`overrides({ url })`), a maintenance script run as `… install` or with an `--upgrade` flag
// stores where the admin API goes, and a yargs `migrate` command where the reports now live. The routes belong to the server's start, so what only the setup
// ways write is not the server's default: the paths are the fresh install's, naming the setting
// they depend on, and a path the code gives no fallback for stays dynamic.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: settings written only when the program is started for setup are not the server’s', () => {
  const { all, byId } = httpRoutesOf('express-setup-branch');

  it('mounts at the fallback of a base path only the setup subcommand’s answers would give', () => {
    const r = byId('GET /status');
    assert.equal(r.dynamic, undefined);
    assert.equal(r.pathDependsOn, 'base_path: not set by default (src/server.js:13)');
  });

  it('keeps what the server’s own way writes, though the setup way ran the same function first', () => {
    assert.match(byId('GET /api/v1/items').pathDependsOn ?? '', /api_root: not set by default \(src\/config\.js:9\)/);
  });

  it('ignores what a script writes when started with an install argument or an upgrade flag', () => {
    const r = byId('GET /admin/stats');
    assert.equal(r.dynamic, undefined);
    assert.equal(r.pathDependsOn, 'admin_mount: not set by default (src/server.js:17)');
  });

  it('ignores what a yargs setup-like command’s handler writes', () => {
    const r = byId('GET /reports/latest');
    assert.equal(r.dynamic, undefined);
    assert.equal(r.pathDependsOn, 'reports_mount: not set by default (src/server.js:21)');
  });

  it('leaves a path built from the unset setting with no fallback dynamic', () => {
    const dyn = all().filter((e) => e.dynamic);
    assert.deepEqual(dyn.map((e) => e.line), [24]);
    assert.match(dyn[0]?.dynamic?.expression ?? '', /base_path/);
    assert.equal(dyn[0]?.pathDependsOn, undefined);
  });

  it('finds every route', () => {
    assert.equal(all().length, 5);
  });
});

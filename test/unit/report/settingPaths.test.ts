// A route whose path holds a setting evaluated at its default (test/fixtures/routes/
// fastify-config-defaults): the report keeps which setting and default, beside the routes it
// could not resolve, so a leader matching a log line or a pen-test finding knows the path may
// differ in their deployment. The CLI and the Entry Points tooltip say the same.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { newDive } from '../../../src/core/dive/ops';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import type { ReportData } from '../../../src/core/report/types';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/routes/fastify-config-defaults');

describe('report: paths that depend on a setting', function () {
  this.timeout(60_000);
  let root: string;
  let r: ReportData;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-setting-paths-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    const dive = newDive({ title: 'Files', include: ['src/**'], now: new Date('2025-01-03T09:00:00Z') });
    r = await buildReport(root, dive, { trusted: true, noCache: true, now: new Date('2025-01-10T12:00:00Z') });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps the setting and its default on the route, and only there', () => {
    const u = r.entries.find((e) => e.method === 'GET' && e.path === '/u/:id');
    assert.equal(u?.pathDependsOn, 'files.route: the default "/u" (src/lib/config/validate.ts:9)');
    assert.equal(r.entries.find((e) => e.method === 'GET' && e.path === '/')?.pathDependsOn, undefined);
    assert.equal(r.entries.filter((e) => e.pathDependsOn).length, 2, r.entries.map((e) => e.id).join(', '));
  });

  it('lists it with the routes the analysis could not resolve, in Markdown and HTML', async () => {
    const md = await renderReport(r, 'md');
    assert.match(md, /#### What the route analysis could not resolve or took from defaults/);
    // Markdown escapes the brackets.
    assert.match(md, /GET \/u\/:id \\\(src\/server\/index\.ts:11\\\): path under default settings, files\.route: the default "\/u"/);
    const html = await renderReport(r, 'html');
    assert.match(html, /path under default settings, files\.route: the default &quot;\/u&quot;/);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReport } from '../../../src/core/report/buildReport';
import { compareReports, parsePreviousReport } from '../../../src/core/report/compare';
import { renderReport, withComparison } from '../../../src/core/report/render';
import type { ReportData } from '../../../src/core/report/types';
import { makeSample, type Sample } from './fixture';

describe('report: compare with an earlier report', function () {
  this.timeout(60_000);
  let s: Sample;
  let earlier: ReportData;
  let now: ReportData;
  before(async () => {
      s = makeSample();
      const opts = { trusted: false, noCache: true, now: new Date('2025-01-10T12:00:00Z') };
      earlier = JSON.parse(await renderReport(await buildReport(s.root, s.dive, opts), 'json')) as ReportData;
      // A quarter later: a new route file mounted in the router, a new module that imports the
      // store, the decision's code rewritten, the gap resolved.
      const write = (rel: string, text: string) => fs.writeFileSync(path.join(s.root, rel), text);
      fs.mkdirSync(path.join(s.root, 'src/billing'), { recursive: true });
      write('src/billing/invoices.ts', "import { db } from '../store/db';\nexport function invoices() { return db; }\n");
      const routes = fs.readFileSync(path.join(s.root, 'src/routes/health.ts'), 'utf8');
      write('src/routes/health.ts', routes.replace("healthRouter.get('/health'", "healthRouter.get('/metrics', (_req, res) => res.json({}));\nhealthRouter.get('/health'"));
      const store = fs.readFileSync(path.join(s.root, 'src/store/sessionStore.ts'), 'utf8').split('\n');
      store[1] = `${store[1]} // changed`;
      write('src/store/sessionStore.ts', store.join('\n'));
      const dive = structuredClone(s.dive);
      dive.notes.find((n) => n.id === 'n-gap')!.status = 'resolved';
      now = withComparison(await buildReport(s.root, dive, opts), parsePreviousReport(JSON.stringify(earlier), 'previous.json'));
  });
  after(() => s.cleanup());

  it('finds new routes, new modules and new dependency edges', () => {
    const c = now.compare!;
    assert.ok(c.entries.added.some((id) => id.endsWith('/metrics')), JSON.stringify(c.entries));
    assert.deepEqual(c.entries.removed, []);
    assert.deepEqual(c.modules.added, ['src/billing']);
    assert.ok(c.edges.added.some((e) => e.from === 'src/billing' && e.to === 'src/store'));
    assert.ok(c.modules.changed.some((m) => m.id === 'src/routes'));
  });

  it('finds notes whose code changed and risks still open', () => {
    const c = now.compare!;
    assert.deepEqual(c.notesChanged.map((n) => n.id), ['n-dec']);
    assert.deepEqual(c.risksStillOpen, ['n-risk', 'n-low']);
    assert.deepEqual(c.risksClosed, ['n-gap']);
    assert.equal(c.coverage.before.percent, earlier.coverage.percent);
    assert.ok(c.coverage.after.lines > c.coverage.before.lines);
  });

  it('is a section in all three formats', async () => {
    const md = await renderReport(now, 'md');
    const html = await renderReport(now, 'html');
    const json = JSON.parse(await renderReport(now, 'json')) as ReportData;
    assert.match(md, /## Changes since the report of 2025-01-10[\s\S]*\*\*Modules added:\*\* `src\/billing`/);
    assert.match(md, /\*\*New dependency edges:\*\* .*`src\/billing` → `src\/store`/);
    assert.match(html, /<section id="compare" class="compare">[\s\S]*<code>src\/billing<\/code>/);
    assert.deepEqual(json.compare?.modules.added, ['src/billing']);
  });

  it('an identical report shows no change', () => {
    const c = compareReports(earlier, earlier);
    assert.equal(c.entries.added.length + c.entries.removed.length + c.modules.added.length + c.edges.added.length + c.notesChanged.length, 0);
  });

  it('rejects a file that is not a report, naming the place', () => {
    assert.throws(() => parsePreviousReport('{', 'old.json'), /old\.json: not JSON/);
    assert.throws(() => parsePreviousReport('[]', 'old.json'), /old\.json: not a report/);
    assert.throws(() => parsePreviousReport('{"schema":"deepdive/1"}', 'old.json'), /old\.json: field "schema" is "deepdive\/1"/);
    const broken = { ...earlier, entries: [{ nope: 1 }] };
    assert.throws(() => parsePreviousReport(JSON.stringify(broken), 'old.json'), /old\.json: entries\[0\] needs "id"/);
  });
});

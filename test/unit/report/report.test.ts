import * as assert from 'node:assert/strict';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import type { ReportData } from '../../../src/core/report/types';
import { REPORT_SCHEMA } from '../../../src/core/report/types';
import { BASE, HOSTILE, makeSample, type Sample } from './fixture';

describe('report: data gathered from a real repository', function () {
  this.timeout(60_000);
  let s: Sample;
  let r: ReportData;
  before(async () => {
    s = makeSample();
    r = await buildReport(s.root, s.dive, { trusted: true, noCache: true, now: new Date('2025-01-10T12:00:00Z') });
  });
  after(() => s.cleanup());

  it('has the schema, scope, dates and effort', () => {
    assert.equal(r.schema, REPORT_SCHEMA);
    assert.deepEqual(r.dive.scope.include, ['src/**']);
    assert.equal(r.dive.baseCommit, BASE);
    assert.equal(r.dive.due, '2025-02-01');
    assert.equal(r.dive.daysLeft, 22);
    assert.equal(r.effort.seconds, 5400);
    assert.equal(r.effort.hours, 1.5);
    assert.equal(r.effort.filesOpened, 2);
    assert.equal(r.effort.lastRead, '2025-01-05T10:00:00.000Z');
  });

  it('has coverage for the dive, per module and per file', () => {
    const auth = r.coverage.fileRows.find((f) => f.path === 'src/routes/auth.ts')!;
    assert.equal(auth.percent, 100);
    const routes = r.coverage.modules.find((m) => m.id === 'src/routes')!;
    assert.ok(routes.read > 0 && routes.read < routes.lines, JSON.stringify(routes));
    assert.ok(r.coverage.percent > 0 && r.coverage.percent < 100);
    assert.equal(r.coverage.files, r.coverage.fileRows.length);
  });

  it('ranks open risks and gaps by severity and leaves resolved ones out', () => {
    assert.deepEqual(r.summary.topRisks, ['n-risk', 'n-gap', 'n-low']);
    assert.deepEqual(r.summary.decisions, ['n-dec']);
  });

  it('links code notes to the web at the base commit, with the module they belong to', () => {
    const n = r.notes.find((x) => x.id === 'n-risk')!;
    assert.equal(r.remote?.web, 'https://github.com/acme/auth-service');
    assert.equal(n.code?.web, `https://github.com/acme/auth-service/blob/${BASE}/src/routes/auth.ts#L2-L3`);
    assert.equal(n.module, 'src/routes');
    assert.equal(n.anchor, 'anchored');
    assert.match(n.codeHash ?? '', /^[0-9a-f]{16}$/);
  });

  it('lists entry points with guards and calls out routes without auth', () => {
    assert.ok(r.entries.length >= 10, `${r.entries.length} entries`);
    const health = r.entries.find((e) => e.path === '/health');
    assert.ok(health?.unguarded, 'the health route has no auth');
    const guarded = r.entries.filter((e) => !e.unguarded && e.kind === 'http');
    assert.ok(guarded.length > 0 && guarded.every((e) => e.guards.length > 0));
    assert.equal(r.summary.entries.unguarded, r.entries.filter((e) => e.unguarded).length);
  });

  it('gives flows their steps, step notes and flow notes', () => {
    const f = r.flows[0];
    assert.equal(f.steps.length, 2);
    assert.deepEqual(f.steps[0].notes, ['n-risk']);
    assert.equal(f.steps[0].visited, true);
    assert.ok(f.notes.includes('n-flow') && f.notes.includes('n-risk'));
  });

  it('derives recommendations from the evidence', () => {
    const kinds = new Set(r.summary.recommendations.map((x) => x.kind));
    assert.ok(kinds.has('open-risk'), 'the critical risk');
    assert.ok(kinds.has('unguarded-route'), 'routes without auth');
    assert.ok(kinds.has('single-owner'), 'Ann holds most modules alone');
    assert.ok(kinds.has('untraced-flow'));
    assert.equal(r.summary.recommendations[0].severity, 'critical');
    assert.ok(!r.summary.recommendations.some((x) => x.refs.includes('n-done')), 'resolved risks are not recommended');
  });

  it('asks the owners of the module about open questions', () => {
    const q = r.summary.questions.find((x) => x.id === 'n-q')!;
    assert.equal(q.module, 'src/lib');
    assert.equal(q.ask[0]?.email, 'ann@example.com');
    assert.ok(r.summary.questions.some((x) => x.source === 'question'), 'checklist questions still open');
  });

  it('has the module graph with coverage, entries and edges, and history', () => {
    const routes = r.graph.modules.find((m) => m.id === 'src/routes')!;
    assert.ok(routes.entries > 0);
    assert.ok(routes.percent > 0);
    assert.ok(r.graph.edges.some((e) => e.from === 'src/routes' && e.to === 'src/services'));
    assert.equal(r.history.available, true);
    assert.ok(r.history.owners.some((o) => o.module === 'src/routes' && o.owners.length === 2));
    assert.ok(r.history.people.some((p) => p.email === 'bob@example.com'));
  });

  it('writes JSON that holds all the data and parses back', async () => {
    const json = JSON.parse(await renderReport(r, 'json')) as ReportData;
    assert.deepEqual(json, JSON.parse(JSON.stringify(r)));
    assert.equal(json.notes.find((n) => n.id === 'n-risk')?.body, HOSTILE);
  });

  it('runs no git when the workspace is untrusted, and says so', async () => {
    const u = await buildReport(s.root, s.dive, { trusted: false, noCache: true, now: new Date('2025-01-10T12:00:00Z') });
    assert.equal(u.history.available, false);
    assert.match(u.history.reason ?? '', /untrusted/);
    const md = await renderReport(u, 'md');
    assert.match(md, /History unavailable \\\(untrusted workspace\\\)/);
  });
});

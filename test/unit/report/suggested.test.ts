import { PROTECTION_LABELS, protectionOf } from '../../../src/core/entry/protection';
import * as assert from 'node:assert/strict';
import { renderMarkdownToHtml } from './markdownRender';
import type { Flow } from '../../../src/core/callgraph/suggestFlows';
import type { EntryPoint } from '../../../src/core/entry/types';
import { buildMap } from '../../../src/core/map/buildMap';
import type { RepoMap } from '../../../src/core/map/types';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import { rankSuggested, SUGGESTED_FLOW_LIMIT, SUGGESTED_STEP_LIMIT, suggestUntracedFlows, topSuggested, untracedEntries } from '../../../src/core/report/suggested';
import { suggestFlows } from '../../../src/core/callgraph/suggestFlows';
import { FlowMemo } from '../../../src/core/callgraph/flowMemo';
import { entryPointsOf } from '../../../src/core/entry/entryCache';
import { diskFiles } from '../../../src/core/files/sourceFiles';
import type { ReportData } from '../../../src/core/report/types';
import { anchorAt, BASE, HOSTILE, makeSample, type Sample } from './fixture';

function entry(id: string, extra: Partial<EntryPoint> = {}): EntryPoint {
  const [method, path] = id.split(' ');
  return { id, kind: 'http', method, path, handler: 'h', file: 'src/a.ts', line: 1, guards: [], ...extra };
}

function flow(id: string, kinds: Flow['steps'][number]['kind'][]): Flow {
  return { entry: id, title: id, omittedCalls: 0, steps: kinds.map((kind, i) => ({ file: 'src/a.ts', symbol: `s${i}`, range: { start: i + 1, end: i + 1 }, kind, depth: i })) };
}

const AUTH = { name: 'requireAuth', kind: 'authentication' as const, reason: 'middleware', file: 'src/a.ts', line: 1 };

describe('report: suggested flows for routes not traced yet', function () {
  this.timeout(60_000);
  let s: Sample;
  let map: RepoMap;
  let r: ReportData;
  const now = new Date('2025-01-10T12:00:00Z');
  before(async () => {
    s = makeSample();
    map = await buildMap({ root: s.root, scope: s.dive.scope, cache: false });
    r = await buildReport(s.root, s.dive, { map, trusted: false, noCache: true, now });
  });
  after(() => s.cleanup());

  it('leaves out routes the deep dive already has a flow from, and non-route entries while there are routes', () => {
    const entries = [entry('POST /login'), entry('GET /me'), { ...entry('job cleanup'), kind: 'job' as const }];
    const left = untracedEntries(entries, { flows: [{ id: 'f', title: 'Login', status: 'tracing', created: '', steps: [], entry: 'POST /login' }] });
    assert.deepEqual(left.map((e) => e.id), ['GET /me']);
    // With no route left, the other kinds of entry point are the ones to suggest.
    assert.deepEqual(untracedEntries(entries.slice(2), { flows: [] }).map((e) => e.id), ['job cleanup']);
  });

  it('ranks by reaching data or another system, being open to anonymous callers, changing state, then the longer path', () => {
    const entries = [
      entry('GET /open-shallow'),
      entry('GET /guarded-data', { guards: [AUTH] }),
      entry('POST /guarded-write', { guards: [AUTH] }),
      entry('GET /open-data'),
      entry('GET /optional-auth-data', { guards: [{ ...AUTH, optional: true }] }),
      entry('GET /guarded-long', { guards: [AUTH] }),
    ];
    const flows = [
      flow('GET /open-shallow', ['handler']),
      flow('GET /guarded-data', ['handler', 'store']),
      flow('POST /guarded-write', ['handler', 'call']),
      flow('GET /open-data', ['handler', 'call', 'external']),
      flow('GET /optional-auth-data', ['handler', 'store']),
      flow('GET /guarded-long', ['handler', 'call', 'call', 'call']),
    ];
    assert.deepEqual(
      rankSuggested(flows, entries).map((f) => f.entry),
      ['GET /open-data', 'GET /optional-auth-data', 'GET /guarded-data', 'GET /open-shallow', 'POST /guarded-write', 'GET /guarded-long'],
    );
  });

  it('walks only the routes that can rank first, and ranks them as if it had walked every one', () => {
    const entries = [
      entry('GET /guarded-read', { guards: [AUTH] }),
      entry('POST /open-write'),
      entry('GET /open-read'),
      entry('DELETE /open-delete'),
      entry('PUT /guarded-write', { guards: [AUTH] }),
      entry('POST /open-shallow-write'),
      entry('GET /guarded-long', { guards: [AUTH] }),
    ];
    const kinds: Record<string, Flow['steps'][number]['kind'][]> = {
      'GET /guarded-read': ['handler', 'store'],
      'POST /open-write': ['handler', 'call', 'store'],
      'GET /open-read': ['handler', 'external'],
      'DELETE /open-delete': ['handler', 'store'],
      'PUT /guarded-write': ['handler', 'store'],
      'POST /open-shallow-write': ['handler'],
      'GET /guarded-long': ['handler', 'call', 'call', 'call', 'call', 'call'],
    };
    const walked: string[] = [];
    const flowsOf = (es: readonly EntryPoint[]) => es.map((e) => (walked.push(e.id), flow(e.id, kinds[e.id])));
    const every = rankSuggested(entries.map((e) => flow(e.id, kinds[e.id])), entries);
    for (const limit of [1, 2, 3, 4, 7]) {
      walked.length = 0;
      assert.deepEqual(topSuggested(entries, limit, flowsOf).map((f) => f.entry), every.slice(0, limit).map((f) => f.entry), `limit ${limit}`);
      // The open writes (at most 5) score 5 twice: no other route can pass them.
      if (limit <= 2) assert.deepEqual(walked.sort(), ['DELETE /open-delete', 'POST /open-shallow-write', 'POST /open-write'], `limit ${limit}`);
    }
    // A third place needs the open reads (up to 4): still not the guarded ones (at most 3 or 2).
    walked.length = 0;
    topSuggested(entries, 3, flowsOf);
    assert.ok(!walked.some((id) => id.includes('guarded')), walked.join(', '));
  });

  it('gives the same suggested flows as walking every route, and a memo walks each route once per map', async () => {
    const { entries } = await entryPointsOf(map, diskFiles(s.root), { cacheDir: false });
    const candidates = untracedEntries(entries, s.dive);
    const every = rankSuggested(suggestFlows(map, candidates), candidates);
    for (const limit of [1, SUGGESTED_FLOW_LIMIT, candidates.length]) assert.deepEqual(suggestUntracedFlows(map, entries, s.dive, limit), every.slice(0, limit));
    const memo = new FlowMemo();
    const first = memo.flowsOf(map, [])(candidates);
    assert.deepEqual(first, suggestFlows(map, candidates));
    // Asked again on the same map, the same flows come back, not walked again; a new map walks afresh.
    const again = memo.flowsOf(map, [])(candidates.slice().reverse());
    assert.ok(again.every((f, i) => f === first[first.length - 1 - i]));
    const other = { ...map };
    assert.notEqual(memo.flowsOf(other, [])(candidates)[0], first[0]);
    assert.deepEqual(suggestUntracedFlows(map, entries, s.dive, SUGGESTED_FLOW_LIMIT, {}, memo.flowsOf(map, [])), every.slice(0, SUGGESTED_FLOW_LIMIT));
  });

  it('gathers the top untraced routes with their steps, linked to the code at the base commit', () => {
    const sf = r.suggestedFlows ?? [];
    assert.equal(sf.length, SUGGESTED_FLOW_LIMIT);
    // The sample's dive traces the login flow: it is not suggested again.
    assert.ok(!sf.some((f) => f.entry === 'POST /api/auth/login'), sf.map((f) => f.entry).join(', '));
    for (const f of sf) {
      assert.equal(f.suggested, true);
      assert.ok(r.entries.some((e) => e.id === f.entry), `${f.entry} is an entry point`);
      assert.equal(f.unguarded, r.entries.find((e) => e.id === f.entry)!.unguarded);
      assert.equal(f.steps[0].kind, 'handler');
      assert.equal(f.steps[0].depth, 0);
      assert.ok(f.steps.length <= SUGGESTED_STEP_LIMIT);
      for (const st of f.steps) assert.match(st.code.web ?? '', new RegExp(`^https://github\\.com/acme/auth-service/blob/${BASE}/${st.code.file.replace(/[.]/g, '\\.')}#L${st.code.line}`));
    }
    // The first one is open to anonymous callers and reaches a data store.
    assert.ok(sf[0].unguarded && sf[0].steps.some((x) => x.kind === 'store'), JSON.stringify(sf[0].steps.map((x) => x.kind)));
  });

  it('stops suggesting a route once the deep dive has a flow from it, and shows none when asked for none', async () => {
    const top = r.suggestedFlows![0];
    const step = top.steps[0].code;
    s.dive.flows.push({ id: 'traced', title: 'Traced now', entry: top.entry, status: 'tracing', created: '2025-01-06T10:00:00.000Z', steps: [{ id: 't1', anchor: anchorAt(s.root, step.file, step.line, step.endLine) }] });
    try {
      const again = await buildReport(s.root, s.dive, { map, trusted: false, noCache: true, now });
      assert.ok(!again.suggestedFlows!.some((f) => f.entry === top.entry));
      assert.equal(again.suggestedFlows!.length, SUGGESTED_FLOW_LIMIT);
      const none = await buildReport(s.root, s.dive, { map, trusted: false, noCache: true, now, suggestedFlows: 0 });
      assert.equal(none.suggestedFlows, undefined);
      assert.ok(!(await renderReport(none, 'md')).includes('Suggested flows'));
    } finally {
      s.dive.flows.pop();
    }
  });

  it('lists them in the engineering appendix, marked "suggested, not yet traced", in Markdown and HTML', async () => {
    const md = await renderReport(r, 'md');
    const appendix = md.slice(md.indexOf('## Engineering appendix'));
    const section = appendix.slice(appendix.indexOf('#### Suggested flows (not yet traced)'), appendix.indexOf('### Notes'));
    assert.ok(section.length > 100, 'the section is in the appendix, before the notes');
    const top = r.suggestedFlows![0];
    // The route's protection in the words every surface uses (entry/protection.ts): refresh is public on purpose.
    const state = PROTECTION_LABELS[protectionOf(r.entries.find((x) => x.id === top.entry)!)!];
    assert.ok(section.includes(`##### \`${top.entry}\` **${state}** _(suggested, not yet traced)_`), section.slice(0, 400));
    assert.equal(section.match(/_\(suggested, not yet traced\)_/g)?.length, SUGGESTED_FLOW_LIMIT);
    // Steps nest by call depth, each with its link.
    const deep = top.steps.find((x) => x.depth === 2)!;
    assert.ok(section.includes(`    - ${deep.symbol} [\`${deep.code.file}:${deep.code.line}`), 'a depth-2 step is indented twice');
    assert.match(section, /- store \S+/);

    const html = await renderReport(r, 'html');
    assert.equal(html.match(/<div class="flow suggested">/g)?.length, SUGGESTED_FLOW_LIMIT);
    assert.equal(html.match(/<span class="status">suggested, not yet traced<\/span>/g)?.length, SUGGESTED_FLOW_LIMIT);
    assert.ok(html.indexOf('Suggested flows (not yet traced)') > html.indexOf('id="appendix"'));
    assert.match(html, /<li class="depth-2 step-call">/);

    const json = JSON.parse(await renderReport(r, 'json')) as ReportData;
    assert.deepEqual(json.suggestedFlows, r.suggestedFlows);
  });

  it('lists no call the analysis could not follow as a step, and counts them (a real report listed NotFoundError(…), UrlHelper.SHARE_URL_SLUG_REGEX.test, Share.findOne)', async () => {
    // The analyser's own answer on the sample holds such calls: the report must not show them.
    const { entries } = await entryPointsOf(map, diskFiles(s.root), { cacheDir: false });
    const raw = suggestUntracedFlows(map, entries, s.dive);
    const unresolved = raw.flatMap((f) => f.steps.filter((x) => x.kind === 'unresolved' && x.depth > 0));
    assert.ok(unresolved.length > 0, 'the sample has unresolved calls on its suggested flows');
    const sf = r.suggestedFlows!;
    assert.deepEqual(sf.flatMap((f) => f.steps.filter((x) => x.kind === 'unresolved' && x.depth > 0)), []);
    assert.equal(sf.reduce((n, f) => n + (f.unresolvedCalls ?? 0), 0), unresolved.length);
    const md = await renderReport(r, 'md');
    assert.ok(!md.includes('unresolved call'), 'no "unresolved call" step in the Markdown');
    assert.match(md, /\d+ calls? the analysis could not follow left out/);
  });

  it('shows repository text in suggested steps as text', async () => {
    const hostile: ReportData = structuredClone(r);
    const f = hostile.suggestedFlows![0];
    f.entry = `GET /x\`${HOSTILE}`;
    f.steps.push({ kind: 'external', symbol: HOSTILE, callee: HOSTILE, package: '<b>pkg</b>', depth: 1, code: { file: 'src/<i>x</i>.ts', line: 1, endLine: 1, web: 'javascript:alert(1)' } });
    const html = await renderReport(hostile, 'html');
    assert.ok(!/<script|<img|<b>pkg|<i>x|href="javascript/i.test(html));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    const md = renderMarkdownToHtml(await renderReport(hostile, 'md'));
    assert.ok(!/<script|<img|<b>pkg|<i>x|href="javascript/i.test(md), 'the rendered Markdown has no markup from the repository');
  });
});

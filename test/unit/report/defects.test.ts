// Each defect found trying the report as a new user would (issue 17), with a test that fails on
// the code that had it: entities in Markdown, sentences cut, decisions misfiled, recommendations
// repeating the leader's own notes, history claims on no history, flows contradicting their
// steps, raw source and `<inline>` in the route table, non-entry points listed, "0 s" of effort.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { buildReport } from '../../../src/core/report/buildReport';
import { mdText } from '../../../src/core/report/escape';
import { hours, scopeText } from '../../../src/core/report/format';
import { isWholeRepository } from '../../../src/core/walk/scope';
import { notAnEntry } from '../../../src/core/report/entries';
import { guardLabel } from '../../../src/core/report/guardLabel';
import { renderReport } from '../../../src/core/report/render';
import { firstSentence } from '../../../src/core/report/sentences';
import { dropEnumCalls } from '../../../src/core/report/suggested';
import { recommend } from '../../../src/core/report/recommendations';
import type { ReportData, ReportEntry } from '../../../src/core/report/types';
import { sharedReason } from '../../../src/core/report/sections/routes';
import { anchorAt, makeSample, note, type Sample } from './fixture';
import { renderMarkdownToHtml, visibleText } from './markdownRender';

const NOW = new Date('2025-01-10T12:00:00Z');

function row(md: string, route: string): string {
  return md.split('\n').find((l) => l.startsWith(`| \`${route}\` |`)) ?? '';
}

describe('report: the defects of issue 17 stay fixed', function () {
  this.timeout(120_000);
  let s: Sample;
  let r: ReportData;
  let md: string;
  let html: string;
  before(async () => {
    s = makeSample();
    const d = s.dive;
    // A decision the leader keeps, a note on an open route, an insight on the login route, an
    // answered question, a flow marked understood without stepping, and a note two steps hold.
    d.notes.push(
      note('n-own', 'gap', "The sessions of any user are listed without a check. It's \"by design\" & needs a guard.", { type: 'code', anchor: anchorAt(s.root, 'src/routes/users.ts', 31, 31) }, { severity: 'high' }),
      note('n-login', 'insight', 'Login is public on purpose; the rate limit covers it.', { type: 'code', anchor: anchorAt(s.root, 'src/routes/auth.ts', 52, 52) }),
      note('n-answer', 'insight', 'Sessions are revoked in sessionStore.revokeAllForUser. Refresh tokens too.', { type: 'dive' }, { links: { question: d.questions[0].id } }),
    );
    d.questions[0] = { ...d.questions[0], status: 'answered', answeredBy: ['n-answer'] };
    d.flows.push({
      id: 'f-done',
      title: 'Refresh',
      entry: 'POST /api/auth/refresh',
      status: 'understood',
      created: '2025-01-04T10:00:00.000Z',
      steps: [
        { id: 'a', anchor: anchorAt(s.root, 'src/routes/auth.ts', 30, 36) },
        { id: 'b', anchor: anchorAt(s.root, 'src/routes/auth.ts', 31, 35) },
      ],
    });
    d.notes.push(note('n-step', 'risk', 'Refresh does not check the session is still active.', { type: 'code', anchor: anchorAt(s.root, 'src/routes/auth.ts', 32, 33) }, { severity: 'medium' }));
    // A note on the next function that shares only the last lines of the refresh handler and of
    // the flow's first step (found on a real dive: a change-password note listed under login).
    d.notes.push(note('n-edge', 'insight', 'Password reset tokens go to the log pipeline.', { type: 'code', anchor: anchorAt(s.root, 'src/routes/auth.ts', 35, 44) }));
    d.reading['src/lib/tokens.ts'] = { ranges: [[1, 10]], seconds: 0 };
    r = await buildReport(s.root, d, { trusted: true, noCache: true, now: NOW });
    md = await renderReport(r, 'md');
    html = await renderReport(r, 'html');
  });
  after(() => s.cleanup());

  it('Markdown has no HTML entities in text, and reads back exactly as written', () => {
    const text = `It's "quoted" & <b>bold</b> — 5 > 3`;
    assert.ok(!/&#39;|&quot;|&amp;|&lt;|&gt;/.test(mdText(text)), mdText(text));
    assert.equal(visibleText(renderMarkdownToHtml(mdText(text))).trim(), text);
    assert.ok(!/&#39;|&quot;/.test(md), 'no entity in the report');
    assert.ok(md.includes('It\'s "by design" \\& needs a guard.'));
  });

  it('never cuts a finding mid-sentence: its first sentence, or all of it', () => {
    assert.equal(firstSentence('Tokens e.g. refresh ones leak. More here.'), 'Tokens e.g. refresh ones leak.');
    assert.equal(firstSentence('One sentence without a stop'), 'One sentence without a stop');
    const summary = md.slice(md.indexOf('## Executive summary'), md.indexOf('## Engineering appendix'));
    assert.ok(!summary.includes('…'), 'no ellipsis in the summary');
    assert.ok(summary.includes('The sessions of any user are listed without a check.'));
  });

  it('files decisions as the leader marked them: kept is not "to revisit"', () => {
    assert.deepEqual(r.summary.decisionsKept, ['n-kept']);
    assert.deepEqual(r.summary.decisionsRevisit, ['n-dec']);
    const revisit = md.split('\n').find((l) => l.includes('**To revisit'))!;
    assert.ok(!revisit.includes('Keep this order'), revisit);
    assert.match(md, /\*\*Kept \(1\):\*\* Keep this order of middlewares\./);
  });

  it('does not repeat the leader\'s note on a route as a recommendation, and counts their notes on routes', () => {
    const ids = r.summary.recommendations.map((x) => x.id);
    assert.ok(!ids.includes('unguarded-route:GET /api/users/:id/sessions'), ids.join(', '));
    const login = r.entries.find((e) => e.id === 'POST /api/auth/login')!;
    assert.ok(login.notes?.includes('n-login'), 'the insight on the login route is attached to it');
    assert.ok(!ids.some((x) => x.includes('POST /api/auth/login')));
  });

  it('shows the answered question with its answer, and the count of open ones', () => {
    assert.match(md, /1 of 12 checklist questions answered/);
    assert.ok(md.includes('Sessions are revoked in sessionStore.revokeAllForUser.'));
    // The open checklist questions wait in the appendix; the summary holds the answered one.
    const summary = md.slice(md.indexOf('## Executive summary'), md.indexOf('## Engineering appendix'));
    const open = s.dive.questions.filter((q) => q.status !== 'answered');
    assert.equal(open.length, 11);
    for (const q of open) {
      assert.ok(!summary.includes(mdText(q.text)), `open question in the summary: ${q.text}`);
      assert.ok(md.includes(mdText(q.text)), `open question in the appendix: ${q.text}`);
    }
    assert.ok(summary.includes(mdText(s.dive.questions[0].text)), 'the answered question in the summary');
  });

  it('sorts notes by severity, most severe first', () => {
    const sevs = r.notes.filter((n) => n.status === 'open').length;
    assert.ok(sevs > 3);
    const order = ['#### Critical', '#### High', '#### Medium', '#### Low', '#### Unrated'];
    let at = -1;
    for (const h of order) {
      const i = md.indexOf(h);
      if (i < 0) continue;
      assert.ok(i > at, `${h} after the more severe ones`);
      at = i;
    }
  });

  it('a flow marked understood shows no step "not visited"; a note under two steps appears once', () => {
    const section = md.slice(md.indexOf('#### Refresh'), md.indexOf('####', md.indexOf('#### Refresh') + 5));
    assert.ok(!/not visited/.test(section), section);
    assert.match(visibleText(renderMarkdownToHtml(section)), /understood \(2 steps\)/);
    // The state in italics, the route after it: no underscore left for the reader to see.
    assert.match(renderMarkdownToHtml(section), /<em>understood \(2 steps\)<\/em>; starts at <code>POST \/api\/auth\/refresh<\/code>/);
    assert.equal(section.split('Refresh does not check the session is still active.').length - 1, 1, section);
    const f = r.flows.find((x) => x.id === 'f-done')!;
    assert.deepEqual(f.steps.map((x) => x.notes), [[], ['n-step']], 'the tightest step holds it');
  });

  it('the appendix has a route × guard table and each guard links to the code that shows it refuses', () => {
    const matrix = html.slice(html.indexOf('<h4>Route × guard</h4>'), html.indexOf('<h4>Guards and the routes they cover</h4>'));
    assert.ok(matrix.length > 0, 'route × guard table in the HTML');
    const legend = /G(\d+) = <code>requireAuth<\/code>/.exec(matrix);
    assert.ok(legend, matrix.slice(0, 400));
    // One table: the route, its protection, then a column per guard.
    const col = 1 + Number(legend[1]);
    const cells = (route: string) => {
      const tr = matrix.split('<tr').find((x) => x.includes(`<code>${route}</code>`)) ?? '';
      return [...tr.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    };
    assert.equal(cells('GET /api/sessions')[col], '●', 'requireAuth covers GET /api/sessions');
    assert.equal(cells('GET /health')[col], '', 'nothing covers GET /health');
    // Each route is one row of one table, not listed again by the guards table.
    assert.equal(html.split('<code>GET /api/sessions</code>').length - 1, 1, 'GET /api/sessions appears once in the HTML');
    assert.match(html.slice(html.indexOf('<h4>Guards and the routes they cover</h4>')), new RegExp(`<code>requireAuth</code></td><td[^>]*>[^<]*</td><td[^>]*>\\d+ \\(column G${legend[1]}\\)`));
    const guards = md.slice(md.indexOf('#### Guards and the routes they cover'));
    const row = guards.split('\n').find((l) => l.startsWith('| `requireAuth` |')) ?? '';
    assert.match(row, /\[`src\/middleware\/requireAuth\.ts:\d+`\]\(https:\/\/github\.com\/acme\/auth-service\/blob\/c0ffee0+1\/src\/middleware\/requireAuth\.ts#L\d+\)/, row);
  });

  it('the route table names each route\'s place once, and a reason most open routes share once above it', () => {
    const table = html.slice(html.indexOf('<h4>Route × guard</h4>'), html.indexOf('<h4>Guards and the routes they cover</h4>'));
    let inline = 0;
    for (const x of r.entries.filter((e) => e.kind === 'http')) {
      const tr = table.split('<tr').find((row) => row.includes(`<code>${x.method} ${x.path}</code>`)) ?? '';
      assert.ok(tr, `${x.id} has a row`);
      const place = `${x.file}:${x.line}`;
      // An inline handler is named by its place: before, the place was printed twice in its row.
      assert.equal(tr.split(place).length - 1, 1, `${x.id}: ${place} once in ${tr}`);
      if ((x.handlerShown ?? x.handler) === place) inline++;
    }
    assert.ok(inline > 0, 'the sample has an inline handler');
    const open = (reason: string, n: number): ReportEntry[] => Array.from({ length: n }, (_, i) => ({ ...r.entries[0], id: `GET /${reason}${i}`, guardState: 'unguarded' as const, guardReason: reason, publicOnPurpose: undefined }));
    assert.equal(sharedReason([...open('same', 3), ...open('other', 1)]), 'same');
    assert.equal(sharedReason([...open('same', 2), ...open('other', 1)]), undefined, 'two rows are not worth a legend');
    assert.equal(sharedReason([...open('a', 3), ...open('b', 3)]), undefined, 'not shared by most');
  });

  it('a note that only touches the end of a step or a handler is not theirs', () => {
    const f = r.flows.find((x) => x.id === 'f-done')!;
    assert.ok(!f.steps.some((x) => x.notes.includes('n-edge')), JSON.stringify(f.steps));
    const refresh = r.entries.find((e) => e.id === 'POST /api/auth/refresh')!;
    assert.ok(!refresh.notes?.includes('n-edge'), JSON.stringify(refresh.notes));
    const reset = r.entries.find((e) => e.handler === 'requestPasswordReset')!;
    assert.ok(reset.notes?.includes('n-edge'), `${reset.id}: ${JSON.stringify(reset.notes)}`);
  });

  it('a route with no auth that the leader wrote a note on is not "nothing says it is meant to be public"', () => {
    const noted = r.entries.find((e) => e.id === 'GET /api/users/:id/sessions')!;
    assert.deepEqual(noted.notes, ['n-own']);
    const silent = md.split('\n').find((l) => l.includes('nothing says')) ?? '';
    assert.ok(!silent.includes('GET /api/users/:id/sessions'), silent);
    assert.match(md, /> \*\*1 route with no auth that the leader wrote a note on\*\* \(in the notes\): `GET \/api\/users\/:id\/sessions`/);
    assert.match(html, /1 route with no auth that the leader wrote a note on<\/strong> \(in the notes\): <code>GET \/api\/users\/:id\/sessions<\/code>/);
    assert.match(r.verdict!.draft, / 1 route of \d+ has no auth check, with a note from the leader\. /);
  });

  it('counts as anchored to the code only the notes that are', () => {
    const onCode = r.notes.filter((n) => n.code && !n.lead).length;
    const all = r.notes.filter((n) => !n.lead).length;
    assert.ok(onCode < all, 'the sample has notes on a module, a flow and the whole dive');
    assert.ok(r.method!.includes(`Findings: ${all} notes, ${onCode} of them anchored to lines of code.`), r.method!.join('\n'));
  });

  it('scope and limits say nothing that is not there: no "0 paths", no brackets after brackets', () => {
    assert.ok(!/\b0 paths?\b/.test(md), 'no "0 paths not a static string"');
    const scope = visibleText(renderMarkdownToHtml(md.split('\n').find((l) => l.startsWith('Scope:'))!));
    assert.match(scope, /^Scope: src\/\*\*: \d+ files, [\d,]+ code lines\. Dates: /);
  });

  it('the route table shows guard names, never code; no rate limiter next to "no auth"; no <inline> handler', () => {
    assert.equal(guardLabel({ name: '(req, res, next) => { if (!req.user) return res.status(401).end(); next(); }', file: 'src/app.ts', line: 9 }), 'inline check (src/app.ts:9)');
    assert.equal(guardLabel({ name: "rateLimit({ name: 'reset', windowSeconds: 3600, max: 5, keyBy: 'ip' })", file: 'a', line: 1 }), 'rateLimit(…)');
    const login = row(md, 'POST /api/auth/login');
    assert.match(login, /public on purpose/);
    assert.doesNotMatch(login, /no auth/);
    assert.ok(!/loginLimit|rateLimit/.test(login), login);
    assert.ok(!/<inline>|\\<inline>/.test(md), 'no <inline> handler in Markdown');
    assert.ok(!html.includes('&lt;inline&gt;'), 'no <inline> handler in HTML');
    assert.match(row(md, 'GET /api/sessions'), /src\/routes\/sessions\.ts:10/);
  });

  it('says when reading time was not recorded instead of "0 s"', () => {
    assert.ok(!/\b0 s\b/.test(md));
    assert.equal(r.effort.filesWithoutTime, 1);
    assert.match(visibleText(renderMarkdownToHtml(md)), /1 file marked read from the CLI or by hand \(no time recorded for it\)/);
  });

  it('prints recorded time as a reader takes it: whole seconds, never "0 s" for a moment on screen', () => {
    // Times are stored in tenths of a second; their sum is a float (0.1 + 0.2 + 3 = 3.3000000000000003).
    assert.equal(hours(0.1 + 0.2 + 3), '3 s');
    assert.equal(hours(0.3), 'under a second');
    assert.equal(hours(59.6), '1 min');
    assert.equal(hours(90), '2 min');
    assert.equal(hours(5400), '1.5 h');
  });

  it('orders hotspot recommendations by score, highest first', () => {
    // The sample's history gives no unread hotspot to recommend (an order of none proved nothing):
    // hotspots whose order by score is not alphabetical tell the two apart.
    const spot = (path: string, score: number) => ({ path, module: 'src', score, churn: score, complexity: 1, percent: 0 });
    const recs = recommend({ ...r, history: { ...r.history, hotspots: [spot('src/zeta.ts', 90), spot('src/beta.ts', 40), spot('src/alpha.ts', 10)] } });
    assert.deepEqual(recs.filter((x) => x.kind === 'unread-hotspot').map((x) => x.refs[0]), ['src/zeta.ts', 'src/beta.ts', 'src/alpha.ts']);
  });

  it('leaves out a 404 catch-all and an entry point in a file that does not exist, and counts them', async () => {
    const base = { guards: [], kind: 'http' as const, method: 'ANY', handler: 'notFound', line: 3 };
    const entries: EntryPoint[] = [
      { ...base, id: 'ANY *', path: '*', file: 'src/app.ts', handlerLocation: { file: 'src/lib/httpError.ts', symbol: 'notFound', range: { start: 1, end: 12 } } },
      { ...base, kind: 'cli', id: 'cli bin/cli.js', method: 'RUN', path: 'bin/cli.js', handler: 'main', file: 'bin/cli.js' },
      { ...base, id: 'GET /x', method: 'GET', path: '/x', handler: 'x', file: 'src/app.ts', guardState: 'unknown' },
      { ...base, kind: 'cli', id: 'cli tool', method: 'RUN', path: 'tool', handler: 'main', file: 'src/app.ts', guardState: 'unguarded', publicOnPurpose: 'not reached by outside requests' },
      { ...base, id: 'GET /health', method: 'GET', path: '/health', handler: 'health', file: 'src/app.ts', guardState: 'unguarded', publicOnPurpose: 'public by the nature of its path' },
    ];
    const withNotFound = (p: string) => (p === 'src/lib/httpError.ts' ? 'export function notFound(res) {\n  res.status(404).json({ error: "not found" });\n}\n' : p === 'bin/cli.js' ? undefined : 'x\n'.repeat(20));
    const x = await buildReport(s.root, s.dive, { trusted: false, noCache: true, now: NOW, entries, warnings: [{ file: 'src/app.ts', line: 7, reason: 'mount of a computed router' }], readText: withNotFound });
    assert.deepEqual(x.entries.map((e) => e.id), ['GET /x', 'cli tool', 'GET /health']);
    // Rate limits are a question for HTTP routes, not for a CLI main (a real dive listed "RUN actual-server").
    const pub = x.summary.recommendations.find((y) => y.id === 'unguarded-route:public-by-design')!;
    assert.deepEqual(pub.refs, ['GET /health']);
    assert.match(pub.title, /on 1 public route$/);
    assert.deepEqual(x.limits!.droppedEntries.map((d) => d.id), ['ANY *', 'cli bin/cli.js']);
    assert.match(x.limits!.droppedEntries[1].reason, /does not exist/);
    assert.equal(x.limits!.routes.unknown, 1);
    const text = await renderReport(x, 'md');
    assert.match(text, /1 protection unknown/);
    assert.match(text, /src\/app\.ts:7 — mount of a computed router/);
  });

  it('keeps a catch-all that serves pages or files and answers 404 only when they fail (a real dive left out the SPA)', () => {
    const at = (id: string, path: string, start: number, end: number): EntryPoint => ({ id, kind: 'http', method: 'GET', path, handler: '<inline>', file: 'src/web.ts', line: start, guards: [], handlerLocation: { file: 'src/web.ts', symbol: '<inline>', range: { start, end } } });
    const web = [
      /* 1 */ "router.get('*', async (ctx, next) => {",
      /* 2 */ '  if (isInvalidAppPath(ctx.path)) {',
      /* 3 */ '    ctx.status = 404;',
      /* 4 */ '    return;',
      /* 5 */ '  }',
      /* 6 */ '  return renderApp(ctx, next);',
      /* 7 */ '});',
      /* 8 */ "router.get('/static/*', async (ctx) => {",
      /* 9 */ '  const name = ctx.path.slice(8);',
      /* 10 */ '  if (!name) throw NotFoundError();',
      /* 11 */ '  await send(ctx, name, { root: STATIC });',
      /* 12 */ '});',
      /* 13 */ "router.register('*', ['get', 'post'], (ctx) => {",
      /* 14 */ '  // nothing else matched',
      /* 15 */ "  ctx.throw(NotFoundError('Endpoint not found'));",
      /* 16 */ '});',
    ].join('\n');
    const textOf = (p: string) => (p === 'src/web.ts' ? web : undefined);
    assert.equal(notAnEntry(at('GET *', '*', 1, 7), textOf), undefined);
    assert.equal(notAnEntry(at('GET /static/*', '/static/*', 8, 12), textOf), undefined);
    assert.match(notAnEntry(at('ANY *', '*', 13, 16), textOf) ?? '', /answers 404/);
    // Without the handler's place, the registration's own lines decide, not the code after it.
    const { handlerLocation: _drop, ...bare } = at('ANY *', '*', 13, 16);
    assert.match(notAnEntry(bare, textOf) ?? '', /answers 404/);
  });

  it('a scope without the file that mounts the routers keeps their full paths, as deepdive routes gives them (a real dive read "DELETE /" for DELETE /mcp)', async () => {
    const scope = { include: ['src/routes/auth*', 'src/routes/users*', 'src/middleware/**', 'src/services/**', 'src/store/**', 'src/lib/**'], exclude: [] };
    const whole = await buildReport(s.root, { ...s.dive, scope: { include: [], exclude: [] } }, { trusted: false, noCache: true, now: NOW, suggestedFlows: 0 });
    const scoped = await buildReport(s.root, { ...s.dive, scope }, { trusted: false, noCache: true, now: NOW });
    const inFiles = (e: { file: string }) => e.file === 'src/routes/auth.ts' || e.file === 'src/routes/users.ts';
    assert.ok(scoped.entries.some((e) => e.id === 'POST /api/auth/login'), scoped.entries.map((e) => e.id).join(', '));
    assert.deepEqual(scoped.entries.map((e) => e.id), whole.entries.filter(inFiles).map((e) => e.id));
    // The flows start at those routes too: the dive's login flow is traced, not suggested again.
    assert.ok(!scoped.suggestedFlows?.some((f) => f.entry === 'POST /api/auth/login'));
    assert.ok(scoped.suggestedFlows!.every((f) => scoped.entries.some((e) => e.id === f.entry)));
  });

  it('a deep dive started without --scope reads "the whole repository", not "**", and counts as no scope (no second map of the repository)', () => {
    const dive = { ...r.dive, scope: { include: ['**'], exclude: [] } };
    assert.equal(scopeText(dive), 'the whole repository');
    assert.equal(scopeText({ ...dive, scope: { include: ['src/**'], exclude: [] } }), 'src/**');
    assert.equal(isWholeRepository({ include: ['**'], exclude: [] }), true);
    assert.equal(isWholeRepository({ include: [], exclude: [] }), true);
    assert.equal(isWholeRepository({ include: ['**'], exclude: ['test/**'] }), false);
    assert.equal(isWholeRepository({ include: ['src/**'], exclude: [] }), false);
  });

  it('leaves calls on enum members out of suggested flows', () => {
    const flow = { entry: 'GET /x', title: 't', omittedCalls: 0, steps: [
      { file: 'a.ts', symbol: 'h', range: { start: 1, end: 2 }, kind: 'handler' as const, depth: 0 },
      { file: 'a.ts', symbol: 'h', range: { start: 2, end: 2 }, kind: 'unresolved' as const, callee: 'Role.ADMIN.equals', depth: 1 },
      { file: 'a.ts', symbol: 'h', range: { start: 2, end: 2 }, kind: 'unresolved' as const, callee: 'mailer.send', depth: 1 },
    ] };
    const out = dropEnumCalls(flow, new Set(['Role']));
    assert.deepEqual(out.steps.map((x) => x.callee ?? x.symbol), ['h', 'mailer.send']);
    assert.equal(out.omittedCalls, 1);
  });
});

describe('report: no ownership or hotspot claims on a one-commit history', function () {
  this.timeout(60_000);
  let s: Sample;
  let r: ReportData;
  let md: string;
  before(async () => {
    s = makeSample({ history: 'one-commit' });
    r = await buildReport(s.root, s.dive, { trusted: true, noCache: true, now: NOW });
    md = await renderReport(r, 'md');
  });
  after(() => s.cleanup());

  it('says the history is too short and names no owner, hotspot or person to ask', () => {
    assert.equal(r.history.available, true);
    assert.equal(r.history.signal?.ownership, false);
    assert.deepEqual(r.history.owners, []);
    assert.deepEqual(r.history.hotspots, []);
    assert.ok(!r.summary.recommendations.some((x) => x.kind === 'single-owner' || x.kind === 'unread-hotspot' || x.kind === 'inactive-owner'));
    assert.ok(r.summary.questions.every((q) => q.ask.length === 0));
    assert.match(md, /1 commit by 1 author — too short a history to judge ownership or hotspots/);
    assert.ok(!/Ann Owner|Spread the knowledge|changes often/.test(md));
    // Nobody is named to ask, so the summary does not promise "whom to ask".
    assert.match(md, /0 of 12 checklist questions answered; the 12 open ones are in the appendix\./);
  });
});

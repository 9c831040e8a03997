// The main job on a real open-source service, in the real workbench, as a new user does it:
// start a deep dive (typing the scope), see the module map, see the routes with their guards,
// trace a flow, leave a note, mark code read, preview the report. The service is
// @actual-app/sync-server at its pinned version (test/eval/services/actual-sync-server.json),
// fetched from the npm registry by the set-up. The README's mainjob-* screenshots.
//
// Robust to wording: commands are run by the titles package.json gives their ids, views are
// found by the names package.json gives their ids, and what was done is checked in the
// deep-dive file on disk as well as on screen.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/lib/codeServer.mjs';
import { openWorkbench, screenshot, showDeepDive, startDeepDive, removeTree } from './helpers.mjs';
import { realServiceRepo } from './realService.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** "Deep Dive: Trace this Flow", whatever the title of the command is today. */
function title(commandId) {
  const c = manifest.contributes.commands.find((x) => x.command === commandId);
  if (!c) throw new Error(`no command ${commandId} in package.json`);
  return c.category ? `${c.category}: ${c.title}` : c.title;
}

function viewName(viewId) {
  const v = Object.values(manifest.contributes.views).flat().find((x) => x.id === viewId);
  if (!v) throw new Error(`no view ${viewId} in package.json`);
  return v.name;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The side-bar pane of a view, by its name. */
function pane(page, viewId) {
  return page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${escape(viewName(viewId))}$`, 'i') }) }).first();
}

/**
 * A row of a view's tree, scrolled to: trees draw only the rows on screen, so the list is wheeled
 * down (and back to the top) until the row is drawn or the time is up.
 */
async function findRow(page, viewId, text, timeout = 180_000) {
  const view = pane(page, viewId);
  const row = view.locator('.monaco-list-row', { hasText: text }).first();
  const end = Date.now() + timeout;
  for (let turn = 0; ; turn++) {
    if (await row.count()) {
      await row.scrollIntoViewIfNeeded().catch(() => {});
      return row;
    }
    if (Date.now() > end) throw new Error(`no row "${text}" in the ${viewName(viewId)} view`);
    const body = view.locator('.pane-body').first();
    if (await body.count()) {
      await body.hover().catch(() => {});
      await page.mouse.wheel(0, turn % 25 === 24 ? -100_000 : 300);
    }
    await page.waitForTimeout(250);
  }
}

async function setExpanded(page, viewId, open) {
  const header = pane(page, viewId).locator('.pane-header').first();
  if (!(await header.count())) return;
  if ((await header.getAttribute('aria-expanded')) !== String(open)) await header.click();
}

/** Runs a command from the palette by its id's title, clicking the row that names it. */
async function run(page, commandId) {
  const t = title(commandId);
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${t}`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escape(t)}$`) }) }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

/**
 * Waits for the next prompt of a guided command: the quick input shown, not the palette that
 * ran the command, and not the step before (each step has its own title). Returns its title.
 */
async function nextPrompt(page, previous = '') {
  const handle = await page.waitForFunction((prev) => {
    const w = document.querySelector('.quick-input-widget');
    if (!w || getComputedStyle(w).display === 'none') return false;
    const value = w.querySelector('.quick-input-box input')?.value ?? '';
    const t = w.querySelector('.quick-input-title')?.textContent ?? '';
    return !value.startsWith('>') && t !== prev && t.trim() ? t : false;
  }, previous, { timeout: 60_000 });
  return handle.jsonValue();
}

/** Types into the open quick input and presses Enter. */
async function answer(page, text) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Opens a file with Quick Open and selects lines `from`-`to` (1-based, inclusive). */
async function selectLines(page, file, from, to) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: path.basename(file) }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+G');
  await answer(page, `:${from}`);
  await page.keyboard.press('Home');
  for (let i = from; i < to; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
}

/** The webview document that holds `selector` (webviews are nested iframes in the workbench). */
async function frameWith(page, selector, timeout = 120_000) {
  const end = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > end) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(250);
  }
}

const SERVICE = 'actual-sync-server';
const NOTE = 'The SimpleFIN routes have no session check: app-gocardless.js attaches validateSessionMiddleware, app-simplefin.js does not.';
const IMPACT = 'Anyone who reaches the server can pull the linked bank accounts and transactions.';

describe('the main job on a real service (@actual-app/sync-server)', function () {
  this.timeout(900_000);
  let service;
  let app;
  let browser;

  /** The deep dive as written to disk (the one file in .deepdive/). */
  const dive = () => {
    const dir = path.join(service.dir, '.deepdive');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.strictEqual(files.length, 1, `one deep-dive file (${files.join(', ')})`);
    return JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8'));
  };
  const coverageItem = () => browser.page.locator('.statusbar-item[id$="deepDive.coverage"], .statusbar-item:has(.codicon-eye)').first();
  const percentRead = async () => Number(/([\d.]+)% read/.exec((await coverageItem().textContent()) ?? '')?.[1] ?? NaN);

  before(async () => {
    service = realServiceRepo(SERVICE);
    // Only the lines this test marks count as read: the dwell-time tracker (tested on its own in
    // reading.test.mjs) would otherwise credit whatever stays on screen on a slow machine.
    fs.mkdirSync(path.join(service.dir, '.vscode'));
    fs.writeFileSync(path.join(service.dir, '.vscode', 'settings.json'), JSON.stringify({ 'deepDive.reading.dwellSeconds': 600 }, null, 2));
    app = await startDeepDive({ folder: service.dir });
    browser = await openWorkbench(app.url);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !browser) return;
    await screenshot(browser.page, 'mainjob-failure').catch(() => {});
    // What was on screen, for reading the failure without a display.
    const dump = await browser.page.evaluate(() => ['.quick-input-widget', '.part.sidebar', '.part.statusbar'].map((s) => `== ${s}\n${document.querySelector(s)?.outerHTML ?? '(none)'}`).join('\n\n')).catch((e) => String(e));
    fs.writeFileSync(path.join(repoRoot, 'test-results', 'screenshots', 'mainjob-failure.html'), dump);
  });

  after(async () => {
    await browser?.context.close().catch(() => {});
    if (app) await app.stop();
    if (service) await removeTree(service.parent);
  });

  it('starts a deep dive on the folder typed as scope, and maps the service: Modules view and module map', async () => {
    const { page } = browser;
    // The view opens by itself on a first launch (a click on its icon would then close it).
    await showDeepDive(page);
    // A file is open and being read when the dive starts: the keyboard must stay with it.
    await selectLines(page, 'build/src/app-sync.js', 1, 1);
    await run(page, 'deepDive.start');
    let step = await nextPrompt(page);
    await answer(page, 'Actual sync server: sessions and bank sync');
    // The scope step, a list with check boxes. The package's code is all under build/src, its
    // shipped build output: the list offers it. Tick nothing, type the folder, press Enter.
    step = await nextPrompt(page, step);
    assert.ok(await page.locator('.quick-input-widget .quick-input-check-all, .quick-input-list .monaco-checkbox, .quick-input-list input[type=checkbox]').count(), `the scope step ticks folders (${step})`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'build/src/**' }).first().waitFor({ timeout: 30_000 });
    await answer(page, 'build/src');
    // The due date step: the suggested date.
    step = await nextPrompt(page, step);
    assert.match(await page.locator('.quick-input-widget .quick-input-box input').inputValue(), /^\d{4}-\d{2}-\d{2}$/, `a due date is suggested (${step})`);
    await page.keyboard.press('Enter');
    // The template step: the auth template.
    step = await nextPrompt(page, step);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /auth/i }).first().waitFor({ timeout: 30_000 });
    await answer(page, 'auth');

    await coverageItem().filter({ hasText: /% read/ }).waitFor({ timeout: 180_000 });
    // After Start the Overview shows, but keystrokes still go to the editor, not the tree
    // (issue 16, point 10).
    const focus = await page.evaluate(() => ({ editor: !!document.activeElement?.closest('.editor-instance .monaco-editor'), tree: !!document.activeElement?.closest('.part.sidebar') }));
    assert.deepStrictEqual(focus, { editor: true, tree: false }, 'the keyboard stays in the editor after Start');
    await page.keyboard.press('Control+W');
    const d = dive();
    assert.deepStrictEqual(d.scope.include, ['build/src/**'], 'the scope is the folder typed, not the whole repository');
    assert.strictEqual(d.template, 'auth');
    assert.ok(d.baseCommit, 'the dive records the commit it started at');

    // The Modules view lists the service's own modules.
    await setExpanded(page, 'deepDive.modules', true);
    await findRow(page, 'deepDive.modules', /build\/src\/app-sync/);

    await run(page, 'deepDive.showModuleMap');
    const frame = await frameWith(page, 'svg.map g.node');
    const ids = await frame.locator('svg.map g.node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
    for (const m of ['build/src', 'build/src/app-sync', 'build/src/util', 'build/src/accounts']) assert.ok(ids.includes(m), `${m} drawn (${ids.join(', ')})`);
    assert.ok(ids.every((m) => m.startsWith('build/src')), `only modules in scope drawn (${ids.join(', ')})`);
    assert.ok((await frame.locator('svg.map path.edge').count()) >= 10, 'import edges drawn');
    assert.ok((await frame.locator('svg.map g.node path.entry').count()) >= 3, 'modules with routes carry the entry-point mark');
    await page.waitForTimeout(500); // let the webview finish painting before the picture
    await screenshot(page, 'mainjob-module-map');
    await page.keyboard.press('Control+W');
  });

  it('lists the routes with their guard state: /sync guarded by its session middleware, the SimpleFIN routes without auth', async () => {
    const { page } = browser;
    for (const v of ['deepDive.overview', 'deepDive.modules', 'deepDive.questions', 'deepDive.notes', 'deepDive.people']) await setExpanded(page, v, false);
    await setExpanded(page, 'deepDive.entryPoints', true);
    const guarded = await findRow(page, 'deepDive.entryPoints', 'POST /sync/sync');
    // The guard is named from the service's own code, and the row carries the guarded icon.
    assert.match((await guarded.textContent()) ?? '', /validateSessionMiddleware/);
    assert.strictEqual(await guarded.locator('.codicon-shield').count(), 1, 'POST /sync/sync shows the guarded shield');
    const open = await findRow(page, 'deepDive.entryPoints', 'POST /simplefin/accounts', 60_000);
    assert.strictEqual(await open.locator('.codicon-warning').count(), 1, 'POST /simplefin/accounts shows the no-auth warning');
    assert.doesNotMatch((await open.textContent()) ?? '', /validateSessionMiddleware/);
    await open.hover();
    await screenshot(page, 'mainjob-entry-points');
  });

  it('traces the flow of POST /sync/sync from its row and steps through it; Mark Flow Understood marks it understood', async () => {
    const { page } = browser;
    const row = await findRow(page, 'deepDive.entryPoints', 'POST /sync/sync', 60_000);
    await row.hover();
    await row.locator(`.action-label[aria-label^="${title('deepDive.flows.trace').replace(/^Deep Dive: /, '')}"]`).first().click();
    const step = page.locator('.statusbar-item[id$="deepDive.flowStep"], .statusbar-item:has-text("step ")');
    await step.filter({ hasText: /step 1\/\d+ · POST \/sync\/sync/ }).first().waitFor({ timeout: 120_000 });
    // The route's guard is the flow's first step (issue 16, point 4), then its handler.
    await page.locator('.tab.active', { hasText: 'middlewares.js' }).waitFor({ timeout: 30_000 });
    await run(page, 'deepDive.nextStep');
    await step.filter({ hasText: /step 2\/\d+/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('.tab.active', { hasText: 'app-sync.js' }).waitFor({ timeout: 30_000 });
    await run(page, 'deepDive.nextStep');
    await step.filter({ hasText: /step 3\/\d+/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('.codelens-decoration', { hasText: /step 3\/\d+/ }).first().waitFor({ timeout: 30_000 });
    const flow = dive().flows.find((f) => f.entry === 'POST /sync/sync');
    assert.ok(flow, 'the traced flow is in the deep-dive file');
    assert.ok(flow.steps.length >= 4, `the flow goes past the handler (${flow.steps.length} steps)`);
    assert.strictEqual(flow.steps[0].anchor.path, 'build/src/util/middlewares.js', 'the guard first');
    assert.strictEqual(flow.steps[1].anchor.path, 'build/src/app-sync.js', 'then the handler');
    assert.notStrictEqual(flow.status, 'understood');
    await screenshot(page, 'mainjob-flow');

    // Point 1 of issue 16: the command titled "understood" marks the flow understood, and asks
    // in its own words; its opposite asks differently and offers only understood flows.
    await run(page, 'deepDive.flows.stop');
    const placeholder = () => page.locator('.quick-input-widget .quick-input-box input').getAttribute('placeholder');
    await run(page, 'deepDive.flows.markUnderstood');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'POST /sync/sync' }).first();
    await pick.waitFor({ timeout: 30_000 });
    const askUnderstood = await placeholder();
    assert.match(askUnderstood ?? '', /understood/i);
    assert.doesNotMatch(askUnderstood ?? '', /reopen|not understood/i);
    await pick.click();
    const end = Date.now() + 30_000;
    while (dive().flows.find((f) => f.entry === 'POST /sync/sync')?.status !== 'understood') {
      if (Date.now() > end) assert.fail(`the flow is ${dive().flows.find((f) => f.entry === 'POST /sync/sync')?.status}, not understood`);
      await page.waitForTimeout(250);
    }
    await run(page, 'deepDive.flows.markNotUnderstood');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'POST /sync/sync' }).first().waitFor({ timeout: 30_000 });
    const askReopen = await placeholder();
    assert.match(askReopen ?? '', /reopen/i);
    assert.notStrictEqual(askReopen, askUnderstood, 'opposite commands never share a prompt');
    await page.keyboard.press('Escape');
    assert.strictEqual(dive().flows.find((f) => f.entry === 'POST /sync/sync')?.status, 'understood', 'Escape leaves the flow understood');
  });

  it('leaves a note on the selected lines: a thread on the code, a row in the Notes view, the note on disk', async () => {
    const { page } = browser;
    await selectLines(page, 'build/src/app-simplefin/app-simplefin.js', 20, 22);
    await run(page, 'deepDive.addNote');
    let step = await nextPrompt(page);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /gap/i }).first().waitFor({ timeout: 30_000 });
    await answer(page, 'Gap');
    step = await nextPrompt(page, step);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /high/ }).first().waitFor({ timeout: 30_000 });
    await answer(page, 'high');
    step = await nextPrompt(page, step);
    await answer(page, NOTE);
    await nextPrompt(page, step);
    await answer(page, IMPACT);

    const end = Date.now() + 30_000;
    let note;
    while (!(note = dive().notes.find((n) => n.body === NOTE))) {
      if (Date.now() > end) assert.fail('the note was not written to the deep-dive file');
      await page.waitForTimeout(250);
    }
    assert.strictEqual(note.kind, 'gap');
    assert.strictEqual(note.severity, 'high');
    assert.strictEqual(note.impact, IMPACT);
    assert.strictEqual(note.target.anchor.path, 'build/src/app-simplefin/app-simplefin.js');
    assert.deepStrictEqual([note.target.anchor.range.start, note.target.anchor.range.end], [20, 22]);

    await setExpanded(page, 'deepDive.entryPoints', false);
    await setExpanded(page, 'deepDive.notes', true);
    await findRow(page, 'deepDive.notes', NOTE.slice(0, 40), 60_000);
    const thread = page.locator('.review-widget', { hasText: NOTE.slice(0, 40) }).first();
    if (!(await thread.isVisible())) {
      // Open the thread from its gutter glyph, as a reader would.
      await page.locator('.margin-view-overlays .comment-thread, .margin-view-overlays .comment-range-glyph').first().click().catch(() => {});
    }
    await thread.waitFor({ timeout: 30_000 });
    assert.match((await thread.textContent()) ?? '', /Anyone who reaches the server/);
    await screenshot(page, 'mainjob-note');
  });

  it('marks a line range read: the deep-dive file holds it and the share read goes up', async () => {
    const { page } = browser;
    const before = await percentRead();
    assert.ok(Number.isFinite(before), `the status bar shows a share read (${await coverageItem().textContent()})`);
    await selectLines(page, 'build/src/account-db.js', 8, 120);
    await run(page, 'deepDive.markRead');
    const end = Date.now() + 30_000;
    let reading;
    // Lines 8-120 read on disk (as one range, or split around lines without code).
    const within = (ranges = []) => ranges.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, 120) - Math.max(a, 8) + 1), 0);
    while (within((reading = dive().reading?.['build/src/account-db.js'])?.ranges) < 90) {
      if (Date.now() > end) assert.fail(`lines 8-120 of account-db.js not read on disk (${JSON.stringify(reading?.ranges)})`);
      await page.waitForTimeout(250);
    }
    const end2 = Date.now() + 30_000;
    while ((await percentRead()) <= before) {
      if (Date.now() > end2) assert.fail(`the share read stayed at ${await percentRead()}% (was ${before}%)`);
      await page.waitForTimeout(250);
    }
  });

  it('previews the report: the note with its business impact, the route without auth, the reading', async () => {
    const { page } = browser;
    await run(page, 'deepDive.previewReport');
    const frame = await frameWith(page, 'h1:has-text("Actual sync server")');
    const end = Date.now() + 60_000;
    let text = '';
    while (!(text = (await frame.locator('body').textContent().catch(() => '')) ?? '').includes(NOTE)) {
      if (Date.now() > end) assert.fail(`the report preview does not show the note:\n${text.slice(0, 2000)}`);
      await page.waitForTimeout(250);
    }
    assert.match(text, /Anyone who reaches the server can pull the linked bank accounts/);
    assert.match(text, /POST \/simplefin\/accounts/);
    assert.match(text, /Actual sync server: sessions and bank sync/);
    assert.match(text, /build\/src\/\*\*/, 'the scope the dive was given');
    assert.strictEqual(await frame.locator('script').count(), 0, 'the preview runs no script');
    await screenshot(page, 'mainjob-report');
  });
});

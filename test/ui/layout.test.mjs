// The first hour's layout, seen as a person sees it in a 1,500 px window (issue 16, points 6, 7,
// 9, 10 and 11): the Deep Dive view opens by itself on a fresh install with room for the
// Overview, route rows show their guard before the side bar cuts them, a module map of 335
// modules in 9 folder groups fits the panel (also after a file opens beside it, and after
// "Focus on selected"), and the report preview is readable in the default dark theme and in
// high contrast. The workspace: the demo service plus 8 generated folders of 41 modules each that
// import one another in a chain (the shape that was drawn 2,169 px wide).
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/lib/codeServer.mjs';
import { LOW_CONTRAST_SOURCE } from '../../scripts/lib/contrast.mjs';
import { makeDemoWorkspace } from '../../scripts/lib/demoWorkspace.mjs';
import { openWorkbench, runCommand, screenshot, showDeepDive, startDeepDive, removeTree } from './helpers.mjs';

const GROUPS = ['billing', 'catalog', 'checkout', 'identity', 'inventory', 'notify', 'search', 'shipping'];

function deepdive(folder, ...args) {
  return execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args, '--root', folder], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** 8 × 41 modules, module j of each folder importing module j of the next folder. */
function addModules(folder) {
  for (let g = 0; g < GROUPS.length; g++) {
    for (let j = 0; j < 41; j++) {
      const dir = path.join(folder, GROUPS[g], `part${j}`);
      fs.mkdirSync(dir, { recursive: true });
      const next = g < GROUPS.length - 1 ? `import { v as next } from '../../${GROUPS[g + 1]}/part${j}/index';\n` : '';
      fs.writeFileSync(path.join(dir, 'index.ts'), `${next}export const v = ${next ? 'next + ' : ''}${j};\n`);
    }
  }
}

/** The frame (webviews are nested iframes) whose document matches `selector`. */
async function frameWith(page, selector, what, timeout = 120_000) {
  const end = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > end) throw new Error(`${what} did not show`);
    await page.waitForTimeout(250);
  }
}

/** Where the map is drawn against the room it has, in the webview's own pixels. */
function mapBox(frame, id) {
  return frame.evaluate((nodeId) => {
    const canvas = document.getElementById('canvas').getBoundingClientRect();
    const svg = document.querySelector('svg.map');
    const s = svg.getBoundingClientRect();
    const box = svg.getAttribute('viewBox').split(' ').map(Number);
    const node = nodeId ? document.querySelector(`svg.map g.node[data-id="${CSS.escape(nodeId)}"]`)?.getBoundingClientRect() : undefined;
    const r = (b) => b && { left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width, height: b.height };
    return { canvas: r(canvas), svg: r(s), scale: s.width / box[2], node: r(node) };
  }, id);
}

/** Polls until check(value) holds; returns the last value either way for the assertion message. */
async function until(page, get, check, timeout = 30_000) {
  const end = Date.now() + timeout;
  let v = await get();
  while (!check(v) && Date.now() < end) {
    await page.waitForTimeout(250);
    v = await get();
  }
  return v;
}

const inside = (inner, outer) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;

describe('first hour: layout in a 1,500 px window', function () {
  this.timeout(600_000);
  let app;
  let browser;
  let parent;
  let folder;

  before(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-ui-layout-'));
    folder = makeDemoWorkspace(path.join(parent, 'shop-service'));
    addModules(folder);
    // The map is drawn for the dive's scope: the whole service here.
    deepdive(folder, 'start', '--title', 'Shop service', '--scope', '**', '--due', '2030-03-31', '--template', 'auth-service');
    deepdive(folder, 'read', 'src/routes/auth.ts');
    deepdive(folder, 'note', 'add', 'src/routes/auth.ts:16-23', '--kind', 'risk', '--severity', 'high', '--body', 'Login has no lockout after failed attempts.');
    app = await startDeepDive({ folder });
    browser = await openWorkbench(app.url);
    await browser.page.setViewportSize({ width: 1500, height: 900 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) await screenshot(browser.page, 'layout-failure').catch(() => {});
  });

  after(async () => {
    await browser?.context.close().catch(() => {});
    if (app) await app.stop();
    if (parent) await removeTree(parent);
  });

  it('opens the Deep Dive view by itself, with room for the Overview and the guard on every route row', async () => {
    const { page } = browser;
    assert.strictEqual(await showDeepDive(page), true, 'the view opened on first launch without a click');
    const expanded = async (title) => (await page.locator('.pane-header', { hasText: title }).first().getAttribute('aria-expanded')) === 'true';
    await page.locator('.pane-header', { hasText: 'Questions' }).first().waitFor({ timeout: 60_000 });
    assert.strictEqual(await expanded('Questions'), false, 'Questions starts collapsed');
    assert.strictEqual(await expanded('Overview'), true);
    // The collapsed Questions view still says where the checklist stands, on its header.
    const questions = page.locator('.pane-header', { hasText: 'Questions' }).first();
    assert.match((await until(page, () => questions.innerText(), (t) => /answered/.test(t ?? ''))) ?? '', /\d+\/\d+ answered/i);
    const overview = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Overview' }) }).first().locator('.pane-body');
    const height = (await overview.boundingBox())?.height ?? 0;
    assert.ok(height >= 8 * 22, `Overview has room for 8 rows or more (${height} px)`);
    // A route row shows its protection before the side bar cuts it off.
    const row = page.locator('.monaco-list-row', { hasText: 'POST /api/auth/logout' }).first();
    await row.waitFor({ timeout: 120_000 });
    const seen = await row.evaluate((el) => {
      const d = el.querySelector('.label-description');
      const box = el.querySelector('.monaco-icon-label-container') ?? el;
      return { text: d?.textContent ?? '', left: d?.getBoundingClientRect().left ?? 1e9, right: box.getBoundingClientRect().right };
    });
    assert.match(seen.text, /^requireAuth/, 'the guard comes first');
    assert.ok(seen.left + 60 <= seen.right, `the guard is on screen (${JSON.stringify(seen)})`);
    await screenshot(page, 'deep-dive-sidebar');
  });

  it('fits a map of over 329 modules in 9 folder groups into the panel, never cut off', async () => {
    const { page } = browser;
    await runCommand(page, 'Deep Dive: Show Module Map');
    const frame = await frameWith(page, 'svg.map g.node', 'the module map');
    const summary = (await frame.locator('#summary').textContent()) ?? '';
    const [, shown, total] = /^(\d+) of (\d+) modules/.exec(summary) ?? [];
    assert.ok(Number(shown) >= 329 && shown === total, summary);
    const groups = await frame.locator('svg.map g.node.group').count();
    assert.ok(groups >= 8, `folders grouped (${groups})`);
    const b = await until(page, () => mapBox(frame), (x) => inside(x.svg, x.canvas));
    assert.ok(inside(b.svg, b.canvas), `the whole map is inside the panel: ${JSON.stringify(b)}`);
    assert.ok(b.scale >= 0.75, `drawn at a readable scale (${b.scale.toFixed(2)})`);
    await page.waitForTimeout(300);
    await screenshot(page, 'deep-dive-module-map-large');
  });

  it('re-fits the map when a module opens beside it, and Focus on selected keeps the module in view', async () => {
    const { page } = browser;
    let frame = await frameWith(page, 'svg.map g.node', 'the module map');
    const wide = await mapBox(frame);
    // Expand a group, then open one of its modules: its file opens beside the map.
    await frame.locator('svg.map g.node[data-id="group:billing"]').click();
    frame = await frameWith(page, 'svg.map g.node[data-id="billing/part40"]', 'the billing modules');
    await frame.locator('svg.map g.node[data-id="billing/part40"]').click();
    await page.locator('.tab', { hasText: 'index.ts' }).first().waitFor({ timeout: 30_000 });
    const half = await until(page, () => mapBox(frame, 'billing/part40'), (x) => x.canvas.width < wide.canvas.width * 0.8 && inside(x.svg, x.canvas));
    assert.ok(half.canvas.width < wide.canvas.width * 0.8, `the panel is narrower (${wide.canvas.width} → ${half.canvas.width})`);
    assert.ok(inside(half.svg, half.canvas), `re-fitted to the narrower panel: ${JSON.stringify(half)}`);
    await frame.locator('#focus').click();
    await until(page, async () => (await frame.locator('#summary').textContent()) ?? '', (t) => / around billing\/part40/.test(t));
    const focused = await until(page, () => mapBox(frame, 'billing/part40'), (x) => x.node && inside(x.node, x.canvas));
    assert.ok(focused.node && inside(focused.node, focused.canvas), `the focused module is on screen: ${JSON.stringify(focused)}`);
    assert.ok(inside(focused.svg, focused.canvas) || focused.svg.width <= focused.canvas.width + 1, 'and the map fits the panel');
  });

  it('previews the report readably in the default dark theme and in high contrast', async () => {
    const { page } = browser;
    await runCommand(page, 'Deep Dive: Preview Report');
    const frame = await frameWith(page, 'h1:has-text("Deep dive report")', 'the report preview');
    const check = async () => frame.evaluate(`(${LOW_CONTRAST_SOURCE})(4.5)`);
    const dark = await check();
    assert.ok(dark.checked > 50, `text checked: ${dark.checked}`);
    assert.deepStrictEqual(dark.bad, [], 'every text readable in Dark Modern');
    await screenshot(page, 'deep-dive-report-preview');
    await runCommand(page, 'Preferences: Color Theme');
    const input = page.locator('.quick-input-widget input');
    await input.fill('Dark High Contrast');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark High Contrast' }).first().click();
    await until(page, () => frame.evaluate('document.body.className'), (c) => /vscode-high-contrast/.test(c));
    const hc = await check();
    assert.deepStrictEqual(hc.bad, [], 'every text readable in Dark High Contrast');
  });
});

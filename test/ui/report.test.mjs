// The module map and the HTML report, seen as a person sees them: a deep dive with some reading
// and notes written through the CLI into a copy of the demo service, the map drawn in the real
// workbench (clicking a module reveals it in the Modules view), and the exported report opened
// in chromium. The README's screenshots deep-dive-module-map and deep-dive-report.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, repoRoot } from '../../scripts/lib/codeServer.mjs';
import { makeDemoWorkspace } from '../../scripts/lib/demoWorkspace.mjs';
import { openWorkbench, runCommand, screenshot, showDeepDive, startDeepDive, removeTree } from './helpers.mjs';

function deepdive(folder, ...args) {
  return execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args, '--root', folder], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The webview's document: webviews are nested iframes in the workbench; ours holds the map's canvas. */
async function mapFrame(page, timeout = 120_000) {
  const end = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if ((await frame.locator('svg.map g.node').count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > end) throw new Error('the module map was not drawn');
    await page.waitForTimeout(250);
  }
}

describe('module map and report', function () {
  this.timeout(600_000);
  let app;
  let browser;
  let parent;
  let folder;

  before(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-ui-report-'));
    folder = makeDemoWorkspace(path.join(parent, 'auth-service-ts'));
    // A deep dive part-way through: some modules read, some not, a few findings.
    deepdive(folder, 'start', '--title', 'Auth and sessions, Q3', '--scope', 'src/**', '--due', '2030-03-31', '--template', 'auth-service');
    for (const f of ['src/routes/auth.ts', 'src/routes/users.ts', 'src/routes/sessions.ts', 'src/middleware/requireAuth.ts', 'src/middleware/rateLimit.ts', 'src/services/authService.ts:1-60', 'src/lib/tokens.ts:1-30', 'src/store/sessionStore.ts:1-40']) {
      deepdive(folder, 'read', f);
    }
    // The CLI records lines, not time on screen: give the reading the time a person would have spent.
    const diveFile = path.join(folder, '.deepdive', fs.readdirSync(path.join(folder, '.deepdive')).find((f) => f.endsWith('.json')));
    const dive = JSON.parse(fs.readFileSync(diveFile, 'utf8'));
    for (const [file, r] of Object.entries(dive.reading)) r.seconds = 240 + 37 * file.length;
    fs.writeFileSync(diveFile, JSON.stringify(dive, null, 2) + '\n');
    deepdive(folder, 'note', 'add', 'src/routes/auth.ts:37-44', '--kind', 'risk', '--severity', 'high', '--body', 'Password-reset tokens are written to the application log in clear text (the mailer reads them from the log pipeline).', '--impact', 'Anyone with log access can take over any account.');
    deepdive(folder, 'note', 'add', 'src/store/sessionStore.ts:16-18', '--kind', 'gap', '--severity', 'medium', '--body', 'Revoked sessions stay valid for up to 60 s: requireAuth trusts the cache.', '--impact', 'A stolen session keeps working for a minute after logout.');
    deepdive(folder, 'note', 'add', 'src/lib/tokens.ts:10-21', '--kind', 'decision', '--body', 'Access tokens are HS256 with a secret shared by every service (ADR-004).', '--impact', 'Any service that holds the secret can mint tokens.');
    deepdive(folder, 'note', 'add', 'src/lib/tokens.ts:1-3', '--kind', 'question', '--body', 'Who rotates the JWT signing secret, and how often?');
    app = await startDeepDive({ folder });
    browser = await openWorkbench(app.url);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) await screenshot(browser.page, 'report-failure').catch(() => {});
  });

  after(async () => {
    await browser?.context.close().catch(() => {});
    if (app) await app.stop();
    if (parent) await removeTree(parent);
  });

  it('draws the module map coloured by coverage, and a click reveals the module in the Modules view', async () => {
    const { page } = browser;
    await showDeepDive(page);
    await page.locator('.statusbar-item', { hasText: /[1-9][\d.]*% read/ }).first().waitFor({ timeout: 120_000 });
    // Room for the map: only the Modules view open in the side bar.
    for (const title of ['Overview', 'Entry Points', 'Questions', 'Notes', 'People']) {
      const header = page.locator('.pane-header', { hasText: title }).first();
      if ((await header.count()) && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    await runCommand(page, 'Deep Dive: Show Module Map');
    const frame = await mapFrame(page);
    const nodes = frame.locator('svg.map g.node');
    const labels = await nodes.locator('text.label').allTextContents();
    for (const m of ['src/routes', 'src/services', 'src/store', 'src/middleware', 'src/lib', 'src/jobs']) assert.ok(labels.includes(m), `${m} drawn (${labels.join(', ')})`);
    assert.ok((await frame.locator('svg.map path.edge').count()) >= 5, 'import edges drawn');
    // Coverage colours: the routes were read, the jobs were not; entry points are marked.
    const routes = frame.locator('svg.map g.node[data-id="src/routes"]');
    assert.match((await routes.getAttribute('class')) ?? '', /\bc[34]\b/);
    assert.match((await frame.locator('svg.map g.node[data-id="src/jobs"]').getAttribute('class')) ?? '', /\bc0\b/);
    assert.ok((await routes.locator('path.entry').count()) === 1, 'routes carry the entry-point mark');
    assert.match((await frame.locator('#summary').textContent()) ?? '', new RegExp(`^${labels.length} of ${labels.length} modules`));
    await page.waitForTimeout(500); // let the webview finish painting before the picture
    await screenshot(page, 'deep-dive-module-map');

    await frame.locator('svg.map g.node[data-id="src/services"]').click();
    await page.locator('.monaco-list-row.selected', { hasText: 'src/services' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.tab', { hasText: 'authService.ts' }).first().waitFor({ timeout: 30_000 });
  });

  it('exports the HTML report, which opens in chromium with the executive summary first and no script', async () => {
    const out = path.join(parent, 'deep-dive-report.html');
    deepdive(folder, 'report', '--format', 'html', '--out', out);
    const context = await launchChromium();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setViewportSize({ width: 1180, height: 900 });
      await page.goto(pathToFileURL(out).href);
      assert.strictEqual(await page.locator('h1').textContent(), 'Deep dive report: Auth and sessions, Q3');
      assert.strictEqual(await page.locator('script').count(), 0);
      const summary = page.locator('#summary');
      assert.ok(await summary.isVisible());
      assert.ok((await summary.locator('table.risks tbody tr').count()) >= 2, 'the top risks are listed');
      assert.match((await summary.textContent()) ?? '', /Password-reset tokens are written to the application log/);
      assert.ok((await page.locator('#appendix svg.map g.node').count()) >= 6, 'the appendix draws the module map');
      await screenshot(page, 'deep-dive-report');
    } finally {
      await context.close();
    }
  });
});

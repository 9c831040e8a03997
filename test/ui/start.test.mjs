// `npm start` serves a real VS Code with the extension installed from its .vsix, opened on the
// sample service: checked from the outside, in a real browser, as a person would see it.
import * as assert from 'node:assert';
import { openWorkbench, runCommand, screenshot, showDeepDive, startDeepDive } from './helpers.mjs';

describe('npm start', function () {
  this.timeout(300_000);
  let app;
  let browser;

  before(async () => {
    app = await startDeepDive({ build: true }); // the whole npm start path: build, package, install, serve
    browser = await openWorkbench(app.url);
  });

  after(async () => {
    await browser?.context.close().catch(() => {});
    if (app) await app.stop();
  });

  it('serves the workbench with the Deep Dive view container in the activity bar', async () => {
    // A first launch opens the Deep Dive view by itself (issue 16, point 11): no click needed.
    assert.strictEqual(await showDeepDive(browser.page), true, 'the Deep Dive view opened on first launch');
    const welcome = browser.page.locator('.welcome-view-content a', { hasText: 'Start a Deep Dive' }).first();
    await welcome.waitFor({ timeout: 30_000 });
    assert.ok(await welcome.isVisible());
    await screenshot(browser.page, 'deep-dive-welcome');
  });

  it('offers its commands in the command palette under "Deep Dive"', async () => {
    await browser.page.keyboard.press('Control+Shift+P');
    const input = browser.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>Deep Dive: Open the Walkthrough');
    const row = browser.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Deep Dive: Open the Walkthrough' }).first();
    await row.waitFor({ timeout: 15_000 });
    await browser.page.keyboard.press('Escape');
  });

  it('opens the walkthrough', async () => {
    await runCommand(browser.page, 'Deep Dive: Open the Walkthrough');
    const title = browser.page.locator('.gettingStartedContainer', { hasText: 'Your first deep dive' }).first();
    await title.waitFor({ timeout: 30_000 });
    await screenshot(browser.page, 'deep-dive-walkthrough');
  });

  it('stops cleanly on Ctrl-C', async () => {
    await browser.context.close();
    browser = undefined;
    const code = await app.stop();
    app = undefined;
    assert.strictEqual(code, 0);
  });
});

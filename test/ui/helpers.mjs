// Helpers for UI-level tests: a real workbench in Debian's chromium, driven like a person would.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, launchChromium, repoRoot } from '../../scripts/lib/codeServer.mjs';

/**
 * Runs `npm start`'s script on a free port with its state in a temp folder. Without `build` it
 * reuses the .vsix when there is one (scripts/test.mjs removes a stale one before the suite,
 * so the first start builds it fresh).
 */
export async function startDeepDive({ folder, build = false } = {}) {
  const port = await freePort();
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-ui-'));
  const args = [path.join(repoRoot, 'scripts', 'start.mjs'), '--port', String(port), '--state', state];
  if (folder) args.push('--folder', folder);
  if (!build) args.push('--no-build');
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 4 minutes:\n${out}`)), 240_000);
    const check = () => {
      const m = /running in VS Code at (\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${out}`)));
  });
  return {
    url,
    port,
    child,
    state,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]);
      if (code === 'timeout') child.kill('SIGKILL');
      await removeTree(state);
      return code;
    },
  };
}

/**
 * Removes a test's temp folder. The workbench's extension host and its workers can outlive the
 * server by a few seconds and still write into the folder (CI saw ENOTEMPTY after 2 s of
 * retries), so this keeps trying for up to 30 s; a folder still in use then is left to the OS's
 * temp cleaning with a warning, since where a temp folder goes is not what a test asserts.
 */
export async function removeTree(dir) {
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      return;
    } catch (err) {
      if (Date.now() > until) {
        console.warn(`left ${dir}: ${err.code ?? err.message}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function openWorkbench(url) {
  const context = await launchChromium();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  return { context, page };
}

/**
 * The Deep Dive side bar, as a person finds it: on a fresh install the extension opens it by
 * itself (issue 16, point 11), so wait for that; click the icon only when it is not open (a click
 * on the open container's icon would close the side bar).
 */
export async function showDeepDive(page, { timeout = 60_000 } = {}) {
  const open = page.locator('.activitybar .action-item.checked a[aria-label^="Deep Dive"]');
  try {
    await open.waitFor({ timeout });
    return true;
  } catch {
    await page.locator('.activitybar .action-item a[aria-label^="Deep Dive"]').click();
    await open.waitFor({ timeout: 10_000 });
    return false;
  }
}

/** Runs a command through the command palette, as a person would. */
export async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // The workbench sometimes swallows the first key chord (focus still in a webview or a closing
  // widget): the palette then never opens. And a widget that opened just before (a comment thread
  // focusing its input a moment later) can take the focus and close the palette under us: a
  // fresh-clone run once timed out clicking a row that had gone. A person opens it again; so do
  // we, a few times. Only a click that landed runs the command, so none runs twice.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Control+Shift+P');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 10_000 });
      // Click the row that names the command: Enter would run whichever row is on top.
      await row.waitFor({ timeout: 30_000 });
      await row.click({ timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
      await page.locator('.monaco-workbench').first().focus().catch(() => {});
    }
  }
}

/**
 * Clicks into the code of the active editor, as a person clicks the code they read. It clicks the
 * editor's frame, never its `.view-lines`: that element is as tall as the whole file, and when
 * Playwright's first attempt at a click fails (under load: the closing Quick Open still over the
 * point, a layout still moving) it retries after `scrollIntoView({ block: 'end' })` of the element,
 * which scrolls the editor to the end of the file — a fresh-clone run then showed line 81 alone at
 * the top, the tracker credited that one empty line, and "% read" stayed at 0 for 180 s. The frame
 * is exactly the editor's viewport: scrolling it into view moves nothing.
 */
export async function clickEditor(page, options = {}) {
  await page.locator('.part.editor .monaco-editor').first().click(options);
}

/**
 * Waits for `locator` while a file stays on screen to be read. Reading counts only while the window
 * has focus, as for a person; so the wait is cut into slices and, between them, the page is brought
 * to the front and the code clicked — a person looking back at the code. The assertion stays: the
 * locator must still appear before the timeout.
 */
export async function waitWhileReading(page, locator, { timeout = 180_000, slice = 15_000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      await locator.waitFor({ timeout: Math.max(1, Math.min(slice, end - Date.now())) });
      return;
    } catch (err) {
      if (Date.now() >= end) throw err;
    }
    await page.bringToFront().catch(() => {});
    await clickEditor(page, { timeout: 10_000 }).catch(() => {});
  }
}

/** The extension's log (the Deep Dive output channel as written to disk by the server), or ''. */
export function deepDiveLog(state) {
  const found = [];
  const visit = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('Deep Dive.log')) found.push(p);
    }
  };
  try {
    visit(path.join(state, 'user', 'logs'));
  } catch {
    return '';
  }
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/**
 * What can be observed when reading did not count: the browser's own focus (the extension host
 * counts reading only while the workbench says the window has focus), and the tracker's account
 * of itself from Deep Dive: Explain Reading Tracking, read back from the log on disk.
 */
export async function readingDiagnostics(page, app) {
  const lines = [];
  const browserSide = await page
    .evaluate(() => ({ hasFocus: document.hasFocus(), visibility: document.visibilityState, active: document.activeElement?.className?.toString().slice(0, 80) }))
    .catch((err) => ({ error: String(err) }));
  lines.push(`browser: ${JSON.stringify(browserSide)}`);
  const status = await page.locator('.statusbar-item', { hasText: '% read' }).first().textContent({ timeout: 2_000 }).catch(() => 'none');
  lines.push(`status bar: ${status}`);
  try {
    // By the title package.json gives the command's id, so retitling it does not break this.
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const { title, category } = manifest.contributes.commands.find((c) => c.command === 'deepDive.explainReading');
    await runCommand(page, `${category}: ${title}`);
    const until = Date.now() + 15_000;
    while (!deepDiveLog(app.state).includes('reading tracker:') && Date.now() < until) await new Promise((r) => setTimeout(r, 500));
  } catch (err) {
    lines.push(`Explain Reading Tracking did not run: ${err.message.split('\n')[0]}`);
  }
  lines.push('Deep Dive log:', deepDiveLog(app.state) || '(none on disk)');
  return lines.join('\n');
}

/** Saves a screenshot under test-results/, and into docs/images/ when asked to refresh them. */
export async function screenshot(page, name) {
  const dir = path.join(repoRoot, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.DEEPDIVE_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(repoRoot, 'docs', 'images', `${name}.png`));
  return file;
}

// The HTML report opened in a real headless Chromium (Debian's, through playwright-core, as
// scripts/lib/codeServer.mjs launches it): its content is there and nothing runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import { makeSample, type Sample } from './fixture';

interface Page {
  goto(url: string): Promise<unknown>;
  on(event: string, cb: (arg: { type?: () => string; text?: () => string; dismiss?: () => Promise<void> }) => void): void;
  /** A string expression: this test is compiled without the DOM library. */
  evaluate<T>(expression: string): Promise<T>;
  locator(sel: string): { count(): Promise<number>; first(): { textContent(): Promise<string | null> } };
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
}
interface Context {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

async function launch(): Promise<Context> {
  const lib = pathToFileURL(path.resolve(__dirname, '../../../../scripts/lib/codeServer.mjs')).href;
  // A real dynamic import (tsc would turn `import()` into require for CommonJS).
  const mod = (await new Function('u', 'return import(u)')(lib)) as { launchChromium(): Promise<Context> };
  return mod.launchChromium();
}

describe('report: the HTML file in a real Chromium', function () {
  this.timeout(120_000);
  let s: Sample;
  let ctx: Context;
  let page: Page;
  const events: string[] = [];
  let file: string;

  before(async () => {
    s = makeSample();
    const r = await buildReport(s.root, s.dive, { trusted: true, noCache: true, now: new Date('2025-01-10T12:00:00Z') });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-html-')), 'report.html');
    fs.writeFileSync(file, await renderReport(r, 'html'));
    ctx = await launch();
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('console', (m) => events.push(`console ${m.type?.()}: ${m.text?.()}`));
    page.on('dialog', (d) => {
      events.push('dialog');
      void d.dismiss?.();
    });
    page.on('pageerror', () => events.push('pageerror'));
    page.on('request', () => undefined);
    await page.goto(pathToFileURL(file).href);
  });
  after(async () => {
    await ctx?.close();
    s.cleanup();
    if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('shows the executive summary, the appendix and the map', async () => {
    const h1 = await page.locator('h1').first().textContent();
    assert.equal(h1, 'Deep dive report: Auth & <Session> service');
    const text = await page.evaluate<string>('document.body.innerText');
    for (const want of ['Executive summary', 'Verdict', 'Scope and method', 'Limits', 'Top risks', 'Decisions', 'Recommendations', 'Open questions and whom to ask', 'Engineering appendix', 'Entry points and trust boundaries', 'Hotspots and owners', 'Sessions kept in Redis since 2019', 'Ann Owner']) {
      assert.ok(text.includes(want), `shows ${want}`);
    }
    assert.equal(await page.locator('svg.map g.node').count(), 7);
    const box = await page.evaluate<{ w: number; h: number }>("(() => { const r = document.querySelector('svg.map').getBoundingClientRect(); return { w: r.width, h: r.height }; })()");
    assert.ok(box.w > 100 && box.h > 50, JSON.stringify(box));
  });

  it('shows the hostile note as text and runs nothing', async () => {
    const text = await page.evaluate<string>('document.body.innerText');
    assert.ok(text.includes('<script>alert(1)</script><img src=x onerror=alert(1)>'), 'the note body is visible as text');
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.evaluate<number>("document.querySelectorAll('[onerror],[onclick],[onload]').length"), 0);
    assert.deepEqual(events, []);
  });

  it('has a Content-Security-Policy that blocks script', async () => {
    const blocked = await page.evaluate<string>(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.appendChild(s);
      setTimeout(() => resolve(window.__ran ? 'ran' : 'no event'), 2000);
    })`);
    assert.match(blocked, /^script-src/);
    assert.equal(await page.evaluate<boolean>('window.__ran === true'), false);
  });
});

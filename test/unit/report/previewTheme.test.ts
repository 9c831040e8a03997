// The report preview inside VS Code: the webview puts the editor theme's own styles for body, a,
// code, blockquote and kbd before the page's (copied below from code-server 4.100.3's
// webview/browser/pre/index.html, with each theme's colours). In a dark theme routes, paths and
// module names in code style were pale grey on white (issue 16, point 6). Every piece of text of
// the real report, in a real Chromium, must keep a readable contrast in every theme.
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
  evaluate<T>(expression: string): Promise<T>;
}
interface Context {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

const scripts = path.resolve(__dirname, '../../../../scripts/lib');
// A real dynamic import (tsc would turn `import()` into require for CommonJS).
const importMjs = (file: string) => new Function('u', 'return import(u)')(pathToFileURL(path.join(scripts, file)).href) as Promise<Record<string, unknown>>;

const WEBVIEW_DEFAULTS = `
body{background-color:transparent;color:var(--vscode-editor-foreground);margin:0;padding:0 20px}
a,a code{color:var(--vscode-textLink-foreground)}
a:hover{color:var(--vscode-textLink-activeForeground)}
code{font-family:monospace;color:var(--vscode-textPreformat-foreground);background-color:var(--vscode-textPreformat-background);padding:1px 3px;border-radius:4px}
blockquote{background:var(--vscode-textBlockQuote-background);border-color:var(--vscode-textBlockQuote-border)}
kbd{background-color:var(--vscode-keybindingLabel-background);color:var(--vscode-keybindingLabel-foreground)}`;

// The variables VS Code sets on the webview's html for its default themes.
const THEMES: Record<string, Record<string, string>> = {
  'Dark Modern': { 'editor-foreground': '#cccccc', 'editor-background': '#1f1f1f', 'textPreformat-foreground': '#d0d0d0', 'textPreformat-background': '#3c3c3c', 'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc', 'textBlockQuote-background': '#2b2b2b', 'keybindingLabel-foreground': '#cccccc', 'keybindingLabel-background': '#8080802b' },
  'Light Modern': { 'editor-foreground': '#3b3b3b', 'editor-background': '#ffffff', 'textPreformat-foreground': '#3b3b3b', 'textPreformat-background': '#0000001f', 'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8', 'textBlockQuote-background': '#f8f8f8', 'keybindingLabel-foreground': '#3b3b3b', 'keybindingLabel-background': '#dddddd66' },
  'High Contrast': { 'editor-foreground': '#ffffff', 'editor-background': '#000000', 'textPreformat-foreground': '#ffffff', 'textPreformat-background': '#000000', 'textLink-foreground': '#21a6ff', 'textLink-activeForeground': '#21a6ff', 'textBlockQuote-background': '#000000', 'keybindingLabel-foreground': '#ffffff', 'keybindingLabel-background': '#00000000' },
};

describe('report preview: readable in light, dark and high-contrast themes', function () {
  this.timeout(120_000);
  let s: Sample;
  let ctx: Context;
  let page: Page;
  let dir: string;
  let html: string;
  let lowContrast: string;

  before(async () => {
    s = makeSample();
    const r = await buildReport(s.root, s.dive, { trusted: true, noCache: true, now: new Date('2025-01-10T12:00:00Z') });
    html = await renderReport(r, 'html');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-preview-'));
    lowContrast = String((await importMjs('contrast.mjs')).LOW_CONTRAST_SOURCE);
    ctx = await ((await importMjs('codeServer.mjs')).launchChromium as () => Promise<Context>)();
    page = ctx.pages()[0] ?? (await ctx.newPage());
  });
  after(async () => {
    await ctx?.close();
    s.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [theme, vars] of Object.entries(THEMES)) {
    it(`keeps every text readable in ${theme}`, async () => {
      const root = Object.entries(vars).map(([k, v]) => `--vscode-${k}:${v}`).join(';');
      // As the webview does: its styles first in the head, the theme's variables on html.
      const page$ = html.replace('<html lang="en">', `<html lang="en" style="${root}">`).replace('<head>', `<head><style>${WEBVIEW_DEFAULTS}</style>`);
      assert.ok(page$.includes(WEBVIEW_DEFAULTS) && page$.includes(root), 'the theme was put in the page');
      const file = path.join(dir, `${theme.replace(/\W+/g, '-')}.html`);
      fs.writeFileSync(file, page$);
      await page.goto(pathToFileURL(file).href);
      const res = await page.evaluate<{ checked: number; bad: unknown[] }>(`(${lowContrast})(4.5)`);
      assert.ok(res.checked > 100, `text checked: ${res.checked}`);
      assert.deepEqual(res.bad, []);
    });
  }
});

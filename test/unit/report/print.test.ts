// The HTML report printed to PDF by the real Chromium (Debian's, through playwright-core), on A4
// and on Letter, for a deep dive of 50 notes: the executive summary fits one page, nothing is cut
// at the right edge, the module map's text prints at 8 pt or more, the PDF pages have the paper's
// width, and the appendix and its chapters each start a page (read back from the PDF's text).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import type { Note, Severity } from '../../../src/core/model/types';
import { anchorAt, makeSample, note, type Sample } from './fixture';
import { pdfPages } from './pdfText';

interface Page {
  goto(url: string): Promise<unknown>;
  evaluate<T>(expression: string): Promise<T>;
  emulateMedia(o: { media: 'print' | 'screen' }): Promise<void>;
  setViewportSize(o: { width: number; height: number }): Promise<void>;
  pdf(o: { format: string; printBackground?: boolean }): Promise<Buffer>;
}
interface Context {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

async function launch(): Promise<Context> {
  const lib = pathToFileURL(path.resolve(__dirname, '../../../../scripts/lib/codeServer.mjs')).href;
  const mod = (await new Function('u', 'return import(u)')(lib)) as { launchChromium(): Promise<Context> };
  return mod.launchChromium();
}

const PAPER = [
  // Width in points, and the text column in CSS px at the report's print margins (13 mm each side).
  { format: 'A4', points: 595.9, column: Math.floor(((210 - 26) / 25.4) * 96) },
  { format: 'Letter', points: 612, column: Math.floor(((215.9 - 26) / 25.4) * 96) },
];

/** The 50-note deep dive printed on 14 A4 pages before the route table lost its repeated places and reasons. */
const MAX_PAGES = 13;

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const FILES = ['src/routes/auth.ts', 'src/routes/users.ts', 'src/services/authService.ts', 'src/store/sessionStore.ts', 'src/lib/tokens.ts', 'src/middleware/requireAuth.ts'];

/** 50 notes of every kind, long enough to wrap, with impacts: a full quarter's findings. */
function fiftyNotes(root: string): Note[] {
  const kinds: Note['kind'][] = ['risk', 'gap', 'decision', 'question', 'insight'];
  return Array.from({ length: 50 }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const file = FILES[i % FILES.length];
    const extra: Partial<Note> = { severity: SEVERITIES[i % 4] };
    if (kind === 'risk' || kind === 'gap') extra.impact = `Customer ${i} could lose access to their account for hours while support cannot tell why; a regulator would count it as an incident.`;
    if (kind === 'decision') extra.decision = i % 2 ? 'kept' : 'revisit';
    const body = `Finding ${i}: the ${kind} at ${file} concerns how src/${'very/'.repeat(3)}long/path/module_${i}.ts handles tokens, e.g. when a refresh races a logout. The rest of this note explains the evidence in detail, with the lines read and the people asked.`;
    return note(`n${i}`, kind, body, { type: 'code', anchor: anchorAt(root, file, 1 + (i % 3), 2 + (i % 3)) }, extra);
  });
}

describe('report: printed to PDF in a real Chromium, A4 and Letter', function () {
  this.timeout(180_000);
  let s: Sample;
  let ctx: Context;
  let page: Page;
  let file: string;

  before(async () => {
    s = makeSample();
    s.dive.notes = fiftyNotes(s.root);
    s.dive.verdict = { text: 'The session service is sound in its design but two gaps in logout and token rotation leave accounts exposed for minutes; both are fixable this quarter. Everything else we read holds up.', updated: '2025-01-09T10:00:00.000Z' };
    const r = await buildReport(s.root, s.dive, { trusted: true, noCache: true, now: new Date('2025-01-10T12:00:00Z') });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-print-')), 'report.html');
    fs.writeFileSync(file, await renderReport(r, 'html'));
    ctx = await launch();
    page = ctx.pages()[0] ?? (await ctx.newPage());
  });
  after(async () => {
    await ctx?.close();
    s.cleanup();
    if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  for (const paper of PAPER) {
    it(`${paper.format}: nothing is cut at the right edge, and map labels print at 8 pt or more`, async () => {
      await page.setViewportSize({ width: paper.column, height: 1000 });
      await page.goto(pathToFileURL(file).href);
      await page.emulateMedia({ media: 'print' });
      const over = await page.evaluate<string[]>(`(() => {
        const limit = document.body.getBoundingClientRect().right + 0.5;
        const out = [];
        for (const el of document.querySelectorAll('table, td, th, code, figure, svg, pre, p, li')) {
          const r = el.getBoundingClientRect();
          if (r.width && r.right > limit) out.push(el.tagName + ' ' + (el.textContent || '').slice(0, 40) + ' ' + r.right + ' > ' + limit);
        }
        if (document.documentElement.scrollWidth > window.innerWidth) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
        return out;
      })()`);
      assert.deepEqual(over, []);
      const smallest = await page.evaluate<number>(`(() => {
        const svg = document.querySelector('svg.map');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        let min = Infinity;
        for (const t of svg.querySelectorAll('text')) min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale * 0.75);
        return min;
      })()`);
      assert.ok(smallest >= 8, `smallest map label ${smallest.toFixed(1)} pt`);
    });

    it(`${paper.format}: every PDF page has the paper's width; the summary is page 1 alone; each section starts a page`, async () => {
      await page.goto(pathToFileURL(file).href);
      const pages = pdfPages(await page.pdf({ format: paper.format, printBackground: true }));
      assert.ok(pages.length >= 4, `${pages.length} pages in all`);
      for (const [i, p] of pages.entries()) assert.ok(Math.abs(p.width - paper.points) < 1, `page ${i + 1} is ${p.width} pt wide`);
      // Page text without whitespace (Chromium positions glyphs instead of drawing spaces).
      const squash = (t: string) => t.replace(/\s+/g, '');
      const text = pages.map((p) => squash(p.text));
      // The whole executive summary on page 1, from the title to its last part, and nothing else.
      assert.ok(text[0].startsWith(squash('Deep dive report:')), text[0].slice(0, 80));
      for (const part of ['Executive summary', 'Verdict', 'Scope and method', 'Top risks', 'Decisions', 'Recommendations', 'Questions']) assert.ok(text[0].includes(squash(part)), `page 1 holds ${part}: ${text[0].slice(0, 200)}`);
      assert.ok(!text[0].includes(squash('Engineering appendix')), 'the appendix does not start on the summary page');
      // The appendix and its chapters each begin a page (the CSS breaks before them).
      let last = 0;
      for (const heading of ['Engineering appendix', 'Entry points and trust boundaries', 'Notes by severity']) {
        const at = text.findIndex((t) => t.includes(squash(heading)));
        assert.ok(at > last, `${heading} on page ${at + 1}, after page ${last + 1}`);
        assert.ok(text[at].startsWith(squash(heading)), `${heading} begins page ${at + 1}: ${text[at].slice(0, 120)}`);
        last = at;
      }
      // The summary alone prints on exactly one page.
      await page.evaluate<void>("document.querySelector('#appendix').remove(); document.querySelector('footer').remove()");
      const summary = pdfPages(await page.pdf({ format: paper.format, printBackground: true }));
      assert.equal(summary.length, 1, `the summary of a 50-note deep dive takes ${summary.length} pages`);
    });
  }

  it('A4: the whole report stays short — no page holds only the closing line, and it prints in at most MAX_PAGES pages', async () => {
    await page.goto(pathToFileURL(file).href);
    const pages = pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
    const lastText = pages[pages.length - 1].text.replace(/\s+/g, '');
    assert.ok(!/^Generatedby/.test(lastText), `the last page holds only the footer: ${lastText.slice(0, 80)}`);
    assert.ok(pages.length <= MAX_PAGES, `${pages.length} pages`);
  });
});

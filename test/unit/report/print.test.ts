// The HTML report printed to PDF by the real Chromium (Debian's, through playwright-core), on A4
// and on Letter, for a deep dive of 50 notes: the executive summary fits one page, nothing is cut
// at the right edge, the module map's text prints at 8 pt or more, and the PDF pages have the
// paper's width.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import type { Note, Severity } from '../../../src/core/model/types';
import { anchorAt, makeSample, note, type Sample } from './fixture';

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

/** Pages of a PDF Chromium wrote, and the width of the first (points). */
function pdfPages(pdf: Buffer): { pages: number; width: number } {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  return { pages, width: box ? Number(box[3]) - Number(box[1]) : 0 };
}

const PAPER = [
  // Width in points, and the text column in CSS px at the report's print margins (13 mm each side).
  { format: 'A4', points: 595.9, column: Math.floor(((210 - 26) / 25.4) * 96) },
  { format: 'Letter', points: 612, column: Math.floor(((215.9 - 26) / 25.4) * 96) },
];

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

    it(`${paper.format}: the PDF has the paper's width, and the executive summary is one page`, async () => {
      await page.goto(pathToFileURL(file).href);
      const whole = pdfPages(await page.pdf({ format: paper.format, printBackground: true }));
      assert.ok(Math.abs(whole.width - paper.points) < 1, `page width ${whole.width} pt`);
      assert.ok(whole.pages >= 2, `${whole.pages} pages in all`);
      // The summary alone: exactly one page.
      await page.evaluate<void>("document.querySelector('#appendix').remove(); document.querySelector('footer').remove()");
      const summary = pdfPages(await page.pdf({ format: paper.format, printBackground: true }));
      assert.equal(summary.pages, 1, `the summary of a 50-note deep dive takes ${summary.pages} pages`);
    });
  }
});

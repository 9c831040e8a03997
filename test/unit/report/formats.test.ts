import * as assert from 'node:assert/strict';
import { buildReport } from '../../../src/core/report/buildReport';
import { mdText, mermaidLabel } from '../../../src/core/report/escape';
import { moduleMermaid } from '../../../src/core/report/mermaid';
import { renderReport } from '../../../src/core/report/render';
import type { ReportData } from '../../../src/core/report/types';
import { HOSTILE, makeSample, type Sample } from './fixture';
import { renderMarkdownToHtml, visibleText } from './markdownRender';

describe('report: Markdown and HTML', function () {
  this.timeout(60_000);
  let s: Sample;
  let r: ReportData;
  let md: string;
  let html: string;
  before(async () => {
    s = makeSample();
    r = await buildReport(s.root, s.dive, { trusted: true, noCache: true, now: new Date('2025-01-10T12:00:00Z') });
    md = await renderReport(r, 'md');
    html = await renderReport(r, 'html');
  });
  after(() => s.cleanup());

  it('Markdown: executive summary before the appendix, with every summary part', () => {
    const order = ['## Executive summary', '### Verdict', '### Scope and method', '### Limits', '### Top risks', '### Decisions', '### Recommendations', '### Questions', '## Engineering appendix', '### Module map', '```mermaid', '### Coverage per module', '### Entry points and trust boundaries', '### Flows', '### Notes by severity', '### All recommendations', '### Open questions and whom to ask', '### Hotspots and owners'];
    let at = -1;
    for (const h of order) {
      const i = md.indexOf(h, at + 1);
      assert.ok(i > at, `${h} after the previous part`);
      at = i;
    }
    assert.match(md, /1\.5 h of reading on screen in the editor across 2 files/);
    assert.match(md, /\*\*critical\*\* risk/);
    assert.match(md, /Account takeover \\<b>possible\\<\/b>/);
  });

  it('Markdown: hostile note text shows as text once rendered (no HTML, no link, no image)', () => {
    const html = renderMarkdownToHtml(md);
    assert.ok(!/<script|<img|<b>|<a href="javascript/i.test(html), 'no markup from the note');
    assert.ok(!/<img/.test(html) && !/!\[x\]\(https/.test(md), 'no image');
    assert.ok(visibleText(html).includes(HOSTILE), 'the note reads exactly as written');
    assert.ok(!md.includes('Bob <b>'), 'author names escaped');
  });

  it('Markdown: code links go to the web at the base commit; routes without auth are called out', () => {
    assert.match(md, /\[`src\/routes\/auth\.ts:2-3`\]\(https:\/\/github\.com\/acme\/auth-service\/blob\/c0ffee0+1\/src\/routes\/auth\.ts#L2-L3\)/);
    assert.match(md, /> \*\*\d+ routes? with no auth \(no auth check, nothing says [^)]*\):\*\* .*`GET \/api\/users\/:id\/sessions`/);
    assert.match(md, /\| `GET \/health` \| public on purpose \|/);
  });

  it('Mermaid: graph LR, coloured by coverage, labels cannot break out', () => {
    const m = moduleMermaid(r.graph);
    assert.match(m, /^graph LR\n/);
    assert.match(m, /m\d+\["#9654; src\/routes #183; [\d.]+#37;"\]/);
    assert.match(m, /classDef c0 /);
    assert.match(m, /class m\d+ c[0-4]/);
    assert.equal(mermaidLabel('a"]; click x call alert()'), 'a#34;#93;#59; click x call alert#40;#41;');
    assert.equal(mdText('1. not a list'), '1\\. not a list');
  });

  it('HTML: one self-contained file with a no-script CSP and an inline SVG map', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">/);
    assert.ok(!/<script/i.test(html), 'no script element');
    assert.ok(!/<[a-z][^>]*\son[a-z]+=/i.test(html), 'no event handler attribute');
    assert.ok(!/(src|href)="(?!https:\/\/github\.com\/acme\/)/.test(html.replace(/href="#[^"]*"|url\(#arrow\)/g, '')), 'no other external reference');
    assert.match(html, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="map"/);
    assert.match(html, /@media print/);
    assert.ok(html.indexOf('id="summary"') < html.indexOf('id="appendix"'));
  });

  it('HTML: hostile note text is escaped', () => {
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('Bob &lt;b&gt;Builder&lt;/b&gt;') || !html.includes('Bob <b>'));
    assert.ok(html.includes('Deep dive report: Auth &amp; &lt;Session&gt; service'));
  });
});

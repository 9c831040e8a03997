// The module map (Mermaid in Markdown, inline SVG in HTML, laid out to stay legible on a printed
// page) and coverage per module.
import { moduleMermaid } from '../mermaid';
import { layoutForPrint, renderSvg } from '../svg';
import type { ReportSection } from './types';
import { e, htmlTable, mdCode, mdTable } from './kit';

function bar(percent: number): string {
  const p = Math.max(0, Math.min(100, Math.round(percent / 5) * 5));
  return `<span class="bar"><span class="fill w${p}"></span></span> ${percent}%`;
}

export const moduleMapSection: ReportSection = {
  id: 'module-map',
  markdown(r) {
    return ['### Module map', '', '_Colour: reading coverage (red: unread, green: fully read, grey: outside the scope); ▶ marks modules with entry points._', '', '```mermaid', moduleMermaid(r.graph), '```', ''];
  },
  html(r) {
    const layout = layoutForPrint(r.graph);
    return [
      '<h3>Module map</h3>',
      `<p class="muted">Colour: reading coverage (red: unread → green: fully read; grey: outside the scope). ▶ marks modules with entry points. Arrows: imports.${layout.collapsed ? ' Large graph: folders are collapsed into groups; every module is listed under “Coverage per module”.' : ''}</p>`,
      '<div class="legend"><span class="node-key c0">0%</span><span class="node-key c1">&lt;25%</span><span class="node-key c2">25–59%</span><span class="node-key c3">60–99%</span><span class="node-key c4">100%</span><span class="node-key out">out of scope</span></div>',
      `<figure class="mapbox">${renderSvg(layout, `Module map of ${r.dive.title}`)}</figure>`,
    ].join('');
  },
};

export const coverageSection: ReportSection = {
  id: 'coverage',
  markdown(r) {
    return ['### Coverage per module', '', ...mdTable(['Module', 'Read', 'Code lines', 'Files fully read'], r.coverage.modules.map((m) => [mdCode(m.id || '(root)'), `${m.percent}%`, `${m.read}/${m.lines}`, `${m.filesRead}/${m.files}`])), ''];
  },
  html(r) {
    return `<h3>Coverage per module</h3>${htmlTable(['Module', 'Read', 'Code lines', 'Files fully read'], r.coverage.modules.map((m) => [`<code>${e(m.id || '(root)')}</code>`, bar(m.percent), `${m.read}/${m.lines}`, `${m.filesRead}/${m.files}`]), '', ['c-path', 'c-bar', 'c-num', 'c-num'])}`;
  },
};

// The report as one self-contained HTML file: no script, no network (the CSP says so), inline
// SVG module map, print-friendly. Executive summary first (a two-minute read), then the
// engineering appendix. Every piece of repository or note text goes through escapeHtml.
import { compareHtml } from './compareHtml';
import { clip, escapeHtml as e, safeHref } from './escape';
import { coverageText, datesText, day, effortText, guardText, hours, kindTitle, scopeText, severityLabel, shortCommit, SUGGESTED_INTRO, suggestedStepText, suggestedTail } from './format';
import { REPORT_CSS } from './htmlStyle';
import { layoutReportGraph, renderSvg } from './svg';
import type { CodeLink, ReportData, ReportNote } from './types';
import { NOTE_KINDS } from '../model/types';
import type { RenderOptions } from './render';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function where(c: CodeLink | undefined): string {
  if (!c) return '';
  const label = `<code class="loc">${e(`${c.file}:${c.line}${c.endLine > c.line ? `-${c.endLine}` : ''}`)}</code>`;
  const href = safeHref(c.web);
  return href ? `<a href="${e(href)}">${label}</a>` : label;
}

function sev(n: Pick<ReportNote, 'severity'>): string {
  const s = severityLabel(n);
  return `<span class="sev sev-${e(s)}">${e(s)}</span>`;
}

function table(head: string[], rows: string[][], cls = ''): string {
  if (!rows.length) return '<p class="none">None.</p>';
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function bar(percent: number): string {
  const p = Math.max(0, Math.min(100, Math.round(percent / 5) * 5));
  return `<span class="bar"><span class="fill w${p}"></span></span> ${percent}%`;
}

function anchorMark(n: ReportNote): string {
  if (n.anchor === 'moved') return ' <em class="muted">(code moved)</em>';
  if (n.anchor === 'orphaned') return ' <em class="muted">(code gone)</em>';
  return '';
}

function body(text: string): string {
  return e(text).replace(/\r?\n/g, '<br>');
}

export function renderHtml(r: ReportData, o: RenderOptions = {}): string {
  const byId = new Map(r.notes.map((n) => [n.id, n]));
  const s: string[] = [];
  s.push('<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">');
  s.push(`<meta http-equiv="Content-Security-Policy" content="${e(o.csp ?? REPORT_CSP)}">`);
  s.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  s.push(`<title>Deep dive report: ${e(r.dive.title)}</title>`);
  s.push(`<style${o.styleNonce ? ` nonce="${e(o.styleNonce)}"` : ''}>${REPORT_CSS}</style></head><body>`);

  s.push('<header>');
  s.push(`<h1>Deep dive report: ${e(r.dive.title)}</h1>`);
  s.push(`<p class="meta">Deep dive <code>${e(r.dive.id)}</code> · base commit <code>${e(shortCommit(r.dive.baseCommit))}</code> · generated ${e(day(r.generated))}</p>`);
  s.push('</header>');

  // ---- executive summary ----
  s.push('<section id="summary" class="summary"><h2>Executive summary</h2>');
  s.push('<dl class="facts">');
  s.push(`<div><dt>Scope</dt><dd>${e(scopeText(r.dive))}</dd></div>`);
  s.push(`<div><dt>Dates</dt><dd>${e(datesText(r.dive, r.generated))}</dd></div>`);
  s.push(`<div><dt>Effort</dt><dd>${e(effortText(r))}</dd></div>`);
  s.push(`<div><dt>Coverage</dt><dd>${bar(r.coverage.percent)}<br><span class="muted">${e(coverageText(r))}</span></dd></div>`);
  s.push(`<div><dt>Findings</dt><dd>${r.summary.notes.open} open notes of ${r.summary.notes.total}; ${r.summary.entries.unguarded} of ${r.summary.entries.total} entry points without authentication</dd></div>`);
  s.push('</dl>');

  s.push('<h3>Top risks and gaps</h3>');
  s.push(
    table(
      ['Severity', 'Finding', 'Business impact', 'Where'],
      r.summary.topRisks.slice(0, 8).map((id) => {
        const n = byId.get(id)!;
        return [`${sev(n)} ${e(n.kind)}`, e(clip(n.body, 240)), n.impact ? e(clip(n.impact, 240)) : '<em class="muted">not stated</em>', where(n.code) || (n.module ? `<code>${e(n.module)}</code>` : '')];
      }),
      'risks',
    ),
  );
  if (r.summary.topRisks.length > 8) s.push(`<p class="muted">${r.summary.topRisks.length - 8} more in the appendix.</p>`);

  s.push('<h3>Decisions worth revisiting</h3>');
  s.push(
    r.summary.decisions.length
      ? `<ul>${r.summary.decisions.slice(0, 8).map((id) => {
          const n = byId.get(id)!;
          return `<li>${e(clip(n.body, 240))}${n.impact ? ` — <span class="muted">${e(clip(n.impact, 200))}</span>` : ''}${n.code ? ` (${where(n.code)})` : ''}${anchorMark(n)}</li>`;
        }).join('')}</ul>`
      : '<p class="none">None recorded.</p>',
  );

  s.push('<h3>Recommendations</h3>');
  s.push(
    r.summary.recommendations.length
      ? `<ol class="recs">${r.summary.recommendations.slice(0, 12).map((x) => `<li>${sev(x)} <strong>${e(x.title)}</strong><br><span class="muted">${e(x.detail)}</span></li>`).join('')}</ol>`
      : '<p class="none">None.</p>',
  );

  s.push('<h3>Open questions and whom to ask</h3>');
  s.push(
    r.summary.questions.length
      ? `<ul>${r.summary.questions.map((q) => {
          const ask = q.ask.length ? q.ask.map((p) => `${e(p.name)}${p.share !== undefined ? ` (${Math.round(p.share * 100)}%)` : ''}${p.active ? '' : ' <em class="muted">(inactive)</em>'}`).join(', ') : '<em class="muted">nobody known</em>';
          return `<li>${e(clip(q.text, 240))}${q.module ? ` — <code>${e(q.module)}</code>` : ''}${q.code ? ` (${where(q.code)})` : ''}<br><span class="muted">Ask: ${ask}</span></li>`;
        }).join('')}</ul>`
      : '<p class="none">None: every question is answered.</p>',
  );
  s.push('</section>');

  if (r.compare) s.push(compareHtml(r.compare, byId));

  // ---- engineering appendix ----
  s.push('<section id="appendix" class="appendix"><h2>Engineering appendix</h2>');
  const layout = layoutReportGraph(r.graph);
  s.push('<h3>Module map</h3>');
  s.push(`<p class="muted">Colour: reading coverage (red: unread → green: fully read; grey: outside the scope). ▶ marks modules with entry points. Arrows: imports.${layout.collapsed ? ' Large graph: folders are collapsed into groups; every module is listed under “Coverage per module”.' : ''}</p>`);
  s.push('<div class="legend"><span class="node-key c0">0%</span><span class="node-key c1">&lt;25%</span><span class="node-key c2">25–59%</span><span class="node-key c3">60–99%</span><span class="node-key c4">100%</span><span class="node-key out">out of scope</span></div>');
  s.push(`<figure class="mapbox">${renderSvg(layout, `Module map of ${r.dive.title}`)}</figure>`);

  s.push('<h3>Coverage per module</h3>');
  s.push(table(['Module', 'Read', 'Code lines', 'Files fully read'], r.coverage.modules.map((m) => [`<code>${e(m.id || '(root)')}</code>`, bar(m.percent), `${m.read}/${m.lines}`, `${m.filesRead}/${m.files}`])));

  s.push('<h3>Entry points and guards</h3>');
  const unguarded = r.entries.filter((x) => x.unguarded);
  if (unguarded.length) s.push(`<p class="callout"><strong>${unguarded.length} route${unguarded.length === 1 ? '' : 's'} without authentication:</strong> ${unguarded.map((x) => `<code>${e(`${x.method} ${x.path}`)}</code>`).join(', ')}</p>`);
  s.push(
    table(
      ['Entry point', 'Guards', 'Handler', 'Where'],
      r.entries.map((x) => {
        const href = safeHref(x.web);
        const loc = `<code class="loc">${e(`${x.file}:${x.line}`)}</code>`;
        return [`${x.unguarded ? '<span class="sev sev-high">no auth</span> ' : ''}<code>${e(`${x.method} ${x.path}`)}</code>`, e(guardText(x)), `<code>${e(x.handler)}</code>`, href ? `<a href="${e(href)}">${loc}</a>` : loc];
      }),
    ),
  );

  s.push('<h3>Flows</h3>');
  if (!r.flows.length) s.push('<p class="none">No flows traced.</p>');
  for (const f of r.flows) {
    s.push(`<div class="flow"><h4>${e(f.title)} <span class="status">${e(f.status)}</span></h4>`);
    if (f.entry) s.push(`<p class="muted">Starts at <code>${e(f.entry)}</code>.</p>`);
    s.push('<ol class="steps">');
    for (const st of f.steps) {
      const notes = st.notes.map((id) => byId.get(id)).filter((n): n is ReportNote => !!n);
      s.push(`<li>${where(st.code)}${st.title ? ` ${e(st.title)}` : ''}${st.visited ? '' : ' <em class="muted">(not visited)</em>'}${st.anchor === 'orphaned' ? ' <em class="muted">(code gone)</em>' : ''}`);
      if (notes.length) s.push(`<ul>${notes.map((n) => `<li>${e(n.kind)}${n.severity ? ` ${sev(n)}` : ''}: ${body(clip(n.body, 300))}</li>`).join('')}</ul>`);
      s.push('</li>');
    }
    s.push('</ol>');
    const onFlow = f.notes.filter((id) => !f.steps.some((x) => x.notes.includes(id))).map((id) => byId.get(id)!);
    if (onFlow.length) s.push(`<ul>${onFlow.map((n) => `<li>${e(n.kind)}${n.severity ? ` ${sev(n)}` : ''}: ${body(clip(n.body, 300))}</li>`).join('')}</ul>`);
    s.push('</div>');
  }

  if (r.suggestedFlows?.length) {
    s.push(`<h4>Suggested flows (not yet traced)</h4><p class="muted">${e(SUGGESTED_INTRO)}</p>`);
    for (const f of r.suggestedFlows) {
      s.push(`<div class="flow suggested"><h4><code>${e(f.entry)}</code>${f.unguarded ? ' <span class="sev sev-high">no auth</span>' : ''} <span class="status">suggested, not yet traced</span></h4><ul class="steps">`);
      for (const st of f.steps) s.push(`<li class="depth-${Math.min(st.depth, 8)} step-${e(st.kind)}">${e(suggestedStepText(st))} ${where(st.code)}</li>`);
      s.push('</ul>');
      const tail = suggestedTail(f);
      if (tail) s.push(`<p class="muted">${e(tail)}.</p>`);
      s.push('</div>');
    }
  }

  s.push('<h3>Notes</h3>');
  if (!r.notes.length) s.push('<p class="none">No notes.</p>');
  for (const kind of NOTE_KINDS) {
    const list = r.notes.filter((n) => n.kind === kind);
    if (!list.length) continue;
    s.push(`<h4>${e(kindTitle(kind))} (${list.length})</h4><ul class="notes">`);
    for (const n of list) {
      const place = where(n.code) || (n.module ? `module <code>${e(n.module)}</code>` : n.flow ? `flow <code>${e(n.flow)}</code>` : 'the whole deep dive');
      s.push(`<li class="note note-${e(n.kind)}${n.status === 'resolved' ? ' resolved' : ''}">${n.severity ? `${sev(n)} ` : ''}${n.status === 'resolved' ? '<span class="status">resolved</span> ' : ''}<span class="body">${body(n.body)}</span> <span class="muted">— ${place}${anchorMark(n)}</span>${n.impact ? `<br><span class="impact">Business impact: ${body(n.impact)}</span>` : ''}</li>`);
    }
    s.push('</ul>');
  }

  s.push('<h3>Hotspots and owners</h3>');
  if (!r.history.available) s.push(`<p class="none">History ${e(r.history.reason ?? 'unavailable')}.</p>`);
  else {
    if (r.history.partial && r.history.reason) s.push(`<p class="muted">${e(r.history.reason)}</p>`);
    s.push(table(['Hotspot', 'Score', 'Churn', 'Complexity', 'Read'], r.history.hotspots.slice(0, 15).map((h) => [`<code>${e(h.path)}</code>`, String(h.score), String(h.churn), String(h.complexity), h.percent === undefined ? 'out of scope' : bar(h.percent)])));
    s.push(
      table(
        ['Module', 'Owners', 'Bus factor', 'Churn', 'Last change'],
        r.history.owners.map((m) => [
          `<code>${e(m.module || '(root)')}</code>`,
          m.owners.slice(0, 3).map((p) => `${e(p.name)} ${Math.round(p.share * 100)}%${p.active ? '' : ' <em class="muted">(inactive)</em>'}`).join(', ') || '<em class="muted">no history</em>',
          `${m.busFactor}${m.singleOwner ? ' <span class="sev sev-medium">single owner</span>' : ''}`,
          String(m.churn),
          e(day(m.lastChange)),
        ]),
      ),
    );
  }
  s.push(`<p class="muted">Effort detail: ${e(hours(r.effort.seconds))} on screen; first read ${e(day(r.effort.firstRead))}, last read ${e(day(r.effort.lastRead))}.</p>`);
  s.push('</section>');
  s.push(`<footer class="muted">Generated by ${e(r.generator)} on ${e(r.generated)} · schema ${e(r.schema)}</footer>`);
  s.push('</body></html>');
  return s.join('\n');
}

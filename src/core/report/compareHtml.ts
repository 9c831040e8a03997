// The comparison with an earlier report, as an HTML section.
import { clip, escapeHtml as e, safeHref } from './escape';
import { day } from './format';
import type { ReportComparison, ReportNote } from './types';

function codes(items: string[]): string {
  return items.length ? items.map((i) => `<code>${e(i)}</code>`).join(', ') : '<em class="muted">none</em>';
}

function pct(v: number | undefined): string {
  return v === undefined ? '–' : `${v}%`;
}

export function compareHtml(c: ReportComparison, notes: Map<string, ReportNote>): string {
  const s: string[] = [];
  s.push(`<section id="compare" class="compare"><h2>Changes since the report of ${e(day(c.previous.generated))}</h2>`);
  s.push(`<p class="muted">Compared with ${e(c.previous.title)} (<code>${e(c.previous.dive)}</code>, base commit <code>${e((c.previous.baseCommit ?? 'unknown').slice(0, 10))}</code>).</p>`);
  s.push('<ul>');
  s.push(`<li><strong>Coverage:</strong> ${c.coverage.before.percent}% then, ${c.coverage.after.percent}% now (${c.coverage.before.read}/${c.coverage.before.lines} → ${c.coverage.after.read}/${c.coverage.after.lines} code lines)</li>`);
  s.push(`<li><strong>Routes added:</strong> ${codes(c.entries.added)}</li>`);
  s.push(`<li><strong>Routes removed:</strong> ${codes(c.entries.removed)}</li>`);
  s.push(`<li><strong>Routes changed:</strong> ${c.entries.changed.length ? c.entries.changed.map((x) => `<code>${e(x.id)}</code> (${e(x.changes.join(', '))}${x.changes.includes('guards') ? `: ${e(x.before.guards.join(', ') || 'no guards')} → ${e(x.after.guards.join(', ') || 'no guards')}` : ''})`).join('; ') : '<em class="muted">none</em>'}</li>`);
  s.push(`<li><strong>Modules added:</strong> ${codes(c.modules.added)}</li>`);
  s.push(`<li><strong>Modules removed:</strong> ${codes(c.modules.removed)}</li>`);
  s.push(`<li><strong>Modules changed:</strong> ${c.modules.changed.length ? c.modules.changed.map((m) => `<code>${e(m.id)}</code> (${m.before.files}→${m.after.files} files, ${m.before.lines}→${m.after.lines} lines)`).join('; ') : '<em class="muted">none</em>'}</li>`);
  s.push(`<li><strong>New dependency edges:</strong> ${c.edges.added.length ? c.edges.added.map((x) => `<code>${e(x.from)}</code> → <code>${e(x.to)}</code>`).join(', ') : '<em class="muted">none</em>'}</li>`);
  if (c.edges.removed.length) s.push(`<li><strong>Dependency edges gone:</strong> ${c.edges.removed.map((x) => `<code>${e(x.from)}</code> → <code>${e(x.to)}</code>`).join(', ')}</li>`);
  s.push(`<li><strong>Risks still open:</strong> ${c.risksStillOpen.length}${c.risksClosed.length ? `; closed since: ${c.risksClosed.length}` : ''}`);
  const still = c.risksStillOpen.map((id) => notes.get(id)).filter((n): n is ReportNote => !!n);
  if (still.length) s.push(`<ul>${still.map((n) => `<li>${n.severity ? `<span class="sev sev-${e(n.severity)}">${e(n.severity)}</span> ` : ''}${e(clip(n.body, 200))}</li>`).join('')}</ul>`);
  s.push('</li>');
  s.push(`<li><strong>Notes whose code changed since:</strong> ${c.notesChanged.length ? '' : '<em class="muted">none</em>'}`);
  if (c.notesChanged.length) {
    s.push(
      `<ul>${c.notesChanged
        .map((n) => {
          const href = safeHref(n.code?.web);
          const loc = n.code ? `<code>${e(`${n.code.file}:${n.code.line}`)}</code>` : '';
          return `<li>${e(n.kind)}: ${e(clip(notes.get(n.id)?.body ?? n.id, 160))} — ${e(n.reason)}${loc ? ` (${href ? `<a href="${e(href)}">${loc}</a>` : loc})` : ''}</li>`;
        })
        .join('')}</ul>`,
    );
  }
  s.push('</li></ul>');
  const moved = c.coverage.modules.filter((m) => m.before !== m.after);
  if (moved.length) {
    s.push(`<table><thead><tr><th>Module</th><th>Coverage then</th><th>Coverage now</th></tr></thead><tbody>${moved.map((m) => `<tr><td><code>${e(m.id || '(root)')}</code></td><td>${pct(m.before)}</td><td>${pct(m.after)}</td></tr>`).join('')}</tbody></table>`);
  }
  s.push('</section>');
  return s.join('\n');
}

// Pieces both formats' sections share: code links, tables, counts, labels.
import { escapeHtml as e, mdCode, mdLink, mdText, safeHref } from '../escape';
import type { CodeLink, ReportNote } from '../types';
import { groupDigits } from '../../numberText';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n)} ${n === 1 ? one : many}`;
}

export function place(c: CodeLink): string {
  return `${c.file}:${c.line}${c.endLine > c.line ? `-${c.endLine}` : ''}`;
}

export function mdWhere(c: CodeLink | undefined): string {
  return c ? mdLink(mdCode(place(c)), c.web) : '';
}

export function htmlWhere(c: CodeLink | undefined): string {
  if (!c) return '';
  const label = `<code class="loc">${e(place(c))}</code>`;
  const href = safeHref(c.web);
  return href ? `<a href="${e(href)}">${label}</a>` : label;
}

export function mdTable(head: string[], rows: string[][]): string[] {
  if (!rows.length) return ['_None._'];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** A table with a class per column (print widths), cells already escaped. */
export function htmlTable(head: string[], rows: string[][], cls = '', colClasses: string[] = []): string {
  if (!rows.length) return '<p class="none">None.</p>';
  const col = (i: number) => (colClasses[i] ? ` class="${colClasses[i]}"` : '');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h, i) => `<th${col(i)}>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${col(i)}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

export function severityText(n: Pick<ReportNote, 'severity'>): string {
  return n.severity ?? 'unrated';
}

export function sevBadge(s: string | undefined): string {
  const v = s ?? 'unrated';
  return `<span class="sev sev-${e(v)}">${e(v)}</span>`;
}

/** Where a note is, for a person: its code, else its module or flow, else the whole dive. */
export function mdNotePlace(n: ReportNote): string {
  return mdWhere(n.code) || (n.module ? `module ${mdCode(n.module)}` : n.flow ? `flow ${mdCode(n.flow)}` : 'the whole deep dive');
}

export function htmlNotePlace(n: ReportNote): string {
  return htmlWhere(n.code) || (n.module ? `module <code>${e(n.module)}</code>` : n.flow ? `flow <code>${e(n.flow)}</code>` : 'the whole deep dive');
}

export function anchorText(n: ReportNote): string {
  return n.anchor === 'moved' ? 'code moved' : n.anchor === 'orphaned' ? 'code gone' : '';
}

/** Text with its line breaks, for HTML. */
export function htmlBody(text: string): string {
  return e(text).replace(/\r?\n/g, '<br>');
}

export { e, mdCode, mdLink, mdText };

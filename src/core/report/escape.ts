import { table } from '../ownKeys';
// Escaping for every place repository or note text lands in a report: HTML text and
// attributes, Markdown (shown as text: no links, emphasis, HTML or headings), Mermaid labels.

const HTML: Record<string, string> = table({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' });

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]);
}

/** Only http(s) addresses become links; anything else (javascript:, data:) is refused. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url || !/^https:\/\/[A-Za-z0-9.-]+\//.test(url) || /[\s"'<>`\\]/.test(url)) return undefined;
  return url;
}

/**
 * Text shown literally in GitHub Markdown, readable in the raw file too: Markdown punctuation and
 * the two characters that start HTML or an entity (`<`, `&`) are backslash-escaped, never turned
 * into entities (`It's` stays `It's`, not `It&#39;s`), so `[x](javascript:…)` and `<script>` stay
 * text. A block marker at the start is escaped; newlines become `<br>`.
 */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()!|~<&]/g, (c) => `\\${c}`)
    // No autolinks: `https://…` in a note stays text.
    .replace(/:\/\//g, '\\://')
    .replace(/^[#>+-]/, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/\r?\n/g, '<br>');
}

/** A path or identifier in a code span; falls back to escaped text when it holds a backtick. */
export function mdCode(text: string): string {
  if (/[`\r\n]/.test(text) || !text) return mdText(text);
  return `\`${text}\``;
}

/** A Markdown link to a vetted https address, or the label alone. */
export function mdLink(label: string, url: string | undefined): string {
  const href = safeHref(url);
  return href ? `[${label}](${href})` : label;
}

/**
 * A Mermaid node label (inside double quotes): everything but plain characters becomes an
 * entity code, so labels can neither close the quote nor inject HTML.
 */
export function mermaidLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9 _./@-]/g, (c) => `#${c.codePointAt(0)};`);
}

/** One-line, clipped text (summaries, table cells). */
export function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

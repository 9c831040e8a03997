// Markdown as a reader sees it: rendered by markdown-it with raw HTML allowed (as GitHub allows
// some), so that a test sees whether text from a note or the repository turned into markup.
import { createRequire } from 'node:module';

const MarkdownIt = createRequire(__filename)('markdown-it') as new (o?: object) => { render(s: string): string };
const md = new MarkdownIt({ html: true, linkify: true });

export function renderMarkdownToHtml(text: string): string {
  return md.render(text);
}

/** The rendered text without tags, entities decoded: what a person reads. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

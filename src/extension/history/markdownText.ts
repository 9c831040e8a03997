// Repository text (author names, commit messages, note bodies) shown in hovers and tooltips.
// A commit message is written by whoever pushed it: it must read as text, never as a link,
// an image, HTML or a command. CommonMark lets any ASCII punctuation be backslash-escaped, so
// escaping all of it leaves nothing the renderer could interpret (no `<tag`, no `[x](y)`, no
// `command:` autolink, no emphasis, no heading), whatever the renderer's extensions.

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** One line of literal text for a MarkdownString (control characters and newlines become spaces). */
export function mdEscape(text: string, max = 300): string {
  let t = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  return t.replace(PUNCTUATION, (c) => `\\${c}`);
}

/** Text for a plain-text label (QuickPick, tree item): `$(name)` would render as an icon. */
export function plainLabel(text: string, max = 200): string {
  let t = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  return t.replace(/\$\(/g, '$\u200b(');
}

/** A commit id shortened for people: 7 hex digits (anything else dropped, so it is safe anywhere). */
export function shortSha(sha: string): string {
  return sha.replace(/[^0-9a-f]/gi, '').slice(0, 7);
}

/** 2024-03-02 from an ISO date. */
export function day(iso: string | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '';
}

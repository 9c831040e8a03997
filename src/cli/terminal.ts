// Every string the CLI prints passes through here: text from a repository (file names, symbols)
// and from a deep dive (note bodies, titles) may hold escape sequences that would retitle,
// clear or rewrite a terminal, or hide text (bidirectional overrides). They are shown as
// visible \u escapes instead. In --json output this changes no value: JSON reads "\u001b" and a
// raw ESC inside a string as the same character.

// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides/isolates.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

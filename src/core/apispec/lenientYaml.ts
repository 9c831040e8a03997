// YAML as PyYAML reads it: OpenAPI documents served by Python frameworks (Connexion) are loaded
// with PyYAML, which accepts a quoted scalar whose next lines are indented no deeper than its key
// (`description: "text …` folded onto a line under the key). A strict YAML 1.2 parser refuses the
// whole document for it; indenting those lines under the key gives the same value, line for line.

/** `key: "text …` whose quote closes on a later line: those lines indented two deeper than the key. */
export function indentQuoted(text: string): string {
  const lines = text.split(/\r?\n/);
  let open: { quote: string; indent: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (open) {
      const indent = /^ */.exec(l)![0].length;
      if (l.trim() && indent <= open.indent) lines[i] = ' '.repeat(open.indent + 2) + l.trimStart();
      if (closes(l, open.quote)) open = undefined;
      continue;
    }
    const m = /^( *)(- )?[\w$'"./{}-][^:#]*:\s+(["'])(.*)$/.exec(l);
    // The key's own column: after the dash of a list item.
    if (m && !closes(m[4], m[3])) open = { quote: m[3], indent: m[1].length + (m[2] ? 2 : 0) };
  }
  return lines.join('\n');
}

/** Whether a quoted scalar's quote closes in this text (`\"` escapes in double quotes, `''` in single). */
function closes(rest: string, quote: string): boolean {
  const body = quote === '"' ? rest.replace(/\\./g, '') : rest.replace(/''/g, '');
  return body.includes(quote);
}

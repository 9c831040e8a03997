// Typing a command's whole title into the palette must not also offer a different command: the
// palette ranks by recent use, so "Mark Flow Understood" once ran "Mark Flow Not Understood",
// which was listed first (issue 16). The palette matches each typed word as the start of a word
// of the label, in order, skipping words between: the same rule here.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  contributes: { commands: { command: string; title: string }[]; menus: { commandPalette?: { command: string; when?: string }[] } };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

/** Every word of `typed` starts a word of `label`, in order (words of the label may be skipped). */
export function paletteMatches(typed: string, label: string): boolean {
  const words = (s: string) => s.toLowerCase().split(/[\s:()…,.-]+/).filter(Boolean);
  const want = words(typed);
  const have = words(label);
  let j = 0;
  for (const w of want) {
    while (j < have.length && !have[j].startsWith(w)) j++;
    if (j === have.length) return false;
    j++;
  }
  return true;
}

describe('command titles in the palette', () => {
  const hidden = new Set((manifest.contributes.menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const visible = manifest.contributes.commands.filter((c) => !hidden.has(c.command));

  it('the matching rule finds what the palette found in issue 16', () => {
    assert.ok(paletteMatches('Mark Flow Understood', 'Mark Flow Not Understood'));
    assert.ok(!paletteMatches('Mark as Read', 'Mark as Unread'));
  });

  it('no command offered in the palette is reached by typing another one’s whole title', () => {
    const clashes: string[] = [];
    for (const a of visible) for (const b of visible) if (a !== b && paletteMatches(a.title, b.title)) clashes.push(`"${a.title}" also offers "${b.title}" (${b.command})`);
    assert.deepStrictEqual(clashes, []);
  });

  it('no two commands offered in the palette share a title', () => {
    const seen = new Map<string, string>();
    for (const c of visible) {
      assert.ok(!seen.has(c.title), `${c.command} and ${seen.get(c.title)} are both "${c.title}"`);
      seen.set(c.title, c.command);
    }
  });
});

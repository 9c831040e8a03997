// What the scope step of "Start a Deep Dive" takes from what a person typed and ticked. Issue 16:
// typing a folder name and pressing Enter with nothing ticked gave the whole repository (tests,
// e2e, config) with no warning, and the report told the board "SCOPE: **". The scope is now
// what was ticked, else what was typed, else the question is asked again; the whole repository
// only when chosen by name.

/** Globs to keep, or a reason to ask again (shown under the input). */
export type ScopeAnswer = { include: string[] } | { askAgain: string };

export const WHOLE_FOLDER = '**';

const GLOB = /[*?[\]{}]/;

/**
 * `picked`: the globs of the ticked rows. `typed`: the filter text, which may name folders or
 * globs separated by commas or spaces. `isFolder(rel)`: whether a folder of that name exists
 * under the root (checked so that a typo is caught here, not by an empty map).
 */
export function scopeFromInput(picked: readonly string[], typed: string, isFolder: (rel: string) => boolean): ScopeAnswer {
  if (picked.length) return { include: [...new Set(picked)] };
  const words = typed
    .split(/[,\s]+/)
    .map((w) => w.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter(Boolean);
  if (!words.length) return { askAgain: 'Tick the folders to read, type a folder or a glob, or pick "The whole folder".' };
  const include: string[] = [];
  for (const w of words) {
    if (w.startsWith('/') || w.split('/').includes('..')) return { askAgain: `"${w}": scope paths are relative to the folder, without ".."` };
    if (GLOB.test(w)) include.push(w);
    else if (isFolder(w)) include.push(`${w}/**`);
    else return { askAgain: `No folder "${w}" here: tick one below, or type a glob such as ${w}*/**` };
  }
  return { include: [...new Set(include)] };
}

// The repository's files as the SARIF reader needs them: does a path exist, every file (for
// paths written on another machine), the root as a file URI path, and today's text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveInside, toPosix } from '../../paths';
import { walk } from '../../walk/walker';
import type { FileLookup } from './readFindings';

export function repoFileLookup(root: string): FileLookup & { readText(rel: string): string | undefined } {
  let all: string[] | undefined;
  const readText = (rel: string): string | undefined => {
    try {
      return fs.readFileSync(resolveInside(root, rel), 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    exists(rel) {
      try {
        return fs.statSync(resolveInside(root, rel)).isFile();
      } catch {
        return false;
      }
    },
    files() {
      if (!all) {
        // Every file of every folder walked (not only the languages the map parses), dependencies left out.
        all = [];
        for (const [dir, entries] of walk({ root }).listings) for (const [name, kind] of entries) if (kind === 'file') all.push(dir ? `${dir}/${name}` : name);
        all.sort();
      }
      return all;
    },
    rootPath: toPosix(path.resolve(root)).replace(/^(?=[A-Za-z]:)/, '/'),
    text: readText,
    readText,
  };
}

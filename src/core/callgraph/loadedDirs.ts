// Namespaces a directory loader fills. `WIKI.models = autoload(path.join(root, 'models'))` (auto-load,
// require-dir, require-all, require-directory) gives an object keyed by file name, each the module's
// export, often kept on a global no import names: `WIKI.models.users.login(…)` is `login` of
// `models/users.js` (a class's static method when the module exports a class). Only in a program that
// uses such a loader, and only when one module of the repository has that folder and name.
import type { FileInfo } from '../map/types';
import { JS_LANGUAGES } from './reexports';

const LOADERS = /^(auto-load|require-dir|require-all|require-directory)$/;

export class LoadedDirs {
  /** `<folder>/<name>` → the modules of that folder and base name (`models/users` → models/users.js, models/users/index.js). */
  private index?: Map<string, FileInfo[]>;

  constructor(private readonly files: ReadonlyMap<string, FileInfo>) {}

  /** The one module a call spelled `…<folder>.<name>.<method>` reaches through a loaded directory, if the program loads directories. */
  module(parts: readonly string[]): FileInfo | undefined {
    if (parts.length < 4) return undefined;
    const index = (this.index ??= this.build());
    const hits = index.get(`${parts[parts.length - 3]}/${parts[parts.length - 2]}`);
    return hits?.length === 1 ? hits[0] : undefined;
  }

  private build(): Map<string, FileInfo[]> {
    const out = new Map<string, FileInfo[]>();
    const loads = [...this.files.values()].some((f) => JS_LANGUAGES.has(f.language) && f.importDetails.some((i) => i.kind === 'external' && LOADERS.test(i.specifier)));
    if (!loads) return out;
    for (const [p, f] of this.files) {
      if (!JS_LANGUAGES.has(f.language)) continue;
      const m = /(?:^|\/)([^/]+)\/([^/]+?)(?:\/index)?\.(?:[cm]?js|ts)$/.exec(p);
      if (!m || m[2] === 'index') continue;
      const key = `${m[1]}/${m[2]}`;
      out.set(key, [...(out.get(key) ?? []), f]);
    }
    return out;
  }
}

// A Program over the map: facts by file, imports resolved the way the map resolved them (its
// importDetails), with the per-language resolvers as the fallback for what the map did not
// record (a require() deep in a function, a Django module string).
import type { FileInfo } from '../../map/types';
import type { EntryFacts } from '../facts/types';
import { familyOf } from '../facts/extract';
import type { LanguageFamily } from '../frameworks/types';
import { ModuleIndex } from '../resolveModule';
import type { Program } from './program';

type MapFile = Pick<FileInfo, 'path' | 'language'> & Partial<Pick<FileInfo, 'importDetails'>>;

/**
 * `bare`: bare specifiers of installed packages read for their code (see ownPackages.ts) → the
 * file each names. `data`/`absent`: the data files read for the program and those looked for and
 * not there. `readNow(path)`: reads a data file the run names by a path it evaluated at the moment
 * it asks, adding it to `data` or `absent`; false when it cannot (the file is then reported by
 * `missedData` for the caller to read and run again).
 */
export function mapProgram(files: readonly MapFile[], facts: Map<string, EntryFacts>, bare?: ReadonlyMap<string, string>, data?: ReadonlyMap<string, string>, absent?: ReadonlySet<string>, readNow?: (path: string) => boolean): Program {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const missed = new Set<string>();
  const index = new ModuleIndex(files.map((f) => f.path));
  const resolved = new Map<string, Map<string, string>>();
  const resolvedOf = (from: string): Map<string, string> => {
    let m = resolved.get(from);
    if (!m) {
      m = new Map();
      for (const d of byPath.get(from)?.importDetails ?? []) {
        if (d.resolved) m.set(d.specifier, d.resolved);
        else if (d.resolvedDir !== undefined) m.set(d.specifier, `dir:${d.resolvedDir}`);
      }
      resolved.set(from, m);
    }
    return m;
  };
  const language = (file: string): LanguageFamily | undefined => {
    const f = byPath.get(file);
    return f ? familyOf(f.language) : undefined;
  };
  return {
    facts,
    language,
    resolve(from, spec) {
      const hit = resolvedOf(from).get(spec);
      if (hit) return hit;
      switch (language(from)) {
        case 'js':
          return index.resolveJs(from, spec) ?? bare?.get(spec);
        case 'python':
          return index.resolvePy(from, spec);
        case 'go': {
          const d = index.resolveGoDir(spec);
          return d !== undefined ? `dir:${d}` : undefined;
        }
        default:
          return undefined;
      }
    },
    filesOf(key) {
      if (!key.startsWith('dir:')) return [key];
      const dir = key.slice(4);
      return index.filesIn(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
    },
    dataFile(p) {
      const text = data?.get(p);
      if (text !== undefined || absent?.has(p)) return text;
      if (readNow?.(p)) return data?.get(p);
      missed.add(p);
      return undefined;
    },
    dataFiles() {
      return [...(data?.keys() ?? [])].sort();
    },
    missedData() {
      return [...missed].sort();
    },
    dataFileAbsent(p) {
      return absent?.has(p) ?? false;
    },
    moduleByName(name, from) {
      return index.resolvePy(from ?? '', name);
    },
  };
}


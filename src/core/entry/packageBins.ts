// package.json `bin`: the commands a Node package installs are entry points of the kind `cli`.
import type { EntryPoint } from './types';
import type { MapLike, ReadFile } from './findEntryPoints';
import { linesOf } from './handlerLocations';

/** package.json `bin`: each command is a CLI main in the file it names (when that file is mapped). */
export async function packageBins(readFile: ReadFile, map: MapLike): Promise<EntryPoint[]> {
  const files = map.files.map((f) => f.path);
  let pkg: { name?: unknown; bin?: unknown };
  try {
    pkg = JSON.parse(await readFile('package.json')) as typeof pkg;
  } catch {
    return [];
  }
  const bins: Record<string, unknown> = typeof pkg.bin === 'string' ? { [String(pkg.name ?? 'bin').replace(/^@[^/]+\//, '')]: pkg.bin } : pkg.bin && typeof pkg.bin === 'object' ? (pkg.bin as Record<string, unknown>) : {};
  const out: EntryPoint[] = [];
  for (const [name, target] of Object.entries(bins)) {
    if (typeof target !== 'string') continue;
    const rel = target.replace(/^\.\//, '');
    // A bin in dist/ usually has its source beside it: prefer src/<same name>.ts when mapped.
    const src = [rel, rel.replace(/^(dist|build|lib|out)\//, 'src/').replace(/\.[cm]?js$/, '.ts')].find((f) => files.includes(f)) ?? rel;
    out.push({ id: `cli ${name}`, kind: 'cli', method: 'RUN', path: name, handler: src, file: src, line: 1, guards: [], framework: 'package.json bin', ...(files.includes(src) ? { handlerLocation: { file: src, symbol: '<inline>', range: { start: 1, end: linesOf(map, src) } } } : {}) });
  }
  return out;
}

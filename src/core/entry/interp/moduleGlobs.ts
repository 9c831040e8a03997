// A directory of modules loaded by a glob: `for (const file of await glob('./src/routes/**/*.ts'))
// { const m = await import(pathToFileURL(file).href); server.register(m.default) }`. The glob is
// matched against the program's own files (the pattern relative to the root Deep Dive reads, as
// the service runs from its repository root); each match is a repository path (the `file` of an
// unknown value, as `__dirname` joins are), which the dynamic import / require loads
// (interpModules.ts requireValue). A pattern we cannot evaluate, or one that matches nothing of
// the program (a build folder), stays unknown.
import picomatch from 'picomatch';
import type { Interp } from './interpreter';
import type { ExtValue, Value } from './values';

const GLOB_PACKAGES = /^(fast-glob|glob|globby|tiny-glob)$/;
/** The listing functions of those packages (`fg(…)`, `fg.sync`, `glob.sync`, `globby`, `globSync`). */
const GLOB_FNS = /^(|default|sync|async|glob|globSync|globby|globbySync)$/;
const URL_MODULES = /^(node:)?url$/;

export function moduleGlobCall(x: Interp, ext: ExtValue, args: Value[]): Value | undefined {
  const fn = ext.path.filter((p) => p !== '()').join('.').replace(/^default\./, '');
  if (GLOB_PACKAGES.test(ext.spec) && GLOB_FNS.test(fn)) return globFiles(x, args);
  // `pathToFileURL(file).href` of a repository path: the same path (what import() is given).
  if (URL_MODULES.test(ext.spec) && fn === 'pathToFileURL' && args[0]?.k === 'unknown' && args[0].file !== undefined) {
    return { k: 'obj', props: new Map([['href', args[0]], ['pathname', args[0]]]) };
  }
  return undefined;
}

function globFiles(x: Interp, args: Value[]): Value | undefined {
  const patterns = strings(args[0]);
  if (!patterns?.length) return undefined;
  const opts = args[1]?.k === 'obj' ? args[1] : undefined;
  const ignore = strings(opts?.props.get('ignore')) ?? [];
  const rel = (p: string): string | undefined => (p.startsWith('/') ? undefined : p.replace(/^(\.\/)+/, ''));
  const want = patterns.map(rel);
  if (want.some((p) => p === undefined)) return undefined;
  const files = matching(x, want as string[], ignore.map((p) => rel(p) ?? p));
  if (!files.length) return undefined;
  return { k: 'arr', items: files.map((f): Value => ({ k: 'unknown', text: `./${f}`, file: f })) };
}

/**
 * The program's files a glob matches, by pattern: a helper that lists a folder runs once per
 * caller and per distinct argument, and matching every file of a large repository each time
 * (picomatch compiles the pattern anew) was a visible share of a run. The program's files do
 * not change during a run, so the list is kept with it.
 */
const globbed = new WeakMap<object, Map<string, readonly string[]>>();

function matching(x: Interp, want: string[], ignore: string[]): readonly string[] {
  let byPattern = globbed.get(x.program);
  if (!byPattern) globbed.set(x.program, (byPattern = new Map()));
  const key = JSON.stringify([want, ignore]);
  let files = byPattern.get(key);
  if (!files) {
    const isMatch = picomatch(want);
    const ignored = ignore.length ? picomatch(ignore) : () => false;
    files = [...x.program.facts.keys()].filter((f) => isMatch(f) && !ignored(f)).sort();
    byPattern.set(key, files);
  }
  return files;
}

function strings(v: Value | undefined): string[] | undefined {
  if (v?.k === 'str') return [v.v];
  if (v?.k === 'arr' && v.items.every((i) => i.k === 'str')) return v.items.map((i) => (i as Extract<Value, { k: 'str' }>).v);
  return undefined;
}

// A folder of modules loaded by a directory loader: `const ctrl = autoload(path.join(WIKI.SERVERPATH,
// '/controllers'))` then `app.use('/', ctrl.auth)` (Wiki.js's server/master.js), `requireDir('./routes')`,
// `requireAll(__dirname + '/api')`. The loader gives an object keyed by file name (without its
// extension), each the module's export, a sub-folder a nested object (auto-load, require-all; require-dir
// with `recurse`). The folder is found among the program's files: a repository path (`__dirname`
// joins), a path relative to the calling file, or — when the base is a setting we cannot read
// (`path.join(SETTING, '/controllers')`) — the folder of that literal name beside the calling file, or
// else the only folder of that name in the program. Anything else stays unknown (the mounts then say
// "not mounted anywhere Deep Dive could follow").
import * as path from 'node:path';
import type { Interp } from './interpreter';
import type { ExtValue, ObjValue, SiteRef, Value } from './values';

const DIR_LOADERS = /^(auto-load|require-dir|require-all|require-directory)$/;
const MODULE_EXT = /\.(js|cjs|mjs|ts)$/;
const PATH_MODULES = /^(node:)?path(\/posix)?$/;

/** `requireFn()`: the calling file's `require`, which runs one repository file and gives its export. */
export function moduleDirCall(x: Interp, ext: ExtValue, args: Value[], requireFn: () => Value, site: SiteRef): Value | undefined {
  if (!DIR_LOADERS.test(ext.spec) || ext.path.some((p) => p !== '()' && p !== 'default')) return undefined;
  const from = site.file;
  const req = requireFn();
  if (req.k !== 'native') return undefined;
  const load = (file: string): Value => req.call([{ k: 'unknown', text: file, file }], site);
  const files = [...x.program.facts.keys()];
  const dir = folderOf(args[0], from, files);
  if (dir === undefined) return undefined;
  const opts = args[1]?.k === 'obj' ? args[1] : undefined;
  const recurse = ext.spec !== 'require-dir' || (opts?.props.get('recurse')?.k === 'bool' && (opts.props.get('recurse') as { v: boolean }).v);
  return folderObject(dir, files, recurse, load);
}

function folderObject(dir: string, files: string[], recurse: boolean, load: (file: string) => Value): ObjValue | undefined {
  const prefix = dir ? `${dir}/` : '';
  const props = new Map<string, Value>();
  const subs = new Set<string>();
  for (const f of files) {
    if (!f.startsWith(prefix)) continue;
    const rest = f.slice(prefix.length);
    if (rest.includes('/')) {
      subs.add(rest.slice(0, rest.indexOf('/')));
      continue;
    }
    if (!MODULE_EXT.test(rest) || /\.d\.ts$/.test(rest)) continue;
    const key = rest.replace(MODULE_EXT, '');
    if (!props.has(key)) props.set(key, load(f));
  }
  if (recurse) {
    for (const s of subs) {
      if (props.has(s) || s === 'node_modules') continue;
      const sub = folderObject(`${prefix}${s}`, files, true, load);
      if (sub) props.set(s, sub);
    }
  }
  return props.size ? { k: 'obj', props } : undefined;
}

/** The repository folder a loader's argument names, or undefined when we cannot tell. */
function folderOf(v: Value | undefined, from: string, files: string[]): string | undefined {
  const here = path.posix.dirname(from) === '.' ? '' : path.posix.dirname(from);
  const isFolder = (d: string | undefined): d is string => d !== undefined && files.some((f) => f.startsWith(d ? `${d}/` : ''));
  const within = (p: string): string | undefined => {
    const n = path.posix.normalize(p).replace(/\/+$/, '');
    return n === '.' ? '' : n.startsWith('..') || n.startsWith('/') ? undefined : n;
  };
  if (v?.k === 'str') {
    if (v.v.startsWith('/')) return undefined;
    const d = within(path.posix.join(here, v.v));
    return isFolder(d) ? d : undefined;
  }
  if (v?.k === 'unknown') return v.file !== undefined && isFolder(v.file) ? v.file : undefined;
  // `path.join(SETTING, '/controllers')`: the literal folder after a base we cannot read.
  const tail = v?.k === 'ext' ? literalTail(v) : undefined;
  if (!tail) return undefined;
  const beside = within(path.posix.join(here, tail));
  if (isFolder(beside)) return beside;
  const named = new Set<string>();
  for (const f of files) {
    const i = f.lastIndexOf(`/${tail}/`);
    const j = f.startsWith(`${tail}/`) ? 0 : i >= 0 ? i + 1 : -1;
    if (j >= 0) named.add(f.slice(0, j + tail.length));
  }
  return named.size === 1 ? [...named][0] : undefined;
}

/** The string segments after the first argument of a path join we could not evaluate: `path.join(X, '/a', 'b')` -> `a/b`. */
function literalTail(v: ExtValue): string | undefined {
  const fn = v.path.filter((p) => p !== '()').join('.').replace(/^default\./, '');
  if (!PATH_MODULES.test(v.spec) || (fn !== 'join' && fn !== 'resolve') || !v.args || v.args.length < 2) return undefined;
  const segs: string[] = [];
  for (const a of v.args.slice(1)) {
    if (a.k !== 'str') return undefined;
    segs.push(...a.v.split('/').filter(Boolean));
  }
  return segs.length && !segs.includes('..') && !segs.includes('.') ? segs.join('/') : undefined;
}

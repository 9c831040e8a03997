import type { LanguageId } from '../parse/languages';
import type { WalkResult } from '../walk/walker';
import type { FileFacts } from './facts';
import { findCycles, ModuleAssigner, moduleId } from './modules';
import { GoResolver } from './resolve/goResolver';
import { JavaResolver } from './resolve/javaResolver';
import { JsResolver } from './resolve/jsResolver';
import { PyResolver } from './resolve/pyResolver';
import type { Resolution } from './resolve/repoFs';
import { RepoFs } from './resolve/repoFs';
import type { FileInfo, ImportInfo, ModuleEdge, ModuleInfo, RepoMap } from './types';
import { dict } from '../ownKeys';

export interface ParsedFile {
  path: string;
  language: LanguageId;
  hash: string;
  facts: FileFacts;
}

/**
 * Turns per-file facts into the repository map: resolves imports, groups modules, counts edges.
 * Keeps resolutions per file so that an incremental update re-resolves only what changed
 * (everything, when files appeared or vanished: a new file can satisfy an old import).
 */
export class Assembler {
  private fs!: RepoFs;
  private js!: JsResolver;
  private py!: PyResolver;
  private go!: GoResolver;
  private java!: JavaResolver;
  private modules!: ModuleAssigner;
  private readonly resolved = new Map<string, { hash: string; imports: ImportInfo[] }>();
  private readonly infos = new Map<string, { facts: FileFacts; module: string; imports: ImportInfo[]; info: FileInfo }>();
  private fileSetKey = '';

  constructor(private readonly root: string) {}

  /** What import resolution looked at on disk beyond the walk (see RepoFs.diskReads). */
  get diskReads(): { dirs: ReadonlySet<string>; files: ReadonlySet<string> } {
    return this.fs?.diskReads ?? { dirs: new Set(), files: new Set() };
  }

  assemble(files: ParsedFile[], walked: WalkResult, extra: { ms: number; filesParsed: number; filesCached: number; skipped: Record<string, number> }): RepoMap {
    const paths = files.map((f) => f.path);
    const key = `${paths.length}:${paths.join('\n')}:${walked.manifests.join('\n')}`;
    if (key !== this.fileSetKey) {
      this.fileSetKey = key;
      this.resolved.clear();
      this.infos.clear();
      this.fs = new RepoFs(this.root, new Set(paths), walked.listings);
      this.js = new JsResolver(this.fs, walked.manifests);
      this.py = new PyResolver(this.fs, walked.pythonPackages, paths);
      this.go = new GoResolver(this.fs, walked.manifests);
      this.java = new JavaResolver(this.fs);
      this.modules = new ModuleAssigner(this.fs, walked.pythonPackages);
      const goDirs = new Set<string>();
      for (const f of files) {
        if (f.language === 'java' || f.language === 'kotlin') this.java.addFile(f.path, f.facts.packageName);
        if (f.language === 'go') {
          const d = f.path.slice(0, Math.max(0, f.path.lastIndexOf('/')));
          if (!goDirs.has(d)) this.go.addModuleAbove(f.path);
          goDirs.add(d);
        }
      }
    }

    // Python imports name the root package by what they say, and may say something new in a file
    // the file set does not show (a save): learn its name on every assembly.
    if (this.py.learnRootPackage(files.filter((f) => f.language === 'python').map((f) => f.facts.imports))) {
      for (const f of files) if (f.language === 'python') this.resolved.delete(f.path);
    }

    const mods = new Map<string, ModuleInfo>();
    const moduleOfFile = new Map<string, string>();
    const out: FileInfo[] = [];
    let lines = 0;
    for (const f of files) {
      const m = this.modules.assign(f.path, f.language);
      const id = moduleId(m.dir);
      moduleOfFile.set(f.path, id);
      let mod = mods.get(id);
      if (!mod) {
        mod = { id, path: m.dir, kind: m.kind, files: 0, lines: 0, symbols: 0, fanIn: 0, fanOut: 0 };
        mods.set(id, mod);
      }
      mod.files++;
      mod.lines += f.facts.lines;
      mod.symbols += f.facts.symbolCount ?? f.facts.symbols.length;
      lines += f.facts.lines;
    }

    const counts = { total: 0, resolved: 0, external: 0, unresolved: 0 };
    const edgeCounts = new Map<string, number>();
    for (const f of files) {
      let cached = this.resolved.get(f.path);
      if (!cached || cached.hash !== f.hash) {
        cached = { hash: f.hash, imports: f.facts.imports.flatMap((imp) => this.resolveOne(f, imp)) };
        this.resolved.set(f.path, cached);
      }
      const from = moduleOfFile.get(f.path)!;
      // An unchanged file keeps its FileInfo: re-mapping after one save builds one object, not thousands.
      const prev = this.infos.get(f.path);
      const reuse = prev && prev.facts === f.facts && prev.module === from && prev.imports === cached.imports ? prev.info : undefined;
      const targets = new Set<string>();
      for (const imp of cached.imports) {
        counts.total++;
        counts[imp.kind]++;
        if (imp.kind !== 'resolved') continue;
        const target = imp.resolved;
        if (!reuse && target && target !== f.path) targets.add(target);
        const targetKey = target ?? imp.resolvedDir!;
        let to = target ? moduleOfFile.get(target) : undefined;
        if (to === undefined) {
          // Outside the scope, or not parsed: an external node for the rest of the repository.
          const lang = f.language === 'tsx' ? 'typescript' : f.language;
          const m = this.modules.assign(targetKey, lang);
          to = moduleId(imp.resolvedDir !== undefined && !target ? imp.resolvedDir : m.dir);
          if (!mods.has(to)) mods.set(to, { id: to, path: to === '.' ? '' : to, kind: 'external', files: 0, lines: 0, symbols: 0, fanIn: 0, fanOut: 0 });
        }
        if (to !== from) {
          const k = `${from}\u0000${to}`;
          edgeCounts.set(k, (edgeCounts.get(k) ?? 0) + 1);
        }
      }
      if (reuse) out.push(reuse);
      else {
        const info = fileInfo(f, from, [...targets], cached.imports);
        this.infos.set(f.path, { facts: f.facts, module: from, imports: cached.imports, info });
        out.push(info);
      }
    }

    const edges: ModuleEdge[] = [];
    for (const [k, count] of edgeCounts) {
      const [from, to] = k.split('\u0000');
      edges.push({ from, to, count });
      mods.get(from)!.fanOut++;
      mods.get(to)!.fanIn++;
    }
    edges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
    const modules = [...mods.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const cycles = findCycles(
      modules.map((m) => m.id),
      edges,
    );
    return {
      root: this.root,
      files: out,
      modules,
      edges,
      cycles,
      imports: counts,
      skipped: extra.skipped,
      stats: { ms: extra.ms, filesParsed: extra.filesParsed, filesCached: extra.filesCached, lines },
    };
  }

  private resolveOne(f: ParsedFile, imp: FileFacts['imports'][number]): ImportInfo[] {
    if (f.language === 'python') return this.resolvePython(f, imp);
    let r: Resolution;
    switch (f.language) {
      case 'typescript':
      case 'tsx':
      case 'javascript':
        r = this.js.resolve(f.path, imp.specifier);
        break;
      case 'go':
        r = this.go.resolve(imp.specifier);
        break;
      case 'java':
      case 'kotlin': // one package namespace for the JVM: Kotlin imports Java classes and back
        r = this.java.resolve(imp.specifier, imp.wildcard === true);
        break;
      default:
        r = { kind: 'unresolved' };
    }
    const info: ImportInfo = { specifier: imp.specifier, names: imp.names, line: imp.line, kind: r.kind };
    if (r.resolved !== undefined) info.resolved = r.resolved;
    if (r.resolvedDir !== undefined) info.resolvedDir = r.resolvedDir;
    if (imp.reexport) info.reexport = true;
    return [info];
  }

  /** `from pkg import a, b` where a and b are submodules is an import of each of them. */
  private resolvePython(f: ParsedFile, imp: FileFacts['imports'][number]): ImportInfo[] {
    const toInfo = (names: Record<string, string>, r: Resolution): ImportInfo => {
      const info: ImportInfo = { specifier: imp.specifier, names, line: imp.line, kind: r.kind };
      if (r.resolved !== undefined) info.resolved = r.resolved;
      if (r.resolvedDir !== undefined) info.resolvedDir = r.resolvedDir;
      return info;
    };
    const out: ImportInfo[] = [];
    const rest: Record<string, string> = dict();
    for (const [local, name] of Object.entries(imp.names)) {
      const sub = name !== '*' && !name.includes('.') ? this.py.submodule(f.path, imp.specifier, name) : undefined;
      if (sub) out.push(toInfo({ [local]: name }, { kind: 'resolved', resolved: sub }));
      else rest[local] = name;
    }
    if (out.length === 0 || Object.keys(rest).length > 0) out.push(toInfo(out.length ? rest : imp.names, this.py.resolve(f.path, imp.specifier, {})));
    return out;
  }
}

/**
 * symbols and calls are read through from the facts: cached facts decode them only when a
 * consumer asks, which keeps a warm map of a large repository fast. JSON and deepEqual see plain
 * enumerable properties.
 */
function fileInfo(f: ParsedFile, module: string, imports: string[], importDetails: ImportInfo[]): FileInfo {
  const facts = f.facts;
  const info = { path: f.path, language: f.language, lines: facts.lines, codeLines: facts.codeLines, module, imports, importDetails } as Partial<FileInfo>;
  Object.defineProperty(info, 'symbols', { enumerable: true, configurable: true, get: () => facts.symbols });
  Object.defineProperty(info, 'calls', { enumerable: true, configurable: true, get: () => facts.calls });
  // Not enumerable: a map's JSON (and its deep equality) stays what it was; readers ask for it.
  const flat = facts.codeLineRanges;
  if (flat) {
    let pairs: [number, number][] | undefined;
    Object.defineProperty(info, 'codeLineRanges', {
      enumerable: false,
      configurable: true,
      get: () => {
        if (!pairs) {
          pairs = [];
          for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
        }
        return pairs;
      },
    });
  }
  info.parseErrors = facts.parseErrors;
  info.hash = f.hash;
  if (facts.memberTypes) info.memberTypes = facts.memberTypes;
  if (facts.exportAliases) info.exportAliases = facts.exportAliases;
  if (facts.valueAliases) info.valueAliases = facts.valueAliases;
  if (facts.objectMethods) info.objectMethods = facts.objectMethods;
  if (facts.scopedAliases) info.scopedAliases = facts.scopedAliases;
  if (facts.returnedMembers) info.returnedMembers = facts.returnedMembers;
  if (facts.fieldCalls) info.fieldCalls = facts.fieldCalls;
  if (facts.scopedTypes) info.scopedTypes = facts.scopedTypes;
  if (facts.returnTypes) info.returnTypes = facts.returnTypes;
  return info as FileInfo;
}

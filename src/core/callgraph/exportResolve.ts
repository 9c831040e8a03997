// Following a module's exported names to their definitions for the call graph: through
// re-exports, barrels, aliases (`const a = b.c`) and object literals, to a symbol of ours, a package
// call or a store. Split from callGraph.ts, which resolves a call's first name and hands the rest here.
import type { FileInfo } from '../map/types';
import type { Callee } from './callGraph';
import type { MemberResolver } from './memberResolve';
import { buildsQuery, classifyByName, classifyPackage } from './classify';
import { exportSources } from './reexports';
import { getOwn } from '../ownKeys';

/** How many barrels and aliases a lookup follows: real chains are two or three long. */
const MAX_EXPORT_HOPS = 8;

/** A call of `parts` (a name imported as `imported` from package `specifier`, then members). */
export function packageCallee(ownScopes: readonly string[], specifier: string, imported: string, parts: string[]): Callee {
  const root = parts[0];
  if (ownScopes.some((scope) => specifier.startsWith(scope))) {
    const whole = imported === '*' || imported === 'default';
    const name = whole && parts.length > 1 ? parts.slice(1).join('.') : [whole ? root : imported, ...parts.slice(1)].join('.');
    // A workspace package's database handle (`import { db } from '@acme/db'; db.select()…`) is
    // the store, as the same call on a store package's own import is.
    if (name.includes('.') && classifyByName(name) === 'store') return { kind: 'store', package: specifier };
    return { kind: 'ownPackage', package: specifier, name };
  }
  const pkg = classifyPackage(specifier);
  if (pkg === 'store' && buildsQuery([imported === '*' || imported === 'default' ? root : imported, ...parts.slice(1)])) return { kind: 'noise' };
  if (pkg) return { kind: pkg, package: specifier };
  const byName = classifyByName(parts.join('.'));
  return byName ? { kind: byName, package: specifier } : { kind: 'library', package: specifier };
}

/** The store package a module imports, if any: what a chain of re-exports ending in it may be. */
export function storeImportOf(f: FileInfo): string | undefined {
  return f.importDetails.find((i) => i.kind === 'external' && classifyPackage(i.specifier) === 'store')?.specifier;
}

export class ExportResolver {
  constructor(
    private readonly files: Map<string, FileInfo>,
    private readonly members: MemberResolver,
    private readonly findPath: (f: FileInfo, path: string[]) => Callee | undefined,
    private readonly ownScopes: readonly string[],
  ) {}

  /**
   * `path` (a module's exported name, then members) to its definition: in `f` itself (a function,
   * a method of a module-level instance, an alias `const a = b.c` followed to what `b.c` is), else
   * through `f`'s re-exports. Only what the code states is followed; anything else is undefined.
   */
  exported(f: FileInfo, path: string[], hops: number, seen: Set<string>, viaAlias = false, viaStar = false): Callee | undefined {
    const key = `${f.path}#${path.join('.')}${viaStar ? '#*' : ''}`;
    if (!path.length || hops > MAX_EXPORT_HOPS || seen.has(key)) return undefined;
    seen.add(key);
    const [head, ...rest] = path;
    const last = path[path.length - 1];
    const sources = exportSources(f, head, this.files);
    const here =
      (path.length === 2 ? this.members.methodOfMember(f, '', head, last) : undefined) ??
      this.findPath(f, path) ??
      // An object literal's function, only when the object is not re-exported from elsewhere.
      (path.length === 2 && !sources.length && hops > 0 ? this.objectMember(f, head, last) : undefined);
    if (here) return here;
    // getOwn: a map read back from the cache is a plain object, and a name like `constructor` must
    // not reach Object.prototype.
    const alias = f.valueAliases ? getOwn(f.valueAliases, head) : undefined;
    if (alias !== undefined) return this.aliased(f, [...alias.split('.'), ...rest], hops + 1, seen);
    // A member of a module-level object literal (`const errors = { notFound, conflict: http.conflict }`).
    const member = rest.length && f.valueAliases ? getOwn(f.valueAliases, `${head}.${rest[0]}`) : undefined;
    if (member !== undefined) return this.aliased(f, [...member.split('.'), ...rest.slice(1)], hops + 1, seen);
    // `export * from` many modules: first only a module that holds the name for certain, then (outside
    // such a search) the guesses at a chain's end — one module's store import says nothing of a
    // function another module of the barrel exports.
    const passes = viaStar ? [true] : sources.some((s) => s.star) ? [true, false] : [false];
    for (const strict of passes) {
      for (const s of sources) {
        const hit =
          this.exported(s.file, s.name === '*' ? rest : [s.name, ...rest], hops + 1, seen, false, strict && !!s.star) ??
          // A CommonJS barrel's key (`rules: require('./rules')`) names the module itself when that
          // module defines nothing of the name: its exports are an object (`Rules.upsert = …`).
          ((!strict || !s.star) && s.name !== '*' && rest.length && !this.findPath(s.file, [s.name]) ? this.exported(s.file, rest, hops + 1, seen) : undefined);
        if (hit) return hit;
      }
    }
    if (sources.length) return undefined;
    // An anonymous `export default (ctx) => …`: the map names it `default export`.
    if (head === 'default' && !rest.length) return this.findPath(f, ['default export']);
    // The caller reads the module it imported itself; a member an alias names is found or not.
    if (hops === 0 || viaAlias) return undefined;
    // The end of a chain of re-exports, read as a directly imported module is (resolve): a method
    // a class inherits, else a store module's object.
    const inherited = path.length === 2 ? this.members.inherited(f, head, last) : undefined;
    if (inherited) return inherited;
    if (viaStar) return undefined;
    const storePkg = storeImportOf(f);
    return storePkg ? { kind: 'store', package: storePkg } : undefined;
  }

  /** `cancan.authorize` as bound at the top of `f`: through an import of its first name, else in `f`. */
  private aliased(f: FileInfo, path: string[], hops: number, seen: Set<string>): Callee | undefined {
    const [root, ...rest] = path;
    for (const imp of f.importDetails) {
      const imported = imp.reexport || !imp.names ? undefined : getOwn(imp.names, root);
      if (imported === undefined) continue;
      // Bound to a package's value: named as the package's, as a direct import of it would be.
      if (imp.kind === 'external') return packageCallee(this.ownScopes, imp.specifier, imported, path);
      const t = imp.resolved ? this.files.get(imp.resolved) : undefined;
      return t ? this.exported(t, imported === '*' ? rest : [imported, ...rest], hops, seen) : undefined;
    }
    return this.exported(f, path, hops, seen, true);
  }

  /**
   * `goCardlessService.isConfigured` where the module exports `goCardlessService = { isConfigured:
   * () => … }`: the map names an object literal's functions by their key alone, so the one
   * function of that name in the module is the member (never when the name is a class there).
   */
  objectMember(f: FileInfo, object: string, member: string): Callee | undefined {
    if (f.symbols.some((x) => x.name === object && x.kind !== 'variable')) return undefined;
    const cands = f.symbols.filter((x) => x.kind === 'function' && x.path === member);
    // Two objects with a member of the same name: the one this object holds, by its line.
    const at = f.objectMethods?.[`${object}.${member}`];
    const held = at !== undefined ? cands.find((x) => x.range.start === at) : undefined;
    if (held) return { kind: 'symbol', file: f.path, symbol: held.path, range: held.range };
    return cands.length === 1 ? { kind: 'symbol', file: f.path, symbol: cands[0].path, range: cands[0].range } : undefined;
  }
}

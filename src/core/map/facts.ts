import type { CallInfo, SymbolInfo } from './types';
import type { JsFileEntry } from '../entry/jsFileEntry';
import type { PassEntry } from '../entry/passEntry';
import type { ScopedAlias } from './objectShapes';
import type { ScopedType } from './localTypes';

/** An import as the file writes it, before resolution against the repository. */
export interface RawImport {
  specifier: string;
  /** Local alias → imported name (`default`, `*` for a namespace). */
  names: Record<string, string>;
  line: number;
  /** Java `import static`, Java/Python `*`. */
  isStatic?: boolean;
  wildcard?: boolean;
  /** JS/TS `export … from`: the names are the file's own exports; no names = `export *`. */
  reexport?: boolean;
}

/** What one file yields on its own, without knowledge of the rest of the repository. */
export interface FileFacts {
  lines: number;
  codeLines: number;
  /**
   * Which lines hold code, flat 1-based inclusive [start, end, start, end, …] (coverage's rule,
   * coverage/codeLines.ts): coverage reads them from the map instead of parsing the file again.
   * Missing in facts cached before they were kept.
   */
  codeLineRanges?: number[];
  symbols: SymbolInfo[];
  imports: RawImport[];
  calls: CallInfo[];
  parseErrors: number;
  /** Declared package (Go `package x`, Java `package a.b`). */
  packageName?: string;
  /** symbols.length, kept so that cached facts need not decode their symbols to be counted. */
  symbolCount?: number;
  /** Declared member types per class/struct ('' = module level): owner → member → type as written. */
  memberTypes?: Record<string, Record<string, string>>;
  /** JS/TS `export { local as name }` and `export default local`: exported name → local name. */
  exportAliases?: Record<string, string>;
  /** JS/TS module-level `const a = b.c` / `const { c: a } = b`: local name → the dotted expression (`b.c`). */
  valueAliases?: Record<string, string>;
  /**
   * JS/TS: what the entry-point pass needs from this file, extracted from the same tree
   * (entry/jsFileEntry.ts); Go: the pass's record of the file (entry/passEntry.ts). Stored apart
   * from head and body and decoded only when read.
   */
  entry?: JsFileEntry | PassEntry;
  /** `entry` was extracted lazily (JsFileEntry.lazy), as its head says without decoding it (mapCache.ts). */
  entryLazy?: true;
  /** JS/TS top-level object literals' function members: `object.member` → the line the function starts on. */
  objectMethods?: Record<string, number>;
  /** JS/TS names destructured inside functions, factories' returned members, class fields set from calls (objectShapes.ts). */
  scopedAliases?: ScopedAlias[];
  returnedMembers?: Record<string, [string, number]>;
  fieldCalls?: Record<string, [string, number]>;
  /** JS/TS names' stated types inside functions and what functions return (localTypes.ts). */
  scopedTypes?: ScopedType[];
  returnTypes?: Record<string, string>;
}

// The map: what the analyser derives from the code. Contract shared by the map engine, routes,
// flows, coverage, history and the report. Add fields freely; never rename or drop one (the
// `deepdive map --json` output is built from these).
import type { LanguageId } from '../parse/languages';
import type { LineRange } from '../model/types';

export type SymbolKind = 'function' | 'method' | 'class' | 'interface' | 'type' | 'enum' | 'module' | 'variable';

export interface SymbolInfo {
  name: string;
  kind: SymbolKind;
  /** Enclosing-symbol path, e.g. "AuthService.login". */
  path: string;
  /** 1-based inclusive lines of the whole definition. */
  range: LineRange;
  /** 1-based line of the name. */
  nameLine: number;
  exported?: boolean;
  /**
   * A function without a name of its own, named by the map from its context: `default export`,
   * `router.get('/login') handler`, `arguments of app.use`. Never a call's caller.
   */
  anonymous?: boolean;
}

export interface ImportInfo {
  /** The specifier as written: './auth', 'express', 'github.com/acme/svc/store'. */
  specifier: string;
  /** Names brought in (`default`, `*` for namespace, or the imported identifiers), local alias → imported name. */
  names?: Record<string, string>;
  line: number;
  /** Resolved root-relative file, when it resolves inside the repository. */
  resolved?: string;
  /** Resolved folder for package-level imports (Go, Java packages). */
  resolvedDir?: string;
  kind: 'resolved' | 'external' | 'unresolved';
  /**
   * JS/TS `export … from`: `names` are then the file's own exports (exported name → name in the
   * target; `*` for `export * as ns`), and no names at all is `export * from`.
   */
  reexport?: boolean;
}

export interface CallInfo {
  /** Callee as written: `login`, `this.repo.find`, `db.query`, `authService.login`. */
  callee: string;
  line: number;
  /** Innermost enclosing symbol path of the call site. */
  caller?: string;
}

export interface FileInfo {
  path: string;
  language: LanguageId;
  lines: number;
  /** Lines holding code: not blank, not only a comment. Coverage counts these. */
  codeLines: number;
  /**
   * Which lines hold code, as 1-based inclusive [start, end] pairs (same rule as codeLines).
   * Optional: coverage computes it from the tree when the map does not carry it.
   */
  codeLineRanges?: [number, number][];
  module: string;
  /** Resolved root-relative import targets (files), deduplicated. */
  imports: string[];
  importDetails: ImportInfo[];
  symbols: SymbolInfo[];
  calls: CallInfo[];
  /** Number of ERROR/MISSING nodes: the file still yields what parsed. */
  parseErrors: number;
  hash: string;
  /** Declared types of class/struct members ('' = module-level bindings): owner path → member → type as written. */
  memberTypes?: Record<string, Record<string, string>>;
  /** JS/TS `export { local as name }`, `export default local`: exported name → local name. */
  exportAliases?: Record<string, string>;
  /** JS/TS module-level `const authorize = cancan.authorize`, `const { can } = cancan`: local name → `cancan.authorize`. */
  valueAliases?: Record<string, string>;
  /** JS/TS top-level object literals' function members: `object.member` → the line the function starts on. */
  objectMethods?: Record<string, number>;
  /**
   * JS/TS names bound by destructuring or aliasing inside a function (`const { users: { findUser } }
   * = queries`, a parameter's `{ queries: { users } }`): [local, dotted source (`$param…` for a
   * parameter), the function's first line, its last line].
   */
  scopedAliases?: [string, string, number, number][];
  /** JS/TS `factory.key` → [the name the object literal a factory returns holds there, the line the factory binds it (0: not in its body)]. */
  returnedMembers?: Record<string, [string, number]>;
  /** JS/TS class fields set from a call (`users = createUserQueries(this.pool)`): `Class.field` → [the callee, the field's line]. */
  fieldCalls?: Record<string, [string, number]>;
  /**
   * JS/TS names whose type the code states inside a function (a parameter's or local's annotation,
   * `new C()`, a local bound to a call chain kept as `=a.b()`): [local, type or chain, the
   * function's first line, its last line]; 0, 0 at module level (map/localTypes.ts).
   */
  scopedTypes?: [string, string, number, number][];
  /** JS/TS top-level functions and top-level classes' methods → the class they return (annotated, or the one their returns instantiate). */
  returnTypes?: Record<string, string>;
}

export interface ModuleInfo {
  id: string;
  /** Folder of the module, root-relative ('' for the root). */
  path: string;
  kind: 'package' | 'folder' | 'external';
  files: number;
  lines: number;
  symbols: number;
  fanIn: number;
  fanOut: number;
}

export interface ModuleEdge {
  from: string;
  to: string;
  /** Number of file-level imports behind this edge. */
  count: number;
}

export interface RepoMap {
  root: string;
  files: FileInfo[];
  modules: ModuleInfo[];
  edges: ModuleEdge[];
  /** Module cycles, each a list of module ids. */
  cycles: string[][];
  imports: { total: number; resolved: number; external: number; unresolved: number };
  skipped: Record<string, number>;
  stats: { ms: number; filesParsed: number; filesCached: number; lines: number };
}

// Nitro's auto-imports in the call graph. A Nuxt or Nitro server calls its own helpers by bare
// name, never through an import: every export of `server/utils/` (and of the folders the config's
// `imports.dirs` adds, `server/services/` say; Nuxt 4 also `shared/utils/`) is in scope in every
// server file. So a name a server file neither declares nor imports (`await requireAdmin(event)`,
// `new TeamsService()`) is the one exported function, class or value of that name in the server's
// own folders: its `server/` folder but the route, middleware and plugin folders, whose files
// export handlers, not helpers, and its `shared/` folder. Two exports of one name: unresolved
// (the config's choice, which we do not read, would decide).
import type { FileInfo, SymbolInfo } from '../map/types';
import type { Callee } from './callGraph';
import { getOwn } from '../ownKeys';

const CONFIG = /^(.*?)(nuxt|nitro)\.config\.[cm]?[jt]s$/;
/** Folders of a server whose files are handlers Nitro registers, not helpers it imports. */
const HANDLER_DIRS = /^(api|routes|middleware|plugins|tasks)\//;
const EXPORTABLE = new Set(['function', 'class', 'variable']);

export class NitroAutoImports {
  /** Server folders (ending in '/'): `<project>server/`, and a standalone Nitro project's root. */
  private readonly servers: string[] = [];
  /** `<server folder>` + name → the exported declarations of that name the server's files see. */
  private readonly byName = new Map<string, { file: FileInfo; sym: SymbolInfo }[]>();

  constructor(files: ReadonlyMap<string, FileInfo>) {
    const projects: { base: string; nitroOnly: boolean }[] = [];
    for (const p of files.keys()) {
      const m = CONFIG.exec(p);
      if (m && (m[1] === '' || m[1]!.endsWith('/'))) projects.push({ base: m[1]!, nitroOnly: m[2] === 'nitro' });
    }
    if (!projects.length) return;
    for (const { base, nitroOnly } of projects) {
      const server = `${base}server/`;
      this.servers.push(server);
      // A standalone Nitro project keeps its routes and utils at its root unless srcDir says server/.
      if (nitroOnly) this.servers.push(base);
    }
    for (const [p, f] of files) {
      const server = this.serverOf(p);
      if (server === undefined) continue;
      const project = server.replace(/server\/$/, '');
      const rel = p.slice(server.length);
      const helper = p.startsWith(server) && !HANDLER_DIRS.test(rel);
      const shared = p.startsWith(`${project}shared/`);
      if (!helper && !shared) continue;
      for (const s of f.symbols) {
        if (!s.exported || !EXPORTABLE.has(s.kind) || s.path.includes('.')) continue;
        const key = `${server}\u0000${s.name}`;
        const list = this.byName.get(key);
        if (list) list.push({ file: f, sym: s });
        else this.byName.set(key, [{ file: f, sym: s }]);
      }
    }
  }

  /** The innermost server folder `path` lies in (a shared/ file counts for its project's server). */
  private serverOf(path: string): string | undefined {
    let best: string | undefined;
    for (const s of this.servers) {
      const project = s.replace(/server\/$/, '');
      if ((path.startsWith(s) || path.startsWith(`${project}shared/`)) && (best === undefined || s.length > best.length)) best = s;
    }
    return best;
  }

  /** What a call spelled `parts` in `file` names when its first name is an auto-import, or undefined. */
  resolve(file: FileInfo, parts: readonly string[]): Callee | undefined {
    if (!this.servers.length || parts.length > 2) return undefined;
    const server = this.serverOf(file.path);
    if (server === undefined || !file.path.startsWith(server)) return undefined;
    const root = parts[0]!;
    // Bound in the file: an import, or a declaration of its own, shadows the auto-import.
    if (file.importDetails.some((imp) => imp.names && getOwn(imp.names, root) !== undefined)) return undefined;
    if (file.symbols.some((s) => s.name === root && !s.path.includes('.'))) return undefined;
    const hits = this.byName.get(`${server}\u0000${root}`) ?? [];
    if (hits.length !== 1) return undefined;
    const { file: target, sym } = hits[0]!;
    if (parts.length === 1) {
      if (sym.kind === 'class') {
        const ctor = target.symbols.find((s) => s.path === `${sym.path}.constructor`);
        return ctor ? { kind: 'symbol', file: target.path, symbol: ctor.path, range: ctor.range } : { kind: 'noise' };
      }
      return { kind: 'symbol', file: target.path, symbol: sym.path, range: sym.range };
    }
    // `TeamsService.getTeams` (written `new TeamsService().getTeams(…)`): a member of the class.
    const member = target.symbols.find((s) => s.path === `${sym.path}.${parts[1]}` && (s.kind === 'method' || s.kind === 'function' || s.kind === 'variable'));
    return member ? { kind: 'symbol', file: target.path, symbol: member.path, range: member.range } : undefined;
  }
}

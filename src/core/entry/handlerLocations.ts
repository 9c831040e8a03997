// Where a route's handler and its dependencies live in the map: a `file#name` reference, or a
// handler written as a name (`h.ListOrders`), turned into the symbol and line range the flows and
// the editor open. Pure over the map's symbols.
import type { FileInfo } from '../map/types';
import type { EntryPoint } from './types';
import type { MapLike } from './findEntryPoints';

/** The map's symbol path for a function that starts at this line, when the map knows it. */
export function symbolAt(map: MapLike, file: string, line: number): string | undefined {
  const f = map.files.find((x) => x.path === file);
  if (!f || !('symbols' in f)) return undefined;
  // Unnamed functions the map named by context stay `<inline>` here: the route names them better.
  const s = (f as FileInfo).symbols.find((x) => x.range.start === line && !x.anonymous && (x.kind === 'function' || x.kind === 'method' || x.kind === 'variable'));
  return s?.path;
}

export function linesOf(map: MapLike, file: string): number {
  const f = map.files.find((x) => x.path === file);
  return f && 'lines' in f && typeof f.lines === 'number' ? f.lines : 1;
}

export function locateHandlers(map: MapLike, entries: EntryPoint[], targets: Map<EntryPoint, string>): void {
  const byPath = new Map<string, FileInfo>();
  for (const f of map.files) if ('symbols' in f) byPath.set(f.path, f as FileInfo);
  for (const [e, ref] of targets) {
    if (e.handlerLocation) continue;
    const hash = ref.lastIndexOf('#');
    const file = ref.slice(0, hash);
    const name = ref.slice(hash + 1);
    const info = byPath.get(file);
    const bare = name.slice(name.lastIndexOf('.') + 1);
    const sym = info?.symbols.find((s) => s.path === name) ?? info?.symbols.find((s) => s.name === bare && (s.kind === 'function' || s.kind === 'method' || s.kind === 'variable') && !isInterfaceMember(info, s));
    if (sym) e.handlerLocation = { file, symbol: sym.path, range: sym.range };
  }
  // `h.ListOrders`, `controller.list`: a method named like the handler's last part, preferably near the route.
  // An interface's method is a declaration, not code a request runs.
  const all = [...byPath.values()];
  for (const e of entries) {
    if (e.handlerLocation || !/^[\w$.]+$/.test(e.handler)) continue;
    const last = e.handler.split('.').pop()!;
    const cands = all.flatMap((f) => f.symbols.filter((s) => s.name === last && (s.kind === 'method' || s.kind === 'function') && !isInterfaceMember(f, s)).map((s) => ({ f, s })));
    const dir = e.file.slice(0, e.file.lastIndexOf('/') + 1);
    const near = cands.filter((c) => c.f.path.startsWith(dir));
    const pick = near.length === 1 ? near[0] : cands.length === 1 ? cands[0] : undefined;
    if (pick) e.handlerLocation = { file: pick.f.path, symbol: pick.s.path, range: pick.s.range };
  }
}

/**
 * A Go method declared in an interface of the file (`Authority.Version` in `type Authority
 * interface {…}`): a signature with no body. (A Java interface's default method has one.)
 */
function isInterfaceMember(f: FileInfo, s: FileInfo['symbols'][number]): boolean {
  if (f.language !== 'go' || s.kind !== 'method' || !s.path.includes('.')) return false;
  const owner = s.path.slice(0, s.path.lastIndexOf('.'));
  return f.symbols.some((o) => o.path === owner && o.kind === 'interface');
}

/** `file#name` refs of dependencies to the symbols they name; unknown ones are left out. */
export function locateDependencies(map: MapLike, targets: Map<EntryPoint, string[]>): void {
  const byPath = new Map<string, FileInfo>();
  for (const f of map.files) if ('symbols' in f) byPath.set(f.path, f as FileInfo);
  for (const [e, refs] of targets) {
    const found = refs.flatMap((ref) => {
      const hash = ref.lastIndexOf('#');
      const file = ref.slice(0, hash);
      const sym = byPath.get(file)?.symbols.find((s) => s.path === ref.slice(hash + 1) && s.kind === 'function');
      return sym ? [{ file, symbol: sym.path, range: sym.range }] : [];
    });
    if (found.length) e.dependencies = found;
  }
}

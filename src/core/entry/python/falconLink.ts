// Falcon, across files: every add_route mount (falconFacts.ts) becomes one route per responder of
// the resource's class, wherever that class is defined; a mounted route table (a function of
// another module returning `(path, Resource(...))` rows) is expanded under the mount's template. A
// row or table added under `if <option>:` is left out when that option is an oslo.config boolean
// whose default turns the test off (osloOptions.ts): a default install does not serve it; a WSGI wrapper
// put around the app under such a test (`if conf.auth_strategy:`, a StrOpt defaulting to '') is not
// there either. A class
// that resolves to no responders makes no route (Pyramid and aiohttp have an add_route of their own).
// Guards: a responder's decorators and the app's middleware or WSGI wrappers are not judged, so a
// route under any of them is unknown (never unguarded), and so is one added to an app another file
// builds; one with neither, on an app its own file creates bare, is unguarded.
import type { FileDecls, Ref, RouteDecl } from '../types';
import type { FalconClass, FalconResponder, FalconRow, Gate } from './falconFacts';
import { ROUTE_SLOT } from './falconFacts';
import { getOwn } from '../../ownKeys';
import { refFile, refName } from './pyRef';

export function linkFalcon(pys: FileDecls[], resolve: (ref: Ref) => Ref): void {
  const files = pys.filter((d) => d.py?.falcon);
  if (!files.length) return;
  const byFile = new Map(pys.map((d) => [d.file, d]));
  const defaults = new Map<string, { value: boolean; file: string; line: number }>();
  for (const d of pys) for (const [k, v] of Object.entries(d.py?.osloBools ?? {})) if (!defaults.has(k)) defaults.set(k, { ...v, file: d.file });
  /** A gate off under the defaults: the option, its default and where it is declared. */
  const offBy = (gates: Gate[] | undefined): string | undefined => {
    for (const g of gates ?? []) {
      const def = defaults.get(g.name);
      if (def && def.value === g.negated) return `${g.text}: ${g.name} defaults to ${def.value ? 'True' : 'False'} (${def.file}:${def.line})`;
    }
    return undefined;
  };
  /** A resource class's responders, its own over its bases' (resolved across modules), and the class decorators of each. */
  const classOf = (ref: Ref, depth = 0): { responders: (FalconResponder & { file: string; cls: string })[]; decorators: { text: string; line: number; file: string }[] } | undefined => {
    const target = resolve(ref);
    const res = byFile.get(refFile(target))?.py?.falcon?.resources;
    const c: FalconClass | undefined = res ? getOwn(res, refName(target)) : undefined;
    if (!c || depth > 5) return undefined;
    const own = c.responders.map((r) => ({ ...r, file: refFile(target), cls: refName(target) }));
    const decorators = (c.decorators ?? []).map((x) => ({ ...x, file: refFile(target) }));
    const responders = [...own];
    for (const b of c.bases ?? []) {
      const up = classOf(b, depth + 1);
      if (!up) continue;
      for (const r of up.responders) if (!responders.some((x) => x.name === r.name)) responders.push(r);
      decorators.push(...up.decorators);
    }
    return responders.length ? { responders, decorators } : undefined;
  };
  for (const d of files) {
    for (const mount of d.py!.falcon!.mounts) {
      const rows: (FalconRow & { file: string })[] = [];
      for (const r of mount.rows) {
        if (offBy(r.kind === 'row' ? r.row.gates : r.gates)) continue;
        if (r.kind === 'row') {
          rows.push({ ...r.row, file: d.file });
          continue;
        }
        const target = resolve(r.table);
        const tables = byFile.get(refFile(target))?.py?.falcon?.tables;
        for (const row of (tables && getOwn(tables, refName(target))) ?? []) {
          if (offBy(row.gates)) continue;
          rows.push({ ...row, path: r.template.replace(ROUTE_SLOT, row.path), file: refFile(target) });
        }
      }
      for (const row of rows) {
        const rowDecls = byFile.get(row.file);
        const target = resolve(row.cls);
        const cls = refName(target);
        const found = classOf(target);
        if (!found) continue;
        const responders = found.responders.filter((x) => x.suffix === mount.suffix);
        for (const resp of responders) {
          const handler = `${cls}.${resp.name}`;
          const decl: RouteDecl = {
            method: resp.method,
            path: readable(row.path),
            handler,
            handlerRef: `${resp.file}#${resp.cls}.${resp.name}`,
            guards: [],
            file: row.file,
            line: row.line,
            order: row.line * 100 + responders.indexOf(resp),
            framework: 'falcon',
          };
          const doubts = [
            ...resp.decorators.map((x) => `decorator @${x.text} (${resp.file}:${x.line})`),
            ...found.decorators.map((x) => `class decorator @${x.text} (${x.file}:${x.line})`),
            ...mount.wrappers.filter((w) => !offBy(w.gates)).map((w) => `${w.text} around the app (${d.file}:${w.line})`),
            ...(mount.createsApp ? [] : [`the app given to add_route at ${d.file}:${mount.line}, built elsewhere (its middleware not seen)`]),
          ];
          if (doubts.length) decl.doubt = `depends on ${doubts.slice(0, 3).join(', ')}${doubts.length > 3 ? ', …' : ''}, not judged`;
          (rowDecls ?? d).routes.push(decl);
        }
      }
    }
  }
}

/** `{queue_name}` → `:queue_name` (a converter `{id:int}` too); a trailing slash is not part of a Falcon route. */
function readable(path: string): string {
  const p = path.replace(/\{(\w+)(?::[^}]*)?\}/g, ':$1').replace(/\/+/g, '/');
  const withRoot = p.startsWith('/') ? p : `/${p}`;
  return withRoot.length > 1 ? withRoot.replace(/\/$/, '') : withRoot;
}

// Falcon, across files: every add_route mount (falconFacts.ts) becomes one route per responder of
// the resource's class, wherever that class is defined; a mounted route table (a function of
// another module returning `(path, Resource(...))` rows) is expanded under the mount's template. A
// row or table added under `if <option>:` is left out when that option is an oslo.config boolean
// whose default turns the test off (osloOptions.ts): a default install does not serve it; a WSGI wrapper
// put around the app under such a test (`if conf.auth_strategy:`, a StrOpt defaulting to '') is not
// there either. A class
// that resolves to no responders makes no route (Pyramid and aiohttp have an add_route of their own).
// Guards: a responder's decorators are judged by falconDecorators.ts (pass-through decorators add
// nothing, oslo.policy decorators apply their rule's default in code, any other is a doubt); the
// app's Falcon middleware and WSGI wrappers by falconWrappers.ts (hooks that only validate, wrappers
// that hand the request on to the app itself under the defaults); a route under any other is unknown
// (never unguarded), and so is one added to an app another file builds; one with neither, on an app
// its own file creates bare, is unguarded.
import type { FileDecls, Ref, RouteDecl } from '../types';
import type { FalconClass, FalconDecorator, FalconResponder, FalconRow, Gate } from './falconFacts';
import { ROUTE_SLOT } from './falconFacts';
import { getOwn } from '../../ownKeys';
import { refFile, refName } from './pyRef';
import { falconDecoratorJudge } from './falconDecorators';
import { falconWrapperJudge } from './falconWrappers';

export function linkFalcon(pys: FileDecls[], resolve: (ref: Ref) => Ref): void {
  const files = pys.filter((d) => d.py?.falcon);
  if (!files.length) return;
  const judge = falconDecoratorJudge(pys, resolve);
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
  const passes = falconWrapperJudge(pys, resolve, offBy);
  /** A resource class's responders, its own over its bases' (resolved across modules), and the class decorators of each. */
  const classOf = (ref: Ref, depth = 0): { responders: (FalconResponder & { file: string; cls: string })[]; decorators: (FalconDecorator & { file: string })[] } | undefined => {
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
          const judged = [...resp.decorators.map((x) => ({ x, file: resp.file, what: 'decorator' })), ...found.decorators.map((x) => ({ x, file: x.file, what: 'class decorator' }))].map((j) => ({ ...j, v: judge(j.x, j.file) }));
          for (const { v } of judged) if (v.kind === 'guard') decl.guards.push({ text: v.guard.name, line: v.guard.line, via: v.guard.reason, guard: v.guard });
          const notes = judged.flatMap(({ v }) => (v.kind === 'pass' && v.note ? [v.note] : []));
          const passing = mount.wrappers.filter((w) => !offBy(w.gates) && passes(w));
          if (passing.length) notes.push(`${passing.map((w) => `${w.text.replace(/\(.*$/s, '(…)')} (${d.file}:${w.line})`).join(', ')} refuse no one (falconWrappers.ts)`);
          if (notes.length) decl.openNote = notes.join('; ');
          const doubts = [
            ...judged.filter(({ v }) => v.kind === 'doubt').map(({ x, file, what }) => `${what} @${x.text} (${file}:${x.line})`),
            ...mount.wrappers.filter((w) => !offBy(w.gates) && !passes(w)).map((w) => `${w.text} around the app (${d.file}:${w.line})`),
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

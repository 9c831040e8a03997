// Sails.js globals in the call graph. A Sails app calls its own code through names Sails makes
// global at lift, never through imports: `sails.helpers.users.getOne(…)` (or `.with({ … })`, the
// named-arguments call of the same helper) runs `fn` of `api/helpers/users/get-one.js`, and each
// model of `api/models/<Model>.js` is the global `<Model>`, whose Waterline methods
// (`Board.find`, `Board.updateOne`) talk to the store. Methods the app itself attaches to a model
// (`Object.assign(Model, { qm: require('./models/Board') })`, called `Board.qm.getOneById`) are
// the one other `<Model>.js` module of the app that declares that name, or stay unresolved. A hook
// of the app is `sails.hooks.<name>`, the object `api/hooks/<name>/index.js` makes.
import type { FileInfo } from '../map/types';
import type { Callee } from './callGraph';

/** Waterline's model methods (sails-hook-orm): a call of one on a model global reads or writes the store. */
const WATERLINE = /^(find|findOne|findOrCreate|create|createEach|update|updateOne|destroy|destroyOne|archive|archiveOne|count|sum|avg|stream|addToCollection|removeFromCollection|replaceCollection|getDatastore|sendNativeQuery|query|native|validate)$/;

const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

export class SailsGlobals {
  /** App folders ('' at the root, else ending in '/'): those holding `api/helpers/` or `api/models/`. */
  private readonly bases: string[] = [];
  /** `<base>` + `Board` → the files named `Board.js` in the app other than the model definition. */
  private readonly modelModules = new Map<string, FileInfo[]>();
  private readonly models = new Set<string>();

  constructor(private readonly files: ReadonlyMap<string, FileInfo>) {
    const bases = new Set<string>();
    for (const p of files.keys()) {
      const m = /^(.*?)api\/(?:helpers|models)\//.exec(p);
      if (m && (m[1] === '' || m[1]!.endsWith('/'))) bases.add(m[1]!);
    }
    this.bases = [...bases];
    for (const [p, f] of files) {
      for (const base of this.bases) {
        if (!p.startsWith(base)) continue;
        const model = /^api\/models\/([A-Z]\w*)\.[jt]s$/.exec(p.slice(base.length));
        if (model) this.models.add(base + model[1]);
      }
      const named = /(?:^|\/)([A-Z]\w*)\.[jt]s$/.exec(p);
      if (named && !/(?:^|\/)api\/models\//.test(p)) {
        for (const base of this.bases) if (p.startsWith(base)) (this.modelModules.get(base + named[1]) ?? this.modelModules.set(base + named[1], []).get(base + named[1])!).push(f);
      }
    }
  }

  /** What a call spelled `parts` (`sails.helpers.a.b`, `Board.find`) names in the app of `file`, or undefined when it is no Sails global. */
  resolve(file: string, parts: readonly string[]): Callee | undefined {
    if (!this.bases.length) return undefined;
    const base = this.bases.filter((b) => file.startsWith(b)).sort((a, b) => b.length - a.length)[0];
    if (base === undefined) return undefined;
    if (parts[0] === 'sails' && parts[1] === 'helpers' && parts.length >= 4) {
      const names = parts[parts.length - 1] === 'with' ? parts.slice(2, -1) : parts.slice(2);
      const f = this.files.get(`${base}api/helpers/${names.map(kebab).join('/')}.js`) ?? this.files.get(`${base}api/helpers/${names.map(kebab).join('/')}.ts`);
      const fn = f?.symbols.find((s) => s.path === 'fn');
      return f && fn ? { kind: 'symbol', file: f.path, symbol: fn.path, range: fn.range } : undefined;
    }
    // `sails.hooks.oidc.getClient()`: a method of what the app's hook `api/hooks/oidc/index.js` defines.
    if (parts[0] === 'sails' && parts[1] === 'hooks' && parts.length === 4) {
      const f = this.files.get(`${base}api/hooks/${parts[2]}/index.js`) ?? this.files.get(`${base}api/hooks/${parts[2]}/index.ts`);
      const hits = f?.symbols.filter((s) => s.name === parts[3] && (s.kind === 'method' || s.kind === 'function')) ?? [];
      return f && hits.length === 1 ? { kind: 'symbol', file: f.path, symbol: hits[0]!.path, range: hits[0]!.range } : undefined;
    }
    if (!this.models.has(base + parts[0])) return undefined;
    if (parts.length === 2 && WATERLINE.test(parts[1]!)) return { kind: 'store', package: 'waterline' };
    if (parts.length === 3) {
      const last = parts[2]!;
      const hits = (this.modelModules.get(base + parts[0]) ?? []).flatMap((f) => f.symbols.filter((s) => s.path === last && (s.kind === 'function' || s.kind === 'variable')).map((s) => ({ f, s })));
      if (hits.length === 1) return { kind: 'symbol', file: hits[0]!.f.path, symbol: hits[0]!.s.path, range: hits[0]!.s.range };
    }
    return undefined;
  }
}

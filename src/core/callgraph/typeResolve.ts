// Calls on a value whose type the code states (map/localTypes.ts): `ctx.joplin.models.user().load(id)`
// in a handler taking `ctx: AppContext` is followed through the declared types — the interface's
// `joplin: AppContextJoplin`, that one's `models: Models`, the class Models whose `user()` returns
// `new UserModel(…)` — to `UserModel.load`, or the method UserModel inherits (`extends BaseModel`).
// A local bound to such a chain (`const users = ctx.joplin.models.user()`, `const models =
// ctx.joplin.models`) stands for it. A type of the service's own installed packages
// (`service: IAuthModuleService` from `@medusajs/framework/types`) names the call as that package's.
// Every step must be stated: a type imported from a third-party package, a member no declaration
// types, a method no class declares, an interface's method (which implementation runs is not
// stated) leave the call to the rest of the call graph — never a guess by the method's name.
import type { FileInfo, SymbolInfo } from '../map/types';
import type { Callee } from './callGraph';
import { CHAIN } from '../map/localTypes';
import { NOISE } from './classify';
import { exportSources } from './reexports';
import { getOwn, ownMember } from '../ownKeys';

/** A type as written in a file. */
type TypeRef = { file: FileInfo; name: string };
/** Where a type is declared: a class, interface or type alias of ours, or a type of one of our own installed packages. */
type Decl = { file: FileInfo; sym: SymbolInfo } | { package: string; name: string };
type Segment = { name: string; call: boolean };

/** Bindings and types followed per resolution: real chains are a handful long. */
const MAX_STEPS = 24;
const MAX_HOPS = 8;
const TYPE_KINDS = new Set(['class', 'interface', 'type']);

export class TypeResolver {
  private readonly bindings = new WeakMap<FileInfo, Map<string, [string, number, number][]>>();
  private steps = 0;

  constructor(
    private readonly files: Map<string, FileInfo>,
    private readonly classes: Map<string, { file: FileInfo; sym: SymbolInfo }[]>,
    private readonly findPath: (f: FileInfo, path: string[]) => Callee | undefined,
    private readonly inherited: (f: FileInfo, owner: string, method: string) => Callee | undefined,
    private readonly resolveCall: (file: string, caller: string, callee: string) => Callee,
    private readonly ownScopes: readonly string[],
  ) {}

  /** The method a call (`a.b().c`, as written) runs, when every type on the way is stated; `line`: the call's line. */
  resolve(f: FileInfo, caller: string, callee: string, line?: number): Callee | undefined {
    if (callee.startsWith('new ')) return undefined;
    const chain = parseChain(callee);
    if (!chain || chain.length < 2 || chain[chain.length - 1].call) return undefined;
    // `this.m()`, an imported module's `x.m()`: the member resolver and imports already say.
    if (chain.length === 2 && !chain[0].call && (chain[0].name === 'this' || f.importDetails.some((i) => i.names && getOwn(i.names, chain[0].name) !== undefined))) return undefined;
    this.steps = 0;
    const at = line ?? f.symbols.find((s) => s.path === caller)?.range.start;
    const t = this.typeOf(f, caller, chain.slice(0, -1), at);
    const hit = t ? this.methodOf(t, chain[chain.length - 1].name) : undefined;
    // The framework's request and response as our own package types them (`res: MedusaResponse`,
    // `res.status(200).json(…)`) are still the framework's: a step into our code only where a class of ours answers.
    return hit?.kind === 'ownPackage' && NOISE.test(chain[0].name) ? undefined : hit;
  }

  /** The declaration of the value a chain evaluates to, written in `f` at line `at` inside `caller`. */
  private typeOf(f: FileInfo, caller: string, chain: Segment[], at: number | undefined): Decl | undefined {
    if (++this.steps > MAX_STEPS) return undefined;
    const [root, ...rest] = chain;
    let t: Decl | undefined;
    if (root.name === 'this' && !root.call) {
      const cls = f.symbols.find((s) => s.kind === 'class' && s.path === caller.split('.')[0]);
      t = cls ? { file: f, sym: cls } : undefined;
    } else if (root.call) {
      const fn = this.resolveCall(f.path, caller, root.name);
      const tf = fn.kind === 'symbol' ? this.files.get(fn.file) : undefined;
      const ret = tf?.returnTypes ? getOwn(tf.returnTypes, fn.kind === 'symbol' ? fn.symbol : '') : undefined;
      t = tf && ret && fn.kind === 'symbol' ? this.typed(tf, fn.symbol, ret, fn.range.start) : undefined;
    } else t = this.nameType(f, caller, root.name, at);
    for (const seg of rest) {
      if (!t) return undefined;
      t = seg.call ? this.returnOf(t, seg.name) : this.memberOf(t, seg.name);
    }
    return t;
  }

  /** A name's type in `f` at `at`: a binding of the innermost function around it, else of the module, else what an import names. */
  private nameType(f: FileInfo, caller: string, name: string, at: number | undefined): Decl | undefined {
    const bound = at !== undefined ? this.bindingAt(f, name, at) : undefined;
    if (bound === null) return undefined;
    if (bound) return this.typed(f, caller, bound, at);
    const module = ownMember(f.memberTypes, '', name);
    if (module) return this.declOf({ file: f, name: module }, 0);
    for (const imp of f.importDetails) {
      const imported = imp.names && !imp.reexport ? getOwn(imp.names, name) : undefined;
      if (imported === undefined) continue;
      // An instance a module of ours exports (`export const models = new Models(…)`).
      const tf = imp.resolved ? this.files.get(imp.resolved) : undefined;
      const type = tf && imported !== '*' ? ownMember(tf.memberTypes, '', imported === 'default' ? (tf.exportAliases?.default ?? '') : imported) : undefined;
      return tf && type ? this.declOf({ file: tf, name: type }, 0) : undefined;
    }
    return undefined;
  }

  /** A stated type (a name, or a chain evaluated where it was written) as a declaration. */
  private typed(f: FileInfo, caller: string, type: string, at: number | undefined): Decl | undefined {
    if (!type.startsWith(CHAIN)) return this.declOf({ file: f, name: type }, 0);
    const chain = parseChain(type.slice(CHAIN.length));
    return chain ? this.typeOf(f, caller, chain, at) : undefined;
  }

  /**
   * What binds `name` in the innermost function around line `at` (a stated type, a chain, or an
   * alias `const models = ctx.models` as a chain); null when that function binds it more than one way.
   */
  private bindingAt(f: FileInfo, name: string, at: number): string | null | undefined {
    // Module-level bindings (0, 0) hold everywhere, below every function's.
    const span = (b: [string, number, number]): number => (b[1] === 0 ? Infinity : b[2] - b[1]);
    let best: [string, number, number] | undefined;
    let clash = false;
    for (const b of this.bindingsOf(f).get(name) ?? []) {
      if (b[1] !== 0 && (b[1] > at || b[2] < at)) continue;
      if (best && b[1] === best[1] && b[2] === best[2]) clash ||= b[0] !== best[0];
      else if (!best || span(b) < span(best)) [best, clash] = [b, false];
    }
    return clash ? null : best?.[0];
  }

  private bindingsOf(f: FileInfo): Map<string, [string, number, number][]> {
    let m = this.bindings.get(f);
    if (m) return m;
    m = new Map();
    const add = (name: string, type: string, start: number, end: number): void => {
      const list = m!.get(name) ?? [];
      list.push([type, start, end]);
      m!.set(name, list);
    };
    for (const [local, type, start, end] of f.scopedTypes ?? []) add(local, type, start, end);
    // `const models = ctx.joplin.models`, `const { users } = services` inside a function: the chain they name.
    for (const [local, source, start, end] of f.scopedAliases ?? []) if (!source.startsWith('$')) add(local, CHAIN + source, start, end);
    for (const [local, source] of Object.entries(f.valueAliases ?? {})) if (!local.includes('.')) add(local, CHAIN + source, 0, 0);
    this.bindings.set(f, m);
    return m;
  }

  /** Where the type `t.name` is declared: through the import that names it (and barrels), in the file, or the one class of that name. */
  private declOf(t: TypeRef, hops: number): Decl | undefined {
    if (hops > MAX_HOPS) return undefined;
    const [head, ...rest] = t.name.split('.');
    for (const imp of t.file.importDetails) {
      const imported = imp.names && !imp.reexport ? getOwn(imp.names, head) : undefined;
      if (imported === undefined) continue;
      const name = imported === '*' ? rest.join('.') : [imported, ...rest].join('.');
      if (imp.kind === 'external') return this.ownScopes.some((s) => imp.specifier.startsWith(s)) && name ? { package: imp.specifier, name } : undefined;
      const tf = imp.resolved ? this.files.get(imp.resolved) : undefined;
      return tf && name ? this.exportedType(tf, name, hops + 1) : undefined;
    }
    const here = t.file.symbols.find((s) => TYPE_KINDS.has(s.kind) && s.path === t.name);
    if (here) return { file: t.file, sym: here };
    if (rest.length) return undefined;
    const named = (this.classes.get(head.toLowerCase()) ?? []).filter((c) => c.sym.name === head && c.sym.path === head);
    return named.length === 1 ? named[0] : undefined;
  }

  /** The type a module exports as `name` (`default` included): declared there, or through its re-exports. */
  private exportedType(f: FileInfo, name: string, hops: number): Decl | undefined {
    if (hops > MAX_HOPS) return undefined;
    const local = name === 'default' ? f.exportAliases?.default : name;
    const here = local ? f.symbols.find((s) => TYPE_KINDS.has(s.kind) && s.path === local) : undefined;
    if (here) return { file: f, sym: here };
    for (const s of exportSources(f, name, this.files)) {
      const hit = s.file === f ? this.declOf({ file: f, name: s.name }, hops + 1) : this.exportedType(s.file, s.name, hops + 1);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The type of a declaration's member `name` (a property, or one of its bases'). */
  private memberOf(d: Decl, name: string): Decl | undefined {
    if ('package' in d) return undefined;
    for (let cur: Decl | undefined = d, i = 0; cur && !('package' in cur) && i < MAX_HOPS; i++) {
      const type = ownMember(cur.file.memberTypes, cur.sym.path, name);
      if (type) return this.declOf({ file: cur.file, name: type }, 0);
      const base: string | undefined = ownMember(cur.file.memberTypes, cur.sym.path, 'super');
      cur = base ? this.declOf({ file: cur.file, name: base }, 0) : undefined;
    }
    return undefined;
  }

  /** The type a declaration's method `name` returns (its own, or one of its bases'). */
  private returnOf(d: Decl, name: string): Decl | undefined {
    for (let cur: Decl | undefined = d, i = 0; cur && !('package' in cur) && i < MAX_HOPS; i++) {
      const path = `${cur.sym.path}.${name}`;
      const type = cur.file.returnTypes ? getOwn(cur.file.returnTypes, path) : undefined;
      if (type) return this.typed(cur.file, path, type, cur.file.symbols.find((s) => s.path === path)?.range.start);
      const base: string | undefined = ownMember(cur.file.memberTypes, cur.sym.path, 'super');
      cur = base ? this.declOf({ file: cur.file, name: base }, 0) : undefined;
    }
    return undefined;
  }

  /** The method `method` of a declaration: a class's own or inherited; our own package's, named as such. */
  private methodOf(d: Decl, method: string): Callee | undefined {
    if ('package' in d) return { kind: 'ownPackage', package: d.package, name: `${d.name}.${method}` };
    if (d.sym.kind !== 'class') return undefined;
    const hit = this.findPath(d.file, [d.sym.path, method]) ?? this.inherited(d.file, d.sym.path, method);
    return hit?.kind === 'symbol' ? hit : undefined;
  }
}

/**
 * A callee as written (`ctx.joplin.models.user(id).load`, `a?.b!.c<T>()`) as names and calls;
 * undefined for anything else (a computed member, a literal, a text cut short).
 */
export function parseChain(text: string): Segment[] | undefined {
  const out: Segment[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    const m = /^[A-Za-z_$][\w$]*/.exec(s.slice(i));
    if (!m) return undefined;
    const seg: Segment = { name: m[0], call: false };
    i += m[0].length;
    if (s[i] === '!') i++;
    if (s[i] === '<') {
      const close = closing(s, i, '<', '>');
      if (close < 0 || s[close + 1] !== '(') return undefined;
      i = close + 1;
    }
    if (s[i] === '(') {
      const close = closing(s, i, '(', ')');
      if (close < 0) return undefined;
      seg.call = true;
      i = close + 1;
      if (s[i] === '!') i++;
    }
    out.push(seg);
    if (i >= s.length) break;
    if (s.startsWith('?.', i)) i += 2;
    else if (s[i] === '.') i++;
    else return undefined;
  }
  return out.length ? out : undefined;
}

/** The index of the bracket closing the one at `i` (strings in arguments skipped); -1 when the text ends first. */
function closing(s: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '"' || c === "'" || c === '`') {
      const end = s.indexOf(c, j + 1);
      if (end < 0) return -1;
      j = end;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return j;
  }
  return -1;
}

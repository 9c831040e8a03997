// Calls of functions that came out of an object whose shape the code states (map/objectShapes.ts):
// `findUserById(id)` after `const { users: { findUserById } } = queries`, `users.findUserById(id)`
// with `(router, { queries: { users } })`, `queries.users.findUserById(id)`. The name is followed
// back to a member chain (`….users.findUserById`); the object holding the function is a class
// field set from a factory (`users = createUserQueries(this.pool)`) whose returned object literal
// holds the name (`return { findUserById, … }`), or a field typed as a class (`accounts = new
// AccountQueries(pool)`), whose method, inherited method or field set from a call is the member; an
// instance the factory's object makes (`{ consents: new ConsentQueries(pool) }`) is read as such a
// class, one level down (`applications.consents.list`). When several fields of that name hold it, the
// chain's outer name must name the class (`queries` → `Queries`); anything else stays unresolved.
import type { FileInfo, SymbolInfo } from '../map/types';
import type { Callee } from './callGraph';
import { NEW, PARAM_ROOT } from '../map/objectShapes';
import { getOwn } from '../ownKeys';

/** A class field: set from a call of `callee` (a factory), or typed (declared or `new`) as the class `callee`. */
type Field = { file: FileInfo; cls: string; callee: string; typed: boolean };
type Target = Callee & { kind: 'symbol' };

/** How many bindings a name is followed through (`users` → `queries.users` → `$param.queries.users`). */
const MAX_EXPANSIONS = 6;
const JS_FILE = /\.[cm]?[jt]sx?$/;

export class ShapeResolver {
  private fields?: Map<string, Field[]>;
  /** Resolutions under way: a factory's member bound to another object's member is followed a few steps, never round a cycle. */
  private depth = 0;

  constructor(
    private readonly files: Map<string, FileInfo>,
    private readonly resolveCall: (file: string, caller: string, callee: string) => Callee,
    private readonly findPath: (f: FileInfo, path: string[]) => Callee | undefined,
    private readonly inherited: (f: FileInfo, owner: string, method: string) => Callee | undefined,
  ) {}

  resolve(f: FileInfo, caller: string, parts: string[]): Callee | undefined {
    if (this.depth >= 3) return undefined;
    this.depth++;
    try {
      return this.resolveChain(f, caller, parts);
    } finally {
      this.depth--;
    }
  }

  private resolveChain(f: FileInfo, caller: string, parts: string[]): Callee | undefined {
    const path = this.expand(f, caller, parts);
    if (!path || path.length < 2) return undefined;
    const member = path[path.length - 1];
    const holder = path[path.length - 2];
    const outer = path.length >= 3 ? path[path.length - 3] : undefined;
    const found: { field: Field; target: Target }[] = [];
    for (const field of this.fieldIndex().get(holder) ?? []) {
      const target = field.typed ? this.classMember(field.file, field.cls, field.callee, member) : this.member(field, member);
      if (target) found.push({ field, target });
    }
    // `applications.consents.list()`: an instance a factory's returned object makes (`consents: new ConsentQueries(pool)`).
    if (!found.length && outer) {
      for (const field of this.fieldIndex().get(outer) ?? []) {
        const made = field.typed ? undefined : this.returned(field, holder);
        const target = made && made.held[0].startsWith(NEW) ? this.classMember(made.file, made.factory, made.held[0].slice(NEW.length), member) : undefined;
        if (target) found.push({ field, target });
      }
    }
    const distinct = (xs: typeof found) => new Set(xs.map((x) => `${x.target.file}#${x.target.symbol}@${x.target.range.start}`)).size;
    if (found.length && distinct(found) === 1) return found[0].target;
    // Two `users` fields whose factories both return `findUserById`: the one of the class the outer name spells.
    const named = outer && outer !== PARAM_ROOT ? found.filter((x) => x.field.cls.toLowerCase() === outer.toLowerCase()) : [];
    return named.length && distinct(named) === 1 ? named[0].target : undefined;
  }

  /**
   * The call's name as a member chain, through the bindings of the functions around the caller:
   * undefined when its first name is bound by none (then nothing here is stated about it).
   */
  private expand(f: FileInfo, caller: string, parts: string[]): string[] | undefined {
    if (!f.scopedAliases || !caller) return undefined;
    const sym = f.symbols.find((s) => s.path === caller);
    if (!sym) return undefined;
    let path = parts;
    let expanded = false;
    for (let i = 0; i < MAX_EXPANSIONS && path[0] !== PARAM_ROOT; i++) {
      const source = this.bindingOf(f, sym, path[0]);
      if (!source) break;
      path = [...source.split('.'), ...path.slice(1)];
      expanded = true;
    }
    return expanded ? path : undefined;
  }

  /** What `name` is bound to in a function around (or inside) the caller, when every such binding agrees. */
  private bindingOf(f: FileInfo, sym: SymbolInfo, name: string): string | undefined {
    let source: string | undefined;
    for (const [local, src, start, end] of f.scopedAliases ?? []) {
      if (local !== name) continue;
      const around = start <= sym.range.start && end >= sym.range.end;
      const inside = start >= sym.range.start && end <= sym.range.end;
      if (!around && !inside) continue;
      if (source !== undefined && source !== src) return undefined;
      source = src;
    }
    return source;
  }

  /** What the object a field's factory returns holds under `member`, with the factory. */
  private returned(field: Field, member: string): { file: FileInfo; factory: string; held: [string, number] } | undefined {
    const factory = this.resolveCall(field.file.path, field.cls, field.callee);
    if (factory.kind !== 'symbol') return undefined;
    const tf = this.files.get(factory.file);
    const name = factory.symbol.split('.').pop()!;
    const held = tf?.returnedMembers ? getOwn(tf.returnedMembers, `${name}.${member}`) : undefined;
    return tf && held ? { file: tf, factory: factory.symbol, held } : undefined;
  }

  /**
   * The member `member` of the class named `name` as written in `f` (from inside `caller`): its
   * method, one it inherits, or a field set from a call (`findDefault = cache.memoize(…)`), at its line.
   */
  private classMember(f: FileInfo, caller: string, name: string, member: string): Target | undefined {
    const ctor = this.resolveCall(f.path, caller, name);
    if (ctor.kind !== 'symbol' || !ctor.symbol.endsWith('.constructor')) return undefined;
    const cf = this.files.get(ctor.file);
    const cls = ctor.symbol.slice(0, -'.constructor'.length);
    if (!cf) return undefined;
    const hit = this.findPath(cf, [cls, member]) ?? this.inherited(cf, cls, member);
    if (hit?.kind === 'symbol') return hit;
    const field = cf.fieldCalls ? getOwn(cf.fieldCalls, `${cls}.${member}`) : undefined;
    return field ? { kind: 'symbol', file: cf.path, symbol: `${cls}.${member}`, range: { start: field[1], end: field[1] } } : undefined;
  }

  /** The function `member` of the object a field's factory returns. */
  private member(field: Field, member: string): Target | undefined {
    const made = this.returned(field, member);
    if (!made || made.held[0].startsWith(NEW)) return undefined;
    const { file: tf, factory } = made;
    const [local, line] = made.held;
    const hit = this.findPath(tf, [factory, local]) ?? (line === 0 ? this.resolveCall(tf.path, factory, local) : undefined);
    if (hit?.kind === 'symbol') return hit;
    // Bound in the factory to what a call returns (`const findUserById = buildFind(pool)(Users)`):
    // the step is that binding, with nothing of its own to walk.
    return line > 0 ? { kind: 'symbol', file: tf.path, symbol: `${factory}.${local}`, range: { start: line, end: line } } : undefined;
  }

  private fieldIndex(): Map<string, Field[]> {
    if (this.fields) return this.fields;
    this.fields = new Map();
    for (const file of this.files.values()) {
      const add = (name: string, field: Field): void => {
        const list = this.fields!.get(name) ?? [];
        list.push(field);
        this.fields!.set(name, list);
      };
      for (const [key, [callee]] of Object.entries(file.fieldCalls ?? {})) {
        const dot = key.lastIndexOf('.');
        add(key.slice(dot + 1), { file, cls: key.slice(0, dot), callee, typed: false });
      }
      // Typed members of classes (`accounts = new AccountQueries(pool)`, `private readonly accounts: AccountQueries`).
      for (const [owner, members] of Object.entries(file.memberTypes ?? {})) {
        // An interface's or type alias's members are no fields an object holds (typeResolve.ts reads them).
        if (!owner || !JS_FILE.test(file.path) || file.symbols.some((s) => s.path === owner && (s.kind === 'interface' || s.kind === 'type'))) continue;
        for (const [name, type] of Object.entries(members)) if (name !== 'super' && /^[A-Z][\w$]*$/.test(type)) add(name, { file, cls: owner, callee: type, typed: true });
      }
    }
    return this.fields;
  }
}

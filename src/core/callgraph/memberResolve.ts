// Calls through members with a declared type: `this.users.find` (TS constructor parameter
// properties), `self.repo.add` (Python `self.repo = ItemRepository(db)`), Go `h.orders.Create`
// (struct field `orders *orders.Service`), Java `invoices.pay` (field or record component). The
// member's type names a class or struct; its method is the target. For an interface, the one
// implementing method in the repository is taken when there is exactly one (or one whose class
// name contains the interface's).
import type { FileInfo, SymbolInfo } from '../map/types';
import type { Callee } from './callGraph';
import { STORE_TYPE_NAME, classifyPackage, isStoreHandleClass } from './classify';
import { getOwn, ownMember } from '../ownKeys';
import { GO_ALIASES, GO_CALL, GO_FIELD, GO_LOCALS, GO_RESULTS } from '../map/memberTypes';
import { goCallOnResult, goExternalValueCall } from './goExternalTypes';
import { JS_LANGUAGES } from './reexports';

type Entry = { file: FileInfo; sym: SymbolInfo };

/** The callee as a dotted name: arguments of inner calls dropped (`ItemService(db).create` → `ItemService.create`). */
export function calleeName(callee: string): string {
  // The Kotlin grammar reads `!dao.exists(k)` as a call on `!dao`: the negation is not part of the name.
  let s = callee.replace(/^!+\s*/, '').replace(/^new\s+/, '');
  // Remove balanced argument lists from the inside out; a text cut at the length limit may leave
  // an unclosed one, which ends the name.
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/\([^()]*\)/g, '').replace(/<[\w$.,\s[\]]*>/g, '');
  }
  const open = s.indexOf('(');
  if (open >= 0) s = s.slice(0, open);
  return s.replace(/\?\./g, '.').replace(/!\./g, '.').replace(/\[[^\]]*\]/g, '');
}

export class MemberResolver {
  constructor(
    private readonly files: Map<string, FileInfo>,
    private readonly byDir: Map<string, FileInfo[]>,
    private readonly classes: Map<string, Entry[]>,
    private readonly methodsByName: Map<string, Entry[]>,
    private readonly findPath: (f: FileInfo, path: string[]) => Callee | undefined,
  ) {}

  /** Go: a package spans files, so a struct declared in one file has its methods in others. */
  private readonly goPackages = new Map<string, Map<string, Map<string, { type: string; file: FileInfo }>>>();

  /** `receiver.member.method` (or Java `member.method`) from inside `caller`, through the member's type. */
  resolveChain(f: FileInfo, caller: string, parts: string[]): Callee | undefined {
    if ((!f.memberTypes && f.language !== 'go') || parts.length < 2) return undefined;
    const owner = this.ownerOf(f, caller);
    const root = parts[0];
    const imported = f.importDetails.some((i) => i.names && root in i.names);
    let member: string | undefined;
    let rest: string[] = [];
    if ((root === 'this' || root === 'self') && parts.length === 3) [member, rest] = [parts[1], parts.slice(2)];
    else if (f.language === 'go' && owner && parts.length === 3 && !imported) [member, rest] = [parts[1], parts.slice(2)];
    else if ((f.language === 'java' || f.language === 'kotlin') && owner && parts.length === 2) [member, rest] = [root, parts.slice(1)];
    if (member && owner && rest.length === 1) {
      const hit = this.methodOfMember(f, owner, member, rest[0]);
      if (hit) return hit;
    }
    // Go: a value the calling function made (`h := opml.NewHandler(store); h.Export()`).
    const local = f.language === 'go' && parts.length === 2 && !imported ? ownMember(f.memberTypes, GO_LOCALS + caller, root) : undefined;
    if (local?.startsWith(GO_FIELD)) {
      // `q := c.dbc.DB`: the type the last field is declared with, field by field from the receiver.
      const t = this.goChainType(f, caller, local.slice(GO_FIELD.length).split('.'));
      const hit = t && (goExternalValueCall(t.file, t.type, root, parts[1]) ?? this.methodOfType(t.file, t.type, parts[1]));
      if (hit) return hit;
    } else if (local) {
      const made = local.startsWith(GO_CALL) ? local.slice(GO_CALL.length) : undefined;
      const hit = goExternalValueCall(f, made ?? local, root, parts[1]) ?? (made ? this.resultMethod(f, made, parts[1]) : this.methodOfType(f, local, parts[1]));
      if (hit) return hit;
    }
    // Kotlin: a value the calling function (or one around it: a handler lambda's) declares with a type.
    if (f.language === 'kotlin' && parts.length === 2 && !imported) {
      const segs = caller.split('.');
      for (let n = segs.length; n >= 1; n--) {
        const type = ownMember(f.memberTypes, GO_LOCALS + segs.slice(0, n).join('.'), root);
        const hit = type ? this.methodOfType(f, type, parts[1]) : undefined;
        if (hit) return hit;
      }
    }
    // Python: a value the calling function made with an outside package's class (`ws = web.WebSocketResponse()`).
    const made = f.language === 'python' && parts.length === 2 && !imported ? ownMember(f.memberTypes, GO_LOCALS + caller, root) : undefined;
    const outside = made && goExternalValueCall(f, made, root, parts[1]);
    if (outside) return outside;
    // A module-level instance of a class in the same file: `service.run()` with `service = Service()`.
    if (parts.length === 2 && !imported) return this.methodOfMember(f, '', root, parts[1]);
    return undefined;
  }

  /**
   * Go: a method called straight on what a function returns (`store.FromContext(c).GetUser(id)`),
   * the same target as when the result is kept in a local first (`s := store.FromContext(c); s.GetUser(id)`).
   */
  resultCall(f: FileInfo, fn: string, method: string): Callee | undefined {
    return f.language === 'go' ? (goExternalValueCall(f, fn, fn, method) ?? this.resultMethod(f, fn, method)) : undefined;
  }

  /**
   * Go calls whose receiver's type the code declares: a local declared with a type (`var list
   * shop.Orders; list.List(…)`), whose type decides whatever its name (`list`, `path` and `c` are
   * noise names elsewhere); a method on what a function of ours returns (`app.Dao().DB().Model`:
   * `Dao.DB` is declared to return `*DB`), the inner call resolved by `resolve`.
   */
  goDeclared(f: FileInfo, caller: string, callee: string, parts: string[], resolve: (inner: string) => Callee): Callee | undefined {
    if (parts.length === 2 && ownMember(f.memberTypes, GO_LOCALS + caller, parts[0]) !== undefined) {
      const hit = this.resolveChain(f, caller, parts);
      if (hit) return hit;
    }
    const on = goCallOnResult(callee.trim());
    const inner = on && resolve(on.inner);
    const tf = inner?.kind === 'symbol' ? this.files.get(inner.file) : undefined;
    const type = tf && inner?.kind === 'symbol' ? ownMember(tf.memberTypes, GO_RESULTS, inner.symbol) : undefined;
    return tf && type && on ? (goExternalValueCall(tf, type, '', on.method) ?? this.methodOfType(tf, type, on.method)) : undefined;
  }

  /**
   * Go: the declared type of `root.a.b` in `caller` (root a typed local, else the method's receiver),
   * with the file that names it; field types are read where their struct is declared.
   */
  private goChainType(f: FileInfo, caller: string, names: string[]): { file: FileInfo; type: string } | undefined {
    const [root, ...fields] = names;
    const local = ownMember(f.memberTypes, GO_LOCALS + caller, root);
    let cur: { file: FileInfo; type: string } | undefined;
    if (local) cur = local.startsWith(GO_CALL) || local.startsWith(GO_FIELD) ? undefined : { file: f, type: local };
    else if (!f.importDetails.some((i) => i.names && root in i.names)) {
      const owner = this.ownerOf(f, caller);
      cur = owner ? { file: f, type: owner } : undefined;
    }
    for (const field of fields) {
      if (!cur) return undefined;
      const t: { file: FileInfo; type: string } = this.goAlias(cur.file, cur.type) ?? cur;
      cur = undefined;
      for (const d of this.declsOf(t.file, t.type)) {
        const m = d.sym.kind === 'class' && d.file.language === 'go' ? this.goPackage(d.file).get(d.sym.path)?.get(field) : undefined;
        if (m) {
          cur = { file: m.file, type: m.type };
          break;
        }
      }
    }
    return cur;
  }

  /** Go: what an alias (`type DB = gorm.DB`) named in file `f` stands for, with the file that declares it. */
  private goAlias(f: FileInfo, type: string): { file: FileInfo; type: string } | undefined {
    if (f.language !== 'go') return undefined;
    const dot = type.indexOf('.');
    const name = type.slice(dot + 1);
    let dir: string | undefined = dirOf(f.path);
    if (dot > 0) dir = f.importDetails.find((i) => i.kind === 'resolved' && i.names && type.slice(0, dot) in i.names)?.resolvedDir;
    if (dir === undefined) return undefined;
    for (const o of this.byDir.get(dir) ?? []) {
      const target = o.language === 'go' ? ownMember(o.memberTypes, GO_ALIASES, name) : undefined;
      if (target) return { file: o, type: target };
    }
    return undefined;
  }

  /** Go: the method of the type that function `fn` (`opml.NewHandler`, `newServer`) returns, read where it is declared. */
  private resultMethod(f: FileInfo, fn: string, method: string): Callee | undefined {
    const [head, name] = fn.includes('.') ? fn.split('.') : [undefined, fn];
    const files: FileInfo[] = [];
    if (head) {
      for (const imp of f.importDetails) if (imp.names && head in imp.names && imp.resolvedDir !== undefined) files.push(...(this.byDir.get(imp.resolvedDir) ?? []));
    } else files.push(...(this.byDir.get(dirOf(f.path)) ?? []));
    for (const o of files) {
      const type = o.language === 'go' && !TEST_FILE.test(o.path) ? ownMember(o.memberTypes, GO_RESULTS, name) : undefined;
      if (type) return goExternalValueCall(o, type, fn, method) ?? this.methodOfType(o, type, method);
    }
    return undefined;
  }

  /** The method `method` of the declared type of `owner`'s member `member`, in file `f`. */
  methodOfMember(f: FileInfo, owner: string, member: string, method: string): Callee | undefined {
    const type = ownMember(f.memberTypes, owner, member);
    if (type) return goExternalValueCall(f, type, member, method) ?? this.methodOfType(f, type, method);
    // Go: the struct may be declared in another file of the package; its field types are read
    // there, where the imports that name them are.
    const decl = f.language === 'go' && owner ? this.goPackage(f).get(owner)?.get(member) : undefined;
    return decl ? (goExternalValueCall(decl.file, decl.type, member, method) ?? this.methodOfType(decl.file, decl.type, method)) : undefined;
  }

  private ownerOf(f: FileInfo, caller: string): string | undefined {
    const segs = caller.split('.');
    for (let n = segs.length - 1; n >= 1; n--) {
      const p = segs.slice(0, n).join('.');
      if ((f.memberTypes && getOwn(f.memberTypes, p)) || (f.language === 'go' && this.goPackage(f).has(p))) return p;
    }
    return undefined;
  }

  /** A Go type's methods live in any file of its package (`Client` in client.go, `Client.QueryAlerts` in alerts.go). */
  private inGoPackage(f: FileInfo, path: string[]): Callee | undefined {
    for (const o of this.byDir.get(dirOf(f.path)) ?? []) {
      if (o === f || o.language !== 'go' || TEST_FILE.test(o.path)) continue;
      const hit = this.findPath(o, path);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Every struct's member types in a Go file's package (its folder), with the declaring file. */
  private goPackage(f: FileInfo): Map<string, Map<string, { type: string; file: FileInfo }>> {
    const dir = dirOf(f.path);
    let pkg = this.goPackages.get(dir);
    if (pkg) return pkg;
    pkg = new Map();
    for (const o of this.byDir.get(dir) ?? []) {
      if (o.language !== 'go' || TEST_FILE.test(o.path)) continue;
      for (const [owner, members] of Object.entries(o.memberTypes ?? {})) {
        // Structs only: not a function's own values, not the package's result types.
        if (!owner || owner === GO_RESULTS || owner === GO_ALIASES || owner.startsWith(GO_LOCALS)) continue;
        const m = pkg.get(owner) ?? new Map<string, { type: string; file: FileInfo }>();
        for (const [name, type] of Object.entries(members)) if (!m.has(name)) m.set(name, { type, file: o });
        pkg.set(owner, m);
      }
    }
    this.goPackages.set(dir, pkg);
    return pkg;
  }

  /** A method the class `owner` of file `f` inherits (`extends BaseController`), up its base classes. */
  inherited(f: FileInfo, owner: string, method: string): Callee | undefined {
    let file = f;
    let cls = owner;
    for (let i = 0; i < 6; i++) {
      const base = ownMember(file.memberTypes, cls, 'super');
      const decl = base ? this.declsOf(file, base).find((d) => d.sym.kind === 'class') : undefined;
      if (!decl) return undefined;
      const hit = this.findPath(decl.file, [decl.sym.path, method]);
      if (hit) return hit;
      file = decl.file;
      cls = decl.sym.path;
    }
    return undefined;
  }

  /** Whether the method's owner is an interface of its file. */
  private ownedByInterface(m: Entry): boolean {
    const owner = m.sym.path.slice(0, m.sym.path.lastIndexOf('.'));
    return m.file.symbols.some((s) => s.kind === 'interface' && s.path === owner);
  }

  /** Whether the class `owner` of file `f`, up its base classes of ours, extends one that is not ours. */
  private extendsOutside(f: FileInfo, owner: string): boolean {
    let file = f;
    let cls = owner;
    for (let i = 0; i < 6; i++) {
      const base = ownMember(file.memberTypes, cls, 'super');
      if (!base) return false;
      const decl = this.declsOf(file, base).find((d) => d.sym.kind === 'class');
      if (!decl) return true;
      file = decl.file;
      cls = decl.sym.path;
    }
    return false;
  }

  private methodOfType(f: FileInfo, type: string, method: string): Callee | undefined {
    const alias = this.goAlias(f, type);
    if (alias) return goExternalValueCall(alias.file, alias.type, '', method) ?? this.methodOfType(alias.file, alias.type, method);
    const name = type.split('.').pop()!;
    const decls = this.declsOf(f, type);
    for (const d of decls) {
      if (d.sym.kind === 'interface') continue;
      const hit = this.findPath(d.file, [d.sym.path, method]) ?? (d.sym.kind === 'class' ? this.inherited(d.file, d.sym.path, method) : undefined) ?? (d.file.language === 'go' ? this.inGoPackage(d.file, [d.sym.path, method]) : undefined);
      if (hit) return hit;
    }
    // A class of ours that extends one from a package (`class TenantRepository extends
    // DefaultCrudRepository`) and does not declare the method: the package's base has it. Another
    // class's method of the same name (a controller's `findById`) is not what runs. JavaScript and
    // TypeScript only so far: the other families' services were not re-run with it (session 19).
    if (decls.some((d) => d.sym.kind === 'class' && JS_LANGUAGES.has(d.file.language) && this.extendsOutside(d.file, d.sym.path))) {
      return STORE_TYPE_NAME.test(name) ? { kind: 'store' } : undefined;
    }
    // An interface (or a type whose methods are not in the repository): its implementation.
    // (The type's own members are left out by file and path: a struct of another package may share its name.)
    const all = (this.methodsByName.get(method) ?? []).filter((m) => m.sym.kind === 'method' && m.sym.path.includes('.') && !decls.some((d) => d.file === m.file && m.sym.path.startsWith(d.sym.path + '.')));
    // Test doubles (`mockAuthority` in api_test.go) implement the interface too; the service's own code is what runs.
    // A Java/Kotlin interface's abstract method is no implementation (`ProxySelectorMapper.selectById`
    // beside the `SelectorMapper` a field is typed with: two MyBatis mappers, neither implementing the other).
    const concrete = all.filter((m) => !((m.file.language === 'java' || m.file.language === 'kotlin') && this.ownedByInterface(m)));
    const real = concrete.filter((m) => !TEST_FILE.test(m.file.path) && !/^(mock|fake|stub)/i.test(m.sym.path.split('.').slice(-2, -1)[0]));
    const impls = this.satisfying(decls, real.length ? real : concrete);
    const named = impls.filter((m) => m.sym.path.split('.').slice(-2, -1)[0].toLowerCase().includes(name.toLowerCase().replace(/^i(?=[A-Z])/, '')));
    const pick = impls.length === 1 ? impls[0] : named.length === 1 ? named[0] : undefined;
    if (decls.length && pick) return { kind: 'symbol', file: pick.file.path, symbol: pick.sym.path, range: pick.sym.range };
    for (const d of decls) {
      const hit = this.findPath(d.file, [d.sym.path, method]);
      if (hit) return hit;
    }
    if (STORE_TYPE_NAME.test(name)) return { kind: 'store' };
    // Java/Kotlin: a database handle's class, as imported (`import org.jooq.DSLContext;` for a
    // `DSLContext jooq` field, `jakarta.persistence.EntityManager`): its methods are the store's.
    if (!decls.length && (f.language === 'java' || f.language === 'kotlin')) {
      const imp = f.importDetails.find((i) => i.names && getOwn(i.names, name) !== undefined && isStoreHandleClass(i.specifier));
      if (imp) return { kind: 'store', package: imp.specifier };
    }
    for (const d of decls) if (d.file.language === 'go' && d.sym.kind !== 'interface' && this.embedsStore(d.file, d.sym.path)) return { kind: 'store' };
    return undefined;
  }

  /**
   * Go: a struct of ours that embeds a data store's handle (`type DB struct { *gorm.DB }`): a method
   * it does not declare itself (`c.dbc.Where(…)`) is the store's, promoted through the embedding.
   */
  private embedsStore(f: FileInfo, owner: string): boolean {
    const members = getOwn(f.memberTypes ?? {}, owner);
    for (const [name, type] of Object.entries(members ?? {})) {
      const t = type.replace(/^\*/, '');
      // An embedded field is keyed by its type's own name.
      if (!t.includes('.') || t.split('.').pop() !== name) continue;
      const head = t.split('.')[0];
      const imp = f.importDetails.find((i) => i.names && head in i.names);
      if (imp && classifyPackage(imp.specifier) === 'store') return true;
    }
    return false;
  }

  /**
   * Go interfaces are satisfied by shape: of the methods named like the call, those whose type has
   * every method the interface declares (the handler struct's own `Version` beside the
   * authority's is not an implementation of `Authority` when it lacks `GetTLSOptions`). When none
   * does (an interface embedding others, methods spread over packages), all are kept.
   */
  private satisfying(decls: Entry[], cands: Entry[]): Entry[] {
    const iface = decls.find((d) => d.sym.kind === 'interface' && d.file.language === 'go');
    if (!iface || cands.length < 2) return cands;
    const wanted = iface.file.symbols.filter((s) => s.kind === 'method' && s.path.startsWith(iface.sym.path + '.')).map((s) => s.name);
    const full = cands.filter((m) => {
      const owner = m.sym.path.slice(0, m.sym.path.lastIndexOf('.'));
      return m.file.language === 'go' && wanted.every((w) => this.findPath(m.file, [owner, w]) ?? this.inGoPackage(m.file, [owner, w]));
    });
    return full.length ? full : cands;
  }

  /** Where a type named as written in file `f` is declared: through its import, the same file or package, or by name. */
  private declsOf(f: FileInfo, type: string): Entry[] {
    const tparts = type.split('.');
    const name = tparts[tparts.length - 1];
    const decls: Entry[] = [];
    const addFrom = (file: FileInfo | undefined): void => {
      for (const s of file?.symbols ?? []) if ((s.kind === 'class' || s.kind === 'interface' || s.kind === 'type') && s.name === name) decls.push({ file: file!, sym: s });
    };
    // Qualified (`orders.Service`, `models.Repo`): through the import with that local name.
    const head = tparts.length > 1 ? tparts[0] : name;
    for (const imp of f.importDetails) {
      if (!imp.names || !(head in imp.names)) continue;
      if (imp.resolved) addFrom(this.files.get(imp.resolved));
      // A Go module's root package lives in the folder ''.
      if (imp.resolvedDir || (imp.resolvedDir === '' && f.language === 'go')) for (const o of this.byDir.get(imp.resolvedDir) ?? []) addFrom(o);
    }
    if (!decls.length) addFrom(f);
    if (!decls.length && (f.language === 'go' || f.language === 'java' || f.language === 'kotlin')) for (const o of this.byDir.get(dirOf(f.path)) ?? []) addFrom(o);
    if (!decls.length) decls.push(...(this.classes.get(name.toLowerCase()) ?? []).filter((c) => c.sym.name === name));
    return decls;
  }
}

const TEST_FILE = /(_test\.go|\.(test|spec)\.[jt]sx?|(^|\/)test_[^/]*\.py|_test\.py|Test\.java|Test\.kt)$|(^|\/)(tests?|__tests__|mocks?|testdata)\//;

function dirOf(p: string): string {
  return p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
}

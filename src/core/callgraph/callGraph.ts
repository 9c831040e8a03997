// The static call graph over the map: which calls a symbol makes, and what each callee text
// names — a repository symbol (through imports, the same file or Go package, or a class whose
// name the receiver spells), a data store or external service, built-in noise, or unresolved.
import type { LineRange } from '../model/types';
import type { CallInfo, FileInfo, RepoMap, SymbolInfo } from '../map/types';
import { NOISE, classifyByName, classifyPackage, constructorInserts } from './classify';
import { MemberResolver, calleeName } from './memberResolve';
import { ShapeResolver } from './shapeResolve';
import { TypeResolver } from './typeResolve';
import { SailsGlobals } from './sailsGlobals';
import { NitroAutoImports } from './nitroAutoImports';
import { LoadedDirs } from './loadedDirs';
import { JS_LANGUAGES } from './reexports';
import { ExportResolver, packageCallee, storeImportOf } from './exportResolve';
import { getOwn, ownMember } from '../ownKeys';

export type Callee =
  | { kind: 'symbol'; file: string; symbol: string; range: LineRange }
  | { kind: 'store' | 'external'; package?: string }
  | { kind: 'unresolved' }
  | { kind: 'noise' }
  /** A utility library call (bcrypt, crypto, lodash): known, not a store or service. */
  | { kind: 'library'; package: string }
  /**
   * The service's own code in one of its own npm scope's packages (`createApiKeysWorkflow` from
   * `@medusajs/core-flows` in @medusajs/medusa), whose source is not in the map: a call into the
   * system, named as imported, not walked.
   */
  | { kind: 'ownPackage'; package: string; name: string };

const CALLABLE = new Set(['function', 'method', 'variable']);
/** Method names too common to resolve by name alone. */
const COMMON = /^(get|set|find|create|update|delete|save|list|run|handle|execute|build|init|close|open|send|read|write|parse|validate|toString|equals|hashCode|map|filter|then|catch|apply|call|bind|push|pop|keys|values|items|add|remove|has|put|of|from|next|start|stop)$/;

/** Go: a method called on a function's result, `store.FromContext(c).GetUser` (arguments nested one level at most). */
const GO_RESULT_CALL = /^(\w+(?:\.\w+)?)\((?:[^()]|\([^()]*\))*\)\.(\w+)(?:\(.*\))?$/s;
/** A route or middleware registration (`app.get`, `router.use`, `r.route`, OpenAPIHono's `api.openapi`): a call on a registration line that is not the handler's work. */
const REGISTRATION = /(^|\.)(get|post|put|delete|patch|head|options|all|use|route|del|any|openapi)$/;

/** Methods of strings, arrays, maps and dates: calls on values, not on the system's code. */
const VALUE_METHODS = /^(toLowerCase|toUpperCase|trim|split|join|map|filter|reduce|forEach|some|every|includes|indexOf|push|pop|shift|slice|splice|concat|replace|replaceAll|startsWith|endsWith|toString|toISOString|toJSON|getTime|padStart|padEnd|lower|upper|strip|format|encode|decode|append|extend|items|keys|values|copy|sort|length|isEmpty|stream|collect|orElse|orElseThrow|orElseGet|ifPresent|isPresent|getOrDefault|equals|hashCode|at|flat|flatMap|find|findIndex|entries|has|set|add|delete|get|status|json|send|sendStatus|end|header|cookie|redirect|render|Param|Query|JSON|Bind|ShouldBind|ShouldBindJSON|BindJSON|AbortWithStatusJSON|AbortWithStatus|Abort|Next|String|Get|Set|MustGet|Error)$/;

function append<T>(m: Map<string, T[]>, key: string, item: T): void {
  const list = m.get(key);
  if (list) list.push(item);
  else m.set(key, [item]);
}

export class CallGraph {
  private readonly files = new Map<string, FileInfo>();
  private readonly byDir = new Map<string, FileInfo[]>();
  private readonly classes = new Map<string, { file: FileInfo; sym: SymbolInfo }[]>(); // lower-case class name
  private readonly methodsByName = new Map<string, { file: FileInfo; sym: SymbolInfo }[]>();

  private readonly members: MemberResolver;
  private readonly shapes: ShapeResolver;
  private readonly types: TypeResolver;
  private readonly exports: ExportResolver;
  private readonly sails: SailsGlobals;
  private readonly nitro: NitroAutoImports;
  private readonly loaded: LoadedDirs;
  /** Classes the service imports from its own installed packages, by lower-case name (`auth` → Auth from @verdaccio/auth). */
  private readonly ownClasses = new Map<string, { package: string; name: string }>();

  /** `ownScopes`: the npm scopes whose packages are the service's own code (`@medusajs/`), see entry/ownPackages.ts. */
  constructor(
    map: RepoMap,
    private readonly ownScopes: readonly string[] = [],
  ) {
    // Appended in place: copying a list at every addition cost the square of its length, and a
    // million lines have names (`constructor`, `toString`) declared thousands of times.
    for (const f of map.files) {
      this.files.set(f.path, f);
      const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
      append(this.byDir, dir, f);
      for (const s of f.symbols) {
        if (s.kind === 'class' || s.kind === 'interface') append(this.classes, s.name.toLowerCase(), { file: f, sym: s });
        if (s.kind === 'method' || s.kind === 'function') append(this.methodsByName, s.name, { file: f, sym: s });
      }
    }
    for (const f of map.files) {
      for (const imp of f.importDetails) {
        if (imp.kind !== 'external' || !this.ownScopes.some((scope) => imp.specifier.startsWith(scope))) continue;
        for (const name of Object.values(imp.names ?? {})) if (/^[A-Z][A-Za-z0-9]*$/.test(name) && !this.ownClasses.has(name.toLowerCase())) this.ownClasses.set(name.toLowerCase(), { package: imp.specifier, name });
      }
    }
    this.members = new MemberResolver(this.files, this.byDir, this.classes, this.methodsByName, (f, p) => this.findPath(f, p));
    this.exports = new ExportResolver(this.files, this.members, (f, p) => this.findPath(f, p), this.ownScopes);
    this.shapes = new ShapeResolver(this.files, (file, caller, callee) => this.resolve(file, caller, callee), (f, p) => this.findPath(f, p), (f, owner, method) => this.members.inherited(f, owner, method));
    this.sails = new SailsGlobals(this.files);
    this.nitro = new NitroAutoImports(this.files);
    this.loaded = new LoadedDirs(this.files);
    this.types = new TypeResolver(this.files, this.classes, (f, p) => this.findPath(f, p), (f, owner, method) => this.members.inherited(f, owner, method), (file, caller, callee) => this.resolve(file, caller, callee), this.ownScopes);
  }

  /** Calls made by a symbol (or an inline handler's lines), in source order. */
  callsIn(file: string, symbol: string, range: LineRange, registrationLine?: number): CallInfo[] {
    const f = this.files.get(file);
    if (!f) return [];
    const inline = symbol === '<inline>' || symbol === 'default';
    // A decorated handler's range starts at its decorators: the registration call is not the handler's work.
    const decorators = f.symbols.find((s) => s.path === symbol)?.nameLine;
    // Functions an inline handler declares by name (`const createTarball = function …`) run when
    // it calls them, and are reached then through that call: their bodies are not the handler's.
    const declared = inline ? f.symbols.filter((s) => s.kind === 'function' && /^[\w$]+$/.test(s.name) && s.range.start > range.start && s.range.end <= range.end).map((s) => s.path) : [];
    // A Go func literal written over several lines opens its block on its first line, after the
    // registration and the wrappers it is handed to (`r.Post("/x", limit(app, func(c *fiber.Ctx) error {`):
    // its own calls start on the next line.
    const goBlock = inline && f.language === 'go' && range.end > range.start;
    return f.calls
      // The registration line holds the registration call (`app.get(…)`), and for a one-line
      // inline handler also the handler's own calls (`(req, res) => serveFeed(req, res)`): only the
      // former is left out.
      .filter((c) => c.line !== registrationLine || (inline && !REGISTRATION.test(c.callee) && !(goBlock && c.line === range.start)))
      .filter((c) => !(decorators && c.line < decorators && !inline))
      .filter((c) => !declared.length || !c.caller || !declared.some((d) => c.caller === d || c.caller!.startsWith(d + '.')))
      .filter((c) => c.line >= range.start && c.line <= range.end && (inline || !c.caller || c.caller === symbol || c.caller.startsWith(symbol + '.')))
      .sort((a, b) => a.line - b.line);
  }

  /** What a call names; `line`, the call's line, tells which function's bindings hold there (an inline handler has no name of its own). */
  resolve(file: string, caller: string, callee: string, line?: number): Callee {
    const f = this.files.get(file);
    if (!f) return { kind: 'unresolved' };
    const text = calleeName(callee);
    const parts = text.split('.').filter(Boolean);
    if (parts.length === 0) return { kind: 'noise' };
    const root = parts[0];
    const last = parts[parts.length - 1];
    // `updateVersions.call(this, next)`, `fn.apply(ctx, args)`: a call of the function itself, with `this` chosen.
    if (parts.length >= 2 && (last === 'call' || last === 'apply') && JS_LANGUAGES.has(f.language)) {
      const fn = this.resolve(file, caller, parts.slice(0, -1).join('.'));
      if (fn.kind === 'symbol') return fn;
    }
    // Go: a call on the method's receiver (`c.adjustConfig`, `c.cfg.RawCopy` in a method of
    // configMuxBuilder), whatever the receiver is named (`c` and `r` are also gin's and net/http's).
    if (f.language === 'go' && (parts.length === 2 || parts.length === 3) && !f.importDetails.some((i) => i.names && root in i.names)) {
      const owner = caller.includes('.') ? caller.split('.').slice(0, -1).join('.') : undefined;
      const hit = parts.length === 2 ? (owner ? this.inDirPath(f, [owner, last]) : undefined) : this.members.resolveChain(f, caller, parts);
      if (hit) return hit;
    }
    // Go: `pkg.Fn(args).Method` / `fn(args).Method`, a method of what the function returns.
    const chained = f.language === 'go' ? GO_RESULT_CALL.exec(callee.trim()) : null;
    if (chained) {
      const hit = this.members.resultCall(f, chained[1], chained[2]);
      if (hit) return hit;
    }
    // Go: a value declared with a type (`var list shop.Orders`, whatever its name), a method on what a method of ours returns.
    const declared = f.language === 'go' ? this.members.goDeclared(f, caller, callee, parts, (inner) => this.resolve(file, caller, inner)) : undefined;
    if (declared) return declared;
    // A value whose type the code states (`ctx: AppContext`, `const users = models.user()`), even
    // under a name that is usually the framework's (`ctx`): followed through the declared types.
    if (parts.length >= 2 && JS_LANGUAGES.has(f.language)) {
      const hit = this.types.resolve(f, caller, callee, line);
      if (hit) return hit;
    }
    // Sails's globals: `sails.helpers.x.y`, a model's `Board.find` (no import names them).
    if (parts.length >= 2 && JS_LANGUAGES.has(f.language)) {
      const hit = this.sails.resolve(file, parts);
      if (hit) return hit;
    }
    // A name bound to a module of the repository (`const errors = require('./lib/errors')`) is
    // never noise, whatever it is called: NOISE means the language's and frameworks' own names.
    const ownModule = NOISE.test(root) && f.importDetails.some((imp) => imp.kind === 'resolved' && !!imp.names && getOwn(imp.names, root) !== undefined);
    if (!ownModule && parts.length === 1 && NOISE.test(root)) return { kind: 'noise' };
    if (!ownModule && parts.length > 1 && NOISE.test(root) && root !== 'this' && root !== 'self' && root !== 'super') return { kind: 'noise' };

    // Imported names: `login(...)`, `passwords.verify(...)`, Go `store.Find(...)`.
    for (const imp of f.importDetails) {
      const imported = imp.names ? getOwn(imp.names, root) : undefined;
      if (imported === undefined) continue;
      // Flask's `g` holds the service's own values for the request (`g.project = project` in a
      // hook): `g.project.remove_member()` is a method of the service's, found as below.
      if (imp.kind === 'external' && imported === 'g' && /^flask$/.test(imp.specifier) && parts.length >= 3) break;
      if (imp.kind === 'external') return packageCallee(this.ownScopes, imp.specifier, imported, parts);
      // A Go import names a package, which spans its folder: the file the import resolved to first, then the others
      // (the module's root package too, whose folder is '').
      // (Listed only when used: this runs for every call of every handler.)
      const inDir = () => (imp.resolvedDir || (imp.resolvedDir === '' && f.language === 'go') ? (this.byDir.get(imp.resolvedDir) ?? []).map((x) => x.path).filter((p) => p !== imp.resolved && (f.language !== 'go' || !p.endsWith('_test.go'))) : []);
      const targets = imp.resolved ? (f.language === 'go' ? [imp.resolved, ...inDir()] : [imp.resolved]) : inDir();
      let storeGuess: string | undefined;
      for (const t of targets) {
        const tf = this.files.get(t);
        if (!tf) continue;
        // `from . import audit` / `import * as db`: the name is the module itself.
        const isModule = imported === '*' || imported === 'default' || (tf.language === 'python' && t.replace(/(\/__init__)?\.py$/, '').endsWith('/' + imported));
        const wanted = isModule ? (parts.length > 1 ? parts.slice(1) : [root]) : [imported, ...parts.slice(1)];
        // `userService.deleteUser` where the module exports `userService = new UserService()`.
        const viaInstance = parts.length === 2 && !isModule ? this.members.methodOfMember(tf, '', imported, last) : undefined;
        if (viaInstance) return viaInstance;
        const hit =
          this.findPath(tf, wanted) ??
          // Java `import static keywhiz.Tracing.setTag;`: a bare `setTag(…)` is the class's static method.
          (tf.language === 'java' && parts.length === 1 && !isModule ? this.findPath(tf, [imp.specifier.split('.').slice(-2)[0], imported]) : undefined) ??
          (imported === 'default' || imported === '*' ? this.findPath(tf, [last]) : undefined) ??
          (parts.length === 2 && !isModule ? this.exports.objectMember(tf, imported, last) : undefined) ??
          // A JS/TS name the module does not define itself: through its re-exports and aliases.
          (JS_LANGUAGES.has(tf.language) ? this.exports.exported(tf, imported === '*' ? parts.slice(1) : [imported, ...parts.slice(1)], 0, new Set()) : undefined);
        if (hit) return hit;
        // An imported object whose methods we do not see: a store module if that file talks to one.
        storeGuess ??= storeImportOf(tf);
      }
      if (storeGuess) return { kind: 'store', package: storeGuess };
    }
    // this.method(), self.method(): the caller's own class.
    const cls = caller.split('.')[0];
    if ((root === 'this' || root === 'self') && parts.length === 2) {
      const hit = this.findPath(f, [cls, last]) ?? this.members.inherited(f, cls, last);
      if (hit) return hit;
    }
    // super.method(): the base class's.
    if (root === 'super' && parts.length === 2) {
      const own = caller.split('.').slice(0, -1).join('.');
      const hit = this.members.inherited(f, own || cls, last);
      if (hit) return hit;
    }
    // Through a member's declared type: this.users.find, self.repo.add, h.orders.Create, invoices.pay.
    const viaMember = this.members.resolveChain(f, caller, parts);
    if (viaMember) return viaMember;
    // Java: an unqualified call is a method of the caller's own class.
    if (parts.length === 1 && (f.language === 'java' || f.language === 'kotlin')) {
      // Called from a class body outside its methods (a property's lambda: a Kotlin route object's handler): that class.
      const inBody = f.symbols.some((s) => s.path === caller && s.kind === 'class');
      const own = inBody ? caller.split('.') : caller.split('.').slice(0, -1);
      const hit = this.findPath(f, [...own, root]) ?? (own.length ? this.members.inherited(f, own.join('.'), root) : undefined);
      if (hit) return hit;
    }
    // A module-level alias in the same file: `authorize(...)` with `const authorize = cancan.authorize`.
    if (f.valueAliases && getOwn(f.valueAliases, root) !== undefined) {
      const hit = this.exports.exported(f, parts, 0, new Set());
      if (hit) return hit;
    }
    // A function declared in an enclosing function (JS, Python nested definitions).
    if (parts.length === 1 && caller && (JS_LANGUAGES.has(f.language) || f.language === 'python')) {
      const hit = this.enclosingScope(f, caller, root);
      if (hit) return hit;
    }
    // Same file, or the same Go package.
    if (parts.length === 1) {
      const hit = this.findPath(f, [root]) ?? (f.language === 'go' ? this.inDir(f, root) : undefined);
      if (hit) return hit;
    }
    // Nitro's auto-imports: a name a server file neither declares nor imports (`requireAdmin(event)`).
    if (JS_LANGUAGES.has(f.language)) {
      const hit = this.nitro.resolve(f, parts);
      if (hit) return hit;
    }
    // A receiver that names a class: this.userRepo.find → UserRepo.find; ItemService(db).list_for.
    const receiver = parts.length >= 2 ? parts[parts.length - 2].replace(/^_+/, '') : undefined;
    if (receiver) {
      for (const cand of [receiver, receiver.replace(/(Impl|Service|Repo|Repository)$/i, '')]) {
        for (const c of this.classes.get(cand.toLowerCase()) ?? []) {
          // A Go type's methods live in any file of its package (`Dao` in base.go, `Dao.FindUser` in query_find.go).
          // A Python class method its base defines (`Category.find_by_id` of a model's base class).
          // Python only so far: the other families' services were not re-run with it (session 31).
          const hit = this.findPath(c.file, [c.sym.path, last]) ?? (c.file.language === 'go' ? this.inDirPath(c.file, [c.sym.path, last]) : undefined) ?? (c.file.language === 'python' && c.sym.kind === 'class' ? this.members.inherited(c.file, c.sym.path, last) : undefined);
          if (hit) return hit;
        }
      }
    }
    // A namespace a directory loader filled (`WIKI.models.users.login` → `login` of models/users.js, loadedDirs.ts).
    const mod = JS_LANGUAGES.has(f.language) ? this.loaded.module(parts) : undefined;
    if (mod) {
      const classes = mod.symbols.filter((s) => s.kind === 'class' && !s.path.includes('.'));
      const cls = classes.length === 1 ? classes[0]!.path : undefined;
      const hit = cls ? this.findPath(mod, [cls, last]) ?? this.members.inherited(mod, cls, last) : this.findPath(mod, [last]);
      if (hit) return hit;
      // A method the module does not define (`query` an Objection model inherits): the store if it talks to one, as for an import.
      const pkg = storeImportOf(mod);
      if (pkg) return { kind: 'store', package: pkg };
    }
    // A name destructured out of an object (or a chain through one) whose factory the code shows.
    if (JS_LANGUAGES.has(f.language)) {
      const hit = this.shapes.resolve(f, caller, parts);
      if (hit) return hit;
    }
    const byName = classifyByName(text);
    if (byName) return { kind: byName };
    if (parts.length >= 2 && VALUE_METHODS.test(last)) return { kind: 'noise' };
    // A method of a class the caller's file imports or shares a folder with (constructor injection:
    // `invoices.create` where the file imports InvoiceService).
    if (parts.length >= 2) {
      const known = new Set<string>();
      for (const imp of f.importDetails) for (const [local, name] of Object.entries(imp.names ?? {})) known.add(name === '*' || name === 'default' ? local : name);
      const dir = f.path.slice(0, f.path.lastIndexOf('/') + 1);
      const cands = (this.methodsByName.get(last) ?? []).filter((m) => m.sym.kind === 'method' && (known.has(m.sym.path.split('.')[0]) || ((f.language === 'java' || f.language === 'kotlin') && m.file.path.startsWith(dir))) && m.file.path !== f.path);
      if (cands.length === 1) return { kind: 'symbol', file: cands[0].file.path, symbol: cands[0].sym.path, range: cands[0].sym.range };
    }
    // A method name found exactly once in the repository.
    if (parts.length >= 2 && !COMMON.test(last)) {
      const cands = (this.methodsByName.get(last) ?? []).filter((m) => m.sym.kind === 'method');
      if (cands.length === 1) return { kind: 'symbol', file: cands[0].file.path, symbol: cands[0].sym.path, range: cands[0].sym.range };
    }
    // A receiver that names a class of the service's own installed packages, as above for the
    // repository's classes: `auth.changePassword` where the service builds `new Auth(…)` from
    // `@acme/auth`. A step into that package, not walked.
    const own = parts.length === 2 && receiver ? this.ownClasses.get(receiver.toLowerCase()) : undefined;
    if (own) return { kind: 'ownPackage', package: own.package, name: `${own.name}.${last}` };
    return { kind: 'unresolved' };
  }

  /**
   * A function declared inside the caller (or one of its enclosing functions): `buildProfile()`
   * called from a handler written in `profile(router)`, where `profile` declares `buildProfile`;
   * `serveFeed` called from `createFeedHandler.mountFeedRoutes` is `createFeedHandler.serveFeed`.
   * Innermost first, as the language's scopes shadow. A class is no scope of a bare call: its
   * methods are reached through `this`.
   */
  private enclosingScope(f: FileInfo, caller: string, name: string): Callee | undefined {
    const segs = caller.split('.');
    for (let n = segs.length; n >= 1; n--) {
      const owner = f.symbols.find((x) => x.path === segs.slice(0, n).join('.'));
      if (owner && owner.kind !== 'function' && owner.kind !== 'method') continue;
      const hit = this.findPath(f, [...segs.slice(0, n), name]);
      if (hit) return hit;
    }
    return undefined;
  }

  findPath(f: FileInfo, path: string[]): Callee | undefined {
    const p = path.join('.');
    const s = f.symbols.find((x) => x.path === p && CALLABLE.has(x.kind)) ?? f.symbols.find((x) => x.path === p && x.kind === 'class');
    if (s?.kind === 'class') {
      // Calling a class runs its constructor, not its whole body.
      const ctor = f.symbols.find((x) => x.path === `${s.path}.__init__` || x.path === `${s.path}.constructor` || x.path === `${s.path}.${s.name}`);
      if (ctor) return { kind: 'symbol', file: f.path, symbol: ctor.path, range: ctor.range };
      // A Python class without its own `__init__` runs the one it inherits (`ProjectForm(EditProjectForm)`).
      const inherited = f.language === 'python' ? this.members.inherited(f, s.path, '__init__') : undefined;
      if (inherited?.kind === 'symbol') return inherited;
      const pkg = this.entityBasePackage(f, s.path);
      return pkg && constructorInserts(pkg) ? { kind: 'store', package: pkg } : { kind: 'noise' };
    }
    if (s) return { kind: 'symbol', file: f.path, symbol: s.path, range: s.range };
    // Go: a defined type called is a conversion (`goatcounter.PathID(n)`), no code of ours.
    if (f.language === 'go' && f.symbols.some((x) => x.path === p && x.kind === 'type')) return { kind: 'noise' };
    // Go methods are recorded as Type.Method; a package-level call may name either.
    if (path.length === 1) {
      const m = f.symbols.find((x) => x.name === path[0] && (x.kind === 'function' || x.kind === 'method') && !x.path.includes('.'));
      if (m) return { kind: 'symbol', file: f.path, symbol: m.path, range: m.range };
    }
    return undefined;
  }

  /** A Go symbol path (`Type.Method`) in the file's package. */
  private inDirPath(f: FileInfo, path: string[]): Callee | undefined {
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    for (const o of this.byDir.get(dir) ?? []) {
      if (o.language !== 'go') continue;
      const p = path.join('.');
      const s = o.symbols.find((x) => x.path === p && (x.kind === 'method' || x.kind === 'function'));
      if (s) return { kind: 'symbol', file: o.path, symbol: s.path, range: s.range };
    }
    return undefined;
  }

  private inDir(f: FileInfo, name: string): Callee | undefined {
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    for (const o of this.byDir.get(dir) ?? []) {
      if (o.language !== 'go') continue;
      const hit = this.findPath(o, [name]);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * The store package a class's base comes from: `class ChatMessage(db.Entity)` with
   * `db = Database()` and `from pony.orm import Database`, or a base imported from it directly.
   */
  private entityBasePackage(f: FileInfo, cls: string): string | undefined {
    const base = ownMember(f.memberTypes, cls, 'super');
    if (!base) return undefined;
    const root = base.split('.')[0];
    const bound = base.includes('.') ? ownMember(f.memberTypes, '', root)?.split('.')[0] : undefined;
    for (const name of [root, bound]) {
      const imp = name ? f.importDetails.find((i) => i.kind === 'external' && i.names && name in i.names) : undefined;
      if (imp && classifyPackage(imp.specifier) === 'store') return imp.specifier;
    }
    return undefined;
  }

}

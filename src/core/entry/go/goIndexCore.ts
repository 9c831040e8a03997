// Resolution over every Go file's facts: functions by key, struct field types (so
// `c.HandlerV1.Middlewares.JWT.Middleware.MiddlewareFunc` finds its package), the concrete
// type a constructor returns (for calls through an interface), string constants by package.
// Settings' fresh-install values are computed over these tables in resolve.ts (GoIndex).
import { getOwn } from '../../ownKeys';
import { evalCallPart, value, type StrEnv } from './evalStr';
import type { Callee, FieldSet, GoCandidate, GoField, GoFileFacts, GoFunc, GoRef, StrPart } from './types';
import type { SettingCond } from './configValues';
import type { PointerEffect, StartValue } from './startValues';
import type { SExpr } from './strFuncs';

export type Resolved = { fn: GoFunc; key: string } | { ext: string; name: string } | { key: string };

export abstract class GoIndexCore {
  readonly funcs = new Map<string, GoFunc>();
  protected readonly byMethod = new Map<string, GoFunc[]>();
  protected readonly structs = new Map<string, Record<string, GoField>>();
  /** Struct literals that set `Type.Field` from another value's field or a constant (settings.ts). */
  readonly fieldSets = new Map<string, FieldSet[]>();
  protected readonly consts = new Map<string, string>();
  protected readonly constTypes = new Map<string, string>();
  /** viper defaults by lower-case key, writes to package-level settings, package-level values' types (configValues.ts). */
  protected readonly defaults = new Map<string, StrPart[]>();
  protected readonly writes = new Map<string, { conds: SettingCond[] | null; value?: StartValue; test?: SExpr }[]>();
  protected readonly vars = new Map<string, string>();
  /** Command-line flags' declared defaults by name (startValues.ts). */
  protected readonly flags = new Map<string, SExpr[]>();
  /** Local reads computed from flags at start-up, and what functions do to strings handed by address (startValues.ts). */
  protected readonly locals = new Map<string, StartValue>();
  protected readonly pointers = new Map<string, Record<number, PointerEffect>>();
  /** Package-level variables holding a function literal of ours or a library's middleware (packageFuncs.ts): `dir#name` → the literal's key or the library call. */
  protected readonly pkgFuncs = new Map<string, string>();
  /** `dir#Context` → `web#Context`: package aliases of types of ours (contextErrs.ts). */
  protected readonly typeAliases = new Map<string, string>();
  /** Package-level handlers wrapped where they are defined (definedWrappers.ts): `dir#name` → the wrappers. */
  protected readonly definedWrappers = new Map<string, GoCandidate[]>();
  /** Package error variables answering 401/403 or saying a credential is required (statusErrs.ts), `dir#Name` → how. */
  readonly statusErrs = new Map<string, string>();
  /** Struct fields holding a function of ours, `dir#Type.Field` → what every literal sets them to (funcFields.ts); `''`: literals disagree. */
  protected readonly funcFields = new Map<string, Callee>();
  /** Settings computed so far, with the outside inputs each was computed from; those being computed (a cycle is not known). */
  protected readonly settings = new Map<string, { value: string | undefined; reads: string[] }>();
  protected readonly computing = new Set<string>();
  /** Collectors of the inputs the values being computed read (flags, environment variables). */
  protected readers: Set<string>[] = [];
  /** Computes calls to small pure string functions in paths (evalStr.ts). */
  protected readonly strEnv: StrEnv = {
    strFn: (c) => {
      const r = this.resolve(c);
      return r && 'fn' in r && r.fn.str ? { fn: r.fn.str, key: r.key } : undefined;
    },
    constant: (k) => this.constant(k),
    constType: (k) => this.constTypes.get(k),
    strFnByKey: (key) => this.funcs.get(key)?.str,
    ext: (c) => {
      const r = this.resolve(c);
      return r && 'ext' in r ? r : undefined;
    },
    flag: (name) => this.flagDefault(name),
    read: (what) => {
      for (const r of this.readers) r.add(what);
    },
    pointerEffect: (c, i) => {
      const r = this.resolve(c);
      return r && 'key' in r ? getOwn(this.pointers.get(r.key) ?? {}, String(i)) : undefined;
    },
  };

  /** INI-mapped fields' fresh-install values, `dir#Var.<iniName(Field)>` (iniDefaults.ts). */
  protected readonly ini: ReadonlyMap<string, string>;
  protected byFile: Map<string, GoFileFacts> | undefined;

  constructor(readonly files: GoFileFacts[], ini: ReadonlyMap<string, string> = new Map()) {
    this.ini = ini;
    for (const f of files) {
      for (const fn of f.funcs) {
        this.funcs.set(fn.key, fn);
        const m = /\.(\w+)$/.exec(fn.key);
        if (m && !fn.key.includes('@')) this.byMethod.set(m[1], [...(this.byMethod.get(m[1]) ?? []), fn]);
      }
      for (const [name, s] of Object.entries(f.structs)) this.structs.set(`${f.dir}#${name}`, { ...(this.structs.get(`${f.dir}#${name}`) ?? {}), ...s.fields });
      for (const [name, v] of Object.entries(f.consts)) this.consts.set(`${f.dir}#${name}`, v);
      for (const [name, t] of Object.entries(f.constTypes ?? {})) this.constTypes.set(`${f.dir}#${name}`, t);
      for (const fs of f.fieldSets ?? []) this.fieldSets.set(`${fs.type}.${fs.field}`, [...(this.fieldSets.get(`${fs.type}.${fs.field}`) ?? []), fs]);
      for (const [k, v] of Object.entries(f.config?.defaults ?? {})) this.defaults.set(k, v);
      for (const [name, t] of Object.entries(f.config?.vars ?? {})) this.vars.set(`${f.dir}#${name}`, t);
      // A test sets what its own run needs: not what a fresh install runs with.
      if (/_test\.go$/.test(f.file)) continue;
      for (const w of f.config?.writes ?? []) this.writes.set(w.setting, [...(this.writes.get(w.setting) ?? []), { conds: w.conds, value: w.value, test: w.test }]);
      for (const d of f.config?.flags ?? []) this.flags.set(d.name, [...(this.flags.get(d.name) ?? []), d.value]);
      for (const [k, v] of Object.entries(f.config?.locals ?? {})) this.locals.set(k, v);
      for (const [name, key] of Object.entries(f.pkgFuncs ?? {})) this.pkgFuncs.set(`${f.dir}#${name}`, key);
      for (const [name, key] of Object.entries(f.typeAliases ?? {})) this.typeAliases.set(`${f.dir}#${name}`, key);
      for (const [key, ws] of Object.entries(f.definedWrappers ?? {})) this.definedWrappers.set(key, ws);
      for (const [name, how] of Object.entries(f.statusErrs ?? {})) this.statusErrs.set(`${f.dir}#${name}`, how);
      for (const [key, c] of Object.entries(f.funcFields ?? {})) {
        const prev = this.funcFields.get(key);
        this.funcFields.set(key, prev === undefined || prev === c ? c : '');
      }
      for (const [k, v] of Object.entries(f.config?.pointers ?? {})) this.pointers.set(k, v);
    }
  }

  /** The type of `field` on struct type `t` (directly or through an embedded struct). */
  fieldType(t: string, field: string, depth = 0): string | undefined {
    const s = this.structs.get(t);
    if (!s || depth > 4) return undefined;
    if (s[field]) return s[field].type;
    for (const f of Object.values(s)) {
      if (!f.embedded) continue;
      const inner = this.fieldType(f.type, field, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  }

  /** Method `m` promoted from a library type that `t` embeds (directly or through a struct of ours), when `t` has no such method of its own. */
  private promotedExt(t: string, m: string, depth = 0): { ext: string; name: string } | undefined {
    if (depth > 4 || this.funcs.has(`${t}.${m}`)) return undefined;
    // One library type embedded: two would leave the method ambiguous without their declarations.
    const libs = Object.values(this.structs.get(t) ?? {}).filter((f) => f.embedded && f.type.replace(/^\*/, '').startsWith('ext:'));
    const lib = libs.length === 1 ? /^ext:(.*)#(\w+)$/.exec(libs[0].type.replace(/^\*/, '')) : undefined;
    if (lib) return { ext: lib[1], name: `${lib[2]}.${m}` };
    for (const f of Object.values(this.structs.get(t) ?? {})) {
      const found = f.embedded && !f.type.startsWith('ext:') ? this.promotedExt(f.type.replace(/^\*/, ''), m, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** Method `m` of type `t`, its own or promoted from a struct it embeds, as Go resolves `x.m()`. */
  methodOf(t: string, m: string, depth = 0): GoFunc | undefined {
    const own = this.funcs.get(`${t}.${m}`);
    if (own || depth > 4) return own;
    for (const f of Object.values(this.structs.get(t) ?? {})) {
      const found = f.embedded ? this.methodOf(f.type.replace(/^\*/, ''), m, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** The declaration of `field` on struct type `t` (directly or through an embedded struct), with the struct that declares it. */
  field(t: string, field: string): { owner: string; decl: GoField } | undefined {
    const owner = this.owner(t, field);
    const fields = owner ? this.structs.get(owner) : undefined;
    const decl = fields ? getOwn(fields, field) : undefined;
    return owner && decl ? { owner, decl } : undefined;
  }

  /** The struct that declares `field`, looking through embedded structs. */
  private owner(t: string, field: string, depth = 0): string | undefined {
    const s = this.structs.get(t);
    if (!s || depth > 4) return undefined;
    if (s[field]) return t;
    for (const f of Object.values(s)) if (f.embedded) {
      const o = this.owner(f.type, field, depth + 1);
      if (o) return o;
    }
    return undefined;
  }

  /** One spelling for a router reference: `F:T|a.b` → the field's owning struct; `V:T` → its embedded router. */
  canon(ref: GoRef): GoRef {
    if (ref.startsWith('F:')) {
      const [t0, chain] = ref.slice(2).split('|');
      const parts = chain.split('.');
      // `F:fn:dir#NewServer()|Router`: a field of what a function of ours returns (routerValues.ts), that type's field.
      let t = t0;
      if (t0.endsWith('()')) {
        const made: Resolved | undefined = this.resolve(t0.slice(0, -2));
        const type = made && 'fn' in made ? made.fn.returnsType : undefined;
        if (!type) return ref;
        t = type;
      }
      for (const [i, p] of parts.slice(0, -1).entries()) {
        const next = this.fieldType(t, p);
        if (!next) return ref;
        // A library's struct held in a field of ours (`Server.Handler` of an embedded http.Server): the rest is that field's.
        if (next.startsWith('ext:')) return `F:${this.owner(t, p) ?? t}|${parts.slice(i).join('.')}`;
        t = next;
      }
      const last = parts[parts.length - 1];
      return `F:${this.owner(t, last) ?? t}|${last}`;
    }
    if (ref.startsWith('V:')) {
      const t = ref.slice(2);
      const s = this.structs.get(t);
      // net/http's Handler embedded (`type Router struct { http.Handler }`): what the field is set to (`r.Handler = r.routes()`).
      const emb = s && Object.entries(s).find(([, f]) => f.embedded && /Router|Mux|Engine|Echo|RouterGroup|^ext:net\/http#Handler$/.test(f.type));
      if (emb) return `F:${t}|${emb[0]}`;
      // A type whose ServeHTTP hands every request to a field of its own (middlewareChain.ts): that field.
      const via = this.funcs.get(`${t}.ServeHTTP`)?.delegatesTo;
      if (via) return this.canon(`F:${t}|${via}`);
    }
    // `O:<callee>`, a call's result (routerResults.ts): one spelling per function of the service.
    if (ref.startsWith('O:')) {
      const r = this.resolve(ref.slice(2));
      if (r && 'fn' in r) return `O:fn:${r.key}`;
    }
    return ref;
  }

  resolve(c: Callee | undefined, depth = 0): Resolved | undefined {
    // Deep enough for a builder's chain (`New().WithA(…).WithB(…).Build().Middleware`), one level per call.
    if (!c || depth > 8) return undefined;
    if (c.startsWith('fn:')) {
      const key = c.slice(3);
      const fn = this.funcs.get(key);
      if (fn) return { fn, key };
      // `loggedIn`, a package variable holding a literal of ours (packageFuncs.ts).
      const lit = this.pkgFuncs.get(key);
      if (lit?.startsWith('ext:')) return this.resolve(lit, depth + 1);
      const litFn = lit ? this.funcs.get(lit) : undefined;
      if (litFn) return { fn: litFn, key: lit! };
      const ext = /^ext:(.*)#(.+)$/.exec(key);
      if (ext) return { ext: ext[1], name: ext[2] };
      // `serverCtx.Authority`, a field the type's literals set to a function (funcFields.ts): that function.
      const held = this.funcFields.get(key);
      // A constructor's parameter or a call's result (funcFields.ts): a factory of ours, else read as before.
      const made = held?.startsWith('param:') ? this.handedAt(held, depth) : held?.startsWith('call:') ? this.factory(held.slice(5), depth) : undefined;
      if (made) return made;
      if (held && !/^(param|call):/.test(held)) return this.resolve(held, depth + 1);
      // A method promoted from a struct the type embeds (`c.JsonResult` on a controller embedding BaseController), as Go resolves it.
      const own = /^([^@]*#\w+)\.(\w+)$/.exec(key);
      const promoted = own ? this.methodOf(own[1], own[2]) : undefined;
      if (promoted) return { fn: promoted, key: promoted.key };
      // `type Context = web.Context`: a method called on the alias is the aliased type's.
      const aliased = own ? this.typeAliases.get(own[1]) : undefined;
      if (aliased && aliased !== own![1]) return this.resolve(`fn:${aliased}.${own![2]}`, depth + 1);
      // `T.M` where T is a struct of ours that embeds a library's type (`oauthelia2.Provider`) and declares no M: the library's method.
      const lib = own ? this.promotedExt(own[1], own[2]) : undefined;
      if (lib) return lib;
      // `T.M` where T is an interface of this repository: its one implementation, if only one.
      const m = /^[^@]*#\w+\.(\w+)$/.exec(key);
      return (m && depth > 0 ? this.byName(m[1], true) : undefined) ?? { key };
    }
    if (c.startsWith('ext:')) {
      const i = c.lastIndexOf('#');
      return { ext: c.slice(4, i), name: c.slice(i + 1) };
    }
    if (c.startsWith('sel:')) {
      const [t0, chain, m] = c.slice(4).split('|');
      let t = t0;
      for (const p of chain.split('.')) {
        const next = this.fieldType(t, p);
        if (!next) return this.byName(m);
        t = next;
      }
      // A field of an interface type (`linker Linker`) resolves, below, to the one method of that name in the service.
      return this.resolve(`fn:${t}.${m}`, depth + 1);
    }
    if (c.startsWith('ret:')) {
      const bar = c.lastIndexOf('|');
      const inner = this.resolve(c.slice(4, bar), depth + 1);
      const m = c.slice(bar + 1);
      if (inner && 'fn' in inner && inner.fn.returnsType) return this.resolve(`fn:${inner.fn.returnsType}.${m}`, depth + 1);
      if (inner && 'ext' in inner) return { ext: inner.ext, name: m };
      return this.byName(m);
    }
    if (c.startsWith('meth:')) return this.byName(c.slice(5));
    return undefined;
  }

  private handedByParam: Map<string, Callee[]> | undefined;

  /** `param:<fn>(<i>)`, a constructor's parameter a field holds: the one function of ours its callers hand in there, called or not (funcFields.ts). */
  private handedAt(param: string, depth: number): Resolved | undefined {
    if (!this.handedByParam) {
      this.handedByParam = new Map();
      for (const f of this.files) {
        if (/_test\.go$/.test(f.file)) continue;
        for (const a of f.fnArgs ?? []) {
          const r = this.resolve(a.callee, depth + 1);
          const fn = a.result ? `call:${a.fn}` : a.fn;
          if (r && 'key' in r) this.handedByParam.set(`param:${r.key}(${a.index})`, [...(this.handedByParam.get(`param:${r.key}(${a.index})`) ?? []), fn]);
        }
      }
    }
    const given = [...new Set(this.handedByParam.get(param) ?? [])];
    return given.length === 1 ? (given[0].startsWith('call:') ? this.factory(given[0].slice(5), depth) : this.resolve(given[0], depth + 1)) : undefined;
  }

  /** A function of ours whose call's result a field holds, when it makes no struct of ours (a middleware factory). */
  private factory(c: Callee, depth: number): Resolved | undefined {
    const r = this.resolve(c, depth + 1);
    return r && 'fn' in r && !r.fn.returnsType ? r : undefined;
  }

  /** A method known only by its name: the one declaration of that name (outside tests, when `real`), if there is one. */
  private byName(m: string, real = false): Resolved | undefined {
    const fs = (this.byMethod.get(m) ?? []).filter((f) => !real || !/_test\.go$/.test(f.file));
    return fs.length === 1 ? { fn: fs[0], key: fs[0].key } : undefined;
  }

  /** Calls in a string computed where they can be (a pure string function with constant arguments), else kept as written. */
  evalParts(parts: StrPart[]): StrPart[] {
    if (!parts.some((p) => 'call' in p)) return parts;
    return parts.map((p) => {
      if (!('call' in p)) return p;
      const v = evalCallPart(this.strEnv, p.call, p.args);
      return v !== undefined ? { lit: v } : { dyn: p.text };
    });
  }

  /** A string piece written as a package constant (`dir#Name`), or a setting whose fresh-install value is known (`dir#Server.BasePath`). */
  /** A flag's default, when every declaration of that name in the repository gives the same one. */
  protected flagDefault(name: string): string | undefined {
    const ds = this.flags.get(name) ?? [];
    const vs = ds.map((d) => value(this.strEnv, d, new Map(), 0));
    const v = vs[0];
    return v && 's' in v && vs.every((x) => x && 's' in x && x.s === v.s) ? v.s : undefined;
  }

  /** A setting's value on a fresh install (resolve.ts). */
  abstract setting(k: string, depth?: number): string | undefined;

  constant(dyn: string): string | undefined {
    return this.consts.get(dyn) ?? this.setting(dyn);
  }

  /** The wrappers of ours a package-level handler was defined inside (`var h = withAdmin(func…)`), outermost first. */
  wrappersAtDefinition(c: Callee | undefined): GoCandidate[] {
    return c?.startsWith('fn:') ? this.definedWrappers.get(c.slice(3)) ?? [] : [];
  }

  /** The function a callee names, when it is in this repository. */
  fnOf(c: Callee | undefined): GoFunc | undefined {
    const r = this.resolve(c);
    return r && 'fn' in r ? r.fn : undefined;
  }

  /** Resolves constant pieces; `undefined` when something stays dynamic. */
  literal(parts: StrPart[]): string | undefined {
    let out = '';
    for (const p of this.evalParts(parts)) {
      if ('lit' in p) out += p.lit;
      else if ('dyn' in p && this.constant(p.dyn) !== undefined) out += this.constant(p.dyn);
      else return undefined;
    }
    return out;
  }
}

// Expressions: literals, names, property reads (getters, class statics and bases, Go methods of
// a named type, router members), objects, arrays, and the evaluation budget and nesting bound.
// Separate from calls: this is where a value is read; interpCalls.ts is where code runs.
import type { Expr } from '../facts/types';
import type { ClsValue, Env, FnValue, InstValue, ObjValue, RouterNode, SiteRef, Value } from './values';
import { NULL, STR, UNKNOWN, valueText } from './values';
import { exprText, textOf, type LazyText } from './exprText';
import { defaultedSlot } from './collections';
import { BUDGET } from './interpBase';
import { InterpStatements } from './interpStatements';
import { decide } from './whenEval';
import { typeMethodIndex } from './typeMethods';
import { envSetting, isProcessEnv } from './settingDefaults';

/** Expressions evaluated inside one another, across calls: a bound well under the stack's. */
const MAX_EXPR_DEPTH = 600;

export abstract class InterpExpressions extends InterpStatements {
  evalExpr(e: Expr, env: Env): Value {
    // Generated code nests expressions thousands deep (a long `a + b + …` chain): past the bound
    // the value is unknown, and the stack is left alone.
    if (this.exprDepth >= MAX_EXPR_DEPTH) return UNKNOWN('<expression nested too deeply to follow>');
    this.exprDepth++;
    try {
      return this.evalExprAt(e, env);
    } finally {
      this.exprDepth--;
    }
  }

  protected evalExprAt(e: Expr, env: Env): Value {
    if (++this.steps > BUDGET) {
      this.exhausted = true;
      return UNKNOWN(exprText(e));
    }
    switch (e[0]) {
      case 's':
        return { k: 'str', v: e[1] };
      case 'n':
        return { k: 'num', v: e[1] };
      case 'b':
        return { k: 'bool', v: e[1] };
      case 'null':
        return NULL;
      case 'id':
        return this.lookup(e[1], env);
      case 'this':
        for (let x: Env | undefined = env; x; x = x.parent) if (x.self) return x.self;
        return UNKNOWN('this');
      case 'm': {
        const obj = this.evalExpr(e[1], env);
        // `process.env.NAME`: unset in a fresh install (settingDefaults.ts), read in this file.
        if (isProcessEnv(obj, e[2])) return envSetting(this.whole, e[2], env.file);
        return (obj.k === 'unknown' ? this.contextMembers.read(e[1], e[2]) : undefined) ?? this.member(obj, e[2], e);
      }
      case 'ix': {
        const obj = this.evalExpr(e[1], env);
        const idx = this.evalExpr(e[2], env);
        // A negative index counts from the end (Python's `xs[-1]`, JS `xs[xs.length - 1]`).
        if (obj.k === 'arr' && idx.k === 'num') return obj.items[idx.v < 0 ? obj.items.length + idx.v : idx.v] ?? UNKNOWN(exprText(e));
        const key = idx.k === 'str' ? idx.v : idx.k === 'num' ? String(idx.v) : undefined;
        if (key !== undefined && isProcessEnv(obj, key)) return envSetting(this.whole, key, env.file);
        return key !== undefined ? this.member(obj, key, e) : UNKNOWN(exprText(e));
      }
      case 'c':
      case 'new':
        return this.evalCall(e, env);
      case 'cat': {
        const parts = e[1].map((p) => this.evalExpr(p, env));
        if (parts.every((p) => p.k === 'str' || p.k === 'num')) {
          const joined = STR(parts.map((p) => String((p as { v: unknown }).v)).join(''));
          // A part that is a guess among several makes the whole one (`${cond ? '/a' : '/b'}/x`).
          const guessed = parts.find((p) => this.guessed.has(p));
          if (!guessed) {
            // Made from settings at their defaults: the joined path is theirs too.
            const notes = this.configuredNotes(parts);
            return notes ? this.configure(joined, notes) : joined;
          }
          // Written with what each guess was picked from, the known parts as their values (`${base}` read from a guess shows the ternary).
          const from = parts.map((p, i) => (this.guessed.has(p) ? '${' + (this.guessedFrom.get(p) ?? exprText(e[1][i]!)) + '}' : String((p as { v: unknown }).v)));
          return this.guess(joined, 'any', '`' + from.join('') + '`');
        }
        return UNKNOWN(exprText(e));
      }
      case 'o': {
        const props = new Map<string, Value>();
        const obj: ObjValue = { k: 'obj', props };
        if (e[2] && !e[3]) obj.site = { file: env.file, line: e[2][0], offset: e[2][1] };
        if (e[3]) obj.keySites = new Map(e[3].map(([key, line, offset]) => [key, { file: env.file, line, offset }]));
        let spreadUnknown = false;
        let keyUnknown = false;
        for (const [k, ve] of e[1]) {
          if (typeof k !== 'string' && k[0] === 's' && k[1] === '...') {
            const src = this.evalExpr(ve, env);
            if (src.k === 'obj') for (const [a, b] of src.props) props.set(a, b);
            spreadUnknown ||= src.k !== 'obj' || !src.lit;
            continue;
          }
          // A getter (see the object literal in jsFacts): run when read, with the object as `this`.
          if (typeof k !== 'string' && k[0] === 'kw' && k[1] === 'get') {
            const name = this.str(this.evalExpr(k[2], env));
            const g = this.evalExpr(ve, env);
            if (name !== undefined && g.k === 'fn') (obj.getters ??= new Map()).set(name, { ...g, self: obj });
            continue;
          }
          const key = typeof k === 'string' ? k : this.str(this.evalExpr(k, env));
          if (key === undefined) {
            keyUnknown = true;
            continue;
          }
          const v = this.evalExpr(ve, env);
          props.set(key, v.k === 'fn' && !v.self ? { ...v, self: obj } : v);
        }
        // Every key known: a property it lacks is absent (member()), not unknown.
        if (!spreadUnknown && !keyUnknown) obj.lit = true;
        return obj;
      }
      case 'a': {
        const items: Value[] = [];
        for (const x of e[1]) {
          if (x[0] === 'm' && x[2] === '...') {
            const v = this.evalExpr(x[1], env);
            if (v.k === 'arr') items.push(...v.items);
            else items.push(v);
          } else items.push(this.evalExpr(x, env));
        }
        return { k: 'arr', items };
      }
      case 'f':
        return { k: 'fn', file: env.file, fn: e[1], env };
      case 'k':
        return this.classValue(e[1], env);
      case 'or': {
        const a = this.evalExpr(e[1], env);
        if (a.k === 'unknown' || a.k === 'null' || (a.k === 'str' && a.v === '') || (a.k === 'bool' && !a.v)) {
          const b = this.evalExpr(e[2], env);
          // A setting a fresh install leaves unset (`process.env.BASE || '/'`): the fallback, saying so.
          if (a.k === 'unknown' && a.unset) return this.configure(b, this.configured.get(a) ?? a.text);
          // Only a string fallback (`(config.prefix || '') + '/plugin/'`, a path's part): a missing field
          // defaulted to null or an object (`options.accountability || null`) is left as it was, since code
          // that tells "no caller" from "a caller we cannot read" decides refusals on it.
          if (a.k === 'unknown' && a.absent && b.k === 'str') return b;
          // Both unknown: the fallback when it is a repository path (`options.dir || __dirname`), else the first.
          // An unset setting (`process.env.BASE || '/'`): the fallback is the default it runs with.
          // A falsy guess (one arm of an undecided ternary) may be the other arm: the fallback is a guess too.
          if (a.k !== 'unknown') return this.configured.has(a) ? this.configure(b, this.configured.get(a)!) : this.guessed.has(a) ? this.guess(b, 'any', e) : b;
          return defaultedSlot(a, b) ?? (b.k === 'unknown' && (b.file === undefined || a.file !== undefined) ? a : this.guess(b, 'or', e));
        }
        return a;
      }
      case 'alt': {
        // A test decided on values the language guarantees picks its arm; otherwise either arm is a guess.
        // Settings at their defaults decide it too: the arm taken is then one that depends on them.
        const read: Value[] = [];
        const seen = (v: Value): 'or' | 'any' | undefined => {
          if (this.configured.has(v)) read.push(v);
          return this.guessed.get(v);
        };
        const decided = e[3] ? decide(e[3], env, (x, en) => this.evalExpr(x, en), seen) : undefined;
        if (decided !== undefined) {
          const arm = this.evalExpr(decided ? e[1] : e[2], env);
          const notes = this.configuredNotes(read);
          // A router chosen so (`pathBased ? mount('/' + id, app) : mount(app)`): the paths under it depend on those settings.
          if (notes && arm.k === 'router') arm.r.cfg = arm.r.cfg && arm.r.cfg.includes(notes) ? arm.r.cfg : arm.r.cfg ? `${arm.r.cfg}; ${notes}` : notes;
          return notes ? this.configure(arm, notes) : arm;
        }
        const a = this.evalExpr(e[1], env);
        if (a.k !== 'unknown') return this.guess(a, 'any', e);
        const b = this.evalExpr(e[2], env);
        return defaultedSlot(a, b) ?? this.guess(b, 'any', e);
      }
      case 'kw':
        return { k: 'kw', name: e[1], v: this.evalExpr(e[2], env) };
      case 'imp':
        return this.importValue(env.file, e[1], e[2]);
      case 're':
        return UNKNOWN(e[1]);
      case '?': {
        // A comparison decided on values the language guarantees (as an `if` test is, whenEval.ts) is
        // that boolean; a guess decides nothing, and settings at their defaults make it configured.
        if (!e[2]) return UNKNOWN(e[1]);
        const read: Value[] = [];
        const seen = (v: Value): 'or' | 'any' | undefined => {
          if (this.configured.has(v)) read.push(v);
          return this.guessed.get(v);
        };
        const decided = decide(e[2], env, (x, en) => this.evalExpr(x, en), seen);
        if (decided === undefined) return UNKNOWN(e[1]);
        const notes = this.configuredNotes(read);
        return notes ? this.configure({ k: 'bool', v: decided }, notes) : { k: 'bool', v: decided };
      }
    }
  }

  protected classValue(idx: number, env: Env): ClsValue {
    const key = `${env.file}:${idx}`;
    const hit = this.classes.get(key);
    if (hit) return hit;
    const c: ClsValue = { k: 'cls', file: env.file, cls: idx, env, statics: new Map() };
    this.classes.set(key, c);
    const fact = this.program.facts.get(env.file)?.classes[idx];
    for (const [name, fi] of fact?.methods ?? []) c.statics.set(name, { k: 'fn', file: env.file, fn: fi, env });
    for (const [name, fe] of fact?.fields ?? []) c.statics.set(name, this.evalExpr(fe, env));
    return c;
  }
  protected readonly classes = new Map<string, ClsValue>();

  /** A destructured name's value: its key, or the dotted path of keys of a nested pattern (`queries.users.find`). */
  memberPath(obj: Value, key: string): Value {
    if (!key.includes('.')) return this.member(obj, key);
    return key.split('.').reduce((v, k) => this.member(v, k), obj);
  }

  /** A property read. `text` is the expression (as written, or to write), for what stays unknown. */
  member(obj: Value, prop: string, text?: LazyText): Value {
    switch (obj.k) {
      case 'obj': {
        const v = obj.props.get(prop);
        if (v) return v;
        const g = obj.getters?.get(prop);
        if (g) return this.callValue(g, [], { file: g.file, line: 0, offset: -6 }, obj);
        const missing = UNKNOWN(text !== undefined ? textOf(text) : prop);
        return obj.lit && !obj.module && !obj.coll ? { ...missing, absent: true } : missing;
      }
      case 'inst': {
        const v = obj.fields.get(prop);
        if (v) return v;
        const m = this.methodOf(obj, prop);
        if (m?.k === 'fn' && this.isGetter(m, prop)) return this.callValue(m, [], { file: m.file, line: 0, offset: -6 }, obj);
        return m ?? this.fieldSetLater(obj, prop) ?? UNKNOWN(text !== undefined ? textOf(text) : prop);
      }
      case 'cls': {
        const v = obj.statics.get(prop) ?? this.staticOfBase(obj, prop);
        if (v?.k === 'fn' && this.isGetter(v, prop)) return this.callValue(v, [], { file: v.file, line: 0, offset: -6 }, obj);
        return v ?? UNKNOWN(text !== undefined ? textOf(text) : prop);
      }
      case 'router': {
        const x = obj.r.extra.get(prop);
        if (x) return x.k === 'fn' ? { ...x, self: obj } : x;
        const fw = this.frameworks.find((f) => f.name === obj.r.framework);
        const v = fw?.routerMember?.(this.whole, obj.r, prop);
        if (v) return v;
        // A method read off a router and called later (`const get = router.get.bind(router)`).
        return { k: 'native', name: `${prop}`, call: (args, site) => this.routerCall(obj.r, prop, args, site) };
      }
      case 'ext': {
        // `process.env.NAME`: unset in a fresh install (settingDefaults.ts).
        if (isProcessEnv(obj, String(prop))) return envSetting(this.whole, prop, this.currentFile);
        // A framework wrapper around an object of ours (`pipeline(controller).browse`): the member
        // is still the object's, kept as the wrapped value so the handler can be located.
        const inner = obj.args?.find((a): a is ObjValue => a.k === 'obj' && a.props.has(prop))?.props.get(prop);
        const written = inner && (inner.k === 'obj' || inner.k === 'fn') && text !== undefined ? textOf(text) : undefined;
        return { k: 'ext', spec: obj.spec, path: [...obj.path, prop], ...(inner && (inner.k === 'obj' || inner.k === 'fn') ? { args: [inner], ...(written ? { text: written } : {}) } : {}), ...(prop === 'unless' ? { unlessOf: obj } : {}) };
      }
      case 'fn':
        return this.fnProps(obj).get(prop) ?? (prop === 'prototype' ? obj : UNKNOWN(text !== undefined ? textOf(text) : prop));
      case 'arr':
        if (prop === 'length') return { k: 'num', v: obj.items.length };
        // `const [type, feature] = name.split(':')`: the destructuring reads elements by index.
        if (/^\d+$/.test(prop)) return obj.items[Number(prop)] ?? UNKNOWN(text !== undefined ? textOf(text) : prop);
        return UNKNOWN(text !== undefined ? textOf(text) : prop);
      case 'kw':
        return this.member(obj.v, prop, text);
      default:
        return UNKNOWN(text !== undefined ? textOf(text) : `${valueText(obj)}.${prop}`);
    }
  }

  /** A class's `get name() { … }`: read as a property, it runs. */
  protected isGetter(f: FnValue, prop: string): boolean {
    const fact = this.fnFact(f);
    if (!fact?.owner) return false;
    return !!this.program.facts.get(f.file)?.classes.some((c) => c.name === fact.owner && c.getters?.includes(prop) && c.methods.some(([n, i]) => n === prop && i === f.fn));
  }

  private readonly laterRuns = new Set<string>();

  /**
   * A field that a method other than the constructor sets (`init() { this.controller = new
   * CommentsController(…) }`, run at boot): read while probing what a handler calls (never while
   * registering routes), the method is run once on the instance, as a probe (it registers
   * nothing), and the field is what it set.
   */
  private fieldSetLater(inst: InstValue, prop: string): Value | undefined {
    if (!this.probe || inst.cls.k !== 'cls') return undefined;
    const c = inst.cls;
    const fact = this.program.facts.get(c.file)?.classes[c.cls];
    const facts = this.program.facts.get(c.file);
    const setter = fact?.methods.find(([, i]) => facts?.fns[i]?.ops.some((op) => op[0] === 'set' && op[1][0] === 'm' && op[1][1][0] === 'this' && op[1][2] === prop));
    if (!setter) return undefined;
    const key = `${this.key(inst)}|${c.file}:${setter[1]}`;
    if (!this.laterRuns.has(key)) {
      this.laterRuns.add(key);
      const saved = this.probe;
      this.probe = { fns: [], exts: [] };
      try {
        this.callValue({ k: 'fn', file: c.file, fn: setter[1], env: c.env, self: inst }, [], { file: c.file, line: 0, offset: -7 }, inst);
      } finally {
        this.probe = saved;
      }
    }
    return inst.fields.get(prop);
  }

  protected methodOf(inst: InstValue, prop: string): Value | undefined {
    if (inst.cls.k === 'cls') {
      let c: ClsValue | undefined = inst.cls;
      for (let i = 0; c && i < 8; i++) {
        const fact = this.program.facts.get(c.file)?.classes[c.cls];
        const m = fact?.methods.find(([n]) => n === prop);
        if (m) return { k: 'fn', file: c.file, fn: m[1], env: c.env, self: inst };
        c = this.baseOf(c);
      }
      return undefined;
    }
    // A named type (Go struct): methods are functions of the package whose owner is the type.
    const t = inst.cls;
    const key = this.moduleKeyOf(t.file);
    for (const f of this.program.filesOf(key)) {
      const facts = this.program.facts.get(f);
      const i = facts ? typeMethodIndex(facts, t.name, prop) : -1;
      if (i >= 0) {
        const mod = this.loadModule(key);
        return { k: 'fn', file: f, fn: i, env: mod.fileEnvs.get(f) ?? mod.env, self: inst };
      }
    }
    return undefined;
  }

  protected baseOf(c: ClsValue): ClsValue | undefined {
    const fact = this.program.facts.get(c.file)?.classes[c.cls];
    const b = fact?.bases?.[0];
    if (!b) return undefined;
    const v = this.evalExpr(b, c.env);
    return v.k === 'cls' && v !== c ? v : undefined;
  }

  protected staticOfBase(c: ClsValue, prop: string): Value | undefined {
    for (let b = this.baseOf(c), i = 0; b && i < 8; b = this.baseOf(b), i++) {
      const v = b.statics.get(prop);
      if (v) return v;
    }
    return undefined;
  }

  protected abstract evalCall(e: Extract<Expr, ['c', ...unknown[]] | ['new', ...unknown[]]>, env: Env): Value;
  abstract routerCall(r: RouterNode, method: string, args: Value[], site: SiteRef): Value;
}

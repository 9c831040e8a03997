// Declarations in JS/TS: a function (its parameters with their defaults, the operations of its
// body, and the guard facts read off it: `next()` always or gated, identity read), a class (its
// decorators, bases, methods, getters and fields), a TypeScript enum as an object. Separate from
// statements: each opens a new scope of the extractor's state, saved and restored here.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { ClassFact, Expr, FnFact, Op } from './types';
import { gatedNext, withoutProse } from './jsNextAndCatch';
import { lacksCredential } from './jsFactsBase';
import { IDENTITY_WORD, identityRead } from './refusal';
import { noDataAnswer } from './noDataAnswer';
import { authFlagGate } from './authFlagGate';
import { onlyUnderPrefix } from './pathScope';
import { guestFalse, statusByMessage } from './keyedErrors';
import { line, named, stringText } from './jsNodes';
import { JsFactsStatements } from './jsFactsStatements';

export abstract class JsFactsDeclarations extends JsFactsStatements {
  private readonly fnOfNode = new Map<number, number>();
  /** A function literal or declaration: its parameters and the operations of its body. */
  protected function(n: Node, name: string, owner?: string): number {
    // A function node read twice (an arrow in an \`if\` test: once as the test's call, once for its
    // condition, whenConds.ts) is one function.
    const seen = this.fnOfNode.get(n.id);
    if (seen !== undefined) return seen;
    const idx = this.facts.fns.length;
    this.fnOfNode.set(n.id, idx);
    const f: FnFact = { name, params: [], ops: [], start: line(n), end: n.endPosition.row + 1 };
    if (owner) f.owner = owner;
    if (n.type === 'arrow_function') f.arrow = true;
    if (this.fn >= 0) f.parent = this.fn;
    this.facts.fns.push(f);
    const params = n.childForFieldName('parameters') ?? n.childForFieldName('parameter');
    const list = params ? (params.type === 'identifier' ? [params] : named(params)) : [];
    const defaults: (Expr | null)[] = [];
    let anyDefault = false;
    const outer = this.fn;
    const outerConds = this.conds;
    const outerWhens = this.whens;
    const outerBound = this.bound;
    const outerBindings = this.bindings;
    const outerHost = this.host;
    const outerNexts = this.nexts;
    this.conds = [];
    this.whens = [];
    this.bound = [];
    this.bindings = new Map();
    this.host = this.hosts.get(n.id);
    this.nexts = [];
    this.fn = idx;
    // TypeScript parameter properties (`constructor(private _app: Application)`) assign the
    // argument to `this._app` before the body runs: the class's methods read the app from there.
    const paramProps: string[] = [];
    for (const p of list) {
      let pat: Node | null = p;
      let def: Node | null = null;
      if (p.type === 'required_parameter' || p.type === 'optional_parameter') {
        pat = p.childForFieldName('pattern');
        def = p.childForFieldName('value');
        if (pat?.type === 'identifier' && p.children.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'readonly' || c?.type === 'override_modifier')) paramProps.push(pat.text);
      } else if (p.type === 'assignment_pattern') {
        pat = p.childForFieldName('left');
        def = p.childForFieldName('right');
      }
      // TypeScript's `this: FastifyInstance` types the receiver; it takes no argument, so the
      // arguments of a call start at the parameter after it.
      if (pat?.type === 'this') continue;
      // `...[router, { queries }]: RouterInitArgs<T>`: a rest parameter destructured as an array
      // takes the arguments one by one, so its elements are positional parameters.
      const spread = pat?.type === 'rest_pattern' ? named(pat)[0] : undefined;
      if (spread?.type === 'array_pattern') {
        for (const el of named(spread)) {
          if (el.type === 'comment') continue;
          const left = el.type === 'assignment_pattern' ? el.childForFieldName('left') : el;
          f.params.push(left?.type === 'object_pattern' ? this.paramPattern(left) : (left?.text ?? '_'));
          defaults.push(null);
        }
        continue;
      }
      if (pat?.type === 'object_pattern') f.params.push(this.paramPattern(pat));
      else if (pat?.type === 'rest_pattern') f.params.push('...' + (named(pat)[0]?.text ?? ''));
      else f.params.push(pat?.text ?? '_');
      if (def) anyDefault = true;
      defaults.push(def ? this.expr(def) : null);
    }
    if (anyDefault) f.defaults = defaults;
    const body = n.childForFieldName('body');
    if (body) {
      if (body.type === 'statement_block') f.ops = this.block(named(body));
      else f.ops = [['ret', this.expr(body)]];
      if (paramProps.length) f.ops.unshift(...paramProps.map((name): Op => ['set', ['m', ['this'], name], ['id', name]]));
      if (this.nexts.some((x) => !x.cond)) f.nextAlways = true;
      const answers = body.type === 'statement_block' ? answersPath(f.params, named(body)) : undefined;
      if (answers) f.answersPath = answers;
      const under = body.type === 'statement_block' ? onlyUnderPrefix(f.params, named(body)) : undefined;
      if (under) f.onlyUnder = under;
      const only = this.continuesOnlyWithout(f.params, body.text);
      if (only) f.continuesOnlyWithout = only;
      const gate = this.nextHandedOn(f.params, body.text) ? undefined : gatedNext(this.nexts);
      if (gate) (f.refusals ??= []).push(gate);
      const noData = body.type === 'statement_block' ? (noDataAnswer(f.params, named(body)) ?? authFlagGate(f.params, named(body))) : undefined;
      if (noData) (f.refusals ??= []).push(noData);
      const mapped = statusByMessage(body);
      if (mapped) f.statusByMessage = mapped;
      const guest = body.type === 'statement_block' ? guestFalse(f.params, named(body)) : undefined;
      if (guest) f.guestFalse = guest;
      const head = f.refusals?.length ? '' : body.text.slice(0, 4000);
      // Most bodies name no identity word at all: no need to take their prose out first.
      if (head && IDENTITY_WORD.test(head)) {
        const reads = identityRead(withoutProse(head));
        if (reads) f.readsIdentity = reads;
      }
    }
    this.nexts = outerNexts;
    this.fn = outer;
    this.conds = outerConds;
    this.whens = outerWhens;
    this.bound = outerBound;
    this.bindings = outerBindings;
    this.host = outerHost;
    return idx;
  }

  /** An object pattern as a parameter: `{a,key:local}`, how the interpreter binds it. */
  private paramPattern(pat: Node): string {
    return '{' + this.objectPattern(pat).map(([l, k]) => (l === k ? l : `${k}:${l}`)).join(',') + '}';
  }

  /**
   * `next` named elsewhere than in the calls read here: handed to another function
   * (`passport.authenticate(…, cb)(req, res, next)`) or called in a closure, which may let the
   * request on whatever the caller is. A `next()` only for a known caller is then no gate.
   */
  private nextHandedOn(params: string[], body: string): boolean {
    const next = params[2];
    if (!next || !/^_?next$/.test(next)) return false;
    const uses = withoutProse(body).match(new RegExp(`(?<![\\w$.])${next}(?![\\w$])`, 'g'))?.length ?? 0;
    return uses > this.nexts.filter((x) => !x.name || x.name === next).length;
  }

  /**
   * See FnFact.continuesOnlyWithout: every bare `next()` sits under "no credential here", and the
   * body names `next` nowhere else (not passed on, not called in a closure, not called with an error).
   */
  private continuesOnlyWithout(params: string[], body: string): string | undefined {
    const next = params[2];
    // Calls of the parameter itself: a local `next` wrapping `_next` is another function.
    const calls = this.nexts.filter((x) => x.name === next);
    if (!next || !/^_?next$/.test(next) || !calls.length) return undefined;
    if (!calls.every((x) => lacksCredential(x.cond))) return undefined;
    const uses = withoutProse(body).match(new RegExp(`(?<![\\w$.])${next}(?![\\w$])`, 'g'))?.length ?? 0;
    return uses === calls.length ? calls[0].cond : undefined;
  }

  protected klass(n: Node, name: string): number {
    const idx = this.facts.classes.length;
    const c: ClassFact = { name, methods: [], start: line(n), end: n.endPosition.row + 1 };
    this.facts.classes.push(c);
    const decos = named(n).filter((k) => k.type === 'decorator').map((d) => this.expr(named(d)[0] ?? d));
    if (decos.length) c.decorators = decos;
    const heritage = named(n).find((k) => k.type === 'class_heritage');
    if (heritage) c.bases = named(heritage).flatMap((h) => (h.type === 'extends_clause' ? named(h).filter((v) => v.type !== 'type_arguments').map((v) => this.expr(v)) : h.type === 'implements_clause' ? [] : [this.expr(h)]));
    const body = n.childForFieldName('body');
    let pending: Expr[] = [];
    for (const m of named(body)) {
      if (m.type === 'decorator') {
        pending.push(this.expr(named(m)[0] ?? m));
        continue;
      }
      // A comment between a method's decorators (`@UseInterceptors(…) // 1 MB`) does not end them.
      if (m.type === 'comment') continue;
      if (m.type === 'method_definition') {
        const mname = m.childForFieldName('name')?.text ?? '<method>';
        const fi = this.function(m, `${name}.${mname}`, name);
        if (pending.length) this.facts.fns[fi].decorators = pending;
        c.methods.push([mname, fi]);
        if (m.children.some((k) => k?.type === 'get')) (c.getters ??= []).push(mname);
      } else if (m.type === 'public_field_definition' || m.type === 'field_definition') {
        const fname = (m.childForFieldName('name') ?? m.childForFieldName('property'))?.text;
        const v = m.childForFieldName('value');
        if (fname && v) {
          const e = this.expr(v, `${name}.${fname}`);
          (c.fields ??= []).push([fname, e]);
          if (e[0] === 'f') c.methods.push([fname, e[1]]);
        }
      }
      pending = [];
    }
    return idx;
  }

  /** `enum E { A = "a", B, C = 5 }` → `{ A: "a", B: 1, C: 5 }`: members without a value count up from the previous number. */
  protected enumObject(body: Node | null): Expr {
    const props: [string, Expr][] = [];
    let next = 0;
    for (const m of named(body)) {
      const key = m.type === 'enum_assignment' ? m.childForFieldName('name') : m;
      const k = key?.type === 'string' ? stringText(key) : key?.text;
      if (!k || (key?.type !== 'property_identifier' && key?.type !== 'string')) continue;
      const v = m.type === 'enum_assignment' ? m.childForFieldName('value') : null;
      const e: Expr = v ? this.expr(v) : ['n', next];
      if (e[0] === 'n') next = e[1] + 1;
      props.push([k, e]);
    }
    return ['o', props];
  }
}

/**
 * See FnFact.answersPath: the first statement is `if (<the path is not P>) return next();`, with P
 * an anchored regular expression tested on `req.path` or a literal compared with it.
 */
function answersPath(params: string[], statements: Node[]): FnFact['answersPath'] {
  const [req, , next] = params;
  const first = statements.find((s) => s.type !== 'comment');
  if (!req || !next || !/^[\w$]+$/.test(req) || !/^_?next$/.test(next) || first?.type !== 'if_statement' || first.childForFieldName('alternative')) return undefined;
  const then = first.childForFieldName('consequence');
  const body = then?.type === 'statement_block' ? named(then).filter((s) => s.type !== 'comment') : then ? [then] : [];
  if (body.length !== 1 || !new RegExp(`^return\\s+${next}\\(\\s*\\);?$`).test(body[0].text.trim())) return undefined;
  const cond = (first.childForFieldName('condition')?.text ?? '').replace(/^\(([\s\S]*)\)$/, '$1').trim();
  const path = `${req.replace(/\$/g, '\\$')}\\.path`;
  const re = new RegExp(`^!\\s*(?:${path}\\.match\\(\\s*/(\\^[^\\n]*\\$)/\\s*\\)|/(\\^[^\\n]*\\$)/\\.test\\(\\s*${path}\\s*\\))$`).exec(cond);
  if (re) return { re: re[1] ?? re[2]! };
  const lit = new RegExp(`^(?:${path}\\s*!==?\\s*(['"])(/[^'"]*)\\1|(['"])(/[^'"]*)\\3\\s*!==?\\s*${path})$`).exec(cond);
  if (lit) return { s: lit[2] ?? lit[4]! };
  return undefined;
}

// Entry facts of a JavaScript or TypeScript file: its imports and exports, module-level
// operations, and every function with the operations of its body, as the language-neutral
// summary of facts/types.ts. No framework knowledge here: the interpreter and the framework
// modules give calls their meaning.
import type { Node, Tree } from 'web-tree-sitter';
import type { ClassFact, EntryFacts, Expr, FnFact, Op, Refusal } from './types';
import { emptyEntryFacts } from './types';
import { clip, leaves } from './conditions';
import { gatedNext, swallows, withoutProse } from './jsNextAndCatch';
import { assignRefusal, badRequestRefusal, badRequestThrow, CALLER_CONDITION, CALLER_IDENTITY, callRefusal, identityRead, throwRefusal } from './refusal';

/** Option names that let anonymous requests through when true. */
export const ANON_OPTION = /\b(optional|allowAnonymous|allow_anonymous|anonymous|allowGuest|allowUnauthenticated)\b/;

/** What carries a caller's credentials on a request. */
const CREDENTIAL = String.raw`(authorization|auth_?header|token|jwt|bearer|cookie|credentials?|api_?key|session_?id)`;
/** A condition that holds when the request carries none: `!token`, `_.isNil(authorization)`, `header == null`, the else of `if (token)`. */
const NO_CREDENTIALS = new RegExp(
  String.raw`^\(?\s*!\s*[\w$.\[\]'"]*${CREDENTIAL}\w*\s*\)?$|^\(?\s*[\w$.]*(isNil|isEmpty|isUndefined)\(\s*[\w$.\[\]'"]*${CREDENTIAL}\w*\s*\)\s*\)?$|^\(?\s*[\w$.\[\]'"]*${CREDENTIAL}\w*\s*={2,3}\s*(null|undefined)\s*\)?$|^else of \(?\s*[\w$.\[\]'"]*${CREDENTIAL}\w*\s*\)?$`,
  'i',
);
/** A call that decides whether the caller may go on (`auth.allow_publish`, `acl.check`, `authenticate`). */
const CHECK_CALL = /allow|authori[sz]|authenticat|permi(t|ssion)|\bcan[A-Z_(]|\bmay[A-Z_]|may_|access|verif|check|\bauth\b/i;
const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function', 'generator_function_declaration', 'method_definition']);
const PUBLIC_COMMENT = /\b(public|no auth|unauthenticated|anonymous|without (auth|login)|open endpoint|no login)\b/i;
/** Longest source text kept for an expression we do not model. */
const MAX_TEXT = 80;
/** Deepest expression nesting followed (minified or generated code can nest far deeper). */
const MAX_DEPTH = 60;

export function extractJsFacts(tree: Tree): EntryFacts {
  const facts = emptyEntryFacts();
  const x = new JsExtractor(facts);
  x.program(tree.rootNode);
  return facts;
}

function short(text: string): string {
  const s = text.replace(/\s+/g, ' ');
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + '…' : s;
}

function line(n: Node): number {
  return n.startPosition.row + 1;
}

function named(n: Node | null | undefined): Node[] {
  return n ? (n.namedChildren.filter((c) => c && c.type !== 'comment') as Node[]) : [];
}

function stringText(n: Node): string | undefined {
  if (n.type === 'string') return n.text.slice(1, -1);
  if (n.type === 'template_string' && !n.namedChildren.some((c) => c?.type === 'template_substitution')) return n.text.slice(1, -1);
  return undefined;
}

class JsExtractor {
  /** Index of the function whose body is being read; -1 at module level. */
  private fn = -1;
  private depth = 0;
  /** Conditions of the `if`s (and `catch`es) around the statement being read, innermost last. */
  private conds: string[] = [];
  /** For each of `conds`: what the bare names it tests were bound to (`verified = await verifyAuthCode(req)`), or ''. */
  private bound: string[] = [];
  /** Bindings of plain names in the function being read: name → the value's text, shortened. */
  private bindings = new Map<string, string>();
  /** Function literals passed as the callback of a call that is given the caller's identity: node id → that call's callee. */
  private readonly hosts = new Map<number, string>();
  /** The function being read is such a callback: the callee it was given to (see `hosts`). */
  private host: string | undefined;
  /** The bare `next()` calls of the function being read: the condition right around each ('' when none), and the line. */
  private nexts: { cond: string; line: number }[] = [];

  constructor(private readonly facts: EntryFacts) {}

  program(root: Node): void {
    for (const c of root.namedChildren) if (c?.type === 'comment' && PUBLIC_COMMENT.test(c.text)) (this.facts.publicComments ??= []).push(line(c));
    this.collectComments(root);
    this.facts.top = this.block(named(root));
  }

  private collectComments(root: Node): void {
    const out = (this.facts.publicComments ??= []);
    for (const c of root.descendantsOfType('comment')) if (c && PUBLIC_COMMENT.test(c.text) && !out.includes(line(c))) out.push(line(c));
    if (!out.length) delete this.facts.publicComments;
  }

  /** Statements → operations, with function declarations hoisted to the front (they are callable before they appear). */
  private block(stmts: Node[]): Op[] {
    const hoisted: Op[] = [];
    const ops: Op[] = [];
    // After `if (C) return …;` (no else), the rest of the block runs only when C is false: what
    // it refuses sits under `else of C`, as if written in the else branch
    // (`if (user.name != null) return next(profile); res.status(401)` refuses when there is no name).
    let early = 0;
    for (const s of stmts) {
      this.statement(s, ops, hoisted);
      const cond = s.type === 'if_statement' && !s.childForFieldName('alternative') && leaves(s.childForFieldName('consequence')) ? s.childForFieldName('condition') : null;
      if (cond && this.fn >= 0) {
        this.conds.push(`else of ${short(cond.text)}`);
        this.bound.push(this.boundText(cond.text));
        early++;
      }
    }
    if (early) {
      this.conds.splice(this.conds.length - early, early);
      this.bound.splice(this.bound.length - early, early);
    }
    return [...hoisted, ...ops];
  }

  private statement(s: Node, ops: Op[], hoisted: Op[]): void {
    switch (s.type) {
      case 'import_statement':
        this.importStatement(s);
        return;
      case 'export_statement':
        this.exportStatement(s, ops, hoisted);
        return;
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const d of named(s)) if (d.type === 'variable_declarator') this.declarator(d, ops);
        return;
      case 'function_declaration':
      case 'generator_function_declaration': {
        const name = s.childForFieldName('name')?.text;
        const idx = this.function(s, name ?? `<anon@${line(s)}>`);
        if (name) hoisted.push(['let', name, ['f', idx]]);
        return;
      }
      case 'enum_declaration': {
        // A TypeScript enum is an object of its members (`Hook.API` is "api"): registries and route
        // tables are keyed by them.
        const name = s.childForFieldName('name')?.text;
        if (name) hoisted.push(['let', name, this.enumObject(s.childForFieldName('body'))]);
        return;
      }
      case 'class_declaration':
      case 'abstract_class_declaration': {
        const name = s.childForFieldName('name')?.text ?? `<class@${line(s)}>`;
        hoisted.push(['let', name, ['k', this.klass(s, name)]]);
        return;
      }
      case 'expression_statement': {
        const e = s.namedChildren[0];
        if (e) this.expressionStatement(e, ops);
        return;
      }
      case 'return_statement': {
        const v = s.namedChildren[0];
        ops.push(['ret', v ? this.expr(v) : ['null']]);
        return;
      }
      case 'throw_statement': {
        const v = s.namedChildren[0];
        if (v) {
          this.refusal(throwRefusal(v.text.slice(0, 200), line(s)) ?? badRequestThrow(v.text.slice(0, 200), line(s)));
          this.expr(v); // functions inside the thrown expression still count
        }
        return;
      }
      case 'for_in_statement': {
        const left = s.childForFieldName('left');
        const right = s.childForFieldName('right');
        const body = s.childForFieldName('body');
        const name = left?.type === 'identifier' ? left.text : left ? named(left).find((k) => k.type === 'variable_declarator')?.childForFieldName('name')?.text ?? left.text.replace(/^(const|let|var)\s+/, '') : '_';
        ops.push(['for', name, right ? this.expr(right) : ['null'], body ? this.block(body.type === 'statement_block' ? named(body) : [body]) : []]);
        return;
      }
      case 'if_statement': {
        const cond = s.childForFieldName('condition');
        if (cond) this.conditionCalls(cond, ops);
        const cons = s.childForFieldName('consequence');
        const alt = s.childForFieldName('alternative');
        const text = short(cond?.text ?? '');
        this.anonOption(cond?.text ?? '');
        this.conds.push(text);
        this.bound.push(this.boundText(cond?.text ?? ''));
        if (cons) ops.push(...this.block(cons.type === 'statement_block' ? named(cons) : [cons]));
        this.conds[this.conds.length - 1] = `else of ${text}`;
        if (alt) ops.push(...this.block(named(alt)));
        this.conds.pop();
        this.bound.pop();
        return;
      }
      case 'statement_block':
      case 'else_clause':
      case 'finally_clause':
        ops.push(...this.block(named(s)));
        return;
      case 'catch_clause':
        this.conds.push('catch');
        this.bound.push('');
        for (const c of named(s)) if (c.type === 'statement_block') this.statement(c, ops, hoisted);
        this.conds.pop();
        this.bound.pop();
        return;
      case 'try_statement': {
        const handler = s.childForFieldName('handler');
        const body = s.childForFieldName('body');
        if (body && handler && swallows(handler)) {
          const inner: Op[] = [];
          this.statement(body, inner, hoisted);
          ops.push(['quiet', inner]);
          for (const c of named(s)) if (c.id !== body.id) this.statement(c, ops, hoisted);
          return;
        }
        for (const c of named(s)) this.statement(c, ops, hoisted);
        return;
      }
      case 'for_statement':
      case 'while_statement':
      case 'do_statement':
      case 'labeled_statement':
      case 'switch_statement':
      case 'switch_body':
      case 'switch_case':
      case 'switch_default': {
        for (const c of named(s)) {
          if (c.type === 'statement_block' || c.type.endsWith('_clause') || c.type.endsWith('_statement') || c.type === 'switch_body' || c.type === 'switch_case' || c.type === 'switch_default' || c.type === 'expression_statement' || c.type === 'lexical_declaration' || c.type === 'variable_declaration' || c.type === 'return_statement') this.statement(c, ops, hoisted);
        }
        return;
      }
      default:
        return;
    }
  }

  /** Calls in an `if` condition (`if (!(await checkAuth(req)))`) run too. */
  private conditionCalls(cond: Node, ops: Op[]): void {
    for (const c of cond.descendantsOfType('call_expression')) if (c && c.parent?.type !== 'call_expression') ops.push(['call', this.expr(c)]);
  }

  private importStatement(s: Node): void {
    const source = s.childForFieldName('source');
    const spec = source ? stringText(source) : undefined;
    if (spec === undefined) return;
    const clause = named(s).find((k) => k.type === 'import_clause');
    if (!clause) {
      this.facts.imports.push({ local: '', spec, name: '*', line: line(s), sideEffect: true });
      return;
    }
    for (const c of named(clause)) {
      if (c.type === 'identifier') this.facts.imports.push({ local: c.text, spec, name: 'default', line: line(s) });
      else if (c.type === 'namespace_import') {
        const id = named(c).find((k) => k.type === 'identifier');
        if (id) this.facts.imports.push({ local: id.text, spec, name: '*', line: line(s) });
      } else if (c.type === 'named_imports') {
        for (const sp of named(c)) {
          if (sp.type !== 'import_specifier') continue;
          const name = sp.childForFieldName('name')?.text ?? '';
          const alias = sp.childForFieldName('alias')?.text ?? name;
          this.facts.imports.push({ local: alias, spec, name: name.replace(/^['"]|['"]$/g, ''), line: line(s) });
        }
      }
    }
  }

  private exportStatement(s: Node, ops: Op[], hoisted: Op[]): void {
    const source = s.childForFieldName('source');
    const spec = source ? stringText(source) : undefined;
    const decl = s.childForFieldName('declaration');
    const value = s.childForFieldName('value');
    const isDefault = s.children.some((c) => c?.type === 'default');
    const clause = named(s).find((k) => k.type === 'export_clause');
    if (clause) {
      for (const sp of named(clause)) {
        const name = sp.childForFieldName('name')?.text;
        const alias = sp.childForFieldName('alias')?.text ?? name;
        if (!name || !alias) continue;
        this.facts.exports.push([alias, spec !== undefined ? ['imp', spec, name] : ['id', name]]);
      }
      return;
    }
    if (spec !== undefined) {
      // `export * from './x'`, `export * as ns from './x'`
      const ns = named(s).find((k) => k.type === 'namespace_export');
      const alias = ns ? named(ns)[0]?.text : undefined;
      this.facts.exports.push([alias ?? '*', ['imp', spec, '*']]);
      return;
    }
    if (decl) {
      const before = hoisted.length + ops.length;
      this.statement(decl, ops, hoisted);
      void before;
      if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
        for (const d of named(decl)) {
          const n = d.childForFieldName('name');
          if (n?.type === 'identifier') this.facts.exports.push([n.text, ['id', n.text]]);
        }
      } else {
        const name = decl.childForFieldName('name')?.text;
        if (name) this.facts.exports.push([isDefault ? 'default' : name, ['id', name]]);
        else if (isDefault) {
          // `export default function () {}` / `export default class {}`: the hoisted entry has a generated name.
          const last = hoisted[hoisted.length - 1];
          if (last && last[0] === 'let') this.facts.exports.push(['default', ['id', last[1]]]);
        }
      }
      return;
    }
    if (value) this.facts.exports.push(['default', this.expr(value, 'default')]);
  }

  private declarator(d: Node, ops: Op[]): void {
    const nameNode = d.childForFieldName('name');
    const value = d.childForFieldName('value');
    if (!nameNode) return;
    if (nameNode.type === 'identifier') {
      if (value && this.fn >= 0) this.bindings.set(nameNode.text, short(value.text));
      ops.push(['let', nameNode.text, value ? this.expr(value, nameNode.text) : ['null']]);
    } else if (nameNode.type === 'object_pattern' && value) {
      const pairs = this.objectPattern(nameNode);
      // `const { name } = req.user`: a later `if (!name)` tests the caller's name.
      if (this.fn >= 0) for (const [local, key] of pairs) this.bindings.set(local, short(`${value.text}.${key}`));
      ops.push(['pat', pairs, this.expr(value)]);
    } else if (nameNode.type === 'array_pattern' && value) {
      const pairs: [string, string][] = [];
      named(nameNode).forEach((k, i) => {
        if (k.type === 'identifier') pairs.push([k.text, String(i)]);
      });
      ops.push(['pat', pairs, this.expr(value)]);
    }
  }

  private objectPattern(p: Node): [string, string][] {
    const pairs: [string, string][] = [];
    for (const k of named(p)) {
      if (k.type === 'shorthand_property_identifier_pattern') pairs.push([k.text, k.text]);
      else if (k.type === 'pair_pattern') {
        const key = k.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
        const v = k.childForFieldName('value');
        const local = v?.type === 'assignment_pattern' ? v.childForFieldName('left')?.text : v?.text;
        if (key && local && /^[\w$]+$/.test(local)) pairs.push([local, key]);
      } else if (k.type === 'object_assignment_pattern') {
        const left = k.childForFieldName('left')?.text;
        if (left) pairs.push([left, left]);
      }
    }
    return pairs;
  }

  private expressionStatement(e: Node, ops: Op[]): void {
    if (e.type === 'assignment_expression' || e.type === 'augmented_assignment_expression') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      if (!left || !right) return;
      this.refusal(assignRefusal(left.text, right.text, line(e)));
      const hint = left.type === 'member_expression' ? left.childForFieldName('property')?.text : left.text;
      const value = this.expr(right, hint);
      if (left.type === 'identifier') ops.push(['set', ['id', left.text], value]);
      else if (left.type === 'member_expression' || left.type === 'subscript_expression') ops.push(['set', this.expr(left), value]);
      return;
    }
    if (e.type === 'sequence_expression') {
      for (const c of named(e)) this.expressionStatement(c, ops);
      return;
    }
    const x = this.expr(e);
    if (x[0] === 'c' || x[0] === 'new' || x[0] === 'or' || x[0] === 'alt') ops.push(['call', x]);
  }

  /** `if (options.optional && …)`: remember the option, so `auth({ optional: true })` reads as anonymous allowed. */
  private anonOption(cond: string): void {
    if (this.fn < 0) return;
    const m = ANON_OPTION.exec(cond);
    if (!m) return;
    const f = this.facts.fns[this.fn];
    if (!(f.anonOptions ??= []).includes(m[1])) f.anonOptions.push(m[1]);
  }

  /** `next()` under "no credentials here": the request goes on anonymous (see FnFact.passesWithout). */
  private passThrough(at: number): void {
    this.nexts.push({ cond: this.conds.at(-1) ?? '', line: at });
    const cond = this.conds.at(-1);
    if (!cond || !NO_CREDENTIALS.test(cond)) return;
    this.facts.fns[this.fn].passesWithout ??= cond;
  }

  /** `verified` in `if (verified)`, bound earlier to `await verifyAuthCodeForUser(req, res)`: that call, as text. */
  private boundText(cond: string): string {
    const names = cond.match(/[A-Za-z_$][\w$]*/g) ?? [];
    return names.map((n) => this.bindings.get(n)).filter((t): t is string => !!t).map((t) => `[${t}]`).join(' ');
  }

  private refusal(r: ReturnType<typeof callRefusal>): void {
    if (!r || this.fn < 0) return;
    const f = this.facts.fns[this.fn];
    // The whole chain of conditions (`catch && else of options.optional`): an option that turns
    // the refusal off (`auth({ optional: true })`) may sit in any of them. A tested name carries
    // what it was bound to, so `else of verified` still says what was verified.
    const cond = this.conds.map((c, i) => (this.bound[i] ? `${c} ${this.bound[i]}` : c)).join(' && ');
    // A 400 counts only when what is tested is the caller (their password, their session).
    if (r.how === '400' && !CALLER_CONDITION.test(cond)) return;
    if (cond) r.cond = clip(cond);
    (f.refusals ??= []).push(r);
  }

  /** A function literal or declaration: its parameters and the operations of its body. */
  private function(n: Node, name: string, owner?: string): number {
    const idx = this.facts.fns.length;
    const f: FnFact = { name, params: [], ops: [], start: line(n), end: n.endPosition.row + 1 };
    if (owner) f.owner = owner;
    if (this.fn >= 0) f.parent = this.fn;
    this.facts.fns.push(f);
    const params = n.childForFieldName('parameters') ?? n.childForFieldName('parameter');
    const list = params ? (params.type === 'identifier' ? [params] : named(params)) : [];
    const defaults: (Expr | null)[] = [];
    let anyDefault = false;
    const outer = this.fn;
    const outerConds = this.conds;
    const outerBound = this.bound;
    const outerBindings = this.bindings;
    const outerHost = this.host;
    const outerNexts = this.nexts;
    this.conds = [];
    this.bound = [];
    this.bindings = new Map();
    this.host = this.hosts.get(n.id);
    this.nexts = [];
    this.fn = idx;
    for (const p of list) {
      let pat: Node | null = p;
      let def: Node | null = null;
      if (p.type === 'required_parameter' || p.type === 'optional_parameter') {
        pat = p.childForFieldName('pattern');
        def = p.childForFieldName('value');
      } else if (p.type === 'assignment_pattern') {
        pat = p.childForFieldName('left');
        def = p.childForFieldName('right');
      }
      if (pat?.type === 'object_pattern') f.params.push('{' + this.objectPattern(pat).map(([l, k]) => (l === k ? l : `${k}:${l}`)).join(',') + '}');
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
      if (this.nexts.some((x) => !x.cond)) f.nextAlways = true;
      const gate = gatedNext(this.nexts);
      if (gate) (f.refusals ??= []).push(gate);
      if (!f.refusals?.length) {
        const reads = identityRead(withoutProse(body.text.slice(0, 4000)));
        if (reads) f.readsIdentity = reads;
      }
    }
    this.nexts = outerNexts;
    this.fn = outer;
    this.conds = outerConds;
    this.bound = outerBound;
    this.bindings = outerBindings;
    this.host = outerHost;
    return idx;
  }

  private klass(n: Node, name: string): number {
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
  private enumObject(body: Node | null): Expr {
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

  /** An expression as a tuple; `hint` names a function literal after where it is bound. */
  expr(n: Node, hint?: string): Expr {
    if (this.depth > MAX_DEPTH) return ['?', short(n.text)];
    this.depth++;
    try {
      return this.exprInner(n, hint);
    } finally {
      this.depth--;
    }
  }

  private exprInner(n: Node, hint?: string): Expr {
    // `void (async () => { … })()`: the call still runs (routers registered in it count).
    const voided = n.type === 'unary_expression' && n.childForFieldName('operator')?.text === 'void' ? n.childForFieldName('argument') : null;
    if (voided) return this.expr(voided, hint);
    switch (n.type) {
      case 'string':
        return ['s', n.text.slice(1, -1)];
      case 'template_string': {
        const parts: Expr[] = [];
        let lit = '';
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'template_substitution') {
            if (lit) parts.push(['s', lit]);
            lit = '';
            const inner = c.namedChildren[0];
            parts.push(inner ? this.expr(inner) : ['?', '']);
          } else lit += c.text;
        }
        // Text between substitutions is not always a named child: rebuild from offsets.
        return parts.length ? this.templateParts(n) : ['s', n.text.slice(1, -1)];
      }
      case 'number':
        return ['n', Number(n.text)];
      case 'true':
        return ['b', true];
      case 'false':
        return ['b', false];
      case 'null':
      case 'undefined':
        return ['null'];
      case 'identifier':
      case 'property_identifier':
      case 'shorthand_property_identifier':
        return n.text === 'undefined' ? ['null'] : ['id', n.text];
      case 'this':
        return ['this'];
      case 'super':
        return ['id', 'super'];
      case 'parenthesized_expression':
      case 'await_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression':
      case 'type_assertion': {
        const inner = n.namedChildren.find((c) => c && !c.type.includes('type') && c.type !== 'comment') ?? n.namedChildren[0];
        return inner ? this.expr(inner, hint) : ['?', short(n.text)];
      }
      case 'member_expression': {
        const obj = n.childForFieldName('object');
        const prop = n.childForFieldName('property');
        if (!obj || !prop) return ['?', short(n.text)];
        return ['m', this.expr(obj), prop.text];
      }
      case 'subscript_expression': {
        const obj = n.childForFieldName('object');
        const idx = n.childForFieldName('index');
        if (!obj || !idx) return ['?', short(n.text)];
        return ['ix', this.expr(obj), this.expr(idx)];
      }
      case 'call_expression':
        return this.call(n);
      case 'new_expression': {
        const callee = n.childForFieldName('constructor');
        const args = named(n.childForFieldName('arguments')).map((a) => this.arg(a));
        return ['new', callee ? this.expr(callee) : ['?', ''], args, [line(n), n.startIndex]];
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text ?? n.children.find((c) => c && !c.isNamed)?.text;
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (!l || !r) return ['?', short(n.text)];
        if (op === '+') {
          const a = this.expr(l);
          const b = this.expr(r);
          return ['cat', [...(a[0] === 'cat' ? a[1] : [a]), ...(b[0] === 'cat' ? b[1] : [b])]];
        }
        if (op === '||' || op === '??') return ['or', this.expr(l), this.expr(r)];
        if (op === '&&') return this.expr(r);
        return ['?', short(n.text)];
      }
      case 'ternary_expression': {
        const a = n.childForFieldName('consequence');
        const b = n.childForFieldName('alternative');
        return a && b ? ['alt', this.expr(a, hint), this.expr(b, hint)] : ['?', short(n.text)];
      }
      case 'object':
        return this.object(n, hint);
      case 'array':
        return ['a', named(n).map((c) => this.arg(c))];
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function':
        return ['f', this.function(n, n.childForFieldName('name')?.text ?? hint ?? `<anon@${line(n)}>`)];
      case 'class':
        return ['k', this.klass(n, n.childForFieldName('name')?.text ?? hint ?? `<class@${line(n)}>`)];
      case 'regex':
        return ['re', n.text];
      case 'assignment_expression': {
        const r = n.childForFieldName('right');
        return r ? this.expr(r, hint) : ['?', short(n.text)];
      }
      case 'sequence_expression': {
        const last = named(n).pop();
        return last ? this.expr(last, hint) : ['?', short(n.text)];
      }
      case 'spread_element': {
        const inner = n.namedChildren[0];
        return inner ? this.expr(inner) : ['?', short(n.text)];
      }
      default:
        // Functions nested in anything else still need their facts (callbacks in odd places).
        for (const f of n.descendantsOfType([...FUNCTION_TYPES])) {
          if (!f) continue;
          let p = f.parent;
          while (p && p !== n && !FUNCTION_TYPES.has(p.type)) p = p.parent;
          if (p === n) this.function(f, `<anon@${line(f)}>`);
        }
        return ['?', short(n.text)];
    }
  }

  private templateParts(n: Node): Expr {
    const parts: Expr[] = [];
    const src = n.text;
    const base = n.startIndex;
    let pos = 1; // after the backtick
    for (const c of n.namedChildren) {
      if (!c || c.type !== 'template_substitution') continue;
      const at = c.startIndex - base;
      if (at > pos) parts.push(['s', src.slice(pos, at)]);
      const inner = c.namedChildren[0];
      parts.push(inner ? this.expr(inner) : ['?', '']);
      pos = c.endIndex - base;
    }
    if (pos < src.length - 1) parts.push(['s', src.slice(pos, src.length - 1)]);
    return ['cat', parts];
  }

  private arg(a: Node): Expr {
    if (a.type === 'spread_element') {
      const inner = a.namedChildren[0];
      return ['m', inner ? this.expr(inner) : ['?', ''], '...'];
    }
    return this.expr(a);
  }

  private call(n: Node): Expr {
    const fn = n.childForFieldName('function');
    const argsNode = n.childForFieldName('arguments');
    const argNodes = argsNode?.type === 'template_string' ? [argsNode] : named(argsNode);
    const site: [number, number] = [line(n), n.startIndex];
    if (fn?.type === 'identifier' && fn.text === 'require' && argNodes.length === 1) {
      const spec = stringText(argNodes[0]);
      if (spec !== undefined) return ['imp', spec, '<require>'];
    }
    if (fn?.type === 'import') {
      const spec = argNodes[0] ? stringText(argNodes[0]) : undefined;
      return spec !== undefined ? ['imp', spec, '*'] : ['?', short(n.text)];
    }
    if (!fn) return ['?', short(n.text)];
    const callee = this.expr(fn);
    if (this.fn >= 0) this.noteCallbackHost(fn, argNodes);
    const args = argNodes.map((a) => this.arg(a));
    if (this.fn >= 0) {
      const argTexts = argNodes.map((a) => a.text.slice(0, 120));
      this.refusal(callRefusal(fn.text.slice(0, 80), argTexts, line(n)) ?? badRequestRefusal(fn.text.slice(0, 80), argTexts, line(n)));
    }
    if (this.fn >= 0 && argNodes.length === 0 && fn.type === 'identifier' && /^_?next$/.test(fn.text)) this.passThrough(line(n));
    if (this.fn >= 0 && argNodes.length === 1 && fn.type === 'identifier' && /^_?next$/.test(fn.text)) this.forwardedError(fn.text, argNodes[0], line(n));
    return ['c', callee, args, site];
  }

  /**
   * `store.mayWrite(pkg, req.user, (err, ok) => …)`: a call given the caller's identity and a
   * callback. What the callback does with its error is the answer of that check.
   */
  private noteCallbackHost(fn: Node, argNodes: Node[]): void {
    const callbacks = argNodes.filter((a) => FUNCTION_TYPES.has(a.type));
    // Only a check: `User.findById(req.user.id, (err, u) => { if (err) return next(err) })` is a
    // lookup whose failure is a server error, not a refusal.
    if (!callbacks.length || !CHECK_CALL.test(fn.text.slice(0, 80))) return;
    const identity = argNodes.some((a) => !FUNCTION_TYPES.has(a.type) && (CALLER_IDENTITY.test(a.text.slice(0, 200)) || (a.type === 'identifier' && CALLER_IDENTITY.test(this.bindings.get(a.text) ?? ''))));
    if (!identity) return;
    for (const c of callbacks) this.hosts.set(c.id, short(fn.text));
  }

  /**
   * `next(err)` in such a callback, with the callback's own error: Express ends the request with
   * that error (anything but 'route'/'router'), so the middleware whose `next` it is refuses the
   * request when the check fails. Recorded on that middleware, not on the callback.
   */
  private forwardedError(nextName: string, arg: Node, at: number): void {
    const own = this.facts.fns[this.fn];
    const error = own.params[0];
    if (!this.host || !error || own.params.includes(nextName)) return;
    // The error itself, or one built from it (`next(errors.of(err.status, err.message))`).
    const fromError = arg.type === 'identifier' ? arg.text === error : arg.type === 'call_expression' && named(arg.childForFieldName('arguments')).some((a) => new RegExp(`^${error.replace(/\$/g, '\\$')}\\b`).test(a.text));
    if (!fromError) return;
    let mw: number | undefined = own.parent;
    while (mw !== undefined && !this.facts.fns[mw].params.includes(nextName)) mw = this.facts.fns[mw].parent;
    if (mw === undefined) return;
    const cond = this.conds.join(' && ');
    const r: Refusal = { how: 'error to next', text: short(`${nextName}(${arg.text.slice(0, 40)}) when ${this.host}(…) fails`), line: at };
    if (cond) r.cond = clip(cond);
    (this.facts.fns[mw].refusals ??= []).push(r);
  }

  private object(n: Node, hint?: string): Expr {
    const props: [string | Expr, Expr][] = [];
    for (const p of named(n)) {
      if (p.type === 'pair') {
        const k = p.childForFieldName('key');
        const v = p.childForFieldName('value');
        if (!k || !v) continue;
        const key = k.type === 'computed_property_name' ? this.expr(named(k)[0] ?? k) : k.type === 'string' ? k.text.slice(1, -1) : k.text;
        props.push([key, this.expr(v, typeof key === 'string' ? (hint ? `${hint}.${key}` : key) : hint)]);
      } else if (p.type === 'shorthand_property_identifier') props.push([p.text, ['id', p.text]]);
      else if (p.type === 'method_definition') {
        const mname = p.childForFieldName('name')?.text ?? '<method>';
        // `get auth() { return require('./auth'); }`: a lazy export reads as what it returns.
        const got = getterValue(p);
        const fn: Expr = ['f', this.function(p, hint ? `${hint}.${mname}` : mname)];
        // A getter with more than a return (`get x() { cache = cache || new X(); return cache; }`)
        // runs when read: keyed `['kw', 'get', name]`, which no written key can produce.
        if (got) props.push([mname, this.expr(got, hint ? `${hint}.${mname}` : mname)]);
        else props.push(isGetter(p) ? [['kw', 'get', ['s', mname]], fn] : [mname, fn]);
      } else if (p.type === 'spread_element') {
        const inner = p.namedChildren[0];
        if (inner) props.push([['s', '...'], this.expr(inner)]);
      }
    }
    return ['o', props];
  }
}

function isGetter(m: Node): boolean {
  return m.children.some((c) => c?.type === 'get');
}

/** The returned expression of a getter whose body is only `return EXPR;` (and does not use `this`). */
function getterValue(m: Node): Node | undefined {
  if (!isGetter(m)) return undefined;
  const body = m.childForFieldName('body');
  const stmts = body ? named(body).filter((c) => c.type !== 'comment') : [];
  if (stmts.length !== 1 || stmts[0].type !== 'return_statement') return undefined;
  const value = named(stmts[0])[0];
  if (!value || value.descendantsOfType('this').length || value.type === 'this') return undefined;
  return value;
}

// Statements of a JS/TS file or function body → operations: declarations and destructuring
// (imports and exports: jsFactsModules.ts), assignments, returns and throws, loops, `if`/`else` (with the conditions
// a refusal sits under), `try`/`catch` (a swallowed error runs quiet). Separate from declarations
// (functions, classes, enums) and from expressions.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { Cond, Expr, Op } from './types';
import { condOf, underCond } from './whenConds';
import { leaves } from './conditions';
import { caughtCheckRefusal, swallows } from './jsNextAndCatch';
import { assignRefusal, badRequestThrow, callerMissingThrow, throwRefusal } from './refusal';
import { line, named, short } from './jsNodes';
import { JsFactsModules } from './jsFactsModules';
import { indexLoop } from './indexLoops';
import { switchArms } from './switchCases';
import { testsAbove, thrownKeys } from './keyedErrors';
import { signedBinding, SIGNED_LINK_FAILS, verifiedIn } from './signedRequests';

/** `(arguments.length === 1)`: an overload on the number of arguments. */
const ARGC = /^\(\s*arguments\.length\s*(===|==|!==|!=|<=|>=|<|>)\s*(\d+)\s*\)$/;

const PUBLIC_COMMENT = /\b(public|no auth|unauthenticated|anonymous|without (auth|login)|open endpoint|no login)\b/i;

/** What nested() reads of a loop's or a switch's children: statements, not the switch's value or a case's label. */
const NESTED_STATEMENT = (c: Node): boolean =>
  c.type === 'statement_block' || c.type.endsWith('_clause') || c.type.endsWith('_statement') || c.type === 'switch_body' || c.type === 'switch_case' || c.type === 'switch_default' || c.type === 'expression_statement' || c.type === 'lexical_declaration' || c.type === 'variable_declaration' || c.type === 'return_statement';

export abstract class JsFactsStatements extends JsFactsModules {
  program(root: Node): void {
    for (const c of root.namedChildren) if (c?.type === 'comment' && PUBLIC_COMMENT.test(c.text)) (this.facts.publicComments ??= []).push(line(c));
    this.collectComments(root);
    this.facts.top = this.block(named(root));
  }

  protected collectComments(root: Node): void {
    const out = (this.facts.publicComments ??= []);
    for (const c of root.descendantsOfType('comment')) if (c && PUBLIC_COMMENT.test(c.text) && !out.includes(line(c))) out.push(line(c));
    if (!out.length) delete this.facts.publicComments;
  }

  /** Statements → operations, with function declarations hoisted to the front (they are callable before they appear). */
  protected block(stmts: Node[]): Op[] {
    const hoisted: Op[] = [];
    const ops: Op[] = [];
    // After `if (C) return …;` (no else), the rest of the block runs only when C is false: what
    // it refuses sits under `else of C`, as if written in the else branch
    // (`if (user.name != null) return next(profile); res.status(401)` refuses when there is no name).
    let early = 0;
    // The operations after each early return: they run only when its test fails.
    const after: { from: number; id: number; cond: Cond }[] = [];
    for (const s of stmts) {
      this.statement(s, ops, hoisted);
      const cond = s.type === 'if_statement' && !s.childForFieldName('alternative') && leaves(s.childForFieldName('consequence')) ? s.childForFieldName('condition') : null;
      const c = cond ? condOf(cond, (n) => this.expr(n)) : undefined;
      if (cond && c) after.push({ from: ops.length, id: cond.startIndex, cond: c });
      if (cond && this.fn >= 0) {
        this.conds.push(`else of ${short(cond.text)}`);
        this.whens.push(c ? { offset: cond.startIndex, holds: false, cond: c } : null);
        this.bound.push(this.boundText(cond.text));
        early++;
      }
    }
    for (const a of after) underCond(ops.slice(a.from), a.id, false, a.cond);
    if (early) {
      this.conds.splice(this.conds.length - early, early);
      this.whens.splice(this.whens.length - early, early);
      this.bound.splice(this.bound.length - early, early);
    }
    return [...hoisted, ...ops];
  }

  protected statement(s: Node, ops: Op[], hoisted: Op[]): void {
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
          // Or any throw under a test of a webhook event verified with its secret (signedBinding), or a made error
          // thrown when the caller is missing (callerMissingThrow).
          this.refusal(throwRefusal(v.text.slice(0, 200), line(s)) ?? badRequestThrow(v.text.slice(0, 200), line(s)) ?? (this.condChain().includes('[signature verified by') ? { how: 'throw', text: short(`throw ${v.text}`), line: line(s) } : undefined) ?? callerMissingThrow(v.text.slice(0, 200), this.condChain(), line(s)));
          const { message, cls } = thrownKeys(v);
          const key = message ?? cls;
          if (key !== undefined) this.keyedThrow(key, message !== undefined ? cls : undefined, `throw ${v.text.slice(0, 120)}`, line(s), testsAbove(s));
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
        const cons = s.childForFieldName('consequence');
        const alt = s.childForFieldName('alternative');
        const argc = ARGC.exec(cond?.text ?? '');
        if (argc) {
          const cmp = (argc[1] === '==' ? '===' : argc[1] === '!=' ? '!==' : argc[1]) as '===' | '!==' | '<' | '<=' | '>' | '>=';
          ops.push(['argc', cmp, Number(argc[2]), cons ? this.block(cons.type === 'statement_block' ? named(cons) : [cons]) : [], alt ? this.block(named(alt)) : []]);
          return;
        }
        if (cond) this.conditionCalls(cond, ops);
        const text = short(cond?.text ?? '');
        this.anonOption(cond?.text ?? '');
        this.conds.push(text);
        this.bound.push(this.boundText(cond?.text ?? ''));
        const c = condOf(cond, (n) => this.expr(n));
        this.whens.push(c && cond ? { offset: cond.startIndex, holds: true, cond: c } : null);
        // `if (!request.hasValidSignature()) return response.redirect('/')`: a signed link's
        // signature checked, the request ended without doing anything when it fails.
        if (cons && cond && SIGNED_LINK_FAILS.test(cond.text.replace(/\s+/g, '')) && leaves(cons)) this.refusal({ how: 'signature', text: short(`if ${cond.text} return`), line: line(cond) });
        if (cons) {
          const arm = this.block(cons.type === 'statement_block' ? named(cons) : [cons]);
          if (c && cond) underCond(arm, cond.startIndex, true, c);
          ops.push(...arm);
        }
        this.conds[this.conds.length - 1] = `else of ${text}`;
        this.whens[this.whens.length - 1] = c && cond ? { offset: cond.startIndex, holds: false, cond: c } : null;
        if (alt) {
          const arm = this.block(named(alt));
          if (c && cond) underCond(arm, cond.startIndex, false, c);
          ops.push(...arm);
        }
        this.conds.pop();
        this.bound.pop();
        this.whens.pop();
        return;
      }
      case 'statement_block':
      case 'else_clause':
      case 'finally_clause':
        ops.push(...this.block(named(s)));
        return;
      case 'catch_clause':
        this.conds.push('catch');
        this.bound.push(verifiedIn(s.parent?.childForFieldName('body')));
        this.whens.push(null);
        for (const c of named(s)) if (c.type === 'statement_block') this.statement(c, ops, hoisted);
        this.refusal(caughtCheckRefusal(s));
        this.errorHandoffs(s);
        this.conds.pop();
        this.bound.pop();
        this.whens.pop();
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
      case 'for_statement': {
        const loop = indexLoop(s);
        if (!loop) return this.nested(s, ops, hoisted);
        const init = s.childForFieldName('initializer');
        if (init) this.statement(init, ops, hoisted);
        const body = s.childForFieldName('body');
        ops.push(['for', loop.index, ['c', ['m', this.expr(loop.array), 'keys'], [], [line(s), s.startIndex]], body ? this.block(body.type === 'statement_block' ? named(body) : [body]) : []]);
        return;
      }
      case 'switch_statement': {
        const arms = switchArms(s, (n) => this.expr(n));
        if (!arms) return this.nested(s, ops, hoisted);
        for (const arm of arms) {
          // Each statement as nested() reads it (the arms' own reading unchanged), now under the arm's test.
          const armOps: Op[] = [];
          for (const st of arm.statements) if (NESTED_STATEMENT(st)) this.statement(st, armOps, hoisted);
          underCond(armOps, arm.offset, true, arm.cond);
          ops.push(...armOps);
        }
        return;
      }
      case 'while_statement':
      case 'do_statement':
      case 'labeled_statement':
      case 'switch_body':
      case 'switch_case':
      case 'switch_default':
        return this.nested(s, ops, hoisted);
      default:
        return;
    }
  }

  /** A loop's or a switch's statements, flattened: each runs once, under the tests above it. */
  private nested(s: Node, ops: Op[], hoisted: Op[]): void {
    for (const c of named(s)) {
      if (NESTED_STATEMENT(c)) this.statement(c, ops, hoisted);
    }
  }

  /**
   * `catch (err) { return handler(err, res); }`: the functions a caught error is handed to (FnFact.errorHandoffs),
   * where a mapping of its message to a status may answer for the route (interp/keyedRefusal.ts).
   */
  protected errorHandoffs(clause: Node): void {
    const param = clause.childForFieldName('parameter');
    const body = named(clause).find((c) => c.type === 'statement_block');
    if (this.fn < 0 || param?.type !== 'identifier' || !body) return;
    for (const c of body.descendantsOfType('call_expression')) {
      const fn = c?.childForFieldName('function');
      if (!c || !fn || !named(c.childForFieldName('arguments')).some((a) => a.type === 'identifier' && a.text === param.text)) continue;
      ((this.facts.fns[this.fn].errorHandoffs ??= [])).push(this.expr(fn));
    }
  }

  /** Calls in an `if` condition (`if (!(await checkAuth(req)))`) run too. */
  protected conditionCalls(cond: Node, ops: Op[]): void {
    for (const c of cond.descendantsOfType('call_expression')) if (c && c.parent?.type !== 'call_expression') ops.push(['call', this.expr(c)]);
  }

  protected declarator(d: Node, ops: Op[]): void {
    const nameNode = d.childForFieldName('name');
    const value = d.childForFieldName('value');
    if (!nameNode) return;
    if (nameNode.type === 'identifier') {
      // `const router = module.exports = Router()`: the name and every target of the chain are one value.
      const { targets, value: inner } = value ? assignChain(value) : { targets: [], value: null };
      if (inner && this.fn >= 0) {
        const signed = signedBinding(inner);
        this.bindings.set(nameNode.text, signed ? `${short(inner.text)} ${signed}` : short(inner.text));
      }
      ops.push(['let', nameNode.text, inner ? this.expr(inner, nameNode.text) : ['null']]);
      if (inner) for (const t of targets) this.assignTo(t, ['id', nameNode.text], inner, ops);
    } else if (nameNode.type === 'object_pattern' && value) {
      const pairs = this.objectPattern(nameNode);
      // `const { name } = req.user`: a later `if (!name)` tests the caller's name.
      if (this.fn >= 0) for (const [local, key] of pairs) this.bindings.set(local, short(`${value.text}.${key}`));
      ops.push(['pat', pairs, this.expr(value)]);
    } else if (nameNode.type === 'array_pattern' && value) {
      const pairs: [string, string][] = [];
      named(nameNode).forEach((k, i) => {
        if (k.type === 'identifier') pairs.push([k.text, String(i)]);
        // `const [router, { guards: { requireUser } }] = args`: the element's names by their path.
        else if (k.type === 'object_pattern') pairs.push(...this.objectPattern(k, `${i}.`, 1));
      });
      ops.push(['pat', pairs, this.expr(value)]);
    }
  }

  /**
   * `[local, key]` pairs of an object pattern. A nested pattern (`{ queries: { users: { findUserById } } }`,
   * how a route module takes what it calls out of its context) gives its names with the path of keys
   * that leads to them, joined by dots (`queries.users.findUserById`).
   */
  protected objectPattern(p: Node, prefix = '', depth = 0): [string, string][] {
    const pairs: [string, string][] = [];
    for (const k of named(p)) {
      if (k.type === 'shorthand_property_identifier_pattern') pairs.push([k.text, prefix + k.text]);
      else if (k.type === 'pair_pattern') {
        const key = k.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
        const v = k.childForFieldName('value');
        const inner = v?.type === 'assignment_pattern' ? v.childForFieldName('left') : v;
        if (key && inner?.type === 'object_pattern' && depth < 4 && /^[\w$]+$/.test(key)) pairs.push(...this.objectPattern(inner, `${prefix}${key}.`, depth + 1));
        else if (key && inner && /^[\w$]+$/.test(inner.text)) pairs.push([inner.text, prefix + key]);
      } else if (k.type === 'object_assignment_pattern') {
        const left = k.childForFieldName('left')?.text;
        if (left) pairs.push([left, prefix + left]);
      }
    }
    return pairs;
  }

  protected expressionStatement(e: Node, ops: Op[]): void {
    if (e.type === 'augmented_assignment_expression') {
      const left = e.childForFieldName('left');
      const right = e.childForFieldName('right');
      if (left && right) this.assignTo(left, this.expr(right, hintOf(left)), right, ops);
      return;
    }
    if (e.type === 'assignment_expression') {
      // `a = b = expr` (`exports.x = x = expr`): the innermost target takes the value, each one
      // to its left reads it back from there, so every target holds the same value.
      const { targets, value: right } = assignChain(e);
      const last = targets.at(-1);
      if (!last || !right) return;
      this.assignTo(last, this.expr(right, hintOf(last)), right, ops);
      for (let i = targets.length - 2; i >= 0; i--) this.assignTo(targets[i]!, this.expr(targets[i + 1]!), right, ops);
      return;
    }
    if (e.type === 'sequence_expression') {
      for (const c of named(e)) this.expressionStatement(c, ops);
      return;
    }
    const x = this.expr(e);
    // A bare `require('./plugin.js');` runs that module here, before the statements after it (which may read what it set up).
    if (x[0] === 'c' || x[0] === 'new' || x[0] === 'or' || x[0] === 'alt' || (x[0] === 'imp' && x[2] === '<require>')) ops.push(['call', x]);
  }

  /** `left = value`, where `right` is the value as written (for a refusal: `res.statusCode = 403`). */
  protected assignTo(left: Node, value: Expr, right: Node, ops: Op[]): void {
    this.refusal(assignRefusal(left.text, right.text, line(left)));
    if (left.type === 'identifier') ops.push(['set', ['id', left.text], value]);
    else if (left.type === 'member_expression' || left.type === 'subscript_expression') ops.push(['set', this.expr(left), value]);
  }

  protected abstract function(n: Node, name: string, owner?: string): number;
  protected abstract klass(n: Node, name: string): number;
  protected abstract enumObject(body: Node | null): Expr;
}

/** The name a function literal assigned to `left` is known by: `exports.handler = function () {}` → `handler`. */
function hintOf(left: Node): string | undefined {
  return left.type === 'member_expression' ? left.childForFieldName('property')?.text : left.text;
}

/** `a = b = expr`: the targets `[a, b]`, outermost first, and `expr`; a node that is no assignment is its own value. */
function assignChain(n: Node): { targets: Node[]; value: Node | null } {
  const targets: Node[] = [];
  let cur: Node | null = n;
  while (cur?.type === 'assignment_expression') {
    const left = cur.childForFieldName('left');
    if (left) targets.push(left);
    cur = cur.childForFieldName('right');
  }
  return { targets, value: cur };
}

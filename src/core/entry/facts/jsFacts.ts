// Entry facts of a JavaScript or TypeScript file: its imports and exports, module-level
// operations, and every function with the operations of its body, as the language-neutral
// summary of facts/types.ts. No framework knowledge here: the interpreter and the framework
// modules give calls their meaning.
//
// The extractor is built in layers, one concept per file: jsFactsBase.ts (state and guard facts)
// → jsFactsStatements.ts → jsFactsDeclarations.ts → this file (expressions and calls).
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { EntryFacts, Expr, Refusal } from './types';
import { emptyEntryFacts } from './types';
import { badRequestRefusal, callRefusal, errorAnswerRefusal, SESSION_USER_CONDITION } from './refusal';
import { socketCloseRefusal } from './socketRefusal';
import { line, literalExpr, named, short, stringText } from './jsNodes';
import { JsFactsDeclarations } from './jsFactsDeclarations';
import { condOf } from './whenConds';
import { uncaughtSignature } from './signedRequests';

export { ANON_OPTION } from './jsFactsBase';

/** Deepest expression nesting followed (minified or generated code can nest far deeper). */
const MAX_DEPTH = 60;

/** Read from the plain copy of the tree (parse/liteTree.ts): the walk visits nearly every node. */
export function extractJsFacts(root: Node): EntryFacts {
  const facts = emptyEntryFacts();
  const x = new JsExtractor(facts);
  x.program(root);
  return facts;
}

class JsExtractor extends JsFactsDeclarations {
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

  protected exprInner(n: Node, hint?: string): Expr {
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
      case 'true':
      case 'false':
      case 'null':
      case 'undefined':
        return literalExpr(n)!;
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
        // `args[args.length - 2]`, counted from the end: written as Python writes it, `args[-2]`.
        const fromEnd = /^([\w$.]+)\.length\s*-\s*(\d+)$/.exec(idx.text);
        if (fromEnd && fromEnd[1] === obj.text && Number(fromEnd[2]) > 0) return ['ix', this.expr(obj), ['n', -Number(fromEnd[2])]];
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
        if (op === '||' || op === '??') return ['or', this.expr(l), this.expr(r, hint)];
        if (op === '&&') return this.expr(r);
        // A comparison of plain reads and literals keeps its test: the value the interpreter may
        // decide (`(p) => p !== NONE`, a filter's callback, run on known items).
        if (op === '===' || op === '!==' || op === '==' || op === '!=') {
          const test = condOf(n, (x) => this.expr(x));
          if (test && test[0] === 'eq') return ['?', short(n.text), test];
        }
        return ['?', short(n.text)];
      }
      case 'ternary_expression': {
        const a = n.childForFieldName('consequence');
        const b = n.childForFieldName('alternative');
        if (!a || !b) return ['?', short(n.text)];
        const test = condOf(n.childForFieldName('condition'), (x) => this.expr(x));
        return test ? ['alt', this.expr(a, hint), this.expr(b, hint), test] : ['alt', this.expr(a, hint), this.expr(b, hint)];
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
        // Functions nested in anything else get no facts. (A loop here once meant to read them,
        // but it compared web-tree-sitter Node objects by identity, which never holds — each
        // `parent` is a new object — so it never did; reading them would change answers.)
        return ['?', short(n.text)];
    }
  }

  protected templateParts(n: Node): Expr {
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

  protected arg(a: Node): Expr {
    if (a.type === 'spread_element') {
      const inner = a.namedChildren[0];
      return ['m', inner ? this.expr(inner) : ['?', ''], '...'];
    }
    return this.expr(a);
  }

  protected call(n: Node): Expr {
    const fn = n.childForFieldName('function');
    const argsNode = n.childForFieldName('arguments');
    const argNodes = argsNode?.type === 'template_string' ? [argsNode] : named(argsNode);
    // A registration down a chain written over lines (`exports.api = apiRouter\n  .get('/u', …)\n  .post('/x', …)`)
    // is at its method's line, where a reader sees it, not the chain's first: the offset stays the call's own.
    // Only a call whose first argument is a string (a path): a builder chain of one thing (a tRPC procedure's
    // `.input(…)\n.mutation(…)`) stays where it starts.
    const first = argNodes[0];
    const pathFirst = !!first && (first.type === 'string' || first.type === 'template_string');
    const prop = fn?.type === 'member_expression' && pathFirst ? fn.childForFieldName('property') : null;
    const site: [number, number] = [prop ? line(prop) : line(n), n.startIndex];
    if (fn?.type === 'identifier' && fn.text === 'require' && argNodes.length === 1) {
      const spec = stringText(argNodes[0]);
      if (spec !== undefined) return ['imp', spec, '<require>'];
    }
    if (fn?.type === 'import') {
      const spec = argNodes[0] ? stringText(argNodes[0]) : undefined;
      if (spec !== undefined) return ['imp', spec, '*'];
      // A computed path (`import(pathToFileURL(file).href)` over a glob's files): a call of
      // `import`, which the interpreter loads like a computed `require` when it is a repository path.
      return argNodes.length === 1 ? ['c', ['id', 'import'], [this.arg(argNodes[0])], site] : ['?', short(n.text)];
    }
    if (!fn) return ['?', short(n.text)];
    const callee = this.expr(fn);
    if (this.fn >= 0) this.noteCallbackHost(fn, argNodes);
    const args = argNodes.map((a) => this.arg(a));
    if (this.fn >= 0) {
      const argTexts = argNodes.map((a) => a.text.slice(0, 120));
      const refused = callRefusal(fn.text.slice(0, 80), argTexts, line(n)) ?? badRequestRefusal(fn.text.slice(0, 80), argTexts, line(n)) ?? this.errorStatus(fn.text.slice(0, 80), argTexts, line(n)) ?? socketCloseRefusal(fn.text.slice(0, 80), this.facts.fns[this.fn]!.params[0], argTexts, line(n)) ?? errorAnswerRefusal(fn.text.slice(0, 80), argTexts, line(n));
      this.refusal(refused);
      if (!refused) this.refusalWords(fn.text.slice(0, 80), argTexts, line(n));
      this.responseHandoff(fn, callee, argNodes, line(n), n.startIndex);
      const signed = uncaughtSignature(n, fn.text, argNodes);
      if (signed) this.signedThrow(signed, short(n.text), line(n));
    }
    if (this.fn >= 0 && argNodes.length === 0 && fn.type === 'identifier' && /^_?next$/.test(fn.text)) this.passThrough(line(n), fn.text);
    if (this.fn >= 0 && argNodes.length === 1 && fn.type === 'identifier' && /^_?next$/.test(fn.text)) {
      this.forwardedError(fn.text, argNodes[0], line(n));
      // `if (!req.user) next(new interoperableErrors.NotLoggedInError())`: an error made and handed to Express's `next`
      // when the caller's user is missing skips every later handler, whatever the error is named.
      if (!this.facts.fns[this.fn]!.refusals?.some((r) => r.line === line(n)) && /^new\s/.test(argNodes[0]!.text) && SESSION_USER_CONDITION.test(this.condChain())) this.refusal({ how: 'error to next', text: short(n.text), line: line(n) });
    }
    return ['c', callee, args, site];
  }

  /** A webhook's signature verified by a call whose throw nothing catches: a refusal under that verification. */
  private signedThrow(verified: string, text: string, at: number): void {
    this.conds.push('throws');
    this.bound.push(verified);
    this.whens.push(null);
    this.refusal({ how: 'throw', text: `${text} throws`, line: at });
    this.conds.pop();
    this.bound.pop();
    this.whens.pop();
  }

  /**
   * `res.status(error.statusCode)` where `error` was bound to `new UnauthorizedError(…)` in this
   * function: the status of an authentication or permission error, sent.
   */
  private errorStatus(callee: string, args: readonly string[], at: number): Refusal | undefined {
    if (!/(^|\.)(status|sendStatus|writeHead)$/.test(callee) || !this.bindings.size) return undefined;
    const m = /^([\w$]+)\.(statusCode|status|httpStatus|code)$/.exec(args[0]?.trim() ?? '');
    const bound = m ? this.bindings.get(m[1]!) : undefined;
    if (!bound || !/^new\s/.test(bound)) return undefined;
    const r = callRefusal('throw', [bound], at);
    if (!r) return undefined;
    return { how: /forbidden|permission|denied|notallowed/i.test(bound.split('(')[0]!) ? '403' : '401', text: `${callee}(${args[0]!.trim()})`, line: at };
  }

  protected object(n: Node, hint?: string): Expr {
    const props: [string | Expr, Expr][] = [];
    const keySites: [string, number, number][] = [];
    for (const p of named(n)) {
      if (p.type === 'pair') {
        const k = p.childForFieldName('key');
        const v = p.childForFieldName('value');
        if (!k || !v) continue;
        const key = k.type === 'computed_property_name' ? this.expr(named(k)[0] ?? k) : k.type === 'string' ? k.text.slice(1, -1) : k.text;
        if (typeof key === 'string' && ROUTE_KEY.test(key)) keySites.push([key, line(k), k.startIndex]);
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
    // A route written as data (`{ method: 'GET', path: '/x', handler }`, hapi's `server.route`, a
    // route table): where it is written is where a reader finds the route, not the call that gets it.
    if (props.some(([k]) => k === 'method') && props.some(([k]) => k === 'path' || k === 'url')) return ['o', props, [line(n), n.startIndex]];
    // A route table keyed by route (`'GET /api/users': 'users/index'`, Sails's config/routes.js):
    // each route is written at its key.
    if (keySites.length) return ['o', props, [line(n), n.startIndex], keySites];
    return ['o', props];
  }
}

/** A key that is a route: `'GET /x'`, `'post /x'`, `'/x'`, a Sails regex route `'GET r|^/x$|id'`. */
const ROUTE_KEY = /^(?:(?:get|post|put|patch|delete|head|options|all)\s+)?(?:\/|r\|)/i;

function isGetter(m: Node): boolean {
  return m.children.some((c) => c?.type === 'get');
}

/** The returned expression of a getter whose body is only `return EXPR;` (not a bare variable, and not using `this`). */
function getterValue(m: Node): Node | undefined {
  if (!isGetter(m)) return undefined;
  const body = m.childForFieldName('body');
  const stmts = body ? named(body).filter((c) => c.type !== 'comment') : [];
  if (stmts.length !== 1 || stmts[0].type !== 'return_statement') return undefined;
  const value = named(stmts[0])[0];
  if (!value || value.descendantsOfType('this').length || value.type === 'this') return undefined;
  // `get api() { return membersApi; }`: a variable, which an `init()` may assign later. Read when
  // the property is read, not once when the object is made.
  if (value.type === 'identifier') return undefined;
  return value;
}

// Next.js pages/api: a file default-exports one handler that every method reaches, and the methods
// it serves are the branches it takes on `req.method` — the pages router has no other way to say
// them (the app router exports GET/POST…). `if (req.method === 'GET') {…} else if (req.method ===
// 'PUT') {…}`, `switch (req.method) { case 'POST': … }` (also through `const method = req.method` /
// `const { method } = req`) and `if (req.method !== 'POST') return res.status(405)…` each name the
// methods with a branch; the route of each is that branch, at the line of its test. A handler that
// never tests the method at its top level serves every method: no branches, one ANY route.
import type { Node } from 'web-tree-sitter';
import type { LineRange } from '../../model/types';
import { kids, rangeOf } from '../treeUtil';

export interface MethodBranch {
  method: string;
  /** The test or `case` naming the method: the route's line. */
  at: Node;
  /**
   * The statements only this method runs (the `if` arm, the `case` body); empty for a
   * `!==` guard, after which the whole rest of the handler is the one method's.
   */
  stmts: Node[];
  /** The lines only this method runs (its flow); undefined when that is the whole handler. */
  range?: LineRange;
}

/** Tests of the request method: `req.method === 'GET'`, `'POST' == method`, either side. */
const EQ = /^\(?\s*(?:([\w$.?]+)\s*(===|==|!==|!=)\s*['"`]([A-Za-z]+)['"`]|['"`]([A-Za-z]+)['"`]\s*(===|==|!==|!=)\s*([\w$.?]+))\s*\)?$/;

/** The statements of the handler's body, with a top-level `try { … }` opened (a catch-all around the dispatch). */
function topStatements(fn: Node): Node[] {
  const body = fn.childForFieldName('body');
  if (body?.type !== 'statement_block') return [];
  return kids(body).flatMap((s) => (s.type === 'try_statement' ? kids(s.childForFieldName('body')) : [s])).filter((s) => s.type !== 'comment');
}

/** Names that hold the request's method: `req.method`, and `method` of `const method = req.method` / `const { method } = req`. */
function methodNames(fn: Node, stmts: Node[]): Set<string> {
  const first = kids(fn.childForFieldName('parameters'))[0];
  const req = (first?.childForFieldName('pattern') ?? first)?.text;
  const out = new Set<string>();
  if (!req || !/^[\w$]+$/.test(req)) return out;
  out.add(`${req}.method`);
  out.add(`${req}?.method`);
  for (const s of stmts) {
    if (s.type !== 'lexical_declaration' && s.type !== 'variable_declaration') continue;
    for (const d of kids(s).filter((k) => k.type === 'variable_declarator')) {
      const name = d.childForFieldName('name');
      const value = d.childForFieldName('value')?.text;
      if (name?.type === 'identifier' && value !== undefined && out.has(value)) out.add(name.text);
      if (name?.type === 'object_pattern' && value === req && kids(name).some((p) => p.type === 'shorthand_property_identifier_pattern' && p.text === 'method')) out.add('method');
    }
  }
  return out;
}

/** `A === 'X'` (or several joined by `||`) → the methods and whether the test is `!==`; undefined when it tests anything else. */
function methodTest(cond: Node | null | undefined, names: Set<string>): { methods: string[]; negated: boolean } | undefined {
  let text = cond?.text ?? '';
  while (/^\(([\s\S]*)\)$/.test(text)) text = text.slice(1, -1).trim();
  const parts = text.split(/\s*(\|\||&&)\s*/);
  const joins = parts.filter((_, i) => i % 2 === 1);
  const tests = parts.filter((_, i) => i % 2 === 0).map((p) => EQ.exec(p.trim()));
  if (tests.some((m) => !m || !names.has(m[1] ?? m[6]))) return undefined;
  const ops = tests.map((m) => m![2] ?? m![5]);
  const negated = ops.every((o) => o.startsWith('!'));
  // `a === 'X' || a === 'Y'` and `a !== 'X' && a !== 'Y'` name methods; mixed forms are no dispatch.
  if (!negated && (ops.some((o) => o.startsWith('!')) || joins.some((j) => j !== '||'))) return undefined;
  if (negated && joins.some((j) => j !== '&&')) return undefined;
  return { methods: tests.map((m) => (m![3] ?? m![4]).toUpperCase()), negated };
}

/** Whether a statement always leaves: `return …`, `throw …`, or a block ending in one. */
function leaves(stmt: Node | null | undefined): boolean {
  if (!stmt) return false;
  if (stmt.type === 'return_statement' || stmt.type === 'throw_statement') return true;
  if (stmt.type === 'statement_block') return leaves(kids(stmt).filter((s) => s.type !== 'comment').at(-1));
  return false;
}

function armStatements(arm: Node | null | undefined): Node[] {
  if (!arm) return [];
  return arm.type === 'statement_block' ? kids(arm).filter((s) => s.type !== 'comment') : [arm];
}

/** The statements of a `case X:` (its value left out; nodes are compared by place, not identity). */
function caseBody(c: Node): Node[] {
  const value = c.childForFieldName('value');
  return kids(c).filter((k) => k.type !== 'comment' && k.startIndex !== value?.startIndex);
}

/** An answer to a method the handler does not serve: `res.status(405)…`, "Method not allowed". */
const NOT_ALLOWED = /\b405\b|not allowed/i;

/**
 * The method branches of a pages/api handler's top level, in order; [] when it never tests the method
 * there. When the other methods still reach code that answers them (a final `else`, a `default:`, or
 * statements after the last branch, none of it a 405), they are one more branch, `ANY`, at the handler.
 */
export function methodBranches(fn: Node): MethodBranch[] {
  const stmts = topStatements(fn);
  const names = methodNames(fn, stmts);
  if (!names.size) return [];
  const out: MethodBranch[] = [];
  const add = (method: string, at: Node, body: Node[], range?: LineRange) => {
    if (!out.some((b) => b.method === method)) out.push({ method, at, stmts: body, ...(range ? { range } : {}) });
  };
  // What the methods no branch names run: a final else, a default case, the statements after the last branch.
  let others: Node[] = [];
  let lastBranch = -1;
  let guarded = false;
  stmts.forEach((s, k) => {
    if (guarded) return;
    const before = out.length;
    if (s.type === 'if_statement') {
      // An `if / else if` chain: each arm that tests the method is that method's branch.
      let tested = false;
      for (let cur: Node | null | undefined = s; cur; ) {
        if (cur.type !== 'if_statement') {
          if (tested) others = armStatements(cur);
          break;
        }
        const t = methodTest(cur.childForFieldName('condition'), names);
        if (t?.negated && cur === s && leaves(cur.childForFieldName('consequence'))) {
          // `if (req.method !== 'POST') return 405`: what follows is the one method's (or the few named).
          for (const m of t.methods) add(m, s, []);
          lastBranch = stmts.length;
          guarded = true;
          return;
        }
        const arm = cur.childForFieldName('consequence');
        if (t && !t.negated && arm) {
          tested = true;
          for (const m of t.methods) add(m, cur, armStatements(arm), rangeOf(arm));
        }
        const alt: Node | null | undefined = cur.childForFieldName('alternative');
        cur = alt?.type === 'else_clause' ? kids(alt)[0] : alt;
      }
    } else if (s.type === 'switch_statement') {
      const value = s.childForFieldName('value')?.text.replace(/^\(\s*|\s*\)$/g, '');
      if (!value || !names.has(value)) return;
      const cases = kids(s.childForFieldName('body')).filter((c) => c.type === 'switch_case' || c.type === 'switch_default');
      cases.forEach((c, i) => {
        if (c.type === 'switch_default') {
          others = caseBody(c);
          return;
        }
        const v = /^['"`]([A-Za-z]+)['"`]$/.exec(c.childForFieldName('value')?.text ?? '');
        if (!v) return;
        // `case 'GET': case 'HEAD': …`: an empty case falls through to the next one's body.
        let j = i;
        while (j < cases.length - 1 && !caseBody(cases[j]).length) j++;
        const body = caseBody(cases[j]);
        add(v[1].toUpperCase(), c, body, body.length ? { start: rangeOf(c).start, end: rangeOf(body[body.length - 1]).end } : undefined);
      });
    }
    if (out.length > before) lastBranch = k;
  });
  if (out.length && lastBranch < stmts.length) {
    const rest = [...others, ...stmts.slice(lastBranch + 1)];
    const answers = rest.some((r) => !['break_statement', 'empty_statement'].includes(r.type) && !/^return\s*(null|undefined)?\s*;?$/.test(r.text));
    if (answers && !rest.some((r) => NOT_ALLOWED.test(r.text))) out.push({ method: 'ANY', at: fn, stmts: rest });
  }
  return out;
}

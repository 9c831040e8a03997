// A handler that reads a member of the identity field without testing it, where every caller
// reaching the handler's body reaches the read: mindoc's `bookRole, _ := models.NewRelationship()
// .FindForRoleId(doc.BookId, c.Member.MemberId)`, with `c.Member` set by `BaseController.Prepare`
// only for a caller it found. An anonymous caller has a nil `Member` there, and reading a field
// through a nil pointer panics in Go, whatever the field: the request ends (the framework recovers
// with a 500) before anything is served past it. Unconditional means: in a statement of the body's
// own, or under a test of the request's method only (`if c.Ctx.Input.IsPost() {…}`: the route's
// own method), or in the `else` of a test of a method of the field itself that answers false for
// a nil receiver (`if c.Member.IsAdministrator() {…} else {…c.Member.MemberId…}` with
// `func (m *Member) IsAdministrator() bool { if m == nil || … { return false } … }`). A method
// call on the field may be nil-safe, and any other branch may not be reached: those stay a doubt
// (identityFields.ts).
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';
import { statements } from './goStatements';
import { orLeaves } from './missingCredential';
import type { Callee, GoFunc } from './types';

/** A test of the request's method only: `c.Ctx.Input.IsPost()`, `r.Method == "POST"`, `r.Method == http.MethodPost`. */
const METHOD_TEST = /^(?:[\w.]+\.Is(?:Get|Post|Put|Patch|Delete)\(\)|[\w.]+\.Method\s*==\s*(?:"[A-Z]+"|http\.Method\w+))$/;

export interface DerefPlace {
  /** Reached by every caller the body runs for. */
  always?: true;
  /** In the `else` of `if <field>.M()`: the method, whose answer for a nil receiver decides. */
  elseOf?: Callee;
}

/** `c.Member.MemberId`, not called: where it stands in the body, if it is unconditional or decided by a method of the field. */
export function derefPlace(sel: Node, body: Node, callee: (n: Node) => Callee | undefined): DerefPlace | undefined {
  const parent = sel.parent;
  if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.startIndex === sel.startIndex) return undefined;
  const field = sel.childForFieldName('operand')?.text;
  let elseOf: Callee | undefined;
  let inside: Node = sel;
  for (let p = sel.parent; p && p.startIndex !== body.startIndex; inside = p, p = p.parent) {
    if (p.type === 'func_literal' || /^(for_statement|expression_switch_statement|type_switch_statement|select_statement)$/.test(p.type)) return undefined;
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    if (inside.startIndex === cond?.startIndex || inside.startIndex === p.childForFieldName('initializer')?.startIndex) continue;
    const text = cond?.text.trim() ?? '';
    if (inside.startIndex === p.childForFieldName('consequence')?.startIndex && METHOD_TEST.test(text)) continue;
    // The `else` of a call of a method of the same field, not negated, given nothing.
    const f = cond?.type === 'call_expression' ? cond.childForFieldName('function') : undefined;
    if (!elseOf && inside.startIndex === p.childForFieldName('alternative')?.startIndex && f?.type === 'selector_expression' && f.childForFieldName('operand')?.text === field && kids(cond!.childForFieldName('arguments')).length === 0) {
      elseOf = callee(f);
      if (elseOf) continue;
    }
    return undefined;
  }
  return elseOf ? { elseOf } : { always: true };
}

/** `func (m *Member) IsX() bool { if m == nil || … { return false } … }`: a method answering false for a nil receiver. */
export function nilFalse(fn: Node): boolean {
  if (fn.type !== 'method_declaration') return false;
  const recv = kids(fn.childForFieldName('receiver')).find((k) => k.type === 'parameter_declaration')?.childForFieldName('name')?.text;
  const first = statements(fn.childForFieldName('body'))[0];
  if (!recv || first?.type !== 'if_statement') return false;
  const then = statements(first.childForFieldName('consequence'));
  const cond = first.childForFieldName('condition');
  return !!cond && then.length === 1 && /^return\s+false$/.test(then[0].text) && orLeaves(cond).some((l) => l.text.replace(/\s+/g, '') === `${recv}==nil`);
}

type FieldRead = NonNullable<GoFunc['fieldReads']>[number];

/**
 * Follows the reads of each field in the body's order, up to the first unconditional field read:
 * marks it on the field's read (`deref` or `elseOf`, its line in `derefLine`), unless a method of
 * the field was called before it other than the one whose `else` holds it (its answer could have
 * ended the handler's work first).
 */
export class DerefReads {
  private readonly done = new Set<FieldRead>();
  constructor(
    private readonly body: Node,
    private readonly callee: (n: Node) => Callee | undefined,
  ) {}

  see(read: FieldRead, sel: Node): void {
    if (this.done.has(read)) return;
    const parent = sel.parent;
    if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.startIndex === sel.startIndex) {
      const c = this.callee(sel);
      if (c && !read.calledBefore?.includes(c)) read.calledBefore = [...(read.calledBefore ?? []), c];
      return;
    }
    const at = derefPlace(sel, this.body, this.callee);
    if (!at) return;
    this.done.add(read);
    const before = read.calledBefore ?? [];
    if (at.always && before.length === 0) read.deref = true;
    else if (at.elseOf && before.length === 1 && before[0] === at.elseOf) read.elseOf = at.elseOf;
    else return;
    read.derefLine = sel.startPosition.row + 1;
  }
}

/** Whether a read the facts placed is reached by every anonymous caller of the handler. */
export function derefReached(read: FieldRead, fnOf: (c: Callee) => GoFunc | undefined): boolean {
  return !!read.deref || (!!read.elseOf && !!fnOf(read.elseOf)?.nilFalse);
}

// The caller's identity kept in a field of the service's own request context (Macaron's injected
// `*context.Context`, a struct of ours): a middleware sets the field only for a caller it found
// (`if c.User != nil { c.IsLogged = true }`), and a handler, or middleware on the route's own list,
// tests it (`if !c.IsLogged { u.Email = "" }`): the route reads who calls when someone does —
// `optional`, as identityUse.ts reads the same two halves through context keys. The field is
// matched by its declaring struct (through embedding: an `APIContext` embedding `*Context` reads
// Context's field), never by its name alone; a type of a library (`*gin.Context`) is not ours.
import type { GoNode as Node } from './goNode';
import { enclosingFn } from './goStatements';
import type { Guard } from '../types';
import type { GoIndex } from './resolve';
import type { GoCandidate, GoFunc } from './types';
import { all, kids, line } from '../treeUtil';
import { inBranch } from './identityUse';

export interface FieldTypes {
  typeKey: (t: Node | null | undefined) => string | undefined;
  typeOfName?: (fn: Node, name: string) => string | undefined;
}

/** Fills `fieldSetsWhenFound` and `fieldTests` of a function's facts (its closures included: a middleware factory's work is in the closure it returns). */
export function contextFieldFacts(fn: Node, f: GoFunc, types: FieldTypes): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const sets = new Set<string>();
  for (const a of all(body, 'assignment_statement')) {
    if (!inBranch(a)) continue;
    for (const l of kids(a.childForFieldName('left'))) {
      const k = l.type === 'selector_expression' ? fieldKey(l, types, fn) : undefined;
      if (k) sets.add(k);
    }
  }
  const tests: { key: string; line: number }[] = [];
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition');
    for (const sel of cond ? [cond, ...all(cond, 'selector_expression'), ...all(cond, 'identifier')] : []) {
      // `userLogged := ctx.User; if userLogged != nil`: a local bound from the field tests the field.
      const from = sel.type === 'identifier' ? boundField(sel, st) : sel;
      const k = from?.type === 'selector_expression' ? fieldKey(from, types, fn) : undefined;
      if (k && !tests.some((t) => t.key === k)) tests.push({ key: k, line: line(st) });
    }
  }
  if (sets.size) f.fieldSetsWhenFound = [...sets];
  if (tests.length) f.fieldTests = tests;
}

/** `c.IsLogged` with `c` a parameter or a literal-made local of a struct type of ours: `dir#Type.IsLogged`. */
export function fieldKey(sel: Node, types: FieldTypes, outer: Node): string | undefined {
  const x = sel.childForFieldName('operand');
  const field = sel.childForFieldName('field')?.text;
  if (x?.type !== 'identifier' || !field) return undefined;
  for (let fn = enclosingFn(sel); fn; fn = fn.startIndex === outer.startIndex ? undefined : enclosingFn(fn)) {
    const t = paramType(fn, x.text, types) ?? types.typeOfName?.(fn, x.text);
    if (t) return t.startsWith('ext:') ? undefined : `${t.replace(/\[.*$/, '')}.${field}`;
  }
  return undefined;
}

function paramType(fn: Node, name: string, types: FieldTypes): string | undefined {
  // The receiver too: a controller's own fields (`func (c *BaseController) Prepare()` setting `c.Member`).
  for (const decl of [...kids(fn.childForFieldName('receiver')), ...kids(fn.childForFieldName('parameters'))]) {
    if (decl.childrenForFieldName('name').some((n) => n?.text === name)) return types.typeKey(decl.childForFieldName('type')) ?? 'ext:';
  }
  return undefined;
}

/** `x := ctx.User` in the function before `at`, the last binding of x: that selector. */
function boundField(x: Node, at: Node): Node | undefined {
  const fn = enclosingFn(at);
  if (!fn) return undefined;
  let found: Node | undefined;
  for (const s of all(fn, 'short_var_declaration')) {
    if (s.startIndex >= at.startIndex || enclosingFn(s)?.startIndex !== fn.startIndex) continue;
    const left = kids(s.childForFieldName('left'));
    const right = kids(s.childForFieldName('right'));
    if (left.length === 1 && right.length === 1 && left[0].text === x.text) found = right[0].type === 'selector_expression' ? right[0] : undefined;
  }
  return found;
}

/**
 * The optional-identity guard of an otherwise unguarded route from a context field: a middleware
 * on its way sets it only for a caller it found, and the handler or a middleware of the route's own
 * list (`readers`) tests that field of the same struct.
 */
export function fieldIdentityRead(ix: GoIndex, cands: GoCandidate[], readers: { fn: GoFunc | undefined; via?: GoCandidate }[]): Guard | undefined {
  const setters = identitySetters(ix, cands);
  if (!setters.size) return undefined;
  for (const { fn, via } of readers) {
    for (const t of fn?.fieldTests ?? []) {
      const key = declared(ix, t.key);
      const c = setters.get(key);
      if (!c || !fn || c === via) continue;
      const name = c.text.replace(/\(.*$/s, '');
      const field = key.replace(/^.*[#.]/, '');
      const where = via ? `${via.text.replace(/\(.*$/s, '')} on the route's own list` : 'the handler';
      return {
        name,
        kind: 'authentication',
        optional: true,
        reason: `${name} (${c.file}:${c.line}) sets the request context's ${field} only for a caller it identifies and lets this route through without one; ${where} branches on it at ${fn.file}:${t.line}`,
        file: c.file,
        line: c.line,
        evidence: { how: 'the route reads the identity when there is one', text: field, file: fn.file, line: t.line },
      };
    }
  }
  return undefined;
}

/** The fields the candidates on a route's way set only for a caller they found, by their declaring struct. */
export function identitySetters(ix: GoIndex, cands: GoCandidate[]): Map<string, GoCandidate> {
  const setters = new Map<string, GoCandidate>();
  for (const c of cands) {
    for (const raw of ix.fnOf(c.callee)?.fieldSetsWhenFound ?? []) {
      const k = declared(ix, raw);
      if (!setters.has(k)) setters.set(k, c);
    }
  }
  return setters;
}

/** `dir#APIContext.IsLogged` → `dir#Context.IsLogged` when APIContext embeds the Context that declares it. */
export function declared(ix: GoIndex, key: string): string {
  const dot = key.lastIndexOf('.');
  const owner = ix.field(key.slice(0, dot), key.slice(dot + 1))?.owner;
  return owner ? `${owner}.${key.slice(dot + 1)}` : key;
}

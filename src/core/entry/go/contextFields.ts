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
import type { Callee, GoCandidate, GoFunc } from './types';
import { all, callArgs, kids, line } from '../treeUtil';
import { inBranch } from './identityUse';

export interface FieldTypes {
  typeKey: (t: Node | null | undefined) => string | undefined;
  callee?: (n: Node) => Callee | undefined;
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
  const tests: NonNullable<GoFunc['fieldTests']> = [];
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition');
    if (!cond) continue;
    // What the test reads: its own text, and the tests bound to locals it reads (`isOwner := ctx.User != nil && …; if !isOwner`).
    const bound = all(cond, 'identifier').flatMap((id) => boundTest(id, st));
    for (const sel of [cond, ...all(cond, 'selector_expression'), ...all(cond, 'identifier')]) {
      // `userLogged := ctx.User; if userLogged != nil`, `isOwner := ctx.User != nil && …; if !isOwner`: a local bound from the field tests the field.
      for (const from of sel.type === 'identifier' ? boundField(sel, st) : [sel]) {
        const k = from.type === 'selector_expression' ? fieldKey(from, types, fn) : undefined;
        if (!k || tests.some((t) => t.key === k)) continue;
        // `currUser.ID != gist.UserID`: who the caller is compared with something (an owner), not only whether there is one.
        const owner = [cond, ...bound].some((c) => comparesMember(c, k, st, types, fn));
        tests.push({ key: k, line: line(st), ...(owner ? { owner: true as const } : {}) });
      }
    }
  }
  if (sets.size) f.fieldSetsWhenFound = [...sets];
  if (tests.length) f.fieldTests = tests;
  // Helpers of ours handed a context of ours (`lookupGistByUUID(ctx, uuid)`): where a handler's test of the field may be.
  const handed: Callee[] = [];
  const ours = new Set<string>();
  for (const decl of kids(fn.childForFieldName('parameters'))) {
    const t = types.typeKey(decl.childForFieldName('type'));
    if (t && !t.startsWith('ext:')) for (const id of decl.childrenForFieldName('name')) if (id) ours.add(id.text);
  }
  for (const call of ours.size && types.callee ? all(body, 'call_expression') : []) {
    if (!callArgs(call).some((a) => a.type === 'identifier' && ours.has(a.text))) continue;
    const c = types.callee!(call.childForFieldName('function')!);
    if (c && !c.startsWith('ext:') && !handed.includes(c) && handed.length < 16) handed.push(c);
  }
  if (handed.length) f.ctxHandOffs = handed;
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

/** `x := a && b` (a test) in the function before `at`, the last binding of x: that expression. */
function boundTest(x: Node, at: Node): Node[] {
  const fn = enclosingFn(at);
  let found: Node[] = [];
  for (const s of fn ? all(fn, 'short_var_declaration') : []) {
    if (s.startIndex >= at.startIndex || enclosingFn(s)?.startIndex !== fn!.startIndex) continue;
    const left = kids(s.childForFieldName('left'));
    const right = kids(s.childForFieldName('right'));
    if (left.length === 1 && right.length === 1 && left[0].text === x.text) found = right[0].type === 'binary_expression' ? [right[0]] : [];
  }
  return found;
}

/** Whether `c` compares (`==`/`!=`) a member of field `k` — read directly (`ctx.User.ID`) or through a local bound from it (`cur.ID`) — with something. */
function comparesMember(c: Node, k: string, at: Node, types: FieldTypes, fn: Node): boolean {
  return [c, ...all(c, 'binary_expression')].some((b) => {
    if (b.type !== 'binary_expression' || !/^(==|!=)$/.test(b.childForFieldName('operator')?.text ?? '')) return false;
    return [b.childForFieldName('left'), b.childForFieldName('right')].some((side) => {
      const op = side?.type === 'selector_expression' ? side.childForFieldName('operand') : null;
      if (op?.type === 'selector_expression') return fieldKey(op, types, fn) === k;
      return op?.type === 'identifier' && boundField(op, at).some((x) => x.type === 'selector_expression' && fieldKey(x, types, fn) === k);
    });
  });
}

/**
 * `x := ctx.User` in the function before `at`, the last binding of x: that selector; `x := ctx.User
 * != nil && ctx.User.ID == g.UserID`, a test bound to a local: the selectors it tests.
 */
function boundField(x: Node, at: Node): Node[] {
  const fn = enclosingFn(at);
  if (!fn) return [];
  let found: Node[] = [];
  for (const s of all(fn, 'short_var_declaration')) {
    if (s.startIndex >= at.startIndex || enclosingFn(s)?.startIndex !== fn.startIndex) continue;
    const left = kids(s.childForFieldName('left'));
    const right = kids(s.childForFieldName('right'));
    if (left.length !== 1 || right.length !== 1 || left[0].text !== x.text) continue;
    const r = right[0];
    found = r.type === 'selector_expression' ? [r] : r.type === 'binary_expression' && /^(&&|\|\||==|!=)$/.test(r.childForFieldName('operator')?.text ?? '') ? all(r, 'selector_expression') : [];
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
  // Also, by a test comparing who the caller is with something (`ctx.User.ID == g.UserID`, an owner), not only whether there is one
  // (a guard's shape, a rate limit's audience): the helpers of ours the handler hands its context to (`lookupGistByUUID(ctx,
  // uuid)`), two calls deep, and middleware on the route's way after the setter.
  const handed: { fn: GoFunc | undefined; via?: GoCandidate; group: boolean }[] = [];
  const seen = new Set(readers.map((r) => r.fn?.key));
  let level = readers.filter((r) => !r.via).map((r) => r.fn);
  for (let depth = 0; depth < 2 && level.length; depth++) {
    const next: GoFunc[] = [];
    for (const h of level.flatMap((f) => f?.ctxHandOffs ?? [])) {
      const f = ix.fnOf(h);
      if (!f || seen.has(f.key)) continue;
      seen.add(f.key);
      next.push(f);
      handed.push({ fn: f, group: true });
    }
    level = next;
  }
  const first = cands.findIndex((c) => [...setters.values()].includes(c));
  const onWay = cands.slice(first + 1).filter((c) => !readers.some((r) => r.via === c)).map((c) => ({ fn: ix.fnOf(c.callee), via: c, group: true }));
  for (const { fn, via, group } of [...readers.map((r) => ({ ...r, group: false })), ...handed, ...onWay]) {
    for (const t of fn?.fieldTests ?? []) {
      if (group && !t.owner) continue;
      const key = declared(ix, t.key);
      const c = setters.get(key);
      if (!c || !fn || c === via) continue;
      const name = c.text.replace(/\(.*$/s, '');
      const field = key.replace(/^.*[#.]/, '');
      const where = via ? `${via.text.replace(/\(.*$/s, '')} on the route's ${group ? 'way' : 'own list'}` : fn === readers[0]?.fn ? 'the handler' : `${fn.key.replace(/^.*[#|]/, '')}, which the handler hands its context to,`;
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

// Middleware that hands the request on only to a caller with an identity, whatever it answers the
// others (opengist's `func logged(next Handler) Handler { return func(ctx) error { if ctx.User != nil {
// return next(ctx) }; return ctx.RedirectTo("/-/all") } }`, `if user == nil || !user.IsAdmin { return
// ctx.NotFound("User not found") }`, `_, ok := sess.Values["mfaID"].(uint); if !ok { return ctx.ErrorRes(400, …) }`).
// A redirect to a page that is no login page, a 404 that hides the page, a 400: none says 401/403 in
// its words, yet no anonymous caller reaches the handler. Only a middleware (its function hands the
// request on elsewhere) and only a test of the caller's identity, session or credential count; a branch
// that hands on itself (optional identity) refuses nobody.
import type { GoNode as Node } from './goNode';
import type { Refusal } from './types';
import { all, kids, line } from '../treeUtil';
import { isCredential } from './credentialWords';
import { absentOperand, HANDS_ON, orLeaves } from './missingCredential';
import { statements, enclosingFn } from './goStatements';

export function identityGateRefusals(body: Node): Refusal[] {
  const out: Refusal[] = [];
  for (const st of all(body, 'if_statement')) {
    const fn = enclosingFn(st);
    const fnBody = fn?.childForFieldName('body');
    const cond = st.childForFieldName('condition');
    const then = st.childForFieldName('consequence');
    if (!fnBody || !cond || !then || st.childForFieldName('alternative') || !topLevel(st, fnBody)) continue;
    // Middleware: the function hands the request on somewhere of its own.
    if (!ownCalls(fnBody, fn!).some((c) => HANDS_ON.test(`${c.childForFieldName('function')?.text ?? ''}()`))) continue;
    const thenSts = statements(then);
    const last = thenSts[thenSts.length - 1];
    if (HANDS_ON.test(then.text)) {
      // `if user != nil { return next(ctx) }` then an answer: only a caller with it goes on.
      if (thenSts.length !== 1 || last?.type !== 'return_statement' || !present(cond, st)) continue;
      const after = st.nextNamedSibling;
      if (after?.type !== 'return_statement' || !answers(after)) continue;
      out.push(refusal(after, `no ${cond.text.replace(/\s+/g, ' ')}: ${answerText(after)}`));
    } else {
      // `if user == nil || … { return <answer> }` before the hand-on.
      if (last?.type !== 'return_statement' || !answers(last) || !absent(cond, st)) continue;
      out.push(refusal(st, `no ${cond.text.replace(/\s+/g, ' ')}: ${answerText(last)}`));
    }
  }
  return out;
}

/** A statement of the function's body itself, not of a nested block. */
function topLevel(st: Node, fnBody: Node): boolean {
  const p = st.parent?.type === 'statement_list' ? st.parent.parent : st.parent;
  return p?.startIndex === fnBody.startIndex && p.endIndex === fnBody.endIndex;
}

function refusal(at: Node, how: string): Refusal {
  return { how: how.slice(0, 120), text: at.text.replace(/\s+/g, ' ').slice(0, 120), line: line(at), credential: true };
}

/** `return ctx.RedirectTo("/-/all")`, `return ctx.NotFound(…)`: a call that answers, not the next handler. */
function answers(ret: Node): boolean {
  const e = kids(ret)[0]?.namedChildren[0] ?? kids(ret)[0];
  return e?.type === 'call_expression' && !HANDS_ON.test(e.text);
}

function answerText(ret: Node): string {
  return ret.text.replace(/^return\s+/, '').replace(/\s+/g, ' ').slice(0, 60);
}

/** Some leaf of `a || b` tests that the caller's identity or credential is missing (`user == nil`, `!ok` from a session read). */
function absent(cond: Node, at: Node): boolean {
  return orLeaves(cond).some((leaf) => {
    const x = absentOperand(leaf) ?? (leaf.type === 'unary_expression' && leaf.text.startsWith('!') ? leaf.namedChildren[0] : undefined);
    // `!allowed` from `auth.ShouldAllowUnauthenticatedGistAccess(…)`: a policy call's answer, not a read of what the caller holds.
    if (x?.type === 'identifier' && /^[\w.]+\(/.test(boundFrom(x.text, at) ?? '')) return false;
    return !!x && x.type !== 'call_expression' && !/err/i.test(x.text) && credentialName(x, at);
  });
}

/** The test holds only for a caller with the identity: `user != nil`, `ok`, joined by `&&`. */
function present(cond: Node, at: Node): boolean {
  if (cond.type === 'binary_expression' && cond.childForFieldName('operator')?.text === '&&') return present(cond.childForFieldName('left')!, at) || present(cond.childForFieldName('right')!, at);
  if (cond.type === 'identifier') return credentialName(cond, at);
  if (cond.type !== 'binary_expression' || cond.childForFieldName('operator')?.text !== '!=') return false;
  const left = cond.childForFieldName('left');
  const right = cond.childForFieldName('right')?.text;
  return !!left && (right === 'nil' || right === '""') && !/err/i.test(left.text) && credentialName(left, at);
}

/** The name, or what it was bound from a few statements above (`user := ctx.User`, `_, ok := sess.Values["mfaID"]` with `sess := ctx.GetSession()`), reads a credential. */
function credentialName(x: Node, at: Node): boolean {
  if (isCredential(x.text)) return true;
  let text = x.text;
  for (let depth = 0; depth < 2; depth++) {
    const root = /^\w+/.exec(text)?.[0];
    const bound = root ? boundFrom(root, at) : undefined;
    if (!bound) return false;
    if (isCredential(bound)) return true;
    text = bound;
  }
  return false;
}

function boundFrom(name: string, at: Node): string | undefined {
  for (let s = at.previousNamedSibling, i = 0; s && i < 6; s = s.previousNamedSibling, i++) {
    if (s.type !== 'short_var_declaration' && s.type !== 'assignment_statement') continue;
    if (kids(s.childForFieldName('left')).some((k) => k.text === name)) return s.childForFieldName('right')?.text;
  }
  return undefined;
}

/** The calls of this function itself, not of closures inside it. */
function ownCalls(body: Node, fn: Node): Node[] {
  return all(body, 'call_expression').filter((c) => enclosingFn(c)?.startIndex === fn.startIndex);
}


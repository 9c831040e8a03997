// A refusal written as one statement of a block (Flask's `abort(401)`, `raise Forbidden()`, a
// redirect to the login page, Pyramid's `raise HTTPForbidden()`), and a 404 that refuses only past a
// check of credentials: what a view's first checks end with (flaskGuards.ts viewChecks).
import type { Node } from 'web-tree-sitter';
import { kids, line } from '../treeUtil';
import { oneLine } from '../guards';
import { refusalKind } from './flaskHooks';
import type { PyRefusal } from './flaskGuards';

/** 404 written out: the number, or http's `HTTPStatus.NOT_FOUND`. */
const NOT_FOUND = /^(404|(http\.)?HTTPStatus\.NOT_FOUND)$/;

/** A refusal written as one statement of `block` (not inside a nested test). */
export function refusalIn(block: Node | null | undefined): PyRefusal | undefined {
  for (const st of kids(block)) {
    const n = st.type === 'expression_statement' ? st.namedChildren[0] : st;
    const how = n && refusalKind(n);
    if (how) return { how, text: oneLine(n.text, 100), line: line(n) };
  }
  return undefined;
}

/** `abort(404)` (or `raise HTTPNotFound()`) as one statement of `block`: a refusal only past a check of credentials or permission (viewChecks). */
export function notFoundIn(block: Node | null | undefined): PyRefusal | undefined {
  for (const st of kids(block)) {
    const n = st.type === 'expression_statement' ? st.namedChildren[0] : st;
    if (n?.type === 'call' && /^((flask|quart)\.)?abort$/.test(n.childForFieldName('function')?.text ?? '') && NOT_FOUND.test(n.childForFieldName('arguments')?.namedChildren[0]?.text ?? '')) return { how: 'abort(404)', text: oneLine(n.text, 100), line: line(n) };
    // `raise HTTPNotFound()` (Pyramid, WebOb).
    const x = n?.type === 'raise_statement' ? n.namedChildren[0] : undefined;
    if (x && /^(\w+\.)*HTTPNotFound$/.test((x.type === 'call' ? x.childForFieldName('function')?.text : x.text) ?? '')) return { how: 'raises HTTPNotFound (404)', text: oneLine(n!.text, 100), line: line(n!) };
  }
  return undefined;
}

export function refusalOfStatement(st: Node): PyRefusal | undefined {
  const n = st.type === 'expression_statement' ? st.namedChildren[0] : st;
  const how = n && refusalKind(n);
  return how ? { how, text: oneLine(n.text, 100), line: line(n) } : undefined;
}

/**
 * `is_valid, error = validate_token(store, request)` then `if not is_valid: return error`: the view
 * answers what a helper of ours gave back for a failed check. The helper's code (another file) says
 * whether the check reads who is calling (flaskGuardJudge.ts); here only the shape is read.
 */
export function helperErrorIn(block: Node | null | undefined, vars: ReadonlyMap<string, Node>): PyRefusal | undefined {
  const stmts = kids(block).filter((s) => s.type !== 'comment');
  const ret = stmts.length === 1 && stmts[0].type === 'return_statement' ? stmts[0] : undefined;
  const name = ret?.namedChildren[0];
  const call = name?.type === 'identifier' ? vars.get(name.text) : undefined;
  const callee = call?.childForFieldName('function')?.text;
  if (!ret || !callee || call?.parent?.childForFieldName('left')?.type === 'identifier') return undefined;
  return { how: `returns the error ${oneLine(callee, 40)}() gave back`, text: oneLine(ret.text, 100), line: line(ret) };
}

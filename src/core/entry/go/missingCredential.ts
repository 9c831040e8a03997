// A handler that ends the request when the request carries no credential
// (`if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 { render.Error(w, errs.BadRequest(…)); return }`)
// refuses every caller without one, whatever status it picks: 400 "missing client certificate"
// keeps a caller out as surely as 401. Only a credential read from the request itself counts
// (its TLS peer certificates, Authorization header, a token, cookie or session): a missing
// username or password is a login form's input validation, and a missing field is not a guard.
import type { GoNode as Node } from './goNode';
import { enclosingFn } from './goStatements';
import type { Refusal } from './types';
import { all, kids, line } from '../treeUtil';
import { table } from '../../ownKeys';

/** What a request carries to prove who sends it. */
const PROOF = /PeerCertificates|Authorization|bearer|token|\bott\b|api_?key|apikey|cookie|session|signature/i;
/** The branch hands the request on instead of ending it (optional authentication). */
export const HANDS_ON = /ServeHTTP\(|\bnext\(|\.Next\(\)/;
const STATUS: Record<string, string> = table({ BadRequest: '400', Unauthorized: '401', Forbidden: '403', NotFound: '404', PreconditionFailed: '412' });

export function missingCredentialRefusals(body: Node): Refusal[] {
  const out: Refusal[] = [];
  for (const st of all(body, 'if_statement')) {
    const fn = enclosingFn(st);
    const then = st.childForFieldName('consequence');
    const cond = st.childForFieldName('condition');
    if (!fn || !then || !cond || HANDS_ON.test(then.text) || !all(then, 'return_statement').length) continue;
    const { request, writer } = httpParams(fn);
    if (!request || !writer) continue;
    // It ends the request: a call in the branch writes the answer to the ResponseWriter.
    if (!all(then, 'call_expression').some((c) => kids(c.childForFieldName('arguments')).some((a) => a.text === writer))) continue;
    const missing = orLeaves(cond).map(absentOperand).find((x) => x && PROOF.test(x.text) && fromRequest(x, request, st));
    if (!missing) continue;
    const status = /Status(\w+)|errs?\.(\w+?)(?:Err)?\(|\b([45]\d\d)\b/.exec(then.text);
    const code = status ? (status[3] ?? STATUS[status[1] ?? status[2]]) : undefined;
    out.push({ how: `no ${missing.text}: ${code ?? 'ends the request'}`, text: then.text.replace(/\s+/g, ' ').slice(0, 120), line: line(st), credential: true });
  }
  return out;
}

/** The names of a net/http handler's parameters: `(w http.ResponseWriter, r *http.Request)`. */
function httpParams(fn: Node): { request?: string; writer?: string } {
  // eslint-disable-next-line no-restricted-syntax -- an object of fixed fields, not a dictionary
  const out: { request?: string; writer?: string } = {};
  for (const decl of kids(fn.childForFieldName('parameters'))) {
    const type = decl.childForFieldName('type')?.text ?? '';
    const name = decl.childForFieldName('name')?.text;
    if (!name) continue;
    if (/\bResponseWriter$/.test(type)) out.writer = name;
    if (/^\*\w+\.Request$/.test(type)) out.request = name;
  }
  return out;
}

/** `a || b || c` → [a, b, c]; anything else is one leaf. */
export function orLeaves(n: Node): Node[] {
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return orLeaves(n.namedChildren[0]);
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '||') {
    return [...orLeaves(n.childForFieldName('left')!), ...orLeaves(n.childForFieldName('right')!)];
  }
  return [n];
}

/** `x == nil`, `x == ""`, `len(x) == 0`: the x tested for absence. */
export function absentOperand(n: Node): Node | undefined {
  if (n.type !== 'binary_expression' || n.childForFieldName('operator')?.text !== '==') return undefined;
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (!left || !right) return undefined;
  if (right.text === 'nil' || right.text === '""') return left;
  if (right.text === '0' && left.type === 'call_expression' && left.childForFieldName('function')?.text === 'len') return kids(left.childForFieldName('arguments'))[0];
  return undefined;
}

/** Read from the request: `r.TLS.PeerCertificates`, or a name bound from it before the check (`tok := r.Header.Get("Authorization")`). */
function fromRequest(x: Node, request: string, at: Node): boolean {
  const rooted = (t: string): boolean => t === request || t.startsWith(`${request}.`);
  if (rooted(x.text)) return true;
  if (x.type !== 'identifier') return false;
  for (let s = at.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type !== 'short_var_declaration' && s.type !== 'assignment_statement') continue;
    const names = kids(s.childForFieldName('left')).map((k) => k.text);
    const i = names.indexOf(x.text);
    if (i < 0) continue;
    const values = kids(s.childForFieldName('right'));
    return rooted((values[i] ?? values[0])?.text ?? '');
  }
  return false;
}

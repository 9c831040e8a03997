// Requests a refusing `before_request` hook lets through by an arm of an `if`/`elif` chain that
// comes before the arm that refuses (flaskHooks.ts reads the endpoint names of the first arm):
//
//     if request.endpoint == 'static_content': return None
//     elif 'login' in request.endpoint: return None        # endpoints whose name holds "login"
//     elif request.blueprint == 'rss': return None         # every route of that blueprint
//     elif request.path.startswith('/api/'): return None   # every route under that path
//     else: return login_manager.unauthorized()
//
// Each is kept as an exemption entry pyLink.ts matches against a route: an endpoint name as before,
// or `contains:x`, `blueprint:x`, `path:/x`, `segment:x` (the path's first segment), `not:<entry>`, and
// `a&&b` (every part holds: a hook with several refusals, allRefusalsExempt) (exemptionHolds).
import type { Node } from 'web-tree-sitter';
import { kids, stringValue } from '../treeUtil';
import { andParts } from './routeTests';

const ENDPOINT = /^(flask\.)?request\.endpoint$/;

/** The exemptions of the arms of `ifs` before the one holding `n` (n in an `elif` or the `else`). */
export function chainExemptions(ifs: Node, n: Node, endpointNames: (cond: Node) => string[]): string[] {
  const arms: Node[] = [];
  const cond = ifs.childForFieldName('condition');
  if (cond) arms.push(cond);
  for (const alt of ifs.childrenForFieldName('alternative')) {
    if (!alt) continue;
    if (n.startIndex >= alt.startIndex && n.endIndex <= alt.endIndex) {
      // The arm holding n: the arms before it were passed. The `if` arm's own names flaskHooks.ts reads.
      return arms.slice(1).flatMap((c) => [...endpointNames(c), ...otherExemptions(c)]).concat(cond ? otherExemptions(cond) : []);
    }
    const c = alt.type === 'elif_clause' ? alt.childForFieldName('condition') : undefined;
    if (c) arms.push(c);
  }
  return [];
}

/** `'x' in request.endpoint`, `request.blueprint == 'x'`, `request.path.startswith('/x')`, alone or after a truthiness test of the same attribute. */
function otherExemptions(cond: Node): string[] {
  const out: string[] = [];
  for (const part of andParts(cond)) {
    if (/^(flask\.)?request\.(endpoint|blueprint|path)$/.test(part.text)) continue;
    const found = exemptionOf(part);
    if (!found) return [];
    out.push(found);
  }
  return out;
}

function exemptionOf(part: Node): string | undefined {
  if (part.type === 'comparison_operator') {
    const [l, r] = kids(part);
    if (!l || !r) return undefined;
    const op = part.text.slice(l.endIndex - part.startIndex, r.startIndex - part.startIndex).trim();
    const lit = stringValue(l);
    if (op === 'in' && lit && ENDPOINT.test(r.text)) return `contains:${lit}`;
    const bp = stringValue(r);
    if (op === '==' && bp && /^(flask\.)?request\.blueprint$/.test(l.text)) return `blueprint:${bp}`;
    return undefined;
  }
  if (part.type === 'call') {
    const fn = part.childForFieldName('function');
    const arg = part.childForFieldName('arguments')?.namedChildren[0];
    const prefix = stringValue(arg);
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'startswith' && /^(flask\.)?request\.path$/.test(fn.childForFieldName('object')?.text ?? '') && prefix?.startsWith('/')) return `path:${prefix}`;
  }
  return undefined;
}

/** Whether an exemption entry lets the route through: `full` its endpoint (`bp.view`), `bp` its blueprint's name, `path` its whole rule. */
export function exemptionHolds(x: string, e: { full: string; endpoint: string; bp?: string; path: string }): boolean {
  if (x.includes('&&')) return x.split('&&').every((p) => exemptionHolds(p, e));
  if (x.startsWith('not:')) return !exemptionHolds(x.slice('not:'.length), e);
  if (x.startsWith('segment:')) return e.path.split('/')[1] === x.slice('segment:'.length);
  if (x.startsWith('contains:')) return e.full.includes(x.slice('contains:'.length));
  if (x.startsWith('blueprint:')) return e.bp === x.slice('blueprint:'.length);
  if (x.startsWith('exact:')) return e.path === x.slice('exact:'.length);
  if (x.startsWith('path:')) return e.path.startsWith(x.slice('path:'.length));
  return x === e.full || (!x.includes('.') && x === e.endpoint);
}

/** `_insecure_views = ["main.login", "static"]` at the top of the hook's module: the strings a name in `request.endpoint not in _insecure_views` stands for. */
export function moduleStrings(n: Node): string[] | undefined {
  if (n.type !== 'identifier') return undefined;
  let root = n;
  while (root.parent) root = root.parent;
  let found: string[] | undefined;
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== n.text) continue;
    const right = a.childForFieldName('right');
    const items = right && /^(list|tuple|set)$/.test(right.type) ? kids(right).map((x) => stringValue(x)) : [];
    // Rebound to something else, or a list of more than strings: not read.
    found = items.length && items.every((x): x is string => x !== undefined) ? (items as string[]) : undefined;
    if (!found) return undefined;
  }
  return found;
}

/** `request.path.startswith('/api')` -> `path:/api`; `request.path.split('/')[1] == 'api'` -> `segment:api`. */
export function pathTestOf(part: Node): string | undefined {
  const found = exemptionOf(part);
  if (found?.startsWith('path:')) return found;
  if (part.type !== 'comparison_operator') return undefined;
  const [l, r] = kids(part);
  const seg = stringValue(r);
  const op = l && r ? part.text.slice(l.endIndex - part.startIndex, r.startIndex - part.startIndex).trim() : '';
  if (op === '==' && seg && /^(flask\.)?request\.path\.split\(\s*(['"])\/\2\s*\)\[1\]$/.test(l.text)) return `segment:${seg}`;
  return undefined;
}

/**
 * The path tests a refusal at `n` sits under: `if <path test>: … n …` needs the path (a route elsewhere
 * is let through: `not:` entry); `if <path test>: … elif/else: … n …` needs the path not to hold.
 * Returned as exemption entries (the ways a route escapes this refusal).
 */
export function pathGateExemptions(n: Node, fn: Node): string[] {
  const out: string[] = [];
  for (let p = n.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    const cons = p.childForFieldName('consequence');
    if (!cond || !cons) continue;
    if (n.startIndex >= cons.startIndex && n.endIndex <= cons.endIndex) {
      for (const part of andParts(cond)) {
        const t = pathTestOf(part);
        if (t) out.push(`not:${t}`);
      }
      continue;
    }
    // In an elif/else: the `if` arm's test failed — only a test that is the whole condition says which paths.
    const parts = andParts(cond);
    const t = parts.length === 1 ? pathTestOf(parts[0]) : undefined;
    if (t) out.push(t);
  }
  return out;
}

/**
 * A hook with several refusals lets a route through only when every refusal does: each refusal's
 * exemptions (any one of which lets it through) are combined into `a&&b` entries, one per way past all
 * of them. Entries that can never hold together (two endpoint names, a test and its negation) are dropped.
 */
export function allRefusalsExempt(lists: string[][]): string[] | undefined {
  let out: string[] = [''];
  for (const list of lists) {
    const next: string[] = [];
    for (const a of out) for (const b of list) {
      const parts = [...new Set([...(a ? a.split('&&') : []), b])];
      if (namesClash(parts) || parts.some((x) => parts.includes(`not:${x}`))) continue;
      next.push(parts.sort().join('&&'));
    }
    out = [...new Set(next)];
    if (out.length > 64) return undefined;
  }
  return out;
}

/** Two endpoint names no one route answers to both of (`main.login` and `api.get_token`; `login` and `main.login` may be one). */
function namesClash(parts: string[]): boolean {
  const names = parts.filter((x) => !x.includes(':'));
  return names.some((a) => names.some((b) => a !== b && !a.endsWith(`.${b}`) && !b.endsWith(`.${a}`)));
}

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
// or `contains:x`, `blueprint:x`, `path:/x` (exemptionHolds).
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
  if (x.startsWith('contains:')) return e.full.includes(x.slice('contains:'.length));
  if (x.startsWith('blueprint:')) return e.bp === x.slice('blueprint:'.length);
  if (x.startsWith('path:')) return e.path.startsWith(x.slice('path:'.length));
  return x === e.full || (!x.includes('.') && x === e.endpoint);
}

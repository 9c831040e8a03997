// Path helpers: a small function of the service that a route's rule is written through, which
// returns the rule as given unless a boolean setting asks for more:
//
//     def org_scoped_rule(rule):          # redash-style multi-tenant prefix
//         if settings.MULTI_ORG:
//             return "/<org_slug>{}".format(rule)
//         return rule
//
//     @routes.route(org_scoped_rule("/login"))
//
// Each file records its helpers of that shape and its boolean settings whose default is in the
// code (`MULTI_ORG = parse_boolean(os.environ.get("REDASH_MULTI_ORG", "false"))`, `X = False`);
// the Python link pass (pyLink.ts) then evaluates a rule left dynamic as `helper("...")` with the
// setting's default. A setting whose default cannot be read leaves the rule dynamic: unknown rather
// than a guess.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, Ref } from '../types';
import type { PyFacts } from './pyFacts';
import { kids, line, stringValue } from '../treeUtil';
import { evalStr } from './pyEval';
import { dict } from '../../ownKeys';
import { envRead } from './envReads';

/** Stands for the helper's parameter inside `whenSet`. */
const PARAM = '\u0003';

export interface PathHelper {
  line: number;
  /** `if [not] SETTING: return <template>` before the final `return param`. */
  gate?: { module: string; name: string; negated: boolean; whenSet: string };
}

/** This file's path helpers and boolean settings, only the ones it has (set on its PyFacts). */
export function pathFacts(root: Node, file: string, moduleAlias: ReadonlyMap<string, string>): Pick<PyFacts, 'pathHelpers' | 'boolSettings'> {
  const pathHelpers = readPathHelpers(root, file, moduleAlias);
  const boolSettings = readBoolSettings(root);
  return { ...(pathHelpers ? { pathHelpers } : {}), ...(boolSettings ? { boolSettings } : {}) };
}

const TRUE = /^(true|yes|on|1)$/i;
const FALSE = /^(false|no|off|0|)$/i;

/** Module-level booleans whose default is written: `X = True`, `X = to_bool(os.environ.get("K", "false"))`. */
export function readBoolSettings(root: Node): Record<string, boolean> | undefined {
  let out: Record<string, boolean> | undefined;
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    if (left?.type !== 'identifier' || !/^[A-Z][A-Z0-9_]*$/.test(left.text)) continue;
    const v = boolDefault(a!.childForFieldName('right'));
    if (v !== undefined) (out ??= dict())[left.text] = v;
  }
  return out;
}

function boolDefault(n: Node | null | undefined): boolean | undefined {
  if (!n) return undefined;
  if (n.type === 'true' || n.type === 'false') return n.type === 'true';
  if (n.type !== 'call') return undefined;
  // A parser named for booleans around an environment read with a literal default.
  const fn = n.childForFieldName('function')?.text ?? '';
  if (!/bool/i.test(fn)) return undefined;
  const inner = kids(n.childForFieldName('arguments'));
  if (inner.length !== 1 || inner[0].type !== 'call') return undefined;
  const fallback = envRead(inner[0])?.fallback;
  const def = fallback ? stringValue(fallback) : undefined;
  if (def === undefined) return undefined;
  return TRUE.test(def) ? true : FALSE.test(def) ? false : undefined;
}

/** The file's top-level functions of the helper shape; `moduleAlias` names imported modules (`settings`). */
export function readPathHelpers(root: Node, file: string, moduleAlias: ReadonlyMap<string, string>): Record<string, PathHelper> | undefined {
  let out: Record<string, PathHelper> | undefined;
  for (const def of kids(root)) {
    if (def.type !== 'function_definition') continue;
    const params = kids(def.childForFieldName('parameters'));
    if (params.length !== 1 || params[0].type !== 'identifier') continue;
    const p = params[0].text;
    const body = kids(def.childForFieldName('body')).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
    const last = body[body.length - 1];
    if (last?.type !== 'return_statement' || last.namedChildren[0]?.text !== p) continue;
    const name = def.childForFieldName('name')!.text;
    if (body.length === 1) {
      (out ??= dict())[name] = { line: line(def) };
      continue;
    }
    if (body.length !== 2 || body[0].type !== 'if_statement' || body[0].childForFieldName('alternative')) continue;
    const gate = gateOf(body[0], p, file, moduleAlias);
    if (gate) (out ??= dict())[name] = { line: line(def), gate };
  }
  return out;
}

function gateOf(ifs: Node, p: string, file: string, moduleAlias: ReadonlyMap<string, string>): PathHelper['gate'] {
  let cond = ifs.childForFieldName('condition');
  let negated = false;
  if (cond?.type === 'not_operator') {
    negated = true;
    cond = cond.childForFieldName('argument');
  }
  let module: string | undefined;
  let name: string | undefined;
  if (cond?.type === 'identifier') [module, name] = [file, cond.text];
  else if (cond?.type === 'attribute') {
    module = moduleAlias.get(cond.childForFieldName('object')?.text ?? '');
    name = cond.childForFieldName('attribute')?.text;
  }
  const stmts = kids(ifs.childForFieldName('consequence'));
  const ret = stmts.length === 1 && stmts[0].type === 'return_statement' ? stmts[0].namedChildren[0] : undefined;
  const whenSet = evalStr(ret, new Map([[p, PARAM]]));
  if (!module || !name || whenSet === undefined || !whenSet.includes(PARAM)) return undefined;
  return { module, name, negated, whenSet };
}

const HELPER_CALL = /^([A-Za-z_]\w*)\(\s*[rRuU]?(['"])([^'"\\]*)\2\s*\)$/;

/** Rules left dynamic as `helper("...")`, evaluated where the helper and its setting's default are known. */
export function applyPathHelpers(pys: FileDecls[], resolve: (ref: Ref) => Ref, pyOf: (ref: Ref) => PyFacts | undefined): void {
  for (const d of pys) {
    for (const r of d.routes) {
      const m = r.dynamic ? HELPER_CALL.exec(r.dynamic) : null;
      if (!m) continue;
      const target = resolve(`${d.file}#${m[1]}`);
      const helper = pyOf(target)?.pathHelpers?.[target.slice(target.lastIndexOf('#') + 1)];
      if (!helper) continue;
      let path = m[3];
      if (helper.gate) {
        const set = pyOf(`${helper.gate.module}#`)?.boolSettings?.[helper.gate.name];
        if (set === undefined) continue;
        if (set !== helper.gate.negated) path = helper.gate.whenSet.replace(PARAM, path);
      }
      r.path = path;
      delete r.dynamic;
    }
  }
}

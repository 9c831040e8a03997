// Blueprints registered in a loop over a function's parameter, the list given by the caller:
// `def configure_blueprints(app, blueprints): for bp in blueprints: app.register_blueprint(bp,
// url_prefix=f"/api/{API_VERSION}")`, reached through `create_app(blueprints=…)` (which may add
// its own `DEFAULT_BLUEPRINTS`) from another module's `factory.create_app(blueprints=LEMUR_BLUEPRINTS)`,
// a module-level tuple of imported blueprints. Without this every such blueprint is a root and
// its routes lose the prefix. Facts per file here; linkBlueprintLoops makes the mounts.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, Ref } from '../types';
import type { PyFacts } from './pyFacts';
import { kids, line } from '../treeUtil';
import { evalStr, moduleStrings } from './pyEval';
import { kwArg, paramNames, positionalArgs } from './pyScope';
import { dict } from '../../ownKeys';

/** A function whose parameter `params[param]` holds blueprints it (or a function it passes them to) registers. */
export interface BlueprintLoop {
  params: string[];
  param: number;
  prefix: string;
  /** The prefix as written when it cannot be evaluated. */
  dynamic?: string;
  /** `url_prefix=` given and evaluated: it replaces the blueprint's own (without it Flask keeps the blueprint's). */
  replaces?: true;
  parent: Ref;
  line: number;
}

/** A call given a module-level list of blueprints (`create_app(blueprints=LEMUR_BLUEPRINTS)`) or one written inline. */
export interface RefListPass {
  callee: Ref;
  index?: number;
  kw?: string;
  refs: Ref[];
  line: number;
  order: number;
}

export interface BlueprintLoopFacts {
  loops: Record<string, BlueprintLoop[]>;
  passes: RefListPass[];
}

const MOUNT = new Set(['register_blueprint', 'include_router']);
const LIST = new Set(['tuple', 'list']);

const topFunctions = (root: Node): Node[] =>
  kids(root)
    .map((st) => (st.type === 'decorated_definition' ? st.childForFieldName('definition') : st))
    .filter((n): n is Node => n?.type === 'function_definition');

/** Module-level `NAME = (a, b.c)` lists whose items are all names: refs to blueprints, maybe. */
function refLists(root: Node, refOf: (n: Node) => Ref | undefined): Map<string, Ref[]> {
  const out = new Map<string, Ref[]>();
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    const right = a?.childForFieldName('right');
    if (left?.type !== 'identifier' || !right || !LIST.has(right.type)) continue;
    const items = right.namedChildren.filter((x): x is Node => !!x && x.type !== 'comment');
    const refs = items.map((x) => (x.type === 'identifier' || x.type === 'attribute' ? refOf(x) : undefined));
    if (items.length && refs.every((r) => r !== undefined)) out.set(left.text, refs as Ref[]);
  }
  return out;
}

/** Module-level integer constants as strings (`API_VERSION = 1`), for f-string prefixes. */
function intConsts(root: Node): Map<string, string> {
  const env = new Map<string, string>();
  for (const st of kids(root)) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    const right = a?.childForFieldName('right');
    if (left?.type === 'identifier' && right?.type === 'integer') env.set(left.text, right.text);
  }
  return env;
}

export function blueprintLoopFacts(root: Node, d: FileDecls, key: (n: string) => Ref, refOf: (n: Node | undefined | null) => Ref | undefined): BlueprintLoopFacts | undefined {
  const lists = refLists(root, refOf);
  const hasLoop = /\b(register_blueprint|include_router)\s*\(/.test(root.text) && /\bfor\b/.test(root.text);
  // A list written inline at the call (`create_app(blueprints=[a, b])`) is read where the module names blueprints or routers.
  const inline = /\b(blueprints?|routers?|bps?)\b/i.test(root.text);
  if (!hasLoop && !lists.size && !inline) return undefined;
  // moduleStrings drops a name its value does not evaluate to a string (an integer): add those after.
  const env = moduleStrings(root);
  for (const [k, v] of intConsts(root)) if (!env.has(k)) env.set(k, v);
  const loops: Record<string, BlueprintLoop[]> = dict();
  const fns = topFunctions(root);
  // Local names standing for a parameter (`bps = blueprints + DEFAULT`), and the module lists added to it.
  const origin = (fdef: Node): { of: (n: string) => string | undefined; extras: Map<string, Ref[]> } => {
    const params = paramNames(fdef);
    const alias = new Map<string, string>(params.map((p) => [p, p]));
    const extras = new Map<string, Ref[]>();
    for (const a of fdef.descendantsOfType(['assignment', 'augmented_assignment'])) {
      const left = a?.childForFieldName('left');
      const right = a?.childForFieldName('right');
      if (left?.type !== 'identifier' || !right) continue;
      const names = right.type === 'identifier' ? [right] : right.descendantsOfType('identifier').filter((x): x is Node => !!x);
      const from = a!.type === 'augmented_assignment' ? alias.get(left.text) : names.map((x) => alias.get(x.text)).find(Boolean) ?? (alias.has(left.text) ? alias.get(left.text) : undefined);
      if (!from) continue;
      alias.set(left.text, from);
      for (const x of names) for (const r of lists.get(x.text) ?? []) extras.set(from, [...(extras.get(from) ?? []), r]);
    }
    return { of: (n) => alias.get(n), extras };
  };
  const add = (fn: string, loop: BlueprintLoop): boolean => {
    const have = (loops[fn] ??= []);
    if (have.some((l) => l.param === loop.param)) return false;
    have.push(loop);
    return true;
  };
  const extrasOf = new Map<string, Map<string, Ref[]>>();
  for (const fdef of fns) {
    const name = fdef.childForFieldName('name')?.text ?? '';
    const o = origin(fdef);
    extrasOf.set(name, o.extras);
    const params = paramNames(fdef);
    for (const f of fdef.descendantsOfType('for_statement')) {
      const v = f?.childForFieldName('left');
      const over = f?.childForFieldName('right');
      const p = over?.type === 'identifier' ? o.of(over.text) : undefined;
      if (v?.type !== 'identifier' || !p) continue;
      for (const call of f!.descendantsOfType('call')) {
        const fn = call?.childForFieldName('function');
        const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
        if (!call || !obj || !MOUNT.has(fn!.childForFieldName('attribute')?.text ?? '') || positionalArgs(call)[0]?.text !== v.text) continue;
        const prefixNode = kwArg(call, 'url_prefix') ?? kwArg(call, 'prefix');
        const prefix = prefixNode ? evalStr(prefixNode, env) : '';
        add(name, { params, param: params.indexOf(p), prefix: prefix ?? '', ...(prefix === undefined ? { dynamic: prefixNode!.text } : {}), ...(prefixNode && prefix !== undefined ? { replaces: true as const } : {}), parent: key(obj.text), line: line(call) });
      }
    }
  }
  // A function handing its parameter on to one of the above (`configure_blueprints(app, blueprints)`).
  for (let round = 0, grew = true; grew && round < 5; round++) {
    grew = false;
    for (const fdef of fns) {
      const name = fdef.childForFieldName('name')?.text ?? '';
      const o = origin(fdef);
      const params = paramNames(fdef);
      for (const call of fdef.descendantsOfType('call')) {
        const callee = call?.childForFieldName('function');
        for (const l of (callee?.type === 'identifier' && callee.text !== name ? loops[callee.text] : undefined) ?? []) {
          const arg = positionalArgs(call!)[l.param] ?? kwArg(call!, l.params[l.param] ?? '');
          const p = arg?.type === 'identifier' ? o.of(arg.text) : undefined;
          if (p && add(name, { ...l, params, param: params.indexOf(p) })) grew = true;
        }
      }
    }
  }
  // The lists a loop function adds itself (`blueprints + DEFAULT_BLUEPRINTS`) are mounted where it is.
  for (const [fn, ls] of Object.entries(loops)) {
    for (const l of ls) {
      const extra = extrasOf.get(fn)?.get(l.params[l.param] ?? '') ?? [];
      if (extra.length) d.uses.push({ parent: l.parent, prefix: l.prefix, dynamic: l.dynamic, args: [], children: [...new Set(extra)], replacesOwnPrefix: l.replaces, file: d.file, line: l.line, order: 0 });
    }
  }
  const passes: RefListPass[] = [];
  const listOf = (a: Node | null | undefined): Ref[] | undefined => {
    if (a?.type === 'identifier') return lists.get(a.text);
    if (!inline || !a || !LIST.has(a.type)) return undefined;
    const items = a.namedChildren.filter((x): x is Node => !!x && x.type !== 'comment');
    const refs = items.map((x) => (x.type === 'identifier' || x.type === 'attribute' ? refOf(x) : undefined));
    return items.length && refs.every((r) => r !== undefined) ? (refs as Ref[]) : undefined;
  };
  if (lists.size || inline) {
    for (const call of root.descendantsOfType('call')) {
      const callee = call && refOf(call.childForFieldName('function'));
      if (!callee) continue;
      positionalArgs(call!).forEach((a, index) => {
        const refs = listOf(a);
        if (refs) passes.push({ callee, index, refs, line: line(call!), order: call!.startIndex });
      });
      for (const a of kids(call!.childForFieldName('arguments'))) {
        const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : undefined;
        const refs = listOf(v);
        if (refs) passes.push({ callee, kw: a.childForFieldName('name')?.text ?? '', refs, line: line(call!), order: call!.startIndex });
      }
    }
  }
  return Object.keys(loops).length || passes.length ? { loops, passes } : undefined;
}

/** Mounts each list handed to a loop function (possibly in another module) under the loop's router and prefix. */
export function linkBlueprintLoops(pys: FileDecls[], resolve: (r: Ref) => Ref, pyOf: (r: Ref) => PyFacts | undefined): void {
  for (const d of pys) {
    for (const p of d.py!.blueprintLoops?.passes ?? []) {
      const target = resolve(p.callee);
      const fn = target.slice(target.lastIndexOf('#') + 1);
      for (const l of pyOf(target)?.blueprintLoops?.loops[fn] ?? []) {
        if (p.index !== l.param && (p.kw === undefined || p.kw !== l.params[l.param])) continue;
        d.uses.push({ parent: l.parent, prefix: l.prefix, dynamic: l.dynamic, args: [], children: p.refs, replacesOwnPrefix: l.replaces, file: d.file, line: p.line, order: p.order });
      }
    }
  }
}

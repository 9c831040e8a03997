// A module-level call, as a statement, that may use a route factory of the service
// (`register_plugin_assets_directory(app, base_path="/plugins/x/")`): recorded in `py.uses` for
// pyLink.ts, which expands the factory where it is defined.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, Ref } from '../types';
import type { PyFacts } from './pyFacts';
import { callArgs, line } from '../treeUtil';
import { evalStr } from './pyEval';
import { positionalArgs as positional } from './pyScope';
import { dict } from '../../ownKeys';

export interface PlainUseCtx {
  file: string;
  py: PyFacts;
  d: FileDecls;
  topDefs: ReadonlyMap<string, Node>;
  key: (name: string) => Ref;
  refOf: (n: Node | undefined | null) => Ref | undefined;
  moduleEnv: ReadonlyMap<string, string>;
}

/**
 * `register_plugin_assets_directory(app, base_path="/plugins/x/")`: a call, as a statement, of a
 * function of this module or an imported one with a string argument may use a route factory
 * whose view it fixes (pyLink.ts expands it where the factory is).
 */
export function plainUse(call: Node, ctx: PlainUseCtx): void {
  const { file, py, d, topDefs, key, refOf, moduleEnv } = ctx;
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'identifier' ? fn.text : undefined;
  const callee = refOf(fn);
  if (!callee || (name !== undefined && !topDefs.has(name) && !d.aliases[key(name)])) return;
  if (fn?.type === 'attribute' && !callee.startsWith('import:')) return;
  const args = positional(call).map((a) => evalStr(a, moduleEnv));
  const kwargs: Record<string, string | string[]> = dict();
  const kwargRefs: Record<string, Ref> = dict();
  for (const a of callArgs(call)) {
    if (a.type !== 'keyword_argument') continue;
    const k = a.childForFieldName('name')?.text ?? '';
    const v = evalStr(a.childForFieldName('value'), moduleEnv);
    if (v !== undefined) kwargs[k] = v;
    const r = refOf(a.childForFieldName('value'));
    if (r) kwargRefs[k] = r;
  }
  // An argument that is a router of this file (`spa.mount_spa(app)`) may be a factory's router.
  if (!args.some((v) => v !== undefined) && !Object.keys(kwargs).length && !positional(call).some((a) => d.routers.has(refOf(a) ?? ''))) return;
  py.uses.push({ callee, args, call: true, argRefs: positional(call).map(refOf), kwargRefs, kwargs, handler: '', guards: [], file, line: line(call), order: call.startIndex });
}

// A module-level call, as a statement, that may use a route factory of the service
// (`register_plugin_assets_directory(app, base_path="/plugins/x/")`): recorded in `py.uses` for
// pyLink.ts, which expands the factory where it is defined.
import type { Node } from 'web-tree-sitter';
import type { FileDecls, Ref } from '../types';
import type { PyFacts, ViewArg } from './pyFacts';
import { callArgs, line } from '../treeUtil';
import { evalStr, evalStrList } from './pyEval';
import { viewArgOf } from './methodViews';
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
  // String lists a factory may walk (`routes=["/a", "/b"]`) and class-based views it may register (methodViews.ts).
  const argLists = positional(call).map((a) => (a.type === 'list' ? evalStrList(a, moduleEnv) : undefined));
  const viewArgs = positional(call).map((a) => viewArgOf(a, refOf));
  const kwargs: Record<string, string | string[]> = dict();
  const kwargRefs: Record<string, Ref> = dict();
  const kwViews: Record<string, ViewArg> = dict();
  for (const a of callArgs(call)) {
    if (a.type !== 'keyword_argument') continue;
    const k = a.childForFieldName('name')?.text ?? '';
    const value = a.childForFieldName('value');
    const v = evalStr(value, moduleEnv) ?? (value?.type === 'list' ? evalStrList(value, moduleEnv) : undefined);
    if (v !== undefined) kwargs[k] = v;
    const r = refOf(value);
    if (r) kwargRefs[k] = r;
    const view = viewArgOf(value, refOf);
    if (view) kwViews[k] = view;
  }
  const views = viewArgs.some(Boolean) || Object.keys(kwViews).length > 0;
  // An argument that is a router of this file (`spa.mount_spa(app)`) may be a factory's router.
  if (!args.some((v) => v !== undefined) && !Object.keys(kwargs).length && !views && !positional(call).some((a) => d.routers.has(refOf(a) ?? ''))) return;
  py.uses.push({
    callee, args, call: true, argRefs: positional(call).map(refOf), kwargRefs, kwargs, handler: '', guards: [], file, line: line(call), order: call.startIndex,
    ...(argLists.some(Boolean) ? { argLists } : {}),
    ...(views ? { viewArgs, kwViews } : {}),
  });
}
